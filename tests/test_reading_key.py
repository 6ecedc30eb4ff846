"""The readings' cache key covers all the code that decides what an article becomes (issue 15: a moved file
must not silently stop invalidating it)."""

from pathlib import Path

import narrator
from narrator.build.stores import understanding_files

PACKAGE = Path(narrator.__file__).parent


def test_the_key_follows_imports_out_of_the_understanding_packages() -> None:
    files = {p.relative_to(PACKAGE).as_posix() for p in understanding_files(PACKAGE)}
    # shared tables the stages import from the package's top level: a new title changes both readings
    assert {"titles.py", "letters.py", "segment/attribution.py", "ingest/reader.py"} <= files
    # what only plays the audio never keys what an article becomes
    assert not any(f.startswith(("synth/", "audio/", "publish/")) for f in files)


def test_a_module_imported_from_a_new_place_joins_the_key(tmp_path: Path) -> None:
    package = tmp_path / "narrator"
    (package / "segment").mkdir(parents=True)
    (package / "segment" / "rules.py").write_text("from narrator.tables import WORDS\n", encoding="utf-8")
    (package / "tables.py").write_text("WORDS = {'said'}\n", encoding="utf-8")
    (package / "synth.py").write_text("VOICE = 'x'\n", encoding="utf-8")
    names = {p.name for p in understanding_files(package)}
    assert names == {"rules.py", "tables.py"}
