"""Settings for the journal site, read from the environment.

Development defaults are safe: SQLite in the project folder, DEBUG off unless
DJANGO_DEBUG says otherwise, and no start without a secret key when DEBUG is off.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(set DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "taggit",
    "simple_history",
    "axes",
    "journal",
    "articles",
    "oai",
    "stats",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "journal.logging.RequestLogMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages are served here, before sessions, URL resolution and views.
    "journal.cache_middleware.PageCacheMiddleware",
    # Inside the page cache, so a cached page keeps the hashes of its inline styles.
    "journal.csp.InlineStyleHashesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made each change, for the articles' history in the admin.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Login throttling: last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is locked out for AXES_COOLOFF_HOURS.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A locked-out login gets the site's page (HTTP 429), in the visitor's language.
AXES_LOCKOUT_TEMPLATE = "locked_out.html"

ROOT_URLCONF = "journal.urls"
WSGI_APPLICATION = "journal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "journal.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The server and the citation worker write to one SQLite file. A write transaction
    # takes the lock when it begins (a read that turns into a write cannot fail at once
    # with "database is locked"), waits up to 20 s for it, and in WAL mode readers go on
    # while a write is under way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
# Cache: Redis when CACHE_URL or REDIS_URL is set (redis://host:port/db), shared by
# every app server; otherwise this process's memory (one server process only: with
# several gunicorn workers, an edit reaches the other workers' pages only after
# PAGE_CACHE_TIMEOUT, so set CACHE_URL in production).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "journal"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Seconds a whole public page stays cached; edits invalidate it at once anyway.
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "3600" if CACHE_URL else "60"))
# Seconds each app server trusts the content generation it last read from the cache before
# reading it again (journal.cache): another server's edit reaches its pages within this time.
GENERATION_RECHECK_SECONDS = float(os.environ.get("GENERATION_RECHECK_SECONDS", "1"))
# Seconds a landing page's rendered parts stay cached (articles.landing), also when the page
# cache is off; an edit of the article shows at once on every server, other edits as pages.
LANDING_PARTS_TIMEOUT = int(os.environ.get("LANDING_PARTS_TIMEOUT", "3600" if CACHE_URL else "60"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the interface exists in Simplified Chinese and English,
# both always prefixed in the URL (/zh-hans/..., /en/...).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names and gzip/brotli copies made at collectstatic time.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Media on S3-compatible object storage (django-storages) when a bucket is named;
# the usual AWS_* variables (AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...) are read
# by django-storages itself.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
if DEBUG:
    # runserver serves from the finders; no collectstatic needed to develop.
    STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }

# Galley uploads: PDFs only, checked by content; the limit is in bytes.
GALLEY_MAX_UPLOAD_SIZE = int(os.environ.get("GALLEY_MAX_UPLOAD_SIZE", 50 * 1024 * 1024))

# OJS import in the admin (README "Moving from OJS"): the largest export an editor may
# upload (larger ones: manage.py import_ojs on the server), and where an upload waits
# between its preview and the confirmation.
OJS_IMPORT_MAX_UPLOAD_SIZE = int(os.environ.get("OJS_IMPORT_MAX_UPLOAD_SIZE", 512 * 1024 * 1024))
OJS_IMPORT_DIR = Path(
    os.environ.get("OJS_IMPORT_DIR", Path(tempfile.gettempdir()) / "journal-ojs-imports")
)

# Taggit keywords: Chinese separators split like ASCII ones.
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "articles.keywords.parse_keywords"
TAGGIT_STRING_FROM_TAGS = "articles.keywords.join_keywords"

# Absolute URLs in metadata (canonical, hreflang, citation_pdf_url) use this
# origin when set; otherwise the request's own host.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
# How-to-Cite renders (citeproc-js in V8) after an edit: "queue" writes a job that the
# worker (`manage.py render_citations --worker`, started by `make run` and gunicorn)
# renders, so web workers never hold a V8 heap; "inline" renders in the saving process
# (tests, management commands).
CITATIONS_RENDER = os.environ.get("CITATIONS_RENDER", "queue")
# The publisher's name in the header of every page.
SITE_NAME = os.environ.get("SITE_NAME", "")

# OAI-PMH (/oai/): the repository's name and the part of record identifiers after
# "oai:" (default: SITE_URL's or the request's host), the contact harvesters see
# (default: DEFAULT_FROM_EMAIL), and records per ListRecords/ListIdentifiers page.
OAI_REPOSITORY_NAME = os.environ.get("OAI_REPOSITORY_NAME", "")
OAI_REPOSITORY_ID = os.environ.get("OAI_REPOSITORY_ID", "")
OAI_ADMIN_EMAIL = os.environ.get("OAI_ADMIN_EMAIL", "")
OAI_PAGE_SIZE = int(os.environ.get("OAI_PAGE_SIZE", "100"))

# Crossref DOI registration (README "Registering DOIs"): who deposits (the <depositor>
# Crossref writes to about the result) and for whom (<registrant>, the member's name).
# Sending the deposit is off unless CROSSREF_SEND is set, with the member's (or its
# role's) login; CROSSREF_DEPOSIT_URL is Crossref's test system until changed to
# https://doi.crossref.org/servlet/deposit for real registrations.
CROSSREF_DEPOSITOR_NAME = os.environ.get("CROSSREF_DEPOSITOR_NAME", "")
CROSSREF_DEPOSITOR_EMAIL = os.environ.get("CROSSREF_DEPOSITOR_EMAIL", "")
CROSSREF_REGISTRANT = os.environ.get("CROSSREF_REGISTRANT", "")
CROSSREF_SEND = env_bool("CROSSREF_SEND")
CROSSREF_USERNAME = os.environ.get("CROSSREF_USERNAME", "")
CROSSREF_PASSWORD = os.environ.get("CROSSREF_PASSWORD", "")
CROSSREF_DEPOSIT_URL = os.environ.get(
    "CROSSREF_DEPOSIT_URL", "https://test.crossref.org/servlet/deposit"
)

# Email: EMAIL_URL (smtp://user:password@host:587/?tls=True) or the EMAIL_HOST family;
# without either, mail goes to the console in development and nowhere is sent.
if os.environ.get("EMAIL_URL"):
    vars().update(dj_email_url.parse(os.environ["EMAIL_URL"]))
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND",
        "django.core.mail.backends.smtp.EmailBackend"
        if os.environ.get("EMAIL_HOST")
        else "django.core.mail.backends.console.EmailBackend",
    )
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Logs: one JSON object per line (journal/logging.py) unless DJANGO_LOG_FORMAT=text;
# JSON is the default when DEBUG is off.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "journal.logging.JSONFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Requests are logged once, by journal.logging.RequestLogMiddleware.
        "django.server": {"level": "WARNING"},
    },
}

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers probe /healthz over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only this origin's scripts and styles, no inline
# code; the JSON-LD <script type="application/ld+json"> is a data block, not a script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

FORMAT_MODULE_PATH = ["journal.formats"]
