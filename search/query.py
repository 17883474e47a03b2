"""Finding articles: a reader's query, made safe, matched against the full-text index.

Every query reads only the search rows (``search.models.SearchEntry``), which carry the
journal, year and dates, and stops early: at 100,000 articles a common word matches most
of them, so counts and facets are taken over the first ``COUNT_LIMIT + 1`` matches only and
a page is the next 20 rows of an index in date order. Only the page's 20 articles are read.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from articles.models import Article, Author
from journal.cache import content_generation
from journal.models import Journal
from scholarly.languages import Language, current_language
from search.models import SearchEntry
from search.tokens import highlight_terms, query_tokens

MAX_QUERY_LENGTH = 200
# More tokens than this add nothing but work (a pasted paragraph).
MAX_TOKENS = 32
# Counted exactly up to here; beyond, the page says "1,000+" and shows facets without counts.
COUNT_LIMIT = 1000
# Unfiltered pages of a huge match set up to here are found by reading rows newest first
# (see match_clause); deeper or filtered ones, rarer, at the steady cost of the "set" plan.
WALK_LIMIT = 100
PLACES_TIMEOUT = 600


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


ENTRY = SearchEntry._meta.db_table
JOURNAL = Journal._meta.db_table


def match_clause(tokens, *, plan="index"):
    """(FROM, WHERE, params): the search rows ``e`` holding every token.

    SQLite follows the ``plan``; PostgreSQL's planner chooses by itself from its statistics.

    - "index": the full-text index yields the matches one by one, so a LIMIT stops it
      early; for counting, and for sorting a small match set.
    - "walk": the rows are read newest first and each one's own token string tested
      (the tokens are space-padded, so the test is exact); for the first pages of a huge
      match set, found after a few dozen rows instead of sorting tens of thousands.
    - "set": the matches are collected once and the rows tested against them in index
      order; deeper pages and filtered counts of a huge match set, at a bounded cost.
    """
    if connection.vendor == "postgresql":
        return (
            f"{ENTRY} e",
            "e.document @@ plainto_tsquery('simple'::regconfig, %s)",
            [" ".join(tokens)],
        )
    if connection.vendor != "sqlite" or plan == "walk":
        # Tokens are letters, digits and CJK only: nothing LIKE reads as a wildcard.
        return (
            f"{ENTRY} e",
            " AND ".join(["e.tokens LIKE %s"] * len(tokens)),
            [f"% {token} %" for token in tokens],
        )
    # Each token quoted: FTS5 reads it as a plain string, never as syntax.
    match = " ".join('"{}"'.format(token.replace('"', '""')) for token in tokens)
    if plan == "set":
        # The unary + keeps SQLite from driving the query by article_id.
        return (
            f"{ENTRY} e",
            "+e.article_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)",
            [match],
        )
    return (
        f"search_fts JOIN {ENTRY} e ON e.article_id = search_fts.rowid",
        "search_fts MATCH %s",
        [match],
    )


def public_clause():
    """Article.published() on the copied column: its ``public_from`` moment has come."""
    return (
        "e.published_at <= %s",
        [connection.ops.adapt_datetimefield_value(timezone.now())],
    )


def filter_clause(*, journal="", year=None):
    conditions, params = ["1 = 1"], []
    if journal:
        conditions.append(f"e.journal_id = (SELECT id FROM {JOURNAL} WHERE slug = %s)")
        params.append(journal)
    if year:
        conditions.append("e.year = %s")
        params.append(year)
    return " AND ".join(conditions), params


def run(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def match_sample(tokens):
    """(journal slug, titles, year, count) groups of the first COUNT_LIMIT + 1 public matches."""
    source, match, match_params = match_clause(tokens)
    public, public_params = public_clause()
    return run(
        f"SELECT j.slug, j.title_zh, j.title_en, s.year, COUNT(*) FROM ("
        f"SELECT e.journal_id, e.year FROM {source} WHERE {match} AND {public} LIMIT %s"
        f") s JOIN {JOURNAL} j ON j.id = s.journal_id "
        "GROUP BY j.slug, j.title_zh, j.title_en, s.year",
        [*match_params, *public_params, COUNT_LIMIT + 1],
    )


def capped_count(tokens, *, journal="", year=None):
    """The number of public matches within the filters, counted up to COUNT_LIMIT + 1."""
    source, match, match_params = match_clause(tokens, plan="set")
    public, public_params = public_clause()
    filters, filter_params = filter_clause(journal=journal, year=year)
    return run(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} WHERE {match} AND {public} "
        f"AND {filters} LIMIT %s) s",
        [*match_params, *public_params, *filter_params, COUNT_LIMIT + 1],
    )[0][0]


def public_places():
    """(journal slug, titles, year) of every public article, without counts.

    It reads every row, so it is kept until the content changes, or for PLACES_TIMEOUT:
    a year that goes public by itself may be missing from the list that long.
    """

    def places():
        public, params = public_clause()
        return run(
            f"SELECT j.slug, j.title_zh, j.title_en, s.year FROM ("
            f"SELECT DISTINCT e.journal_id, e.year FROM {ENTRY} e WHERE {public}"
            f") s JOIN {JOURNAL} j ON j.id = s.journal_id",
            params,
        )

    key = f"search:places:{content_generation()}"
    return cache.get_or_set(key, places, timeout=PLACES_TIMEOUT)


def page_ids(tokens, *, journal="", year=None, offset=0, limit=20, huge=False):
    """A subquery of the ids of one page of public matches, newest first."""
    if not huge:
        plan = "index"
    elif offset < WALK_LIMIT and not (journal or year):
        plan = "walk"
    else:  # a filter would have SQLite walk its index instead, then sort
        plan = "set"
    source, match, match_params = match_clause(tokens, plan=plan)
    public, public_params = public_clause()
    filters, filter_params = filter_clause(journal=journal, year=year)
    rows = (
        f"SELECT e.article_id, e.published_at FROM {source} "
        f"WHERE {match} AND {public} AND {filters}"
    )
    if plan == "index" and connection.vendor == "postgresql":
        # Few matches: collect them through the GIN index, then sort. Left to itself, a
        # planner without fresh statistics may walk the date index through every row.
        rows = f"WITH m AS MATERIALIZED ({rows}) SELECT * FROM m"
    return RawSQL(
        f"SELECT r.article_id FROM ({rows}) r "
        "ORDER BY r.published_at DESC, r.article_id DESC LIMIT %s OFFSET %s",
        [*match_params, *public_params, *filter_params, limit, offset],
    )


def journal_title(title_zh, title_en):
    if current_language() == Language.EN:
        return title_en or title_zh
    return title_zh or title_en


def counted_facets(rows, *, journal="", year=None):
    """(total within the filters, journal facets, year facets) of (slug, title_zh, title_en,
    year, count) rows; each facet respects the other filter, as readers expect."""
    total, by_journal, by_year = 0, {}, {}
    for slug, title_zh, title_en, row_year, count in rows:
        journal_matches = not journal or slug == journal
        year_matches = not year or row_year == year
        if journal_matches and year_matches:
            total += count
        if year_matches:
            entry = by_journal.setdefault(
                slug, {"slug": slug, "title": journal_title(title_zh, title_en), "count": 0}
            )
            entry["count"] += count
        if journal_matches and row_year:
            by_year.setdefault(row_year, {"year": row_year, "count": 0})["count"] += count
    return total, *sorted_facets(by_journal, by_year)


def uncounted_facets(rows):
    """Journal and year facets without counts, from (slug, title_zh, title_en, year) rows."""
    by_journal, by_year = {}, {}
    for slug, title_zh, title_en, row_year in rows:
        by_journal[slug] = {"slug": slug, "title": journal_title(title_zh, title_en)}
        if row_year:
            by_year[row_year] = {"year": row_year}
    return sorted_facets(by_journal, by_year)


def sorted_facets(by_journal, by_year):
    journals = sorted(by_journal.values(), key=lambda entry: (entry["title"], entry["slug"]))
    years = sorted(by_year.values(), key=lambda entry: -entry["year"])
    return journals, years


def year_expression():
    """The year a reader files an article under: its issue's, else its publication year."""
    return Coalesce("issue__year", ExtractYear("published_at"))


