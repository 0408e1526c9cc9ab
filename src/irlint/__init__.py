"""irlint: a rule-driven linter for medical marketing copy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Finding", "Severity", "__version__", "lint_paths", "lint_text"]

if TYPE_CHECKING:
    from irlint.api import lint_paths, lint_text
    from irlint.model import Finding, Severity


def __getattr__(name: str) -> Any:
    # Heavy modules (spaCy) load only when the API is used, so that `irlint --version` starts fast.
    if name in ("lint_text", "lint_paths"):
        from irlint import api

        return getattr(api, name)
    if name in ("Finding", "Severity"):
        from irlint import model

        return getattr(model, name)
    raise AttributeError(name)
