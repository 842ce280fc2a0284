"""Reading a mypy syntax tree from a plugin: a node's syntactic children, and which names are private.

Shared by the walks over a module (``syntax_index``, ``producers``) and the hooks (``main``,
``privacy``).
"""

from __future__ import annotations

from collections.abc import Iterator

from mypy.nodes import Expression, Node, Statement
from mypy.patterns import Pattern


def is_private_name(name: str) -> bool:
    """``_name`` is private; a dunder (``__init__``) is not."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


_SEMANTIC_LINKS = frozenset({"node", "def_var", "original_def", "expanded", "analyzed", "info"})
"""Attributes that point from the syntax tree into symbol tables (possibly of other
modules); the walk follows syntactic children only."""


def children(node: Node) -> Iterator[Node]:
    """Syntactic children of a node. mypy is compiled, so a plugin cannot subclass its
    ``TraverserVisitor``; the attribute list mypyc records per class stands in for it."""
    for attr in getattr(type(node), "__mypyc_attrs__", ()):
        if attr.startswith("__") or attr in _SEMANTIC_LINKS:
            continue
        stack: list[object] = [getattr(node, attr, None)]
        while stack:
            value = stack.pop()
            if isinstance(value, (Statement, Expression, Pattern)):
                yield value
            elif isinstance(value, (list, tuple)):
                stack.extend(reversed(value))
