"""Numbering as journals print it (#15): every output of an article in an issue without a
volume, a double issue (合刊), a supplement (增刊), with an article number, roman pages or
supplement pages, as a reader, an indexer and a reference manager see it."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from io import StringIO

import bibtexparser
import lxml.html
import pytest
import rispy
from django.core.management import call_command
from django.utils import translation

from articles.how_to_cite import render_citations
from articles.models import Article
from journal.models import Issue, Journal
from search.index import update_article as update_search_entry
from tests.factories import make_article, make_author, make_issue, make_journal, make_section
from tests.oai.responses import Harvest, identifier_of, xpath
from tests.pages import export, meta, text, tree_of, without_ids

pytestmark = pytest.mark.django_db

GBT = "china-national-standard-gb-t-7714-2015-numeric"


@dataclass(frozen=True)
class Shape:
    volume: int | None
    number: str
    year: int
    first_page: str = ""
    last_page: str = ""
    article_number: str = ""
    label_zh: str = ""
    label_en: str = ""
    locator_zh: str = ""  # the pages or article number under the issue, as the page shows it
    locator_en: str = ""
    gbt: str = ""  # GB/T 7714's source part, after the journal's title
    apa: str = ""
    ieee: str = ""


SHAPES = {
    "no volume": Shape(
        None, "5", 2019, "32", "38",
        label_zh="2019年第5期", label_en="2019, No. 5",
        locator_zh="第 32–38 页", locator_en="Pages 32–38",
        gbt="2019(5): 32-38.", apa="(5), 32–38.", ieee="no. 5, pp. 32–38, May 2019,",
    ),
    "double issue": Shape(
        None, "1-2", 2019, "5", "23",
        label_zh="2019年第1-2期（合刊）", label_en="2019, Nos. 1-2",
        locator_zh="第 5–23 页", locator_en="Pages 5–23",
        gbt="2019(1-2): 5-23.", apa="(1–2), 5–23.", ieee="no. 1–2, pp. 5–23, May 2019,",
    ),
    "supplement": Shape(
        3, "S1", 2019, "7", "9",
        label_zh="2019年第3卷增刊1", label_en="Vol. 3, Suppl. 1 (2019)",
        locator_zh="第 7–9 页", locator_en="Pages 7–9",
        gbt="2019, 3(S1): 7-9.", apa="3(S1), 7–9.", ieee="vol. 3, no. S1, pp. 7–9, May 2019,",
    ),
    "supplement pages": Shape(
        None, "增刊1", 2019, "S12", "S19",
        label_zh="2019年增刊1", label_en="2019, Suppl. 1",
        locator_zh="第 S12–S19 页", locator_en="Pages S12–S19",
        gbt="2019(增刊1): S12-S19.", apa="(增刊1), S12–S19.",
        ieee="no. 增刊1, pp. S12–S19, May 2019,",
    ),
    "article number": Shape(
        12, "3", 2019, article_number="e1021",
        label_zh="2019年第12卷第3期", label_en="Vol. 12, No. 3 (2019)",
        locator_zh="论文编号 e1021", locator_en="Article e1021",
        gbt="2019, 12(3): e1021.", apa="12(3), Article e1021.",
        ieee="vol. 12, no. 3, Art. no. e1021, May 2019,",
    ),
    "roman pages": Shape(
        3, "2", 2019, "iii", "xii",
        label_zh="2019年第3卷第2期", label_en="Vol. 3, No. 2 (2019)",
        locator_zh="第 iii–xii 页", locator_en="Pages iii–xii",
        gbt="2019, 3(2): iii-xii.", apa="3(2), iii–xii.",
        ieee="vol. 3, no. 2, pp. iii–xii, May 2019,",
    ),
}  # fmt: skip
shapes = pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())


def make_shaped(shape, journal=None):
    """An English article (so citations have no translation) in an issue of this shape."""
    journal = journal or make_journal(title_en="Journal of Tests", abbreviation="J. Tests")
    issue = make_issue(journal, volume=shape.volume, number=shape.number, year=shape.year)
    article = make_article(
        journal=journal,
        issue=issue,
        language="en",
        title_zh="",
        title_en="A study of numbering",
        abstract_zh="",
        first_page=shape.first_page,
        last_page=shape.last_page,
        article_number=shape.article_number,
        published_at=datetime(2019, 5, 20, 8, tzinfo=UTC),
        doi="10.5555/numbering.1",
    )
    make_author(article, family_name="Wang", given_name="Ming", family_name_en="")
    render_citations(article=article)
    return article


def url_in(language, obj):
    with translation.override(language):
        return obj.get_absolute_url()


# -- what a reader sees ------------------------------------------------------------------


@shapes
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_landing_page_names_the_issue_and_prints_pages_or_article_number(client, shape, language):
    article = make_shaped(shape)
    doc = tree_of(client, f"/{language}/{article.journal.slug}/article/{article.pk}/")
    label = shape.label_zh if language == "zh-hans" else shape.label_en
    issue_url = f"/{language}/{article.journal.slug}/issues/{article.issue.pk}/"
    assert [text(a) for a in doc.cssselect(f'.article-journal a[href="{issue_url}"]')] == [label]
    block = doc.cssselect(".sidebar-block.issue p")[0]
    assert [text(a) for a in block.cssselect("a")] == [label]
    locator = shape.locator_zh if language == "zh-hans" else shape.locator_en
    assert [text(span) for span in block.cssselect(".pages, .article-number")] == [locator]
    # The licence's attribution numbers the source as a citation does: 3(2), or 2019(5).
    numbered = f"{shape.volume}({shape.number})" if shape.volume else f"2019({shape.number})"
    assert f"Journal of Tests {numbered}" in text(doc.cssselect(".attribution")[0])


@shapes
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_table_of_contents_is_headed_by_the_label_and_lists_pages_or_article_number(
    client, shape, language
):
    article = make_shaped(shape)
    doc = tree_of(client, url_in(language, article.issue))
    label = shape.label_zh if language == "zh-hans" else shape.label_en
    assert text(doc.cssselect("h1")[0]) == label
    assert text(doc.cssselect("title")[0]).startswith(f"{label} | ")
    locator = shape.locator_zh if language == "zh-hans" else shape.locator_en
    assert [text(node) for node in doc.cssselect(".article-summary__meta span")] == [locator]


def test_table_of_contents_follows_the_editors_order_then_the_first_page(client):
    issue = make_issue()
    section = make_section(issue.journal)
    for title, first, order in [
        ("第十二页", "12", 1),
        ("第五页", "5", 1),  # 5 before 12, though "12" < "5" as text
        ("前言", "iii", 0),  # front matter in roman pages: first because the editors say so
        ("殿后", "1", 9),
    ]:
        make_article(issue=issue, section=section, title_zh=title, first_page=first, order=order)
    doc = tree_of(client, url_in("zh-hans", issue))
    titles = [text(a) for a in doc.cssselect(".article-summary__title a")]
    assert titles == ["前言", "第五页", "第十二页", "殿后"]


# -- what indexers read --------------------------------------------------------------------


@shapes
def test_citation_tags_carry_the_printed_numbering(client, shape):
    article = make_shaped(shape)
    doc = tree_of(client, f"/en/{article.journal.slug}/article/{article.pk}/")
    assert meta(doc, "citation_volume") == ([str(shape.volume)] if shape.volume else [])
    assert meta(doc, "citation_issue") == [shape.number]
    # Google Scholar: an article number where there are no pages; never a last page that
    # repeats the first.
    assert meta(doc, "citation_firstpage") == [shape.first_page or shape.article_number]
    assert meta(doc, "citation_lastpage") == ([shape.last_page] if shape.last_page else [])


@shapes
def test_dublin_core_and_json_ld_carry_the_printed_numbering(client, shape):
    article = make_shaped(shape)
    doc = tree_of(client, f"/en/{article.journal.slug}/article/{article.pk}/")
    page = f"{shape.first_page}-{shape.last_page}" if shape.first_page else shape.article_number
    assert meta(doc, "DC.Source.Volume") == ([str(shape.volume)] if shape.volume else [])
    assert meta(doc, "DC.Source.Issue") == [shape.number]
    assert meta(doc, "DC.Identifier.pageNumber") == [page]

    node = json.loads(doc.xpath('//script[@type="application/ld+json"]')[0].text)
    assert node["pagination"] == page
    assert node.get("pageStart") == (shape.first_page or None)
    assert node.get("pageEnd") == (shape.last_page or None)
    issue = node["isPartOf"]
    assert (issue["@type"], issue["issueNumber"]) == ("PublicationIssue", shape.number)
    if shape.volume:
        assert issue["isPartOf"]["@type"] == "PublicationVolume"
        assert issue["isPartOf"]["volumeNumber"] == str(shape.volume)
        assert issue["isPartOf"]["isPartOf"]["@type"] == "Periodical"
    else:  # no volume to name: the issue is part of the periodical itself
        assert issue["isPartOf"]["@type"] == "Periodical"


def test_a_volume_without_issues_is_a_publication_volume(client):
    journal = make_journal()
    article = make_article(journal=journal, issue=make_issue(journal, volume=9, number=""))
    doc = tree_of(client, url_in("zh-hans", article))
    part_of = json.loads(doc.xpath('//script[@type="application/ld+json"]')[0].text)["isPartOf"]
    assert (part_of["@type"], part_of["volumeNumber"]) == ("PublicationVolume", "9")
    assert meta(doc, "citation_issue") == [] and meta(doc, "citation_volume") == ["9"]
    assert text(doc.cssselect(".sidebar-block.issue a")[0]) == "2025年第9卷"


@shapes
def test_oai_dc_source_names_the_issue_as_printed(client, shape):
    article = make_shaped(shape)
    harvest = Harvest(client)
    doc = harvest(verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier_of(article))
    sources = xpath(doc, "//dc:source[@xml:lang]/text()")
    volume = f"Vol {shape.volume} " if shape.volume else ""
    page = f"{shape.first_page}-{shape.last_page}" if shape.first_page else shape.article_number
    numbering = f"{volume}No {shape.number} (2019); {page}"
    # The article's own citation, then the one with the journal's Chinese title.
    assert sources == [f"Journal of Tests; {numbering}", f"{article.journal.title_zh}; {numbering}"]


# -- how to cite and the downloads ---------------------------------------------------------


@shapes
def test_how_to_cite_prints_the_numbering_in_each_style(client, shape):
    article = make_shaped(shape)
    cited = {}
    for style in (GBT, "apa", "ieee"):
        fragment = client.get(f"{article.get_absolute_url()}cite/?style={style}")
        [entry] = lxml.html.fromstring(fragment.content.decode()).cssselect(".citation")
        cited[style] = entry.get("data-text")
    assert cited[GBT] == (
        f"[1] WANG M. A study of numbering[J/OL]. Journal of Tests, {shape.gbt} "
        "DOI:10.5555/numbering.1."
    )
    assert cited["apa"].startswith(
        f"Wang, M. (2019). A study of numbering. Journal of Tests, {shape.apa}"
    )
    assert cited["ieee"] == (
        f"[1] M. Wang, “A study of numbering,” J. Tests, {shape.ieee} doi: 10.5555/numbering.1."
    )


def download(client, article, extension):
    response = client.get(f"{article.get_absolute_url()}cite.{extension}")
    assert response.status_code == 200
    return response.content.decode()


@shapes
def test_ris_download_read_back(client, shape):
    article = make_shaped(shape)
    [record] = rispy.loads(download(client, article, "ris"))
    assert record.get("volume") == (str(shape.volume) if shape.volume else None)
    assert record["number"] == shape.number
    assert record["start_page"] == shape.first_page or shape.article_number
    assert record.get("end_page") == (shape.last_page or None)


@shapes
def test_bibtex_download_read_back(client, shape):
    article = make_shaped(shape)
    library = bibtexparser.parse_string(download(client, article, "bib"))
    assert not library.failed_blocks
    fields = {field.key: field.value for field in library.entries[0].fields}
    assert fields.get("volume") == (str(shape.volume) if shape.volume else None)
    assert fields["number"] == shape.number
    pages = f"{shape.first_page}--{shape.last_page}" if shape.first_page else shape.article_number
    assert fields["pages"] == pages
    assert fields.get("eid") == (shape.article_number or None)


@shapes
def test_endnote_download(client, shape):
    article = make_shaped(shape)
    lines = download(client, article, "enw").splitlines()
    assert [line for line in lines if line.startswith("%V ")] == (
        [f"%V {shape.volume}"] if shape.volume else []
    )
    assert f"%N {shape.number}" in lines
    page = f"{shape.first_page}-{shape.last_page}" if shape.first_page else shape.article_number
    assert f"%P {page}" in lines


# -- import and export ---------------------------------------------------------------------


def import_file(tmp_path, items):
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items, ensure_ascii=False))
    call_command("import_articles", str(path), stdout=StringIO())


@shapes
def test_export_import_export_round_trip(client, tmp_path, shape):
    article = make_shaped(shape)
    article.order = 4
    article.save()
    first = export(client, article)
    Article.objects.all().delete()
    Issue.objects.all().delete()

    import_file(tmp_path, first)

    again = Article.objects.get()
    assert (again.issue.volume, again.issue.number, again.issue.year) == (
        shape.volume,
        shape.number,
        shape.year,
    )
    assert (again.first_page, again.last_page) == (shape.first_page, shape.last_page)
    assert (again.article_number, again.order) == (shape.article_number, 4)
    assert without_ids(export(client, again)) == without_ids(first)


def test_the_year_tells_apart_issues_without_a_volume(tmp_path):
    journal = make_journal(issn_online="2096-1235")
    items = [
        {
            "id": f"item-{year}",
            "type": "article-journal",
            "title": f"第五期论文 {year}",
            "ISSN": "2096-1235",
            "issue": "5",
            "page": "32-38",
            "issued": {"date-parts": [[year, 10, 1]]},
            "author": [{"family": "王", "given": "明"}],
        }
        for year in (2019, 2020)
    ]
    import_file(tmp_path, items)
    issues = Issue.objects.filter(journal=journal).order_by("year")
    assert [(issue.year, issue.volume, issue.number) for issue in issues] == [
        (2019, None, "5"),
        (2020, None, "5"),
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # Zotero puts an eLocator in "page".
        ({"page": "e1021"}, ("", "", "e1021")),
        # Crossref's content negotiation: "article-number", and sometimes "page" as well.
        ({"article-number": "102345"}, ("", "", "102345")),
        ({"article-number": "e55", "page": "1-12"}, ("1", "12", "e55")),
        ({"number": "e1021", "page": "e1021"}, ("", "", "e1021")),
        ({"page": "iii–xii"}, ("iii", "xii", "")),
        ({"page": "S12–S19"}, ("S12", "S19", "")),
        ({"page": "7"}, ("7", "", "")),
        ({"page": "７－９"}, ("7", "9", "")),  # full-width, as a Chinese input method types it
    ],
)
def test_import_reads_pages_and_article_numbers_as_sources_write_them(tmp_path, fields, expected):
    item = {
        "type": "article-journal",
        "title": "Paged",
        "container-title": "Journal of Tests",
        "publisher": "P",
        "volume": "3",
        "issue": "S1",
        "issued": {"date-parts": [[2019]]},
        "author": [{"family": "Wang", "given": "Ming"}],
        **fields,
    }
    import_file(tmp_path, [item])
    article = Article.objects.get()
    assert (article.first_page, article.last_page, article.article_number) == expected
    assert (article.issue.volume, article.issue.number) == (3, "S1")
    assert Journal.objects.count() == 1


# -- search ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_search_results_name_the_issue(client, language):
    shape = SHAPES["double issue"]
    article = make_shaped(shape)
    update_search_entry(article)
    doc = tree_of(client, f"/{language}/search/?q=numbering")
    [meta_line] = doc.cssselect(".search-result .article-summary__meta")
    label = shape.label_zh if language == "zh-hans" else shape.label_en
    assert f"{article.journal.canonical_title} · {label}" in text(meta_line)
