"""Two app servers sharing Redis: an edit through one is current on the other within the
second each server trusts the content generation it read (GENERATION_RECHECK_SECONDS).

Skipped when Redis is unreachable at REDIS_TEST_URL (default redis://127.0.0.1:6379/14),
unless REQUIRE_REDIS=1 makes that a failure.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/14")


def redis_reachable():
    parts = urlsplit(REDIS_URL)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
        return True
    except OSError:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path):
    """The page as a reader of the site's one public host sees it (behind a proxy)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


@pytest.fixture
def shared_env(tmp_path):
    if not redis_reachable():
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "CACHE_URL": REDIS_URL,
        "PAGE_CACHE_TIMEOUT": "3600",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    servers = []
    ports = [free_port(), free_port()]
    for port in ports:
        servers.append(
            subprocess.Popen(
                [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    try:
        for port in ports:
            for _ in range(120):
                try:
                    fetch(port, "/robots.txt")
                    break
                except OSError:
                    time.sleep(0.5)
        yield env, ports
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.mark.slow  # migrates a database and starts two servers (about a minute under load)
def test_edit_through_one_server_is_current_on_the_other_within_a_second(shared_env):
    env, (first, second) = shared_env
    path = "/en/demo/article/2/"
    before = fetch(second, path)
    assert fetch(first, path) == before  # both now hold the page in the shared cache
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from articles.models import Article; a = Article.objects.get(pk=2); "
            "a.title_en = 'Retitled by the editor'; a.save()",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    time.sleep(1.1)  # GENERATION_RECHECK_SECONDS (1) has passed on both servers
    assert "Retitled by the editor" in fetch(second, path)
    assert "Retitled by the editor" in fetch(first, path)
