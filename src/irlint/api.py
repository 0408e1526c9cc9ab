"""The Python API, also used by the command line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from irlint.cache import ResultCache, default_cache_dir, run_salt
from irlint.config import (
    FailOn,
    Settings,
    find_config,
    load_settings,
    validate_cli_references,
    validate_rule_references,
)
from irlint.engine import Linter
from irlint.model import Finding
from irlint.report import Report
from irlint.rules.kinds import CompiledRule
from irlint.rules.loader import load_rules


def load_settings_for(config: Path | None = None, use_config: bool = True, start: Path | None = None) -> Settings:
    """Settings from ``config``, or from the nearest config file above ``start`` (default: the working directory)."""
    if not use_config:
        return Settings()
    path = config if config is not None else find_config((start or Path.cwd()).resolve())
    return load_settings(path)


def load_linter(
    config: Path | None = None,
    use_config: bool = True,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: FailOn | None = None,
    settings: Settings | None = None,
    grammar: bool | None = None,
    require_grammar: bool = False,
    start_grammar_server: bool | None = None,
    prepare: bool = True,
) -> Linter:
    """A ready Linter: settings loaded and merged with the options, rules loaded and checked, matchers built.
    ``grammar=False`` turns LanguageTool off; ``require_grammar`` makes its failure an error. ``prepare=False``
    leaves loading spaCy to the first file that needs it (a run served from the cache never does)."""
    base = settings if settings is not None else load_settings_for(config, use_config)
    rules = load_rules(base.rule_packs)
    known = [rule.id for rule in rules]
    validate_rule_references(base, known)
    validate_cli_references(select, ignore, known)
    merged = base.with_cli(select, ignore, fail_on, grammar, require_grammar, start_grammar_server)
    linter = Linter(merged, rules)
    if prepare:
        linter.prepare()
    return linter


def results_cache(linter: Linter, directory: Path | None = None) -> ResultCache:
    """The results cache for ``linter``'s run: in ``directory``, else the default location (see
    ``irlint.cache.default_cache_dir``)."""
    from irlint import __version__
    from irlint.rules.loader import builtin_pack_dir, pack_files

    settings = linter.settings
    location = directory if directory is not None else default_cache_dir(settings.source)
    packs = pack_files([builtin_pack_dir(), *settings.rule_packs])
    options = {"settings": settings, "report_unused_suppressions": linter.report_unused_suppressions}
    return ResultCache(location, run_salt(__version__, options, packs))


def load_rule_catalog(settings: Settings | None = None) -> list[CompiledRule]:
    """Every loaded rule (built-in and configured packs), without building matchers."""
    chosen = settings if settings is not None else load_settings_for()
    return load_rules(chosen.rule_packs)


def _settings(config: Settings | str | Path | None) -> Settings:
    if isinstance(config, Settings):
        return config
    if config is None:
        return load_settings_for()
    return load_settings(Path(config))


def lint_text(text: str, *, path: str | None = None, config: Settings | str | Path | None = None) -> list[Finding]:
    """Findings for ``text``, sorted by position. ``path`` names it and chooses its format (default: plain text);
    ``config`` is a Settings object, the path of a config file, or None for the nearest `.irlint.yaml`."""
    linter = load_linter(settings=_settings(config))
    try:
        return linter.lint_text(text, path or "<text>")
    finally:
        linter.close()


def lint_paths(paths: Sequence[str | Path], *, config: Settings | str | Path | None = None) -> Report:
    """A Report (findings, file errors, notices) for files and directories, as `irlint check` produces it."""
    linter = load_linter(settings=_settings(config))
    try:
        return linter.lint_paths([str(path) for path in paths])
    finally:
        linter.close()
