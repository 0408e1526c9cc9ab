"""A self-contained HTML report: one page per run, for reviewers who are not developers.

The page has no script, no external asset and makes no network request: its Content-Security-Policy forbids all of
them. Hover text comes from ``title`` attributes and navigation from anchors and ``:target``. For each document the
prose is rendered block by block with each finding highlighted in place (coloured by severity, numbered, linked to
its entry in a side list); document-level findings (a missing disclaimer, missing risk information, the reading grade)
stand in the document's header, with the readability figures when the run measured them. A summary of counts by rule
and severity across files comes first.

Every piece of document text, message, rule id and path is escaped with ``html.escape(..., quote=True)``. The output
is deterministic: the same report always renders to the same bytes (ids come from positions, never from time or
chance).
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from irlint import __version__
from irlint.model import SEVERITY_NAMES, DocumentStats, Finding, Severity
from irlint.report import Report

if TYPE_CHECKING:
    from irlint.documents import Block, Document

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)

_SEVERITY_TITLES = {"error": "Error", "warning": "Warning", "info": "Info"}
_SEVERITY_HINTS = {
    "error": "a problem to fix before publishing",
    "warning": "needs a reviewer's decision",
    "info": "worth a second look",
}
_FORMAT_NAMES = {"markdown": "Markdown", "html": "HTML", "text": "Plain text"}
# Characters that HTML cannot carry as text (C0 controls other than tab, newline and carriage return; noncharacters).
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SCOPE_CLASS = re.compile(r"[^a-z0-9-]")
_EXCERPT_CONTEXT = 60


def escape(text: str) -> str:
    """``text`` safe as HTML text or as a double- or single-quoted attribute value; control characters that HTML
    cannot carry are shown as ``\\xNN``."""
    visible = _NOT_HTML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    return html.escape(visible, quote=True)


def is_document_level(finding: Finding) -> bool:
    """True for a finding about the whole document (a missing disclaimer, the reading grade): it has no extent and
    stands at line 1, column 1."""
    return (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 1, 1, 1) and not finding.text


class Segment(NamedTuple):
    """A run ``[start, end)`` of a block's text and the indices of the spans that cover all of it (may be empty)."""

    start: int
    end: int
    covering: tuple[int, ...]


