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

from django.dispatch import Signal

# Title, abstract, authors, references, keywords or other fields written (admin save,
# import, restore from history): receivers read the article whole.
article_saved = Signal()
# The keywords of these articles changed: set anew, or a keyword renamed (taggit's admin too).
keywords_changed = Signal()
# Status, time, issue or deletion written (``change``: "published", "unpublished",
# "saved", "deleted", "restored", "issue"); whether they are public may have changed.
articles_state_changed = Signal()
# Public now and not before the write (published, restored, their issue out).
articles_published = Signal()
# Public before the write and not after it (unpublished, deleted, postponed, issue withdrawn).
articles_withdrawn = Signal()
# A reader fetched a galley's file (``request``, ``article_id``).
galley_downloaded = Signal()
