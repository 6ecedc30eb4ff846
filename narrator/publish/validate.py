"""Check a built output folder against every rule in feed-rules.md, including the files the feed points to.

The W3C validator skips the podcast namespace, artwork and enclosure sizes; directories reject feeds for
exactly those, so each check here names the rule it enforces (``item.enclosure.length``) for the CLI.
"""

from __future__ import annotations

import json
import posixpath
import re
import uuid
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree
from mutagen import MutagenError
from mutagen.mp3 import MP3, BitrateMode, HeaderNotFoundError
from mutagen.mp4 import MP4, Atoms
from PIL import Image

from narrator.config import apple_categories
from narrator.errors import shorten
from narrator.produce.formats import EPISODE_FORMATS, AudioFormat, format_for
from narrator.publish.artwork import MAX_BYTES, artwork_problems

Severity = Literal["error", "warning"]
DATA = Path(__file__).parent.parent / "data"

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
MAX_DESCRIPTION_BYTES = 4000
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LANGUAGE = re.compile(r"^([a-z]{2,3})(-[a-z0-9]{2,8})*$", re.IGNORECASE)
# RFC 2822 with English day and month names, as email.utils.format_datetime writes it.
RFC2822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}(:\d{2})? (GMT|UT|[+-]\d{4})$"
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SAFE_NAME = re.compile(r"^[a-z0-9._-]+$")
EPISODE_NUMBER = re.compile(r"\b(episode|ep\.?)\s*\d+\b|#\d+\b", re.IGNORECASE)
TRANSCRIPT_TYPES = {".vtt": "text/vtt", ".srt": "application/x-subrip", ".json": "application/json"}
SRT_TIMING = re.compile(r"^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """One broken rule: a short stable id, a message naming the value and the fix, and its weight."""

    rule: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.severity}: {self.message} [{self.rule}]"


@cache
def iso_639_1() -> frozenset[str]:
    text = (DATA / "iso-639-1.txt").read_text(encoding="utf-8")
    return frozenset(text.split())


def validate_output(output_dir: Path) -> list[Problem]:
    """Every problem with output_dir/feed.xml and the files it points to; empty when all is well."""
    feed = output_dir / "feed.xml"
    try:
        raw = feed.read_bytes()
    except OSError:
        return [Problem("doc.missing", f"{feed}: missing; run `narrator build` first")]
    return validate_feed(raw, output_dir) + list(page_problems(output_dir))


def validate_feed(raw: bytes, output_dir: Path) -> list[Problem]:
    """Every problem with a feed document that would be published as output_dir/feed.xml: a build checks
    the new feed with this before it replaces the live one."""
    feed = output_dir / "feed.xml"
    problems: list[Problem] = []
    if not re.match(rb"""<\?xml version=["']1\.0["'] encoding=["']UTF-8["']\s*\?>""", raw):
        problems.append(
            Problem("doc.declaration", f'{feed}: must start with <?xml version="1.0" encoding="UTF-8"?>')
        )
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem("doc.encoding", f"{feed}: not UTF-8 ({exc.reason} at byte {exc.start})"))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        return [*problems, Problem("doc.well-formed", f"{feed}: not well-formed XML: {exc}")]
    return problems + list(FeedCheck(root, output_dir).run())


CHECKED_ADDRESSES = ("link", "url", "image", "enclosure", "transcript", "chapters")
"""Feed elements whose addresses have a rule of their own."""
LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite", "data", "background")
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)


def link_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url``, or None for a relative link.

    Browsers drop tabs and newlines anywhere in a URL and control characters and spaces around it,
    so ``java\tscript:`` is still javascript: (WHATWG URL standard, basic URL parser).
    """
    squeezed = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(33))))
    match = SCHEME.match(squeezed)
    return match.group(1).lower() if match else None


@cache
def player_script() -> str:
    """The one script narrator writes: the episode pages' player (publish/templates/player.js)."""
    return (Path(__file__).parent / "templates" / "player.js").read_text(encoding="utf-8").strip()


