"""The lint engine: source (or a parsed tree) in, ``Finding`` records out.

One AST pass (``visitor.ModuleVisitor``) collects scopes and candidate uses; the
inference (``inference.Evaluator``) then decides, per use, whether the receiver is
a thunk. Front ends (flake8, the CLI) call ``check_source`` or ``check_tree`` with the
run's settings (``config.LintConfig``); the checked code is never imported or executed.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Sequence

from . import surface
from .config import DEFAULTS, LintConfig
from .findings import Finding
from .inference import (
    BUILTIN,
    MAYBE_THUNK,
    Evaluator,
    FuncRef,
    Module,
    Scope,
    class_is_backend,
    is_known_other,
    is_thunk,
)
from .modules import module_name_for
from .visitor import AttributeUse, ImportUse, ModuleVisitor, ProviderUse, StringUse, function_scope

_ANNOTATION_WRONG = " (the receiver's annotation looks wrong: only a thunk has this member)"
_WRITE_MODES = frozenset({"write", "aug", "del", "item-write"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def check_source(source: str, path: str, settings: LintConfig = DEFAULTS) -> list[Finding]:
    """All findings in ``source`` (the text of the file at ``path``), sorted by position.

    ``path`` locates the file in its package (``module_name_for``), which decides
    whether it is an internal or a producer module; it is not read. Raises what
    ``ast.parse`` raises on bad input: ``SyntaxError``, ``ValueError`` (e.g. a NUL
    byte), ``RecursionError``/``MemoryError`` (nesting too deep); nothing else.
    """
    module = module_name_for(path)
    if module is not None and surface.module_matches(module, settings.internal_modules):
        return []
    if not may_have_findings(source):
        return []
    tree = ast.parse(source, filename=path)
    lines: list[str] = []

    def get_lines() -> list[str]:
        if not lines:
            lines.extend(_LINE_BREAK.split(source))
        return lines

    return check_tree(tree, path, get_lines, module=module, settings=settings)


def check_tree(
    tree: ast.Module,
    path: str,
    get_lines: Callable[[], Sequence[str]],
    *,
    module: str | None,
    settings: LintConfig = DEFAULTS,
) -> list[Finding]:
    """Findings for an already parsed module (flake8 hands its tree over); ``module`` is
    the file's dotted name (``None``: not in a package), already known not to be internal.
    ``get_lines`` returns the source lines; it is called only when there are findings."""
    package = None
    if module is not None:
        package = module if os.path.basename(path) == "__init__.py" else module.rpartition(".")[0] or None
    visitor = ModuleVisitor(package)
    visitor.visit_module(tree)
    if not (visitor.attributes or visitor.strings or visitor.imports or visitor.providers):
        return []
    relevant = visitor.mentions_mellea or (module is not None and module.split(".", 1)[0] == "mellea")
    producer = module is not None and surface.module_matches(module, settings.producer_modules)
    evaluator = Evaluator()
    if settings.detect_producers:
        _mark_producers(visitor, evaluator)
    known = frozenset(surface.PROVIDER_LITERALS) | frozenset(settings.extra_providers)
    decider = _Decider(evaluator, settings, path, get_lines, relevant=relevant, producer=producer)
    if relevant:
        for provider_use in visitor.providers:
            decider.provider(provider_use, known)
    for use in visitor.attributes:
        decider.attribute(use)
    for string_use in visitor.strings:
        decider.string(string_use)
    for import_use in visitor.imports:
        decider.import_(import_use)
    return sorted(decider.findings, key=lambda f: (f.line, f.col, f.code))


def may_have_findings(source: str) -> bool:
    """A cheap textual pre-check: every finding needs ``._``, a quoted ``_name``, an import
    or a ``.provider`` comparison."""
    return "._" in source or '"_' in source or "'_" in source or ".provider" in source or (
        "import" in source and ("mellea" in source or "from ." in source)
    )


def _mark_producers(visitor: ModuleVisitor, evaluator: Evaluator) -> None:
    """Mark the scopes of producer code: classes deriving from a mellea backend, functions that
    construct a thunk and fill it (write one of its private members), and the functions
    registered as a thunk's callbacks."""
    if visitor.builders:
        for use in visitor.attributes:
            if use.mode in _WRITE_MODES or use.mutated_through:
                scope = function_scope(use.scope)
                if scope is not None and id(scope) in visitor.builders:
                    scope.producer = True
    for cls in visitor.classes:
        if class_is_backend(cls, evaluator):
            cls.body.producer = True
    for value, scope in visitor.callbacks:
        for function in _callback_functions(value, scope, evaluator):
            callback_scope = visitor.function_scopes.get(id(function))
            if callback_scope is not None:
                callback_scope.producer = True


