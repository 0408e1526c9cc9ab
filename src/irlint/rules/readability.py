"""Plain language: the reading grade of a document, long sentences and unexplained medical jargon.

Three rule kinds, all looking at whole documents (like ``acronym``):

- ``readability``: the Flesch–Kincaid grade and the SMOG index of the document's prose, one finding at line 1,
  column 1 when the judged grade is above the rule's ceiling;
- ``sentence-length``: every sentence longer than ``max_words`` words;
- ``jargon``: the first use of each listed medical term that is not explained in its sentence or the next one.

What is measured (``measure``): the sentences of every block except headings (labels, not sentences) and
reference-list entries ("Smith A. Title. Journal. 2021;3(2):1-9."). Sentences come from the spaCy sentencizer run on
each block, so a block never runs into the next one. A "sentence" of one or two words (a list item such as
"Painless", a table cell, a form label, "Call today.") is not measured: it is not a sentence a reader has to parse,
and counting it would make a page of labels look easy. Words and syllables are counted as textstat 0.7 counts them
for English without its CMU dictionary: punctuation is removed (apostrophes of contractions kept, so "it's" is one
word and "image-guided" is one word) and each lower-cased word has pyphen's hyphenation points plus one syllables.
The grades agree with ``textstat.flesch_kincaid_grade`` and ``textstat.smog_index`` on the same sentences (the tests
check it, with textstat's CMU dictionary switched off). They are computed here from counts, with syllables cached per
word, because textstat's own functions load the CMU dictionary through NLTK (a download on first use, which fails
offline) and cost several times more: about 1.2 s here against 12 s for textstat per 1,000 documents of 1,000 words.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from irlint.errors import ConfigError
from irlint.model import DocumentStats, Hit
from irlint.rules import schema
from irlint.rules.context import Analysis
from irlint.rules.kinds import CompiledRule
from irlint.yamlmarks import locate

if TYPE_CHECKING:
    from spacy.language import Language

    from irlint.config import PathOverride, ReadabilitySettings, Settings
    from irlint.documents import Block

LANGUAGE = "en_US"
SMOG_MIN_SENTENCES = 30  # the sample size SMOG was designed for (McLaughlin 1969)
MIN_SENTENCE_WORDS = 3  # shorter "sentences" are labels and fragments (textstat's sentence count skips them too)
FORMULA_NAMES = {"flesch-kincaid": "Flesch–Kincaid", "smog": "SMOG"}

# textstat's word list for English: apostrophes that are not part of a contraction go, then all other punctuation
# (hyphens included: "image-guided" is one word), then the text is split on whitespace. The punctuation goes through
# str.translate with a table that learns each character once: faster than a regular expression.
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_WORD_CHAR = re.compile(r"[\w\s']")


class _KeepWordCharacters(dict[int, str | None]):
    """A str.translate table: word characters, whitespace and apostrophes stay, everything else is deleted."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        kept = char if _WORD_CHAR.match(char) else None
        self[code] = kept
        return kept


_KEEP_WORD_CHARACTERS = _KeepWordCharacters()

# A reference-list entry: a journal citation such as "2021;14(1):22-31" (Vancouver) or "(2021). Title." (APA).
_REFERENCE = re.compile(
    r"\b(?:19|20)\d{2}[a-z]?\s*;\s*\d+\s*(?:\(\s*[\w-]+\s*\))?\s*:\s*[A-Za-z]?\d+"
    r"|^\W{0,4}(?:\[?\^?\d+\]?[.:]?\s+)?[A-Z][\w'’-]+,?\s+(?:[A-Z]\.?\s*){1,3},.*\((?:19|20)\d{2}[a-z]?\)\.",
)


# Sentence ends the sentencizer misses, because spaCy's tokenizer keeps the full stop inside a token: a citation
# marker glued to the stop ("weeks.[^1] When", "weeks.[2] The", "weeks.¹ When"), and an abbreviation that ends a
# sentence ("until 4:30 p.m. The office", "etc. Call"). Split after them when a new sentence follows.
_SUPERSCRIPTS = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰")
_GLUED_END = re.compile(
    r"[.!?][\"”’)]*(?:\[\^?[\w-]+\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)+(?=\s+[\"“(]?[A-Z0-9])"
    r"|\b(?:[AaPp]\.[Mm]|etc)\.(?=\s+[\"“(]?[A-Z])"
)


_YEAR = re.compile(r"(?:19|20)\d\d")


