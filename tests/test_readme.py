"""README shows real output: the seed block and the JSON summary match what irlint prints today."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from irlint.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _check(monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.chdir(ROOT)
    return CliRunner().invoke(main, ["check", "--no-config", *args]).stdout


def test_readme_seed_output_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    block = re.search(r"```text\n(fixtures/seed/seed\.txt:.*?)```", README, re.S)
    assert block, "README lost its seed output block"
    assert block.group(1) == _check(monkeypatch, "fixtures/seed/seed.txt")


def test_readme_json_summary_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    summary = json.loads(_check(monkeypatch, "--format", "json", "fixtures/seed/seed.txt"))["summary"]
    shown = re.search(r'"summary": (\{.*?\})\n\}\n```', README, re.S)
    assert shown
    assert json.loads(shown.group(1)) == summary


def test_readme_has_exactly_two_setup_commands() -> None:
    setup = README.split("## Set up", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make \w+", setup, re.M)
    assert commands == ["make run", "make test"]
