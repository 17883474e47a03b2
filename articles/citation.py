"""The one source of citation data: an article as CSL-JSON.

How to Cite, the downloads (RIS, BibTeX, CSL-JSON, EndNote) and the metadata for
indexers all read from here. No request, no template logic: absolute URLs are
built from the ``base_url`` the caller passes.

What CSL-JSON lacks (translations, references, section, status, author details)
travels in the item's ``custom`` object; ``articles.importer`` reads it back.
"""

import hashlib
import json

from articles.models import Status
from scholarly.csl import engine_version
from scholarly.dates import PartialDate
from scholarly.identifiers import ROR_URL_PREFIX
from scholarly.languages import CSL_LOCALE, Language, in_language, localized, other_language
from scholarly.numbering import split_pages
from scholarly.richtext import plain_text


def csl_name(author, language):
    """A CSL name: own script for the original, romanised for a translation.

    A name of one part (an undivided 欧阳晓光, an organisation) is CSL's ``literal``:
    styles print it as it is, never punctuated as a family name without initials.
    """
    if language == Language.EN and author.family_name_en:
        family, given = author.family_name_en, author.given_name_en
    else:
        family, given = author.family_name, author.given_name
    return {"family": family, "given": given} if given else {"literal": family}


def inverted_name(name):
    """A CSL name as reference managers read it: "Family, Given".

    Every name, whatever its script: 欧阳, 晓光; van der Berg, Maria. Zotero (its
    Embedded Metadata translator, and its RIS and BibTeX import) splits a name at
    the comma; without one it takes the last space-separated word as the family
    name, which keeps 欧阳晓光 as one undivided name and turns "Maria van der Berg"
    into Berg, Maria van der. A name of one part (an organisation) stays as it is.
    """
    family = (name.get("family") or name.get("literal") or "").strip()
    given = (name.get("given") or "").strip()
    return f"{family}, {given}" if family and given else family or given


def journal_title(journal, language):
    """The journal's title in a citation written in ``language`` (its own title otherwise).

    How to Cite, the downloads and the landing page's metadata all name the journal
    so: an English article's citation names the English title.
    """
    return in_language(journal, "title", language) or journal.canonical_title


def first_and_last_page(item):
    """(first, last) of a CSL item's ``page``: the printed pages, or the article number
    alone when it has no pages (no last page that repeats the first).

    Every output with a first-page field reads this: Google Scholar's citation_firstpage
    takes an article number where there are no pages (as PLOS and Pensoft print it),
    and so do RIS's SP and DOAJ's startPage.
    """
    page = item.get("page", "")
    if page and page == item.get("number"):
        return page, ""
    return split_pages(page)


def csl_item(article, *, base_url="", translated=False):
    """The CSL-JSON item of an article.

    ``translated`` gives the English (or Chinese) rendering of a citation: the
    translated title, the romanised names, the journal's title in that language.
    """
    journal = article.journal
    issue = article.issue
    language = other_language(article.language) if translated else article.language
    title = in_language(article, "title", language) or article.original_title
    item = {
        "id": f"article-{article.pk}",
        "type": "article-journal",
        "language": CSL_LOCALE[language],
        "title": title,
        "container-title": journal_title(journal, language),
        "author": [csl_name(author, language) for author in article.byline],
        "publisher": journal.publisher,
    }
    optional = {
        "container-title-short": journal.abbreviation,
        "ISSN": journal.issn_online or journal.issn_print,
        "volume": str(issue.volume) if issue and issue.volume is not None else "",
        "issue": issue.number if issue else "",
        # The printed pages; without pages, the article number where pages go, as GB/T
        # 7714 prints it (2019(5): e1021) and Zotero exports it. ``number`` is the article
        # number itself: APA prints "Article e1021", IEEE "Art. no. e1021".
        "page": article.page_range or article.article_number,
        "number": article.article_number,
        "DOI": article.doi,
        "URL": f"{base_url}{article.get_absolute_url()}" if base_url else "",
        "abstract": plain_text(article.abstract_in(language)),
        "keyword": ", ".join(tag.name for tag in article.keywords_in(language)),
        # Only the parts the journal prints: [[2019]], [[2019, 5]] or [[2019, 5, 3]].
        "issued": article.publication_date.csl() if article.publication_date else None,
        # CSL's "date the item was made available": online-first publication (网络首发).
        "available-date": PartialDate.from_date(article.online_first).csl()
        if article.online_first
        else None,
        # CSL's variable for a library's classification; Zotero's "Call Number", where its
        # CNKI translator puts 中图分类号, and RIS's CN.
        "call-number": article.clc_codes,
    }
    item.update({key: value for key, value in optional.items() if value})
    return item


