"""``mellea-lint``: check files for MOT rules, print rule docs, print the ruff preset.

Exit codes of ``check``: 0 nothing found, 1 findings (including MOT9xx diagnostics for
files that could not be checked, as ruff does with E902), 2 a usage or configuration
error (one line on stderr, nothing checked).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from mellea_lint.cache import ResultCache
from mellea_lint.cachefiles import CACHE_DIR_NAME
from mellea_lint.config import (
    ConfigError,
    LintConfig,
    check_modules,
    check_selectors,
    find_pyproject,
    known_codes,
    load_config,
    split_csv,
)
from mellea_lint.discovery import discover
from mellea_lint.findings import FILE_ERRORS, Finding
from mellea_lint.formats import FORMATS, tool_version
from mellea_lint.runner import default_jobs, run
from mellea_lint.surface import MelleaInUse, mellea_in_use
from mellea_lint.table_memo import TableMemo

if TYPE_CHECKING:
    from mellea_lint.baseline import Baseline
    from mellea_lint.fix import FileFix

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, sized without ``shutil``: argparse builds one per ``add_argument``,
    and importing shutil (with bz2 and lzma) cost a check more than parsing a small file."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        if width is None:
            width = _columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it: $COLUMNS, the tty, or 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 80
    except (AttributeError, ValueError, OSError):
        return 80


def _parser(command: str | None) -> argparse.ArgumentParser:
    """The command line; only ``command``'s own arguments are declared (a check need not
    build the others' parsers), every command is still listed in ``--help``."""
    parser = argparse.ArgumentParser(
        formatter_class=_Formatter,
        prog="mellea-lint",
        description="Keep ModelOutputThunk internals inside mellea.core (MOT rules).",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (summary, arguments, _) in COMMANDS.items():
        sub = commands.add_parser(name, help=summary, formatter_class=_Formatter)
        if name == command:
            arguments(sub)
    return parser


def _rule_arguments(rule: argparse.ArgumentParser) -> None:
    target = rule.add_mutually_exclusive_group(required=True)
    target.add_argument("code", nargs="?", help="a rule code such as MOT001")
    target.add_argument("--all", action="store_true", help="every rule")


def _ruff_arguments(ruff: argparse.ArgumentParser) -> None:
    shape = ruff.add_mutually_exclusive_group()
    shape.add_argument("--pyproject", action="store_true", help="as [tool.ruff.*] tables for pyproject.toml")
    shape.add_argument("--merge", metavar="FILE",
                       help="add the preset to FILE (pyproject.toml, ruff.toml or .ruff.toml) in place, "
                            "keeping its settings and comments; running it again changes nothing")
    ruff.add_argument("--config", help="pyproject.toml whose internal-modules and producer-modules to use")
    ruff.add_argument("--producer-modules", type=split_csv, metavar="MODULES",
                      help="modules that produce thunks, where SLF001 is not reported (default: the config's producer-modules)")


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"{parser.prog} {tool_version()}")
        parser.exit()


def _check_arguments(check: argparse.ArgumentParser) -> None:
    add = check.add_argument
    add("paths", nargs="*", default=["."], metavar="PATH", help="files and folders to check")
    add("--output-format", choices=sorted(FORMATS), default="concise",
        help="concise and json as ruff prints them, github workflow commands, SARIF 2.1.0")
    add("--select", type=split_csv, metavar="CODES", help="comma-separated code prefixes to enable")
    add("--ignore", type=split_csv, metavar="CODES",
        help="comma-separated code prefixes to disable (adds to the config's)")
    add("--internal-modules", type=split_csv, metavar="MODULES",
        help="modules that may touch every private thunk member (default: mellea.core)")
    add("--producer-modules", type=split_csv, metavar="MODULES",
        help="modules that may write producer-owned private members and read those without a public replacement (default: none)")
    add("--config", metavar="FILE", help="pyproject.toml to read instead of the nearest one")
    add("--jobs", "-j", type=_positive, metavar="N", help="worker processes (default: CPU count)")
    add("--no-cache", action="store_true", help="neither read nor write the result cache")
    add("--cache-dir", metavar="DIR",
        help=f"cache folder (default: {CACHE_DIR_NAME}/ beside the config)")
    fixing = check.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true",
                        help="rewrite the safely fixable findings in place, then report what remains")
    fixing.add_argument("--diff", action="store_true",
                        help="print the fixes as a unified diff, change nothing (exit 1 if there are any)")
    baseline = check.add_mutually_exclusive_group()
    baseline.add_argument("--baseline", metavar="FILE",
                          help="report only the findings not recorded in FILE")
    baseline.add_argument("--write-baseline", metavar="FILE",
                          help="record the current findings in FILE (paths relative to its folder)")


def options_table() -> str:
    """The ``check`` options as the Markdown table the README carries (a test compares them)."""
    parser = argparse.ArgumentParser(add_help=False, formatter_class=_Formatter)
    _check_arguments(parser)
    rows = [
        f"| `{', '.join(action.option_strings) or action.metavar}` | {action.help} |"
        for action in parser._actions  # argparse has no public way to list its arguments
    ]
    return "| Argument | Meaning |\n|---|---|\n" + "\n".join(rows) + "\n"


