"""Shared by the bench scripts: the bench database and Django set-up."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"


def database_path(n):
    return DATA / f"bench-{n}.sqlite3"


def setup_django(n):
    """Production settings (DEBUG off) on the bench database of N articles."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    DATA.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database_path(n)}")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journal.settings")
    os.environ.pop("DJANGO_DEBUG", None)
    import django

    django.setup()
