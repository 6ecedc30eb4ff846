"""Episodes → the RSS feed, the web pages and the artwork, rendered from our own templates.

The feed follows ../shared/feed-rules.md (Apple, PSP-1, the Podcast Index namespace). Rendering is pure:
the clock comes in as ``now``; only ``publish`` touches the disk, and every file is written atomically.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from narrator.config import Channel
from narrator.errors import PublishError
from narrator.fsutil import atomic_write_bytes, atomic_write_text
from narrator.models import Cue, Episode
from narrator.normalise.text import MONTHS
from narrator.publish.artwork import artwork_bytes

# PSP-1 / Podcast Index: podcast:guid is a UUIDv5 of the feed URL (no scheme, no trailing slashes).
MAX_DESCRIPTION_BYTES = 4000
# XML 1.0 forbids C0 controls except tab/newline/return, surrogates and U+FFFE/U+FFFF; C1 controls are
# "discouraged" and break some parsers, so they go too.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# podcast:transcript types per format (Podcast Index namespace docs/tags/transcript.md).
TRANSCRIPT_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip", "transcript": "application/json"}
CHAPTERS_TYPE = "application/json+chapters"
ARTWORK_NAME = "artwork.jpg"
# BCP 47 as pages use it: a language with optional script, region or variant subtags.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def clean(text: str) -> str:
    """Text without the characters XML cannot carry."""
    return XML_ILLEGAL.sub("", text)


def rfc2822(moment: datetime) -> str:
    """An RFC 2822 date in GMT with English names whatever the locale (never strftime)."""
    return format_datetime(_utc(moment), usegmt=True)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def published_at(episode: Episode, now: datetime) -> datetime:
    """The episode's date: recorded first-publish date, else the article's date, else now."""
    return _utc(episode.published or episode.article.date or now)


def newest_first(episodes: Sequence[Episode], now: datetime) -> list[Episode]:
    """Newest first; episodes published at the same moment in slug order."""
    return sorted(episodes, key=lambda ep: (-published_at(ep, now).timestamp(), ep.slug))


def feed_episodes(channel: Channel, episodes: Sequence[Episode], now: datetime) -> list[Episode]:
    """The episodes the feed lists: newest first, limited to the channel's newest N."""
    ordered = newest_first(episodes, now)
    return ordered[: channel.max_episodes] if channel.max_episodes else ordered


def truncate_bytes(text: str, limit: int) -> str:
    """Shorten text at a word boundary so its UTF-8 form fits ``limit`` bytes, marking the cut."""
    if len(text.encode("utf-8")) <= limit:
        return text
    cut = text.encode("utf-8")[: max(0, limit - 4)].decode("utf-8", errors="ignore")
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


@dataclass(frozen=True)
class Links:
    """Where an episode's files live, as absolute URLs (feed) or relative ones (pages)."""

    audio: str
    page: str
    side: dict[str, str]


def episode_links(episode: Episode, prefix: str) -> Links:
    """The audio keeps its file's own name: a changed episode is a new file (narrator.build.pipeline), so
    a listener holding the previous feed still downloads the file that feed describes."""
    return Links(
        audio=prefix + episode.audio.name,
        page=f"{prefix}{episode.slug}.html",
        side={kind: prefix + path.name for kind, path in episode.side_files.items()},
    )


def _summary(episode: Episode, budget: int) -> list[str]:
    """Paragraphs that describe the episode: the article's own description, else its opening."""
    article = episode.article
    if article.description and article.description.strip():
        paragraphs = [article.description.strip()]
    else:
        paragraphs = [block.text.strip() for block in article.blocks if block.kind != "heading"][:3]
    kept: list[str] = []
    for paragraph in (clean(" ".join(p.split())) for p in paragraphs):
        left = budget - sum(len(p.encode("utf-8")) + 7 for p in kept) - 7
        if left < 40:
            break
        kept.append(truncate_bytes(paragraph, left))
    return kept


def original_url(episode: Episode) -> str | None:
    """The web address of the article the episode reads, when it has one."""
    url = (episode.article.url or "").strip()
    return clean(url) if re.match(r"^https?://", url, re.I) else None


def source_line(episode: Episode) -> Markup:
    """"Original article on <site>: <link>", for the show notes."""
    url = original_url(episode)
    if url is None:
        return Markup("")
    site = " ".join(clean(episode.article.site or "").split())
    where = Markup(" on {}").format(truncate_bytes(site, 200)) if site else ""
    return Markup('<p>Original article{}: <a href="{}">{}</a></p>').format(where, url, url)


