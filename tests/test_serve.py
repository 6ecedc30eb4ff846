"""The server podcast apps talk to: HEAD, byte ranges, types, CORS, and nothing outside the folder."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import pytest
from publish_helpers import make_channel, make_episode, needs_audio_tools

from narrator.errors import PublishError
from narrator.publish.serve import OutputServer, base_url_hint, make_server, parse_range, start_server
from narrator.publish.site import publish

pytestmark = [pytest.mark.audio, needs_audio_tools]

SECRET = b"top secret outside the output folder"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[OutputServer, Path]]:
    base = tmp_path_factory.mktemp("site")
    out = base / "output"
    episode = make_episode(
        out, "story", "Story", text="A slightly longer sentence so the file has some size."
    )
    publish(make_channel(), [episode], out, datetime(2024, 6, 1, tzinfo=timezone.utc))
    (base / "secret.txt").write_bytes(SECRET)
    (base / "outside").mkdir()
    (base / "outside" / "secret.txt").write_bytes(SECRET)
    (out / "link-out").symlink_to(base / "outside", target_is_directory=True)
    (out / "secret-link.txt").symlink_to(base / "secret.txt")
    (out / ".narrator").mkdir()
    (out / ".narrator" / "state.json").write_bytes(SECRET)
    server = start_server(out)
    yield server, out
    server.shutdown()
    server.server_close()


def request(
    server: OutputServer, path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=20)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def raw_status(server: OutputServer, target: str) -> tuple[int, bytes]:
    """Send a request line byte for byte, as a hostile client would, without any client-side cleanup."""
    host, port = server.server_address[:2]
    with socket.create_connection((str(host), port), timeout=20) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


def test_get_head_and_types(site: tuple[OutputServer, Path]) -> None:
    server, out = site
    expected = {
        "/feed.xml": "application/rss+xml",
        "/episodes/story.mp3": "audio/mpeg",
        "/episodes/story.vtt": "text/vtt",
        "/episodes/story.srt": "application/x-subrip",
        "/episodes/story.transcript.json": "application/json",
        "/episodes/story.chapters.json": "application/json",
        "/index.html": "text/html",
        "/artwork.jpg": "image/jpeg",
    }
    for path, content_type in expected.items():
        status, headers, body = request(server, path)
        assert status == 200, path
        assert headers["content-type"].split(";")[0] == content_type
        assert headers["access-control-allow-origin"] == "*"
        assert body == (out / path.lstrip("/")).read_bytes()
        status, head_headers, head_body = request(server, path, "HEAD")
        assert status == 200 and head_body == b""
        assert head_headers["content-length"] == str(len(body))
        assert head_headers["accept-ranges"] == "bytes"


def test_episode_formats_have_their_types(site: tuple[OutputServer, Path]) -> None:
    server, out = site
    (out / "episodes" / "other.m4a").write_bytes(bytes(range(256)) * 4)
    status, headers, body = request(server, "/episodes/other.m4a", headers={"Range": "bytes=0-99"})
    assert (status, headers["content-type"], body) == (206, "audio/x-m4a", bytes(range(100)))


def test_byte_ranges(site: tuple[OutputServer, Path]) -> None:
    server, out = site
    data = (out / "episodes" / "story.mp3").read_bytes()
    size = len(data)
    cases = {"bytes=0-99": (0, 99), "bytes=100-": (100, size - 1), "bytes=-50": (size - 50, size - 1)}
    cases["bytes=10-999999999"] = (10, size - 1)
    for header, (start, end) in cases.items():
        status, headers, body = request(server, "/episodes/story.mp3", headers={"Range": header})
        assert status == 206, header
        assert headers["content-range"] == f"bytes {start}-{end}/{size}"
        assert body == data[start : end + 1]
    status, headers, _ = request(server, "/episodes/story.mp3", "HEAD", {"Range": "bytes=0-99"})
    assert status == 206 and headers["content-length"] == "100"


def test_unsatisfiable_range_is_416(site: tuple[OutputServer, Path]) -> None:
    server, out = site
    size = (out / "episodes" / "story.mp3").stat().st_size
    for header in (f"bytes={size}-", "bytes=99999999-", "bytes=-0"):
        status, headers, body = request(server, "/episodes/story.mp3", headers={"Range": header})
        assert status == 416, header
        assert headers["content-range"] == f"bytes */{size}" and body == b""


def test_malformed_or_multiple_ranges_get_the_whole_file(site: tuple[OutputServer, Path]) -> None:
    server, out = site
    data = (out / "episodes" / "story.mp3").read_bytes()
    for header in (
        "bytes=abc",
        "bytes=5-2",
        "bytes=",
        "bytes=-",
        "bits=0-1",
        "bytes=0-1,5-6",
        "bytes=--1",
        "bytes=0-1-2",
        "bytes=\u00bd-1",
        "bytes=0x10-",
        "bytes=" + "9" * 400 + "-1",
        "=" * 3000,
    ):
        status, _, body = request(server, "/episodes/story.mp3", headers={"Range": header})
        assert (status, body) == (200, data), header
    assert request(server, "/feed.xml")[0] == 200  # still serving


def test_stale_if_range_gets_the_whole_file(site: tuple[OutputServer, Path]) -> None:
    server, out = site
    status, headers, _ = request(server, "/episodes/story.mp3", "HEAD")
    fresh = request(
        server, "/episodes/story.mp3", headers={"Range": "bytes=0-9", "If-Range": headers["etag"]}
    )
    stale = request(server, "/episodes/story.mp3", headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert fresh[0] == 206 and stale[0] == 200


def test_folders_serve_their_index(site: tuple[OutputServer, Path]) -> None:
    server, out = site
    status, headers, body = request(server, "/")
    assert status == 200 and body == (out / "index.html").read_bytes()
    status, headers, _ = request(server, "/episodes")
    assert status == 301 and headers["location"] == "/episodes/"
    assert request(server, "/episodes/")[0] == 404
    assert request(server, "/feed.xml?v=1#x")[0] == 200
    assert request(server, "/feed.xml", "POST")[0] == 501


TRAVERSALS = [
    prefix + dots + tail
    for prefix in ("/", "/episodes/")
    for dots in (
        "../",
        "..%2f",
        "%2e%2e/",
        "%2e%2e%2f",
        "%2E%2E/",
        ".%2e/",
        "%2e./",
        "..%5c",
        "..\\",
        "%252e%252e/",
        "%c0%ae%c0%ae/",
        "..%c0%af",
        "..%00/",
    )
    for tail in ("secret.txt", "../secret.txt")
] + [
    "/../../../../../../etc/passwd",
    "//etc/passwd",
    "/etc/passwd",
    "/%2fetc%2fpasswd",
    "/%2Fetc/passwd",
    "http://127.0.0.1/../secret.txt",
    "/C:/Windows/win.ini",
    "/C:%5cWindows%5cwin.ini",
    "/link-out/secret.txt",
    "/link-out/",
    "/secret-link.txt",
    "/.narrator/state.json",
    "/%2enarrator/state.json",
    "/episodes/../.narrator/state.json",
    "/./../secret.txt",
    "/episodes/%2e%2e/%2e%2e/secret.txt",
    "/feed.xml%00.jpg",
    "/%00",
    "/....//secret.txt",
    "/..;/secret.txt",
    "*",
    "secret.txt",
    "/%ff%fe",
]


def test_nothing_outside_the_folder_is_served(site: tuple[OutputServer, Path]) -> None:
    server, _ = site
    assert len(TRAVERSALS) >= 50
    for target in TRAVERSALS:
        status, data = raw_status(server, target)
        assert status in (400, 404), target
        assert SECRET not in data, target
    assert raw_status(server, "/feed.xml")[0] == 200


def test_200_concurrent_range_requests_all_succeed(site: tuple[OutputServer, Path]) -> None:
    server, out = site
    data = (out / "episodes" / "story.mp3").read_bytes()
    barrier = threading.Barrier(200, timeout=30)

    def fetch(n: int) -> bool:
        start = (n * 97) % (len(data) - 200)
        barrier.wait()
        status, headers, body = request(
            server, "/episodes/story.mp3", headers={"Range": f"bytes={start}-{start + 199}"}
        )
        return status == 206 and body == data[start : start + 200]

    with ThreadPoolExecutor(max_workers=200) as pool:
        results = list(pool.map(fetch, range(200)))
    assert all(results), results.count(False)


def test_parse_range() -> None:
    assert parse_range("bytes=0-0", 10) == (0, 0)
    assert parse_range("bytes=-20", 10) == (0, 9)
    assert parse_range("bytes=10-", 10) == "unsatisfiable"
    assert parse_range("bytes=0-", 0) == "unsatisfiable"
    assert parse_range("bytes=3-1", 10) is None
    assert parse_range("bytes=1-2, 4-5", 10) is None


def test_base_url_hint(site: tuple[OutputServer, Path], tmp_path: Path) -> None:
    _, out = site
    assert base_url_hint(out, "http://127.0.0.1:8765/") is None
    hint = base_url_hint(out, "http://127.0.0.1:9000/")
    assert hint is not None
    assert "http://127.0.0.1:8765/" in hint and hint.endswith(
        "narrator build --base-url http://127.0.0.1:9000/"
    )
    assert "narrator build --base-url" in str(base_url_hint(tmp_path, "http://127.0.0.1:9000/"))


def test_server_errors_are_user_facing(site: tuple[OutputServer, Path], tmp_path: Path) -> None:
    server, out = site
    with pytest.raises(PublishError, match="--port"):
        make_server(out, "127.0.0.1", server.server_address[1])
    with pytest.raises(PublishError, match="narrator build"):
        make_server(tmp_path / "missing")
    assert server.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize("path", ["/feed.xml", "/episodes/story.html", "/episodes/story.mp3"])
def test_conditional_requests_answer_304_for_a_current_copy(
    site: tuple[OutputServer, Path], path: str
) -> None:
    server, _ = site
    status, headers, body = request(server, path)
    assert status == 200 and body
    etag, modified = headers["etag"], headers["last-modified"]
    for method in ("GET", "HEAD"):
        for conditions in (
            {"If-None-Match": etag},
            {"If-None-Match": f'"other", W/{etag}'},
            {"If-None-Match": "*"},
            {"If-Modified-Since": modified},
        ):
            status, headers, body = request(server, path, method, conditions)
            assert (status, body) == (304, b""), conditions
            assert headers["etag"] == etag and headers["last-modified"] == modified
            assert headers["access-control-allow-origin"] == "*" and "content-length" not in headers
    # A changed copy, an older date, or an ETag that does not match while the date does: the whole file.
    assert request(server, path, headers={"If-None-Match": '"stale"'})[0] == 200
    assert request(server, path, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})[0] == 200
    assert (
        request(server, path, headers={"If-None-Match": '"stale"', "If-Modified-Since": modified})[0] == 200
    )
    assert request(server, path, headers={"If-Modified-Since": "not a date"})[0] == 200


def test_a_rebuild_that_changes_nothing_keeps_the_feed_current_for_apps(tmp_path: Path) -> None:
    out = tmp_path / "output"
    episode = make_episode(out, "story", "Story")
    publish(make_channel(), [episode], out, datetime(2024, 6, 1, tzinfo=timezone.utc))
    server = start_server(out)
    try:
        _, first, _ = request(server, "/feed.xml")
        publish(make_channel(), [episode], out, datetime(2024, 6, 9, tzinfo=timezone.utc))
        status, _, _ = request(server, "/feed.xml", headers={"If-None-Match": first["etag"]})
        assert status == 304
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("path", ["/episodes/story.vtt", "/nowhere.json"])
def test_options_answers_the_cors_preflight(site: tuple[OutputServer, Path], path: str) -> None:
    server, _ = site
    status, headers, body = request(
        server,
        path,
        "OPTIONS",
        {
            "Origin": "https://player.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "range",
        },
    )
    assert (status, body) == (204, b"")
    assert headers["access-control-allow-origin"] == "*"
    assert "GET" in headers["access-control-allow-methods"]
    assert "Range" in headers["access-control-allow-headers"]
    assert "ETag" in headers["access-control-expose-headers"]


def test_a_server_on_every_interface_names_an_address_clients_can_reach() -> None:
    from urllib.parse import urlsplit

    from narrator.publish.serve import reachable_url

    assert reachable_url("http://127.0.0.1:8765/") == "http://127.0.0.1:8765/"
    for wildcard in ("http://0.0.0.0:8765/", "http://[::]:8765/"):
        url = urlsplit(reachable_url(wildcard))
        assert url.scheme == "http" and url.port == 8765 and url.path == "/"
        # A network address of this machine, or (with none) its name: never the wildcard or loopback.
        host = url.hostname or ""
        assert host == socket.gethostname() or not ipaddress.ip_address(host).is_loopback
        assert host not in ("0.0.0.0", "::")


def test_serve_on_every_interface_prints_the_reachable_address(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The command's wording, with the binding replaced (tests listen on 127.0.0.1 only)."""
    from click.testing import CliRunner

    import narrator.publish.serve as serve_module
    from narrator.cli import cli

    class Bound:
        url = "http://0.0.0.0:8765/"

        def __enter__(self) -> Bound:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def serve_forever(self) -> None:
            raise KeyboardInterrupt

    monkeypatch.setattr(serve_module, "make_server", lambda *args, **kwargs: Bound())
    monkeypatch.setattr(serve_module, "reachable_url", lambda url: "http://192.0.2.7:8765/")
    result = CliRunner().invoke(cli, ["serve", str(tmp_path), "--host", "0.0.0.0"])
    assert result.exit_code == 0
    assert (
        "at http://0.0.0.0:8765/, reachable as http://192.0.2.7:8765/ (feed: http://192.0.2.7:8765/feed.xml)"
        in (result.stdout)
    )
    assert "narrator build --base-url http://192.0.2.7:8765/" in result.stderr
