"""The command line: parses options, calls the engine and a formatter, returns an exit code. No linting logic."""

from __future__ import annotations

import contextlib
import os
import platform
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from irlint import __version__
from irlint.errors import IrlintError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _error_boundary(function: F) -> F:
    """Expected errors print one ``irlint: error: ...`` line; anything else asks for a bug report. Both exit 2."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = bool(kwargs.get("debug"))
        try:
            return function(*args, **kwargs)
        except IrlintError as error:
            click.echo(f"irlint: error: {error.message}", err=True)
            raise SystemExit(EXIT_ERROR) from None
        except (KeyboardInterrupt, SystemExit, click.exceptions.Exit, click.ClickException):
            raise
        except Exception as error:  # the last resort: never a bare traceback unless asked for
            if debug:
                traceback.print_exc()
            click.echo(
                f"irlint: internal error: {type(error).__name__}: {error} (irlint {__version__}, Python "
                f"{platform.python_version()}; rerun with --debug and report it)",
                err=True,
            )
            raise SystemExit(EXIT_ERROR) from None

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper  # type: ignore[return-value]


def _fix_files(linter: Any, report: Any, diff_only: bool, unsafe: bool, skip: str | None) -> int:
    """Apply (or with ``diff_only`` print) the fixes for the findings of ``report``; returns the files changed."""
    from itertools import groupby

    from irlint.documents import decode
    from irlint.fileio import write_atomically
    from irlint.fix import apply_edits, edits_for, unified_diff

    fixes = {rule.id: rule.spec.fix for rule in linter.rules if rule.spec.fix}
    changed = 0
    for path, group in groupby(report.findings, key=lambda finding: finding.path):
        if path == skip:
            continue
        data = Path(path).read_bytes()
        source = decode(data, path)
        after = apply_edits(source, edits_for(source, list(group), fixes, unsafe))
        if after == source:
            continue
        changed += 1
        if diff_only:
            click.echo(unified_diff(path, source, after), nl=False)
        else:
            write_atomically(Path(path), ("\ufeff" if data.startswith(b"\xef\xbb\xbf") else "") + after)
    return changed


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """Where the report goes: standard output, or ``path`` written atomically (only complete reports replace it);
    a file that cannot be written is an I/O error (exit 2) naming it."""
    from irlint.errors import OutputError
    from irlint.fileio import open_atomically

    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        with open_atomically(Path(path)) as stream:
            yield stream
    except OSError as error:
        raise OutputError(f"{path}: cannot write the report: {error.strerror or error}") from None


def _progress_by_default(output_format: str, output_path: str | None) -> bool:
    """Progress is for people watching a terminal: not in pipes, CI logs or machine-readable output."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stderr.isatty() and (output_format == "text" or output_path is not None)


