import re

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.models import Article
from journal.models import Journal
from scholarly.identifiers import identifier_in_query
from search.highlight import terms_pattern
from search.query import MAX_QUERY_LENGTH, Query, Results
from search.results import build_result

RESULTS_PER_PAGE = 20
ORCID_ARTICLES = 100
SLUG_RE = re.compile(r"[-a-zA-Z0-9_]{1,80}")


def journal_filter(value):
    """A journal slug, or "" for anything that cannot be one (NUL bytes, spaces…)."""
    value = (value or "").strip()
    return value if SLUG_RE.fullmatch(value) else ""


def year_filter(value):
    """A four-digit year, or None for anything else."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) == 4 else None


def identified(kind, value):
    """What an identifier names here: an article (DOI) or journal (ISSN) to go to, or
    the public articles of an author (ORCID iD); None when nothing here has it."""
    if kind == "doi":
        return Article.objects.published().with_places().filter(doi__iexact=value).first()
    if kind == "issn":
        return Journal.objects.filter(Q(issn_print=value) | Q(issn_online=value)).first()
    return list(
        Article.objects.published()
        .filter(authors__orcid=value)
        .distinct()
        .for_listing()
        .order_by("-published_at", "-pk")[:ORCID_ARTICLES]
    )


@require_GET
def results(request):
    query = Query.parse(request.GET.get("q", ""))
    journal = journal_filter(request.GET.get("journal"))
    year = year_filter(request.GET.get("year"))
    context = {
        "query": query,
        "journal_filter": journal,
        "year_filter": year,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    # A pasted DOI or ISSN goes where it points; an ORCID iD lists its author's articles.
    if identifier := identifier_in_query(query.text):
        kind, value = identifier
        found = identified(kind, value)
        if kind in ("doi", "issn") and found is not None:
            return redirect(found)
        context["identifier"] = {"kind": kind, "value": value, "articles": found}
        if found:
            return render(request, "search/results.html", context)
    if query:
        matches = Results(query, journal=journal, year=year)
        page = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        pattern = terms_pattern(query.terms)
        context.update(
            page_obj=page,
            results=[build_result(article, pattern) for article in page.object_list],
            count_capped=matches.capped,
            count_limit=number_format(matches.count_limit, force_grouping=True),
            journal_facets=matches.journal_facets,
            year_facets=matches.year_facets,
            query_string=urlencode(
                {
                    key: value
                    for key, value in (("q", query.text), ("journal", journal), ("year", year))
                    if value
                }
            ),
        )
    return render(request, "search/results.html", context)
