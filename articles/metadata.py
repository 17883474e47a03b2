"""Metadata for indexers and link previews, built from the one citation source.

Google Scholar's ``citation_*`` tags, Dublin Core, schema.org JSON-LD, Open Graph
and the X card all read ``articles.citation.csl_export``: one serializer layer
(standards XC-1). No request here: the caller passes ``base_url``
(``https://host``, no trailing slash) and the interface language is the active one.

Every tag is a ``(name, content, lang)`` triple; the templates only loop and escape.
"""

import json
import unicodedata
from dataclasses import dataclass, field

from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe

from articles.citation import csl_export, first_and_last_page, inverted_name, journal_title
from scholarly.identifiers import ROR_URL_PREFIX, doi_url, orcid_url
from scholarly.languages import (
    OG_LOCALE,
    Language,
    bcp47,
    in_language,
    is_cjk,
    localized,
    localized_with_language,
    other_language,
)
from scholarly.richtext import plain_text

SHARE_IMAGE = "img/og-default.png"
# A description's width in columns, a CJK character taking two: search results cut
# snippets by width (about 160 columns), so a Chinese one holds about half the
# characters of an English one.
DESCRIPTION_WIDTH = 160
TWITTER_TITLE_LENGTH = 70
SENTENCE_ENDS = "。！？!?"


@dataclass
class ArticleMetadata:
    canonical: str
    licence_url: str
    description: str
    citation: list = field(default_factory=list)
    dublin_core: list = field(default_factory=list)
    social: list = field(default_factory=list)  # (attribute, name, content)
    json_ld: str = ""


def display_name(name):
    """A CSL name as the byline prints it: 王明, or Chris Ansell."""
    family, given = name.get("family") or name.get("literal", ""), name.get("given", "")
    if is_cjk(family) or is_cjk(given):
        return f"{family}{given}"
    return " ".join(part for part in (given, family) if part)


def slash_date(parts):
    """CSL date-parts → ``YYYY/MM/DD``, ``YYYY/MM`` or ``YYYY``: only the known parts, as
    Google Scholar reads them."""
    values = parts["date-parts"][0]
    return "/".join(f"{value:02d}" if i else str(value) for i, value in enumerate(values))


def iso_date(parts):
    return slash_date(parts).replace("/", "-")


def truncate(text, limit):
    """Cut on a character (not byte) boundary, CJK-safe, with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def opening(text, width=DESCRIPTION_WIDTH):
    """The opening of ``text`` within ``width`` columns (a wide character takes two): its
    whole sentences that fit, else the text cut on a character with an ellipsis."""
    used, sentences_end = 0, 0
    for index, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width:
            if sentences_end:
                return text[:sentences_end]
            # Between words where the text has spaces (not inside "analysing").
            space = text.rfind(" ", 0, index)
            return truncate(text, space + 1 if space > index * 3 // 4 else index)
        following = text[index + 1 : index + 2]
        if char in SENTENCE_ENDS or (char == "." and following in ("", " ", "\n")):
            sentences_end = index + 1
    return text


def affiliation_name(affiliation, language):
    if language == Language.EN:
        return affiliation["name_en"] or affiliation["name"]
    return affiliation["name"]


def json_for_script(data):
    """JSON safe inside ``<script>``: no ``</script>`` or ``<!--`` can break out."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every character that could end the script is escaped


