"""What the article app announces, so that derived data follows the data (#14).

Search, OAI-PMH tombstones and usage statistics subscribe in their own apps' ``ready()``
(``search.receivers``, ``oai.receivers``, ``stats.receivers``); the stored citations in
``articles.apps``; the page cache listens to model signals (``journal.signals``).
No module of ``articles`` imports those apps.

The article signals are sent inside the transaction of the write that caused them, after
it: what a receiver writes (an index row, a tombstone, a citation job) commits or rolls
back with the change itself, so derived rows can never disagree with the data.
Every one carries ``article_ids``, a set of primary keys.
"""

import threading
from contextlib import contextmanager

from django.dispatch import Signal

_gathering = threading.local()


class ArticleSignal(Signal):
    """A signal about articles (``article_ids``): inside ``announced_together`` its sends
    are gathered and sent once, with every article's id."""

    def send(self, sender, **named):
        gathered = getattr(_gathering, "signals", None)
        if gathered is None:
            return super().send(sender, **named)
        ids = named.pop("article_ids")
        key = (self, sender, tuple(sorted(named.items())))
        gathered.setdefault(key, set()).update(ids)
        return []


@contextmanager
def announced_together():
    """Gather the article signals sent inside and send each once at the end (still inside
    the caller's transaction), with all their article ids: an import of 1,000 articles
    recomputes a journal's related lists or search rows once, not 1,000 times. Nothing is
    sent when the block fails (its transaction rolls back)."""
    if getattr(_gathering, "signals", None) is not None:  # already gathering: one batch
        yield
        return
    _gathering.signals = gathered = {}
    try:
        yield
    finally:
        _gathering.signals = None
    for (signal, sender, named), ids in gathered.items():
        Signal.send(signal, sender, article_ids=ids, **dict(named))


# Title, abstract, authors, references, keywords or other fields written (admin save,
# import, restore from history): receivers read the article whole.
article_saved = ArticleSignal()
# The keywords of these articles changed: set anew, or a keyword renamed (taggit's admin too).
keywords_changed = ArticleSignal()
# Status, time, issue or deletion written (``change``: "published", "unpublished",
# "saved", "deleted", "restored", "issue"); whether they are public may have changed.
articles_state_changed = ArticleSignal()
# Public now and not before the write (published, restored, their issue out).
articles_published = ArticleSignal()
# Public before the write and not after it (unpublished, deleted, postponed, issue withdrawn).
articles_withdrawn = ArticleSignal()
# A reader fetched a galley's file (``request``, ``article_id``).
galley_downloaded = Signal()
