"""sitemap.xml: every public journal home, About page, archive, issue and article page.

Each entry is listed in both interface languages with ``xhtml:link`` alternates
and an ``x-default`` (the unprefixed, negotiating URL). A sitemap file may hold
50,000 URLs; with two languages per item, a page holds 25,000 items.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps
from django.urls import reverse

from articles.models import Article
from journal.models import Issue, Journal

URLS_PER_FILE = 50_000


class BilingualSitemap(sitemaps.Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # 1,000 items (2,000 URLs with their alternates) a file, far below the protocol's
    # 50,000 URLs: each file then costs the same to build however large the site.
    limit = 1_000

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)


class JournalSitemap(BilingualSitemap):
    """The home, the About page and the archive of each journal."""

    def items(self):
        return [
            (journal, page)
            for journal in Journal.objects.order_by("pk")
            for page in ("journal:home", "journal:about", "journal:archive")
        ]

    def location(self, item):
        journal, page = item
        return reverse(page, kwargs={"journal": journal.slug})

    def lastmod(self, item):
        return item[0].updated_at


class IssueSitemap(BilingualSitemap):
    def items(self):
        return Issue.objects.published().select_related("journal").order_by("pk")

    def lastmod(self, issue):
        return issue.updated_at


class ArticleSitemap(BilingualSitemap):
    def items(self):
        return Article.objects.published().select_related("journal").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {"journals": JournalSitemap, "issues": IssueSitemap, "articles": ArticleSitemap}
