"""The linting engine: document → analysis → hits → findings, and whole runs over many files.

Data flows one way. Rules return hits in block coordinates; only this module places them in the source file, applies
selection and severity settings, removes duplicates and sorts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from irlint.config import Settings, matches_prefix
from irlint.discover import discover
from irlint.documents import Document, decode, parse_document, read_document
from irlint.engines import GrammarEngine
from irlint.engines.languagetool import RULE_PREFIX as GRAMMAR_PREFIX
from irlint.errors import InputError
from irlint.model import FileError, Finding, Hit, Severity
from irlint.nlp import analyze, has_tagger, load_pipeline
from irlint.report import Report
from irlint.rules.context import Analysis
from irlint.rules.kinds import CompiledRule, RequireKind, SentenceKind
from irlint.rules.loader import load_rules, prepare_rules
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
        self.rules: tuple[CompiledRule, ...] = tuple(rules if rules is not None else load_rules(settings.rule_packs))
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
        self._prepare()
        plan = self._plan(document.path)
        analysis = Analysis(document, analyze([block.text for block in document.blocks], self.settings.pipeline))
        hits: list[Hit] = []
        for rule in plan.run:
            if isinstance(rule, SentenceKind):
                for index in range(len(document.blocks)):
                    hits.extend(rule.check(analysis, index))
        for rule in plan.run:
            if rule.document_level and self._applies(rule, document):
                hits.extend(rule.check_document(analysis, hits))  # type: ignore[attr-defined]
        if plan.wants_grammar:
            hits.extend(self.grammar.check(document))
        reported = [hit for hit in hits if plan.reports(hit.rule)]
        findings = [self._place(document, hit, plan.severity_for(hit.rule, hit.severity)) for hit in reported]
        return sorted(self._suppress(document, plan, _dedupe(_drop_engine_duplicates(findings))))

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

    def lint_paths(self, paths: Sequence[str], stdin: tuple[str, bytes] | None = None) -> Report:
        """Lint files and directories, and the bytes of standard input named ``stdin[0]`` where a path is ``-``.

        Never stops at a bad file: a file that cannot be read, or whose checking fails unexpectedly, becomes a
        FileError and the run goes on."""
        self._prepare()
        findings: list[Finding] = []
        errors: list[FileError] = []
        notices: list[str] = []
        lines: dict[tuple[str, int], str] = {}
        checked = 0
        for path in self._inputs(paths, stdin):
            try:
                if stdin is not None and path == stdin[0]:
                    document = parse_document(decode(stdin[1], path), path)
                else:
                    document = read_document(Path(path), path)
                checked += 1
                if not document.source.strip():
                    notices.append(f"{path}: empty file, nothing to check")
                    continue
                found = self.lint_document(document)
            except InputError as error:
                errors.append(FileError(path, error.detail, error.line))
                continue
            except Exception as error:  # a bug must not cost the other files their findings
                detail = " ".join(str(error).split())[:200]
                message = f"internal error while checking this file: {type(error).__name__}: {detail} (please report)"
                errors.append(FileError(path, message))
                continue
            findings.extend(found)
            lines.update({(f.path, f.line): document.line_text(f.line) for f in found})
        notices.extend(self.grammar.notices)
        fatal: tuple[str, ...] = ()
        if self.grammar.failure is not None and self.settings.grammar.required:
            fatal = (f"grammar checking is required (--require-grammar) but failed: {self.grammar.failure}",)
        return Report(tuple(sorted(findings)), tuple(errors), tuple(notices), checked, lines, fatal)

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
