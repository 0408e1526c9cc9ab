"""Every rule's own examples: each `flag` example must be flagged by that rule, each `pass` example must not be."""

from __future__ import annotations

from functools import cache

import pytest

from irlint.config import Settings
from irlint.engine import Linter
from irlint.rules.kinds import CompiledRule
from irlint.rules.loader import load_rules

RULES = load_rules()


@cache
def _linter(rule_id: str) -> Linter:
    engine = Linter(Settings(select=(rule_id,)), RULES)
    engine.prepare()
    return engine


def _flag_cases() -> list[tuple[str, str, str | None]]:
    cases = []
    for rule in RULES:
        for example in rule.spec.examples.flag:
            text = example if isinstance(example, str) else example.text
            match = None if isinstance(example, str) else example.match
            cases.append((rule.id, text, match))
    return cases


def _pass_cases() -> list[tuple[str, str]]:
    return [(rule.id, text) for rule in RULES for text in rule.spec.examples.pass_]


@pytest.mark.parametrize(("rule_id", "text", "match"), _flag_cases())
def test_flag_examples_are_flagged(rule_id: str, text: str, match: str | None) -> None:
    findings = [f for f in _linter(rule_id).lint_text(text, "example.txt") if f.rule == rule_id]
    assert findings, f"{rule_id} did not flag: {text!r}"
    if match is not None:
        assert match in [f.text for f in findings], f"{rule_id} flagged {[f.text for f in findings]}, not {match!r}"


@pytest.mark.parametrize(("rule_id", "text"), _pass_cases())
def test_pass_examples_are_not_flagged(rule_id: str, text: str) -> None:
    findings = [f for f in _linter(rule_id).lint_text(text, "example.txt") if f.rule == rule_id]
    assert not findings, f"{rule_id} flagged {[(f.text, f.message) for f in findings]} in {text!r}"


def test_every_rule_has_examples_of_both_kinds() -> None:
    for rule in RULES:
        assert rule.spec.examples.flag and rule.spec.examples.pass_, rule.id


def test_rule_ids_are_unique_and_belong_to_their_pack() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.pack_path.endswith(f"{rule.id.split('.')[0]}.yaml"), rule.id


@pytest.mark.parametrize("pack", ["claims", "disclaimers", "balance", "hygiene", "acronyms"])
def test_each_required_pack_is_shipped(pack: str) -> None:
    assert any(rule.id.startswith(pack + ".") for rule in RULES)


def test_every_rule_cites_a_source_and_explains_itself() -> None:
    rule: CompiledRule
    for rule in RULES:
        assert rule.spec.sources and rule.spec.rationale.strip() and rule.spec.description.strip(), rule.id