def segment(length: int, spans: Sequence[tuple[int, int]]) -> list[Segment]:
    """Cut ``[0, length)`` at every start and end of ``spans`` (half-open, clipped to the text), so that overlapping
    and nested spans become a flat run of segments, each with the indices of every span covering it.

    Empty spans cut the text but cover nothing. The segments are contiguous and together cover ``[0, length)``.
    """
    clipped = [(min(max(start, 0), length), min(max(end, 0), length)) for start, end in spans]
    cuts = sorted({0, length, *(edge for span in clipped for edge in span)})
    segments: list[Segment] = []
    for begin, finish in itertools.pairwise(cuts):
        covering = tuple(index for index, (start, end) in enumerate(clipped) if start <= begin and finish <= end)
        segments.append(Segment(begin, finish, covering))
    return segments


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a finding stands in a document's prose: block index and the half-open span of that block's text."""

    block: int
    start: int
    end: int


def source_offset(document: Document, line: int, column: int) -> int | None:
    """The 0-based code-point offset into the source of 1-based ``line``/``column``; None when out of range."""
    starts = document.line_starts
    if not 1 <= line <= len(starts) or column < 1:
        return None
    offset = starts[line - 1] + column - 1
    return offset if offset <= len(document.source) else None


def _is_sorted(values: Sequence[int]) -> bool:
    return all(first <= second for first, second in itertools.pairwise(values))


class BlockIndex:
    """Maps source spans of one document to block-text spans (build it once per document, then ``place``)."""

    def __init__(self, document: Document) -> None:
        self.blocks = document.blocks
        self.sorted = [_is_sorted(block.starts) and _is_sorted(block.ends) for block in document.blocks]
        self.bounds = [(min(block.starts), max(block.ends)) if block.text else (-1, -1) for block in document.blocks]

    def place(self, start: int, end: int) -> Placement | None:
        """The first block whose text covers the source span ``[start, end)``, and the span of its text; None when
        the span is outside every block."""
        for index, block in enumerate(self.blocks):
            low, high = self.bounds[index]
            if not block.text or not low <= start <= high:
                continue
            placed = self._within(index, block, start, end)
            if placed is not None:
                return placed
        return None

    def _within(self, index: int, block: Block, start: int, end: int) -> Placement | None:
        starts, ends = block.starts, block.ends
        if self.sorted[index]:
            first = bisect.bisect_left(starts, start)
            last = bisect.bisect_right(ends, end)
        else:
            first = next((i for i, value in enumerate(starts) if value >= start), len(starts))
            last = sum(1 for value in ends if value <= end)
        if start == end:
            if first < len(starts) and starts[first] == start:
                return Placement(index, first, first)
            return None
        if first < last and starts[first] < end:
            return Placement(index, first, last)
        return None


def place_finding(document: Document, finding: Finding, index: BlockIndex | None = None) -> Placement | None:
    """The block and block-text span a finding covers, or None when it lies outside the prose (front matter,
    markup, a suppression comment) or is document-level."""
    if is_document_level(finding):
        return None
    start = source_offset(document, finding.line, finding.column)
    end = source_offset(document, finding.end_line, finding.end_column)
    if start is None or end is None or end < start:
        return None
    return (index or BlockIndex(document)).place(start, end)


# -- page pieces ------------------------------------------------------------------------------------------------------


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun if count == 1 else noun + 's'}"


def _badge(severity: Severity) -> str:
    label = severity.label
    return f'<span class="badge sev-{label}">{_SEVERITY_TITLES[label]}</span>'


def _finding_title(finding: Finding) -> str:
    return f"{_SEVERITY_TITLES[finding.severity.label]} · {finding.rule}: {finding.message}"


def _suggestions(finding: Finding, document_level: bool) -> str:
    if not finding.suggestions:
        return ""
    items: list[str] = []
    for suggestion in finding.suggestions:
        if document_level:
            items.append(f'<li>Add: <q class="add">{escape(suggestion)}</q></li>')
        elif suggestion:
            items.append(f'<li>Replace with <q class="replace">{escape(suggestion)}</q></li>')
        else:
            items.append(f'<li>Delete <q class="delete">{escape(finding.text)}</q></li>')
    return f'<ul class="suggestions">{"".join(items)}</ul>'


def _location(finding: Finding) -> str:
    where = f"line {finding.line}, column {finding.column}"
    return f'<span class="loc" title="{escape(where)}">{finding.line}:{finding.column}</span>'


def _excerpt(line_text: str, finding: Finding) -> str:
    """One source line with the finding's columns marked, cut to a window around them when long."""
    start = min(max(finding.column - 1, 0), len(line_text))
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line_text)
    end = min(max(end, start), len(line_text))
    left = max(0, start - _EXCERPT_CONTEXT)
    right = min(len(line_text), end + _EXCERPT_CONTEXT)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line_text) else ""
    sev = finding.severity.label
    return (
        f'<code class="excerpt">{prefix}{escape(line_text[left:start])}'
        f'<mark class="src-hl sev-{sev}">{escape(line_text[start:end])}</mark>'
        f"{escape(line_text[end:right])}{suffix}</code>"
    )


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    counter = Counter(finding.severity.label for finding in findings)
    return {name: counter.get(name, 0) for name in SEVERITY_NAMES}


def _count_badges(counts: dict[str, int]) -> str:
    parts = [
        f'<span class="count sev-{name}"><b>{counts[name]}</b> {_severity_word(counts[name], name)}</span>'
        for name in SEVERITY_NAMES
    ]
    return f'<span class="counts">{"".join(parts)}</span>'


def _severity_word(count: int, name: str) -> str:
    """``error``/``errors``, ``warning``/``warnings``, ``info``."""
    return name if count == 1 or name == "info" else name + "s"


