"""OJS Native XML exports, written as OJS 3.2, 3.3, 3.4 and 3.5 write them.

Element order and attributes follow OJS's export filters (IssueNativeXmlFilter,
ArticleNativeXmlFilter, PublicationNativeXmlFilter, AuthorNativeXmlFilter,
SubmissionFileNativeXmlFilter in pkp/ojs and pkp/pkp-lib at the tags 3_2_1-5,
3_3_0-22 and 3_4_0-10); every export made here validates against that version's
schema (the importer checks it first). Described as plain dicts:

    issue = {"volume": 12, "number": "3", "year": 2021, "date_published": "2021-06-30",
             "titles": {"zh_CN": "…"}, "sections": [{"ref": "ART", "titles": {…}}],
             "articles": [article, …]}
    article = {"id": 17, "locale": "zh_CN", "doi": "10.…", "titles": {"zh_CN": "…"},
               "authors": [{"given": {"zh_CN": "修"}, "family": {"zh_CN": "欧阳"}, …}],
               "galleys": [{"label": "PDF", "content": b"%PDF…"} or {"href": "…"}], …}
"""

import base64
import itertools

from lxml import etree

NS = "http://pkp.sfu.ca"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ids = itertools.count(1000)


def el(parent, name, text=None, **attributes):
    node = etree.SubElement(parent, f"{{{NS}}}{name}")
    for key, value in attributes.items():
        if value is not None:
            node.set(key, str(value))
    if text is not None:
        node.text = str(text)
    return node


def localized(parent, name, values):
    for locale, text in values.items():
        el(parent, name, text, locale=locale)


def export(issues=(), *, version="3.4", articles=None):
    """The export file's bytes: <issues> (or <articles> for an article export)."""
    root_name = "articles" if articles is not None else "issues"
    root = etree.Element(f"{{{NS}}}{root_name}", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} native.xsd")
    if articles is not None:
        for article in articles:
            write_article(root, article, version)
    for issue in issues:
        write_issue(root, issue, version)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def identification(parent, issue):
    node = el(parent, "issue_identification")
    if issue.get("volume") is not None:
        el(node, "volume", issue["volume"])
    if issue.get("number"):
        el(node, "number", issue["number"])
    if issue.get("year"):
        el(node, "year", issue["year"])
    localized(node, "title", issue.get("titles", {}))


def write_issue(root, issue, version):
    node = el(
        root, "issue", published=issue.get("published", 1), current=0, access_status=1, url_path=""
    )
    el(node, "id", issue.get("id", next(ids)), type="internal", advice="ignore")
    localized(node, "description", issue.get("descriptions", {}))
    identification(node, issue)
    if issue.get("date_published"):
        el(node, "date_published", issue["date_published"])
    el(node, "last_modified", issue.get("date_published") or "2021-01-01")
    sections = el(node, "sections")
    for seq, section in enumerate(issue.get("sections") or [{"ref": "ART"}], start=1):
        s = el(
            sections,
            "section",
            ref=section["ref"],
            seq=seq,
            editor_restricted=0,
            meta_indexed=1,
            meta_reviewed=1,
            abstracts_not_required=0,
            hide_title=0,
            hide_author=0,
            abstract_word_count=0,
        )
        el(s, "id", next(ids), type="internal", advice="ignore")
        localized(s, "abbrev", {"en_US": section["ref"]})
        localized(s, "title", section.get("titles", {"en_US": "Articles"}))
    if issue.get("cover"):
        covers = el(node, "covers")
        cover = el(covers, "cover", locale="en_US")
        el(cover, "cover_image", "cover.png")
        el(cover, "cover_image_alt_text", issue.get("cover_alt", ""))
        el(cover, "embed", base64.b64encode(issue["cover"]).decode(), encoding="base64")
    el(node, "issue_galleys")
    articles = el(node, "articles")
    for article in issue.get("articles", []):
        write_article(articles, article, version, issue=issue)


def write_article(parent, article, version, issue=None):
    locale = article.get("locale", "en_US")
    publication_id = article.get("publication_id", next(ids))
    node = el(
        parent,
        "article",
        locale=locale if version != "3.2" else None,
        date_submitted=article.get("date_submitted", "2021-01-05"),
        status=3,
        submission_progress=0,
        current_publication_id=publication_id,
        stage="production",
    )
    el(node, "id", article["id"], type="internal", advice="ignore")
    files = []
    for galley in article.get("galleys", []):
        file_id = galley.get("file_id", next(ids))
        files.append(file_id)
        write_submission_file(node, galley, file_id, version, locale)
    for old in article.get("old_versions", []):
        write_publication(
            node, {**article, **old}, version, locale, old["publication_id"], [], issue, status=1
        )
    write_publication(node, article, version, locale, publication_id, files, issue)


