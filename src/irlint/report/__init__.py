"""The outcome of a run, its exit code, and the output formats."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from irlint.model import DocumentStats, FileError, Finding, Severity

if TYPE_CHECKING:
    from irlint.documents import Document

FAIL_ON_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True)
class Tally:
    """Counts of findings that were handed out one file at a time (``--format json``) instead of being kept."""

    error: int = 0
    warning: int = 0
    info: int = 0
    files_with_findings: int = 0


@dataclass(frozen=True)
class Report:
    """Everything a run produced: sorted findings, files that could not be linted, and notices for stderr."""

    findings: tuple[Finding, ...] = ()
    file_errors: tuple[FileError, ...] = ()
    notices: tuple[str, ...] = ()
    files_checked: int = 0
    lines: dict[tuple[str, int], str] = field(default_factory=dict, compare=False)
    fatal: tuple[str, ...] = ()
    stats: dict[str, DocumentStats] = field(default_factory=dict, compare=False)
    # Parsed documents by path, kept only when a formatter needs the whole text (``--format html``).
    documents: dict[str, Document] = field(default_factory=dict, compare=False)
    # Set when the findings were streamed to a writer as each file finished: then ``findings`` is empty.
    tally: Tally | None = None

    def source_line(self, path: str, line: int) -> str | None:
        """The text of a source line that has a finding (kept for the caret display), if known."""
        return self.lines.get((path, line))

    def exit_code(self, fail_on: str) -> int:
        """2 if any file could not be linted or a required engine failed; else 1 if a finding is at or above
        ``fail_on``; else 0."""
        if self.file_errors or self.fatal:
            return 2
        threshold = FAIL_ON_LEVELS.get(fail_on)
        counts = self.counts()
        if threshold is not None and any(counts[name] for name in counts if Severity.parse(name) >= threshold):
            return 1
        return 0

    def counts(self) -> dict[str, int]:
        """Number of findings per severity name, always with all three keys."""
        if self.tally is not None:
            return {"error": self.tally.error, "warning": self.tally.warning, "info": self.tally.info}
        counter = Counter(finding.severity.label for finding in self.findings)
        return {name: counter.get(name, 0) for name in ("error", "warning", "info")}

    def summary(self) -> dict[str, object]:
        """Counts for the JSON ``summary`` object."""
        counts = self.counts()
        with_findings = self.tally.files_with_findings if self.tally else len({f.path for f in self.findings})
        return {
            "files": self.files_checked,
            "files_with_findings": with_findings,
            "findings": sum(counts.values()),
            **counts,
            "file_errors": len(self.file_errors),
            "readability": {path: self.stats[path].to_dict() for path in sorted(self.stats)},
        }
