"""Dates at the precision known (#15): a publication date that is a year, a year and month
or a day is printed as exactly that on the page, in every metadata format, citation and
download, and imported without a made-up day; the revised and online-first dates sit
beside received and accepted."""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from io import StringIO

import bibtexparser
import lxml.html
import pytest
import rispy
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from articles.citation import csl_export, csl_item
from articles.doaj import doaj_xml
from articles.how_to_cite import render_citations
from articles.models import Article, Status
from journal.models import Issue
from scholarly.dates import PartialDate
from tests.articles.doaj_schema import valid
from tests.factories import make_article, make_author, make_issue, make_journal, make_section
from tests.forms import article_form_data, form_values
from tests.oai.responses import Harvest, identifier_of, xpath
from tests.pages import export, meta, text, tree_of, without_ids

pytestmark = pytest.mark.django_db

VANCOUVER = "nlm-citation-sequence"


@dataclass(frozen=True)
class Precision:
    issued: str  # as stored, ISO
    parts: list
    label_zh: str
    label_en: str
    scholar: str  # citation_publication_date
    ris_da: str | None  # RIS DA; none for a year (PY says it all)
    ieee: str  # IEEE's date, before the DOI
    vancouver: str  # Vancouver's date, before the volume


PRECISIONS = {
    "year": Precision(
        "2019", [2019], "2019年", "2019", "2019", None,
        ieee="pp. 1–12, 2019,", vancouver="J Tests. 2019;3(2):1–12.",
    ),
    "month": Precision(
        "2019-05", [2019, 5], "2019年5月", "May 2019", "2019/05", "2019/05//",
        ieee="pp. 1–12, May 2019,", vancouver="J Tests. 2019 May;3(2):1–12.",
    ),
    "day": Precision(
        "2019-05-03", [2019, 5, 3], "2019年5月3日", "3 May 2019", "2019/05/03", "2019/05/03/",
        ieee="pp. 1–12, May 2019,", vancouver="J Tests. 2019 May 3;3(2):1–12.",
    ),
}  # fmt: skip
precisions = pytest.mark.parametrize("precision", PRECISIONS.values(), ids=PRECISIONS.keys())


def make_dated(precision, **fields):
    """An English article (citations without a translation) printed with this date, which
    went public on another day (the moment of publication here is not the printed date)."""
    journal = make_journal(title_en="Journal of Tests", abbreviation="J Tests")
    issue = make_issue(journal, volume=3, number="2", year=2019, publication_date=date(2019, 5, 30))
    defaults = {
        "language": "en",
        "title_zh": "",
        "title_en": "A study of dates",
        "abstract_zh": "",
        "issued": precision.issued,
        "published_at": datetime(2019, 7, 20, 8, tzinfo=UTC),
        "doi": "10.5555/dates.1",
    }
    article = make_article(journal=journal, issue=issue, **(defaults | fields))
    make_author(article, family_name="Wang", given_name="Ming", family_name_en="")
    render_citations(article=article)
    return article


def landing(client, article, language="en"):
    return tree_of(client, f"/{language}/{article.journal.slug}/article/{article.pk}/")


def download(client, article, extension):
    response = client.get(f"{article.get_absolute_url()}cite.{extension}")
    assert response.status_code == 200
    return response.content.decode()


# -- the value type ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("2019", "2019"),
        ("2019-5", "2019-05"),
        ("2019/05/03", "2019-05-03"),
        ("2019.5", "2019-05"),
        ("2019年", "2019"),
        ("2019年5月", "2019-05"),
        ("2019年5月3日", "2019-05-03"),
        (" 2019-05-03 ", "2019-05-03"),
    ],
)
def test_a_date_is_read_at_the_precision_written(typed, iso):
    assert PartialDate.parse(typed).isoformat() == iso


@pytest.mark.parametrize("typed", ["May 2019", "19", "2019-13", "2019-02-30", "2019-05-03T08"])
def test_what_is_not_a_date_is_refused(typed):
    with pytest.raises(ValueError):
        PartialDate.parse(typed)


@pytest.mark.parametrize(
    ("csl", "iso"),
    [
        ({"date-parts": [[2019]]}, "2019"),
        ({"date-parts": [["2019", "5"]]}, "2019-05"),  # strings, as some exporters write
        ({"date-parts": [[2019, 5, 3]]}, "2019-05-03"),
        ({"raw": "2019-05"}, "2019-05"),
    ],
)
def test_csl_dates_keep_their_precision(csl, iso):
    date = PartialDate.from_csl(csl)
    assert date.isoformat() == iso
    assert date.csl() == {"date-parts": [date.parts]}


