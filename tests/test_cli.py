"""The command line: options, output formats, exit codes, and the stdout/stderr split.

Most tests run the click command in-process with CliRunner (which keeps stderr apart from stdout); a few run the real
program in a subprocess, one of them on a pseudo-terminal to check colour. Every test works in its own temporary
directory, so no configuration file from the checkout is picked up.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from irlint import __version__
from irlint.cli import main
from irlint.rules.kinds import CompiledRule
from irlint.rules.loader import load_rules

ANSI = re.compile(r"\x1b\[[0-9;]*m")

# One error and one warning from the hygiene pack, at known places.
DOC = "Our clinic news.\nPlease read this first. TODO: add the hours.\nLeave a Reply\n"
TODO_AT = (2, 25)  # 'TODO:' on line 2
REPLY_AT = (3, 1)  # 'Leave a Reply' on line 3


@cache
def _catalog() -> dict[str, CompiledRule]:
    return {rule.id: rule for rule in load_rules()}


def message(rule_id: str, match: str) -> str:
    """The message a built-in rule prints for ``match`` (taken from the pack, so that wording edits do not break)."""
    return _catalog()[rule_id].spec.message.replace("{match}", match)


def run(*args: str, input: str | bytes | None = None, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def findings_of(result: Result) -> list[tuple[str, int, int, str]]:
    payload = json.loads(result.stdout)
    return [(f["path"], f["line"], f["column"], f["rule"]) for f in payload["findings"]]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


# -- basics ----------------------------------------------------------------------------------------------------------


def test_version(workdir: Path) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"irlint, version {__version__}\n"


def test_help_lists_every_documented_check_option(workdir: Path) -> None:
    result = run("check", "--help")
    assert result.exit_code == 0
    for option in (
        "--format",
        "--fail-on",
        "--select",
        "--ignore",
        "--config",
        "--no-config",
        "--stdin-filename",
        "--no-grammar",
        "--quiet",
        "--no-color",
    ):
        assert option in result.stdout, option


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["check"], "Missing argument 'PATHS...'"),
        (["check", "--format", "xml", "doc.txt"], "Invalid value for '--format'"),
        (["check", "--fail-on", "sometimes", "doc.txt"], "Invalid value for '--fail-on'"),
        (["check", "--no-such-option", "doc.txt"], "--no-such-option"),
        (["frobnicate"], "No such command 'frobnicate'"),
    ],
)
def test_usage_errors_exit_2(workdir: Path, args: list[str], problem: str) -> None:
    (workdir / "doc.txt").write_text(DOC, encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert problem in result.stderr


# -- text output -----------------------------------------------------------------------------------------------------


def test_text_output_layout(workdir: Path) -> None:
    (workdir / "doc.txt").write_text(DOC, encoding="utf-8")
    result = run("check", "--select", "hygiene", "doc.txt")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout == (
        f"doc.txt:2:25: warning hygiene.editor-note {message('hygiene.editor-note', 'TODO:')}\n"
        "    2 | Please read this first. TODO: add the hours.\n"
        "      |                         ^^^^^\n"
        f"doc.txt:3:1: error hygiene.web-boilerplate {message('hygiene.web-boilerplate', 'Leave a Reply')}\n"
        "    3 | Leave a Reply\n"
        "      | ^^^^^^^^^^^^^\n"
        "      = suggestion: delete 'Leave a Reply'\n"
        "Found 2 findings (1 error, 1 warning, 0 info) in 1 file.\n"
    )


def test_text_output_document_level_finding_says_what_to_add(workdir: Path) -> None:
    (workdir / "doc.txt").write_text("Our clinic opens at nine.\n", encoding="utf-8")
    result = run("check", "--select", "disclaimers.medical-advice", "doc.txt")
    assert result.exit_code == 1
    [suggestion] = _catalog()["disclaimers.medical-advice"].spec.suggest
    assert result.stdout == (
        f"doc.txt:1:1: warning disclaimers.medical-advice {_catalog()['disclaimers.medical-advice'].spec.message}\n"
        f'      = suggestion: add "{suggestion}"\n'
        "Found 1 finding (0 errors, 1 warning, 0 info) in 1 file.\n"
    )


def test_text_output_clean_file(workdir: Path) -> None:
    (workdir / "doc.md").write_text("# Hours\n\nWe are open on weekdays.\n", encoding="utf-8")
    result = run("check", "--select", "hygiene", "doc.md")
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("No findings in 1 file.\n", "")


def test_text_output_caret_under_a_tab_indented_finding(workdir: Path) -> None:
    (workdir / "doc.txt").write_text("\tTODO: add the hours.\n", encoding="utf-8")
    result = run("check", "--select", "hygiene.editor-note", "doc.txt")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("doc.txt:1:2: warning hygiene.editor-note ")
    assert lines[1] == "    1 |  TODO: add the hours."  # the tab is shown as one space
    assert lines[2] == "      |  ^^^^^"


def test_text_output_long_line_is_cut_around_the_finding(workdir: Path) -> None:
    line = "The clinic is open. " * 10 + "TODO: add hours. " + "Parking is free. " * 10
    (workdir / "doc.txt").write_text(line + "\n", encoding="utf-8")
    result = run("check", "--select", "hygiene.editor-note", "doc.txt")
    _, shown, caret, _summary = result.stdout.splitlines()
    assert shown.startswith("    1 | …") and shown.endswith("…")
    text, marks = shown[len("    1 | ") :], caret[len("      | ") :]
    assert len(text) < len(line)
    start = marks.index("^")
    assert text[start : len(marks)] == "TODO:"


def test_text_output_columns_count_code_points(workdir: Path) -> None:
    (workdir / "doc.md").write_text("😀👍🏽 é TODO: x\n", encoding="utf-8")
    result = run("check", "--format", "json", "--select", "hygiene.editor-note", "doc.md")
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (1, 7, 12)
    assert finding["text"] == "TODO:"


def test_quiet_prints_one_line_per_finding_and_the_summary(workdir: Path) -> None:
    (workdir / "doc.txt").write_text(DOC, encoding="utf-8")
    result = run("check", "-q", "--select", "hygiene", "doc.txt")
    assert result.exit_code == 1
    assert result.stdout == (
        f"doc.txt:2:25: warning hygiene.editor-note {message('hygiene.editor-note', 'TODO:')}\n"
        f"doc.txt:3:1: error hygiene.web-boilerplate {message('hygiene.web-boilerplate', 'Leave a Reply')}\n"
        "Found 2 findings (1 error, 1 warning, 0 info) in 1 file.\n"
    )


def test_quiet_prints_nothing_when_clean(workdir: Path) -> None:
    (workdir / "doc.txt").write_text("We are open on weekdays.\n", encoding="utf-8")
    result = run("check", "--quiet", "--select", "hygiene", "doc.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("extra", [[], ["--no-color"]])
@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}])
def test_no_ansi_colour_when_not_a_terminal(workdir: Path, extra: list[str], env: dict[str, str | None]) -> None:
    (workdir / "doc.txt").write_text(DOC, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", *extra, "doc.txt"], env=env, color=True, catch_exceptions=False)
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    assert "\x1b" not in result.stderr


def test_no_grammar_leaves_out_only_languagetool_findings(workdir: Path) -> None:
    (workdir / "doc.txt").write_text("This are a error. TODO: add the hours.\n", encoding="utf-8")
    plain = json.loads(run("check", "--format", "json", "doc.txt").stdout)["findings"]
    without = run("check", "--format", "json", "--no-grammar", "doc.txt")
    assert without.exit_code == 1
    findings = json.loads(without.stdout)["findings"]
    assert {f["engine"] for f in findings} == {"irlint"}
    assert {"grammar.a-an", "hygiene.editor-note"} <= {f["rule"] for f in findings}  # built-in rules still run
    assert findings == [f for f in plain if f["engine"] == "irlint"]


# -- JSON output -----------------------------------------------------------------------------------------------------


FINDING_KEYS = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "severity",
    "message",
    "suggestions",
    "text",
    "engine",
]


def test_json_output_schema_and_values(workdir: Path) -> None:
    (workdir / "doc.txt").write_text(DOC, encoding="utf-8")
    result = run("check", "--format", "json", "--select", "hygiene", "doc.txt")
    assert result.exit_code == 1
    assert result.stderr == ""
    payload = json.loads(result.stdout)
    assert list(payload) == ["version", "findings", "errors", "summary"]
    assert payload["version"] == 1
    assert payload["errors"] == []
    assert payload["summary"] == {
        "files": 1,
        "files_with_findings": 1,
        "findings": 2,
        "error": 1,
        "warning": 1,
        "info": 0,
        "file_errors": 0,
        "readability": {},  # no readability rule selected, so nothing measured
    }
    todo, reply = payload["findings"]
    assert all(list(finding) == FINDING_KEYS for finding in payload["findings"])
    assert todo == {
        "path": "doc.txt",
        "line": 2,
        "column": 25,
        "end_line": 2,
        "end_column": 30,
        "rule": "hygiene.editor-note",
        "severity": "warning",
        "message": message("hygiene.editor-note", "TODO:"),
        "suggestions": [],
        "text": "TODO:",
        "engine": "irlint",
    }
    assert (reply["line"], reply["column"], reply["end_line"], reply["end_column"]) == (3, 1, 3, 14)
    assert (reply["rule"], reply["severity"], reply["text"], reply["suggestions"]) == (
        "hygiene.web-boilerplate",
        "error",
        "Leave a Reply",
        [""],
    )


def test_json_findings_are_sorted_by_path_line_column_rule(workdir: Path) -> None:
    (workdir / "b.md").write_text("TODO: one.\n\nLeave a Reply\n", encoding="utf-8")
    (workdir / "a.txt").write_text("Intro.\nClick here, TODO: check it.\n", encoding="utf-8")
    result = run("check", "--format", "json", "--select", "hygiene,disclaimers.medical-advice", "b.md", "a.txt")
    found = findings_of(result)
    assert found == sorted(found)
    assert found == [
        ("a.txt", 1, 1, "disclaimers.medical-advice"),
        ("a.txt", 2, 1, "hygiene.click-here"),
        ("a.txt", 2, 13, "hygiene.editor-note"),
        ("b.md", 1, 1, "disclaimers.medical-advice"),
        ("b.md", 1, 1, "hygiene.editor-note"),
        ("b.md", 3, 1, "hygiene.web-boilerplate"),
    ]
    assert json.loads(result.stdout)["summary"]["files_with_findings"] == 2


def test_json_output_is_byte_identical_between_runs(workdir: Path) -> None:
    (workdir / "doc.txt").write_text(DOC, encoding="utf-8")
    first = run("check", "--format", "json", "doc.txt")
    second = run("check", "--format", "json", "doc.txt")
    assert first.stdout == second.stdout


def test_json_output_when_clean(workdir: Path) -> None:
    (workdir / "doc.txt").write_text("We are open on weekdays.\n", encoding="utf-8")
    result = run("check", "--format", "json", "--select", "hygiene", "doc.txt")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "version": 1,
        "findings": [],
        "errors": [],
        "summary": {
            "files": 1,
            "files_with_findings": 0,
            "findings": 0,
            "error": 0,
            "warning": 0,
            "info": 0,
            "file_errors": 0,
            "readability": {},
        },
    }


# -- exit codes and --fail-on ----------------------------------------------------------------------------------------

# A file with exactly one finding of each severity, selected one rule at a time.
SEVERITY_DOCS = {
    "error": ("hygiene.web-boilerplate", "Leave a Reply\n"),
    "warning": ("hygiene.editor-note", "TODO: add the hours.\n"),
    "info": ("acronyms.undefined", "The QXZ procedure is quick.\n"),
}
EXPECTED_EXIT = {
    # (severity of the only finding, --fail-on) -> exit code
    ("error", "error"): 1,
    ("error", "warning"): 1,
    ("error", "info"): 1,
    ("error", "never"): 0,
    ("warning", "error"): 0,
    ("warning", "warning"): 1,
    ("warning", "info"): 1,
    ("warning", "never"): 0,
    ("info", "error"): 0,
    ("info", "warning"): 0,
    ("info", "info"): 1,
    ("info", "never"): 0,
}


@pytest.mark.parametrize(("severity", "fail_on"), sorted(EXPECTED_EXIT))
def test_fail_on_thresholds(workdir: Path, severity: str, fail_on: str) -> None:
    rule, text = SEVERITY_DOCS[severity]
    (workdir / "doc.txt").write_text(text, encoding="utf-8")
    result = run("check", "--format", "json", "--select", rule, "--fail-on", fail_on, "doc.txt")
    payload = json.loads(result.stdout)
    assert [(f["rule"], f["severity"]) for f in payload["findings"]] == [(rule, severity)]
    assert result.exit_code == EXPECTED_EXIT[(severity, fail_on)]


@pytest.mark.parametrize(("severity", "code"), [("error", 1), ("warning", 1), ("info", 0)])
def test_default_fail_on_is_warning(workdir: Path, severity: str, code: int) -> None:
    rule, text = SEVERITY_DOCS[severity]
    (workdir / "doc.txt").write_text(text, encoding="utf-8")
    assert run("check", "--select", rule, "doc.txt").exit_code == code


def test_exit_2_wins_over_findings(workdir: Path) -> None:
    (workdir / "doc.txt").write_text(DOC, encoding="utf-8")
    result = run("check", "--fail-on", "info", "doc.txt", "missing.txt")
    assert result.exit_code == 2
    assert "doc.txt:3:1: error hygiene.web-boilerplate" in result.stdout


# -- --select and --ignore -------------------------------------------------------------------------------------------


def _rules_reported(result: Result) -> set[str]:
    return {rule for _, _, _, rule in findings_of(result)}


MANY = "Intro.\nClick here, TODO: check it.\nLeave a Reply\n"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--select", "hygiene"], {"hygiene.click-here", "hygiene.editor-note", "hygiene.web-boilerplate"}),
        (["--select", "hygiene.click-here,hygiene.editor-note"], {"hygiene.click-here", "hygiene.editor-note"}),
        (
            ["--select", "hygiene.click-here", "--select", "hygiene.editor-note"],
            {"hygiene.click-here", "hygiene.editor-note"},
        ),
        (["--select", " hygiene.click-here , ,hygiene.editor-note "], {"hygiene.click-here", "hygiene.editor-note"}),
        (["--select", "hygiene", "--ignore", "hygiene.editor-note"], {"hygiene.click-here", "hygiene.web-boilerplate"}),
        (["--ignore", "hygiene,disclaimers"], set()),
        (["--ignore", "hygiene", "--ignore", "disclaimers"], set()),
        (
            ["--ignore", "hygiene.click-here,hygiene.editor-note"],
            {"hygiene.web-boilerplate", "disclaimers.medical-advice"},
        ),
        (
            ["--select", "disclaimers", "--select", "hygiene.web-boilerplate"],
            {"hygiene.web-boilerplate", "disclaimers.medical-advice"},
        ),
    ],
)
def test_select_and_ignore(workdir: Path, options: list[str], expected: set[str]) -> None:
    (workdir / "doc.txt").write_text(MANY, encoding="utf-8")
    result = run("check", "--format", "json", *options, "doc.txt")
    assert _rules_reported(result) == expected


@pytest.mark.parametrize(
    ("option", "value", "line"),
    [
        ("--select", "hyg", "irlint: error: command line: select: no rule matches 'hyg' (see 'irlint rules')\n"),
        (
            "--select",
            "hygiene,claims.nope",
            "irlint: error: command line: select: no rule matches 'claims.nope' (see 'irlint rules')\n",
        ),
        ("--ignore", "nope", "irlint: error: command line: ignore: no rule matches 'nope' (see 'irlint rules')\n"),
    ],
)
def test_unknown_rule_in_select_or_ignore_is_an_error(workdir: Path, option: str, value: str, line: str) -> None:
    (workdir / "doc.txt").write_text(DOC, encoding="utf-8")
    result = run("check", option, value, "doc.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == line


def _opt_in_rules() -> list[CompiledRule]:
    return [rule for rule in load_rules() if not rule.spec.enabled]


@pytest.mark.parametrize("rule", _opt_in_rules(), ids=lambda rule: rule.id)
def test_opt_in_rules_run_only_when_selected(workdir: Path, rule: CompiledRule) -> None:
    example = rule.spec.examples.flag[0]
    text = example if isinstance(example, str) else example.text
    (workdir / "doc.txt").write_text(text + "\n", encoding="utf-8")
    assert rule.id not in _rules_reported(run("check", "--format", "json", "doc.txt"))
    assert rule.id in _rules_reported(run("check", "--format", "json", "--select", rule.id, "doc.txt"))


# -- paths: directories, stdin ---------------------------------------------------------------------------------------


def test_directories_are_walked_with_default_includes_and_excludes(workdir: Path) -> None:
    site = workdir / "site"
    included = ["a.md", "b.markdown", "c.html", "d.htm", "e.txt", "sub/f.md", "sub/deeper/g.txt"]
    skipped = [
        "notes.rst",
        "data.json",
        "page.md.bak",
        ".git/h.md",
        "node_modules/pkg/i.md",
        ".venv/j.md",
        "venv/k.md",
        "__pycache__/l.md",
        ".hidden/m.md",
        "sub/node_modules/n.md",
    ]
    for name in included + skipped:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("TODO: fill in.\n", encoding="utf-8")
    result = run("check", "--format", "json", "--select", "hygiene.editor-note", "site")
    assert result.exit_code == 1
    assert [path for path, *_ in findings_of(result)] == sorted(f"site/{name}" for name in included)
    assert json.loads(result.stdout)["summary"]["files"] == len(included)


def test_files_named_explicitly_are_always_checked(workdir: Path) -> None:
    (workdir / "node_modules").mkdir()
    (workdir / "node_modules" / "x.md").write_text("TODO: one.\n", encoding="utf-8")
    (workdir / "notes.rst").write_text("TODO: two.\n", encoding="utf-8")
    result = run("check", "--format", "json", "--select", "hygiene.editor-note", "node_modules/x.md", "notes.rst")
    assert findings_of(result) == [
        ("node_modules/x.md", 1, 1, "hygiene.editor-note"),
        ("notes.rst", 1, 1, "hygiene.editor-note"),
    ]


def test_empty_directory_is_clean(workdir: Path) -> None:
    (workdir / "empty").mkdir()
    result = run("check", "empty")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "No findings in 0 files.\n", "")


def test_stdin_with_stdin_filename_names_and_formats_the_text(workdir: Path) -> None:
    text = "Intro.\n\nRun `TODO:` and see <b>Leave a Reply</b>\n"
    as_markdown = run(
        "check", "--format", "json", "--select", "hygiene", "-", "--stdin-filename", "page.md", input=text
    )
    as_text = run("check", "--format", "json", "--select", "hygiene", "-", "--stdin-filename", "page.txt", input=text)
    # Markdown: inline code is not prose, and the inline HTML tags are markup.
    assert findings_of(as_markdown) == []
    assert findings_of(as_text) == [("page.txt", 3, 6, "hygiene.editor-note")]


def test_stdin_html(workdir: Path) -> None:
    text = "<html><body>\n<p>Thanks for reading.</p>\n<h3>Leave a Reply</h3>\n</body></html>\n"
    result = run("check", "--format", "json", "--select", "hygiene", "-", "--stdin-filename", "post.html", input=text)
    assert result.exit_code == 1
    assert findings_of(result) == [("post.html", 3, 5, "hygiene.web-boilerplate")]


def test_stdin_without_a_name(workdir: Path) -> None:
    result = run("check", "-q", "--select", "hygiene", "-", input="TODO: x\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:1:1: warning hygiene.editor-note ")


def test_stdin_together_with_files(workdir: Path) -> None:
    (workdir / "doc.txt").write_text(DOC, encoding="utf-8")
    options = ["--format", "json", "--select", "hygiene.web-boilerplate", "--stdin-filename", "in.md"]
    result = run("check", *options, "doc.txt", "-", input="Leave a Reply\n")
    assert findings_of(result) == [
        ("doc.txt", 3, 1, "hygiene.web-boilerplate"),
        ("in.md", 1, 1, "hygiene.web-boilerplate"),
    ]


# -- rules and explain -----------------------------------------------------------------------------------------------


def test_rules_lists_enabled_rules_in_order(workdir: Path) -> None:
    result = run("rules")
    assert result.exit_code == 0
    assert result.stderr == ""
    enabled = [rule for rule in load_rules() if rule.spec.enabled]
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [rule.id for rule in enabled]
    for line, rule in zip(lines, enabled, strict=True):
        assert line.split()[1] == rule.spec.severity
        assert line.endswith(rule.spec.description.strip().split("\n")[0])


def test_rules_all_adds_opt_in_rules(workdir: Path) -> None:
    result = run("rules", "--all")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [rule.id for rule in load_rules()]
    for line, rule in zip(lines, load_rules(), strict=True):
        assert line.endswith(" (opt-in)") == (not rule.spec.enabled)


def test_rules_json(workdir: Path) -> None:
    result = run("rules", "--all", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == [rule.id for rule in load_rules()]
    assert all(list(row) == ["id", "kind", "severity", "enabled", "description"] for row in rows)
    assert {row["severity"] for row in rows} <= {"error", "warning", "info"}


@pytest.mark.parametrize("rule_id", [rule.id for rule in load_rules()])
def test_explain_prints_description_rationale_sources_examples(workdir: Path, rule_id: str) -> None:
    result = run("explain", rule_id)
    assert result.exit_code == 0
    assert result.stderr == ""
    spec = _catalog()[rule_id].spec
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == f"{spec.id} ({spec.kind}, {spec.severity}{'' if spec.enabled else ', opt-in'})"
    assert spec.description.strip() in out
    assert "Why: " + spec.rationale.strip() in out
    sources = lines.index("Sources:")
    for offset, source in enumerate(spec.sources, start=1):
        assert lines[sources + offset].startswith(f"  - {source.title}")
        if source.url:
            assert lines[sources + offset].endswith(f"<{source.url}>")
    flags, passes = lines.index("Flags:"), lines.index("Does not flag:")
    assert sources < flags < passes
    expected_flags = [example if isinstance(example, str) else example.text for example in spec.examples.flag]
    assert lines[flags + 1 : flags + 1 + len(expected_flags)] == [f"  - {text}" for text in expected_flags]
    assert lines[passes + 1 :] == [f"  - {text}" for text in spec.examples.pass_]


def test_explain_unknown_rule_in_a_known_pack(workdir: Path) -> None:
    result = run("explain", "claims.nope")
    assert result.exit_code == 2
    assert result.stdout == ""
    claims = sorted(rule_id for rule_id in _catalog() if rule_id.startswith("claims."))
    assert result.stderr == f"irlint: error: unknown rule 'claims.nope'; rules in that pack: {', '.join(claims)}\n"


def test_explain_unknown_rule(workdir: Path) -> None:
    result = run("explain", "zzz.nope")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "irlint: error: unknown rule 'zzz.nope'; see 'irlint rules'\n"


# -- the error boundary ----------------------------------------------------------------------------------------------


def _explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def test_internal_error_is_one_line_without_traceback(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("irlint.engine.Linter.lint_paths", _explode)
    (workdir / "doc.txt").write_text(DOC, encoding="utf-8")
    result = run("check", "doc.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert re.fullmatch(
        rf"irlint: internal error: RuntimeError: boom \(irlint {re.escape(__version__)}, Python [\d.]+\w*; "
        r"rerun with --debug and report it\)\n",
        result.stderr,
    )


def test_debug_shows_the_traceback(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("irlint.engine.Linter.lint_paths", _explode)
    (workdir / "doc.txt").write_text(DOC, encoding="utf-8")
    result = run("check", "--debug", "doc.txt")
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.rstrip("\n").splitlines()[-1].startswith("irlint: internal error: RuntimeError: boom")


# -- the real program ------------------------------------------------------------------------------------------------


def _program(name: str) -> list[str]:
    if name == "module":
        return [sys.executable, "-m", "irlint"]
    script = Path(sys.executable).with_name("irlint")
    if not script.exists():
        pytest.skip("no irlint console script next to the interpreter")
    return [str(script)]


def _env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.mark.parametrize("program", ["module", "script"])
def test_subprocess_exit_codes_and_stream_separation(tmp_path: Path, program: str) -> None:
    (tmp_path / "good.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "clean.txt").write_text("We are open on weekdays.\n", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    command = [*_program(program), "check", "--select", "hygiene"]

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *args], cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=120, check=False
        )

    clean = call("clean.txt")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "No findings in 1 file.\n", "")

    dirty = call("-q", "good.txt")
    assert dirty.returncode == 1
    assert dirty.stderr == ""
    assert dirty.stdout.splitlines() == [
        f"good.txt:2:25: warning hygiene.editor-note {message('hygiene.editor-note', 'TODO:')}",
        f"good.txt:3:1: error hygiene.web-boilerplate {message('hygiene.web-boilerplate', 'Leave a Reply')}",
        "Found 2 findings (1 error, 1 warning, 0 info) in 1 file.",
    ]

    broken = call("-q", "good.txt", "photo.png")
    assert broken.returncode == 2
    assert broken.stdout == dirty.stdout.replace("in 1 file.", "in 1 file. 1 file could not be checked.")
    [error_line] = broken.stderr.splitlines()
    assert error_line.startswith("irlint: error: photo.png")
    assert "binary file" in error_line
    assert "Traceback" not in broken.stdout + broken.stderr

    usage = call("--fail-on", "sometimes", "good.txt")
    assert usage.returncode == 2
    assert usage.stdout == ""
    assert "Invalid value for '--fail-on'" in usage.stderr


def test_subprocess_json_goes_to_stdout_and_notices_to_stderr(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    proc = subprocess.run(
        [*_program("module"), "check", "--format", "json", "--select", "hygiene", "good.txt", "empty.md"],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    payload = json.loads(proc.stdout)  # nothing but the JSON document on stdout
    assert [f["rule"] for f in payload["findings"]] == ["hygiene.editor-note", "hygiene.web-boilerplate"]
    assert proc.stderr == "irlint: empty.md: empty file, nothing to check\n"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize(
    ("extra", "env", "coloured"),
    [([], {}, True), (["--no-color"], {}, False), ([], {"NO_COLOR": "1"}, False)],
)
def test_colour_only_on_a_terminal_without_no_color(
    tmp_path: Path, extra: list[str], env: dict[str, str], coloured: bool
) -> None:
    import pty

    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [*_program("module"), "check", "--select", "hygiene", *extra, "doc.txt"],
            cwd=tmp_path,
            env={**_env(), **env},
            stdout=slave,
            stderr=subprocess.PIPE,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=120) == 1
        assert proc.stderr is not None
        assert proc.stderr.read() == b""
        proc.stderr.close()
    finally:
        os.close(master)
    out = b"".join(chunks).decode("utf-8")
    assert bool(ANSI.search(out)) is coloured
    plain = ANSI.sub("", out).replace("\r\n", "\n")
    assert plain.startswith(f"doc.txt:2:25: warning hygiene.editor-note {message('hygiene.editor-note', 'TODO:')}\n")


def test_config_and_no_config_together_are_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / ".irlint.yaml"
    config.write_text("select: [claims]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-config", "--config", str(config), str(config)])
    assert result.exit_code == 2
    assert result.stderr == "irlint: error: --config and --no-config contradict each other; give one of them\n"
