"""Crossref deposits (schema 5.3.1): the XML that registers articles' DOIs, and sending it.

``deposit(articles, base_url=...)`` writes one ``doi_batch`` for articles of any journals
and issues; only public articles with a DOI (and names Crossref accepts) go in, every
other one is named with the reason in ``Deposit.refused``. Abstracts come from the JATS
serializer (``articles.jats``), in Crossref's ``jats:`` namespace. ``send`` posts the file
to Crossref's deposit endpoint, only when the settings allow it (never in tests);
``record`` keeps each article's last deposit (``CrossrefDeposit``) for the admin list.
"""

import re
import urllib.request
import uuid
from dataclasses import dataclass, field
from itertools import groupby
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from lxml import etree

from articles import jats
from articles.models import TOC_ORDER, CrossrefDeposit
from scholarly.dates import PartialDate
from scholarly.identifiers import ROR_URL_PREFIX, doi_url
from scholarly.languages import Language, in_language, is_cjk, other_language
from scholarly.xml import sub as xml_sub

VERSION = "5.3.1"
CR_NS = f"http://www.crossref.org/schema/{VERSION}"
FR_NS = "http://www.crossref.org/fundref.xsd"
AI_NS = "http://www.crossref.org/AccessIndicators.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{CR_NS} https://www.crossref.org/schemas/crossref{VERSION}.xsd"
NSMAP = {None: CR_NS, "jats": jats.CROSSREF_JATS_NS, "fr": FR_NS, "ai": AI_NS, "xsi": XSI_NS}
# Crossref's given_name and surname (its schema's pattern): 1 to 60 characters, no "?"
# (what a broken encoding leaves), and not only white space and digits.
CROSSREF_NAME_RE = re.compile(r"[^\d?]*[^?\s]+[^\d]*")
PDF = "application/pdf"
# Plain HTTP only to this machine (a local relay; the tests' own server): the login is
# in the request.
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@dataclass
class Deposit:
    batch_id: str
    xml: bytes = b""
    included: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # [(article, reason)]


def cr(tag):
    return f"{{{CR_NS}}}{tag}"


def sub(parent, tag, text=None, **attributes):
    return xml_sub(parent, tag if tag.startswith("{") else cr(tag), text, **attributes)


def fits_crossref(name):
    return not name or (len(name) <= 60 and CROSSREF_NAME_RE.fullmatch(name) is not None)


def for_deposit(articles):
    """What a deposit reads, in a fixed number of queries; issue by issue, in the order of
    their tables of contents. Drafts and deleted articles too: to be named as left out."""
    return articles.for_landing_page().order_by(
        "journal__pk", "issue__year", "issue__pk", *TOC_ORDER
    )


def refusal(article):
    """Why the article cannot go into a deposit ("" when it can)."""
    if article.deleted_at:
        return _("deleted")
    if article.is_scheduled:
        return _("scheduled, not public yet")
    if not article.is_public:
        return _("not published")
    if not article.doi:
        return _("no DOI")
    if not (article.journal.issn_print or article.journal.issn_online):
        return _("the journal has no ISSN (Crossref registers a journal article by it)")
    for author in article.byline:
        names = (author.family_name, author.given_name, author.family_name_en, author.given_name_en)
        for name in names:
            if not fits_crossref(name):
                return _(
                    "Crossref takes no author name such as “%(name)s” (at most 60 "
                    "characters, no “?”)"
                ) % {"name": name}
    return ""


def new_batch_id(articles):
    """A batch id of our own: the journal, the moment, a random part (unique per deposit)."""
    slug = articles[0].journal.slug[:40] if articles else "journal"
    return f"{slug}-{timezone.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"


def date(parent, tag, value, **attributes):
    """<month>? <day>? <year> of a PartialDate, only the parts known (Crossref's order)."""
    if value is None:
        return None
    element = sub(parent, tag, **attributes)
    if value.month:
        sub(element, "month", f"{value.month:02d}")
    if value.day:
        sub(element, "day", f"{value.day:02d}")
    sub(element, "year", f"{value.year:04d}")
    return element


def head(root, batch_id):
    node = sub(root, "head")
    sub(node, "doi_batch_id", batch_id)
    sub(node, "timestamp", f"{timezone.now():%Y%m%d%H%M%S%f}"[:17])
    depositor = sub(node, "depositor")
    sub(depositor, "depositor_name", settings.CROSSREF_DEPOSITOR_NAME)
    sub(depositor, "email_address", settings.CROSSREF_DEPOSITOR_EMAIL)
    sub(node, "registrant", settings.CROSSREF_REGISTRANT)