def file_errors_table() -> str:
    """The MOT9xx diagnostics as the Markdown table the README carries."""
    rows = [f"| `{code}` | `{name}` | {summary} |" for code, (name, summary) in FILE_ERRORS.items()]
    return "| Code | Name | When |\n|---|---|---|\n" + "\n".join(rows) + "\n"


def fixes_table() -> str:
    """What ``--fix`` rewrites (from ``surface``), as the Markdown table the README carries."""
    from mellea_lint.surface import META_KEYS, META_MEMBER, PRIVATE_MEMBERS

    rows: dict[str, list[str]] = {}
    for member in PRIVATE_MEMBERS:
        if member.fix is not None:
            rows.setdefault(member.fix, []).append(f"`x.{member.name}`")
    for key in META_KEYS:
        if key.fix is not None:
            rows.setdefault(key.fix, []).append(f'`x.{META_MEMBER}["{key.key}"]`')
    lines = [f"| {', '.join(before)} | `x{after}` |" for after, before in rows.items()]
    return "| Read | Rewritten to |\n|---|---|\n" + "\n".join(lines) + "\n"


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _settings(args: argparse.Namespace) -> tuple[LintConfig, MelleaInUse]:
    """The run's settings: the config file's overridden by the command line (``--ignore`` adds
    to the file's), for the mellea release in use; and that release's origin."""
    cwd = os.getcwd()
    memo = None if args.no_cache else TableMemo(args.cache_dir)
    pyproject = args.config if args.config is not None else find_pyproject(cwd, memo)
    config = load_config(pyproject, cwd, memo)
    overrides: dict[str, Any] = {}
    for option in ("select", "ignore", "internal_modules", "producer_modules"):
        value = getattr(args, option, None)
        if value is not None:
            overrides[option] = tuple(value)
    flag = {k: "--" + k.replace("_", "-") for k in overrides}
    for option in ("select", "ignore"):
        if option in overrides:
            check_selectors(overrides[option], flag[option], known_codes())
    for option in ("internal_modules", "producer_modules"):
        if option in overrides:
            check_modules(overrides[option], flag[option])
    if "ignore" in overrides:
        overrides["ignore"] = config.ignore + overrides["ignore"]
    config = config._replace(**overrides)
    in_use = mellea_in_use(config.mellea_version)
    return config._replace(release=in_use.release), in_use


def _check(args: argparse.Namespace) -> int:
    config, in_use = _settings(args)
    if args.diff and args.write_baseline:
        raise ConfigError("--diff changes nothing and cannot be combined with --write-baseline")
    fixer = _fixer() if args.fix or args.diff else None
    warning = in_use.out_of_range_line(
        "mellea-lint", f"--fix rewrites only to public names that exist in {in_use.release}"
    )
    if warning is not None:  # here, in the main process: once per run whatever --jobs says
        print(warning, file=sys.stderr)
    known = _baseline(args.baseline) if args.baseline is not None else None
    found = discover(args.paths, config.root, config.exclude)
    cache = None
    if not args.no_cache:
        cache = ResultCache(args.cache_dir or os.path.join(config.root, CACHE_DIR_NAME), config)
    jobs = args.jobs or default_jobs()
    findings = found.errors + run(found.files, config, jobs=jobs, cache=cache)
    if fixer is not None:
        fixes = fixer.fix_findings(findings, config)
        if args.diff:
            return _print_diffs(fixer, fixes)
        findings = _apply(fixes, findings)
    shown = sorted(
        (f for f in findings if f.code in FILE_ERRORS or config.enabled(f.code)),
        key=_order,
    )
    if args.write_baseline is not None:
        shown = _write_baseline(args.write_baseline, shown)
        if not shown and args.output_format == "concise":
            return EXIT_CLEAN  # the run recorded findings: "All checks passed!" would say otherwise
    elif known is not None:
        shown = known.new_findings(shown)
    sys.stdout.write(FORMATS[args.output_format](shown, os.getcwd()))
    return EXIT_FINDINGS if shown else EXIT_CLEAN


def _write_baseline(path: str, findings: list[Finding]) -> list[Finding]:
    """Record ``findings`` in the baseline ``path`` and say so; returns those it cannot record (MOT9xx)."""
    from mellea_lint.baseline import write_baseline

    unrecorded = write_baseline(path, findings)
    count = len(findings) - len(unrecorded)
    they = "it" if count == 1 else "they"
    print(f"Recorded {_plural(count, 'finding')} in {path} (baseline); {they} will be ignored with --baseline {path}.",
          file=sys.stderr)
    return unrecorded


def _baseline(path: str) -> Baseline:
    from mellea_lint.baseline import Baseline  # only with --baseline: a plain check never reads one

    return Baseline(path)


