"""Source → Article: read a file, URL or stdin, find the article in it, and drop what a reader would skip.

Every dropped piece is kept in ``Article.skipped`` with a reason key, so the producer can see what was
left out (``narrator segments --format text``) and why.
"""

from __future__ import annotations

import codecs
import contextlib
import email.utils
import errno
import functools
import json
import os
import re
import sys
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from narrator.errors import IngestError, one_line
from narrator.letters import LETTER, UPPER
from narrator.models import Article, Block, Skipped
from narrator.normalise.text import MONTHS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TEXT_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
USER_AGENT = "narrator/0.1 (+podcast builder)"

# --- decoding ------------------------------------------------------------------------------------


def decode_text(data: bytes, name: str) -> str:
    """Bytes → str: BOMs first, then strict UTF-8, then charset-normalizer's best guess (cp1252,
    latin-1...). Anything that looks binary is refused rather than read as noise."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise IngestError(f"{name}: starts with a {codec} mark but is not valid {codec}") from exc
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is None:
            raise IngestError(f"{name}: not text (binary data); give a .txt, .md or .html article")
        return text
    if b"\x1b$" in data:
        # ISO-2022-JP (Japanese mail, old web pages) is 7-bit, so it also passes as UTF-8, escapes and all.
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("iso2022_jp")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        # A UTF-8 file with a few damaged bytes: guessing a code page would garble every accent in it.
        return data.decode("utf-8", errors="replace")
    japanese = _japanese(data)
    if japanese is not None:
        return japanese
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or _looks_binary(str(best)):
        raise IngestError(f"{name}: not text, or in an unknown encoding; save it as UTF-8 and try again")
    # On a short Western text charset-normalizer ranks look-alike code pages (cp775, cp1250...) as high
    # as cp1252, which turns “smart quotes” and € into other letters; Windows-1252 is by far the likelier.
    if any("cp1252" in match.could_be_from_charset for match in matches):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes) -> bool:
    """True when valid multi-byte UTF-8 sequences outnumber the bytes that are not valid UTF-8."""
    valid = len(_UTF8_SEQUENCE.findall(data))
    invalid = data.decode("utf-8", errors="replace").count("\ufffd") - data.count("\ufffd".encode())
    return valid > 0 and invalid <= valid


_KANA = re.compile("[\u3041-\u30ff]")


def _japanese(data: bytes) -> str | None:
    """Shift-JIS or EUC-JP text, told by its kana.

    On a short text charset-normalizer ranks Korean (cp949) or UTF-16 above the right Japanese code page,
    and what comes out is Hangul. Japanese prose is full of hiragana and katakana, which a wrong decoding
    almost never produces, while Korean, Chinese and Western text decoded as Japanese gives kanji or
    half-width forms instead.
    """
    best, most = None, 0
    for codec in ("cp932", "euc_jp"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        kana = len(_KANA.findall(text))
        wide = sum(1 for c in text if ord(c) > 0x7F)
        if kana > most and kana >= 0.2 * wide:
            best, most = text, kana
    return best


def _utf16_without_bom(data: bytes) -> str | None:
    even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
    half = max(1, min(len(data), 4096) // 2)
    for codec, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros > 0.4 * half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return None if _looks_binary(text) else text
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bool(sample) and controls > 0.02 * len(sample)


# --- reading -------------------------------------------------------------------------------------


MAX_ARTICLE_BYTES = 20_000_000
"""Default size limit for one source: far beyond any article, and small enough to parse in memory."""
MAX_BYTES_VARIABLE = "NARRATOR_MAX_ARTICLE_BYTES"


LINKS_VARIABLE = "NARRATOR_FOLLOW_ARTICLE_LINKS"
"""Set to 1 to let a build read articles that are symbolic links."""


def links_allowed() -> bool:
    """Whether a build follows links in the articles folder; off by default, since a link can name any
    file on the machine (``articles/passwd.txt -> /etc/passwd``), which would then be published."""
    return os.environ.get(LINKS_VARIABLE, "").strip() == "1"


def read_article(
    source: str | Path, *, max_bytes: int | None = None, timeout: float = 15.0, follow_links: bool = True
) -> Article:
    """Read a file (.txt/.md/.markdown/.html/.htm), an http(s) URL, or "-" (stdin) into an Article.

    ``max_bytes`` defaults to $NARRATOR_MAX_ARTICLE_BYTES, else MAX_ARTICLE_BYTES: sources are parsed
    in memory, so the limit is what keeps a huge or endless source from exhausting it. Without
    ``follow_links`` a file that is a symbolic link is refused, checked as it is opened.
    """
    if max_bytes is None:
        max_bytes = max_article_bytes()
    src = str(source)
    if src == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        _check_size(data, max_bytes, "standard input")
        text = decode_text(data, "standard input")
        kind = "md" if _markdown(text) else "txt"
        if re.match(r"\s*<(?:!doctype|html)", text, re.I):
            kind = "html"
        return parse_article(text, kind, "-")
    if re.match(r"https?://", src, re.I):
        text, kind = fetch_url(src, max_bytes=max_bytes, timeout=timeout)
        return parse_article(text, kind, src, url=src)
    path = Path(src)
    if path.is_dir():
        raise IngestError(f"{src}: is a folder; give one article in it (a build reads a whole folder)")
    if not path.is_file():
        raise IngestError(f"{src}: no such file; give a path to an article, a URL or - for stdin")
    kind = TEXT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise IngestError(
            f"{src}: unsupported file type {path.suffix or '(none)'}; use .txt, .md, .markdown, .html or .htm"
        )
    if not follow_links and path.is_symlink():
        raise _link_refused(src)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    try:
        with open(os.open(path, flags), "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise IngestError(
                    f"{src}: {size} bytes is larger than the {max_bytes}-byte limit; split the article, "
                    f"or raise the limit with {MAX_BYTES_VARIABLE}"
                )
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            raise _link_refused(src) from None  # it became a link after the check above
        raise IngestError(f"{src}: cannot read it ({exc.strerror or exc}); check its permissions") from None
    _check_size(data, max_bytes, src)
    return parse_article(decode_text(data, src), kind, src)


_MARKDOWN_SIGNS = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n|^#{1,6}[ \t]+\S|^```|\]\((?:https?://|/|#)", re.M)


def _markdown(text: str) -> bool:
    """Whether text without a file name (standard input) is Markdown: front matter, a ``# heading``, a
    fenced block or an inline link, which read as plain text would be spoken ("hash hash", "title: ...")."""
    return _MARKDOWN_SIGNS.search(text) is not None


def _link_refused(src: str) -> IngestError:
    return IngestError(
        f"{src}: is a symbolic link, which a build does not follow; put the file itself in the articles "
        f"folder, or set {LINKS_VARIABLE}=1"
    )


def max_article_bytes() -> int:
    """The size limit for one source: $NARRATOR_MAX_ARTICLE_BYTES, else MAX_ARTICLE_BYTES."""
    value = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    if not value:
        return MAX_ARTICLE_BYTES
    if not value.isdigit() or int(value) == 0:
        raise IngestError(
            f'{MAX_BYTES_VARIABLE}="{value}" is not a size in bytes; give a whole number, e.g. 50000000'
        )
    return int(value)


def _check_size(data: bytes, max_bytes: int, name: str) -> None:
    if len(data) > max_bytes:
        raise IngestError(
            f"{name}: more than the {max_bytes}-byte limit; give a smaller article, "
            f"or raise the limit with {MAX_BYTES_VARIABLE}"
        )


PAGE_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
}
"""Content types that hold an article, and the parser each needs."""


def fetch_url(
    url: str, *, max_bytes: int, timeout: float, types: Mapping[str, str] = PAGE_TYPES
) -> tuple[str, str]:
    """Download a page with a timeout and a size limit; returns (text, kind), the kind looked up in
    ``types`` by the response's content type (any other type is refused: a PDF is not read as HTML)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise IngestError(f"{url}: {length} bytes is larger than the {max_bytes}-byte limit")
            data = response.read(max_bytes + 1)
            ctype = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise IngestError(f"{url}: the server answered {exc.code} {exc.reason}; check the address") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise IngestError(f"{url}: could not download ({reason}); check the address and the network") from exc
    _check_size(data, max_bytes, url)
    if ctype not in types:
        raise IngestError(f"{url}: the server sent {ctype}, not a web page or text; give an article page")
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = decode_text(data, url)
    else:
        text = decode_text(data, url)
    return text, types[ctype]


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters: not allowed in XML 1.0 (the feed, the pages) and nothing a voice can say."""
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates: they reorder what a page shows (a title could read
differently from what is spoken) and have no sound."""


