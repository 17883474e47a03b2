"""The import corpus: CSL-JSON as Zotero and Crossref export it (tests/fixtures/import_corpus).

Every record imports, or (the *_rejected.json files) is refused with a message naming the
item and the field; what a record says lands where a reader sees it; and the site's own
export imports back to the same export.
"""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from articles.importer import ImportFailed, import_items
from articles.models import Article, Status
from journal.models import Issue, Journal
from tests.pages import export, without_ids

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "import_corpus"
SITE_PUBLISHER = "Axon Academic Publishing Institute"


def records(pattern):
    return [
        pytest.param(record, id=f"{path.stem}-{position}")
        for path in sorted(CORPUS.glob(pattern))
        for position, record in enumerate(json.loads(path.read_text("utf-8")), start=1)
    ]


def corpus_record(name, position):
    return json.loads((CORPUS / f"{name}.json").read_text("utf-8"))[position - 1]


@pytest.fixture
def site(db, settings):
    """The site names its publisher, as a journal's import without one needs."""
    settings.SITE_NAME = SITE_PUBLISHER
    return settings


def import_one(record):
    with translation.override("en"):  # the notes, as the tests read them
        [result] = import_items([record])
    return Article.objects.select_related("journal", "issue").get(pk=result.article.pk), result


def test_the_corpus_has_at_least_30_records_that_import():
    assert len(records("[!_]*[!d].json")) >= 30


@pytest.mark.parametrize("record", records("*_articles.json") + records("zotero_cnki.json"))
def test_every_record_imports_with_its_title_doi_and_numbering(site, record):
    article, _result = import_one(record)
    title = record["title"]
    assert article.original_title == title
    assert article.doi == record.get("DOI", "").lower()
    if record.get("issue"):
        assert article.issue.number == record["issue"]
    assert (article.issue.volume is None) == ("volume" not in record)
    assert article.page_range or article.article_number


@pytest.mark.parametrize("record", records("*_rejected.json"))
def test_a_record_that_cannot_be_used_is_refused_naming_the_item_and_field(site, record):
    field = record["rejected-because"].split(":")[0]
    with pytest.raises(ImportFailed) as failure, translation.override("en"):
        import_items([record])
    [message] = failure.value.errors
    assert message.startswith(f"item 1 ({record['id'] if 'id' in record else record['DOI']})")
    assert f"field “{field}”" in message
    assert not Article.objects.exists()


def test_issn_lists_fill_the_print_and_online_issn_as_crossref_types_them(site):
    article, _ = import_one(corpus_record("crossref_journal_articles", 6))
    assert (article.journal.issn_print, article.journal.issn_online) == ("2771-0025", "2771-0033")
    zotero, _ = import_one(corpus_record("zotero_journal_articles", 2))  # "0253-2301, 1000-0933"
    assert (zotero.journal.issn_online, zotero.journal.issn_print) == ("0253-2301", "1000-0933")


def test_container_title_short_becomes_the_journals_abbreviation_once(site):
    # Crossref repeats the full title as the short one: no abbreviation yet.
    first, _ = import_one(corpus_record("crossref_journal_articles", 1))
    assert first.journal.abbreviation == ""
    second, result = import_one(corpus_record("crossref_journal_articles", 2))
    assert second.journal == first.journal
    assert Journal.objects.get().abbreviation == "Am. J. Sociol."
    assert "journal abbreviation “Am. J. Sociol.” (from container-title-short)" in result.notes
    # A journal that has one keeps it.
    import_items([{**corpus_record("crossref_journal_articles", 2), "DOI": "10.5555/ajs.other",
                   "title": "Another", "container-title-short": "AJS"}])  # fmt: skip
    assert Journal.objects.get().abbreviation == "Am. J. Sociol."


