"""Plain text to prose blocks.

Copy pasted out of a CMS often has one paragraph or heading per line with no blank lines between them (the seed
article is like that), while hand-written text files are hard-wrapped. A line therefore ends its block when it ends a
sentence or looks like a heading; otherwise the next line continues it.
"""

from __future__ import annotations

from irlint.documents.model import Block, BlockBuilder

_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", ")", "…")
_HEADING_MAX_WORDS = 10


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


def parse_plaintext(source: str) -> list[Block]:
    """Split plain text into blocks: paragraphs, with single lines that end a sentence or look like headings."""
    blocks: list[Block] = []
    builder: BlockBuilder | None = None
    offset = 0
    raw_lines = source.splitlines(keepends=True)
    for index, raw_line in enumerate(raw_lines):
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
        offset += len(raw_line)
    _finish(builder, blocks)
    return blocks


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    return _is_heading(stripped) and not stripped.endswith(_SENTENCE_END)


def _finish(builder: BlockBuilder | None, blocks: list[Block]) -> None:
    if builder is not None and (block := builder.build()) is not None:
        blocks.append(block)
