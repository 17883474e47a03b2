"""What a Chinese journal prints beside the title (#15 point 3): funding (基金项目), CLC number
(中图分类号), document code (文献标志码), article ID (文章编号), the authors' biographies
(作者简介) and the corresponding author's contact, from the admin to every output."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html

from articles.exports import to_endnote, to_ris
from articles.history import restore_article
from articles.importer import ImportFailed, import_items
from articles.models import Article, Author, Funding
from tests.factories import make_full_article, make_issue, make_section
from tests.forms import article_form_data, form_values, inline_management
from tests.pages import landing

pytestmark = pytest.mark.django_db

NSFC = "National Natural Science Foundation of China"


@pytest.fixture
def article():
    """A Chinese article with two funders, a classification and two biographies."""
    article = make_full_article(
        authors=2,
        references=1,
        clc_codes="g633.3；tp391.1",
        document_code="A",
        caj_article_id="文章编号：1000-0135(2019)05-0032-07",
    )
    article.save()
    first, second = article.byline
    first.email, first.address = "wang0@example.edu.cn", "北京市海淀区颐和园路5号，100871"
    first.biography_zh = "王明（1980—），男，河南郑州人，副教授，博士，研究方向为<i>公共管理</i>。"
    first.biography_en = "WANG Ming (1980-), male, associate professor, PhD, public administration."
    first.save()
    # Not the corresponding author: a biography in Chinese only, contact never shown.
    second.email, second.address = "hidden@example.edu.cn", "不显示的地址"
    second.biography_zh = "王一明，硕士研究生。"
    second.save()
    Funding.objects.create(
        article=article,
        order=0,
        funder_zh="国家自然科学基金",
        funder_en=NSFC,
        award_numbers="72074123，71974054",
        funder_id="https://doi.org/10.13039/501100001809",
    )
    Funding.objects.create(
        article=article, order=1, funder_en="Example Foundation", funder_id="ror.org/03vek6s52"
    )
    return article


def page(client, article, language):
    response = client.get(landing(article, language))
    assert response.status_code == 200
    return html.fromstring(response.content)


def text(tree, selector):
    return [" ".join(node.text_content().split()) for node in tree.cssselect(selector)]


def test_stored_values_are_normalised(article):
    article.refresh_from_db()
    assert article.clc_codes == "G633.3; TP391.1"
    assert article.caj_article_id == "1000-0135(2019)05-0032-07"
    nsfc, example = article.funding.order_by("order")
    assert (nsfc.award_numbers, nsfc.awards) == ("72074123; 71974054", ["72074123", "71974054"])
    assert nsfc.funder_id == "10.13039/501100001809"
    assert example.funder_id == "https://ror.org/03vek6s52"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh-hans",
            {
                "funding heading": "基金项目",
                "funders": [
                    "国家自然科学基金 （项目编号：72074123, 71974054）",
                    "Example Foundation",
                ],
                "classification": ["中图分类号", "文献标志码", "文章编号"],
                "document code": "A：理论与应用研究",
                "about heading": "作者简介",
                "first bio": "王明（1980—），男，河南郑州人，副教授，博士，研究方向为公共管理。",
                "corresponding": "通讯作者",
            },
        ),
        (
            "en",
            {
                "funding heading": "Funding",
                "funders": [f"{NSFC} (grant 72074123, 71974054)", "Example Foundation"],
                "classification": ["CLC number", "Document code", "Article ID"],
                "document code": "A: theoretical or applied research",
                "about heading": "About the authors",
                "first bio": "WANG Ming (1980-), male, associate professor, PhD, public "
                "administration.",
                "corresponding": "Corresponding author",
            },
        ),
    ],
)
def test_landing_page_shows_every_field_in_the_interface_language(
    client, article, language, expected
):
    tree = page(client, article, language)
    assert text(tree, "#funding-heading") == [expected["funding heading"]]
    assert text(tree, ".funding-list li") == expected["funders"]
    links = [a.get("href") for a in tree.cssselect(".funding-list a")]
    assert links == ["https://doi.org/10.13039/501100001809", "https://ror.org/03vek6s52"]
    # An English-only funder name is marked as English on the Chinese page too.
    assert tree.cssselect(".funding-list li span[lang]")[1].get("lang") == "en"

    assert text(tree, ".classification dt") == expected["classification"]
    assert text(tree, ".classification dd") == [
        "G633.3; TP391.1",
        expected["document code"],
        "1000-0135(2019)05-0032-07",
    ]

    assert text(tree, "#about-authors-heading") == [expected["about heading"]]
    bios = tree.cssselect(".author-bios dd")
    assert len(bios) == 2
    assert " ".join(bios[0].cssselect("div")[0].text_content().split()) == expected["first bio"]
    if language == "zh-hans":  # the biography's italics kept, as an abstract's are
        assert bios[0].cssselect("div i")[0].text == "公共管理"
    contact = text(tree, ".corresponding-contact")
    assert contact == [
        f"{expected['corresponding']} · wang0@example.edu.cn · 北京市海淀区颐和园路5号，100871"
    ]
    assert tree.cssselect(".corresponding-contact a")[0].get("href") == (
        "mailto:wang0@example.edu.cn"
    )
    # The second author's Chinese biography, marked as Chinese; their contact nowhere.
    assert bios[1].cssselect("div")[0].get("lang") == "zh-Hans"
    body = html.tostring(tree, encoding="unicode")
    assert "hidden@example.edu.cn" not in body and "不显示的地址" not in body


def test_an_article_without_these_fields_shows_none_of_the_blocks(client):
    plain = make_full_article(authors=2, references=1)
    tree = page(client, plain, "en")
    assert not tree.cssselect(".funding, .about-authors, .classification")


def test_json_ld_funding_classification_identifiers_and_authors(client, article):
    tree = page(client, article, "en")
    data = json.loads(tree.cssselect('script[type="application/ld+json"]')[0].text)
    nsfc = {
        "@type": "Organization",
        "name": "国家自然科学基金",  # the article's language, as its headline
        "alternateName": NSFC,
        "@id": "https://doi.org/10.13039/501100001809",
        "sameAs": "https://doi.org/10.13039/501100001809",
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "Crossref Funder ID",
            "value": "10.13039/501100001809",
        },
    }
    assert data["funding"] == [
        {"@type": "Grant", "identifier": "72074123", "funder": nsfc},
        {"@type": "Grant", "identifier": "71974054", "funder": nsfc},
        {
            "@type": "Grant",
            "funder": {
                "@type": "Organization",
                "name": "Example Foundation",
                "@id": "https://ror.org/03vek6s52",
                "sameAs": "https://ror.org/03vek6s52",
                "identifier": {
                    "@type": "PropertyValue",
                    "propertyID": "ROR",
                    "value": "https://ror.org/03vek6s52",
                },
            },
        },
    ]
    assert [term["termCode"] for term in data["about"]] == ["G633.3", "TP391.1"]
    assert data["about"][0]["@type"] == "DefinedTerm"
    assert data["about"][0]["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert data["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "DOI", "value": article.doi},
        {
            "@type": "PropertyValue",
            "propertyID": "CAJ-CD article ID",
            "value": "1000-0135(2019)05-0032-07",
        },
    ]
    first, second = data["author"]
    assert first["description"].startswith("王明（1980—）") and "<i>" not in first["description"]
    assert first["email"] == "wang0@example.edu.cn"
    assert second["description"] == "王一明，硕士研究生。" and "email" not in second


def test_citation_downloads_carry_the_clc_number_as_call_number(client, article):
    item = client.get(f"{article.get_absolute_url()}cite.json").json()[0]
    assert item["call-number"] == "G633.3; TP391.1"
    assert "CN  - G633.3; TP391.1" in to_ris(item)
    assert "%L G633.3; TP391.1" in to_endnote(item)
    assert item["funder"] == [
        {
            "name": "国家自然科学基金",
            "DOI": "10.13039/501100001809",
            "award": ["72074123", "71974054"],
        },
        {
            "name": "Example Foundation",
            "id": [
                {"id": "https://ror.org/03vek6s52", "id-type": "ROR", "asserted-by": "publisher"}
            ],
        },
    ]


def test_export_then_import_keeps_every_field(client, article):
    items = client.get(f"{article.get_absolute_url()}cite.json").json()
    before = fields_of(Article.objects.get(pk=article.pk))
    Funding.objects.filter(article=article).delete()
    Article.objects.filter(pk=article.pk).update(clc_codes="", document_code="", caj_article_id="")
    import_items(items)
    # The public file gives the contact the page gives: the corresponding author's only.
    second = before["authors"][1]
    before["authors"][1] = (*second[:3], "", "")
    assert fields_of(Article.objects.get(pk=article.pk)) == before


def fields_of(article):
    return {
        "article": (article.clc_codes, article.document_code, article.caj_article_id),
        "funding": list(
            article.funding.order_by("order").values_list(
                "funder_zh", "funder_en", "award_numbers", "funder_id"
            )
        ),
        "authors": [
            (a.biography_zh, a.biography_en, a.is_corresponding, a.email, a.address)
            for a in Author.objects.filter(article=article).order_by("order")
        ],
    }


def crossref_item(**overrides):
    """A CSL-JSON item as Crossref's content negotiation gives it, with its ``funder``."""
    item = {
        "type": "article-journal",
        "title": "社区养老服务研究",
        "container-title": "情报学报",
        "ISSN": ["1000-0135"],
        "publisher": "Example Publisher",
        "issue": "5",
        "page": "32-38",
        "DOI": "10.5555/funder.1",
        "issued": {"date-parts": [[2019, 5, 1]]},
        "author": [{"family": "徐", "given": "家良"}],
        "call-number": "G250.7",
        "funder": [
            {
                "DOI": "10.13039/501100001809",
                "name": "National Natural Science Foundation of China",
                "doi-asserted-by": "publisher",
                "award": ["71774165", "72074123"],
            },
            {"name": "教育部人文社会科学研究项目", "award": ["19YJC870001"]},
            {
                "name": "Harvard University",
                "id": [{"id": "https://ror.org/03vek6s52", "id-type": "ROR"}],
                "award": [],
            },
        ],
    }
    item.update(overrides)
    return item


