"""Stopping a server started through make: make, gunicorn, its workers and any child.

Used by the two-server test and bench/soak.py, which start `make serve` in its own
process group.
"""

import os
import signal
import time


def stop_process_group(process, grace=20):
    """Stop the whole group, gracefully first; make exits before gunicorn has finished."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            process.poll()  # reap make
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