def article_metadata(article, *, base_url):
    """Everything the ``<head>`` of a landing page says about the article."""
    item = csl_export(article, base_url=base_url)
    custom = item["custom"]
    journal = article.journal
    language = article.language
    lang = bcp47(language)
    canonical = item["URL"]
    licence_url = article.licence_info.url
    authors = [
        {
            "name": display_name(name),
            # Google Scholar, Dublin Core and Zotero read "Family, Given" (GS-3, DC-3).
            "citation_name": inverted_name(name),
            "other_name": other_name_form(author, display_name(name)),
            "orcid": orcid_url(extra["orcid"]),
            "affiliations": [
                text
                for affiliation in extra["affiliations"]
                if (text := affiliation_name(affiliation, language))
            ],
            "biography": plain_text(localized(author, "biography", language)),
            # The contact the page shows: the corresponding author's email only.
            "email": author.email if author.is_corresponding else "",
        }
        for name, extra, author in zip(
            item["author"], custom["authors"], article.byline, strict=True
        )
    ]
    issns = [value for value in (journal.issn_online, journal.issn_print) if value]
    pdfs = [f"{base_url}{galley.get_absolute_url()}" for galley in article.galleys.all()]
    date = item.get("issued")
    # The page's description and share card speak one language: the interface's when
    # the article has a title in it, else the article's own.
    share_title, share_language = localized_with_language(article, "title")
    description = opening(plain_text(article.abstract_in(share_language)) or share_title)
    translation = custom["translation"]

    meta = ArticleMetadata(canonical=canonical, licence_url=licence_url, description=description)
    if article.section.is_scholarly:  # GS-24: no Scholar tags for editorials and news
        meta.citation = _citation_tags(
            item, article, authors, issns, pdfs, date, lang, canonical, journal
        )
    meta.dublin_core = _dublin_core(
        item, article, authors, issns, date, lang, canonical, licence_url, translation, base_url
    )
    meta.social = _social(
        item, article, share_title, share_language, description, canonical, date, base_url
    )
    meta.json_ld = json_for_script(
        _json_ld(item, article, authors, issns, pdfs, date, lang, canonical, licence_url, base_url)
    )
    return meta


def _citation_tags(item, article, authors, issns, pdfs, date, lang, canonical, journal):
    tags = [("citation_title", item["title"], "")]
    for author in authors:
        tags.append(("citation_author", author["citation_name"], ""))
        tags += [("citation_author_institution", name, "") for name in author["affiliations"]]
        if author["orcid"]:
            tags.append(("citation_author_orcid", author["orcid"], ""))
    if date:  # 2019, 2019/05 or 2019/05/03: what the journal prints, nothing added
        tags.append(("citation_publication_date", slash_date(date), ""))
    if online := item.get("available-date"):  # online-first (网络首发), before the issue
        tags.append(("citation_online_date", slash_date(online), ""))
    # The journal as the article's How to Cite names it, on every interface (GS-7).
    tags.append(("citation_journal_title", item["container-title"], ""))
    if journal.abbreviation:
        tags.append(("citation_journal_abbrev", journal.abbreviation, ""))
    tags += [("citation_issn", value, "") for value in issns]
    for name, key in (("citation_volume", "volume"), ("citation_issue", "issue")):
        if item.get(key):
            tags.append((name, item[key], ""))
    first, last = first_and_last_page(item)
    if first:
        tags.append(("citation_firstpage", first, ""))
    if last:
        tags.append(("citation_lastpage", last, ""))
    if item.get("DOI"):
        tags.append(("citation_doi", item["DOI"], ""))
    tags.append(("citation_publisher", item["publisher"], ""))
    tags += [("citation_keywords", name, lang) for name in item["custom"]["keywords"]]
    tags.append(("citation_language", lang, ""))
    if item.get("abstract"):
        tags.append(("citation_abstract", item["abstract"], lang))
    tags.append(("citation_abstract_html_url", canonical, ""))
    tags += [("citation_pdf_url", url, "") for url in pdfs]
    tags += [("citation_reference", ref["text"], "") for ref in item["custom"]["references"]]
    return tags


