"""Rewrite the output shown in README.md from a real run (tests/test_readme.py checks it is current)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _irlint(*args: str) -> str:
    command = [sys.executable, "-m", "irlint", "check", "--no-config", "--no-cache", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False).stdout


def main() -> None:
    """Replace the seed text block and the JSON summary in README.md."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    seed = _irlint("fixtures/seed/seed.txt")
    text = re.sub(r"```text\nfixtures/seed/seed\.txt:.*?```", lambda _: f"```text\n{seed}```", text, flags=re.S)
    summary = json.loads(_irlint("--format", "json", "fixtures/seed/seed.txt"))["summary"]
    first = ", ".join(f'"{key}": {json.dumps(value)}' for key, value in list(summary.items())[:6])
    rest = ", ".join(f'"{key}": {json.dumps(value)}' for key, value in list(summary.items())[6:])
    shown = "{" + first + ",\n              " + rest + "}"
    text = re.sub(r'"summary": \{.*?\}(?=\n\}\n```)', lambda _: f'"summary": {shown}', text, flags=re.S)
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
