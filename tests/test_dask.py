"""Builds on a Dask cluster: byte-identical to the local pool, and complete when a worker dies mid-build."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import threading
import time
from concurrent.futures import BrokenExecutor
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest

from narrator import __version__
from narrator.build.cluster import check_worker, executor_for, scheduler_address
from narrator.build.pipeline import build
from narrator.errors import NarratorError
from narrator.project import Project

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
ARTICLES = {
    "harbour-lights.txt": (
        "Harbour lights return\n\n"
        "The old harbour lights were switched on again last night after ten years in the dark.\n\n"
        '"It feels like the town has its eyes open again," said Mary Jones, who led the campaign.\n\n'
        "The council will pay for the electricity until the end of next year.\n"
    ),
    "bridge-repairs.txt": (
        "Bridge repairs finish early\n\n"
        "Repairs to the river bridge finished three weeks early and under budget.\n\n"
        '"The crews worked through the winter without a single lost day," said Tom Baker, the engineer.\n\n'
        "Buses will use the bridge again from Monday morning.\n"
    ),
}
RESTART_SECONDS = 300
"""A ceiling, not a measure, for what takes seconds on an idle machine and can take minutes on a busy one."""
EPISODE_FILES = (".mp3", ".vtt", ".srt", ".transcript.json", ".chapters.json")


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes on loopback; module-wide because each start costs seconds."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as local:
        yield local


@pytest.fixture(scope="module")
def local_build(tmp_path_factory) -> Project:
    """The reference: the same podcast built by the default local process pool, with its own cache."""
    project = podcast(tmp_path_factory.mktemp("local"))
    assert_complete(project, build(project, now=NOW, executor="local"))
    return project


def podcast(folder: Path) -> Project:
    """The repository's channel and voices with two short articles, each with one quoted speaker."""
    (folder / "voices").mkdir(parents=True)
    (folder / "articles").mkdir()
    # Both articles share the default outro, which either article's batch may speak first: the audio
    # must not depend on which.
    shutil.copy(ROOT / "podcast.toml", folder / "podcast.toml")
    for name in ("voices.toml", "lexicon.toml"):
        shutil.copy(ROOT / "voices" / name, folder / "voices")
    for name, text in ARTICLES.items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    return Project.at(config=folder / "podcast.toml")


def dask_spec(cluster) -> str:
    return "dask://" + cluster.scheduler_address.split("://", 1)[1]


def assert_complete(project: Project, report) -> None:
    assert not report.failed, report
    assert [r.status for r in report.results] == ["built", "built"]
    feed = feedparser.parse((project.output / "feed.xml").read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == 2
    for entry in feed.entries:
        (enclosure,) = entry.enclosures
        name = enclosure.href.rsplit("/", 1)[1]
        assert int(enclosure.length) == (project.output / "episodes" / name).stat().st_size


def episode_files(project: Project) -> dict[str, str]:
    """Digests of every episode file, by name (each version of an episode has files of its own)."""
    folder = project.output / "episodes"
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.name.endswith(EPISODE_FILES)
    }


def assert_identical(project: Project, reference: Project) -> None:
    # Digests, not bytes: pytest's diff of two MP3s that differ runs for minutes.
    ours, theirs = episode_files(project), episode_files(reference)
    assert len(ours) == 2 * len(EPISODE_FILES)
    assert ours == theirs, "the episodes differ between the Dask and the local build"


@pytest.mark.audio
def test_dask_build_is_byte_identical_to_the_local_pool(cluster, local_build, tmp_path):
    local = local_build
    remote = podcast(tmp_path / "remote")
    assert_complete(remote, build(remote, now=NOW, executor=dask_spec(cluster)))
    assert_identical(remote, local)
    # Every clip was made by a worker into the shared cache, and the client left no probe behind.
    assert sorted(p.name for p in remote.cache.rglob("*.wav")) == sorted(
        p.name for p in local.cache.rglob("*.wav")
    )
    assert not list(remote.cache.glob(".narrator-probe-*"))


def kill_a_busy_worker(client, cache: Path, killed: list[int], stop: threading.Event) -> None:
    """Once the first clip is in the cache, SIGKILL a worker process that has tasks in hand."""
    while not stop.is_set() and not any(cache.rglob("*.json")):
        time.sleep(0.02)
    if stop.is_set():
        return
    pids = client.run(os.getpid)
    busy = [address for address, tasks in client.processing().items() if tasks] or list(pids)
    os.kill(pids[busy[0]], signal.SIGKILL)
    killed.append(pids[busy[0]])


@pytest.mark.audio
def test_a_worker_killed_mid_build_leaves_a_complete_build(cluster, local_build, tmp_path):
    project = podcast(tmp_path / "podcast")
    killed: list[int] = []
    stop = threading.Event()
    with distributed.Client(cluster, set_as_default=False) as client:
        killer = threading.Thread(
            target=kill_a_busy_worker, args=(client, project.cache, killed, stop)
        )
        killer.start()
        try:
            report = build(project, now=NOW, executor=dask_spec(cluster))
        finally:
            stop.set()
            killer.join()
    assert killed, "the build finished before a worker could be killed"
    assert_complete(project, report)
    assert_identical(project, local_build)
    # No later test needs the killed worker back: on a machine whose cores are all busy, its nanny can
    # take minutes to restart it, or give up (issue 12, item 10).


def test_a_task_that_keeps_killing_workers_is_a_one_line_error():
    # Dask gives a task up after `allowed-failures` worker deaths; with none allowed the first death
    # decides, so the test needs no worker to be restarted (slow, or abandoned, on a busy machine).
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        executor_for(dask_spec(cluster)) as executor,
    ):
        future = executor.submit(os._exit, 1)
        with pytest.raises(BrokenExecutor, match="Dask gave up on _exit: the workers running it kept dying"):
            future.result(timeout=RESTART_SECONDS)


def test_scheduler_addresses_are_validated():
    assert scheduler_address("dask://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert scheduler_address("tcp://sched.example:8786") == "tcp://sched.example:8786"
    for bad in ("dask://", "dask://host", "dask://host:port", "dask://host:99999", "http://host:8786"):
        with pytest.raises(NarratorError, match="dask://HOST:PORT"):
            scheduler_address(bad)


def test_worker_check_names_what_a_worker_lacks(tmp_path):
    (tmp_path / ".narrator-probe-abc").touch()
    assert check_worker({str(tmp_path): "abc"}, {}, __version__) is None
    assert "does not see the client's folder" in check_worker({str(tmp_path): "xyz"}, {}, __version__)
    assert "install the same version everywhere" in check_worker({}, {}, "0.0.0")
    assert "the same engine version" in check_worker({}, {"flite": "flite 0.0"}, __version__)


def test_unreachable_scheduler_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setattr("narrator.build.cluster.CONNECT_TIMEOUT", 1.0)
    unreachable = r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    with pytest.raises(NarratorError, match=unreachable) as info, executor_for("dask://127.0.0.1:9"):
        pass
    assert "\n" not in str(info.value)


def test_unknown_executor_names_the_choices():
    with pytest.raises(NarratorError, match="use local, thread or dask://HOST:PORT"), executor_for("cluster"):
        pass
