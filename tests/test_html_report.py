"""The HTML report (`--format html`): a self-contained page with each finding highlighted in place.

Unit tests check the segmenting of overlapping findings, the escaping and the page structure without a browser. The
browser tests open the page in a real headless Chromium (Debian's `chromium` and `chromium-driver`, installed by
`make chromium`) through Selenium, which is pointed at both binaries and so downloads nothing. They check that the
seed's findings are highlighted in place, that the console has no errors, that the page fetches nothing, and that a
hostile document executes nothing. Screenshots and the rendered pages are written to `$IRLINT_TEST_ARTIFACTS`
(default `build/test-artifacts/`); `IRLINT_UPDATE_SCREENSHOT=1` also rewrites `docs/images/html-report.png`, the
README's picture of the report.
The golden page for the seed is tests/goldens/formats/seed.txt.html: regenerate it with
`pytest tests/test_html_report.py --update-goldens` and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
from selenium.webdriver import Chrome
from selenium.webdriver.chrome.options import Options as ChromeOptions
from selenium.webdriver.chrome.service import Service as ChromeService
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from irlint import __version__
from irlint.api import load_linter
from irlint.cli import main
from irlint.documents import Document, parse_document, read_document
from irlint.engine import Linter
from irlint.model import DocumentStats, FileError, Finding, Severity
from irlint.report import Report
from irlint.report.formatters import FORMATTERS
from irlint.report.html import (
    CONTENT_SECURITY_POLICY,
    Segment,
    escape,
    format_html,
    is_document_level,
    place_finding,
    segment,
)
from tests.conftest import ROOT

GOLDENS = Path(__file__).parent / "goldens" / "formats"
ARTIFACTS = Path(os.environ.get("IRLINT_TEST_ARTIFACTS") or ROOT / "build" / "test-artifacts")
README_SCREENSHOT = ROOT / "docs" / "images" / "html-report.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SEED = "fixtures/seed/seed.txt"

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>'


# -- helpers ----------------------------------------------------------------------------------------------------------


def finding_at(
    document: Document,
    needle: str,
    rule: str = "test.rule",
    severity: Severity = Severity.WARNING,
    message: str = "A message.",
    suggestions: tuple[str, ...] = (),
) -> Finding:
    """A finding on the first occurrence of ``needle`` in the document's prose, placed as the engine places hits."""
    for block in document.blocks:
        at = block.text.find(needle)
        if at >= 0:
            start, end = block.source_span(at, at + len(needle))
            line, column, end_line, end_column = document.span_position(start, end)
            return Finding(
                document.path,
                line,
                column,
                rule,
                end_line,
                end_column,
                severity,
                message,
                suggestions,
                text=document.source[start:end],
            )
    raise AssertionError(f"{needle!r} is not in the prose of {document.path}")


def document_finding(path: str, rule: str, severity: Severity = Severity.WARNING, message: str = "Missing.") -> Finding:
    return Finding(path, 1, 1, rule, 1, 1, severity, message, ("Add this sentence.",))


def marks(page: str) -> list[tuple[str, str]]:
    """(data-f, text) of every highlight in the prose, in document order."""
    found = re.findall(r'<mark class="hl[^"]*" data-f="([^"]*)"[^>]*>(.*?)</mark>', page, flags=re.DOTALL)
    return [(numbers, text) for numbers, text in found]


