"""Loading rule packs: YAML with line marks, schema validation, semantic checks, compilation.

Every error names the pack file, the line and column, and the rule id when there is one.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from irlint.errors import RulePackError
from irlint.rules import readability, schema
from irlint.rules.kinds import KINDS as CORE_KINDS
from irlint.rules.kinds import CompiledRule, PatternKind, RegexKind, RequireKind, SentenceKind
from irlint.yamlmarks import Path_, YamlSyntaxError, load_with_marks, locate

if TYPE_CHECKING:
    from irlint.config import Settings

# Every rule kind: the core ones and the plain-language ones (readability, sentence-length, jargon).
KINDS: dict[str, type[CompiledRule]] = {**CORE_KINDS, **readability.KINDS}

# Token attributes that only a trained pipeline with a tagger provides.
_TAGGER_ATTRS = {"POS", "TAG", "MORPH", "DEP"}


def builtin_pack_dir() -> Path:
    """The directory of the rule packs shipped with irlint (inside the wheel, or ``rules/`` in a checkout)."""
    packaged = importlib.resources.files("irlint") / "packs"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "rules"


def pack_files(directories: Iterable[Path]) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` pack file in ``directories``, sorted by name within each directory."""
    files: list[Path] = []
    for directory in directories:
        if not directory.is_dir():
            raise RulePackError("rule-pack directory not found", str(directory))
        files.extend(sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]))
    return files


