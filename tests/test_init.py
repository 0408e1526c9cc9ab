"""`irlint init` writes a commented starter config that irlint itself accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from irlint.cli import main
from irlint.config import find_config, load_settings


def test_init_writes_a_valid_starter_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    config = tmp_path / ".irlint.yaml"
    assert config.read_text(encoding="utf-8").startswith("# irlint configuration.")
    assert find_config(tmp_path) == config
    settings = load_settings(config)
    assert settings.fail_on == "warning"
    (tmp_path / "page.md").write_text("We guarantee results.\n", encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", "--no-grammar", "-q", "page.md"])
    assert checked.exit_code == 1
    assert "claims.guarantee" in checked.stdout


def test_init_never_overwrites_without_force(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = tmp_path / ".irlint.yaml"
    config.write_text("fail-on: error\n", encoding="utf-8")
    config.chmod(0o640)
    refused = CliRunner().invoke(main, ["init"])
    assert refused.exit_code == 2
    assert refused.stderr == "irlint: error: .irlint.yaml already exists; use --force to overwrite it\n"
    assert config.read_text(encoding="utf-8") == "fail-on: error\n"
    forced = CliRunner().invoke(main, ["init", "--force"])
    assert forced.exit_code == 0
    assert config.read_text(encoding="utf-8").startswith("# irlint configuration.")
    assert config.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == [".irlint.yaml"]  # no temporary file left behind
