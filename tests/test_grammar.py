"""Grammar checking against the real LanguageTool server of the session (see conftest), and its faults:
a server that is killed mid-run, one that hangs, one that is missing. Fakes appear only to inject faults."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from irlint.cli import main
from irlint.config import Settings
from irlint.engine import Linter
from irlint.engines import GrammarEngine
from irlint.engines.languagetool import GrammarSettings, builtin_words
from irlint.engines.server import LocalServer, start_server
from irlint.model import Finding
from tests.conftest import FIXTURES, ROOT

SENTENCE = "Yesterday he go to the clinic and feel much more better."


def _grammar(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.engine == "languagetool"]


def _linter(**grammar: object) -> Linter:
    settings = Settings(root=ROOT, grammar=GrammarSettings(**grammar))  # type: ignore[arg-type]
    engine = Linter(settings)
    engine.prepare()
    return engine


@pytest.fixture(scope="module")
def grammar_linter() -> Linter:
    return _linter()


def test_markdown_sentence_gets_languagetool_findings_at_the_right_columns(grammar_linter: Linter) -> None:
    source = f"# Visit\n\n{SENTENCE}\n"
    findings = _grammar(grammar_linter.lint_text(source, "visit.md"))
    agreement = [f for f in findings if f.rule == "grammar.languagetool.HE_VERB_AGR"]
    assert len(agreement) == 1
    finding = agreement[0]
    assert (finding.line, finding.column, finding.end_column) == (3, 14, 16)
    assert finding.text == "go"
    assert set(finding.suggestions) >= {"goes", "went"}
    assert finding.engine == "languagetool"


@pytest.mark.parametrize(
    ("name", "source", "needle"),
    [
        ("bold", "Yesterday **he go** to the clinic.\n", "go"),
        ("link", "Yesterday [he go to](https://example.org) the clinic.\n", "go"),
        ("list", "Steps:\n\n- First he go to the clinic.\n", "go"),
        ("entity", "Caf&eacute; &amp; yesterday he go to the clinic.\n", "go"),
        ("emoji", "😀👍🏽 Yesterday he go to the clinic.\n", "go"),
        ("soft break", "Yesterday he\ngo to the clinic.\n", "go"),
    ],
)
def test_languagetool_positions_through_markdown(grammar_linter: Linter, name: str, source: str, needle: str) -> None:
    found = [f for f in _grammar(grammar_linter.lint_text(source, "doc.md")) if f.text == needle]
    assert found, f"{name}: {grammar_linter.lint_text(source, 'doc.md')}"
    index = re.search(rf"\b{needle}\b", source).start()  # type: ignore[union-attr]
    line = source.count("\n", 0, index) + 1
    column = index - (source.rfind("\n", 0, index) + 1) + 1
    assert (found[0].line, found[0].column) == (line, column)


def test_languagetool_positions_through_html(grammar_linter: Linter) -> None:
    source = "<html><body>\n<p>Caf&eacute; &amp; more: yesterday <b>he go</b> to the clinic.</p>\n</body></html>"
    [finding] = [f for f in _grammar(grammar_linter.lint_text(source, "page.html")) if f.text == "go"]
    assert (finding.line, finding.column) == (2, source.split("\n")[1].index(" go<") + 2)


def test_languagetool_never_sees_markup_or_code(grammar_linter: Linter) -> None:
    source = "Intro.\n\n```\nhe go to the clinic\n```\n\n<script>he go</script>\n"
    assert _grammar(grammar_linter.lint_text(source, "doc.md")) == []


def test_seed_relief_is_reported_once_with_relieve(grammar_linter: Linter) -> None:
    source = (FIXTURES / "seed" / "seed.txt").read_text(encoding="utf-8")
    findings = [f for f in grammar_linter.lint_text(source, "seed.txt") if "relief" in f.text and f.line == 14]
    relief = [f for f in findings if f.text.endswith("relief") and f.column < 300]
    assert len(relief) == 1, relief  # LanguageTool's BELIEF_BELIEVE and grammar.modal-noun: one finding
    assert relief[0].rule == "grammar.modal-noun"
    assert "can relieve" in relief[0].suggestions
    assert (relief[0].line, relief[0].column) == (14, 293)


@pytest.mark.parametrize(
    "path", sorted((FIXTURES / "seed").glob("seed.*")) + sorted((FIXTURES / "documents").glob("*"))
)
def test_no_medical_term_is_a_spelling_error(grammar_linter: Linter, path: Path) -> None:
    findings = grammar_linter.lint_text(path.read_text(encoding="utf-8"), str(path))
    spelling = [f for f in findings if f.rule.startswith("grammar.languagetool.MORFOLOGIK")]
    lowercase = [f.text for f in spelling if not f.text[:1].isupper() and "lorem" not in path.read_text().lower()]
    assert lowercase == [], lowercase
    assert all(f.severity.label == "info" for f in spelling if f.text[:1].isupper())


def test_medical_vocabulary_covers_the_seed_terms() -> None:
    assert {
        "radiofrequency",
        "stenting",
        "angioplasty",
        "angiography",
        "pancreatitis",
        "impingements",
    } <= builtin_words()


def test_user_words_silence_spelling(tmp_path: Path) -> None:
    text = "Dr. Okafor reviews every scan with Dr. Idowu.\n"
    default = [f.text for f in _grammar(_linter().lint_text(text, "a.txt"))]
    assert "Okafor" in default
    quiet = _linter(words=frozenset({"okafor", "idowu"})).lint_text(text, "a.txt")
    assert _grammar(quiet) == []


def test_rule_and_category_selection(grammar_linter: Linter) -> None:
    ignored = Linter(Settings(root=ROOT, ignore=("grammar.languagetool.HE_VERB_AGR",)))
    assert not [f for f in ignored.lint_text(SENTENCE, "a.txt") if f.rule.endswith("HE_VERB_AGR")]
    disabled = _linter(disabled_categories=("GRAMMAR",))
    assert not [f for f in disabled.lint_text(SENTENCE, "a.txt") if f.rule.endswith("HE_VERB_AGR")]
    promoted = Linter(Settings(root=ROOT, severity={"grammar.languagetool": __import__("irlint").Severity.INFO}))
    assert {f.severity.label for f in _grammar(promoted.lint_text(SENTENCE, "a.txt"))} == {"info"}


# -- the server's life cycle -------------------------------------------------------------------------------------


def _java_servers() -> set[int]:
    """LanguageTool JVMs started by this test process (other processes on the machine may run their own)."""
    out = subprocess.run(
        ["pgrep", "-P", str(os.getpid()), "-f", "org.languagetool.server.HTTPServer"],
        capture_output=True,
        text=True,
        check=False,
    )
    return {int(pid) for pid in out.stdout.split()}


def test_a_run_without_a_configured_server_starts_one_and_stops_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, languagetool_home: Path
) -> None:
    monkeypatch.delenv("IRLINT_LANGUAGETOOL_URL")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # no persistent server recorded there
    monkeypatch.setenv("IRLINT_LANGUAGETOOL_HOME", str(languagetool_home))
    before = _java_servers()
    engine = GrammarEngine(GrammarSettings())
    linter = Linter(Settings(root=ROOT), grammar=engine)
    findings = linter.lint_text(SENTENCE, "a.txt")
    assert [f for f in findings if f.rule.endswith("HE_VERB_AGR")]
    assert len(_java_servers() - before) == 1
    linter.close()
    assert _java_servers() - before == set()


def test_server_listens_on_loopback_only(languagetool: LocalServer) -> None:
    out = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True, check=False).stdout
    lines = [line for line in out.splitlines() if f":{languagetool.port} " in line]
    assert lines
    assert all("127.0.0.1" in line or "[::1]" in line for line in lines), lines


def test_persistent_server_is_reused_without_starting_a_jvm(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, languagetool_home: Path
) -> None:
    monkeypatch.delenv("IRLINT_LANGUAGETOOL_URL")
    monkeypatch.setenv("IRLINT_LANGUAGETOOL_HOME", str(languagetool_home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    runner = CliRunner()
    started = runner.invoke(main, ["server", "start"])
    assert started.exit_code == 0, started.output
    try:
        assert runner.invoke(main, ["server", "status"]).exit_code == 0
        before = _java_servers()
        source = tmp_path / "a.md"
        source.write_text(SENTENCE + "\n", encoding="utf-8")
        result = runner.invoke(main, ["check", "--no-config", "--format", "json", str(source)])
        assert _java_servers() == before
        rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
        assert "grammar.languagetool.HE_VERB_AGR" in rules
    finally:
        assert runner.invoke(main, ["server", "stop"]).exit_code == 0
    assert runner.invoke(main, ["server", "status"]).exit_code == 1


# -- degradation ---------------------------------------------------------------------------------------------------


def _run_cli(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    document = tmp_path / "page.md"
    document.write_text(f"{SENTENCE} We guarantee results.\n", encoding="utf-8")
    environment = {**os.environ, **env}
    config = [] if "--config" in args else ["--no-config"]
    command = [sys.executable, "-m", "irlint", "check", *config, "--format", "json", *args, str(document)]
    return subprocess.run(
        command, capture_output=True, text=True, env=environment, timeout=120, cwd=tmp_path, check=False
    )


def _rules(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_missing_languagetool_degrades_to_builtin_rules(tmp_path: Path) -> None:
    env = {
        "IRLINT_LANGUAGETOOL_URL": "",
        "IRLINT_LANGUAGETOOL_HOME": str(tmp_path / "none"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    result = _run_cli(tmp_path, env)
    assert result.returncode == 1
    assert "claims.guarantee" in _rules(result)
    assert result.stderr.count("irlint: grammar:") == 1
    assert "make languagetool" in result.stderr
    required = _run_cli(tmp_path, env, "--require-grammar")
    assert required.returncode == 2
    assert "claims.guarantee" in _rules(required)
    assert "--require-grammar" in required.stderr


def test_no_grammar_skips_languagetool_entirely(tmp_path: Path) -> None:
    env = {"IRLINT_LANGUAGETOOL_URL": "http://127.0.0.1:9", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = _run_cli(tmp_path, env, "--no-grammar")
    assert result.returncode == 1
    assert result.stderr == ""
    assert not any(rule.startswith("grammar.languagetool") for rule in _rules(result))


@pytest.fixture
def hanging_server() -> Iterator[str]:
    """A fake that accepts connections and never answers: the fault of a hung LanguageTool."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
                held.append(connection)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


