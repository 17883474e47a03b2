"""The OAI-PMH 2.0 endpoint: one base URL, GET and POST, six verbs (OAI-1, OAI-3)."""

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Min, Prefetch, Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from articles.models import ArticleKeyword, Author, Galley
from journal.models import Section
from oai import documents
from oai.models import harvestable_articles
from oai.protocol import OAIError, date_range, make_token, parse_arguments, read_token

SET_SPEC_RE = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)?$")
# earliestDatestamp of an empty repository.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def site_root(request):
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


def repository_id(request):
    if settings.OAI_REPOSITORY_ID:
        return settings.OAI_REPOSITORY_ID
    return urlsplit(site_root(request)).hostname or "localhost"


def oai_identifier(request, article_pk):
    return f"oai:{repository_id(request)}:article/{article_pk}"


def article_pk_of(request, identifier):
    prefix = f"oai:{repository_id(request)}:article/"
    rest = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
    if not rest.isascii() or not rest.isdigit():
        raise OAIError("idDoesNotExist", "No record has this identifier.")
    return int(rest)


def check_prefix(arguments):
    if arguments["metadataPrefix"] not in documents.METADATA_FORMATS:
        raise OAIError(
            "cannotDisseminateFormat", "This repository gives its records in oai_dc only."
        )


def for_records(queryset):
    """Every related row an oai_dc record reads, in a fixed number of queries."""
    return queryset.select_related("journal", "issue", "section").prefetch_related(
        Prefetch("authors", queryset=Author.objects.order_by("order", "pk")),
        Prefetch(
            "keyword_links",
            queryset=ArticleKeyword.objects.select_related("tag").order_by(
                "language", "order", "pk"
            ),
        ),
        Prefetch("galleys", queryset=Galley.objects.order_by("order", "pk")),
    )


def find_record(request, identifier):
    pk = article_pk_of(request, identifier)
    article = for_records(harvestable_articles()).filter(pk=pk).first()
    if article is None:
        raise OAIError("idDoesNotExist", "No record has this identifier.")
    return article


# The verbs. Each adds its part under the envelope or raises OAIError.


def identify(request, root, arguments):
    earliest = harvestable_articles().aggregate(earliest=Min("oai_datestamp"))["earliest"]
    rid = repository_id(request)
    documents.identify(
        root,
        name=settings.OAI_REPOSITORY_NAME or settings.SITE_NAME or rid,
        base_url=base_url(request),
        admin_emails=[settings.OAI_ADMIN_EMAIL or settings.DEFAULT_FROM_EMAIL],
        earliest=earliest or EPOCH,
        repository_id=rid,
        sample=f"oai:{rid}:article/1",
    )


def list_metadata_formats(request, root, arguments):
    if "identifier" in arguments:
        find_record(request, arguments["identifier"])
    documents.metadata_formats(root)


def list_sets(request, root, arguments):
    if "resumptionToken" in arguments:
        raise OAIError("badResumptionToken", "ListSets is never split; this token is unknown.")
    sections = Section.objects.select_related("journal").order_by(
        "journal__slug", "journal__pk", "order", "pk"
    )
    documents.list_sets(root, sections)


def get_record(request, root, arguments):
    article = find_record(request, arguments["identifier"])
    check_prefix(arguments)
    node = documents.sub(root, documents.oai("GetRecord"))
    documents.record(node, article, arguments["identifier"], site_root(request))


def list_identifiers(request, root, arguments):
    list_headers(request, root, arguments, verb="ListIdentifiers")


def list_records(request, root, arguments):
    list_headers(request, root, arguments, verb="ListRecords")


def list_headers(request, root, arguments, *, verb):
    """ListIdentifiers and ListRecords: a selective harvest, in pages (OAI-5, OAI-7)."""
    after, cursor = None, 0
    if "resumptionToken" in arguments:
        arguments, after, cursor = read_token(arguments["resumptionToken"], verb)
    start, end = date_range(arguments)
    spec = arguments.get("set", "")
    if spec and not SET_SPEC_RE.match(spec):
        raise OAIError("badArgument", "The set argument is not a valid setSpec.")
    check_prefix(arguments)
    selection = harvestable_articles()
    if start:
        selection = selection.filter(oai_datestamp__gte=start)
    if end:
        selection = selection.filter(oai_datestamp__lt=end)
    if spec:
        journal_slug, _, section_slug = spec.partition(":")
        selection = selection.filter(journal__slug=journal_slug)
        if section_slug:
            selection = selection.filter(section__slug=section_slug)
    complete_list_size = selection.count()
    page = selection
    if after:
        datestamp, pk = after
        page = page.filter(Q(oai_datestamp__gt=datestamp) | Q(oai_datestamp=datestamp, pk__gt=pk))
    page = page.order_by("oai_datestamp", "pk")
    if verb == "ListRecords":
        page = for_records(page)
    else:
        page = page.select_related("journal", "section")
    size = settings.OAI_PAGE_SIZE
    articles = list(page[: size + 1])
    if not articles:
        raise OAIError("noRecordsMatch", "No records match these arguments.")
    more = len(articles) > size
    articles = articles[:size]
    node = documents.sub(root, documents.oai(verb))
    base = site_root(request)
    for article in articles:
        identifier = oai_identifier(request, article.pk)
        if verb == "ListRecords":
            documents.record(node, article, identifier, base)
        else:
            documents.header(node, article, identifier)
    if more or after:
        last = articles[-1]
        token = (
            make_token(
                verb=verb,
                arguments=arguments,
                after=(last.oai_datestamp, last.pk),
                cursor=cursor + len(articles),
            )
            if more
            else ""
        )
        documents.resumption_token(
            node,
            token=token,
            cursor=cursor,
            complete_list_size=complete_list_size,
        )


VERBS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}


def base_url(request):
    return f"{site_root(request)}{reverse('oai:endpoint')}"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def endpoint(request):
    """GET and POST (form-encoded) alike; protocol errors are <error> in a 200 (OAI-1, OAI-8)."""
    query = request.POST if request.method == "POST" else request.GET
    url = base_url(request)
    try:
        verb, arguments = parse_arguments(query)
    except OAIError as problem:
        # badVerb and badArgument: the base URL only, no attributes (OAI-2).
        root = documents.envelope(base_url=url)
        documents.error(root, problem.code, problem.message)
    else:
        root = documents.envelope(base_url=url, verb=verb, arguments=arguments)
        try:
            VERBS[verb](request, root, arguments)
        except OAIError as problem:
            if problem.code == "badArgument":
                root = documents.envelope(base_url=url)
            documents.error(root, problem.code, problem.message)
    return HttpResponse(documents.serialize(root), content_type="text/xml; charset=utf-8")