# -- what a reader sees ------------------------------------------------------------------


@precisions
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_landing_page_prints_the_date_as_known(client, precision, language):
    article = make_dated(precision)
    doc = landing(client, article, language)
    [time] = doc.cssselect(".sidebar-block.published > p > time")
    label = precision.label_zh if language == "zh-hans" else precision.label_en
    assert (text(time), time.get("datetime")) == (label, precision.issued)


def test_without_a_printed_date_the_page_gives_the_day_it_went_public(client):
    article = make_dated(PRECISIONS["day"], issued="")
    [time] = landing(client, article).cssselect(".sidebar-block.published > p > time")
    assert (text(time), time.get("datetime")) == ("20 July 2019", "2019-07-20")
    assert meta(landing(client, article), "citation_publication_date") == ["2019/07/20"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh-hans",
            [
                ("收稿日期", "2019年1月2日"),
                ("修回日期", "2019年3月4日"),
                ("录用日期", "2019年4月5日"),
                ("网络首发日期", "2019年4月20日"),
            ],
        ),
        (
            "en",
            [
                ("Received", "2 January 2019"),
                ("Revised", "4 March 2019"),
                ("Accepted", "5 April 2019"),
                ("Published online first", "20 April 2019"),
            ],
        ),
    ],
)
def test_editorial_dates_in_both_languages(client, language, expected):
    article = make_dated(
        PRECISIONS["month"],
        received=date(2019, 1, 2),
        revised=date(2019, 3, 4),
        accepted=date(2019, 4, 5),
        online_first=date(2019, 4, 20),
    )
    [dates] = landing(client, article, language).cssselect(".sidebar-block.published dl.dates")
    terms = [text(dt) for dt in dates.cssselect("dt")]
    days = [text(dd) for dd in dates.cssselect("dd")]
    assert list(zip(terms, days, strict=True)) == expected
    assert [t.get("datetime") for t in dates.cssselect("time")] == [
        "2019-01-02",
        "2019-03-04",
        "2019-04-05",
        "2019-04-20",
    ]


def test_only_the_dates_given_are_listed(client):
    article = make_dated(PRECISIONS["day"], received=date(2019, 1, 2))
    doc = landing(client, article)
    assert [text(dt) for dt in doc.cssselect("dl.dates dt")] == ["Received"]
    assert not landing(client, make_dated(PRECISIONS["day"], doi="")).cssselect("dl.dates")


# -- what indexers read --------------------------------------------------------------------


@precisions
def test_metadata_carries_the_known_parts_only(client, precision):
    article = make_dated(precision)
    doc = landing(client, article)
    assert meta(doc, "citation_publication_date") == [precision.scholar]
    assert meta(doc, "DC.Date.created") == [precision.issued]
    node = json.loads(doc.xpath('//script[@type="application/ld+json"]')[0].text)
    assert node["datePublished"] == precision.issued
    assert meta(doc, "citation_online_date") == []


def test_online_first_and_acceptance_dates_go_where_standards_have_a_place(client):
    article = make_dated(
        PRECISIONS["month"], accepted=date(2019, 4, 5), online_first=date(2019, 4, 20)
    )
    doc = landing(client, article)
    assert meta(doc, "citation_online_date") == ["2019/04/20"]
    assert meta(doc, "DC.Date.available") == ["2019-04-20"]
    assert meta(doc, "DC.Date.dateAccepted") == ["2019-04-05"]
    assert csl_item(article)["available-date"] == {"date-parts": [[2019, 4, 20]]}


@precisions
def test_oai_dc_date_and_source_year(client, precision):
    article = make_dated(precision)
    doc = Harvest(client)(
        verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier_of(article)
    )
    assert xpath(doc, "//dc:date/text()") == [precision.issued]
    assert xpath(doc, "//dc:source[@xml:lang]/text()")[0].endswith("No 2 (2019); 1-12")


@precisions
def test_doaj_xml_is_valid_at_every_precision(precision):
    make_dated(precision)
    tree = valid(doaj_xml(Article.objects.for_doaj_export(), base_url="https://example.org"))
    assert tree.xpath("/records/record/publicationDate/text()") == [precision.issued]


# -- how to cite and the downloads ---------------------------------------------------------


