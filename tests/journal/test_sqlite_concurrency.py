"""Two processes writing one SQLite file (`make run`: the server and the citation worker)
never fail each other with "database is locked" (found walking the admin: an import
preview while the worker wrote its renders was a 500)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A read that turns into a write, in a loop: the pattern of an import preview or an admin
# save (read, check, then write) against the worker's own writes.
# Both start writing together (each waits for the other's "ready" file), so the two
# loops overlap however slowly either process starts.
WRITER = """
import pathlib, time
from django.db import transaction
from journal.models import Journal
folder = pathlib.Path(FOLDER)
(folder / f"{NAME}.ready").touch()
while len(list(folder.glob("*.ready"))) < 2:
    time.sleep(0.01)
for n in range(ROUNDS):
    with transaction.atomic():
        Journal.objects.count()
        time.sleep(0.005)
        Journal.objects.create(slug=f"{NAME}-{n}", title_zh="刊", publisher="P")
print(ROUNDS)
"""
ROUNDS = 60


@pytest.mark.slow  # migrates a file database, then two processes write at once
def test_two_processes_writing_one_sqlite_file_do_not_lock_each_other_out(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
    }
    env.pop("CACHE_URL", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    writers = [
        subprocess.Popen(
            [
                *manage,
                "shell",
                "-c",
                f"NAME, FOLDER, ROUNDS = {name!r}, {str(tmp_path)!r}, {ROUNDS}\n" + WRITER,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("server", "worker")
    ]
    results = [writer.communicate(timeout=120) for writer in writers]
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err[-2000:]
        assert int(out.split()[-1]) == ROUNDS  # every one of its transactions went through