def load_pack(path: Path, display: str | None = None) -> list[CompiledRule]:
    """Validate and compile one pack file."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulePackError(f"cannot read rule pack: {error}", name) from None
    try:
        data, marks = load_with_marks(text)
    except YamlSyntaxError as error:
        raise RulePackError(f"invalid YAML: {error.message}", name, error.line, error.column) from None
    try:
        pack = schema.RulePack.model_validate(data)
    except ValidationError as error:
        raise _schema_error(error, data, marks, name) from None
    rules: list[CompiledRule] = []
    for index, spec in enumerate(pack.rules):
        if spec.id.split(".")[0] != pack.pack:
            line, column = locate(marks, ("rules", index, "id"))
            raise RulePackError(f"rule {spec.id}: id must start with the pack name '{pack.pack}.'", name, line, column)
        rules.append(_compile(spec, pack, name, marks, ("rules", index)))
    return rules


def _schema_error(error: ValidationError, data: Any, marks: dict[Path_, tuple[int, int]], name: str) -> RulePackError:
    first = error.errors()[0]
    loc = tuple(first["loc"])
    line, column = locate(marks, loc)
    rule_id = _rule_id_at(data, loc)
    field = ".".join(str(part) for part in loc if not (isinstance(part, str) and part in KINDS)) or "pack"
    prefix = f"rule {rule_id}: " if rule_id else ""
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return RulePackError(f"{prefix}{field}: {first['msg']}{more}", name, line, column)


def _rule_id_at(data: Any, loc: tuple[Any, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int) and isinstance(data, dict):
        rules = data.get("rules")
        if isinstance(rules, list) and loc[1] < len(rules) and isinstance(rules[loc[1]], dict):
            value = rules[loc[1]].get("id")
            return str(value) if value else None
    return None


def _regex(pattern: str, flags: int, where: tuple[str, str, dict[Path_, tuple[int, int]], Path_]) -> re.Pattern[str]:
    rule_id, name, marks, path = where
    try:
        return re.compile(pattern, flags)
    except re.error as error:
        line, column = locate(marks, path)
        message = f"rule {rule_id}: invalid regular expression {pattern!r}: {error}"
        raise RulePackError(message, name, line, column) from None


def _compile(
    spec: Any, pack: schema.RulePack, name: str, marks: dict[Path_, tuple[int, int]], at: Path_
) -> CompiledRule:
    common: dict[str, Any] = {
        "spec": spec,
        "pack_path": name,
        "line": locate(marks, at)[0],
        "marks": {path[len(at) :]: mark for path, mark in marks.items() if path[: len(at)] == at},
        "hedges": frozenset(word.lower() for word in pack.hedges),
        "negators": frozenset(word.lower() for word in pack.negators),
    }

    def compiled(patterns: Sequence[str], key: Path_, flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
        return tuple(_regex(p, flags, (spec.id, name, marks, (*at, *key, i))) for i, p in enumerate(patterns))

    kind = KINDS[spec.kind]
    if issubclass(kind, SentenceKind):
        common["context_patterns"] = compiled(spec.cleared_by.context, ("cleared_by", "context"))
    if kind is RegexKind:
        flags = 0 if spec.case_sensitive else re.IGNORECASE
        common["patterns"] = compiled(spec.patterns, ("patterns",), flags | re.MULTILINE)
        common["exceptions"] = compiled(spec.exceptions, ("exceptions",))
    if kind is RequireKind:
        alternatives = []
        for i, alternative in enumerate(spec.require):
            item = schema.Alternative(all=[alternative]) if isinstance(alternative, str) else alternative
            key: Path_ = ("require", i) if isinstance(alternative, str) else ("require", i, "all")
            required = (
                compiled(item.all, key)
                if not isinstance(alternative, str)
                else (_regex(alternative, re.IGNORECASE, (spec.id, name, marks, (*at, *key))),)
            )
            alternatives.append((required, compiled(item.none, ("require", i, "none"))))
        common["alternatives"] = tuple(alternatives)
        common["trigger_patterns"] = compiled(spec.when.patterns if spec.when else [], ("when", "patterns"))
    if spec.kind in readability.KINDS:
        readability.compile_kind(kind, spec, compiled, common)
    return kind(**common)


def prepare_rules(rules: Sequence[CompiledRule], nlp: Any, tagged: bool) -> None:
    """Build spaCy matchers for ``rules``; an invalid token pattern, or one that needs tags the pipeline lacks,
    is a RulePackError naming the pack and rule."""
    from spacy.errors import MatchPatternError

    for rule in rules:
        if isinstance(rule, PatternKind) and not tagged:
            for index, pattern in enumerate(rule.token_patterns(nlp)):
                needed = {key for token in pattern for key in token} & _TAGGER_ATTRS
                if needed:
                    line, column = locate(rule.marks, ("patterns", index))
                    raise RulePackError(
                        f"rule {rule.id}: its patterns use {', '.join(sorted(needed))}, which needs a spaCy pipeline "
                        "with a tagger; set nlp.pipeline in the config (e.g. en_core_web_sm) or disable the rule",
                        rule.pack_path,
                        line or rule.line,
                        column,
                    )
        try:
            rule.prepare(nlp)
        except (MatchPatternError, ValueError) as error:
            bad_index, problem = _pattern_problem(str(error))
            where = locate(rule.marks, ("patterns", bad_index)) if bad_index is not None else (rule.line, None)
            raise RulePackError(
                f"rule {rule.id}: invalid token pattern: {problem}", rule.pack_path, where[0] or rule.line, where[1]
            ) from None


def _pattern_problem(message: str) -> tuple[int | None, str]:
    """The index of the first bad pattern and its problem, from spaCy's multi-line validation message."""
    found = re.search(r"Pattern (\d+):\s*- \[pattern -> ([^\]]*)\]\s*([^\n\[]+)", message)
    if found:
        return int(found.group(1)), f"patterns[{found.group(1)}] token {found.group(2)}: {found.group(3).strip()}"
    return None, " ".join(message.split())


def check_unique(rules: Sequence[CompiledRule]) -> None:
    """Rule ids are unique across all loaded packs."""
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RulePackError(f"rule {rule.id}: id already defined in {seen[rule.id]}", rule.pack_path)
        seen[rule.id] = rule.pack_path


def configure_rules(rules: Sequence[CompiledRule], settings: Settings) -> list[CompiledRule]:
    """``rules`` with the settings that change rule parameters applied: the config file's ``readability`` section
    and the ``readability`` of ``per-path`` entries (grade ceiling, formula, sentence length, jargon terms).
    Idempotent; a ConfigError names the config line of a setting that matches nothing."""
    return readability.configure(rules, settings)


def load_rules(extra_dirs: Sequence[Path] = (), include_builtin: bool = True) -> list[CompiledRule]:
    """All rules from the built-in packs and from ``extra_dirs``, validated, in pack and file order."""
    directories = ([builtin_pack_dir()] if include_builtin else []) + list(extra_dirs)
    rules: list[CompiledRule] = []
    builtin = builtin_pack_dir()
    for path in pack_files(directories):
        display = f"rules/{path.name}" if path.parent == builtin else str(path)
        rules.extend(load_pack(path, display))
    check_unique(rules)
    return rules
