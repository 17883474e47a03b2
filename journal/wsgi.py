import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journal.settings")

from journal.cached_pages import CachedPages  # noqa: E402 - needs the settings module named

# Cached public pages are answered before Django (journal.cached_pages).
application = CachedPages(get_wsgi_application())
