"""Build progress on the terminal: a segment bar when interactive, plain lines otherwise."""

from __future__ import annotations

import sys
import threading

import click

from narrator.build.events import ArticleFailed, BuildEvent, EpisodeReady, Planned, SegmentsSpoken
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

    def __call__(self, event: BuildEvent) -> None:
        if not self.enabled:
            return
        with self._lock:
            if isinstance(event, Planned):
                click.echo(f"{event.articles} articles, {event.to_build} to build "
                           f"({event.segments} segments)", err=True)
                if self._interactive and event.segments:
                    self._bar = click.progressbar(
                        length=event.segments, label="Synthesising", file=sys.stderr
                    )
            elif isinstance(event, SegmentsSpoken) and self._bar is not None:
                self._bar.update(event.done)
            elif isinstance(event, EpisodeReady) and event.result.status == "built":
                # Unchanged episodes are only counted in the summary: a large podcast would drown the news.
                self._line(f"built: {event.result.slug} ({event.result.segments} segments)")
            elif isinstance(event, ArticleFailed):
                self._line(f"failed: {one_line(event.source)}")

    def _line(self, text: str) -> None:
        if self._bar is not None:
            click.echo("", err=True)
        click.echo(text, err=True)
