"""Provider discovery (tools/provider_discovery.py) finds every Backend subclass and its
``raw.provider`` literal whatever form sets it: checked on a simulated release tree with one
synthetic backend per form, and against the installed mellea by import."""

from __future__ import annotations

import importlib
import pkgutil
import textwrap
from pathlib import Path

import mellea
import pytest
from mellea.core.backend import Backend

from tools.provider_discovery import discover, provider_literals

CORE = {
    "mellea/__init__.py": "",
    "mellea/core/__init__.py": "from .backend import Backend\nfrom .base import RawProviderResponse\n",
    "mellea/core/base.py": "class RawProviderResponse:\n    def __init__(self, provider=None, response=None): ...\n",
    "mellea/core/backend.py": "import abc\n\nclass Backend(abc.ABC):\n    _provider: str\n",
    "mellea/backends/__init__.py": "",
    # A base that writes raw.provider from self._provider, as mellea's own backends do.
    "mellea/backends/writer.py": """
        from mellea.core import Backend

        class WritingBackend(Backend):
            def post_process(self, mot):
                mot.raw.provider = self._provider
    """,
}

FORMS = {  # form -> (module source, the literal it must yield)
    "instance attribute in __init__": ("""
        from mellea.backends.writer import WritingBackend

        class B(WritingBackend):
            def __init__(self):
                self._provider = "inst"
    """, "inst"),
    "annotated instance attribute": ("""
        from .writer import WritingBackend

        class B(WritingBackend):
            def __init__(self):
                self._provider: str = "annotated-inst"
    """, "annotated-inst"),
    "class attribute": ("""
        from mellea.backends import writer

        class B(writer.WritingBackend):
            _provider = "cls"
    """, "cls"),
    "annotated class attribute": ("""
        from typing import Final
        from mellea.backends.writer import WritingBackend as Base

        class B(Base):
            _provider: Final = "annotated-cls"
    """, "annotated-cls"),
    "module constant": ("""
        from mellea.backends.writer import WritingBackend

        PROVIDER = "constant"

        class B(WritingBackend):
            _provider = PROVIDER
    """, "constant"),
    "property": ("""
        from mellea.backends.writer import WritingBackend

        class B(WritingBackend):
            @property
            def _provider(self):
                return "prop"
    """, "prop"),
    "keyword to a base __init__": ("""
        from mellea.backends.writer import WritingBackend

        class Base(WritingBackend):
            def __init__(self, model, provider):
                self._provider = provider

        class B(Base):
            def __init__(self):
                super().__init__("m", provider="kw")
    """, "kw"),
    "positional to a base __init__ called by name": ("""
        from mellea.backends.writer import WritingBackend

        class Base(WritingBackend):
            def __init__(self, model, provider):
                self._provider = provider

        class B(Base):
            def __init__(self):
                Base.__init__(self, "m", "pos")
    """, "pos"),
    "base __init__ default": ("""
        from mellea.backends.writer import WritingBackend

        class B(WritingBackend):
            def __init__(self, provider="default"):
                self._provider = provider
    """, "default"),
    "literal written directly into raw": ("""
        from mellea.core import Backend

        class B(Backend):
            def finish(self, mot):
                mot.raw.provider = "direct"
    """, "direct"),
    "RawProviderResponse constructed with a keyword": ("""
        from mellea.core import Backend, RawProviderResponse

        class B(Backend):
            _provider = "built"

            def finish(self, mot):
                mot.raw = RawProviderResponse(provider=self._provider, response={})
    """, "built"),
    "a subclass overriding a base's instance attribute": ("""
        from mellea.backends.writer import WritingBackend

        class Base(WritingBackend):
            def __init__(self):
                self._provider = "base"

        class B(Base):
            _provider = "override"
    """, "override"),
    "outside mellea.backends": ("""
        from mellea.core.backend import Backend

        class B(Backend):
            def finish(self, mot):
                mot.raw.provider = "elsewhere"
    """, "elsewhere"),
}


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip())
    return root


@pytest.mark.parametrize("form", FORMS)
def test_each_form_yields_its_literal(tmp_path: Path, form: str) -> None:
    source, literal = FORMS[form]
    module = "mellea/stdlib/extra.py" if form == "outside mellea.backends" else "mellea/backends/new.py"
    files = {**CORE, module: source, "mellea/stdlib/__init__.py": ""}
    found = provider_literals(write_tree(tmp_path, files))
    name = module.removesuffix(".py").replace("/", ".") + ".B"
    assert found.get(name) == {literal}, found
    infos = {b.name: b for b in discover(tmp_path)}
    assert not infos[name].unresolved, infos[name]
    if "WritingBackend" in source:  # a base that subclasses complete: neither a literal nor a problem
        assert found["mellea.backends.writer.WritingBackend"] == set()
        assert not infos["mellea.backends.writer.WritingBackend"].unresolved


def test_a_value_that_is_no_literal_is_reported_not_skipped(tmp_path: Path) -> None:
    files = {**CORE, "mellea/backends/new.py": """
        import os
        from mellea.backends.writer import WritingBackend

        class B(WritingBackend):
            def __init__(self):
                self._provider = os.environ["PROVIDER"]
    """}
    [info] = [b for b in discover(write_tree(tmp_path, files)) if b.name.endswith("new.B")]
    assert info.writes_raw and not info.literals
    assert info.unresolved and "os.environ" in info.unresolved[0]


def test_backends_that_write_no_raw_are_listed_without_literals(tmp_path: Path) -> None:
    files = {**CORE, "mellea/backends/dummy.py": """
        from mellea.core import Backend

        class Dummy(Backend):
            def __init__(self):
                self._provider = "dummy"
    """}
    infos = {b.name: b for b in discover(write_tree(tmp_path, files))}
    assert not infos["mellea.backends.dummy.Dummy"].writes_raw
    assert "mellea.backends.dummy.Dummy" not in provider_literals(tmp_path)
    assert "mellea.core.backend.Backend" not in infos


def _runtime_backends() -> set[str]:
    """Every Backend subclass defined in an importable mellea module (imports them all)."""
    for info in pkgutil.walk_packages(mellea.__path__, "mellea."):
        try:
            importlib.import_module(info.name)
        except Exception:  # an optional dependency missing: its classes cannot be subclasses here
            continue
    found, todo = set(), [Backend]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("mellea.") and "<locals>" not in sub.__qualname__:
                found.add(f"{sub.__module__}.{sub.__qualname__}")
            todo.append(sub)
    return found


def test_static_discovery_finds_every_runtime_backend_subclass() -> None:
    root = Path(mellea.__file__).parent.parent
    static = {b.name for b in discover(root)}
    runtime = _runtime_backends()
    assert runtime and runtime <= static, sorted(runtime - static)
