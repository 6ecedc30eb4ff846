"""Serve an output folder the way podcast apps need: HEAD, byte ranges, the right types, CORS, and nothing
from outside the folder.

``python -m http.server`` ignores Range headers (players cannot seek or resume) and sends ``.vtt`` and
``.xml`` with the wrong types; this handler fixes both and refuses anything that leaves the folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from lxml import etree

from narrator.errors import PublishError

CONTENT_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".mp3": "audio/mpeg",
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

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (signature from the base class)
        if not self.server.quiet:
            super().log_message(format, *args)

    def _respond(self, send_body: bool) -> None:
        raw_path = urlsplit(self.path).path
        path = resolve_request(self.server.root, raw_path)
        if path is not None and path.is_dir():
            if not raw_path.endswith("/"):
                # Relative links on index.html only work from the folder URL itself.
                self._send_empty(HTTPStatus.MOVED_PERMANENTLY, {"Location": raw_path + "/"})
                return
            path = path / "index.html"
            path = path if path.is_file() else None
        if path is None:
            self._send_empty(
                HTTPStatus.NOT_FOUND, {"Content-Type": "text/plain; charset=utf-8"}, b"Not found\n"
            )
            return
        try:
            handle = open(path, "rb")  # noqa: SIM115 (closed in the finally below)
        except OSError:
            self._send_empty(
                HTTPStatus.NOT_FOUND, {"Content-Type": "text/plain; charset=utf-8"}, b"Not found\n"
            )
            return
        try:
            stat = os.fstat(handle.fileno())
            size = stat.st_size
            etag = f'"{stat.st_mtime_ns:x}-{size:x}"'
            headers = {
                "Content-Type": CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream"),
                "Accept-Ranges": "bytes",
                "Last-Modified": formatdate(stat.st_mtime, usegmt=True),
                "ETag": etag,
            }
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
            for name, value in {**headers, **cors_headers()}.items():
                self.send_header(name, value)
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
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)


def cors_headers() -> dict[str, str]:
    """Web players fetch transcripts and chapters from other origins; everything here is public anyway."""
    return {"Access-Control-Allow-Origin": "*"}


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
        suffix = int(last)
        if suffix == 0:
            return "unsatisfiable"
        return (max(0, size - suffix), size - 1) if size else "unsatisfiable"
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        return "unsatisfiable"
    return start, min(end, size - 1)


def resolve_request(root: Path, raw_path: str) -> Path | None:
    """The file or folder a URL path names inside root, or None for anything that could leave it.

    Encoded slashes and backslashes, dot segments, hidden names (output/.narrator holds build state and
    temporary files) and symlinks that resolve outside root are all refused.
    """
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
    candidate = root.joinpath(*parts)
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if resolved != root and not resolved.is_relative_to(root):
        return None
    return resolved


class OutputServer(ThreadingHTTPServer):
    """A threaded server for one output folder; ``url`` is the address it answers on."""

    daemon_threads = True
    request_queue_size = 256  # bursts of range requests from players and tests queue instead of failing

    def __init__(self, root: Path, address: tuple[str, int], *, quiet: bool = False) -> None:
        self.root = root.resolve()
        self.quiet = quiet
        super().__init__(address, OutputHandler)

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
