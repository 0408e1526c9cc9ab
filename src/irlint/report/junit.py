"""JUnit XML for CI dashboards (GitLab merge-request widgets, Jenkins test reports).

One ``<testsuite name="irlint">``; one ``<testcase>`` per finding (classname: the file; name: rule and position)
holding a ``<failure>``; one per file that could not be checked holding an ``<error>``; and one passing testcase
``irlint`` when there are no findings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from irlint.model import Finding
from irlint.report import Report
from irlint.report.github import suggestion_texts

# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """``text`` with characters XML 1.0 forbids shown as ``\\xNN``."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {key: _xml_text(value) for key, value in attributes.items()})
    if text is not None:
        child.text = _xml_text(text)
    return child


def _failure_text(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}:{finding.column}"
    if (finding.line, finding.column) != (finding.end_line, finding.end_column):
        where += f"-{finding.end_line}:{finding.end_column}"
    lines = [f"{where}: {finding.severity.label} {finding.rule}", finding.message]
    if finding.text:
        lines.append(f"flagged: {finding.text}")
    lines.extend(f"suggestion: {text}" for text in suggestion_texts(finding))
    return "\n".join(lines) + "\n"


def format_junit(report: Report) -> str:
    """The report as JUnit XML: a failure per finding (``type`` is its severity), an error per file that could
    not be checked or fatal error, and a passing ``irlint`` testcase when there are no findings."""
    suites = ET.Element("testsuites")
    suite = ET.SubElement(suites, "testsuite")
    for finding in report.findings:
        case = _element(
            suite,
            "testcase",
            name=f"{finding.rule} {finding.line}:{finding.column}",
            classname=finding.path,
            file=finding.path,
        )
        _element(case, "failure", _failure_text(finding), message=finding.message, type=finding.severity.label)
    for error in report.file_errors:
        case = _element(suite, "testcase", name="file error", classname=error.path, file=error.path)
        _element(case, "error", f"{error.location}: {error.message}\n", message=error.message, type="file-error")
    for message in report.fatal:
        case = _element(suite, "testcase", name="fatal error", classname="irlint")
        _element(case, "error", message + "\n", message=message, type="fatal")
    if not report.findings:
        _element(suite, "testcase", name="irlint", classname="irlint")
    errors = len(report.file_errors) + len(report.fatal)
    counts = {"tests": str(len(suite)), "failures": str(len(report.findings)), "errors": str(errors)}
    suites.attrib.update({"name": "irlint", **counts})
    suite.attrib.update({"name": "irlint", **counts, "skipped": "0"})
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