def for_results_page(articles):
    """Everything the results template reads, in two queries."""
    return (
        articles.select_related("journal", "issue")
        .prefetch_related(Prefetch("authors", queryset=Author.objects.order_by("order", "pk")))
        .annotate(filed_year=year_expression())
        .order_by("-published_at", "-pk")
    )


class Results:
    """The public matches of a query within the filters, as the paginator reads them:
    ``count()`` (at most COUNT_LIMIT) and one slice, the page, read in one query.

    Queries: the sample for the facets; for a huge match set also the journals and years
    to filter by and, if filtered, a capped count; then the page and its authors.
    """

    def __init__(self, query, *, journal="", year=None):
        self.tokens, self.journal, self.year = query.tokens, journal, year
        self.count_limit = COUNT_LIMIT
        sample = match_sample(self.tokens)
        self.huge = sum(row[4] for row in sample) > COUNT_LIMIT
        if not self.huge:
            self.total, self.journal_facets, self.year_facets = counted_facets(
                sample, journal=journal, year=year
            )
            return
        self.journal_facets, self.year_facets = uncounted_facets(public_places())
        self.total = (
            capped_count(self.tokens, journal=journal, year=year)
            if journal or year
            else COUNT_LIMIT + 1
        )

    @property
    def capped(self):
        """More matches than were counted: the page says "1,000+"."""
        return self.total > self.count_limit

    def count(self):
        return min(self.total, self.count_limit)

    def __len__(self):
        return self.count()

    def __getitem__(self, page):
        ids = page_ids(
            self.tokens,
            journal=self.journal,
            year=self.year,
            offset=page.start,
            limit=page.stop - page.start,
            huge=self.huge,
        )
        # published() again: a row the index has not yet caught up with stays hidden.
        return list(for_results_page(Article.objects.published().filter(pk__in=ids)))
