from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from stats.counting import countable, is_public_article, record
from stats.models import Kind


@csrf_exempt  # navigator.sendBeacon cannot send a CSRF token; counting changes no user data
@require_POST
@never_cache
def view_beacon(request, article):
    """One landing-page view, sent by static/js/stats.js; 204 whether counted or not."""
    if countable(request):
        if not is_public_article(article):
            raise Http404("No public article with this id.")
        record(request, article, Kind.VIEW)
    return HttpResponse(status=204)
