"""Authors, references and galleys are saved in the order their rows have on the admin form,
also when the form is sent without the script that numbers the order fields."""

import pytest
from django.urls import reverse
from lxml import html

from articles.models import Article, Author, Reference
from tests.factories import (
    make_article,
    make_author,
    make_issue,
    make_reference,
    make_section,
    pdf_upload,
)
from tests.forms import article_form_data, empty_row, form_values, inline_management


@pytest.fixture(autouse=True)
def english_admin(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def add_another(client, url, data, prefix, **fields):
    """One more row as "Add another" makes it without a script: the empty row's defaults
    (order 0) with ``fields`` typed in."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    row = {**empty_row(client.get(url), "article_form", prefix), **fields}
    data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return data


def test_rows_added_with_add_another_are_numbered_in_form_order(admin_client, db):
    """The add form sent as is: every new row's order left at 0."""
    article_url = reverse("admin:articles_article_add")
    issue = make_issue()
    data = article_form_data(
        issue,
        make_section(issue.journal),
        **inline_management("authors", total=0),
        **inline_management("references", total=0),
    )
    for family in ["甲", "乙", "丙"]:
        add_another(admin_client, article_url, data, "authors", family_name=family, given_name="一")
    for number in range(1, 4):
        add_another(
            admin_client, article_url, data, "references", raw_text=f"Reference {number}[J]. 2020."
        )
    for label in ["PDF", "PDF (English)"]:
        add_another(admin_client, article_url, data, "galleys", label=label)
    assert {data[f"authors-{i}-order"] for i in range(3)} == {"0"}
    data["galleys-0-file"], data["galleys-1-file"] = pdf_upload(), pdf_upload()

    response = admin_client.post(article_url, data)
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert list(article.authors.values_list("family_name", "order")) == [
        ("甲", 0),
        ("乙", 1),
        ("丙", 2),
    ]
    assert list(article.references.values_list("raw_text", "order")) == [
        ("Reference 1[J]. 2020.", 0),
        ("Reference 2[J]. 2020.", 1),
        ("Reference 3[J]. 2020.", 2),
    ]
    assert list(article.galleys.values_list("label", "order")) == [
        ("PDF", 0),
        ("PDF (English)", 1),
    ]
    page = html.fromstring(admin_client.get(article.get_absolute_url()).content.decode())
    assert [li.text_content().strip()[:11] for li in page.cssselect(".reference-list li")] == [
        "Reference 1",
        "Reference 2",
        "Reference 3",
    ]


@pytest.fixture
def article(db):
    article = make_article(doi="10.5555/order.1")
    make_author(article, family_name="甲")  # order 0
    make_author(article, family_name="乙")  # order 1
    return article


def form_errors(response):
    page = html.fromstring(response.content.decode())
    return [error.text_content() for error in page.cssselect(".errorlist, .errornote")]


def change(client, article, data):
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, form_errors(response)


def test_a_row_added_to_stored_ones_goes_last_and_they_keep_their_orders(admin_client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    stored_history = Author.history.count()
    data = add_another(
        admin_client,
        url,
        form_values(admin_client.get(url), "article_form"),
        "authors",
        family_name="丙",
    )
    change(admin_client, article, data)
    assert list(article.authors.values_list("family_name", "order")) == [
        ("甲", 0),
        ("乙", 1),
        ("丙", 2),
    ]
    assert Author.history.count() == stored_history + 1  # the new author only


@pytest.mark.parametrize("prefix", ["authors", "funding", "references", "galleys"])
def test_a_row_added_and_left_empty_is_skipped_though_the_script_numbered_it(
    admin_client, article, prefix
):
    """Clicking "Add another" and then saving without filling the row in saves the rest."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = add_another(
        admin_client, url, form_values(admin_client.get(url), "article_form"), prefix, order="3"
    )
    data["title_en"] = "Retitled"
    change(admin_client, article, data)
    article.refresh_from_db()
    assert article.title_en == "Retitled"
    assert article.authors.count() == 2
    assert not (article.funding.exists() or article.references.exists() or article.galleys.exists())


def test_orders_given_on_the_form_are_kept(admin_client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_values(admin_client.get(url), "article_form")
    data["authors-0-order"], data["authors-1-order"] = "5", "2"
    data = add_another(admin_client, url, data, "authors", family_name="丙", order="3")
    change(admin_client, article, data)
    assert list(article.authors.values_list("family_name", "order")) == [
        ("乙", 2),
        ("丙", 3),
        ("甲", 5),
    ]


def test_rows_once_saved_all_at_order_0_are_numbered_on_the_next_save(admin_client, article):
    """Articles saved before this fix have every added row at 0, shown in creation order."""
    for number in range(1, 4):
        make_reference(article, raw_text=f"Reference {number}[J]. 2020.")
    Reference.objects.update(order=0)
    url = reverse("admin:articles_article_change", args=[article.pk])
    change(admin_client, article, form_values(admin_client.get(url), "article_form"))
    assert list(article.references.values_list("raw_text", "order")) == [
        ("Reference 1[J]. 2020.", 0),
        ("Reference 2[J]. 2020.", 1),
        ("Reference 3[J]. 2020.", 2),
    ]
