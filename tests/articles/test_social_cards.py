"""Social cards (#19): the issue cover or the journal's image at 1200 × 630 with its alt
text, summary_large_image for a picture of its own; the site's small card otherwise."""

import io

import pytest
from PIL import Image

from journal.images import store_issue_cover, store_journal_image
from tests.factories import make_article, make_issue, make_journal
from tests.pages import landing, meta, tree_of

pytestmark = pytest.mark.django_db


def picture(size):
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def og(doc, name):
    return [m.get("content") for m in doc.xpath(f'//head/meta[@property="{name}"]')]


def test_the_issue_cover_is_the_card_with_its_alt_text_in_the_shared_language(client):
    issue = make_issue(cover_alt_zh="红色封面", cover_alt_en="A red cover")
    store_issue_cover(issue, picture((600, 800)), "cover.jpg")
    article = make_article(issue=issue, journal=issue.journal)
    for language, alt in (("en", "A red cover"), ("zh-hans", "红色封面")):
        page = tree_of(client, landing(article, language))
        (image,) = og(page, "og:image")
        assert image.startswith("http://testserver/images/") and image.endswith("-1200.jpg")
        assert og(page, "og:image:width") == ["1200"] and og(page, "og:image:height") == ["630"]
        assert meta(page, "twitter:card") == ["summary_large_image"]
        assert meta(page, "twitter:image") == []  # X takes og:image
        # The interface's language, as the rest of the card (the article has both titles).
        assert og(page, "og:image:alt") == [alt]
        assert meta(page, "twitter:image:alt") == [alt]
        card = client.get(image.removeprefix("http://testserver"))
        assert card.status_code == 200
        assert Image.open(io.BytesIO(b"".join(card.streaming_content))).size == (1200, 630)


def test_without_a_cover_the_journal_image_then_the_site_card(client):
    journal = make_journal(title_en="Demo Studies")
    article = make_article(journal=journal, language="en", title_en="An English paper")
    page = tree_of(client, landing(article, "en"))
    assert meta(page, "twitter:card") == ["summary"]
    assert og(page, "og:image")[0].endswith("og-default.png")
    store_journal_image(journal, "header", picture((1800, 450)), "header.jpg")
    page = tree_of(client, landing(article, "en"))
    assert meta(page, "twitter:card") == ["summary_large_image"]
    assert og(page, "og:image:alt") == ["Demo Studies"]
    home = tree_of(client, journal.get_absolute_url().replace("/zh-hans/", "/en/"))
    assert og(home, "og:image") == og(page, "og:image")
    assert meta(home, "twitter:card") == ["summary_large_image"]