def write_submission_file(parent, galley, file_id, version, locale):
    name = galley.get("filename", "article.pdf")
    extension = name.rsplit(".", 1)[-1]
    if version == "3.2":
        sf = el(parent, "submission_file", stage="proof", id=file_id)
        revision = el(
            sf,
            "revision",
            number=1,
            genre="Article Text",
            filename=name,
            viewable="true",
            date_uploaded="2021-01-05",
            date_modified="2021-01-05",
            filesize=len(galley.get("content", b"")),
            filetype=galley.get("mime", "application/pdf"),
        )
        localized(revision, "name", {locale: name})
        contents(revision, galley)
        return
    sf = el(
        parent,
        "submission_file",
        id=file_id,
        created_at="2021-01-05",
        date_created="",
        file_id=file_id + 50000,
        stage="proof",
        updated_at="2021-01-05",
        viewable="false",
        genre="Article Text",
        uploader="admin",
    )
    if version != "3.3":
        el(sf, "id", file_id, type="internal", advice="ignore")
    localized(sf, "name", {locale: name})
    file_node = el(
        sf,
        "file",
        id=file_id + 50000,
        filesize=len(galley.get("content", b"")),
        extension=extension,
    )
    contents(file_node, galley)


def contents(parent, galley):
    if "href" in galley:
        el(parent, "href", src=galley["href"], mime_type=galley.get("mime", "application/pdf"))
    else:
        el(parent, "embed", base64.b64encode(galley["content"]).decode(), encoding="base64")


def write_publication(parent, article, version, locale, publication_id, files, issue, status=3):
    pub = el(
        parent,
        "publication",
        locale=locale if version in ("3.2", "3.3") else None,
        version=article.get("version", 1),
        status=article.get("status", status),
        primary_contact_id=article.get("primary_contact"),
        url_path="",
        seq=article.get("seq", 0),
        date_published=article.get("date_published"),
        section_ref=article.get("section", "ART"),
        access_status=0,
    )
    el(pub, "id", publication_id, type="internal", advice="ignore")
    if article.get("doi"):
        el(pub, "id", article["doi"], type="doi", advice="update")
    localized(pub, "title", article["titles"])
    localized(pub, "prefix", article.get("prefixes", {}))
    localized(pub, "subtitle", article.get("subtitles", {}))
    localized(pub, "abstract", article.get("abstracts", {}))
    if article.get("licence_url"):
        el(pub, "licenseUrl", article["licence_url"])
    localized(pub, "copyrightHolder", article.get("copyright_holders", {}))
    if article.get("copyright_year"):
        el(pub, "copyrightYear", article["copyright_year"])
    for vocabulary, entry, key in (
        ("keywords", "keyword", "keywords"),
        ("agencies", "agency", "agencies"),
        ("subjects", "subject", "subjects"),
    ):
        for group_locale, words in article.get(key, {}).items():
            group = el(pub, vocabulary, locale=group_locale)
            for word in words:
                if version == "3.5":  # a controlled vocabulary entry: <name>, <identifier>
                    el(el(group, entry), "name", word)
                else:
                    el(group, entry, word)
    authors = el(pub, "authors")
    for seq, author in enumerate(article.get("authors", [])):
        a = el(
            authors,
            "author",
            include_in_browse="true",
            user_group_ref="Author",
            seq=author.get("seq", seq),
            id=author["id"],
            primary_contact="true" if author["id"] == article.get("primary_contact") else None,
        )
        localized(a, "givenname", author["given"])
        localized(a, "familyname", author.get("family", {}))
        if version == "3.5" and author.get("affiliation"):
            if author.get("ror"):
                ror = el(a, "rorAffiliation")
                el(ror, "ror", author["ror"])
            else:
                ror = el(a, "affiliation")
            localized(ror, "name", author["affiliation"])
        elif author.get("affiliation"):
            localized(a, "affiliation", author["affiliation"])
        if author.get("country"):
            el(a, "country", author["country"])
        el(a, "email", author.get("email", "author@example.org"))
        if author.get("orcid"):
            el(a, "orcid", author["orcid"])
        localized(a, "biography", author.get("biography", {}))
    for seq, (galley, file_id) in enumerate(zip(article.get("galleys", []), files, strict=True)):
        g = el(
            pub,
            "article_galley",
            locale=galley.get("locale", locale),
            url_path="",
            approved="false",
        )
        el(g, "id", next(ids), type="internal", advice="ignore")
        localized(g, "name", {galley.get("locale", locale): galley.get("label", "PDF")})
        el(g, "seq", seq)
        el(g, "submission_file_ref", id=file_id)
    citations = article.get("citations", [])
    if version != "3.2" and citations:
        write_citations(pub, citations)
    if issue is None and article.get("issue"):
        identification(pub, article["issue"])
    if article.get("pages"):
        el(pub, "pages", article["pages"])
    if version == "3.2" and citations:
        write_citations(pub, citations)


def write_citations(pub, citations):
    node = el(pub, "citations")
    for citation in citations:
        el(node, "citation", citation)
