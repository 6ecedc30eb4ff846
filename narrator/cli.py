"""The ``narrator`` command: parses options, calls one library function, prints.

Errors from the library (``NarratorError``) become one ``Error: ...`` line and exit code 1, here and
nowhere else; anything else is a bug and keeps its traceback (or use ``--debug``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from narrator import __version__
from narrator.errors import NarratorError, one_line
from narrator.fsutil import remove_temporaries


class NarratorGroup(click.Group):
    """Translates the NarratorError family into a one-line message and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NarratorError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: {one_line(str(exc))}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            # Every block has unwound and every worker is told to stop; threads still finishing a task
            # would hold the interpreter open, so leave now (a build's lock dies with the process).
            remove_temporaries(exiting=True)  # and any a still-running thread wrote since the unwinding
            click.echo("Interrupted.", err=True)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)


@click.group(cls=NarratorGroup)
@click.version_option(__version__, prog_name="narrator")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """Turn written articles into podcast episodes, offline, with a voice for every quoted speaker."""


config_option = click.option(
    "--config",
    "config",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("podcast.toml"),
    show_default=True,
    help="The podcast's settings file; voices/ and articles/ sit beside it.",
)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
def init(directory: Path) -> None:
    """Start a new podcast folder in DIRECTORY."""
    from narrator.project import init_podcast

    created = init_podcast(directory)
    for path in created:
        click.echo(f"created {path}")
    click.echo(
        f"Next: edit {directory / 'podcast.toml'}, put articles in {directory / 'articles'}, then run "
        f"`narrator build --config {directory / 'podcast.toml'}`."
    )


@cli.command()
@click.argument("urls", nargs=-1)
@click.option("--feed", "feed_url", metavar="URL", help="Take the newest items of this RSS or Atom feed.")
@click.option("--limit", type=click.IntRange(1, 500), default=10, show_default=True,
              help="With --feed: how many of the newest items to consider.")
@click.option("--articles", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of articles [default: articles/ beside podcast.toml].")
@click.option("--timeout", type=click.FloatRange(1, 300), default=15.0, show_default=True,
              help="Seconds to wait for each request.")
@config_option
def add(urls, feed_url, limit, articles, timeout, config) -> None:
    """Fetch article pages (URLS, or a site's feed) into articles/ as Markdown, ready for build.

    Each line says what became of one page; pages already added are skipped, and a cron job with
    --feed adds only items it has not taken before. Exit 1 if any page failed.
    """
    from narrator.ingest.intake import FetchLimits, add_from_feed, add_pages
    from narrator.project import Project

    if not urls and not feed_url:
        raise click.UsageError("give one or more URLs, or --feed URL")
    folder = Project.at(config=config, articles=articles).articles
    limits = FetchLimits(timeout=timeout)
    results = add_pages(urls, folder, limits) if urls else []
    from_feed, taken_before = add_from_feed(feed_url, folder, limit, limits) if feed_url else ([], 0)
    results += from_feed
    for result in results:
        if result.status == "added":
            click.echo(f"added {result.path} ({result.title})")
        elif result.status == "known":
            click.echo(f"already added: {result.url} is {result.path}")
        else:
            click.echo(f"Error: {result.reason}", err=True)
    if feed_url:
        click.echo(f"feed: {sum(r.status == 'added' for r in from_feed)} new, {taken_before} taken before")
    if any(result.status == "failed" for result in results):
        sys.exit(1)


@cli.command()
@click.option("--articles", type=click.Path(path_type=Path, file_okay=False), help="Folder of articles.")
@click.option(
    "--output", type=click.Path(path_type=Path, file_okay=False), help="Where to write the podcast."
)
@config_option
@click.option("--base-url", help="Publish for this address instead of podcast.toml's base_url.")
@click.option(
    "--executor",
    default="local",
    show_default=True,
    help="Where synthesis and encoding run: local (a process pool), thread, or dask://HOST:PORT "
    "(a Dask scheduler; see docs/scale-out.md).",
)
@click.option(
    "--cache",
    type=click.Path(path_type=Path, file_okay=False),
    help="Segment cache folder [default: OUTPUT/.narrator/cache]; with --executor dask:// every worker "
    "must see it, and the output folder, at the same path.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the final line.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
def build(articles, output, config, base_url, executor, cache, quiet, as_json) -> None:
    """Build every article into an episode, then the feed, pages and validation."""
    from narrator.build.pipeline import build as build_podcast
    from narrator.progress import BuildProgress
    from narrator.project import Project

    project = Project.at(config=config, articles=articles, output=output, cache=cache)
    with BuildProgress(enabled=not (quiet or as_json)) as progress:
        report = build_podcast(project, base_url=base_url, executor=executor, listener=progress)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "feed": str(report.feed) if report.feed else None,
                    "episodes": [r.__dict__ for r in report.results],
                    "problems": list(report.problems),
                    "warnings": list(report.warnings),
                    "notes": list(report.notes),
                },
                indent=2,
            )
        )
    else:
        if not quiet:
            for note in report.notes:
                click.echo(f"Note: {note}", err=True)
        for warning in report.warnings:
            click.echo(f"Warning: {one_line(warning)}", err=True)
        for result in report.results:
            if result.status == "failed":
                click.echo(f"Error: {one_line(result.error or '')}", err=True)
        for problem in report.problems:
            click.echo(f"Invalid: {one_line(problem)}", err=True)
        built = sum(r.status == "built" for r in report.results)
        reused = sum(r.status == "reused" for r in report.results)
        failed = sum(r.status == "failed" for r in report.results)
        if report.feed:
            feed = str(report.feed)
        elif report.problems:
            feed = "not updated (the new one is invalid; the live feed is unchanged)"
        else:
            feed = "not written"
        click.echo(f"{built} built, {reused} unchanged, {failed} failed; feed: {feed}")
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text", "script"]),
    default="text",
    show_default=True,
    help="json for tools, text for people, script to correct attributions.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to FILE (atomically) instead of standard output, e.g. the article's .script.md.")
