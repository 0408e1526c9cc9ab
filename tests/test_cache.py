"""The results cache: unchanged files are served from it, anything that can change their findings misses it, a
corrupt entry is rebuilt, concurrent runs are safe, and it is never fatal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from irlint.cli import main

PAGE = "Our treatment is painless.\n\nLeave a Reply\n"


def check(*args: str, cwd: Path | None = None) -> Result:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, ["check", "--no-grammar", "--format", "json", *args], catch_exceptions=False)
    finally:
        os.chdir(old)


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("v2/*/*.json"))


def rules_of(result: Result) -> list[str]:
    return [finding["rule"] for finding in json.loads(result.stdout)["findings"]]


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.md").write_text("We guarantee results.\n", encoding="utf-8")
    return tmp_path


def test_a_second_run_is_served_from_the_cache_with_identical_output(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = check("--cache-dir", str(cache), str(site / "a.md"), str(site / "b.md"))
    assert len(entries(cache)) == 2
    # Prove the second run reads the entries: an entry edited by hand shows through.
    for entry in entries(cache):
        payload = json.loads(entry.read_text(encoding="utf-8"))
        for row in payload["findings"]:
            row[7] = "served from the cache"  # the message
        entry.write_text(json.dumps(payload), encoding="utf-8")
    second = check("--cache-dir", str(cache), str(site / "a.md"), str(site / "b.md"))
    assert second.exit_code == first.exit_code == 1
    assert {f["message"] for f in json.loads(second.stdout)["findings"]} == {"served from the cache"}
    assert rules_of(second) == rules_of(first)


def test_cached_output_is_byte_identical_to_uncached(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for output_format in ("json", "text", "sarif"):
        fresh = check("--no-cache", "--format", output_format, str(site))
        check("--cache-dir", str(cache), "--format", output_format, str(site))
        cached = check("--cache-dir", str(cache), "--format", output_format, str(site))
        assert cached.stdout == fresh.stdout, output_format


def test_changed_content_misses_and_unchanged_files_hit(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    check("--cache-dir", str(cache), str(site))
    (site / "a.md").write_text("This injection cures arthritis.\n", encoding="utf-8")
    result = check("--cache-dir", str(cache), str(site))
    assert "claims.cure" in rules_of(result)
    assert "hygiene.web-boilerplate" not in rules_of(result)
    assert len(entries(cache)) == 3  # the old entry for a.md stays until `irlint cache clear`


def test_settings_and_rule_packs_are_part_of_the_key(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    check("--cache-dir", str(cache), str(site / "a.md"))
    assert rules_of(check("--cache-dir", str(cache), "--select", "hygiene", str(site / "a.md"))) == [
        "hygiene.web-boilerplate"
    ]
    packs = tmp_path / "packs"
    packs.mkdir()
    config = tmp_path / "irlint.yaml"
    config.write_text(f"rule-packs: [{packs}]\n", encoding="utf-8")
    before = rules_of(check("--cache-dir", str(cache), "--config", str(config), str(site / "a.md")))
    (packs / "house.yaml").write_text(HOUSE_PACK, encoding="utf-8")
    after = rules_of(check("--cache-dir", str(cache), "--config", str(config), str(site / "a.md")))
    assert "house.painless" in after and "house.painless" not in before


HOUSE_PACK = """\
pack: house
description: Test pack.
rules:
  - id: house.painless
    kind: phrase
    severity: info
    message: "House style: avoid '{match}'."
    description: House style.
    rationale: House style.
    sources: [{title: House style guide, url: "https://example.org/style"}]
    phrases: [painless]
    examples:
      flag: ["It is painless."]
      pass: ["It is quick."]