def test_a_hanging_server_times_out_and_the_run_goes_on(tmp_path: Path, hanging_server: str) -> None:
    config = tmp_path / ".irlint.yaml"
    config.write_text("languagetool:\n  timeout: 1\n", encoding="utf-8")
    result = _run_cli(tmp_path, {"IRLINT_LANGUAGETOOL_URL": hanging_server}, "--config", str(config))
    assert result.returncode == 1
    assert "claims.guarantee" in _rules(result)
    assert result.stderr.count("irlint: grammar:") == 1
    assert "did not answer" in result.stderr or "failed" in result.stderr


def test_a_server_killed_mid_run_loses_only_grammar(monkeypatch: pytest.MonkeyPatch, languagetool_home: Path) -> None:
    monkeypatch.delenv("IRLINT_LANGUAGETOOL_URL")
    server = start_server(languagetool_home)
    try:
        engine = GrammarEngine(GrammarSettings(url=server.url))
        linter = Linter(Settings(root=ROOT), grammar=engine)
        first = linter.lint_text(SENTENCE, "one.txt")
        assert [f for f in first if f.engine == "languagetool"]
        server.stop()
        second = linter.lint_text(SENTENCE + " We guarantee results.", "two.txt")
        assert [f.rule for f in second if f.rule == "claims.guarantee"]
        assert not [f for f in second if f.engine == "languagetool"]
        assert len(engine.notices) == 1 and engine.failure is not None
        third = linter.lint_text(SENTENCE, "three.txt")
        assert len(engine.notices) == 1 and not [f for f in third if f.engine == "languagetool"]
    finally:
        server.stop()


