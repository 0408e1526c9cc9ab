"""What rules read: a document with its NLP analysis, and the conditions that clear or soften a match."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from irlint.documents import Block, Document

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

T = TypeVar("T")

# What counts as a citation next to a claim: numbered references, footnotes, author-year, identifiers, source phrases.
CITATION = re.compile(
    r"\[\d+(?:\s*[,–-]\s*\d+)*\]"
    r"|\[\^[\w-]+\]"
    r"|[¹²³⁴⁵⁶⁷⁸⁹⁰]+"
    r"|\((?:[^()]*?\b[A-Z][\w'’-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][\w'’-]+)?,?\s+(?:19|20)\d{2}[a-z]?)\)"
    r"|\bPMID:?\s*\d{6,9}\b|\bdoi:\s*10\.\d{4,9}/\S+|\b10\.\d{4,9}/\S+|\bNCT\d{8}\b"
    r"|\baccording to (?:a|an|the|one|several|recent)\b[^.;]{0,60}?"
    r"\b(?:study|studies|trial|trials|review|meta-analysis|guidelines?|data)\b",
    re.IGNORECASE,
)
# Links whose target is evidence: literature databases, DOIs, trial registries, journals, regulators.
EVIDENCE_LINK = re.compile(
    r"^(?:https?://)?(?:[\w-]+\.)*(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov|doi\.org|dx\.doi\.org"
    r"|cochranelibrary\.com|clinicaltrials\.gov|nejm\.org|jamanetwork\.com|thelancet\.com|bmj\.com"
    r"|sciencedirect\.com|link\.springer\.com|onlinelibrary\.wiley\.com|nature\.com|academic\.oup\.com"
    r"|journals\.lww\.com|jvir\.org|ajronline\.org|pubs\.rsna\.org|accessdata\.fda\.gov|who\.int|cdc\.gov|nih\.gov)"
    r"(?:[/:?#]|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a block: plain-text span ``[start, end)``."""

    block: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document with one spaCy Doc per block (same order).

    ``memo`` holds what is computed once per document and shared by several rules and the engine (see ``cached``);
    it takes no part in comparisons."""

    document: Document
    docs: Sequence[Doc]
    memo: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, computed once for this analysis under ``key`` (e.g. the readability measurements)."""
        if key not in self.memo:
            self.memo[key] = compute()
        return cast(T, self.memo[key])

    def sentences(self) -> Iterator[tuple[Sentence, str]]:
        """Every sentence of the document with its text, in order (listed once per analysis)."""
        return iter(self.cached("sentences", self._list_sentences))

    def _list_sentences(self) -> list[tuple[Sentence, str]]:
        # From token arrays rather than ``doc.sents``, which builds a Python object per token.
        from spacy.attrs import IDX, LENGTH, SENT_START

        listed: list[tuple[Sentence, str]] = []
        for index, doc in enumerate(self.docs):
            if not len(doc):
                continue
            table = doc.to_array([SENT_START, IDX, LENGTH]).tolist()
            starts = [position for position, row in enumerate(table) if row[0] == 1 or position == 0]
            for first, following in zip(starts, [*starts[1:], len(table)], strict=True):
                start, end = table[first][1], table[following - 1][1] + table[following - 1][2]
                listed.append((Sentence(index, start, end), doc.text[start:end]))
        return listed

    def sentence_at(self, block: int, start: int, end: int) -> Span:
        """The sentence that contains the start of the plain-text span ``[start, end)`` of block ``block``."""
        doc = self.docs[block]
        span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
        token = span[0] if span is not None and len(span) else doc[min(len(doc) - 1, 0)]
        return token.sent


def is_cited(block: Block, span_start: int, span_end: int) -> bool:
    """Whether the text ``[span_start, span_end)`` of ``block`` carries a citation or an evidence link."""
    text = block.text[span_start:span_end]
    if CITATION.search(text):
        return True
    return any(
        link.start < span_end and link.end > span_start and EVIDENCE_LINK.match(link.href) for link in block.links
    )


def is_negated(sentence: Span, match_start: int, negators: frozenset[str], window: int = 4) -> bool:
    """Whether a negator stands within ``window`` words before the match, in the same clause."""
    tokens = [token for token in sentence if token.idx < match_start and not token.is_space]
    for token in reversed(tokens[-window:]):
        if token.lower_ in negators or token.lower_.endswith("n't"):
            return True
        if token.is_punct and token.text in {",", ";", ":", "—", "–", "(", ")"}:
            return False
        if token.lower_ in {"but", "however", "and", "or"}:  # "no stitches and no risk": a new item, a new claim
            return False
    return False


def is_hedged(sentence: Span, hedges: frozenset[str]) -> bool:
    """Whether the sentence contains a hedge word (may, can, often...) or hedge phrase."""
    lowered = sentence.text.lower()
    return any(token.lower_ in hedges for token in sentence) or any(
        " " in hedge and hedge in lowered for hedge in hedges
    )
