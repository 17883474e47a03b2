"""The How-to-Cite widget: stored citations in, what the template shows out.

Citations are rendered by ``render_citations`` (below; by the citation worker, never
during a reader's request) and stored in ``Article.citations``::

    {"key": <citations_key>, "styles": {style_id: {"original": {"text", "html"},
                                                   "translated": {"text", "html"}}}}

Reading them costs no query: the journal comes with the article and the key is
recomputed from the prefetched rows of ``for_landing_page()``.
"""

import re
from dataclasses import dataclass, field
from html import escape

import nh3
from django.conf import settings
from django.utils.safestring import mark_safe

from articles.citation import citation_items, citations_key
from articles.models import Article
from journal.cache import content_changed
from scholarly import csl
from scholarly.identifiers import doi_url
from scholarly.languages import Language, bcp47

ALLOWED_TAGS = {"div", "span", "i", "b", "sup", "sub", "a"}
ALLOWED_ATTRIBUTES = {"div": {"class"}, "span": {"class"}, "a": {"href"}}


def clean_citation_html(html, doi=""):
    """citeproc-js HTML, sanitised against an allowlist, with the DOI as a link.

    GB/T 7714 keeps its ``DOI:10.…`` text (standards GBT-7), the other styles their
    ``https://doi.org/…`` or ``doi:`` form; each becomes ``<a href="https://doi.org/…">``.
    """
    if doi:
        # citeproc-js output has no links of its own: clean it, then add the DOI's.
        html = nh3.clean(html, tags=ALLOWED_TAGS - {"a"}, attributes=ALLOWED_ATTRIBUTES)
        shown = re.escape(escape(doi, quote=False))
        pattern = re.compile(rf"(?:https?://(?:dx\.)?doi\.org/|doi:\s?)?{shown}", re.IGNORECASE)
        href = escape(doi_url(doi))
        html = pattern.sub(lambda m: f'<a href="{href}">{m.group(0)}</a>', html, count=1)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https"},
        link_rel=None,
    )


def current_key(article):
    """The key the stored citations must carry to be current for this article."""
    items = citation_items(article, base_url=settings.SITE_URL)
    return citations_key(items, [style.id for style in article.journal.offered_citation_styles])


@dataclass
class Entry:
    label: str  # "" for the original; the translation's label otherwise
    lang: str
    text: str
    html: str


@dataclass
class Widget:
    options: list  # [(style id, name in the interface language)] offered by the journal
    style: str  # the chosen style id
    entries: list = field(default_factory=list)  # [Entry]; empty while not rendered


def chosen_style(journal, requested, language):
    """The requested style if the journal offers it, else the interface's default."""
    offered = {style.id for style in journal.offered_citation_styles}
    return requested if requested in offered else journal.default_citation_style(language)


def widget(article, *, style, language, translated_label=""):
    """What the widget shows for a style (already checked by ``chosen_style``).

    The translated entry (romanised names, English title) appears on the English
    interface of an article that is not in English.
    """
    options = [(info.id, info.name(language)) for info in article.journal.offered_citation_styles]
    result = Widget(options=options, style=style)
    stored = article.citations or {}
    if not style or stored.get("key") != current_key(article):
        return result
    rendered = stored.get("styles", {}).get(style, {})
    variants = [("original", "", bcp47(article.language))]
    if language == Language.EN and language != article.language:
        variants.append(("translated", translated_label, bcp47(Language.EN)))
    for variant, label, lang in variants:
        if entry := rendered.get(variant):
            # Stored HTML was sanitised when rendered; clean again in case the row was edited.
            html = clean_citation_html(entry["html"])
            result.entries.append(Entry(label, lang, entry["text"], mark_safe(html)))  # noqa: S308
    return result


def render_citations(*, article, stale_only=False):
    """Render and store the article's citations in every style its journal offers.

    Runs citeproc-js (scholarly.csl), so it belongs in the citation worker or a
    management command, never in a reader's request. Returns False when
    ``stale_only`` and the stored citations were already current.
    """
    article = Article.objects.for_landing_page().get(pk=article.pk)
    items = citation_items(article, base_url=settings.SITE_URL)
    styles = [style.id for style in article.journal.offered_citation_styles]
    key = citations_key(items, styles)
    if stale_only and (article.citations or {}).get("key") == key:
        return False
    rendered = {}
    for style in styles:
        rendered[style] = {}
        for variant, item in items.items():
            entry = csl.render_bibliography(item, style)
            rendered[style][variant] = {
                "text": entry.text,
                "html": clean_citation_html(entry.html, item.get("DOI", "")),
            }
    # update(): no save() side effects, and updated_at stays the editors' time.
    Article.objects.filter(pk=article.pk).update(citations={"key": key, "styles": rendered})
    content_changed()  # update() sends no post_save; cached pages show the new citations
    return True