def test_import_reads_crossrefs_funder_list_and_the_call_number():
    [result] = import_items([crossref_item()])
    article = result.article
    assert list(
        article.funding.order_by("order").values_list(
            "funder_zh", "funder_en", "award_numbers", "funder_id"
        )
    ) == [
        (
            "",
            "National Natural Science Foundation of China",
            "71774165; 72074123",
            "10.13039/501100001809",
        ),
        ("教育部人文社会科学研究项目", "", "19YJC870001", ""),
        ("", "Harvard University", "", "https://ror.org/03vek6s52"),
    ]
    assert article.clc_codes == "G250.7"


def test_import_keeps_no_call_number_of_another_library():
    [result] = import_items([crossref_item(**{"call-number": "HD62.6 .S65 2003"})])
    assert result.article.clc_codes == ""


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"funder": [{"name": "X", "DOI": "10.1234/not-a-funder"}]}, "funder[0].DOI"),
        ({"funder": [{"award": ["1"]}]}, "funder[0]"),
        ({"funder": "NSFC"}, "funder"),
        ({"custom": {"clc_codes": "123"}}, "custom.clc_codes"),
        ({"custom": {"document_code": "Z"}}, "custom.document_code"),
        ({"custom": {"caj_article_id": "2019-05"}}, "custom.caj_article_id"),
    ],
)
def test_import_names_item_and_field_of_a_bad_value(overrides, field):
    with pytest.raises(ImportFailed) as failed, translation.override("en"):
        import_items([crossref_item(**overrides)])
    assert f"field “{field}”" in str(failed.value)
    assert not Article.objects.exists()


