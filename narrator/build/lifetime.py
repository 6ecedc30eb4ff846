"""Processes a build starts end with it, however the build ends (kill -9, Ctrl-C, a crash).

- A helper process asks the kernel to kill it when its parent dies (Linux: ``prctl(PR_SET_PDEATHSIG)``),
  then checks that its parent is still the one that started it, since the parent may have died first.
  Where there is no prctl, a watchdog thread polls the parent's pid instead. Pool workers, engine
  workers and the per-utterance processes of an engine worker each do this, so killing the build alone
  takes the whole tree down at once, even the engine workers that run in sessions of their own.
- A forked child never keeps the build lock: lock files registered with ``keep_from_children`` are
  closed in every child at fork, so only the build itself holds the lock and a killed build releases it.
- Pool workers leave interrupts to the build: they ignore SIGINT (a terminal sends it to the whole
  process group), and on SIGTERM, which the build sends them when interrupted, they delete the temporary
  files they were writing and exit at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import signal
import sys
import threading
import time
from typing import IO

from narrator.fsutil import remove_temporaries

PR_SET_PDEATHSIG = 1
WATCHDOG_SECONDS = 0.5
"""How often a process without prctl checks that its parent is alive."""

_held: list[IO] = []
_fork_hook = False


def die_with_parent(parent: int) -> None:
    """End this process as soon as ``parent`` (the pid that started it) is gone."""
    if sys.platform.startswith("linux"):
        _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:
        threading.Thread(target=_watch, args=(parent,), name="parent-watchdog", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


@functools.cache
def _libc() -> ctypes.CDLL:
    """Loaded once: an engine worker asks for every sentence's process."""
    return ctypes.CDLL(None, use_errno=True)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)


def keep_from_children(handle: IO) -> None:
    """Close ``handle`` in every child this process forks from now on (until ``release`` is called)."""
    global _fork_hook
    if not _fork_hook and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_close_held)
        _fork_hook = True
    _held.append(handle)


def release(handle: IO) -> None:
    if handle in _held:
        _held.remove(handle)


def _close_held() -> None:
    """Point the child's copies of the held descriptors at /dev/null: the lock's open file is then the
    parent's alone, and the child's file objects still own a valid descriptor to close."""
    if not _held:
        return
    null = os.open(os.devnull, os.O_RDONLY)
    try:
        for handle in _held:
            with contextlib.suppress(OSError, ValueError):
                os.dup2(null, handle.fileno())
    finally:
        os.close(null)
    _held.clear()


def pool_worker_started(build: int) -> None:
    """Initializer of a build's local pool workers (see the module docstring).

    A forked worker's parent is the build itself; a forkserver's worker is the child of the forkserver,
    which outlives nothing but is not the build, so such a worker also watches the build's pid.
    """
    parent = os.getppid()
    die_with_parent(parent)
    if parent != build:
        threading.Thread(target=_watch_pid, args=(build,), name="build-watchdog", daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)


def _watch_pid(pid: int) -> None:
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass  # alive, under another user (cannot happen for our own build, but is not death)
        time.sleep(WATCHDOG_SECONDS)


def _stop_worker(signum: int, frame: object) -> None:
    remove_temporaries(exiting=True)
    os._exit(128 + signum)
