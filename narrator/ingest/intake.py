"""URLs → article files: what ``narrator add`` does.

Each page is fetched and extracted exactly as ``narrator read URL`` does it (reader.fetch_url and
reader.parse_article), then saved into articles/ as Markdown with front matter (title, author, date,
canonical URL, site name) and the skip report, ready for ``narrator build``. A site's RSS or Atom feed
gives its newest items the same way. What was added is remembered in articles/.added.json, so the same
page is not added twice and a cron job adds only a feed's new items. A page that fails (network error,
not HTML, a paywall stub, no article text) is reported and leaves articles/ untouched.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

import yaml
from lxml import etree
from lxml import html as lxml_html

from narrator.build.state import slugify
from narrator.errors import IngestError, NarratorError
from narrator.fsutil import atomic_write_text
from narrator.ingest.reader import fetch_url, max_article_bytes, parse_article, parse_date
from narrator.models import Article

LOG_NAME = ".added.json"
"""What was added, in the articles folder (build reads only .txt, .md and .html files there)."""
MIN_WORDS = 50
"""Fewer words than this is a cookie notice, a teaser or an error page, not an article."""
PAYWALL_WORDS = 400
"""A page marked as paywalled with fewer words than this is the stub shown to non-subscribers."""
FEED_TYPES = {
    "application/rss+xml": "xml",
    "application/atom+xml": "xml",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/plain": "xml",
    # A site's home page: its <link rel="alternate"> names the feed.
    "text/html": "html",
    "application/xhtml+xml": "html",
}
TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref_src)$", re.I)
"""Query parameters that mark where a reader came from, not which page it is."""
PAYWALL_MARKERS = re.compile(
    r"\"isAccessibleForFree\"\s*:\s*\"?false|class=\"[^\"]*\b(?:paywall|subscriber-only|premium-content)\b"
    r"|\b(?:subscribe|log in|sign in) to (?:continue|read the full|keep) reading"
    r"|\bthis (?:article|story|content) is (?:for|only available to|exclusive to) subscribers",
    re.I,
)

Status = Literal["added", "known", "failed"]


@dataclass(frozen=True)
class Added:
    """What became of one URL."""

    url: str
    status: Status
    path: Path | None = None
    """The article file: the new one, or the one that already holds this page."""
    title: str = ""
    reason: str = ""
    """Why it failed: one line, safe to show."""


@dataclass(frozen=True)
class FetchLimits:
    """How long one request may take and how large a response may be."""

    timeout: float = 15.0
    max_bytes: int | None = None
    """None: the reader's limit ($NARRATOR_MAX_ARTICLE_BYTES, else 20 MB)."""


