"""Search understands identifiers (#19): a DOI goes to its article, an ISSN to its
journal, an ORCID iD lists its author's articles, in whatever form they are pasted."""

import pytest
from lxml import html

from articles.models import Status
from tests.factories import make_article, make_author, make_journal
from tests.pages import landing, text

pytestmark = pytest.mark.django_db

DOI = "10.1234/Axon.2025.0042"


@pytest.mark.parametrize(
    "pasted",
    [
        DOI,
        DOI.lower(),
        f"doi:{DOI}",
        f"DOI: {DOI}",
        f"https://doi.org/{DOI}",
        f"http://dx.doi.org/{DOI}",
        f"doi.org/{DOI}",
        f"  {DOI}. ",
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_doi_in_any_form_goes_to_the_article(client, pasted, lang):
    article = make_article(doi=DOI)
    response = client.get(f"/{lang}/search/", {"q": pasted})
    assert response.status_code == 302
    assert response["Location"] == landing(article, lang)


def test_a_doi_of_a_draft_or_of_nothing_searches_as_words_and_says_so(client):
    make_article(doi=DOI, status=Status.DRAFT, published_at=None)
    response = client.get("/en/search/", {"q": DOI})
    assert response.status_code == 200
    page = html.fromstring(response.content)
    assert text(page.cssselect(".notice")[0]) == (f"No published article here has the DOI {DOI}.")


@pytest.mark.parametrize("pasted", ["2049-3630", "20493630", "ISSN 2049-3630", "issn:2049-3630"])
def test_an_issn_goes_to_the_journal(client, pasted):
    journal = make_journal(issn_print="2049-3630")
    response = client.get("/zh-hans/search/", {"q": pasted})
    assert response.status_code == 302
    assert response["Location"] == f"/zh-hans/{journal.slug}/"


def test_an_issn_with_a_wrong_check_digit_is_words(client):
    make_journal(issn_print="2049-3630")
    response = client.get("/en/search/", {"q": "2049-3631"})
    assert response.status_code == 200
    assert b"No journal here" not in response.content


@pytest.mark.parametrize(
    "pasted",
    [
        "0000-0002-1825-0097",
        "https://orcid.org/0000-0002-1825-0097",
        "orcid.org/0000-0002-1825-0097/",
        "ORCID: 0000000218250097",
    ],
)
def test_an_orcid_lists_that_authors_published_articles(client, pasted):
    first = make_article(title_zh="第一篇", title_en="First")
    second = make_article(title_zh="第二篇", title_en="Second")
    draft = make_article(title_zh="草稿", status=Status.DRAFT, published_at=None)
    other = make_article(title_zh="别人的")
    for article in (first, second, draft):
        make_author(article, orcid="0000-0002-1825-0097")
    make_author(other, orcid="0000-0001-5109-3700")
    response = client.get("/zh-hans/search/", {"q": pasted})
    assert response.status_code == 200
    page = html.fromstring(response.content)
    titles = [text(a) for a in page.cssselect("#main .article-summary__title a")]
    assert sorted(titles) == ["第一篇", "第二篇"]
    assert "0000-0002-1825-0097" in text(page.cssselect("#orcid-heading")[0])


def test_an_orcid_nobody_here_has_says_so(client):
    response = client.get("/en/search/", {"q": "0000-0002-1825-0097"})
    page = html.fromstring(response.content)
    assert "No published article here has an author with the ORCID iD 0000-0002-1825-0097." in (
        text(page.cssselect(".notice")[0])
    )
