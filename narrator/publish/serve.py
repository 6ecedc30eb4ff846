"""Serve an output folder the way podcast apps need: HEAD, byte ranges, the right types, CORS, and nothing
from outside the folder.

``python -m http.server`` ignores Range headers (players cannot seek or resume) and sends ``.vtt`` and
``.xml`` with the wrong types; this handler fixes both and refuses anything that leaves the folder.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import re
import socket
import stat
import struct
import sys
import threading
from collections.abc import Sequence
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO, Literal
from urllib.parse import unquote, urlsplit

from lxml import etree

from narrator.errors import PublishError
from narrator.produce.formats import EPISODE_FORMATS

CONTENT_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    **{audio.suffix: audio.mime for audio in EPISODE_FORMATS},
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
}
CHUNK = 64 * 1024
# One "bytes=first-last", "bytes=first-" or "bytes=-suffix"; anything else is ignored (RFC 9110 14.2).
SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
MAX_POSITION_DIGITS = 18


class OutputHandler(BaseHTTPRequestHandler):
    """GET and HEAD for files under ``server.root``; every other path is a 404."""

    server: OutputServer
    server_version = "narrator"
    protocol_version = "HTTP/1.1"
    timeout = 30  # a stalled client cannot hold a worker thread forever

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def do_OPTIONS(self) -> None:  # noqa: N802
        """CORS preflight: a web player on another origin asking before a ranged or conditional GET."""
        self._send_empty(
            HTTPStatus.NO_CONTENT,
            {
                "Allow": "GET, HEAD, OPTIONS",
                "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
                "Access-Control-Allow-Headers": "Range, If-None-Match, If-Modified-Since, If-Range",
                "Access-Control-Max-Age": "86400",
            },
        )

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (signature from the base class)
        if not self.server.quiet:
            super().log_message(format, *args)

    def _respond(self, send_body: bool) -> None:
        raw_path = urlsplit(self.path).path
        found = find_file(self.server.root, raw_path)
        if found == "folder":
            # Relative links on index.html only work from the folder URL itself.
            self._send_empty(HTTPStatus.MOVED_PERMANENTLY, {"Location": raw_path + "/"})
            return
        if found is None:
            self._send_empty(
                HTTPStatus.NOT_FOUND, {"Content-Type": "text/plain; charset=utf-8"}, b"Not found\n"
            )
            return
        handle, name = found
        try:
            info = os.fstat(handle.fileno())
            size = info.st_size
            etag = f'"{info.st_mtime_ns:x}-{size:x}"'
            headers = {
                "Content-Type": CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream"),
                "Accept-Ranges": "bytes",
                "Last-Modified": formatdate(info.st_mtime, usegmt=True),
                "ETag": etag,
            }
            if not_modified(
                self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"), etag, info.st_mtime
            ):
                # Apps poll the feed: an unchanged file costs them one short answer, not a download.
                self._send_empty(HTTPStatus.NOT_MODIFIED, {k: headers[k] for k in ("ETag", "Last-Modified")})
                return
            wanted = self.headers.get("Range")
            if_range = self.headers.get("If-Range")
            if if_range is not None and if_range not in (etag, headers["Last-Modified"]):
                wanted = None  # the client's partial copy is stale: send the whole file
            span = parse_range(wanted, size) if wanted else None
            if span == "unsatisfiable":
                self._send_empty(
                    HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, {"Content-Range": f"bytes */{size}"}
                )
                return
            status, start, length = HTTPStatus.OK, 0, size
            if isinstance(span, tuple):
                start, end = span
                status, length = HTTPStatus.PARTIAL_CONTENT, end - start + 1
                headers["Content-Range"] = f"bytes {start}-{end}/{size}"
            self.send_response(status)
            for header, value in {**headers, **cors_headers()}.items():
                self.send_header(header, value)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            if send_body:
                handle.seek(start)
                copy_span(handle, self.wfile, length)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the listener went away mid-download; nothing to clean up
        finally:
            handle.close()

    def _send_empty(self, status: HTTPStatus, headers: dict[str, str], body: bytes = b"") -> None:
        self.send_response(status)
        for name, value in {**headers, **cors_headers()}.items():
            self.send_header(name, value)
        if status not in (HTTPStatus.NO_CONTENT, HTTPStatus.NOT_MODIFIED):  # these never carry a body
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)


def cors_headers() -> dict[str, str]:
    """Web players fetch transcripts and chapters from other origins; everything here is public anyway.
    They may read the headers that seeking and caching need."""
    return {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "Content-Range, Accept-Ranges, Content-Length, ETag, Last-Modified",
    }


def not_modified(if_none_match: str | None, if_modified_since: str | None, etag: str, mtime: float) -> bool:
    """True when the client's copy is current (RFC 9110 13.1.2, 13.1.3): If-None-Match is compared weakly
    and, when present, decides alone; If-Modified-Since is compared to the second."""
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return "*" in tags or etag in tags
    if if_modified_since is None:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError, IndexError, OverflowError):
        return False  # a malformed date is ignored, as the RFC says
    if since.tzinfo is None:
        return False
    return int(mtime) <= since.timestamp()


def copy_span(source: BinaryIO, target: BinaryIO, length: int) -> None:
    """Copy ``length`` bytes in chunks so a large episode never sits in memory."""
    remaining = length
    while remaining > 0:
        chunk = source.read(min(CHUNK, remaining))
        if not chunk:
            break
        target.write(chunk)
        remaining -= len(chunk)


def parse_range(header: str, size: int) -> tuple[int, int] | str | None:
    """(first, last) for one satisfiable range, "unsatisfiable", or None to send the whole file.

    Several ranges or a malformed header get the whole file, which RFC 9110 allows.
    """
    match = SINGLE_RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:  # the last N bytes
        suffix = byte_position(last)
        if suffix == 0:
            return "unsatisfiable"
        return (max(0, size - suffix), size - 1) if size else "unsatisfiable"
    start = byte_position(first)
    end = byte_position(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        return "unsatisfiable"
    return start, min(end, size - 1)


def byte_position(digits: str) -> int:
    """A Range header's number; past 18 digits it is beyond any file (and int() refuses 4,300 digits)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= MAX_POSITION_DIGITS else 10**MAX_POSITION_DIGITS


