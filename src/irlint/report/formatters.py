"""Output formats. A formatter turns a Report into text and never filters or decides the exit code."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring

from irlint.model import Finding, Severity
from irlint.report import Report
from irlint.report.github import format_github
from irlint.report.html import format_html
from irlint.report.junit import format_junit
from irlint.report.sarif import format_sarif

JSON_VERSION = 1

_COLOURS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


_FINDINGS_SLOT = "\0findings\0"


def format_json(report: Report, colour: bool = False) -> str:
    """``{"version": 1, "findings": [...], "errors": [...], "summary": {...}}``, keys in a fixed order, indented
    by two spaces exactly as ``json.dumps(..., indent=2, ensure_ascii=False)`` would."""
    pieces: list[str] = []
    writer = JsonWriter(pieces.append)
    writer.add(report.findings)
    writer.finish(report)
    return "".join(pieces)


class JsonWriter:
    """Writes the JSON format while the run goes: findings as each file finishes, then errors and the summary.

    The output is byte for byte ``format_json``'s, so that a large run never holds its findings or its output."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self._write = write
        self._count = 0

    def _head(self) -> str:
        # Written with the first findings, so that a run that fails before any file leaves no partial output.
        head = json.dumps({"version": JSON_VERSION, "findings": _FINDINGS_SLOT}, indent=2)
        return head.split(json.dumps(_FINDINGS_SLOT), 1)[0]

    def add(self, findings: Sequence[Finding]) -> None:
        """Write ``findings`` (they arrive sorted)."""
        if not findings:
            return
        # json's indenting encoder is pure Python and dominated cached runs over many files: findings, the bulk of
        # the output, are written here with the C string encoder.
        separator = ",\n" if self._count else self._head() + "[\n"
        self._write(separator + ",\n".join(_finding_json(finding) for finding in findings))
        self._count += len(findings)

    def finish(self, report: Report) -> None:
        """Close the findings and write the errors and the summary of ``report``."""
        payload = {
            "version": JSON_VERSION,
            "findings": _FINDINGS_SLOT,
            "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in report.file_errors],
            "summary": report.summary(),
        }
        tail = json.dumps(payload, indent=2, ensure_ascii=False).split(json.dumps(_FINDINGS_SLOT), 1)[1]
        self._write(("\n  ]" if self._count else self._head() + "[]") + tail + "\n")


def _finding_json(finding: Finding) -> str:
    """One finding as an element of the indented ``findings`` array (the fields of ``Finding.to_dict``)."""
    text = encode_basestring
    suggestions = ",\n".join(f"        {text(item)}" for item in finding.suggestions)
    listed = f"[\n{suggestions}\n      ]" if suggestions else "[]"
    return (
        f'    {{\n      "path": {text(finding.path)},\n      "line": {finding.line},\n'
        f'      "column": {finding.column},\n      "end_line": {finding.end_line},\n'
        f'      "end_column": {finding.end_column},\n      "rule": {text(finding.rule)},\n'
        f'      "severity": "{finding.severity.label}",\n      "message": {text(finding.message)},\n'
        f'      "suggestions": {listed},\n'
        f'      "text": {text(finding.text)},\n      "engine": {text(finding.engine)}\n    }}'
    )


_CONTEXT = 40  # characters of the source line shown on each side of a finding
_MAX_SHOWN = 100


def _caret(line_text: str, finding: Finding) -> tuple[str, str]:
    """The source line (tabs as spaces), cut to a window around the finding when long, and a caret underline."""
    shown = line_text.replace("\t", " ")
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(shown)
    end = max(end, start + 1)
    if len(shown) > _MAX_SHOWN:
        left = max(0, start - _CONTEXT)
        right = min(len(shown), max(end + _CONTEXT, left + _MAX_SHOWN))
        prefix = "…" if left > 0 else ""
        suffix = "…" if right < len(shown) else ""
        shown = prefix + shown[left:right] + suffix
        start, end = start - left + len(prefix), min(end, right) - left + len(prefix)
    return shown, " " * start + "^" * (end - start)


def format_text(report: Report, colour: bool = False, quiet: bool = False) -> str:
    """``path:line:col: severity rule message``, then the source line, a caret underline and the suggestions;
    a summary line at the end. ``quiet`` keeps only the first line of each finding."""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    out: list[str] = []
    for finding in report.findings:
        location = paint(f"{finding.path}:{finding.line}:{finding.column}:", _BOLD)
        severity = paint(finding.severity.label, _COLOURS[finding.severity])
        out.append(f"{location} {severity} {finding.rule} {finding.message}")
        if quiet:
            continue
        line_text = report.source_line(finding.path, finding.line)
        is_document_level = (finding.line, finding.column) == (finding.end_line, finding.end_column)
        if line_text is not None and not is_document_level:
            shown, caret = _caret(line_text, finding)
            gutter = f"{finding.line:>5} | "
            out.append(paint(gutter, _DIM) + shown)
            out.append(" " * (len(gutter) - 2) + paint("| ", _DIM) + paint(caret, _COLOURS[finding.severity]))
        for suggestion in finding.suggestions:
            if is_document_level:
                shown = f'add "{suggestion}"'
            else:
                shown = suggestion if suggestion else f"delete '{finding.text}'"
            out.append(f"      = suggestion: {shown}")
    if not quiet or any(report.counts().values()):
        out.append(_summary_line(report))
    return "\n".join(out) + "\n" if out else ""


def _summary_line(report: Report) -> str:
    counts = report.counts()
    files = report.files_checked
    total = sum(counts.values())
    if not total:
        text = f"No findings in {_plural(files, 'file')}."
    else:
        parts = [f"{counts[name]} {name}{'s' if counts[name] != 1 and name != 'info' else ''}" for name in counts]
        text = f"Found {_plural(total, 'finding')} ({', '.join(parts)}) in {_plural(files, 'file')}."
    if report.file_errors:
        text += f" {_plural(len(report.file_errors), 'file')} could not be checked."
    return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


FORMATTERS: dict[str, Callable[..., str]] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
    "junit": format_junit,
    "html": format_html,
}
