"""How a mellea release differs from the surface table and the stubs: the maintainer's to-do
list for supporting it.

    python -m tools.drift                    # the installed mellea
    python -m tools.drift --wheel 0.9.0      # a released wheel (downloaded once, unpacked)
    python -m tools.drift --tree DIR         # a folder holding the mellea package

Six sections, one line per difference: thunk members (the stubs and checkers follow the
table's newest release; each line says whether the table's ``releases`` records it), the
thunk's public annotations against mellea ``MELLEA_VERSION`` (the release the stubs were
written for), stubtest of every stubbed module (``STUBBED_MODULES``), the generated stubs
that the target's source no longer generates (tools/backend_stubs.py), the ``raw.provider``
literals every backend writes, and payload shapes (the SDK dumps, mellea's stream merge, the
dicts backends store). A stubbed module that cannot be imported where stubtest runs (the
huggingface backend needs ``mellea[hf]``) is not checked, and the report says so.
Exit 0 when there is no difference, 1 with the report otherwise, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mellea_lint import surface

from tools import backend_stubs
from tools.payload_shapes import (
    MERGE_FUNCTION,
    KeySets,
    fits,
    merge_mismatches,
    sdk_dump_keys,
    sdk_mismatches,
    stub_typeddicts,
)
from tools.provider_discovery import SourceTree, discover_in, functions

REPO = Path(__file__).resolve().parents[1]
STUBTEST_DIR = REPO / "tests" / "stubs"
THUNK = surface.THUNK_CLASS.rpartition(".")[2]
COMPUTED_THUNK = surface.COMPUTED_THUNK_CLASS.rpartition(".")[2]
SECTIONS = ("members", "annotations", "signatures", "generated", "providers", "payloads")
STUBBED_MODULES = (surface.BASE_MODULE, backend_stubs.CORE_BACKEND, *surface.GENERATED_STUB_MODULES)
"""Every module the stub package replaces: the hand-written ``mellea.core`` ones and the
generated ones (tests/stubs/test_stubtest.py checks this against the stub files)."""


@dataclass(frozen=True)
class Target:
    """A mellea release to compare: the folder holding its ``mellea`` package and its version."""

    root: Path
    version: str
    installed: bool = False
    """Importable as it is (the installed mellea): stubtest and the merge run without a path."""

    @property
    def release(self) -> str:
        """The table's release whose ``releases`` facts apply (its own minor if the table has it)."""
        return surface.table_release(self.version)

    @property
    def known(self) -> bool:
        return surface.minor_release(self.version) in surface.RELEASES


def installed_target() -> Target:
    spec = importlib.util.find_spec("mellea")
    version = surface.installed_mellea()
    if spec is None or spec.origin is None or version is None:
        raise SystemExit("tools.drift: error: mellea is not installed; pass --wheel VERSION or --tree DIR")
    return Target(Path(spec.origin).parent.parent, version, installed=True)


def tree_target(root: Path, version: str | None) -> Target:
    if not (root / "mellea" / "__init__.py").is_file():
        raise SystemExit(f"tools.drift: error: {root} holds no mellea package (mellea/__init__.py)")
    if version is None:
        infos = sorted(root.glob("mellea-*.dist-info"))
        if not infos:
            raise SystemExit(f"tools.drift: error: {root} has no mellea-*.dist-info: pass --version")
        version = infos[0].name.removeprefix("mellea-").removesuffix(".dist-info")
    return Target(root, version)


def wheel_target(version: str) -> Target:
    from bench.corpus import wheel_tree

    return Target(wheel_tree(version), version)


def reference_root() -> Path:
    """The source of mellea ``MELLEA_VERSION``: the installed one if it is that, else its wheel."""
    if surface.installed_mellea() == surface.MELLEA_VERSION:
        return installed_target().root
    return wheel_target(surface.MELLEA_VERSION).root


# -- members ------------------------------------------------------------------------------------


def defined_names(body: list[ast.stmt]) -> set[str]:
    """Names a module or class body defines itself: defs, classes, plain and annotated assignments."""
    names = set()
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            names.add(stmt.target.id)
    return names


