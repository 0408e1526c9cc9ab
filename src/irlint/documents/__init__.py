"""Reading input files into Documents: format detection, decoding, parsing."""

from __future__ import annotations

from pathlib import Path

from irlint.documents.model import Block, Directive, Document, Link, line_starts
from irlint.errors import InputError

__all__ = ["Block", "Document", "Link", "decode", "detect_format", "parse_document", "read_bytes", "read_document"]

_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}
# Bytes that never occur in text files; one of them marks a file as binary.
_BINARY_MARKERS = (b"\x00",)
MAX_FILE_BYTES = 10 * 1024 * 1024


def detect_format(path: str) -> str:
    """``markdown``, ``html`` or ``text`` from a file name; unknown extensions are read as text."""
    return _FORMATS.get(Path(path).suffix.lower(), "text")


def decode(data: bytes, path: str) -> str:
    """Decode file bytes as UTF-8 (a BOM is allowed); raise InputError for binary or undecodable data."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError("UTF-16 text; save the file as UTF-8", path)
    if any(marker in data[:8192] for marker in _BINARY_MARKERS):
        raise InputError("binary file, not text (found a NUL byte)", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at byte column {column}); save the file as UTF-8",
            path,
            line,
        ) from None
    return text


def parse_document(source: str, path: str, fmt: str | None = None) -> Document:
    """Parse ``source`` (already decoded) into a Document; ``fmt`` overrides detection from ``path``."""
    # The parsers (markdown-it, lexbor) are imported on first use: a run served from the cache never parses.
    from irlint.documents.html import html_blocks
    from irlint.documents.markdown import parse_markdown
    from irlint.documents.plaintext import parse_plaintext

    fmt = fmt or detect_format(path)
    front_matter: dict[str, object] = {}
    directives: list[Directive] = []
    if fmt == "markdown":
        blocks, front_matter = parse_markdown(source, path, directives)
    elif fmt == "html":
        blocks = html_blocks(source, directives=directives)
    else:
        blocks = parse_plaintext(source, directives)
    return Document(
        path=path,
        source=source,
        blocks=tuple(blocks),
        format=fmt,
        front_matter=front_matter,
        line_starts=line_starts(source),
        directives=tuple(sorted(directives, key=lambda directive: directive.start)),
    )


def read_bytes(path: Path, display_path: str | None = None) -> bytes:
    """The bytes of the file at ``path``, refused above the size limit; errors become InputError naming
    ``display_path``."""
    name = display_path or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"file is {size // (1024 * 1024)} MB, over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit", name
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file or directory", name) from None
    except IsADirectoryError:
        raise InputError("is a directory", name) from None
    except PermissionError:
        raise InputError("permission denied", name) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", name) from None


def read_document(path: Path, display_path: str | None = None) -> Document:
    """Read and parse the file at ``path``; errors become InputError naming ``display_path``."""
    name = display_path or str(path)
    return parse_document(decode(read_bytes(path, name), name), name)