def journal_metadata(parent, journal):
    node = sub(parent, "journal_metadata", language=jats.LANG[Language(journal.language)])
    sub(node, "full_title", journal.canonical_title)
    other = in_language(journal, "title", other_language(journal.language))
    if other and other != journal.canonical_title:
        sub(node, "full_title", other)
    if journal.abbreviation:
        sub(node, "abbrev_title", journal.abbreviation)
    if journal.issn_print:
        sub(node, "issn", journal.issn_print, media_type="print")
    if journal.issn_online:
        sub(node, "issn", journal.issn_online, media_type="electronic")


def journal_issue(parent, issue):
    node = sub(parent, "journal_issue")
    date(node, "publication_date", issue.printed_date, media_type="print")
    if issue.volume is not None:
        sub(sub(node, "journal_volume"), "volume", issue.volume)
    if issue.number:
        sub(node, "issue", issue.number)


def person_name(parent, author, sequence):
    """Romanised given name and surname where known (what citation matching reads), the
    name in its own script as alt-name; a Chinese name without romanisation as written."""
    romanised = bool(author.family_name_en)
    family = author.family_name_en if romanised else author.family_name
    given = author.given_name_en if romanised else author.given_name
    style = "eastern" if is_cjk(family) or is_cjk(given) else "western"
    node = sub(
        parent,
        "person_name",
        sequence=sequence,
        contributor_role="author",
        **{"name-style": style},
    )
    if given:
        sub(node, "given_name", given)
    sub(node, "surname", family)
    affiliations = author.affiliation_list
    if affiliations:
        group = sub(node, "affiliations")
        for affiliation in affiliations:
            institution = sub(group, "institution")
            sub(institution, "institution_name", affiliation.name_en or affiliation.name)
            if affiliation.ror:
                sub(institution, "institution_id", affiliation.ror, type="ror")
    if author.orcid:
        sub(node, "ORCID", author.orcid_url, authenticated="false")
    if romanised and is_cjk(author.name):
        alt = sub(node, "alt-name")
        name = sub(alt, "name", language="zh", **{"name-style": "eastern"})
        sub(name, "surname", author.family_name)
        if author.given_name:
            sub(name, "given_name", author.given_name)


def fundref(parent, funding):
    program = sub(parent, f"{{{FR_NS}}}program", name="fundref")
    for row in funding:
        group = sub(program, f"{{{FR_NS}}}assertion", name="fundgroup")
        funder = sub(
            group, f"{{{FR_NS}}}assertion", row.funder_en or row.funder_zh, name="funder_name"
        )
        if row.funder_id:
            identifier = (
                row.funder_id
                if row.funder_id.startswith(ROR_URL_PREFIX)
                else doi_url(row.funder_id)
            )
            sub(funder, f"{{{FR_NS}}}assertion", identifier, name="funder_identifier")
        for award in row.awards:
            sub(group, f"{{{FR_NS}}}assertion", award, name="award_number")


def access_indicators(parent, article):
    program = sub(parent, f"{{{AI_NS}}}program", name="AccessIndicators")
    online = jats.online_date(article)
    start = {"start_date": online.first_day().isoformat()} if online else {}
    sub(program, f"{{{AI_NS}}}free_to_read", **start)
    for applies_to in ("vor", "tdm"):
        sub(
            program,
            f"{{{AI_NS}}}license_ref",
            article.licence_info.url,
            applies_to=applies_to,
            **start,
        )


def doi_data(parent, article, base_url):
    node = sub(parent, "doi_data")
    sub(node, "doi", article.doi)
    with translation.override(article.language):
        sub(node, "resource", f"{base_url}{article.get_absolute_url()}")
        galleys = list(article.galleys.all())
        galley = next((g for g in galleys if g.language == article.language), None)
        galley = galley or (galleys[0] if galleys else None)
        if galley:
            # The full text for text and data mining, as Crossref's Similarity Check reads it.
            collection = sub(node, "collection", property="text-mining")
            item = sub(collection, "item")
            sub(item, "resource", f"{base_url}{galley.get_absolute_url()}", mime_type=PDF)


def citation_list(parent, references):
    node = sub(parent, "citation_list")
    for number, reference in enumerate(references, start=1):
        citation = sub(node, "citation", key=f"ref{number}")
        if reference.doi:
            sub(citation, "doi", reference.doi)
        else:
            sub(citation, "unstructured_citation", reference.raw_text)


