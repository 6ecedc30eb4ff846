"""Where synthesis and encoding run: a local process or thread pool, or a Dask cluster behind the same
``concurrent.futures.Executor``.

The local pool's workers die with the build and stop at once on Ctrl-C (narrator.build.lifetime).

Tasks are the stage functions themselves (top-level, picklable arguments); they read and write only through
paths, so every worker must see the segment cache and the output folder at the same absolute paths (one
machine, or a shared file system). Before a build starts, each worker is checked once: narrator and engine
versions equal to the client's (the cache key includes the engine version), ffmpeg present, and the shared
folders really shared. Dask re-runs the tasks of a worker that dies; the tasks are safe to re-run because
every file they write is written atomically and the cache is consulted first.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    InvalidStateError,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
)
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from narrator import __version__
from narrator.build.lifetime import pool_worker_started
from narrator.config import did_you_mean
from narrator.errors import NarratorError

CONNECT_TIMEOUT = 10.0
"""Seconds to reach the scheduler and to wait for its first worker."""


def scheduler_address(spec: str) -> str:
    """``dask://HOST:PORT`` or ``tcp://HOST:PORT`` as the ``tcp://`` address Dask connects to."""
    parts = urlsplit(spec)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in ("dask", "tcp") or not parts.hostname or port is None or parts.path.strip("/"):
        raise NarratorError(
            f'--executor "{spec}" is not a scheduler address; use dask://HOST:PORT (e.g. dask://10.0.0.5:8786)'
        )
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"tcp://{host}:{port}"


def check_worker(probes: dict[str, str], engines: dict[str, str], version: str) -> str | None:
    """Run on every worker: what keeps it from taking part in the build, or None when it is ready."""
    from narrator.engines import get_engine
    from narrator.produce.formats import find_ffmpeg

    if version != __version__:
        return f"runs narrator {__version__}, the client {version}; install the same version everywhere"
    try:
        find_ffmpeg("on the worker")
    except NarratorError as exc:
        return f"cannot encode episodes: {exc}"
    for name, wanted in engines.items():
        try:
            engine = get_engine(name)
            found = engine.version() if engine.is_available() else None
        except NarratorError as exc:
            return str(exc)
        if found is None:
            return f'cannot run the "{name}" speech engine; install it on the worker'
        if found != wanted:
            return f'has {name} {found}, the client {wanted}; the segment cache needs the same engine version'
    for folder, token in probes.items():
        try:
            seen = (Path(folder) / f".narrator-probe-{token}").exists()
        except OSError:
            seen = False
        if not seen:
            return f"does not see the client's folder {folder}; share it at the same path (NFS, SMB, ...)"
        if not os.access(folder, os.W_OK):
            return f"cannot write to the shared folder {folder}; give the worker's user write access"
    return None


class DaskExecutor(Executor):
    """A ``distributed.Client``'s executor that fails the way a local process pool does.

    Tasks are submitted impure: two equal submissions are two tasks, so cancelling one article's work can
    never cancel another's. Errors raised by the task itself (NarratorError and bugs) pass through; the
    cluster's own failures (a task whose workers kept dying, a lost scheduler) become ``BrokenExecutor``
    with a one-line reason, which synth and pipeline report as a failed article, like a dead pool worker.
    """

    def __init__(self, client: Any) -> None:
        self.client = client
        self.address = client.scheduler.address
        self._inner = client.get_executor(pure=False)

    @property
    def slots(self) -> int:
        """Tasks the cluster runs at once (worker threads), so a build can keep that many articles going."""
        return sum(self.client.nthreads().values())

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        inner = self._inner.submit(fn, *args, **kwargs)
        outer: Future[Any] = Future()
        name = getattr(fn, "__name__", "task")

        def relay(done: Future[Any]) -> None:
            with suppress(InvalidStateError):
                if done.cancelled():
                    outer.set_exception(BrokenExecutor(
                        f"the Dask scheduler at {self.address} cancelled {name}: connection lost or "
                        "scheduler restarted"
                    ))
                elif done.exception() is None:
                    outer.set_result(done.result())
                else:
                    outer.set_exception(self._translate(done.exception(), name))

        # Cancelling the outer future (a failed article's remaining batches) cancels the remote task.
        outer.add_done_callback(lambda future: future.cancelled() and inner.cancel())
        inner.add_done_callback(relay)
        return outer

    def _translate(self, error: BaseException, name: str) -> BaseException:
        from distributed import KilledWorker

        if isinstance(error, KilledWorker):
            return BrokenExecutor(
                f"Dask gave up on {name}: the workers running it kept dying ({self.address}); check the "
                "workers' logs and memory limits (dask worker --memory-limit)"
            )
        return error

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._inner.shutdown(wait=wait and not cancel_futures)


