"""The LanguageTool grammar engine: sends a document's prose to a LanguageTool server through
language-tool-python and turns its matches into hits on the document's blocks.

Only the prose projection is sent (never raw Markdown or HTML), one request per document, blocks separated by blank
lines; each match is mapped back to its block and from there, like any hit, to the source file.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from irlint.documents import Document
from irlint.engines.server import GrammarUnavailable
from irlint.model import Hit, Severity

RULE_PREFIX = "grammar.languagetool."
ENGINE = "languagetool"
BLOCK_SEPARATOR = "\n\n"
MAX_SUGGESTIONS = 5
REQUEST_CHARACTERS = 20_000

# LanguageTool categories, by how much they matter in published medical copy.
_ERROR_CATEGORIES = {"GRAMMAR", "CONFUSED_WORDS", "AGREEMENT", "NONSTANDARD_PHRASES"}
_INFO_CATEGORIES = {"STYLE", "REDUNDANCY", "TYPOGRAPHY", "PLAIN_ENGLISH", "MISC", "WIKIPEDIA", "REPETITIONS_STYLE"}
_SPELLING_RULE_PREFIXES = ("MORFOLOGIK_RULE", "HUNSPELL_RULE", "SPELLING_RULE")
# Rules that misfire on text extracted from markup: irlint collapses whitespace, blanks out URLs, and keeps
# headings and list items as separate paragraphs.
DEFAULT_DISABLED_RULES = (
    "WHITESPACE_RULE",
    "CONSECUTIVE_SPACES",
    "PUNCTUATION_PARAGRAPH_END",
    "EN_QUOTES",
    "DASH_RULE",
    "UPPERCASE_SENTENCE_START",
)


def severity_for(category: str) -> Severity:
    """irlint severity for a LanguageTool category: grammar errors fail the gate, style is advisory."""
    if category in _ERROR_CATEGORIES:
        return Severity.ERROR
    if category in _INFO_CATEGORIES:
        return Severity.INFO
    return Severity.WARNING


@functools.cache
def builtin_words() -> frozenset[str]:
    """The medical vocabulary shipped with irlint (lower case), never reported as misspelled."""
    text = (resources.files("irlint") / "data" / "medical-words.txt").read_text(encoding="utf-8")
    return frozenset(_words(text.splitlines()))


def _words(lines: Iterable[str]) -> Iterable[str]:
    for line in lines:
        word = line.split("#", 1)[0].strip().split("/", 1)[0]  # hunspell .dic lines carry /FLAGS
        if word and not word.isdigit():
            yield word.lower()


def load_word_list(path: Path) -> frozenset[str]:
    """Words from a plain list or a hunspell ``.dic`` file (one word per line; ``#`` comments)."""
    try:
        return frozenset(_words(path.read_text(encoding="utf-8", errors="replace").splitlines()))
    except OSError as error:
        raise GrammarUnavailable(f"{path}: cannot read word list: {error.strerror or error}") from None


@dataclass(frozen=True)
class GrammarSettings:
    """How the grammar engine runs (from config and command line)."""

    enabled: bool = True
    url: str | None = None
    language: str = "en-US"
    disabled_rules: tuple[str, ...] = DEFAULT_DISABLED_RULES
    disabled_categories: tuple[str, ...] = ()
    timeout: float = 30.0
    words: frozenset[str] = field(default_factory=frozenset)
    java: str = "java"
    memory: str = "512m"
    required: bool = False
    download: bool = False  # let language-tool-python download LanguageTool itself (needs the internet)
    start_server: bool = True  # False: only use a server that is already running (the pre-commit hook)


def is_loopback(url: str) -> bool:
    """Whether ``url`` points at this machine."""
    host = (urlparse(url).hostname or "").lower()
    return host in {"localhost", "127.0.0.1", "::1"} or host.startswith("127.")


@dataclass(frozen=True, slots=True)
class _Match:
    offset: int
    length: int
    rule_id: str
    category: str
    message: str
    replacements: tuple[str, ...]


def _code_point_length(text: str, offset: int, utf16_length: int) -> int:
    """LanguageTool counts in UTF-16 units; language-tool-python fixes offsets but not lengths."""
    units = 0
    index = offset
    while index < len(text) and units < utf16_length:
        units += 2 if ord(text[index]) > 0xFFFF else 1
        index += 1
    return index - offset


class LanguageToolClient:
    """Checks documents against one LanguageTool server (local, persistent or configured)."""

    def __init__(self, url: str | None, settings: GrammarSettings) -> None:
        self.url = url or "language-tool-python's own server"
        self._remote = url
        self.settings = settings
        self._tool: Any = None

    def _connect(self) -> Any:
        if self._tool is None:
            import language_tool_python

            # language-tool-python waits 300 s per request and retries once; irlint's timeout is configurable.
            tool_class = type(
                "IrlintLanguageTool", (language_tool_python.LanguageTool,), {"_TIMEOUT": self.settings.timeout}
            )
            try:
                # Without a URL, language-tool-python starts (and if need be downloads) LanguageTool itself.
                tool = tool_class(self.settings.language, remote_server=self._remote)
            except Exception as error:  # language-tool-python raises several unrelated types
                raise GrammarUnavailable(f"LanguageTool at {self.url} did not answer: {_short(error)}") from None
            tool.disabled_rules = set(self.settings.disabled_rules)
            tool.disabled_categories = set(self.settings.disabled_categories)
            self._tool = tool
        return self._tool

    def connect(self) -> None:
        """Connect now (starting language-tool-python's own server if there is no URL)."""
        self._connect()

    def shared_url(self) -> str | None:
        """The URL other processes can use for this client's server, if it has one."""
        return self._remote

    def _query(self, text: str) -> list[_Match]:
        tool = self._connect()
        try:
            matches = tool.check(text)
        except Exception as error:
            raise GrammarUnavailable(f"LanguageTool at {self.url} failed: {_short(error)}") from None
        return [
            _Match(
                offset=int(match.offset),
                length=_code_point_length(text, int(match.offset), int(match.error_length)),
                rule_id=str(match.rule_id),
                category=str(match.category),
                message=str(match.message),
                replacements=tuple(str(r) for r in match.replacements[:MAX_SUGGESTIONS]),
            )
            for match in matches
        ]

    def close(self) -> None:
        """Stop a server that language-tool-python started (a remote server is left alone)."""
        if self._tool is not None and self._remote is None:
            self._tool.close()
        self._tool = None

    def check_document(self, document: Document) -> list[Hit]:
        """Grammar hits for the prose of ``document``, in block coordinates.

        Blocks go in requests of at most ``REQUEST_CHARACTERS`` characters (a block is never split), so that a long
        document neither meets the request timeout nor LanguageTool's size limit."""
        hits: list[Hit] = []
        for chunk in _chunks([len(block.text) for block in document.blocks]):
            hits.extend(self._check_blocks(document, chunk))
        return hits

    def _check_blocks(self, document: Document, indices: Sequence[int]) -> list[Hit]:
        texts = [document.blocks[index].text for index in indices]
        starts = _block_starts(texts)
        hits: list[Hit] = []
        for match in self._query(BLOCK_SEPARATOR.join(texts)):
            position = bisect.bisect_right(starts, match.offset) - 1
            block, text = indices[position], texts[position]
            start = match.offset - starts[position]
            end = min(start + match.length, len(text))
            flagged = text[start:end]
            if start >= len(text) or self._is_known_word(match, flagged):
                continue
            if any(s - 1 <= end and start <= e + 1 for s, e in document.blocks[block].masked):
                continue  # around a blanked-out URL, LanguageTool sees only the blank
            hits.append(
                Hit(
                    rule=RULE_PREFIX + match.rule_id,
                    severity=self._severity(match, flagged),
                    message=match.message if flagged in match.message else f"{match.message} ('{flagged}')",
                    block=block,
                    start=start,
                    end=end,
                    suggestions=match.replacements,
                    engine=ENGINE,
                )
            )
        return hits

    @staticmethod
    def _severity(match: _Match, flagged: str) -> Severity:
        # An unknown capitalised word is most often a name (a doctor, a town): worth a look, not a failed gate.
        if match.rule_id.startswith(_SPELLING_RULE_PREFIXES) and flagged[:1].isupper():
            return Severity.INFO
        return severity_for(match.category)

    def _is_known_word(self, match: _Match, text: str) -> bool:
        if not match.rule_id.startswith(_SPELLING_RULE_PREFIXES):
            return False
        word = text.strip().lower()
        known = builtin_words() | self.settings.words
        return word in known or word.rstrip("s") in known or word.replace("’", "'") in known


def _chunks(lengths: Sequence[int]) -> list[list[int]]:
    """Block indices grouped into requests of at most REQUEST_CHARACTERS characters (one block may exceed it)."""
    chunks: list[list[int]] = []
    size = 0
    for index, length in enumerate(lengths):
        if not chunks or (size + length > REQUEST_CHARACTERS and chunks[-1]):
            chunks.append([])
            size = 0
        chunks[-1].append(index)
        size += length + len(BLOCK_SEPARATOR)
    return chunks


def _block_starts(texts: Sequence[str]) -> list[int]:
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(BLOCK_SEPARATOR)
    return starts


def server_version(url: str, timeout: float = 5.0) -> str:
    """The version of the LanguageTool server at ``url`` (``unreachable`` when it does not answer)."""
    import json
    import urllib.parse
    import urllib.request

    data = urllib.parse.urlencode({"language": "en-US", "text": "."}).encode()
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/v2/check", data, timeout=timeout) as response:
            software = json.load(response).get("software", {})
        return f"{software.get('version', '?')} ({software.get('buildDate', '?')})"
    except (OSError, ValueError, AttributeError):
        return "unreachable"


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]