@dataclass
class AddedLog:
    """articles/.added.json: page URL → article file name, and each feed's items already taken."""

    path: Path
    pages: dict[str, str] = field(default_factory=dict)
    feeds: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, articles_dir: Path) -> AddedLog:
        path = articles_dir / LOG_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError) as exc:
            raise NarratorError(f"{path}: unreadable ({exc}); delete it to start a new record") from exc
        pages, feeds = data.get("pages", {}), data.get("feeds", {})
        if not isinstance(pages, dict) or not isinstance(feeds, dict):
            raise NarratorError(f"{path}: not a record of added pages; delete it to start a new record")
        return cls(
            path, {str(k): str(v) for k, v in pages.items()}, {str(k): list(v) for k, v in feeds.items()}
        )

    def save(self) -> None:
        data = {"version": 1, "pages": self.pages, "feeds": self.feeds}
        atomic_write_text(self.path, json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def normalise_url(url: str) -> str:
    """The form two addresses of one page share: no fragment, no tracking parameters, lower-case host,
    no default port, no trailing slash."""
    parts = urllib.parse.urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not (parts.scheme == "http" and port == 80 or parts.scheme == "https" and port == 443):
        host = f"{host}:{port}"
    query = urllib.parse.urlencode(
        [
            (k, v)
            for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING.match(k)
        ]
    )
    path = parts.path.rstrip("/") or "/"
    return urllib.parse.urlunsplit((parts.scheme.lower(), host, path, query, ""))


def is_web_address(url: str) -> bool:
    parts = urllib.parse.urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


class Intake:
    """Adds pages to one articles folder, consulting and updating its record as it goes."""

    def __init__(self, articles_dir: Path, limits: FetchLimits | None = None) -> None:
        if not articles_dir.is_dir():
            raise NarratorError(
                f"articles folder {articles_dir} does not exist; "
                "run `narrator init DIR` or pass --articles DIR"
            )
        self.articles = articles_dir
        self.limits = limits or FetchLimits()
        self.log = AddedLog.load(articles_dir)
        self.saved = dict(self._saved_urls())

    def _saved_urls(self) -> Iterator[tuple[str, Path]]:
        """Pages already in the folder: the record, and the url/source of every Markdown front matter
        (so a page saved by hand, or before the record existed, is not added again)."""
        for url, name in self.log.pages.items():
            if (self.articles / name).is_file():
                yield url, self.articles / name
        for path in sorted(self.articles.glob("*.md")):
            for url in _front_matter_urls(path):
                yield normalise_url(url), path

    def known(self, url: str) -> Path | None:
        return self.saved.get(normalise_url(url))

    def add_page(self, url: str) -> Added:
        """Fetch, extract and save one page; a failure is returned, never half-written."""
        if not is_web_address(url):
            return Added(url, "failed", reason=f"{url}: not an http(s) address")
        existing = self.known(url)
        if existing is not None:
            return Added(url, "known", existing)
        try:
            text, kind = fetch_url(url, max_bytes=self._max_bytes(), timeout=self.limits.timeout)
            article = parse_article(text, kind, url, url=url)
            check_article(article, text, url)
        except IngestError as exc:
            return Added(url, "failed", reason=str(exc))
        # The page's own address for itself (og:url, rel=canonical), which may be relative.
        canonical = urllib.parse.urljoin(url, article.url or url)
        if not is_web_address(canonical):
            canonical = url
        canonical = urllib.parse.urldefrag(canonical).url
        existing = self.known(canonical)
        if existing is not None:
            # Another address of a page already here: remember it, so next time it is not fetched.
            self.saved[normalise_url(url)] = existing
            self.log.pages[normalise_url(url)] = existing.name
            self.log.save()
            return Added(url, "known", existing, article.title)
        path = self._new_path(article.title)
        atomic_write_text(path, article_markdown(article, canonical, url))
        for address in {normalise_url(url), normalise_url(canonical)}:
            self.saved[address] = path
            self.log.pages[address] = path.name
        self.log.save()
        return Added(url, "added", path, article.title)

    def add_feed(self, feed_url: str, limit: int) -> tuple[list[Added], int]:
        """The feed's newest ``limit`` items not taken before; returns the results and how many of those
        newest items had been taken already."""
        if not is_web_address(feed_url):
            raise IngestError(f"{feed_url}: not an http(s) address")
        items = feed_items(*self._fetch_feed(feed_url))[:limit]
        key = normalise_url(feed_url)
        taken = set(self.log.feeds.get(key, []))
        results = []
        for item in items:
            if item.key in taken:
                continue
            result = self.add_page(item.link)
            results.append(result)
            if result.status != "failed":
                # Failures are tried again next time: a network error is usually passing.
                taken.add(item.key)
                self.log.feeds[key] = sorted(taken)
                self.log.save()
        return results, len(items) - len(results)

    def _fetch_feed(self, feed_url: str) -> tuple[str, str]:
        text, kind = fetch_url(
            feed_url, max_bytes=self._max_bytes(), timeout=self.limits.timeout, types=FEED_TYPES
        )
        if kind == "html":
            found = discover_feed(text, feed_url)
            if found is None:
                raise IngestError(
                    f"{feed_url}: a web page that links no RSS or Atom feed; give the feed's address"
                )
            feed_url = found
            text, _ = fetch_url(
                feed_url, max_bytes=self._max_bytes(), timeout=self.limits.timeout, types=FEED_TYPES
            )
        return text, feed_url

    def _max_bytes(self) -> int:
        return self.limits.max_bytes or max_article_bytes()

    def _new_path(self, title: str) -> Path:
        stem = slugify(title)[:60].strip("-") or "article"
        path = self.articles / f"{stem}.md"
        number = 2
        while path.exists():
            path = self.articles / f"{stem}-{number}.md"
            number += 1
        return path


def check_article(article: Article, page: str, url: str) -> None:
    """Refuse what is not an article a listener wants: a paywall stub or a page with almost no text."""
    words = sum(len(block.text.split()) for block in article.blocks if block.kind != "heading")
    if words < PAYWALL_WORDS and PAYWALL_MARKERS.search(page):
        raise IngestError(f"{url}: a paywall stub ({words} words shown to non-subscribers); not added")
    if words < MIN_WORDS:
        raise IngestError(f"{url}: only {words} words of article text; not an article page, not added")


def article_markdown(article: Article, canonical: str, requested: str) -> str:
    """Markdown with YAML front matter that reader.parse_article reads back as the same article."""
    front: dict[str, object] = {"title": article.title}
    if article.author:
        front["author"] = article.author
    if article.date:
        front["date"] = article.date.isoformat()
    front["url"] = canonical
    if normalise_url(requested) != normalise_url(canonical):
        front["source"] = requested
    if article.site:
        front["site"] = article.site
    if article.language:
        front["language"] = article.language
    if article.description:
        front["description"] = article.description
    if article.skipped:
        front["skipped"] = [{"reason": s.reason, "text": s.text} for s in article.skipped]
    head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=10_000)
    body = []
    for block in article.blocks:
        text = escape_markdown(" ".join(block.text.split()))
        if block.kind == "heading":
            body.append("#" * min(6, max(2, block.level or 2)) + " " + text)
        elif block.kind == "blockquote":
            body.append("> " + text)
        else:
            body.append(text)
    return f"---\n{head}---\n\n" + "\n\n".join(body) + "\n"


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>!])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=~|]|\d+(?=[.)]))")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written: emphasis, links and line-start markers escaped."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    match = _LINE_START.match(text)
    if match and match.group(2).isdigit():
        end = match.end()
        return text[:end] + "\\" + text[end:]
    return _LINE_START.sub(r"\1\\\2", text) if match else text


