"""No module of the two packages imports itself through others: read from the source with ``ast``,
every import counts (at module level, inside a function, under ``TYPE_CHECKING``), so a cycle
cannot hide behind a lazy import."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGES = (REPO / "lint_rules" / "mellea_lint", REPO / "mypy_plugin" / "mellea_mypy")

Graph = dict[str, set[str]]


def _modules(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of ``package`` (its ``__init__`` is the package)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imported(module: str, is_package: bool, tree: ast.Module) -> Iterator[str]:
    """Every dotted name ``tree`` imports, and each ``from X import name`` as ``X.name`` too
    (``name`` may be a submodule)."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            source = node.module or "" if node.level == 0 else ".".join(p for p in (base, node.module) if p)
            yield source
            yield from (f"{source}.{alias.name}" for alias in node.names)


def import_graph(packages: tuple[Path, ...]) -> Graph:
    """Module -> the modules of ``packages`` it imports anywhere in its code."""
    modules = {name: path for package in packages for name, path in _modules(package).items()}
    graph: Graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names = set(_imported(name, path.name == "__init__.py", tree))
        # ``from pkg import sub`` names the submodule; the package itself only when nothing deeper matches
        targets = {n for n in names if n in modules}
        graph[name] = {t for t in targets if not any(o.startswith(t + ".") for o in targets)} - {name}
    return graph


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
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
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _describe(graph: Graph, component: list[str]) -> str:
    members = set(component)
    return "; ".join(f"{m} -> {', '.join(sorted(graph[m] & members))}" for m in component)


def test_the_packages_import_graph_has_no_cycle() -> None:
    graph = import_graph(PACKAGES)
    found = cycles(graph)
    assert not found, "import cycles: " + " | ".join(_describe(graph, c) for c in found)


def test_the_graph_sees_function_level_and_cross_package_imports() -> None:
    graph = import_graph(PACKAGES)
    assert "mellea_lint.engine" in graph["mellea_lint.filecheck"], "the lazy import of the engine was missed"
    assert "mellea_lint.surface" in graph["mellea_mypy.producers"]


@pytest.mark.parametrize("lazy", ["    from pkg import a\n", "    from . import a\n", "    import pkg.a\n"])
def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path, lazy: str) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from .b import helper\n")
    (package / "b.py").write_text(f"def helper() -> None:\n{lazy}")
    assert cycles(import_graph((package,))) == [["pkg.a", "pkg.b"]]
