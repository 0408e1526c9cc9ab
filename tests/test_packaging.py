"""The wheel ships the rule packs and data files, so that pre-commit and pip installs work without a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_contains_rule_packs_and_data(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("irlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packs = {path.name for path in (ROOT / "rules").glob("*.yaml")}
    assert {f"irlint/packs/{name}" for name in packs} <= names
    assert {"irlint/data/medical-words.txt", "irlint/py.typed"} <= names
