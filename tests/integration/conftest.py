"""A real luigid on a free loopback port, started and stopped by the tests."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from pipeline.luigid_process import free_loopback_port, start_luigid

REPO = Path(__file__).resolve().parents[2]

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
    env = dict(os.environ, LUIGI_CONFIG_PATH=str(REPO / "config" / "luigi.cfg"))
    process, port = start_luigid(folder, env)  # bound to 127.0.0.1
    yield Luigid(port, process)
    process.terminate()
    process.wait(timeout=20)
