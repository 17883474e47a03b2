"""What reference managers make of a landing page (issue #15, "right in the clients").

Zotero saves a landing page with its "Embedded Metadata" translator (zotero/translators,
``Embedded Metadata.js``, ``processHighwireCreators``): every ``citation_author`` goes
through ``ZU.cleanAuthor(name, "author", name.includes(","))`` (zotero/utilities,
``utilities.js``). With a comma, the text before it is the last name and the text after
it the first name; without one, the last space-separated word is the last name and the
rest the first name, so a name with no space ("欧阳晓光") stays one undivided name and
"Maria van der Berg" becomes Berg, Maria van der. When a page has a single
``citation_author`` and both sides of its comma hold a space, Zotero takes the comma as
a list of two authors. ``zotero_creators`` restates those rules (no Zotero code is
copied here); the last test asks a real Zotero translation-server when one runs.
"""

import json
import os
import urllib.request

import bibtexparser
import lxml.html
import pytest
from bibtexparser import middlewares

from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db

NAMES = [  # (family, given) as an editor types them, and as Zotero must save them
    ("欧阳", "晓光"),
    ("司马", "相如"),
    ("王", "明"),
    ("van der Berg", "Maria"),
    ("Ansell", "Chris"),
]


def zotero_creators(values):
    """[(lastName, firstName)] as Zotero's Embedded Metadata translator splits them."""
    if len(values) == 1:
        parts = [part.strip() for part in values[0].split(",")]
        if len(parts) > 1 and " " in parts[0] and " " in parts[1]:
            values = parts  # read as a list of authors
    creators = []
    for value in values:
        if "," in value:
            last, _, first = value.partition(",")
            creators.append((last.strip(), first.strip()))
        else:
            first, _, last = value.rpartition(" ")
            creators.append((last, first))
    return creators


def article_with_names(**fields):
    article = make_article(**fields)
    for family, given in NAMES:
        make_author(article, family_name=family, given_name=given, family_name_en="")
    return article


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_gs_3_zotero_splits_every_name_into_family_and_given(client, language):
    """GS-3: compound surnames, particles and Western names all arrive as they were typed."""
    article = article_with_names()
    response = client.get(f"/{language}/{article.journal.slug}/article/{article.pk}/")
    doc = lxml.html.fromstring(response.content)
    authors = doc.xpath('//head/meta[@name="citation_author"]/@content')
    assert zotero_creators(authors) == NAMES


def test_gs_3_a_single_author_is_not_read_as_two():
    """The one case Zotero reads a lone comma as a list: a space on both of its sides."""
    assert zotero_creators(["欧阳, 晓光"]) == [("欧阳", "晓光")]
    assert zotero_creators(["van der Berg, Maria"]) == [("van der Berg", "Maria")]


def test_bibtex_download_names_split_by_a_bibtex_parser(client):
    """bibtexparser, as BibTeX itself does, reads "Family, Given": 欧阳 is the surname,
    "van der" the particle of Berg."""
    article = article_with_names()
    text = client.get(f"{article.get_absolute_url()}cite.bib").content.decode()
    library = bibtexparser.parse_string(
        text,
        append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()],
    )
    [entry] = library.entries
    names = [
        (" ".join(n.von + n.last), " ".join(n.first)) for n in entry.fields_dict["author"].value
    ]
    assert names == NAMES


ZOTERO = os.environ.get("ZOTERO_TRANSLATION_SERVER", "")


@pytest.mark.skipif(
    not ZOTERO, reason="ZOTERO_TRANSLATION_SERVER (e.g. http://127.0.0.1:1969) unset"
)
@pytest.mark.django_db(transaction=True)
def test_zotero_translation_server_saves_the_landing_page_right(live_server):
    """The real Zotero (translation-server, the browser connector's code) saves a Chinese
    and an English article with split names, the How-to-Cite journal title and the DOI."""
    chinese = article_with_names(doi="10.5555/zotero.1")
    english = make_article(
        journal=chinese.journal, language="en", title_en="On Governance", doi="10.5555/zotero.2"
    )
    make_author(english, family_name="Ansell", given_name="Chris", family_name_en="")
    base = live_server.url.replace("//localhost:", "//127.0.0.1:")  # Zotero refuses "localhost"
    for article, journal_title, names in (
        (chinese, chinese.journal.title_zh, NAMES),
        (english, chinese.journal.title_en, [("Ansell", "Chris")]),
    ):
        request = urllib.request.Request(
            f"{ZOTERO}/web",
            data=f"{base}/en/{article.journal.slug}/article/{article.pk}/".encode(),
            headers={"Content-Type": "text/plain"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - test server
            [item] = json.load(response)
        assert [(c.get("lastName"), c.get("firstName")) for c in item["creators"]] == names
        assert item["publicationTitle"] == journal_title
        assert item["DOI"] == article.doi
        assert item["title"] == article.original_title