_CP1252_HIGH = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
"""What Windows-1252 shows for the bytes 0x80-0xBF, the continuation bytes of UTF-8."""
_MOJIBAKE = re.compile(f"(?:[Â-ï][{_CP1252_HIGH}]{{1,2}})+")
"""UTF-8 once read as Windows-1252 ("GuantÃ¡namo", "Itâ€™s"): a voice would spell out every piece of it."""


def repair_mojibake(text: str) -> str:
    """Each run of mojibake, repaired by ftfy where it can tell what it was."""
    if "Ã" not in text and "Â" not in text and "â€" not in text:
        return text
    import ftfy  # only text with a sign of mojibake pays for loading it

    return _MOJIBAKE.sub(lambda run: ftfy.fix_encoding(run.group()), text)


def parse_article(text: str, kind: str, source: str, *, url: str | None = None) -> Article:
    """Text of a known kind (txt, md, html) → cleaned Article."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    # composed characters: "José" written as "e" and a combining accent is one word to every rule, not two
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", _CONTROL.sub(" ", repair_mojibake(text)))
    if not text.strip():
        raise IngestError(f"{source}: the article is empty; give a file with a headline and some text")
    if kind == "html":
        meta, blocks, skipped = _parse_html(text, source)
    elif kind == "md":
        meta, blocks, skipped = _parse_markdown(text, source)
    else:
        meta, blocks, skipped = _parse_txt(text)
    if url:
        # A page names its canonical address and image relative to itself as often as not.
        for key in ("url", "image"):
            if isinstance(meta.get(key), str):
                meta[key] = urllib.parse.urljoin(url, meta[key].strip())
        meta.setdefault("url", url)
    meta = _clean_metadata(meta)
    blocks, more = clean_blocks(blocks, meta.get("title") or "", meta.get("author"))
    skipped += more
    if not meta.get("date"):
        # A wire dateline's date ("HEREFORD, April 2, 2025 — ...") dates the article when nothing else does.
        meta["date"] = next(
            (found for s in more if s.reason == "dateline" and (found := _date_in(s.text))), None
        )
    if not any(b.kind != "heading" for b in blocks):
        raise IngestError(f"{source}: no article text found (only a headline or page furniture)")
    title = meta.get("title") or _title_from_source(source)
    return Article(
        title=title,
        blocks=tuple(blocks),
        source=source,
        author=meta.get("author"),
        date=parse_date(meta.get("date")),
        url=meta.get("url"),
        language=meta.get("language"),
        image=meta.get("image"),
        description=meta.get("description"),
        skipped=tuple(skipped),
        site=meta.get("site"),
        season=meta.get("season"),
        episode=meta.get("episode"),
    )


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>\\^`{|}]+", re.IGNORECASE)


def _clean_metadata(meta: dict) -> dict:
    """Metadata as text that can be written anywhere, with links only to web pages.

    YAML and JSON escapes can make lone surrogates, which no file encoding can write; a source's
    ``url`` or ``image`` becomes a link on the pages and in the feed, so anything but an http(s)
    address (``javascript:``, ``data:``) is dropped rather than published (issue 13).
    """
    cleaned: dict = {}
    for key, value in meta.items():
        if isinstance(value, str):
            value = _INVISIBLE.sub("", _CONTROL.sub(" ", _LONE_SURROGATE.sub("\ufffd", value))).strip()
        if key in ("url", "image") and not (isinstance(value, str) and _WEB_ADDRESS.fullmatch(value)):
            continue
        cleaned[key] = value
    return cleaned


def _title_from_source(source: str) -> str:
    if source == "-":
        return "Standard input"
    stem = Path(source.rstrip("/")).stem
    return re.sub(r"[-_]+", " ", stem).strip().capitalize() or "Untitled article"


def parse_date(value: object) -> datetime | None:
    """A date from metadata or a feed (ISO 8601, RFC 2822, "27 November 2026"), or None."""
    if isinstance(value, datetime):
        return value
    if value is None:
        return None
    text = str(value).strip()
    if hasattr(value, "isoformat") and not isinstance(value, str):  # a date from YAML
        text = value.isoformat()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    with contextlib.suppress(TypeError, ValueError):
        return email.utils.parsedate_to_datetime(text)  # RFC 2822, English names whatever the locale
    # "27 November 2026", "Nov 27, 2026": month names matched here, since strptime's %B follows the locale
    words = re.fullmatch(r"(?:(\d{1,2})\s+([A-Za-z]+)\.?|([A-Za-z]+)\.?\s+(\d{1,2}),?)\s+(\d{4})", text)
    if words:
        day, month = (words.group(1), words.group(2)) if words.group(1) else (words.group(4), words.group(3))
        number = {name[:3].lower(): n for n, name in enumerate(MONTHS, start=1)}.get(month[:3].lower())
        if number:
            with contextlib.suppress(ValueError):
                return datetime(int(words.group(5)), number, int(day))
    return None


_DATE_LINE = re.compile(
    r"^(?:(?:first\s+)?(?:published|updated|posted|last\s+updated|date)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|tues|wed|wednes|thu|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]+\.?,?\s+\d{4}|[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?\.?$",
    re.I,
)
"""A line that only dates the article: "Published 2 April 2025", "Wednesday 2 April 2025, 09:15"."""


def _date_line(text: str) -> datetime | None:
    found = _DATE_LINE.match(text.strip())
    return parse_date(found.group("date").replace(",", " ").replace("  ", " ")) if found else None


def _date_in(text: str) -> datetime | None:
    """The date a dateline carries after its place ("HEREFORD, April 2, 2025 —"), if any."""
    found = re.search(r"(\d{1,2}\s+[A-Za-z]+\.?,?\s+\d{4}|[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4})", text)
    return parse_date(re.sub(r"\s+", " ", found.group(1).replace(",", " "))) if found else None


# --- plain text ----------------------------------------------------------------------------------

_HEADER = re.compile(r"^(title|author|by|date|url|source|language|image):\s*(.+)$", re.I)


def _parse_txt(text: str) -> tuple[dict, list[Block], list[Skipped]]:
    lines = text.split("\n")
    meta: dict = {}
    skipped: list[Skipped] = []
    # "Key: value" headers at the very top, up to the first blank line
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    header_start = i
    while i < len(lines) and (m := _HEADER.match(lines[i].strip())):
        key = m.group(1).lower()
        meta[{"by": "author", "source": "url"}.get(key, key)] = m.group(2).strip()
        i += 1
    if "title" not in meta:
        i = header_start
    paragraphs = _txt_paragraphs(lines[i:])
    # A date line near the top dates the article and is not read ("Published 2 April 2025").
    for index, paragraph in enumerate(paragraphs[:4]):
        date = _date_line(paragraph)
        if date is not None:
            meta.setdefault("date", date)
            skipped.append(Skipped(paragraphs.pop(index), "dateline"))
            break
    # A lone paragraph of prose (a note piped in) is the article itself, not a headline over nothing.
    lone_text = len(paragraphs) == 1 and not _is_headline_like(paragraphs[0])
    if "title" not in meta and paragraphs and not lone_text:
        first = paragraphs.pop(0)
        # A short kicker ("HMS Argyll") above a real headline: the headline is the second line.
        if (
            paragraphs
            and len(first.split()) <= 4
            and _is_headline_like(paragraphs[0])
            and not _BYLINE.match(paragraphs[0])
            and len(paragraphs[0].split()) > len(first.split())
        ):
            skipped.append(Skipped(first, "kicker"))
            first = paragraphs.pop(0)
        meta["title"] = first
    if paragraphs and _BYLINE.match(paragraphs[0]) and len(paragraphs[0].split()) <= 12:
        byline = paragraphs.pop(0)
        meta.setdefault("author", re.sub(r"^by\s+|\s*[,|–—-].*$", "", byline, flags=re.I))
        skipped.append(Skipped(byline, "byline"))
    return meta, [Block("paragraph", p) for p in paragraphs], skipped


def _is_headline_like(line: str) -> bool:
    return len(line.split()) <= 25 and not re.search(r"[.:;,]$", line.strip()) and "\n" not in line


def _txt_paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated blocks; a block of long, hard-wrapped lines is one paragraph, a block of
    short lines is one paragraph per line."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    out = []
    for block in blocks:
        if not block:
            continue
        wrapped = (
            len(block) > 1
            and all(len(x) >= 40 for x in block[:-1])
            and not any(re.match(r"[“\"‘']", x) or _TXT_BULLET.match(x) for x in block[1:])
        )
        if wrapped:
            out.append(" ".join(block))
            continue
        # a list ("- “…,” Sen. Jo Hale said.", "• …") reads without its bullets, as the Markdown and HTML
        # readers give it; a lone "- Jo Hale." under a quotation signs it and keeps its dash
        listed = sum(1 for x in block if _TXT_BULLET.match(x)) >= 2
        for line in block:
            bullet = _TXT_BULLET.match(line)
            if bullet and (listed or re.match(r"[“\"‘']", line[bullet.end() :])):
                line = line[bullet.end() :]
            out.append(line)
    return out


_TXT_BULLET = re.compile(rf"[-*•·‣▪–]\s+(?=(?:{UPPER}|[“\"‘']))")
"""A list item's bullet at the start of a line of plain text (a dash before a small letter carries a
hard-wrapped sentence on)."""


# --- markdown ------------------------------------------------------------------------------------


FRONT_MATTER_KEYS = ("title", "author", "date", "url", "image", "language", "description", "site")


def _front_matter(text: str, source: str) -> tuple[dict, str]:
    """The metadata of a ``---`` YAML or ``+++`` TOML (Hugo) header, and the text after it."""
    if m := re.match(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", text, re.S):
        front = _yaml_front_matter(m.group(1), source)
    elif m := re.match(r"\A\+\+\+\s*\n(.*?)\n\+\+\+\s*(?:\n|\Z)", text, re.S):
        try:
            front = tomllib.loads(m.group(1))
        except tomllib.TOMLDecodeError as exc:
            raise IngestError(f"{source}: the +++ front matter is not valid TOML ({exc}); fix it") from None
    else:
        return {}, text
    if not isinstance(front, dict):
        raise IngestError(f"{source}: the front matter must be key: value pairs (title, author, date...)")
    meta = {key: front[key] for key in FRONT_MATTER_KEYS if front.get(key) not in (None, "")}
    if "lang" in front and "language" not in meta:
        meta["language"] = front["lang"]
    meta = {key: value if key == "date" else str(value) for key, value in meta.items()}
    for key in ("season", "episode"):
        value = front.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise IngestError(f"{source}: {key} must be a positive whole number such as 2, not {value!r}")
        if value is not None:
            meta[key] = value
    # The skip report of a page saved by `narrator add`, so `segments` still shows what was left out.
    saved = front.get("skipped")
    meta["skipped"] = [
        Skipped(str(item["text"]), str(item["reason"]))
        for item in (saved if isinstance(saved, list) else [])
        if isinstance(item, dict) and item.get("text") and item.get("reason")
    ]
    if "date" in meta and parse_date(meta["date"]) is None:
        raise IngestError(
            f'{source}: date "{meta["date"]}" in the front matter is not a date; '
            "write it as 2024-06-01 (or 1 June 2024), or leave it out"
        )
    return meta, text[m.end() :]


def _yaml_front_matter(header: str, source: str) -> object:
    import yaml

    try:
        return yaml.load(header, Loader=_front_matter_loader()) or {}  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or exc
        raise IngestError(f"{source}: the front matter is not valid YAML ({problem}); fix it") from None
    except RecursionError:
        raise IngestError(f"{source}: the front matter is nested too deeply to read; simplify it") from None


@functools.cache
def _front_matter_loader() -> type:
    """YAML's safe loader without aliases and without its own timestamps.

    An alias repeats a node, so 700 bytes of nested aliases expand to gigabytes (issue 13); front matter
    never needs one. Timestamps stay text for ``_parse_date``: YAML's own loader raises a bare ValueError
    on ``2024-13-01``.
    """
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        def compose_node(self, parent: object, index: object) -> object:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, f"aliases (*{event.anchor}) are not allowed; write the value out",
                    event.start_mark,
                )  # fmt: skip
            return super().compose_node(parent, index)

    FrontMatterLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return FrontMatterLoader


def _parse_markdown(text: str, source: str) -> tuple[dict, list[Block], list[Skipped]]:
    meta, text = _front_matter(text, source)
    blocks: list[Block] = []
    skipped: list[Skipped] = meta.pop("skipped", [])
    para: list[str] = []
    quote: list[str] = []
    fence: list[str] | None = None

    def inline(text: str) -> str:
        # An image inside a paragraph is not read out either; its alt text goes to the skip report.
        for alt in re.findall(r"!\[([^\]]*)\]\([^)]*\)", text):
            skipped.append(Skipped(alt.strip() or "image", "caption"))
        return _md_inline(text)

    def flush() -> None:
        if para:
            blocks.append(Block("paragraph", inline(" ".join(para))))
            para.clear()
        if quote:
            blocks.append(Block("blockquote", inline(" ".join(quote))))
            quote.clear()

    lines, tables = _drop_tables(text.split("\n"))
    skipped += tables
    for raw in lines:
        line = raw.rstrip()
        if fence is not None:
            if m := re.match(r"^\s*(?:```|~~~)", line):
                # Text after a fence (an info string, or a one-line ```code```) is reported, not lost.
                skipped.append(Skipped("\n".join([*fence, line[m.end() :]]).strip("\n"), "code"))
                fence = None
            else:
                fence.append(line)
            continue
        if m := re.match(r"^\s*(?:```|~~~)", line):
            flush()
            fence = [line[m.end() :]] if line[m.end() :].strip() else []
        elif not line.strip():
            flush()
        elif m := re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line):
            flush()
            blocks.append(Block("heading", inline(m.group(2)), level=len(m.group(1))))
        elif re.match(r"^\s*>", line):
            if para:
                flush()
            quote.append(re.sub(r"^\s*>\s?", "", line))
        elif re.match(r"^ {4,}\S|^\t", line) and not para:
            skipped.append(Skipped(line.strip(), "code"))
        elif re.match(r"^\s*([-*_])(\s*\1){2,}\s*$", line):
            flush()
        elif re.match(r"^\s*!\[", line) and not re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line).strip():
            flush()
            alt = re.match(r"\s*!\[([^\]]*)\]", line)
            skipped.append(
                Skipped(alt.group(1).strip() if alt and alt.group(1).strip() else line.strip(), "caption")
            )
        elif re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", line):
            flush()
            para.append(re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line))
            flush()
        else:
            if quote:
                flush()
            para.append(line.strip())
    if fence is not None:
        skipped.append(Skipped("\n".join(fence), "code"))
    flush()
    if "title" not in meta:
        first = next((b for b in blocks if b.kind == "heading" and b.level == 1), None) or next(
            (b for b in blocks if b.kind == "heading"), None
        )
        if first is not None:
            meta["title"] = first.text
            blocks.remove(first)
        elif blocks:
            meta["title"] = blocks.pop(0).text
    return meta, blocks, skipped


_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
"""The delimiter row under a Markdown table's header: |---|:---:|."""


