"""Issue 6, exposure: luigid only on loopback, a report that runs and loads nothing from input,
and no input, manifest or configuration value that writes outside the output folder."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.io.sources import clean_source_name

REPO = Path(__file__).resolve().parents[2]
NEWSCLEAN = Path(sys.executable).parent / "newsclean"
DAY = "2026-11-18"
# Where luigid could be started from: docs, scripts, CI, the Makefile, the code and the tests.
LAUNCH_PLACES = ("README.md", "Makefile", "docs", "scripts", "tests", ".ci", "config", "pipeline")
LAUNCH_SUFFIXES = {".md", ".py", ".sh", ".cfg", ".txt", ""}
# A start of luigid: the program name followed by an option (shell or a Python argument list),
# or alone at the end of a shell line.
_LUIGID_START = re.compile(r"""(?:(?<![^\s"'])|(?<=bin/))luigid(?:["'),\\\s]{0,8}--|[ \t]*&?[ \t]*$)""", re.MULTILINE)
_LOOPBACK = re.compile(r"""--address["',\s=\\]*127\.0\.0\.1\b""")
STATEMENT_CHARS = 400
HOSTILE = '<script>alert("x")</script><img src="https://evil.example/x.png" onerror="alert(1)">'


def _launch_files() -> list[Path]:
    files = []
    for place in LAUNCH_PLACES:
        path = REPO / place
        candidates = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        files += [item for item in candidates if item.is_file() and item.suffix in LAUNCH_SUFFIXES
                  and "__pycache__" not in item.parts and item != Path(__file__).resolve()]
    return files


def luigid_starts(text: str) -> list[str]:
    """Return each luigid start in ``text`` with the statement after it (options included)."""
    starts = []
    for match in _LUIGID_START.finditer(text):
        statement = text[match.start(): match.start() + STATEMENT_CHARS]
        following = _LUIGID_START.search(statement, 1)
        starts.append(statement[: following.start()] if following else statement)
    return starts


def test_the_start_finder_sees_both_forms():
    assert luigid_starts('subprocess.Popen([str(BIN / "luigid"), "--address", "127.0.0.1", "--port"])')
    assert luigid_starts("LUIGI_CONFIG_PATH=x .venv/bin/luigid --port 8082 &")
    assert luigid_starts("nohup luigid &\n")
    assert not luigid_starts("the luigid visualiser shows tasks")
    assert not luigid_starts("--logdir /var/tmp/luigid &")
    assert not _LOOPBACK.search(luigid_starts("luigid --port 8082 --address 0.0.0.0")[0])


def test_every_luigid_start_binds_loopback():
    found = {}
    for path in _launch_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for statement in luigid_starts(text):
            found.setdefault(path.relative_to(REPO).as_posix(), []).append(statement)
    assert "README.md" in found and "pipeline/luigid_process.py" in found, sorted(found)
    unbound = {path: s for path, statements in found.items() for s in statements if not _LOOPBACK.search(s)}
    assert not unbound, unbound


def test_readme_says_why_luigid_is_on_loopback():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("--address 127.0.0.1")
    context = readme[max(0, start - 600): start].lower()
    assert "authentication" in context and "loopback" in context


class _Page(HTMLParser):
    """Collects tags, attribute values that load or link something, and inline CSS."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.links: list[tuple[str, str, str]] = []
        self.handlers: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in ("src", "href", "srcset", "action", "data", "poster", "formaction"):
                self.links.append((tag, name, value or ""))
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name == "style":
                self.styles.append(value or "")

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def _hostile_corpus(raw: Path) -> None:
    body = ("The council met on Tuesday to discuss the harbour budget, officials said in a statement.\n"
            f"A spokesperson said the page held {HOSTILE} and more, according to the minutes.\n"
            "\"We will publish the figures next week,\" said councillor Ana Ferreira, who chairs the committee.\n")
    lines = [json.dumps({"text": f"{HOSTILE} headline\n\n{body}", "title": HOSTILE, "source": HOSTILE,
                         "url": "javascript:alert(1)"}),
             json.dumps({"text": body.replace("Tuesday", "Monday"), "source": HOSTILE, "title": "Second"}),
             "{broken <script>alert(2)</script>"]
    raw.mkdir(parents=True)
    (raw / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (raw / '<img src=x onerror=alert(3)>.txt').write_bytes(b"\x00\x01binary")


def _tree(root: Path) -> dict[str, int]:
    return {path.relative_to(root).as_posix(): path.stat().st_mtime_ns for path in root.rglob("*")
            if not path.is_symlink()}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """A run on hostile input whose configuration points every data-file setting elsewhere."""
    root = tmp_path_factory.mktemp("hostile")
    raw, out, cwd, config, elsewhere = (root / name for name in ("raw", "out", "cwd", "config", "elsewhere"))
    _hostile_corpus(raw)
    cwd.mkdir()
    shutil.copytree(REPO / "config", config)
    shutil.copytree(REPO / "config", elsewhere)
    cfg = config / "luigi.cfg"
    text = cfg.read_text(encoding="utf-8")
    for section in ("[language]", "[artifacts]"):  # point both data folders elsewhere
        text = text.replace(f"\n{section}\n", f"\n{section}\nconfig_dir = {elsewhere}\n", 1)
    cfg.write_text(text, encoding="utf-8")
    before = _tree(root)
    completed = subprocess.run([str(NEWSCLEAN), "--config", str(config), "run", "--raw", str(raw), "--out", str(out),
                                "--date", DAY, "--local-scheduler"], capture_output=True, text=True, timeout=600,
                               cwd=cwd)
    after = _tree(root)
    changed = sorted(path for path, mtime in after.items()
                     if not path.startswith("out/") and path != "out" and before.get(path) != mtime)
    return {"completed": completed, "run": out / "latest", "changed_outside": changed}


def test_hostile_run_succeeds(hostile_run):
    completed = hostile_run["completed"]
    assert completed.returncode == 0, completed.stderr[-3000:]


def test_report_escapes_input_and_loads_nothing(hostile_run):
    html_text = (hostile_run["run"] / "report.html").read_text(encoding="utf-8")
    page = _Page()
    page.feed(html_text)
    assert "script" not in page.tags and "img" not in page.tags, sorted(set(page.tags))
    assert page.handlers == []
    assert "&lt;script&gt;" in html_text  # the hostile text is shown, as text
    for tag, name, value in page.links:
        assert value.startswith("#") or value.startswith("data:"), (tag, name, value)
    assert not any(re.search(r"url\(\s*['\"]?(?!#|data:)", style) for style in page.styles)
    assert not any("@import" in style for style in page.styles)
    assert 'href="javascript:' not in html_text.lower()


def test_hostile_values_write_nothing_outside_the_output_folder(hostile_run):
    assert hostile_run["changed_outside"] == []
    records = [json.loads(line) for path in sorted((hostile_run["run"] / "corpus").glob("*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines()]
    assert records and all(record["source"] == clean_source_name(HOSTILE) for record in records)


def test_output_folder_inside_the_raw_folder_is_refused(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "story.txt").write_text("A line.\n", encoding="utf-8")
    completed = subprocess.run([str(NEWSCLEAN), "run", "--raw", str(raw), "--out", str(raw / "clean"), "--date", DAY,
                                "--local-scheduler"], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert completed.returncode == 2, completed.stderr[-2000:]
    assert "the output folder is inside the raw folder" in completed.stderr
    assert sorted(path.name for path in raw.iterdir()) == ["story.txt"]