def citation_items(article, *, base_url=""):
    """The CSL items the How-to-Cite widget renders: {"original": item, "translated": item}.

    "translated" (romanised names, English title and journal title) exists only for an
    article not written in English that has an English title: it is what an
    English-language paper prints.
    """
    items = {"original": csl_item(article, base_url=base_url)}
    if article.language != Language.EN and in_language(article, "title", Language.EN):
        items["translated"] = csl_item(article, base_url=base_url, translated=True)
    return items


def citations_key(items, style_ids):
    """Hash of what rendered citations depend on: the items, the styles, the engine."""
    payload = json.dumps(
        {"items": items, "styles": list(style_ids), "engine": engine_version()},
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def crossref_funder(funding, language):
    """One funder as Crossref's CSL-JSON writes it: {"name", "DOI", "award": [...]}; a ROR
    ID in the ``id`` list Crossref uses for ROR-identified funders."""
    funder = {"name": localized(funding, "funder", language)}
    if funding.funder_id.startswith(ROR_URL_PREFIX):
        funder["id"] = [{"id": funding.funder_id, "id-type": "ROR", "asserted-by": "publisher"}]
    elif funding.funder_id:
        funder["DOI"] = funding.funder_id
    if funding.awards:
        funder["award"] = funding.awards
    return funder


def csl_export(article, *, base_url=""):
    """CSL-JSON with this project's extensions, enough to import the article again."""
    item = csl_item(article, base_url=base_url)
    funding = article.funding_list
    if funding:
        item["funder"] = [crossref_funder(row, article.language) for row in funding]
    translation = other_language(article.language)
    item["custom"] = {
        "journal": {
            "slug": article.journal.slug,
            "title_zh": article.journal.title_zh,
            "title_en": article.journal.title_en,
            "issn_print": article.journal.issn_print,
            "issn_online": article.journal.issn_online,
        },
        "issue": {"year": article.issue.year} if article.issue else {},
        "order": article.order,
        "section": {
            "slug": article.section.slug,
            "title_zh": article.section.title_zh,
            "title_en": article.section.title_en,
        },
        "status": article.status if article.status != Status.DRAFT else "draft",
        "published_at": article.published_at.isoformat() if article.published_at else "",
        "licence": article.licence,
        "abstract_html": article.original_abstract,
        "keywords": [tag.name for tag in article.keywords_in(article.language)],
        "translation": {
            "language": CSL_LOCALE[translation],
            "title": in_language(article, "title", translation),
            "abstract_html": article.abstract_in(translation),
            "keywords": [tag.name for tag in article.keywords_in(translation)],
        },
        "authors": [
            {
                "romanised": csl_name(author, Language.EN) if author.family_name_en else {},
                "affiliations": [
                    {"name": aff.name, "name_en": aff.name_en} for aff in author.affiliation_list
                ],
                "orcid": author.orcid,
                "corresponding": author.is_corresponding,
                "biography_zh": author.biography_zh,
                "biography_en": author.biography_en,
                # The contact the landing page shows: the corresponding author's only.
                "email": author.email if author.is_corresponding else "",
                "address": author.address if author.is_corresponding else "",
            }
            for author in article.byline
        ],
        "funding": [
            {
                "funder_zh": row.funder_zh,
                "funder_en": row.funder_en,
                "award": row.awards,
                "funder_id": row.funder_id,
            }
            for row in funding
        ],
        "clc_codes": article.clc_codes,
        "document_code": article.document_code,
        "caj_article_id": article.caj_article_id,
        "references": [
            {"text": ref.raw_text, "doi": ref.doi, "url": ref.url}
            for ref in article.references.all()
        ],
        **{
            key: day.isoformat() if (day := getattr(article, key)) else ""
            for key in ("received", "revised", "accepted", "online_first")
        },
    }
    return item
