"""The article as JATS 1.3 (Journal Publishing), built with lxml: the one JATS serializer.

``/…/article/<id>/jats.xml`` is ``article_xml``; OAI-PMH's ``oai_jats`` records are its
front matter (``front_matter``, as OJS's JATS plugin gives them); Crossref deposits carry
its abstracts (``abstract``, in Crossref's ``jats:`` namespace) and the DOAJ export reads
its abstract text (``abstract_text``). Only what the article has is written: no empty
element, no day or month nobody gave.
"""

from django.utils import timezone, translation
from lxml import etree

from scholarly.dates import PartialDate
from scholarly.identifiers import ROR_URL_PREFIX
from scholarly.languages import Language, in_language, is_cjk, localized, other_language
from scholarly.richtext import clean_html
from scholarly.xml import clean, sub

XLINK_NS = "http://www.w3.org/1999/xlink"
ALI_NS = "http://www.niso.org/schemas/ali/1.0/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Crossref's copy of the JATS schema puts the elements in this namespace.
CROSSREF_JATS_NS = "http://www.ncbi.nlm.nih.gov/JATS1"
DTD_PUBLIC_ID = "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN"
DTD_SYSTEM_ID = "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd"
# xml:lang as JATS4R and Crossref write it (ISO 639-1).
LANG = {Language.ZH_HANS: "zh", Language.EN: "en"}
# The stored abstract's inline tags (scholarly.richtext) and their JATS elements.
INLINE = {"i": "italic", "em": "italic", "b": "bold", "strong": "bold", "sub": "sub", "sup": "sup"}


def with_lang(element, language):
    element.set(XML_LANG, LANG[Language(language)])
    return element


# Rich text: the sanitised abstract HTML as JATS paragraphs with italic, bold, sub, sup.


def _append_text(element, text):
    text = clean(text)
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _copy_inline(source, target):
    """The children of an HTML node into a JATS node: inline tags mapped, others unwrapped
    (span), line breaks as a space (JATS has no <break> in a paragraph)."""
    _append_text(target, source.text or "")
    for child in source:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in INLINE:
            _copy_inline(child, sub(target, INLINE[tag]))
        elif tag == "br":
            _append_text(target, " ")
        else:
            _copy_inline(child, target)
        _append_text(target, child.tail or "")


def paragraphs(html):
    """The abstract's paragraphs as parsed HTML nodes (a <div> each)."""
    cleaned = clean_html(html)
    if not cleaned:
        return []
    if "<p" not in cleaned:
        parts = [part.strip() for part in cleaned.split("\n\n") if part.strip()]
        cleaned = "".join(f"<p>{part}</p>" for part in parts)
    root = etree.fromstring(f"<div>{cleaned}</div>", etree.HTMLParser()).find(".//div")
    found = [node for node in root if node.tag == "p"]
    return found or [root]


def abstract(html, language, *, tag="abstract", namespace=None):
    """<abstract xml:lang> (or <trans-abstract>) with a <p> per paragraph; ``namespace``
    gives Crossref's ``jats:`` form of the same element. None for an empty abstract."""
    nodes = paragraphs(html)
    if not nodes:
        return None
    element = with_lang(etree.Element(tag), language)
    for node in nodes:
        _copy_inline(node, sub(element, "p"))
    if namespace:
        for node in element.iter():
            node.tag = f"{{{namespace}}}{node.tag}"
    return element


def abstract_text(html):
    """The abstract as plain text, paragraphs joined by a space (DOAJ's <abstract>)."""
    element = abstract(html, Language.EN)
    if element is None:
        return ""
    return " ".join(" ".join("".join(p.itertext()).split()) for p in element)


# Dates.


def date_element(parent, tag, value, **attributes):
    """<day>? <month>? <year> of a PartialDate (or a date), only the parts known."""
    if value is None:
        return None
    if not isinstance(value, PartialDate):
        value = PartialDate.from_date(value)
    element = sub(parent, tag, **attributes)
    if value.day:
        sub(element, "day", f"{value.day:02d}")
    if value.month:
        sub(element, "month", f"{value.month:02d}")
    sub(element, "year", f"{value.year:04d}")
    if value.precision == "day":
        element.set("iso-8601-date", value.isoformat())
    return element


def online_date(article):
    """The day the article went online: online first (网络首发), else its day here."""
    if article.online_first:
        return PartialDate.from_date(article.online_first)
    moment = article.public_from or article.published_at
    return PartialDate.from_date(timezone.localdate(moment)) if moment else None


# Names.