def _callback_functions(value: ast.expr, scope: Scope, evaluator: Evaluator) -> list[ast.AST]:
    """The functions a registered callback value runs: ``f``, ``self.f``, ``partial(f, ...)``, a lambda."""
    if isinstance(value, ast.Lambda):
        return [value]
    if isinstance(value, ast.Call) and value.args and _tail(value.func) == "partial":
        return _callback_functions(value.args[0], scope, evaluator)
    target = evaluator.type_of(value, scope, with_evidence=False)
    return [target.node] if isinstance(target, FuncRef) else []


def _tail(node: ast.expr) -> str | None:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None


class _Decider:
    """Turns the visitor's uses into findings, asking the evaluator about receivers.

    ``relevant``: the module mentions mellea (else only receivers known to be thunks count);
    ``producer``: it is one of the configured producer modules."""

    def __init__(
        self, evaluator: Evaluator, settings: LintConfig, path: str, get_lines: Callable[[], Sequence[str]],
        *, relevant: bool, producer: bool,
    ) -> None:
        self.evaluator = evaluator
        self.settings = settings
        self.path = path
        self.get_lines = get_lines
        self.relevant = relevant
        self.producer = producer
        self.findings: list[Finding] = []

    def _in_producer(self, scope: Scope) -> bool:
        """Configured producer module, or recognised producer code (see ``_mark_producers``)."""
        return self.producer or (self.settings.detect_producers and scope.in_producer())

    def _thunk_receiver(
        self, receiver: ast.expr, scope: Scope, name: str, own: set[str], narrowed: ast.expr | None,
    ) -> tuple[bool, bool, bool]:
        """(flagged, certain, annotation_wrong) for ``receiver._name``.

        Flagged: the receiver is a thunk, or may be one (a union) and ``name`` is a thunk
        member, or it is not known to be anything else and a use shows it is one.
        Certain (autofix allowed) needs more than this use itself and more than a union.
        A receiver annotated as a builtin type but used with members only a thunk has is
        flagged too: the annotation is what is wrong. Inside ``if isinstance(receiver, C)``
        with ``C`` not a thunk class, the receiver is a ``C``.
        """
        if narrowed is not None and is_known_other(self.evaluator.annotation_type(narrowed, scope)):
            return False, False, False
        t = self.evaluator.type_of(receiver, scope, with_evidence=False)
        if is_thunk(t):
            return True, True, False
        if not self.relevant:
            return False, False, False
        labels = self.evaluator.evidence(receiver, scope)
        if t == BUILTIN:
            return bool(labels or own), False, True
        if is_known_other(t):
            return False, False, False
        if labels - own:
            return True, True, False
        if t == MAYBE_THUNK:
            return name in surface.MEMBERS_BY_NAME, False, False
        return bool(labels & own), False, False

    def _write_hint(self, name: str, key: str | None, code: str, *, augmented: bool = False) -> str:
        legacy_key = surface.meta_key_write_hint(key, self.settings.release) if key is not None else None
        hint = legacy_key or surface.write_hint(name, self.settings.release, augmented=augmented)
        if surface.needs_producer_setting(name, key, self.settings.release, augmented=augmented):
            hint += "; if this is producer code, " + self.settings.producer_advice.format(code=code)
        return hint

    def _producer_may_write(self, name: str, key: str | None) -> bool:
        """Producer code owns the members it must set; a removed name or ``_meta`` key stays reported."""
        member = surface.MEMBERS_BY_NAME.get(name)
        if member is None or not surface.producer_owns(member, self.settings.release):
            return False
        return key is None or surface.meta_key_write_hint(key, self.settings.release) is None

    def _producer_may_read(self, name: str, mutated_through: bool) -> bool:
        """Producer code reads what it owns where there is no public spelling, or where the public
        one is ``None`` until the thunk is computed (``_underlying_value`` in a streaming callback)."""
        member = surface.MEMBERS_BY_NAME.get(name)
        if member is None or not surface.producer_owns(member, self.settings.release):
            return False
        return mutated_through or not surface.has_public_read(member, self.settings.release) or member.value_when_uncomputed

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
        key = meta.key if meta is not None else None
        own: set[str] = set()
        if member is not None and member.unique and (use.mode != "call" or member.kind == "method"):
            own.add(name)
        if key is not None:
            info = surface.META_KEYS_BY_NAME.get(key)
            if info is not None and info.unique:
                own.add(f"{name}[{key!r}]")
        flagged, certain, wrong = self._thunk_receiver(node.value, use.scope, name, own, use.narrowed)
        if not flagged:
            return
        suffix = _ANNOTATION_WRONG if wrong else ""
        line, col = self._dot(node)
        end_line, end_col = node.end_lineno or line, self._char_col(node.end_lineno, node.end_col_offset)
        producer = self._in_producer(use.scope)
        if use.mode in _WRITE_MODES:
            if producer and self._producer_may_write(name, key):
                return
            target = f"{name}[{key!r}]" if key is not None else name
            verb = "deleted" if use.mode == "del" else "written"
            hint = self._write_hint(name, key, "MOT003", augmented=use.mode == "aug")
            self._add(line, col, "MOT003", f"private thunk member {target} {verb}: {hint}{suffix}", end_line, end_col)
            return
        if key is not None:
            key_info = surface.META_KEYS_BY_NAME.get(key)
            target = f"{name}[{key!r}]"
            if key_info is not None and surface.has_public_read(key_info, self.settings.release):
                fix = None
                if certain and meta is not None and meta.how == "subscript" and key_info.fix and not use.mutated_through:
                    fix = key_info.fix
                    end_line = meta.node.end_lineno or end_line
                    end_col = self._char_col(meta.node.end_lineno, meta.node.end_col_offset)
                self._add(line, col, "MOT001", f"private thunk member {target} read: {surface.meta_key_hint(key, self.settings.release)}{suffix}",
                          end_line, end_col, fix if col is not None else None)
                return
            if producer and self._producer_may_write(name, key):
                return  # a producer's own ``_meta`` entries (litellm's "logprobs")
            self._add(line, col, "MOT002", f"private thunk member {target} read: {surface.meta_key_hint(key, self.settings.release)}{suffix}",
                      end_line, end_col)
            return
        if producer and self._producer_may_read(name, use.mutated_through):
            # Producers own what they set: ``mot._gen.start = ...``, ``mot._call.model_options``.
            # A read that has a public spelling (``mot._generate_log``) stays reported.
            return
        hint = surface.replacement_hint(name, self.settings.release)
        verb = "called" if use.mode == "call" else "read"
        if member is not None and member.fix is not None and surface.has_public_read(member, self.settings.release):
            fix = member.fix if certain and use.mode == "read" and not use.mutated_through else None
            self._add(line, col, "MOT001", f"private thunk member {name} {verb}: {hint}{suffix}", end_line, end_col, fix)
            return
        self._add(line, col, "MOT002", f"private thunk member {name} {verb}: {hint}{suffix}", end_line, end_col)

    def string(self, use: StringUse) -> None:
        member = surface.MEMBERS_BY_NAME.get(use.name)
        suffix = ""
        if use.receiver is not None:
            own = {use.name} if member is not None and member.unique else set()
            flagged, _certain, wrong = self._thunk_receiver(use.receiver, use.scope, use.name, own, use.narrowed)
            if not flagged:
                return
            suffix = _ANNOTATION_WRONG if wrong else ""
        if self._in_producer(use.scope) and (
            self._producer_may_write(use.name, None) if use.write else self._producer_may_read(use.name, False)
        ):
            return  # the same ownership as for attribute access
        hint = self._write_hint(use.name, None, "MOT004") if use.write else surface.replacement_hint(use.name, self.settings.release)
        node = use.string
        self._add(
            node.lineno, node.col_offset, "MOT004",
            f"private thunk member {use.name} named in a string: {hint}{suffix}",
            node.end_lineno or node.lineno, node.end_col_offset or 0, raw=True,
        )

    def provider(self, use: ProviderUse, known: frozenset[str]) -> None:
        hint = surface.provider_hint(use.literal, known)
        if hint is not None:
            node = use.string
            self._add(node.lineno, node.col_offset, "MOT006", f'"{use.literal}" is not a mellea provider{hint}',
                      node.end_lineno or node.lineno, node.end_col_offset or 0, raw=True)

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
