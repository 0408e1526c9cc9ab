"""Documents as irlint sees them: blocks of prose, each mapped back to the source file character by character."""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from typing import Any

# URLs and e-mail addresses are not prose: they are blanked out of block text (the source map is kept).
_NOT_PROSE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'\])]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink inside a block: plain-text span ``[start, end)`` and its target."""

    start: int
    end: int
    href: str


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of prose (a paragraph, heading, list item, table cell...).

    ``text`` is the plain text rules see. ``starts[i]``/``ends[i]`` give the 0-based, half-open code-point span in the
    source file that produced ``text[i]``: usually one character, several for an entity such as ``&amp;``.
    """

    text: str
    starts: array[int]
    ends: array[int]
    scope: str = "paragraph"
    links: tuple[Link, ...] = ()
    masked: tuple[tuple[int, int], ...] = ()  # spans blanked out as not prose (URLs, e-mail addresses)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the plain-text span ``[start, end)`` of this block to a source span."""
        if not self.text:
            return (0, 0)
        start = min(max(start, 0), len(self.text) - 1)
        if end <= start:
            return (self.starts[start], self.starts[start])
        last = min(end, len(self.text)) - 1
        return (self.starts[start], max(self.ends[last], self.starts[start]))


# The text of a suppression comment: kind, rule ids or prefixes (comma- or space-separated), then `` -- reason``.
_DIRECTIVE = re.compile(
    r"\s*irlint-(?P<kind>disable-next-line|disable|enable)(?![\w-])"
    r"(?P<rules>(?:[\s,]+(?!--(?:\s|$))[^\s,]+)*)"
    r"(?:[\s,]+--(?:\s+(?P<reason>.*?))?)?\s*",
    re.DOTALL,
)
_RULE_ID = re.compile(r"[^\s,]+")


@dataclass(frozen=True, slots=True)
class Directive:
    """A suppression comment, or the front-matter ``irlint: {ignore: [...]}`` (``kind`` ``"ignore"``).

    ``kind`` is ``disable``, ``enable``, ``disable-next-line`` or ``ignore``; ``rules`` are rule ids or prefixes
    (empty: every rule), ``rule_starts[i]`` the source offset of ``rules[i]``; ``[start, end)`` is the comment's
    source span (for ``ignore``, the ``irlint`` key).
    """

    kind: str
    rules: tuple[str, ...]
    start: int
    end: int
    rule_starts: tuple[int, ...] = ()
    reason: str = ""


def parse_directive(body: str, body_start: int, start: int, end: int) -> Directive | None:
    """The directive in a comment whose text ``body`` begins at source offset ``body_start`` and whose whole
    comment spans ``[start, end)``; None when the comment is not an irlint directive."""
    match = _DIRECTIVE.fullmatch(body)
    if match is None:
        return None
    found = list(_RULE_ID.finditer(match.group("rules")))
    offset = body_start + match.start("rules")
    return Directive(
        kind=match.group("kind"),
        rules=tuple(item.group() for item in found),
        start=start,
        end=end,
        rule_starts=tuple(offset + item.start() for item in found),
        reason=" ".join((match.group("reason") or "").split()),
    )


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed input file: its source text, its prose blocks and its front matter."""

    path: str
    source: str
    blocks: tuple[Block, ...]
    format: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    line_starts: tuple[int, ...] = ()
    directives: tuple[Directive, ...] = ()

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based code-point offset into the source."""
        starts = self.line_starts or line_starts(self.source)
        index = bisect.bisect_right(starts, offset) - 1
        return (index + 1, offset - starts[index] + 1)

    def span_position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """1-based (line, column, end line, end column) of the source span ``[start, end)``."""
        return (*self.position(start), *self.position(end))

    def line_text(self, line: int) -> str:
        """The source line ``line`` (1-based) without its line ending."""
        starts = self.line_starts or line_starts(self.source)
        begin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.source)
        return self.source[begin:end].rstrip("\r\n")

    @property
    def prose(self) -> str:
        """All block texts joined by blank lines: what document-level rules read."""
        return "\n\n".join(block.text for block in self.blocks)