class _Progress:
    """``irlint: 120/1000 files, 45 findings, 3.2 s`` on stderr, shown once a run has taken ``delay`` seconds (so
    that quick runs do not flicker). On a terminal one line is redrawn at most ten times a second; elsewhere (when
    asked for with --progress) a plain line is written at most once a second."""

    def __init__(self, delay: float) -> None:
        import time

        self._delay = delay
        self._clock = time.monotonic
        self._started = self._clock()
        self._drawn = 0.0
        self._visible = False
        self._terminal = sys.stderr.isatty()

    def __call__(self, done: int, total: int, findings: int) -> None:
        now = self._clock()
        elapsed = now - self._started
        interval = 0.1 if self._terminal else 1.0
        if elapsed < self._delay or (now - self._drawn < interval and done < total):
            return
        self._drawn = now
        self._visible = True
        line = f"irlint: {done}/{total} files, {findings} findings, {elapsed:.1f} s"
        sys.stderr.write(f"\r{line}\033[K" if self._terminal else line + "\n")
        sys.stderr.flush()

    def finish(self) -> None:
        """Erase the progress line from the terminal."""
        if self._visible and self._terminal:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM ends the run like Ctrl-C does, so that cleanup (stopping LanguageTool) runs."""
    raise SystemExit(128 + signum)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="irlint")
def main() -> None:
    """irlint: a linter for medical marketing copy (claims, disclaimers, fair balance, hygiene)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "github", "junit", "html"]),
    default="text",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False),
    help="Write the report to FILE (atomically) instead of standard output.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Lowest severity that makes the exit code 1.  [default: warning]",
)
@click.option("--select", multiple=True, help="Only these rule ids or prefixes (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or prefixes (comma-separated, repeatable).")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest .irlint.yaml)."
)
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--stdin-filename", help="Name (and so format) of the text read from '-'.")
@click.option("--no-grammar", is_flag=True, help="Skip the LanguageTool grammar engine.")
@click.option("--require-grammar", is_flag=True, help="Exit 2 when LanguageTool cannot be used (for CI).")
@click.option(
    "--no-grammar-startup",
    is_flag=True,
    help="Use LanguageTool only if a server is already running; never start one (the pre-commit hook).",
)
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), help="Report only findings not in FILE.")
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(dir_okay=False),
    help="Record today's findings in FILE and exit 0.",
)
@click.option(
    "--fix", "apply_fixes", is_flag=True, help="Apply the safe fixes rules declare (files rewritten atomically)."
)
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also apply unsafe fixes (added disclaimers).")
@click.option(
    "--report-unused-suppressions", is_flag=True, help="Report irlint-disable comments that suppress nothing."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Check files in N worker processes.  [default: the number of CPUs; twice that with LanguageTool]",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    help="Results cache location.  [default: .irlint_cache beside the config file, else the user cache]",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show progress on stderr.  [default: only on a terminal, with text output]",
)
@click.option("-q", "--quiet", is_flag=True, help="One line per finding; no summary when clean.")
@click.option("--no-color", is_flag=True, help="Never colour the output (also: NO_COLOR).")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@_error_boundary
def check(
    paths: tuple[str, ...],
    output_format: str,
    output_path: str | None,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: str | None,
    no_config: bool,
    stdin_filename: str | None,
    no_grammar: bool,
    require_grammar: bool,
    no_grammar_startup: bool,
    baseline_path: str | None,
    write_baseline_path: str | None,
    apply_fixes: bool,
    show_diff: bool,
    unsafe_fixes: bool,
    report_unused_suppressions: bool,
    jobs: int | None,
    no_cache: bool,
    cache_dir: str | None,
    progress: bool | None,
    quiet: bool,
    no_color: bool,
    debug: bool,
) -> None:
    """Check PATHS (files or directories; '-' reads standard input)."""
    from irlint.api import load_linter, results_cache
    from irlint.baseline import read_baseline, without_baseline, write_baseline
    from irlint.errors import UsageError
    from irlint.report.formatters import FORMATTERS, JsonWriter

    if no_config and config_path:
        raise UsageError("--config and --no-config contradict each other; give one of them")
    if baseline_path and write_baseline_path:
        raise UsageError("--baseline and --write-baseline contradict each other; give one of them")
    known = read_baseline(Path(baseline_path)) if baseline_path else None
    linter = load_linter(
        config=Path(config_path) if config_path else None,
        use_config=not no_config,
        select=_split(select),
        ignore=_split(ignore),
        fail_on=fail_on,  # type: ignore[arg-type]
        grammar=False if no_grammar else None,
        require_grammar=require_grammar,
        start_grammar_server=False if no_grammar_startup else None,
        prepare=no_cache,
    )
    linter.report_unused_suppressions = report_unused_suppressions
    stdin = None
    if "-" in paths:
        stdin = (stdin_filename or "<stdin>", sys.stdin.buffer.read())
    cache = None if no_cache else results_cache(linter, Path(cache_dir) if cache_dir else None)
    show_progress = progress if progress is not None else _progress_by_default(output_format, output_path)
    meter = _Progress(delay=0.0 if progress else 0.5) if show_progress else None
    options: dict[str, Any] = {
        "jobs": jobs,
        "cache": cache,
        "keep_documents": output_format == "html",
        "keep_lines": (output_format == "text" and not quiet) or output_format == "html",
        "progress": meter,
    }
    # JSON is written while the run goes (memory does not grow with the number of files) unless findings must be
    # filtered or fixed first; other formats are rendered from the whole report at the end.
    streaming = output_format == "json" and not (known is not None or apply_fixes or show_diff or write_baseline_path)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with _output(output_path if streaming else None) as stream:
            writer = JsonWriter(stream.write) if streaming else None
            if writer is not None:
                options["on_result"] = lambda result: writer.add(result.findings)
            report = linter.lint_paths(list(paths), stdin, **options)
            if meter is not None:
                meter.finish()
            if writer is not None:
                writer.finish(report)
        if known is not None:
            report = without_baseline(report, known)
        if apply_fixes or show_diff:
            changed = _fix_files(linter, report, show_diff, unsafe_fixes, skip=stdin[0] if stdin else None)
            if show_diff:
                raise SystemExit(EXIT_FINDINGS if changed else EXIT_CLEAN)
            if changed:
                click.echo(f"irlint: fixed {changed} file{'' if changed == 1 else 's'}", err=True)
                report = linter.lint_paths([path for path in paths if path != "-"], **{**options, "progress": None})
                report = without_baseline(report, known) if known is not None else report
    finally:
        linter.close()
        signal.signal(signal.SIGTERM, previous)
    for error in report.file_errors:
        click.echo(f"irlint: error: {error.location}: {error.message}", err=True)
    if write_baseline_path:
        count = write_baseline(Path(write_baseline_path), report.findings)
        click.echo(f"irlint: recorded {count} finding{'' if count == 1 else 's'} in {write_baseline_path}", err=True)
        raise SystemExit(EXIT_ERROR if report.file_errors else EXIT_CLEAN)
    for notice in report.notices:
        click.echo(f"irlint: {notice}", err=True)
    for message in report.fatal:
        click.echo(f"irlint: error: {message}", err=True)
    if not streaming:
        to_terminal = output_path is None and sys.stdout.isatty()
        colour = output_format == "text" and not no_color and "NO_COLOR" not in os.environ and to_terminal
        if output_format == "text":
            text = FORMATTERS["text"](report, colour=colour, quiet=quiet)
        else:
            extra = {"rules": linter.rules} if output_format == "sarif" else {}
            text = FORMATTERS[output_format](report, **extra)
        with _output(output_path) as stream:
            stream.write(text)
    raise SystemExit(report.exit_code(linter.settings.fail_on))


