"""The one configuration of mellea-typing: ``[tool.mellea-lint]`` in the nearest pyproject.toml.

The CLI, the flake8 plugin and the mypy plugin all read this table through :func:`read_table`
(one spelling per key, kebab-case as in ruff); each tool uses the settings it needs. Like ruff,
the nearest ``pyproject.toml`` (from the working directory upwards) that has the table is used;
``exclude`` patterns are relative to its folder. Any mistake is a :class:`ConfigError` whose
one-line message names the file and key, and for a misspelt key the right spelling.
"""

# No `from __future__ import annotations`: NamedTuple compiles string annotations at import,
# about a millisecond of every check's start-up (bench/bench_startup.py).
import keyword
import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from mellea_lint.findings import FILE_ERRORS
from mellea_lint.surface import (
    DEFAULT_INTERNAL_MODULES,
    DEFAULT_PRODUCER_MODULES,
    NEWEST,
    PROVIDER_LITERALS,
    check_release_setting,
)

if TYPE_CHECKING:
    from mellea_lint.table_memo import TableMemo

TABLE = "mellea-lint"

_SELECTOR = r"[A-Z]+[0-9]*"
_MODULE = r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*"
"""Patterns ``re`` compiles on first use (and caches): most runs check no selector."""


class Setting(NamedTuple):
    """One key of the table (the README's settings table is generated from these)."""

    key: str
    value: str
    default: str
    used_by: str
    doc: str

    @property
    def field(self) -> str:
        return self.key.replace("-", "_")


SETTINGS = (
    Setting("select", "list of code prefixes", "every rule", "CLI",
            "Rules to report (`--select` replaces it; flake8 uses its own `--select`)."),
    Setting("ignore", "list of code prefixes", "none", "CLI",
            "Rules not to report (`--ignore` adds to it); the longer matching prefix wins, a tie ignores."),
    Setting("exclude", "list of path patterns", "none", "CLI",
            "Paths not to check: without `/` any path part, with `/` relative to this file."),
    Setting("internal-modules", "list of dotted modules", ", ".join(DEFAULT_INTERNAL_MODULES),
            "CLI, flake8, mypy",
            "Modules (and submodules) that implement the thunk: nothing is reported there."),
    Setting("producer-modules", "list of dotted modules", ", ".join(DEFAULT_PRODUCER_MODULES) or "none",
            "CLI, flake8, mypy",
            "Producer code the recognition cannot see (backends and test doubles need no entry): "
            "it may write the members producers set and read those without a public replacement."),
    Setting("extra-providers", 'table: literal = "dotted.Type"', "none", "CLI, flake8, mypy",
            "Third-party `raw.provider` literals and the type of their `raw.response`: MOT006 and "
            "`mellea-provider` accept the literal, and in mypy `mot.raw` (of chat and "
            "`generate_from_raw` thunks) narrows to "
            "`CustomProviderRaw[Literal[literal], Type]` (flake8's alias takes the literals only)."),
    Setting("mellea-version", 'release, e.g. "0.7"', "the installed mellea, else the newest known",
            "CLI, flake8, mypy",
            "The mellea release whose public members the hints and `--fix` name (a read with no public "
            "spelling in it yet is MOT002); set it where mellea is not installed (a pre-commit "
            "environment). An installed mellea outside the supported range is named once per run."),
    Setting("detect-producers", "true or false", "true", "CLI, flake8, mypy",
            "Recognise producer code without configuration: classes deriving from a mellea backend, "
            "functions that build and fill a thunk, and the callbacks they register."),
)
KEYS = tuple(s.key for s in SETTINGS)

PRODUCER_ADVICE = f"list its module in producer-modules of [tool.{TABLE}] or add '# noqa: {{code}}'"
"""How a ``mellea-lint`` user declares producer code; messages about writes only producers may
make end with it (``{code}``: the rule). flake8 and the mypy plugin have their own."""


class ConfigError(Exception):
    """A settings mistake; the message is one line that names the file and key."""