def description_html(episode: Episode, *, with_chapters: bool = False, with_source: bool = True) -> Markup:
    """The item description as escaped HTML within the 4000-byte limit, linking to the source."""
    source = str(source_line(episode)) if with_source else ""
    chapters = ""
    if with_chapters and episode.chapters:
        items = "".join(
            str(Markup("<li>{} {}</li>").format(clock(ch.start), clean(ch.title))) for ch in episode.chapters
        )
        chapters = f"<p>Chapters:</p><ul>{items}</ul>"
    # Extras give way to the summary when they would leave it no room.
    if len((source + chapters).encode("utf-8")) > MAX_DESCRIPTION_BYTES - 200:
        chapters = ""
    if len(source.encode("utf-8")) > MAX_DESCRIPTION_BYTES - 200:
        source = ""
    fallback = str(Markup("<p>{}</p>").format(truncate_bytes(clean(episode.title), 1000)))
    budget = MAX_DESCRIPTION_BYTES - len((source + chapters).encode("utf-8"))
    while True:
        # Escaping lengthens the text (& → &amp;), so measure the HTML and shrink until it fits.
        body = "".join(str(Markup("<p>{}</p>").format(p)) for p in _summary(episode, budget))
        html = body + chapters + source or fallback
        over = len(html.encode("utf-8")) - MAX_DESCRIPTION_BYTES
        if over <= 0 or not body:
            return Markup(html)
        budget -= over