def _fixer() -> ModuleType:
    """The libcst-based fixer, imported only when asked for: libcst is an optional dependency."""
    try:
        from mellea_lint import fix
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] != "libcst":
            raise
        raise ConfigError("--fix and --diff need libcst: pip install 'mellea-lint[fix]'") from None
    return fix


def _print_diffs(fixer: ModuleType, fixes: Sequence[FileFix]) -> int:
    changed = [f for f in fixes if f.after != f.before]
    _warn_unfixed(fixes)
    for fix in sorted(changed, key=lambda f: f.path):
        sys.stdout.write(fixer.unified_diff(fix, fix.path))
    count = sum(f.fixed for f in changed)
    print(f"Would fix {_plural(count, 'finding')} in {_plural(len(changed), 'file')}.", file=sys.stderr)
    return EXIT_FINDINGS if changed else EXIT_CLEAN


def _apply(fixes: Sequence[FileFix], findings: list[Finding]) -> list[Finding]:
    """Write the fixed files; the findings with each written file's replaced by what remains in it."""
    _warn_unfixed(fixes)
    written: dict[str, list[Finding]] = {}
    for fix in fixes:
        if fix.after == fix.before:
            continue
        try:
            with open(fix.path, "wb") as handle:
                handle.write(fix.after.encode(fix.encoding))
        except OSError as exc:
            print(f"mellea-lint: warning: {fix.path}: cannot write the fixes: {exc.strerror or exc}",
                  file=sys.stderr)
            continue
        written[fix.path] = fix.remaining
    count = sum(f.fixed for f in fixes if f.path in written)
    print(f"Fixed {_plural(count, 'finding')} in {_plural(len(written), 'file')}.", file=sys.stderr)
    kept = [f for f in findings if f.path not in written]
    return kept + [f for remaining in written.values() for f in remaining]


def _warn_unfixed(fixes: Sequence[FileFix]) -> None:
    for fix in fixes:
        if fix.warning is not None:
            print(f"mellea-lint: warning: {fix.path}: not fixed: {fix.warning}", file=sys.stderr)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _order(finding: Finding) -> tuple[str, int, int, str]:
    return (finding.path, finding.line, finding.col, finding.code)


def _rule(args: argparse.Namespace) -> int:
    from mellea_lint.rules import RULES, render_doc

    if args.all:
        sys.stdout.write("\n".join(render_doc(code) for code in RULES))
        return EXIT_CLEAN
    code = args.code.upper()
    if code not in RULES:
        raise ConfigError(f"unknown rule {args.code!r} (known: {', '.join(RULES)})")
    sys.stdout.write(render_doc(code))
    return EXIT_CLEAN


def _ruff_config(args: argparse.Namespace) -> int:
    from pathlib import Path

    from mellea_lint.ruff_preset import merge, render

    cwd = os.getcwd()
    config = load_config(args.config if args.config is not None else find_pyproject(cwd), cwd)
    if args.producer_modules is not None:
        check_modules(args.producer_modules, "--producer-modules")
        config = config._replace(producer_modules=tuple(args.producer_modules))
    if args.merge is None:
        sys.stdout.write(render(config, pyproject=args.pyproject))
        return EXIT_CLEAN
    target = Path(args.merge)
    try:
        before = target.read_text(encoding="utf-8") if target.exists() else ""
        after = merge(before, config, pyproject=target.name == "pyproject.toml")
        if after != before:
            target.write_text(after, encoding="utf-8")
    except ConfigError as exc:
        raise ConfigError(f"{target}: {exc}") from None
    except (OSError, UnicodeError) as exc:
        raise ConfigError(f"{target}: {exc}") from None
    done = "Merged the ruff preset into" if after != before else "The ruff preset is already in"
    print(f"{done} {target}.", file=sys.stderr)
    return EXIT_CLEAN


def _server_arguments(server: argparse.ArgumentParser) -> None:
    server.add_argument("--stdio", action="store_true",
                        help="speak LSP over stdin and stdout (the only transport; accepted for clients that pass it)")


def _server(args: argparse.Namespace) -> int:
    from mellea_lint.server import run as serve  # only this command needs the optional pygls

    return serve(args)


COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {
    "check": ("check files and folders (default: .)", _check_arguments, _check),
    "rule": ("print a rule's documentation", _rule_arguments, _rule),
    "ruff-config": ("print the ruff preset (TOML), or merge it into a config", _ruff_arguments, _ruff_config),
    "server": ("run the language server (LSP over stdio) that editors start", _server_arguments, _server),
}
"""Each command's one-line summary, the function that declares its arguments, and the one that
runs it. (A plain tuple: a NamedTuple here would compile its annotations at every start-up.)"""


def main(argv: Sequence[str] | None = None) -> int:
    """The command line ``argv`` (default: ``sys.argv[1:]``) run; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    args = _parser(command).parse_args(argv)
    try:
        _, _, run = COMMANDS[args.command]
        return run(args)
    except ConfigError as exc:
        print(f"mellea-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into a reader that stopped early (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        return 130
