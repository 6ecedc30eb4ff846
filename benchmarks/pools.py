"""Voice pools for benchmarks that compare with figures measured before the neural narrator."""

from __future__ import annotations

import re
from pathlib import Path


def leave_out_neural(voices: Path) -> None:
    """Remove every ``[voices.NAME]`` table whose engine is piper, so that eSpeak NG narrates, as on a
    machine without the neural extra (and as every figure before the neural narrator was measured)."""
    tables = re.split(r"(?m)^(?=\[)", voices.read_text(encoding="utf-8"))
    kept = [table for table in tables if not re.search(r'(?m)^engine\s*=\s*"piper"', table)]
    if len(kept) == len(tables):
        raise SystemExit(f"no neural voice to leave out in {voices}")
    voices.write_text("".join(kept), encoding="utf-8")
