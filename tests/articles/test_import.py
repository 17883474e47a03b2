"""import_articles: CSL-JSON in, articles out; all or nothing."""

import json

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Reference
from journal.models import Issue, Journal
from tests.factories import make_full_article


def write(tmp_path, items, name="items.json"):
    path = tmp_path / name
    path.write_text(items if isinstance(items, str) else json.dumps(items, ensure_ascii=False))
    return path


def run_import(path):
    from io import StringIO

    out = StringIO()
    call_command("import_articles", str(path), stdout=out)
    return out.getvalue()


def item(**overrides):
    data = {
        "id": "zotero-1",
        "type": "article-journal",
        "language": "zh-CN",
        "title": "社区养老服务研究",
        "container-title": "公共管理学报",
        "ISSN": "2096-1235",
        "volume": "18",
        "issue": "3",
        "page": "89-101",
        "DOI": "10.5555/import.1",
        "issued": {"date-parts": [[2021, 7, 15]]},
        "author": [{"family": "徐", "given": "家良"}, {"family": "赵", "given": "挺"}],
        "abstract": "本文研究社区养老服务。",
        "keyword": "养老服务, 社会组织",
        "publisher": "Axon Academic Publishing Institute",
        "custom": {
            "status": "published",
            "translation": {
                "title": "A Study of Community Elderly Care",
                "keywords": ["elderly care"],
            },
            "references": [
                "Ostrom E. Governing the Commons[M]. 1990.",
                {"text": "B. T. doi:10.1000/b"},
            ],
            "section": {"slug": "articles", "title_zh": "论文", "title_en": "Articles"},
        },
    }
    data.update(overrides)
    return data


def test_import_creates_journal_issue_and_article_and_prints_a_line_per_item(db, tmp_path):
    output = run_import(write(tmp_path, [item()]))
    article = Article.objects.get()
    assert (
        output.strip()
        == f"created\t10.5555/import.1\t/zh-hans/{article.journal.slug}/article/{article.pk}/"
    )
    assert article.journal.issn_online == "2096-1235"
    assert (article.issue.volume, article.issue.number, article.issue.year) == (18, "3", 2021)
    assert (article.first_page, article.last_page) == ("89", "101")
    assert [a.name for a in article.byline] == ["徐家良", "赵挺"]
    assert [t.name for t in article.keywords_in("zh-hans")] == ["养老服务", "社会组织"]
    assert article.title_en == "A Study of Community Elderly Care"
    assert list(article.references.values_list("doi", flat=True)) == ["", "10.1000/b"]
    assert article.is_public


def test_import_is_idempotent_and_updates_by_doi(db, tmp_path):
    path = write(tmp_path, [item()])
    run_import(path)
    output = run_import(write(tmp_path, [item(title="社区养老服务研究（修订）")], "v2.json"))
    assert output.startswith("updated\t10.5555/import.1")
    assert (
        Article.objects.count() == 1 and Journal.objects.count() == 1 and Issue.objects.count() == 1
    )
    assert Article.objects.get().title_zh == "社区养老服务研究（修订）"
    assert Reference.objects.count() == 2


def test_import_matches_an_existing_journal_by_container_title(db, tmp_path):
    run_import(write(tmp_path, [item(ISSN=[])]))
    run_import(write(tmp_path, [item(ISSN=[], DOI="10.5555/import.2", title="另一篇")], "b.json"))
    assert Journal.objects.count() == 1 and Article.objects.count() == 2


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        (json.dumps([item(title="")]), "item 1 (zotero-1), field “title”: is missing"),
        (json.dumps([item(DOI="11.22/x")]), "field “DOI”: “11.22/x” is not a DOI"),
        (json.dumps([item(ISSN="1234-5678")]), "field “ISSN”: “1234-5678” is not a valid ISSN"),
        (json.dumps([item(page="five")]), "field “page”: “five” is not pages as printed"),
        (json.dumps(["just a string"]), "item 1, field “(item)”"),
        (json.dumps([]), "JSON array"),
    ],
    ids=["bad-json", "missing-title", "bad-doi", "bad-issn", "bad-pages", "not-object", "empty"],
)
def test_bad_input_is_rejected_with_a_clear_message_and_nothing_is_written(
    db, tmp_path, content, message
):
    good = item(DOI="10.5555/good.1", title="好的一篇")
    items = json.loads(content) if content.startswith("[") else None
    path = write(tmp_path, [good, *items] if items else content)
    with pytest.raises(CommandError) as failure:
        run_import(path)
    assert message.replace("item 1", "item 2" if items else "item 1") in str(failure.value)
    assert not Article.objects.exists() and not Journal.objects.exists()


def test_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(tmp_path / "nope.json")


def test_export_then_import_round_trip(client, db, tmp_path):
    original = make_full_article(authors=2, references=3)
    exported = client.get(f"{original.get_absolute_url()}cite.json")
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    items = exported.json()
    assert items[0]["author"][0] == {"family": "王0", "given": "明"}

    before = {
        "title_zh": original.title_zh,
        "title_en": original.title_en,
        "abstract_en": original.abstract_en,
        "keywords_zh": [t.name for t in original.keywords_in("zh-hans")],
        "keywords_en": [t.name for t in original.keywords_in("en")],
        "authors": [(a.name, a.romanised_name, a.orcid) for a in original.byline],
        "references": [r.raw_text for r in original.references.all()],
        "pages": original.pages,
    }
    output = run_import(write(tmp_path, json.dumps(items, ensure_ascii=False)))
    assert output.startswith(f"updated\t{original.doi}")
    article = Article.objects.get(pk=original.pk)
    after = {
        "title_zh": article.title_zh,
        "title_en": article.title_en,
        "abstract_en": article.abstract_en,
        "keywords_zh": [t.name for t in article.keywords_in("zh-hans")],
        "keywords_en": [t.name for t in article.keywords_in("en")],
        "authors": [(a.name, a.romanised_name, a.orcid) for a in article.byline],
        "references": [r.raw_text for r in article.references.order_by("order")],
        "pages": article.pages,
    }
    assert after == before
    assert Article.objects.count() == 1


def test_a_new_journal_needs_a_publisher(db, tmp_path):
    bare = item()
    del bare["publisher"]
    with pytest.raises(CommandError, match="item 1 \\(zotero-1\\), field “publisher”"):
        run_import(write(tmp_path, [bare]))
    assert not Journal.objects.exists()
