"""The demo shapes of #15 (scripts/shapes.py): five corpus records imported into the demo
journal `shapes`, published, each landing page and issue page showing its numbering as
printed in both languages; loading twice changes nothing."""

import pytest
from django.utils import translation

from articles.models import Article
from journal.models import Issue
from scripts import shapes

pytestmark = pytest.mark.django_db

# shape → (issue heading in Chinese, in English, what the landing page says of the place)
PRINTED = {
    "no-volume": ("2019年第5期", "2019, No. 5", "32–38"),
    "double-issue": ("2021年第1-2期（合刊）", "2021, Nos. 1-2", "101–115"),
    "supplement": ("2020年增刊1", "2020, Suppl. 1", "S12–S19"),
    "article-number": ("2022年第41卷第3期", "Vol. 41, No. 3 (2022)", "e1021"),
    "roman-pages": ("2022年第41卷第1期", "Vol. 41, No. 1 (2022)", "iii–xii"),
}


def test_five_shapes_load_once_and_read_as_printed(client):
    shapes.load()
    shapes.load()  # idempotent: the import matches each record again

    assert Article.objects.published().filter(journal__slug="shapes").count() == 5
    assert Issue.objects.filter(journal__slug="shapes").count() == 5
    for shape, language, landing, toc in shapes.urls():
        label_zh, label_en, place = PRINTED[shape]
        label = label_zh if language == "zh-hans" else label_en
        with translation.override(language):
            page = client.get(landing).content.decode()
            issue_page = client.get(toc).content.decode()
        assert label in page, (shape, language)
        assert place in page, (shape, language)
        assert f"<h1>{label}</h1>" in issue_page, (shape, language)


def test_the_no_volume_article_carries_the_chinese_journal_fields(client):
    shapes.load()
    article = shapes.published_shapes()["no-volume"]
    page = client.get(article.get_absolute_url()).content.decode()
    for text in ("D630; C916", "1002-5502(2019)05-0032-07", "国家社会科学基金", "徐家良（1965—）"):
        assert text in page
    assert "xu.jialiang@example.org" in page
    assert article.galleys.count() == 1
