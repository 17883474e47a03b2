"""Usage counting follows the readers' downloads (``articles.signals.galley_downloaded``)."""

from articles.signals import galley_downloaded
from stats.counting import record_download


def download_counted(sender, request, article_id, **kwargs):
    record_download(request, article_id)


def connect():
    galley_downloaded.connect(download_counted, dispatch_uid="stats_download")
