"""Issue 12, item 14: a listener fetching while the podcast is rebuilt always gets the file the feed names,
at the length it states."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from .conftest import LIBRARY, NARRATOR, Podcast


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - 127.0.0.1 only
        return response.read()


def test_downloads_during_three_rebuilds_always_match_the_feed(built: Podcast) -> None:
    server = subprocess.Popen(
        [*NARRATOR, "serve", "output", "--port", "0", "--host", "127.0.0.1"],
        cwd=built.root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=os.environ.copy(),
    )
    try:
        assert server.stdout is not None
        address = re.search(r"at (http://127\.0\.0\.1:\d+/)", server.stdout.readline())
        assert address, "serve did not say where it listens"
        base = address.group(1)
        done = threading.Event()
        downloads: list[tuple[str, int, int]] = []
        problems: list[str] = []

        def listen() -> None:
            """Fetch the feed, then every enclosure it names, again and again, like a busy podcast app."""
            while not done.is_set():
                try:
                    root = ET.fromstring(fetch(base + "feed.xml"))
                except Exception as error:  # a listener must never see a broken feed either
                    problems.append(f"feed: {error}")
                    continue
                for enclosure in root.iter("enclosure"):
                    path = urlsplit(enclosure.get("url") or "").path.lstrip("/")
                    try:
                        size = len(fetch(base + path))
                    except Exception as error:
                        problems.append(f"{path}: {error}")
                        continue
                    downloads.append((path, int(enclosure.get("length") or -1), size))

        listener = threading.Thread(target=listen)
        listener.start()
        try:
            harbour = built.article("harbour.txt")
            changes = [
                lambda: harbour.write_text(harbour.read_text().replace("Tuesday", "Wednesday")),
                lambda: built.article("library.txt").write_text(LIBRARY),
                lambda: harbour.write_text(harbour.read_text().replace("a fisherman", "a local fisherman")),
            ]
            for change in changes:
                change()
                built.build(built=1)
        finally:
            done.set()
            listener.join(timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not problems, problems[:5]
    mismatched = [d for d in downloads if d[1] != d[2]]
    assert not mismatched, f"{len(mismatched)} of {len(downloads)} downloads: {mismatched[:5]}"
    assert len(downloads) >= 10, downloads
