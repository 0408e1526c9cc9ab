"""Expanding command-line paths into the files to lint."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from fnmatch import fnmatch
from pathlib import Path

from irlint.config import DEFAULT_EXCLUDE


def _excluded(relative: str, name: str, patterns: Sequence[str]) -> bool:
    return name in DEFAULT_EXCLUDE or any(fnmatch(relative, p) or fnmatch(name, p) for p in patterns)


def discover(
    paths: Sequence[str], extensions: Sequence[str], exclude: Sequence[str] = (), root: Path | None = None
) -> Iterator[str]:
    """Files to lint, in a stable order: explicit files as given; directories walked recursively, keeping files
    with one of ``extensions`` and skipping hidden, vendored and ``exclude``-matched paths. Missing paths are
    yielded too, so that the caller reports them."""
    base = root or Path.cwd()
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield given
            continue
        for directory, subdirs, files in os.walk(path):
            current = Path(directory)
            subdirs[:] = sorted(
                name
                for name in subdirs
                if not name.startswith(".") and not _excluded(_relative(current / name, base), name, exclude)
            )
            for name in sorted(files):
                candidate = current / name
                if candidate.suffix.lower() in extensions and not _excluded(_relative(candidate, base), name, exclude):
                    yield str(candidate)


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
