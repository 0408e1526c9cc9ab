"""Property-based tests: random Markdown, HTML and Unicode text never crash the pipeline, and every finding points
inside the file, at exactly the text it reports.

For every finding: 1 <= line <= number of lines, 1 <= column <= len(line) + 1 (the same for the end), the start is not
after the end, and when start != end the ``text`` field is the source between the two positions. A finding with
start == end is a document-level finding, reported at 1:1 with no text. Lines are split at ``\\n`` only, as irlint
counts them; columns count code points.

The ``linter`` fixture runs every default rule and, when LanguageTool is available, the grammar engine too (about
0.1 s per document), so it gets fewer examples; a copy without the grammar engine gets many more.

Two inputs that once crashed the parsers are pinned by tests at the end of this file: a lone CR in Markdown, and
``<![`` not followed by ``CDATA[`` in HTML.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from irlint.engine import Linter
from irlint.errors import InputError
from irlint.model import Finding
from irlint.report import Report
from irlint.report.formatters import format_json, format_text

PATHS = ["x.md", "x.html", "x.txt"]

# -- building blocks -------------------------------------------------------------------------------------------------

# Text that triggers rules of every pack (claims, disclaimers, balance, hygiene, acronyms, grammar) and clears them.
PHRASES = [
    "We guarantee you will walk without pain.",
    "It is a preferred option for many patients.",
    "Clinically proven to work.",
    "90% of patients feel better.",
    "This painless procedure has no side effects.",
    "Leave a Reply",
    "TODO: add the hours.",
    "Call [CLINIC NAME] today.",
    "Lorem ipsum dolor sit amet.",
    "Click here to book.",
    "Talk to the the doctor.",
    "Your IR doctor uses RFA.",
    "This can relief pressure.",
    "a injection",
    "This are a error.",
    "This is general information, not medical advice.",
    "Results vary from person to person.",
    "Risks include bleeding and infection.",
    "[1]",
    "(Smith et al., 2020)",
    "doi:10.1000/xyz123",
    "https://pubmed.ncbi.nlm.nih.gov/123/",
]
WORDS = ["relief", "pain", "the", "clinic", "safe", "best", "doctor", "MRI", "IR", "and", "not", "may", "can", "."]
UNICODE = [
    "😀",
    "👍🏽",
    "👨\u200d👩\u200d👧",
    "🇺🇸",
    "e\u0301",
    "a\u0308\u0323",
    "\u0301",
    "ﬁ",
    "İ",
    "ß",
    "Ǆ",
    "患者さん",
    "עברית",
    "مرحبا",
    "\u200b",
    "\u200d",
    "\u00a0",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\x85",
    "\U0001d400",
]
CONTROL = [chr(code) for code in [*range(1, 32), 127] if chr(code) not in "\n\r"]
LINE_ENDS = ["\n", "\r\n", "\n\n", "\r\n\r\n", "\r", ""]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&eacute;", "&#233;", "&#x1F600;", "&#0;", "&#xD800;",
            "&#99999999;", "&bogus;", "&amp", "&", "&#;", "&#x;"]  # fmt: skip
URLS = ["https://example.org/a", "http://x.org", "", "<https://a.b>", "mailto:a@b.org", "javascript:void(0)"]

any_character = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
random_text = st.text(any_character, max_size=16)
word = st.one_of(st.sampled_from(WORDS), st.sampled_from(UNICODE), st.sampled_from(ENTITIES), random_text)
leaf = st.one_of(st.sampled_from(PHRASES), word)

# -- Markdown --------------------------------------------------------------------------------------------------------


def _emphasis(pair: tuple[str, str]) -> str:
    marker, inner = pair
    return marker + inner + marker


inline_markdown = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["*", "**", "_", "__", "***", "~~", "`"]), inner).map(_emphasis),
        st.tuples(st.sampled_from(["*", "**", "_", "[", "](", "`", "<", "\\"]), inner).map("".join),  # unbalanced
        st.tuples(inner, st.sampled_from(URLS)).map(lambda pair: f"[{pair[0]}]({pair[1]})"),
        st.tuples(inner, st.sampled_from(URLS)).map(lambda pair: f"![{pair[0]}]({pair[1]})"),
        st.tuples(st.sampled_from(["b", "em", "a href='x'", "span"]), inner).map(
            lambda pair: f"<{pair[0]}>{pair[1]}</{pair[0].split()[0]}>"
        ),
        st.lists(inner, min_size=2, max_size=4).map(" ".join),
    ),
    max_leaves=10,
)
BLOCK_PREFIXES = ["", "", "# ", "### ", "- ", "* ", "1. ", "> ", "> > ", "    ", "  - ", "| ", "<div>", "<!-- ", "```"]
markdown_line = st.tuples(st.sampled_from(BLOCK_PREFIXES), inline_markdown).map("".join)
MARKDOWN_EXTRAS = [
    "---",
    "```python",
    "```",
    "| a | b |\n|---|---|\n| c | d |",
    "[ref]: https://example.org",
    "<script>We guarantee results.</script>",
    "<!-- TODO: hidden -->",
    "-->",
    "***",
    "<details><summary>More</summary>",
    "</details>",
    "[^1]: A footnote.",
]
front_matter = st.one_of(
    st.just(""),
    st.just(""),
    st.just(""),
    st.sampled_from(["---\ntype: article\n---\n", "---\ntitle: Pain\ntags: [a, b]\n---\n", "---\n---\n"]),
    st.lists(leaf, max_size=3).map(lambda parts: "---\n" + "\n".join(parts) + "\n---\n"),  # often invalid YAML
)
markdown_document = st.tuples(
    front_matter,
    st.lists(
        st.tuples(st.one_of(markdown_line, st.sampled_from(MARKDOWN_EXTRAS)), st.sampled_from(LINE_ENDS)).map("".join),
        max_size=10,
    ).map("".join),
).map("".join)

# -- HTML ------------------------------------------------------------------------------------------------------------

TAGS = (
    "p div span b em a li ul h1 h3 td tr table blockquote section script style code pre nav template noscript br img "
    "sup body head"
).split()
ATTRIBUTES = ["", " class='x'", " hidden", " style='display:none'", " aria-hidden='true'", ' href="https://a.org"',
              " title='We guarantee results'", " data-x=\"&amp;\"", " alt=<b>"]  # fmt: skip
HTML_EXTRAS = ["<!DOCTYPE html>", "<!-- Leave a Reply -->", "<![CDATA[ TODO: x ]]>", "<?xml version='1.0'?>", "</p>",
               "</div></div>", "<p", "<", ">", "</", "<<>>", "<br/>", "<hr>", "<![if !IE]>", "<![endif]>"]  # fmt: skip


def _element(parts: tuple[str, str, list[str], bool]) -> str:
    tag, attributes, children, closed = parts
    return f"<{tag}{attributes}>" + "".join(children) + (f"</{tag}>" if closed else "")


html_node = st.recursive(
    st.one_of(leaf, st.sampled_from(LINE_ENDS)),
    lambda inner: st.tuples(
        st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES), st.lists(inner, max_size=4), st.booleans()
    ).map(_element),
    max_leaves=14,
)
html_document = st.lists(st.one_of(html_node, st.sampled_from(HTML_EXTRAS)), max_size=8).map("".join)

# -- anything --------------------------------------------------------------------------------------------------------

soup = st.lists(
    st.one_of(
        st.sampled_from(PHRASES),
        st.sampled_from(UNICODE),
        st.sampled_from(CONTROL),
        st.sampled_from(LINE_ENDS),
        st.sampled_from(ENTITIES),
        st.sampled_from(MARKDOWN_EXTRAS + HTML_EXTRAS + BLOCK_PREFIXES),
        st.sampled_from(["*", "**", "_", "[", "]", "(", ")", "`", "<b>", "</b>", "<p>", "\t", " ", "  "]),
        random_text,
    ),
    max_size=40,
).map("".join)
unicode_text = st.text(any_character, max_size=300)
documents = {"x.md": markdown_document, "x.html": html_document, "x.txt": st.one_of(soup, unicode_text)}


# -- the property ----------------------------------------------------------------------------------------------------


def lint(engine: Linter, text: str, path: str) -> list[Finding] | None:
    """Findings, or None when the text is rejected with a clear InputError (only bad Markdown front matter is)."""
    try:
        return engine.lint_text(text, path)
    except InputError as error:
        assert path.endswith(".md") and text.startswith("---"), error.message
        assert error.message.startswith(f"{path}:") and "front matter" in error.message
        return None


def assert_findings_inside(text: str, path: str, findings: list[Finding]) -> None:
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    assert findings == sorted(findings)
    for finding in findings:
        assert finding.path == path
        for line, column in ((finding.line, finding.column), (finding.end_line, finding.end_column)):
            assert 1 <= line <= len(lines), finding
            assert 1 <= column <= len(lines[line - 1]) + 1, finding
        start = (finding.line, finding.column)
        end = (finding.end_line, finding.end_column)
        assert start <= end, finding
        if start == end:
            # document level: at 1:1, nothing to quote
            assert start == (1, 1), finding
            assert finding.text == "", finding
        else:
            begin = starts[finding.line - 1] + finding.column - 1
            stop = starts[finding.end_line - 1] + finding.end_column - 1
            assert finding.text == text[begin:stop], finding
            assert finding.text, finding
        assert finding.message
        assert "\n" not in finding.message
    # and the report formats never choke on what the engine produced
    shown = {(f.path, f.line): lines[f.line - 1].rstrip("\r") for f in findings}
    report = Report(findings=tuple(findings), files_checked=1, lines=shown)
    format_text(report)
    format_text(report, colour=True)
    format_text(report, quiet=True)
    assert len(json.loads(format_json(report))["findings"]) == len(findings)


def check(engine: Linter, text: str, path: str) -> None:
    findings = lint(engine, text, path)
    if findings is not None:
        assert_findings_inside(text, path, findings)


@pytest.fixture(scope="module")
def offline(linter: Linter) -> Linter:
    """The session linter without the grammar engine (LanguageTool): the same rules, many times faster."""
    settings = linter.settings
    grammar = getattr(settings, "grammar", None)
    if grammar is not None and dataclasses.is_dataclass(grammar):
        settings = dataclasses.replace(settings, grammar=dataclasses.replace(grammar, enabled=False))
    engine = Linter(settings, linter.rules)
    engine.prepare()
    return engine


COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
}


@pytest.mark.parametrize("path", PATHS)
@settings(max_examples=400, **COMMON)
@given(data=st.data())
def test_structured_documents_offline(offline: Linter, path: str, data: st.DataObject) -> None:
    check(offline, data.draw(documents[path], label="text"), path)


@pytest.mark.parametrize("path", PATHS)
@settings(max_examples=300, **COMMON)
@given(text=st.one_of(soup, unicode_text))
@example(text="")
@example(text="\r\n\r\n")
@example(text="We guarantee results.\r\nLeave a Reply\r\n")
@example(text="😀👍🏽 We guarantee results. e\u0301 TODO: x")
@example(text="<p>Smith &amp; Jones: a preferred option&hellip;</p>")
@example(text="**We *guarantee [results](http://x.org)* today**")
@example(text="<div><p>Leave a Reply<span>TODO: x</div></b>")
@example(text="\x01\x02\x0b\x0c\x1b\x7f TODO: x \x1f")
def test_any_text_in_any_format_offline(offline: Linter, path: str, text: str) -> None:
    check(offline, text, path)


@pytest.mark.parametrize("path", PATHS)
@settings(max_examples=60, **COMMON)
@given(data=st.data())
def test_the_full_pipeline_with_grammar(linter: Linter, path: str, data: st.DataObject) -> None:
    text = data.draw(st.one_of(documents[path], soup), label="text")
    check(linter, text, path)


@pytest.mark.parametrize("path", PATHS)
def test_the_same_text_gives_the_same_findings(offline: Linter, path: str) -> None:
    text = "😀 We guarantee results.\r\n\r\nTODO: x &amp; Leave a Reply\n" * 3
    assert offline.lint_text(text, path) == offline.lint_text(text, path)


# -- known crashes ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\rWe guarantee results.", ("claims.guarantee", "guarantee")),
        ("Intro.\n\rLeave a Reply\n", ("hygiene.web-boilerplate", "Leave a Reply")),
        ("Intro.\r\rLeave a Reply\n", ("hygiene.web-boilerplate", "Leave a Reply")),
    ],
)
def test_lone_carriage_return_in_markdown(offline: Linter, text: str, expected: tuple[str, str]) -> None:
    findings = offline.lint_text(text, "x.md")
    assert_findings_inside(text, "x.md", findings)
    assert expected in {(f.rule, f.text) for f in findings}


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("<p>Leave a Reply</p><![foo]>", "x.html"),
        ("<p>Leave a Reply</p><![ x", "x.html"),
        ("<p>Leave a Reply</p><![]>", "x.html"),
        ("Leave a Reply\n\n<div>\n<![foo]>\n</div>\n", "x.md"),
    ],
)
def test_unknown_marked_section_in_html(offline: Linter, text: str, path: str) -> None:
    findings = offline.lint_text(text, path)
    assert_findings_inside(text, path, findings)
    assert "hygiene.web-boilerplate" in {f.rule for f in findings}
