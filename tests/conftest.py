"""Shared fixtures: the repository paths, a real LanguageTool server, a default linter, --update-goldens."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from irlint.config import Settings
from irlint.engine import Linter
from irlint.engines.server import LocalServer, find_installation, start_server

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from current output")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def languagetool_home() -> Path:
    """The directory of LanguageTool jars provisioned by `make languagetool`."""
    install = find_installation()
    if install is None:
        raise RuntimeError("LanguageTool is not provisioned: run `make languagetool` (make test does)")
    return install


@pytest.fixture(scope="session", autouse=True)
def languagetool(languagetool_home: Path) -> Iterator[LocalServer]:
    """One real LanguageTool server for the whole session, from the jars `make languagetool` provisions.

    Every linter in the suite reaches it through IRLINT_LANGUAGETOOL_URL, so no test starts its own JVM."""
    server = start_server(languagetool_home)
    previous = os.environ.get("IRLINT_LANGUAGETOOL_URL")
    os.environ["IRLINT_LANGUAGETOOL_URL"] = server.url
    yield server
    server.stop()
    if previous is None:
        os.environ.pop("IRLINT_LANGUAGETOOL_URL", None)
    else:
        os.environ["IRLINT_LANGUAGETOOL_URL"] = previous


@pytest.fixture(autouse=True)
def private_results_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets an empty results cache of its own: results never leak between tests or into the user's
    cache, and runs repeated inside one test use the cache as a user's would."""
    directory = tmp_path_factory.mktemp("irlint-cache")
    monkeypatch.setenv("IRLINT_CACHE_DIR", str(directory))
    return directory


@pytest.fixture(scope="session")
def linter() -> Linter:
    """A linter with default settings and every built-in rule (opt-in rules included via select=None)."""
    engine = Linter(Settings(root=ROOT))
    engine.prepare()
    return engine