def line_starts(source: str) -> tuple[int, ...]:
    """Offsets at which each line of ``source`` begins (lines end at ``\\n``)."""
    starts = [0]
    index = source.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = source.find("\n", index + 1)
    return tuple(starts)


# Whitespace that does not stay as it is: runs of two or more, and any whitespace but a plain space.
_IRREGULAR_SPACE = re.compile(r"\s{2,}|[^\S ]")


class BlockBuilder:
    """Accumulates plain text with its source mapping, one piece at a time."""

    def __init__(self, scope: str = "paragraph") -> None:
        self.scope = scope
        self._chars: list[str] = []
        self._starts: array[int] = array("q")
        self._ends: array[int] = array("q")
        self._links: list[Link] = []

    def __len__(self) -> int:
        return len(self._chars)

    @property
    def last_end(self) -> int:
        """Source offset just past the last character added so far (0 when empty)."""
        return self._ends[-1] if self._ends else 0

    def add_verbatim(self, text: str, source_start: int) -> None:
        """Append text that appears character for character in the source at ``source_start``."""
        # Runs between irregular whitespace are copied whole: char-by-char appends dominated parsing time.
        position = 0
        for space in _IRREGULAR_SPACE.finditer(text):
            self._extend(text[position : space.start()], source_start + position)
            self.add_char(" ", source_start + space.start(), source_start + space.start() + 1)
            position = space.end()
        self._extend(text[position:], source_start + position)

    def _extend(self, run: str, begin: int) -> None:
        """Append ``run``, in which whitespace is only single spaces, found in the source at ``begin``."""
        if run.startswith(" ") and self._chars and self._chars[-1] == " ":
            run, begin = run[1:], begin + 1
        self._chars.extend(run)
        self._starts.extend(range(begin, begin + len(run)))
        self._ends.extend(range(begin + 1, begin + len(run) + 1))

    def add_mapped(self, text: str, source_start: int, source_end: int) -> None:
        """Append text that stands for the whole source span ``[source_start, source_end)`` (an entity, a break)."""
        for char in text:
            self.add_char(char, source_start, source_end)

    def add_char(self, char: str, source_start: int, source_end: int) -> None:
        """Append one character; runs of whitespace collapse into one space, as a browser shows them."""
        if char.isspace():
            if self._chars and self._chars[-1] == " ":
                return
            char = " "
        self._chars.append(char)
        self._starts.append(source_start)
        self._ends.append(source_end)

    def separate(self, source_offset: int) -> None:
        """Make sure the text so far ends in whitespace, so that words on either side do not run together."""
        if self._chars and not self._chars[-1].isspace():
            self.add_char(" ", source_offset, source_offset)

    def add_link(self, start: int, href: str) -> None:
        """Record that the plain text from ``start`` to the current end is a link to ``href``."""
        if len(self._chars) > start:
            self._links.append(Link(start, len(self._chars), href))

    def build(self) -> Block | None:
        """The finished block, with surrounding whitespace trimmed; None when it has no visible text."""
        begin, end = 0, len(self._chars)
        while begin < end and self._chars[begin].isspace():
            begin += 1
        while end > begin and self._chars[end - 1].isspace():
            end -= 1
        if begin == end:
            return None
        links = tuple(
            Link(max(link.start - begin, 0), min(link.end - begin, end - begin), link.href)
            for link in self._links
            if link.end > begin and link.start < end
        )
        raw = "".join(self._chars[begin:end])
        masked = tuple(match.span() for match in _NOT_PROSE.finditer(raw))
        text = _NOT_PROSE.sub(lambda match: " " * len(match.group()), raw)
        return Block(
            text=text,
            starts=self._starts[begin:end],
            ends=self._ends[begin:end],
            scope=self.scope,
            links=links,
            masked=masked,
        )
