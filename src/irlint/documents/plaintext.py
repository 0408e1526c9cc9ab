"""Plain text to prose blocks.

Copy pasted out of a CMS often has one paragraph or heading per line with no blank lines between them (the seed
article is like that), while hand-written text files are hard-wrapped. A line therefore ends its block when it ends a
sentence or looks like a heading; otherwise the next line continues it.

A line that holds only a suppression directive (``# irlint-disable RULE -- reason`` or ``<!-- irlint-... -->``) is
not prose, and it does not break the paragraph around it.
"""

from __future__ import annotations

import re

from irlint.documents.model import Block, BlockBuilder, Directive, parse_directive

_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", ")", "…")
_HEADING_MAX_WORDS = 10
_DIRECTIVE_LINE = re.compile(
    r"[ \t]*(?P<directive>#[ \t]*(?P<hash>irlint-.*?)|<!--(?P<comment>(?:(?!-->).)*)-->)[ \t]*"
)


def _is_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _HEADING_MAX_WORDS and not line.rstrip().endswith((",", ";", "-", "–"))


def _ends_block(line: str, next_line: str) -> bool:
    stripped = line.rstrip()
    if stripped.endswith(_SENTENCE_END):
        return True
    # A short line followed by one that starts in lower case is a wrapped sentence, not a heading.
    following = next_line.lstrip()
    return _is_heading(stripped) and not (following[:1].islower() or following[:1].isdigit())


def parse_plaintext(source: str, directives: list[Directive] | None = None) -> list[Block]:
    """Split plain text into blocks: paragraphs, with single lines that end a sentence or look like headings.

    Directive lines are left out of the blocks and appended to ``directives``."""
    blocks: list[Block] = []
    builder: BlockBuilder | None = None
    lines: list[tuple[int, str]] = []  # (source offset, line with its ending) of every line that is not a directive
    offset = 0
    for raw_line in source.splitlines(keepends=True):
        directive = _directive(raw_line.rstrip("\r\n"), offset)
        if directive is None:
            lines.append((offset, raw_line))
        elif directives is not None:
            directives.append(directive)
        offset += len(raw_line)
    raw_lines = [raw_line for _, raw_line in lines]
    for index, (offset, raw_line) in enumerate(lines):
        line = raw_line.rstrip("\r\n")
        if not line.strip():
            _finish(builder, blocks)
            builder = None
        else:
            if builder is None:
                builder = BlockBuilder("heading" if _looks_like_heading(line) else "paragraph")
            else:
                builder.separate(offset - 1)
            builder.add_verbatim(line, offset)
            if _ends_block(line, raw_lines[index + 1] if index + 1 < len(raw_lines) else ""):
                _finish(builder, blocks)
                builder = None
    _finish(builder, blocks)
    return blocks


def _directive(line: str, offset: int) -> Directive | None:
    """The directive a whole line holds, if it holds one; ``offset`` is where the line starts in the source."""
    match = _DIRECTIVE_LINE.fullmatch(line)
    if match is None:
        return None
    group = "hash" if match.group("hash") is not None else "comment"
    start, end = match.span("directive")
    return parse_directive(match.group(group), offset + match.start(group), offset + start, offset + end)


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    return _is_heading(stripped) and not stripped.endswith(_SENTENCE_END)


def _finish(builder: BlockBuilder | None, blocks: list[Block]) -> None:
    if builder is not None and (block := builder.build()) is not None:
        blocks.append(block)
