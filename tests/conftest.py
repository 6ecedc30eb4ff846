"""Settings and hooks for the whole suite."""

from __future__ import annotations

import signal

import pytest

# A suite started as a background job from a script (`pytest &`, `nohup ... &`) inherits SIGINT ignored, and
# every command a test starts would inherit it too and never see the Ctrl-C the test sends. Restored once
# here, as an interactive shell does, so each child process starts with the default Ctrl-C.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# What a test records as ``printed`` is shown in the summary, from xdist workers too (their own output
# never reaches the terminal).
PRINTED: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        shown = [value for name, value in report.user_properties if name == "printed"]
        PRINTED.extend(f"{report.nodeid}: {value}" for value in shown)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in PRINTED:
        terminalreporter.write_line(line)
