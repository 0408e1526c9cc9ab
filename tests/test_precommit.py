"""The real pre-commit framework, in a throw-away content repository that uses this repository as its hook source.

pre-commit installs irlint from the committed HEAD of this checkout into its own virtualenv, as it would from
GitHub, so this test also proves the package installs and finds its rule packs outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="module")
def content_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A git repository with irlint's hook installed, and the environment to commit in it."""
    repo = tmp_path_factory.mktemp("content")
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "Copy Team",
        "GIT_AUTHOR_EMAIL": "copy@example.org",
        "GIT_COMMITTER_NAME": "Copy Team",
        "GIT_COMMITTER_EMAIL": "copy@example.org",
        "XDG_CACHE_HOME": str(tmp_path_factory.mktemp("cache")),  # no persistent LanguageTool recorded there
    }
    env.pop("IRLINT_LANGUAGETOOL_URL", None)
    head = _git(ROOT, "rev-parse", "HEAD").stdout.strip()
    _git(repo, "init", "-q", "-b", "main")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: irlint\n", encoding="utf-8"
    )
    _git(repo, "add", ".pre-commit-config.yaml", env=env)
    assert _git(repo, "commit", "-q", "-m", "pre-commit config", env=env).returncode == 0
    installed = subprocess.run(
        [*PRE_COMMIT, "install", "--install-hooks"], cwd=repo, capture_output=True, text=True, env=env, check=False
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo, env


def _commit(repo: Path, env: dict[str, str], name: str, source: Path) -> subprocess.CompletedProcess[str]:
    shutil.copy(source, repo / name)
    _git(repo, "add", name, env=env)
    return _git(repo, "commit", "-m", f"add {name}", env=env)


def test_the_hook_blocks_the_seed_article(content_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = content_repo
    result = _commit(repo, env, "interventional-radiology.txt", FIXTURES / "seed" / "seed.txt")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "irlint (medical copy)" in output and "Failed" in output
    assert "interventional-radiology.txt:17:1: error hygiene.web-boilerplate" in output
    assert "claims.popularity" in output
    assert "grammar.modal-noun" in output  # the built-in grammar rules run without LanguageTool
    assert "irlint: grammar:" not in output  # no server running is expected in a hook, not announced
    assert _git(repo, "log", "--oneline").stdout.count("\n") == 1  # nothing was committed


def test_the_hook_passes_compliant_copy(content_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = content_repo
    _git(repo, "reset", "-q", "--hard", env=env)
    result = _commit(repo, env, "back-pain.md", FIXTURES / "documents" / "compliant-back-pain-guide.md")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "irlint (medical copy)" in output and "Passed" in output


def test_the_hook_uses_a_running_languagetool(content_repo: tuple[Path, dict[str, str]], languagetool: object) -> None:
    repo, env = content_repo
    source = repo / "visit.md"
    source.write_text("Yesterday he go to the clinic. We guarantee results.\n", encoding="utf-8")
    _git(repo, "add", "visit.md", env=env)
    with_server = {**env, "IRLINT_LANGUAGETOOL_URL": os.environ["IRLINT_LANGUAGETOOL_URL"]}
    result = _git(repo, "commit", "-m", "visit", env=with_server)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "grammar.languagetool.HE_VERB_AGR" in output
    _git(repo, "reset", "-q", "--hard", env=env)
