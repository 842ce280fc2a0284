"""A minimal Language Server Protocol client over stdio, for driving a real language server in tests.

It speaks JSON-RPC 2.0 with Content-Length framing, answers the requests a server sends to its
client (configuration, progress tokens, capability registration), and collects published
diagnostics. Every wait has a timeout and the server process is killed on close, so a misbehaving
server fails a test instead of hanging it.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

JsonValue = Any


class LspError(RuntimeError):
    """The server answered with an error, died, or did not answer in time."""


def _encode(message: Mapping[str, JsonValue]) -> bytes:
    body = json.dumps(message, separators=(",", ":")).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read_message(stream: Any) -> dict[str, JsonValue] | None:
    """Read one framed message; ``None`` at end of stream."""
    length: int | None = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is None:
        raise LspError("message header without Content-Length")
    body = stream.read(length)
    if len(body) < length:
        return None
    decoded: dict[str, JsonValue] = json.loads(body)
    return decoded


class _Pending:
    """A request waiting for its response."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: JsonValue = None
        self.error: JsonValue = None


class LspClient:
    """One language server process and the JSON-RPC conversation with it."""

    def __init__(
        self,
        command: Sequence[str],
        cwd: Path,
        timeout: float = 30.0,
        *,
        stderr: Any = subprocess.DEVNULL,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.timeout = timeout
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._diagnostics: dict[str, list[dict[str, JsonValue]]] = {}
        self._publications: dict[str, tuple[dict[str, JsonValue], float]] = {}
        self.notifications: list[tuple[str, JsonValue]] = []
        """Every other notification the server sent (``window/showMessage``, ...), in order."""
        self._state = threading.Condition()
        self._write_lock = threading.Lock()
        self._process = subprocess.Popen(
            list(command),
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=None if env is None else dict(env),
        )
        self._reader = threading.Thread(target=self._read_loop, name="lsp-reader", daemon=True)
        self._reader.start()

    # -- wire ---------------------------------------------------------------------------------

    def _send(self, message: Mapping[str, JsonValue]) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            with self._write_lock:
                stdin.write(_encode({"jsonrpc": "2.0", **message}))
                stdin.flush()
        except (BrokenPipeError, ValueError) as exc:
            raise LspError(f"language server is gone: {exc}") from exc

    def _read_loop(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        while (message := _read_message(stdout)) is not None:
            if "method" in message and "id" in message:
                self._answer_server_request(message)
            elif "method" in message:
                self._on_notification(message["method"], message.get("params"))
            else:
                self._on_response(message)
        with self._state:  # wake every waiter: nothing more will arrive
            for pending in self._pending.values():
                pending.error = {"message": "language server closed its output"}
                pending.done.set()
            self._state.notify_all()

    def _on_response(self, message: dict[str, JsonValue]) -> None:
        with self._state:
            pending = self._pending.pop(message.get("id"), None)  # type: ignore[arg-type]
        if pending is not None:
            pending.result = message.get("result")
            pending.error = message.get("error")
            pending.done.set()

    def _on_notification(self, method: str, params: JsonValue) -> None:
        if method == "textDocument/publishDiagnostics":
            with self._state:
                self._diagnostics[params["uri"]] = params["diagnostics"]
                self._publications[params["uri"]] = (params, time.perf_counter())
                self._state.notify_all()
        else:
            with self._state:
                self.notifications.append((method, params))
                self._state.notify_all()

    def _answer_server_request(self, message: dict[str, JsonValue]) -> None:
        method, params = message["method"], message.get("params") or {}
        result: JsonValue = None
        if method == "workspace/configuration":
            # No editor settings: the workspace's own config file (pyrightconfig.json) decides.
            result = [{} for _ in params.get("items", [])]
        # window/workDoneProgress/create, client/registerCapability and the rest expect null.
        self._send({"id": message["id"], "result": result})

    # -- API ----------------------------------------------------------------------------------

    def request(self, method: str, params: JsonValue) -> JsonValue:
        """Send a request and return its result; raise LspError on error or timeout."""
        request_id = next(self._ids)
        pending = _Pending()
        with self._state:
            self._pending[request_id] = pending
        self._send({"id": request_id, "method": method, "params": params})
        if not pending.done.wait(self.timeout):
            raise LspError(f"{method}: no answer within {self.timeout}s")
        if pending.error is not None:
            raise LspError(f"{method}: {pending.error.get('message', pending.error)}")
        return pending.result

    def notify(self, method: str, params: JsonValue) -> None:
        self._send({"method": method, "params": params})

    def send_raw(self, data: bytes) -> None:
        """Write ``data`` to the server as is (a malformed message, for robustness tests)."""
        stdin = self._process.stdin
        assert stdin is not None
        with self._write_lock:
            stdin.write(data)
            stdin.flush()

    def wait_for_diagnostics(
        self, uri: str, until: Callable[[list[dict[str, JsonValue]]], bool] = lambda _: True
    ) -> list[dict[str, JsonValue]]:
        """The diagnostics last published for ``uri``, once they satisfy ``until``.

        A server may publish several times (for instance again after reading its configuration),
        so a caller that expects a particular finding waits for it rather than for the first list.
        On timeout the error message carries the last list seen.
        """

        def ready() -> bool:
            return not self._reader.is_alive() or (
                uri in self._diagnostics and until(self._diagnostics[uri])
            )

        with self._state:
            if not self._state.wait_for(ready, self.timeout) or not self._reader.is_alive():
                seen = self._diagnostics.get(uri, "nothing")
                raise LspError(
                    f"diagnostics for {uri} not as expected within "
                    f"{self.timeout}s; last published: {seen}"
                )
            return list(self._diagnostics[uri])

    def wait_for_publication(
        self, uri: str, until: Callable[[dict[str, JsonValue]], bool] = lambda _: True
    ) -> tuple[dict[str, JsonValue], float]:
        """The last ``publishDiagnostics`` params for ``uri`` (with its ``version``) once they
        satisfy ``until``, and the ``time.perf_counter()`` at which the reader received them."""

        def ready() -> bool:
            return not self._reader.is_alive() or (
                uri in self._publications and until(self._publications[uri][0])
            )

        with self._state:
            if not self._state.wait_for(ready, self.timeout) or not self._reader.is_alive():
                seen = self._publications.get(uri, ("nothing",))[0]
                raise LspError(f"no publication for {uri} as expected within {self.timeout}s; last: {seen}")
            return self._publications[uri]

    @property
    def returncode(self) -> int | None:
        """The server's exit code (``None``: still running)."""
        return self._process.poll()

    def close(self) -> None:
        """Polite shutdown/exit, then make sure the process is gone."""
        try:
            if self._process.poll() is None:
                self.timeout = min(self.timeout, 5.0)
                self.request("shutdown", None)
                self.notify("exit", None)
                self._process.wait(timeout=5)
        except (LspError, subprocess.TimeoutExpired):
            pass
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait(timeout=5)
            self._reader.join(timeout=5)  # the reader sees end of stream once the process is gone
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()
