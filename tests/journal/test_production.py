"""Production settings: deploy checks, security headers, /healthz and structured logs."""

import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from journal.logging import JSONFormatter
from tests.factories import make_article

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra):
    """The environment of a production server, as README's configuration table gives it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="example.org",
        DJANGO_HSTS_SECONDS="31536000",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="1",
        DJANGO_HSTS_PRELOAD="1",
        DJANGO_SECURE_SSL_REDIRECT="1",
    )
    env.update(extra)
    return env


def run_python(code, env):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_check_deploy_gives_no_warning_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_web_worker_stays_small_after_loading_the_application():
    """Peak RSS per worker < 150 MB: editor-only heavy libraries load on first use."""
    code = (
        "import re, sys; from journal.wsgi import application; "
        "from django.test import Client; "
        "Client().get('/zh-hans/'); "
        "print(','.join(m for m in ('pypinyin', 'py_mini_racer') if m in sys.modules)); "
        "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))"
    )
    result = run_python(code, production_env(DJANGO_ALLOWED_HOSTS="testserver"))
    assert result.returncode == 0, result.stderr
    loaded, peak_kb = result.stdout.split("\n")[:2]
    assert loaded == ""  # pypinyin's dictionaries alone are 56 MB
    assert int(peak_kb) < 150 * 1024


def test_no_start_without_a_secret_key_when_debug_is_off():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_email_and_object_storage_come_from_the_environment():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'journal.settings';"
        "django.setup(); from django.conf import settings as s;"
        "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS);"
        "print(s.STORAGES['default']['BACKEND'], s.AWS_S3_ENDPOINT_URL)"
    )
    result = run_python(
        code,
        production_env(
            EMAIL_URL="submission://journal:pw@mail.example.org:587/?tls=True",
            AWS_STORAGE_BUCKET_NAME="media",
            AWS_S3_ENDPOINT_URL="https://s3.example.org",
        ),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "mail.example.org 587 journal True",
        "storages.backends.s3.S3Storage https://s3.example.org",
    ]


@pytest.mark.django_db
def test_public_pages_send_the_security_headers(client):
    article = make_article()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_hsts_is_configurable(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/robots.txt", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_cache_is_unreachable(client, settings):
    # A real file cache whose folder cannot exist: every write fails.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": "/dev/null/cache",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}


def test_healthz_is_503_when_the_database_is_unreachable():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'journal.settings';"
        "django.setup(); from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='example.org');"
        "print(r.status_code, r.content.decode())"
    )
    env = production_env(
        DATABASE_URL="postgres://nobody@127.0.0.1:9/none", DJANGO_LOG_LEVEL="CRITICAL"
    )
    env["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '503 {"database": "unavailable", "cache": "ok"}'


@pytest.mark.django_db
def test_each_request_is_one_json_log_line(client, caplog):
    url = make_article().get_absolute_url()
    with caplog.at_level(logging.INFO, logger="journal.request"):
        client.get(url)
        client.get("/en/no-such-journal/")
    records = [r for r in caplog.records if r.name == "journal.request"]
    lines = [json.loads(JSONFormatter().format(r)) for r in records]
    assert [(line["path"], line["status"]) for line in lines] == [
        (url, 200),
        ("/en/no-such-journal/", 404),
    ]
    first = lines[0]
    assert first["level"] == "INFO"
    assert first["logger"] == "journal.request"
    assert first["method"] == "GET"
    assert first["message"] == f"GET {url} 200"
    assert isinstance(first["duration_ms"], float)
    assert first["time"].endswith("+00:00")


def test_json_logging_is_the_default_when_debug_is_off():
    code = (
        "import django, os, logging; os.environ['DJANGO_SETTINGS_MODULE'] = 'journal.settings';"
        "django.setup(); logging.getLogger('journal').warning('hello %s', 'world')"
    )
    result = run_python(code, production_env())
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello world"
    assert line["level"] == "WARNING"
    assert line["logger"] == "journal"
