"""The OAI-PMH 2.0 endpoint: one base URL, GET and POST, six verbs (OAI-1, OAI-3)."""

import hashlib
import heapq
import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Prefetch, Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from articles.models import ArticleKeyword, Author, Funding, Galley
from journal.cache import content_generation
from journal.models import Section
from oai import documents
from oai.models import Tombstone, live_articles
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
            "cannotDisseminateFormat",
            "This repository gives its records in oai_dc and oai_jats only.",
        )


def for_records(queryset, prefix="oai_dc"):
    """Every related row a record of ``prefix`` reads, in a fixed number of queries:
    oai_jats also reads the authors' affiliations and the funding."""
    authors = Author.objects.order_by("order", "pk")
    extra = []
    if prefix == "oai_jats":
        authors = authors.prefetch_related("affiliations")
        extra = [Prefetch("funding", queryset=Funding.objects.order_by("order", "pk"))]
    return queryset.select_related("journal", "issue", "section").prefetch_related(
        *extra,
        Prefetch("authors", queryset=authors),
        Prefetch(
            "keyword_links",
            queryset=ArticleKeyword.objects.select_related("tag").order_by(
                "language", "order", "pk"
            ),
        ),
        Prefetch("galleys", queryset=Galley.objects.order_by("order", "pk")),
    )


def find_record(request, identifier, prefix="oai_dc"):
    """The public article, else the tombstone of a withdrawn (or erased) one."""
    pk = article_pk_of(request, identifier)
    found = for_records(live_articles(), prefix).filter(pk=pk).first()
    found = found or Tombstone.objects.deleted_records().filter(record_id=pk).first()
    if found is None:
        raise OAIError("idDoesNotExist", "No record has this identifier.")
    return found


def record_id(item):
    """The number in the identifier: an article's id, or the one its tombstone keeps."""
    return item.record_id if isinstance(item, Tombstone) else item.pk


def set_specs(item):
    return item.set_specs if isinstance(item, Tombstone) else documents.set_specs(item)


def write_header(parent, request, item):
    documents.header(
        parent,
        identifier=oai_identifier(request, record_id(item)),
        datestamp=item.oai_datestamp,
        set_specs=set_specs(item),
        deleted=not item.oai_live,
    )


def write_record(parent, request, item, prefix):
    """A <record>: header only for a deleted record (OAI-9), else header and metadata."""
    node = documents.sub(parent, documents.oai("record"))
    write_header(node, request, item)
    if item.oai_live:
        metadata = documents.sub(node, documents.oai("metadata"))
        metadata.append(documents.METADATA_WRITERS[prefix](item, site_root(request)))


# The verbs. Each adds its part under the envelope or raises OAIError.


def identify(request, root, arguments):
    dates = [
        live_articles().aggregate(earliest=Min("oai_datestamp"))["earliest"],
        Tombstone.objects.deleted_records().aggregate(earliest=Min("deleted_at"))["earliest"],
    ]
    earliest = min(filter(None, dates), default=None)
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
    item = find_record(request, arguments["identifier"], arguments["metadataPrefix"])
    check_prefix(arguments)
    prefix = arguments["metadataPrefix"]
    write_record(documents.sub(root, documents.oai("GetRecord")), request, item, prefix)


def list_identifiers(request, root, arguments):
    list_headers(request, root, arguments, verb="ListIdentifiers")


def list_records(request, root, arguments):
    list_headers(request, root, arguments, verb="ListRecords")


def list_size(live, deleted, selection):
    """completeListSize: counting every record is the one part of a page that grows with
    the repository, so it is counted once per content generation and selection (a
    harvest's pages share it; any edit starts a new generation)."""
    digest = hashlib.sha256(repr(selection).encode()).hexdigest()
    key = f"oai:list-size:{content_generation()}:{digest}"
    size = cache.get(key)
    if size is None:
        size = live.count() + deleted.count()
        cache.set(key, size, timeout=300)
    return size


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
    # Two sources, each in (datestamp, number) order: public articles and the
    # tombstones of withdrawn ones. Each gives at most a page; merged, they give it.
    live = live_articles()
    deleted = Tombstone.objects.deleted_records()
    if start:
        live = live.filter(oai_datestamp__gte=start)
        deleted = deleted.filter(deleted_at__gte=start)
    if end:
        live = live.filter(oai_datestamp__lt=end)
        deleted = deleted.filter(deleted_at__lt=end)
    if spec:
        journal_slug, _, section_slug = spec.partition(":")
        live = live.filter(journal__slug=journal_slug)
        if section_slug:
            live = live.filter(section__slug=section_slug)
        deleted = deleted.in_set(journal_slug, section_slug)
    complete_list_size = list_size(live, deleted, (start, end, spec))
    if after:
        datestamp, pk = after
        live = live.filter(Q(oai_datestamp__gt=datestamp) | Q(oai_datestamp=datestamp, pk__gt=pk))
        deleted = deleted.filter(
            Q(deleted_at__gt=datestamp) | Q(deleted_at=datestamp, record_id__gt=pk)
        )
    # The record index's own order (datestamp, article): read in order, never sorted.
    live = live.order_by("oai_datestamp", "oai_record__article")
    prefix = arguments["metadataPrefix"]
    if verb == "ListRecords":
        live = for_records(live, prefix)
    else:
        live = live.select_related("journal", "section")
    size = settings.OAI_PAGE_SIZE
    items = list(
        heapq.merge(
            live[: size + 1],
            deleted.order_by("deleted_at", "record_id")[: size + 1],
            key=lambda item: (item.oai_datestamp, record_id(item)),
        )
    )[: size + 1]
    if not items:
        raise OAIError("noRecordsMatch", "No records match these arguments.")
    more = len(items) > size
    items = items[:size]
    node = documents.sub(root, documents.oai(verb))
    for item in items:
        if verb == "ListRecords":
            write_record(node, request, item, prefix)
        else:
            write_header(node, request, item)
    if more or after:
        last = items[-1]
        token = (
            make_token(
                verb=verb,
                arguments=arguments,
                after=(last.oai_datestamp, record_id(last)),
                cursor=cursor + len(items),
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


def requested_prefix(verb, arguments):
    """The metadataPrefix of a request, also when its resumption token carries it."""
    if "resumptionToken" in arguments:
        try:
            arguments = read_token(arguments["resumptionToken"], verb)[0]
        except OAIError:  # the verb itself answers badResumptionToken
            return ""
    return arguments.get("metadataPrefix", "")


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
        root = documents.envelope(
            base_url=url,
            verb=verb,
            arguments=arguments,
            prefixed=requested_prefix(verb, arguments) == "oai_jats",
        )
        try:
            VERBS[verb](request, root, arguments)
        except OAIError as problem:
            if problem.code == "badArgument":
                root = documents.envelope(base_url=url)
            documents.error(root, problem.code, problem.message)
    return HttpResponse(documents.serialize(root), content_type="text/xml; charset=utf-8")
