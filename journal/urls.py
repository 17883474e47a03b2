"""Root URLs. Public pages live under both language prefixes (/zh-hans/, /en/);
the admin, language switch and machine endpoints stay outside them."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from journal import views
from journal.cache import public_page
from journal.sitemaps import SITEMAPS, index

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    # Uploaded images (covers, logos), named by their content: cached for a year.
    path("images/<str:name>", views.stored_image, name="stored_image"),
    path("oai/", include("oai.urls")),
    path("stats/", include("stats.urls")),
    path(
        "sitemap.xml",
        public_page(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]

urlpatterns += i18n_patterns(
    # Before the journal pages: "search" would otherwise be read as a journal's slug.
    path("search/", include("search.urls")),
    path("", include("articles.urls")),
    path("", include("journal.routes")),
    prefix_default_language=True,
)

# MEDIA_ROOT is not served, not even under DEBUG: it holds the galleys, drafts' included,
# which go out only through the galley view, which checks that the article is public.