def html_link_problems(html: str, rule: str, where: str, *, pages: bool = False) -> Iterator[Problem]:
    """Every link in an HTML page or fragment goes to a web address or a relative path: no javascript:,
    data: or other scheme that runs script or leaves the web. Script and event handlers are errors too,
    except, on ``pages``, narrator's own player script, character for character."""
    try:
        root = lxml.html.fromstring(f"<div>{html}</div>") if html.strip() else None
    except (etree.ParserError, ValueError):
        return
    for element in () if root is None else root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        if pages and element.tag == "script" and not element.attrib and (element.text or "").strip() == (
            player_script()
        ):
            continue
        if element.tag in ("script", "iframe", "object", "embed"):
            yield Problem(rule, f"{where}: <{element.tag}> must not appear; narrator never writes one")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                yield Problem(rule, f"{where}: <{element.tag} {name}> runs script; narrator never writes one")
            elif name.lower() in LINK_ATTRIBUTES and link_scheme(value) not in (None, "http", "https"):
                yield Problem(rule, f'{where}: link "{shorten(value)}" is not an http(s) address')


def page_problems(output_dir: Path) -> Iterator[Problem]:
    """The link rules for every HTML page in the output folder (build state in hidden folders aside)."""
    for path in sorted(output_dir.rglob("*.html")):
        relative = path.relative_to(output_dir)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        try:
            html = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield Problem("page.encoding", f"{relative}: cannot be read as UTF-8 ({exc})")
            continue
        yield from html_link_problems(html, "page.link", str(relative), pages=True)


def validate_pages(
    pages: Mapping[str, str], output_dir: Path, coming: Collection[str] = ()
) -> list[Problem]:
    """Every local link of the pages (keyed by their path in output_dir) that names no file there, nor
    another of the pages, nor one of the ``coming`` files, and every link rule of ``page_problems``: a
    build checks its new pages with this before any replaces a live one."""
    problems = []
    for name, html in sorted(pages.items()):
        problems += html_link_problems(html, "page.link", name, pages=True)
        try:
            document = lxml.html.document_fromstring(html)
        except (etree.ParserError, ValueError) as exc:
            problems.append(Problem("page.parse", f"{name}: not an HTML page ({exc})"))
            continue
        folder = PurePosixPath(name).parent
        for element, attribute, link, _ in document.iterlinks():
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path or link.startswith("#"):
                continue
            target = posixpath.normpath(str(folder / unquote(parts.path)))
            if target not in pages and target not in coming and not (output_dir / target).is_file():
                problems.append(
                    Problem("page.link", f'{name}: <{element.tag} {attribute}="{link}"> names no file')
                )
    return problems