def test_a_remote_server_is_announced_once(tmp_path: Path, languagetool: LocalServer) -> None:
    remote = languagetool.url.replace("127.0.0.1", "localhost.localdomain.invalid")
    result = _run_cli(tmp_path, {"IRLINT_LANGUAGETOOL_URL": remote})
    assert result.stderr.count(f"sending the text of checked files to {remote}") == 1


def test_loopback_servers_are_not_announced(tmp_path: Path, languagetool: LocalServer) -> None:
    result = _run_cli(tmp_path, {"IRLINT_LANGUAGETOOL_URL": languagetool.url})
    assert "sending" not in result.stderr
    assert "grammar.languagetool.HE_VERB_AGR" in _rules(result)


def _manifest_jar(path: Path, jars: list[Path]) -> None:
    """An empty jar whose manifest puts ``jars`` on the class path: LanguageTool laid out the way
    language-tool-python's own download lays it out, without downloading anything."""
    import zipfile

    class_path = " ".join(jar.as_uri() for jar in jars)
    lines = ["Manifest-Version: 1.0", "Main-Class: org.languagetool.server.HTTPServer", f"Class-Path: {class_path}"]
    wrapped: list[str] = []
    for line in lines:
        data = line.encode()
        wrapped.append(data[:70].decode())
        wrapped.extend(" " + data[i : i + 69].decode() for i in range(70, len(data), 69))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("META-INF/MANIFEST.MF", "\r\n".join(wrapped) + "\r\n\r\n")