def _front_matter_urls(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(64_000)
    except OSError:
        return []
    match = re.match(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", head, re.S)
    if not match:
        return []
    try:
        front = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return []
    if not isinstance(front, dict):
        return []
    return [
        str(front[k]) for k in ("url", "source") if isinstance(front.get(k), str) and is_web_address(front[k])
    ]


# --- feeds -------------------------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
DUBLIN_CORE = "{http://purl.org/dc/elements/1.1/}"


@dataclass(frozen=True)
class FeedItem:
    link: str
    key: str
    """The item's identity in the feed: its guid or id, else its link."""
    date: datetime | None


def feed_items(text: str, feed_url: str) -> list[FeedItem]:
    """Items of an RSS 2.0, RSS 1.0 or Atom document, newest first, with absolute links."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(
            f"{feed_url}: not an RSS or Atom feed ({exc.msg}); give the feed's address"
        ) from exc
    if root is None:
        raise IngestError(f"{feed_url}: an empty document, not a feed")
    entries = root.findall(f"{ATOM}entry")
    items = (
        [_atom_item(entry, feed_url) for entry in entries]
        if entries
        else [_rss_item(item, feed_url) for item in root.iter("item", f"{RSS1}item")]
    )
    if root.tag not in ("rss", f"{ATOM}feed") and not root.tag.endswith("RDF"):
        raise IngestError(f"{feed_url}: <{etree.QName(root).localname}> is not an RSS or Atom feed")
    found = [item for item in items if item is not None]
    if not found:
        raise IngestError(f"{feed_url}: the feed has no items with a link")
    if all(item.date for item in found):
        # Stable: items published at the same moment keep the feed's own order.
        found.sort(key=lambda item: _utc(item.date), reverse=True)  # type: ignore[arg-type]
    return found


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def _text(element: etree._Element, *tags: str) -> str | None:
    for tag in tags:
        child = element.find(tag)
        if child is not None and (child.text or "").strip():
            return child.text.strip()
    return None


def _rss_item(item: etree._Element, feed_url: str) -> FeedItem | None:
    link = _text(item, "link", f"{RSS1}link")
    guid = item.find("guid")
    guid_text = (guid.text or "").strip() if guid is not None else ""
    if not link and guid_text and (guid.get("isPermaLink") or "true").lower() == "true":
        link = guid_text
    if not link:
        return None
    absolute = urllib.parse.urljoin(feed_url, link)
    date = parse_date(_text(item, "pubDate", f"{DUBLIN_CORE}date"))
    return FeedItem(absolute, guid_text or absolute, date)


def _atom_item(entry: etree._Element, feed_url: str) -> FeedItem | None:
    links = entry.findall(f"{ATOM}link")
    chosen = next(
        (link for link in links if link.get("rel", "alternate") == "alternate" and link.get("href")), None
    )
    if chosen is None:
        return None
    absolute = urllib.parse.urljoin(feed_url, chosen.get("href"))
    date = parse_date(_text(entry, f"{ATOM}published", f"{ATOM}updated"))
    return FeedItem(absolute, _text(entry, f"{ATOM}id") or absolute, date)


def discover_feed(page: str, page_url: str) -> str | None:
    """The first RSS or Atom feed a web page links to (``<link rel="alternate" type=...>``)."""
    try:
        doc = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return None
    for link in doc.xpath("//link[@href]"):
        rels = (link.get("rel") or "").lower().split()
        if "alternate" in rels and (link.get("type") or "").lower() in (
            "application/rss+xml",
            "application/atom+xml",
        ):
            return urllib.parse.urljoin(page_url, link.get("href"))
    return None


def add_pages(urls: Sequence[str], articles_dir: Path, limits: FetchLimits | None = None) -> list[Added]:
    """``narrator add URL...``: each page added, found already there, or failed."""
    intake = Intake(articles_dir, limits)
    return [intake.add_page(url) for url in urls]


def add_from_feed(
    feed_url: str, articles_dir: Path, limit: int, limits: FetchLimits | None = None
) -> tuple[list[Added], int]:
    """``narrator add --feed URL --limit N``: the feed's newest N items not taken before."""
    return Intake(articles_dir, limits).add_feed(feed_url, limit)
