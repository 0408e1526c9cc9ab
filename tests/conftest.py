"""Shared fixtures: the repository paths, a default linter, and the --update-goldens option."""

from __future__ import annotations

from pathlib import Path

import pytest

from irlint.config import Settings
from irlint.engine import Linter

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from current output")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def linter() -> Linter:
    """A linter with default settings and every built-in rule (opt-in rules included via select=None)."""
    engine = Linter(Settings(root=ROOT))
    engine.prepare()
    return engine