@main.command("rules")
@click.option("--all", "show_all", is_flag=True, help="Include opt-in rules that are off by default.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--debug", is_flag=True, hidden=True)
@_error_boundary
def list_rules(show_all: bool, output_format: str, debug: bool) -> None:
    """List the available rules."""
    import json

    from irlint.api import load_rule_catalog

    rules = [rule for rule in load_rule_catalog() if show_all or rule.spec.enabled]
    if output_format == "json":
        rows = [
            {
                "id": r.id,
                "kind": r.spec.kind,
                "severity": r.spec.severity,
                "enabled": r.spec.enabled,
                "description": r.spec.description,
            }
            for r in rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max((len(rule.id) for rule in rules), default=10)
    for rule in rules:
        flag = "" if rule.spec.enabled else " (opt-in)"
        summary = rule.spec.description.strip().split("\n")[0]
        click.echo(f"{rule.id:<{width}}  {rule.spec.severity:<7}  {summary}{flag}")


@main.command()
@click.argument("rule_id")
@click.option("--debug", is_flag=True, hidden=True)
@_error_boundary
def explain(rule_id: str, debug: bool) -> None:
    """Explain RULE_ID: description, rationale, sources and examples."""
    from irlint.api import load_rule_catalog
    from irlint.errors import UsageError

    rules = {rule.id: rule for rule in load_rule_catalog()}
    rule = rules.get(rule_id)
    if rule is None:
        close = [known for known in rules if known.startswith(rule_id.split(".", maxsplit=1)[0])]
        hint = f"; rules in that pack: {', '.join(sorted(close))}" if close else "; see 'irlint rules'"
        raise UsageError(f"unknown rule {rule_id!r}{hint}")
    spec = rule.spec
    lines = [
        f"{spec.id} ({spec.kind}, {spec.severity}{'' if spec.enabled else ', opt-in'})",
        "",
        spec.description.strip(),
        "",
        "Why: " + spec.rationale.strip(),
        "",
        "Sources:",
        *[f"  - {source.title}" + (f" <{source.url}>" if source.url else "") for source in spec.sources],
        "",
        "Flags:",
        *[f"  - {getattr(example, 'text', example)}" for example in spec.examples.flag],
        "",
        "Does not flag:",
        *[f"  - {example}" for example in spec.examples.pass_],
    ]
    click.echo("\n".join(lines))


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .irlint.yaml.")
@click.option("--debug", is_flag=True, hidden=True)
@_error_boundary
def init(force: bool, debug: bool) -> None:
    """Write a commented starter .irlint.yaml in the current directory."""
    from importlib import resources

    from irlint.errors import UsageError
    from irlint.fileio import write_atomically

    target = Path(".irlint.yaml")
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; use --force to overwrite it")
    write_atomically(target, (resources.files("irlint") / "data" / "starter.irlint.yaml").read_text(encoding="utf-8"))
    click.echo(f"wrote {target}; `irlint check .` uses it from this directory and below")


@main.group()
def cache() -> None:
    """Manage the results cache (results of unchanged files are reused)."""


def _cache_location(cache_dir: str | None, config_path: str | None) -> Path:
    from irlint.api import load_settings_for
    from irlint.cache import default_cache_dir

    if cache_dir:
        return Path(cache_dir)
    settings = load_settings_for(Path(config_path) if config_path else None)
    return default_cache_dir(settings.source)


@cache.command("clear")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="The cache to clear (default: as `check` uses).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file that places the cache.")
@click.option("--debug", is_flag=True, hidden=True)
@_error_boundary
def cache_clear(cache_dir: str | None, config_path: str | None, debug: bool) -> None:
    """Delete the results cache."""
    from irlint.cache import clear_cache

    location = _cache_location(cache_dir, config_path)
    click.echo(f"removed {location}" if clear_cache(location) else f"no cache at {location}")


