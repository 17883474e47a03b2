"""wrk against the production server (gunicorn + whitenoise, as `make serve` runs it).

Starts gunicorn on the bench database, then runs wrk (16 connections, 20 s each) on
the landing page, the table of contents and a static CSS file of the same server in
alternation (page, CSS, page, CSS, ...), with the page cache on and then off. Reports
requests/s, p50 and p99 per run, the page / static-file ratio against the neighbouring
CSS runs, and the peak RSS (VmHWM) of each worker.

Usage::

    .venv/bin/python bench/load.py 10000 [--duration 20] [--connections 16] [--json out.json]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, database_path  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8123"))
PYTHON = sys.executable


def server_env(n, cached):
    env = dict(os.environ)
    env.pop("DJANGO_DEBUG", None)
    env.update(
        DATABASE_URL=os.environ.get("DATABASE_URL", f"sqlite:///{database_path(n)}"),
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-key"),
        PORT=str(PORT),
        PAGE_CACHE_TIMEOUT="3600" if cached else "0",
    )
    return env


def start_server(n, cached):
    env = server_env(n, cached)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_up(process)
    return process


def wait_until_up(process, timeout=120):
    """Return once the server on PORT answers; kill it and stop if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("gunicorn did not start")


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def workers(process):
    """gunicorn's worker pids: the children of its master, which is `process` itself or,
    under `make serve`, a child of it."""
    master = process.pid
    while master and "gunicorn" not in Path(f"/proc/{master}/cmdline").read_text():
        master = next(iter(children(master)), None)
    return children(master) if master else []


def _status_mb(pid, field):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+) kB", status).group(1)) / 1024


def peak_rss_mb(pid):
    return _status_mb(pid, "VmHWM")


def rss_mb(pid):
    """Resident memory now (peak_rss_mb: the highest it has been)."""
    return _status_mb(pid, "VmRSS")


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, duration, connections, timeout=2):
    """wrk's figures; a response slower than `timeout` seconds counts as a socket error."""
    output = subprocess.run(
        [
            "wrk",
            "--latency",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            f"--timeout={timeout}s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    # wrk prints this line only when there were any.
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_errors = map(int, sockets.groups()) if sockets else (0, 0, 0, 0)
    return {
        "rps": rps,
        "p50_ms": to_ms(*p50.groups()),
        "p99_ms": to_ms(*p99.groups()),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "socket_errors": dict(
            zip(("connect", "read", "write", "timeout"), socket_errors, strict=True)
        ),
    }


def targets(n):
    """Landing page, TOC and the hashed site CSS of the served site."""
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database_path(n)}")
    from common import page_urls, setup_django

    setup_django(n)
    from django.contrib.staticfiles.storage import staticfiles_storage

    pages = page_urls()
    base = f"http://127.0.0.1:{PORT}"
    return {
        "landing": base + pages["landing"],
        "table of contents": base + pages["table of contents"],
        "static CSS": base + staticfiles_storage.url("css/site.css"),
    }


def run(n, duration, connections):
    if not shutil.which("wrk"):
        print("wrk is not installed: load test skipped")
        return None
    urls = targets(n)
    results = {"urls": urls, "modes": {}}
    for mode, cached in (("cached", True), ("uncached", False)):
        server = start_server(n, cached)
        try:
            # Not measured: every worker renders each page once and the database file
            # is in the OS cache, so the first measured run is not a cold start.
            for name in ("landing", "table of contents", "static CSS"):
                wrk(urls[name], 5, connections)
            runs = []
            for page in ("landing", "table of contents") * 2:
                for name in (page, "static CSS"):
                    measured = wrk(urls[name], duration, connections)
                    runs.append({"page": name, **measured})
                    print(
                        f"{mode:<9} {name:<18} {measured['rps']:>9.1f} req/s  "
                        f"p50 {measured['p50_ms']:7.2f} ms  p99 {measured['p99_ms']:7.2f} ms",
                        flush=True,
                    )
            results["modes"][mode] = {
                "runs": runs,
                "peak_rss_mb": [round(peak_rss_mb(pid), 1) for pid in workers(server)],
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = run(args.n, args.duration, args.connections)
    if args.json and results:
        args.json.write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
