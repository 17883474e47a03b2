"""Pages as readers reach them."""

import lxml.html
from django.utils import translation


def landing(article, language="en"):
    """The path of the article's landing page in the interface ``language``."""
    with translation.override(language):
        return article.get_absolute_url()


# Queries of one landing page, whatever the number of authors, references, keywords or
# funders: 6, then the usage summary, stats' own query (#14), the funding rows (#15), and
# the related articles stored for it (#19), and the shell's own read of the article and its
# journal (#18). That is the page rendered whole; once its parts are cached
# (articles.landing), a request reads only that row.
LANDING_PAGE_QUERIES = 10
LANDING_PAGE_QUERIES_WITH_CACHED_PARTS = 1


def tree_of(client, url):
    """The page at ``url`` (200 asserted), parsed."""
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.content)


def text(node):
    """A node's text as a reader sees it: white space folded."""
    return " ".join(node.text_content().split())


def meta(doc, name):
    """The contents of every ``<meta name=...>`` in the page's head, in order."""
    return [m.get("content") for m in doc.xpath(f'//head/meta[@name="{name}"]')]


def export(client, article):
    """The article's CSL-JSON download, as a reference manager gets it."""
    response = client.get(f"{article.get_absolute_url()}cite.json")
    assert response.status_code == 200
    return response.json()


def without_ids(items):
    """The items with what names the database rows (id, URL) left out."""
    return [{k: v for k, v in item.items() if k not in ("id", "URL")} for item in items]
