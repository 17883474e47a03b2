"""The one withdrawal no service sees: a hard delete.

Publishing, unpublishing, soft deletion and restoring go through
``articles.services``, which record tombstones explicitly (``oai.models.
track_withdrawals``). Erasing an article's row is not an editing path (the admin
deletes softly); it happens from a shell, a script or a cascade, and only a
``pre_delete`` receiver sees every one of those. It keeps the promise
``deletedRecord=persistent`` makes to harvesters.
"""

from articles.models import Article
from oai.models import bury


def tombstone_before_hard_delete(sender, instance, **kwargs):
    """A public article about to be erased becomes a deleted record (an earlier
    tombstone needs nothing: ``on_delete=SET_NULL`` unlinks it)."""
    if Article.objects.published().filter(pk=instance.pk).exists():
        bury([instance.pk], detach=True)  # unlinked: the row it would point at is going
