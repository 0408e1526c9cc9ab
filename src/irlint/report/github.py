"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation line per finding."""

from __future__ import annotations

from pathlib import Path

from irlint.model import Finding, Severity
from irlint.report import Report
from irlint.report.sarif import relative_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A workflow-command message: ``%``, CR and LF percent-encoded, as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow-command property value: like a message, and also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def suggestion_texts(finding: Finding) -> list[str]:
    """The finding's suggestions as the text output words them: ``add "..."`` for document-level findings,
    ``delete '...'`` for an empty replacement, else the replacement."""
    document_level = (finding.line, finding.column) == (finding.end_line, finding.end_column)
    shown: list[str] = []
    for suggestion in finding.suggestions:
        if document_level:
            shown.append(f'add "{suggestion}"')
        else:
            shown.append(suggestion if suggestion else f"delete '{finding.text}'")
    return shown


def _command(name: str, properties: list[tuple[str, str | int]], message: str) -> str:
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{name} {joined}::{escape_data(message)}" if joined else f"::{name}::{escape_data(message)}"


def format_github(report: Report, root: Path | None = None) -> str:
    """``::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE`` per finding (``::warning``,
    ``::notice`` by severity; suggestions as extra message lines), then ``::error file=PATH[,line=L]::MESSAGE`` per
    file that could not be checked and ``::error::MESSAGE`` per fatal error. Paths are relative to ``root``
    (default: the working directory) when they lie inside it."""
    base = (root if root is not None else Path.cwd()).absolute()
    lines: list[str] = []
    for finding in report.findings:
        properties: list[tuple[str, str | int]] = [
            ("file", _path(finding.path, base)),
            ("line", finding.line),
            ("col", finding.column),
        ]
        if (finding.line, finding.column) != (finding.end_line, finding.end_column):
            properties += [("endLine", finding.end_line), ("endColumn", finding.end_column)]
        properties.append(("title", finding.rule))
        message = "\n".join([finding.message, *(f"suggestion: {text}" for text in suggestion_texts(finding))])
        lines.append(_command(COMMANDS[finding.severity], properties, message))
    for error in report.file_errors:
        properties = [("file", _path(error.path, base))]
        if error.line is not None:
            properties.append(("line", error.line))
        lines.append(_command("error", properties, error.message))
    lines.extend(_command("error", [], message) for message in report.fatal)
    return "".join(line + "\n" for line in lines)


def _path(path: str, root: Path) -> str:
    relative = relative_path(path, root)
    return relative if relative is not None else path
