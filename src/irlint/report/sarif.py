"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` describes every rule that has a result (help text from the rule pack's rationale and
sources); columns count Unicode code points, as irlint's do. File errors, notices and fatal errors become
``invocations[0].toolExecutionNotifications``.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from irlint import __version__
from irlint.model import FileError, Finding, Severity
from irlint.report import Report

if TYPE_CHECKING:
    from irlint.rules.kinds import CompiledRule

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/irlint/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "irlint/v1"
LANGUAGETOOL_PREFIX = "grammar.languagetool."

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

JSON = dict[str, Any]


def format_sarif(report: Report, *, rules: Sequence[CompiledRule] | None = None, root: Path | None = None) -> str:
    """The report as a SARIF 2.1.0 log (``indent=2``, keys in a fixed order).

    ``rules`` supplies rule metadata (default: the rule catalog of the working directory's configuration);
    ``root`` is the directory that relative paths start from, ``%SRCROOT%`` (default: the working directory)."""
    base = (root if root is not None else Path.cwd()).absolute()
    catalog = {rule.id: rule for rule in (rules if rules is not None else _load_catalog())}
    rule_ids = sorted({finding.rule for finding in report.findings})
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    descriptors = [_descriptor(rule_id, catalog.get(rule_id), report.findings) for rule_id in rule_ids]
    seen: Counter[tuple[str, str, str]] = Counter()
    results: list[JSON] = []
    for finding in report.findings:
        key = (_clean_path(finding.path), finding.rule, finding.text)
        results.append(_result(finding, index[finding.rule], _fingerprint(*key, seen[key]), base))
        seen[key] += 1
    run: JSON = {
        "tool": {
            "driver": {
                "name": "irlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "invocations": [_invocation(report, base)],
        "originalUriBaseIds": {
            SRCROOT: {"uri": _directory_uri(base), "description": {"text": "The directory irlint ran in."}}
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _load_catalog() -> list[CompiledRule]:
    """The configured rules; the built-in ones when the working directory's configuration cannot be loaded
    (the run itself may have used ``--no-config`` or ``--config``)."""
    from irlint.api import load_rule_catalog
    from irlint.config import Settings
    from irlint.errors import IrlintError

    try:
        return load_rule_catalog()
    except IrlintError:
        return load_rule_catalog(Settings())


# --- rules -------------------------------------------------------------------------------------------------------


def _descriptor(rule_id: str, rule: CompiledRule | None, findings: Sequence[Finding]) -> JSON:
    """A reportingDescriptor: from the rule spec when there is one, else a minimal one from the findings."""
    if rule is None:
        return _dynamic_descriptor(rule_id, [finding for finding in findings if finding.rule == rule_id])
    spec = rule.spec
    rationale = _oneline(spec.rationale)
    sources = list(spec.sources)
    explain = f"Run `irlint explain {rule_id}` for examples."
    text_sources = [f"- {s.title} <{s.url}>" if s.url else f"- {s.title}" for s in sources]
    markdown_sources = [
        f"- [{_markdown(s.title)}]({_link(s.url)})" if s.url else f"- {_markdown(s.title)}" for s in sources
    ]
    descriptor: JSON = {
        "id": rule_id,
        "name": _name(rule_id),
        "shortDescription": {"text": _oneline(spec.description)},
        "fullDescription": {"text": rationale},
        "help": {
            "text": "\n".join([rationale, "", "Sources:", *text_sources, "", explain]),
            "markdown": "\n".join([_markdown(rationale), "", "**Sources**", "", *markdown_sources, "", explain]),
        },
    }
    help_uri = next((source.url for source in sources if source.url), None)
    if help_uri:
        descriptor["helpUri"] = help_uri
    descriptor["defaultConfiguration"] = {"level": LEVELS[Severity.parse(spec.severity)]}
    descriptor["properties"] = {"tags": [rule_id.split(".", maxsplit=1)[0]]}
    return descriptor


def _dynamic_descriptor(rule_id: str, findings: Sequence[Finding]) -> JSON:
    """For ids without a spec (LanguageTool's ``grammar.languagetool.*``, or a pack not loaded here): the short
    description is the first finding's message without the flagged text; the level is the most severe seen."""
    first = findings[0]
    summary = first.message
    if first.text and summary.endswith(f" ('{first.text}')"):
        summary = summary[: -len(f" ('{first.text}')")]
    summary = _oneline(summary)
    if rule_id.startswith(LANGUAGETOOL_PREFIX):
        origin = "Reported by LanguageTool (rule {})."
        name = rule_id.removeprefix(LANGUAGETOOL_PREFIX)
        tags = ["grammar", "languagetool"]
    else:
        origin, name = "Rule {} is not in the rule packs loaded for this report.", rule_id
        tags = [rule_id.split(".", maxsplit=1)[0]]
    origin += " Each result's message says what is wrong."
    return {
        "id": rule_id,
        "name": _name(rule_id),
        "shortDescription": {"text": summary},
        "help": {"text": origin.format(name), "markdown": origin.format(f"`{name}`")},
        "defaultConfiguration": {"level": LEVELS[max(finding.severity for finding in findings)]},
        "properties": {"tags": tags},
    }


def _name(rule_id: str) -> str:
    """``claims.guarantee`` -> ``ClaimsGuarantee``: an identifier-like name, distinct from the id."""
    return "".join(part.capitalize() for part in re.split(r"[._-]+", rule_id) if part)


def _oneline(text: str) -> str:
    return " ".join(text.split())


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _markdown(text: str) -> str:
    """``text`` with the characters Markdown would interpret escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _link(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


# --- results -----------------------------------------------------------------------------------------------------


def _result(finding: Finding, rule_index: int, fingerprint: str, root: Path) -> JSON:
    """One result: level, message, a location (always), a fingerprint, fixes and the suggestions."""
    artifact = artifact_location(finding.path, root)
    document_level = _is_document_level(finding)
    region: JSON = {"startLine": finding.line, "startColumn": finding.column}
    if not document_level:
        region.update({"endLine": finding.end_line, "endColumn": finding.end_column})
    if finding.text:
        region["snippet"] = {"text": finding.text}
    result: JSON = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if finding.suggestions and not document_level:
        result["fixes"] = [_fix(finding, suggestion, artifact) for suggestion in finding.suggestions]
    if finding.suggestions:
        result["properties"] = {"suggestions": list(finding.suggestions)}
    return result


def _is_document_level(finding: Finding) -> bool:
    return (finding.line, finding.column) == (finding.end_line, finding.end_column)


def _fix(finding: Finding, suggestion: str, artifact: JSON) -> JSON:
    """Replace the flagged region with ``suggestion`` (an empty suggestion deletes it)."""
    deleted = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    replacement: JSON = {"deletedRegion": deleted}
    if suggestion:
        replacement["insertedContent"] = {"text": suggestion}
        description = f"Replace '{finding.text}' with '{suggestion}'"
    else:
        description = f"Delete '{finding.text}'"
    return {
        "description": {"text": description},
        "artifactChanges": [{"artifactLocation": artifact, "replacements": [replacement]}],
    }


def _fingerprint(path: str, rule: str, text: str, occurrence: int) -> str:
    """A hash of path, rule, flagged text and its occurrence index; line numbers stay out, so that a result keeps
    its identity when lines are added above it."""
    return hashlib.sha256("\0".join([path, rule, text, str(occurrence)]).encode("utf-8")).hexdigest()


# --- paths -------------------------------------------------------------------------------------------------------


def _clean_path(path: str) -> str:
    """``path`` with forward slashes and without ``./`` or ``x/..`` segments."""
    return posixpath.normpath(PurePath(path).as_posix())


def relative_path(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` with forward slashes, or None for an absolute path outside ``root``."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = Path(posixpath.normpath(candidate.as_posix())).relative_to(root)
        except ValueError:
            return None
    return _clean_path(str(candidate))


def artifact_location(path: str, root: Path) -> JSON:
    """A percent-encoded URI relative to ``%SRCROOT%``, or an absolute ``file:`` URI for a path outside ``root``."""
    relative = relative_path(path, root)
    if relative is None:
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


def _directory_uri(path: Path) -> str:
    uri = path.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _invocation(report: Report, root: Path) -> JSON:
    """Whether every file was checked, and the file errors, fatal errors and notices as notifications."""
    notifications = [_file_error(error, root) for error in report.file_errors]
    notifications += [{"level": "error", "message": {"text": message}} for message in report.fatal]
    notifications += [{"level": "warning", "message": {"text": message}} for message in report.notices]
    invocation: JSON = {"executionSuccessful": not (report.file_errors or report.fatal)}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _file_error(error: FileError, root: Path) -> JSON:
    physical: JSON = {"artifactLocation": artifact_location(error.path, root)}
    if error.line is not None:
        physical["region"] = {"startLine": error.line}
    return {"level": "error", "message": {"text": error.message}, "locations": [{"physicalLocation": physical}]}