@precisions
def test_the_csl_item_given_to_citeproc_has_only_the_known_parts(client, precision):
    article = make_dated(precision)
    assert csl_item(article)["issued"] == {"date-parts": [precision.parts]}
    assert "available-date" not in csl_item(article)
    cited = {}
    for style in ("ieee", VANCOUVER):
        fragment = client.get(f"{article.get_absolute_url()}cite/?style={style}")
        [entry] = lxml.html.fromstring(fragment.content.decode()).cssselect(".citation")
        cited[style] = entry.get("data-text")
    assert f"J Tests, vol. 3, no. 2, {precision.ieee} doi" in cited["ieee"]
    assert precision.vancouver in cited[VANCOUVER]
    assert "Jan" not in cited["ieee"] + cited[VANCOUVER]


@precisions
def test_ris_download(client, precision):
    article = make_dated(precision)
    content = download(client, article, "ris")
    [record] = rispy.loads(content)
    assert record["year"] == "2019"
    assert record.get("date") == precision.ris_da
    assert ("DA  - " in content) == bool(precision.ris_da)


@precisions
def test_bibtex_download(client, precision):
    article = make_dated(precision)
    library = bibtexparser.parse_string(download(client, article, "bib"))
    assert not library.failed_blocks
    fields = {field.key: field.value for field in library.entries[0].fields}
    assert fields["year"] == "2019"
    assert fields.get("month") == (str(precision.parts[1]) if len(precision.parts) > 1 else None)
    # biblatex's date: the day too, where known.
    assert fields.get("date") == (precision.issued if len(precision.parts) > 1 else None)


@precisions
def test_endnote_download(client, precision):
    article = make_dated(precision)
    lines = download(client, article, "enw").splitlines()
    dates = [line for line in lines if line[:2] in ("%8", "%D")]
    # The full date first: Zotero's Refer import keeps it and drops the year it contains.
    assert dates == ([f"%8 {precision.scholar}"] if len(precision.parts) > 1 else []) + ["%D 2019"]


# -- import and export ---------------------------------------------------------------------


def import_file(tmp_path, items):
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items, ensure_ascii=False))
    call_command("import_articles", str(path), stdout=StringIO())


def crossref_item(**dates):
    return {
        "type": "article-journal",
        "title": "Dated",
        "container-title": "Journal of Tests",
        "publisher": "P",
        "volume": "3",
        "issue": "2",
        "page": "1-12",
        "author": [{"family": "Wang", "given": "Ming"}],
        **dates,
    }


@precisions
def test_import_keeps_the_precision_and_makes_up_no_day(tmp_path, precision):
    import_file(tmp_path, [crossref_item(issued={"date-parts": [precision.parts]})])
    article = Article.objects.get()
    assert article.issued == precision.issued
    assert article.publication_date.parts == precision.parts
    assert csl_export(article)["issued"] == {"date-parts": [precision.parts]}


@pytest.mark.parametrize(
    ("dates", "issued", "online_first"),
    [
        # Crossref's content negotiation: issued, and print and online dates beside it.
        (
            {
                "issued": {"date-parts": [[2019, 5]]},
                "published-print": {"date-parts": [[2019, 5]]},
                "published-online": {"date-parts": [[2019, 4, 20]]},
            },
            "2019-05",
            date(2019, 4, 20),
        ),
        ({"published-print": {"date-parts": [[2019]]}}, "2019", None),
        ({"published-online": {"date-parts": [[2019, 4, 20]]}}, "2019-04-20", date(2019, 4, 20)),
        # A month alone is no online-first day.
        ({"issued": {"date-parts": [[2019]]}, "published-online": {"date-parts": [[2019, 4]]}},
         "2019", None),
        ({"issued": {"date-parts": [[2019]]}, "available-date": {"date-parts": [[2018, 12, 1]]}},
         "2019", date(2018, 12, 1)),
        ({"issued": {"raw": "2019-05"}}, "2019-05", None),
    ],
)  # fmt: skip
def test_import_reads_crossref_print_and_online_dates(tmp_path, dates, issued, online_first):
    import_file(tmp_path, [crossref_item(**dates)])
    article = Article.objects.get()
    assert (article.issued, article.online_first) == (issued, online_first)


