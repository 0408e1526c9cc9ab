"""The rule-pack schema: what a YAML rule pack may contain, as pydantic models.

A pack is a YAML file with ``pack``, ``description``, optional shared ``hedges``/``negators`` word lists and a list of
``rules``. Every rule has an id, a kind, a severity, a message, a description, a rationale with sources and examples;
the remaining keys depend on its kind. ``docs/rule-pack-schema.json`` is generated from these models.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

RULE_ID_PATTERN = r"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$"
SeverityName = Literal["error", "warning", "info"]
Scope = Literal["paragraph", "heading", "list-item", "blockquote", "table-cell"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """A reference that supports the rule: a regulation, guidance document or ruling."""

    title: str = Field(min_length=1)
    url: str | None = None


class FlagExample(_Strict):
    """A text the rule must flag; ``match`` is the exact flagged text when given."""

    text: str = Field(min_length=1)
    match: str | None = None


class Examples(_Strict):
    """Texts the rule must flag and texts it must leave alone; the test suite runs all of them."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    flag: list[str | FlagExample] = Field(min_length=1)
    pass_: list[str] = Field(alias="pass", min_length=1)


class ClearedBy(_Strict):
    """Conditions that clear a match: a citation nearby, a negation before it, or context words in its sentence."""

    citation: Literal["sentence", "paragraph"] | None = None
    negation: bool = False
    context: list[str] = Field(default_factory=list, description="regular expressions; a match in the sentence clears")


class _RuleBase(_Strict):
    id: str = Field(pattern=RULE_ID_PATTERN, description="permanent dotted id; the first part is the pack")
    severity: SeverityName
    message: str = Field(min_length=1, description="template; {match} is the flagged text, {1}.. regex groups")
    description: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    examples: Examples
    status: Literal["stable", "preview", "deprecated"] = "stable"
    enabled: bool = Field(default=True, description="false: opt-in, only with --select or config")
    suggest: list[str] = Field(default_factory=list, description="replacement templates")
    fix: Literal["safe", "unsafe"] | None = Field(
        default=None,
        description="--fix applies the first suggestion: safe ones always, unsafe ones only with --unsafe-fixes",
    )


class _SentenceRule(_RuleBase):
    scopes: list[Scope] | None = Field(default=None, description="block scopes to check; default all")
    replace: dict[str, str] = Field(
        default_factory=dict,
        description="word -> replacement; the flagged text with these words replaced becomes a suggestion",
    )
    cleared_by: ClearedBy = Field(default_factory=ClearedBy)
    hedged_severity: SeverityName | None = Field(
        default=None, description="severity when the sentence is hedged (may, can, often...)"
    )


class PhraseRule(_SentenceRule):
    """Phrases matched on whole tokens, by lower case or by lemma (spaCy PhraseMatcher)."""

    kind: Literal["phrase"]
    phrases: list[str] = Field(min_length=1)
    match_on: Literal["lower", "lemma"] = "lower"


class PatternRule(_SentenceRule):
    """spaCy Matcher token patterns; a plain string is shorthand for its words in lower case."""

    kind: Literal["pattern"]
    patterns: list[str | list[dict[str, Any]]] = Field(min_length=1)


class RegexRule(_SentenceRule):
    """Regular expressions (Python syntax) over each block's plain text."""

    kind: Literal["regex"]
    patterns: list[str] = Field(min_length=1)
    case_sensitive: bool = False
    exceptions: list[str] = Field(default_factory=list, description="regexes; a flagged text matching one is kept")


class Alternative(_Strict):
    """Satisfied by one sentence that matches every ``all`` regex and no ``none`` regex."""

    all: list[str] = Field(min_length=1)
    none: list[str] = Field(default_factory=list)


class Trigger(_Strict):
    """When a document-level rule applies: findings of other rules, or text somewhere in the document."""

    rules: list[str] = Field(default_factory=list, description="rule-id prefixes whose findings trigger the rule")
    patterns: list[str] = Field(default_factory=list, description="regexes over the document's prose")


class AppliesTo(_Strict):
    """Which documents a document-level rule applies to: path globs and front-matter values."""

    paths: list[str] = Field(default_factory=list)
    exclude_paths: list[str] = Field(default_factory=list)
    front_matter: dict[str, list[str | int | bool]] = Field(default_factory=dict)
    exclude_front_matter: dict[str, list[str | int | bool]] = Field(default_factory=dict)


