"""The site's URLs with the landing page behind Django's page cache, as production may do."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path
from django.views.decorators.cache import cache_page

from articles.views import LandingView
from journal.urls import urlpatterns as site_urlpatterns

urlpatterns = (
    i18n_patterns(
        path(
            "<slug:journal>/article/<int:article>/",
            cache_page(300)(LandingView.as_view()),
        ),
        prefix_default_language=True,
    )
    + site_urlpatterns
)
