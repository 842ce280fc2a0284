"""``module_name_for``: the dotted module that decides internal and producer modules."""

from __future__ import annotations

from pathlib import Path

from mellea_lint.modules import module_name_for


def make(root: Path, *files: str) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()


def test_packages_are_walked_up_while_init_exists(tmp_path: Path) -> None:
    make(tmp_path, "repo/mellea/__init__.py", "repo/mellea/core/__init__.py", "repo/mellea/core/base.py",
         "repo/scripts/tool.py")
    assert module_name_for(str(tmp_path / "repo/mellea/core/base.py")) == "mellea.core.base"
    assert module_name_for(str(tmp_path / "repo/mellea/core/__init__.py")) == "mellea.core"
    assert module_name_for(str(tmp_path / "repo/scripts/tool.py")) == "tool"


def test_src_layout_with_namespace_packages(tmp_path: Path) -> None:
    make(tmp_path, "repo/src/mellea/core/base.py", "repo/src/app/pkg/__init__.py", "repo/src/app/pkg/mod.py")
    assert module_name_for(str(tmp_path / "repo/src/mellea/core/base.py")) == "mellea.core.base"
    assert module_name_for(str(tmp_path / "repo/src/app/pkg/mod.py")) == "app.pkg.mod"


def test_paths_that_do_not_exist_are_read_from_the_package_root() -> None:
    assert module_name_for("no/such/dir/mellea/core/base.py") == "no.such.dir.mellea.core.base"
    assert module_name_for("src/mellea/core/base.py") == "mellea.core.base"
    assert module_name_for("example.py") == "example"
    assert module_name_for("not-an-identifier.py") is None