@contextmanager
def dask_executor(
    spec: str, *, shared: Sequence[Path] = (), engines: dict[str, str] | None = None
) -> Iterator[DaskExecutor]:
    """Connect to the scheduler at ``spec``, check its workers, yield an executor, always close the client.

    ``shared`` are the folders every worker must see (the segment cache, the output); ``engines`` maps the
    engines the build uses to their versions here.
    """
    address = scheduler_address(spec)
    try:
        from distributed import Client
    except ImportError:
        raise NarratorError(f'--executor {spec} needs Dask: pip install "narrator[dask]"') from None
    try:
        # A refused connection is known at once; Dask's client would retry it for CONNECT_TIMEOUT.
        parts = urlsplit(address)
        socket.create_connection((parts.hostname, parts.port), timeout=CONNECT_TIMEOUT).close()
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise NarratorError(
            f"cannot reach the Dask scheduler at {address} ({_first_line(exc)}); "
            f"start one with `dask scheduler` or check --executor"
        ) from None
    executor = None
    try:
        _check_workers(client, address, shared, engines or {})
        executor = DaskExecutor(client)
        yield executor
    except BaseException:
        if executor is not None:
            executor.shutdown(wait=False)
        raise
    else:
        executor.shutdown(wait=True)
    finally:
        client.close()


def _check_workers(client: Any, address: str, shared: Sequence[Path], engines: dict[str, str]) -> None:
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError):
        raise NarratorError(
            f"the Dask scheduler at {address} has no workers; start some with `dask worker {address}`"
        ) from None
    token = secrets.token_hex(16)
    probes = {}
    try:
        for folder in shared:
            folder = folder.absolute()
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f".narrator-probe-{token}").touch()
            probes[str(folder)] = token
        answers = client.run(check_worker, probes, engines, __version__)
    except (ImportError, AttributeError) as exc:
        raise NarratorError(
            f"a Dask worker of {address} cannot run narrator ({_first_line(exc)}); "
            'pip install "narrator[dask]" with the same version on every worker'
        ) from None
    finally:
        for folder in probes:
            (Path(folder) / f".narrator-probe-{token}").unlink(missing_ok=True)
    for worker, problem in sorted(answers.items()):
        if problem:
            raise NarratorError(f"Dask worker {worker} {problem}")


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


# ---------------------------------------------------------------------------------------- local pools


EXECUTORS = ("local", "process", "thread")
STOP_SECONDS = 1.0
"""How long an interrupted build waits for its pool workers to delete their temporary files."""


def check_executor(spec: str | None) -> str:
    """The executor spec, checked before any work: a local name or a well-formed scheduler address."""
    spec = spec or "local"
    if spec.startswith(("dask://", "tcp://")):
        scheduler_address(spec)
        return spec
    if spec not in EXECUTORS:
        hint = did_you_mean(spec, EXECUTORS)
        raise NarratorError(f'unknown executor "{spec}"; use local, thread or dask://HOST:PORT{hint}')
    return spec


def make_executor(spec: str) -> Executor:
    """A local executor: ``local`` (or ``process``) is a process pool, ``thread`` a thread pool."""
    if check_executor(spec) == "thread":
        return ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
    return process_pool()


class LocalPool(ProcessPoolExecutor):
    """A process pool whose workers die with the build and can be stopped at once (Ctrl-C)."""

    def __init__(self, workers: int, context: Any) -> None:
        self._others = set(multiprocessing.active_children())
        super().__init__(
            max_workers=workers, mp_context=context, initializer=pool_worker_started, initargs=(os.getpid(),)
        )
        self.submit(int).result()

    def stop(self) -> None:
        """Cancel what is queued and end the workers now; each deletes its temporary files first, which
        this waits for briefly, then kills those still running (the build sweeps what they left)."""
        workers = [p for p in multiprocessing.active_children() if p not in self._others]
        self.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                worker.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        for worker in workers:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                worker.join(max(0.0, deadline - time.monotonic()))
        for worker in workers:  # too slow to stop (a busy machine): gone now, their locks with them
            with contextlib.suppress(OSError, ValueError, AssertionError):
                if worker.is_alive():
                    worker.kill()
                    worker.join(STOP_SECONDS)


def process_pool() -> LocalPool:
    """A local pool, its workers started at once.

    Forking is the cheapest start (no re-import, no ``__main__`` guard needed in a caller's script) but
    is safe only while this process has one thread: a fork from a driver thread once deadlocked a
    worker on a lock held at that moment. A fork-context pool launches every worker on its first
    submit, so that submit is made here, before the build starts its threads; a caller that already
    runs threads gets forkserver workers instead.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform == "linux" and threading.active_count() == 1:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    return LocalPool(os.cpu_count() or 2, multiprocessing.get_context(method))


@contextmanager
def executor_for(
    spec: str | None, *, shared: Sequence[Path] = (), engines: Iterable[str] = ()
) -> Iterator[Executor]:
    """The executor for synthesis and encoding, shut (and a Dask client closed) when the block ends.

    ``dask://HOST:PORT`` runs tasks on a Dask cluster whose workers must see the ``shared`` folders and
    run the same versions of ``engines`` (narrator.build.cluster checks both before the first task).
    An interrupt (Ctrl-C) stops a local pool's workers at once instead of waiting for their tasks.
    """
    spec = check_executor(spec)
    if spec.startswith(("dask://", "tcp://")):
        from narrator.engines import get_engine

        versions = {name: get_engine(name).version() for name in sorted(set(engines))}
        with dask_executor(spec, shared=shared, engines=versions) as executor:
            yield executor
        return
    executor = make_executor(spec)
    try:
        yield executor
    except Exception:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    except BaseException:
        if isinstance(executor, LocalPool):
            executor.stop()
        else:
            executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
