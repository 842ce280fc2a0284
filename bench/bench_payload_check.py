"""The runtime payload check (``mellea_lint.payloads``): what checking one thunk's payload costs.

Cases, each timed in this interpreter after a warm-up check (the stub is read and the validators
are built on first use; that one-time cost is measured in a fresh interpreter and printed as a
note): a non-streamed openai chat payload (``ChatCompletion.model_dump()``, the demo reply), the
same with a drifted field (the mismatch is rendered too), and an ollama ``ChatResponse`` object
(class, fields and the SDK's own revalidation). The figure is the median of ``runs`` single checks,
in microseconds, with its ratio to a 1 ms budget.
Usage: python bench/bench_payload_check.py [--runs N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import main, section
from bench.timing import ratio_line

BUDGET_MS = 1.0
FIRST_USE = (
    "import time; start = time.perf_counter()\n"
    "from mellea_lint.payloads.check import check_payload\n"
    "check_payload('openai', {}, kind='chat')\n"
    "print(time.perf_counter() - start)\n"
)


def cases() -> dict[str, Callable[[], object]]:
    import ollama
    from mellea_lint.payloads.check import check_payload
    from mellea_lint.payloads.demo import REPLY
    from openai.types.chat import ChatCompletion

    chat = ChatCompletion.model_validate(REPLY).model_dump()
    drifted = ChatCompletion.model_validate(REPLY).model_dump()
    drifted["choices"][0]["message"]["reasoning_content"] = ["step 1"]
    reply = ollama.ChatResponse(model="granite", created_at="2026-01-01T00:00:00Z", done=True, done_reason="stop",
                                message=ollama.Message(role="assistant", content="It is sunny in Paris."))
    return {
        "openai chat payload": lambda: check_payload("openai", chat, kind="chat"),
        "openai chat payload, 1 mismatch": lambda: str(check_payload("openai", drifted, kind="chat")),
        "ollama ChatResponse object": lambda: check_payload("ollama", reply, kind="chat"),
    }


def median_us(check: Callable[[], object], runs: int) -> float:
    check()  # warm-up: the first check reads the stub and builds the validators
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        check()
        samples.append(time.perf_counter() - start)
    return 1e6 * statistics.median(samples)


def first_use_ms() -> float:
    out = subprocess.run([sys.executable, "-c", FIRST_USE], check=True, capture_output=True, text=True).stdout
    return 1000 * float(out.split()[-1])


def measure(runs: int) -> list[str]:
    medians = {name: median_us(check, runs) for name, check in cases().items()}
    return section(
        f"payload check, one thunk (median of {runs} checks, in-process, after a warm-up)",
        medians,
        [ratio_line(f"{name} / {BUDGET_MS:g} ms", us / 1000, BUDGET_MS, "<=1.0") for name, us in medians.items()],
        notes=[f"first check in a fresh interpreter (stub read, validators built): {first_use_ms():.0f} ms"],
        unit="µs",
    )


if __name__ == "__main__":
    main(measure, __doc__, default_runs=2000)
