"""Check a thunk's ``raw`` payload against the type the stub gives it for its provider.

Which variant: the runtime cannot tell a ``generate_from_raw`` thunk from a chat thunk (both are
plain ``ModelOutputThunk``s), so ``kind`` says it. ``"chat"`` checks the provider's chat variant
(``OpenAIRaw``), ``"completion"`` its completion variant (``OpenAICompletionRaw``); ``"auto"``
(the default) checks the chat variant and, if that fails, the completion variant, and reports
the closer of the two (fewer mismatches; a tie reports chat). The mellea hook knows the kind:
``generation_post_call`` fires for chat thunks, ``generation_batch_post_call`` for
``generate_from_raw`` ones. A union (``OpenAIChatCompletionDict | OpenAIStreamedChatDict``) is
reported against its closest member in the same way.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from mellea_lint.config import ConfigError, find_pyproject, load_table
from mellea_lint.payloads import shapes

Kind = Literal["auto", "chat", "completion"]
Status = Literal["ok", "mismatch", "unfilled", "unchecked"]
KINDS: tuple[Kind, ...] = ("auto", "chat", "completion")


@dataclass(frozen=True)
class Mismatch:
    """A value that is not what the stub declares, or a key it does not declare (``unknown``)."""

    path: str
    """Below ``raw.response`` (``choices[0].message.content``; ``response`` for the value itself),
    or ``streamed_chunks[i]...`` for a chunk."""
    expected: str
    got: str
    unknown: bool = False

    def __str__(self) -> str:
        if self.unknown:
            return f"{self.path}: unknown key (a {self.got}); no declared type has it"
        return f"{self.path}: expected {self.expected}, got {self.got}"


@dataclass(frozen=True)
class Report:
    """The result of one check; ``str()`` is the text a user reads."""

    provider: str | None
    variant: str | None
    """The stub class checked against (``OpenAIRaw``; an extra provider's response type)."""
    status: Status
    mismatches: tuple[Mismatch, ...] = ()
    unknown_keys: tuple[Mismatch, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """No mismatch and no unknown key (an unfilled or unchecked thunk is ok)."""
        return self.status != "mismatch"

    def __str__(self) -> str:
        head = f"{self.provider or 'no provider'} payload"
        if self.variant:
            head += f" ({self.variant})"
        count = len(self.mismatches) + len(self.unknown_keys)
        if self.status == "mismatch":
            head += f": {count} mismatch{'es' if count > 1 else ''}"
        elif self.status == "ok":
            head += ": matches the stub" + (" where it could be checked" if self.notes else "")
        else:
            head += ": unfilled (raw.provider is None), nothing to check" if self.status == "unfilled" else ": not checked"
        lines = [head, *(f"  {m}" for m in self.mismatches), *(f"  {m}" for m in self.unknown_keys)]
        return "\n".join([*lines, *(f"  note: {n}" for n in self.notes)])


class PayloadMismatchError(AssertionError):
    """Raised by :func:`assert_payload_matches` (the hook makes mellea raise its own error)."""

    def __init__(self, report: Report) -> None:
        super().__init__(str(report))
        self.report = report


def check_thunk(mot: object, kind: Kind = "auto", *, extra_providers: Mapping[str, str] | None = None) -> Report:
    """Check ``mot.raw`` (and its ``streamed_chunks``); ``extra_providers`` defaults to the
    ``extra-providers`` table of the nearest ``[tool.mellea-lint]``."""
    raw = getattr(mot, "raw", None)
    if raw is None or not hasattr(raw, "provider"):
        return _unchecked(None, f"not a ModelOutputThunk (a {type(mot).__name__} has no raw.provider)")
    return check_payload(getattr(raw, "provider", None), getattr(raw, "response", None),
                         getattr(raw, "streamed_chunks", None), kind=kind, extra_providers=extra_providers)


def assert_payload_matches(mot: object, kind: Kind = "auto", *,
                           extra_providers: Mapping[str, str] | None = None) -> Report:
    """:func:`check_thunk`, raising :class:`PayloadMismatchError` on a mismatch."""
    report = check_thunk(mot, kind, extra_providers=extra_providers)
    if not report.ok:
        raise PayloadMismatchError(report)
    return report


def check_payload(provider: object, response: object, streamed_chunks: object = None, *, kind: Kind = "auto",
                  extra_providers: Mapping[str, str] | None = None) -> Report:
    """Check a payload as ``raw`` holds it (a recorded one too, see ``record.replay``)."""
    if kind not in KINDS:
        return _unchecked(None, f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if provider is None:
        return Report(None, None, "unfilled")
    if not isinstance(provider, str):
        return _unchecked(None, f"raw.provider must be a str, got a {type(provider).__name__}")
    variants = shapes.variant_names()
    if provider not in variants:
        try:
            extras = configured_extra_providers() if extra_providers is None else extra_providers
        except ConfigError as exc:
            return _unchecked(provider, f"cannot read the extra-providers setting: {exc}")
        if provider in extras:
            return _check_extra(provider, extras[provider], response, streamed_chunks)
        known = ", ".join([*variants, *extras])
        return _unchecked(provider, f"unknown provider {provider!r} (known: {known}); register a third-party "
                                    "one in [tool.mellea-lint] extra-providers")
    try:
        loaded = shapes.load()
    except shapes.StubNotFound as exc:
        return _unchecked(provider, str(exc))
    chat, completion = variants[provider]
    names = {"chat": [chat], "completion": [completion], "auto": list(dict.fromkeys([chat, completion]))}[kind]
    reports = []
    for name in names:
        report = _check_variant(loaded, provider, loaded.variant(name), response, streamed_chunks)
        if report.ok:
            return report
        reports.append(report)
    return min(reports, key=lambda r: len(r.mismatches) + len(r.unknown_keys))


def configured_extra_providers(start: str | None = None) -> dict[str, str]:
    """The ``extra-providers`` table of the nearest ``[tool.mellea-lint]`` (``{}`` if none);
    a mistake in it is a ``ConfigError`` naming the file and key."""
    pyproject = find_pyproject(start or os.getcwd())
    return dict(load_table(pyproject).get("extra_providers", {})) if pyproject else {}


def _unchecked(provider: str | None, why: str) -> Report:
    return Report(provider, None, "unchecked", notes=(why,))


def _check_variant(loaded: shapes.Shapes, provider: str, variant: shapes.VariantShape, response: object,
                   streamed_chunks: object) -> Report:
    problems, notes = _check_declared(loaded, variant.response, response, "response")
    if streamed_chunks is not None:
        if not isinstance(streamed_chunks, list):
            problems.append(Mismatch("streamed_chunks", "list | None", _type_name(streamed_chunks)))
        elif variant.chunk is not None:
            for i, chunk in enumerate(streamed_chunks):
                more, why = _check_declared(loaded, variant.chunk, chunk, f"streamed_chunks[{i}]")
                problems += more
                notes += [n for n in why if n not in notes]
    return _report(provider, variant.name, problems, notes)


def _report(provider: str, variant: str, problems: Sequence[Mismatch], notes: Sequence[str]) -> Report:
    wrong = tuple(p for p in problems if not p.unknown)
    unknown = tuple(p for p in problems if p.unknown)
    return Report(provider, variant, "mismatch" if problems else "ok", wrong, unknown, tuple(notes))


def _check_declared(loaded: shapes.Shapes, declared: shapes.Declared, value: object,
                    root: str) -> tuple[list[Mismatch], list[str]]:
    """The problems of ``value`` against the closest member of ``declared`` (none if one fits),
    and why it was not checked (a member degraded to ``Any`` took it)."""
    if value is None and any(m.type is None for m in declared.members):
        return [], []
    candidates = []
    for member in declared.members:
        if member.degraded:
            return [], [member.degraded]
        if member.adapter is None:  # None, which the value is not
            continue
        problems = _check_member(loaded, member, value, root)
        if not problems:
            return [], []
        candidates.append(problems)
    whole = [Mismatch(root, declared.text, _type_name(value))]
    if not candidates or not isinstance(value, (dict, BaseModel)) or all(
            any(p.path == root for p in c) for c in candidates):
        return whole, []  # not even the right kind of value
    return min(candidates, key=len), []


def _check_member(loaded: shapes.Shapes, member: shapes.Member, value: object, root: str) -> list[Mismatch]:
    payload = loaded.payloads.get(member.text)
    if payload is not None and payload.sdk_model is not None:
        return _check_sdk_object(loaded, payload, value, root)
    assert member.adapter is not None
    try:
        member.adapter.validate_python(value, strict=True)
    except ValidationError as exc:
        return _mismatches(loaded.payloads, member.text, value, exc, root)
    return []


def _check_sdk_object(loaded: shapes.Shapes, payload: shapes.Payload, value: object, root: str) -> list[Mismatch]:
    """An SDK model (``ollama.ChatResponse``): its class, its fields against the stub's keyed view,
    and its dump revalidated by the SDK's own model (what in-place mutation may have broken)."""
    model = payload.sdk_model
    assert model is not None
    if not isinstance(value, model):
        return [Mismatch(root, payload.name, _type_name(value))]
    fields = {name: getattr(value, name) for name in type(value).model_fields} | dict(value.model_extra or {})
    problems = []
    try:
        shapes.adapter_for(payload.typed).validate_python(fields, strict=True)
    except ValidationError as exc:
        problems += _mismatches(loaded.payloads, payload.name, fields, exc, root)
    try:
        model.model_validate(value.model_dump(warnings=False))  # a wrong field must not warn while dumped
    except ValidationError as exc:
        seen = {p.path for p in problems}
        problems += [p for p in _sdk_mismatches(model, value, exc, root) if p.path not in seen]
    return problems


def _mismatches(payloads: Mapping[str, shapes.Payload], declared: str, value: object, exc: ValidationError,
                root: str) -> list[Mismatch]:
    """One mismatch per data path pydantic complains about; union tags in its locations are dropped."""
    by_path: dict[tuple[str | int, ...], list[str]] = {}
    for error in exc.errors(include_url=False):
        by_path.setdefault(_data_steps(value, error["loc"]), []).append(error["type"])
    out = []
    for steps, types in by_path.items():
        path = render_path(root, steps)
        found, at = _value_at(value, steps)
        if "extra_forbidden" in types:
            out.append(Mismatch(path, "", _type_name(at), unknown=True))
            continue
        expected = shapes.annotation_at(payloads, declared, steps) or "the declared type"
        got = "missing" if "missing" in types or not found else (
            f"{_type_name(at)} {at!r}" if "literal_error" in types else _type_name(at))
        out.append(Mismatch(path, expected, got))
    return out


def _sdk_mismatches(model: type[BaseModel], value: object, exc: ValidationError, root: str) -> list[Mismatch]:
    out = []
    dumped = value.model_dump(warnings=False) if isinstance(value, BaseModel) else value
    for error in exc.errors(include_url=False):
        steps = _data_steps(dumped, error["loc"])
        found, at = _value_at(dumped, steps)
        out.append(Mismatch(render_path(root, steps), _sdk_annotation(model, steps),
                            _type_name(at) if found else "missing"))
    return out


def _sdk_annotation(model: type[BaseModel], steps: tuple[str | int, ...]) -> str:
    """The SDK model's own annotation of the field at ``steps`` (``ollama.Message.content``)."""
    tp: Any = model
    for step in steps:
        inner = [a for a in getattr(tp, "__args__", ()) if a is not type(None)]
        if isinstance(step, int) and inner:
            tp = inner[0]
        elif isinstance(step, str):
            holder = next((t for t in [tp, *inner] if isinstance(t, type) and issubclass(t, BaseModel)), None)
            if holder is None or step not in holder.model_fields:
                return "the SDK model's type"
            tp = holder.model_fields[step].annotation
    return _type_text(tp)


def _type_text(tp: Any) -> str:
    args = getattr(tp, "__args__", None)
    origin = getattr(tp, "__origin__", None)
    if tp is type(None) or tp is None:
        return "None"
    if origin is None and isinstance(tp, type):
        return tp.__qualname__
    if args and str(origin) in ("typing.Union", "<class 'types.UnionType'>"):
        return " | ".join(_type_text(a) for a in args)
    return str(tp).replace("typing.", "")


def _data_steps(value: object, loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """pydantic's location without its union tags (``('x', 'str')`` -> ``('x',)``)."""
    steps: list[str | int] = []
    current: object = value
    for i, part in enumerate(loc):
        if isinstance(current, Mapping) and isinstance(part, str) and (part in current or i == len(loc) - 1):
            steps.append(part)
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            steps.append(part)
            current = current[part]
    return tuple(steps)


def _value_at(value: object, steps: tuple[str | int, ...]) -> tuple[bool, object]:
    for step in steps:
        if isinstance(value, Mapping) and step in value:
            value = value[step]
        elif isinstance(value, list) and isinstance(step, int):
            value = value[step]
        else:
            return False, None
    return True, value


def render_path(root: str, steps: tuple[str | int, ...]) -> str:
    """How a report writes a location: ``choices[0].message`` below ``raw.response`` (the value
    itself: ``response``), ``streamed_chunks[2].delta`` below a chunk."""
    text = "" if root == "response" else root
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or root


def _type_name(value: object) -> str:
    return "None" if value is None else type(value).__qualname__


def _check_extra(provider: str, dotted: str, response: object, streamed_chunks: object) -> Report:
    """A third-party provider: its response against the type its ``extra-providers`` entry names
    (unknown keys are reported only if that type forbids them); its chunks are ``list[Any]``."""
    module, _, name = dotted.rpartition(".")
    try:
        tp = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        return _unchecked(provider, f"cannot import {dotted!r} named for {provider!r} in extra-providers: {exc}")
    problems = []
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if not isinstance(response, tp):
            problems.append(Mismatch("response", dotted, _type_name(response)))
        else:
            try:
                tp.model_validate(response.model_dump(warnings=False))
            except ValidationError as exc:
                problems += _sdk_mismatches(tp, response, exc, "response")
    else:
        try:
            adapter = shapes.adapter_for(tp)
        except Exception as exc:  # pydantic cannot build a validator of the user's type
            return _unchecked(provider, f"pydantic cannot validate {dotted!r} (named for {provider!r} in "
                                        f"extra-providers): {str(exc).splitlines()[0]}")
        try:
            adapter.validate_python(response, strict=True)
        except ValidationError as exc:
            problems += _extra_mismatches(dotted, response, exc)
    if streamed_chunks is not None and not isinstance(streamed_chunks, list):
        problems.append(Mismatch("streamed_chunks", "list[Any] | None", _type_name(streamed_chunks)))
    return _report(provider, dotted, problems, ())


def _extra_mismatches(dotted: str, value: object, exc: ValidationError) -> list[Mismatch]:
    out = []
    for error in exc.errors(include_url=False):
        steps = _data_steps(value, error["loc"])
        found, at = _value_at(value, steps)
        if error["type"] == "extra_forbidden":
            out.append(Mismatch(render_path("response", steps), "", _type_name(at), unknown=True))
        else:
            expected = dotted if not steps else error["msg"].removeprefix("Input should be ")
            out.append(Mismatch(render_path("response", steps), expected, _type_name(at) if found else "missing"))
    return out
