from django.conf import settings
from django.utils.translation import gettext as _


def base_url(request):
    """``https://host`` for absolute URLs: SITE_URL when set, else the request's host."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


def site(request):
    return {
        "site_name": settings.SITE_NAME or _("Scholarly journals"),
        "base_url": base_url(request),
    }
