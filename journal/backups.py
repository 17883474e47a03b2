"""Backups of the database and the media folder, and their restoration.

A backup is a folder holding ``manifest.json``, the database dump (``database.sqlite3``,
made with SQLite's online backup API, or ``database.pgdump``, pg_dump's custom format) and
``media.tar.gz``, the contents of MEDIA_ROOT. Media kept in object storage (django-storages)
is not copied: the bucket's own versioning or replication protects it.
"""

import itertools
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.pgdump"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Backup:
    path: Path
    vendor: str
    files: list


def new_backup_folder():
    """backups/<UTC second>/, made now; a second backup within the same second (a cron job
    and a hand, two servers sharing the checkout) gets <second>-2/, and so on: mkdir is
    the claim, so two at once never write into one folder."""
    parent = Path(settings.BASE_DIR) / "backups"
    parent.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    for number in itertools.count(1):
        folder = parent / (stamp if number == 1 else f"{stamp}-{number}")
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder


def create_backup(folder=None, *, using="default"):
    ours = folder is None
    if ours:
        folder = new_backup_folder()
    else:
        folder = Path(folder)
        if folder.exists() and any(folder.iterdir()):
            raise BackupError(f"{folder} exists and is not empty.")
        folder.mkdir(parents=True, exist_ok=True)
    try:
        return _write_backup(folder, using)
    except BaseException:
        # No half-written backup for restore to find later: what was written goes, and
        # the folder too where it was ours to name.
        for path in folder.iterdir():
            path.unlink()
        if ours:
            folder.rmdir()
        raise


def _write_backup(folder, using):
    connection = connections[using]
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / SQLITE_DUMP) as target:
            connection.connection.backup(target)
        target.close()
        files = [SQLITE_DUMP]
    elif vendor == "postgresql":
        _run_pg("pg_dump", connection, ["--format=custom", f"--file={folder / POSTGRES_DUMP}"])
        files = [POSTGRES_DUMP]
    else:
        raise BackupError(f"No backup method for the {vendor} database.")
    if _media_is_local():
        with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.is_dir():
                archive.add(media_root, arcname=".")
        files.append(MEDIA_ARCHIVE)
    manifest = {"created": timezone.now().isoformat(), "database": vendor, "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return Backup(folder, vendor, files)


def restore_backup(folder, *, using="default"):
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} is not a backup: no readable {MANIFEST}.") from error
    connection = connections[using]
    if manifest.get("database") != connection.vendor:
        raise BackupError(
            f"{folder} holds a {manifest.get('database')} dump; "
            f"this site's database is {connection.vendor}."
        )
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / SQLITE_DUMP) as source:
            source.backup(connection.connection)
        source.close()
    else:
        connection.close()  # pg_restore drops tables this connection might hold locks on
        _run_pg(
            "pg_restore",
            connection,
            ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"],
            str(folder / POSTGRES_DUMP),
        )
    if MEDIA_ARCHIVE in manifest.get("files", []):
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as archive:
            archive.extractall(media_root, filter="data")
    return Backup(folder, manifest["database"], manifest.get("files", []))


def _media_is_local():
    backend = settings.STORAGES["default"]["BACKEND"]
    return backend == "django.core.files.storage.FileSystemStorage"


def _run_pg(program, connection, arguments, *extra):
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} is not installed (Debian: apt-get install postgresql-client)."
        )
    params = connection.settings_dict
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    command = [program, "--no-password", f"--dbname={params['NAME']}"]
    if params.get("HOST"):
        command.append(f"--host={params['HOST']}")
    if params.get("PORT"):
        command.append(f"--port={params['PORT']}")
    if params.get("USER"):
        command.append(f"--username={params['USER']}")
    result = subprocess.run(
        [*command, *arguments, *extra], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
