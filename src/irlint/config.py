"""Configuration: ``.irlint.yaml`` (or ``[tool.irlint]`` in ``pyproject.toml``), found upward from a directory.

Keys use kebab-case, as ruff and pre-commit do. Unknown keys and wrong values are errors that name the file, the line
and the key.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from irlint.engines.languagetool import DEFAULT_DISABLED_RULES, GrammarSettings, load_word_list
from irlint.engines.server import GrammarUnavailable
from irlint.errors import ConfigError
from irlint.model import Severity
from irlint.yamlmarks import Path_, YamlSyntaxError, load_with_marks, locate

if TYPE_CHECKING:
    from irlint.config_schema import ConfigModel, LanguageToolModel, ReadabilityPathModel

CONFIG_NAMES = (".irlint.yaml", ".irlint.yml")
FailOn = Literal["error", "warning", "info", "never"]
ReadabilityFormula = Literal["flesch-kincaid", "smog", "auto", "max"]

DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".tox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".irlint_cache",
    "_site",
    "site-packages",
)
DEFAULT_EXTENSIONS = (".md", ".markdown", ".html", ".htm", ".txt")


@dataclass(frozen=True)
class ReadabilitySettings:
    """The ``readability`` section: changes to the readability.* and jargon.* rules' own parameters (None keeps
    the pack's value). In ``per-path`` entries only the grade ceiling, formula and sentence length are used."""

    grade_ceiling: float | None = None
    formula: ReadabilityFormula | None = None
    sentence_words: int | None = None
    jargon_add: Mapping[str, str] = field(default_factory=dict)
    jargon_allow: tuple[str, ...] = ()


@dataclass(frozen=True)
class PathOverride:
    """Settings that apply to files matching ``paths`` (globs relative to the config file's directory)."""

    paths: tuple[str, ...]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    content_type: str | None = None
    readability: ReadabilitySettings | None = None

    def matches(self, path: str) -> bool:
        """Whether ``path`` (relative, with forward slashes) matches one of the globs."""
        return any(fnmatch(path, glob) or fnmatch(path, glob.rstrip("/") + "/*") for glob in self.paths)


