"""Configuration: discovery upward from the working directory, every key's effect, and one-line errors that name the
file, line, column and key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from irlint.cli import main

# Three hygiene findings at known places, and (without configuration) a missing medical-advice disclaimer.
DOC = "Intro.\nClick here, TODO: check it.\nLeave a Reply\n"
CLICK = ("hygiene.click-here", 2, 1)
TODO = ("hygiene.editor-note", 2, 13)
REPLY = ("hygiene.web-boilerplate", 3, 1)
ADVICE = ("disclaimers.medical-advice", 1, 1)

HOUSE_PACK = """\
pack: house
description: Our own rules.
rules:
  - id: house.no-miracle-words
    kind: phrase
    severity: warning
    message: "'{match}' oversells; describe what the treatment does."
    description: Words our compliance team rejects.
    rationale: Overselling creates unjustified expectations.
    sources: [{title: House style guide, url: "https://example.org/style"}]
    phrases: [life-changing, transformative]
    cleared_by: {negation: true}
    examples:
      flag: ["A life-changing procedure."]
      pass: ["This procedure is not life-changing for everyone."]
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def check(*args: str) -> Result:
    """``irlint check --format json --no-grammar ARGS`` (grammar findings would depend on LanguageTool)."""
    return run("check", "--format", "json", "--no-grammar", *args)


def found(result: Result) -> list[tuple[str, int, int]]:
    """(rule, line, column) of every finding (a single file)."""
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]