def name_style(family, given):
    return "eastern" if is_cjk(family) or is_cjk(given) else "western"


def name_element(parent, family, given, language):
    element = sub(parent, "name", **{"name-style": name_style(family, given)})
    with_lang(element, language)
    sub(element, "surname", family)
    if given:
        sub(element, "given-names", given)
    return element


def contrib(parent, author, affiliation_ids):
    element = sub(parent, "contrib", **{"contrib-type": "author"})
    if author.is_corresponding:
        element.set("corresp", "yes")
    if author.orcid:
        sub(
            element,
            "contrib-id",
            author.orcid_url,
            **{"contrib-id-type": "orcid", "authenticated": "false"},
        )
    own_language = Language.ZH_HANS if is_cjk(author.name) else Language.EN
    if author.family_name_en and own_language != Language.EN:
        # The name in its own script and its romanised form, as JATS4R recommends.
        names = sub(element, "name-alternatives")
        name_element(names, author.family_name, author.given_name, own_language)
        name_element(names, author.family_name_en, author.given_name_en, Language.EN)
    else:
        name_element(element, author.family_name, author.given_name, own_language)
    if author.is_corresponding and author.email:
        sub(element, "email", author.email)
    for affiliation in author.affiliations.all():
        sub(element, "xref", **{"ref-type": "aff", "rid": affiliation_ids[affiliation.pk]})
    return element


def affiliation_element(parent, affiliation, rid, language):
    element = sub(parent, "aff", id=rid)
    wrap = sub(element, "institution-wrap")
    sub(wrap, "institution", affiliation.name_in(language))
    if affiliation.ror:
        sub(wrap, "institution-id", affiliation.ror, **{"institution-id-type": "ror"})
    if affiliation.country:
        sub(element, "country", affiliation.country)
    return element


# The parts of <front>.


def journal_meta(parent, journal):
    meta = sub(parent, "journal-meta")
    sub(meta, "journal-id", journal.slug, **{"journal-id-type": "publisher-id"})
    group = sub(meta, "journal-title-group")
    with_lang(sub(group, "journal-title", journal.canonical_title), journal.language)
    other = other_language(journal.language)
    if (
        translated := in_language(journal, "title", other)
    ) and translated != journal.canonical_title:
        trans = with_lang(sub(group, "trans-title-group"), other)
        sub(trans, "trans-title", translated)
    if journal.abbreviation:
        sub(group, "abbrev-journal-title", journal.abbreviation)
    if journal.issn_print:
        sub(meta, "issn", journal.issn_print, **{"publication-format": "print"})
    if journal.issn_online or not journal.issn_print:
        # Journal Publishing requires an <issn>: a journal without one gets it empty.
        sub(meta, "issn", journal.issn_online, **{"publication-format": "electronic"})
    publisher = sub(meta, "publisher")
    sub(publisher, "publisher-name", journal.publisher)
    return meta


def funding_group(parent, funding, language):
    group = sub(parent, "funding-group")
    for row in funding:
        award_group = sub(group, "award-group")
        source = sub(award_group, "funding-source")
        wrap = sub(source, "institution-wrap")
        sub(wrap, "institution", localized(row, "funder", language))
        if row.funder_id:
            kind = "ror" if row.funder_id.startswith(ROR_URL_PREFIX) else "doi"
            sub(wrap, "institution-id", row.funder_id, **{"institution-id-type": kind})
        for award in row.awards:
            sub(award_group, "award-id", award)
    return group


def permissions(parent, article):
    element = sub(parent, "permissions")
    year = article.copyright_year_or_default
    holder = article.copyright_holder_or_authors
    statement = f"© {year} {holder}".strip() if year else f"© {holder}"
    sub(element, "copyright-statement", statement)
    if year:
        sub(element, "copyright-year", year)
    if holder:
        sub(element, "copyright-holder", holder)
    licence = article.licence_info
    node = sub(element, "license", **{f"{{{XLINK_NS}}}href": licence.url})
    sub(node, f"{{{ALI_NS}}}license_ref", licence.url)
    sub(node, "license-p", licence.name(article.language))
    return element


