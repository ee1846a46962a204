"""Start a luigid on a free loopback port (the benchmark's shared-scheduler runs and the tests).

luigid has no authentication, so it is bound to 127.0.0.1 here and must never listen on a
public interface.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

#: How long luigid may take to accept connections.
LUIGID_START_SECONDS = 30.0


def free_loopback_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listened on a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_luigid(folder: Path, env: dict[str, str] | None = None,
                 preexec_fn: Callable[[], None] | None = None) -> tuple[subprocess.Popen, int]:
    """Start luigid (the one beside this Python) on a free loopback port; return it and the port.

    Its state file and log (``luigid.log``) go to ``folder``; ``env`` and ``preexec_fn`` go to
    ``subprocess.Popen``. Raises RuntimeError, with the log, when it exits or does not accept
    connections within ``LUIGID_START_SECONDS``.
    """
    port = free_loopback_port()
    log = folder / "luigid.log"
    with open(log, "wb") as output:
        process = subprocess.Popen([str(Path(sys.executable).with_name("luigid")), "--address", "127.0.0.1",
                                    "--port", str(port), "--state-path", str(folder / "state.pickle"),
                                    "--logdir", str(folder)],
                                   stdout=output, stderr=subprocess.STDOUT, env=env, preexec_fn=preexec_fn)
    deadline = time.monotonic() + LUIGID_START_SECONDS
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"luigid did not start: {log.read_text(errors='replace')}") from None
            time.sleep(0.1)
