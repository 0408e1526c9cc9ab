"""Whole runs: worker processes give the same report as one process, a crash in a worker costs only its file,
progress is shown only where a person watches, and -o writes the report to a file."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from irlint.cli import main
from tests.conftest import FIXTURES


def check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--no-cache", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture document and the seed, in one directory."""
    directory = tmp_path_factory.mktemp("corpus")
    for source in [*sorted((FIXTURES / "documents").iterdir()), *sorted((FIXTURES / "seed").iterdir())]:
        if source.suffix in (".md", ".html", ".txt"):
            shutil.copy(source, directory / source.name)
    return directory


@pytest.mark.parametrize("grammar", [False, True], ids=["built-in rules", "with LanguageTool"])
def test_jobs_do_not_change_the_report(corpus: Path, grammar: bool) -> None:
    options = [] if grammar else ["--no-grammar"]
    if grammar:
        options.append("--require-grammar")
    one = check("--format", "json", "-j", "1", *options, str(corpus))
    two = check("--format", "json", "-j", "2", *options, str(corpus))
    three = check("--format", "json", "-j", "3", *options, str(corpus))
    assert one.exit_code == two.exit_code == three.exit_code == 1, one.stderr
    assert one.stdout == two.stdout == three.stdout
    assert one.stderr == two.stderr == three.stderr
    engines = {finding["engine"] for finding in json.loads(two.stdout)["findings"]}
    assert ("languagetool" in engines) is grammar


def test_a_crash_in_a_worker_costs_only_its_file(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import irlint.engine

    real = irlint.engine.parse_document

    def flaky(source: str, path: str, fmt: str | None = None) -> object:
        if path.endswith("seed.md"):
            raise RuntimeError("parser bug")
        return real(source, path, fmt)

    monkeypatch.setattr(irlint.engine, "parse_document", flaky)  # inherited by the forked workers
    result = check("--format", "json", "-j", "2", "--no-grammar", str(corpus))
    payload = json.loads(result.stdout)
    assert result.exit_code == 2
    assert [error["path"] for error in payload["errors"]] == [str(corpus / "seed.md")]
    assert "RuntimeError: parser bug" in payload["errors"][0]["message"]
    assert {Path(f["path"]).name for f in payload["findings"]} >= {"seed.txt", "seed.html"}


def test_progress_only_when_asked_or_on_a_terminal(corpus: Path) -> None:
    quiet = check("--no-grammar", "-q", str(corpus))
    assert "files," not in quiet.stderr  # CliRunner's stderr is not a terminal
    shown = subprocess.run(
        [sys.executable, "-m", "irlint", "check", "--no-cache", "--no-grammar", "-j", "1", "--progress", str(corpus)],
        capture_output=True,
        check=False,
        env={**os.environ, "CI": ""},
    )
    assert shown.returncode == 1
    stdout, stderr = shown.stdout.decode(), shown.stderr.decode()
    files = len(list(corpus.iterdir()))
    found = re.search(r"Found (\d+) findings", stdout)
    assert found is not None
    # Not a terminal (asked for with --progress): plain lines, the last one complete.
    assert stderr.splitlines()[-1].startswith(f"irlint: {files}/{files} files, {found.group(1)} findings, ")
    assert "\r" not in stderr + stdout and "\x1b" not in stderr


def test_progress_on_a_terminal_redraws_one_line_and_erases_it(corpus: Path, tmp_path: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    environment = {key: value for key, value in os.environ.items() if key != "CI"}
    environment["TERM"] = "xterm"
    command = [sys.executable, "-m", "irlint", "check", "--no-grammar", "-j", "1", "--cache-dir", str(tmp_path)]
    with subprocess.Popen([*command, str(corpus)], stdout=subprocess.PIPE, stderr=follower, env=environment) as process:
        os.close(follower)
        stdout, _ = process.communicate(timeout=300)
        screen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes with the process
                break
            if not chunk:
                break
            screen += chunk
    os.close(leader)
    files = len(list(corpus.iterdir()))
    assert process.returncode == 1
    assert f"\rirlint: {files}/{files} files, ".encode() in screen
    assert screen.endswith(b"\r\x1b[K") and b"\n" not in screen
    assert b"files," not in stdout


def test_output_file(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = check("--no-grammar", "--format", "json", "-o", str(target), str(corpus / "seed.txt"))
    assert result.exit_code == 1 and result.stdout == ""
    same = check("--no-grammar", "--format", "json", str(corpus / "seed.txt"))
    assert target.read_text(encoding="utf-8") == same.stdout
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    missing = check("--no-grammar", "-o", str(tmp_path / "no" / "such" / "dir" / "r.txt"), str(corpus / "seed.txt"))
    assert missing.exit_code == 2
    assert missing.stderr.startswith("irlint: error: ") and "cannot write the report" in missing.stderr
    assert len(missing.stderr.splitlines()) == 1


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def test_json_is_streamed_without_keeping_findings(corpus: Path) -> None:
    from irlint.api import load_linter
    from irlint.report.formatters import JsonWriter, format_json

    linter = load_linter(use_config=False, grammar=False)
    kept = linter.lint_paths([str(corpus)], jobs=2)
    pieces: list[str] = []
    writer = JsonWriter(pieces.append)
    streamed = linter.lint_paths([str(corpus)], jobs=2, on_result=lambda result: writer.add(result.findings))
    writer.finish(streamed)
    assert streamed.findings == () and streamed.lines == {}
    assert streamed.counts() == kept.counts() and streamed.summary() == kept.summary()
    assert "".join(pieces) == format_json(kept)
    assert len(pieces) > 2  # written file by file, not at the end
    cli = check("--no-grammar", "--format", "json", "--no-config", str(corpus))
    assert cli.stdout == format_json(kept)


def test_a_run_that_fails_before_any_file_writes_no_partial_json(tmp_path: Path) -> None:
    # With the cache on, rule patterns are built when the first file misses it, inside the run: a pattern that
    # needs a tagger fails there, after the JSON output has been opened.
    (tmp_path / "page.md").write_text("Painless.\n", encoding="utf-8")
    (tmp_path / "irlint.yaml").write_text("rule-packs: [packs]\n", encoding="utf-8")
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "house.yaml").write_text(
        """\
pack: house
description: Test pack.
rules:
  - id: house.nouns
    kind: pattern
    severity: info
    message: "Noun: '{match}'."
    description: Nouns.
    rationale: A test.
    sources: [{title: House style guide, url: "https://example.org/style"}]
    patterns:
      - [{POS: "NOUN"}]
    examples:
      flag: ["Pain."]
      pass: ["Is."]
""",
        encoding="utf-8",
    )
    command = ["check", "--no-grammar", "--format", "json", "--config", str(tmp_path / "irlint.yaml")]
    result = CliRunner().invoke(main, [*command, str(tmp_path / "page.md")], catch_exceptions=False)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("irlint: error: ") and "POS" in result.stderr