def _class_members(node: ast.ClassDef) -> set[str]:
    """Names a class body defines and ``self.<name>`` its methods assign (no dunders)."""
    names = defined_names(node.body)
    for function in functions(node):
        params = function.args.posonlyargs + function.args.args
        if not params:
            continue
        for sub in ast.walk(function):
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target] if isinstance(sub, ast.AnnAssign) else []
            for t in targets:
                if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == params[0].arg:
                    names.add(t.attr)
    return {n for n in names if not (n.startswith("__") and n.endswith("__"))}


def _find_class(tree: SourceTree, name: str) -> tuple[str, str] | None:
    return next(((m.name, name) for m in tree.modules.values() if name in m.classes), None)


def thunk_members(tree: SourceTree) -> set[str]:
    """Every member of ModelOutputThunk (its in-tree bases included) and ComputedModelOutputThunk."""
    found: set[str] = set()
    for cls in (THUNK, COMPUTED_THUNK):
        symbol = _find_class(tree, cls)
        if symbol is not None:
            for s in tree.mro(symbol):
                found |= _class_members(tree.modules[s[0]].classes[s[1]])
    return found


def member_lines(target: Target, tree: SourceTree) -> list[str]:
    present = thunk_members(tree)
    newest = surface.RELEASES[-1]
    table = {m.name: m.releases for m in surface.PRIVATE_MEMBERS} | dict(surface.PUBLIC_MEMBER_RELEASES)
    current = surface.PUBLIC_MEMBERS | surface.CURRENT_PRIVATE_FIELDS | surface.CURRENT_PRIVATE_METHODS | {
        m.name for m in surface.PRIVATE_MEMBERS if newest in m.releases
    }
    lines = []
    for name in sorted(present | current | table.keys(), key=lambda n: (n.startswith("_"), n)):
        kind = "private" if name.startswith("_") else "public"
        here, there = name in present, name in current
        releases = table.get(name)
        recorded = None if releases is None or not target.known else target.release in releases
        if here == there and recorded in (None, here):
            continue
        where = "in" if here else "not in"
        line = f"{kind} {name}: {where} mellea {target.version}, {'in' if there else 'not in'} {newest} (stubs, checkers)"
        if releases is None:
            line += "; not in the table"
        else:
            line += f"; table releases {', '.join(sorted(releases))}"
            if recorded is not None:
                line += " (agree)" if recorded == here else f" (WRONG for {target.release})"
        lines.append(line)
    return lines


# -- annotations --------------------------------------------------------------------------------


def thunk_annotations(tree: SourceTree) -> dict[str, str]:
    """Public annotation texts of ModelOutputThunk: ``__init__`` parameters, annotated ``self``
    fields, class fields, and each public method's signature."""
    symbol = _find_class(tree, THUNK)
    if symbol is None:
        return {}
    node = tree.modules[symbol[0]].classes[symbol[1]]
    out: dict[str, str] = {}
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and not stmt.target.id.startswith("_"):
            out[stmt.target.id] = ast.unparse(stmt.annotation)
    for function in functions(node):
        args = function.args
        if function.name == "__init__":
            for a in args.posonlyargs + args.args[1:] + args.kwonlyargs:
                if a.annotation is not None and not a.arg.startswith("_"):
                    out[f"__init__({a.arg})"] = ast.unparse(a.annotation)
            for sub in ast.walk(function):
                if (isinstance(sub, ast.AnnAssign) and isinstance(sub.target, ast.Attribute)
                        and not sub.target.attr.startswith("_")):
                    out[sub.target.attr] = ast.unparse(sub.annotation)
        elif not function.name.startswith("_"):
            returns = f" -> {ast.unparse(function.returns)}" if function.returns else ""
            out[f"{function.name}()"] = f"({ast.unparse(args)}){returns}"
    return out


