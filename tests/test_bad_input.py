"""Bad input never produces a traceback: binary files, invalid UTF-8, empty files, huge files, missing paths,
broken front matter, malformed rule packs and configuration files each get one clear line on stderr naming the file
(and the line, where there is one). Input files that cannot be read do not stop the run: the other files are still
linted and their findings reach stdout, and the exit code is 2."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from irlint.cli import main
from irlint.documents import MAX_FILE_BYTES

# The good file that accompanies every bad one: one hygiene error at line 2, column 1.
GOOD = "Intro line.\nLeave a Reply\n"
GOOD_FINDING = ("good.txt", 2, 1, "hygiene.web-boilerplate")


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def check_json(*paths: str, select: str = "hygiene") -> Result:
    return run("check", "--format", "json", "--select", select, *paths)


def findings_of(result: Result) -> list[tuple[str, int, int, str]]:
    return [(f["path"], f["line"], f["column"], f["rule"]) for f in json.loads(result.stdout)["findings"]]


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("irlint: error:")]


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


# -- unreadable input files ------------------------------------------------------------------------------------------

# name -> (bytes written, or None for no file; words the one-line message must contain)
BAD_FILES: dict[str, tuple[bytes | None, list[str]]] = {
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ["binary file"]),
    "photo.md": (b"GIF89a\x01\x00\x01\x00\x00\xff\x00,", ["binary file"]),
    "latin1.md": (b"Line one.\ncaf\xe9 au lait\n", ["not valid UTF-8", "0xe9"]),
    "utf16.html": ("<p>Hello</p>".encode("utf-16"), ["UTF-16 text; save the file as UTF-8"]),
    "missing.md": (None, ["no such file or directory"]),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_unreadable_file_is_one_line_and_the_others_are_still_linted(workdir: Path, name: str) -> None:
    data, words = BAD_FILES[name]
    if data is not None:
        (workdir / name).write_bytes(data)
    result = check_json(name, "good.txt")
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert findings_of(result) == [GOOD_FINDING]
    [line] = result.stderr.splitlines()
    assert line.startswith(f"irlint: error: {name}")
    for word in words:
        assert word in line
    payload = json.loads(result.stdout)
    [error] = payload["errors"]
    assert error["path"] == name
    assert all(word in error["message"] for word in words)
    assert payload["summary"]["file_errors"] == 1


def test_invalid_utf8_names_the_line(workdir: Path) -> None:
    (workdir / "latin1.md").write_bytes(b"Line one.\nLine two.\ncaf\xe9 au lait\n")
    result = check_json("latin1.md")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "latin1.md:3:" in line
    assert "not valid UTF-8 (byte 0xe9 at byte column 4)" in line


def test_text_format_reports_findings_and_counts_the_unreadable_file(workdir: Path) -> None:
    (workdir / "image.txt").write_bytes(b"\x00\x01\x02")
    result = run("check", "-q", "--select", "hygiene", "good.txt", "image.txt")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0].startswith("good.txt:2:1: error hygiene.web-boilerplate ")
    assert (
        result.stdout.splitlines()[-1]
        == "Found 1 finding (1 error, 0 warnings, 0 info) in 1 file. 1 file could not be checked."
    )


def test_file_error_names_the_file_once(workdir: Path) -> None:
    (workdir / "image.txt").write_bytes(b"\x00\x01\x02")
    text = run("check", "--select", "hygiene", "image.txt")
    assert text.stderr == "irlint: error: image.txt: binary file, not text (found a NUL byte)\n"
    payload = json.loads(check_json("image.txt").stdout)
    assert payload["errors"] == [
        {"path": "image.txt", "line": None, "message": "binary file, not text (found a NUL byte)"}
    ]


def test_a_directory_with_bad_files_is_still_walked(workdir: Path) -> None:
    site = workdir / "site"
    (site / "sub").mkdir(parents=True)
    (site / "a.md").write_text("TODO: one.\n", encoding="utf-8")
    (site / "b.md").write_bytes(b"\xff\xfe\x00\x00binary")
    (site / "sub" / "c.txt").write_bytes(b"ok\n\x80\n")
    (site / "sub" / "d.html").write_text("<p>TODO: two.</p>\n", encoding="utf-8")
    result = check_json("site", select="hygiene.editor-note")
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert findings_of(result) == [
        ("site/a.md", 1, 1, "hygiene.editor-note"),
        ("site/sub/d.html", 1, 4, "hygiene.editor-note"),
    ]
    lines = error_lines(result)
    assert len(lines) == 2
    assert lines[0].startswith("irlint: error: site/b.md") and "UTF-16 text" in lines[0]
    assert lines[1].startswith("irlint: error: site/sub/c.txt") and "not valid UTF-8" in lines[1]
    assert json.loads(result.stdout)["summary"]["files"] == 2


def test_a_missing_directory(workdir: Path) -> None:
    result = check_json("nowhere/", "good.txt")
    assert result.exit_code == 2
    assert findings_of(result) == [GOOD_FINDING]
    [line] = result.stderr.splitlines()
    assert line.startswith("irlint: error: nowhere/") and line.endswith("no such file or directory")


def test_a_file_over_the_size_limit(workdir: Path) -> None:
    with (workdir / "huge.txt").open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk, and is never read
    result = check_json("huge.txt", "good.txt")
    assert result.exit_code == 2
    assert findings_of(result) == [GOOD_FINDING]
    [line] = result.stderr.splitlines()
    assert line.startswith("irlint: error: huge.txt") and "limit" in line


# -- empty files are only a notice -----------------------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "\n", "  \n\t\n\r\n"], ids=["zero-bytes", "newline", "whitespace"])
@pytest.mark.parametrize("name", ["empty.md", "empty.txt", "empty.html"])
def test_an_empty_file_is_a_notice_not_an_error(workdir: Path, name: str, content: str) -> None:
    (workdir / name).write_text(content, encoding="utf-8")
    alone = run("check", name)
    assert (alone.exit_code, alone.stderr) == (0, f"irlint: {name}: empty file, nothing to check\n")
    assert alone.stdout == "No findings in 1 file.\n"
    together = check_json(name, "good.txt")
    assert together.exit_code == 1
    assert findings_of(together) == [GOOD_FINDING]
    assert json.loads(together.stdout)["errors"] == []
    assert together.stderr == f"irlint: {name}: empty file, nothing to check\n"


# -- a byte-order mark and a 5 MB file are fine ----------------------------------------------------------------------


def test_a_utf8_byte_order_mark_is_not_text(workdir: Path) -> None:
    (workdir / "bom.txt").write_bytes(b"\xef\xbb\xbfLeave a Reply\n")
    result = check_json("bom.txt")
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["end_column"], finding["text"]) == (1, 1, 14, "Leave a Reply")


def test_a_five_megabyte_file_is_linted_and_the_claim_found_at_its_line(workdir: Path) -> None:
    paragraph = (
        "The clinic is open on weekdays, and staff answer the phone in the morning and in the afternoon. "
        "Parking is available behind the building, and the entrance has a ramp and automatic doors. "
    ) * 4 + "\n\n"
    count = 5 * 1024 * 1024 // len(paragraph) + 1
    claim = "  We guarantee you will walk without pain after one session."
    text = paragraph * count + claim + "\n\n" + paragraph * 3
    (workdir / "big.txt").write_text(text, encoding="utf-8")
    assert (workdir / "big.txt").stat().st_size > 5 * 1024 * 1024
    claim_line = 2 * count + 1
    assert text.splitlines()[claim_line - 1] == claim
    result = check_json("big.txt", "good.txt", select="claims.guarantee,hygiene.web-boilerplate")
    assert result.exit_code == 1
    assert result.stderr == ""
    findings = json.loads(result.stdout)["findings"]
    big = [f for f in findings if f["path"] == "big.txt"]
    assert [(f["rule"], f["line"]) for f in big] == [("claims.guarantee", claim_line)]
    [finding] = big
    assert finding["end_line"] == claim_line
    assert claim[finding["column"] - 1 : finding["end_column"] - 1] == finding["text"]
    assert "guarantee" in finding["text"].lower()
    assert [f["path"] for f in findings] == ["big.txt", "good.txt"]


# -- front matter ----------------------------------------------------------------------------------------------------


def test_invalid_front_matter_is_one_line_with_the_line_number(workdir: Path) -> None:
    (workdir / "page.md").write_text("---\ntitle: ok\ntags: [unclosed\n---\nTODO: text.\n", encoding="utf-8")
    result = check_json("page.md", "good.txt")
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert findings_of(result) == [GOOD_FINDING]
    [line] = result.stderr.splitlines()
    assert re.match(r"irlint: error: page\.md(: page\.md)?:\d+: invalid YAML front matter: ", line)


def test_front_matter_that_is_not_a_mapping(workdir: Path) -> None:
    (workdir / "page.md").write_text("---\n- a\n- b\n---\nText.\n", encoding="utf-8")
    result = check_json("page.md", "good.txt")
    assert result.exit_code == 2
    assert findings_of(result) == [GOOD_FINDING]
    [line] = result.stderr.splitlines()
    assert line.startswith("irlint: error: page.md")
    assert line.endswith("YAML front matter must be a mapping of keys to values")


def test_control_character_in_front_matter_is_one_line(workdir: Path) -> None:
    (workdir / "page.md").write_text("---\n\x0btitle: x\n---\nText.\n", encoding="utf-8")
    result = check_json("page.md", "good.txt")
    assert result.exit_code == 2
    assert findings_of(result) == [GOOD_FINDING]
    assert len(result.stderr.splitlines()) == 1


# -- standard input --------------------------------------------------------------------------------------------------


def _subprocess(args: list[str], cwd: Path, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "PYTHONIOENCODING")}
    return subprocess.run(
        [sys.executable, "-m", "irlint", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_invalid_utf8_on_stdin(workdir: Path) -> None:
    proc = _subprocess(["check", "-q", "--select", "hygiene", "-", "good.txt"], workdir, b"caf\xe9 ok\n")
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2
    assert "internal error" not in stderr
    [line] = stderr.splitlines()
    assert line.startswith("irlint: error: <stdin>") and "UTF-8" in line
    assert proc.stdout.decode().startswith("good.txt:2:1: error hygiene.web-boilerplate ")


def test_binary_on_stdin(workdir: Path) -> None:
    proc = _subprocess(
        ["check", "-q", "--select", "hygiene", "-", "--stdin-filename", "in.md"], workdir, b"ok\x00bin\n"
    )
    assert proc.returncode == 2
    assert b"binary file" in proc.stderr


# -- an unexpected failure on one file -------------------------------------------------------------------------------


def test_an_internal_error_on_one_file_does_not_lose_the_others(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import irlint.engine

    real = irlint.engine.parse_document

    def flaky(source: str, path: str, fmt: str | None = None) -> object:
        if path.endswith("crash.md"):
            raise RuntimeError("parser bug")
        return real(source, path, fmt)

    monkeypatch.setattr(irlint.engine, "parse_document", flaky)
    (workdir / "crash.md").write_text("x\n", encoding="utf-8")
    result = check_json("crash.md", "good.txt")
    assert result.exit_code == 2
    assert findings_of(result) == [GOOD_FINDING]
    [line] = result.stderr.splitlines()
    assert line.startswith("irlint: error: crash.md") or line.startswith("irlint: internal error")


# -- malformed rule packs --------------------------------------------------------------------------------------------

RULE = """\
pack: house
description: Our own rules.
rules:
  - id: house.no-miracle-words
    kind: phrase
    severity: warning
    message: "'{match}' oversells."
    description: Words our compliance team rejects.
    rationale: Overselling creates unjustified expectations.
    sources: [{title: House style guide}]
    phrases: [life-changing]
    examples:
      flag: ["A life-changing procedure."]
      pass: ["A useful procedure."]