"""


def test_a_corrupt_entry_is_ignored_and_rebuilt(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = check("--cache-dir", str(cache), str(site / "a.md"))
    [entry] = entries(cache)
    for garbage in (b"\x00\xff not json", b'{"key": "someone else"}', b"[]", b""):
        entry.write_bytes(garbage)
        again = check("--cache-dir", str(cache), str(site / "a.md"))
        assert again.exit_code == 1 and again.stdout == first.stdout and again.stderr == ""
        assert json.loads(entry.read_text(encoding="utf-8"))["findings"]  # rewritten


def test_no_cache_neither_reads_nor_writes(site: Path, tmp_path: Path, private_results_cache: Path) -> None:
    check("--no-cache", str(site))
    assert not any(private_results_cache.iterdir())
    check(str(site))  # the default location (here IRLINT_CACHE_DIR) is used without options
    assert len(entries(private_results_cache)) == 2


def test_default_location_is_beside_the_config_and_marked_as_a_cache(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("IRLINT_CACHE_DIR")
    (site / ".irlint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    (site / "sub").mkdir()
    (site / "sub" / "c.md").write_text(PAGE, encoding="utf-8")
    check("c.md", cwd=site / "sub")
    cache = site / ".irlint_cache"
    assert len(entries(cache)) == 1
    assert (
        (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    dir_result = CliRunner().invoke(main, ["cache", "dir", "--config", str(site / ".irlint.yaml")])
    assert dir_result.stdout.strip() == str(cache)


def test_cache_clear(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    check("--cache-dir", str(cache), str(site))
    result = CliRunner().invoke(main, ["cache", "clear", "--cache-dir", str(cache)])
    assert result.exit_code == 0 and result.stdout == f"removed {cache}\n" and not cache.exists()
    again = CliRunner().invoke(main, ["cache", "clear", "--cache-dir", str(cache)])
    assert again.exit_code == 0 and again.stdout == f"no cache at {cache}\n"
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    refused = CliRunner().invoke(main, ["cache", "clear", "--cache-dir", str(precious)])
    assert refused.exit_code == 2
    assert refused.stderr.startswith("irlint: error: ") and "not deleting" in refused.stderr
    assert (precious / "notes.txt").exists()


def test_an_unwritable_cache_costs_only_time(site: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    result = check("--cache-dir", str(blocker / "cache"), str(site))
    assert result.exit_code == 1 and result.stderr == ""
    assert sorted(set(rules_of(result))) == sorted(set(rules_of(check("--no-cache", str(site)))))


def test_concurrent_runs_share_one_cache_safely(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for index in range(12):
        (site / f"page{index:02}.md").write_text(PAGE + f"\nPage {index}.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "irlint", "check", "--no-grammar", "--format", "json", "-j", "2"]
    command += ["--cache-dir", str(cache), str(site)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [1, 1, 1], [err.decode() for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1
    assert len(entries(cache)) == 12
    assert not list(cache.rglob(".tmp-*"))
    served = subprocess.run(command, capture_output=True, check=False)
    assert served.stdout == outputs[0][0]


def test_results_with_a_failed_grammar_engine_are_not_cached(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setenv("IRLINT_LANGUAGETOOL_URL", dead)
    cache = tmp_path / "cache"
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--cache-dir", str(cache), str(site / "a.md")], catch_exceptions=False
    )
    assert result.exit_code == 1 and "grammar:" in result.stderr
    assert entries(cache) == []


def test_one_cache_serves_repeated_runs_of_one_linter(site: Path, tmp_path: Path) -> None:
    from irlint.api import load_linter, results_cache

    linter = load_linter(use_config=False, grammar=False)
    cache = results_cache(linter, tmp_path / "cache")
    first = linter.lint_paths([str(site)], cache=cache)
    for entry in entries(tmp_path / "cache"):
        entry.write_text(entry.read_text(encoding="utf-8").replace("Leave a Reply", "Leave a Comment"), "utf-8")
    second = linter.lint_paths([str(site)], cache=cache)
    assert [f.text for f in second.findings] != [f.text for f in first.findings]  # served from the entries
    assert len(entries(tmp_path / "cache")) == 2
