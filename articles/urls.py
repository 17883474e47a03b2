from django.urls import path, register_converter
from django.urls.converters import StringConverter

from articles import feeds, views
from journal.cache import public_page


class KeywordConverter(StringConverter):
    """A keyword's slug (Unicode allowed); a NUL character cannot be one (PostgreSQL
    rejects it in a query), so such a URL is simply not found."""

    regex = "[^/\x00]+"


register_converter(KeywordConverter, "keyword")

app_name = "articles"

urlpatterns = [
    path("keywords/<keyword:slug>/", views.KeywordView.as_view(), name="keyword"),
    path("<slug:journal>/article/<int:article>/", views.LandingView.as_view(), name="landing"),
    # Galleys sit under the landing page's own path, as Google Scholar requires (GS-10).
    path(
        "<slug:journal>/article/<int:article>/galley/<int:galley>/",
        views.galley_download,
        name="galley",
    ),
    path("<slug:journal>/article/<int:article>/cite.json", views.csl_json, name="csl_json"),
    path("<slug:journal>/article/<int:article>/jats.xml", views.jats_xml, name="jats"),
    path("<slug:journal>/article/<int:article>/cite/", views.cite_fragment, name="cite"),
    *[
        path(
            f"<slug:journal>/article/<int:article>/cite.{extension}",
            views.citation_download,
            {"extension": extension},
            name=f"cite_{extension}",
        )
        for extension in ("ris", "bib", "enw")
    ],
    path("<slug:journal>/feed/rss/", public_page(feeds.JournalFeed()), name="journal_feed_rss"),
    path(
        "<slug:journal>/feed/atom/",
        public_page(feeds.JournalAtomFeed()),
        name="journal_feed_atom",
    ),
    path(
        "<slug:journal>/issues/<int:issue>/feed/rss/",
        public_page(feeds.IssueFeed()),
        name="issue_feed_rss",
    ),
    path(
        "<slug:journal>/issues/<int:issue>/feed/atom/",
        public_page(feeds.IssueAtomFeed()),
        name="issue_feed_atom",
    ),
    # The feeds' URLs of integer volumes and numbers, before #15: a permanent redirect.
    *[
        path(
            f"<slug:journal>/issues/<int:volume>/<int:number>/feed/{kind}/",
            views.issue_feed_by_volume_and_number,
            {"kind": kind},
        )
        for kind in ("rss", "atom")
    ],
]
