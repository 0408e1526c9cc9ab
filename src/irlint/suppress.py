"""Suppressions: from a document's directives to ranges, suppressed findings, unknown rule ids and unused directives.

The parsers collect the directives (``irlint-disable``, ``irlint-enable``, ``irlint-disable-next-line`` comments and
the front-matter ``irlint: {ignore: [...]}``); this module only reads ``Document.directives`` and findings.

A suppression covers the findings of one rule id or prefix (or of every rule) whose start lies in a range of
(line, column) positions: from an ``irlint-disable`` to the ``irlint-enable`` that ends it (or to the end of the
file), the whole next line with content after an ``irlint-disable-next-line``, or the whole file for a front-matter
``ignore``. A document-level finding (a missing disclaimer, reported at 1:1 with an empty span) is about the whole
file, so only a file-wide suppression covers it: a front-matter ``ignore``, or an ``irlint-disable`` that no
``irlint-enable`` ends.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from irlint.config import matches_prefix
from irlint.documents.model import Directive, Document, line_starts
from irlint.engines.languagetool import RULE_PREFIX as GRAMMAR_PREFIX
from irlint.model import Finding, Severity

UNKNOWN_RULE = "suppression.unknown-rule"
UNUSED = "suppression.unused"
RULE_IDS = (UNKNOWN_RULE, UNUSED)

_LABELS = {"ignore": "the front-matter 'irlint: {ignore}'"}


@dataclass(frozen=True, slots=True)
class Suppression:
    """Findings of ``rule`` (an id or prefix; None for every rule) that start in ``[start, end)`` are not reported.

    Positions are 1-based (line, column); ``end`` None means to the end of the file (a file-wide suppression).
    ``directive`` is the index of the directive in ``Document.directives``, ``closed_by`` that of the
    ``irlint-enable`` that ended the range, if any.
    """

    rule: str | None
    directive: int
    start: tuple[int, int]
    end: tuple[int, int] | None = None
    closed_by: int | None = None

    def covers(self, finding: Finding) -> bool:
        """Whether this suppression silences ``finding``."""
        if self.rule is not None and not matches_prefix(finding.rule, [self.rule]):
            return False
        if is_document_level(finding):
            return self.end is None
        at = (finding.line, finding.column)
        return self.start <= at and (self.end is None or at < self.end)


def is_document_level(finding: Finding) -> bool:
    """Whether ``finding`` is about the whole document: reported at line 1, column 1 with an empty span."""
    return (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 1, 1, 1)


def suppressions(document: Document) -> list[Suppression]:
    """The suppression ranges of ``document``'s directives, one per directive and rule id (or prefix)."""
    ranges: list[Suppression] = []
    still_open: list[Suppression] = []
    for index, directive in enumerate(document.directives):
        rules: Sequence[str | None] = directive.rules or (None,)
        if directive.kind == "ignore":
            ranges += [Suppression(rule, index, (1, 1)) for rule in rules]
        elif directive.kind == "disable-next-line":
            line = _next_content_line(document, directive)
            if line is not None:
                ranges += [Suppression(rule, index, (line, 1), (line + 1, 1)) for rule in rules]
        elif directive.kind == "disable":
            still_open += [Suppression(rule, index, document.position(directive.start)) for rule in rules]
        else:  # enable: ends the open ranges it names (all of them when it names none)
            at = document.position(directive.start)
            ended = [
                item
                for item in still_open
                if not directive.rules or matches_prefix(item.rule or "", directive.rules)  # "" only under ALL
            ]
            ranges += [replace(item, end=at, closed_by=index) for item in ended]
            still_open = [item for item in still_open if item not in ended]
    return ranges + still_open


def _next_content_line(document: Document, directive: Directive) -> int | None:
    """The first line after ``directive`` that holds something other than whitespace and directive comments."""
    starts = document.line_starts or line_starts(document.source)
    comments = [(other.start, other.end) for other in document.directives if other.kind != "ignore"]
    after = document.position(max(directive.end - 1, directive.start))[0]
    for line in range(after + 1, len(starts) + 1):
        begin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(document.source)
        text = document.source[begin:end]
        for start, stop in comments:
            if start < end and stop > begin:
                low, high = max(start, begin) - begin, min(stop, end) - begin
                text = text[:low] + " " * (high - low) + text[high:]
        if text.strip():
            return line
    return None


def apply_suppressions(findings: Sequence[Finding], ranges: Sequence[Suppression]) -> tuple[list[Finding], set[int]]:
    """The findings that no suppression covers, and the indices (into ``ranges``) of the suppressions used."""
    kept: list[Finding] = []
    used: set[int] = set()
    for finding in findings:
        covering = {index for index, item in enumerate(ranges) if item.covers(finding)}
        used |= covering
        if not covering:
            kept.append(finding)
    return kept, used


def is_known(rule: str, rule_ids: Collection[str]) -> bool:
    """Whether a directive's ``rule`` names a loaded rule or a prefix of one (LanguageTool ids are always known)."""
    return rule.startswith(GRAMMAR_PREFIX.rstrip(".")) or any(matches_prefix(known, [rule]) for known in rule_ids)


def unknown_rules(document: Document, rule_ids: Collection[str]) -> list[Finding]:
    """A ``suppression.unknown-rule`` warning at each rule id in a directive that matches no loaded rule."""
    found: list[Finding] = []
    for directive in document.directives:
        for rule, start in zip(directive.rules, directive.rule_starts, strict=True):
            if not is_known(rule, rule_ids):
                message = (
                    f"Unknown rule '{rule}' in {_label(directive)}: no rule id or prefix matches it, so it "
                    "suppresses nothing (see 'irlint rules')."
                )
                found.append(_finding(document, UNKNOWN_RULE, Severity.WARNING, message, start, start + len(rule)))
    return found


def unused(
    document: Document,
    ranges: Sequence[Suppression],
    used: Collection[int],
    rule_ids: Collection[str],
    checked: Callable[[str], bool],
) -> list[Finding]:
    """A ``suppression.unused`` finding at each directive that suppressed nothing.

    ``used`` are indices into ``ranges``; only rule ids that ``checked`` says were checked in this run count (a
    directive for a rule that did not run is not known to be unused); unknown ids are reported elsewhere."""
    used_rules = {(ranges[index].directive, ranges[index].rule) for index in used}
    closing = {item.closed_by for item in ranges}
    found: list[Finding] = []
    for index, directive in enumerate(document.directives):
        if directive.kind == "enable":
            if index not in closing:
                message = "Unused suppression: this irlint-enable ends no irlint-disable; remove it."
                found.append(_finding(document, UNUSED, Severity.INFO, message, directive.start, directive.end))
            continue
        idle = [
            rule
            for rule in directive.rules or (None,)
            if (index, rule) not in used_rules and (rule is None or (is_known(rule, rule_ids) and checked(rule)))
        ]
        if idle:
            names = ", ".join(rule or "every rule" for rule in idle)
            message = f"Unused suppression: {_label(directive)} suppresses no finding of {names}; remove it."
            found.append(_finding(document, UNUSED, Severity.INFO, message, directive.start, directive.end))
    return found


def _label(directive: Directive) -> str:
    return _LABELS.get(directive.kind, f"irlint-{directive.kind}")


def _finding(document: Document, rule: str, severity: Severity, message: str, start: int, end: int) -> Finding:
    line, column, end_line, end_column = document.span_position(start, end)
    return Finding(
        path=document.path,
        line=line,
        column=column,
        rule=rule,
        end_line=end_line,
        end_column=end_column,
        severity=severity,
        message=message,
        text=document.source[start:end],
    )