def journal_article(parent, article, base_url):
    language = article.language
    other = other_language(language)
    node = sub(
        parent, "journal_article", publication_type="full_text", language=jats.LANG[language]
    )
    titles = sub(node, "titles")
    if article.translated_title and language != Language.EN:
        # The English title first, the Chinese as the original-language title.
        sub(titles, "title", article.translated_title)
        sub(titles, "original_language_title", article.original_title, language=jats.LANG[language])
    else:
        sub(titles, "title", article.original_title)
        if article.translated_title:  # an English article's Chinese title: titles again
            sub(sub(node, "titles"), "title", article.translated_title)
    byline = article.byline
    if byline:
        contributors = sub(node, "contributors")
        for index, author in enumerate(byline):
            person_name(contributors, author, "first" if index == 0 else "additional")
    for abstract_language in (language, other):
        element = jats.abstract(
            article.abstract_in(abstract_language),
            abstract_language,
            namespace=jats.CROSSREF_JATS_NS,
        )
        if element is not None:
            node.append(element)
    date(node, "publication_date", jats.online_date(article), media_type="online")
    if article.issue_id or article.issued:
        date(node, "publication_date", article.publication_date, media_type="print")
    if article.accepted:
        date(node, "acceptance_date", PartialDate.from_date(article.accepted))
    if article.first_page:
        pages = sub(node, "pages")
        sub(pages, "first_page", article.first_page)
        if article.last_page:
            sub(pages, "last_page", article.last_page)
    if article.article_number:
        item = sub(node, "publisher_item")
        sub(item, "item_number", article.article_number, item_number_type="article_number")
    if funding := article.funding_list:
        fundref(node, funding)
    access_indicators(node, article)
    doi_data(node, article, base_url)
    if references := list(article.references.all()):
        citation_list(node, references)


class DepositError(Exception):
    """A deposit that cannot be made at all (settings missing); the message says why."""


REQUIRED_SETTINGS = ("CROSSREF_DEPOSITOR_NAME", "CROSSREF_DEPOSITOR_EMAIL", "CROSSREF_REGISTRANT")


def check_settings(base_url):
    missing = [name for name in REQUIRED_SETTINGS if not getattr(settings, name)]
    if missing:
        raise DepositError(
            _("Set %(settings)s (the depositor and registrant Crossref knows) first.")
            % {"settings": ", ".join(missing)}
        )
    if not re.match(r"^https?://[^/]", base_url or ""):
        raise DepositError(
            _("Set SITE_URL (https://host): Crossref needs absolute landing page addresses.")
        )


def deposit(articles, *, base_url):
    """The deposit of ``articles`` (read with ``for_landing_page()``), in their order,
    grouped by journal and issue; ``base_url`` (https://host) starts every URL.

    DepositError when the depositor settings or the base URL are missing."""
    check_settings(base_url)
    included, refused = [], []
    for article in articles:
        reason = refusal(article)
        if reason:
            refused.append((article, reason))
        else:
            included.append(article)
    result = Deposit(batch_id=new_batch_id(included), included=included, refused=refused)
    if not included:
        return result
    root = etree.Element(cr("doi_batch"), nsmap=NSMAP, version=VERSION)
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    head(root, result.batch_id)
    body = sub(root, "body")

    def place(article):
        return (article.journal_id, article.issue_id or 0)

    for _place, group in groupby(sorted(included, key=place), key=place):
        group = list(group)
        journal = sub(body, "journal")
        journal_metadata(journal, group[0].journal)
        if group[0].issue:
            journal_issue(journal, group[0].issue)
        for article in group:
            journal_article(journal, article, base_url)
    result.xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return result


def record(result, *, sent):
    """Each included article's last deposit: this batch, now (two queries for any number)."""
    now = timezone.now()
    CrossrefDeposit.objects.filter(article__in=result.included).delete()
    CrossrefDeposit.objects.bulk_create(
        CrossrefDeposit(article=article, batch_id=result.batch_id, deposited_at=now, sent=sent)
        for article in result.included
    )


class SendError(Exception):
    pass


def send(result, *, timeout=60):
    """POST the deposit to Crossref (HTTPS, the member's login from the environment).

    Off unless CROSSREF_SEND is set; Crossref answers at once that it queued the file and
    emails the result to the depositor's address (README "Registering DOIs").
    """
    if not settings.CROSSREF_SEND:
        raise SendError("Sending to Crossref is off: set CROSSREF_SEND=1 to send deposits.")
    if not (settings.CROSSREF_USERNAME and settings.CROSSREF_PASSWORD):
        raise SendError("Set CROSSREF_USERNAME and CROSSREF_PASSWORD to send deposits.")
    url = urlsplit(settings.CROSSREF_DEPOSIT_URL)
    if url.scheme != "https" and not (url.scheme == "http" and url.hostname in LOOPBACK):
        raise SendError("CROSSREF_DEPOSIT_URL must be an https:// address.")
    boundary = uuid.uuid4().hex
    fields = {
        "operation": "doMDUpload",
        "login_id": settings.CROSSREF_USERNAME,
        "login_passwd": settings.CROSSREF_PASSWORD,
    }
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="fname"; '
        f'filename="{result.batch_id}.xml"\r\nContent-Type: application/xml\r\n\r\n'.encode()
        + result.xml
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(  # noqa: S310 - https://, or loopback, checked above
        settings.CROSSREF_DEPOSIT_URL,
        data=b"".join(parts),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            answer = response.read().decode("utf-8", "replace")
    except OSError as error:
        raise SendError(f"Crossref did not take the deposit: {error}") from error
    record(result, sent=True)
    return answer
