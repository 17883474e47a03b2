"""Finding articles: a reader's query, made safe, matched against the full-text index."""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractYear

from articles.models import Article, Author
from journal.languages import Language, current_language
from search.models import SearchEntry
from search.tokens import highlight_terms, query_tokens

MAX_QUERY_LENGTH = 200
# More tokens than this add nothing but work (a pasted paragraph).
MAX_TOKENS = 32


@dataclass
class Query:
    """What the reader typed, cleaned: ``text`` to show back, ``tokens`` to match."""

    text: str = ""
    trimmed: bool = False
    tokens: list = field(default_factory=list)
    terms: list = field(default_factory=list)

    @classmethod
    def parse(cls, raw):
        text = " ".join(normalise_display(raw).split())
        trimmed = len(text) > MAX_QUERY_LENGTH
        text = text[:MAX_QUERY_LENGTH]
        return cls(
            text=text,
            trimmed=trimmed,
            tokens=query_tokens(text)[:MAX_TOKENS],
            terms=highlight_terms(text),
        )

    def __bool__(self):
        return bool(self.tokens)


def normalise_display(raw):
    """The query as typed, minus what cannot be shown or stored (NUL, lone surrogates)."""
    raw = (raw or "").encode("utf-8", "ignore").decode("utf-8")
    return "".join(ch for ch in raw if ch.isprintable() or ch.isspace())


def matching_article_ids(tokens):
    """A subquery of the ids of articles holding every token (any status)."""
    if connection.vendor == "sqlite":
        # Each token quoted: FTS5 reads it as a plain string, never as syntax.
        match = " ".join('"{}"'.format(token.replace('"', '""')) for token in tokens)
        return RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match])
    if connection.vendor == "postgresql":
        return RawSQL(
            "SELECT article_id FROM search_searchentry WHERE "
            "to_tsvector('simple'::regconfig, tokens) @@ plainto_tsquery('simple'::regconfig, %s)",
            [" ".join(tokens)],
        )
    condition = Q()
    for token in tokens:
        condition &= Q(tokens__contains=f" {token} ")
    return SearchEntry.objects.filter(condition).values("article_id")


def year_expression():
    """The year a reader files an article under: its issue's, else its publication year."""
    return Coalesce("issue__year", ExtractYear("published_at"))


def search(query, *, journal="", year=None):
    """Published articles matching the query, newest first, with the filters applied."""
    articles = (
        Article.objects.published()
        .filter(pk__in=matching_article_ids(query.tokens))
        .annotate(filed_year=year_expression())
    )
    return filter_articles(articles, journal=journal, year=year)


def filter_articles(articles, *, journal="", year=None):
    if journal:
        articles = articles.filter(journal__slug=journal)
    if year:
        articles = articles.filter(filed_year=year)
    return articles


def for_results_page(articles):
    """Everything the results template reads, in two queries besides the count."""
    return (
        articles.select_related("journal", "issue")
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.order_by("order", "pk")),
        )
        .order_by("-published_at", "-pk")
    )


def facets(query, *, journal="", year=None):
    """(total, journal facets, year facets) of the matches, from one grouped query.

    The database scans the matches once, grouped by (journal, year); the total and each
    facet are summed here, each facet respecting the other filter, as readers expect.
    """
    rows = list(
        search(query)
        .values("journal__slug", "journal__title_zh", "journal__title_en", "filed_year")
        .annotate(count=Count("pk"))
        .order_by()
    )
    interface = current_language()
    title_key = "journal__title_en" if interface == Language.EN else "journal__title_zh"
    total, by_journal, by_year = 0, {}, {}
    for row in rows:
        slug, row_year, count = row["journal__slug"], row["filed_year"], row["count"]
        journal_matches = not journal or slug == journal
        year_matches = not year or row_year == year
        if journal_matches and year_matches:
            total += count
        if year_matches:
            title = row[title_key] or row["journal__title_zh"] or row["journal__title_en"]
            entry = by_journal.setdefault(slug, {"slug": slug, "title": title, "count": 0})
            entry["count"] += count
        if journal_matches and row_year:
            entry = by_year.setdefault(row_year, {"year": row_year, "count": 0})
            entry["count"] += count
    journals = sorted(by_journal.values(), key=lambda entry: (entry["title"], entry["slug"]))
    years = sorted(by_year.values(), key=lambda entry: -entry["year"])
    return total, journals, years