class LintConfig(NamedTuple):
    """The settings of one run: ``[tool.mellea-lint]`` with the front end's own options applied.

    Each front end (``mellea-lint check``, the flake8 plugin, the language server) builds it once
    and hands it unchanged to every file's check (``filecheck.check_bytes``, ``engine``). A new
    setting is a field here (named as its key, ``-`` as ``_``) and its row in ``SETTINGS``; unless
    it is named in ``AROUND_ENGINE`` it is part of the result cache's key. Empty ``select`` means
    every rule. (A NamedTuple: a dataclass would import ``inspect`` into every check.)
    """

    root: str = "."
    """The folder of ``source`` (else the working directory): ``exclude`` patterns are relative to it."""
    source: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    internal_modules: tuple[str, ...] = DEFAULT_INTERNAL_MODULES
    producer_modules: tuple[str, ...] = DEFAULT_PRODUCER_MODULES
    extra_providers: tuple[str, ...] = ()
    """The provider literals of the extra-providers table (their response types are the mypy plugin's);
    a tuple, so the settings stay immutable and travel to worker processes."""
    detect_producers: bool = True
    mellea_version: str | None = None
    release: str = NEWEST
    """The mellea minor whose public members hints and fixes name: the front end resolves
    ``mellea_version`` (else the installed mellea) with ``surface.mellea_in_use``."""
    producer_advice: str = PRODUCER_ADVICE
    """How the front end's user declares producer code (``{code}``: the rule), named in messages
    about writes only producers may make."""

    def with_values(self, values: Mapping[str, Any]) -> "LintConfig":
        """These settings with ``values`` (validated, by field name, as :func:`read_table` returns
        them) set; of the extra-providers table the engine keeps the literals."""
        if "extra_providers" in values:
            values = {**values, "extra_providers": tuple(values["extra_providers"])}
        return self._replace(**values)

    def engine_fields(self) -> dict[str, object]:
        """The settings that can change a file's findings, by field name (the result cache's key)."""
        return {name: value for name, value in zip(self._fields, self, strict=True) if name not in AROUND_ENGINE}

    def enabled(self, code: str) -> bool:
        """Ruff's rule: the longest matching prefix wins; a tie between select and ignore ignores."""
        chosen = max((len(s) for s in self.select if code.startswith(s)), default=-1)
        if not self.select:
            chosen = 0
        dropped = max((len(s) for s in self.ignore if code.startswith(s)), default=-1)
        return chosen >= 0 and chosen > dropped


AROUND_ENGINE: Final = frozenset({"root", "source", "select", "ignore", "exclude", "mellea_version"})
"""Settings that never change a file's findings: which files are checked, which codes are shown
(select/ignore apply after the cache), and mellea-version (the engine reads ``release``)."""

DEFAULTS: Final = LintConfig()
"""The settings of a project without ``[tool.mellea-lint]``, rooted at the working directory."""


def find_pyproject(start: str | os.PathLike[str], memo: "TableMemo | None" = None) -> str | None:
    """The nearest pyproject.toml at or above ``start`` that has a ``[tool.mellea-lint]`` table.

    ``memo`` (the CLI's, beside the result cache) remembers the parsed table across runs, so a
    warm check never imports ``tomllib``.
    """
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        data = _read_bytes(candidate) if os.path.isfile(candidate) else None
        # a file that does not name the table at all is not parsed
        if data is not None and TABLE.encode() in data and _tool_table(candidate, data, memo) is not _ABSENT:
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read TOML: {exc}") from None


_ABSENT: Final = object()
"""What ``_tool_table`` returns for a pyproject.toml without the table."""

_LAST_READ: dict[str, tuple[bytes, object]] = {}
"""The last file ``_tool_table`` parsed, with its bytes: ``find_pyproject`` then ``load_table``
parse it once, and a long-running dmypy still sees an edited file."""


def _tool_table(path: str, data: bytes, memo: "TableMemo | None") -> object:
    """``[tool.mellea-lint]`` of the pyproject.toml ``data`` read from ``path`` (``_ABSENT``: none)."""
    last = _LAST_READ.get(path)
    if last is not None and last[0] == data:
        return last[1]
    table = memo.get(path, data) if memo is not None else None
    if table is None:
        table = _parse(path, data)
        if memo is not None and table is not _ABSENT:
            memo.put(path, data, table)
    _LAST_READ.clear()
    _LAST_READ[path] = (data, table)
    return table


def _parse(path: str, data: bytes) -> object:
    import tomllib  # not at import, and not on a warm check: the memo has the table

    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read TOML: {exc}") from None
    tool = document.get("tool")
    return tool.get(TABLE, _ABSENT) if isinstance(tool, dict) else _ABSENT


def load_config(pyproject: str | os.PathLike[str] | None, cwd: str | os.PathLike[str],
                memo: "TableMemo | None" = None) -> LintConfig:
    """Settings from ``pyproject`` (None: defaults rooted at ``cwd``)."""
    if pyproject is None:
        return LintConfig(root=os.path.abspath(cwd))
    source = os.fspath(pyproject)
    return LintConfig(root=os.path.dirname(os.path.abspath(source)), source=source).with_values(
        load_table(source, memo)
    )


