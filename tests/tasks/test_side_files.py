import os
import subprocess
import sys

from pipeline.tasks.base import write_side_files


def _dead_pid() -> int:
    """Return the pid of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_side_files_are_written_whole_with_no_temporary_left(tmp_path):
    files = [(tmp_path / "text" / "site" / f"{n}.txt", f"body {n}\n".encode()) for n in range(50)]
    assert write_side_files(iter(files)) == 50
    assert sorted(p.name for p in (tmp_path / "text" / "site").iterdir()) == sorted(f"{n}.txt" for n in range(50))
    assert (tmp_path / "text" / "site" / "7.txt").read_bytes() == b"body 7\n"


def test_a_killed_writers_temporaries_go_and_a_live_ones_stay(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    orphan = folder / f".old.txt.tmp-{_dead_pid()}"
    orphan.write_bytes(b"half")
    live = folder / f".other.txt.tmp-{os.getppid()}"
    live.write_bytes(b"being written")
    write_side_files([(folder / "new.txt", b"new\n")])
    assert not orphan.exists()
    assert live.exists()
    assert (folder / "new.txt").read_bytes() == b"new\n"


def test_rewriting_a_side_file_replaces_it(tmp_path):
    path = tmp_path / "a.txt"
    write_side_files([(path, b"first\n")])
    write_side_files([(path, b"second\n")])
    assert path.read_bytes() == b"second\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