class FeedCheck:
    """Walks one parsed feed, resolving the URLs it lists to files in the output folder."""

    def __init__(self, root: etree._Element, output_dir: Path) -> None:
        self.root = root
        self.output_dir = output_dir
        self.channel = root.find("channel")
        self.base = ""

    def run(self) -> Iterator[Problem]:
        yield from self.document()
        if self.channel is None:
            return
        yield from self.channel_tags()
        yield from self.artwork()
        items = self.channel.findall("item")
        if not items:
            yield Problem("channel.items", "the feed has no <item>; build at least one episode")
        seen_urls: set[str] = set()
        seen_guids: set[str] = set()
        serial = self.text(self.channel, "itunes:type") == "serial"
        for number, item in enumerate(items, 1):
            yield from ItemCheck(self, item, number, serial).run(seen_urls, seen_guids)
        yield from self.episode_numbers(items)
        yield from self.links()
        yield from self.file_names()

    def links(self) -> Iterator[Problem]:
        """Every address in the feed, and every link in the HTML it carries, is http(s).

        The addresses the channel and item rules already check (link, image, enclosure, transcripts,
        chapters) are left to them, so one bad address is reported once.
        """
        for element in self.root.iter():
            if not isinstance(element.tag, str):
                continue
            name = etree.QName(element).localname
            where = f"<{element.prefix + ':' if element.prefix else ''}{name}>"
            if name in ("description", "encoded") and element.text:
                yield from html_link_problems(element.text, "feed.link", where)
            if name in CHECKED_ADDRESSES:
                continue
            for key, value in element.attrib.items():
                address = etree.QName(key).localname in ("url", "href")
                if address and link_scheme(value) not in ("http", "https"):
                    yield Problem("feed.link", f'{where} address "{shorten(value)}" is not an http(s) URL')

    def episode_numbers(self, items: list[etree._Element]) -> Iterator[Problem]:
        """Apple orders and labels episodes by season and number: two items with the same pair collide."""
        first: dict[tuple[str | None, str], int] = {}
        for number, item in enumerate(items, 1):
            episode, season = self.text(item, "itunes:episode"), self.text(item, "itunes:season")
            if episode is None:
                continue
            if (season, episode) in first:
                of_season = f" of season {season}" if season else ""
                yield Problem(
                    "item.episode",
                    f"item {number}: episode {episode}{of_season} is also item {first[season, episode]}'s; "
                    "give each episode its own number (front matter episode:)",
                    "warning",
                )
            else:
                first[season, episode] = number

    # -- helpers -------------------------------------------------------------------------------------------
    @staticmethod
    def text(parent: Any, path: str) -> str | None:
        found = parent.find(path, NS)
        return None if found is None else (found.text or "").strip()

    def local(self, url: str, rule: str, what: str) -> tuple[Path | None, list[Problem]]:
        """The file a URL names inside the output folder, or why it cannot be checked."""
        if not re.match(r"^https?://[^/\s]+", url):
            return None, [Problem(rule, f'{what} URL "{url}" is not absolute; use base_url in podcast.toml')]
        if not self.base or not url.startswith(self.base):
            return None, [
                Problem(
                    "url.external", f'{what} URL "{url}" is outside the feed\'s base {self.base}', "warning"
                )
            ]
        relative = unquote(urlsplit(url[len(self.base) :]).path)
        path = (self.output_dir / relative).resolve()
        if not path.is_relative_to(self.output_dir.resolve()) or not path.is_file():
            return None, [Problem(rule, f'{what} URL "{url}": no such file {self.output_dir / relative}')]
        return path, []

    # -- document and channel ------------------------------------------------------------------------------
    def document(self) -> Iterator[Problem]:
        root = self.root
        if root.tag != "rss" or root.get("version") != "2.0":
            yield Problem("doc.rss", f'the root element must be <rss version="2.0">, not <{root.tag}>')
        if len(root.findall("channel")) != 1:
            yield Problem(
                "doc.rss", f"<rss> must hold exactly one <channel>, found {len(root.findall('channel'))}"
            )
        for prefix, uri in NS.items():
            if root.nsmap.get(prefix) != uri:
                found = root.nsmap.get(prefix)
                yield Problem(
                    "doc.namespace",
                    f'xmlns:{prefix} must be "{uri}" (case-sensitive), not "{found}"'
                    if found
                    else f'xmlns:{prefix}="{uri}" is not declared on <rss>',
                )

    def channel_tags(self) -> Iterator[Problem]:
        ch = self.channel
        self_link = ch.find("atom:link[@rel='self']", NS)
        if self_link is None:
            yield Problem("channel.atom-self", 'missing <atom:link rel="self" href="FEED_URL">')
        else:
            href = self_link.get("href", "")
            if not re.match(r"^https?://[^/\s]+/", href):
                yield Problem(
                    "channel.atom-self", f'atom:link rel="self" href "{href}" must be an absolute URL'
                )
            else:
                self.base = href.rsplit("/", 1)[0] + "/"
            if self_link.get("type") != "application/rss+xml":
                yield Problem("channel.atom-self", 'atom:link rel="self" needs type="application/rss+xml"')
        title = self.text(ch, "title")
        if not title:
            yield Problem("channel.title", "the channel has no <title>; set title in podcast.toml")
        link = self.text(ch, "link")
        if not link or not re.match(r"^https?://", link):
            yield Problem("channel.link", f'channel <link> "{link}" must be an absolute URL')
        if not self.base and link:
            self.base = link if link.endswith("/") else link + "/"
        yield from description_problems(
            ch.find("description"), "channel.description", "channel", required=True
        )
        yield from self.language()
        yield from self.category()
        yield from flag(self.text(ch, "itunes:explicit"), "channel.explicit", "channel", required=True)
        if not self.text(ch, "itunes:author"):
            yield Problem("channel.author", "missing <itunes:author>; set author in podcast.toml")
        yield from self.owner()
        kind = self.text(ch, "itunes:type")
        if kind not in ("episodic", "serial"):
            yield Problem("channel.type", f'<itunes:type> must be "episodic" or "serial", not "{kind}"')
        yield from self.podcast_tags()
        yield from self.rss_image(title, link)

    def language(self) -> Iterator[Problem]:
        language = self.text(self.channel, "language")
        match = LANGUAGE.match(language or "")
        if not match or (len(match.group(1)) == 2 and match.group(1).lower() not in iso_639_1()):
            yield Problem(
                "channel.language",
                f'<language> "{language}" is not an ISO 639 code such as "en" or "en-us" (no "_", no names)',
            )

    def category(self) -> Iterator[Problem]:
        categories = self.channel.findall("itunes:category", NS)
        if not categories:
            yield Problem("channel.category", "missing <itunes:category>; set category in podcast.toml")
        known = apple_categories()
        for element in categories:
            name = element.get("text", "")
            if name not in known:
                yield Problem(
                    "channel.category",
                    f'category "{name}" is not in Apple\'s list; e.g. {", ".join(list(known)[:6])}',
                )
                continue
            for sub in element.findall("itunes:category", NS):
                if sub.get("text", "") not in known[name]:
                    allowed = ", ".join(known[name]) or "none"
                    yield Problem(
                        "channel.category",
                        f'"{sub.get("text", "")}" is not a subcategory of "{name}"; allowed: {allowed}',
                    )

    def owner(self) -> Iterator[Problem]:
        owner = self.channel.find("itunes:owner", NS)
        if owner is None:
            yield Problem("channel.owner", "missing <itunes:owner> with <itunes:name> and <itunes:email>")
            return
        if not self.text(owner, "itunes:name"):
            yield Problem(
                "channel.owner", "<itunes:owner> has no <itunes:name>; set owner_name in podcast.toml"
            )
        email = self.text(owner, "itunes:email") or ""
        if not EMAIL.match(email):
            yield Problem("channel.owner", f'<itunes:email> "{email}" is not an e-mail address')

    def podcast_tags(self) -> Iterator[Problem]:
        guid = self.text(self.channel, "podcast:guid")
        try:
            version = uuid.UUID(guid or "").version
        except ValueError:
            yield Problem("channel.podcast-guid", f'<podcast:guid> "{guid}" is not a UUID')
        else:
            if version != 5:
                yield Problem(
                    "channel.podcast-guid", f'<podcast:guid> "{guid}" should be a UUIDv5', "warning"
                )
        locked = self.channel.find("podcast:locked", NS)
        if locked is None or (locked.text or "").strip() not in ("yes", "no"):
            value = None if locked is None else locked.text
            yield Problem("channel.locked", f'<podcast:locked> must be "yes" or "no", not "{value}"')
        elif locked.get("owner") is not None and not EMAIL.match(locked.get("owner", "")):
            yield Problem(
                "channel.locked", f'<podcast:locked owner="{locked.get("owner")}"> is not an e-mail'
            )
        medium = self.text(self.channel, "podcast:medium")
        if medium != "podcast":
            yield Problem("channel.medium", f'<podcast:medium> must be "podcast", not "{medium}"')

    def rss_image(self, title: str | None, link: str | None) -> Iterator[Problem]:
        image = self.channel.find("image")
        if image is None:
            return
        if self.text(image, "title") != title or self.text(image, "link") != link:
            yield Problem("channel.rss-image", "<image> must have the same <title> and <link> as the channel")
        if not re.match(r"^https?://", self.text(image, "url") or ""):
            yield Problem("channel.rss-image", "<image><url> must be an absolute URL")

    def artwork(self) -> Iterator[Problem]:
        image = self.channel.find("itunes:image", NS)
        href = "" if image is None else image.get("href", "")
        if not href:
            yield Problem("channel.image", 'missing <itunes:image href="...">; the build writes artwork.jpg')
            return
        path, problems = self.local(href, "channel.image", "itunes:image")
        yield from problems
        if path is None:
            return
        data = path.read_bytes()
        for message in artwork_problems(data, path.name):
            yield Problem("channel.artwork", message)
        if len(data) > MAX_BYTES:
            yield Problem(
                "channel.artwork", f"{path.name} is {len(data) // 1024} KB; keep it under 512 KB", "warning"
            )
        with Image.open(path) as opened:
            dpi = opened.info.get("dpi")
        if dpi and round(float(dpi[0])) != 72:
            yield Problem(
                "channel.artwork", f"{path.name} is {round(float(dpi[0]))} dpi; Apple asks for 72", "warning"
            )

    def file_names(self) -> Iterator[Problem]:
        """Published names stay ASCII a-z0-9-_. so every client and server agrees on the URL."""
        for path in sorted(self.output_dir.rglob("*")):
            relative = path.relative_to(self.output_dir)
            if any(part.startswith(".") for part in relative.parts) or path.is_dir():
                continue
            if not SAFE_NAME.match(path.name) and path.name != "README.md":
                yield Problem("files.ascii", f'"{relative}": file names must use only a-z 0-9 - _ .')


