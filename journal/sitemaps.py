"""sitemap.xml: every public journal home, About page, archive, issue and article page.

Each entry is listed in both interface languages with ``xhtml:link`` alternates
and an ``x-default`` (the unprefixed, negotiating URL). A sitemap file may hold
50,000 URLs; a file here holds 1,000 (``BilingualSitemap.limit``).
"""

from collections.abc import Sequence
from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps
from django.db.models import QuerySet
from django.urls import reverse

from articles.models import Article
from journal.models import Issue, Journal

URLS_PER_FILE = 50_000


class ItemsInEveryLanguage(Sequence):
    """(item, language) pairs of a queryset, each page of them fetched on its own.

    Django's i18n sitemap builds this list whole, every article in every language, for
    each sitemap file it serves (7 s at 100,000 articles); here a file reads only its
    own items, so it costs the same however large the site.
    """

    def __init__(self, items, languages):
        self.items = items
        self.languages = languages

    @cached_property
    def _length(self):
        count = self.items.count() if isinstance(self.items, QuerySet) else len(self.items)
        return count * len(self.languages)

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        per_item = len(self.languages)
        if not isinstance(index, slice):
            return (self.items[index // per_item], self.languages[index % per_item])
        start, stop, _step = index.indices(len(self))
        first = start // per_item
        rows = self.items[first : -(-stop // per_item)]
        pairs = [(item, language) for item in rows for language in self.languages]
        return pairs[start - first * per_item : stop - first * per_item]


class BilingualSitemap(sitemaps.Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # 1,000 URLs a file (500 pages in two languages, each URL with its alternates), far
    # below the protocol's 50,000: each file then costs the same however large the site.
    limit = 1_000

    def _items(self):
        # Every item has a page in every language (Sitemap.get_languages_for_item).
        return ItemsInEveryLanguage(self.items(), self._languages())

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
