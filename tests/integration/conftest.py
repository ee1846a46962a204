"""A real luigid on a free loopback port, started and stopped by the tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LUIGID_START_SECONDS = 30


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Luigid:
    def __init__(self, port: int, process: subprocess.Popen):
        self.port = port
        self.process = process
        self.url = f"http://127.0.0.1:{port}"

    def api(self, method: str, **data) -> dict:
        query = urllib.parse.urlencode({"data": json.dumps(data)})
        with urllib.request.urlopen(f"{self.url}/api/{method}?{query}", timeout=10) as response:
            return json.loads(response.read())["response"]


@pytest.fixture(scope="module")
def luigid(tmp_path_factory):
    folder = tmp_path_factory.mktemp("luigid")
    port = free_port()
    env = dict(os.environ, LUIGI_CONFIG_PATH=str(REPO / "config" / "luigi.cfg"))
    # Bound to 127.0.0.1: luigid has no authentication, so it must never listen on a public interface.
    process = subprocess.Popen([str(BIN / "luigid"), "--address", "127.0.0.1", "--port", str(port),
                                "--state-path", str(folder / "state.pickle"), "--logdir", str(folder)],
                               stdout=open(folder / "luigid.out", "wb"), stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + LUIGID_START_SECONDS
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"luigid did not start: {(folder / 'luigid.out').read_text()}")
            time.sleep(0.2)
    yield Luigid(port, process)
    process.terminate()
    process.wait(timeout=20)