class RequireRule(_RuleBase):
    """Document level: some sentence must match one of ``require``; reported at line 1, column 1 when none does."""

    kind: Literal["require"]
    require: list[str | Alternative] = Field(min_length=1)
    when: Trigger | None = None
    applies_to: AppliesTo = Field(default_factory=AppliesTo)
    disclaimer: bool = Field(default=False, description="listed in config 'required-disclaimers' per content type")


class AcronymRule(_RuleBase):
    """Document level: an acronym must be spelled out at its first use, unless it is on the allow-list."""

    kind: Literal["acronym"]
    allow: list[str] = Field(default_factory=list)
    min_length: int = Field(default=2, ge=2)
    max_length: int = Field(default=6, ge=2)


_Text = Annotated[str, Field(min_length=1)]
ReadabilityFormula = Literal["flesch-kincaid", "smog", "auto", "max"]


class ReadabilityRule(_RuleBase):
    """Document level: the reading grade of the prose, reported at line 1, column 1 when it is above ``ceiling``.

    The message template may use ``{grade}`` (the judged grade), ``{formula}`` (its name), ``{others}`` (the other
    formula and its grade), ``{flesch_kincaid}``, ``{smog}``, ``{ceiling}``, ``{words}`` and ``{sentences}``.
    """

    kind: Literal["readability"]
    ceiling: float = Field(default=8, gt=0, le=30, description="highest acceptable US school grade")
    formula: ReadabilityFormula = Field(
        default="flesch-kincaid",
        description="which grade is judged: flesch-kincaid, smog, auto (SMOG from 30 sentences on, else "
        "Flesch-Kincaid) or max (the higher of the two)",
    )
    min_words: int = Field(default=0, ge=0, description="documents with fewer measured words are not judged")


class SentenceLengthRule(_RuleBase):
    """Sentences longer than ``max_words`` words (punctuation is not a word; a hyphenated word is one word).

    The message template may use ``{words}`` (the sentence's word count) and ``{limit}``.
    """

    kind: Literal["sentence-length"]
    max_words: int = Field(default=25, ge=1)
    scopes: list[Scope] | None = Field(default=None, description="block scopes to check; default all")


class Explanations(_Strict):
    """Regular expressions that say a jargon term is explained where it is used (case-insensitive)."""

    after: list[str] = Field(
        default_factory=list,
        description="matched right after the term (or after the longer name it starts, up to three words, and an "
        "acronym in parentheses): '(a thin tube)', ', a ...', ' is a ...', ' means ...'",
    )
    before: list[str] = Field(
        default_factory=list, description="matched right before the term, e.g. 'called ' or 'known as '"
    )
    next_sentence: list[str] = Field(
        default_factory=list, description="matched at the start of the next sentence, e.g. 'During this procedure'"
    )
    links: list[str] = Field(default_factory=list, description="a link around the term whose target matches")


class JargonRule(_RuleBase):
    """Medical terms with plain-language alternatives, matched by lemma; the first use of each term must be
    explained in its sentence or the next one. Headings and reference-list entries are not checked.

    ``terms`` maps each term to its plain alternative, or to a list whose first item is the plain alternative and
    whose other items are plain words that also count as an explanation when they appear in the same or the next
    sentence. The message and suggestion templates may use ``{match}`` and ``{plain}``.
    """

    kind: Literal["jargon"]
    terms: dict[_Text, _Text | Annotated[list[_Text], Field(min_length=1)]] = Field(min_length=1)
    explained_by: Explanations = Field(default_factory=Explanations)


Rule = Annotated[
    PhraseRule
    | PatternRule
    | RegexRule
    | RequireRule
    | AcronymRule
    | ReadabilityRule
    | SentenceLengthRule
    | JargonRule,
    Field(discriminator="kind"),
]


class RulePack(_Strict):
    """One YAML file of rules."""

    pack: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    description: str = Field(min_length=1)
    hedges: list[str] = Field(default_factory=list, description="words that hedge a sentence (lower case)")
    negators: list[str] = Field(default_factory=list, description="words that negate what follows (lower case)")
    rules: list[Rule] = Field(min_length=1)


def json_schema() -> str:
    """The JSON Schema of a rule pack, as committed in ``docs/rule-pack-schema.json``."""
    import json

    schema = RulePack.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "irlint rule pack"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(json_schema(), end="")
