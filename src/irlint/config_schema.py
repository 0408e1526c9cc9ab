"""The schema of the configuration file (pydantic models), kept apart from ``irlint.config`` so that runs without
a config file (and runs served from the cache) do not pay for building it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SeverityName = Literal["error", "warning", "info"]
FailOn = Literal["error", "warning", "info", "never"]
ReadabilityFormula = Literal["flesch-kincaid", "smog", "auto", "max"]
_Text = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_default(cls, data: Any) -> Any:
        # `severity:` with every entry commented out is YAML null: read it as "use the default".
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data


class ReadabilityPathModel(_Model):
    """The ``readability`` keys that can differ per path: the reading-grade ceiling, its formula, sentence length."""

    grade_ceiling: float | None = Field(default=None, gt=0, le=30, alias="grade-ceiling")
    formula: ReadabilityFormula | None = None
    sentence_words: int | None = Field(default=None, ge=1, alias="sentence-words")


class JargonModel(_Model):
    """``readability.jargon``: terms to add to the jargon list (term -> plain alternative) and terms never flagged."""

    add: dict[_Text, _Text] = Field(default_factory=dict)
    allow: list[_Text] = Field(default_factory=list)


class ReadabilityModel(ReadabilityPathModel):
    """The ``readability`` section: parameters of the readability.* and jargon.* rules."""

    jargon: JargonModel = Field(default_factory=JargonModel)


class PerPathModel(_Model):
    """One entry of ``per-path``: settings for files matching ``paths``."""

    paths: list[str] = Field(min_length=1)
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    content_type: str | None = Field(default=None, alias="content-type")
    readability: ReadabilityPathModel | None = None


class LanguageToolModel(_Model):
    """The ``languagetool`` section: the grammar engine."""

    enabled: bool = True
    url: str | None = Field(default=None, pattern=r"^https?://")
    language: str = "en-US"
    disabled_rules: list[str] = Field(default_factory=list, alias="disabled-rules")
    enabled_rules: list[str] = Field(default_factory=list, alias="enabled-rules")
    disabled_categories: list[str] = Field(default_factory=list, alias="disabled-categories")
    timeout: float = Field(default=30.0, gt=0)
    words: list[str] = Field(default_factory=list)
    word_lists: list[str] = Field(default_factory=list, alias="word-lists")
    java: str = "java"
    memory: str = Field(default="512m", pattern=r"^\d+[mMgG]$")
    download: bool = False
    start_server: bool = Field(default=True, alias="start-server")


class NlpModel(_Model):
    """The ``nlp`` section: which spaCy pipeline to use."""

    pipeline: str = "blank"


class ConfigModel(_Model):
    """The schema of ``.irlint.yaml``."""

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    per_path: list[PerPathModel] = Field(default_factory=list, alias="per-path")
    rule_packs: list[str] = Field(default_factory=list, alias="rule-packs")
    required_disclaimers: dict[str, list[str]] = Field(default_factory=dict, alias="required-disclaimers")
    content_type_key: str = Field(default="type", alias="content-type-key")
    extensions: list[str] | None = None
    exclude: list[str] = Field(default_factory=list)
    fail_on: FailOn | None = Field(default=None, alias="fail-on")
    nlp: NlpModel = Field(default_factory=NlpModel)
    languagetool: LanguageToolModel = Field(default_factory=LanguageToolModel)
    readability: ReadabilityModel = Field(default_factory=ReadabilityModel)
