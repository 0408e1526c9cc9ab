"""Rule packs are validated at load time; every error names the file, the line and the rule."""

from __future__ import annotations

import importlib.resources
import textwrap
from pathlib import Path

import pytest

from irlint.errors import RulePackError
from irlint.nlp import load_pipeline
from irlint.rules.loader import builtin_pack_dir, load_pack, load_rules, prepare_rules

GOOD_RULE = """\
pack: house
description: House rules.
rules:
  - id: house.no-wow
    kind: {kind}
    severity: warning
    message: "Avoid '{{match}}'."
    description: Wow.
    rationale: Because.
    sources: [{{title: Style guide}}]
    examples: {{flag: ["Wow, great."], pass: ["Great."]}}
{extra}
"""


def _pack(tmp_path: Path, kind: str = "phrase", extra: str = "    phrases: [wow]", name: str = "house.yaml") -> Path:
    path = tmp_path / name
    path.write_text(GOOD_RULE.format(kind=kind, extra=extra), encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(RulePackError) as caught:
        rules = load_pack(path, "house.yaml")
        nlp = load_pipeline()
        prepare_rules(rules, nlp, tagged=False)
    return caught.value.message


def test_a_valid_pack_loads(tmp_path: Path) -> None:
    [rule] = load_pack(_pack(tmp_path))
    assert rule.id == "house.no-wow"


def test_unknown_key_names_line_and_rule(tmp_path: Path) -> None:
    message = _error(_pack(tmp_path, extra="    phrases: [wow]\n    colour: red"))
    assert message.startswith("house.yaml:13:5: rule house.no-wow: rules.0.colour: Extra inputs are not permitted")


def test_bad_severity(tmp_path: Path) -> None:
    path = _pack(tmp_path)
    path.write_text(path.read_text().replace("severity: warning", "severity: fatal"))
    assert _error(path).startswith("house.yaml:6:5: rule house.no-wow: rules.0.severity: Input should be")


def test_bad_regex_points_at_the_pattern(tmp_path: Path) -> None:
    message = _error(_pack(tmp_path, kind="regex", extra="    patterns:\n      - 'ok'\n      - '(unclosed'"))
    assert message.startswith("house.yaml:14:9: rule house.no-wow: invalid regular expression '(unclosed'")


def test_bad_token_pattern(tmp_path: Path) -> None:
    message = _error(_pack(tmp_path, kind="pattern", extra="    patterns:\n      - [{LOWER: {IN: [1, 2]}}]"))
    assert message.startswith("house.yaml:13:9: rule house.no-wow: invalid token pattern: patterns[0] token 0")


def test_tagger_attributes_need_a_tagger(tmp_path: Path) -> None:
    message = _error(_pack(tmp_path, kind="pattern", extra='    patterns:\n      - [{POS: "NOUN"}]'))
    assert message.startswith("house.yaml:13:9: rule house.no-wow: its patterns use POS, which needs a spaCy pipeline")


def test_id_must_match_pack(tmp_path: Path) -> None:
    path = _pack(tmp_path)
    path.write_text(path.read_text().replace("id: house.no-wow", "id: claims.no-wow"))
    assert _error(path) == "house.yaml:4:5: rule claims.no-wow: id must start with the pack name 'house.'"


def test_examples_are_required(tmp_path: Path) -> None:
    path = _pack(tmp_path)
    path.write_text(path.read_text().replace('pass: ["Great."]', "pass: []"))
    assert "rules.0.examples.pass: List should have at least 1 item" in _error(path)


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("pack: x\nrules: [\n  - id: a\n", encoding="utf-8")
    assert _error(path).startswith("house.yaml:3:3: invalid YAML")


def test_yaml_booleans_are_strict(tmp_path: Path) -> None:
    [rule] = load_pack(_pack(tmp_path, extra="    phrases: [no, yes, on, off]"))
    assert rule.spec.phrases == ["no", "yes", "on", "off"]


def test_duplicate_ids_across_packs(tmp_path: Path) -> None:
    directory = tmp_path / "packs"
    directory.mkdir()
    _pack(directory, name="a.yaml")
    _pack(directory, name="b.yaml")
    with pytest.raises(RulePackError) as caught:
        load_rules([directory], include_builtin=False)
    assert (
        caught.value.message
        == f"{directory / 'b.yaml'}: rule house.no-wow: id already defined in {directory / 'a.yaml'}"
    )


def test_missing_pack_directory(tmp_path: Path) -> None:
    with pytest.raises(RulePackError) as caught:
        load_rules([tmp_path / "nope"], include_builtin=False)
    assert caught.value.message == f"{tmp_path / 'nope'}: rule-pack directory not found"


def test_builtin_packs_are_found_through_the_package_or_the_checkout() -> None:
    directory = builtin_pack_dir()
    assert {p.stem for p in directory.glob("*.yaml")} >= {"claims", "disclaimers", "balance", "hygiene", "acronyms"}
    packaged = importlib.resources.files("irlint") / "packs"
    if not packaged.is_dir():  # an editable install reads rules/ from the checkout
        assert directory == Path(__file__).resolve().parents[1] / "rules"


def test_extra_pack_rules_run_beside_builtin(tmp_path: Path) -> None:
    from irlint.config import Settings
    from irlint.engine import Linter

    directory = tmp_path / "house"
    directory.mkdir()
    _pack(directory)
    linter = Linter(Settings(rule_packs=(directory,), select=("house",)))
    assert [f.rule for f in linter.lint_text("Wow, that was quick.\n", "a.txt")] == ["house.no-wow"]


def test_the_schema_text_in_the_packs_matches_the_docs() -> None:
    text = textwrap.dedent((builtin_pack_dir() / "claims.yaml").read_text(encoding="utf-8"))
    assert text.startswith("# yaml-language-server: $schema=../docs/rule-pack-schema.json")


def test_committed_json_schema_is_current() -> None:
    from irlint.rules.schema import json_schema

    committed = (Path(__file__).resolve().parents[1] / "docs" / "rule-pack-schema.json").read_text(encoding="utf-8")
    assert committed == json_schema(), "run `make schema` and commit docs/rule-pack-schema.json"


def test_builtin_packs_validate_against_the_json_schema() -> None:
    import json

    import jsonschema
    import yaml

    schema = json.loads((Path(__file__).resolve().parents[1] / "docs" / "rule-pack-schema.json").read_text())
    from irlint.yamlmarks import StrictLoader

    for path in builtin_pack_dir().glob("*.yaml"):
        jsonschema.validate(yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader), schema)
