"""gunicorn settings for `make serve`, read from the environment.

WEB_CONCURRENCY   worker processes   (default: 2 x CPUs + 1)
GUNICORN_THREADS  threads per worker (default: 2; more than 1 keeps connections alive)
HOST, PORT        where to listen    (default: 127.0.0.1:8000; put a proxy in front)
CITATION_WORKER   0: do not start the citation worker here (run
                  `manage.py render_citations --worker` under your own supervisor)
"""

import os
import subprocess
import sys
from pathlib import Path

if os.environ.get("DJANGO_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}:
    raise SystemExit("gunicorn serves production settings only: unset DJANGO_DEBUG.")

cpus = os.cpu_count() or 1
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * cpus + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
keepalive = 5
# Restart a worker now and then, so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10000))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
wsgi_app = "journal.wsgi:application"


# The citation worker (README: Citations) runs beside the web workers: started once the
# master is ready, stopped with it; the queue it drains lives in the database.
def when_ready(server):
    if os.environ.get("CITATION_WORKER", "1").strip() == "0":
        return
    server.citation_worker = subprocess.Popen(
        [sys.executable, "manage.py", "render_citations", "--worker"],
        cwd=Path(__file__).resolve().parent,
    )


def on_exit(server):
    worker = getattr(server, "citation_worker", None)
    if worker is not None and worker.poll() is None:
        worker.terminate()
        worker.wait(timeout=30)