def clock(seconds: float) -> str:
    """H:MM:SS or M:SS, for people."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def seconds(value: float) -> str:
    """A time for a media fragment (``#t=``) or a data attribute: seconds, at most three decimals."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def cdata(html: str) -> Markup:
    """HTML for a CDATA section; a literal "]]>" is split so it cannot close the section early."""
    return Markup(str(html).replace("]]>", "]]]]><![CDATA[>"))


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("narrator.publish", "templates"),
        autoescape=select_autoescape(enabled_extensions=("xml", "html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cdata"] = cdata
    env.filters["clean"] = clean
    env.filters["clock"] = clock
    env.filters["seconds"] = seconds
    return env


ENVIRONMENT = _environment()


def _channel_context(channel: Channel, now: datetime) -> dict[str, Any]:
    description = clean(channel.description)
    size = len(description.encode("utf-8"))
    if size > MAX_DESCRIPTION_BYTES:
        raise PublishError(
            f"podcast.toml: description is {size} bytes; Apple allows at most "
            f"{MAX_DESCRIPTION_BYTES}, shorten it"
        )
    return {
        "title": clean(channel.title),
        "link": clean(channel.link or channel.base_url),
        "description": description,
        "language": channel.language,
        "author": clean(channel.author),
        "owner_name": clean(channel.owner_name),
        "owner_email": clean(channel.owner_email),
        "category": clean(channel.category),
        "subcategory": clean(channel.subcategory) if channel.subcategory else None,
        "explicit": "true" if channel.explicit else "false",
        "type": channel.type,
        "locked": "yes" if channel.locked else "no",
        "feed_url": channel.feed_url,
        "base_url": channel.base_url,
        "image": channel.base_url + ARTWORK_NAME,
        "artwork_name": ARTWORK_NAME,
        "guid": channel.guid,
        "build_date": rfc2822(now),
    }


def episode_numbers(channel: Channel, episodes: Sequence[Episode], now: datetime) -> dict[str, int]:
    """itunes:episode per slug: the article's own number, else, when the show numbers its episodes (a
    serial show always does), its place oldest first within its season, which a new episode never
    changes (an article dated before episodes already out does: pin numbers with ``episode:``)."""
    numbered = channel.episode_numbers or channel.type == "serial"
    counts: dict[int | None, int] = {}
    numbers: dict[str, int] = {}
    for ep in reversed(newest_first(episodes, now)):
        season = ep.article.season
        counts[season] = counts.get(season, 0) + 1
        if ep.article.episode is not None:
            numbers[ep.slug] = ep.article.episode
        elif numbered:
            numbers[ep.slug] = counts[season]
    return numbers


def _item_context(channel: Channel, episode: Episode, number: int | None, now: datetime) -> dict[str, Any]:
    if not episode.guid.strip():
        raise PublishError(
            f'episode "{episode.slug}": it has no GUID; GUIDs are kept in output/.narrator, '
            "rebuild with `narrator build`"
        )
    links = episode_links(episode, channel.base_url + "episodes/")
    return {
        "slug": episode.slug,
        "title": " ".join(clean(episode.title).split()) or episode.slug,
        "guid": clean(episode.guid.strip()),
        "guid_is_url": bool(re.match(r"^https?://", episode.guid.strip())),
        "pub_date": rfc2822(published_at(episode, now)),
        "author": clean(episode.article.author or channel.author),
        "audio_url": links.audio,
        "audio_type": episode.format.mime,
        "size": episode.size,
        "duration": round(episode.duration),
        "explicit": "true" if channel.explicit else "false",
        "episode_number": number,
        "season": episode.article.season,
        "link": original_url(episode) or links.page,
        "description": description_html(episode),
        "content": description_html(episode, with_chapters=True),
        "transcripts": [
            {"url": links.side[kind], "type": kind_type}
            for kind, kind_type in TRANSCRIPT_TYPES.items()
            if kind in links.side
        ],
        "chapters_url": links.side.get("chapters"),
        "chapters_type": CHAPTERS_TYPE,
    }


def render_feed(channel: Channel, episodes: Sequence[Episode], now: datetime) -> str:
    """The RSS document for the newest episodes; pure, the same inputs give the same text."""
    if not episodes:
        raise PublishError(
            "no episodes to publish; a feed needs at least one item: add an article to articles/"
        )
    chosen = feed_episodes(channel, episodes, now)
    numbers = episode_numbers(channel, episodes, now)
    items = [_item_context(channel, ep, numbers.get(ep.slug), now) for ep in chosen]
    return ENVIRONMENT.get_template("feed.xml").render(channel=_channel_context(channel, now), items=items)


_BUILD_DATE = re.compile(r"<lastBuildDate>[^<]*</lastBuildDate>")


def keep_build_date(feed: str, previous: str | None) -> str:
    """The previous feed itself when only its lastBuildDate would change, so a rebuild that changed
    nothing leaves feed.xml byte for byte as it was (apps poll it, and re-download what changed)."""
    if previous is None:
        return feed
    old = _BUILD_DATE.search(previous)
    if old is None:
        return feed
    return previous if _BUILD_DATE.sub(lambda _: old.group(), feed, count=1) == previous else feed


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` atomically unless the file already holds it; unchanged files keep their
    modification time, which serving uses for Last-Modified."""
    if holds(path, text):
        return False
    atomic_write_text(path, text)
    return True


def holds(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def previous_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def transcript_blocks(episode: Episode) -> list[dict[str, Any]]:
    """The transcript for reading: headings on their own, and consecutive cues of one speaker in one
    paragraph of the article joined, each cue kept with its times so the page can follow playback."""
    blocks: list[dict[str, Any]] = []
    previous: Cue | None = None
    for cue in episode.cues:
        text = clean(cue.text.strip())
        if not text:
            continue
        kind = "heading" if cue.block == "heading" else "text"
        joins = (
            previous is not None
            and blocks
            and blocks[-1]["kind"] == kind
            and previous.block == cue.block
            and previous.paragraph == cue.paragraph
            and (kind == "heading" or previous.speaker == cue.speaker)
        )
        if not joins:
            blocks.append({"kind": kind, "speaker": clean(cue.speaker), "start": cue.start, "cues": []})
        blocks[-1]["cues"].append({"start": cue.start, "end": cue.end, "text": text})
        previous = cue
    return blocks


def page_language(episode: Episode, channel: Channel) -> str:
    """The article's language when it is a valid tag, else the podcast's (a page's ``lang``)."""
    language = (episode.article.language or "").strip().replace("_", "-")
    return language.lower() if LANGUAGE_TAG.match(language) else channel.language


def _page_episode(channel: Channel, episode: Episode, prefix: str, now: datetime) -> dict[str, Any]:
    links = episode_links(episode, prefix)
    date = published_at(episode, now)
    return {
        "slug": episode.slug,
        "title": " ".join(clean(episode.title).split()) or episode.slug,
        "page": links.page,
        "audio": links.audio,
        "audio_label": episode.format.label,
        "captions": links.side.get("vtt"),
        "side": links.side,
        "date_iso": date.isoformat(),
        "date_text": f"{date.day} {MONTHS[date.month - 1]} {date.year}",
        "duration": clock(episode.duration),
        "summary": description_html(episode, with_source=False),
        "source": original_url(episode),
        "site": " ".join(clean(episode.article.site or "").split()) or None,
        "author": clean(episode.article.author) if episode.article.author else None,
        "chapters": [{"start": ch.start, "title": clean(ch.title)} for ch in episode.chapters],
        "transcript": transcript_blocks(episode),
        "language": page_language(episode, channel),
    }


def render_pages(channel: Channel, episodes: Sequence[Episode], now: datetime) -> dict[str, str]:
    """index.html and episodes/<slug>.html, keyed by their path relative to the output folder."""
    chosen = feed_episodes(channel, episodes, now)
    site = _channel_context(channel, now)
    pages = {
        "index.html": ENVIRONMENT.get_template("index.html").render(
            channel=site,
            lang=channel.language,
            root="",
            episodes=[_page_episode(channel, ep, "episodes/", now) for ep in chosen],
        )
    }
    for ep in chosen:
        episode = _page_episode(channel, ep, "", now)
        pages[f"episodes/{ep.slug}.html"] = ENVIRONMENT.get_template("episode.html").render(
            channel=site, lang=episode["language"], root="../", episode=episode
        )
    return pages


def _check_files(output_dir: Path, episodes: Sequence[Episode]) -> None:
    """Refuse to list an episode whose audio is missing or not the size we would announce."""
    for ep in episodes:
        audio = output_dir / "episodes" / ep.audio.name
        if not audio.is_file():
            raise PublishError(f"{audio}: missing; the episode must be produced before it is published")
        if audio.stat().st_size != ep.size:
            raise PublishError(
                f"{audio}: is {audio.stat().st_size} bytes but the episode says {ep.size}; rebuild it"
            )
        for kind, path in ep.side_files.items():
            if not (output_dir / "episodes" / path.name).is_file():
                raise PublishError(f"{output_dir / 'episodes' / path.name}: missing {kind} file; rebuild it")


def write_artwork(output_dir: Path, artwork: bytes) -> Path:
    """Put the artwork in place, rewriting it only when it changed (podcast apps cache it by file)."""
    path = output_dir / ARTWORK_NAME
    if not path.is_file() or path.read_bytes() != artwork:
        atomic_write_bytes(path, artwork)
    return path


@dataclass(frozen=True)
class Publication:
    """A rendered feed and its pages (path in the output folder → text), not yet written."""

    feed: str
    pages: dict[str, str]


def render_publication(
    channel: Channel, episodes: Sequence[Episode], output_dir: Path, now: datetime
) -> Publication:
    """The feed and pages for ``episodes``, whose files must already be in place in ``output_dir``."""
    _check_files(output_dir, feed_episodes(channel, episodes, now))
    feed = keep_build_date(render_feed(channel, episodes, now), previous_text(output_dir / "feed.xml"))
    return Publication(feed, render_pages(channel, episodes, now))


def is_live(publication: Publication, output_dir: Path) -> bool:
    """Whether ``output_dir`` already holds every file of ``publication``, byte for byte: a rebuild that
    changed nothing, whose feed and pages were validated when they were published."""
    files = {**publication.pages, "feed.xml": publication.feed}
    return all(holds(output_dir / name, text) for name, text in files.items())


def write_publication(publication: Publication, output_dir: Path) -> list[Path]:
    """Pages first, each atomically, then the feed, so the feed never names a page not yet there; a file
    that already holds its text is left as it was."""
    written = []
    for name, html in publication.pages.items():
        write_if_changed(output_dir / name, html)
        written.append(output_dir / name)
    write_if_changed(output_dir / "feed.xml", publication.feed)
    return [*written, output_dir / "feed.xml"]


def publish(
    channel: Channel,
    episodes: Sequence[Episode],
    output_dir: Path,
    now: datetime,
    *,
    artwork: bytes | None = None,
) -> list[Path]:
    """Write artwork, pages and, last, the feed, each atomically; returns the paths written.

    ``artwork`` is the channel's artwork when the caller already has it (a build reads it first).
    """
    publication = render_publication(channel, episodes, output_dir, now)
    cover = write_artwork(output_dir, artwork_bytes(channel) if artwork is None else artwork)
    return [cover, *write_publication(publication, output_dir)]