def test_a_journal_without_publisher_takes_the_sites_and_the_preview_says_so(site, admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    record = corpus_record("crossref_journal_articles", 8)  # no "publisher"
    upload = SimpleUploadedFile("crossref.json", json.dumps([record]).encode(), "application/json")
    page = admin_client.post(reverse("admin:articles_article_import"), {"file": upload})
    text = page.content.decode()
    assert "Preview: nothing has been saved yet" in text
    assert (
        "new journal “Chinese Public Administration Review”: no publisher given, the site’s"
        " publisher “Axon Academic Publishing Institute”"
    ) in text
    assert not Journal.objects.exists()
    article, _ = import_one(record)
    assert article.journal.publisher == SITE_PUBLISHER


def test_without_a_site_publisher_the_journals_shared_one_is_used(db, settings):
    settings.SITE_NAME = ""
    import_one(corpus_record("crossref_journal_articles", 9))  # publisher "Science Press"
    article, _ = import_one(corpus_record("crossref_journal_articles", 8))
    assert article.journal.publisher == "Science Press"


@pytest.mark.parametrize(
    ("name", "position", "licence"),
    [
        ("crossref_journal_articles", 3, "CC-BY-4.0"),  # vor CC BY, tdm publisher licence
        ("crossref_journal_articles", 4, "CC-BY-NC-ND-4.0"),  # tdm Elsevier, vor CC BY-NC-ND
        ("crossref_journal_articles", 5, "CC-BY-4.0"),  # …/legalcode, "unspecified"
        ("crossref_journal_articles", 14, "CC-BY-SA-4.0"),
        ("zotero_journal_articles", 1, "CC-BY-4.0"),  # Zotero's Rights: the URL
        ("zotero_journal_articles", 5, "CC-BY-NC-4.0"),  # Zotero's Rights: "CC BY-NC 4.0"
    ],
)
def test_the_licence_is_read_from_crossrefs_list_or_zoteros_rights(site, name, position, licence):
    article, _ = import_one(corpus_record(name, position))
    assert article.licence == licence


def test_a_record_without_language_is_read_in_its_titles_script(site):
    chinese, result = import_one(corpus_record("crossref_journal_articles", 10))
    assert chinese.language == "zh-hans" and chinese.title_zh.startswith("黄河流域")
    assert "no language given: Chinese (Simplified), as the title is written" in result.notes
    english, _ = import_one(corpus_record("crossref_journal_articles", 8))
    assert english.language == "en"
    wanfang, _ = import_one(corpus_record("zotero_cnki", 5))  # "language": "中文"
    assert wanfang.language == "zh-hans"


@pytest.mark.parametrize(
    ("name", "position", "pages", "article_number"),
    [
        ("crossref_journal_articles", 3, ("", ""), "e1021"),  # article-number alone
        ("crossref_journal_articles", 4, ("", ""), "102345"),  # page repeats article-number
        ("crossref_journal_articles", 5, ("1", "12"), "e55"),
        ("crossref_journal_articles", 6, ("iii", "xii"), ""),
        ("crossref_journal_articles", 7, ("S12", "S19"), ""),
        ("zotero_cnki", 6, ("", ""), "e1021"),  # Zotero's eLocator in "page"
        ("zotero_cnki", 8, ("50", "63+187"), ""),  # CNKI's continued pages
    ],
)
def test_pages_and_article_numbers_as_the_source_prints_them(
    site, name, position, pages, article_number
):
    article, _ = import_one(corpus_record(name, position))
    assert (article.first_page, article.last_page) == pages
    assert article.article_number == article_number


def test_authors_as_crossref_and_zotero_write_them(site):
    editorial, _ = import_one(corpus_record("crossref_journal_articles", 6))
    assert [a.family_name for a in editorial.byline] == ["Osei", "The JTCR Editorial Board"]
    mononym, _ = import_one(corpus_record("crossref_journal_articles", 13))
    assert [(a.family_name, a.given_name) for a in mononym.byline][0] == ("Madhuri", "")
    literal, _ = import_one(corpus_record("zotero_cnki", 8))
    assert [a.name for a in literal.byline] == ["欧阳晓光", "司马相如"]
    affiliated, _ = import_one(corpus_record("crossref_journal_articles", 2))
    first = affiliated.byline[0]
    assert [aff.name for aff in first.affiliation_list] == [
        "Department of Sociology, University of Michigan"
    ]
    assert affiliated.byline[1].orcid.endswith("0000-0002-1825-0097")


def test_a_crossref_jats_abstract_keeps_its_paragraphs_and_loses_its_heading(site):
    article, _ = import_one(corpus_record("crossref_journal_articles", 2))
    assert article.original_abstract == (
        "<p>Using panel data from three metropolitan areas, we ask whether <i>weak ties</i>"
        " predict moves between neighbourhoods.</p>"
    )


# -- export → import → export -----------------------------------------------------------------


def publish(article):
    article.status = Status.PUBLISHED
    article.save()
    if article.issue:
        Issue.objects.filter(pk=article.issue.pk).update(is_published=True)


@pytest.mark.parametrize("record", records("*_articles.json") + records("zotero_cnki.json"))
def test_export_import_export_round_trip(site, client, record):
    article, _ = import_one(record)
    publish(article)
    first = export(client, article)
    Article.objects.all().delete()
    Issue.objects.all().delete()

    [result] = import_items(first)

    again = Article.objects.get()
    assert result.created and again.status == Status.PUBLISHED
    assert without_ids(export(client, again)) == without_ids(first)
    # What the record said survived both trips.
    [item] = first
    for key in ("title", "volume", "issue", "DOI"):
        if record.get(key):
            assert item[key] == (record[key].lower() if key == "DOI" else record[key])


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ISSN": 12345}, "ISSN"),
        ({"issn-type": "print"}, "issn-type"),
        ({"license": "© 2020 The Authors"}, "license"),  # Zotero's Rights as a statement
        ({"license": [{"URL": "http://creativecommons.org/licenses/by/3.0/"}]}, "license"),
        ({"license": [1, "a"]}, "license"),
        ({"container-title-short": "J" * 200}, "container-title-short"),
    ],
)
def test_odd_shapes_of_the_new_fields_are_refused_by_name(site, fields, field):
    record = {**corpus_record("zotero_journal_articles", 4), **fields}
    with pytest.raises(ImportFailed) as failure, translation.override("en"):
        import_items([record])
    assert all(f"field “{field}”" in error for error in failure.value.errors)
    assert not Article.objects.exists()


def test_a_long_english_title_makes_a_slug_that_fits(site):
    record = {**corpus_record("zotero_journal_articles", 4), "container-title": "Studies " * 30}
    article, _ = import_one(record)
    assert len(article.journal.slug) <= 80
