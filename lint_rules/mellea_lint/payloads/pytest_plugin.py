"""pytest plugin ``mellea_payloads``: check or record the payload of every thunk a test run computes.

Off unless asked (``--mellea-payloads=check|record``): installed, it only adds its options and the
``mellea_payloads`` fixture, and imports nothing else. With mellea's plugin framework
(``mellea[hooks]``) every thunk mellea computes during a test is seen through the
:class:`~mellea_lint.payloads.hook.PayloadCheck` hooks; without it, only the thunks a test passes
to ``mellea_payloads.check(mot)``. ``check`` lists the mismatches in the terminal summary
(``--mellea-payloads-fail`` also fails the run); ``record`` writes each payload, message text
redacted, as a JSON fixture into ``--mellea-payloads-dir`` (``record.replay`` checks it later).
Works under pytest-xdist: what a worker sees travels on its test reports.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

if TYPE_CHECKING:
    from mellea_lint.payloads.check import Kind, Report

Mode = Literal["off", "check", "record"]
MODES: tuple[Mode, ...] = ("off", "check", "record")
_PLUGIN_NAME = "mellea_payloads_session"
_MISMATCH = "mellea_payloads_mismatch"
_RECORDED = "mellea_payloads_recorded"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mellea-payloads", "mellea payload check (mellea-lint)")
    group.addoption("--mellea-payloads", choices=MODES, default="off",
                    help="check: report every thunk whose raw payload does not match mellea-stubs; "
                         "record: write each payload as a redacted JSON fixture (default: off)")
    group.addoption("--mellea-payloads-fail", action="store_true",
                    help="with check: fail the run when a payload does not match")
    group.addoption("--mellea-payloads-dir", default="mellea-payloads", metavar="DIR",
                    help="with record: the folder the fixtures are written to (default: mellea-payloads)")


def pytest_configure(config: pytest.Config) -> None:
    mode: Mode = config.getoption("mellea_payloads")
    if mode != "off":
        config.pluginmanager.register(PayloadSession(config, mode), _PLUGIN_NAME)


class PayloadSession:
    """What one pytest process (the controller or an xdist worker) does in check or record mode."""

    def __init__(self, config: pytest.Config, mode: Mode) -> None:
        self.mode = mode
        self.fail = bool(config.getoption("mellea_payloads_fail"))
        self.directory = Path(config.getoption("mellea_payloads_dir"))
        self.item: pytest.Item | None = None
        self.seen: dict[int, tuple[object, Report]] = {}
        """The thunks the running test has computed, by id (a thunk need not be hashable)."""
        self.counts: dict[str, int] = {}
        self.found: list[tuple[str, str]] = []
        self.recorded: list[str] = []
        self.observer: Any = None
        self.hooks_missing: str | None = None

    def start_observing(self) -> None:
        """Register the mellea hook; without mellea[hooks] say why in the summary."""
        try:
            from mellea.plugins import register

            from mellea_lint.payloads.hook import PayloadCheck

            class _Observer(PayloadCheck, name="mellea-payloads-pytest"):
                def observe(inner, thunks: list[Any], kind: Kind) -> Any:  # noqa: N805
                    for mot in thunks:
                        self.see(mot, kind)
                    return None

            observer = _Observer()
            register(observer)
            self.observer = observer
        except ImportError as exc:
            self.hooks_missing = str(exc)

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.start_observing()

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.observer is not None:
            from mellea.plugins import unregister

            unregister(self.observer)
        if self.fail and self.found and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, object, object]:
        self.item, self.seen = item, {}
        try:
            return (yield)
        finally:
            self.item, self.seen = None, {}

    def see(self, mot: object, kind: Kind) -> Report:
        """Check or record one computed thunk, on behalf of the test running now."""
        from mellea_lint.payloads import check, record

        if id(mot) in self.seen:  # the hook and the fixture may both pass it
            return self.seen[id(mot)][1]
        report = check.check_thunk(mot, kind)
        self.seen[id(mot)] = (mot, report)  # the thunk is kept, so its id is not reused
        where = self.item.nodeid if self.item is not None else "<outside a test>"
        if self.mode == "record":
            number = self.counts[where] = self.counts.get(where, 0) + 1
            self._attach(_RECORDED, str(record.write(mot, self.directory, f"{where}-{number}", kind)), where)
        elif not report.ok:
            self._attach(_MISMATCH, str(report), where)
        return report

    def _attach(self, key: str, text: str, where: str) -> None:
        if self.item is not None:  # travels on the test's reports (to the xdist controller too)
            self.item.user_properties.append((key, text))
        else:
            self._collect(key, where, text)

    def _collect(self, key: str, where: str, text: str) -> None:
        if key == _MISMATCH:
            self.found.append((where, text))
        else:
            self.recorded.append(text)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "teardown":  # every phase's report carries them: count them once
            for key, text in report.user_properties:
                if key in (_MISMATCH, _RECORDED):
                    self._collect(key, report.nodeid, str(text))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        terminalreporter.section("mellea payloads")
        if self.hooks_missing:
            terminalreporter.write_line(f"mellea[hooks] unavailable ({self.hooks_missing}); only thunks "
                                        "passed to the mellea_payloads fixture were seen")
        if self.mode == "record":
            terminalreporter.write_line(f"recorded {len(self.recorded)} payload(s) into {self.directory}")
            return
        if not self.found:
            terminalreporter.write_line("no payload mismatch seen")
        for where, text in self.found:
            terminalreporter.write_line(f"{where}: {text}")


class PayloadFixture:
    """The ``mellea_payloads`` fixture: check (and in record mode record) a thunk a test holds."""

    def __init__(self, session: PayloadSession | None) -> None:
        self._session = session

    def check(self, mot: object, kind: Kind = "auto") -> Report:
        """The thunk's report; in check or record mode it also counts for the run like a hooked thunk."""
        if self._session is not None:
            return self._session.see(mot, kind)
        from mellea_lint.payloads.check import check_thunk

        return check_thunk(mot, kind)


@pytest.fixture
def mellea_payloads(request: pytest.FixtureRequest) -> PayloadFixture:
    session = request.config.pluginmanager.get_plugin(_PLUGIN_NAME)
    return PayloadFixture(session if isinstance(session, PayloadSession) else None)
