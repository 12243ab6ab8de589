"""The core's modules import each other in one direction: no cycle, no private name borrowed.

Every import counts, those inside functions and under TYPE_CHECKING included: a cycle hidden in
a function is still a cycle to whoever reads the code.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "guide"


def _module_name(file: Path) -> str:
    return file.stem


def _imports(file: Path) -> list[tuple[str, list[str], int]]:
    """(imported module of the package, names taken from it, line) for every import of `file`."""
    tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    found: list[tuple[str, list[str], int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level == 0 and not base.startswith("guide"):
                continue
            if node.level == 0:
                base = base.removeprefix("guide").lstrip(".")
            names = [alias.name for alias in node.names]
            if base:  # from .content import Content / from guide.content import ...
                found.append((base.split(".")[0], names, node.lineno))
            else:  # from . import models as m
                found += [(name, [], node.lineno) for name in names if name in modules]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("guide."):
                    found.append((alias.name.split(".")[1], [], node.lineno))
    return found


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for file in sorted(PACKAGE.glob("*.py")):
        if file.name == "__init__.py":
            continue  # the package's lazy re-exports: nothing in the package imports it
        graph[_module_name(file)] = {target for target, _, _ in _imports(file) if target != "__init__"}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (or a self-import)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_walker_finds_a_cycle_hidden_in_a_function() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_walker_sees_imports_inside_functions(tmp_path: Path) -> None:
    file = tmp_path / "x.py"
    file.write_text("def f():\n    from .build import compute\n    from . import models as m\n")
    assert [(target, names) for target, names, _ in _imports(file)] == [
        ("build", ["compute"]),
        ("models", []),
    ]


def test_no_import_cycle_in_the_core() -> None:
    graph = _graph()
    assert len(graph) >= 20  # every module of src/guide was read
    assert _cycles(graph) == []


def test_no_module_imports_another_modules_private_names() -> None:
    borrowed = [
        f"{file.relative_to(ROOT)}:{line}: {name} from {target}"
        for file in sorted(PACKAGE.glob("*.py"))
        for target, names, line in _imports(file)
        for name in names
        if name.startswith("_")
    ]
    assert borrowed == []
