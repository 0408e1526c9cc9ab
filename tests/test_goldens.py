"""Golden files: the exact output of `irlint check` on the seed article and the fixture documents.

Regenerate with `pytest tests/test_goldens.py --update-goldens` and review the diff by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from irlint.cli import main
from tests.conftest import FIXTURES, ROOT

SEEDS = ["seed.txt", "seed.md", "seed.html"]
GOLDENS = Path(__file__).parent / "goldens"


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = CliRunner().invoke(main, ["check", "--no-config", *args])
    return result.exit_code, result.stdout


def _compare(actual: str, golden: Path, update: bool) -> None:
    if update:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"missing golden {golden}; run pytest --update-goldens"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SEEDS)
def test_seed_json_golden(monkeypatch: pytest.MonkeyPatch, update_goldens: bool, name: str) -> None:
    code, out = _run(monkeypatch, "--format", "json", f"fixtures/seed/{name}")
    assert code == 1
    _compare(out, GOLDENS / f"{name}.json", update_goldens)


def test_seed_text_golden(monkeypatch: pytest.MonkeyPatch, update_goldens: bool) -> None:
    code, out = _run(monkeypatch, "fixtures/seed/seed.txt")
    assert code == 1
    _compare(out, GOLDENS / "seed.txt.txt", update_goldens)


def test_documents_golden(monkeypatch: pytest.MonkeyPatch, update_goldens: bool) -> None:
    code, out = _run(monkeypatch, "-q", "fixtures/documents")
    assert code == 1
    _compare(out, GOLDENS / "documents.txt", update_goldens)


# What the issue asks the seed run to report, as (rule, flagged text); every rendering must report all of them.
SEED_EXPECTED_CLAIMS = {
    ("claims.recovery-time", "return to their regular routines within days"),
    ("claims.popularity", "preferred option"),
    ("claims.precision", "ensures that interventions are as precise"),
    ("claims.superlative", "excels"),
    ("claims.efficacy-unsupported", "effective option"),
    ("claims.duration-of-benefit", "extended relief"),
    ("claims.efficacy-unsupported", "shorten recovery"),
    ("claims.comparative", "rather than simply masking symptoms"),
}
SEED_DOCUMENT_LEVEL = {"disclaimers.medical-advice", "balance.risk-missing"}
# Neutral, descriptive sentences of the seed: no claim finding may start inside them.
SEED_NEUTRAL = [
    "Angiography, a type of imaging used to visualize blood vessels",
    "Blockages or reduced blood flow in arteries and veins can lead to pain, swelling, and functional limitations.",
    "Chronic pain may sometimes be linked to unidentified medical conditions",
    "Interventional radiologists perform image-guided biopsies",
    "radiofrequency ablation is a minimally invasive IR procedure used to treat chronic pain",
    "One of the most significant benefits of interventional radiology is using minimally invasive techniques.",
    "these methods aim to reduce discomfort while minimizing side effects.",
    "Treatments like angioplasty or stenting may then be performed to restore adequate blood flow.",
    "Chronic pain often disrupts the quality of life and ability to perform daily activities.",
]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_reports_what_the_issue_requires(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    _, out = _run(monkeypatch, "--format", "json", f"fixtures/seed/{name}")
    findings = json.loads(out)["findings"]
    found = {(f["rule"], " ".join(f["text"].replace("**", "").split())) for f in findings}
    missing = {
        (rule, text) for rule, text in SEED_EXPECTED_CLAIMS if not any(r == rule and text in t for r, t in found)
    }
    assert not missing
    document_level = {f["rule"] for f in findings if (f["line"], f["column"]) == (1, 1) and f["text"] == ""}
    assert document_level >= SEED_DOCUMENT_LEVEL
    assert any(f["rule"] == "hygiene.web-boilerplate" and f["text"] == "Leave a Reply" for f in findings)


def test_seed_neutral_sentences_have_no_claim_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out = _run(monkeypatch, "--format", "json", "fixtures/seed/seed.txt")
    source = (FIXTURES / "seed" / "seed.txt").read_text(encoding="utf-8").split("\n")
    for finding in json.loads(out)["findings"]:
        if not finding["rule"].startswith("claims."):
            continue
        line = source[finding["line"] - 1]
        for sentence in SEED_NEUTRAL:
            start = line.find(sentence)
            if start != -1:
                assert not start < finding["column"] <= start + len(sentence), (finding, sentence)


def test_compliant_documents_have_no_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    compliant = sorted(str(p.relative_to(ROOT)) for p in (FIXTURES / "documents").glob("compliant-*"))
    assert len(compliant) >= 5
    code, out = _run(monkeypatch, "--format", "json", *compliant)
    findings = json.loads(out)["findings"]
    # Only LanguageTool's notes on people's and places' names (info: add them to languagetool.words).
    names = [f for f in findings if f["rule"] == "grammar.languagetool.MORFOLOGIK_RULE_EN_US" and f["text"].istitle()]
    assert all(f["severity"] == "info" for f in names)
    assert [f for f in findings if f not in names] == []
    assert code == 0