class ItemCheck:
    """The rules for one <item> and the files it points to."""

    def __init__(self, feed: FeedCheck, item: Any, number: int, serial: bool) -> None:
        self.feed = feed
        self.item = item
        self.serial = serial
        self.title = FeedCheck.text(item, "title") or ""
        self.label = f'item {number} "{self.title}"' if self.title else f"item {number}"
        self.audio_seconds: float | None = None

    def run(self, seen_urls: set[str], seen_guids: set[str]) -> Iterator[Problem]:
        yield from self.title_rules()
        yield from self.enclosure(seen_urls)
        yield from self.guid(seen_guids)
        yield from self.pub_date()
        yield from self.itunes_tags()
        yield from description_problems(self.item.find("description"), "item.description", self.label)
        link = FeedCheck.text(self.item, "link")
        if link is not None and not re.match(r"^https?://", link):
            yield Problem("item.link", f'{self.label}: <link> "{link}" must be an absolute URL')
        yield from self.transcripts()
        yield from self.chapters()

    def title_rules(self) -> Iterator[Problem]:
        if not self.title:
            yield Problem("item.title", f"{self.label}: <title> is empty; every episode needs a title")
            return
        show = FeedCheck.text(self.feed.channel, "title") or ""
        if show and show.lower() in self.title.lower():
            yield Problem("item.title", f'{self.label}: the title repeats the show name "{show}"', "warning")
        if EPISODE_NUMBER.search(self.title):
            yield Problem(
                "item.title",
                f"{self.label}: put episode numbers in <itunes:episode>, not the title",
                "warning",
            )

    def enclosure(self, seen_urls: set[str]) -> Iterator[Problem]:
        enclosures = self.item.findall("enclosure")
        if len(enclosures) != 1:
            yield Problem(
                "item.enclosure", f"{self.label}: needs exactly one <enclosure>, found {len(enclosures)}"
            )
            if not enclosures:
                return
        enclosure = enclosures[0]
        url = enclosure.get("url", "")
        if url in seen_urls:
            yield Problem("item.enclosure.duplicate", f'{self.label}: enclosure URL "{url}" appears twice')
        seen_urls.add(url)
        audio_format = enclosure_format(url)
        if audio_format is None or not audio_format.episode:
            suffixes = " or ".join(f.suffix for f in EPISODE_FORMATS)
            yield Problem(
                "item.enclosure.type",
                f'{self.label}: enclosure "{shorten(url)}" is not an episode file ({suffixes})',
            )
        elif enclosure.get("type") != audio_format.mime:
            yield Problem(
                "item.enclosure.type",
                f'{self.label}: enclosure type is "{enclosure.get("type")}", use "{audio_format.mime}" '
                f"for {audio_format.suffix}",
            )
        path, problems = self.feed.local(url, "item.enclosure.url", f"{self.label}: enclosure")
        yield from problems
        length = enclosure.get("length", "")
        if not length.isdigit():
            yield Problem(
                "item.enclosure.length",
                f'{self.label}: enclosure length "{shorten(length)}" is not a byte count',
            )
        elif path is not None and whole_number(length) != path.stat().st_size:
            yield Problem(
                "item.enclosure.length",
                f"{self.label}: enclosure length {shorten(length)} but {path.name} is "
                f"{path.stat().st_size} bytes; rebuild",
            )
        if path is not None and audio_format is not None and audio_format.tags == "id3":
            yield from self.mp3(path)
        elif path is not None and audio_format is not None and audio_format.tags == "mp4":
            yield from self.m4a(path)

    def mp3(self, path: Path) -> Iterator[Problem]:
        try:
            audio = MP3(path)
        except (HeaderNotFoundError, MutagenError) as exc:
            yield Problem("media.mpeg", f"{path.name}: not a readable MP3 ({exc})")
            return
        info = audio.info
        self.audio_seconds = info.length
        if info.version != 1 or info.layer != 3:
            yield Problem(
                "media.mpeg", f"{path.name}: MPEG-{info.version} Layer {info.layer}, need MPEG-1 Layer III"
            )
        if info.bitrate_mode in (BitrateMode.VBR, BitrateMode.ABR):
            yield Problem("media.cbr", f"{path.name}: variable bitrate; encode at a constant bitrate")
        elif info.bitrate_mode == BitrateMode.UNKNOWN:
            yield Problem(
                "media.cbr", f"{path.name}: no Xing/Info header, constant bitrate unconfirmed", "warning"
            )
        tags = audio.tags
        if tags is None or not str(tags.get("TIT2", "")).strip():
            yield Problem("media.id3-title", f"{path.name}: no ID3v2 title (TIT2) tag")
        for frame, name in (("TPE1", "artist"), ("TALB", "album")):
            if tags is None or not str(tags.get(frame, "")).strip():
                yield Problem("media.id3-tags", f"{path.name}: no ID3v2 {name} ({frame}) tag", "warning")
        if tags is None or not tags.getall("APIC"):
            yield Problem("media.id3-tags", f"{path.name}: no ID3v2 cover (APIC)", "warning")

    def m4a(self, path: Path) -> Iterator[Problem]:
        """AAC in MP4, its index before the audio, with iTunes title, artist, album and cover atoms."""
        try:
            audio = MP4(path)
            with path.open("rb") as handle:
                top = [atom.name for atom in Atoms(handle).atoms]
        except (MutagenError, OSError) as exc:
            yield Problem("media.mp4", f"{path.name}: not a readable MP4 ({exc})")
            return
        info = audio.info
        self.audio_seconds = info.length
        if not str(info.codec).startswith("mp4a.40."):
            yield Problem("media.mp4", f"{path.name}: codec {info.codec}, need AAC (mp4a.40)")
        if b"moov" in top and b"mdat" in top and top.index(b"moov") > top.index(b"mdat"):
            yield Problem(
                "media.mp4-faststart",
                f"{path.name}: the index (moov) follows the audio, so players must fetch the whole file "
                "before playing; encode with -movflags +faststart",
            )
        tags = audio.tags or {}
        if not "".join(tags.get("\xa9nam", [])).strip():
            yield Problem("media.mp4-title", f"{path.name}: no MP4 title (\xa9nam) atom")
        for atom, name in (("\xa9ART", "artist"), ("\xa9alb", "album")):
            if not "".join(tags.get(atom, [])).strip():
                yield Problem("media.mp4-tags", f"{path.name}: no MP4 {name} ({atom}) atom", "warning")
        if not tags.get("covr"):
            yield Problem("media.mp4-tags", f"{path.name}: no MP4 cover (covr) atom", "warning")

    def guid(self, seen_guids: set[str]) -> Iterator[Problem]:
        element = self.item.find("guid")
        value = "" if element is None else (element.text or "").strip()
        if not value:
            yield Problem("item.guid", f"{self.label}: missing <guid>; GUIDs are kept in output/.narrator")
            return
        if value in seen_guids:
            yield Problem("item.guid.unique", f'{self.label}: guid "{value}" is used by another item')
        seen_guids.add(value)
        if not re.match(r"^https?://", value) and element.get("isPermaLink", "true") != "false":
            yield Problem(
                "item.guid.permalink", f'{self.label}: guid "{value}" is not a URL; add isPermaLink="false"'
            )

    def pub_date(self) -> Iterator[Problem]:
        value = FeedCheck.text(self.item, "pubDate")
        if not value or not RFC2822.match(value):
            yield Problem(
                "item.pubdate", f'{self.label}: <pubDate> "{value}" is not an RFC 2822 date in English'
            )
            return
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            yield Problem("item.pubdate", f'{self.label}: <pubDate> "{value}" is not a real date')
            return
        if WEEKDAYS[moment.weekday()] != value[:3]:
            yield Problem(
                "item.pubdate",
                f'{self.label}: <pubDate> "{value}" has the wrong weekday ({WEEKDAYS[moment.weekday()]})',
            )

    def itunes_tags(self) -> Iterator[Problem]:
        duration = FeedCheck.text(self.item, "itunes:duration")
        if duration is None or not duration.isdigit():
            yield Problem(
                "item.duration", f'{self.label}: <itunes:duration> "{duration}" must be whole seconds'
            )
        elif self.audio_seconds is not None and abs(whole_number(duration) - self.audio_seconds) > 1:
            yield Problem(
                "item.duration",
                f"{self.label}: <itunes:duration> {shorten(duration)} s but the audio lasts "
                f"{self.audio_seconds:.1f} s",
            )
        yield from flag(FeedCheck.text(self.item, "itunes:explicit"), "item.explicit", self.label)
        kind = FeedCheck.text(self.item, "itunes:episodeType")
        if kind is not None and kind not in ("full", "trailer", "bonus"):
            yield Problem(
                "item.episode-type",
                f'{self.label}: <itunes:episodeType> "{kind}": use full, trailer or bonus',
            )
        itunes_title = self.item.find("itunes:title", NS)
        if itunes_title is not None and not (itunes_title.text or "").strip():
            yield Problem(
                "item.itunes-title", f"{self.label}: <itunes:title> is empty; fill it or leave it out"
            )
        for tag in ("episode", "season"):
            value = FeedCheck.text(self.item, f"itunes:{tag}")
            if value is None and tag == "episode" and self.serial:
                yield Problem(
                    "item.episode", f"{self.label}: a serial show needs <itunes:episode> on every item"
                )
            elif value is not None and not (value.isdigit() and whole_number(value) > 0):
                yield Problem(
                    f"item.{tag}",
                    f'{self.label}: <itunes:{tag}> "{shorten(value)}" must be a positive integer',
                )

    def transcripts(self) -> Iterator[Problem]:
        found: set[str] = set()
        for element in self.item.findall("podcast:transcript", NS):
            url, kind = element.get("url", ""), element.get("type", "")
            suffix = Path(urlsplit(url).path).suffix.lower()
            expected = TRANSCRIPT_TYPES.get(suffix)
            if expected is None or kind != expected:
                yield Problem(
                    "item.transcript.type",
                    f'{self.label}: transcript "{url}" has type "{kind}"; use text/vtt, application/x-subrip '
                    "or application/json to match the file",
                )
                continue
            found.add(suffix)
            path, problems = self.feed.local(url, "item.transcript.url", f"{self.label}: transcript")
            yield from problems
            if path is not None:
                yield from (
                    Problem("item.transcript.content", f"{self.label}: {path.name}: {m}")
                    for m in transcript_problems(path)
                )
        missing = sorted(set(TRANSCRIPT_TYPES) - found)
        if missing:
            yield Problem(
                "item.transcript.formats",
                f"{self.label}: no podcast:transcript for {', '.join(missing)}",
                "warning",
            )

    def chapters(self) -> Iterator[Problem]:
        element = self.item.find("podcast:chapters", NS)
        if element is None:
            return
        if element.get("type") != "application/json+chapters":
            yield Problem(
                "item.chapters.type",
                f'{self.label}: podcast:chapters type must be "application/json+chapters"',
            )
        path, problems = self.feed.local(
            element.get("url", ""), "item.chapters.url", f"{self.label}: chapters"
        )
        yield from problems
        if path is None:
            return
        limit = self.audio_seconds
        if limit is None:
            duration = FeedCheck.text(self.item, "itunes:duration") or ""
            limit = float(whole_number(duration)) if duration.isdigit() else None
        for message in chapter_problems(path, limit):
            yield Problem("item.chapters.content", f"{self.label}: {path.name}: {message}")


