"""The linting engine: document → analysis → hits → findings, and whole runs over many files.

Data flows one way. Rules return hits in block coordinates; only this module places them in the source file, applies
selection and severity settings, removes duplicates and sorts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from irlint.cache import CachedResult, ResultCache
from irlint.config import Settings, matches_prefix
from irlint.discover import discover
from irlint.documents import Document, decode, parse_document, read_bytes
from irlint.engines import GrammarEngine
from irlint.engines.languagetool import RULE_PREFIX as GRAMMAR_PREFIX
from irlint.errors import InputError
from irlint.model import DocumentStats, FileError, Finding, Hit, Severity
from irlint.nlp import analyze, has_tagger, load_pipeline
from irlint.report import Report, Tally
from irlint.rules.context import Analysis
from irlint.rules.kinds import CompiledRule, RequireKind, SentenceKind
from irlint.rules.loader import configure_rules, load_rules, prepare_rules
from irlint.suppress import apply_suppressions, suppressions, unknown_rules, unused


@dataclass(frozen=True)
class _Plan:
    """For one document: which rules run, which are reported, and the severity overrides."""

    run: tuple[CompiledRule, ...]
    report: frozenset[str]
    severity: dict[str, Severity]
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]

    def reports(self, rule_id: str) -> bool:
        """Whether findings of ``rule_id`` are reported (LanguageTool ids are only known at run time)."""
        if rule_id.startswith(GRAMMAR_PREFIX):
            return (self.select is None or matches_prefix(rule_id, self.select)) and not matches_prefix(
                rule_id, self.ignore
            )
        return rule_id in self.report

    @property
    def wants_grammar(self) -> bool:
        """Whether any LanguageTool rule can be reported, so that the server is worth asking."""
        if any(prefix == GRAMMAR_PREFIX.rstrip(".") or prefix == "grammar" for prefix in self.ignore):
            return False
        if self.select is None:
            return True
        return any(
            p in ("ALL", "all", "grammar", GRAMMAR_PREFIX.rstrip(".")) or p.startswith(GRAMMAR_PREFIX)
            for p in self.select
        )

    def severity_for(self, rule_id: str, default: Severity) -> Severity:
        """The configured severity for ``rule_id`` (most specific prefix wins), else ``default``."""
        return _override(rule_id, self.severity) or default


class Linter:
    """Holds the loaded rules and the NLP pipeline for a run; lints documents one at a time.

    ``report_unused_suppressions`` adds a ``suppression.unused`` finding for each directive that suppresses nothing.
    """

    def __init__(
        self,
        settings: Settings,
        rules: Sequence[CompiledRule] | None = None,
        grammar: GrammarEngine | None = None,
        report_unused_suppressions: bool = False,
    ) -> None:
        self.settings = settings
        self.report_unused_suppressions = report_unused_suppressions
        loaded = rules if rules is not None else load_rules(settings.rule_packs)
        self.rules: tuple[CompiledRule, ...] = tuple(configure_rules(loaded, settings))
        self.grammar = grammar if grammar is not None else GrammarEngine(settings.grammar)
        self._prepared = False
        self._plans: dict[tuple[int, ...], _Plan] = {}

    def _prepare(self) -> None:
        if not self._prepared:
            nlp = load_pipeline(self.settings.pipeline)
            prepare_rules(self.rules, nlp, has_tagger(nlp))
            self._prepared = True

    def prepare(self) -> None:
        """Load the NLP pipeline and build every matcher now (errors surface before any file is read)."""
        self._prepare()

    # -- selection ---------------------------------------------------------------------------------------------

    def _relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.settings.root.resolve()).as_posix()
        except (ValueError, OSError):
            return Path(path).as_posix()

    def _plan(self, path: str) -> _Plan:
        relative = self._relative(path)
        overrides = tuple(i for i, item in enumerate(self.settings.per_path) if item.matches(relative))
        if overrides not in self._plans:
            self._plans[overrides] = self._make_plan(overrides)
        return self._plans[overrides]

    def _make_plan(self, overrides: tuple[int, ...]) -> _Plan:
        select = self.settings.select
        ignore = list(self.settings.ignore)
        severity = dict(self.settings.severity)
        for index in overrides:
            item = self.settings.per_path[index]
            select = item.select if item.select is not None else select
            ignore += item.ignore
            severity.update(item.severity)
        reported = [rule for rule in self.rules if _selected(rule, select) and not matches_prefix(rule.id, ignore)]
        needed = {rule.id for rule in reported}
        for rule in reported:
            if isinstance(rule, RequireKind):
                needed |= {other.id for other in self.rules if matches_prefix(other.id, rule.trigger_rules)}
        run = tuple(rule for rule in self.rules if rule.id in needed)
        return _Plan(run, frozenset(r.id for r in reported), severity, select, tuple(ignore))

    # -- linting -----------------------------------------------------------------------------------------------

    def lint_document(self, document: Document) -> list[Finding]:
        """All findings for one parsed document, placed, filtered, deduplicated, suppressed and sorted."""
        return self._check(document)[0]

    def _check(self, document: Document) -> tuple[list[Finding], DocumentStats | None]:
        """The findings for ``document`` and the measurements of its prose."""
        self._prepare()
        plan = self._plan(document.path)
        analysis = Analysis(document, analyze([block.text for block in document.blocks], self.settings.pipeline))
        hits: list[Hit] = []
        for rule in plan.run:
            if isinstance(rule, SentenceKind):
                hits.extend(rule.check_all(analysis))
        for rule in plan.run:
            if rule.document_level and self._applies(rule, document):
                hits.extend(rule.check_document(analysis, hits))  # type: ignore[attr-defined]
        if plan.wants_grammar:
            hits.extend(self.grammar.check(document))
        reported = [hit for hit in hits if plan.reports(hit.rule)]
        findings = [self._place(document, hit, plan.severity_for(hit.rule, hit.severity)) for hit in reported]
        kept = sorted(self._suppress(document, plan, _dedupe(_drop_engine_duplicates(findings))))
        return kept, _measure(analysis, plan)

    def _suppress(self, document: Document, plan: _Plan, findings: list[Finding]) -> list[Finding]:
        """``findings`` without the suppressed ones, plus the ``suppression.*`` findings about the directives
        (subject to ``ignore`` and severity overrides, not to ``select``)."""
        if not document.directives:
            return findings
        ranges = suppressions(document)
        kept, used = apply_suppressions(findings, ranges)
        rule_ids = [rule.id for rule in self.rules]
        notes = unknown_rules(document, rule_ids)
        if self.report_unused_suppressions:
            grammar_ran = plan.wants_grammar and self.grammar.settings.enabled and self.grammar.failure is None
            notes += unused(document, ranges, used, rule_ids, lambda rule: _checked(plan, rule, grammar_ran))
        notes = [note for note in notes if not matches_prefix(note.rule, plan.ignore)]
        return kept + [replace(note, severity=plan.severity_for(note.rule, note.severity)) for note in notes]

    def _applies(self, rule: CompiledRule, document: Document) -> bool:
        if not isinstance(rule, RequireKind):
            return True
        relative = self._relative(document.path)
        if rule.spec.disclaimer:
            required = self._required_disclaimers(document, relative)
            if required is not None:
                return rule.id in required
        return rule.applies(relative, document.front_matter)

    def _content_type(self, document: Document, relative: str) -> str | None:
        for item in self.settings.per_path:
            if item.content_type and item.matches(relative):
                return item.content_type
        value: Any = document.front_matter.get(self.settings.content_type_key)
        return str(value) if value is not None else None

    def _required_disclaimers(self, document: Document, relative: str) -> tuple[str, ...] | None:
        table = self.settings.required_disclaimers
        content_type = self._content_type(document, relative)
        if content_type is not None and content_type in table:
            return table[content_type]
        return table.get("default")

    @staticmethod
    def _place(document: Document, hit: Hit, severity: Severity) -> Finding:
        if hit.block is None:
            start = end = 0
            line, column, end_line, end_column = 1, 1, 1, 1
        else:
            start, end = document.blocks[hit.block].source_span(hit.start, hit.end)
            line, column, end_line, end_column = document.span_position(start, end)
        return Finding(
            path=document.path,
            line=line,
            column=column,
            rule=hit.rule,
            end_line=end_line,
            end_column=end_column,
            severity=severity,
            message=hit.message,
            suggestions=hit.suggestions,
            text=document.source[start:end],
            engine=hit.engine,
        )

    def lint_text(self, text: str, path: str = "<text>", fmt: str | None = None) -> list[Finding]:
        """Findings for ``text`` as if it were the file ``path``."""
        return self.lint_document(parse_document(text, path, fmt))

    def lint_file(self, path: str, data: bytes | None = None, keep_document: bool = False) -> FileResult:
        """Lint one input: ``data`` as the file ``path``, or the file itself when ``data`` is None.

        Never raises for a bad file: one that cannot be read, or whose checking fails unexpectedly, gives a result
        with an ``error``, so that one file never costs the others their findings."""
        self._prepare()
        try:
            source = decode(data if data is not None else read_bytes(Path(path), path), path)
            document = parse_document(source, path)
            if not document.source.strip():
                return FileResult(path, notice=f"{path}: empty file, nothing to check", checked=True)
            findings, stats = self._check(document)
            lines = tuple(sorted({(finding.line, document.line_text(finding.line)) for finding in findings}))
        except InputError as error:
            return FileResult(path, error=FileError(path, error.detail, error.line))
        except Exception as error:  # a bug must not cost the other files their findings
            detail = " ".join(str(error).split())[:200]
            message = f"internal error while checking this file: {type(error).__name__}: {detail} (please report)"
            return FileResult(path, error=FileError(path, message), checked=True)
        grammar_failed = self._plan(path).wants_grammar and self.grammar.failed_during_run
        return FileResult(
            path,
            tuple(findings),
            lines,
            stats=stats,
            notices=self.grammar.take_notices(),
            checked=True,
            complete=not grammar_failed,
            document=document if keep_document else None,
        )

    def lint_paths(
        self,
        paths: Sequence[str],
        stdin: tuple[str, bytes] | None = None,
        *,
        jobs: int | None = 1,
        cache: ResultCache | None = None,
        keep_documents: bool = False,
        keep_lines: bool = True,
        progress: Callable[[int, int, int], None] | None = None,
        on_result: Callable[[FileResult], None] | None = None,
    ) -> Report:
        """Lint files and directories, and the bytes of standard input named ``stdin[0]`` where a path is ``-``.

        ``jobs`` > 1 checks files in that many worker processes (one LanguageTool server, concurrent requests),
        None as many as there are CPUs, twice that when LanguageTool is used (workers then mostly wait for it);
        ``cache`` reuses results of unchanged files; ``keep_documents`` keeps each parsed document in the report
        (for the HTML report) and ``keep_lines`` the source lines that have findings (for the text format);
        ``progress(done, total, findings)`` is called after each file. With ``on_result``, each file's result is
        handed to it in path order as soon as it and the files before it are done, and only counted (``tally``):
        then memory does not grow with the number of files, one document at a time per process. Files are checked
        in path order (each once), so findings come out sorted. The report is the same whatever ``jobs`` and
        ``cache`` are. Never stops at a bad file."""
        inputs = sorted(dict.fromkeys(self._inputs(paths, stdin)))
        results: list[FileResult | None] = [None] * len(inputs)
        pending: list[tuple[int, str, bytes | None]] = []
        if cache is not None:
            cache = cache.extended(self.grammar.identity())
        streamed = _Stream(results, on_result)
        served_findings = 0
        for index, path in enumerate(inputs):
            data = stdin[1] if stdin is not None and path == stdin[0] else None
            if cache is not None and data is None:
                served = self._from_cache(path, cache, keep_documents)
                if served is not None:
                    results[index] = served
                    served_findings += len(served.findings)
                    streamed.flush()  # a run served from the cache holds no findings either
                    continue
            pending.append((index, path, data))
        counts = [len(inputs) - len(pending), served_findings]
        if pending:
            self._prepare()  # here, not per file: a broken rule pack stops the run before any file is checked
        for index, result in self._run(pending, jobs, keep_documents, cache):
            results[index] = result if keep_lines else replace(result, lines=())
            streamed.flush()
            counts[0] += 1
            counts[1] += len(result.findings)
            if progress is not None:
                progress(counts[0], len(inputs), counts[1])
        report = self._report([result for result in results if result is not None])
        return replace(report, tally=streamed.tally) if on_result is not None else report

    def _run(
        self,
        pending: list[tuple[int, str, bytes | None]],
        jobs: int | None,
        keep_documents: bool,
        cache: ResultCache | None,
    ) -> Iterator[tuple[int, FileResult]]:
        """Results for ``pending`` inputs in their order: here, or in ``jobs`` forked worker processes."""
        grammar = any(self._plan(path).wants_grammar for _, path, _ in pending) and self.grammar.settings.enabled
        if jobs is None:
            jobs = cpu_count() * (2 if grammar else 1)
        if jobs <= 1 or len(pending) < 2 or not _can_fork():
            for index, path, data in pending:
                yield index, self._check_and_store(path, data, keep_documents, cache)
            return
        if grammar:
            self.grammar.connect()  # start or find the one server the workers share (a failure is recorded once)
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER_LINTER  # noqa: PLW0603 -- a forked worker inherits the linter through this, by design
        _WORKER_LINTER = self
        try:
            context = multiprocessing.get_context("fork")
            workers = min(jobs, len(pending))
            chunk = max(1, min(8, len(pending) // (workers * 4)))
            items = [(path, data, keep_documents, cache) for _, path, data in pending]
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
                for (index, _, _), result in zip(pending, pool.map(_work, items, chunksize=chunk), strict=True):
                    yield index, result
        finally:
            _WORKER_LINTER = None

    def _check_and_store(
        self, path: str, data: bytes | None, keep_document: bool, cache: ResultCache | None
    ) -> FileResult:
        """``lint_file``, storing a complete result in ``cache`` under the key of the bytes actually checked."""
        if cache is None or data is not None:
            return self.lint_file(path, data, keep_document)
        try:
            data = read_bytes(Path(path), path)
        except InputError as error:
            return FileResult(path, error=FileError(path, error.detail, error.line))
        result = self.lint_file(path, data, keep_document)
        if result.error is None and result.complete:
            cache.put(cache.key(path, data), CachedResult(result.findings, result.lines, result.stats, result.notice))
        return result

    def _from_cache(self, path: str, cache: ResultCache, keep_document: bool) -> FileResult | None:
        """The cached result for the file ``path`` as it is now, or None (also when it cannot be read: then
        checking it reports why)."""
        try:
            data = read_bytes(Path(path), path)
        except InputError:
            return None
        hit = cache.get(cache.key(path, data))
        if hit is None:
            return None
        document = parse_document(decode(data, path), path) if keep_document else None
        return FileResult(path, hit.findings, hit.lines, hit.stats, notice=hit.notice, checked=True, document=document)

    def _report(self, results: Sequence[FileResult]) -> Report:
        findings = [finding for result in results for finding in result.findings]
        errors = tuple(result.error for result in results if result.error is not None)
        notices = [result.notice for result in results if result.notice is not None]
        for result in results:
            notices.extend(result.notices)
        notices.extend(self.grammar.take_notices())
        lines = {(result.path, line): text for result in results for line, text in result.lines}
        stats = {result.path: result.stats for result in results if result.stats is not None}
        documents = {result.path: result.document for result in results if result.document is not None}
        checked = sum(1 for result in results if result.checked)
        failure = self.grammar.failure or next((r.grammar_failure for r in results if r.grammar_failure), None)
        fatal: tuple[str, ...] = ()
        if failure is not None and self.settings.grammar.required:
            fatal = (f"grammar checking is required (--require-grammar) but failed: {failure}",)
        return Report(
            tuple(sorted(findings)),
            errors,
            tuple(dict.fromkeys(notices)),
            checked,
            lines,
            fatal,
            stats=stats,
            documents=documents,
        )

    def close(self) -> None:
        """Release what the run holds: stop a LanguageTool server started for it."""
        self.grammar.close()

    def _inputs(self, paths: Sequence[str], stdin: tuple[str, bytes] | None) -> Iterable[str]:
        settings = self.settings
        for path in paths:
            if stdin is not None and path == "-":
                yield stdin[0]
            else:
                yield from discover([path], settings.extensions, settings.exclude, settings.root)


@dataclass(frozen=True)
class FileResult:
    """What checking one input produced; ``complete`` is False when LanguageTool failed during it (such a result
    is not cached)."""

    path: str
    findings: tuple[Finding, ...] = ()
    lines: tuple[tuple[int, str], ...] = ()
    stats: DocumentStats | None = None
    error: FileError | None = None
    notice: str | None = None
    notices: tuple[str, ...] = ()
    checked: bool = False
    complete: bool = True
    grammar_failure: str | None = None
    document: Document | None = None


class _Stream:
    """Hands finished results to ``on_result`` in input order and keeps only their counts."""

    def __init__(self, results: list[FileResult | None], on_result: Callable[[FileResult], None] | None) -> None:
        self.results = results
        self.on_result = on_result
        self.next = 0
        self.counts = {severity: 0 for severity in Severity}
        self.files_with_findings = 0

    def flush(self) -> None:
        """Hand out every result that is ready and whose predecessors have been handed out."""
        if self.on_result is None:
            return
        while self.next < len(self.results) and (result := self.results[self.next]) is not None:
            self.on_result(result)
            for finding in result.findings:
                self.counts[finding.severity] += 1
            self.files_with_findings += bool(result.findings)
            self.results[self.next] = replace(result, findings=(), lines=(), document=None)
            self.next += 1

    @property
    def tally(self) -> Tally:
        """The counts of everything handed out."""
        counts = self.counts
        return Tally(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO], self.files_with_findings)


# The linter a forked worker process uses: set by the parent just before it forks its pool, cleared after.
_WORKER_LINTER: Linter | None = None


def cpu_count() -> int:
    """CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _start_worker() -> None:
    """In a new worker: leave Ctrl-C and SIGTERM to the parent, and talk to LanguageTool over its own connection
    without ever owning (or stopping) the server."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _WORKER_LINTER is not None:
        _WORKER_LINTER.grammar = _WORKER_LINTER.grammar.for_worker()


def _work(item: tuple[str, bytes | None, bool, ResultCache | None]) -> FileResult:
    assert _WORKER_LINTER is not None
    path, data, keep_document, cache = item
    result = _WORKER_LINTER._check_and_store(path, data, keep_document, cache)
    failure = _WORKER_LINTER.grammar.failure
    return replace(result, grammar_failure=failure) if failure is not None else result


def _measure(analysis: Analysis, plan: _Plan) -> DocumentStats | None:
    """The readability measurements of the document's prose, when a readability rule runs (they are computed
    once per document, by whichever asks first)."""
    from irlint.rules.readability import ReadabilityKind, measure

    if not any(isinstance(rule, ReadabilityKind) for rule in plan.run):
        return None
    return measure(analysis)


def _checked(plan: _Plan, rule: str, grammar_ran: bool) -> bool:
    """Whether findings of the rule id or prefix ``rule`` could have been reported under ``plan``."""
    if any(matches_prefix(rule_id, [rule]) for rule_id in plan.report):
        return True
    probe = rule if rule.startswith(GRAMMAR_PREFIX) else GRAMMAR_PREFIX + "ANY"
    return grammar_ran and matches_prefix(probe, [rule]) and plan.reports(probe)


def _selected(rule: CompiledRule, select: Sequence[str] | None) -> bool:
    if not rule.spec.enabled:
        return select is not None and rule.id in select
    return select is None or matches_prefix(rule.id, select)


def _override(rule_id: str, severity: dict[str, Severity]) -> Severity | None:
    """The severity set for the most specific prefix of ``rule_id``, if any."""
    best: tuple[int, Severity] | None = None
    for prefix, value in severity.items():
        if matches_prefix(rule_id, [prefix]) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), value)
    return best[1] if best else None


def _overlaps(a: Finding, b: Finding) -> bool:
    return (
        a.path == b.path
        and (a.line, a.column) < (b.end_line, b.end_column)
        and (b.line, b.column)
        < (
            a.end_line,
            a.end_column,
        )
    )


def _drop_engine_duplicates(findings: list[Finding]) -> list[Finding]:
    """A LanguageTool finding that overlaps a built-in grammar or hygiene finding says the same thing twice:
    keep the built-in one, whose message and suggestion were written for the case."""
    own = [f for f in findings if f.engine == "irlint" and f.rule.split(".")[0] in ("grammar", "hygiene")]
    return [f for f in findings if f.engine == "irlint" or not any(_overlaps(f, other) for other in own)]


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Where rules of one pack flag the same or overlapping text, keep one finding: the most severe, then the
    narrowest (the most specific rule). Document-level findings (an empty span at 1:1) are all kept."""
    kept: list[Finding] = []
    spans: dict[tuple[str, str], list[tuple[tuple[int, int], tuple[int, int]]]] = {}

    def rank(finding: Finding) -> tuple[int, int, int, str]:
        width = (finding.end_line - finding.line) * 10_000 + (finding.end_column - finding.column)
        return (-finding.severity, width, finding.line, finding.rule)

    for finding in sorted(findings, key=rank):
        start, end = (finding.line, finding.column), (finding.end_line, finding.end_column)
        if start == end:
            kept.append(finding)
            continue
        taken = spans.setdefault((finding.path, finding.rule.split(".")[0]), [])
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        kept.append(finding)
    return kept
