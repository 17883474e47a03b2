"""Pages as readers reach them."""

from django.utils import translation


def landing(article, language="en"):
    """The path of the article's landing page in the interface ``language``."""
    with translation.override(language):
        return article.get_absolute_url()


# Queries of one landing page, whatever the number of authors, references, keywords or
# funders: 6, then the usage summary, stats' own query (#14), and the funding rows (#15).
LANDING_PAGE_QUERIES = 8