MAX_DIGITS = 30


def whole_number(digits: str) -> int:
    """A feed's decimal number; past 30 digits it only needs to be larger than any real size or duration
    (int() refuses 4,300 digits, and a hostile feed may hold far more)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= MAX_DIGITS else 10**MAX_DIGITS


def enclosure_format(url: str) -> AudioFormat | None:
    """The audio format an enclosure's file name stands for (None for an unknown one or a broken URL)."""
    try:
        return format_for(urlsplit(url).path)
    except ValueError:  # urlsplit refuses some malformed addresses ("http://[::1")
        return None


def flag(value: str | None, rule: str, where: str, required: bool = False) -> Iterator[Problem]:
    """itunes:explicit is exactly true or false (yes/no/clean are rejected by Apple's current checks)."""
    if value is None and not required:
        return
    if value not in ("true", "false"):
        yield Problem(rule, f'{where}: <itunes:explicit> must be "true" or "false", not "{value}"')


def description_problems(element: Any, rule: str, where: str, required: bool = False) -> Iterator[Problem]:
    if element is None or not (element.text or "").strip():
        yield Problem(rule, f"{where}: <description> is missing or empty", "error" if required else "warning")
        return
    size = len(element.text.encode("utf-8"))
    if size > MAX_DESCRIPTION_BYTES:
        yield Problem(rule, f"{where}: <description> is {size} bytes; at most {MAX_DESCRIPTION_BYTES}")