def request_parts(raw_path: str) -> list[str] | None:
    """The names a URL path walks through below the output folder, or None for anything that could leave
    it: encoded slashes and backslashes, dot segments, NULs, and hidden names (output/.narrator holds build
    state and temporary files)."""
    if not raw_path.startswith("/") or re.search(r"%(2f|5c|00)", raw_path, re.IGNORECASE):
        return None
    try:
        decoded = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in decoded or "\x00" in decoded or "%" in decoded:
        return None
    parts = [part for part in decoded.split("/") if part]
    if any(part.startswith(".") or ":" in part for part in parts):
        return None
    return parts


def find_file(root: Path, raw_path: str) -> tuple[BinaryIO, str] | Literal["folder"] | None:
    """The regular file a URL path names below root, open, with its name; "folder" for a folder named
    without its trailing slash; None for anything else (404).

    A folder URL serves the folder's index.html, opened the same careful way as any other file.
    """
    parts = request_parts(raw_path)
    if parts is None:
        return None
    if raw_path.endswith("/"):
        parts.append("index.html")
    fd = open_beneath(root, parts)
    if fd is None:
        return None
    mode = os.fstat(fd).st_mode
    if stat.S_ISREG(mode):
        return os.fdopen(fd, "rb"), parts[-1]
    os.close(fd)
    return "folder" if stat.S_ISDIR(mode) else None


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
# O_NONBLOCK: opening a FIFO someone left in the folder must not wait for a writer.
_STEP_FLAGS = _READ_FLAGS | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def open_beneath(root: Path, parts: Sequence[str]) -> int | None:
    """A descriptor for root/parts opened without following any symbolic link, or None.

    Checking a path and then opening it leaves a window in which a file can be swapped for a link to
    /etc/passwd (issue 13). Each name is opened relative to its parent's descriptor with O_NOFOLLOW, so
    what is checked is what is opened, and a link anywhere below root is refused, whatever it points at.
    """
    if os.open not in os.supports_dir_fd:
        return _open_checked_path(root, parts)
    try:
        fd = os.open(root, _READ_FLAGS)
    except OSError:
        return None
    for part in parts:
        try:
            if not stat.S_ISDIR(os.fstat(fd).st_mode):
                raise NotADirectoryError(part)
            child = os.open(part, _STEP_FLAGS, dir_fd=fd)
        except OSError:
            os.close(fd)
            return None
        os.close(fd)
        fd = child
    return fd


def _open_checked_path(root: Path, parts: Sequence[str]) -> int | None:
    """open_beneath where the platform has no dir_fd (Windows): refuse links on the way, open, then make
    sure the file opened is the one that was checked."""
    path = root
    try:
        for part in parts:
            path = path / part
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return None
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    try:
        same = os.path.samestat(os.fstat(fd), os.lstat(path))
    except OSError:
        same = False
    if not same:
        os.close(fd)
        return None
    return fd


