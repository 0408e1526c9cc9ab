"""Baselines: record today's findings so that a repository of existing pages can adopt irlint and see only new ones.

A finding's fingerprint does not contain its line or column, so it survives text inserted above it: it is the file,
the rule, the flagged text (whitespace collapsed) and, for repeats of the same text, which repeat it is. The baseline
file is JSON with sorted keys, so it is stable across runs and machines and reviews well in a diff.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path, PurePath

from irlint.errors import ConfigError
from irlint.fileio import write_atomically
from irlint.model import Finding
from irlint.report import Report

BASELINE_VERSION = 1


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in the same order."""
    seen: Counter[tuple[str, str, str]] = Counter()
    result = []
    for finding in findings:
        key = (PurePath(finding.path).as_posix(), finding.rule, " ".join(finding.text.split()))
        occurrence = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\0".join((*key, str(occurrence))).encode("utf-8")).hexdigest()
        result.append(digest[:20])
    return result


def write_baseline(path: Path, findings: Sequence[Finding]) -> int:
    """Record ``findings`` in the baseline file at ``path`` (atomically); returns how many were recorded."""
    entries: dict[str, list[dict[str, str]]] = {}
    for finding, fingerprint in zip(findings, fingerprints(findings), strict=True):
        entries.setdefault(PurePath(finding.path).as_posix(), []).append(
            {"fingerprint": fingerprint, "rule": finding.rule, "text": " ".join(finding.text.split())}
        )
    for items in entries.values():
        items.sort(key=lambda item: (item["rule"], item["fingerprint"]))
    payload = {"version": BASELINE_VERSION, "tool": "irlint", "files": dict(sorted(entries.items()))}
    write_atomically(path, json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    return len(findings)


def read_baseline(path: Path) -> frozenset[str]:
    """The fingerprints recorded in a baseline file; a clear ConfigError when it cannot be used."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("baseline file not found (create it with --write-baseline)", str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"not a readable irlint baseline: {error}", str(path)) from None
    if not isinstance(payload, dict) or payload.get("version") != BASELINE_VERSION:
        raise ConfigError(f"not an irlint baseline of version {BASELINE_VERSION}", str(path))
    files = payload.get("files", {})
    return frozenset(_fingerprints_in(files.values() if isinstance(files, dict) else []))


def _fingerprints_in(groups: Iterable[object]) -> Iterable[str]:
    for group in groups:
        for item in group if isinstance(group, list) else []:
            if isinstance(item, dict) and isinstance(item.get("fingerprint"), str):
                yield item["fingerprint"]


def without_baseline(report: Report, known: frozenset[str]) -> Report:
    """The report with every finding recorded in the baseline removed."""
    kept = tuple(
        finding
        for finding, fingerprint in zip(report.findings, fingerprints(report.findings), strict=True)
        if fingerprint not in known
    )
    return replace(report, findings=kept)
