"""Related articles (相关文章) for the landing page, stored when articles change (#19).

For each publishable article of a journal: the articles that share the most keywords
with it (in either language: a Chinese and an English keyword count alike), the same
section first among equals, then the newest; then, to fill up, the newest of its section.
``refresh_related(ids)`` recomputes the articles whose lists the change of ``ids`` can
touch (those sharing a keyword or a section with them, those that list them, and
themselves) from two reads of the journal (its publishable articles, its keyword links),
with inverted indexes, and writes only the lists that changed.
The landing page shows the first ``SHOWN`` of them that are public when it is rendered.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from articles.models import PUBLISHABLE, Article, ArticleKeyword, RelatedArticle

SHOWN = 5
# Kept beyond the five shown: a scheduled one not yet public, or one unpublished since.
STORED = 8


@dataclass
class JournalGraph:
    """A journal's publishable articles as the ranking reads them, with inverted indexes
    (keyword -> articles, section -> articles newest first), so that one article's list
    costs its keywords' articles and a few of its section's, not the whole journal."""

    sections: dict  # article -> section
    published: dict  # article -> publication time
    tags: dict  # article -> keyword ids (publishable articles only)
    by_tag: dict = field(default_factory=lambda: defaultdict(list))
    by_section: dict = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self):
        for article, article_tags in self.tags.items():
            for tag in article_tags:
                self.by_tag[tag].append(article)
        for article in sorted(self.sections, key=self.newest_first):
            self.by_section[self.sections[article]].append(article)

    def newest_first(self, article):
        return (-self.published[article].timestamp(), -article)

    def ranked(self, article_id):
        """The related list of one article: [(id, shared keywords)], best first."""
        shared = Counter(
            other
            for tag in self.tags.get(article_id, ())
            for other in self.by_tag[tag]
            if other != article_id
        )
        section = self.sections[article_id]
        best = sorted(
            shared,
            key=lambda other: (
                -shared[other],
                self.sections[other] != section,  # the same section first among equals
                *self.newest_first(other),
            ),
        )[:STORED]
        for other in self.by_section[section]:  # then the newest of its section
            if len(best) >= STORED:
                break
            if other != article_id and other not in shared:
                best.append(other)
        return [(other, shared.get(other, 0)) for other in best]


def refresh_related(article_ids):
    """Recompute and store the related lists that a change of ``article_ids`` may touch."""
    by_journal = defaultdict(set)
    for pk, journal_id in Article.objects.filter(pk__in=set(article_ids)).values_list(
        "pk", "journal_id"
    ):
        by_journal[journal_id].add(pk)
    for journal_id, changed in by_journal.items():
        _refresh_journal(journal_id, changed)


def chunked(ids, size=900):
    """``ids`` in slices that every database takes in one ``IN (...)``."""
    ids = sorted(ids)
    return [ids[i : i + size] for i in range(0, len(ids), size)]


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
    graph = JournalGraph(sections, published, {pk: tags[pk] for pk in sections if pk in tags})
    # Whose lists the change can touch: those sharing a keyword (its keywords before the
    # change are in the lists that name it) or a section with it, those listing it, itself.
    affected = set(changed)
    for pk in changed:
        for tag in tags.get(pk, ()):
            affected.update(graph.by_tag[tag])
        if pk in sections:
            affected.update(graph.by_section[sections[pk]])
    for ids in chunked(changed):
        affected.update(
            RelatedArticle.objects.filter(related_id__in=ids).values_list("article_id", flat=True)
        )
    stored = defaultdict(list)
    for ids in chunked(affected):
        for article_id, related_id, shared in (
            RelatedArticle.objects.filter(article_id__in=ids)
            .values_list("article_id", "related_id", "shared_keywords")
            .order_by("article_id", "order")
        ):
            stored[article_id].append((related_id, shared))
    rewrite, new_rows = [], []
    for article_id in affected:
        # One no longer publishable (unpublished, deleted) gets its list emptied.
        wanted = graph.ranked(article_id) if article_id in sections else []
        if wanted != stored.get(article_id, []):
            rewrite.append(article_id)
            new_rows += [
                RelatedArticle(
                    article_id=article_id, related_id=other, order=order, shared_keywords=shared
                )
                for order, (other, shared) in enumerate(wanted)
            ]
    for ids in chunked(rewrite):
        RelatedArticle.objects.filter(article_id__in=ids).delete()
    RelatedArticle.objects.bulk_create(new_rows, batch_size=500)
