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
    """Counts by journal and by year among the matches; each respects the other filter."""
    by_journal = (
        search(query, year=year)
        .values("journal__slug", "journal__title_zh", "journal__title_en")
        .annotate(count=Count("pk"))
        .order_by("journal__title_en", "journal__slug")
    )
    by_year = (
        search(query, journal=journal)
        .values("filed_year")
        .annotate(count=Count("pk"))
        .order_by("-filed_year")
    )
    interface = current_language()
    journals = [
        {
            "slug": row["journal__slug"],
            "title": row[f"journal__title_{'en' if interface == Language.EN else 'zh'}"]
            or row["journal__title_zh"]
            or row["journal__title_en"],
            "count": row["count"],
        }
        for row in by_journal
    ]
    years = [{"year": row["filed_year"], "count": row["count"]} for row in by_year]
    return journals, [row for row in years if row["year"]]
