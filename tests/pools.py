"""Voice pools for tests that build real audio but are not about the neural narrator."""

from __future__ import annotations

import re
from pathlib import Path


def leave_out_neural(voices: Path) -> None:
    """Remove the Piper voices from a pool, so that eSpeak NG narrates, as without the neural extra.

    Piper costs seconds per build in model loading and synthesis. Tests about files, feeds and casting
    use this; tests/test_piper.py and tests/test_dask.py check the neural narrator's own audio and its
    reproducibility across processes and executors.
    """
    tables = re.split(r"(?m)^(?=\[)", voices.read_text(encoding="utf-8"))
    kept = [table for table in tables if not re.search(r'(?m)^engine\s*=\s*"piper"', table)]
    assert len(kept) < len(tables), "no neural voice in the pool to leave out"
    voices.write_text("".join(kept), encoding="utf-8")