def by_path(result: Result) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for finding in json.loads(result.stdout)["findings"]:
        table.setdefault(finding["path"], []).append(finding["rule"])
    return table


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project directory holding doc.txt; the working directory."""
    root = tmp_path / "project"
    write(root / "doc.txt", DOC)
    monkeypatch.chdir(root)
    return root


def test_no_config_means_defaults(project: Path) -> None:
    result = check("doc.txt")
    assert result.exit_code == 1
    assert found(result) == [ADVICE, CLICK, TODO, REPLY]


# -- discovery -------------------------------------------------------------------------------------------------------


def test_config_is_found_upward_from_the_working_directory(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / ".irlint.yaml", "select: [hygiene.editor-note]\n")
    deep = project / "a" / "b"
    write(deep / "doc.txt", DOC)
    monkeypatch.chdir(deep)
    assert found(check("doc.txt")) == [TODO]


def test_irlint_yml_is_found_too(project: Path) -> None:
    write(project / ".irlint.yml", "select: [hygiene.click-here]\n")
    assert found(check("doc.txt")) == [CLICK]


def test_the_nearest_config_wins(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / ".irlint.yaml", "select: [hygiene.editor-note]\n")
    write(project / "sub" / ".irlint.yaml", "select: [hygiene.click-here]\n")
    monkeypatch.chdir(project / "sub")
    assert found(check("../doc.txt")) == [CLICK]


def test_config_is_found_from_the_working_directory_not_from_the_file(project: Path, tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / ".irlint.yaml", "select: [hygiene.click-here]\n")
    write(tmp_path / "elsewhere" / "doc.txt", DOC)
    assert found(check(str(tmp_path / "elsewhere" / "doc.txt"))) == [ADVICE, CLICK, TODO, REPLY]


def test_pyproject_tool_irlint(project: Path) -> None:
    write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.irlint]\nselect = ["hygiene.editor-note"]\n')
    assert found(check("doc.txt")) == [TODO]


def test_pyproject_without_tool_irlint_is_skipped(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / ".irlint.yaml", "select: [hygiene.editor-note]\n")
    write(project / "sub" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    monkeypatch.chdir(project / "sub")
    assert found(check("../doc.txt")) == [TODO]


def test_irlint_yaml_beats_pyproject_in_the_same_directory(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.irlint]\nselect = ["hygiene.click-here"]\n')
    write(project / ".irlint.yaml", "select: [hygiene.editor-note]\n")
    assert found(check("doc.txt")) == [TODO]


def test_explicit_config_file(project: Path, tmp_path: Path) -> None:
    write(project / ".irlint.yaml", "select: [hygiene.editor-note]\n")
    other = write(tmp_path / "configs" / "strict.yaml", "select: [hygiene.web-boilerplate]\n")
    assert found(check("--config", str(other), "doc.txt")) == [REPLY]


def test_explicit_pyproject(project: Path, tmp_path: Path) -> None:
    other = write(tmp_path / "configs" / "pyproject.toml", '[tool.irlint]\nselect = ["hygiene.click-here"]\n')
    assert found(check("--config", str(other), "doc.txt")) == [CLICK]


def test_explicit_config_that_does_not_exist(project: Path) -> None:
    result = check("--config", "missing.yaml", "doc.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "irlint: error: missing.yaml: config file not found\n"


def test_no_config_ignores_even_a_broken_config(project: Path) -> None:
    write(project / ".irlint.yaml", "bogus: [\n")
    result = check("--no-config", "doc.txt")
    assert result.exit_code == 1
    assert found(result) == [ADVICE, CLICK, TODO, REPLY]


@pytest.mark.parametrize("text", ["", "\n", "# nothing configured yet\n"])
def test_an_empty_config_means_defaults(project: Path, text: str) -> None:
    write(project / ".irlint.yaml", text)
    assert found(check("doc.txt")) == [ADVICE, CLICK, TODO, REPLY]


# -- select, ignore, severity, fail-on -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "options", "expected"),
    [
        ("select: [hygiene]\n", [], [CLICK, TODO, REPLY]),
        ("ignore: [disclaimers, hygiene.click-here]\n", [], [TODO, REPLY]),
        ("select: [hygiene]\nignore: [hygiene.editor-note]\n", [], [CLICK, REPLY]),
        # --select replaces the configured selection; --ignore adds to the configured ignores
        ("select: [hygiene.editor-note]\n", ["--select", "hygiene.click-here"], [CLICK]),
        ("ignore: [disclaimers]\n", ["--ignore", "hygiene.editor-note"], [CLICK, REPLY]),
        (
            "select: [hygiene]\nignore: [hygiene.click-here]\n",
            ["--select", "hygiene,disclaimers"],
            [ADVICE, TODO, REPLY],
        ),
        ("select: []\n", [], []),
    ],
)
def test_select_and_ignore(
    project: Path, config: str, options: list[str], expected: list[tuple[str, int, int]]
) -> None:
    write(project / ".irlint.yaml", config)
    assert found(check(*options, "doc.txt")) == expected


def test_severity_overrides_and_the_longest_prefix_wins(project: Path) -> None:
    write(
        project / ".irlint.yaml",
        "select: [hygiene]\nseverity:\n  hygiene: info\n  hygiene.web-boilerplate: warning\n",
    )
    result = check("doc.txt")
    severities = [(f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"]]
    assert severities == [
        ("hygiene.click-here", "info"),
        ("hygiene.editor-note", "info"),
        ("hygiene.web-boilerplate", "warning"),
    ]
    assert result.exit_code == 1
    text = run("check", "-q", "--no-grammar", "doc.txt")
    assert text.stdout.splitlines()[0].startswith("doc.txt:2:1: info hygiene.click-here ")
    assert text.stdout.splitlines()[-1] == "Found 3 findings (0 errors, 1 warning, 2 info) in 1 file."


def test_severity_can_raise_an_info_rule_to_an_error(project: Path) -> None:
    write(project / "acr.txt", "The QXZ procedure is quick.\n")
    write(project / ".irlint.yaml", "select: [acronyms]\n")
    assert check("acr.txt").exit_code == 0
    write(project / ".irlint.yaml", "select: [acronyms]\nseverity: {acronyms.undefined: error}\n")
    result = check("acr.txt")
    assert result.exit_code == 1
    assert [f["severity"] for f in json.loads(result.stdout)["findings"]] == ["error"]


@pytest.mark.parametrize(
    ("config_fail_on", "options", "code"),
    [
        ("error", [], 0),  # only warnings: below the configured threshold
        ("warning", [], 1),
        ("never", [], 0),
        ("error", ["--fail-on", "warning"], 1),  # the command line wins
        ("warning", ["--fail-on", "never"], 0),
    ],
)
def test_fail_on(project: Path, config_fail_on: str, options: list[str], code: int) -> None:
    write(project / ".irlint.yaml", f"select: [hygiene.editor-note, hygiene.click-here]\nfail-on: {config_fail_on}\n")
    result = check(*options, "doc.txt")
    assert found(result) == [CLICK, TODO]
    assert result.exit_code == code


# -- per-path, content types, required disclaimers -------------------------------------------------------------------


def test_per_path_select_ignore_and_severity(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("legal/terms.md", "landing/page.md", "blog/post.md", "blog/drafts/draft.md"):
        write(project / "site" / name, "TODO: check. Click here.\n")
    write(
        project / ".irlint.yaml",
        """\
