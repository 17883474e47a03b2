"""Writes that span several rows: keywords, references, publishing. Each runs in one transaction."""

import logging
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from taggit.models import Tag

from articles.citation import citation_items, citations_key
from articles.history import RESTORE_REASON, as_instance, plan_restore
from articles.how_to_cite import clean_citation_html
from articles.keywords import parse_keywords
from articles.models import (
    Affiliation,
    Article,
    ArticleKeyword,
    Author,
    Galley,
    Reference,
    Status,
)
from articles.reference_parser import parse_reference, split_references
from journal.cache import content_changed
from oai.models import track_withdrawals
from scholarly import csl
from scholarly.languages import in_language
from search.index import update_article as update_search_entry
from search.index import update_places

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
    old = ArticleKeyword.objects.filter(content_object=article, language=language)
    if [link.tag.name for link in old.select_related("tag").order_by("order", "pk")] == names:
        return names  # unchanged: no history entry
    for link in old:
        link.delete()  # one by one, so that the history records each removal
    for index, name in enumerate(names):
        ArticleKeyword.objects.create(
            content_object=article, tag=keyword_tag(name), language=language, order=index
        )
    return names


@contextmanager
def public_state_followed(articles):
    """Around a write that may change which of ``articles`` are public: OAI-PMH
    tombstones follow (deleted records) and so do the places the search index keeps
    (journal, year, publication time), so neither lags behind the site."""
    ids = list(articles.values_list("pk", flat=True))
    with track_withdrawals(Article.objects.filter(pk__in=ids)):
        yield
    update_places(Article.objects.filter(pk__in=ids))


@transaction.atomic
def publish_articles(*, articles):
    """Publish drafts and scheduled articles now; an existing future time is kept.

    Returns the number of articles changed.
    """
    now = timezone.now()
    changed = 0
    published = []
    with public_state_followed(articles):  # public again: no longer a deleted OAI record
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to the issue.
        for article in articles.select_for_update(of=("self",)).exclude(status=Status.PUBLISHED):
            article.status = Status.PUBLISHED
            article.published_at = article.published_at or now
            article.save(update_fields=["status", "published_at", "updated_at"])
            changed += 1
            published.append(article.pk)
    schedule_citations(articles=published)
    return changed


@transaction.atomic
def unpublish_articles(*, articles):
    """Take articles off the public site: they become drafts again, their date kept.

    Returns the number of articles changed.
    """
    changed = 0
    with public_state_followed(articles):  # OAI-PMH: the public ones become deleted records
        for article in articles.select_for_update(of=("self",)).exclude(status=Status.DRAFT):
            article.status = Status.DRAFT
            article.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed


@transaction.atomic
def save_article(*, article):
    """Save an edited article; an edit that takes it off the site (status, time, issue)
    makes it a deleted OAI record, one that brings it back a live one."""
    with public_state_followed(Article.objects.filter(pk=article.pk)):
        article.save()


@transaction.atomic
def save_issue(*, issue):
    """Save an edited issue; unpublishing it or moving its date into the future makes
    its public articles deleted OAI records (and the search index follows).
    A new issue has no articles yet: nothing to follow."""
    if issue.pk is None:
        issue.save()
        return
    with public_state_followed(Article.objects.in_issue(issue)):
        issue.save()


def is_ready(article):
    """Ready to publish with its issue: a title in the full-text language and an author.

    (The section is required by the model already.) A draft missing either stays a
    draft when its issue is published, and the editor is told which ones.
    """
    has_author = getattr(article, "has_author", None)
    if has_author is None:
        has_author = article.authors.exists()
    return bool(in_language(article, "title", article.language)) and has_author


@dataclass
class IssuePublication:
    published: list = field(default_factory=list)
    not_ready: list = field(default_factory=list)


@transaction.atomic
def publish_issue(*, issue):
    """Publish an issue and, in the same transaction, its ready draft articles.

    Scheduled articles keep their time; ready drafts become published (at their
    own time if set, else now). Deleted articles stay deleted. The articles go
    public when the issue does: on its publication date.
    """
    result = IssuePublication()
    articles = (
        Article.objects.current()
        .in_issue(issue)
        .filter(status=Status.DRAFT)
        .annotate(has_author=Exists(Author.objects.filter(article=OuterRef("pk"))))
        .select_for_update(of=("self",))
        .order_by("first_page", "pk")
    )
    now = timezone.now()
    with public_state_followed(Article.objects.in_issue(issue)):
        for article in articles:
            if not is_ready(article):
                result.not_ready.append(article)
                continue
            article.status = Status.PUBLISHED
            article.published_at = article.published_at or now
            article.save(update_fields=["status", "published_at", "updated_at"])
            result.published.append(article)
        if not issue.is_published:
            issue.is_published = True
            issue.save(update_fields=["is_published", "updated_at"])
    schedule_citations(articles=result.published)
    return result


