"""Fixes: turning findings whose rule declares a fix into edits of the source, applied or shown as a diff.

Only rules with ``fix: safe`` are applied by ``--fix``; ``fix: unsafe`` ones (a document-level disclaimer appended
at the end, a deletion) need ``--unsafe-fixes`` too. A fix replaces the flagged source text with the finding's first
suggestion, and only when that text holds no markup, so that a fix never breaks emphasis, links or entities.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from irlint.documents.model import line_starts
from irlint.model import Finding

_MARKUP = set("*_`[]<>&\\\n\r")


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace the source code points ``[start, end)`` with ``replacement``."""

    start: int
    end: int
    replacement: str
    rule: str


def edits_for(source: str, findings: Iterable[Finding], fixes: Mapping[str, str], unsafe: bool) -> list[Edit]:
    """The non-overlapping edits that fix ``findings`` in ``source``; ``fixes`` maps rule id to "safe"/"unsafe".

    Document-level fixes (text to add) become one edit that appends each text as a paragraph at the end."""
    starts = line_starts(source)
    edits: list[Edit] = []
    additions: list[Finding] = []
    for finding in findings:
        kind = fixes.get(finding.rule)
        if kind is None or (kind == "unsafe" and not unsafe) or not finding.suggestions:
            continue
        if (finding.line, finding.column) == (finding.end_line, finding.end_column) and not finding.text:
            additions.append(finding)
            continue
        if _MARKUP & set(finding.text):
            continue
        start = starts[finding.line - 1] + finding.column - 1
        end = starts[finding.end_line - 1] + finding.end_column - 1
        if source[start:end] == finding.text:
            edits.append(Edit(start, end, finding.suggestions[0], finding.rule))
    kept = _without_overlaps(sorted(edits))
    if additions:
        kept.append(_append(source, [finding.suggestions[0] for finding in additions], additions[0].rule))
    return kept


def _append(source: str, texts: Sequence[str], rule: str) -> Edit:
    """An edit that adds each of ``texts`` as a paragraph of its own at the end of ``source``."""
    stripped = source.rstrip("\r\n")
    newline = "\r\n" if "\r\n" in source else "\n"
    body = "".join(f"{newline}{newline}{text}" for text in texts)
    return Edit(len(stripped), len(source), f"{body}{newline}", rule)


def _without_overlaps(edits: Sequence[Edit]) -> list[Edit]:
    kept: list[Edit] = []
    for edit in edits:
        if not kept or edit.start >= kept[-1].end:
            kept.append(edit)
    return kept


def apply_edits(source: str, edits: Sequence[Edit]) -> str:
    """``source`` with ``edits`` (sorted, non-overlapping) applied."""
    pieces: list[str] = []
    position = 0
    for edit in edits:
        pieces.append(source[position : edit.start])
        pieces.append(edit.replacement)
        position = max(position, edit.end)
    pieces.append(source[position:])
    return "".join(pieces)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file's fix, as `git diff` would show it."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