def words(text: str, lower: bool = False) -> list[str]:
    """The words of ``text`` as textstat counts them: punctuation removed (contractions and hyphenated words are
    one word), split on whitespace; numbers are words. ``lower``: in lower case, as syllables are counted."""
    if "'" in text:
        text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    cleaned = text.translate(_KEEP_WORD_CHARACTERS)
    return (cleaned.lower() if lower else cleaned).split()


@functools.cache
def _hyphenator() -> Any:
    import pyphen  # type: ignore[import-untyped]  # no stubs; only Pyphen(lang=).positions() is used

    return pyphen.Pyphen(lang=LANGUAGE)


@functools.lru_cache(maxsize=65_536)
def syllables(word: str) -> int:
    """Syllables in one lower-cased word: pyphen's hyphenation points plus one (textstat's offline counter)."""
    return len(_hyphenator().positions(word)) + 1


def is_reference(block: Block) -> bool:
    """Whether ``block`` is an entry of a reference list rather than prose."""
    return _YEAR.search(block.text) is not None and _REFERENCE.search(block.text) is not None


class ProseSentence(NamedTuple):
    """One sentence of a block: plain-text span ``[start, end)``, its text and its words (lower case, as counted).

    ``prose`` is False in headings and reference-list entries; ``measured`` is True for prose sentences of at least
    ``MIN_SENTENCE_WORDS`` words, the ones the reading grade counts."""

    block: int
    start: int
    end: int
    text: str
    words: tuple[str, ...]
    prose: bool

    @property
    def measured(self) -> bool:
        """Whether the reading grade counts this sentence."""
        return self.prose and len(self.words) >= MIN_SENTENCE_WORDS


def prose_sentences(analysis: Analysis) -> list[ProseSentence]:
    """Every sentence of the document in reading order, headings included (computed once per analysis)."""
    return analysis.cached("readability.sentences", lambda: _sentences(analysis))


def _sentences(analysis: Analysis) -> list[ProseSentence]:
    found: list[ProseSentence] = []
    blocks: dict[int, tuple[str, bool, bool]] = {}  # per block: text, whether prose, whether glued ends may occur
    for sent, _ in analysis.sentences():
        index = sent.block
        if index not in blocks:
            block = analysis.document.blocks[index]
            prose = block.scope != "heading" and not is_reference(block)
            blocks[index] = (block.text, prose, _may_glue(block.text) and _GLUED_END.search(block.text) is not None)
        text, prose, glued = blocks[index]
        spans = _split_glued(text, sent.start, sent.end) if glued else ((sent.start, sent.end),)
        for begin, end in spans:
            start = begin
            while start < end and text[start].isspace():
                start += 1
            if start == end:
                continue
            sentence = text[start:end]
            found.append(ProseSentence(index, start, end, sentence, tuple(words(sentence, lower=True)), prose))
    return found


def _may_glue(text: str) -> bool:
    """False when ``_GLUED_END`` cannot match ``text``: a cheap test, so that most blocks skip the expression."""
    return "[" in text or ".m." in text or ".M." in text or "etc." in text or not _SUPERSCRIPTS.isdisjoint(text)


