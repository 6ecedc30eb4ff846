"""Atomic file writes: a reader never sees a half-written file, and a killed build leaves none behind."""

from __future__ import annotations

import errno
import fcntl
import os
import re
import secrets
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from narrator.errors import DiskFullError, NarratorError

_PARTIAL = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.part(?:\.[^./]*)?")
"""The names ``atomic_path`` gives its temporary files (mkstemp's eight random characters)."""
_FULL_DISK = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_WRITE_FAILURES = _FULL_DISK | {errno.EROFS}
"""Errors raised while writing a file that mean the destination cannot take it, whoever writes."""
_live: set[Path] = set()
"""Temporary files and staging folders this process is writing, for ``remove_temporaries``."""
_live_lock = threading.RLock()
"""Reentrant: an exiting signal handler (``remove_temporaries``) may run while its thread holds it."""
_exiting = False
"""Set by ``remove_temporaries(exiting=True)``: the process is about to end, so nothing new is created."""


FULL_BELOW = 1 << 20
"""Free bytes under which a failed write is put down to a full disk (a sentence's clip is ~100 KB)."""


def disk_full(folder: Path) -> bool:
    """True when the file system holding ``folder`` has (almost) no room left for this user."""
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return False
    return info.f_bavail * info.f_frsize < FULL_BELOW


def disk_full_error(path: Path, reason: str = "No space left on device") -> DiskFullError:
    return DiskFullError(f"cannot write {path}: {reason}; free some disk space and run again")


def write_error(path: Path, exc: OSError) -> NarratorError:
    """A user-facing error for a file that could not be written, with the fix for the usual causes."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full_error(path, exc.strerror or str(exc))
    if exc.errno in _FULL_DISK:
        fix = "free some disk space and run again"
    elif exc.errno == errno.EROFS:
        fix = "the file system is read-only; choose a writable --output"
    else:
        fix = "check that the folder exists and is writable"
    return NarratorError(f"cannot write {path}: {exc.strerror or exc}; {fix}")


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only if the block succeeds.

    A full or read-only disk, whether met on creating, writing or renaming, and any failure to write
    the temporary file or to rename it, becomes a NarratorError naming ``path``; other errors from the
    block pass through unchanged.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _create_temporary(
            lambda: path.parent / f".{path.name}.{secrets.token_hex(4)}.part{path.suffix}",
            lambda candidate: os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)),
        )
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        try:
            yield tmp
        except OSError as exc:
            if exc.errno in _WRITE_FAILURES or exc.filename in (str(tmp), tmp):
                raise write_error(path, exc) from None
            raise
        try:
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except OSError as exc:
            raise write_error(path, exc) from None
    finally:
        tmp.unlink(missing_ok=True)
        with _live_lock:
            _live.discard(tmp)


@contextmanager
def staging_folder(parent: Path) -> Iterator[Path]:
    """A private folder in ``parent`` for a writer's scratch files, removed with everything in it.

    The writer holds a lock on it while it lives, so a sweep (``sweep_staging_folders``) removes only the
    folders of writers that died, even when several builds share ``parent`` (a shared segment cache).
    """
    try:
        parent.mkdir(parents=True, exist_ok=True)
        folder = _create_temporary(lambda: parent / f"tmp{secrets.token_hex(4)}", lambda c: c.mkdir(0o700))
    except OSError as exc:
        raise write_error(parent, exc) from None
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        _discard(folder)
        raise write_error(parent, exc) from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield folder
    finally:
        _discard(folder)  # while still locked, so that no sweep races the removal
        os.close(descriptor)


def _create_temporary(name: Callable[[], Path], create: Callable[[Path], None]) -> Path:
    """Create a temporary under a fresh name, registered for ``remove_temporaries`` before it exists.

    Registering first, under the lock, means neither an exiting signal handler (which never returns) nor
    another thread's final ``remove_temporaries`` can miss a temporary this process goes on to create.
    """
    with _live_lock:
        if _exiting:
            raise NarratorError("stopping: no new files are written")
        for _ in range(100):
            candidate = name()
            _live.add(candidate)
            try:
                create(candidate)
                return candidate
            except FileExistsError:
                _live.discard(candidate)
            except BaseException:
                _live.discard(candidate)
                raise
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(candidate))


def _discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    with _live_lock:
        _live.discard(folder)


def remove_temporaries(*, exiting: bool = False) -> None:
    """Delete every temporary file and staging folder this process has open: an interrupted process
    calls it just before it exits, so that it leaves nothing half-written behind.

    ``exiting`` (the process ends right after) also stops every other thread from creating another.
    """
    global _exiting
    with _live_lock:
        _exiting = _exiting or exiting
        paths = list(_live)
        _live.clear()
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    try:
        with atomic_path(path) as tmp, open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise write_error(path, exc) from None


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def sweep_staging_folders(parent: Path) -> list[Path]:
    """Delete the staging folders in ``parent`` whose writers died; those still in use are locked."""
    removed = []
    try:
        folders = [p for p in parent.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        return removed
    for folder in folders:
        try:
            descriptor = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live writer's
        else:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            os.close(descriptor)
    return removed


class FileTooLargeError(ValueError):
    """A file that should be small (a settings file) is larger than its limit."""


def read_bounded(path: Path, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of a file that should be small, reading no more than ``limit`` + 1 of them.

    A settings file linked to /dev/zero, or a huge file put in its place, is refused with
    FileTooLargeError instead of being read into memory; OSError passes through as from ``open``
    (ELOOP for a link when ``follow_links`` is off).
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    if not follow_links and path.is_symlink():
        raise OSError(errno.ELOOP, "a symbolic link", str(path))
    with open(os.open(path, flags), "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLargeError(f"{path}: larger than {limit} bytes")
    return data


def sweep_partial_files(folder: Path) -> list[Path]:
    """Delete the temporary files that writers killed mid-write left in ``folder`` (not its subfolders).

    Only safe while holding the lock that keeps every other writer out of ``folder``.
    """
    removed = []
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return removed
    for path in candidates:
        if _PARTIAL.fullmatch(path.name) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