def _drop_tables(lines: list[str]) -> tuple[list[str], list[Skipped]]:
    """Markdown tables, which read aloud as a stream of pipes, become blank lines and a skip report entry.

    A table is a row with pipes over a delimiter row, and the rows with pipes that follow; HTML articles
    lose their tables the same way (trafilatura's include_tables=False).
    """
    kept: list[str] = []
    skipped: list[Skipped] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if "|" in line and "|" in following and _TABLE_RULE.match(following):
            end = index + 2
            while end < len(lines) and "|" in lines[end] and lines[end].strip():
                end += 1
            skipped.append(Skipped("\n".join(row.strip() for row in lines[index:end]), "table"))
            kept.extend([""] * (end - index))
            index = end
        else:
            kept.append(line)
            index += 1
    return kept, skipped


_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
"""CommonMark's backslash escapes: ``\\*`` is a literal star, not emphasis."""
_ESCAPED_BASE = 0xE000
"""Escaped characters wait in the Private Use Area while the inline rules run."""


def _md_inline(text: str) -> str:
    text = _MD_ESCAPE.sub(lambda m: chr(_ESCAPED_BASE + ord(m.group(1))), text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[\^[^\]]+\]", "", text)  # footnote references
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    text = re.sub("[\ue021-\ue07e]", lambda m: chr(ord(m.group()) - _ESCAPED_BASE), text)
    return re.sub(r"\s+", " ", text).strip()


