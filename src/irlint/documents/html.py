"""HTML to prose blocks.

Two parsers work together. The HTML5 parser (lexbor, through selectolax) decides what a browser would show: the
visible text nodes of the body and the block each belongs to, after implied tags, foster parenting and error recovery.
The standard-library tokenizer, run with ``convert_charrefs=False``, knows where every piece of text and every entity
stands in the source. Each visible text node is then found among the tokenizer's text runs, moving forward only, so
that its characters map to exact source offsets.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from selectolax.lexbor import LexborHTMLParser, LexborNode

from irlint.documents.model import Block, BlockBuilder, Directive, line_starts, parse_directive

# Elements whose content is not copy: invisible, code, or site navigation chrome.
_HIDDEN = frozenset(
    """
    head title script style template noscript textarea select option svg math iframe object canvas
    code pre kbd samp var nav
    """.split()
)
# Elements that start a new block of prose; everything else (a, em, span...) flows inside its block.
_BLOCKS = frozenset(
    """
    address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hgroup li main nav ol p section summary table tbody td tfoot th
    thead tr ul label legend button
    """.split()
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_SCOPES = {"li": "list-item", "td": "table-cell", "th": "table-cell", "blockquote": "blockquote"}
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass(slots=True)
class _Run:
    """Text between two tags as the tokenizer saw it: decoded characters and the source span of each."""

    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars)


class _Tokenizer(HTMLParser):
    """Collects the text runs of a document with their source offsets."""

    def __init__(self, source: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self._source = source
        self._base = base
        self._line_starts = line_starts(source)
        self.runs: list[_Run] = []
        self.directives: list[Directive] = []
        self._open: _Run | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _run(self) -> _Run:
        if self._open is None:
            self._open = _Run()
            self.runs.append(self._open)
        return self._open

    def _close(self) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        start = self._offset()
        run = self._run()
        for index, raw in enumerate(data):
            char = raw
            if raw == "\r":
                # The HTML5 parser turns CR LF and lone CR into LF.
                if self._source[start + index + 1 : start + index + 2] == "\n":
                    continue
                char = "\n"
            run.chars.append(char)
            run.starts.append(self._base + start + index)
            run.ends.append(self._base + start + index + 1)

    def _reference(self, prefix: str, name: str) -> None:
        start = self._offset()
        raw = prefix + name
        if self._source.startswith(raw + ";", start):
            raw += ";"
        run = self._run()
        for char in html.unescape(raw):
            run.chars.append(char)
            run.starts.append(self._base + start)
            run.ends.append(self._base + start + len(raw))

    def handle_entityref(self, name: str) -> None:
        self._reference("&", name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#", name)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close()

    def handle_endtag(self, tag: str) -> None:
        self._close()

    def handle_comment(self, data: str) -> None:
        self._close()
        start = self._offset()
        end = start + 4 + len(data) + 3
        # A directive is a complete ``<!-- ... -->``, never a bogus comment such as ``<!x>``.
        if self._source.startswith("<!--", start) and self._source.startswith("-->", end - 3):
            directive = parse_directive(data, self._base + start + 4, self._base + start, self._base + end)
            if directive is not None:
                self.directives.append(directive)

    def handle_decl(self, decl: str) -> None:
        self._close()

    def handle_pi(self, data: str) -> None:
        self._close()

    def unknown_decl(self, data: str) -> None:
        self._close()

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """``<![...]>`` other than CDATA: the standard library gives up, HTML5 reads a bogus comment up to ``>``."""
        try:
            return int(super().parse_marked_section(i, report))
        except AssertionError:
            self._close()
            end = self.rawdata.find(">", i + 3)
            return len(self.rawdata) if end == -1 else end + 1


@dataclass(frozen=True, slots=True)
class _Visible:
    """A visible text node: its text, the block element it belongs to, and the link around it, if any."""

    text: str
    block: int
    scope: str
    href: str | None


def _visible_text(source: str) -> list[_Visible]:
    tree = LexborHTMLParser(source)
    root = tree.body
    if root is None:
        return []
    found: list[_Visible] = []
    for node in root.traverse(include_text=True):
        if node.tag != "-text":
            continue
        text = node.text_content or ""
        context = _context(node)
        if context is not None:
            found.append(_Visible(text, *context))
    return found


def _context(node: LexborNode) -> tuple[int, str, str | None] | None:
    """(block id, scope, link target) for a text node, or None when it is not visible prose."""
    block: LexborNode | None = None
    href: str | None = None
    parent = node.parent
    while parent is not None and parent.tag not in ("-document", "html"):
        tag = parent.tag or ""
        attributes = parent.attributes
        if tag in _HIDDEN or "hidden" in attributes or attributes.get("aria-hidden") == "true":
            return None
        if _DISPLAY_NONE.search(attributes.get("style") or ""):
            return None
        if tag == "a" and href is None:
            href = attributes.get("href") or ""
        if block is None and tag in _BLOCKS:
            block = parent
        parent = parent.parent
    if block is None:
        return None
    tag = block.tag or ""
    scope = "heading" if tag in _HEADINGS else _SCOPES.get(tag, "paragraph")
    return (block.mem_id, scope, href)


def _locate(text: str, runs: list[_Run], cursor: tuple[int, int]) -> tuple[int, int] | None:
    """(run index, offset in run) where ``text`` stands, searching forward from ``cursor`` first.

    Foster-parented table text comes out of the tree before the text that precedes it in the source, hence the
    second pass from the beginning.
    """
    run_index, offset = cursor
    order = [(index, offset if index == run_index else 0) for index in range(run_index, len(runs))]
    order += [(index, 0) for index in range(0, min(run_index + 1, len(runs)))]
    for index, start in order:
        at = runs[index].text.find(text, start)
        if at != -1:
            return index, at
    return None


def html_blocks(source: str, base: int = 0, directives: list[Directive] | None = None) -> list[Block]:
    """Split HTML ``source`` into prose blocks; ``base`` is added to every source offset (HTML inside Markdown).

    Suppression comments (``<!-- irlint-disable ... -->``) found on the way are appended to ``directives``."""
    tokenizer = _Tokenizer(source, base)
    tokenizer.feed(source)
    tokenizer.close()
    if directives is not None:
        directives.extend(tokenizer.directives)
    runs = tokenizer.runs
    blocks: list[Block] = []
    builder: BlockBuilder | None = None
    current_block = -1
    cursor = (0, 0)
    for visible in _visible_text(source):
        if visible.block != current_block:
            if builder is not None and (block := builder.build()) is not None:
                blocks.append(block)
            builder, current_block = BlockBuilder(visible.scope), visible.block
        assert builder is not None
        if not visible.text.strip():
            builder.separate(builder.last_end)
            continue
        located = _locate(visible.text, runs, cursor)
        if located is None:
            continue  # text the HTML5 parser put together from several runs: not mappable, so not linted
        index, at = located
        run = runs[index]
        link_start = len(builder)
        for offset in range(at, at + len(visible.text)):
            builder.add_char(run.chars[offset], run.starts[offset], run.ends[offset])
        if visible.href is not None:
            builder.add_link(link_start, visible.href)
        cursor = (index, at + len(visible.text))
    if builder is not None and (block := builder.build()) is not None:
        blocks.append(block)
    return blocks
