"""A mellea plugin that checks the payload of every thunk mellea computes.

Needs ``mellea[hooks]`` (mellea's plugin framework). mellea fires ``generation_post_call`` when a
chat-shaped thunk is computed and ``generation_batch_post_call`` with the thunks of
``generate_from_raw``; so each thunk is checked against its provider's chat or completion variant
(no guessing). Register it for the process, a block or a session::

    from mellea.plugins import register
    register(PayloadCheck(on_mismatch="warn"))
    with PayloadCheck(on_mismatch="raise"): ...
    start_session(..., plugins=[PayloadCheck()])

``on_mismatch``: ``"log"`` (a warning on the ``mellea_lint.payloads`` logger), ``"warn"`` (a
:class:`PayloadMismatchWarning`), ``"raise"`` (mellea raises ``PluginViolationError`` with code
``PAYLOAD_MISMATCH`` from the call that computed the thunk; its reason is the report), or a
callable that receives each :class:`~mellea_lint.payloads.check.Report`. Every report, matching
or not, is kept in ``reports``.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Mapping
from typing import Any, Literal

from mellea.plugins import HookType, Plugin, block, hook

from mellea_lint.payloads.check import Kind, Report, check_thunk

OnMismatch = Literal["log", "warn", "raise"] | Callable[[Report], None]
VIOLATION_CODE = "PAYLOAD_MISMATCH"
logger = logging.getLogger("mellea_lint.payloads")


class PayloadMismatchWarning(UserWarning):
    """A computed thunk's payload is not what the stubs declare for its provider."""


class PayloadCheck(Plugin, name="mellea-payload-check"):
    """Checks each computed thunk; see the module docstring for ``on_mismatch``."""

    def __init__(self, on_mismatch: OnMismatch = "warn", *,
                 extra_providers: Mapping[str, str] | None = None) -> None:
        if not callable(on_mismatch) and on_mismatch not in ("log", "warn", "raise"):
            raise ValueError(f'on_mismatch must be "log", "warn", "raise" or a callable, got {on_mismatch!r}')
        self.on_mismatch = on_mismatch
        self.extra_providers = extra_providers
        """``None``: each thunk of an unknown provider reads the nearest ``[tool.mellea-lint]``."""
        self.reports: list[Report] = []

    @hook(HookType.GENERATION_POST_CALL)
    async def check_chat(self, payload: Any, context: Any) -> Any:
        return self.observe([payload.model_output], "chat")

    @hook(HookType.GENERATION_BATCH_POST_CALL)
    async def check_completions(self, payload: Any, context: Any) -> Any:
        return self.observe(list(payload.model_outputs), "completion")

    def observe(self, thunks: list[Any], kind: Kind) -> Any:
        """Check ``thunks``; ``None`` lets mellea continue, a blocking result makes it raise."""
        failed = []
        for mot in thunks:
            report = check_thunk(mot, kind, extra_providers=self.extra_providers)
            self.reports.append(report)
            if not report.ok:
                failed.append(report)
        for report in failed:
            if callable(self.on_mismatch):
                self.on_mismatch(report)
            elif self.on_mismatch == "log":
                logger.warning("%s", report)
            elif self.on_mismatch == "warn":
                warnings.warn(str(report), PayloadMismatchWarning, stacklevel=2)
        if failed and self.on_mismatch == "raise":
            return block("\n".join(map(str, failed)), code=VIOLATION_CODE,
                         description="a thunk's raw payload does not match the mellea-stubs type of its provider")
        return None
