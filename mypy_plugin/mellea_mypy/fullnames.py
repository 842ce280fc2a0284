"""Every fully-qualified name the plugin dispatches on, as ``Final`` constants.

All of them derive from :mod:`mellea_lint.surface`, so a renamed class or a new
provider is one edit there; a typo here is an import error, not a silent miss.
"""

from __future__ import annotations

from typing import Final, Literal

from mellea_lint import surface

BASE_MODULE: Final = surface.BASE_MODULE
THUNK_CLASS: Final = surface.THUNK_CLASS
COMPUTED_THUNK_CLASS: Final = surface.COMPUTED_THUNK_CLASS
RAW_CLASS: Final = surface.RAW_CLASS
THUNK_CLASSES: Final = frozenset(surface.THUNK_CLASSES)
SUBOBJECT_CLASSES: Final = frozenset(surface.PRIVATE_SUBOBJECT_CLASSES)
PRIVATE_OWNER_CLASSES: Final = THUNK_CLASSES | SUBOBJECT_CLASSES
"""Classes whose private members are mellea.core's business."""

GENERATION_PROVIDER: Final = f"{surface.GENERATION_METADATA_CLASS}.{surface.RAW_FIELDS[0]}"
"""``mot.generation.provider``: checked for provider literals as ``raw.provider`` is."""

RAW_ATTRS: Final = frozenset({f"{THUNK_CLASS}.raw"})
"""``raw`` of each thunk class that declares it: ``ModelOutputThunk`` types it by its second
type parameter, which every other thunk class (computed, ``generate_from_raw``) specialises."""
PROVIDER_FIELD: Final = surface.RAW_FIELDS[0]

VARIANT_BY_PROVIDER: Final = {p.literal: f"{BASE_MODULE}.{p.variant}" for p in surface.PROVIDERS}
"""Stub-only ``RawProviderResponse`` subclass for each built-in ``provider`` literal."""
UNFILLED_VARIANT: Final = f"{BASE_MODULE}.{surface.UNFILLED_VARIANT}"
CUSTOM_VARIANT: Final = f"{BASE_MODULE}.CustomProviderRaw"
"""Generic stub-only variant ``CustomProviderRaw[provider literal, response type]``."""
COMPLETION_VARIANTS: Final = frozenset(f"{BASE_MODULE}.{p.completion_variant}" for p in surface.PROVIDERS)
"""The variants of ``generate_from_raw`` thunks (each a subclass of its provider's chat variant)."""
BUILTIN_VARIANTS: Final = tuple(
    frozenset({f"{BASE_MODULE}.{p.variant}", f"{BASE_MODULE}.{p.completion_variant}"}) for p in surface.PROVIDERS
)
"""Per built-in provider, the variants that carry it (chat, ``generate_from_raw``)."""
PROVIDER_RAW_BASE: Final = f"{BASE_MODULE}.{surface.PROVIDER_RAW_BASE}"
RAW_CLASSES: Final = frozenset(
    {RAW_CLASS, PROVIDER_RAW_BASE, UNFILLED_VARIANT, CUSTOM_VARIANT, *VARIANT_BY_PROVIDER.values(), *COMPLETION_VARIANTS}
)

GETATTR_FAMILY: Final[dict[str, Literal["read", "write", "delete"]]] = {
    "builtins.getattr": "read",
    "builtins.hasattr": "read",
    "builtins.setattr": "write",
    "builtins.delattr": "delete",
}
"""Builtins that reach a member by a string name, and what they do to it."""

PATCHER_METHODS: Final[dict[str, Literal["read", "write", "delete"]]] = {
    "_pytest.monkeypatch.MonkeyPatch.setattr": "write",
    "_pytest.monkeypatch.MonkeyPatch.delattr": "delete",
    "unittest.mock._patcher.object": "write",
    "pytest_mock.plugin.MockerFixture._Patcher.object": "write",
}
"""Test helpers that patch a member named by a string: ``monkeypatch.setattr(obj, "_x", v)``,
``mock.patch.object(obj, "_x")``, ``mocker.patch.object(obj, "_x")`` (the lint's MOT004 forms)."""
