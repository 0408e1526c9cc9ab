"""Baselines: today's findings are recorded; later runs report only new ones, wherever the old ones moved."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from irlint.cli import main
from tests.conftest import FIXTURES


def _check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--no-config", "--no-grammar", *args])


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "article.txt"
    shutil.copy(FIXTURES / "seed" / "seed.txt", target)
    return target


def test_a_baseline_on_the_seed_makes_the_next_run_clean(article: Path) -> None:
    written = _check("--write-baseline", "baseline.json", "article.txt")
    assert written.exit_code == 0
    count = len(json.loads(_check("--format", "json", "article.txt").stdout)["findings"])
    assert written.stderr == f"irlint: recorded {count} findings in baseline.json\n"
    again = _check("--baseline", "baseline.json", "article.txt")
    assert again.exit_code == 0
    assert again.stdout == "No findings in 1 file.\n"


def test_a_new_claim_above_old_ones_is_the_only_finding(article: Path) -> None:
    assert _check("--write-baseline", "baseline.json", "article.txt").exit_code == 0
    article.write_text("Our clinic guarantees a cure.\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    result = _check("--format", "json", "--baseline", "baseline.json", "article.txt")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"], f["text"]) for f in findings] == [("claims.guarantee", 1, "guarantees")]


def test_the_baseline_file_is_stable_and_sorted(article: Path) -> None:
    _check("--write-baseline", "one.json", "article.txt")
    _check("--write-baseline", "two.json", "article.txt")
    one = Path("one.json").read_text(encoding="utf-8")
    assert one == Path("two.json").read_text(encoding="utf-8")
    payload = json.loads(one)
    assert payload["version"] == 1 and list(payload["files"]) == ["article.txt"]
    assert "line" not in json.dumps(payload)  # positions are not part of a fingerprint


def test_a_missing_or_broken_baseline_is_a_clear_error(article: Path) -> None:
    missing = _check("--baseline", "nope.json", "article.txt")
    assert missing.exit_code == 2
    assert missing.stderr == "irlint: error: nope.json: baseline file not found (create it with --write-baseline)\n"
    Path("broken.json").write_text("{", encoding="utf-8")
    broken = _check("--baseline", "broken.json", "article.txt")
    assert broken.exit_code == 2
    assert broken.stderr.startswith("irlint: error: broken.json: not a readable irlint baseline")


def test_baseline_and_write_baseline_together_are_a_usage_error(article: Path) -> None:
    result = _check("--baseline", "a.json", "--write-baseline", "b.json", "article.txt")
    assert result.exit_code == 2
    assert "contradict" in result.stderr
