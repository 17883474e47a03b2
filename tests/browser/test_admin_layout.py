"""The article form fits a 1280 px window: ten references do not make it scroll sideways."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Reference

pytestmark = pytest.mark.browser

PASSWORD = "a-long-editor-password-1"  # noqa: S105 - test account

# As the reference parser fills them from a long Chinese or English entry.
LONG_REFERENCE = {
    "raw_text": (
        "[{n}] Ansell C, Gash A, Emerson K, Nabatchi T, Balogh S. Collaborative governance in "
        "theory and practice: an integrative framework for public administration research[J]. "
        "Journal of Public Administration Research and Theory, 2008, 18(4): 543-571. "
        "https://academic.oup.com/jpart/article-lookup/doi/10.1093/jopart/mum032"
    ),
    "kind": "J",
    "authors": "Ansell C, Gash A, Emerson K, Nabatchi T, Balogh S",
    "title": (
        "Collaborative governance in theory and practice: an integrative framework for public "
        "administration research"
    ),
    "container_title": "Journal of Public Administration Research and Theory",
    "year": "2008",
    "volume": "18",
    "issue": "4",
    "pages": "543-571",
    "doi": "10.1093/jopart/mum032",
    "url": (
        "https://academic.oup.com/jpart/article-lookup/doi/10.1093/jopart/mum032"
        "?utm_source=reference-list&utm_medium=journal-website&utm_campaign=collaborative"
        "-governance-integrative-framework-public-administration-research-and-theory-2008"
    ),
}


@pytest.mark.slow  # ten references typed in (~4 s)
def test_the_article_form_with_ten_references_fits_1280_px(page, demo):
    article = demo.chinese
    article.references.all().delete()
    for n in range(1, 11):
        fields = {**LONG_REFERENCE, "raw_text": LONG_REFERENCE["raw_text"].format(n=n)}
        Reference.objects.create(article=article, order=n, **fields)
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo.url("/admin/login/"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(demo.url(f"/admin/articles/article/{article.pk}/change/"))
    assert page.locator("#references-group .inline-related.has_original").count() == 10
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280

    # "Add another" numbers the new reference after the others, and the page still fits.
    page.click("#references-group .add-row a")
    assert page.input_value("#id_references-10-order") == "11"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