def transcript_problems(path: Path) -> list[str]:
    """What keeps a transcript file from being read by podcast apps."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [f"cannot be read as UTF-8 ({exc})"]
    suffix = path.suffix.lower()
    if suffix == ".vtt":
        if not text.startswith("WEBVTT"):
            return ['a WebVTT file must start with "WEBVTT"']
        if "-->" not in text:
            return ["has no cues"]
        return [] if "<v " in text else ["has no <v Speaker> spans, so apps cannot show who speaks"]
    if suffix == ".srt":
        return [] if SRT_TIMING.search(text) else ["has no SRT cues (00:00:00,000 --> 00:00:01,000)"]
    try:
        data = json.loads(text)
        segments = data["segments"]
        for segment in segments:
            if not {"startTime", "endTime", "body"} <= set(segment):
                return ["each segment needs startTime, endTime and body"]
            if float(segment["endTime"]) < float(segment["startTime"]):
                return [f"segment at {segment['startTime']} ends before it starts"]
    except (ValueError, KeyError, TypeError) as exc:
        return [f'not a Podcasting 2.0 JSON transcript {{"version", "segments": [...]}} ({exc})']
    return [] if data.get("version") else ['missing "version"']


def chapter_problems(path: Path, duration: float | None) -> list[str]:
    """The chapters file parses, is in time order and stays inside the episode."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        starts = [float(chapter["startTime"]) for chapter in data["chapters"]]
        titles_ok = all(isinstance(chapter.get("title"), str) for chapter in data["chapters"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return [f'not a JSON chapters file {{"version": "1.2.0", "chapters": [...]}} ({exc})']
    problems = []
    if not data.get("version"):
        problems.append('missing "version"')
    if not titles_ok:
        problems.append("every chapter needs a title")
    if any(later < earlier for earlier, later in zip(starts, starts[1:], strict=False)):
        problems.append("startTime values must not decrease")
    if any(start < 0 for start in starts):
        problems.append("startTime must not be negative")
    if duration is not None and any(start >= duration for start in starts):
        problems.append(f"a chapter starts at or after the end of the episode ({duration:.1f} s)")
    return problems
