"""Every hint follows the release in use: it names only public thunk members of that release,
except inside "(from <release> on: ...)", which names the release they arrive in."""

from __future__ import annotations

import re

import pytest
from mellea_lint import surface

LATER = re.compile(r" \(from (?P<release>\d+\.\d+) on: (?P<advice>.*)\); keep it, with the finding suppressed, until you upgrade$")
PUBLIC = re.compile(r"\bmot\.([A-Za-z_]\w*)")


def _hints(release: str) -> list[str]:
    hints = []
    for member in surface.PRIVATE_MEMBERS:
        hints += [surface.replacement_hint(member.name, release), surface.write_hint(member.name, release),
                  surface.write_hint(member.name, release, augmented=True)]
    for key in surface.META_KEYS:
        hints += [surface.meta_key_hint(key.key, release), surface.meta_key_write_hint(key.key, release) or ""]
    return hints


def _named(text: str) -> set[str]:
    return {name for name in PUBLIC.findall(text) if name in surface.PUBLIC_MEMBER_RELEASES}


@pytest.mark.parametrize("release", surface.RELEASES)
def test_hints_name_only_members_of_the_release(release: str) -> None:
    for hint in _hints(release):
        later = LATER.search(hint)
        now = hint[: later.start()] if later else hint
        assert _named(now) <= surface.public_members_in(release), (release, hint)
        if later:
            arrival = later["release"]
            assert surface.RELEASES.index(arrival) > surface.RELEASES.index(release), hint
            assert _named(later["advice"]) <= surface.public_members_in(arrival), hint
            before = surface.RELEASES[surface.RELEASES.index(arrival) - 1]
            assert not _named(later["advice"]) <= surface.public_members_in(before), hint  # the first one


def test_the_table_names_members_a_release_lacks() -> None:
    """The test above is not vacuous: under 0.6 the 0.8 advice names thinking, raw, generate_log."""
    newest = " ".join(_hints(surface.RELEASES[-1]))
    assert {"thinking", "raw", "generate_log", "error"} <= _named(newest) - surface.public_members_in("0.6")


@pytest.mark.parametrize("release", surface.RELEASES)
def test_a_read_is_mot001_exactly_when_its_public_read_exists(release: str) -> None:
    for info in (*surface.PRIVATE_MEMBERS, *surface.META_KEYS):
        if info.replacement is not None:
            expected = _named(info.replacement) <= surface.public_members_in(release)
            assert surface.has_public_read(info, release) is expected, (release, info)


def test_hints_without_a_release_follow_the_newest() -> None:
    assert surface.replacement_hint("_thinking") == surface.replacement_hint("_thinking", surface.RELEASES[-1])
    assert surface.replacement_hint("_thinking", "0.8") == "removed in mellea 0.7: use mot.thinking"
