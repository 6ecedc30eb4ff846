"""The package's shape, checked over every module: no import cycle, and no module reaching into another
module's private (underscore) names. Both are read from the source with ``ast``, so lazy imports inside
functions and imports for type checking count too: a cycle hidden in a function is still a cycle."""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "narrator"


@dataclass(frozen=True)
class Import:
    module: str
    """The importing module."""
    target: str
    """The narrator module imported (or imported from)."""
    names: tuple[str, ...]
    """Names taken from it (``from target import a, b``), or attributes used on it (``target._a``)."""
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute name an ImportFrom refers to, relative levels resolved."""
    if not node.level:
        return node.module or ""
    is_package = MODULES[module].name == "__init__.py"
    base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


@functools.cache
def imports_of(module: str) -> list[Import]:
    """Every narrator import in ``module``: at the top, in functions, and under TYPE_CHECKING."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: list[Import] = []
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("narrator") and alias.name in MODULES:
                    found.append(Import(module, alias.name, (), node.lineno))
                    if alias.asname:
                        aliases[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom):
            source = resolve(module, node)
            if not source.startswith("narrator"):
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in MODULES:
                    found.append(Import(module, submodule, (), node.lineno))
                    aliases[alias.asname or alias.name] = submodule
                else:
                    found.append(Import(module, source, (alias.name,), node.lineno))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            found.append(Import(module, aliases[node.value.id], (node.attr,), node.lineno))
    return [i for i in found if i.target != module]


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_module_uses_another_modules_private_names() -> None:
    offences = []
    for module in MODULES:
        for found in imports_of(module):
            taken = [name for name in found.names if private(name)]
            if taken:
                offences.append(f"{MODULES[module]}:{found.line}: {found.target}.{', '.join(taken)}")
    assert offences == []


@functools.cache
def cycles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    graph = {m: sorted({i.target for i in imports_of(m) if i.target in MODULES}) for m in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for module in graph:
        if module not in index:
            visit(module)
    return components


def test_no_import_cycles() -> None:
    assert cycles() == []
