"""Run the benchmark: irlint (without grammar, with LanguageTool, cached), proselint and Vale over generated corpora.

Every tool runs over the same corpus in one session, the tools alternating within each repetition (the order
rotates from one repetition to the next), and results are compared as ratios of runs taken side by side: the
machine is noisy, so absolute numbers from different sessions are not comparable. For each run we record wall
time, the CPU time of the whole process tree (and of the persistent LanguageTool server, for the grammar runs), the
peak of the summed resident memory of the process tree (sampled every 20 ms from /proc) and system-wide CPU busy
time; files/s and words/s follow from the corpus, whose words are counted once when it is generated.

Usage::

    .venv/bin/python bench/run.py [--sizes 1,100,1000,10000] [--tools irlint,vale,...] [--reps N] [--quick]

It writes ``bench/results/latest.json`` and ``bench/results/latest.md`` and prints the Markdown. Run it through
``make bench`` (which installs the tools first); ``make bench BENCH_ARGS=--quick`` is a smoke test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import platform
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import vale_style

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TOOLS = BENCH / ".tools"
VENV_BIN = ROOT / ".venv" / "bin"
IRLINT = VENV_BIN / "irlint"
VALE = TOOLS / "bin" / "vale"
PROSELINT = TOOLS / "proselint-venv" / "bin" / "proselint"
PAGE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_SECONDS = 0.02

ALL_TOOLS = ("irlint", "irlint-jobs1", "irlint-cache", "irlint-lt", "proselint", "vale")
DEFAULT_SIZES = (1, 100, 1000, 10_000)
QUICK_SIZES = (1, 100)
# Exit codes that mean "ran and reported": irlint and Vale exit 1 on findings, proselint 1 (or 2) on errors found.
SUCCESS_CODES = {"irlint": {0, 1}, "vale": {0, 1}, "proselint": {0, 1, 2}}


# --- measuring one command ---------------------------------------------------------------------------------------


@dataclass
class Run:
    """One timed command."""

    tool: str
    size: int
    rep: int
    command: list[str]
    wall: float = 0.0
    user: float = 0.0
    system: float = 0.0
    server_cpu: float = 0.0
    peak_rss: int = 0
    server_peak_rss: int = 0
    busy_percent: float = 0.0
    exit_code: int | None = None
    ok: bool = False
    findings: int | None = None
    error: str | None = None
    started_at: str = ""

    @property
    def cpu_cores(self) -> float:
        """CPU seconds (process tree plus server) per wall second: how many cores were busy on average."""
        return (self.user + self.system + self.server_cpu) / self.wall if self.wall else 0.0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as handle:
                found.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc/PID/task/TID/children)."""
    tree = [pid]
    index = 0
    while index < len(tree):
        tree.extend(child for child in _children(tree[index]) if child not in tree)
        index += 1
    return tree


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one live process, from /proc/PID/stat (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _cpu_totals() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as handle:
        values = [int(value) for value in handle.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    total = sum(values[:8])
    return total - idle, total


class _Sampler(threading.Thread):
    """Samples the summed RSS of a process tree (and of extra processes) every 20 ms; keeps the peaks."""

    def __init__(self, pid: int, extra: Sequence[int]) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.extra = list(extra)
        self.peak = 0
        self.extra_peak = 0
        self.done = threading.Event()

    def sample(self) -> None:
        total = sum(rss_bytes(pid) for pid in process_tree(self.pid))
        extra = sum(rss_bytes(pid) for pid in self.extra)
        self.peak = max(self.peak, total)
        self.extra_peak = max(self.extra_peak, extra)

    def run(self) -> None:
        while not self.done.is_set():
            self.sample()
            self.done.wait(SAMPLE_SECONDS)


def measure(
    run: Run,
    *,
    env: dict[str, str],
    output: Path,
    timeout: float,
    extra_pids: Sequence[int] = (),
    success: set[int] | None = None,
) -> Run:
    """Run ``run.command`` once and fill in its timings; standard output goes to ``output``."""
    success = success if success is not None else {0}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = sum(cpu_seconds(pid) for pid in extra_pids)
    busy_before, total_before = _cpu_totals()
    with output.open("wb") as out, (output.with_suffix(".stderr")).open("wb") as err:
        run.started_at = dt.datetime.now(dt.UTC).strftime("%H:%M:%S")
        start = time.perf_counter()
        try:
            process = subprocess.Popen(run.command, stdout=out, stderr=err, env=env, start_new_session=True)
        except OSError as error:
            run.error = f"could not start: {error}"
            return run
        sampler = _Sampler(process.pid, extra_pids)
        sampler.start()
        try:
            run.exit_code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            run.exit_code = process.wait()
            run.error = f"timed out after {timeout:.0f} s"
        run.wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_after, total_after = _cpu_totals()
    run.user = after.ru_utime - before.ru_utime
    run.system = after.ru_stime - before.ru_stime
    run.server_cpu = max(0.0, sum(cpu_seconds(pid) for pid in extra_pids) - server_before)
    run.peak_rss = sampler.peak
    run.server_peak_rss = sampler.extra_peak
    if total_after > total_before:
        run.busy_percent = 100.0 * (busy_after - busy_before) / (total_after - total_before)
    run.ok = run.error is None and run.exit_code in success
    if not run.ok and run.error is None:
        tail = output.with_suffix(".stderr").read_text(encoding="utf-8", errors="replace").strip().splitlines()
        run.error = f"exit code {run.exit_code}: " + (" | ".join(tail[-3:]) if tail else "no message")
    return run


def count_findings(tool: str, output: Path) -> int | None:
    """Findings in a tool's output file (best effort; None when it cannot be read)."""
    try:
        if output.stat().st_size > 1_000_000_000:
            return None
        text = output.read_text(encoding="utf-8", errors="replace")
        if tool.startswith("irlint"):
            return len(json.loads(text)["findings"])
        if tool == "vale":
            return sum(len(alerts) for alerts in json.loads(text or "{}").values())
        return sum(1 for line in text.splitlines() if line.strip())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


# --- the session -------------------------------------------------------------------------------------------------


@dataclass
class Session:
    """Everything one benchmark session needs: paths, environment, what irlint supports, the results so far."""

    work: Path
    timeout: float
    env: dict[str, str]
    irlint_options: set[str]
    runs: list[Run] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def scratch(self) -> Path:
        """This run's own scratch directory (outputs, server state), so that runs never share one."""
        return self.work / f"run-{os.getpid()}"

    @property
    def out(self) -> Path:
        """Where the tools' outputs go while they are counted."""
        return self.scratch / "out"

    @property
    def xdg(self) -> Path:
        """The cache home irlint sees: the persistent server's state lives here, apart from the user's."""
        return self.scratch / "xdg"

    def irlint_has(self, option: str) -> bool:
        """Whether ``irlint check`` accepts ``option``."""
        return option in self.irlint_options

    def note(self, text: str) -> None:
        """Record a note once (it goes into the report) and print it."""
        if text not in self.notes:
            self.notes.append(text)
            print(f"note: {text}", file=sys.stderr)


def detect_irlint_options() -> set[str]:
    """The long options ``irlint check --help`` lists."""
    try:
        text = subprocess.run([str(IRLINT), "check", "--help"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return set()
    return {word.rstrip(",") for word in text.split() if word.startswith("--")}


def languagetool_home() -> str | None:
    """Where `make languagetool` put LanguageTool (the provisioning script prints it), or None."""
    try:
        result = subprocess.run(
            ["bash", str(ROOT / "scripts" / "provision-languagetool.sh")],
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = result.stdout.strip().splitlines()
    return lines[-1] if result.returncode == 0 and lines else None


def server_pid(session: Session) -> int | None:
    """The pid of the persistent LanguageTool server irlint started (its state file), or None."""
    try:
        state = json.loads((session.xdg / "irlint" / "server.json").read_text(encoding="utf-8"))
        return int(state["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def server_command(session: Session, action: str) -> tuple[bool, str]:
    """``irlint server start|stop``; returns (succeeded, message)."""
    try:
        result = subprocess.run(
            [str(IRLINT), "server", action],
            capture_output=True,
            text=True,
            env=session.env,
            check=False,
            timeout=300,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return False, str(error)
    message = (result.stdout + result.stderr).strip().replace("\n", " | ")
    return result.returncode == 0, message


def irlint_command(session: Session, target: Path, *, grammar: bool, extra: Sequence[str] = ()) -> list[str]:
    """An ``irlint check`` command line for ``target``; options irlint does not have yet are left out (noted)."""
    command = [str(IRLINT), "check", "-q", "--format", "json", "--no-config"]
    command += ["--require-grammar"] if grammar else ["--no-grammar"]
    if session.irlint_has("--no-cache"):
        command.append("--no-cache")
    else:
        session.note("irlint check has no --no-cache option yet: runs are made without it (nothing to disable)")
    return [*command, *extra, str(target)]


def source_state() -> list[tuple[str, int, int]]:
    """(path, size, mtime) of irlint's installed sources and rule packs: what its cache salt depends on."""
    state = []
    for directory in (ROOT / "src" / "irlint", ROOT / "rules"):
        for path in sorted(directory.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                status = path.stat()
                state.append((str(path), status.st_size, status.st_mtime_ns))
    return state


def _tool_runs(session: Session, tool: str, size: int, rep: int, target: Path) -> list[Run]:
    """Time ``tool`` once over ``target`` (two runs for the cache pair); skipped tools return []."""
    out = session.out
    out.mkdir(parents=True, exist_ok=True)

    def timed(name: str, command: list[str], family: str, extra_pids: Sequence[int] = ()) -> Run:
        output = out / f"{name}-{size}-{rep}.out"
        run = measure(
            Run(name, size, rep, command),
            env=session.env,
            output=output,
            timeout=session.timeout,
            extra_pids=extra_pids,
            success=SUCCESS_CODES[family],
        )
        if run.ok:
            run.findings = count_findings(name, output)
        output.unlink(missing_ok=True)
        status = "ok" if run.ok else f"FAILED ({run.error})"
        print(
            f"  {name:<13} {size:>6} files  rep {rep + 1}: {run.wall:8.2f} s  {run.peak_rss / 2**20:8.1f} MB  "
            f"{run.cpu_cores:4.2f} cores  {status}",
            file=sys.stderr,
        )
        return run

    if tool == "irlint":
        return [timed(tool, irlint_command(session, target, grammar=False), "irlint")]
    if tool == "irlint-jobs1":
        if not session.irlint_has("--jobs"):
            session.note("irlint check has no --jobs option yet: the --jobs 1 runs are skipped")
            return []
        return [timed(tool, irlint_command(session, target, grammar=False, extra=["--jobs", "1"]), "irlint")]
    if tool == "irlint-cache":
        if not session.irlint_has("--cache-dir"):
            session.note("irlint check has no --cache-dir option yet: the cold/warm cache runs are skipped")
            return []
        cache = Path(tempfile.mkdtemp(prefix="irlint-cache-", dir=session.work))
        try:
            base = [str(IRLINT), "check", "-q", "--format", "json", "--no-config", "--no-grammar"]
            command = [*base, "--cache-dir", str(cache), str(target)]
            sources = source_state()
            cold = timed("irlint-cold", command, "irlint")
            warm = timed("irlint-warm", command, "irlint")
            if source_state() != sources:
                # The cache is salted with irlint's own files: an edit between the two runs empties it.
                warm.ok = False
                warm.error = "irlint's sources or rule packs changed during the cold/warm pair (cache invalidated)"
                session.note(f"{size} files, repetition {rep + 1}: {warm.error}; that pair is left out")
            return [cold, warm]
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    if tool == "irlint-lt":
        started, message = server_command(session, "start")
        pid = server_pid(session)
        if not started or pid is None:
            run = Run(tool, size, rep, [str(IRLINT), "server", "start"], error=f"irlint server start: {message}")
            session.note(f"LanguageTool runs failed: irlint server start said: {message}")
            print(f"  {tool:<13} {size:>6} files  rep {rep + 1}: FAILED ({run.error})", file=sys.stderr)
            return [run]
        try:
            return [timed(tool, irlint_command(session, target, grammar=True), "irlint", extra_pids=[pid])]
        finally:
            server_command(session, "stop")
    if tool == "proselint":
        if not PROSELINT.exists():
            session.note(f"proselint is not installed at {PROSELINT}: run bench/install-tools.sh")
            return []
        return [timed(tool, [str(PROSELINT), "check", str(target)], "proselint")]
    if tool == "vale":
        if not VALE.exists():
            session.note(f"Vale is not installed at {VALE}: run bench/install-tools.sh")
            return []
        ini = session.work / "vale" / ".vale.ini"
        return [timed(tool, [str(VALE), "--config", str(ini), "--output", "JSON", str(target)], "vale")]
    raise ValueError(f"unknown tool {tool}")


def startup_runs(session: Session, one_file: Path, repeats: int) -> None:
    """`irlint --version`, one file without grammar, and one file with a running persistent server."""
    session.out.mkdir(parents=True, exist_ok=True)
    no_cache = ["-q", "--no-config", *(["--no-cache"] if session.irlint_has("--no-cache") else [])]
    for rep in range(repeats):
        for name, command in (
            ("startup:version", [str(IRLINT), "--version"]),
            ("startup:one-file", [str(IRLINT), "check", "--no-grammar", *no_cache, str(one_file)]),
        ):
            run = measure(
                Run(name, 1, rep, command),
                env=session.env,
                output=session.out / "startup.out",
                timeout=session.timeout,
                success=SUCCESS_CODES["irlint"],
            )
            session.runs.append(run)
    started, message = server_command(session, "start")
    pid = server_pid(session)
    if not started or pid is None:
        session.runs.append(
            Run("startup:one-file-server", 1, 0, ["irlint", "server", "start"], error=f"server start: {message}")
        )
        session.note(f"one file with a persistent server: irlint server start said: {message}")
        return
    try:
        for rep in range(repeats):
            command = [str(IRLINT), "check", *no_cache, "--require-grammar", str(one_file)]
            if session.irlint_has("--no-grammar-startup"):
                command.insert(-1, "--no-grammar-startup")
            run = measure(
                Run("startup:one-file-server", 1, rep, command),
                env=session.env,
                output=session.out / "startup.out",
                timeout=session.timeout,
                extra_pids=[pid],
                success=SUCCESS_CODES["irlint"],
            )
            session.runs.append(run)
    finally:
        server_command(session, "stop")


# --- summarising -------------------------------------------------------------------------------------------------


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summarise(runs: Sequence[Run], corpora: dict[int, dict[str, int]]) -> list[dict[str, Any]]:
    """Median figures per (tool, size), with the wall-time ratio to irlint taken per repetition."""
    rows: list[dict[str, Any]] = []
    keys: list[tuple[str, int]] = []
    for run in runs:
        if not run.tool.startswith("startup:") and (run.tool, run.size) not in keys:
            keys.append((run.tool, run.size))
    for tool, size in keys:
        good = [run for run in runs if run.tool == tool and run.size == size and run.ok]
        failed = [run for run in runs if run.tool == tool and run.size == size and not run.ok]
        words = corpora.get(size, {}).get("words", 0)
        row: dict[str, Any] = {"tool": tool, "files": size, "words": words, "runs": len(good), "failed": len(failed)}
        if failed:
            row["error"] = failed[0].error
        if good:
            wall = _median([run.wall for run in good])
            row.update(
                {
                    "wall_s": wall,
                    "files_per_s": size / wall,
                    "words_per_s": words / wall,
                    "peak_mb": _median([run.peak_rss for run in good]) / 2**20,
                    "server_peak_mb": _median([run.server_peak_rss for run in good]) / 2**20,
                    "cpu_cores": _median([run.cpu_cores for run in good]),
                    "busy_percent": _median([run.busy_percent for run in good]),
                    "findings": good[0].findings,
                }
            )
            ratios = []
            for run in good:
                base = [r for r in runs if r.tool == "irlint" and r.size == size and r.rep == run.rep and r.ok]
                if base:
                    ratios.append(run.wall / base[0].wall)
            row["ratio_to_irlint"] = _median(ratios) if ratios else None
        rows.append(row)
    return rows


def _row(rows: Sequence[dict[str, Any]], tool: str, size: int) -> dict[str, Any] | None:
    for row in rows:
        if row["tool"] == tool and row["files"] == size and row.get("runs"):
            return row
    return None


def _paired(runs: Sequence[Run], first: str, second: str, size: int) -> list[float]:
    """first/second wall-time ratios of runs from the same repetition."""
    ratios = []
    for run in runs:
        if run.tool == first and run.size == size and run.ok:
            other = [r for r in runs if r.tool == second and r.size == size and r.rep == run.rep and r.ok]
            if other and other[0].wall > 0:
                ratios.append(run.wall / other[0].wall)
    return ratios


def targets(runs: Sequence[Run], rows: Sequence[dict[str, Any]], cores: int) -> list[dict[str, Any]]:
    """The issue's targets, each with pass/fail (None: not measured) and the numbers behind it."""
    out: list[dict[str, Any]] = []

    def add(name: str, passed: bool | None, detail: str) -> None:
        out.append({"target": name, "passed": passed, "detail": detail})

    size = 1000
    vs_proselint = _paired(runs, "irlint", "proselint", size)
    vs_vale = _paired(runs, "irlint", "vale", size)
    if vs_proselint:
        ratio = _median(vs_proselint)
        add(
            "1,000 files without grammar: irlint faster than proselint",
            ratio < 1,
            f"irlint wall / proselint wall = {ratio:.2f}",
        )
    else:
        add("1,000 files without grammar: irlint faster than proselint", None, "not measured")
    if vs_vale:
        ratio = _median(vs_vale)
        add(
            "1,000 files without grammar: irlint within 2x of Vale's wall time",
            ratio <= 2,
            f"irlint / Vale = {ratio:.2f}",
        )
    else:
        add("1,000 files without grammar: irlint within 2x of Vale's wall time", None, "not measured")

    cache_sizes = sorted({run.size for run in runs if run.tool == "irlint-warm" and run.ok})
    if cache_sizes:
        cache_size = size if size in cache_sizes else cache_sizes[-1]
        ratio = _median(_paired(runs, "irlint-cold", "irlint-warm", cache_size))
        add(
            "second run over unchanged files at least 20x faster (cache)",
            ratio >= 20,
            f"{cache_size} files: cold / warm = {ratio:.1f}x",
        )
    else:
        add("second run over unchanged files at least 20x faster (cache)", None, "not measured")

    lt_rows = [row for row in rows if row["tool"] == "irlint-lt" and row.get("runs")]
    if lt_rows:
        lt = max(lt_rows, key=lambda row: row["files"])
        nlp = _row(rows, "irlint", lt["files"])
        detail = (
            f"{lt['files']} files: process tree + server {lt['cpu_cores']:.2f} of {cores} cores "
            f"(system-wide CPU busy {lt['busy_percent']:.0f}%, other processes included); "
            f"grammar run {lt['words_per_s']:,.0f} words/s"
        )
        if nlp:
            detail += f" vs NLP pass {nlp['words_per_s']:,.0f} words/s"
            extra = lt["wall_s"] - nlp["wall_s"]
            if extra > 0:
                detail += f" (grammar pass alone, estimated from the difference: {lt['words'] / extra:,.0f} words/s)"
        # The process tree's own CPU time decides: system-wide busy time also counts whatever else the machine runs.
        add("with LanguageTool both cores busy", lt["cpu_cores"] >= 0.8 * min(cores, 2), detail)
    else:
        add("with LanguageTool both cores busy", None, "not measured")

    small, large = _row(rows, "irlint", 100), _row(rows, "irlint", 10_000)
    if small and large:
        ratio = large["peak_mb"] / small["peak_mb"]
        add(
            "peak memory at 10,000 files within 1.5x of 100 files",
            ratio <= 1.5,
            f"{large['peak_mb']:.0f} MB / {small['peak_mb']:.0f} MB = {ratio:.2f}x",
        )
    else:
        add("peak memory at 10,000 files within 1.5x of 100 files", None, "needs sizes 100 and 10000")

    for name, label in (
        ("startup:version", "`irlint --version`"),
        ("startup:one-file", "`irlint check --no-grammar` on one file"),
        ("startup:one-file-server", "one file with a running persistent LanguageTool server"),
    ):
        good = [run.wall for run in runs if run.tool == name and run.ok]
        bad = [run for run in runs if run.tool == name and not run.ok]
        if good:
            add(f"start-up: {label}", None, f"median {_median(good):.2f} s of {len(good)}")
        elif bad:
            add(f"start-up: {label}", False, f"failed: {bad[0].error}")
    return out


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown: one table per corpus size, the targets, the notes and the command."""
    meta = report["meta"]
    lines = [
        f"Measured {meta['date']} on {meta['machine']}; irlint {meta['versions'].get('irlint', '?')}, "
        f"Vale {meta['versions'].get('vale', '?')}, proselint {meta['versions'].get('proselint', '?')}; "
        f"medians of {meta['reps']} alternating repetition(s)"
        f"{' (1 at 10,000 files)' if any(size >= 10_000 for size in meta['sizes']) else ''}; load average "
        f"{meta['load_average_before'][0]:.1f} before, {meta['load_average_after'][0]:.1f} after.",
        "",
        "| tool | files | wall s | files/s | words/s | peak MB | CPU cores | ratio to irlint | findings |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["summary"]:
        if not row.get("runs"):
            lines.append(f"| {row['tool']} | {row['files']:,} | failed: {row.get('error', '?')} | | | | | | |")
            continue
        peak = f"{row['peak_mb']:.0f}"
        if row.get("server_peak_mb"):
            peak += f" + {row['server_peak_mb']:.0f} server"
        ratio = f"{row['ratio_to_irlint']:.2f}" if row.get("ratio_to_irlint") is not None else "–"
        findings = f"{row['findings']:,}" if row.get("findings") is not None else "–"
        lines.append(
            f"| {row['tool']} | {row['files']:,} | {row['wall_s']:.2f} | {row['files_per_s']:,.1f} | "
            f"{row['words_per_s']:,.0f} | {peak} | {row['cpu_cores']:.2f} | {ratio} | {findings} |"
        )
    lines += ["", "Targets:", ""]
    for target in report["targets"]:
        mark = {True: "PASS", False: "FAIL", None: "—"}[target["passed"]]
        lines.append(f"- **{mark}** {target['target']}: {target['detail']}")
    if report["notes"]:
        lines += ["", "Notes:", ""]
        lines += [f"- {note}" for note in report["notes"]]
    lines += ["", "Reproduce with:", "", "```sh", meta["reproduce"], "```", ""]
    return "\n".join(lines)


# --- main --------------------------------------------------------------------------------------------------------


def _shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _version(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    text = (result.stdout or result.stderr).strip().splitlines()
    return text[-1].split()[-1] if text else "?"


def _proselint_version() -> str:
    python = PROSELINT.parent / "python"
    return _version([str(python), "-c", "import importlib.metadata as m; print(m.version('proselint'))"])


def _git_revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=False
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src", "rules"], capture_output=True, cwd=ROOT, check=False
        )
    except OSError:
        return "?"
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="comma-separated corpus sizes (default 1,100,1000,10000)")
    parser.add_argument("--tools", default=",".join(ALL_TOOLS), help=f"comma-separated, from {','.join(ALL_TOOLS)}")
    parser.add_argument("--reps", type=int, help="repetitions for sizes below 10,000 (default 3; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="sizes 1 and 100, one repetition: a smoke test")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--work", type=Path, default=BENCH / ".work", help="corpora, Vale style, scratch")
    parser.add_argument("--results", type=Path, default=BENCH / "results")
    parser.add_argument(
        "--grammar-sizes",
        default="1,100,1000",
        help="sizes at which irlint-lt (LanguageTool, the slowest run) runs (default 1,100,1000)",
    )
    parser.add_argument("--startup-repeats", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=4 * 3600, help="seconds one run may take")
    args = parser.parse_args(argv)

    sizes = [int(size) for size in args.sizes.split(",")] if args.sizes else None
    sizes = sizes or list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    reps = args.reps or (1 if args.quick else 3)
    tools = [tool for tool in args.tools.split(",") if tool]
    grammar_sizes = {int(size) for size in args.grammar_sizes.split(",") if size}
    unknown = [tool for tool in tools if tool not in ALL_TOOLS]
    if unknown:
        parser.error(f"unknown tools: {', '.join(unknown)}")
    if not IRLINT.exists():
        parser.error(f"{IRLINT} not found: run `make venv` first")

    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    lock = (work / ".lock").open("a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.seek(0)
        parser.exit(2, f"another bench/run.py ({lock.read().strip()}) is running: two at once distort each other\n")
    lock.seek(0)
    lock.truncate()
    lock.write(f"pid {os.getpid()}")
    lock.flush()
    env = {key: value for key, value in os.environ.items() if key != "IRLINT_LANGUAGETOOL_URL"}
    env["XDG_CACHE_HOME"] = str(work / f"run-{os.getpid()}" / "xdg")
    env["NO_COLOR"] = "1"
    needs_languagetool = "irlint-lt" in tools or args.startup_repeats > 0
    home = languagetool_home() if needs_languagetool else None
    if home:
        env["IRLINT_LANGUAGETOOL_HOME"] = home
    session = Session(work=work, timeout=args.timeout, env=env, irlint_options=detect_irlint_options())
    if needs_languagetool and not home:
        session.note("LanguageTool installation not found (make languagetool): grammar runs will fail")
    try:
        return _run_session(args, session, sizes, reps, tools, grammar_sizes, argv)
    finally:
        server_command(session, "stop")  # in case a run was interrupted with the server up
        shutil.rmtree(session.scratch, ignore_errors=True)


def _run_session(
    args: argparse.Namespace,
    session: Session,
    sizes: list[int],
    reps: int,
    tools: list[str],
    grammar_sizes: set[int],
    argv: Sequence[str] | None,
) -> int:
    """Generate the corpora and the Vale style, run everything, write and print the report."""
    work = session.work

    corpora: dict[int, dict[str, int]] = {}
    for size in sorted(set(sizes)):
        corpora[size] = corpus.generate(work / "corpora" / f"n{size}", size, args.seed)
    if "vale" in tools:
        translations = vale_style.write_style(ROOT / "rules", work / "vale", vale_style.available_packs(ROOT / "rules"))
        skipped = [f"{t.rule} ({t.skipped})" for t in translations if t.skipped]
        session.note(
            f"Vale style: {sum(1 for t in translations if t.vale_rules)} of {len(translations)} irlint rules "
            f"translated; left out: {', '.join(skipped) or 'none'}; "
            f"approximations in {_shown(work / 'vale' / 'translation.json')}"
        )

    started = time.time()
    load_before = os.getloadavg()
    for size in sizes:
        target = work / "corpora" / f"n{size}"
        size_reps = 1 if size >= 10_000 else reps
        print(f"{size} files, {corpora[size]['words']:,} words, {size_reps} repetition(s)", file=sys.stderr)
        for rep in range(size_reps):
            order = tools[rep % len(tools) :] + tools[: rep % len(tools)]
            for tool in order:
                if tool == "irlint-lt" and size not in grammar_sizes:
                    continue
                session.runs.extend(_tool_runs(session, tool, size, rep, target))
    if args.startup_repeats:
        one_file = next((work / "corpora" / f"n{min(sizes)}").rglob("*.md"))
        print(f"start-up ({args.startup_repeats} runs each)", file=sys.stderr)
        startup_runs(session, one_file, args.startup_repeats)

    cores = os.cpu_count() or 1
    summary = summarise(session.runs, corpora)
    reproduce = "make bench" + (f" BENCH_ARGS='{shlex.join(argv or sys.argv[1:])}'" if (argv or sys.argv[1:]) else "")
    report: dict[str, Any] = {
        "meta": {
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{platform.system()} {platform.machine()}, {cores} cores, "
            f"{os.sysconf('SC_PHYS_PAGES') * PAGE / 2**30:.0f} GiB",
            "python": platform.python_version(),
            "git": _git_revision(),
            "versions": {
                "irlint": _version([str(IRLINT), "--version"]),
                "vale": _version([str(VALE), "--version"]),
                "proselint": _proselint_version(),
            },
            "seed": args.seed,
            "sizes": sizes,
            "reps": reps,
            "tools": tools,
            "irlint_options": sorted(session.irlint_options),
            "seconds": round(time.time() - started, 1),
            "load_average_before": [round(value, 2) for value in load_before],
            "load_average_after": [round(value, 2) for value in os.getloadavg()],
            "reproduce": reproduce,
        },
        "corpora": {str(size): data for size, data in corpora.items()},
        "summary": summary,
        "targets": targets(session.runs, summary, cores),
        "notes": session.notes,
        "runs": [asdict(run) | {"cpu_cores": run.cpu_cores} for run in session.runs],
    }
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "latest.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    text = markdown(report)
    (args.results / "latest.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