def annotation_lines(target: Target, tree: SourceTree, reference: SourceTree) -> list[str]:
    here, there = thunk_annotations(tree), thunk_annotations(reference)
    return [
        f"{THUNK}.{key}: {here[key]} in mellea {target.version}, {there[key]} in {surface.MELLEA_VERSION}"
        for key in sorted(here.keys() & there.keys()) if here[key] != there[key]
    ]


# -- signatures ---------------------------------------------------------------------------------


def _env(target: Target) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # litellm fetches its cost map on import otherwise
    if not target.installed:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(target.root), str(REPO), env.get("PYTHONPATH")]))
    else:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


_IMPORT_PROBE = """\
import importlib, json, sys
failed = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except ImportError as exc:
        failed[name] = [exc.name, f"{type(exc).__name__}: {exc}".splitlines()[0]]
print(json.dumps(failed))
"""


def unimportable(target: Target) -> dict[str, tuple[str | None, str]]:
    """The stubbed modules the target's mellea cannot import where the tools run: module -> (the
    module that was not found, ``None`` if another ImportError; the error's first line)."""
    proc = subprocess.run([sys.executable, "-c", _IMPORT_PROBE, *STUBBED_MODULES], cwd=REPO, env=_env(target),
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"tools.drift: error: cannot import mellea {target.version}: "
                         f"{(proc.stderr.strip().splitlines() or ['?'])[-1]}")
    return {name: (missing, error) for name, (missing, error) in json.loads(proc.stdout).items()}


def _absent_from(module: str, missing: str | None) -> bool:
    """The ImportError says the module itself (or its package) does not exist."""
    return missing is not None and (module == missing or module.startswith(missing + "."))


def signature_lines(target: Target, notes: list[str] | None = None) -> list[str]:
    """stubtest of every stubbed module against the target, with the stubs' permanent allowlist.
    A module the target lacks is a difference; one that needs what is not installed (an extra's
    SDK) is left out, with a line in ``notes``."""
    failed = unimportable(target)
    lines = [
        f"{module}: a module of the stubs, not in mellea {target.version}"
        for module, (missing, _) in failed.items() if _absent_from(module, missing)
    ]
    for module, (missing, error) in failed.items():
        if not _absent_from(module, missing) and notes is not None:
            notes.append(f"signatures: {module} is not checked, it cannot be imported here ({error})")
    checked = [m for m in STUBBED_MODULES if m not in failed]
    if not checked:
        return sorted(lines)
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run(
            [sys.executable, "-m", "mypy.stubtest", *checked, "--concise",
             "--ignore-unused-allowlist", "--allowlist", str(STUBTEST_DIR / "allowlist.txt"),
             "--mypy-config-file", str(STUBTEST_DIR / "mypy-stubtest.ini")],
            cwd=cwd, env=_env(target), capture_output=True, text=True, check=False,
        )
    found = [line.strip().removeprefix("error: ") for line in proc.stdout.splitlines() if line.strip()]
    found = [line for line in found if any(line.split(" ")[0] == m or line.startswith(f"{m}.") for m in checked)]
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not found):
        return [f"stubtest failed to run: {((proc.stdout + proc.stderr).strip().splitlines() or ['?'])[-1]}"]
    return sorted(lines + found)


# -- generated stubs ----------------------------------------------------------------------------


def generated_lines(target: Target) -> list[str]:
    """One line per generated stub that the target's source generates differently. The header
    names mellea ``MELLEA_VERSION`` either way, so that only the content is compared."""
    try:
        diffs = backend_stubs.stale(
            source_root=None if target.installed else target.root, version=surface.MELLEA_VERSION
        )
    except SystemExit as exc:  # a module of the list is not in the target's source
        return [f"cannot generate the stubs from mellea {target.version}: {exc}"]
    # Each diff starts with `--- checked-in/<file>`; `python -m tools.backend_stubs --check` prints them.
    files = [diff.splitlines()[0].removeprefix("--- checked-in/") for diff in diffs]
    return sorted(f"stubs/mellea-stubs/{rel}: mellea {target.version}'s source generates another stub" for rel in files)


# -- providers ----------------------------------------------------------------------------------