@pytest.mark.parametrize(
    "dates",
    [
        {"issued": {"date-parts": [[2019, 13]]}},
        {"issued": {"date-parts": [[2019, 2, 30]]}},
        {"issued": {"raw": "spring"}},
        {"published-print": "last May"},
        {"issued": {"date-parts": {"year": 2019}}},
        {"issued": {"date-parts": [[True]]}},
        {"issued": [2019]},
        {"issued": {"date-parts": [[10**30]]}},
    ],
)
def test_import_names_a_date_it_cannot_read(tmp_path, dates):
    with pytest.raises(Exception, match="is not a date") as error:
        import_file(tmp_path, [crossref_item(**dates)])
    assert next(iter(dates)) in str(error.value)
    assert not Article.objects.exists()


def test_import_refuses_a_received_date_that_is_no_day(tmp_path):
    item = crossref_item(issued={"date-parts": [[2019]]}, custom={"received": "2019-01"})
    with pytest.raises(Exception, match="custom.received"):
        import_file(tmp_path, [item])


@precisions
def test_export_import_export_round_trip(client, tmp_path, precision):
    article = make_dated(
        precision,
        received=date(2019, 1, 2),
        revised=date(2019, 3, 4),
        accepted=date(2019, 4, 5),
        online_first=date(2019, 4, 20),
    )
    first = export(client, article)
    assert first[0]["custom"]["revised"] == "2019-03-04"
    Article.objects.all().delete()
    Issue.objects.all().delete()

    import_file(tmp_path, first)

    again = Article.objects.get()
    assert again.issued == precision.issued
    assert (again.received, again.revised, again.accepted, again.online_first) == (
        date(2019, 1, 2),
        date(2019, 3, 4),
        date(2019, 4, 5),
        date(2019, 4, 20),
    )
    assert without_ids(export(client, again)) == without_ids(first)


# -- the admin -----------------------------------------------------------------------------


@pytest.fixture
def english_admin(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2019", "2019"), ("2019年5月", "2019-05"), ("2019/5/3", "2019-05-03"), ("", "")],
)
def test_admin_round_trip_of_the_dates(english_admin, typed, stored):
    issue = make_issue()
    section = make_section(issue.journal)
    data = article_form_data(
        issue,
        section,
        issued=typed,
        received="2019-01-02",
        revised="2019-03-04",
        accepted="2019-04-05",
        online_first="2019-04-20",
    )
    response = english_admin.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.issued == stored
    assert (article.revised, article.online_first) == (date(2019, 3, 4), date(2019, 4, 20))

    # The change form shows what was saved; sent back unchanged, it changes nothing.
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    values = form_values(english_admin.get(change_url), "article_form")
    assert (values["issued"], values["revised"], values["online_first"]) == (
        stored,
        "2019-03-04",
        "2019-04-20",
    )
    assert english_admin.post(change_url, values).status_code == 302
    article.refresh_from_db()
    assert article.issued == stored


def test_admin_refuses_a_date_it_cannot_read(english_admin):
    issue = make_issue()
    data = article_form_data(issue, make_section(issue.journal), issued="May 2019")
    response = english_admin.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    errors = lxml.html.fromstring(response.content).cssselect(".field-issued .errorlist")
    assert "2019-05" in text(errors[0])
    assert not Article.objects.exists()


def test_a_status_that_needs_no_date_of_print(english_admin):
    """A draft needs neither a publication time nor a printed date."""
    issue = make_issue()
    data = article_form_data(
        issue, make_section(issue.journal), status=Status.DRAFT, published_at_0="", issued=""
    )
    data["published_at_1"] = ""
    assert english_admin.post(reverse("admin:articles_article_add"), data).status_code == 302
    assert Article.objects.get().publication_date is None


# -- the issue's date ------------------------------------------------------------------------


@precisions
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_issue_page_prints_the_issue_date_as_known(client, precision, language):
    issue = make_issue(year=2019, issued=precision.issued, publication_date=date(2019, 7, 1))
    doc = tree_of(client, f"/{language}/{issue.journal.slug}/issues/{issue.pk}/")
    [time] = doc.cssselect("main time")
    label = precision.label_zh if language == "zh-hans" else precision.label_en
    assert (text(time), time.get("datetime")) == (label, precision.issued)


@precisions
def test_articles_of_an_issue_cite_its_printed_date(client, precision):
    """Set once on the issue, the printed date is every article's that has none of its own."""
    article = make_dated(precision, issued="")
    article.issue.issued = precision.issued
    article.issue.save()
    render_citations(article=article)
    doc = landing(client, article)
    assert meta(doc, "citation_publication_date") == [precision.scholar]
    assert meta(doc, "DC.Date.issued") == [precision.issued]
    node = json.loads(doc.xpath('//script[@type="application/ld+json"]')[0].text)
    assert (node["datePublished"], node["isPartOf"]["datePublished"]) == (
        precision.issued,
        precision.issued,
    )


