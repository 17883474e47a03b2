"""Related articles (相关文章) for the landing page, stored when articles change (#19).

For each publishable article of a journal: the articles that share the most keywords
with it (in either language: a Chinese and an English keyword count alike), the same
section first among equals, then the newest; then, to fill up, the newest of its section.
``refresh_related(ids)`` recomputes the articles whose lists the change of ``ids`` can
touch (those sharing a keyword or a section with them, those that list them, and
themselves) from two queries per journal, and writes only the lists that changed.
The landing page shows the first ``SHOWN`` of them that are public when it is rendered.
"""

from collections import defaultdict

from django.db.models import Q

from articles.models import PUBLISHABLE, Article, ArticleKeyword, RelatedArticle

SHOWN = 5
# Kept beyond the five shown: a scheduled one not yet public, or one unpublished since.
STORED = 8


def ranked(article_id, candidates, tags, sections, published):
    """The related list of one article: [(id, shared keywords)], best first."""
    own_tags, own_section = tags.get(article_id, set()), sections.get(article_id)

    def score(other):
        shared = len(own_tags & tags.get(other, set()))
        return (shared, sections[other] == own_section, published[other], other)

    scored = [
        (score(other), other)
        for other in candidates
        if other != article_id
        and (own_tags & tags.get(other, set()) or sections[other] == own_section)
    ]
    scored.sort(reverse=True)
    return [(other, key[0]) for key, other in scored[:STORED]]


def refresh_related(article_ids):
    """Recompute and store the related lists that a change of ``article_ids`` may touch."""
    by_journal = defaultdict(set)
    for pk, journal_id in Article.objects.filter(pk__in=set(article_ids)).values_list(
        "pk", "journal_id"
    ):
        by_journal[journal_id].add(pk)
    for journal_id, changed in by_journal.items():
        _refresh_journal(journal_id, changed)


def _refresh_journal(journal_id, changed):
    rows = (
        Article.objects.filter(journal_id=journal_id)
        .filter(PUBLISHABLE & Q(published_at__isnull=False))
        .values_list("pk", "section_id", "published_at")
    )
    sections = {pk: section for pk, section, _ in rows}
    published = {pk: when for pk, _, when in rows}
    tags = defaultdict(set)
    for article_id, tag_id in ArticleKeyword.objects.filter(
        content_object__journal_id=journal_id
    ).values_list("content_object_id", "tag_id"):
        tags[article_id].add(tag_id)
    changed_tags = set().union(*(tags.get(pk, set()) for pk in changed))
    changed_sections = {sections[pk] for pk in changed if pk in sections}
    listing_them = set(
        RelatedArticle.objects.filter(related_id__in=changed).values_list("article_id", flat=True)
    )
    sharing = {
        pk
        for pk in sections
        if sections[pk] in changed_sections or tags.get(pk, set()) & changed_tags
    }
    # The changed themselves too: one no longer publishable gets its list emptied.
    affected = sharing | listing_them | changed
    stored = defaultdict(list)
    for article_id, related_id, shared in (
        RelatedArticle.objects.filter(article_id__in=affected)
        .values_list("article_id", "related_id", "shared_keywords")
        .order_by("article_id", "order")
    ):
        stored[article_id].append((related_id, shared))
    rewrite, new_rows = [], []
    for article_id in affected:
        wanted = []
        if article_id in sections:
            wanted = ranked(article_id, sections, tags, sections, published)
        if wanted != stored.get(article_id, []):
            rewrite.append(article_id)
            new_rows += [
                RelatedArticle(
                    article_id=article_id, related_id=other, order=order, shared_keywords=shared
                )
                for order, (other, shared) in enumerate(wanted)
            ]
    if rewrite:
        RelatedArticle.objects.filter(article_id__in=rewrite).delete()
        RelatedArticle.objects.bulk_create(new_rows)
