"""The payload check: a thunk's ``raw`` against the types the stubs give it for its provider.

Needs the ``payloads`` extra (pydantic) and the ``mellea-stubs`` distribution, whose stub it reads.
Importing this package imports neither (the pytest plugin is loaded by every pytest run);
the names below load :mod:`mellea_lint.payloads.check` on first use.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mellea_lint.payloads.check import (
        Mismatch,
        PayloadMismatchError,
        Report,
        assert_payload_matches,
        check_payload,
        check_thunk,
    )

__all__ = ["Mismatch", "PayloadMismatchError", "Report", "assert_payload_matches", "check_payload", "check_thunk"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from mellea_lint.payloads import check

        return getattr(check, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