def _dublin_core(
    item, article, authors, issns, date, lang, canonical, licence_url, translation, base_url
):
    journal, issue = article.journal, article.issue
    tags = [("DC.Title", item["title"], lang)]
    if translation["title"]:
        tags.append(
            ("DC.Title.Alternative", translation["title"], bcp47(article.translation_language))
        )
    tags += [("DC.Creator.PersonalName", author["citation_name"], "") for author in authors]
    if date:
        tags.append(("DC.Date.created", iso_date(date), ""))
    if issue:
        tags.append(("DC.Date.issued", issue.printed_date.isoformat(), ""))
    if article.received:
        tags.append(("DC.Date.dateSubmitted", article.received.isoformat(), ""))
    if article.accepted:
        tags.append(("DC.Date.dateAccepted", article.accepted.isoformat(), ""))
    if online := item.get("available-date"):
        tags.append(("DC.Date.available", iso_date(online), ""))
    tags.append(("DC.Date.modified", article.updated_at.date().isoformat(), ""))
    if item.get("DOI"):
        tags.append(("DC.Identifier.DOI", item["DOI"], ""))
    tags.append(("DC.Identifier.URI", canonical, ""))
    if item.get("page"):
        tags.append(("DC.Identifier.pageNumber", item["page"], ""))
    # What identifies the article outside this database: its DOI, else its landing page.
    tags.append(("DC.Identifier", doi_url(item["DOI"]) if item.get("DOI") else canonical, ""))
    tags.append(("DC.Source", item["container-title"], ""))
    tags += [("DC.Source.ISSN", value, "") for value in issns]
    if item.get("volume"):
        tags.append(("DC.Source.Volume", item["volume"], ""))
    if item.get("issue"):
        tags.append(("DC.Source.Issue", item["issue"], ""))
    tags.append(("DC.Source.URI", f"{base_url}{journal.get_absolute_url()}", ""))
    tags.append(("DC.Rights", licence_url, ""))
    tags.append(("DC.Language", lang, ""))
    if item.get("abstract"):
        tags.append(("DC.Description", item["abstract"], lang))
    if translation["abstract_html"]:
        tags.append(
            (
                "DC.Description",
                plain_text(translation["abstract_html"]),
                bcp47(article.translation_language),
            )
        )
    tags += [("DC.Subject", name, lang) for name in item["custom"]["keywords"]]
    tags += [
        ("DC.Subject", name, bcp47(article.translation_language))
        for name in translation["keywords"]
    ]
    tags.append(("DC.Type", "Text.Serial.Journal", ""))
    tags.append(("DC.Type.articleType", article.section.title_en or article.section.title_zh, ""))
    if article.galleys.all():
        tags.append(("DC.Format", "application/pdf", ""))
    return tags


def _social(item, article, title, language, description, canonical, date, base_url):
    """Open Graph (``property=``) and the X card (``name=``), all in one ``language``.

    A shared link shows title, description and journal in the language its locale
    says; the other locale is offered where the article has a title in it.
    """
    journal = journal_title(article.journal, language)
    # The issue's cover, else the journal's image (both made 1200 × 630 at upload), else
    # the site's default card, shown small: a large card only for a picture of its own.
    card = (article.issue and article.issue.social_card(language)) or (
        article.journal.social_card(language)
    )
    if card:
        image, width, height, alt = f"{base_url}{card.path}", card.width, card.height, card.alt
    else:
        image, width, height, alt = f"{base_url}{static(SHARE_IMAGE)}", 1200, 630, journal
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", canonical),
        ("property", "og:site_name", journal),
        ("property", "og:locale", OG_LOCALE[language]),
        *(
            ("property", "og:locale:alternate", OG_LOCALE[code])
            for code in Language.values
            if code != language and in_language(article, "title", code)
        ),
        ("property", "og:image", image),
        ("property", "og:image:width", str(width)),
        ("property", "og:image:height", str(height)),
        ("property", "og:image:alt", alt),
    ]
    if date:
        tags.append(("property", "article:published_time", iso_date(date)))
    tags.append(
        ("property", "article:modified_time", article.updated_at.isoformat(timespec="seconds"))
    )
    tags.append(("property", "article:section", localized(article.section, "title", language)))
    tags += [("property", "article:tag", name) for name in item["custom"]["keywords"]]
    tags += [
        ("name", "twitter:card", "summary_large_image" if card else "summary"),
        ("name", "twitter:image:alt", alt),
    ]
    # X reads og:title, og:description and og:image where its own tags are missing; its
    # title is cut at 70 characters, so only a longer title needs one of its own.
    if len(title) > TWITTER_TITLE_LENGTH:
        tags.append(("name", "twitter:title", truncate(title, TWITTER_TITLE_LENGTH)))
    return tags


