"""The Python API: lint_text and lint_paths, typed and usable without the command line."""

from __future__ import annotations

from pathlib import Path

import irlint
from irlint.config import Settings
from tests.conftest import FIXTURES


def test_lint_text_returns_sorted_findings() -> None:
    findings = irlint.lint_text("We guarantee results. It is painless.", path="page.md", config=Settings())
    rules = [finding.rule for finding in findings]
    assert "claims.guarantee" in rules and "claims.safety-absolute" in rules
    assert findings == sorted(findings)
    assert all(isinstance(finding, irlint.Finding) for finding in findings)


def test_lint_paths_reports_like_the_cli(tmp_path: Path) -> None:
    config = tmp_path / ".irlint.yaml"
    config.write_text("select: [hygiene]\n", encoding="utf-8")
    report = irlint.lint_paths([FIXTURES / "seed" / "seed.txt"], config=config)
    assert [(f.rule, f.line) for f in report.findings] == [("hygiene.web-boilerplate", 17)]
    assert report.exit_code("warning") == 1


def test_the_package_is_typed() -> None:
    assert (Path(irlint.__file__).parent / "py.typed").exists()
