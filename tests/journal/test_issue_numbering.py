"""Issues as journals print them (#15): optional volume, numbers as text, one label in each
language, URLs by id with the old volume/number URLs redirected, the editors' forms."""

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import html

from journal.models import Issue
from scholarly.numbering import issue_label
from tests.factories import make_article, make_issue, make_journal
from tests.forms import article_form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("volume", "number", "zh", "en"),
    [
        (None, "5", "2019年第5期", "2019, No. 5"),
        (3, "2", "2019年第3卷第2期", "Vol. 3, No. 2 (2019)"),
        (None, "1-2", "2019年第1-2期（合刊）", "2019, Nos. 1-2"),
        (3, "1/2", "2019年第3卷第1/2期（合刊）", "Vol. 3, Nos. 1/2 (2019)"),
        (None, "S1", "2019年增刊1", "2019, Suppl. 1"),
        (3, "S1", "2019年第3卷增刊1", "Vol. 3, Suppl. 1 (2019)"),
        (None, "增刊1", "2019年增刊1", "2019, Suppl. 1"),
        (None, "Suppl. 2", "2019年增刊2", "2019, Suppl. 2"),
        (None, "增刊", "2019年增刊", "2019, Suppl."),
        (9, "", "2019年第9卷", "Vol. 9 (2019)"),
        (None, "夏季号", "2019年夏季号", "2019, 夏季号"),
        (None, "4A", "2019年第4A期", "2019, No. 4A"),
    ],
)
def test_issue_label_in_each_language_from_what_the_issue_has(volume, number, zh, en):
    for language, label in (("zh-hans", zh), ("en", en)):
        with translation.override(language):
            assert issue_label(year=2019, volume=volume, number=number) == label
    issue = make_issue(volume=volume, number=number, year=2019)
    assert (issue.label("zh-hans"), issue.label("en")) == (zh, en)
    with translation.override("en"):
        assert str(issue) == f"{issue.journal.canonical_title}, {en}"


def test_a_number_typed_full_width_is_stored_as_printed():
    issue = make_issue(volume=None, number=" １－２ ", year=2019)
    issue.refresh_from_db()
    assert issue.number == "1-2"
    assert issue.label("zh-hans") == "2019年第1-2期（合刊）"


# -- URLs ---------------------------------------------------------------------------------


def test_issue_page_is_found_by_its_id_in_both_languages(client):
    issue = make_article(issue=make_issue(volume=None, number="增刊1", year=2019)).issue
    for language, label in (("zh-hans", "2019年增刊1"), ("en", "2019, Suppl. 1")):
        url = f"/{language}/{issue.journal.slug}/issues/{issue.pk}/"
        with translation.override(language):
            assert issue.get_absolute_url() == url
        page = html.fromstring(client.get(url).content.decode())
        assert page.cssselect("h1")[0].text_content() == label


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_old_volume_and_number_url_redirects_permanently_to_the_issue(client, language):
    issue = make_issue(volume=3, number="2")
    response = client.get(f"/{language}/{issue.journal.slug}/issues/3/2/")
    assert response.status_code == 301
    assert response["Location"] == f"/{language}/{issue.journal.slug}/issues/{issue.pk}/"


def test_unknown_hidden_or_odd_issue_urls_are_404(client):
    journal = make_journal(slug="gov")
    unpublished = make_issue(journal, volume=3, number="4", is_published=False)
    other = make_issue(make_journal(slug="other"))
    for url in (
        "/en/gov/issues/3/9/",  # no such number
        "/en/gov/issues/3/4/",  # not published: its old URL says nothing either
        f"/en/gov/issues/{unpublished.pk}/",
        f"/en/gov/issues/{other.pk}/",  # another journal's issue
        "/en/gov/issues/99999999999999999999999/",
        "/en/gov/issues/99999999999999999999999/1/",
        "/en/gov/issues/1-2/",
        "/en/gov/issues/S1/",
        "/en/gov/issues/3/S1/",
        "/en/gov/issues/%E5%A2%9E%E5%88%8A1/",
        "/en/gov/issues/99999999999999999999999/feed/rss/",
    ):
        assert client.get(url).status_code == 404, url