def _grade(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


# -- one document -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Numbered:
    number: int  # 1-based, within the document; names the anchors
    finding: Finding
    placement: Placement | None


class _DocumentView:
    """The findings of one file, sorted into document-level, in-prose and outside-prose ones."""

    def __init__(self, index: int, path: str, findings: list[Finding], document: Document | None) -> None:
        self.index = index
        self.path = path
        self.document = document
        self.findings = findings
        self.document_level = [finding for finding in findings if is_document_level(finding)]
        blocks = BlockIndex(document) if document is not None else None
        self.listed: list[_Numbered] = []
        for finding in findings:
            if is_document_level(finding):
                continue
            placement = place_finding(document, finding, blocks) if document is not None else None
            self.listed.append(_Numbered(len(self.listed) + 1, finding, placement))

    @property
    def section_id(self) -> str:
        return f"doc-{self.index}"

    def anchor_id(self, number: int) -> str:
        return f"d{self.index}-f{number}"

    def item_id(self, number: int) -> str:
        return f"d{self.index}-n{number}"


def _render_block(view: _DocumentView, block: Block, placed: list[_Numbered]) -> str:
    document = view.document
    assert document is not None
    chars = list(block.text)
    for begin, finish in block.masked:  # URLs and e-mail addresses are blanked for the rules; show them again
        for position in range(begin, min(finish, len(chars))):
            source = document.source[block.starts[position] : block.ends[position]]
            if len(source) == 1:
                chars[position] = source
    text = "".join(chars)
    spans = [(item.placement.start, item.placement.end) for item in placed if item.placement is not None]
    starting: dict[int, list[_Numbered]] = {}
    ending: dict[int, list[_Numbered]] = {}
    for item in placed:
        assert item.placement is not None
        starting.setdefault(item.placement.start, []).append(item)
        ending.setdefault(item.placement.end, []).append(item)
    out: list[str] = []

    def boundary(position: int) -> None:
        for item in ending.get(position, []):
            if item.placement is not None and item.placement.start == item.placement.end:
                continue
            out.append(_reference(view, item))
        for item in starting.get(position, []):
            out.append(f'<span class="anchor" id="{view.anchor_id(item.number)}"></span>')
            if item.placement is not None and item.placement.start == item.placement.end:
                sev = item.finding.severity.label
                out.append(
                    f'<mark class="hl point sev-{sev}" data-f="{item.number}" '
                    f'title="{escape(_finding_title(item.finding))}"></mark>'
                )
                out.append(_reference(view, item))

    for piece in segment(len(text), spans):
        boundary(piece.start)
        chunk = escape(text[piece.start : piece.end])
        if not piece.covering:
            out.append(chunk)
            continue
        covering = [placed[index] for index in piece.covering]
        worst = max(item.finding.severity for item in covering)
        classes = f"hl sev-{worst.label}" + (" multi" if len(covering) > 1 else "")
        numbers = " ".join(str(item.number) for item in covering)
        title = "\n".join(_finding_title(item.finding) for item in covering)
        out.append(f'<mark class="{classes}" data-f="{numbers}" title="{escape(title)}">{chunk}</mark>')
    boundary(len(text))
    line = document.position(block.starts[0])[0] if block.starts else 1
    scope = _SCOPE_CLASS.sub("-", block.scope.lower())
    return f'<p class="b b-{scope}" data-line="{line}" title="line {line}">{"".join(out)}</p>'


def _reference(view: _DocumentView, item: _Numbered) -> str:
    sev = item.finding.severity.label
    return (
        f'<a class="ref sev-{sev}" href="#{view.item_id(item.number)}" '
        f'title="{escape(_finding_title(item.finding))}">{item.number}</a>'
    )


def _render_prose(view: _DocumentView) -> str:
    document = view.document
    assert document is not None
    by_block: dict[int, list[_Numbered]] = {}
    for item in view.listed:
        if item.placement is not None:
            by_block.setdefault(item.placement.block, []).append(item)
    if not document.blocks:
        return '<p class="empty">This document has no prose to show.</p>'
    blocks = [_render_block(view, block, by_block.get(index, [])) for index, block in enumerate(document.blocks)]
    return "\n".join(blocks)


def _render_fallback(view: _DocumentView, report: Report) -> str:
    """Without the parsed document: each finding with the source line it is on, when the report kept it."""
    if not view.listed:
        return '<p class="empty">The text of this document is not part of the report.</p>'
    items: list[str] = [
        '<p class="note">The text of this document is not part of the report: the findings are shown with their '
        "source lines.</p>",
        '<ol class="fallback">',
    ]
    for item in view.listed:
        finding = item.finding
        line_text = report.source_line(finding.path, finding.line)
        excerpt = _excerpt(line_text, finding) if line_text is not None else ""
        items.append(
            f'<li><span class="anchor" id="{view.anchor_id(item.number)}"></span>{_reference(view, item)} '
            f'<span class="gutter">line {finding.line}</span> {excerpt}</li>'
        )
    items.append("</ol>")
    return "\n".join(items)


def _render_side_item(view: _DocumentView, item: _Numbered) -> str:
    finding = item.finding
    sev = finding.severity.label
    where = ""
    if item.placement is None and view.document is not None:
        line_text = view.document.line_text(finding.line) if finding.line <= len(view.document.line_starts) else ""
        where = (
            '<p class="outside">Not in the rendered prose (markup, front matter or a comment): '
            f"{_excerpt(line_text, finding)}</p>"
        )
    jump = f'<a class="num sev-{sev}" href="#{view.anchor_id(item.number)}" title="Show in the text">{item.number}</a>'
    return (
        f'<li class="item sev-{sev}" id="{view.item_id(item.number)}">'
        f'<div class="item-head">{jump}{_badge(finding.severity)}<code class="rule">{escape(finding.rule)}</code>'
        f"{_location(finding)}</div>"
        f'<p class="msg">{escape(finding.message)}</p>{_suggestions(finding, False)}{where}</li>'
    )


def _render_document_level(view: _DocumentView, stats: DocumentStats | None) -> str:
    parts: list[str] = []
    if stats is not None:
        figures = [
            f"<div><dt>Words</dt><dd>{stats.words}</dd></div>",
            f"<div><dt>Sentences</dt><dd>{stats.sentences}</dd></div>",
            "<div><dt>Reading grade <small>(Flesch–Kincaid)</small></dt>"
            f'<dd class="grade">{_grade(stats.flesch_kincaid_grade)}</dd></div>',
            f'<div><dt>SMOG index</dt><dd class="grade">{_grade(stats.smog_index)}</dd></div>',
        ]
        parts.append(f'<dl class="stats">{"".join(figures)}</dl>')
    if view.document_level:
        items = [
            f'<li class="callout sev-{finding.severity.label}">'
            f'<div class="item-head">{_badge(finding.severity)}<code class="rule">{escape(finding.rule)}</code></div>'
            f'<p class="msg">{escape(finding.message)}</p>{_suggestions(finding, True)}</li>'
            for finding in view.document_level
        ]
        parts.append(
            f'<h3>About the whole document ({len(view.document_level)})</h3><ul class="doc-level">{"".join(items)}</ul>'
        )
    return "".join(parts)


def _render_document(view: _DocumentView, report: Report) -> str:
    document = view.document
    meta: list[str] = []
    if document is not None:
        meta.append(_FORMAT_NAMES.get(document.format, document.format.capitalize()))
        meta.append(_plural(len(document.blocks), "block"))
    meta.append(_plural(len(view.findings), "finding"))
    header = (
        f'<header class="doc-header"><h2><span class="doc-label">File</span> '
        f'<span class="path">{escape(view.path)}</span></h2>'
        f'<p class="doc-meta">{escape(" · ".join(meta))} {_count_badges(_counts(view.findings))}</p>'
        f"{_render_document_level(view, report.stats.get(view.path))}</header>"
    )
    body = _render_prose(view) if document is not None else _render_fallback(view, report)
    if view.listed:
        side_items = "\n".join(_render_side_item(view, item) for item in view.listed)
        side = (
            f'<aside class="side" aria-label="Findings in the text"><h3>In the text ({len(view.listed)})</h3>'
            f'<ol class="items">\n{side_items}\n</ol></aside>'
        )
    else:
        side = '<aside class="side"><h3>In the text</h3><p class="empty">No findings in the text.</p></aside>'
    return (
        f'<section class="document" id="{view.section_id}">\n{header}\n<div class="doc-body">'
        f'<article class="prose">\n{body}\n</article>\n{side}</div>\n</section>'
    )


# -- the summary ------------------------------------------------------------------------------------------------------


def _render_summary(report: Report, views: list[_DocumentView]) -> str:
    counts = report.counts()
    total = len(report.findings)
    cards = "".join(
        f'<div class="card sev-{name}"><span class="card-num">{counts[name]}</span>'
        f'<span class="card-label">{_severity_word(counts[name], name).capitalize()}</span></div>'
        for name in SEVERITY_NAMES
    )
    files_line = f"{_plural(report.files_checked, 'file')} checked, {_plural(total, 'finding')}"
    if report.file_errors:
        files_line += f", {_plural(len(report.file_errors), 'file')} could not be checked"
    parts = [f'<section class="summary" id="summary"><h2>Summary</h2><p class="lead">{escape(files_line)}.</p>']
    parts.append(f'<div class="cards">{cards}</div>')
    for message in report.fatal:
        parts.append(f'<p class="fatal"><strong>Run failed:</strong> {escape(message)}</p>')
    if views:
        rows = []
        for view in views:
            file_counts = _counts(view.findings)
            stats = report.stats.get(view.path)
            grade = _grade(stats.flesch_kincaid_grade) if stats is not None else "–"
            cells = "".join(f'<td class="n sev-{name}">{_cell(file_counts[name])}</td>' for name in SEVERITY_NAMES)
            rows.append(
                f'<tr><th scope="row"><a href="#{view.section_id}">{escape(view.path)}</a></th>{cells}'
                f'<td class="n">{len(view.findings)}</td><td class="n">{grade}</td></tr>'
            )
        parts.append(
            '<h3>By file</h3><table class="grid files"><thead><tr><th scope="col">File</th>'
            + _severity_headers()
            + '<th scope="col" class="n">Total</th><th scope="col" class="n">Reading grade</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    if report.findings:
        by_rule: dict[str, Counter[str]] = {}
        for finding in report.findings:
            by_rule.setdefault(finding.rule, Counter())[finding.severity.label] += 1
        rows = []
        for rule in sorted(by_rule):
            counter = by_rule[rule]
            cells = "".join(f'<td class="n sev-{name}">{_cell(counter.get(name, 0))}</td>' for name in SEVERITY_NAMES)
            rows.append(
                f'<tr><th scope="row"><code class="rule">{escape(rule)}</code></th>{cells}'
                f'<td class="n">{sum(counter.values())}</td></tr>'
            )
        totals = "".join(f'<td class="n">{counts[name]}</td>' for name in SEVERITY_NAMES)
        parts.append(
            '<h3>By rule</h3><table class="grid rules"><thead><tr><th scope="col">Rule</th>'
            + _severity_headers()
            + '<th scope="col" class="n">Total</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody>"
            f'<tfoot><tr><th scope="row">All rules</th>{totals}<td class="n">{total}</td></tr></tfoot></table>'
        )
    if report.file_errors:
        items = "".join(
            f'<li><span class="path">{escape(error.location)}</span>: {escape(error.message)}</li>'
            for error in report.file_errors
        )
        parts.append(f'<h3>Files that could not be checked</h3><ul class="file-errors">{items}</ul>')
    if report.notices:
        items = "".join(f"<li>{escape(notice)}</li>" for notice in report.notices)
        parts.append(f'<h3>Notices</h3><ul class="notices">{items}</ul>')
    parts.append("</section>")
    return "".join(parts)


def _severity_headers() -> str:
    return "".join(
        f'<th scope="col" class="n"><span class="badge sev-{name}">{_SEVERITY_TITLES[name]}</span></th>'
        for name in SEVERITY_NAMES
    )


def _cell(count: int) -> str:
    return str(count) if count else '<span class="zero">·</span>'


def _legend() -> str:
    items = "".join(
        f'<li><mark class="hl sev-{name}">{_SEVERITY_TITLES[name]}</mark> {_SEVERITY_HINTS[name]}</li>'
        for name in SEVERITY_NAMES
    )
    return (
        f'<ul class="legend" aria-label="Colours">{items}'
        '<li><mark class="hl sev-warning multi">Double underline</mark> several findings overlap</li></ul>'
    )


def _title(report: Report, paths: list[str]) -> str:
    if len(paths) == 1:
        return f"irlint report: {paths[0]}"
    return f"irlint report: {_plural(len(paths), 'file')}"


def format_html(report: Report) -> str:
    """One self-contained HTML page for ``report``: a summary of counts by rule and severity, then each document's
    prose with its findings highlighted in place, a side list of them, and its document-level findings in its header.

    Documents come from ``report.documents``; a file with findings but no parsed document is shown as a list of its
    findings with their source lines (``report.source_line``). No scripts, no external assets, no network; the same
    report always gives the same bytes.
    """
    by_path: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    paths = sorted(set(by_path) | set(report.documents))
    views = [
        _DocumentView(index, path, by_path.get(path, []), report.documents.get(path))
        for index, path in enumerate(paths, start=1)
    ]
    documents = "\n".join(_render_document(view, report) for view in views)
    if not views:
        documents = '<p class="empty">No documents to show.</p>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(CONTENT_SECURITY_POLICY)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="irlint {escape(__version__)}">\n'
        f"<title>{escape(_title(report, paths))}</title>\n"
        '<link rel="icon" href="data:,">\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        '<header class="page-header"><div class="wrap">'
        f'<h1>irlint report</h1><p class="version">irlint {escape(__version__)}</p>'
        f"{_legend()}"
        '<p class="caveat">irlint flags copy for human review. It does not certify compliance, and it cannot judge '
        "whether a cited study supports a claim.</p></div></header>\n"
        f'<main class="wrap">\n{_render_summary(report, views)}\n{documents}\n</main>\n'
        f'<footer class="wrap">Generated by irlint {escape(__version__)}.</footer>\n'
        "</body>\n</html>\n"
    )


_CSS = """
:root {
  --ink: #1d2433; --muted: #5b6475; --line: #d9dde5; --paper: #ffffff; --canvas: #f4f5f8;
  --error: #b42318; --error-bg: #fde3e1; --error-line: #e0493d;
  --warning: #8a4b00; --warning-bg: #fff0c2; --warning-line: #e5a000;
  --info: #1a5bb5; --info-bg: #dcebff; --info-line: #4b8fe0;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: var(--canvas); color: var(--ink); line-height: 1.55;
  font: 16px/1.55 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
.wrap { max-width: 78rem; margin: 0 auto; padding: 0 1.5rem; }
h1, h2, h3 { line-height: 1.25; margin: 0; }
code, .loc { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: 0.86em; }
a { color: inherit; }
.page-header { background: #1f2a44; color: #fff; padding: 1.25rem 0 1rem; }
.page-header h1 { font-size: 1.6rem; display: inline-block; margin-right: 0.75rem; }
.page-header .version { display: inline-block; margin: 0; color: #c5cbe0; font-size: 0.9rem; }
.page-header .caveat { margin: 0.6rem 0 0; color: #c5cbe0; font-size: 0.85rem; }
.legend { list-style: none; padding: 0; margin: 0.75rem 0 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.25rem;
  font-size: 0.9rem; }
.legend .hl { color: var(--ink); }
main { padding-top: 1.25rem; padding-bottom: 2rem; }
footer { color: var(--muted); font-size: 0.85rem; padding-bottom: 2rem; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem 1.5rem;
  margin-bottom: 1.5rem; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.05); }
section h2 { font-size: 1.3rem; margin-bottom: 0.5rem; }
section h3 { font-size: 1rem; margin: 1.1rem 0 0.5rem; color: #344054; }
.lead { margin: 0 0 0.75rem; color: var(--muted); }
.cards { display: flex; gap: 0.75rem; flex-wrap: wrap; }
.card { border-radius: 8px; padding: 0.5rem 1rem; min-width: 8rem; border-left: 5px solid; }
.card-num { display: block; font-size: 1.7rem; font-weight: 700; line-height: 1.1; }
.card-label { font-size: 0.9rem; }
.card.sev-error { background: var(--error-bg); border-color: var(--error-line); color: var(--error); }
.card.sev-warning { background: var(--warning-bg); border-color: var(--warning-line); color: var(--warning); }
.card.sev-info { background: var(--info-bg); border-color: var(--info-line); color: var(--info); }
table.grid { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
table.grid th, table.grid td { border-bottom: 1px solid var(--line); padding: 0.35rem 0.6rem; text-align: left;
  vertical-align: top; }
table.grid thead th { background: #f8f9fb; font-weight: 600; }
table.grid tfoot th, table.grid tfoot td { font-weight: 700; border-top: 2px solid var(--line); border-bottom: 0; }
table.grid th[scope=row] { font-weight: 500; word-break: break-all; }
.n { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; width: 1%; }
.zero { color: #b0b6c3; }
.fatal { background: var(--error-bg); color: var(--error); padding: 0.5rem 0.75rem; border-radius: 6px; }
.badge { display: inline-block; font-size: 0.72rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em;
  padding: 0.05rem 0.45rem; border-radius: 999px; color: #fff; vertical-align: 0.1em; }
.badge.sev-error { background: var(--error); }
.badge.sev-warning { background: #b26a00; }
.badge.sev-info { background: var(--info); }
.counts { display: inline-flex; gap: 0.5rem; margin-left: 0.35rem; }
.count { font-size: 0.85rem; padding: 0 0.45rem; border-radius: 6px; }
.count.sev-error { background: var(--error-bg); color: var(--error); }
.count.sev-warning { background: var(--warning-bg); color: var(--warning); }
.count.sev-info { background: var(--info-bg); color: var(--info); }
.doc-header { border-bottom: 1px solid var(--line); padding-bottom: 0.75rem; margin-bottom: 1rem; }
.doc-label { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted);
  vertical-align: 0.2em; }
.path { word-break: break-all; }
.doc-meta { margin: 0.25rem 0 0; color: var(--muted); font-size: 0.9rem; }
.stats { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 0.75rem 0 0; }
.stats dt { font-size: 0.78rem; color: var(--muted); }
.stats dd { margin: 0; font-size: 1.15rem; font-weight: 600; }
.doc-level { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.6rem;
  grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); }
.callout { border: 1px solid var(--line); border-left: 5px solid; border-radius: 8px; padding: 0.6rem 0.8rem; }
.callout.sev-error { border-left-color: var(--error-line); background: #fff8f7; }
.callout.sev-warning { border-left-color: var(--warning-line); background: #fffbef; }
.callout.sev-info { border-left-color: var(--info-line); background: #f6faff; }
.item-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; }
.rule { color: #344054; }
.msg { margin: 0.3rem 0 0; white-space: pre-line; }
.suggestions { margin: 0.3rem 0 0; padding-left: 1.1rem; font-size: 0.9rem; color: #27603a; }
.suggestions q { font-style: italic; }
.doc-body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(18rem, 26rem); gap: 1.5rem; }
.prose { font-family: Georgia, "Times New Roman", "Liberation Serif", serif; font-size: 1.05rem; line-height: 1.75;
  padding-left: 3rem; }
.b { position: relative; margin: 0 0 0.9rem; }
.b::before { content: attr(data-line); position: absolute; left: -3rem; width: 2.4rem; text-align: right;
  font: 0.72rem/2.4 "Liberation Mono", monospace; color: #a3a9b6; }
.b-heading { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-weight: 700; font-size: 1.2rem;
  margin-top: 1.4rem; }
.b-list-item { padding-left: 1.2rem; }
.b-list-item::after { content: "•"; position: absolute; left: 0.2rem; top: 0; }
.b-blockquote { border-left: 3px solid var(--line); padding-left: 0.9rem; font-style: italic; }
.b-table-cell { border: 1px solid var(--line); padding: 0.2rem 0.5rem; display: inline-block; margin-right: 0.3rem; }
.b:has(.anchor:target) { background: #f3f0ff; box-shadow: -0.5rem 0 0 #f3f0ff, 0.5rem 0 0 #f3f0ff; }
.anchor { scroll-margin-top: 30vh; }
.anchor:target::before { content: "▶"; color: #5b3fd1; font-size: 0.8em; }
mark.hl { color: inherit; border-radius: 2px; padding: 0 1px; border-bottom: 2px solid; }
mark.hl.sev-error { background: var(--error-bg); border-color: var(--error-line); }
mark.hl.sev-warning { background: var(--warning-bg); border-color: var(--warning-line); }
mark.hl.sev-info { background: var(--info-bg); border-color: var(--info-line); }
mark.hl.multi { border-bottom: 4px double; }
mark.hl.point { padding: 0 2px; }
mark.hl.point::before { content: "‸"; }
mark.hl:hover { filter: brightness(0.93); cursor: help; }
a.ref { font: 700 0.62rem/1 "Segoe UI", Arial, sans-serif; vertical-align: super; text-decoration: none;
  padding: 0.1rem 0.3rem; border-radius: 999px; color: #fff; margin: 0 1px; }
a.ref.sev-error { background: var(--error); }
a.ref.sev-warning { background: #b26a00; }
a.ref.sev-info { background: var(--info); }
.side { position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem); overflow: auto; }
.side h3 { margin-top: 0; }
.items { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
.item { border: 1px solid var(--line); border-left: 4px solid; border-radius: 6px; padding: 0.45rem 0.6rem;
  font-size: 0.9rem; scroll-margin-top: 1rem; }
.item.sev-error { border-left-color: var(--error-line); }
.item.sev-warning { border-left-color: var(--warning-line); }
.item.sev-info { border-left-color: var(--info-line); }
.item:target { outline: 3px solid #7a5af8; background: #f7f5ff; }
a.num { font-weight: 700; text-decoration: none; min-width: 1.6rem; text-align: center; border-radius: 999px;
  border: 1px solid var(--line); font-size: 0.8rem; }
a.num:hover { background: #eef0f5; }
.loc { color: var(--muted); margin-left: auto; }
.outside { font-size: 0.85rem; color: var(--muted); margin: 0.3rem 0 0; }
.excerpt { display: block; white-space: pre-wrap; word-break: break-word; background: #f8f9fb; padding: 0.2rem 0.4rem;
  border-radius: 4px; margin-top: 0.2rem; color: var(--ink); }
mark.src-hl { color: inherit; border-bottom: 2px solid; }
mark.src-hl.sev-error { background: var(--error-bg); border-color: var(--error-line); }
mark.src-hl.sev-warning { background: var(--warning-bg); border-color: var(--warning-line); }
mark.src-hl.sev-info { background: var(--info-bg); border-color: var(--info-line); }
.fallback { list-style: none; padding: 0; font-family: "Liberation Mono", monospace; font-size: 0.85rem; }
.fallback li { margin-bottom: 0.5rem; }
.gutter { color: var(--muted); }
.note, .empty { color: var(--muted); font-style: italic; }
@media (max-width: 60rem) {
  .doc-body { grid-template-columns: 1fr; }
  .side { position: static; max-height: none; }
}
@media print {
  body { background: #fff; font-size: 10.5pt; }
  .page-header { background: #fff; color: var(--ink); border-bottom: 2px solid var(--ink); }
  .page-header .version, .page-header .caveat { color: var(--muted); }
  section { box-shadow: none; border: 0; padding: 0; }
  section.document { break-before: page; }
  .doc-body { grid-template-columns: 1fr; }
  .side { position: static; max-height: none; overflow: visible; }
  .item, .callout, tr { break-inside: avoid; }
  a { text-decoration: none; }
}
"""
