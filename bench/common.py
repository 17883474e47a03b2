"""Shared by the bench scripts: the bench database and Django set-up."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"


def database_path(n):
    return DATA / f"bench-{n}.sqlite3"


def setup_django(n):
    """Production settings (DEBUG off) on the bench database of N articles."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    DATA.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database_path(n)}")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journal.settings")
    os.environ.pop("DJANGO_DEBUG", None)
    import django

    django.setup()


def like_with_like_keyword(issue):
    """The slug of a keyword of exactly ``issue``'s articles (10 at every N), so that N = 10
    and N = 100,000 render the same keyword page, as they do the same table of contents."""
    from taggit.models import Tag

    from articles.models import Article, ArticleKeyword

    tag, _created = Tag.objects.get_or_create(
        slug="bench-like-with-like", defaults={"name": "bench like with like"}
    )
    ArticleKeyword.objects.bulk_create(
        [
            ArticleKeyword(content_object=article, tag=tag, language="en", order=99)
            for article in Article.objects.filter(issue=issue)
        ],
        ignore_conflicts=True,
    )
    return tag.slug


def page_urls():
    """{page type: URL}, the pages the bench measures, picked from the middle of the data."""
    from django.urls import reverse
    from django.utils import translation

    from articles.how_to_cite import render_citations
    from articles.models import Article
    from journal.models import Issue
    from journal.sitemaps import ArticleSitemap

    translation.activate("zh-hans")
    articles = Article.objects.published().order_by("pk")
    count = articles.count()
    article = articles[count // 2]
    # Its How to Cite, as the render process leaves an article after its save (the
    # generator's bulk inserts skip it).
    render_citations(article=article, stale_only=True)
    # The first issue: 10 articles at every N (bench/generate.py), so N = 10 and
    # N = 100,000 render the same table of contents.
    issue = Issue.objects.order_by("publication_date", "pk").first()
    popular = article.keyword_links.select_related("tag").first().tag
    return {
        "landing": article.get_absolute_url(),
        "table of contents": issue.get_absolute_url(),
        "archive": reverse("journal:archive", kwargs={"journal": article.journal.slug}),
        "home": reverse("journal:home", kwargs={"journal": article.journal.slug}),
        "keyword": reverse("articles:keyword", kwargs={"slug": like_with_like_keyword(issue)}),
        # A generated keyword: one article at N = 10, a full page of 20 (of ~170) at 100,000.
        "keyword, shared": reverse("articles:keyword", kwargs={"slug": popular.slug}),
        # The page holding the middle article: 10 items at N = 10, 1,000 (a full file)
        # from N = 1,000 on, so its cost grows up to a full file and is flat after.
        "sitemap page": reverse("sitemap_section", kwargs={"section": "articles"})
        + f"?p={article.pk * 2 // ArticleSitemap.limit + 1}",  # files are ranges of keys
        "OAI-PMH ListRecords": reverse("oai:endpoint") + "?verb=ListRecords&metadataPrefix=oai_dc",
        "search": reverse("search:results") + "?q=协同治理",
    }
