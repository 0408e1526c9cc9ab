"""--fix applies the safe fixes rules declare, atomically and idempotently; --diff shows them and writes nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from irlint.cli import main
from irlint.fix import Edit, apply_edits, edits_for
from irlint.model import Finding, Severity
from tests.conftest import FIXTURES


def _check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--no-config", "--no-grammar", *args])


@pytest.fixture
def seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "seed.txt"
    shutil.copy(FIXTURES / "seed" / "seed.txt", target)
    target.chmod(0o640)
    return target


def test_fix_turns_can_relief_into_can_relieve_and_is_idempotent(seed: Path) -> None:
    before = seed.read_text(encoding="utf-8")
    first = _check("--fix", "seed.txt")
    after = seed.read_text(encoding="utf-8")
    assert "This can relieve for conditions" in after
    assert after == before.replace("This can relief for", "This can relieve for")  # nothing else changed
    assert first.stderr.startswith("irlint: fixed 1 file\n")
    assert "grammar.modal-noun" not in first.stdout  # the report is of the fixed file
    assert oct(seed.stat().st_mode & 0o777) == oct(0o640)
    mtime = seed.stat().st_mtime_ns
    second = _check("--fix", "seed.txt")
    assert seed.read_text(encoding="utf-8") == after
    assert seed.stat().st_mtime_ns == mtime  # a file with nothing to fix is never rewritten
    assert "fixed" not in second.stderr
    assert sorted(os.listdir(seed.parent)) == ["seed.txt"]  # no temporary files left


def test_diff_shows_the_fix_and_writes_nothing(seed: Path) -> None:
    before = seed.read_bytes()
    result = _check("--diff", "seed.txt")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/seed.txt\n+++ b/seed.txt\n")
    assert "-" + "One of the core applications" in result.stdout
    assert "+" + "One of the core applications" in result.stdout
    assert "can relieve for conditions" in result.stdout
    assert seed.read_bytes() == before


def test_unsafe_fixes_append_disclaimers_only_when_asked(seed: Path) -> None:
    _check("--fix", "seed.txt")
    assert "not medical advice" not in seed.read_text(encoding="utf-8")
    _check("--fix", "--unsafe-fixes", "seed.txt")
    text = seed.read_text(encoding="utf-8")
    assert "This article is general information, not medical advice." in text
    assert "Results differ from person to person" in text
    assert "Leave a Reply" not in text  # scraped boilerplate deleted (an unsafe fix)
    again = _check("--format", "json", "seed.txt")
    assert '"disclaimers.medical-advice"' not in again.stdout


def test_files_without_fixes_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_bytes(b"We guarantee results.\r\n")
    mtime = page.stat().st_mtime_ns
    _check("--fix", "page.md")
    assert page.read_bytes() == b"We guarantee results.\r\n"
    assert page.stat().st_mtime_ns == mtime


def test_fixes_never_touch_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text("This can **relief** pain. Talk to the the doctor.\n", encoding="utf-8")
    _check("--fix", "page.md")
    assert page.read_text(encoding="utf-8") == "This can **relief** pain. Talk to the doctor.\n"


def _finding(line: int, column: int, end_column: int, text: str, suggestion: str, rule: str = "r.safe") -> Finding:
    return Finding("p", line, column, rule, line, end_column, Severity.ERROR, "m", (suggestion,), text)


def test_overlapping_fixes_keep_the_first() -> None:
    source = "abc def\n"
    edits = edits_for(
        source, [_finding(1, 1, 4, "abc", "X"), _finding(1, 3, 8, "c def", "Y")], {"r.safe": "safe"}, False
    )
    assert edits == [Edit(0, 3, "X", "r.safe")]
    assert apply_edits(source, edits) == "X def\n"
