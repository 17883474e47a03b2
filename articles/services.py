"""Writes that span several rows: keywords, references, publishing. Each runs in one transaction."""

from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles.keywords import parse_keywords
from articles.models import ArticleKeyword, Reference, Status
from articles.reference_parser import parse_reference, split_references


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
    # No joins under FOR UPDATE: PostgreSQL refuses to lock the nullable side of one.
    locked = articles.select_related(None).select_for_update()
    for article in locked.exclude(status=Status.PUBLISHED):
        article.status = Status.PUBLISHED
        article.published_at = article.published_at or now
        article.save(update_fields=["status", "published_at", "updated_at"])
        changed += 1
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