select: [hygiene]
per-path:
  - paths: ["site/legal/**"]
    ignore: [hygiene.editor-note]
  - paths: ["site/landing/*.md"]
    severity: {hygiene: error}
  - paths: ["site/blog/drafts"]
    select: [hygiene.click-here]
""",
    )
    # from a subdirectory: the globs stay relative to the config file
    monkeypatch.chdir(project / "site")
    result = check(".")
    findings = {(f["path"], f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"]}
    assert findings == {
        ("blog/drafts/draft.md", "hygiene.click-here", "warning"),
        ("blog/post.md", "hygiene.click-here", "warning"),
        ("blog/post.md", "hygiene.editor-note", "warning"),
        ("landing/page.md", "hygiene.click-here", "error"),
        ("landing/page.md", "hygiene.editor-note", "error"),
        ("legal/terms.md", "hygiene.click-here", "warning"),
    }


def _disclaimer_docs(project: Path) -> None:
    body = "TODO: check.\n\nThe procedure brings relief for many patients.\n"
    write(project / "site" / "plain.md", body)
    write(project / "site" / "contact.md", "---\ntype: contact\n---\n" + body)
    write(project / "site" / "procedure.md", "---\ntype: procedure\n---\n" + body)
    write(project / "site" / "kind.md", "---\nkind: contact\n---\n" + body)
    write(project / "site" / "landing" / "offer.md", body)


def test_required_disclaimers_by_content_type(project: Path) -> None:
    _disclaimer_docs(project)
    write(
        project / ".irlint.yaml",
        """\
select: [disclaimers, hygiene.editor-note]
required-disclaimers:
  default: [disclaimers.medical-advice]
  contact: []
  procedure: [disclaimers.medical-advice, disclaimers.results-vary]
per-path:
  - paths: ["site/landing/**"]
    content-type: procedure
""",
    )
    assert by_path(check("site")) == {
        "site/contact.md": ["hygiene.editor-note"],
        "site/kind.md": ["disclaimers.medical-advice", "hygiene.editor-note"],
        "site/landing/offer.md": ["disclaimers.medical-advice", "disclaimers.results-vary", "hygiene.editor-note"],
        "site/plain.md": ["disclaimers.medical-advice", "hygiene.editor-note"],
        "site/procedure.md": ["disclaimers.medical-advice", "disclaimers.results-vary", "hygiene.editor-note"],
    }


def test_content_type_key(project: Path) -> None:
    _disclaimer_docs(project)
    write(
        project / ".irlint.yaml",
        """\
select: [disclaimers, hygiene.editor-note]
content-type-key: kind
required-disclaimers:
  default: [disclaimers.medical-advice]
  contact: []
