"""``newsclean run --workers N``: N one-worker ``newsclean run`` processes sharing one luigid.

Luigi's own ``--workers N`` forks a fresh process for every task: each task starts from the
parent's memory, pays for every page it writes to (copy-on-write) and loses what it loaded
or cached when it ends. Long-lived processes keep their models and caches for all the tasks
they run, which is the scale-out set-up of docs/scaling.md (several machines, one luigid) on
one machine. With ``--scheduler-host`` the processes use that luigid (and show in its
visualiser); without, a private luigid is started on a free loopback port for the run, its
state and log in a folder under the output folder that is removed afterwards.

The processes (and the private luigid) are told to stop when this process dies
(``PR_SET_PDEATHSIG``) or is asked to stop (SIGTERM, SIGINT); outputs are written atomically,
so a rerun resumes where they stopped, and removes the scheduler folder a killed run left.
"""

from __future__ import annotations

import ctypes
import dataclasses
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

from pipeline.luigid_process import start_luigid

log = logging.getLogger(__name__)

#: How often a process of a private luigid builds again while the other processes hold every
#: runnable task (``[sharing] poll_seconds`` serves machines sharing a remote luigid).
PRIVATE_POLL_SECONDS = 0.5
#: How long the processes get to stop after SIGTERM before they are killed.
STOP_SECONDS = 30.0
#: Folder under the output root for private schedulers' state and logs.
SCHEDULER_FOLDER = ".luigid"
_PR_SET_PDEATHSIG = 1


class Stopped(Exception):
    """This process was asked to stop (SIGTERM)."""


def _stop_with_parent() -> None:
    """Ask the kernel to send SIGTERM to this (child) process when its parent dies (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (AttributeError, OSError):  # not Linux: the parent's own handlers still stop the children
        pass


def worker_command(run_arguments: list[str], config: Path | None, verbose: bool, host: str, port: int,
                   poll_seconds: float | None) -> list[str]:
    """Return the command line of one worker process: ``newsclean run ... --workers 1`` on ``host:port``."""
    command = [sys.executable, "-m", "pipeline.cli"]
    command += ["--config", str(config)] if config else []
    command += ["-v"] if verbose else []
    command += ["run", *run_arguments, "--workers", "1", "--scheduler-host", host, "--scheduler-port", str(port)]
    command += ["--poll-seconds", str(poll_seconds)] if poll_seconds is not None else []
    return command


@dataclasses.dataclass(frozen=True)
class WorkerExit:
    """How one worker process ended."""

    code: int
    cpu_seconds: float
    maxrss_mb: float


def run_worker_processes(run_arguments: list[str], workers: int, out: Path, *, config: Path | None = None,
                         verbose: bool = False, scheduler: tuple[str, int] | None = None,
                         poll_seconds: float | None = None, env: dict[str, str] | None = None) -> list[WorkerExit]:
    """Run ``workers`` one-worker ``newsclean run`` processes at once; return how each ended.

    ``run_arguments`` are the ``run`` options every process gets (``--raw``, ``--out``,
    ``--date``). ``scheduler`` is the luigid to share as ``(host, port)``; ``None`` starts a
    private one on loopback, whose processes build again every ``PRIVATE_POLL_SECONDS`` unless
    ``poll_seconds`` says otherwise. ``env`` is the processes' environment (default this
    one's). Their standard output (each prints the run summary) is dropped; their standard
    error is this process's.
    """
    folder = luigid = None
    if scheduler is None:
        _remove_dead_scheduler_folders(out / SCHEDULER_FOLDER)
        folder = out / SCHEDULER_FOLDER / f"{socket.gethostname()}-{os.getpid()}"
        folder.mkdir(parents=True, exist_ok=True)
        luigid, port = start_luigid(folder, preexec_fn=_stop_with_parent)
        scheduler = ("127.0.0.1", port)
        poll_seconds = PRIVATE_POLL_SECONDS if poll_seconds is None else poll_seconds
        log.info("private luigid for this run: http://127.0.0.1:%d (Luigi's visualiser)", port)
    command = worker_command(run_arguments, config, verbose, *scheduler, poll_seconds)
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    children: list[subprocess.Popen] = []
    try:
        children = [subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env, preexec_fn=_stop_with_parent)
                    for _ in range(workers)]
        exits = []
        for index, child in enumerate(children):
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            exits.append(WorkerExit(child.returncode, usage.ru_utime + usage.ru_stime,
                                    round(usage.ru_maxrss / 1024, 1)))  # Linux reports kilobytes
            log.info("worker process %d: exit %d, CPU %.1f s, peak memory %.0f MB", index + 1, *dataclasses.astuple(exits[-1]))
        return exits
    finally:
        signal.signal(signal.SIGTERM, previous)
        _stop(children + ([luigid] if luigid else []))
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
            _remove_if_empty(folder.parent)


def _raise_stopped(signum, frame) -> None:
    raise Stopped(f"stopped by signal {signum}")


def _stop(processes: list[subprocess.Popen]) -> None:
    """Terminate the processes still running, then kill those that do not stop in time."""
    running = [process for process in processes if process.returncode is None and process.poll() is None]
    for process in running:
        process.terminate()
    for process in running:
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _remove_dead_scheduler_folders(root: Path) -> None:
    """Remove the folders that private schedulers of this host left when their run was killed."""
    prefix = f"{socket.gethostname()}-"
    for folder in sorted(root.glob(f"{prefix}*")):
        pid = folder.name[len(prefix):]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # somebody else's process
        return True
    return True


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # another run's private scheduler is still there
        pass