@transaction.atomic
def unpublish_issue(*, issue):
    """Take an issue, and so all its articles, off the public site. Returns 1 or 0."""
    if not issue.is_published:
        return 0
    with public_state_followed(Article.objects.in_issue(issue)):  # its public articles: OAI deleted
        issue.is_published = False
        issue.save(update_fields=["is_published", "updated_at"])
    return 1


@transaction.atomic
def delete_articles(*, articles):
    """Delete softly: hidden from the public and the editors' list, restorable."""
    now = timezone.now()
    changed = 0
    with public_state_followed(articles):  # OAI-PMH: the public ones become deleted records
        for article in articles.select_for_update(of=("self",)).filter(deleted_at__isnull=True):
            article.deleted_at = now
            article.save(update_fields=["deleted_at", "updated_at"])
            changed += 1
    return changed


@transaction.atomic
def restore_articles(*, articles):
    """Undo a deletion: the article is back as it was, public again if it was."""
    changed = 0
    with public_state_followed(articles):  # public again: no longer a deleted OAI record
        for article in articles.select_for_update(of=("self",)).filter(deleted_at__isnull=False):
            article.deleted_at = None
            article.save(update_fields=["deleted_at", "updated_at"])
            changed += 1
    return changed


@transaction.atomic
def restore_article(*, article, moment, user):
    """Bring the article and its parts back to their recorded state at ``moment``.

    Article fields, and the set and order of authors (with affiliations), references,
    keywords and galleys. Rows that did not exist then are deleted, and stay in the
    history. Every write is recorded as ``user``'s, at one instant, with a change reason
    naming the moment, so the restore shows as one revision and can itself be undone.
    Returns the ``RestorePlan`` carried out (its ``warnings`` for the editor); raises
    ``history.NoStateAtMoment``, or ``ValidationError`` when the old article fields no
    longer fit (a DOI taken since, an issue deleted since).
    """
    article = Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
    plan = plan_restore(article, moment)
    if plan.is_empty:
        return plan
    now = timezone.now()

    def recorded(obj):
        obj._history_user = user
        obj._history_date = now
        obj._change_reason = RESTORE_REASON + moment.isoformat()
        return obj

    if plan.article_values:
        for name, value in plan.article_values.items():
            setattr(article, name, value)
        article.full_clean()
        # A restored status or time may take the article off the site, or bring it back.
        with public_state_followed(Article.objects.filter(pk=article.pk)):
            recorded(article).save()
    # Removals first: a keyword coming back may hold the (tag, language) of one going.
    for step in plan.steps_for("remove"):
        recorded(step.current).delete()
    # A part comes back under its old id, so that its history continues; unless another
    # article's part holds that id now (moved there in the shell), then under a new one.
    taken = set()
    for model in {step.model for step in plan.steps_for("add")}:
        ids = [step.record.id for step in plan.steps_for("add") if step.model is model]
        taken.update(
            (model, pk) for pk in model.objects.filter(pk__in=ids).values_list("pk", flat=True)
        )
    for step in plan.steps_for("change") + plan.steps_for("add"):
        row = step.current or as_instance(step.model, step.record)
        if (step.model, row.pk) in taken:
            row.pk = None
        for name, value in step.values.items():
            if name != "affiliations":
                setattr(row, name, value)
        recorded(row)
        if step.model is Galley:
            # Model.save, not Galley.save: the recorded size stands, and a file gone
            # from storage (reported in the plan's warnings) is not read.
            models.Model.save(row, force_insert=step.action == "add")
        else:
            row.save(force_insert=step.action == "add")
        if step.model is Author:
            existing = Affiliation.objects.filter(pk__in=step.values["affiliations"])
            row.affiliations.set(existing)  # those deleted since are named in the warnings
    update_search_entry(article)
    schedule_citations(articles=[article.pk])
    return plan


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

    Runs citeproc-js (scholarly.csl), so it belongs in a management command or a
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
    content_changed()  # update() sends no post_save; cached pages show the new citations
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
