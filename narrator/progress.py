"""Build progress on the terminal: a segment bar when interactive, plain lines otherwise."""

from __future__ import annotations

import sys
import threading

import click

from narrator.errors import one_line


class BuildProgress:
    """A pipeline listener that shows what a build is doing, on stderr so stdout stays clean."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._lock = threading.Lock()
        self._bar = None
        self._interactive = sys.stderr.isatty()

    def __enter__(self) -> BuildProgress:
        return self

    def __exit__(self, *exc_info) -> None:
        if self._bar is not None:
            self._bar.render_finish()

    def __call__(self, event: str, details: dict) -> None:
        if not self.enabled:
            return
        with self._lock:
            if event == "prepared":
                click.echo(f"{details['articles']} articles, {details['to_build']} to build "
                           f"({details['segments']} segments)", err=True)
                if self._interactive and details["segments"]:
                    self._bar = click.progressbar(
                        length=details["segments"], label="Synthesising", file=sys.stderr
                    )
            elif event == "segments" and self._bar is not None:
                self._bar.update(details["done"])
            elif event == "episode" and details["status"] == "built":
                # Unchanged episodes are only counted in the summary: a large podcast would drown the news.
                self._line(f"built: {details['slug']} ({details['segments']} segments)")
            elif event == "article-failed":
                self._line(f"failed: {one_line(details['source'])}")

    def _line(self, text: str) -> None:
        if self._bar is not None:
            click.echo("", err=True)
        click.echo(text, err=True)