# --- HTML ----------------------------------------------------------------------------------------

_CLUTTER_CLASSES = re.compile(r"newsletter|signup|sign-up|subscribe|share|social|related|promo|advert", re.I)


def _parse_html(text: str, source: str) -> tuple[dict, list[Block], list[Skipped]]:
    import lxml.html
    import trafilatura
    from lxml import etree

    try:
        doc = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(f"{source}: not a readable HTML page ({exc})") from exc
    skipped: list[Skipped] = []
    for el in doc.xpath("//figcaption"):
        caption = " ".join(el.text_content().split())
        if caption:
            skipped.append(Skipped(caption, "caption"))
        el.drop_tree()
    for el in doc.xpath("//aside|//*[@class or @id]"):
        if el.getparent() is None or el.tag in ("html", "body", "article", "main"):
            continue
        marker = f"{el.get('class', '')} {el.get('id', '')}"
        if el.tag == "aside" or _CLUTTER_CLASSES.search(marker):
            content = " ".join(el.text_content().split())
            if content and len(content.split()) < 80:
                reason = (
                    "newsletter" if re.search(r"newsletter|sign|subscri", marker + content, re.I) else "share"
                )
                skipped.append(Skipped(content, reason))
                el.drop_tree()
    for el in doc.xpath("//pre"):
        skipped.append(Skipped(el.text_content().strip(), "code"))
        el.drop_tree()
    for el in doc.xpath("//q"):  # <q> is rendered with marks by the browser; make them real
        el.text = "“" + (el.text or "")
        if len(el):
            el[-1].tail = (el[-1].tail or "") + "”"
        else:
            el.text += "”"
        el.drop_tag()
    cleaned = lxml.html.tostring(doc, encoding="unicode")
    try:
        xml = trafilatura.extract(
            cleaned,
            output_format="xml",
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_recall=True,
        )
        root = etree.fromstring(xml.encode("utf-8")) if xml else None
    except etree.LxmlError as exc:  # trafilatura re-parses its own output, which broken markup can defeat
        raise IngestError(f"{source}: the page's markup could not be parsed ({one_line(str(exc))})") from None
    meta = _html_metadata(text, doc)
    if root is None:
        raise IngestError(f"{source}: no article body found in the page; is it a news article?")
    blocks: list[Block] = []
    main = root.find("main")
    for el in main if main is not None else root:
        words = " ".join("".join(el.itertext()).split())
        if not words:
            continue
        if el.tag == "head":
            level = int((el.get("rend") or "h2")[1:] or 2) if re.match(r"h\d", el.get("rend") or "") else 2
            blocks.append(Block("heading", words, level=level))
        elif el.tag == "quote":
            blocks.append(Block("blockquote", words))
        elif el.tag == "code":
            skipped.append(Skipped(words, "code"))
        elif el.tag == "list":
            blocks.extend(
                Block("paragraph", " ".join("".join(i.itertext()).split())) for i in el if i.tag == "item"
            )
        else:
            blocks.append(Block("paragraph", words))
    if (
        blocks
        and blocks[0].kind == "heading"
        and (not meta.get("title") or _similar(blocks[0].text, meta["title"]))
    ):
        meta["title"] = blocks.pop(0).text
    return meta, blocks, skipped


