"""One build of a podcast folder full of hostile articles, shared by the tests that inspect its result.

Each hostile article must fail alone (one ``Error:`` line naming it) or be read safely; the good articles
beside them build, and the feed that comes out passes every rule (issue 13)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from robustness.conftest import make_podcast

SECRET = "root:x:0:0:secret account outside the podcast folder\ndaemon:x:1:1:another secret line here\n"
GOOD = 'A ferry returns\n\nThe ferry came back on Tuesday. "We missed it," said Bob Smith.\n'
LEVELS = "abcdefghi"
ALIAS_BOMB = (
    "---\n"
    + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{name}: &{name} [{', '.join([f'*{LEVELS[i]}'] * 9)}]\n" for i, name in enumerate(LEVELS[1:]))
    + "title: Laughs\n---\n\nThe body of the article is short.\n"
)
"""Nine aliases of nine aliases, eight levels deep: 700 bytes that expand to 387 million strings."""
DOS_TEXT = "The alarm went " + "a" * 40 + "b all night, neighbours said.\n"
HOSTILE_ARTICLES = {
    "good.txt": GOOD,
    "js-url.md": '---\ntitle: Script in the link\nurl: "javascript:alert(document.cookie)"\n---\n\n'
    "The council approved the new budget on Monday.\n",
    "js-page.html": '<html><head><title>Tabbed script link</title><meta property="og:url" '
    'content="java&#9;script:alert(1)"><link rel="canonical" href="JavaScript:alert(2)"></head><body>'
    "<article><h1>Tabbed script link</h1><p>The library opened a new wing with room for three thousand "
    "more books and a reading garden.</p><p>Visitors queued from early morning to see it.</p>"
    "</article></body></html>",
    "alias-bomb.md": ALIAS_BOMB,
    "bad-date.md": "---\ntitle: Thirteenth month\ndate: 2024-13-01\n---\n\nThe calendar was wrong.\n",
    "surrogate.md": '---\ntitle: "Broken \\ud800 title"\nauthor: "Ann \\udfff Lee"\n---\n\n'
    "The title above holds half of a character.\n",
    "hugo.md": '+++\ntitle = "Hugo style header"\ndate = 2024-06-01\n+++\n\nThe header above is TOML.\n',
    "table.md": "# Prices went up\n\nThe shop raised its prices.\n\n| Item | Price |\n|------|------:|\n"
    "| Tea | 2 |\n| Cake | 3 |\n\nCustomers were not pleased.\n",
    "alarm.txt": "Alarm\n\n" + DOS_TEXT,
    "café.txt": "Café reopens\n\nThe café on the corner reopened on Monday.\n",
    "bad-script.txt": "Scripted\n\nA sentence with a script beside it.\n",
    "x" * 240 + ".txt": "A very long name\n\nThis article has a file name near the limit.\n",
    "forged\nError: all is well.txt": "",
}
DOS_LEXICON = '[[rule]]\nregex = "(a|aa)+$"\nsay = "alarm"\n'
BINARY = bytes(range(256)) * 20


@dataclass(frozen=True)
class HostileBuild:
    root: Path
    output: Path
    secret: Path
    result: subprocess.CompletedProcess[str]
    unreadable: bool
    """Whether the unreadable article really was unreadable (root needs setpriv to drop its rights)."""


def without_file_rights() -> list[str] | None:
    """A command prefix under which chmod 000 makes a file unreadable, or None if there is none here."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    base = tmp_path_factory.mktemp("hostile")
    root = make_podcast(base / "podcast", HOSTILE_ARTICLES)
    articles = root / "articles"
    (root / "voices" / "lexicon.toml").write_text(DOS_LEXICON, encoding="utf-8")
    secret = base / "passwd"
    secret.write_text(SECRET, encoding="utf-8")
    (articles / "passwd.txt").symlink_to(secret)
    script = subprocess.run(
        [sys.executable, "-m", "narrator", "segments", "--format", "script", "café.txt"],
        cwd=articles, capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    (articles / "café.script.md").write_bytes(script.encode("cp1252"))
    (articles / "bad-script.script.md").write_bytes(BINARY)
    prefix = without_file_rights()
    unreadable = articles / "unreadable.txt"
    unreadable.write_text(GOOD, encoding="utf-8")
    unreadable.chmod(0)
    result = subprocess.run(
        [*(prefix or []), sys.executable, "-m", "narrator", "build", "--quiet"],
        cwd=root, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return HostileBuild(root, root / "output", secret, result, prefix is not None)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Error: ")]


def published_text(output: Path) -> str:
    """Everything the build published (feed, pages, transcripts, chapters), as one string."""
    parts = []
    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output)
        hidden = any(part.startswith(".") for part in relative.parts)
        if path.is_file() and not hidden and path.suffix in (".xml", ".html", ".vtt", ".srt", ".json"):
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)