"""

# name -> (pack text, expected stderr after "irlint: error: <pack path>")
BAD_PACKS: dict[str, tuple[str, str]] = {
    "yaml syntax": (
        RULE.replace("phrases: [life-changing]", "phrases: [life-changing"),
        ":12:13: invalid YAML: while parsing a flow sequence ",
    ),
    "tab indentation": (RULE.replace("    kind: phrase", "\tkind: phrase"), ":5:1: invalid YAML: "),
    "missing field": (
        RULE.replace("    rationale: Overselling creates unjustified expectations.\n", ""),
        ":4:5: rule house.no-miracle-words: rules.0.rationale: Field required",
    ),
    "unknown field": (
        RULE.replace("    phrases:", "    colour: red\n    phrases:"),
        ":11:5: rule house.no-miracle-words: rules.0.colour: Extra inputs are not permitted",
    ),
    "bad severity": (
        RULE.replace("severity: warning", "severity: loud"),
        ":6:5: rule house.no-miracle-words: rules.0.severity: Input should be 'error', 'warning' or 'info'",
    ),
    "unknown kind": (
        RULE.replace("kind: phrase", "kind: magic"),
        ":4:5: rule house.no-miracle-words: rules.0: Input tag 'magic' found using 'kind' does not match any of the "
        "expected tags: 'phrase', 'pattern', 'regex', 'require', 'acronym'",
    ),
    "bad regex": (
        RULE.replace("kind: phrase", "kind: regex").replace("phrases: [life-changing]", "patterns: ['(unclosed']"),
        ":11:16: rule house.no-miracle-words: invalid regular expression '(unclosed': ",
    ),
    "bad token pattern": (
        RULE.replace("kind: phrase", "kind: pattern").replace("phrases: [life-changing]", "patterns: [[{BOGUS: x}]]"),
        ":11:16: rule house.no-miracle-words: invalid token pattern: ",
    ),
    "id outside the pack": (
        RULE.replace("id: house.no-miracle-words", "id: claims.no-miracle-words"),
        ":4:5: rule claims.no-miracle-words: id must start with the pack name 'house.'",
    ),
    "bad rule id": (
        RULE.replace("id: house.no-miracle-words", "id: House Rule"),
        ":4:5: rule House Rule: rules.0.id: String should match pattern ",
    ),
    "duplicate of a built-in id": (
        RULE.replace("pack: house", "pack: hygiene").replace("house.no-miracle-words", "hygiene.click-here"),
        ": rule hygiene.click-here: id already defined in rules/hygiene.yaml",
    ),
    "not a mapping": ("- just\n- a list\n", ":1:1: pack: Input should be a valid dictionary or instance of RulePack"),
    "empty": ("", ": pack: Input should be a valid dictionary or instance of RulePack"),
}


@pytest.mark.parametrize("case", sorted(BAD_PACKS))
def test_malformed_rule_pack_is_one_line_naming_file_and_line(workdir: Path, case: str) -> None:
    text, expected = BAD_PACKS[case]
    (workdir / "house").mkdir()
    pack = workdir / "house" / "house.yaml"
    pack.write_text(text, encoding="utf-8")
    (workdir / ".irlint.yaml").write_text("rule-packs: [house]\n", encoding="utf-8")
    result = run("check", "good.txt")
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert result.stdout == ""  # a bad pack stops the run before any file is read
    [line] = result.stderr.splitlines()
    assert line.startswith(f"irlint: error: {pack}{expected}"), line


def test_undecodable_rule_pack(workdir: Path) -> None:
    (workdir / "house").mkdir()
    (workdir / "house" / "house.yaml").write_bytes(b"\xff\xfepack: house\n")
    (workdir / ".irlint.yaml").write_text("rule-packs: [house]\n", encoding="utf-8")
    result = run("check", "good.txt")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"irlint: error: {workdir / 'house' / 'house.yaml'}: cannot read rule pack: ")


def test_malformed_rule_pack_also_fails_rules_and_explain(workdir: Path) -> None:
    (workdir / "house").mkdir()
    (workdir / "house" / "house.yaml").write_text(RULE.replace("kind: phrase", "kind: magic"), encoding="utf-8")
    (workdir / ".irlint.yaml").write_text("rule-packs: [house]\n", encoding="utf-8")
    for args in (["rules"], ["explain", "hygiene.click-here"]):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith(f"irlint: error: {workdir / 'house' / 'house.yaml'}:4:5: ")


# -- malformed configuration -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("select: [hygiene\n", ":2:1: invalid YAML: "),
        ("select: [hygiene]\nbogus: 1\n", ":2:1: bogus: Extra inputs are not permitted"),
        ("fail-on: sometimes\n", ":1:1: fail-on: Input should be 'error', 'warning', 'info' or 'never'"),
    ],
)
def test_malformed_config_is_one_line_and_nothing_is_linted(workdir: Path, config: str, expected: str) -> None:
    (workdir / ".irlint.yaml").write_text(config, encoding="utf-8")
    result = run("check", "good.txt")
    assert_no_traceback(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"irlint: error: {workdir.resolve() / '.irlint.yaml'}{expected}"), line


def test_undecodable_config(workdir: Path) -> None:
    (workdir / ".irlint.yaml").write_bytes(b"select: [caf\xe9]\n")
    result = run("check", "good.txt")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"irlint: error: {workdir.resolve() / '.irlint.yaml'}: cannot read config file: ")


# -- everything at once, in a real process ---------------------------------------------------------------------------


def test_every_kind_of_bad_input_in_one_real_run(workdir: Path) -> None:
    (workdir / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (workdir / "latin1.md").write_bytes(b"caf\xe9\n")
    (workdir / "empty.md").write_bytes(b"")
    (workdir / "front.md").write_text("---\na: [b\n---\nText.\n", encoding="utf-8")
    (workdir / "todo.html").write_text("<p>Intro.</p>\n<p>TODO: finish</p>\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    names = ["binary.txt", "latin1.md", "empty.md", "missing.txt", "front.md", "good.txt", "todo.html"]
    proc = subprocess.run(
        [sys.executable, "-m", "irlint", "check", "--select", "hygiene", "--format", "json", *names],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    payload = json.loads(proc.stdout)
    assert [(f["path"], f["line"], f["column"], f["rule"]) for f in payload["findings"]] == [
        GOOD_FINDING,
        ("todo.html", 2, 4, "hygiene.editor-note"),
    ]
    # Files are checked, and their errors listed, in path order.
    assert [error["path"] for error in payload["errors"]] == ["binary.txt", "front.md", "latin1.md", "missing.txt"]
    lines = proc.stderr.splitlines()
    assert len(lines) == 5
    for name in ("binary.txt", "latin1.md", "missing.txt", "front.md"):
        assert len([line for line in lines if line.startswith(f"irlint: error: {name}")]) == 1
    assert "irlint: empty.md: empty file, nothing to check" in lines