@config_option
def segments(files, fmt, output, config) -> None:
    """Show how FILES will be split and voiced, without synthesising."""
    from narrator.fsutil import atomic_write_text
    from narrator.preparation import segment_sources
    from narrator.project import Project
    from narrator.segment.script import render_script

    if output is not None and len(files) > 1:
        raise NarratorError(f"-o {output} takes one article, not {len(files)}; run once per article")
    project = Project.at(config=config)
    notes: list[str] = []
    parts = []
    for view in segment_sources(files, project):
        notes.extend(view.warnings)
        if fmt == "json":
            parts.append(
                json.dumps(
                    {
                        "source": view.source,
                        "title": view.article.title,
                        "segments": [segment_json(item) for item in view.items],
                        "skipped": [{"text": s.text, "reason": s.reason} for s in view.article.skipped],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
        elif fmt == "script":
            parts.append(render_script(view.article, [item.segment for item in view.items]))
        else:
            parts.append(segments_text(view) + "\n")
        if output is None:
            click.echo(parts.pop(), nl=False)
    if fmt != "script":  # a new script is being written: what the old one said no longer matters
        for note in notes:
            click.echo(f"Warning: {note}", err=True)
    if output is not None:
        atomic_write_text(output, "".join(parts))


def segment_json(item) -> dict:
    segment = item.segment
    return {
        "text": segment.text,
        "kind": segment.kind,
        "speaker": segment.speaker,
        "voice": item.voice.name,
        "spoken": segment.spoken,
        "confidence": round(segment.confidence, 3),
        "paragraph": segment.paragraph,
        "sentence": segment.sentence,
        "block": segment.block,
        "heading": segment.heading,
    }


def segments_text(view) -> str:
    lines = [f"# {view.article.title}  ({view.source})"]
    for item in view.items:
        segment = item.segment
        who = segment.speaker or "unknown" if segment.kind == "quote" else "narrator"
        lines.append(f"[{segment.paragraph}.{segment.sentence}] {who} ({item.voice.name}): {segment.text}")
    if view.article.skipped:
        counts: dict[str, int] = {}
        for skipped in view.article.skipped:
            counts[skipped.reason] = counts.get(skipped.reason, 0) + 1
        lines.append("Skipped: " + ", ".join(f"{n} {reason}" for reason, n in sorted(counts.items())))
        lines += [f"  - {s.reason}: {s.text}" for s in view.article.skipped]
    return "\n".join(lines)


@cli.command()
@click.argument("source")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write .mp3, .m4a, .m4b (an audiobook with chapters), .wav or .ogg, with a .vtt "
              "transcript beside it, instead of playing.")
@click.option("--rate",
              help="Words per minute for every voice (180), or a multiple of each voice's rate (1.25x).")
@click.option("--voice", help="The pool voice that narrates.")
@click.option("--single-voice", is_flag=True, help="Read quotes in the narrator's voice too.")
@click.option("--start-at", help="Paragraph number, or words of a heading, to start from.")
@click.option("--device", help="default, file:PATH.wav, sounddevice[:NAME], pw-play, paplay or aplay.")
@click.option("--quiet", is_flag=True,
              help="Print neither the sentences nor the status line (for screen readers).")
@config_option
def read(source, output, rate, voice, single_voice, start_at, device, quiet, config) -> None:
    """Read SOURCE (a file, a URL or - for stdin) aloud now, or into a file with -o.

    Keys while playing: space pause/resume, n/p paragraph, N/P heading, +/- rate, r repeat, q quit.
    Each quotation is printed after its speaker's name; a status line shows the paragraph, the time
    heard and the time left. Where you stop is remembered per article, and offered next time.
    """
    from narrator.read.options import Rate, ReadOptions
    from narrator.read.voice_process import VoiceProcess

    options = ReadOptions(rate=Rate.parse(rate) if rate else Rate(), voice=voice, single_voice=single_voice,
                          start_at=start_at, output=output, device=device, quiet=quiet, config=config)
    # Before the rest of `read` is imported: the narrator's model takes the longest to load.
    voices = VoiceProcess.start(options) if output is None else None
    from narrator.read.session import read_aloud

    result = read_aloud(source, options, voices=voices)
    if result.output is not None:
        click.echo(f"wrote {result.output} ({result.duration:.0f} s) and {result.transcript}")


@cli.command()
@click.argument("output_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("output"))
def validate(output_dir: Path) -> None:
    """Check the feed in OUTPUT_DIR against every feed rule; exit 1 on any error."""
    from narrator.publish.validate import validate_output

    problems = validate_output(output_dir)
    for problem in problems:
        click.echo(f"{problem.severity}: [{problem.rule}] {one_line(problem.message)}")
    errors = sum(p.severity == "error" for p in problems)
    click.echo(f"{errors} errors, {len(problems) - errors} warnings in {output_dir / 'feed.xml'}")
    if errors:
        sys.exit(1)


@cli.command()
@click.argument("output_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("output"))
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
def serve(output_dir: Path, port: int, host: str) -> None:
    """Serve OUTPUT_DIR for podcast apps and browsers (HEAD, byte ranges, 304s, CORS).

    With --host 0.0.0.0 it names the address other devices reach it at, and the --base-url to build with.
    """
    import contextlib

    from narrator.publish.serve import base_url_hint, make_server, reachable_url

    with make_server(output_dir, host, port) as server:
        # Bound to every interface, the server's own address (0.0.0.0) is one no client can use.
        url = reachable_url(server.url)
        where = url if url == server.url else f"{server.url}, reachable as {url}"
        click.echo(f"Serving {output_dir} at {where} (feed: {url}feed.xml); Ctrl-C stops.")
        hint = base_url_hint(output_dir, url)
        if hint:
            click.echo(f"Note: {hint}", err=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


@cli.command()
@click.option("--preview", metavar="NAME", help="Speak a sample sentence with this voice.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="With --preview: write the sample to this WAV file instead of playing it.")
@config_option
def voices(preview: str | None, output: Path | None, config: Path) -> None:
    """List the voice pool and what each engine offers here; preview one voice."""
    from click.core import ParameterSource

    from narrator.errors import ConfigError
    from narrator.project import Project
    from narrator.synth.preview import describe_voices, preview_voice

    # Without --config, `narrator voices` works anywhere (the packaged pool stands in); a --config
    # the user named must exist, as it must for build.
    explicit = click.get_current_context().get_parameter_source("config") != ParameterSource.DEFAULT
    if explicit and not config.is_file():
        raise ConfigError(
            f"{config}: not found; pass the podcast.toml of a podcast folder, or run `narrator init DIR`"
        )
    project = Project.at(config=config)
    if preview:
        written = preview_voice(project, preview, output)
        click.echo(f"wrote {written}" if output else f"played {preview}")
        return
    click.echo(describe_voices(project))


def main() -> None:
    cli(prog_name="narrator")
