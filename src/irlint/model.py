"""The core records that flow through irlint: severities, hits and findings.

Positions at the edges (``Finding``) are 1-based lines and columns counted in Unicode code points.
Offsets inside (``Hit``) are 0-based, half-open, in code points of a block's plain text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How serious a finding is; higher is more serious."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The lower-case name used in output and configuration."""
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        """Turn ``"error"``, ``"warning"`` or ``"info"`` into a Severity; raise ValueError otherwise."""
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (expected error, warning or info)") from None


SEVERITY_NAMES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports, before it is placed in the source file.

    ``start``/``end`` are 0-based, half-open code-point offsets into the plain text of block ``block``;
    a document-level hit has ``block`` None and is reported at line 1, column 1.
    """

    rule: str
    severity: Severity
    message: str
    block: int | None = None
    start: int = 0
    end: int = 0
    suggestions: tuple[str, ...] = ()
    engine: str = "irlint"


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem at one place in one file.

    ``line``/``column`` and ``end_line``/``end_column`` are 1-based and count Unicode code points; the end is
    exclusive (it points just past the flagged text). Findings sort by path, line, column and rule.
    """

    path: str
    line: int
    column: int
    rule: str
    end_line: int = field(compare=False)
    end_column: int = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    suggestions: tuple[str, ...] = field(default=(), compare=False)
    text: str = field(default="", compare=False)
    engine: str = field(default="irlint", compare=False)

    def to_dict(self) -> dict[str, object]:
        """The finding as plain JSON-ready data, in the documented field order."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "text": self.text,
            "engine": self.engine,
        }


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be linted, with a one-line reason and, when known, the 1-based line at fault."""

    path: str
    message: str
    line: int | None = None

    @property
    def location(self) -> str:
        """``path`` or ``path:line``."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class DocumentStats:
    """Measurements of one document's prose projection (markup, code and URLs excluded).

    The readability figures are None when no readability rule ran or the prose is too short to measure.
    """

    words: int
    sentences: int
    flesch_kincaid_grade: float | None = None
    smog_index: float | None = None

    def to_dict(self) -> dict[str, object]:
        """The measurements as JSON-ready data, in a fixed key order."""
        return {
            "words": self.words,
            "sentences": self.sentences,
            "flesch_kincaid_grade": self.flesch_kincaid_grade,
            "smog_index": self.smog_index,
        }