@cache.command("dir")
@click.option("--cache-dir", type=click.Path(file_okay=False), hidden=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file that places the cache.")
@click.option("--debug", is_flag=True, hidden=True)
@_error_boundary
def cache_dir_command(cache_dir: str | None, config_path: str | None, debug: bool) -> None:
    """Print where the results cache is."""
    click.echo(str(_cache_location(cache_dir, config_path)))


@main.group()
def server() -> None:
    """Run a persistent LanguageTool server that later checks (and the pre-commit hook) reuse."""


@server.command("start")
@click.option("--debug", is_flag=True, hidden=True)
@_error_boundary
def server_start(debug: bool) -> None:
    """Start the persistent server on a free loopback port (no-op when one is running)."""
    from irlint.engines import server as lt

    running = lt.running_persistent_server()
    if running is not None:
        click.echo(f"LanguageTool is already running at {running.url} (pid {running.pid})")
        return
    install = lt.find_installation()
    if install is None:
        raise lt.GrammarUnavailable("LanguageTool is not installed: run `make languagetool`")
    started = lt.start_server(install)
    lt.write_state(lt.ServerState(started.process.pid, started.port, lt.LANGUAGETOOL_VERSION))
    click.echo(f"LanguageTool {lt.LANGUAGETOOL_VERSION} running at {started.url} (pid {started.process.pid})")


@server.command("stop")
@click.option("--debug", is_flag=True, hidden=True)
@_error_boundary
def server_stop(debug: bool) -> None:
    """Stop the persistent server."""
    from irlint.engines import server as lt

    click.echo("LanguageTool stopped" if lt.stop_persistent_server() else "no LanguageTool server was running")


@server.command("status")
@click.option("--debug", is_flag=True, hidden=True)
@_error_boundary
def server_status(debug: bool) -> None:
    """Say whether the persistent server is running (exit 0) or not (exit 1)."""
    from irlint.engines import server as lt

    running = lt.running_persistent_server()
    if running is None:
        click.echo("LanguageTool is not running")
        raise SystemExit(EXIT_FINDINGS)
    click.echo(f"LanguageTool {running.version} running at {running.url} (pid {running.pid})")


if __name__ == "__main__":  # pragma: no cover
    main()
