import pytest
from django.urls import reverse

from articles.models import Reference
from articles.reference_parser import parse_reference, split_references
from articles.references import replace_references
from tests.articles.reference_corpus import (
    FIELDS,
    GBT_EXAMPLES,
    REAL_WORLD,
    SEED,
    expected_value,
)
from tests.factories import make_article, make_reference

EXTRA_FIELDS = ["et_al", "editors", "place", "publisher", "date", "cited_date", "number"]


def assert_fields(text, expected):
    parsed = parse_reference(text)
    for name in FIELDS + EXTRA_FIELDS + ["language"]:
        if name in expected or name in FIELDS:
            want = expected_value(expected, name) if name != "et_al" else expected.get(name, False)
            assert getattr(parsed, name) == want, (name, text)
    if "et_al" not in expected:
        assert parsed.et_al is False
    return parsed


@pytest.mark.parametrize(("text", "expected"), SEED, ids=[f"seed{i}" for i in range(1, 15)])
def test_seed_references_parse_into_their_fields(text, expected):
    parsed = assert_fields(text, expected)
    assert not parsed.raw_text.startswith("[")


@pytest.mark.parametrize(("text", "expected"), GBT_EXAMPLES.values(), ids=GBT_EXAMPLES.keys())
def test_gbt_7714_examples_parse_into_their_fields(text, expected):
    assert_fields(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"), REAL_WORLD, ids=[f"real{i}" for i in range(len(REAL_WORLD))]
)
def test_real_world_references_parse_into_their_fields(text, expected):
    assert_fields(text, expected)


def test_real_world_corpus_has_thirty_strings_in_both_styles():
    apa = [text for text, _ in REAL_WORLD if "(" in text and "[" not in text.split(".")[0]]
    assert len(REAL_WORLD) >= 30
    assert len(apa) >= 10 and len(REAL_WORLD) - len(apa) >= 10


def test_junior_suffix_stays_with_its_author():
    parsed = parse_reference(GBT_EXAMPLES["E7"][0])
    assert parsed.authors == ["PEEBLES P Z, Jr"]


def test_period_inside_institution_does_not_end_it():
    parsed = parse_reference(GBT_EXAMPLES["E11"][0])
    assert (parsed.place, parsed.publisher) == ("Berkeley", "Univ. of California")


def test_corporate_author_is_kept_as_written():
    parsed = parse_reference(GBT_EXAMPLES["E15"][0])
    assert parsed.authors == ["World Health Organization"]


def test_standard_number_keeps_its_em_dash():
    parsed = parse_reference(GBT_EXAMPLES["E16"][0])
    assert parsed.number == "GB/T 3792.4\u20142009"


FULL_WIDTH_VARIANTS = {
    "E1": "袁训来，陈哲，肖书海，等．蓝田生物群：一个认识多细胞生物起源和早期演化的新窗口［J］．"
    "科学通报，2012，57（34）：3219．",
    "E5": "陈登原．国史旧闻：第1卷［M］．北京：中华书局，2000：29．",
    "E13": "丁文详．数字革命与竞争国际化［N］．中国青年报，2000－11－20（15）．",
}


@pytest.mark.parametrize("key", FULL_WIDTH_VARIANTS)
def test_full_width_punctuation_parses_like_half_width(key):
    half = parse_reference(GBT_EXAMPLES[key][0])
    full = parse_reference(FULL_WIDTH_VARIANTS[key])
    for name in FIELDS + EXTRA_FIELDS + ["language"]:
        assert getattr(full, name) == getattr(half, name), name
    assert full.raw_text == FULL_WIDTH_VARIANTS[key]


def test_split_bracket_numbers_and_joins_broken_lines():
    text = (
        "References\n"
        "[1] 袁训来, 陈哲, 肖书海, 等. 蓝田生物群: 一个认识多细胞生物起源和早期\n"
        "演化的新窗口[J]. 科学通报, 2012, 57(34): 3219.\n"
        "[2] KANAMORI H. Shaking without quaking[J]. Science,\n"
        "1998, 279(5359): 2063.\n"
        "［3］陈登原．国史旧闻：第1卷［M］．北京：中华书局，2000：29．\n"
    )
    entries = split_references(text)
    assert entries == [
        "[1] 袁训来, 陈哲, 肖书海, 等. 蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口[J]. "
        "科学通报, 2012, 57(34): 3219.",
        "[2] KANAMORI H. Shaking without quaking[J]. Science, 1998, 279(5359): 2063.",
        "［3］陈登原．国史旧闻：第1卷［M］．北京：中华书局，2000：29．",
    ]
    assert parse_reference(entries[0]).title.endswith("早期演化的新窗口")


