"""Findings point at the exact source line and column through markup, entities, emoji and soft breaks;
code, scripts, styles, comments and URLs are never prose."""

from __future__ import annotations

import pytest

from irlint.engine import Linter
from irlint.model import Finding

PHRASE = "preferred option"
RULE = "claims.popularity"


def _only(findings: list[Finding], rule: str = RULE) -> list[Finding]:
    return [finding for finding in findings if finding.rule == rule]


def _where(source: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """1-based line and code-point column of the n-th occurrence of ``needle`` in ``source``."""
    index = -1
    for _ in range(occurrence + 1):
        index = source.index(needle, index + 1)
    line = source.count("\n", 0, index) + 1
    column = index - (source.rfind("\n", 0, index) + 1) + 1
    return line, column


MARKDOWN_CASES = {
    "emphasis": "# Title\n\nIt is a *preferred option* for many.\n",
    "strong": "Intro line.\n\nIt is a **preferred option** for many.\n",
    "link": "See why it is a [preferred option](https://example.org/a) today.\n",
    "list item": "Benefits:\n\n- fast\n- a preferred option for many\n",
    "nested list": "- outer\n  - inner: a preferred option\n",
    "blockquote": "> Patients call it a preferred option.\n",
    "after entity": "Dr. Smith &amp; team call it a preferred option.\n",
    "after named entity": "Caf&eacute; talk: a preferred option.\n",
    "after emoji": "😀👍🏽 It is a preferred option.\n",
    "after CJK": "患者さん: it is a preferred option.\n",
    "heading": "## A preferred option for pain\n",
    "table cell": "| a | b |\n|---|---|\n| x | a preferred option |\n",
    "after inline code": "Run `x` first; it is a preferred option.\n",
    "front matter": "---\ntitle: Pain\ntype: article\n---\n\nIt is a preferred option.\n",
    "escaped char": "Use \\*this\\* - a preferred option.\n",
    "crlf": "Line one.\r\n\r\nIt is a preferred option.\r\n",
}


@pytest.mark.parametrize("name", sorted(MARKDOWN_CASES))
def test_markdown_positions(linter: Linter, name: str) -> None:
    source = MARKDOWN_CASES[name]
    findings = _only(linter.lint_text(source, "doc.md"))
    assert len(findings) == 1, findings
    finding = findings[0]
    assert (finding.line, finding.column) == _where(source, PHRASE)
    assert finding.text == PHRASE
    assert (finding.end_line, finding.end_column) == (finding.line, finding.column + len(PHRASE))


def test_markdown_phrase_across_a_soft_line_break(linter: Linter) -> None:
    source = "It has become a preferred\noption for many patients.\n"
    [finding] = _only(linter.lint_text(source, "doc.md"))
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 17, 2, 7)
    assert finding.text == "preferred\noption"


def test_markdown_phrase_split_by_emphasis(linter: Linter) -> None:
    source = "It is a **preferred** option.\n"
    [finding] = _only(linter.lint_text(source, "doc.md"))
    assert (finding.line, finding.column) == (1, 11)
    assert finding.text == "preferred** option"


HTML_CASES = {
    "paragraph": "<p>It is a preferred option.</p>",
    "strong": "<p>It is a <strong>preferred option</strong>.</p>",
    "link": '<p>It is a <a href="https://example.org">preferred option</a>.</p>',
    "after entity": "<p>Smith &amp; Jones: a preferred option.</p>",
    "after numeric entity": "<p>Caf&#233; &#x1F600; a preferred option.</p>",
    "after emoji": "<p>😀 a preferred option.</p>",
    "list item": "<ul>\n<li>fast</li>\n<li>a preferred option</li>\n</ul>",
    "full page": "<!doctype html><html><head><title>x</title></head>\n<body>\n<main><h1>Pain</h1>\n"
    "<p>Many call it a\n    preferred option.</p></main></body></html>",
    "table": "<table><tr><td>a preferred option</td></tr></table>",
    "unclosed tags": "<div><p>one<p>It is a preferred option",
}


@pytest.mark.parametrize("name", sorted(HTML_CASES))
def test_html_positions(linter: Linter, name: str) -> None:
    source = HTML_CASES[name]
    findings = _only(linter.lint_text(source, "page.html"))
    assert len(findings) == 1, findings
    finding = findings[0]
    assert (finding.line, finding.column) == _where(source, "preferred")
    assert finding.text.replace("\n    ", " ") == PHRASE


def test_html_phrase_split_by_an_entity_maps_the_entity(linter: Linter) -> None:
    source = "<p>It is a preferred&nbsp;option.</p>"
    [finding] = _only(linter.lint_text(source, "page.html"))
    assert finding.text == "preferred&nbsp;option"


NOT_PROSE = {
    "doc.md": [
        "```\nIt is a preferred option.\n```\n",
        "    It is a preferred option.\n",
        "Use `a preferred option` here.\n",
        "<!-- It is a preferred option. -->\n",
        "See <https://example.org/preferred-option-guaranteed-cure>.\n",
        "See https://example.org/best-clinic/guaranteed-results today.\n",
        "![a preferred option](img.png)\n",
    ],
    "page.html": [
        "<script>var a = 'a preferred option';</script><p>Hello.</p>",
        "<style>/* a preferred option */</style><p>Hello.</p>",
        "<p>Hello.</p><!-- a preferred option -->",
        "<head><title>A preferred option</title></head><body><p>Hello.</p></body>",
        '<p hidden>a preferred option</p><p style="display:none">a preferred option</p>',
        "<pre>a preferred option</pre><p><code>a preferred option</code></p>",
        '<p><a href="https://example.org/preferred-option">Read the guide.</a></p>',
        "<template><p>a preferred option</p></template>",
    ],
    "doc.txt": ["Visit https://example.org/a-preferred-option-guaranteed for details.\n"],
}


@pytest.mark.parametrize(
    ("path", "source"), [(path, source) for path, sources in NOT_PROSE.items() for source in sources]
)
def test_non_prose_is_never_flagged(linter: Linter, path: str, source: str) -> None:
    claims = [f for f in linter.lint_text(source, path) if f.rule.startswith("claims.")]
    assert claims == []


def test_columns_count_code_points_not_bytes_or_utf16(linter: Linter) -> None:
    source = "𝄞𝄞 é 👍🏽 guaranteed results.\n"
    [finding] = _only(linter.lint_text(source, "doc.txt"), "claims.guarantee")
    assert finding.column == source.index("guaranteed") + 1
    assert finding.column == 9


@pytest.mark.parametrize("path", ["seed.txt", "seed.md", "seed.html"])
def test_every_seed_finding_text_is_the_source_slice(linter: Linter, path: str) -> None:
    from tests.conftest import FIXTURES

    source = (FIXTURES / "seed" / path).read_text(encoding="utf-8")
    lines = source.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for finding in linter.lint_text(source, path):
        begin = starts[finding.line - 1] + finding.column - 1
        end = starts[finding.end_line - 1] + finding.end_column - 1
        assert source[begin:end] == finding.text, finding
