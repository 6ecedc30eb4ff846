"""End-to-end tests with real clients; they share the episode builders in tests/publish_helpers.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
