"""The landing page's own parts, rendered once per version and kept in the cache (#18).

A landing page is the site's shell (header, navigation, language switcher, footer)
around the article's parts: the metadata in its head (Highwire, Dublin Core, social
cards, JSON-LD) and the article with its sidebar. The parts cost most of a render
(nine of the page's ten queries, four fifths of its time), and they
change only when something they show is saved. So they are rendered once and kept,
keyed by

- the content generation (``journal.cache``: bumped by every save of anything a page
  shows: authors, keywords, issues, the journal, stored citations, related lists),
- the article and its ``updated_at`` (read with the page's first query, so an edit of
  the article is seen at once even by app servers that do not share the cache),
- the interface language, the citation style shown and the site's address.

Every request still reads the article's row and journal through ``public_articles``
(visibility is decided by the database each time) and renders the shell. Parts are kept no longer
than the next scheduled publication (a related article may go public by itself), two
seconds while the citations are being rendered, and never for editors, whose pages may
be previews. ``LANDING_PARTS_TIMEOUT = 0`` renders them on every request.
"""

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from articles import how_to_cite
from articles.metadata import article_metadata
from articles.models import Article
from articles.publishing import seconds_to_next_publication
from journal.cache import content_generation
from journal.context_processors import base_url
from scholarly.languages import current_language

INDENTATION = re.compile(rb">\s*\n\s*<")
KEY = "articles:landing:{generation}:{digest}"
# While the citation worker renders an article's citations (after a save), its parts are
# kept only briefly, so the page shows them as soon as they are stored.
CITATIONS_PENDING_SECONDS = 2


def parts_timeout():
    """Seconds the parts stay cached; 0 renders them on every request."""
    return getattr(settings, "LANDING_PARTS_TIMEOUT", 3600)


@dataclass(frozen=True)
class LandingParts:
    """An article's rendered parts: safe HTML from our templates, and the description."""

    head: str
    content: str
    description: str
    citations_pending: bool


def citation_widget(article, requested_style):
    """The How-to-Cite widget from stored renders; an unknown style gives the default."""
    language = current_language()
    style = how_to_cite.chosen_style(article.journal, requested_style, language)
    return how_to_cite.widget(
        article, style=style, language=language, translated_label=_("Translated citation")
    )


def without_indentation(response):
    """Post-render: the templates' indentation and blank lines between tags, gone (a
    twelfth of the page). One line break stays where there was white space, so the text
    reads the same; the page holds no <pre> or <textarea>."""
    response.content = INDENTATION.sub(b">\n<", response.content)
    return response


def render_parts(request, article, requested_style):
    """Read ``article`` whole (its places and rows: nine queries) and render its parts."""
    article = Article.objects.for_landing_page().with_related().get(pk=article.pk)
    cite = citation_widget(article, requested_style)
    meta = article_metadata(article, base_url=base_url(request))
    context = {"article": article, "journal": article.journal, "meta": meta, "cite": cite}
    return LandingParts(
        head=render_to_string("articles/includes/landing_head.html", context, request),
        content=render_to_string("articles/includes/landing_content.html", context, request),
        description=meta.description,
        citations_pending=bool(cite.style and not cite.entries),
    )


def parts_key(request, article, requested_style, generation):
    style = how_to_cite.chosen_style(article.journal, requested_style, current_language())
    parts = [
        str(article.pk),
        article.updated_at.isoformat(),
        current_language(),
        style or "",
        base_url(request),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return KEY.format(generation=generation, digest=digest)


def landing_parts(request, article, requested_style, *, cacheable):
    """The parts of ``article``'s page: from the cache when ``cacheable``, else rendered."""
    timeout = parts_timeout()
    if not cacheable or timeout <= 0:
        return render_parts(request, article, requested_style)
    generation = content_generation()
    key = parts_key(request, article, requested_style, generation)
    parts = cache.get(key)
    if parts is None:
        parts = render_parts(request, article, requested_style)
        if parts.citations_pending:
            timeout = min(timeout, CITATIONS_PENDING_SECONDS)
        until_next = seconds_to_next_publication(generation)
        if until_next is not None:
            timeout = min(timeout, int(until_next))
        if timeout >= 1:
            cache.set(key, parts, timeout=timeout)
    return parts
