"""The results cache: one JSON entry per checked file, keyed by everything that can change its findings.

A key is the SHA-256 of the run's salt (irlint version, effective settings, the bytes of every rule pack and word
list, the LanguageTool version or its absence), the path as given and the file's bytes. Entries are written to a
temporary file and renamed into place, so concurrent runs never see half an entry; an entry that cannot be read or
parsed is treated as missing and rewritten. Nothing here is ever fatal: a cache that cannot be written only costs
time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from irlint.model import DocumentStats, Finding, Severity

CACHE_DIRECTORY_NAME = ".irlint_cache"
CACHE_VARIABLE = "IRLINT_CACHE_DIR"
_LAYOUT = "v2"
_SEVERITIES = {int(severity): severity for severity in Severity}
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# irlint results cache; see https://bford.info/cachedir/\n"


def default_cache_dir(config_source: str | None) -> Path:
    """``IRLINT_CACHE_DIR``; else ``.irlint_cache`` beside the config file; else the user cache directory."""
    configured = os.environ.get(CACHE_VARIABLE)
    if configured:
        return Path(configured)
    if config_source is not None and not config_source.startswith("<"):
        return Path(config_source).resolve().parent / CACHE_DIRECTORY_NAME
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "irlint" / "results"


def digest_files(paths: Iterable[Path]) -> str:
    """One digest over the names and bytes of ``paths`` (unreadable files count by name only)."""
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        digest.update(str(path).encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def canonical(value: Any) -> Any:
    """``value`` as JSON-ready data that is the same in every process: dataclasses and mappings with sorted
    keys, sets sorted, paths and enums as strings."""
    import dataclasses
    import enum

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value) if f.repr}
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(key): canonical(item) for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted(canonical(item) for item in value)
    if isinstance(value, (list, tuple)):
        return [canonical(item) for item in value]
    if isinstance(value, enum.Enum):
        return str(value.name)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def run_salt(version: str, settings: Any, pack_files: Iterable[Path]) -> str:
    """The part of every key that one run shares: irlint's version and code, the effective settings and the
    bytes of the rule packs and data files (the LanguageTool identity is added when the run knows it)."""
    package = Path(__file__).parent
    code = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            status = path.stat()
            code.update(f"{path.relative_to(package)}:{status.st_size}:{status.st_mtime_ns}\n".encode())
    data_files = [path for path in (package / "data").glob("*") if path.is_file()]
    parts = [
        _LAYOUT,
        version,
        code.hexdigest(),
        json.dumps(canonical(settings), sort_keys=True),
        digest_files([*pack_files, *data_files]),
    ]
    return "\0".join(parts)


@dataclass(frozen=True)
class CachedResult:
    """What the cache keeps for one file: its findings, the source lines they are on, and its measurements."""

    findings: tuple[Finding, ...]
    lines: tuple[tuple[int, str], ...]
    stats: DocumentStats | None
    notice: str | None


class ResultCache:
    """Reads and writes entries under ``directory`` for one run's ``salt``."""

    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory
        self.salt = salt
        self._ready = False
        self._writable = True

    def extended(self, part: str) -> ResultCache:
        """The same cache with ``part`` added to the salt (what only the run knows, such as the LanguageTool
        version)."""
        return ResultCache(self.directory, self.salt + "\0" + part)

    def key(self, path: str, data: bytes) -> str:
        """The key of the file ``path`` whose content is ``data``."""
        digest = hashlib.sha256(self.salt.encode())
        digest.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / _LAYOUT / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedResult | None:
        """The entry for ``key``, or None when it is missing, unreadable or corrupt."""
        try:
            payload = json.loads(self._entry(key).read_text(encoding="utf-8"))
            return _decode(payload, key)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, result: CachedResult) -> None:
        """Store ``result`` under ``key`` atomically; a failure to write disables writing for the run."""
        if not self._writable:
            return
        target = self._entry(key)
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(_encode(result, key), ensure_ascii=False, separators=(",", ":"))
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(text)
                os.replace(temporary, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            self._writable = False

    def _prepare(self) -> None:
        """Create the directory with a CACHEDIR.TAG and a .gitignore, so backups and git leave it alone."""
        if self._ready:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# created by irlint\n*\n")):
            marker = self.directory / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")
        self._ready = True


def clear_cache(directory: Path) -> bool:
    """Delete the cache at ``directory``; False when there was none. Refuses a directory that is not a cache."""
    from irlint.errors import UsageError

    if not directory.exists():
        return False
    if not (directory / "CACHEDIR.TAG").is_file() and not (directory / _LAYOUT).is_dir():
        raise UsageError(f"{directory} does not look like an irlint cache (no CACHEDIR.TAG); not deleting it")
    shutil.rmtree(directory)
    return True


def _encode(result: CachedResult, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "findings": [_finding_row(finding) for finding in result.findings],
        "lines": [list(item) for item in result.lines],
        "stats": result.stats.to_dict() if result.stats is not None else None,
        "notice": result.notice,
    }


def _decode(payload: dict[str, Any], key: str) -> CachedResult | None:
    if payload.get("key") != key:
        return None
    # The key matched, so the entry is ours: its rows are trusted as written (a wrong shape raises and counts as
    # a miss), which keeps reading a large cached run cheap.
    findings = tuple(
        Finding(
            path, line, column, rule, end_line, end_column, _SEVERITIES[severity], message, tuple(hints), text, engine
        )
        for path, line, column, rule, end_line, end_column, severity, message, hints, text, engine in payload[
            "findings"
        ]
    )
    lines = tuple((int(line), str(text)) for line, text in payload["lines"])
    stats_data = payload["stats"]
    stats = None
    if stats_data is not None:
        stats = DocumentStats(
            words=int(stats_data["words"]),
            sentences=int(stats_data["sentences"]),
            flesch_kincaid_grade=_optional_float(stats_data["flesch_kincaid_grade"]),
            smog_index=_optional_float(stats_data["smog_index"]),
        )
    notice = payload["notice"]
    return CachedResult(findings, lines, stats, None if notice is None else str(notice))


def _finding_row(finding: Finding) -> list[Any]:
    """A finding as a positional row (smaller and faster to read back than an object)."""
    return [
        finding.path,
        finding.line,
        finding.column,
        finding.rule,
        finding.end_line,
        finding.end_column,
        int(finding.severity),
        finding.message,
        list(finding.suggestions),
        finding.text,
        finding.engine,
    ]


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)
