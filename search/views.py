from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from search.highlight import terms_pattern
from search.query import MAX_QUERY_LENGTH, Query, facets, for_results_page, search
from search.results import build_result

RESULTS_PER_PAGE = 20


def year_filter(value):
    """A four-digit year, or None for anything else."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) == 4 else None


@require_GET
def results(request):
    query = Query.parse(request.GET.get("q", ""))
    journal = request.GET.get("journal", "").strip()[:80]
    year = year_filter(request.GET.get("year"))
    context = {
        "query": query,
        "journal_filter": journal,
        "year_filter": year,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    if query:
        page = Paginator(
            for_results_page(search(query, journal=journal, year=year)), RESULTS_PER_PAGE
        ).get_page(request.GET.get("page"))
        pattern = terms_pattern(query.terms)
        journals, years = facets(query, journal=journal, year=year)
        context.update(
            page_obj=page,
            results=[build_result(article, pattern) for article in page.object_list],
            journal_facets=journals,
            year_facets=years,
            query_string=urlencode(
                {
                    key: value
                    for key, value in (("q", query.text), ("journal", journal), ("year", year))
                    if value
                }
            ),
        )
    return render(request, "search/results.html", context)