def test_an_imported_issue_prints_no_day_nobody_gave(client, tmp_path):
    item = crossref_item(issued={"date-parts": [[2019]]}, custom={"status": "published"})
    import_file(tmp_path, [item])
    issue = Issue.objects.get()
    with translation.override("en"):
        assert (issue.issued, issue.printed_date.label()) == ("2019", "2019")
    doc = tree_of(client, f"/en/{issue.journal.slug}/issues/{issue.pk}/")
    assert "January" not in text(doc.cssselect("main")[0])


def test_issue_admin_round_trip_of_the_printed_date(english_admin):
    journal = make_journal()
    data = {
        "journal": journal.pk,
        "volume": "",
        "number": "5",
        "year": "2019",
        "publication_date": "2019-05-30",
        "issued": "2019年5月",
    }
    assert english_admin.post(reverse("admin:journal_issue_add"), data).status_code == 302
    issue = Issue.objects.get()
    assert issue.issued == "2019-05"
    change_url = reverse("admin:journal_issue_change", args=[issue.pk])
    values = form_values(english_admin.get(change_url), "issue_form")
    assert values["issued"] == "2019-05"
    assert english_admin.post(change_url, values).status_code == 302
    issue.refresh_from_db()
    assert issue.issued == "2019-05"


def test_changing_the_issue_date_updates_its_articles_citations(english_admin, client):
    article = make_dated(PRECISIONS["day"], issued="")
    change_url = reverse("admin:journal_issue_change", args=[article.issue.pk])
    values = form_values(english_admin.get(change_url), "issue_form")
    values["issued"] = "2019-05"
    assert english_admin.post(change_url, values).status_code == 302
    fragment = client.get(f"{article.get_absolute_url()}cite/?style={VANCOUVER}")
    [entry] = lxml.html.fromstring(fragment.content.decode()).cssselect(".citation")
    assert PRECISIONS["month"].vancouver in entry.get("data-text")


# -- upgrading -----------------------------------------------------------------------------

DATES_BEFORE = [
    ("journal", "0006_issue_numbering_as_printed"),
    ("articles", "0007_pages_never_null"),
]
DATES_AFTER = [("articles", "0009_dates_at_precision")]


@pytest.mark.slow  # migrates back and forth (~5 s)
@pytest.mark.django_db(transaction=True)
def test_public_articles_keep_the_day_they_were_cited_with():
    """A database from before #15's dates: a public article's date becomes its printed date,
    a day, the one its citations always had (the journal's local day); a scheduled or draft
    one keeps following its publication time."""
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(DATES_BEFORE)
        old = executor.loader.project_state(DATES_BEFORE).apps
        journal = old.get_model("journal", "Journal").objects.create(
            slug="old", title_zh="旧刊", publisher="P", citation_styles=["apa"]
        )
        section = old.get_model("journal", "Section").objects.create(journal=journal, slug="s")
        Article = old.get_model("articles", "Article")

        def article(title, status, published_at):
            return Article.objects.create(
                journal=journal,
                section=section,
                title_zh=title,
                status=status,
                published_at=published_at,
                received=date(2019, 1, 2),
            ).pk

        # 20:00 UTC on 2 May is 3 May in Shanghai, the day the page and citations showed.
        public = article("已发表", "published", datetime(2019, 5, 2, 20, tzinfo=UTC))
        scheduled = article("定时", "scheduled", datetime(2999, 1, 1, tzinfo=UTC))
        draft = article("草稿", "draft", None)

        executor = MigrationExecutor(connection)
        executor.migrate(DATES_AFTER)
        new = executor.loader.project_state(DATES_AFTER).apps
        rows = new.get_model("articles", "Article").objects.values_list(
            "pk", "issued", "revised", "online_first", "received"
        )
        assert set(rows) == {
            (public, "2019-05-03", None, None, date(2019, 1, 2)),
            (scheduled, "", None, None, date(2019, 1, 2)),
            (draft, "", None, None, date(2019, 1, 2)),
        }

        # And back, for a deployment that must roll back: the dates it had are untouched.
        executor = MigrationExecutor(connection)
        executor.migrate(DATES_BEFORE)
        old = executor.loader.project_state(DATES_BEFORE).apps
        assert old.get_model("articles", "Article").objects.count() == 3
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
