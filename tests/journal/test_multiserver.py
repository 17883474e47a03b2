"""Two production servers behind one address: what an editor changes through one, readers
get from the other at once.

Each server is a real `make serve` (gunicorn + whitenoise, DEBUG off); they share one
PostgreSQL database (made and dropped here, beside DATABASE_URL's), one Redis database
(REDIS_MULTISERVER_URL, default redis://127.0.0.1:6379/13, flushed) and one media folder.
Skipped without PostgreSQL or Redis, unless REQUIRE_POSTGRES=1 / REQUIRE_REDIS=1.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
import requests
from django.db import connection

from scripts.processes import stop_process_group
from tests.factories import pdf_bytes
from tests.forms import form_on, submitted

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_MULTISERVER_URL", "redis://127.0.0.1:6379/13")
# Readers reach both servers under the site's one public host, as through a proxy.
PUBLIC = {"Host": "localhost"}
EDITOR, PASSWORD = "editor", secrets.token_urlsafe(16)
START_TIMEOUT = 60

pytestmark = [pytest.mark.postgres, pytest.mark.slow]  # two gunicorn servers start


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def shared_redis():
    """The servers' cache: a Redis database of their own, empty before and after."""
    import redis

    parts = urlsplit(REDIS_URL)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield REDIS_URL
    client.flushdb()


@pytest.fixture
def shared_database():
    """A fresh PostgreSQL database on DATABASE_URL's server, dropped afterwards."""
    import psycopg

    settings = connection.settings_dict
    name = f"multiserver_{os.getpid()}_{secrets.token_hex(4)}"
    admin = psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        user = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
        host = settings["HOST"] or "127.0.0.1"
        yield f"postgres://{user}@{host}:{settings['PORT'] or 5432}/{name}"
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()


@pytest.fixture
def two_servers(shared_redis, shared_database, tmp_path):
    """Base URLs of servers A and B, and the English demo article's id."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("CITATIONS_RENDER", None)  # production's own (the queue and its worker)
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP from this test, with no TLS proxy in front: cookies must not be Secure.
        DJANGO_SECURE_COOKIES="0",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DATABASE_URL=shared_database,
        CACHE_URL=shared_redis,
        WEB_CONCURRENCY="1",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    manage = [sys.executable, "manage.py"]
    servers = []
    try:
        # One after the other: `make serve` collects the static files into this checkout,
        # and A's migrate makes the tables.
        servers.append(serve(env, tmp_path / "server-a.log"))
        wait_until_healthy(*servers[0])
        servers.append(serve(env, tmp_path / "server-b.log"))
        # The demo data and the editor's account go in while B starts.
        demo = subprocess.run(
            [*manage, "load_demo"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout
        subprocess.run(
            [*manage, "createsuperuser", "--noinput", f"--username={EDITOR}", "--email=e@x.org"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        wait_until_healthy(*servers[1])
        # load_demo prints "DOI<tab>URL" per article; the English one is ...0202.
        english = re.search(r"^10\.5555/demo\.2025\.0202\t.*/article/(\d+)/$", demo, re.M)
        yield [base for _, base, _ in servers], int(english.group(1))
    finally:
        for process, _, _ in servers:
            stop_process_group(process)


def serve(env, log):
    """`make serve` on a free port: (process, base URL, log file)."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            # The venv running the tests is served as it is: make installs nothing.
            ["make", "--no-print-directory", "--assume-old=.venv/.installed", "serve"],
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as one
        )
    return process, f"http://127.0.0.1:{port}", log


def wait_until_healthy(process, base, log):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make serve exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            if requests.get(f"{base}/healthz", timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):  # not listening, or booting
            pass
        time.sleep(0.2)
    pytest.fail(f"no healthy server at {base}:\n{log.read_text()[-3000:]}")


def form_fields(page, form_id):
    """What a browser submits for the form: (name, value) pairs, hidden fields included and
    a multiple choice once per chosen value."""
    form = form_on(page, form_id)
    return submitted(form), form


def replaced(fields, changes):
    return [(name, value) for name, value in fields if name not in changes] + list(changes.items())


def admin_session(base):
    session = requests.Session()
    login = session.get(f"{base}/admin/login/?next=/admin/", timeout=30)
    fields, _ = form_fields(login, "login-form")
    fields = replaced(fields, {"username": EDITOR, "password": PASSWORD})
    response = session.post(f"{base}/admin/login/?next=/admin/", data=fields, timeout=30)
    assert response.url == f"{base}/admin/", "the editor could not log in"
    return session


def submit_change_form(session, url, changes, files=None):
    """Post the admin change form as a browser does: every field, inline formsets included."""
    fields, _ = form_fields(session.get(url, timeout=30), "article_form")
    fields = replaced(fields, {**changes, "_save": "Save"})
    response = session.post(url, data=fields, files=files, timeout=60)
    errors = lxml.html.fromstring(response.text).find_class("errorlist")
    assert not errors, [error.text_content() for error in errors]
    assert response.url.endswith("/admin/articles/article/"), response.url
    return response


def add_galley_fields(session, url, label):
    """The fields of one more galley row, as the admin's "Add another" button makes it."""
    fields, form = form_fields(session.get(url, timeout=30), "article_form")
    file_input = next(
        name for name in form.inputs.keys() if re.fullmatch(r".+-__prefix__-file", name)
    )
    prefix = file_input.removesuffix("-__prefix__-file")
    index = int(dict(fields)[f"{prefix}-TOTAL_FORMS"])
    row = {
        name.replace("__prefix__", str(index)): value
        for name, value in fields
        if name.startswith(f"{prefix}-__prefix__-")
    }
    row[f"{prefix}-{index}-label"] = label
    row[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return row, f"{prefix}-{index}-file"


def landing(base, article):
    response = requests.get(f"{base}/en/demo/article/{article}/", headers=PUBLIC, timeout=30)
    assert response.status_code == 200
    return lxml.html.fromstring(response.text)


def test_editors_changes_through_one_server_are_what_the_other_serves(two_servers):
    (a, b), article = two_servers
    old_title = landing(b, article).find_class("article-title")[0].text_content()
    # B's rendering is now in the shared cache, and what A's readers get too.
    assert landing(a, article).find_class("article-title")[0].text_content() == old_title

    change = f"{a}/admin/articles/article/{article}/change/"
    new_title = "Community Elderly Care, Retitled by the Editor"
    assert old_title != new_title
    pdf = pdf_bytes("Revised full text, uploaded through server A")
    with admin_session(a) as editor:
        submit_change_form(editor, change, {"title_en": new_title})
        galley_fields, file_field = add_galley_fields(editor, change, "PDF (revised)")
        upload = {file_field: ("revised.pdf", pdf, "application/pdf")}
        submit_change_form(editor, change, galley_fields, files=upload)

    page = landing(b, article)
    assert page.find_class("article-title")[0].text_content() == new_title
    # The citations follow through the queue: the worker `make serve` started renders them.
    deadline = time.monotonic() + 120
    while not any(new_title in c.get("data-text", "") for c in page.find_class("citation")):
        assert time.monotonic() < deadline, "no citation worker rendered the edited title"
        time.sleep(1)
        page = landing(b, article)
    links = {link.text_content(): link.get("href") for link in page.find_class("galley")}
    assert "PDF (revised)" in links, links
    download = requests.get(b + links["PDF (revised)"], headers=PUBLIC, timeout=30)
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    assert download.content == pdf
