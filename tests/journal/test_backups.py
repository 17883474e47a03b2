"""`manage.py backup` and `manage.py restore`: a round trip on the suite's own database
(CI runs the suite on SQLite and again on PostgreSQL) and its media folder."""

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article, Galley
from journal import backups
from tests.factories import make_full_article

pytestmark = pytest.mark.django_db(transaction=True)


def backup(folder):
    out = StringIO()
    call_command("backup", str(folder), stdout=out)
    return Path(out.getvalue().strip())


def test_round_trip_restores_database_and_media(tmp_path, settings):
    article = make_full_article(title_en="Before the backup")
    galley_path = Path(settings.MEDIA_ROOT) / article.galleys.get().file.name
    pdf = galley_path.read_bytes()

    folder = backup(tmp_path / "backup")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"] == connection.vendor
    assert "media.tar.gz" in manifest["files"]

    # Everything changes after the backup: an edit, a deletion, a lost file.
    Article.objects.filter(pk=article.pk).update(title_en="Edited later")
    make_full_article(title_en="Written after the backup")
    Galley.objects.filter(article=article).delete()
    galley_path.unlink()

    out = StringIO()
    call_command("restore", str(folder), "--noinput", stdout=out)
    assert "Restored" in out.getvalue()
    titles = list(Article.objects.order_by("pk").values_list("title_en", flat=True))
    assert titles == ["Before the backup"]
    assert Article.objects.get().galleys.count() == 1
    assert Article.objects.get().authors.count() == 3
    assert galley_path.read_bytes() == pdf


def test_restored_site_serves_the_article(client, tmp_path):
    article = make_full_article(title_en="Served after restore")
    folder = backup(tmp_path / "backup")
    Article.objects.all().delete()
    call_command("restore", str(folder), "--noinput", stdout=StringIO())
    response = client.get(f"/en/{article.journal.slug}/article/{article.pk}/")
    assert response.status_code == 200
    assert "Served after restore" in response.content.decode()


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(tmp_path), "--noinput")


def test_backup_refuses_to_overwrite(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "file").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "old"))


def test_backups_within_one_second_get_their_own_folders(settings, tmp_path):
    """A cron job and a hand (or two servers sharing the checkout) in the same second:
    the second backup gets <second>-2/, never the first one's folder."""
    settings.BASE_DIR = tmp_path
    now = timezone.now()
    for moment in (now, now + timedelta(seconds=1)):  # whichever second the next call sees
        taken = tmp_path / "backups" / moment.strftime("%Y%m%dT%H%M%SZ")
        taken.mkdir(parents=True)
        (taken / "someone-elses.txt").write_text("kept")

    folders = []
    for _ in range(3):
        out = StringIO()
        call_command("backup", stdout=out)
        folders.append(Path(out.getvalue().strip()))

    assert len(set(folders)) == 3
    assert all(folder.parent == tmp_path / "backups" for folder in folders)
    assert any(folder.name.endswith("-2") for folder in folders)
    for folder in folders:
        assert json.loads((folder / "manifest.json").read_text())["database"] == connection.vendor
        assert not (folder / "someone-elses.txt").exists()


def test_a_failed_backup_leaves_no_folder_behind(settings, tmp_path, monkeypatch):
    """A full disk while the media are archived: no half backup for `restore` to offer."""
    settings.BASE_DIR = tmp_path

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups.tarfile, "open", disk_full)
    with pytest.raises(OSError, match="No space left"):
        call_command("backup", stdout=StringIO())
    assert list((tmp_path / "backups").iterdir()) == []