def _split_glued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` split after the sentence ends the sentencizer misses (``_GLUED_END``)."""
    pieces = []
    for match in _GLUED_END.finditer(text, start, end):
        pieces.append((start, match.end()))
        start = match.end()
    pieces.append((start, end))
    return pieces


def measure(analysis: Analysis) -> DocumentStats:
    """Words, sentences, Flesch–Kincaid grade and SMOG index of the document's measured prose (see the module
    docstring for what is measured), computed once per analysis. The grades are rounded to one decimal and None when
    there is nothing to measure."""
    return analysis.cached("readability.stats", lambda: _measure(prose_sentences(analysis)))


def _measure(sentences: Sequence[ProseSentence]) -> DocumentStats:
    word_count = sentence_count = syllable_count = polysyllables = 0
    for sentence in sentences:
        if not sentence.measured:
            continue
        counts = list(map(syllables, sentence.words))
        sentence_count += 1
        word_count += len(counts)
        syllable_count += sum(counts)
        polysyllables += len([count for count in counts if count >= 3])
    if not word_count:
        return DocumentStats(words=0, sentences=0)
    fk = 0.39 * word_count / sentence_count + 11.8 * syllable_count / word_count - 15.59
    smog = 1.043 * (30 * polysyllables / sentence_count) ** 0.5 + 3.1291
    return DocumentStats(word_count, sentence_count, round(fk, 1), round(smog, 1))


class _Fields(string.Formatter):
    """Fills named fields of a message template; unknown fields render empty instead of failing."""

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        """See the base class."""
        return kwargs.get(str(key), "")


_FIELDS = _Fields()


def fill(template: str, **fields: Any) -> str:
    """``template`` with ``{name}`` fields filled from ``fields``."""
    return _FIELDS.format(template, **fields)


def _number(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class _Configurable(CompiledRule):
    """A rule whose parameters the config file's ``readability`` section and ``per-path`` entries can change."""

    # The pack whose rules of this kind the config file's ``readability`` section changes.
    config_pack: ClassVar[str] = "readability"

    pack_spec: Any = None  # the spec as the pack wrote it, before configuration
    per_path: tuple[tuple[PathOverride, dict[str, Any]], ...] = ()
    root: Path | None = None

    @property
    def document_level(self) -> bool:
        """Whether the rule looks at whole documents rather than sentences."""
        return True

    def parameters(self, path: str) -> dict[str, Any]:
        """The spec's parameters with the ``per-path`` overrides that match ``path`` applied (later entries win)."""
        values: dict[str, Any] = dict(self.spec)
        if self.per_path:
            from irlint.config import relative_path

            relative = relative_path(path, self.root or Path.cwd())
            for override, changes in self.per_path:
                if override.matches(relative):
                    values.update(changes)
        return values

    def check_document(self, analysis: Analysis, earlier: Sequence[Hit]) -> Iterator[Hit]:
        """The rule's hits in one document."""
        raise NotImplementedError


@dataclass(frozen=True)
class ReadabilityKind(_Configurable):
    """``kind: readability``: the reading grade of the whole document against a ceiling."""

    def check_document(self, analysis: Analysis, earlier: Sequence[Hit]) -> Iterator[Hit]:
        """One document-level hit when the judged grade, rounded to one decimal, is above the ceiling."""
        values = self.parameters(analysis.document.path)
        stats = measure(analysis)
        if stats.flesch_kincaid_grade is None or stats.smog_index is None or stats.words < values["min_words"]:
            return
        grades = {"flesch-kincaid": stats.flesch_kincaid_grade, "smog": stats.smog_index}
        formula = values["formula"]
        if formula == "auto":
            formula = "smog" if stats.sentences >= SMOG_MIN_SENTENCES else "flesch-kincaid"
        elif formula == "max":
            formula = max(grades, key=lambda name: (grades[name], name == "flesch-kincaid"))
        grade, ceiling = grades[formula], float(values["ceiling"])
        if grade <= ceiling:
            return
        others = "; ".join(f"{FORMULA_NAMES[name]} {value:.1f}" for name, value in grades.items() if name != formula)
        message = fill(
            self.spec.message,
            grade=f"{grade:.1f}",
            formula=FORMULA_NAMES[formula],
            others=others,
            flesch_kincaid=f"{stats.flesch_kincaid_grade:.1f}",
            smog=f"{stats.smog_index:.1f}",
            ceiling=_number(ceiling),
            words=stats.words,
            sentences=stats.sentences,
        )
        yield Hit(rule=self.id, severity=self.severity, message=message)


@dataclass(frozen=True)
class SentenceLengthKind(_Configurable):
    """``kind: sentence-length``: sentences with more than ``max_words`` words, flagged whole."""

    def check_document(self, analysis: Analysis, earlier: Sequence[Hit]) -> Iterator[Hit]:
        """A hit on each sentence above the limit (headings and reference entries are not checked)."""
        values = self.parameters(analysis.document.path)
        limit: int = values["max_words"]
        scopes = values["scopes"]
        blocks = analysis.document.blocks
        for sentence in prose_sentences(analysis):
            count = len(sentence.words)
            if not sentence.prose or count <= limit:
                continue
            if scopes is not None and blocks[sentence.block].scope not in scopes:
                continue
            fields = {"words": count, "limit": limit, "match": sentence.text}
            yield Hit(
                rule=self.id,
                severity=self.severity,
                message=fill(self.spec.message, **fields),
                block=sentence.block,
                start=sentence.start,
                end=sentence.end,
                suggestions=tuple(fill(item, **fields) for item in self.spec.suggest),
            )


# An acronym defined in parentheses right after a term: "radiofrequency ablation (RFA) is ..."
_ACRONYM_AFTER = re.compile(r"\s*\(\s*[A-Z][A-Za-z0-9&-]*s?\s*\)")
# One more word of a longer name that starts with the term: "endovenous| laser| ablation"
_NAME_WORD = re.compile(r"[ \t]+[\w][\w'’-]*")
_DETERMINERS = {"a", "an", "the"}


@dataclass(frozen=True, slots=True)
class _Term:
    """One jargon term: its plain alternative, and the lemma sequences whose presence explains it."""

    plain: str
    clues: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class _Use:
    """A use of a term: block, plain-text span and the index of its sentence in ``prose_sentences``."""

    term: str
    block: int
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class JargonKind(_Configurable):
    """``kind: jargon``: listed medical terms, flagged at first use unless explained in that sentence or the next."""

    config_pack: ClassVar[str] = "jargon"

    after: tuple[re.Pattern[str], ...] = ()
    before: tuple[re.Pattern[str], ...] = ()
    next_sentence: tuple[re.Pattern[str], ...] = ()
    links: tuple[re.Pattern[str], ...] = ()
    _matchers: dict[int, tuple[Any, dict[str, _Term]]] = field(default_factory=dict)

    def prepare(self, nlp: Language) -> None:
        """Build the term matcher (by lemma) and the clue lemmas for the pipeline ``nlp``."""
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        terms: dict[str, _Term] = {}
        for term, value in self.spec.terms.items():
            items = [value] if isinstance(value, str) else list(value)
            clues = tuple(lemmas for lemmas in (_lemmas(nlp(item), strip=True) for item in items) if lemmas)
            terms[term] = _Term(items[0], clues)
            matcher.add(term, [nlp(term), nlp(plural(term))])
        self._matchers[id(nlp.vocab)] = (matcher, terms)

    def check_document(self, analysis: Analysis, earlier: Sequence[Hit]) -> Iterator[Hit]:
        """A hit at the first use of each term that is not explained there (and not explained earlier)."""
        from spacy.util import filter_spans

        if not analysis.docs:
            return
        matcher, terms = self._matchers[id(analysis.docs[0].vocab)]
        sentences = prose_sentences(analysis)
        starts: dict[int, list[int]] = {}
        for number, sentence in enumerate(sentences):
            starts.setdefault(sentence.block, []).append(number)
        uses: list[_Use] = []
        for index, doc in enumerate(analysis.docs):
            spans = filter_spans(matcher(doc, as_spans=True))
            for span in sorted(spans, key=lambda item: item.start_char):
                where = next(
                    (n for n in reversed(starts.get(index, [])) if sentences[n].start <= span.start_char), None
                )
                if where is not None:
                    uses.append(_Use(span.label_, index, span.start_char, span.end_char, where))
        done: set[str] = set()
        for use in uses:
            if use.term in done or not sentences[use.sentence].prose:
                continue
            done.add(use.term)
            if self._explained(analysis, sentences, uses, use, terms[use.term]):
                continue
            block = analysis.document.blocks[use.block]
            matched = block.text[use.start : use.end]
            plain = terms[use.term].plain
            yield Hit(
                rule=self.id,
                severity=self.severity,
                message=fill(self.spec.message, match=matched, term=use.term, plain=plain),
                block=use.block,
                start=use.start,
                end=use.end,
                suggestions=tuple(fill(item, match=matched, term=use.term, plain=plain) for item in self.spec.suggest),
            )

    def _explained(
        self, analysis: Analysis, sentences: Sequence[ProseSentence], uses: Sequence[_Use], use: _Use, term: _Term
    ) -> bool:
        if self._explained_here(analysis, sentences[use.sentence], use):
            return True
        if self._has_clue(analysis, sentences[use.sentence], term):
            return True
        following = use.sentence + 1
        if following >= len(sentences):
            return False
        nxt = sentences[following]
        text = analysis.document.blocks[nxt.block].text
        if any(pattern.match(text, nxt.start, nxt.end) for pattern in self.next_sentence):
            return True
        if self._has_clue(analysis, nxt, term):
            return True
        return any(
            other.sentence == following and other.term == use.term and self._explained_here(analysis, nxt, other)
            for other in uses
        )

    def _explained_here(self, analysis: Analysis, sentence: ProseSentence, use: _Use) -> bool:
        """An explanation right after the term (or the longer name it starts), right before it, or a link."""
        block = analysis.document.blocks[use.block]
        text = block.text
        position = use.end
        for _ in range(4):
            acronym = _ACRONYM_AFTER.match(text, position, sentence.end)
            at = acronym.end() if acronym else position
            if any(pattern.match(text, at, sentence.end) for pattern in self.after):
                return True
            more = _NAME_WORD.match(text, position, sentence.end)
            if more is None:
                break
            position = more.end()
        if any(pattern.search(text, sentence.start, use.start) for pattern in self.before):
            return True
        return any(
            link.start < use.end and link.end > use.start and any(p.search(link.href) for p in self.links)
            for link in block.links
        )

    @staticmethod
    def _has_clue(analysis: Analysis, sentence: ProseSentence, term: _Term) -> bool:
        """Whether the sentence contains the plain alternative or one of the term's plain clue words (by lemma)."""
        span = analysis.docs[sentence.block].char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            return False
        lemmas = _lemmas(span)
        return any(_contains(lemmas, clue) for clue in term.clues)


def plural(term: str) -> str:
    """The regular English plural of a term's last word (the lemma table lacks some medical plurals: "hematomas")."""
    if term.endswith(("s", "x", "z", "ch", "sh")):
        return term + "es"
    if term.endswith("y") and term[-2:-1] not in ("a", "e", "i", "o", "u"):
        return term[:-1] + "ies"
    return term + "s"


def _lemmas(tokens: Any, strip: bool = False) -> tuple[str, ...]:
    """Lower-case lemmas of the tokens that are not punctuation or space; ``strip`` drops leading articles."""
    lemmas = [token.lemma_.lower() or token.lower_ for token in tokens if not (token.is_punct or token.is_space)]
    while strip and lemmas and lemmas[0] in _DETERMINERS:
        lemmas.pop(0)
    return tuple(lemmas)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


KINDS: dict[str, type[CompiledRule]] = {
    "readability": ReadabilityKind,
    "sentence-length": SentenceLengthKind,
    "jargon": JargonKind,
}


def configure(rules: Sequence[CompiledRule], settings: Settings) -> list[CompiledRule]:
    """``rules`` with the config file's ``readability`` section (and ``per-path`` ``readability`` entries) applied
    to the built-in readability and jargon rules. Idempotent: configuring twice with the same settings changes
    nothing; every call starts again from the pack's own parameters."""
    configured: list[CompiledRule] = []
    allowed_seen: set[str] = set()
    jargon_packs: list[str] = []
    for rule in rules:
        if not isinstance(rule, _Configurable) or not rule.id.startswith(rule.config_pack + "."):
            configured.append(rule)
            continue
        base = rule.pack_spec if rule.pack_spec is not None else rule.spec
        overrides = _overrides(type(rule), settings.readability)
        if isinstance(rule, JargonKind):
            terms, used = _jargon_terms(base.terms, settings.readability)
            allowed_seen |= used
            jargon_packs.append(rule.pack_path)
            overrides["terms"] = terms
        per_path = tuple(
            (item, changes)
            for item in settings.per_path
            if item.readability is not None and (changes := _overrides(type(rule), item.readability))
        )
        spec = base.model_copy(update=overrides) if overrides else base
        extra: dict[str, Any] = {"_matchers": {}} if isinstance(rule, JargonKind) else {}
        configured.append(replace(rule, spec=spec, pack_spec=base, per_path=per_path, root=settings.root, **extra))
    _check_allowed(settings, allowed_seen, jargon_packs)
    return configured


def _overrides(kind: type[CompiledRule], values: ReadabilitySettings) -> dict[str, Any]:
    if kind is ReadabilityKind:
        changes = {"ceiling": values.grade_ceiling, "formula": values.formula}
    elif kind is SentenceLengthKind:
        changes = {"max_words": values.sentence_words}
    else:
        changes = {}
    return {key: value for key, value in changes.items() if value is not None}


def _jargon_terms(
    terms: Mapping[str, str | list[str]], values: ReadabilitySettings
) -> tuple[dict[str, str | list[str]], set[str]]:
    allowed = {item.lower() for item in values.jargon_allow}
    kept = {term: value for term, value in terms.items() if term.lower() not in allowed}
    used = {term.lower() for term in terms} & allowed
    for term, plain in values.jargon_add.items():
        kept[term] = plain
    return kept, used


def _check_allowed(settings: Settings, seen: set[str], packs: Sequence[str]) -> None:
    """Every term in ``readability.jargon.allow`` is on the jargon list (a typo would otherwise do nothing)."""
    if not packs:
        return
    for index, item in enumerate(settings.readability.jargon_allow):
        if item.lower() not in seen:
            line, column = locate(dict(settings.marks), ("readability", "jargon", "allow", index))
            raise ConfigError(
                f"readability.jargon.allow: {item!r} is not on the jargon list (the terms in {', '.join(packs)})",
                settings.source or "config",
                line,
                column,
            )


def compile_kind(kind: type[CompiledRule], spec: Any, compiled: Any, common: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of a readability kind beyond the common ones; ``compiled(patterns, key)`` compiles
    regular expressions with errors at their pack line."""
    if kind is JargonKind:
        explained: schema.Explanations = spec.explained_by
        common["after"] = compiled(explained.after, ("explained_by", "after"))
        common["before"] = compiled(explained.before, ("explained_by", "before"))
        common["next_sentence"] = compiled(explained.next_sentence, ("explained_by", "next_sentence"))
        common["links"] = compiled(explained.links, ("explained_by", "links"))
    return common
