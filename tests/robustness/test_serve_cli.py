"""`narrator serve` as a user starts it: loopback only by default, and it stops cleanly on Ctrl-C.

Traversal (75 crafted requests), malformed ranges and 200 concurrent range requests are covered against
the server object in tests/test_serve.py; this adds the command itself."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def other_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent for UDP connect
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def test_serve_binds_loopback_by_default_and_stops_on_interrupt(built_podcast: Path) -> None:
    port = free_port()
    output = str(built_podcast / "output")
    server = subprocess.Popen(
        [sys.executable, "-m", "narrator", "serve", output, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/feed.xml", timeout=5) as response:
                    assert response.status == 200 and response.read().startswith(b"<?xml")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "server never answered"
                time.sleep(0.1)
        # The listening socket as the kernel reports it (iproute2's ss, installed by the bootstrap).
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True)
        assert listening.returncode == 0 and listening.stdout.strip(), listening.stderr
        assert all("127.0.0.1:" in line for line in listening.stdout.splitlines()), listening.stdout
        address = other_address()
        if address:
            with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
                pass
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=15) == 0
        assert "Traceback" not in server.stderr.read()
    finally:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGKILL)
            server.wait()


def test_serve_reports_a_port_in_use_in_one_line(built_podcast: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "narrator", "serve", str(built_podcast / "output"), "--port", str(port)],
            capture_output=True, text=True, timeout=30,
        )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("Error: ") and str(port) in result.stderr
