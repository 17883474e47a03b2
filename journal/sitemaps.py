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
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from journal.models import Issue, Journal


class ItemsInEveryLanguage(Sequence):
    """(item, language) pairs, where the item at position i is the one with primary key
    i + 1 (for a queryset; a plain list is taken as it is).

    Django's i18n sitemap builds this list whole, every article in every language, for
    each sitemap file it serves (7.3 s at 100,000 articles). Here a file is a range of
    primary keys, read through the primary-key index: no count, no OFFSET past every
    earlier article, so each file costs the same however large the site. Keys that are
    not public (drafts, gaps) just leave a file shorter than the limit.
    """

    def __init__(self, items, languages):
        self.items = items
        self.languages = languages
        self.by_key = isinstance(items, QuerySet)

    @cached_property
    def _length(self):
        if self.by_key:  # the highest key of the table: an index lookup, not a count
            top = self.items.model._base_manager.aggregate(top=Max("pk"))["top"] or 0
        else:
            top = len(self.items)
        return top * len(self.languages)

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("sitemap items are read a file (a slice) at a time")
        per_item = len(self.languages)
        start = index.start or 0
        stop = len(self) if index.stop is None else index.stop
        first, last = start // per_item, -(-stop // per_item)
        if self.by_key:
            rows = self.items.filter(pk__gt=first, pk__lte=last)
        else:
            rows = self.items[first:last]
        pairs = [(item, language) for item in rows for language in self.languages]
        if self.by_key:  # a file holds whole items: the limit is a multiple of the languages
            return pairs
        return pairs[start - first * per_item : stop - first * per_item]


class FilePaginator(Paginator):
    """Serves one sitemap file without counting the site: its slice of keys.

    A file past the last key is a 404; a file inside the range may hold fewer URLs than
    the limit, or none, if its keys are drafts.
    """

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(_("That page number is not an integer")) from error
        bottom = (number - 1) * self.per_page
        past_the_end = bottom >= len(self.object_list)
        if number < 1 or (past_the_end and number > 1):  # the first file may be empty
            raise EmptyPage(_("That page contains no results"))
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


class BilingualSitemap(sitemaps.Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # 1,000 URLs a file (500 pages in two languages, each URL with its alternates), far
    # below the protocol's 50,000: each file then costs the same however large the site.
    limit = 1_000

    @property
    def paginator(self):
        return FilePaginator(self._items(), self.limit)

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


def index(request, **kwargs):
    """Django's sitemap index, its file URLs on SITE_URL when set (as in the files and
    robots.txt): Django builds them from the request's host, whatever the sitemaps say."""
    response = sitemap_views.index(request, **kwargs)
    if settings.SITE_URL:
        for entry in response.context_data["sitemaps"]:
            url = urlsplit(entry.location)
            entry.location = settings.SITE_URL + url.path + (f"?{url.query}" if url.query else "")
    return response