def provider_lines(target: Target, tree: SourceTree) -> list[str]:
    lines = []
    written: dict[str, list[str]] = {}
    for backend in discover_in(tree):
        lines += [f"{backend.name}: cannot read its provider literal: {why}" for why in backend.unresolved]
        if backend.writes_raw:
            for literal in backend.literals:
                written.setdefault(literal, []).append(backend.name)
    stubbed = set(surface.PROVIDER_LITERALS)
    for literal in sorted(written.keys() - stubbed):
        lines.append(f"{literal!r}: written by {', '.join(written[literal])}, not a provider of the stubs")
    for literal in sorted(stubbed - written.keys()):
        lines.append(f"{literal!r}: a provider of the stubs, written by no backend of mellea {target.version}")
    if target.known:  # the table's releases, where they disagree with the backends beyond the above
        recorded = set(surface.providers_in(target.release))
        for literal in sorted((recorded ^ written.keys()) - (stubbed ^ written.keys())):
            where = "records" if literal in recorded else "does not record"
            lines.append(f"{literal!r}: the table {where} it for {target.release} (WRONG)")
    return lines


# -- payloads -----------------------------------------------------------------------------------


def _merged_keys(target: Target) -> dict[str, list[str]] | str:
    """The stream-merge shapes of the target's own merge function (run in its own interpreter)."""
    module, name = MERGE_FUNCTION
    code = (
        "import json\nfrom tools.payload_shapes import merged_shapes\n"
        f"from {module} import {name}\n"
        f"print(json.dumps({{k: sorted(v) for k, v in merged_shapes({name}).items()}}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=_env(target),
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return (proc.stderr.strip().splitlines() or ["?"])[-1]
    shapes: dict[str, list[str]] = json.loads(proc.stdout)
    return shapes


def _union_members(variant: str) -> list[str]:
    """The TypedDict names in the ``response`` annotation of a provider's stub variant."""
    provider = next(p for p in surface.PROVIDERS if p.variant == variant)
    return [part.strip() for part in provider.response.split("|")]


def _response_writes(tree: SourceTree, backend: str) -> Iterator[tuple[str, ast.expr, ast.FunctionDef | ast.AsyncFunctionDef, str]]:
    """(class, value, function, module) of each ``*.raw.response = value`` in a backend's MRO."""
    module, _, cls = backend.rpartition(".")
    for owner in tree.mro((module, cls)):
        for function in functions(tree.modules[owner[0]].classes[owner[1]]):
            for sub in ast.walk(function):
                if isinstance(sub, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and t.attr == "response"
                    and isinstance(t.value, ast.Attribute) and t.value.attr == "raw"
                    for t in sub.targets
                ):
                    yield owner[1], _local_value(function, sub.value), function, owner[0]


def _local_value(function: ast.FunctionDef | ast.AsyncFunctionDef, value: ast.expr) -> ast.expr:
    """``merged`` -> the expression assigned to the local ``merged`` (when it is assigned once)."""
    if not isinstance(value, ast.Name):
        return value
    assigned = [
        s.value for s in ast.walk(function)
        if isinstance(s, ast.Assign) and [ast.unparse(t) for t in s.targets] == [value.id]
    ]
    return assigned[0] if len(assigned) == 1 else value


def _calls_merge(tree: SourceTree, module: str, value: ast.expr) -> bool:
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    imported = tree.modules[module].imported.get(name or "")
    source = imported[0] if imported else module
    return name == MERGE_FUNCTION[1] and MERGE_FUNCTION[0].startswith(source)  # the helper or its package


def stored_shape_mismatches(tree: SourceTree, typeddicts: dict[str, KeySets],
                            merged: dict[str, list[str]] | None) -> list[str]:
    """Dicts a backend stores in ``raw.response`` (a dict display, or the stream merge) that fit
    no TypedDict of its provider's stub ``response`` union."""
    lines = []
    variants = {p.literal: p.variant for p in surface.PROVIDERS}
    for backend in discover_in(tree):
        for literal in sorted(backend.literals & variants.keys()):
            union = _union_members(variants[literal])
            shapes = {n: typeddicts[n] for n in union if n in typeddicts}
            for cls, value, function, module in _response_writes(tree, backend.name):
                if isinstance(value, ast.Dict) and all(
                    isinstance(k, ast.Constant) and isinstance(k.value, str) for k in value.keys
                ):
                    keys = {str(k.value) for k in value.keys if isinstance(k, ast.Constant)}
                elif _calls_merge(tree, module, value) and merged is not None:
                    keys = set(merged["StreamedChoiceDict"])
                else:
                    continue  # an SDK object or its model_dump(): the SDK section covers it
                if not any(fits(keys, shape) for shape in shapes.values()):
                    lines.append(
                        f"{literal}: {cls}.{function.name} stores raw.response = {ast.unparse(value)} "
                        f"with keys {sorted(keys)}; fits none of {' | '.join(shapes)}"
                    )
    return sorted(set(lines))


def payload_lines(target: Target, tree: SourceTree) -> list[str]:
    typeddicts = stub_typeddicts()
    lines = []
    try:
        lines += [f"SDK: {line}" for line in sdk_mismatches(typeddicts, sdk_dump_keys())]
    except ImportError as exc:
        lines.append(f"SDK: cannot compare, {exc.name} is not installed")
    merged = _merged_keys(target)
    if isinstance(merged, str):
        lines.append(f"stream merge: cannot run {'.'.join(MERGE_FUNCTION)}: {merged}")
        merged_dicts = None
    else:
        merged_dicts = merged
        lines += [f"stream merge: {line}" for line in merge_mismatches(typeddicts, merged)]
    lines += [f"stored: {line}" for line in stored_shape_mismatches(tree, typeddicts, merged_dicts)]
    return lines


# -- report -------------------------------------------------------------------------------------


def report(target: Target, skip: frozenset[str] = frozenset(), notes: list[str] | None = None) -> dict[str, list[str]]:
    """Section -> its difference lines (empty: none); what was not checked goes to ``notes``."""
    tree = SourceTree(target.root)
    runs: dict[str, Callable[[], list[str]]] = {
        "members": lambda: member_lines(target, tree),
        "annotations": lambda: annotation_lines(target, tree, SourceTree(reference_root())),
        "signatures": lambda: signature_lines(target, notes),
        "generated": lambda: generated_lines(target),
        "providers": lambda: provider_lines(target, tree),
        "payloads": lambda: payload_lines(target, tree),
    }
    return {name: run() for name, run in runs.items() if name not in skip}


def render(target: Target, sections: dict[str, list[str]], notes: list[str] | tuple[str, ...] = ()) -> str:
    total = sum(map(len, sections.values()))
    head = (
        f"mellea {target.version} against the surface table (releases {', '.join(surface.RELEASES)}) "
        f"and the stubs (mellea {surface.MELLEA_VERSION}): "
    )
    out = [head + (f"{total} difference{'s' if total != 1 else ''}" if total else "no differences")]
    for name, lines in sections.items():
        if lines:
            out.append(f"\n{name} ({len(lines)}):")
            out += [f"  {line}" for line in lines]
    if notes:
        out.append(f"\nnot checked ({len(notes)}):")
        out += [f"  {line}" for line in notes]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.drift", description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--wheel", metavar="VERSION", help="a released mellea wheel")
    where.add_argument("--tree", type=Path, metavar="DIR", help="a folder holding the mellea package")
    parser.add_argument("--version", help="the release --tree holds (default: its dist-info)")
    parser.add_argument("--skip", action="append", choices=SECTIONS, default=[], help="a section to leave out")
    args = parser.parse_args(argv)
    if args.wheel:
        target = wheel_target(args.wheel)
    elif args.tree:
        target = tree_target(args.tree.resolve(), args.version)
    else:
        target = installed_target()
    notes: list[str] = []
    sections = report(target, frozenset(args.skip), notes)
    sys.stdout.write(render(target, sections, notes))
    return 1 if any(sections.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
