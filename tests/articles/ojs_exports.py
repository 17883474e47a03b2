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

from tests.factories import pdf_bytes

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
    if issue.get("covers"):  # {locale: (image bytes, alt text)}, as IssueNativeXmlFilter writes
        covers = el(node, "covers")
        for locale, (content, alt) in issue["covers"].items():
            cover = el(covers, "cover", locale=locale)
            el(cover, "cover_image", f"cover_issue_{locale}.png")
            el(cover, "cover_image_alt_text", alt)
            el(cover, "embed", base64.b64encode(content).decode(), encoding="base64")
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


# A bilingual zh/en journal as the tests import it.

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
RURAL_PDF = pdf_bytes("Rural governance")

PARTICLES = [
    ("Ludwig", "van der Berg"),
    ("María", "de la Cruz"),
    ("Alexander", "von Humboldt"),
    ("João", "da Silva"),
    ("Seán", "O'Neil"),
    ("Karim", "ben Ali"),
    ("Ursula", "Le Guin"),
    ("Ana", "dos Santos"),
    ("Madhuri", None),  # a name of one part: OJS keeps it as the given name
]


def chinese_article(**overrides):
    article = {
        "id": 101,
        "locale": "zh_CN",
        "doi": "10.5555/ojs.101",
        "titles": {
            "zh_CN": "乡村治理的数字化转型",
            "en_US": "Digital Transformation of Rural Governance",
        },
        "subtitles": {"zh_CN": "以浙江为例", "en_US": "The Case of Zhejiang"},
        "abstracts": {
            "zh_CN": "<p>本文研究 &amp; 讨论<script>alert(1)</script>数字治理。</p>",
            "en_US": "<p>We study <i>digital</i> governance &amp; H<sub>2</sub>O.</p>",
        },
        "keywords": {
            "zh_CN": ["数字治理", "乡村振兴"],
            "en_US": ["digital governance", "rural revitalisation"],
        },
        "subjects": {"zh_CN": ["公共管理"]},
        "agencies": {
            "zh_CN": ["国家社会科学基金"],
            "en_US": ["National Social Science Fund of China"],
        },
        "authors": [
            {
                "id": 1,
                "given": {"zh_CN": "修", "en_US": "Xiu"},
                "family": {"zh_CN": "欧阳", "en_US": "Ouyang"},
                "affiliation": {
                    "zh_CN": "浙江大学公共管理学院",
                    "en_US": "School of Public Affairs, Zhejiang University",
                },
                "country": "CN",
                "orcid": "https://orcid.org/0000-0002-1825-0097",
            },
            {
                "id": 2,
                "given": {"zh_CN": "相如", "en_US": "Xiangru"},
                "family": {"zh_CN": "司马", "en_US": "Sima"},
                "affiliation": {"zh_CN": "北京大学"},
                "email": "sima@example.edu.cn",
            },
            {
                "id": 3,
                "given": {"zh_CN": "亮", "en_US": "Liang"},
                "family": {"zh_CN": "诸葛", "en_US": "Zhuge"},
            },
        ],
        "primary_contact": 2,
        "citations": [
            "Ostrom E. Governing the Commons[M]. Cambridge: Cambridge University Press, 1990.",
            "王浦劬. 国家治理现代化[J]. 中国社会科学, 2014(3): 4-13. DOI:10.5555/wang.2014",
        ],
        "pages": "5-23",
        "date_published": "2021-06-30",
        "licence_url": CC_BY,
        "copyright_holders": {"zh_CN": "作者", "en_US": "The authors"},
        "copyright_year": 2021,
        "galleys": [{"label": "PDF", "content": RURAL_PDF}],
    }
    article.update(overrides)
    return article


def english_article(**overrides):
    article = {
        "id": 102,
        "locale": "en_US",
        "doi": "10.5555/ojs.102",
        "section": "REV",
        "titles": {"en_US": "Nine Authors & <Particles>"},
        "prefixes": {"en_US": "The"},
        "authors": [
            {
                "id": 10 + n,
                "given": {"en_US": given},
                **({"family": {"en_US": family}} if family else {}),
            }
            for n, (given, family) in enumerate(PARTICLES)
        ],
        "pages": "e1021",
        "date_published": "2021-06-30",
        "licence_url": CC_BY,
        "keywords": {"en_US": ["particles"], "fr_CA": ["particules"]},
    }
    article.update(overrides)
    return article


def bilingual_issues():
    """A bilingual zh/en journal: a volume issue, an issue without a volume, a double issue."""
    sections = [
        {"ref": "ART", "titles": {"zh_CN": "论文", "en_US": "Articles"}},
        {"ref": "REV", "titles": {"zh_CN": "综述", "en_US": "Reviews"}},
    ]
    return [
        {
            "volume": 12,
            "number": "3",
            "year": 2021,
            "date_published": "2021-06-30",
            "sections": sections,
            "articles": [chinese_article(), english_article()],
        },
        {
            "number": "5",
            "year": 2019,
            "date_published": "2019-10-15",
            "sections": sections,
            "articles": [
                chinese_article(
                    id=103,
                    doi="",
                    titles={"zh_CN": "无卷号的期"},
                    subtitles={},
                    pages="iii-xii",
                    date_published="2019-10-15",
                    galleys=[],
                )
            ],
        },
        {
            "number": "1-2",
            "year": 2020,
            "date_published": "2020-02-20",
            "titles": {"zh_CN": "合刊", "en_US": "Double issue"},
            "sections": sections,
            "articles": [
                chinese_article(
                    id=104,
                    doi="10.5555/ojs.104",
                    titles={"zh_CN": "合刊中的文章", "en_US": "An article in a double issue"},
                    subtitles={},
                    date_published="2020-02-20",
                    galleys=[],
                )
            ],
        },
    ]