def _html_metadata(text: str, doc) -> dict:  # noqa: ANN001 (lxml element)
    import trafilatura

    meta: dict = {}
    found = trafilatura.extract_metadata(text)
    if found is not None:
        for key in ("title", "author", "date", "url", "image", "description"):
            value = getattr(found, key, None)
            if value:
                meta[key] = value
        if getattr(found, "sitename", None):
            meta["site"] = found.sitename

    def first(xpath: str) -> str | None:
        values = [v.strip() for v in doc.xpath(xpath) if v and v.strip()]
        return values[0] if values else None

    meta.setdefault("title", first("//meta[@property='og:title']/@content") or first("//title/text()"))
    meta.setdefault(
        "author",
        first("//meta[@name='author']/@content") or first("//meta[@property='article:author']/@content"),
    )
    meta.setdefault("date", first("//meta[@property='article:published_time']/@content"))
    meta.setdefault("site", first("//meta[@property='og:site_name']/@content"))
    meta.setdefault("image", first("//meta[@property='og:image']/@content"))
    meta.setdefault(
        "url", first("//meta[@property='og:url']/@content") or first("//link[@rel='canonical']/@href")
    )
    for script in doc.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]):
            if not isinstance(item, dict) or not str(item.get("@type", "")).endswith(("Article", "Posting")):
                continue
            author = item.get("author")
            if isinstance(author, list) and author:
                author = author[0]
            if isinstance(author, dict):
                author = author.get("name")
            if author and not meta.get("author"):
                meta["author"] = str(author)
            meta.setdefault("date", item.get("datePublished"))
            if not meta.get("title") and item.get("headline"):
                meta["title"] = str(item["headline"])
    lang = first("/html/@lang") or first("//meta[@http-equiv='content-language']/@content")
    if lang:
        meta["language"] = lang
    return {k: v for k, v in meta.items() if v}


