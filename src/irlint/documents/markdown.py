"""Markdown to prose blocks, through markdown-it-py, with every character mapped back to the source."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from irlint.documents.html import html_blocks
from irlint.documents.model import Block, BlockBuilder, Directive, parse_directive
from irlint.errors import InputError

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Token types whose content is never prose.
_SKIPPED_BLOCKS = {"fence", "code_block", "hr"}
# Container tokens that give their inline content a scope.
_SCOPES = {
    "heading_open": "heading",
    "list_item_open": "list-item",
    "blockquote_open": "blockquote",
    "th_open": "table-cell",
    "td_open": "table-cell",
}


@functools.cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark").use(front_matter_plugin).enable("table")
    # Keep entities and escapes as separate tokens: their markup is what stands in the source.
    parser.disable("text_join")
    return parser


def parse_markdown(
    source: str, path: str, directives: list[Directive] | None = None
) -> tuple[list[Block], dict[str, Any]]:
    """Split Markdown ``source`` into prose blocks and return them with the parsed YAML front matter.

    Suppression comments and the front-matter ``irlint: {ignore: [...]}`` are appended to ``directives``."""
    starts = _markdown_line_starts(source)
    blocks: list[Block] = []
    front_matter: dict[str, Any] = {}
    scopes: list[str] = []
    collected: list[Directive] = [] if directives is None else directives
    for token in _parser().parse(source):
        if token.type == "front_matter":
            front_matter = _front_matter(token.content, path)
            if "irlint" in front_matter and token.map:
                region = (starts[token.map[0]], _line_end(starts, source, token.map[1]))
                collected.extend(_front_matter_directive(front_matter["irlint"], source, region, starts, path))
        elif token.type in _SCOPES:
            scopes.append(_SCOPES[token.type])
        elif token.type.replace("_close", "_open") in _SCOPES and token.type.endswith("_close"):
            scopes.pop()
        elif token.type == "html_block" and token.map:
            offset = starts[token.map[0]]
            blocks.extend(html_blocks(source[offset : _line_end(starts, source, token.map[1])], offset, collected))
        elif token.type == "inline" and token.map:
            region = (starts[token.map[0]], _line_end(starts, source, token.map[1]))
            scope = scopes[-1] if scopes else "paragraph"
            block = _inline_block(token.children or [], source, region, scope, collected)
            if block is not None:
                blocks.append(block)
    return blocks, front_matter


def _markdown_line_starts(source: str) -> list[int]:
    """Offsets of the lines as markdown-it counts them: it breaks lines at CR LF, LF and a lone CR."""
    return [0, *(match.end() for match in _LINE_BREAK.finditer(source))]


def _line_end(starts: Sequence[int], source: str, line: int) -> int:
    return starts[line] if line < len(starts) else len(source)


def _front_matter(content: str, path: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(content) if content.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        position = getattr(error, "position", None)  # a ReaderError (forbidden character) has no mark
        if mark is not None:
            line = mark.line + 2  # +1 for 1-based, +1 for the opening ---
        elif isinstance(position, int):
            line = content.count("\n", 0, position) + 2
        else:
            line = 2
        problem = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error)
        raise InputError(f"invalid YAML front matter: {' '.join(str(problem).split())}", path, line) from None
    if not isinstance(data, dict):
        raise InputError("YAML front matter must be a mapping of keys to values", path, 2)
    return data


_FRONT_MATTER_KEY = re.compile(r"^irlint[ \t]*:", re.MULTILINE)


def _front_matter_directive(
    value: Any, source: str, region: tuple[int, int], starts: Sequence[int], path: str
) -> list[Directive]:
    """The front-matter ``irlint: {ignore: [ids]}`` as a file-wide directive, each id at its source offset."""
    key = _FRONT_MATTER_KEY.search(source, *region)
    at = key.start() if key else region[0]
    ignore = value.get("ignore", []) if isinstance(value, dict) else None
    if isinstance(ignore, str):
        ignore = [ignore]
    if (
        not isinstance(value, dict)
        or set(value) - {"ignore"}
        or not isinstance(ignore, list)
        or not all(isinstance(item, str) for item in ignore)
    ):
        line = bisect.bisect_right(starts, at)
        raise InputError("front matter 'irlint' must be {ignore: [rule ids or prefixes]}", path, line)
    if not ignore:
        return []
    offsets = []
    for rule in ignore:
        found = re.compile(rf"(?<![\w.-]){re.escape(rule)}(?![\w.-])").search(source, at, region[1])
        offsets.append(found.start() if found else at)
    return [Directive("ignore", tuple(ignore), at, at + len("irlint"), tuple(offsets))]


class _Cursor:
    """A position in the source that only moves forward while an inline token's pieces are located."""

    def __init__(self, source: str, start: int, end: int) -> None:
        self.source, self.offset, self.end = source, start, end

    def find_break(self) -> tuple[int, int] | None:
        """Source span of the next line break (CR LF, LF or a lone CR); the cursor moves past it."""
        match = _LINE_BREAK.search(self.source, self.offset, self.end)
        if match is None:
            return None
        self.offset = match.end()
        return match.span()

    def find(self, text: str) -> int:
        """Offset of the next occurrence of ``text``, or -1; the cursor moves past a found occurrence."""
        if not text:
            return self.offset
        found = self.source.find(text, self.offset, self.end)
        if found != -1:
            self.offset = found + len(text)
        return found


def _inline_block(
    children: list[Token], source: str, region: tuple[int, int], scope: str, directives: list[Directive]
) -> Block | None:
    builder = BlockBuilder(scope)
    cursor = _Cursor(source, *region)
    links: list[tuple[int, str]] = []
    in_autolink = False
    for child in children:
        kind = child.type
        if kind == "text":
            found = cursor.find(child.content)
            if in_autolink:
                continue
            if found == -1:
                builder.add_mapped(child.content, cursor.offset, cursor.offset)
            else:
                builder.add_verbatim(child.content, found)
        elif kind == "text_special":
            found = cursor.find(child.markup)
            at = cursor.offset if found == -1 else found
            builder.add_mapped(child.content, at, at + len(child.markup) if found != -1 else at)
        elif kind in ("softbreak", "hardbreak"):
            line_break = cursor.find_break()
            if line_break is None:
                builder.add_mapped(" ", cursor.offset, cursor.offset)
            else:
                builder.add_mapped(" ", *line_break)
        elif kind == "code_inline":
            found = cursor.find(child.content)
            builder.separate(cursor.offset if found == -1 else found)
        elif kind == "link_open":
            in_autolink = child.markup in ("autolink", "linkify")
            links.append((len(builder), str(child.attrs.get("href", ""))))
        elif kind == "link_close" and links:
            start, href = links.pop()
            builder.add_link(start, href)
            in_autolink = False
        elif kind == "image":
            cursor.find(str(child.attrs.get("src", "")))
            builder.separate(cursor.offset)
        elif kind == "html_inline":
            found = cursor.find(child.content)
            if child.content.lower().startswith("<br"):
                builder.separate(found)
            elif found != -1 and child.content.startswith("<!--") and child.content.endswith("-->"):
                body = child.content[4:-3]
                directive = parse_directive(body, found + 4, found, found + len(child.content))
                if directive is not None:
                    directives.append(directive)
    return builder.build()
