"""The web page in headless Chromium: every player loads its audio metadata and captions, axe-core finds
no accessibility violations, the skip link comes first, and the content is there without JavaScript."""

from __future__ import annotations

import importlib.util
import json
import re
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


# About twenty seconds of speech: long enough that a remembered position is worth resuming.
SCRIPT = (
    ("paragraph", "Narrator", "The town council met on Tuesday evening to decide on the old bridge."),
    ("paragraph", "Narrator", "Most of the seats in the hall were taken long before the meeting began."),
    ("heading", "Narrator", "A wall you can see over"),
    ("paragraph", "Narrator", "The lead engineer explained why the new parapet is low and made of glass."),
    ("paragraph", "Anna Smith", "It keeps the view of the river open for everyone who walks across."),
    ("heading", "Narrator", "What happens next"),
    ("paragraph", "Narrator", "Work is due to start in the spring and to finish before the winter."),
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OutputServer]:
    out = tmp_path_factory.mktemp("site")
    server = start_server(out)
    day = datetime(2024, 4, 1, 9, tzinfo=timezone.utc)
    episodes = [
        make_episode(out, "first-story", "First story", day, script=SCRIPT),
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


@pytest.mark.parametrize("path", ["", "episodes/harbour.html"])
def test_m4a_episodes_play_with_captions(m4a_site: OutputServer, browser: Any, path: str) -> None:
    page = browser.new_page()
    page.goto(m4a_site.url + path)
    try:
        page.wait_for_function(MEDIA_READY, timeout=20_000)
    except playwright_api.TimeoutError:
        pytest.fail(f"media did not load: {json.dumps(page.evaluate(MEDIA_STATE))}")
    (state,) = page.evaluate(MEDIA_STATE)
    # Episode files are versioned, <slug>-<tag> (issue 12).
    assert re.search(r"/harbour-[0-9a-f]{10}\.m4a$", state["src"]) and state["duration"] > 5
    # Playing for real: the clock moves and the first caption cue becomes active.
    page.evaluate("() => { const audio = document.querySelector('audio'); audio.muted = true; audio.play() }")
    page.wait_for_function(
        "() => { const audio = document.querySelector('audio'); return audio.currentTime > 0.5"
        " && audio.textTracks[0].activeCues && audio.textTracks[0].activeCues.length > 0; }",
        timeout=20_000,
    )
    assert axe_violations(page) == []
    page.close()


def test_page_works_without_javascript(site: OutputServer, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url)
    assert page.locator("audio[controls]").count() == 2
    assert page.get_by_role("link", name="Subscribe (RSS feed)").is_visible()
    assert page.locator("h3", has_text="<script>").count() == 1
    # Controls that need the script stay hidden; seek links are media fragments the browser plays itself.
    assert not page.locator(".controls").first.is_visible()
    page.goto(site.url + "episodes/first-story.html")
    link = page.locator(".chapters a").nth(1)
    fragment = link.get_attribute("data-start")
    start = float(fragment)
    link.click()
    page.wait_for_url(f"**/first-story.mp3#t={fragment}")
    # The browser's own media page plays from the fragment: where playback began is the first played range.
    began = page.wait_for_function(
        "() => { const m = document.querySelector('video, audio');"
        " return m && m.played.length ? m.played.start(0) : null; }"
    ).json_value()
    assert began == pytest.approx(start, abs=0.05)
    context.close()


@pytest.fixture()
def episode_page(site: OutputServer, browser: Any) -> Iterator[Any]:
    """The first story's page, its audio loaded, in a fresh context (its own localStorage)."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site.url + "episodes/first-story.html")
    page.wait_for_function(MEDIA_READY, timeout=20_000)
    yield page
    assert errors == []
    context.close()


def audio_time(page: Any) -> float:
    return float(page.evaluate("document.querySelector('audio').currentTime"))


def played_from(page: Any) -> list[float]:
    """Where each stretch of playback began, once playback has begun."""
    return page.wait_for_function(
        "() => { const p = document.querySelector('audio').played;"
        " return p.length ? Array.from({length: p.length}, (_, i) => p.start(i)) : null; }"
    ).json_value()


def test_chapter_link_moves_the_player_to_its_start(episode_page: Any) -> None:
    page = episode_page
    page.evaluate("document.querySelector('audio').muted = true")
    link = page.locator(".chapters a.seek").nth(2)
    start = float(link.get_attribute("data-start"))
    assert start > 5
    link.click()
    # The link also starts playback, so the clock moves on; where playback began is the played range.
    assert played_from(page) == [pytest.approx(start, abs=0.05)]
    assert page.url.endswith("first-story.html")  # the page stays; only the player moved
    page.locator(".transcript p a.seek").first.click()
    page.wait_for_function("() => document.querySelector('audio').played.length === 2")
    assert played_from(page) == [pytest.approx(0, abs=0.05), pytest.approx(start, abs=0.05)]


FOLLOW = """() => new Promise(resolve => {
    const audio = document.querySelector('audio');
    const seen = [];
    audio.addEventListener('timeupdate', () => {
        const lit = document.querySelectorAll('.cue.current');
        const starts = [...document.querySelectorAll('.cue')].map(c => parseFloat(c.dataset.start));
        const expected = starts.filter(s => s <= audio.currentTime + 0.05).length - 1;
        seen.push({time: audio.currentTime, lit: lit.length,
                   index: [...document.querySelectorAll('.cue')].indexOf(lit[0]), expected,
                   current: lit.length ? lit[0].getAttribute('aria-current') : null});
    });
    audio.addEventListener('ended', () => resolve(seen));
    audio.muted = true;
    audio.playbackRate = 2;
    audio.play();
})"""


def test_highlighted_cue_follows_playback_without_taking_focus(episode_page: Any) -> None:
    page = episode_page
    page.locator(".speed").focus()
    seen = page.evaluate(FOLLOW)
    lit = [entry for entry in seen if entry["lit"]]
    assert all(entry["lit"] == 1 and entry["current"] == "time" for entry in lit)
    # Each update lights the cue being spoken (a timeupdate may arrive just before the next cue starts).
    assert all(abs(entry["index"] - entry["expected"]) <= 1 for entry in lit)
    order = [entry["index"] for entry in lit]
    assert order == sorted(order) and len(set(order)) >= 5
    assert page.evaluate("document.activeElement.className") == "speed"
    assert page.locator("[aria-live]").count() == 0


def test_speed_and_position_are_remembered(episode_page: Any) -> None:
    page = episode_page
    page.select_option(".speed", "1.5")
    assert page.evaluate("document.querySelector('audio').playbackRate") == 1.5
    page.evaluate(
        "() => { const a = document.querySelector('audio'); a.currentTime = 8; "
        "a.play().then(() => a.pause()); }"
    )
    page.wait_for_function("() => document.querySelector('audio').paused && localStorage.length >= 2")
    page.reload()
    page.wait_for_function(MEDIA_READY)
    assert page.evaluate("document.querySelector('audio').playbackRate") == 1.5
    assert audio_time(page) == pytest.approx(8, abs=0.5)
    resume = page.locator(".resume")
    assert resume.is_visible() and "Continuing from 0:08" in resume.inner_text()
    resume.get_by_role("button", name="Start from the beginning").click()
    assert audio_time(page) == 0
    page.reload()
    page.wait_for_function(MEDIA_READY)
    assert audio_time(page) == 0 and not page.locator(".resume").is_visible()


def test_keyboard_shortcuts_are_documented_and_can_be_turned_off(episode_page: Any) -> None:
    page = episode_page
    page.evaluate("document.querySelector('audio').muted = true")
    shortcuts = page.locator("details.shortcuts")
    assert shortcuts.is_visible()
    shortcuts.locator("summary").click()
    assert "Play or pause" in shortcuts.inner_text()
    page.locator("h1").click()
    page.keyboard.press("]")
    second = float(page.locator(".chapters a.seek").nth(1).get_attribute("data-start"))
    assert audio_time(page) == pytest.approx(second, abs=0.05)
    page.keyboard.press(">")
    assert page.evaluate("document.querySelector('audio').playbackRate") == 1.25
    page.keyboard.press("k")
    page.wait_for_function("() => !document.querySelector('audio').paused")
    page.keyboard.press("k")
    page.wait_for_function("() => document.querySelector('audio').paused")
    shortcuts.get_by_label("Use these shortcuts").uncheck()
    page.locator("h1").click()
    page.keyboard.press("[")
    page.keyboard.press(">")
    assert page.evaluate("document.querySelector('audio').playbackRate") == 1.25


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1280, 900), ("phone", 390, 844)])
def test_screenshots_and_accessibility_at_two_sizes(
    episode_page: Any, name: str, width: int, height: int
) -> None:
    page = episode_page
    page.set_viewport_size({"width": width, "height": height})
    page.locator(".chapters a.seek").nth(1).click()
    page.evaluate("document.querySelector('audio').pause()")
    assert page.locator(".cue.current").count() == 1
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"episode-{name}.png"), full_page=True)