# The admin


@pytest.fixture
def places():
    issue = make_issue()
    return issue, make_section(issue.journal)


def chinese_journal_form(issue, section, **overrides):
    data = article_form_data(
        issue,
        section,
        clc_codes="G633.3; TP391.1",
        document_code="A",
        caj_article_id="1000-0135(2019)05-0032-07",
        **{
            "authors-0-email": "wang@example.edu.cn",
            "authors-0-address": "北京市海淀区",
            "authors-0-biography_zh": "王明，副教授。<script>x</script>",
            "authors-0-biography_en": "Ming Wang, associate professor.",
        },
        **inline_management("funding", total=1),
        **{
            "funding-0-order": "0",
            "funding-0-funder_zh": "国家自然科学基金",
            "funding-0-funder_en": NSFC,
            "funding-0-award_numbers": "72074123; 71974054",
            "funding-0-funder_id": "10.13039/501100001809",
        },
    )
    data.update(overrides)
    return data


def test_admin_round_trip(admin_client, places):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = admin_client.post(
        reverse("admin:articles_article_add"), chinese_journal_form(*places)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert (article.clc_codes, article.document_code, article.caj_article_id) == (
        "G633.3; TP391.1",
        "A",
        "1000-0135(2019)05-0032-07",
    )
    author = article.authors.get(order=0)
    assert author.biography_zh == "王明，副教授。"  # cleaned: no script
    assert (author.email, author.address) == ("wang@example.edu.cn", "北京市海淀区")
    funding = article.funding.get()
    assert (funding.funder_zh, funding.funder_en, funding.awards, funding.funder_id) == (
        "国家自然科学基金",
        NSFC,
        ["72074123", "71974054"],
        "10.13039/501100001809",
    )

    # The change form shows what was saved; sending it back unchanged changes nothing.
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    values = form_values(admin_client.get(change_url), "article_form")
    assert values["clc_codes"] == "G633.3; TP391.1"
    assert values["funding-0-funder_en"] == NSFC
    assert values["funding-0-award_numbers"] == "72074123; 71974054"
    assert values["authors-0-biography_en"] == "Ming Wang, associate professor."
    before = fields_of(article)
    values["_save"] = "Save"
    assert admin_client.post(change_url, values).status_code == 302
    assert fields_of(Article.objects.get(pk=article.pk)) == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("clc_codes", "G633.3; 123", "“123” is not a CLC number"),
        ("caj_article_id", "1000-0135-2019", "is not an article ID as CNKI numbers them"),
        ("document_code", "Z", "Select a valid choice"),
        ("funding-0-funder_id", "10.1234/abc", "is not a funder identifier"),
        ("funding-0-funder_id", "https://ror.org/03vek6s53", "is not a funder identifier"),
        ("funding-0-funder_zh", "", "Name the funder, in Chinese or in English."),
    ],
)
def test_admin_refuses_a_bad_value_with_a_form_error(admin_client, places, field, value, message):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    overrides = {field: value}
    if field == "funding-0-funder_zh":
        overrides["funding-0-funder_en"] = "  "
    response = admin_client.post(
        reverse("admin:articles_article_add"), chinese_journal_form(*places, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_demo_english_article_carries_illustrative_values_and_the_seed_article_none(client):
    call_command("load_demo", verbosity=0)
    seed = Article.objects.get(doi="10.5555/demo.2025.0201")
    assert not seed.funding.exists() and not seed.has_classification
    assert not seed.authors.exclude(biography_zh="", biography_en="").exists()
    english = Article.objects.get(doi="10.5555/demo.2025.0202")
    assert english.funding.get().funder_id == "10.13039/501100001809"
    assert english.document_code == "A"
    tree = page(client, english, "zh-hans")
    assert text(tree, "#about-authors-heading") == ["作者简介"]


# Upgrading


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_migration_keeps_every_article_and_author_and_adds_empty_fields():
    before = [("journal", "0007_issue_dates_at_precision"), ("articles", "0009_dates_at_precision")]
    after = [("articles", "0010_chinese_journal_fields")]
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps
        journal = old.get_model("journal", "Journal").objects.create(
            slug="old", title_zh="旧刊", publisher="P", citation_styles=["apa"]
        )
        issue = old.get_model("journal", "Issue").objects.create(
            journal=journal, number="5", year=2019, publication_date=date(2019, 5, 1)
        )
        section = old.get_model("journal", "Section").objects.create(journal=journal, slug="s")
        article = old.get_model("articles", "Article").objects.create(
            journal=journal, issue=issue, section=section, title_zh="文", first_page="32"
        )
        old.get_model("articles", "Author").objects.create(
            article=article, family_name="王", email="w@example.org", is_corresponding=True
        )

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        migrated = new.get_model("articles", "Article").objects.get(pk=article.pk)
        assert (migrated.title_zh, migrated.first_page) == ("文", "32")
        assert (migrated.clc_codes, migrated.document_code, migrated.caj_article_id) == ("", "", "")
        author = new.get_model("articles", "Author").objects.get(article=migrated)
        assert (author.email, author.is_corresponding) == ("w@example.org", True)
        assert (author.biography_zh, author.biography_en, author.address) == ("", "", "")
        assert not new.get_model("articles", "Funding").objects.exists()
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )


def test_history_lists_a_funding_change_and_a_restore_brings_the_row_back(desk):
    client, article = desk["client"], desk["a"]
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_values(client.get(change_url), "article_form")
    data.update(
        {
            "funding-TOTAL_FORMS": "1",
            "funding-0-order": "0",
            "funding-0-funder_zh": "国家社会科学基金",
            "funding-0-award_numbers": "19BGL236",
        }
    )
    assert client.post(change_url, data).status_code == 302
    before_change = timezone.now()
    data = form_values(client.get(change_url), "article_form")
    data["funding-0-award_numbers"] = "20BGL001"
    assert client.post(change_url, data).status_code == 302

    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    text = " ".join(html.fromstring(history.content).text_content().split())
    assert "Award numbers: 19BGL236 → 20BGL001" in text

    restore_article(article=article, moment=before_change, user=desk["editor"])
    assert article.funding.get().award_numbers == "19BGL236"
