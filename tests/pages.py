"""Pages as readers reach them."""

from django.utils import translation


def landing(article, language="en"):
    """The path of the article's landing page in the interface ``language``."""
    with translation.override(language):
        return article.get_absolute_url()