""",
    )
    result = by_path(check("site/kind.md", "site/contact.md"))
    assert result == {
        "site/contact.md": ["disclaimers.medical-advice", "hygiene.editor-note"],  # `type` is no longer the key
        "site/kind.md": ["hygiene.editor-note"],
    }


def test_without_required_disclaimers_each_rule_applies_by_its_own_definition(project: Path) -> None:
    write(project / "hours.md", "Our office is open Monday to Friday.\n")
    write(project / "claims.md", "The procedure brings relief for many patients.\n")
    write(project / ".irlint.yaml", "select: [disclaimers]\n")
    assert by_path(check("hours.md", "claims.md")) == {
        "claims.md": ["disclaimers.medical-advice", "disclaimers.results-vary"],
        "hours.md": ["disclaimers.medical-advice"],
    }


# -- rule packs ------------------------------------------------------------------------------------------------------


def test_rule_packs_are_loaded_relative_to_the_config_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / "house-rules" / "house.yaml", HOUSE_PACK)
    write(project / ".irlint.yaml", "rule-packs: [house-rules/]\nselect: [house, hygiene.editor-note]\n")
    write(project / "pages" / "offer.md", "# Offer\n\nA truly life-changing visit. TODO: price.\n")
    monkeypatch.chdir(project / "pages")
    result = check("offer.md")
    assert result.exit_code == 1
    assert found(result) == [("house.no-miracle-words", 3, 9), ("hygiene.editor-note", 3, 30)]
    finding = json.loads(result.stdout)["findings"][0]
    assert (finding["text"], finding["message"]) == (
        "life-changing",
        "'life-changing' oversells; describe what the treatment does.",
    )
    rules = run("rules")
    assert "house.no-miracle-words" in [line.split()[0] for line in rules.stdout.splitlines()]
    explain = run("explain", "house.no-miracle-words")
    assert explain.exit_code == 0
    assert explain.stdout.startswith("house.no-miracle-words (phrase, warning)\n")
    assert "  - House style guide <https://example.org/style>" in explain.stdout


def test_rule_pack_rules_obey_select_ignore_and_severity(project: Path) -> None:
    write(project / "house-rules" / "house.yaml", HOUSE_PACK)
    write(project / "offer.md", "A transformative visit.\n")
    write(project / ".irlint.yaml", "rule-packs: [house-rules]\nignore: [house]\n")
    assert "house.no-miracle-words" not in {rule for rule, *_ in found(check("offer.md"))}
    write(project / ".irlint.yaml", "rule-packs: [house-rules]\nselect: [house]\nseverity: {house: info}\n")
    result = check("offer.md")
    assert [(f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"]] == [
        ("house.no-miracle-words", "info")
    ]
    assert result.exit_code == 0


# -- extensions and exclude ------------------------------------------------------------------------------------------


def test_extensions_and_exclude_shape_directory_walks(project: Path) -> None:
    for name in ("a.md", "b.txt", "c.rst", "d.tmp.md", "drafts/e.md", "keep/f.rst", "keep/g.html"):
        write(project / "site" / name, "TODO: x\n")
    write(
        project / ".irlint.yaml",
        'select: [hygiene.editor-note]\nextensions: [md, .rst]\nexclude: ["site/drafts", "*.tmp.md"]\n',
    )
    result = check("site")
    assert sorted(by_path(result)) == ["site/a.md", "site/c.rst", "site/keep/f.rst"]
    # a file named on the command line is checked even when a directory walk would skip it
    assert sorted(by_path(check("site/d.tmp.md", "site/b.txt"))) == ["site/b.txt", "site/d.tmp.md"]


def test_nlp_pipeline_blank(project: Path) -> None:
    write(project / ".irlint.yaml", "select: [hygiene.editor-note]\nnlp:\n  pipeline: blank\n")
    assert found(check("doc.txt")) == [TODO]


# -- errors ----------------------------------------------------------------------------------------------------------

CONFIG_ERRORS = {
    "unknown key": ("select: [hygiene]\nbogus: 1\n", "2:1: bogus: Extra inputs are not permitted"),
    "unknown nested key": (
        "per-path:\n  - paths: [x]\n    colour: red\n",
        "3:5: per-path.0.colour: Extra inputs are not permitted",
    ),
    "unknown nlp key": ("nlp:\n  model: x\n", "2:3: nlp.model: Extra inputs are not permitted"),
    "bad severity": (
        "select: [hygiene]\nseverity:\n  hygiene: fatal\n",
        "3:3: severity.hygiene: Input should be 'error', 'warning' or 'info'",
    ),
    "bad per-path severity": (
        "per-path:\n  - paths: [x]\n    severity: {hygiene: loud}\n",
        "3:16: per-path.0.severity.hygiene: Input should be 'error', 'warning' or 'info'",
    ),
    "bad fail-on": ("fail-on: sometimes\n", "1:1: fail-on: Input should be 'error', 'warning', 'info' or 'never'"),
    "select not a list": ("select: hygiene\n", "1:1: select: Input should be a valid list"),
    "exclude not a list": ("exclude: drafts\n", "1:1: exclude: Input should be a valid list"),
    "rule-packs not a list": ("rule-packs: packs\n", "1:1: rule-packs: Input should be a valid list"),
    "extensions not a list": ("extensions: 3\n", "1:1: extensions: Input should be a valid list"),
    "severity not a mapping": ("severity: [hygiene]\n", "1:1: severity: Input should be a valid dictionary"),
    "content-type-key not a string": (
        "content-type-key: [a]\n",
        "1:1: content-type-key: Input should be a valid string",
    ),
    "pipeline not a string": ("nlp:\n  pipeline: 3\n", "2:3: nlp.pipeline: Input should be a valid string"),
    "required-disclaimers not lists": (
        "required-disclaimers:\n  default: disclaimers\n",
        "2:3: required-disclaimers.default: Input should be a valid list",
    ),
    "per-path without paths": ("per-path:\n  - select: [hygiene]\n", "2:5: per-path.0.paths: Field required"),
    "per-path with empty paths": (
        "per-path:\n  - paths: []\n",
        "2:5: per-path.0.paths: List should have at least 1 item after validation, not 0",
    ),
    "readability grade-ceiling not positive": (
        "readability:\n  grade-ceiling: 0\n",
        "2:3: readability.grade-ceiling: Input should be greater than 0",
    ),
    "readability formula unknown": (
        "readability: {formula: flesch}\n",
        "1:15: readability.formula: Input should be 'flesch-kincaid', 'smog', 'auto' or 'max'",
    ),
    "readability sentence-words not a number": (
        "readability:\n  sentence-words: many\n",
        "2:3: readability.sentence-words: Input should be a valid integer, unable to parse string as an integer",
    ),
    "readability unknown key": ("readability:\n  grade: 8\n", "2:3: readability.grade: Extra inputs are not permitted"),
    "readability jargon add not a mapping": (
        "readability:\n  jargon:\n    add: [stent]\n",
        "3:5: readability.jargon.add: Input should be a valid dictionary",
    ),
    "per-path readability has no jargon": (
        "per-path:\n  - paths: [x]\n    readability: {jargon: {allow: [stent]}}\n",
        "3:19: per-path.0.readability.jargon: Extra inputs are not permitted",
    ),
    "not a mapping": (
        "- select\n- ignore\n",
        "1:1: config: Input should be a valid dictionary or instance of ConfigModel",
    ),
    "invalid yaml": (
        "select: [hygiene\n",
        "2:1: invalid YAML: while parsing a flow sequence expected ',' or ']', but got '<stream end>'",
    ),
}


@pytest.mark.parametrize("case", sorted(CONFIG_ERRORS))
def test_config_errors_are_one_line_with_file_line_column_and_key(project: Path, case: str) -> None:
    text, problem = CONFIG_ERRORS[case]
    config = write(project / ".irlint.yaml", text)
    result = check("doc.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"irlint: error: {config}:{problem}\n"


def test_config_errors_also_stop_rules_and_explain(project: Path) -> None:
    config = write(project / ".irlint.yaml", "bogus: 1\n")
    for args in (["rules"], ["explain", "hygiene.click-here"]):
        result = run(*args)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"irlint: error: {config}:1:1: bogus: Extra inputs are not permitted\n"


def test_config_error_in_an_explicit_config(project: Path, tmp_path: Path) -> None:
    other = write(tmp_path / "conf" / "irlint.yaml", "ignore: [hygiene]\nfail-on: 3\n")
    result = check("--config", str(other), "doc.txt")
    assert result.exit_code == 2
    assert result.stderr == (
        f"irlint: error: {other}:2:1: fail-on: Input should be 'error', 'warning', 'info' or 'never'\n"
    )


UNKNOWN_RULES = {
    "select": ("select:\n  - hygiene\n  - bogus.rule\n", "select", "bogus.rule", 3),
    "ignore": ("ignore: [claims, nope]\n", "ignore", "nope", 1),
    "severity": ("severity:\n  nope.rule: error\n", "severity", "nope.rule", 2),
    "per-path select": ("per-path:\n  - paths: [x]\n    select: [nope]\n", "per-path select", "nope", 3),
    "per-path ignore": ("per-path:\n  - paths: [x]\n    ignore: [nope]\n", "per-path ignore", "nope", 3),
    "per-path severity": ("per-path:\n  - paths: [x]\n    severity: {nope: info}\n", "per-path severity", "nope", 3),
    "required-disclaimers": (
        "required-disclaimers:\n  default: [disclaimers.nope]\n",
        "required-disclaimers.default",
        "disclaimers.nope",
        2,
    ),
}


@pytest.mark.parametrize("case", sorted(UNKNOWN_RULES))
def test_unknown_rule_ids_in_config_are_errors(project: Path, case: str) -> None:
    text, where, rule_id, _line = UNKNOWN_RULES[case]
    config = write(project / ".irlint.yaml", text)
    result = check("doc.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    [line] = result.stderr.splitlines()
    assert line.startswith(f"irlint: error: {config}")
    assert line.endswith(f"{where}: no rule matches {rule_id!r} (see 'irlint rules')")


@pytest.mark.parametrize("case", sorted(UNKNOWN_RULES))
def test_unknown_rule_ids_in_config_name_the_line(project: Path, case: str) -> None:
    text, _where, _rule_id, line_number = UNKNOWN_RULES[case]
    config = write(project / ".irlint.yaml", text)
    result = check("doc.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"irlint: error: {config}:{line_number}:")


def test_pyproject_error_is_one_line_naming_the_key(project: Path) -> None:
    config = write(project / "pyproject.toml", '[tool.irlint]\nselect = ["hygiene"]\nbogus = 1\n')
    result = check("doc.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    [line] = result.stderr.splitlines()
    assert line.startswith(f"irlint: error: {config}")
    assert line.endswith("tool.irlint.bogus: Extra inputs are not permitted")


def test_pyproject_error_names_the_line(project: Path) -> None:
    config = write(project / "pyproject.toml", '[tool.irlint]\nselect = ["hygiene"]\nbogus = 1\n')
    result = check("doc.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"irlint: error: {config}:3:")


def test_invalid_toml_in_an_explicit_pyproject(project: Path) -> None:
    config = write(project / "conf" / "pyproject.toml", '[tool.irlint]\nselect = ["hygiene"\n')
    result = check("--config", str(config), "doc.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    [line] = result.stderr.splitlines()
    assert line.startswith(f"irlint: error: {config}: invalid TOML: ")


def test_invalid_toml_in_a_discovered_pyproject(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.irlint]\nselect = ["hygiene"\n')
    result = check("doc.txt")
    assert result.exit_code == 2
    assert "invalid TOML" in result.stderr


def test_missing_rule_pack_directory(project: Path) -> None:
    config = write(project / ".irlint.yaml", "rule-packs: [nothere]\n")
    result = check("doc.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"irlint: error: {config.resolve()}:1:14: rule-packs: directory not found: nothere\n"


def test_missing_rule_pack_directory_names_the_config_line(project: Path) -> None:
    config = write(project / ".irlint.yaml", "select: [hygiene]\nrule-packs: [nothere]\n")
    result = check("doc.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"irlint: error: {config.resolve()}:2:")


def test_unknown_nlp_pipeline(project: Path) -> None:
    write(project / ".irlint.yaml", "nlp:\n  pipeline: en_core_web_nonexistent\n")
    result = check("doc.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    [line] = result.stderr.splitlines()
    assert line.startswith("irlint: error: ")
    assert "'en_core_web_nonexistent' is not installed" in line


def test_unknown_nlp_pipeline_names_the_config_file_and_line(project: Path) -> None:
    config = write(project / ".irlint.yaml", "nlp:\n  pipeline: en_core_web_nonexistent\n")
    result = check("doc.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"irlint: error: {config.resolve()}:2:")


# -- readability ------------------------------------------------------------------------------------------------------


def test_readability_section(project: Path) -> None:
    from irlint.config import ReadabilitySettings, load_settings

    config = write(
        project / ".irlint.yaml",
        "readability:\n"
        "  grade-ceiling: 8.5\n"
        "  formula: smog\n"
        "  sentence-words: 20\n"
        "  jargon:\n"
        "    add: {ouchie: a small hurt}\n"
        "    allow: [stent]\n"
        "per-path:\n"
        "  - paths: [physicians/**]\n"
        "    readability: {grade-ceiling: 12}\n",
    )
    settings = load_settings(config)
    assert settings.readability == ReadabilitySettings(8.5, "smog", 20, {"ouchie": "a small hurt"}, ("stent",))
    assert settings.per_path[0].readability == ReadabilitySettings(grade_ceiling=12)
    assert settings.per_path[0].matches(settings.relative(str(project / "physicians" / "letter.md")))


def test_readability_in_pyproject(project: Path) -> None:
    from irlint.config import ReadabilitySettings, load_settings

    config = write(
        project / "pyproject.toml",
        '[tool.irlint.readability]\ngrade-ceiling = 10\n\n[tool.irlint.readability.jargon]\nallow = ["stent"]\n',
    )
    assert load_settings(config).readability == ReadabilitySettings(grade_ceiling=10, jargon_allow=("stent",))
    write(config, "[tool.irlint.readability]\nformula = 'auto'\ngrade-ceiling = -1\n")
    result = check("doc.txt")
    assert result.exit_code == 2
    assert result.stderr == (
        f"irlint: error: {config}:3:1: tool.irlint.readability.grade-ceiling: Input should be greater than 0\n"
    )


def test_an_empty_readability_section_reads_as_defaults(project: Path) -> None:
    from irlint.config import ReadabilitySettings, load_settings

    config = write(project / ".irlint.yaml", "readability:\n  # grade-ceiling: 6\n")
    assert load_settings(config).readability == ReadabilitySettings()


def test_readability_settings_reach_the_rules(project: Path) -> None:
    """The section changes the built-in rules' parameters once the rules are configured with the settings."""
    from irlint.config import load_settings
    from irlint.engine import Linter
    from irlint.rules.loader import configure_rules, load_rules

    long_sentence = " ".join(["word"] * 22) + " end.\n"
    write(project / "long.txt", long_sentence)
    config = write(project / ".irlint.yaml", "select: [readability]\nreadability: {sentence-words: 20}\n")
    settings = load_settings(config)
    linter = Linter(settings, configure_rules(load_rules(), settings))
    assert [f.rule for f in linter.lint_text(long_sentence, str(project / "long.txt"))] == [
        "readability.sentence-length"
    ]
