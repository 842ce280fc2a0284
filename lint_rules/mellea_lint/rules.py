"""The MOT rule table: codes, names and the documentation ``mellea-lint rule CODE`` prints.

Every front end (flake8, the CLI, the README table) reads this one table; the
engine only emits codes listed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from . import surface


class Rule(NamedTuple):
    """One lint rule, documented in the four parts ruff uses."""

    code: str
    name: str
    summary: str
    what: str
    why: str
    example: str
    use_instead: str


_RULES = (
    Rule(
        code="MOT001",
        name="private-thunk-read-with-replacement",
        summary="Read of a private thunk member (or `_meta` key) that has a public replacement in the mellea release in use",
        what=(
            "Checks for reads of private `ModelOutputThunk` members that mellea "
            f"{surface.MELLEA_VERSION} exposes publicly: `_underlying_value`, `_generate_log`, "
            "`_cancelled`, `_error`, `_computed`, the legacy `_thinking`, and the provider "
            "payloads and usage once kept in `_meta` (`_meta[\"usage\"]`, "
            "`_meta[\"chat_response\"]`, ...). The message names the replacement. Reads whose "
            "receiver is certainly a thunk carry an autofix. Under an older release (`mellea-version`, "
            "or the installed mellea) a read whose public spelling that release lacks is MOT002 instead: "
            "suppressed until the upgrade, it comes back here, with its fix, once the release has it."
        ),
        why=(
            "Private members change without notice between releases: 0.7.0 moved provider "
            "payloads from `_meta` to `mot.raw`, and 0.8.0 moved the in-flight machinery to "
            "`_call`/`_gen`. The public spelling is typed by the stubs and stays stable."
        ),
        example=(
            "mot = m.instruct(\"Summarise the report\")\n"
            "log = mot._generate_log\n"
            "usage = mot._meta[\"usage\"]"
        ),
        use_instead=(
            "mot = m.instruct(\"Summarise the report\")\n"
            "log = mot.generate_log\n"
            "usage = mot.generation.usage"
        ),
    ),
    Rule(
        code="MOT002",
        name="private-thunk-member",
        summary="Read or call of a private thunk member that has no public replacement in the mellea release in use",
        what=(
            "Checks for reads and calls of the other private `ModelOutputThunk` members "
            "(`_call`, `_gen`, `_copy_from()`, `_meta` itself, the flat fields of mellea "
            "<= 0.6.0 such as `_async_queue`, `_action`, `_model_options`) outside the "
            "internal modules (`mellea.core` by default). The receiver must be known to be a "
            "thunk: from annotations, constructors, mellea APIs that return thunks, the class's "
            "own attributes, `isinstance` checks, or, in files that use mellea, members and "
            "`_meta` keys only a thunk has; names other classes share (`_meta`, `_start`, "
            "`_context`, ...) are reported only with such evidence. In the producer modules "
            "(none by default), the members producers set (`_call`, `_gen`, `_meta`, ...) may "
            "be read too."
        ),
        why=(
            "These members are the thunk's implementation: their shape changed in every "
            "release (0.8.0 replaced a dozen flat fields by `_call` and `_gen`) and code "
            "outside `mellea.core` that reads them breaks silently on upgrade."
        ),
        example=(
            "mot = m.instruct(\"Summarise the report\")\n"
            "options = mot._call.model_options"
        ),
        use_instead=(
            "# Keep the options you passed instead of reading them back from the thunk.\n"
            "options = {\"temperature\": 0.2}\n"
            "mot = m.instruct(\"Summarise the report\", model_options=options)"
        ),
    ),
    Rule(
        code="MOT003",
        name="private-thunk-write",
        summary="Write or delete of a private thunk member outside the producer modules",
        what=(
            "Checks for assignments, augmented and annotated assignments, `del` statements, "
            "item writes (`mot._meta[key] = ...`, `del mot._meta[key]`) and mutating calls "
            "(`mot._meta.update(...)`, `.pop`, `.setdefault`, `.clear`) whose target is a private "
            "`ModelOutputThunk` member, outside the internal modules and, for members a producer legitimately "
            "sets (`_underlying_value`, `_generate_log`, `_call`, `_gen`, ...), outside producer code: "
            "classes deriving from a mellea backend (test doubles included), functions that construct a "
            "thunk and fill it, the callbacks they register, and the `producer-modules`. The message "
            "gives the public way to set it where one exists (`mot.value = ...`, "
            "`await mot.cancel_generation()`), never a read-only property; where none exists it says so "
            "and names the producer setting. Names removed in 0.7.0 (`_process`, `_meta[\"usage\"]`, ...) "
            "are reported in producer code too, with where their data lives now."
        ),
        why=(
            "A thunk's private state is kept consistent by mellea.core and the backends that "
            "produce it; writing it from elsewhere bypasses the invariants "
            "(`ComputedModelOutputThunk` raises `AttributeError` on some of them)."
        ),
        example=(
            "mot = m.instruct(\"Summarise the report\")\n"
            "mot._underlying_value = mot.value.strip()"
        ),
        use_instead=(
            "mot = m.instruct(\"Summarise the report\")\n"
            "mot.value = mot.value.strip()"
        ),
    ),
    Rule(
        code="MOT004",
        name="private-thunk-member-by-string",
        summary="Private thunk member named in a string (getattr/setattr/hasattr/delattr, mock patching)",
        what=(
            "Checks for private `ModelOutputThunk` members reached through their name as a "
            "string: `getattr`, `setattr`, `hasattr`, `delattr`, `unittest.mock.patch.object` "
            "(also `mock.patch.object`, `patch.object`, `mocker.patch.object`), "
            "`monkeypatch.setattr`/`delattr`, and dotted targets such as "
            "`patch(\"mellea.core.base.ModelOutputThunk._copy_from\")`."
        ),
        why=(
            "The string hides the access from type checkers and from MOT001-MOT003, so it "
            "breaks on upgrade with no warning; tests that patch a private member test the "
            "implementation rather than the behaviour."
        ),
        example=(
            "trace = getattr(mot, \"_thinking\", None)\n"
            "monkeypatch.setattr(mot, \"_generate_log\", fake_log)"
        ),
        use_instead=(
            "trace = mot.thinking\n"
            "# Build the thunk in the state the test needs through public API instead of patching."
        ),
    ),
    Rule(
        code="MOT005",
        name="private-core-import",
        summary="Import of a private name from mellea.core outside the internal modules",
        what=(
            "Checks for imports of names starting with `_` from `mellea.core` or any of its "
            "submodules (`from mellea.core.base import _CallInfo`, relative imports resolved "
            "from the file's package, and `mellea.core.base._GenerationState` through an "
            "imported module) outside the internal modules."
        ),
        why=(
            "`_CallInfo`, `_GenerationState` and the other private names are implementation "
            "details of the thunk; they are renamed or reshaped between releases."
        ),
        example="from mellea.core.base import ModelOutputThunk, _CallInfo",
        use_instead="from mellea.core.base import ModelOutputThunk",
    ),
    Rule(
        code="MOT006",
        name="unknown-provider-literal",
        summary="String compared with a thunk's provider is not a mellea provider",
        what=(
            "Checks for string literals compared with `x.raw.provider` or `x.generation.provider` "
            "(`==`, `!=`, `in` / `not in` a tuple, list or set, and `match`/`case` values) that are "
            f"not a provider mellea {surface.MELLEA_VERSION} writes ("
            + ", ".join(f"`{p!r}`" for p in surface.PROVIDER_LITERALS)
            + ") nor one listed in `extra-providers`. The message suggests the closest known provider. "
            "Until `extra-providers` is set, a literal close to no known provider is taken as a "
            "third-party backend's own and not reported; once it is set, the list is closed."
        ),
        why=(
            "A misspelled provider never matches: the branch is dead and the payload code under it "
            "never runs, with no error at run time. ruff cannot check this (it has no plugin "
            "interface); the mypy plugin reports the same literals as `mellea-provider`."
        ),
        example=(
            "mot = m.instruct(\"Summarise the report\")\n"
            "if mot.raw.provider == \"olama\":\n"
            "    print(mot.raw.response)"
        ),
        use_instead=(
            "mot = m.instruct(\"Summarise the report\")\n"
            "if mot.raw.provider == \"ollama\":\n"
            "    print(mot.raw.response)"
        ),
    ),
)

RULES: Mapping[str, Rule] = MappingProxyType({rule.code: rule for rule in _RULES})
"""Every rule by code, in code order."""


def render_doc(code: str, *, level: int = 1) -> str:
    """The full documentation of one rule (raises ``KeyError`` for an unknown code).

    ``level`` is the Markdown heading level of the title (the README nests the docs).
    """
    rule = RULES[code]
    title, section = "#" * level, "#" * (level + 1)
    return (
        f"{title} {rule.code} {rule.name}\n\n"
        f"{rule.summary}.\n\n"
        f"{section} What it does\n{rule.what}\n\n"
        f"{section} Why is this bad?\n{rule.why}\n\n"
        f"{section} Example\n```python\n{rule.example}\n```\n\n"
        f"{section} Use instead\n```python\n{rule.use_instead}\n```\n"
    )
