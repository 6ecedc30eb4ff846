"""End-to-end tests with real clients; they share the episode builders in tests/publish_helpers.py."""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from publish_helpers import build_podcast  # noqa: E402

from narrator.publish.serve import OutputServer, start_server  # noqa: E402


@pytest.fixture(scope="session")
def m4a_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OutputServer]:
    """A podcast built by the real pipeline with `[audio] format = "m4a"`, served on loopback.

    Built once for the session: gPodder downloads it and Chromium plays it, and neither writes to it.
    """
    root = tmp_path_factory.mktemp("m4a-podcast")
    (root / "output").mkdir()
    server = start_server(root / "output")
    try:
        build_podcast(root, server.url, "m4a")
        yield server
    finally:
        server.shutdown()
        server.server_close()