@dataclass(frozen=True)
class Settings:
    """Effective settings for a run: the config file merged with command-line options."""

    root: Path = field(default_factory=Path.cwd)
    source: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_path: tuple[PathOverride, ...] = ()
    rule_packs: tuple[Path, ...] = ()
    required_disclaimers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    content_type_key: str = "type"
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    exclude: tuple[str, ...] = ()
    fail_on: FailOn = "warning"
    pipeline: str = "blank"
    grammar: GrammarSettings = field(default_factory=GrammarSettings)
    readability: ReadabilitySettings = field(default_factory=ReadabilitySettings)
    marks: Mapping[Path_, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    def relative(self, path: str) -> str:
        """``path`` relative to the config file's directory, with forward slashes, as ``per-path`` globs see it."""
        return relative_path(path, self.root)

    def with_cli(
        self,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        fail_on: FailOn | None = None,
        grammar: bool | None = None,
        require_grammar: bool = False,
        start_grammar_server: bool | None = None,
    ) -> Settings:
        """These settings with command-line options applied on top: ``--select``/``--ignore``/``--fail-on``,
        ``--no-grammar`` (``grammar=False``) and ``--require-grammar``."""
        engine = self.grammar
        if grammar is not None or require_grammar:
            enabled = engine.enabled if grammar is None else grammar
            engine = replace(engine, enabled=enabled or require_grammar, required=require_grammar)
        if start_grammar_server is not None:
            engine = replace(engine, start_server=start_grammar_server)
        return replace(
            self,
            select=tuple(select) if select else self.select,
            ignore=self.ignore + tuple(ignore),
            fail_on=fail_on or self.fail_on,
            grammar=engine,
        )


def relative_path(path: str, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes; as given when it lies outside ``root``."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def find_config(start: Path) -> Path | None:
    """The nearest ``.irlint.yaml`` or ``pyproject.toml`` with ``[tool.irlint]``, from ``start`` upward."""
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        return "irlint" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return "[tool.irlint" in text  # broken, but meant for irlint: report it rather than ignore it


def load_settings(path: Path | None) -> Settings:
    """Settings from the config file at ``path`` (defaults when None)."""
    if path is None:
        return Settings()
    name = str(path)
    marks: dict[Path_, tuple[int, int]] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("config file not found", name) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config file: {error}", name) from None
    if path.name == "pyproject.toml":
        try:
            data: Any = tomllib.loads(text).get("tool", {}).get("irlint", {})
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"invalid TOML: {error}", name) from None
        marks = _toml_marks(text)
        prefix: Path_ = ("tool", "irlint")
    else:
        try:
            data, marks = load_with_marks(text)
        except YamlSyntaxError as error:
            raise ConfigError(f"invalid YAML: {error.message}", name, error.line, error.column) from None
        data = {} if data is None else data
        prefix = ()
    from pydantic import ValidationError

    from irlint.config_schema import ConfigModel

    try:
        model = ConfigModel.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        line, column = locate(marks, tuple(first["loc"]))
        key = ".".join(str(part) for part in (*prefix, *first["loc"]))
        raise ConfigError(f"{key or 'config'}: {first['msg']}", name, line, column) from None
    _check_paths(model, path.parent, name, marks)
    return replace(_settings(model, path.parent, name), marks=marks)


_TOML_ARRAY_TABLE = re.compile(r"^\[\[\s*tool\.irlint\.([\w.-]+)\s*\]\]")
_TOML_TABLE = re.compile(r"^\[\s*tool\.irlint(?:\.([\w.-]+))?\s*\]")
_TOML_KEY = re.compile(r'^\s*"?([\w.-]+)"?\s*=')


def _toml_marks(text: str) -> dict[Path_, tuple[int, int]]:
    """Line and column of each key under ``[tool.irlint]`` (tomllib keeps no positions)."""
    marks: dict[Path_, tuple[int, int]] = {}
    table: Path_ | None = None
    counts: dict[Path_, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if match := _TOML_ARRAY_TABLE.match(stripped):
            key: Path_ = tuple(match.group(1).split("."))
            counts[key] = counts.get(key, 0) + 1
            table = (*key, counts[key] - 1)
            marks[table] = (number, 1)
        elif match := _TOML_TABLE.match(stripped):
            table = tuple(match.group(1).split(".")) if match.group(1) else ()
            marks.setdefault(table, (number, 1))
        elif stripped.startswith("["):
            table = None
        elif table is not None and (match := _TOML_KEY.match(line)):
            marks[(*table, *match.group(1).split("."))] = (number, line.index(match.group(1)) + 1)
    return marks


def _check_paths(model: ConfigModel, root: Path, source: str, marks: Mapping[Path_, tuple[int, int]]) -> None:
    """Rule-pack directories exist and a configured spaCy pipeline is installed: errors at the config line."""
    for index, directory in enumerate(model.rule_packs):
        if not (root / directory).is_dir():
            line, column = locate(dict(marks), ("rule-packs", index))
            raise ConfigError(f"rule-packs: directory not found: {directory}", source, line, column)
    pipeline = model.nlp.pipeline
    if pipeline != "blank" and importlib.util.find_spec(pipeline.replace("-", "_")) is None:
        line, column = locate(dict(marks), ("nlp", "pipeline"))
        message = f"nlp.pipeline: spaCy pipeline {pipeline!r} is not installed (pip install it, or use 'blank')"
        raise ConfigError(message, source, line, column)


def _severities(values: Mapping[str, str]) -> dict[str, Severity]:
    return {key: Severity.parse(value) for key, value in values.items()}


def _settings(model: ConfigModel, root: Path, source: str) -> Settings:
    return Settings(
        root=root,
        source=source,
        select=tuple(model.select) if model.select is not None else None,
        ignore=tuple(model.ignore),
        severity=_severities(model.severity),
        per_path=tuple(
            PathOverride(
                paths=tuple(item.paths),
                select=tuple(item.select) if item.select is not None else None,
                ignore=tuple(item.ignore),
                severity=_severities(item.severity),
                content_type=item.content_type,
                readability=_readability(item.readability) if item.readability is not None else None,
            )
            for item in model.per_path
        ),
        rule_packs=tuple((root / pack).resolve() for pack in model.rule_packs),
        required_disclaimers={key: tuple(value) for key, value in model.required_disclaimers.items()},
        content_type_key=model.content_type_key,
        extensions=tuple(ext if ext.startswith(".") else "." + ext for ext in model.extensions)
        if model.extensions is not None
        else DEFAULT_EXTENSIONS,
        exclude=tuple(model.exclude),
        fail_on=model.fail_on or "warning",
        pipeline=model.nlp.pipeline,
        grammar=_grammar(model.languagetool, root, source),
        readability=_readability(model.readability),
    )


def _readability(model: ReadabilityPathModel) -> ReadabilitySettings:
    from irlint.config_schema import JargonModel, ReadabilityModel

    jargon = model.jargon if isinstance(model, ReadabilityModel) else JargonModel()
    return ReadabilitySettings(
        grade_ceiling=model.grade_ceiling,
        formula=model.formula,
        sentence_words=model.sentence_words,
        jargon_add=dict(jargon.add),
        jargon_allow=tuple(jargon.allow),
    )


def _grammar(model: LanguageToolModel, root: Path, source: str) -> GrammarSettings:
    words = {word.lower() for word in model.words}
    for item in model.word_lists:
        try:
            words |= load_word_list(root / item)
        except GrammarUnavailable as error:
            raise ConfigError(f"languagetool.word-lists: {error.message}", source) from None
    disabled = [rule for rule in DEFAULT_DISABLED_RULES if rule not in model.enabled_rules] + model.disabled_rules
    return GrammarSettings(
        enabled=model.enabled,
        url=model.url,
        language=model.language,
        disabled_rules=tuple(dict.fromkeys(disabled)),
        disabled_categories=tuple(model.disabled_categories),
        timeout=model.timeout,
        words=frozenset(words),
        java=model.java,
        memory=model.memory,
        download=model.download,
        start_server=model.start_server,
    )


def matches_prefix(rule_id: str, prefixes: Sequence[str]) -> bool:
    """Whether ``rule_id`` is one of ``prefixes`` or lies under one (``claims`` covers ``claims.guarantee``)."""
    return any(
        prefix in ("ALL", "all") or rule_id == prefix or rule_id.startswith(prefix.rstrip(".") + ".")
        for prefix in prefixes
    )


def validate_rule_references(settings: Settings, known: Sequence[str]) -> None:
    """Every rule id or prefix named in the config exists; an unknown one is a ConfigError at its line."""
    names: list[tuple[str, str, Path_]] = []
    names += [("select", item, ("select", i)) for i, item in enumerate(settings.select or ())]
    names += [("ignore", item, ("ignore", i)) for i, item in enumerate(settings.ignore)]
    names += [("severity", item, ("severity", item)) for item in settings.severity]
    for j, override in enumerate(settings.per_path):
        at: Path_ = ("per-path", j)
        names += [("per-path select", item, (*at, "select", i)) for i, item in enumerate(override.select or ())]
        names += [("per-path ignore", item, (*at, "ignore", i)) for i, item in enumerate(override.ignore)]
        names += [("per-path severity", item, (*at, "severity", item)) for item in override.severity]
    for content_type, ids in settings.required_disclaimers.items():
        names += [
            (f"required-disclaimers.{content_type}", item, ("required-disclaimers", content_type, i))
            for i, item in enumerate(ids)
        ]
    for where, item, path in names:
        if not _known(item, known):
            line, column = locate(dict(settings.marks), path)
            message = f"{where}: no rule matches {item!r} (see 'irlint rules')"
            raise ConfigError(message, settings.source or "command line", line, column)


def validate_cli_references(select: Sequence[str], ignore: Sequence[str], known: Sequence[str]) -> None:
    """Every rule id or prefix given with --select or --ignore exists."""
    for where, items in (("select", select), ("ignore", ignore)):
        for item in items:
            if not _known(item, known):
                raise ConfigError(f"{where}: no rule matches {item!r} (see 'irlint rules')", "command line")


def _known(item: str, known: Sequence[str]) -> bool:
    # LanguageTool's own rule ids are not known before the server answers; suppression.* findings are irlint's own.
    from irlint.suppress import RULE_IDS

    return item.startswith("grammar.languagetool") or any(
        matches_prefix(rule_id, [item]) for rule_id in (*known, *RULE_IDS)
    )