def _json_ld(item, article, authors, issns, pdfs, date, lang, canonical, licence_url, base_url):
    journal, issue = article.journal, article.issue
    translation = item["custom"]["translation"]
    periodical = {
        "@type": "Periodical",
        "name": item["container-title"],
        "publisher": _publisher(journal, base_url),
        "url": f"{base_url}{journal.get_absolute_url()}",
    }
    if issns:
        periodical["issn"] = issns
    part_of = periodical
    if item.get("volume"):
        part_of = {
            "@type": "PublicationVolume",
            "volumeNumber": item["volume"],
            "isPartOf": periodical,
        }
    if issue and item.get("issue"):
        part_of = {
            "@type": "PublicationIssue",
            "issueNumber": item["issue"],
            "datePublished": issue.printed_date.isoformat(),
            "isPartOf": part_of,
        }
    node = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": canonical,
        "url": canonical,
        "mainEntityOfPage": canonical,
        "headline": item["title"],
        "name": item["title"],
        "inLanguage": lang,
        "author": [_person(author) for author in authors],
        "isPartOf": part_of,
        "publisher": _publisher(journal, base_url),
        "license": licence_url,
        "isAccessibleForFree": True,
        "image": f"{base_url}{static(SHARE_IMAGE)}",
        "dateModified": article.updated_at.isoformat(timespec="seconds"),
    }
    if translation["title"]:
        node["alternativeHeadline"] = translation["title"]
    if date:
        node["datePublished"] = iso_date(date)
    if item.get("abstract"):
        node["abstract"] = item["abstract"]
    if item["custom"]["keywords"]:
        node["keywords"] = item["custom"]["keywords"]
    if article.first_page:
        node["pageStart"] = article.first_page
    if last := first_and_last_page(item)[1]:
        node["pageEnd"] = last
    if item.get("page"):  # the printed pages, or the article number where there are none
        node["pagination"] = item["page"]
    identifiers = []
    if item.get("DOI"):
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": item["DOI"]})
        node["sameAs"] = doi_url(item["DOI"])
    if article.caj_article_id:  # 文章编号, the CAJ-CD article ID CNKI indexes
        identifiers.append(
            {
                "@type": "PropertyValue",
                "propertyID": "CAJ-CD article ID",
                "value": article.caj_article_id,
            }
        )
    if identifiers:
        node["identifier"] = identifiers[0] if len(identifiers) == 1 else identifiers
    if article.clc_codes:  # 中图分类号: what the article is about, as a library classifies it
        node["about"] = [clc_term(code) for code in article.clc_code_list]
    grants = [grant for row in article.funding_list for grant in _grants(row, article.language)]
    if grants:
        node["funding"] = grants
    if pdfs:
        node["encoding"] = [
            {"@type": "MediaObject", "contentUrl": url, "encodingFormat": "application/pdf"}
            for url in pdfs
        ]
    # LD-9 (MAY) is left out: the references are in the citation_reference tags, the
    # visible list, JATS and the Crossref deposit; here they cost 2 KB a page (#18).
    if article.copyright_year_or_default:
        node["copyrightYear"] = article.copyright_year_or_default
    return node


def _publisher(journal, base_url):
    """LD-8: the publisher as an Organization, its url the publisher page of this site."""
    return {
        "@type": "Organization",
        "name": journal.publisher,
        "url": f"{base_url}{reverse('journal:publisher')}",
    }


def other_name_form(author, shown):
    """The author's name in the other script (romanised or own), if it differs from ``shown``.

    A Chinese author of a Chinese article is shown as 王明 and is also Ming Wang; an
    English article shows the romanised name, and the name in characters is the other.
    """
    for name in (author.romanised_name, author.name):
        if name and name != shown:
            return name
    return ""


CLC_TERM_SET = {
    "@type": "DefinedTermSet",
    "name": "Chinese Library Classification (中国图书馆分类法)",
}


def clc_term(code):
    return {"@type": "DefinedTerm", "termCode": code, "inDefinedTermSet": CLC_TERM_SET}


def _grants(funding, language):
    """schema.org Grants of one funding row: one per award number (a Grant's identifier is
    its award number), or one without an identifier when none is given."""
    funder = {"@type": "Organization", "name": localized(funding, "funder", language)}
    other = localized(funding, "funder", other_language(language))
    if other != funder["name"]:
        funder["alternateName"] = other
    if funding.funder_id:
        funder["@id"] = funding.funder_id_url
        funder["sameAs"] = funding.funder_id_url
        funder["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "ROR"
            if funding.funder_id.startswith(ROR_URL_PREFIX)
            else "Crossref Funder ID",
            "value": funding.funder_id,
        }
    grants = [
        {"@type": "Grant", "identifier": number, "funder": funder} for number in funding.awards
    ]
    return grants or [{"@type": "Grant", "funder": funder}]


def _person(author):
    person = {"@type": "Person", "name": author["name"]}
    if author["other_name"]:
        person["alternateName"] = author["other_name"]
    if author["biography"]:
        person["description"] = author["biography"]
    if author["email"]:
        person["email"] = author["email"]
    if author["affiliations"]:
        person["affiliation"] = [
            {"@type": "Organization", "name": name} for name in author["affiliations"]
        ]
    if author["orcid"]:
        person["sameAs"] = author["orcid"]
        person["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "ORCID",
            "value": author["orcid"].rsplit("/", 1)[-1],
        }
    return person
