"""DOAJ article XML (doajArticles.xsd), for uploading a journal's metadata to DOAJ (DOAJ-8).

Bibliographic data comes from ``articles.citation.csl_item`` like every other
output (XC-1); the abstract from the JATS serializer (``articles.jats``). DOAJ shows
one title and abstract per article, so a record holds the full-text language's title,
abstract and keywords only; author emails are never sent. Only public articles are
exported: the caller passes a queryset of ``Article.objects.published()``.
"""

from django.utils import translation
from lxml import etree

from articles import jats
from articles.citation import csl_item, first_and_last_page
from scholarly.dates import PartialDate
from scholarly.languages import ISO_639_2B
from scholarly.xml import sub


def full_text_url(article, base_url):
    """(url, format): the PDF galley in the full-text language, else the landing page.

    DOAJ matches updates on this URL (DOAJ-9): both forms are built from the
    article's id (and the galley's), never from a title or slug.
    """
    with translation.override(article.language):
        galleys = list(article.galleys.all())
        galley = next((g for g in galleys if g.language == article.language), None)
        galley = galley or (galleys[0] if galleys else None)
        if galley:
            return f"{base_url}{galley.get_absolute_url()}", "pdf"
        return f"{base_url}{article.get_absolute_url()}", "html"


def record(parent, article, base_url):
    journal = article.journal
    language = article.language
    code = ISO_639_2B[language]
    item = csl_item(article, base_url=base_url)
    node = sub(parent, "record")
    sub(node, "language", code)
    sub(node, "publisher", journal.publisher)
    sub(node, "journalTitle", journal.canonical_title)
    if journal.issn_print:
        sub(node, "issn", journal.issn_print)
    if journal.issn_online:
        sub(node, "eissn", journal.issn_online)
    # The XSD takes YYYY, YYYY-MM or YYYY-MM-DD: the precision the journal prints.
    sub(node, "publicationDate", PartialDate.from_csl(item["issued"]).isoformat())
    for tag, key in (("volume", "volume"), ("issue", "issue")):
        if item.get(key):
            sub(node, tag, item[key])
    first, last = first_and_last_page(item)  # an article number where there are no pages
    if first:
        sub(node, "startPage", first)
    if last:
        sub(node, "endPage", last)
    if item.get("DOI"):
        sub(node, "doi", item["DOI"])
    sub(node, "publisherRecordId", article.pk)
    sub(node, "documentType", "article")
    sub(node, "title", item["title"], language=code)

    affiliations = {}  # affiliation pk -> id in this record, by first appearance
    authors = sub(node, "authors")
    for author in article.byline:
        entry = sub(authors, "author")
        sub(entry, "name", author.name_in(language))  # "First Last", or 王明 as written
        # DOAJ keeps one affiliation per author: the first in the byline.
        if first := next(iter(author.affiliations.all()), None):
            number = affiliations.setdefault(first.pk, (len(affiliations), first))[0]
            sub(entry, "affiliationId", number)
        if author.orcid:
            sub(entry, "orcid_id", author.orcid_url)
    if affiliations:
        listing = sub(node, "affiliationsList")
        for number, affiliation in affiliations.values():
            sub(
                listing,
                "affiliationName",
                affiliation.name_in(language),
                affiliationId=str(number),
            )
    # The abstract's text as the JATS serializer reads it (one source with JATS and
    # Crossref): paragraphs kept apart by a space, markup dropped.
    if abstract := jats.abstract_text(article.abstract_in(language)):
        sub(node, "abstract", abstract, language=code)
    url, kind = full_text_url(article, base_url)
    sub(node, "fullTextUrl", url, format=kind)
    if keywords := article.keywords_in(language):
        group = sub(node, "keywords", language=code)
        for tag in keywords:
            sub(group, "keyword", tag.name)
    return node


def doaj_xml(articles, *, base_url):
    """The DOAJ XML file (bytes) of these public articles; ``base_url`` is https://host."""
    root = etree.Element("records")
    for article in articles:
        record(root, article, base_url)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