def load_table(pyproject: str | os.PathLike[str], memo: "TableMemo | None" = None) -> dict[str, Any]:
    """The validated settings ``pyproject``'s ``[tool.mellea-lint]`` sets, by field name."""
    path = os.fspath(pyproject)
    table = _tool_table(path, _read_bytes(path), memo)
    if table is _ABSENT:
        return {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{TABLE}] must be a table")
    return read_table(table, path)


def read_table(table: Mapping[str, object], where: str, name: str = f"[tool.{TABLE}]") -> dict[str, Any]:
    """The validated settings of ``table``, by field name (``producer_modules``): only those set."""
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} in {name}; {suggest(key)}")
    values: dict[str, Any] = {}
    for key, raw in table.items():
        what = f"{where}: {name} {key}" if name else where  # no name: ``where`` names the option
        if key == "extra-providers":
            values["extra_providers"] = check_providers(raw, what)
            continue
        if key == "detect-producers":
            values["detect_producers"] = check_flag(raw, what)
            continue
        if key == "mellea-version":
            try:
                values["mellea_version"] = check_release_setting(raw)
            except ValueError as exc:
                raise ConfigError(f"{what} {exc}") from None
            continue
        items = _string_list(raw, what)
        if key in ("select", "ignore"):
            check_selectors(items, what, known_codes())
        elif key.endswith("-modules"):
            check_modules(items, what)
        values[key.replace("-", "_")] = tuple(items)
    return values


def suggest(key: str) -> str:
    """``did you mean 'producer-modules'?`` for a misspelt key (another tool's spelling included)."""
    import difflib  # only on a mistake: it is not needed to start a check

    spelled = key.lower().replace("_", "-").removeprefix("mot-")
    close = [spelled] if spelled in KEYS else difflib.get_close_matches(spelled, KEYS, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"known keys: {', '.join(KEYS)}"


def _string_list(value: object, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{what} must be a list of strings, got {type(value).__name__}: {value!r}")
    return value


def check_flag(value: object, what: str) -> bool:
    """A TOML boolean (flake8's alias passes the words ``true`` / ``false``)."""
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if not isinstance(value, bool):
        raise ConfigError(f"{what} must be true or false, got {value!r}")
    return value


def check_providers(value: object, what: str) -> dict[str, str]:
    """``{literal: "module.Type"}``: a new provider literal and the dotted type of its response."""
    if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f'{what} must be a table of literal = "dotted.Type", got {value!r}')
    for literal, type_name in value.items():
        if not literal:
            raise ConfigError(f"{what}: empty provider literal")
        if literal in PROVIDER_LITERALS:
            raise ConfigError(f"{what}: {literal!r} is already a mellea provider")
        if not re.fullmatch(_MODULE, type_name) or "." not in type_name or any(
            keyword.iskeyword(part) for part in type_name.split(".")
        ):
            raise ConfigError(f"{what}: {literal!r} needs a dotted type name (module.Type), got {type_name!r}")
    return dict(value)


def known_codes() -> tuple[str, ...]:
    """Every code a selector may name: the rules and the file diagnostics."""
    from mellea_lint.rules import RULES  # here, not at import: rule docs are large

    return (*RULES, *FILE_ERRORS)


def check_selectors(selectors: Iterable[str], what: str, known: Iterable[str]) -> None:
    """Each selector is a prefix of a known code, such as ``MOT`` or ``MOT001``."""
    codes = tuple(known)
    for selector in selectors:
        if not re.fullmatch(_SELECTOR, selector) or not any(c.startswith(selector) for c in codes):
            raise ConfigError(f"{what}: unknown rule selector {selector!r}")


def check_modules(modules: Iterable[str], what: str) -> None:
    """Each entry is a dotted module name."""
    for module in modules:
        if not re.fullmatch(_MODULE, module):
            raise ConfigError(f"{what}: {module!r} is not a dotted module name")


def settings_table() -> str:
    """The settings as the Markdown table the README carries (a test compares them)."""
    rows = [f"| `{s.key}` | {s.value} | {s.default} | {s.used_by} | {s.doc} |" for s in SETTINGS]
    return "| key | value | default | read by | meaning |\n|---|---|---|---|---|\n" + "\n".join(rows) + "\n"


def split_csv(value: str) -> list[str]:
    """``--select MOT001,MOT002`` -> ``["MOT001", "MOT002"]``."""
    return [part.strip() for part in value.split(",") if part.strip()]
