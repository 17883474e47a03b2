"""The XML of OAI-PMH responses, built with lxml (never by string concatenation).

``oai_dc_metadata`` maps an article to unqualified Dublin Core (OAI-6, OAI-13),
reading its bibliographic data from ``articles.citation.csl_item`` (XC-1).
"""

from django.utils import timezone, translation
from lxml import etree

from articles import jats
from articles.citation import csl_item, inverted_name
from oai.protocol import format_datestamp
from scholarly.dates import PartialDate
from scholarly.languages import BCP47, Language, in_language, other_language
from scholarly.xml import clean, sub

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
OAI_ID_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
OAI_ID_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"

# oai_jats: the JATS front matter of the article (journal-meta, article-meta), as OJS's
# JATS plugin gives it; JATS elements have no namespace of their own, so the format
# names NLM's JATS site as its namespace, as OJS does.
JATS_SCHEMA = "https://jats.nlm.nih.gov/publishing/1.3/xsd/JATS-journalpublishing1-3.xsd"
JATS_NS = "http://jats.nlm.nih.gov"
METADATA_FORMATS = {"oai_dc": (OAI_DC_SCHEMA, OAI_DC_NS), "oai_jats": (JATS_SCHEMA, JATS_NS)}


def oai(tag):
    return f"{{{OAI_NS}}}{tag}"


def envelope(*, base_url, verb=None, arguments=None, prefixed=False):
    """The <OAI-PMH> root with responseDate and request (OAI-2).

    ``prefixed``: the OAI namespace under the ``oai:`` prefix instead of as the default,
    for responses with oai_jats records: their <article> has no namespace (JATS has none)
    and lxml writes no xmlns="" to leave a default one. The same XML to any
    namespace-aware harvester."""
    namespaces = {"oai": OAI_NS} if prefixed else {None: OAI_NS}
    root = etree.Element(oai("OAI-PMH"), nsmap={**namespaces, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} {OAI_SCHEMA}")
    sub(root, oai("responseDate"), format_datestamp(timezone.now()))
    request = sub(root, oai("request"), base_url)
    if verb:
        request.set("verb", verb)
        for key, value in sorted((arguments or {}).items()):
            request.set(key, clean(value))
    return root


def serialize(root):
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def error(root, code, message):
    sub(root, oai("error"), message, code=code)


def identify(root, *, name, base_url, admin_emails, earliest, repository_id, sample):
    node = sub(root, oai("Identify"))
    sub(node, oai("repositoryName"), name)
    sub(node, oai("baseURL"), base_url)
    sub(node, oai("protocolVersion"), "2.0")
    for email in admin_emails:
        sub(node, oai("adminEmail"), email)
    sub(node, oai("earliestDatestamp"), format_datestamp(earliest))
    # Tombstones are kept for good, also past a hard delete (oai.models.Tombstone).
    sub(node, oai("deletedRecord"), "persistent")
    sub(node, oai("granularity"), "YYYY-MM-DDThh:mm:ssZ")
    description = sub(node, oai("description"))
    ident = etree.SubElement(description, f"{{{OAI_ID_NS}}}oai-identifier", nsmap={None: OAI_ID_NS})
    ident.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_ID_NS} {OAI_ID_SCHEMA}")
    sub(ident, f"{{{OAI_ID_NS}}}scheme", "oai")
    sub(ident, f"{{{OAI_ID_NS}}}repositoryIdentifier", repository_id)
    sub(ident, f"{{{OAI_ID_NS}}}delimiter", ":")
    sub(ident, f"{{{OAI_ID_NS}}}sampleIdentifier", sample)


def metadata_formats(root):
    node = sub(root, oai("ListMetadataFormats"))
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        fmt = sub(node, oai("metadataFormat"))
        sub(fmt, oai("metadataPrefix"), prefix)
        sub(fmt, oai("schema"), schema)
        sub(fmt, oai("metadataNamespace"), namespace)


def set_specs(article):
    return [article.journal.slug, f"{article.journal.slug}:{article.section.slug}"]