def test_language_tool_pythons_own_installation_is_used_when_nothing_is_provisioned(
    tmp_path: Path, languagetool_home: Path
) -> None:
    ltp = tmp_path / "ltp" / "LanguageTool-6.8"
    ltp.mkdir(parents=True)
    _manifest_jar(ltp / "languagetool-server.jar", sorted(languagetool_home.glob("*.jar")))
    env = {
        "IRLINT_LANGUAGETOOL_URL": "",
        "IRLINT_LANGUAGETOOL_HOME": str(tmp_path / "none"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "LTP_PATH": str(tmp_path / "ltp"),
    }
    result = _run_cli(tmp_path, env, "--require-grammar")
    assert "grammar.languagetool.HE_VERB_AGR" in _rules(result), result.stderr
    assert result.returncode == 1


def test_long_documents_are_sent_in_chunks_and_mapped_back(grammar_linter: Linter) -> None:
    from irlint.engines.languagetool import REQUEST_CHARACTERS

    paragraph = "The clinic is open on weekdays, and the staff can answer questions about parking and visits."
    count = REQUEST_CHARACTERS // len(paragraph) + 40
    source = "\n\n".join([paragraph] * count + [SENTENCE]) + "\n"
    findings = [f for f in grammar_linter.lint_text(source, "long.md") if f.rule.endswith("HE_VERB_AGR")]
    assert [(f.line, f.column, f.text) for f in findings] == [(2 * count + 1, 14, "go")]


def test_no_java_degrades_with_one_notice(tmp_path: Path, languagetool_home: Path) -> None:
    config = tmp_path / ".irlint.yaml"
    config.write_text("languagetool:\n  java: /nonexistent/java\n", encoding="utf-8")
    env = {
        "IRLINT_LANGUAGETOOL_URL": "",
        "IRLINT_LANGUAGETOOL_HOME": str(languagetool_home),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    result = _run_cli(tmp_path, env, "--config", str(config))
    assert result.returncode == 1
    assert "claims.guarantee" in _rules(result)
    assert result.stderr.count("irlint: grammar: Java not found") == 1


def test_a_server_that_fails_to_start_degrades_with_one_notice(tmp_path: Path) -> None:
    broken = tmp_path / "lt"
    broken.mkdir()
    (broken / "languagetool-server-6.8.jar").write_bytes(b"not a jar")
    (broken / ".complete").write_text("6.8", encoding="utf-8")
    env = {
        "IRLINT_LANGUAGETOOL_URL": "",
        "IRLINT_LANGUAGETOOL_HOME": str(broken),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    result = _run_cli(tmp_path, env)
    assert result.returncode == 1
    assert "claims.guarantee" in _rules(result)
    assert result.stderr.count("irlint: grammar: LanguageTool exited at start-up") == 1
