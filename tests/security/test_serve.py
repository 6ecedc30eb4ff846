"""`narrator serve` against a hostile output folder and hostile clients (issue 13, items 1, 2, 19, 21).

Every server binds 127.0.0.1 and is stopped by the test that started it.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from narrator.publish.serve import OutputServer, open_beneath, parse_range, start_server

SECRET = b"root:x:0:0:secret outside the output folder\n"
PUBLIC = b"public page inside the output folder\n"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[OutputServer, Path, Path]]:
    """An output folder with a page and an episode, a secret file beside it, and a server on it."""
    out = tmp_path / "output"
    (out / "episodes").mkdir(parents=True)
    (out / "page.html").write_bytes(PUBLIC)
    (out / "episodes" / "story.mp3").write_bytes(bytes(range(256)) * 64)
    secret = tmp_path / "passwd"
    secret.write_bytes(SECRET)
    server = start_server(out)
    yield server, out, secret
    server.shutdown()
    server.server_close()


def get(server: OutputServer, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=20)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_a_symlinked_index_is_not_served(site: tuple[OutputServer, Path, Path]) -> None:
    server, out, secret = site
    (out / "x").mkdir()
    (out / "x" / "index.html").symlink_to(secret)
    (out / "index.html").symlink_to(secret)
    for path in ("/x/", "/", "/x/index.html", "/index.html"):
        status, body = get(server, path)
        assert status == 404 and SECRET not in body, path


def test_links_are_refused_even_inside_the_folder(site: tuple[OutputServer, Path, Path]) -> None:
    """Refusing every link is what makes the swap race below impossible, not just unlikely."""
    server, out, _ = site
    (out / "alias.html").symlink_to(out / "page.html")
    (out / "more").symlink_to(out / "episodes", target_is_directory=True)
    assert get(server, "/page.html") == (200, PUBLIC)
    assert get(server, "/alias.html")[0] == 404
    assert get(server, "/more/story.mp3")[0] == 404
    assert get(server, "/more/")[0] == 404


def test_a_file_swapped_for_a_link_is_never_served(site: tuple[OutputServer, Path, Path]) -> None:
    """The check-then-open race: one thread swaps a served file and a link to a secret as fast as it can
    while clients request it. Before the fix the secret came back thousands of times in 20 s."""
    server, out, secret = site
    target = out / "swap.html"
    plain, link = out / "plain.tmp", out / "link.tmp"
    target.write_bytes(PUBLIC)
    stop = threading.Event()

    def swap() -> None:
        while not stop.is_set():
            link.unlink(missing_ok=True)
            link.symlink_to(secret)
            os.replace(link, target)
            plain.write_bytes(PUBLIC)
            os.replace(plain, target)

    swapper = threading.Thread(target=swap)
    swapper.start()
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(lambda _: get(server, "/swap.html"), range(600)))
    finally:
        stop.set()
        swapper.join()
    assert not [body for _, body in answers if SECRET in body]
    assert {status for status, _ in answers} <= {200, 404}
    assert all(body == PUBLIC for status, body in answers if status == 200)


def test_a_fifo_in_the_folder_does_not_hold_the_request(site: tuple[OutputServer, Path, Path]) -> None:
    """Opening a FIFO for reading waits for a writer; the server must answer 404 instead of hanging."""
    server, out, _ = site
    os.mkfifo(out / "pipe.mp3")
    assert get(server, "/pipe.mp3")[0] == 404
    assert get(server, "/page.html")[0] == 200


def test_absurd_range_numbers_get_an_answer(site: tuple[OutputServer, Path, Path]) -> None:
    server, out, _ = site
    data = (out / "episodes" / "story.mp3").read_bytes()
    huge = "9" * 5000
    assert get(server, "/episodes/story.mp3", {"Range": f"bytes={huge}-"})[0] == 416
    assert get(server, "/episodes/story.mp3", {"Range": f"bytes=0-{huge}"}) == (206, data)
    assert get(server, "/episodes/story.mp3", {"Range": f"bytes=-{huge}"}) == (206, data)
    assert get(server, "/episodes/story.mp3", {"Range": f"bytes={'0' * 5000}1-"}) == (206, data[1:])
    assert parse_range(f"bytes={huge}-{huge}", 10) == "unsatisfiable"


def reset(sock: socket.socket) -> None:
    """Close with an RST, as a player that is killed or loses its network does."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def test_client_resets_are_not_logged_as_tracebacks(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_bytes(PUBLIC)
    (out / "big.mp3").write_bytes(os.urandom(4 << 20))
    server = subprocess.Popen(
        [sys.executable, "-m", "narrator", "serve", str(out), "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        line = server.stdout.readline()  # "Serving OUT at http://127.0.0.1:PORT/ ..."
        port = int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET /index.html HTTP/1.1\r\nHo")  # reset in the middle of the headers
            reset(sock)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET /big.mp3 HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.recv(1024)  # reset in the middle of the download
            reset(sock)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(PUBLIC)
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=15)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    assert server.returncode == 0
    assert "Traceback" not in errors and "Connection reset" not in errors, errors


def test_without_dir_fd_links_are_refused_the_same_way(
    site: tuple[OutputServer, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no dir_fd: there the path is checked for links, opened, and the opened file compared."""
    _, out, secret = site
    (out / "alias.html").symlink_to(secret)
    (out / "more").symlink_to(out / "episodes", target_is_directory=True)
    monkeypatch.setattr(os, "supports_dir_fd", set())
    assert open_beneath(out, ["alias.html"]) is None
    assert open_beneath(out, ["more", "story.mp3"]) is None
    assert open_beneath(out, ["missing.html"]) is None
    fd = open_beneath(out, ["episodes", "story.mp3"])
    assert fd is not None
    with os.fdopen(fd, "rb") as handle:
        assert handle.read() == (out / "episodes" / "story.mp3").read_bytes()