def list_sets(root, sections):
    """One set per journal, one per journal:section (OAI-11); sections are ordered by journal."""
    node = sub(root, oai("ListSets"))
    seen = set()
    for section in sections:
        journal = section.journal
        if journal.pk not in seen:
            seen.add(journal.pk)
            entry = sub(node, oai("set"))
            sub(entry, oai("setSpec"), journal.slug)
            sub(entry, oai("setName"), journal.canonical_title)
        entry = sub(node, oai("set"))
        sub(entry, oai("setSpec"), f"{journal.slug}:{section.slug}")
        title = in_language(section, "title", journal.language) or section.title_en
        sub(entry, oai("setName"), f"{journal.canonical_title}: {title or section.slug}")
    return node


def header(parent, *, identifier, datestamp, set_specs, deleted=False):
    """A record's header; a deleted record's says so (OAI-9)."""
    node = sub(parent, oai("header"))
    if deleted:
        node.set("status", "deleted")
    sub(node, oai("identifier"), identifier)
    sub(node, oai("datestamp"), format_datestamp(datestamp))
    for spec in set_specs:
        sub(node, oai("setSpec"), spec)
    return node


def resumption_token(parent, *, token, cursor, complete_list_size):
    node = sub(parent, oai("resumptionToken"), token or "")
    node.set("cursor", str(cursor))
    node.set("completeListSize", str(complete_list_size))


def absolute(base_url, path):
    return f"{base_url}{path}"


def oai_dc_metadata(article, base_url):
    """Unqualified Dublin Core of a public article, both languages tagged with xml:lang."""
    original = article.language
    translation_language = other_language(original)
    with translation.override(original):
        # The landing page and galleys in the article's own language are its canonical URLs.
        landing = absolute(base_url, article.get_absolute_url())
        galleys = [
            absolute(base_url, galley.get_absolute_url()) for galley in article.galleys.all()
        ]
    item = csl_item(article, base_url=base_url)
    translated = csl_item(article, base_url=base_url, translated=True)

    root = etree.Element(
        f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS}
    )
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")

    def dc(tag, text, language=None):
        if text:
            element = sub(root, f"{{{DC_NS}}}{tag}", text)
            if language:
                element.set(XML_LANG, BCP47[language])

    languages = [(original, item), (translation_language, translated)]
    for language, data in languages:
        if in_language(article, "title", language):
            dc("title", data["title"], language)
    for name in item["author"]:
        dc("creator", inverted_name(name))
    for language in (original, translation_language):
        for tag in article.keywords_in(language):
            dc("subject", tag.name, language)
    for language, data in languages:
        dc("description", data.get("abstract"), language)
    dc("publisher", item["publisher"])
    if issued := PartialDate.from_csl(item.get("issued")):
        dc("date", issued.isoformat())  # W3CDTF at the precision known: 2019, 2019-05…
    dc("type", "info:eu-repo/semantics/article")
    dc("type", "info:eu-repo/semantics/publishedVersion")
    for language in (original, translation_language):
        dc("type", in_language(article.section, "title", language), language)
    dc("format", "text/html")
    if galleys:
        dc("format", "application/pdf")
    dc("identifier", landing)
    if article.doi_url:
        dc("identifier", article.doi_url)
    for language, data in languages:
        dc("source", source_citation(data), language)
    for issn in dict.fromkeys(
        filter(None, (article.journal.issn_online, article.journal.issn_print))
    ):
        dc("source", issn)
    dc("language", BCP47[Language(original)])
    for url in galleys:
        dc("relation", url)
    year = article.copyright_year_or_default
    holder = article.copyright_holder_or_authors
    dc("rights", f"Copyright (c) {year} {holder}".strip() if year else f"Copyright (c) {holder}")
    dc("rights", article.licence_info.url)
    return root


def oai_jats_metadata(article, base_url):
    """The JATS <article> with its <front> only (articles.jats, the one JATS writer)."""
    return jats.front_matter(article, base_url)


METADATA_WRITERS = {"oai_dc": oai_dc_metadata, "oai_jats": oai_jats_metadata}


def source_citation(data):
    """ "Journal; Vol 3 No 2 (2025); 1-12", the form OJS and BASE use (OAI-13)."""
    parts = [data["container-title"]]
    volume = " ".join(
        part
        for part in (
            f"Vol {data['volume']}" if data.get("volume") else "",
            f"No {data['issue']}" if data.get("issue") else "",
            f"({data['issued']['date-parts'][0][0]})" if data.get("issued") else "",
        )
        if part
    )
    if volume:
        parts.append(volume)
    if data.get("page"):
        parts.append(data["page"])
    return "; ".join(parts)
