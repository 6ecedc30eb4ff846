"""The validator: a clean build passes, and each broken rule is caught and named on a crafted output."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree
from mutagen.id3 import ID3
from mutagen.mp4 import MP4
from PIL import Image
from publish_helpers import make_channel, make_episode, needs_audio_tools

from narrator.produce.formats import M4A
from narrator.publish.site import publish
from narrator.publish.validate import Problem, validate_output

pytestmark = [pytest.mark.audio, needs_audio_tools]

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
}
NOW = datetime(2024, 6, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good")
    episodes = [
        make_episode(out, "alpha", "Alpha", datetime(2024, 5, 1, 10, tzinfo=timezone.utc)),
        make_episode(out, "beta", "Beta", datetime(2024, 5, 2, 10, tzinfo=timezone.utc)),
    ]
    publish(make_channel(), episodes, out, NOW)
    return out


@pytest.fixture()
def out(good: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "output"
    shutil.copytree(good, copy)
    return copy


def edit_text(out: Path, old: str, new: str, count: int = 1) -> None:
    feed = out / "feed.xml"
    text = feed.read_text(encoding="utf-8")
    assert old in text, old
    feed.write_text(text.replace(old, new, count), encoding="utf-8")


def edit_tree(out: Path, change: Callable[[etree._Element], None]) -> None:
    tree = etree.parse(str(out / "feed.xml"))
    change(tree.getroot())
    tree.write(str(out / "feed.xml"), xml_declaration=True, encoding="UTF-8")


def first(root: etree._Element, path: str) -> etree._Element:
    return root.xpath(path, namespaces=NS)[0]


def set_text(path: str, value: str) -> Callable[[Path], None]:
    def change(out: Path) -> None:
        edit_tree(out, lambda root: setattr(first(root, path), "text", value))

    return change


def set_attr(path: str, name: str, value: str) -> Callable[[Path], None]:
    def change(out: Path) -> None:
        edit_tree(out, lambda root: first(root, path).set(name, value))

    return change


def remove(path: str) -> Callable[[Path], None]:
    def change(out: Path) -> None:
        def drop(root: etree._Element) -> None:
            for element in root.xpath(path, namespaces=NS):
                element.getparent().remove(element)

        edit_tree(out, drop)

    return change


def replace_text(old: str, new: str) -> Callable[[Path], None]:
    return lambda out: edit_text(out, old, new)


def sync_length(out: Path, slug: str) -> None:
    size = (out / "episodes" / f"{slug}.mp3").stat().st_size
    set_attr(f"//item[contains(enclosure/@url, '/{slug}.mp3')]/enclosure", "length", str(size))(out)


def reencode(*args: str) -> Callable[[Path], None]:
    def change(out: Path) -> None:
        audio = out / "episodes" / "alpha.mp3"
        wav = out / "alpha.wav"
        subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-i", str(audio), str(wav)], check=True)
        command = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(wav), *args, str(audio)]
        subprocess.run(command, check=True)
        wav.unlink()
        sync_length(out, "alpha")

    return change


def strip_id3(out: Path) -> None:
    ID3(out / "episodes" / "alpha.mp3").delete()
    sync_length(out, "alpha")


def write_artwork(size: tuple[int, int], mode: str = "RGB", fmt: str = "JPEG") -> Callable[[Path], None]:
    def change(out: Path) -> None:
        Image.new(mode, size).save(out / "artwork.jpg", format=fmt)

    return change


def write_side(name: str, content: str) -> Callable[[Path], None]:
    return lambda out: (out / "episodes" / name).write_text(content, encoding="utf-8")


def serial_without_numbers(out: Path) -> None:
    set_text("/rss/channel/itunes:type", "serial")(out)


def duplicate_enclosure(out: Path) -> None:
    url = etree.parse(str(out / "feed.xml")).xpath("//item/enclosure/@url")[0]
    set_attr("//item[2]/enclosure", "url", url)(out)


def duplicate_guid(out: Path) -> None:
    guid = etree.parse(str(out / "feed.xml")).xpath("//item/guid/text()")[0]
    set_text("//item[2]/guid", guid)(out)


ITEM = "//item[contains(enclosure/@url, '/alpha.mp3')]"
BROKEN: list[tuple[str, Callable[[Path], None]]] = [
    ("doc.missing", lambda out: (out / "feed.xml").unlink()),
    ("doc.well-formed", replace_text("<title>Test Podcast</title>", "<title>Tom & Jerry <b></title>")),
    ("doc.declaration", replace_text('<?xml version="1.0" encoding="UTF-8"?>\n', "")),
    ("doc.namespace", replace_text("http://www.itunes.com/dtds/", "http://www.itunes.com/DTDs/")),
    (
        "doc.namespace",
        replace_text(
            'xmlns:podcast="https://podcastindex.org/namespace/1.0"',
            'xmlns:podcast="https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"',
        ),
    ),
    ("doc.rss", set_attr("/rss", "version", "0.91")),
    ("channel.atom-self", remove("/rss/channel/atom:link")),
    ("channel.atom-self", set_attr("/rss/channel/atom:link", "type", "text/xml")),
    ("channel.title", set_text("/rss/channel/title", "")),
    ("channel.link", set_text("/rss/channel/link", "/index.html")),
    ("channel.description", set_text("/rss/channel/description", "é" * 2001)),
    ("channel.description", remove("/rss/channel/description")),
    ("channel.language", set_text("/rss/channel/language", "english")),
    ("channel.language", set_text("/rss/channel/language", "en_US")),
    ("channel.language", set_text("/rss/channel/language", "xx")),
    ("channel.image", remove("/rss/channel/itunes:image")),
    ("channel.image", set_attr("/rss/channel/itunes:image", "href", "http://127.0.0.1:8765/missing.jpg")),
    ("channel.image", set_attr("/rss/channel/itunes:image", "href", "artwork.jpg")),
    ("channel.artwork", write_artwork((1000, 1000))),
    ("channel.artwork", write_artwork((1400, 1500))),
    ("channel.artwork", write_artwork((3100, 3100))),
    ("channel.artwork", write_artwork((1400, 1400), "RGBA", "PNG")),
    ("channel.artwork", write_artwork((1400, 1400), "CMYK")),
    ("channel.category", set_attr("/rss/channel/itunes:category", "text", "Newz")),
    ("channel.category", set_attr("/rss/channel/itunes:category/itunes:category", "text", "Tech News Daily")),
    ("channel.category", remove("/rss/channel/itunes:category")),
    ("channel.explicit", set_text("/rss/channel/itunes:explicit", "yes")),
    ("channel.explicit", set_text("/rss/channel/itunes:explicit", "clean")),
    ("channel.explicit", remove("/rss/channel/itunes:explicit")),
    ("channel.author", remove("/rss/channel/itunes:author")),
    ("channel.owner", set_text("/rss/channel/itunes:owner/itunes:email", "not an email")),
    ("channel.owner", remove("/rss/channel/itunes:owner/itunes:name")),
    ("channel.owner", remove("/rss/channel/itunes:owner")),
    ("channel.type", set_text("/rss/channel/itunes:type", "weekly")),
    ("channel.podcast-guid", set_text("/rss/channel/podcast:guid", "not-a-uuid")),
    ("channel.locked", set_text("/rss/channel/podcast:locked", "true")),
    ("channel.locked", set_attr("/rss/channel/podcast:locked", "owner", "nobody")),
    ("channel.medium", set_text("/rss/channel/podcast:medium", "radio")),
    ("channel.rss-image", set_text("/rss/channel/image/title", "Another title")),
    ("channel.rss-image", set_text("/rss/channel/image/link", "http://example.org/")),
    ("channel.items", remove("//item")),
    ("item.title", set_text(f"{ITEM}/title", "  ")),
    ("item.enclosure", remove(f"{ITEM}/enclosure")),
    ("item.enclosure.type", set_attr(f"{ITEM}/enclosure", "type", "audio/mp3")),
    ("item.enclosure.length", set_attr(f"{ITEM}/enclosure", "length", "12")),
    ("item.enclosure.length", set_attr(f"{ITEM}/enclosure", "length", "12 kB")),
    ("item.enclosure.url", set_attr(f"{ITEM}/enclosure", "url", "http://127.0.0.1:8765/episodes/gone.mp3")),
    ("item.enclosure.url", set_attr(f"{ITEM}/enclosure", "url", "episodes/alpha.mp3")),
    ("item.enclosure.duplicate", duplicate_enclosure),
    ("item.guid", remove(f"{ITEM}/guid")),
    ("item.guid.unique", duplicate_guid),
    ("item.guid.permalink", lambda out: edit_text(out, ' isPermaLink="false"', "")),
    ("item.pubdate", set_text(f"{ITEM}/pubDate", "Mon, 01 May 2024 10:00:00 GMT")),
    ("item.pubdate", set_text(f"{ITEM}/pubDate", "Mi, 01 Mai 2024 10:00:00 GMT")),
    ("item.pubdate", set_text(f"{ITEM}/pubDate", "2024-05-01T10:00:00Z")),
    ("item.pubdate", set_text(f"{ITEM}/pubDate", "Wed, 31 Feb 2024 10:00:00 GMT")),
    ("item.duration", set_text(f"{ITEM}/itunes:duration", "0:00:03")),
    ("item.duration", set_text(f"{ITEM}/itunes:duration", "300")),
    ("item.explicit", set_text(f"{ITEM}/itunes:explicit", "no")),
    ("item.episode-type", set_text(f"{ITEM}/itunes:episodeType", "regular")),
    ("item.episode", serial_without_numbers),
    ("item.description", set_text(f"{ITEM}/description", "x" * 4001)),
    ("item.link", set_text(f"{ITEM}/link", "alpha.html")),
    ("item.transcript.type", set_attr(f"{ITEM}/podcast:transcript[1]", "type", "text/plain")),
    ("item.transcript.url", set_attr(f"{ITEM}/podcast:transcript[1]", "url", "http://127.0.0.1:8765/x.vtt")),
    ("item.transcript.content", write_side("alpha.vtt", "00:00.000 --> 00:01.000\nHello\n")),
    ("item.transcript.content", write_side("alpha.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nNo speaker\n")),
    ("item.transcript.content", write_side("alpha.srt", "Hello there\n")),
    ("item.transcript.content", write_side("alpha.transcript.json", '{"version": "1.0.0"}')),
    ("item.transcript.content", write_side("alpha.transcript.json", "{not json")),
    ("item.transcript.formats", remove(f"{ITEM}/podcast:transcript[@type='application/x-subrip']")),
    ("item.chapters.type", set_attr(f"{ITEM}/podcast:chapters", "type", "application/json")),
    ("item.chapters.url", set_attr(f"{ITEM}/podcast:chapters", "url", "http://127.0.0.1:8765/none.json")),
    (
        "item.chapters.content",
        write_side(
            "alpha.chapters.json",
            json.dumps({"version": "1.2.0", "chapters": [{"startTime": 999, "title": "x"}]}),
        ),
    ),
    (
        "item.chapters.content",
        write_side(
            "alpha.chapters.json",
            json.dumps(
                {
                    "version": "1.2.0",
                    "chapters": [{"startTime": 1, "title": "b"}, {"startTime": 0, "title": "a"}],
                }
            ),
        ),
    ),
    ("item.chapters.content", write_side("alpha.chapters.json", "[]")),
    ("media.mpeg", reencode("-ar", "22050", "-codec:a", "libmp3lame", "-b:a", "32k", "-metadata", "title=A")),
    (
        "media.mpeg",
        lambda out: (
            (out / "episodes" / "alpha.mp3").write_bytes(b"RIFF" + bytes(4000)),
            sync_length(out, "alpha"),
        ),
    ),
    ("media.cbr", reencode("-codec:a", "libmp3lame", "-q:a", "2", "-metadata", "title=A")),
    ("media.id3-title", strip_id3),
    ("files.ascii", lambda out: (out / "episodes" / "Épisode 1.mp3").write_bytes(b"x")),
]


def test_a_clean_build_has_no_problems(good: Path) -> None:
    assert validate_output(good) == []


@pytest.mark.parametrize(
    ("rule", "breakage"), BROKEN, ids=[f"{rule}-{n}" for n, (rule, _) in enumerate(BROKEN)]
)
def test_each_broken_rule_is_named(out: Path, rule: str, breakage: Callable[[Path], None]) -> None:
    breakage(out)
    problems = validate_output(out)
    assert rule in {p.rule for p in problems}, problems
    for problem in problems:
        assert problem.severity in ("error", "warning") and problem.message


def test_warnings_are_not_errors(out: Path) -> None:
    set_text(f"{ITEM}/title", "Test Podcast episode 12")(out)
    problems = validate_output(out)
    assert {(p.rule, p.severity) for p in problems} == {("item.title", "warning")}
    assert len(problems) == 2


def test_problem_reads_as_one_line() -> None:
    problem = Problem("item.enclosure.length", "item 1: enclosure length 12 but a.mp3 is 20 bytes")
    assert str(problem) == "error: item 1: enclosure length 12 but a.mp3 is 20 bytes [item.enclosure.length]"


# --- M4A episodes (AAC in MP4) ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_m4a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good-m4a")
    episodes = [
        make_episode(out, "alpha", "Alpha", datetime(2024, 5, 1, 10, tzinfo=timezone.utc), audio_format=M4A),
        make_episode(out, "beta", "Beta", datetime(2024, 5, 2, 10, tzinfo=timezone.utc), audio_format=M4A),
    ]
    publish(make_channel(), episodes, out, NOW)
    return out


def reencode_m4a(*args: str) -> Callable[[Path], None]:
    def change(out: Path) -> None:
        audio = out / "episodes" / "alpha.m4a"
        wav = out / "alpha.wav"
        subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-i", str(audio), str(wav)], check=True)
        command = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(wav), *args, "-f", "ipod",
                   str(audio)]  # fmt: skip
        subprocess.run(command, check=True)
        wav.unlink()
        set_attr(f"{M4A_ITEM}/enclosure", "length", str(audio.stat().st_size))(out)

    return change


def strip_mp4_tags(out: Path) -> None:
    audio = out / "episodes" / "alpha.m4a"
    MP4(audio).delete()
    set_attr(f"{M4A_ITEM}/enclosure", "length", str(audio.stat().st_size))(out)


M4A_ITEM = "//item[contains(enclosure/@url, '/alpha.m4a')]"
BROKEN_M4A: list[tuple[str, Callable[[Path], None]]] = [
    ("item.enclosure.type", set_attr(f"{M4A_ITEM}/enclosure", "type", "audio/mpeg")),
    ("item.enclosure.type", set_attr(f"{M4A_ITEM}/enclosure", "url", "http://127.0.0.1:8765/episodes/alpha.wav")),
    ("media.mp4", reencode_m4a("-c:a", "alac", "-metadata", "title=A")),
    ("media.mp4", lambda out: (out / "episodes" / "alpha.m4a").write_bytes(b"RIFF" + bytes(4000))),
    ("media.mp4-faststart", reencode_m4a("-c:a", "aac", "-b:a", "64k", "-metadata", "title=A")),
    ("media.mp4-title", strip_mp4_tags),
]


def test_a_clean_m4a_build_has_no_problems(good_m4a: Path) -> None:
    assert validate_output(good_m4a) == []
    enclosures = etree.parse(str(good_m4a / "feed.xml")).xpath("//item/enclosure")
    assert [(e.get("url").rsplit("/", 1)[1], e.get("type")) for e in enclosures] == [
        ("beta.m4a", "audio/x-m4a"),
        ("alpha.m4a", "audio/x-m4a"),
    ]


@pytest.mark.parametrize(
    ("rule", "breakage"), BROKEN_M4A, ids=[f"{rule}-{n}" for n, (rule, _) in enumerate(BROKEN_M4A)]
)
def test_each_broken_m4a_rule_is_named(
    good_m4a: Path, tmp_path: Path, rule: str, breakage: Callable[[Path], None]
) -> None:
    out = tmp_path / "output"
    shutil.copytree(good_m4a, out)
    breakage(out)
    problems = validate_output(out)
    assert rule in {p.rule for p in problems if p.severity == "error"}, problems
