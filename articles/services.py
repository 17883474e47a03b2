"""Writes that span several rows: keywords, references, publishing. Each runs in one transaction."""

import logging
import subprocess
import sys

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles import csl
from articles.citation import citation_items, citations_key
from articles.how_to_cite import clean_citation_html
from articles.keywords import parse_keywords
from articles.models import Article, ArticleKeyword, Reference, Status
from articles.reference_parser import parse_reference, split_references

logger = logging.getLogger(__name__)


def keyword_tag(name):
    """The existing tag of this name (case-insensitive), or a new one."""
    tag = Tag.objects.filter(name__iexact=name).first()
    return tag or Tag.objects.create(name=name)


@transaction.atomic
def set_keywords(*, article, language, keywords):
    """Replace the article's keywords in one language, keeping the given order.

    ``keywords`` is a list of names or one string with any separator authors use.
    """
    names = (
        parse_keywords(keywords)
        if isinstance(keywords, str)
        else parse_keywords("\n".join(keywords))
    )
    ArticleKeyword.objects.filter(content_object=article, language=language).delete()
    ArticleKeyword.objects.bulk_create(
        ArticleKeyword(
            content_object=article, tag=keyword_tag(name), language=language, order=index
        )
        for index, name in enumerate(names)
    )
    return names


@transaction.atomic
def publish_articles(*, articles):
    """Publish drafts and scheduled articles now; an existing future time is kept.

    Returns the number of articles changed.
    """
    now = timezone.now()
    changed = 0
    published = []
    for article in articles.select_for_update().exclude(status=Status.PUBLISHED):
        article.status = Status.PUBLISHED
        article.published_at = article.published_at or now
        article.save(update_fields=["status", "published_at", "updated_at"])
        changed += 1
        published.append(article.pk)
    schedule_citations(articles=published)
    return changed


def keywords_text(article, language):
    """The keywords of one language as one editable string."""
    links = ArticleKeyword.objects.filter(content_object=article, language=language)
    return "; ".join(link.tag.name for link in links.select_related("tag").order_by("order", "pk"))


ET_AL = {"zh-hans": "等", "en": "et al."}


def reference_from_parsed(parsed, *, article, order):
    """An unsaved Reference holding the parsed fields, each cut to its column's length."""
    authors = list(parsed.authors)
    if parsed.et_al:
        authors.append(ET_AL.get(parsed.language, "et al."))
    values = {
        "kind": parsed.kind,
        "authors": "; ".join(authors),
        "title": parsed.title,
        "container_title": parsed.container_title,
        "year": parsed.year,
        "volume": parsed.volume,
        "issue": parsed.issue,
        "pages": parsed.pages,
        "doi": parsed.doi,
        "url": parsed.url,
    }
    for name, value in values.items():
        limit = Reference._meta.get_field(name).max_length
        if len(value) > limit:
            # A cut URL or DOI would point elsewhere: leave it to the raw text.
            values[name] = "" if name in {"url", "doi"} else value[:limit]
    return Reference(article=article, order=order, raw_text=parsed.raw_text, **values)


@transaction.atomic
def replace_references(*, article, text):
    """Replace the article's reference list with the entries of a pasted list, in order."""
    references = [
        reference_from_parsed(parse_reference(entry), article=article, order=index)
        for index, entry in enumerate(split_references(text), start=1)
    ]
    article.references.all().delete()
    for reference in references:
        reference.save()  # save() derives the DOI and URL columns, as for typed references
    return references


def render_citations(*, article, stale_only=False):
    """Render and store the article's citations in every style its journal offers.

    Runs citeproc-js (articles.csl), so it belongs in a management command or a
    short-lived process, never in a reader's request. Returns False when
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
    return True


def schedule_citations(*, articles, mode=None):
    """Bring the citations of these articles (a queryset or ids) up to date.

    ``mode`` (default: settings.CITATIONS_RENDER): "inline" renders now in this
    process (tests, management commands); "subprocess" starts
    ``manage.py render_citations`` once the transaction commits, so that no
    request-serving process ever holds a V8 heap.
    """
    mode = mode or settings.CITATIONS_RENDER
    ids = sorted({getattr(article, "pk", article) for article in articles})
    if not ids:
        return
    if mode == "inline":
        for article in Article.objects.filter(pk__in=ids):
            render_citations(article=article, stale_only=True)
        return
    transaction.on_commit(lambda: start_render_process(ids))


def start_render_process(ids):
    """Fire and forget: ``manage.py render_citations --stale-only --article …``."""
    command = [
        sys.executable,
        str(settings.BASE_DIR / "manage.py"),
        "render_citations",
        "--stale-only",
        *[f"--article={pk}" for pk in ids],
    ]
    try:
        subprocess.Popen(  # noqa: S603 - fixed command, ids are integers
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,
        )
    except OSError:
        logger.exception("Could not start render_citations for articles %s", ids)