class _Balance(HTMLParser):
    """Checks that every element is closed in order (void elements aside) and collects tag names."""

    VOID = frozenset({"meta", "link", "br", "img", "hr", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


ALLOWED_ATTRIBUTES = {
    *("lang", "charset", "http-equiv", "content", "name", "rel", "href", "id", "class", "title", "scope"),
    *("aria-label", "data-f", "data-line"),
}


def balanced(page: str) -> _Balance:
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def compare_golden(actual: str, golden: Path, update: bool) -> None:
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
    assert golden.exists(), f"missing golden {golden}; run pytest --update-goldens"
    assert actual == golden.read_bytes().decode("utf-8")


def normalise(text: str) -> str:
    return " ".join(text.split())


# -- segmenting -------------------------------------------------------------------------------------------------------


def test_segment_without_spans_is_one_plain_run() -> None:
    assert segment(5, []) == [Segment(0, 5, ())]
    assert segment(0, []) == []


def test_segment_splits_overlapping_spans_at_every_boundary() -> None:
    assert segment(10, [(0, 5), (3, 8)]) == [
        Segment(0, 3, (0,)),
        Segment(3, 5, (0, 1)),
        Segment(5, 8, (1,)),
        Segment(8, 10, ()),
    ]


def test_segment_nested_identical_and_empty_spans() -> None:
    assert segment(8, [(1, 7), (2, 4), (2, 4), (5, 5)]) == [
        Segment(0, 1, ()),
        Segment(1, 2, (0,)),
        Segment(2, 4, (0, 1, 2)),
        Segment(4, 5, (0,)),
        Segment(5, 7, (0,)),
        Segment(7, 8, ()),
    ]


def test_segment_clips_spans_to_the_text() -> None:
    assert segment(4, [(-3, 2), (3, 99)]) == [Segment(0, 2, (0,)), Segment(2, 3, ()), Segment(3, 4, (1,))]


@given(
    st.integers(min_value=0, max_value=40).flatmap(
        lambda length: st.tuples(
            st.just(length),
            st.lists(
                st.tuples(st.integers(0, length), st.integers(0, length)).map(lambda pair: (min(pair), max(pair))),
                max_size=8,
            ),
        )
    )
)
def test_segment_properties(case: tuple[int, list[tuple[int, int]]]) -> None:
    length, spans = case
    pieces = segment(length, spans)
    assert [piece.start for piece in pieces[1:]] == [piece.end for piece in pieces[:-1]]  # contiguous
    assert (pieces[0].start, pieces[-1].end) == (0, length) if pieces else length == 0
    for position in range(length):
        (piece,) = [piece for piece in pieces if piece.start <= position < piece.end]
        assert piece.covering == tuple(index for index, (start, end) in enumerate(spans) if start <= position < end)


# -- placing findings -------------------------------------------------------------------------------------------------


def test_place_finding_maps_plain_text_markdown_and_html_to_block_text() -> None:
    sources = {
        "a.txt": "A heading\nOur painless care is\nguaranteed to work.\n",
        "a.md": "---\ntitle: Painless\n---\n\n# Care\n\nOur *painless* care &amp; is\nguaranteed to work.\n",
        "a.html": "<h1>Care</h1><p>Our <b>painless</b> care &amp; is\n  guaranteed to work.</p>",
    }
    for path, source in sources.items():
        document = parse_document(source, path)
        for needle in ("painless", "is guaranteed", "care"):
            finding = finding_at(document, needle)
            placement = place_finding(document, finding)
            assert placement is not None, (path, needle)
            block = document.blocks[placement.block]
            assert block.text[placement.start : placement.end] == needle


def test_place_finding_outside_the_prose_and_document_level() -> None:
    document = parse_document("---\ntitle: Cure\n---\n\nSome text.\n", "a.md")
    in_front_matter = Finding("a.md", 2, 8, "test.rule", 2, 12, Severity.INFO, "m", text="Cure")
    assert place_finding(document, in_front_matter) is None
    assert place_finding(document, document_finding("a.md", "disclaimers.x")) is None
    beyond = Finding("a.md", 99, 1, "test.rule", 99, 3, Severity.INFO, "m")
    assert place_finding(document, beyond) is None


def test_is_document_level() -> None:
    assert is_document_level(document_finding("a.md", "balance.risk-missing"))
    assert not is_document_level(Finding("a.md", 1, 1, "r", 1, 5, Severity.INFO, "m", text="Best"))


# -- the page without a browser ---------------------------------------------------------------------------------------


def test_html_is_registered_as_a_format() -> None:
    assert FORMATTERS["html"] is format_html


def test_overlapping_findings_render_as_split_valid_markup() -> None:
    document = parse_document("Our painless, guaranteed cure works.\n", "o.txt")
    first = finding_at(document, "painless, guaranteed", "claims.safety", Severity.WARNING)
    second = finding_at(document, "guaranteed cure", "claims.guarantee", Severity.ERROR)
    third = finding_at(document, "cure", "claims.cure", Severity.INFO)
    report = Report(findings=tuple(sorted([first, second, third])), documents={"o.txt": document}, files_checked=1)
    page = format_html(report)
    balanced(page)
    assert marks(page) == [("1", "painless, "), ("1 2", "guaranteed"), ("2", " "), ("2 3", "cure")]
    assert '<mark class="hl sev-error multi" data-f="1 2"' in page  # the most severe colour wins; double underline
    assert page.count('class="anchor"') == 3
    assert '<a class="ref sev-warning" href="#d1-n1"' in page and '<a class="ref sev-error" href="#d1-n2"' in page


def test_zero_width_finding_in_prose_is_a_point_marker() -> None:
    document = parse_document("A sentence without an end\n", "z.txt")
    at = document.source.index("end")
    line, column = document.position(at)
    point = Finding("z.txt", line, column, "grammar.missing", line, column, Severity.INFO, "Something is missing here.")
    page = format_html(Report(findings=(point,), documents={"z.txt": document}, files_checked=1))
    assert '<mark class="hl point sev-info" data-f="1"' in page
    assert "About the whole document" not in page


def test_everything_is_escaped() -> None:
    hostile = f"{SCRIPT} {ATTRIBUTE_BREAK} 'x' & </p>"
    source = f"Our care is the best {hostile} for you.\n"
    path = f"{ATTRIBUTE_BREAK}.txt"
    document = parse_document(source, path)
    finding = finding_at(document, hostile, rule=f"x.{SCRIPT}", message=f"Message {hostile}", suggestions=(hostile, ""))
    report = Report(
        findings=(document_finding(path, f"disclaimers.{ATTRIBUTE_BREAK}", message=hostile), finding),
        file_errors=(FileError(f"{SCRIPT}.md", hostile, 3),),
        notices=(hostile,),
        files_checked=2,
        documents={path: document},
        stats={path: DocumentStats(words=12, sentences=1, flesch_kincaid_grade=9.25, smog_index=None)},
    )
    page = format_html(report)
    parsed = balanced(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "onerror=alert(1)&gt;" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#x27;x&#x27; &amp; &lt;/p&gt;" in page
    assert {name for name, _ in parsed.attributes} <= ALLOWED_ATTRIBUTES
    assert [value for name, value in parsed.attributes if name == "href" and not (value or "").startswith("#")] == [
        "data:,"
    ]


def test_escape_replaces_characters_html_cannot_carry() -> None:
    assert escape("a\x00b\x0cc\td\ne") == "a\\x00b\\x0cc\td\ne"
    assert escape("<a href=\"x\" title='y'>&</a>") == "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;"


def test_page_is_self_contained_and_deterministic() -> None:
    document = parse_document("Guaranteed results.\n", "d.txt")
    report = Report(findings=(finding_at(document, "Guaranteed results"),), documents={"d.txt": document})
    page = format_html(report)
    assert page == format_html(dataclasses.replace(report))
    assert page.startswith("<!DOCTYPE html>\n")
    assert f'<meta http-equiv="Content-Security-Policy" content="{escape(CONTENT_SECURITY_POLICY)}">' in page
    assert CONTENT_SECURITY_POLICY.startswith("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    assert f"irlint {__version__}" in page
    assert re.search(r"(?:src|href)=\"(?!#|data:)", page) is None  # nothing to fetch
    assert "http://" not in page and "https://" not in page


def test_document_level_findings_and_readability_are_in_the_header() -> None:
    document = parse_document("Our knee care is guaranteed.\n", "k.txt")
    report = Report(
        findings=(
            document_finding("k.txt", "balance.risk-missing"),
            document_finding("k.txt", "readability.grade", Severity.INFO, "Reading grade 14.2 is above 8."),
            finding_at(document, "guaranteed", "claims.guarantee", Severity.ERROR, suggestions=("",)),
        ),
        documents={"k.txt": document},
        stats={"k.txt": DocumentStats(words=5, sentences=1, flesch_kincaid_grade=14.2, smog_index=12.04)},
        files_checked=1,
    )
    page = format_html(report)
    start = page.index('<header class="doc-header">')
    header = page[start : page.index("</header>", start)]
    assert "balance.risk-missing" in header and "readability.grade" in header and "Reading grade 14.2" in header
    assert '<dd class="grade">14.2</dd>' in header and '<dd class="grade">12.0</dd>' in header
    assert "Add: <q" in header
    assert "claims.guarantee" not in header
    assert 'Delete <q class="delete">guaranteed</q>' in page
    assert len(marks(page)) == 1


def test_report_without_documents_falls_back_to_source_lines() -> None:
    finding = Finding("gone.md", 3, 4, "claims.cure", 3, 8, Severity.ERROR, "Cure claim.", text="cure")
    report = Report(findings=(finding,), lines={("gone.md", 3): "We cure <b>pain</b>."}, files_checked=1)
    page = format_html(report)
    balanced(page)
    assert "The text of this document is not part of the report" in page
    assert '<mark class="src-hl sev-error">cure</mark> &lt;b&gt;pain&lt;/b&gt;.' in page
    assert 'id="d1-f1"' in page and 'id="d1-n1"' in page


def test_finding_outside_the_prose_is_listed_with_its_source_line() -> None:
    document = parse_document("---\ntitle: Guaranteed cure\n---\n\nPlain words.\n", "f.md")
    finding = Finding("f.md", 2, 19, "claims.cure", 2, 23, Severity.ERROR, "Cure claim.", text="cure")
    page = format_html(Report(findings=(finding,), documents={"f.md": document}, files_checked=1))
    assert marks(page) == []
    assert "Not in the rendered prose" in page
    assert 'title: Guaranteed <mark class="src-hl sev-error">cure</mark>' in page


def test_summary_counts_by_rule_and_severity_and_lists_clean_files() -> None:
    clean = parse_document("Plain words.\n", "b.txt")
    busy = parse_document("Best care. Best team.\n", "a.txt")
    first = finding_at(busy, "Best care", "claims.superlative", Severity.WARNING)
    second = dataclasses.replace(first, column=12, end_column=21, severity=Severity.ERROR)
    report = Report(findings=(first, second), documents={"a.txt": busy, "b.txt": clean}, files_checked=2)
    page = format_html(report)
    start = page.index('<table class="grid rules">')
    rules = page[start : page.index("</table>", start)]
    assert re.sub(r"<[^>]+>", " ", rules.split("<tbody>")[1]).split() == [
        "claims.superlative",
        "1",
        "1",
        "·",
        "2",
        "All",
        "rules",
        "1",
        "1",
        "0",
        "2",
    ]
    assert page.index('id="doc-1"') < page.index('id="doc-2"')
    assert "No findings in the text." in page


def test_golden_seed_page(seed_run: SeedRun, update_goldens: bool) -> None:
    compare_golden(seed_run.page, GOLDENS / "seed.txt.html", update_goldens)


# -- building reports -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def module_linter() -> Iterator[Linter]:
    """A linter as `irlint check --no-config` builds it (LanguageTool through the session server)."""
    linter = load_linter(use_config=False)
    yield linter
    linter.close()


def report_for(linter: Linter, directory: Path, paths: list[str], extra: tuple[Finding, ...] = ()) -> Report:
    """Lint ``paths`` (relative to ``directory``) and keep the parsed documents, as `--format html` does."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(directory)
        report = linter.lint_paths(paths)
        documents = {path: read_document(Path(path), path) for path in paths}
    findings = tuple(sorted(report.findings + extra))
    return dataclasses.replace(report, findings=findings, documents={**report.documents, **documents})


@dataclasses.dataclass(frozen=True)
class SeedRun:
    page_path: Path
    page: str
    findings: list[Finding]


def finding_from_json(data: dict[str, Any]) -> Finding:
    return Finding(
        data["path"],
        data["line"],
        data["column"],
        data["rule"],
        data["end_line"],
        data["end_column"],
        Severity.parse(data["severity"]),
        data["message"],
        tuple(data["suggestions"]),
        data["text"],
        data["engine"],
    )


@pytest.fixture(scope="module")
def seed_run() -> SeedRun:
    """`irlint check --format html -o FILE` on the seed, as the issue asks, and the same run's findings as JSON."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page_path = ARTIFACTS / "seed-report.html"
    page_path.unlink(missing_ok=True)
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        run = runner.invoke(main, ["check", "--no-config", "--format", "html", "-o", str(page_path), SEED])
        as_json = runner.invoke(main, ["check", "--no-config", "--format", "json", SEED])
    assert run.exit_code == 1, run.stderr
    assert run.stdout == ""
    assert as_json.exit_code == 1, as_json.stderr
    findings = [finding_from_json(item) for item in json.loads(as_json.stdout)["findings"]]
    return SeedRun(page_path, page_path.read_bytes().decode("utf-8"), findings)


def test_cli_writes_the_same_page_to_standard_output(seed_run: SeedRun) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        result = CliRunner().invoke(main, ["check", "--no-config", "--format", "html", SEED])
    assert result.exit_code == 1, result.stderr
    assert result.stdout == seed_run.page  # deterministic, wherever it is written
    assert seed_run.page.startswith("<!DOCTYPE html>\n")
    balanced(seed_run.page)


HOSTILE_TEXT = f"Our clinic news: {SCRIPT} and {ATTRIBUTE_BREAK} stay text. Leave a Reply\n"
HOSTILE_MARKDOWN = f"""---
title: "{SCRIPT}"
---

# Knee pain \\<script\\>alert(1)\\</script\\>

Our results are guaranteed: &lt;script&gt;alert(1)&lt;/script&gt; and \\"\\>\\<img src=x onerror=alert(1)\\> stay text.

Raw HTML {SCRIPT} and {ATTRIBUTE_BREAK} here.

{SCRIPT}
"""
HOSTILE_HTML = f"""<!doctype html>
<html><head><title>{SCRIPT}</title>{SCRIPT}</head><body>
<p>We promise &lt;script&gt;alert(1)&lt;/script&gt; and &quot;&gt;&lt;img src=x onerror=alert(1)&gt; as text.</p>
<img src=x onerror=alert(1)>
<p title='"><script>alert(1)</script>'>Another "quoted" paragraph with 'single' quotes &amp; ampersands.</p>
{SCRIPT}
</body></html>
"""
HOSTILE_FILES = {
    "hostile.txt": HOSTILE_TEXT,
    "hostile.md": HOSTILE_MARKDOWN,
    "hostile.html": HOSTILE_HTML,
    f"{ATTRIBUTE_BREAK}.txt": HOSTILE_TEXT,
}
HOSTILE_MESSAGE = f"Hostile message {SCRIPT} {ATTRIBUTE_BREAK} 'quoted'"


@pytest.fixture(scope="module")
def hostile_report(module_linter: Linter, tmp_path_factory: pytest.TempPathFactory) -> Report:
    """Real documents full of markup-like text, linted for real, plus findings with hostile rule ids, messages and
    suggestions on the hostile text itself, a hostile file error and a hostile notice."""
    directory = tmp_path_factory.mktemp("hostile")
    for name, text in HOSTILE_FILES.items():
        (directory / name).write_text(text, encoding="utf-8")
    extra: list[Finding] = []
    for name, text in HOSTILE_FILES.items():
        document = parse_document(text, name)
        for needle in (SCRIPT, ATTRIBUTE_BREAK):
            extra.append(
                finding_at(document, needle, f"test.{ATTRIBUTE_BREAK}", Severity.ERROR, HOSTILE_MESSAGE, (needle, ""))
            )
    report = report_for(module_linter, directory, list(HOSTILE_FILES), tuple(extra))
    return dataclasses.replace(
        report,
        file_errors=(FileError(f"{SCRIPT}.md", HOSTILE_MESSAGE, 2),),
        notices=(HOSTILE_MESSAGE,),
    )


# -- in a real browser ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Chrome]:
    """One headless Chromium for the module, driven through /usr/bin/chromedriver; Selenium Manager stays offline."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.is_file()]
    if missing:
        pytest.fail(
            f"headless Chromium is not installed ({' and '.join(missing)} missing): run `make chromium`",
            pytrace=False,
        )
    options = ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # the tests run as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1000",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        driver = Chrome(service=ChromeService(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@dataclasses.dataclass
class Loaded:
    url: str
    console: list[dict[str, Any]]
    requests: list[str]


def load(browser: Chrome, page: str, name: str) -> Loaded:
    """Write ``page`` to the artefacts folder, open it, and return the console entries and requested URLs."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / name
    target.write_bytes(page.encode("utf-8"))
    return visit(browser, target)


def visit(browser: Chrome, target: Path) -> Loaded:
    """Open the page file ``target`` and return the console entries and requested URLs."""
    browser.get_log("browser")  # drop what earlier pages left
    browser.get_log("performance")
    browser.get(target.as_uri())
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script("return document.readyState") == "complete")
    requests = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    return Loaded(target.as_uri(), browser.get_log("browser"), requests)


def assert_quiet(loaded: Loaded) -> None:
    """No console errors or warnings, and nothing fetched but the page itself."""
    assert [entry for entry in loaded.console if entry["level"] in ("SEVERE", "WARNING")] == []
    assert {url for url in loaded.requests if not url.startswith("data:")} <= {loaded.url}


def screenshot(browser: Chrome, path: Path, height: int | None = None, start: str | None = None) -> None:
    """A screenshot 1280 pixels wide: of the whole page, or ``height`` pixels from the element ``start`` (a CSS
    selector) or from the top."""
    full = int(browser.execute_script("return document.documentElement.scrollHeight"))
    browser.set_window_size(1280, min(height or full, 16000))
    try:
        browser.execute_script(
            "const start = arguments[0] && document.querySelector(arguments[0]);"
            "if (start) { start.scrollIntoView(); } else { window.scrollTo(0, 0); }",
            start,
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        assert browser.save_screenshot(str(path))
        assert path.stat().st_size > 10_000
    finally:
        browser.set_window_size(1280, 1000)


HIGHLIGHTS = """
const result = [];
for (const section of document.querySelectorAll('section.document')) {
  const texts = {};
  const colours = {};
  for (const mark of section.querySelectorAll('.prose mark.hl[data-f]')) {
    const box = mark.getBoundingClientRect();
    for (const number of mark.dataset.f.split(' ')) {
      (texts[number] ??= []).push(mark.textContent);
      if (box.width > 0 && box.height > 0) { colours[number] = getComputedStyle(mark).backgroundColor; }
    }
  }
  result.push({
    path: section.querySelector('.path').textContent,
    texts: texts,
    colours: colours,
    anchors: section.querySelectorAll('.prose .anchor').length,
    items: Array.from(section.querySelectorAll('.side li.item')).map(item => [
      item.id, item.querySelector('.rule').textContent, item.querySelector('.msg').textContent]),
    documentLevel: Array.from(section.querySelectorAll('.doc-level .rule')).map(rule => rule.textContent),
    titles: Array.from(section.querySelectorAll('.prose mark.hl')).map(mark => mark.title),
  });
}
return result;
"""
BACKGROUNDS = {"error": "rgb(253, 227, 225)", "warning": "rgb(255, 240, 194)", "info": "rgb(220, 235, 255)"}


def test_seed_findings_are_highlighted_in_place(browser: Chrome, seed_run: SeedRun) -> None:
    loaded = visit(browser, seed_run.page_path)
    assert_quiet(loaded)
    (section,) = browser.execute_script(HIGHLIGHTS)
    assert section["path"] == SEED
    findings = seed_run.findings
    in_prose = [finding for finding in findings if not is_document_level(finding)]
    assert len(in_prose) >= 15
    assert section["anchors"] == len(in_prose)
    assert sorted(section["texts"], key=int) == [str(number) for number in range(1, len(in_prose) + 1)]
    for number, finding in enumerate(in_prose, start=1):
        assert normalise("".join(section["texts"][str(number)])) == normalise(finding.text), finding
        assert section["colours"][str(number)] == BACKGROUNDS[finding.severity.label], finding
    assert [(rule, message) for _, rule, message in section["items"]] == [(f.rule, f.message) for f in in_prose]
    document_level = [finding.rule for finding in findings if is_document_level(finding)]
    assert {"disclaimers.medical-advice", "balance.risk-missing"} <= set(document_level)
    assert section["documentLevel"] == document_level
    assert any("grammar.modal-noun" in title and "can relief" in title for title in section["titles"])
    assert browser.execute_script("return document.querySelectorAll('script').length") == 0
    screenshot(browser, ARTIFACTS / "seed-report.png")
    if os.environ.get("IRLINT_UPDATE_SCREENSHOT") == "1":
        screenshot(browser, README_SCREENSHOT, height=1300, start="#doc-1")


def test_links_between_highlights_and_the_side_list_work_without_scripts(browser: Chrome, seed_run: SeedRun) -> None:
    visit(browser, seed_run.page_path)
    browser.find_element(By.CSS_SELECTOR, ".prose a.ref[href='#d1-n3']").click()
    assert browser.execute_script("return document.querySelector(':target').id") == "d1-n3"
    browser.find_element(By.CSS_SELECTOR, "#d1-n5 a.num").click()
    assert browser.execute_script("return document.querySelector(':target').id") == "d1-f5"
    marker = browser.execute_script("return getComputedStyle(document.querySelector(':target'), '::before').content")
    assert marker == '"▶"'


INSPECT_HOSTILE = """
const everything = Array.from(document.querySelectorAll('*'));
return {
  scripts: document.querySelectorAll('script').length,
  images: document.querySelectorAll('img, iframe, object, embed, svg, form, base').length,
  handlers: everything.filter(el => Array.from(el.attributes).some(a => a.name.startsWith('on'))).length,
  text: document.body.innerText,
  paths: Array.from(document.querySelectorAll('section.document .path')).map(p => p.textContent),
  highlights: Array.from(document.querySelectorAll('section.document')).flatMap(section => {
    const texts = {};
    for (const mark of section.querySelectorAll('.prose mark.hl[data-f]')) {
      for (const number of mark.dataset.f.split(' ')) { texts[number] = (texts[number] ?? '') + mark.textContent; }
    }
    return Object.values(texts);
  }),
  titles: Array.from(document.querySelectorAll('[title]')).map(el => el.title),
};
"""


def assert_no_alert(browser: Chrome) -> None:
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018 - the property raises when no alert is open


@pytest.mark.parametrize("csp", [True, False], ids=["as-generated", "without-csp"])
def test_hostile_documents_render_as_text_and_execute_nothing(
    browser: Chrome, hostile_report: Report, csp: bool
) -> None:
    page = format_html(hostile_report)
    if not csp:  # escaping alone must hold, without the Content-Security-Policy behind it
        page, removed = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", page)
        assert removed == 1
    name = "hostile-report" if csp else "hostile-report-without-csp"
    loaded = load(browser, page, f"{name}.html")
    assert_no_alert(browser)
    assert_quiet(loaded)
    seen = browser.execute_script(INSPECT_HOSTILE)
    assert (seen["scripts"], seen["images"], seen["handlers"]) == (0, 0, 0)
    assert seen["paths"] == sorted(HOSTILE_FILES)
    for needle in (SCRIPT, ATTRIBUTE_BREAK, HOSTILE_MESSAGE, f"{SCRIPT}.md:2"):
        assert needle in seen["text"]
    assert seen["highlights"].count(SCRIPT) == len(HOSTILE_FILES)
    assert seen["highlights"].count(ATTRIBUTE_BREAK) == len(HOSTILE_FILES)
    assert any(HOSTILE_MESSAGE in title for title in seen["titles"])
    assert f"test.{ATTRIBUTE_BREAK}" in seen["text"]
    if csp:
        screenshot(browser, ARTIFACTS / "hostile-report.png")
    assert_no_alert(browser)


def test_the_alert_check_would_catch_an_executing_page(browser: Chrome) -> None:
    """The harness is not blind: unescaped markup on a page without a CSP does raise an alert."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    canary = ARTIFACTS / "canary.html"
    canary.write_text(f"<!DOCTYPE html><p>{ATTRIBUTE_BREAK}</p>", encoding="utf-8")
    try:
        browser.get(canary.as_uri())
        alert = WebDriverWait(browser, 5).until(expected_conditions.alert_is_present())
        assert alert
        text: str | None = alert.text
        alert.accept()
    except UnexpectedAlertPresentException as error:  # the driver saw the alert first and dismissed it
        text = error.alert_text
    assert text == "1"
    assert_no_alert(browser)
