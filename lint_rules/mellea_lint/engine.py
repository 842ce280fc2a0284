"""The lint engine: source (or a parsed tree) in, ``Finding`` records out.

One AST pass (``visitor.ModuleVisitor``) collects scopes and candidate uses; the
inference (``inference.Evaluator``) then decides, per use, whether the receiver is
a thunk. Front ends (flake8, the CLI) call ``check_source`` or ``check_tree``; the
checked code is never imported or executed.
"""

from __future__ import annotations

import ast
import functools
import os
import re
from collections.abc import Callable, Sequence

from . import surface
from .findings import Finding
from .inference import MAYBE_THUNK, Evaluator, Module, Scope, is_known_other, is_thunk
from .visitor import AttributeUse, ImportUse, ModuleVisitor, StringUse

_WRITE_MODES = frozenset({"write", "aug", "del", "item-write"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def check_source(
    source: str,
    path: str,
    *,
    internal_modules: Sequence[str] = surface.DEFAULT_INTERNAL_MODULES,
    producer_modules: Sequence[str] = surface.DEFAULT_PRODUCER_MODULES,
) -> list[Finding]:
    """All findings in ``source`` (the text of the file at ``path``), sorted by position.

    ``path`` locates the file in its package (``module_name_for``), which decides
    whether it is an internal or a producer module; it is not read. Raises what
    ``ast.parse`` raises on bad input: ``SyntaxError``, ``ValueError`` (e.g. a NUL
    byte), ``RecursionError``/``MemoryError`` (nesting too deep); nothing else.
    """
    module = module_name_for(path)
    if module is not None and surface.module_matches(module, tuple(internal_modules)):
        return []
    if not may_have_findings(source):
        return []
    tree = ast.parse(source, filename=path)
    lines: list[str] = []

    def get_lines() -> list[str]:
        if not lines:
            lines.extend(_LINE_BREAK.split(source))
        return lines

    return check_tree(tree, path, get_lines, module=module, producer_modules=producer_modules)


def check_tree(
    tree: ast.Module,
    path: str,
    get_lines: Callable[[], Sequence[str]],
    *,
    module: str | None,
    producer_modules: Sequence[str] = surface.DEFAULT_PRODUCER_MODULES,
) -> list[Finding]:
    """Findings for an already parsed module (flake8 hands its tree over); ``module`` is
    the file's dotted name (``None``: not in a package), already known not to be internal.
    ``get_lines`` returns the source lines; it is called only when there are findings."""
    package = None
    if module is not None:
        package = module if os.path.basename(path) == "__init__.py" else module.rpartition(".")[0] or None
    visitor = ModuleVisitor(package)
    visitor.visit_module(tree)
    if not (visitor.attributes or visitor.strings or visitor.imports):
        return []
    relevant = visitor.mentions_mellea or (module is not None and module.split(".", 1)[0] == "mellea")
    producer = module is not None and surface.module_matches(module, tuple(producer_modules))
    decider = _Decider(Evaluator(), relevant, producer, path, get_lines)
    for use in visitor.attributes:
        decider.attribute(use)
    for string_use in visitor.strings:
        decider.string(string_use)
    for import_use in visitor.imports:
        decider.import_(import_use)
    return sorted(decider.findings, key=lambda f: (f.line, f.col, f.code))


def may_have_findings(source: str) -> bool:
    """A cheap textual pre-check: every finding needs ``._``, a quoted ``_name`` or an import."""
    return "._" in source or '"_' in source or "'_" in source or (
        "import" in source and ("mellea" in source or "from ." in source)
    )


class _Decider:
    """Turns the visitor's uses into findings, asking the evaluator about receivers."""

    def __init__(
        self, evaluator: Evaluator, relevant: bool, producer: bool, path: str,
        get_lines: Callable[[], Sequence[str]],
    ) -> None:
        self.evaluator = evaluator
        self.relevant = relevant
        self.producer = producer
        self.path = path
        self.get_lines = get_lines
        self.findings: list[Finding] = []

    def _thunk_receiver(self, receiver: ast.expr, scope: Scope, name: str, own: set[str]) -> tuple[bool, bool]:
        """(flagged, certain) for ``receiver._name``.

        Flagged: the receiver is a thunk, or may be one (a union) and ``name`` is a thunk
        member, or it is not known to be anything else and a use shows it is one.
        Certain (autofix allowed) needs more than this use itself and more than a union.
        """
        t = self.evaluator.type_of(receiver, scope, with_evidence=False)
        if is_thunk(t):
            return True, True
        if is_known_other(t) or not self.relevant:
            return False, False
        labels = self.evaluator.evidence(receiver, scope)
        if labels - own:
            return True, True
        if t == MAYBE_THUNK:
            return name in surface.MEMBERS_BY_NAME, False
        return bool(labels & own), False

    def attribute(self, use: AttributeUse) -> None:
        node = use.node
        name = node.attr
        receiver_type = self.evaluator.type_of(node.value, use.scope, with_evidence=False)
        if isinstance(receiver_type, Module):
            if surface.module_matches(receiver_type.dotted, (surface.CORE_PACKAGE,)):
                line, col = self._dot(node)
                self._add(line, col, "MOT005", _core_name_message(name, receiver_type.dotted, "used from"),
                          node.end_lineno or line, self._char_col(node.end_lineno, node.end_col_offset))
            return
        member = surface.MEMBERS_BY_NAME.get(name)
        meta = use.meta if name == surface.META_MEMBER else None
        own: set[str] = set()
        if member is not None and member.unique and (use.mode != "call" or member.kind == "method"):
            own.add(name)
        if meta is not None and meta.key is not None:
            own.add(f"{name}[{meta.key!r}]")
        flagged, certain = self._thunk_receiver(node.value, use.scope, name, own)
        if not flagged:
            return
        line, col = self._dot(node)
        end_line, end_col = node.end_lineno or line, self._char_col(node.end_lineno, node.end_col_offset)
        if use.mode in _WRITE_MODES:
            if self.producer and member is not None and member.producer_writable:
                return
            target = f"{name}[{meta.key!r}]" if meta is not None and meta.key is not None else name
            verb = "deleted" if use.mode == "del" else "written"
            hint = surface.replacement_hint(name)
            self._add(line, col, "MOT003", f"private thunk member {target} {verb}: {hint}", end_line, end_col)
            return
        owned = self.producer and member is not None and member.producer_writable
        if meta is not None and meta.key is not None:
            key_info = surface.META_KEYS_BY_NAME.get(meta.key)
            target = f"{name}[{meta.key!r}]"
            if key_info is not None and key_info.replacement:
                fix = None
                if certain and meta.how == "subscript" and key_info.fix and not use.mutated_through:
                    fix = key_info.fix
                    end_line = meta.node.end_lineno or end_line
                    end_col = self._char_col(meta.node.end_lineno, meta.node.end_col_offset)
                self._add(line, col, "MOT001", f"private thunk member {target} read: use {key_info.replacement}",
                          end_line, end_col, fix if col is not None else None)
                return
            if owned:
                return  # a producer's own ``_meta`` entries (litellm's "logprobs")
            self._add(line, col, "MOT002", f"private thunk member {target} read: {surface.meta_key_hint(meta.key)}",
                      end_line, end_col)
            return
        if owned and (use.mutated_through or surface.public_replacement(name) is None):
            # Producers own what they set: ``mot._gen.start = ...``, ``mot._call.model_options``.
            # A read that has a public spelling (``mot._generate_log``) stays reported.
            return
        hint = surface.replacement_hint(name)
        verb = "called" if use.mode == "call" else "read"
        if member is not None and member.fix is not None:
            fix = member.fix if certain and use.mode == "read" and not use.mutated_through else None
            self._add(line, col, "MOT001", f"private thunk member {name} {verb}: {hint}", end_line, end_col, fix)
            return
        self._add(line, col, "MOT002", f"private thunk member {name} {verb}: {hint}", end_line, end_col)

    def string(self, use: StringUse) -> None:
        if use.receiver is not None:
            member = surface.MEMBERS_BY_NAME.get(use.name)
            own = {use.name} if member is not None and member.unique else set()
            flagged, _certain = self._thunk_receiver(use.receiver, use.scope, use.name, own)
            if not flagged:
                return
        else:
            member = surface.MEMBERS_BY_NAME.get(use.name)
        if self.producer and member is not None and member.producer_writable and (
            use.write or surface.public_replacement(use.name) is None
        ):
            return  # the same ownership as for attribute access
        node = use.string
        self._add(
            node.lineno, node.col_offset, "MOT004",
            f"private thunk member {use.name} named in a string: {surface.replacement_hint(use.name)}",
            node.end_lineno or node.lineno, node.end_col_offset or 0, raw=True,
        )

    def import_(self, use: ImportUse) -> None:
        alias = use.alias
        self._add(alias.lineno, alias.col_offset, "MOT005", _core_name_message(use.name, use.module),
                  alias.end_lineno or alias.lineno, alias.end_col_offset or 0, raw=True)

    # -- positions ------------------------------------------------------------------

    def _char_col(self, line: int | None, byte_col: int | None) -> int:
        """ast columns are UTF-8 byte offsets; findings use characters (as ruff and editors do)."""
        if line is None or byte_col is None:
            return 0
        lines = self.get_lines()
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        if text.isascii():
            return byte_col
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", "replace"))

    def _dot(self, node: ast.Attribute) -> tuple[int, int | None]:
        """Line and column of the ``.`` before the attribute name (``None``: not on that line)."""
        line = node.end_lineno or node.lineno
        start = self._char_col(line, node.end_col_offset) - len(node.attr)
        lines = self.get_lines()
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        index = start - 1
        while index >= 0 and text[index] in " \t\\":
            index -= 1
        if index >= 0 and text[index] == ".":
            return line, index
        return line, None

    def _is_plain_trailer(self, line: int, col: int, end_line: int, end_col: int) -> bool:
        """True when the span is a bare ``.name`` / ``.name[key]`` trailer that plain text
        replacement may swap: no comment, no bracket or parenthesis closing outside it."""
        lines = self.get_lines()
        if line == end_line:
            text = lines[line - 1][col:end_col]
        else:
            text = lines[line - 1][col:] + "".join(lines[line:end_line - 1]) + lines[end_line - 1][:end_col]
        if "#" in text:
            return False
        try:
            tree = ast.parse("_" + text.replace("\\\n", "").replace("\n", " "), mode="eval")
        except SyntaxError:
            return False
        node = tree.body
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        return isinstance(node, ast.Name) and node.id == "_"

    def _add(
        self, line: int, col: int | None, code: str, message: str, end_line: int, end_col: int,
        fix: str | None = None, *, raw: bool = False,
    ) -> None:
        if col is None:  # the dot is on an earlier line: point at the attribute, never fix
            col, fix = max(end_col - 1, 0), None
        elif raw:
            col, end_col = self._char_col(line, col), self._char_col(end_line, end_col)
        if fix is not None and not self._is_plain_trailer(line, col, end_line, end_col):
            fix = None
        self.findings.append(Finding(self.path, line, col, code, message, end_line, end_col, fix))


def _core_name_message(name: str, module: str, how: str = "imported from") -> str:
    note = surface.PRIVATE_CORE_NAMES.get(name, f"private to {surface.CORE_PACKAGE}")
    return f"private name {name} {how} {module}: {note}"


def module_name_for(path: str) -> str | None:
    """The dotted module name of the file at ``path``, from the packages around it.

    Walks up while the folder holds an ``__init__.py``; a file outside any package is
    the module of its own name. In a ``src/`` layout without ``__init__.py`` files
    (namespace packages), the parts after the last ``src`` folder make the name. A path
    whose folder does not exist (text checked under a given name) is read as relative
    to its package root: ``mellea/core/base.py`` -> ``mellea.core.base``. ``None`` when
    the file name is not a Python identifier.
    """
    head, tail = os.path.split(os.path.normpath(path))
    stem = tail[:-3] if tail.endswith(".py") else tail.removesuffix(".pyi")
    if not stem.isidentifier():
        return None
    directory = os.path.abspath(head or ".")
    if os.path.isdir(directory):
        package = _package_of(directory)
    else:
        package = _after_src([p for p in head.replace("\\", "/").split("/") if p not in ("", ".")])
    if stem == "__init__":
        return package or None
    return f"{package}.{stem}" if package else stem


@functools.lru_cache(maxsize=4096)
def _package_of(directory: str) -> str:
    """The dotted package a folder is (``""``: none)."""
    parent, name = os.path.split(directory)
    if os.path.isfile(os.path.join(directory, "__init__.py")):
        if not name.isidentifier():
            return ""
        outer = _package_of(parent) if parent != directory else ""
        return f"{outer}.{name}" if outer else name
    parts = directory.replace("\\", "/").split("/")
    return _after_src(parts) if "src" in parts else ""


def _after_src(parts: list[str]) -> str:
    """The dotted name the folder parts make, counted after the last ``src`` if there is one."""
    if "src" in parts:
        parts = parts[len(parts) - parts[::-1].index("src"):]
    return ".".join(parts) if all(p.isidentifier() for p in parts) else ""
