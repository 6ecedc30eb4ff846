"""Attacks from issue 13's independent attack that held on main, kept as quick regression tests: a slow
client, external entities and entity expansion in articles and feeds. (Traversal encodings, concurrent
ranges, text encodings, quotes, engine faults and interrupted builds have their own tests.)"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from narrator.ingest.reader import read_article
from narrator.publish.serve import OutputServer, base_url_hint, start_server
from narrator.publish.validate import validate_output

SECRET = "top secret line that must never be read"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OutputServer]:
    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    running = start_server(out)
    yield running
    running.shutdown()
    running.server_close()


def test_slow_clients_do_not_starve_others(server: OutputServer) -> None:
    """Slowloris: clients that send half a request and wait hold a thread each, not the server."""
    host, port = server.server_address[:2]
    slow = [socket.create_connection((str(host), port), timeout=10) for _ in range(50)]
    try:
        for sock in slow:
            sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        with socket.create_connection((str(host), port), timeout=10) as sock:
            sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(b"<p>hello</p>")
    finally:
        for sock in slow:
            sock.close()


def test_an_external_entity_in_an_html_article_is_not_read(tmp_path: Path, secret: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><body><article>'
        "<p>Before the entity &x; and after it, enough words to make an article body.</p>"
        "<p>A second paragraph keeps the extractor content.</p></article></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert SECRET not in " ".join(block.text for block in article.blocks) + article.title


def test_entities_in_a_feed_are_neither_fetched_nor_expanded(tmp_path: Path, secret: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    (out / "feed.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">'
        f'<!ENTITY l0 "lol">{laughs}]><rss version="2.0"><channel><title>&x;</title>'
        "<description>&l9;</description></channel></rss>",
        encoding="utf-8",
    )
    problems = validate_output(out)
    assert problems and all(SECRET not in p.message and "lollol" not in p.message for p in problems)
    hint = base_url_hint(out, "http://127.0.0.1:8765/")
    assert hint is not None and SECRET not in hint