def _similar(a: str, b: str) -> bool:
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.8


# --- clean-up ------------------------------------------------------------------------------------

_ADVERT = re.compile(
    r"^(?:advertisement|advert|sponsored(?: content)?|story continues below(?: advertisement)?"
    r"|\(?ad\)?|scroll to continue(?: with content)?)\W*$",
    re.I,
)
_READ_MORE = re.compile(
    r"^(?:read more|read also|also read|more on this story|related(?: stories| articles)?"
    r"|see also|watch|listen|recommended|most read)\s*[:>|–—-]",
    re.I,
)
_SHARE = re.compile(
    r"^(?:share(?: this(?: article| story)?)?(?: on| via)?\b|follow us|tweet this|copy link"
    r"|click here|(?:facebook|twitter|whatsapp|linkedin|email|e-mail|pinterest|x)(?:\s*[|/,·]\s*"
    r"(?:facebook|twitter|whatsapp|linkedin|email|e-mail|pinterest|x|copy link))+\s*$)",
    re.I,
)
_NEWSLETTER = re.compile(
    r"(?:sign up|subscribe)\b.*\b(?:newsletter|inbox|email|updates)|newsletter sign.?up"
    r"|get our .*newsletter|enter your email",
    re.I,
)
_BYLINE = re.compile(
    rf"^by\s+{LETTER}[\w.'’-]*(?:\s+(?:{LETTER}[\w.'’-]*|and|&|de|van|von|der|da))*(?:\s*[,|–—-].{{0,60}})?$",
    re.I,
)
_WIRE_CREDIT = re.compile(
    r"^\(?\s*(?:reporting|writing|editing|additional reporting|compiled)\s+by\b.*\)?$", re.I
)
_WIRE_NOTICE = re.compile(
    r"^(?:this (?:report|story|article) by\b.{0,60}\bwas first published\b"
    r"|(?:copyright|\(c\))\s+\d{4}\b|.{0,80}\ball rights reserved\W*$"
    r"|this material may not be published\b|[—–-]*\s*with files from\b|contributing:\s"
    r"|.{0,150}\bcontributed to this (?:report|story|article)\W*$)",
    re.I,
)
"""The wire's notices at a story's end ("This report by The Canadian Press was first published …",
"Copyright 2025 The Associated Press. All rights reserved.", "With files from …"): not the story."""
_DATELINE = re.compile(
    rf"^(?P<place>{UPPER}(?:{UPPER}|['’.-])+(?:[ -]{UPPER}(?:{UPPER}|['’.-])+)*"
    rf"(?:,\s*{UPPER}[\w.]*(?:\s{UPPER}[\w.]*)*)*)"
    r"(?:,?\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2}(?:,?\s+\d{4})?))?"
    r"\s*(?:\([^()]{1,40}\)\s*)?[-–—]+\s+(?=\S)"
)
"""A wire or newspaper dateline ("LONDON (Reuters) - ", "WASHINGTON — ", "HEREFORD, April 2, 2025 — "),
which newsreaders do not read."""
_CREDIT = re.compile(
    r"^(?:(?:photo|picture|image|photograph|illustration|video)(?:graph)?\s*(?:credit)?\s*[:©]"
    r"|©|\(?(?:getty images|reuters|ap photo|afp|pa media|pa wire|shutterstock|alamy)\b"
    r"|image (?:copyright|source|caption))",
    re.I,
)
_CREDITED_PHOTO = re.compile(
    rf"^(?i:file photo|\[\d+/\d+\])\W"
    rf"|(?P<credit>\(?(?:{UPPER}[\w.'’&-]*\s+){{0,3}}{UPPER}[\w.'’&-]*\s*/\s*"
    rf"(?:{UPPER}[\w.'’&-]*(?:\s+|\s*/\s*)){{0,4}}{UPPER}[\w'’&-]*\)?)\.?$"
)
"""A photo's caption, told by its credit: "… (Jason Franson/The Canadian Press)", "… REUTERS/Amber Bracken",
"Robert Galbraith / Reuters.", "FILE PHOTO: …", "[1/3] …"."""
_PAGE_FURNITURE = re.compile(
    r"^(?:listen to this (?:article|story)|open this photo in gallery|article content|report an error"
    r"|journalistic standards|trending(?: now)?"
    r"|(?:last )?(?:published|updated|posted)\s*:?\s*"
    r"(?:\d|on\s|[a-z]{3,9}\.?\s+\d{1,2}\b|\w+\s+(?:hours?|minutes?|days?)\s+ago))",
    re.I,
)
"""What a news site prints around the story ("Listen to this article", "Updated March 4, 2025 10:30 a.m.")."""
_AUTHOR_BIO = re.compile(
    rf"^(?P<name>(?:{UPPER}[\w.'’-]+\s+){{1,3}})(?:is|was|has\s+been)\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,5}}?"
    r"(?:reporter|writer|correspondent|editor|journalist|columnist|contributor|producer|photographer"
    r"|photojournalist|freelancer|intern|fellow)\b"
)
_CONTACT = re.compile(
    r"\b(?:reach|contact|email|e-mail|follow)\s+(?:him|her|them|me)\s+(?:at|on|via)\b|\S@\w", re.I
)
"""The writer's note at a story's end ("Jane Okafor is a reporter covering city hall … Reach her at …"): about
the journalist, not the story, when it names the byline's writer or says how to reach them."""
_URL = re.compile(r"(?<![\w@])(?:https?://|www\.)[^\s<>()\"“”]+[^\s<>()\"“”.,;:!?'’]", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_FOOTNOTE = re.compile(
    r"(?<=[\w.,;:!?”’\"')])(?:\[(?:\d{1,3}|[a-z]|citation needed|note \d+)\]"
    # a square or cube after a unit ("12km²", "50 m³") is a power, not a footnote marker
    r"|(?<!\d[a-zA-Z])(?<!\d[a-zA-Z]{2})(?<!\d [a-zA-Z])(?<!\d [a-zA-Z]{2})[¹²³⁴⁵⁶⁷⁸⁹⁰]+)"
)
_MARKUP = re.compile(
    r"</[A-Za-z][\w:-]*\s*>"  # a closing tag
    r"|<[A-Za-z][\w:-]*(?:\s+[\w:-]+\s*=\s*(?:[\"“”][^\"“”<>]*[\"“”]|'[^'<>]*'))+\s*/?>"  # with attributes
    r"|<(?:a|b|i|u|em|strong|span|div|p|br|hr|img|sup|sub|small|tweet)\s*/?>",  # a common bare tag
    re.I,
)
"""Markup left in text (an export's "<tweet id="…">", a stray "<br/>"), never "a<b and c>d"."""
_ENDS_SENTENCE = re.compile(r"[.!?:;…\"”’')\]]$")


def clean_blocks(
    blocks: list[Block], title: str, author: str | None = None
) -> tuple[list[Block], list[Skipped]]:
    """Drop the clutter a reader skips without thinking; report each piece with its reason."""
    kept: list[Block] = []
    skipped: list[Skipped] = []
    cleaned = [_without_markup(b.text) for b in blocks]
    texts = [text for text, _tags in cleaned]
    writers = [author] if author else []
    for i, block in enumerate(blocks):
        text = texts[i].strip()
        skipped += [Skipped(tag, "markup") for tag in cleaned[i][1]]
        reason = _clutter_reason(text, i, texts, title, block.kind)
        if reason == "byline":
            writers.append(text)
        elif reason is None and i >= len(blocks) - 3 and _writer_note(text, writers):
            reason = "author-note"
        if reason:
            skipped.append(Skipped(text, reason))
            continue
        dateline = _DATELINE.match(text) if not kept and block.kind == "paragraph" else None
        if dateline:
            skipped.append(Skipped(dateline.group().strip(), "dateline"))
            text = text[dateline.end() :]
        if _FOOTNOTE.search(text):
            for m in _FOOTNOTE.finditer(text):
                skipped.append(Skipped(m.group(), "footnote-marker"))
            text = _FOOTNOTE.sub("", text)
        for m in _URL.finditer(text):
            skipped.append(Skipped(m.group(), "url"))
        text = _URL.sub(lambda m: re.sub(r"^(?:https?://)?(?:www\.)?([^/]+).*$", r"\1", m.group()), text)
        kept.append(Block(block.kind, text, block.level))
    return kept, skipped


def _without_markup(text: str) -> tuple[str, list[str]]:
    """The text without its tags, and the tags: "<tweet id="…">…</tweet>." in pasted or exported text. The
    tags are no words (nor is the second full stop they leave), what they hold is; "one<br>two" stays two
    words."""
    if "<" not in text:
        return text, []
    tags: list[str] = []
    marked = _MARKUP.sub(lambda tag: tags.append(tag.group()) or "\x00", text)
    if not tags:
        return text, []
    marked = re.sub(r"([.!?])\x00+\.", r"\1", marked)
    return re.sub(r"(?<=\w)\x00+(?=\w)", " ", marked).replace("\x00", ""), tags


def _clutter_reason(text: str, index: int, texts: list[str], title: str, kind: str) -> str | None:
    if kind == "heading":
        return "repeated-title" if title and text.strip().lower() == title.strip().lower() else None
    if _ADVERT.match(text):
        return "advertisement"
    if index < 4 and _BYLINE.match(text) and len(text.split()) <= 12:
        return "byline"
    if _WIRE_CREDIT.match(text) and len(text.split()) <= 30:
        return "credit"
    if _WIRE_NOTICE.match(text) and len(text.split()) <= 40:
        return "notice"
    if _READ_MORE.match(text):
        return "read-more"
    if _NEWSLETTER.search(text) and len(text.split()) < 40:
        return "newsletter"
    if _SHARE.match(text) and len(text.split()) < 12:
        return "share"
    if title and text.lower().strip(" .") == title.lower().strip(" ."):
        return "repeated-title"
    if not _URL.sub("", _EMAIL.sub("", text)).strip(" ,;|-–—:"):
        return "url" if _URL.search(text) else "email"
    if not re.search(r"[^\W_]", text):
        return "divider"  # "___", "* * *": nothing to say
    if _CREDIT.match(text) or _photo_caption(text):
        return "caption"
    if _PAGE_FURNITURE.match(text) and len(text.split()) <= 12:
        return "page-furniture"
    if re.search(r"(?:\.\.\.|…)$", text) and _is_teaser(text, index, texts, title):
        return "teaser"
    if kind == "paragraph" and _is_caption(text, index, texts):
        return "caption"
    return None


def _writer_note(text: str, writers: list[str]) -> bool:
    """A short note about the story's writer at its end (see ``_AUTHOR_BIO``)."""
    bio = _AUTHOR_BIO.match(text)
    if bio is None or len(text.split()) > 60:
        return False
    return bool(_CONTACT.search(text)) or any(bio.group("name").strip() in writer for writer in writers)


def _photo_caption(text: str) -> bool:
    """A short paragraph ending in a photo credit, a name and an agency beside a slash (three capitalised
    words at least, so "AC/DC" is not one)."""
    m = _CREDITED_PHOTO.search(text)
    if m is None or len(text.split()) > 60:
        return False
    return m.group("credit") is None or len(re.findall(r"\w+", m.group("credit"))) >= 3


def _is_teaser(text: str, index: int, texts: list[str], title: str) -> bool:
    """A summary that repeats the lede and trails off: its words are mostly in the next paragraphs."""
    words = set(re.findall(r"\w+", text.lower()[:-3]))
    following = set(re.findall(r"\w+", " ".join(texts[index + 1 : index + 4] + [title]).lower()))
    return bool(words) and len(words & following) / len(words) >= 0.6


def _is_caption(text: str, index: int, texts: list[str]) -> bool:
    """Short unpunctuated lines inside the body are captions and credits ("HMS Argyll", "Flooded streets
    in Kirkstall on Sunday morning") unless they introduce the next paragraph's quote."""
    words = text.split()
    if not words or len(words) > 15 or _ENDS_SENTENCE.search(text) or index == len(texts) - 1:
        return False
    nxt = texts[index + 1].lstrip() if index + 1 < len(texts) else ""
    if re.match(r"[“\"‘'«]", nxt):
        return False
    # "What happens next" (short, sentence case) is a subheading and is kept
    return len(words) > 4 or all(w[0].isupper() for w in words if w[0].isalpha())