def article_meta(parent, article, base_url):
    language = article.language
    other = other_language(language)
    issue = article.issue
    meta = sub(parent, "article-meta")
    if article.doi:
        sub(meta, "article-id", article.doi, **{"pub-id-type": "doi"})
    sub(meta, "article-id", article.pk, **{"pub-id-type": "publisher-id"})
    section = in_language(article.section, "title", language) or article.section.title
    if section:
        categories = sub(meta, "article-categories")
        group = sub(categories, "subj-group", **{"subj-group-type": "heading"})
        sub(group, "subject", section)
    titles = sub(meta, "title-group")
    sub(titles, "article-title", article.original_title)
    if article.translated_title:
        trans = with_lang(sub(titles, "trans-title-group"), other)
        sub(trans, "trans-title", article.translated_title)

    byline = article.byline
    if byline:
        affiliation_ids = {}
        for author in byline:
            for affiliation in author.affiliations.all():
                # The article's id in it: ids stay unique in an OAI-PMH page of records.
                affiliation_ids.setdefault(
                    affiliation.pk,
                    (f"a{article.pk}-aff{len(affiliation_ids) + 1}", affiliation),
                )
        group = sub(meta, "contrib-group")
        ids = {pk: rid for pk, (rid, _) in affiliation_ids.items()}
        for author in byline:
            contrib(group, author, ids)
        for rid, affiliation in affiliation_ids.values():
            affiliation_element(group, affiliation, rid, language)

    date_element(
        meta,
        "pub-date",
        online_date(article),
        **{"publication-format": "electronic", "date-type": "pub"},
    )
    if article.issue_id or article.issued:
        date_element(
            meta,
            "pub-date",
            article.publication_date,
            **{"publication-format": "print", "date-type": "pub"},
        )
    if issue and issue.volume is not None:
        sub(meta, "volume", issue.volume)
    if issue and issue.number:
        sub(meta, "issue", issue.number)
    if article.first_page:
        sub(meta, "fpage", article.first_page)
        if article.last_page:
            sub(meta, "lpage", article.last_page)
    elif article.article_number:
        sub(meta, "elocation-id", article.article_number)
    dates = [(kind, getattr(article, kind)) for kind in ("received", "revised", "accepted")]
    if any(day for _, day in dates):
        history = sub(meta, "history")
        for kind, day in dates:
            if day:
                date_element(
                    history, "date", day, **{"date-type": {"revised": "rev-recd"}.get(kind, kind)}
                )
    permissions(meta, article)
    if base_url:
        with translation.override(language):
            sub(
                meta,
                "self-uri",
                **{f"{{{XLINK_NS}}}href": f"{base_url}{article.get_absolute_url()}"},
            )
    if (element := abstract(article.abstract_in(language), language)) is not None:
        meta.append(element)
    if (element := abstract(article.abstract_in(other), other, tag="trans-abstract")) is not None:
        meta.append(element)
    for kwd_language in (language, other):
        if keywords := article.keywords_in(kwd_language):
            group = with_lang(sub(meta, "kwd-group", **{"kwd-group-type": "author"}), kwd_language)
            for tag in keywords:
                sub(group, "kwd", tag.name)
    if funding := article.funding_list:
        funding_group(meta, funding, language)
    return meta


def new_article(article):
    root = etree.Element(
        "article",
        {"article-type": "research-article", "dtd-version": "1.3"},
        nsmap={"xlink": XLINK_NS, "ali": ALI_NS},
    )
    return with_lang(root, article.language)


def front_matter(article, base_url=""):
    """<article> with its <front> only: the journal's and the article's metadata."""
    root = new_article(article)
    front = sub(root, "front")
    journal_meta(front, article.journal)
    article_meta(front, article, base_url)
    return root


def mixed_citation(parent, reference):
    """The reference as printed; its DOI as <pub-id> where the text prints it, else after."""
    element = sub(parent, "mixed-citation")
    text = reference.raw_text
    if not reference.doi:
        element.text = clean(text)
        return element
    at = text.lower().find(reference.doi.lower())
    if at < 0:
        element.text = clean(f"{text} ")
        sub(element, "pub-id", reference.doi, **{"pub-id-type": "doi"})
        return element
    element.text = clean(text[:at])
    pub_id = sub(element, "pub-id", text[at : at + len(reference.doi)], **{"pub-id-type": "doi"})
    pub_id.tail = clean(text[at + len(reference.doi) :])
    return element


def article_xml(article, *, base_url=""):
    """The article as a JATS 1.3 document (bytes): front matter and the reference list."""
    root = front_matter(article, base_url)
    references = list(article.references.all())
    if references:
        back = sub(root, "back")
        ref_list = sub(back, "ref-list")
        for number, reference in enumerate(references, start=1):
            mixed_citation(sub(ref_list, "ref", id=f"ref{number}"), reference)
    doctype = f'<!DOCTYPE article PUBLIC "{DTD_PUBLIC_ID}" "{DTD_SYSTEM_ID}">'
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=doctype
    )
