"""The web page in headless Chromium: every player loads its audio metadata and captions, axe-core finds
no accessibility violations, the skip link comes first, and the content is there without JavaScript."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from publish_helpers import make_channel, make_episode, needs_audio_tools

from narrator.publish.serve import OutputServer, start_server
from narrator.publish.site import publish

CHROMIUM = Path("/usr/bin/chromium")
# axe-core as bundled by the axe-playwright-python package on PyPI (no npm needed).
_AXE_PACKAGE = importlib.util.find_spec("axe_playwright_python")
AXE = Path(_AXE_PACKAGE.origin).parent / "axe.min.js" if _AXE_PACKAGE else Path("/nonexistent")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Offline and quiet: no update checks, sync or first-run pages that would reach the network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")

pytestmark = [
    pytest.mark.slow,
    needs_audio_tools,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium is not installed (apt install chromium)"
    ),
    pytest.mark.skipif(
        not AXE.exists(), reason="axe-core is not installed (pip install axe-playwright-python)"
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OutputServer]:
    out = tmp_path_factory.mktemp("site")
    server = start_server(out)
    day = datetime(2024, 4, 1, 9, tzinfo=timezone.utc)
    episodes = [
        make_episode(out, "first-story", "First story", day),
        make_episode(
            out, "second-story", 'Ben & Jerry\'s <script>alert("x")</script> ]]>', day.replace(day=2)
        ),
    ]
    publish(make_channel(base_url=server.url), episodes, out, day.replace(day=3))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


MEDIA_READY = """() => [...document.querySelectorAll('audio')].every(audio => {
    const track = audio.querySelector('track');
    return audio.readyState >= 1 && audio.duration > 0 && track && track.readyState === 2
        && audio.textTracks[0].cues && audio.textTracks[0].cues.length > 0;
})"""
MEDIA_STATE = """() => [...document.querySelectorAll('audio')].map(audio => ({
    src: audio.currentSrc, readyState: audio.readyState, duration: audio.duration,
    error: audio.error && audio.error.code, track: audio.querySelector('track').readyState,
    cues: audio.textTracks[0].cues ? audio.textTracks[0].cues.length : null,
}))"""


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]


@pytest.mark.parametrize("path", ["", "episodes/first-story.html", "episodes/second-story.html"])
def test_players_captions_and_accessibility(site: OutputServer, browser: Any, path: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site.url + path)
    try:
        page.wait_for_function(MEDIA_READY, timeout=20_000)
    except playwright_api.TimeoutError:
        pytest.fail(f"media did not load: {json.dumps(page.evaluate(MEDIA_STATE))}")
    assert page.locator("audio").count() == (2 if path == "" else 1)
    assert axe_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    name = (path.replace("/", "-").removesuffix(".html") or "index") + ".png"
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert errors == []
    page.close()


def test_page_works_without_javascript(site: OutputServer, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url)
    assert page.locator("audio[controls]").count() == 2
    assert page.get_by_role("link", name="Subscribe (RSS feed)").is_visible()
    assert page.locator("h3", has_text="<script>").count() == 1
    context.close()