class OutputServer(ThreadingHTTPServer):
    """A threaded server for one output folder; ``url`` is the address it answers on."""

    daemon_threads = True
    request_queue_size = 256  # bursts of range requests from players and tests queue instead of failing

    def __init__(self, root: Path, address: tuple[str, int], *, quiet: bool = False) -> None:
        self.root = root.resolve()
        self.quiet = quiet
        super().__init__(address, OutputHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A listener that hangs up or stalls is routine for a media server, not a bug worth a traceback."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = str(host)
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def make_server(
    output_dir: Path, host: str = "127.0.0.1", port: int = 8765, *, quiet: bool = False
) -> OutputServer:
    """Bind (port 0 picks a free one) without serving yet; the caller runs ``serve_forever``."""
    if not output_dir.is_dir():
        raise PublishError(f"{output_dir}: no such folder; run `narrator build` first or pass OUTPUT_DIR")
    try:
        return OutputServer(output_dir, (host, port), quiet=quiet)
    except OSError as exc:
        raise PublishError(
            f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port N or --host H"
        ) from None


def start_server(output_dir: Path, host: str = "127.0.0.1", port: int = 0) -> OutputServer:
    """A quiet server running in a daemon thread; call ``shutdown()`` and ``server_close()`` when done."""
    server = make_server(output_dir, host, port, quiet=True)
    threading.Thread(target=server.serve_forever, name="narrator-serve", daemon=True).start()
    return server


def serve(output_dir: Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve until interrupted (Ctrl-C ends it cleanly)."""
    with make_server(output_dir, host, port) as server, contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


def base_url_hint(output_dir: Path, served_url: str) -> str | None:
    """A message when feed.xml lists its files under another address than the one being served.

    Podcast apps follow the URLs inside the feed, so a feed built for the public site cannot be tested
    from a local server; rebuilding with ``--base-url`` makes the two agree.
    """
    fix = f"narrator build --base-url {served_url}"
    feed = output_dir / "feed.xml"
    if not feed.is_file():
        return f"{feed} does not exist yet; build it for this server with: {fix}"
    try:
        root = etree.parse(str(feed), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError:
        return f"{feed} is not well-formed XML; rebuild it with: {fix}"
    self_link = root.find("channel/{http://www.w3.org/2005/Atom}link[@rel='self']")
    href = "" if self_link is None else self_link.get("href", "")
    base = href.rsplit("/", 1)[0] + "/" if href else ""
    if base == served_url:
        return None
    return (
        f"feed.xml points podcast apps at {base or '(no address)'} but this server is {served_url}; "
        f"to test with apps against this server, rebuild with: {fix}"
    )


WILDCARD_HOSTS = ("0.0.0.0", "::", "")
"""Addresses that mean "every interface": no client can connect to them."""


def reachable_url(served_url: str) -> str:
    """The address other devices should use for a server bound to every interface (``--host 0.0.0.0``):
    the machine's network address, else its name; any other URL is returned as it is."""
    parts = urlsplit(served_url)
    host = (parts.hostname or "").strip("[]")
    if host not in WILDCARD_HOSTS:
        return served_url
    name = socket.gethostname()
    addresses = [a for a in host_addresses(name) if not ipaddress.ip_address(a).is_loopback]
    chosen = addresses[0] if addresses else name
    if ":" in chosen:
        chosen = f"[{chosen}]"
    return f"http://{chosen}:{parts.port}/"


def host_addresses(name: str) -> list[str]:
    """IPv4 addresses of this machine: those its name resolves to, then those of its interfaces."""
    found: list[str] = []
    with contextlib.suppress(OSError):
        found += [info[4][0] for info in socket.getaddrinfo(name, None, socket.AF_INET, socket.SOCK_STREAM)]
    found += interface_addresses()
    return list(dict.fromkeys(found))


def interface_addresses() -> list[str]:
    """The IPv4 address of each network interface (Linux: SIOCGIFADDR); empty elsewhere."""
    try:
        import fcntl
    except ImportError:
        return []
    siocgifaddr = 0x8915
    found = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, interface in socket.if_nameindex():
            request = struct.pack("256s", interface.encode()[:15])
            with contextlib.suppress(OSError):
                answer = fcntl.ioctl(probe.fileno(), siocgifaddr, request)
                found.append(socket.inet_ntoa(answer[20:24]))
    return found