def test_archive_lists_each_issue_by_its_label_with_its_title(client):
    journal = make_journal()
    make_issue(journal, volume=None, number="5", year=2019, title_zh="乡村振兴专题")
    make_issue(journal, volume=None, number="S1", year=2019)
    for language, expected in (
        ("zh-hans", {"2019年第5期 · 乡村振兴专题", "2019年增刊1"}),
        ("en", {"2019, No. 5 · 乡村振兴专题", "2019, Suppl. 1"}),
    ):
        page = html.fromstring(client.get(f"/{language}/{journal.slug}/issues/").content)
        # Each issue a card (#19): its label, and its title on the line below.
        items = {
            " · ".join(" ".join(part.text_content().split()) for part in li.xpath("./*"))
            for li in page.cssselect(".issue-list li")
        }
        assert items == expected


# -- the editors' forms --------------------------------------------------------------------


def issue_form(journal, **fields):
    return {
        "journal": journal.pk,
        "volume": "",
        "number": "5",
        "year": "2019",
        "publication_date": "2019-05-30",
        **fields,
    }


def errors_of(response):
    page = html.fromstring(response.content.decode())
    return [" ".join(e.text_content().split()) for e in page.cssselect(".errorlist li")]


def test_issue_form_explains_volume_and_number_in_both_languages(admin_client):
    for language, expected in (
        ("en", ["Empty for a journal without volumes", "1-2 for a double issue (合刊)"]),
        ("zh-hans", ["不分卷的期刊留空", "合刊填 1-2"]),
    ):
        page = admin_client.get(
            reverse("admin:journal_issue_add"), headers={"accept-language": language}
        ).content.decode()
        for text in expected:
            assert text in page, (language, text)


def test_issue_without_a_volume_is_unique_within_its_year(admin_client):
    journal = make_journal()
    add = reverse("admin:journal_issue_add")
    headers = {"accept-language": "en"}
    assert admin_client.post(add, issue_form(journal), headers=headers).status_code == 302
    # The same number again in 2019: refused; in 2020: a new issue.
    response = admin_client.post(add, issue_form(journal), headers=headers)
    assert errors_of(response) == [
        "This journal already has an issue without a volume with this year and number."
    ]
    next_year = issue_form(journal, year="2020", publication_date="2020-05-30")
    assert admin_client.post(add, next_year, headers=headers).status_code == 302
    assert sorted(Issue.objects.values_list("year", "volume", "number")) == [
        (2019, None, "5"),
        (2020, None, "5"),
    ]


def test_issue_with_a_volume_is_unique_within_its_volume(admin_client):
    journal = make_journal()
    make_issue(journal, volume=3, number="1-2", year=2019)
    response = admin_client.post(
        reverse("admin:journal_issue_add"),
        issue_form(journal, volume="3", number="１－２", year="2020"),  # as typed full-width
        headers={"accept-language": "en"},
    )
    assert errors_of(response) == ["This journal already has an issue with this volume and number."]


def test_issue_needs_a_volume_or_a_number(admin_client):
    response = admin_client.post(
        reverse("admin:journal_issue_add"),
        issue_form(make_journal(), number=""),
        headers={"accept-language": "zh-hans"},
    )
    assert errors_of(response) == ["请填写卷号或期号，或两者都填。"]
    assert not Issue.objects.exists()


@pytest.mark.parametrize(
    ("first", "last", "number", "error"),
    [
        ("iii", "xii", "", None),
        ("S12", "S19", "", None),
        ("", "", "e1021", None),
        ("xii", "iii", "", "The last page comes before the first page."),
        ("S19", "S12", "", "The last page comes before the first page."),
        ("23", "5", "", "The last page comes before the first page."),
        ("five", "", "", "A page has a digit (5, S12) or is in roman numerals (iii)."),
        ("", "12", "", "A last page needs a first page."),
    ],
)
def test_article_form_takes_pages_as_printed_and_an_article_number(
    admin_client, first, last, number, error
):
    issue = make_issue()
    article = make_article(issue=issue)
    data = article_form_data(
        issue,
        article.section,
        first_page=first,
        last_page=last,
        article_number=number,
        order="3",
        doi="",
    )
    response = admin_client.post(
        reverse("admin:articles_article_add"), data, headers={"accept-language": "en"}
    )
    if error:
        assert errors_of(response) == [error]
        return
    assert response.status_code == 302, errors_of(response)
    saved = issue.articles.exclude(pk=article.pk).get()
    assert (saved.first_page, saved.last_page, saved.article_number, saved.order) == (
        first,
        last,
        number,
        3,
    )
