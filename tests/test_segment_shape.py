"""The segment package depends one way and keeps its private names private (issue 15, Shape)."""

import ast
from pathlib import Path

import narrator.segment

PACKAGE = Path(narrator.segment.__file__).parent
ORDER = ["sentences", "quotes", "gender", "words", "people", "cues", "attribution", "script", "segmenter"]
"""Each module may import only from modules before it."""


def segment_imports(module: str) -> list[tuple[str, str]]:
    """(imported module, name) for every `from narrator.segment.X import name` in ``module``."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("narrator.segment."):
            found += [(node.module.rsplit(".", 1)[1], alias.name) for alias in node.names]
    return found


def test_every_module_is_in_the_order() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert modules == set(ORDER)


def test_imports_go_one_way_and_never_reach_private_names() -> None:
    for module in ORDER:
        for imported, name in segment_imports(module):
            assert ORDER.index(imported) < ORDER.index(module), f"{module} imports {imported}"
            assert not name.startswith("_"), f"{module} imports {imported}.{name}"


def test_cast_takes_its_gender_rules_from_segment() -> None:
    source = (PACKAGE.parent / "cast" / "casting.py").read_text(encoding="utf-8")
    assert "from narrator.segment.gender import guess_gender" in source
    assert "mostly_female" not in source