def test_split_dotted_numbers_ignores_numbers_out_of_sequence():
    text = (
        "1. KANAMORI H. Shaking without quaking[J]. Science, 1998, 279(5359):\n"
        "2063.\n"
        "2. 陈登原. 国史旧闻: 第1卷[M]. 北京: 中华书局, 2000: 29.\n"
        "3、丁文详. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).\n"
    )
    entries = split_references(text)
    assert len(entries) == 3
    assert parse_reference(entries[0]).pages == "2063"
    assert parse_reference(entries[2]).kind == "N"


def test_split_several_numbers_on_one_line():
    text = (
        "[1] KANAMORI H. Shaking without quaking[J]. Science, 1998, 279: 2063. "
        "[2] 马欢. 题名[D]. 北京: 清华大学, 2011."
    )
    assert [parse_reference(entry).kind for entry in split_references(text)] == ["J", "D"]


def test_split_unnumbered_list_at_entry_starts_and_blank_lines():
    text = "\n".join(
        [
            "Ansell, C., & Gash, A. (2008). Collaborative governance in theory and practice.",
            "Journal of Public Administration Research and Theory, 18(4), 543–571.",
            "https://doi.org/10.1093/jopart/mum032",
            "KANAMORI H. Shaking without quaking[J].",
            "Science, 1998, 279(5359): 2063.",
            "World Health Organization. Factors regulating the immune response: report of WHO",
            "Scientific Group[R]. Geneva: WHO, 1970.",
            "",
            "Kahneman, D. (2011). Thinking, fast and slow. Farrar, Straus and Giroux.",
        ]
    )
    parsed = [parse_reference(entry) for entry in split_references(text)]
    assert [p.kind for p in parsed] == ["J", "J", "R", "M"]
    assert parsed[0].doi == "10.1093/jopart/mum032"
    assert parsed[1].container_title == "Science"


def test_split_of_empty_text_is_empty():
    assert split_references("  \n\n ") == []


@pytest.mark.django_db
def test_replace_references_saves_parsed_entries_in_order():
    article = make_article()
    make_reference(article, raw_text="Old entry[J]. 2000.")
    text = "\n".join(text for text, _ in SEED)
    references = replace_references(article=article, text=text)
    saved = list(article.references.order_by("order"))
    assert saved == references and len(saved) == 14
    assert saved[0].authors == "Ansell C; Gash A"
    assert saved[6].authors == "王名; 等"
    assert saved[2].container_title == "西部经济管理论坛"
    assert not Reference.objects.filter(raw_text__startswith="Old entry").exists()


@pytest.fixture
def _plain_static_storage(settings):
    """Admin pages link static files; tests run without collectstatic's manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("_plain_static_storage")
def test_admin_paste_replaces_references_in_order(admin_client):
    article = make_article()
    make_reference(article, raw_text="Old entry[J]. 2000.")
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "粘贴参考文献" in response.text
    form = response.context["adminform"].form
    data = {
        name: form.initial.get(name, "") if form.initial.get(name) is not None else ""
        for name in form.fields
    }
    data.update(
        {
            "journal": article.journal_id,
            "issue": article.issue_id or "",
            "section": article.section_id,
            "published_at_0": article.published_at.strftime("%Y-%m-%d"),
            "published_at_1": article.published_at.strftime("%H:%M:%S"),
            "references_text": "[1] "
            + GBT_EXAMPLES["E2"][0]
            + "\n[2] "
            + GBT_EXAMPLES["E1"][0]
            + "\n[3] "
            + REAL_WORLD[-3][0],
        }
    )
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name, field in management.fields.items():
            data[f"{inline.formset.prefix}-{name}"] = management.initial.get(name, field.initial)
        for index, inline_form in enumerate(inline.formset.forms):
            for name in inline_form.fields:
                value = inline_form[name].value()
                data[f"{inline.formset.prefix}-{index}-{name}"] = "" if value is None else value
    data = {key: value for key, value in data.items() if value is not None}
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert not response.context.get("errors"), response.context.get("errors")
    saved = list(article.references.order_by("order"))
    assert [reference.title for reference in saved] == [
        "Shaking without quaking",
        "蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口",
        "Ageing and health",
    ]
    assert saved[0].kind == "J" and saved[0].volume == "279"
    assert saved[2].url.startswith("https://www.who.int/")
    assert "已解析 3 条参考文献" in response.text
