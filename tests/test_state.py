import json
import multiprocessing
import uuid
from datetime import datetime, timezone

import pytest

from narrator.build.state import EpisodeRegistry, build_lock, slugify
from narrator.errors import BuildLockedError

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
LATER = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def test_slugs_are_ascii():
    assert slugify("Ça va? Überall -- 2026!") == "ca-va-uberall-2026"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("日本") == "episode"


def test_guid_and_date_survive_title_change_and_rename(tmp_path):
    registry = EpisodeRegistry.load(tmp_path)
    first = registry.claim("/a/story.txt", "hash1", "story", NOW)
    registry.save()
    again = EpisodeRegistry.load(tmp_path)
    edited = again.claim("/a/story.txt", "hash2", "story", LATER)
    assert (edited.guid, edited.slug, edited.first_published) == (first.guid, "story", NOW.isoformat())
    renamed = again.claim("/a/renamed.txt", "hash2", "renamed", LATER)
    assert renamed.guid == first.guid and renamed.slug == "story"


def test_new_articles_get_distinct_slugs_and_guids(tmp_path):
    registry = EpisodeRegistry.load(tmp_path)
    present = {"/a/x.txt", "/b/x.txt"}
    one = registry.claim("/a/x.txt", "h1", "x", NOW, present=present)
    two = registry.claim("/b/x.txt", "h2", "x", NOW, present=present)
    assert one.slug == "x" and two.slug == "x-2" and one.guid != two.guid


def test_a_copy_is_not_a_rename_and_a_moved_folder_keeps_its_episodes(tmp_path):
    registry = EpisodeRegistry.load(tmp_path)
    original = registry.claim("/a/x.txt", "h1", "x", NOW, present={"/a/x.txt"})
    copy = registry.claim("/a/x-copy.txt", "h1", "x-copy", NOW, present={"/a/x.txt", "/a/x-copy.txt"})
    assert copy.guid != original.guid
    moved = registry.claim("/b/x.txt", "h2", "x", LATER, present={"/b/x.txt"})  # moved, then edited
    assert (moved.slug, moved.guid) == (original.slug, original.guid)


def test_guids_are_the_same_for_the_same_podcast_built_twice(tmp_path):
    namespace = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
    guids = [
        EpisodeRegistry.load(tmp_path / name).claim("/a/x.txt", "h1", "x", NOW, namespace=namespace).guid
        for name in ("one", "two")
    ]
    assert guids[0] == guids[1] and uuid.UUID(guids[0]).version == 5


def test_deleting_the_cache_keeps_guids(tmp_path):
    registry = EpisodeRegistry.load(tmp_path)
    guid = registry.claim("/a/x.txt", "h1", "x", NOW).guid
    registry.save()
    cache = tmp_path / ".narrator" / "cache"
    cache.mkdir()
    (cache / "junk.wav").write_bytes(b"x")
    import shutil

    shutil.rmtree(cache)
    assert EpisodeRegistry.load(tmp_path).claim("/a/x.txt", "h1", "x", LATER).guid == guid
    data = json.loads((tmp_path / ".narrator" / "episodes.json").read_text())
    assert data["episodes"]["x"]["guid"] == guid


def _hold_lock(path, ready, release):
    with build_lock(path):
        ready.set()
        release.wait(10)


def test_second_build_is_refused_and_a_dead_builds_lock_is_not_stale(tmp_path):
    ready, release = multiprocessing.Event(), multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold_lock, args=(tmp_path, ready, release))
    holder.start()
    assert ready.wait(10)
    with pytest.raises(BuildLockedError, match="being built by pid"), build_lock(tmp_path):
        pass
    holder.kill()
    holder.join()
    with build_lock(tmp_path):
        pass


def test_an_atomic_write_that_cannot_be_renamed_is_one_clear_error(tmp_path):
    from narrator.errors import NarratorError
    from narrator.fsutil import atomic_write_text

    target = tmp_path / "feed.xml"
    target.mkdir()  # a folder where the file should go: the rename fails with EISDIR
    with pytest.raises(NarratorError, match=r"^cannot write .*feed\.xml: Is a directory"):
        atomic_write_text(target, "x")
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]  # no temporary file left


EXITING_WHILE_A_THREAD_WRITES = """
import os, sys, threading, time
from pathlib import Path
from narrator.errors import NarratorError
from narrator.fsutil import atomic_path, remove_temporaries, staging_folder

parent = Path(sys.argv[1])
written = threading.Event()
refused = []

def write_forever():
    while True:
        try:
            with staging_folder(parent / "staging") as folder, atomic_path(parent / "clip.wav") as tmp:
                tmp.write_bytes(b"x")
                (folder / "clip.wav").write_bytes(b"x")
            written.set()  # one whole write has landed
        except NarratorError:
            refused.append(1)

threading.Thread(target=write_forever, daemon=True).start()
written.wait(60)
remove_temporaries(exiting=True)  # what an interrupted build does just before it exits
deadline = time.monotonic() + 60
while not refused and time.monotonic() < deadline:  # the writer goes on trying meanwhile
    time.sleep(0.01)
time.sleep(0.05)
print(len(refused) > 0, flush=True)
os._exit(130)
"""


def test_an_exiting_process_leaves_no_temporary_behind_while_another_thread_writes(tmp_path):
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", EXITING_WHILE_A_THREAD_WRITES, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 130, run.stderr
    assert run.stdout.strip() == "True"  # the writer was refused after the removal
    assert list((tmp_path / "staging").iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip.wav", "staging"]
