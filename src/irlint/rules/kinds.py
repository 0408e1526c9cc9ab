"""Rule kinds: the code behind each ``kind:`` of the rule-pack schema.

Sentence-level kinds (phrase, pattern, regex) find candidate spans in a block; the shared ``SentenceKind.check``
then applies the rule's clearing conditions and hedging. Document-level kinds (require, acronym) look at the whole
document. Every kind turns a validated spec into a compiled object once, at load time.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from typing import TYPE_CHECKING, Any

from irlint.model import Hit, Severity
from irlint.rules import schema
from irlint.rules.context import Analysis, is_cited, is_hedged, is_negated

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span of a block's plain text that a matcher found, with regex groups if any."""

    start: int
    end: int
    groups: tuple[str, ...] = ()


class _Formatter(string.Formatter):
    """Formats message templates; unknown fields render empty instead of failing."""

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Any) -> Any:
        """See the base class."""
        if isinstance(key, int):
            return args[key] if key < len(args) else ""
        return kwargs.get(key, "")


_FORMATTER = _Formatter()


def render(template: str, match: str, groups: tuple[str, ...] = ()) -> str:
    """Fill ``{match}`` and ``{0}``, ``{1}``... (regex groups) into a message or suggestion template."""
    return _FORMATTER.format(template, match, *groups, match=match)


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to run: its validated spec and the pack-wide word lists."""

    spec: Any
    pack_path: str
    line: int | None = None
    marks: dict[tuple[str | int, ...], tuple[int, int]] = field(default_factory=dict)
    hedges: frozenset[str] = field(default_factory=frozenset)
    negators: frozenset[str] = field(default_factory=frozenset)

    @property
    def id(self) -> str:
        """The rule id, e.g. ``claims.guarantee``."""
        return str(self.spec.id)

    @property
    def severity(self) -> Severity:
        """The default severity from the pack."""
        return Severity.parse(self.spec.severity)

    @property
    def document_level(self) -> bool:
        """Whether the rule looks at whole documents rather than sentences."""
        return False

    def prepare(self, nlp: Language) -> None:
        """Build matchers that depend on the spaCy vocabulary; called once per pipeline."""


@dataclass(frozen=True)
class SentenceKind(CompiledRule):
    """Shared behaviour of phrase, pattern and regex rules."""

    context_patterns: tuple[re.Pattern[str], ...] = ()

    def candidates(self, doc: Doc, text: str) -> Iterator[Candidate]:
        """Spans of ``text`` (whose analysis is ``doc``) that the rule's matcher finds."""
        raise NotImplementedError

    def may_occur(self, analysis: Analysis) -> bool:
        """False only when the rule cannot match anywhere in the document (a cheap test before the real one)."""
        return True

    def check_all(self, analysis: Analysis) -> Iterator[Hit]:
        """Hits in every block of the document."""
        if not self.may_occur(analysis):
            return
        for index in range(len(analysis.document.blocks)):
            yield from self.check(analysis, index)

    def check(self, analysis: Analysis, block_index: int) -> Iterator[Hit]:
        """Hits in one block, after clearing conditions and hedging."""
        block = analysis.document.blocks[block_index]
        if self.spec.scopes is not None and block.scope not in self.spec.scopes:
            return
        doc = analysis.docs[block_index]
        for candidate in self.candidates(doc, block.text):
            severity = self._severity(analysis, block_index, candidate)
            if severity is None:
                continue
            matched = block.text[candidate.start : candidate.end]
            yield Hit(
                rule=self.id,
                severity=severity,
                message=render(self.spec.message, matched, candidate.groups),
                block=block_index,
                start=candidate.start,
                end=candidate.end,
                suggestions=self._suggestions(matched, candidate.groups),
            )

    def _suggestions(self, matched: str, groups: tuple[str, ...]) -> tuple[str, ...]:
        suggestions = [render(item, matched, groups) for item in self.spec.suggest]
        if self.spec.replace:
            replaced = _replace_words(matched, self.spec.replace)
            if replaced != matched:
                suggestions.insert(0, replaced)
        return tuple(suggestions)

    def _severity(self, analysis: Analysis, block_index: int, candidate: Candidate) -> Severity | None:
        cleared_by: schema.ClearedBy = self.spec.cleared_by
        block = analysis.document.blocks[block_index]
        sentence = analysis.sentence_at(block_index, candidate.start, candidate.end)
        if cleared_by.citation == "paragraph" and is_cited(block, 0, len(block.text)):
            return None
        if cleared_by.citation == "sentence" and is_cited(block, sentence.start_char, sentence.end_char):
            return None
        if cleared_by.negation and is_negated(sentence, candidate.start, self.negators):
            return None
        if any(pattern.search(sentence.text) for pattern in self.context_patterns):
            return None
        if self.spec.hedged_severity and is_hedged(sentence, self.hedges):
            return min(self.severity, Severity.parse(self.spec.hedged_severity))
        return self.severity


@dataclass(frozen=True)
class PhraseKind(SentenceKind):
    """``kind: phrase``: whole-token phrases by lower case or lemma (spaCy PhraseMatcher)."""

    _matchers: dict[int, Any] = field(default_factory=dict)

    def prepare(self, nlp: Language) -> None:
        """Build this rule's matcher for the pipeline ``nlp``."""
        from spacy.matcher import PhraseMatcher

        spec: schema.PhraseRule = self.spec
        attr = "LEMMA" if spec.match_on == "lemma" else "LOWER"
        matcher = PhraseMatcher(nlp.vocab, attr=attr)
        make = nlp if attr == "LEMMA" else nlp.make_doc
        matcher.add(self.id, [make(phrase) for phrase in spec.phrases])
        self._matchers[id(nlp.vocab)] = matcher

    def candidates(self, doc: Doc, text: str) -> Iterator[Candidate]:
        """Spans the matcher finds in ``text``."""
        matcher = self._matchers[id(doc.vocab)]
        for span in matcher(doc, as_spans=True):
            yield Candidate(span.start_char, span.end_char)


@dataclass(frozen=True)
class PatternKind(SentenceKind):
    """``kind: pattern``: spaCy Matcher token patterns; longest match wins where matches overlap."""

    _matchers: dict[int, Any] = field(default_factory=dict)

    def token_patterns(self, nlp: Language) -> list[list[dict[str, Any]]]:
        """The rule's patterns with string shorthands expanded to lower-case token sequences."""
        patterns: list[list[dict[str, Any]]] = []
        for pattern in self.spec.patterns:
            if isinstance(pattern, str):
                patterns.append([{"LOWER": token.lower_} for token in nlp.make_doc(pattern)])
            else:
                patterns.append(pattern)
        return patterns

    def prepare(self, nlp: Language) -> None:
        """Build this rule's matcher for the pipeline ``nlp``, and the anchor words that let blocks which cannot
        match skip it."""
        from spacy.matcher import Matcher

        patterns = self.token_patterns(nlp)
        matcher = Matcher(nlp.vocab, validate=True)
        matcher.add(self.id, patterns, greedy="LONGEST")
        self._matchers[id(nlp.vocab)] = (matcher, _anchor_keys(patterns, nlp))

    def may_occur(self, analysis: Analysis) -> bool:
        """False when no block holds the words some pattern requires."""
        if not analysis.docs:
            return False
        anchors = self._matchers[id(analysis.docs[0].vocab)][1]
        return anchors is None or any(anchors.may_match(_token_keys(doc)) for doc in analysis.docs)

    def candidates(self, doc: Doc, text: str) -> Iterator[Candidate]:
        """Spans the matcher finds in ``text``."""
        matcher, anchors = self._matchers[id(doc.vocab)]
        # spaCy's Matcher costs ~100x a tokenizer pass: run it only where an anchor word occurs.
        if anchors is not None and not anchors.may_match(_token_keys(doc)):
            return
        for span in matcher(doc, as_spans=True):
            yield Candidate(span.start_char, span.end_char)


_LITERAL_ATTRIBUTES = ("LOWER", "LEMMA", "ORTH", "TEXT")
_KEYS_CACHE = "irlint_token_keys"


def _literal_values(token: dict[str, Any]) -> set[str] | None:
    """The words one of which a token spec requires, or None when it accepts words it does not list."""
    operator = token.get("OP")
    if operator in ("?", "*", "!") or (isinstance(operator, str) and operator.startswith(("{0", "{,"))):
        return None
    for attribute in _LITERAL_ATTRIBUTES:
        value = token.get(attribute)
        if isinstance(value, str):
            return {value if attribute in ("ORTH", "TEXT") else value.lower()}
        if isinstance(value, dict) and set(value) == {"IN"}:
            return {str(item) if attribute in ("ORTH", "TEXT") else str(item).lower() for item in value["IN"]}
    return None


@dataclass(frozen=True, slots=True)
class _Anchors:
    """For each token pattern, the string hashes of the words its required literal tokens accept (as lower case,
    lemma or exact text): a text can match a pattern only if it holds a word from each of the pattern's sets.
    ``first`` unites each pattern's smallest set, for a one-step rejection of most texts."""

    patterns: tuple[tuple[frozenset[int], ...], ...]
    first: frozenset[int]

    def may_match(self, keys: frozenset[int]) -> bool:
        """Whether some pattern has a word from each of its sets among ``keys``."""
        if self.first.isdisjoint(keys):
            return False
        return any(all(not words.isdisjoint(keys) for words in pattern) for pattern in self.patterns)


def _anchor_keys(patterns: Sequence[Sequence[dict[str, Any]]], nlp: Language) -> _Anchors | None:
    """The anchors of ``patterns``; None when some pattern has no required literal token, so that nothing can
    be skipped."""
    anchors: list[tuple[frozenset[int], ...]] = []
    for pattern in patterns:
        required = [values for values in map(_literal_values, pattern) if values]
        if not required:
            return None
        sets = sorted((frozenset(nlp.vocab.strings.add(word) for word in values) for values in required), key=len)
        anchors.append(tuple(sets))
    return _Anchors(tuple(anchors), frozenset().union(*(sets[0] for sets in anchors)))


def _token_keys(doc: Doc) -> frozenset[int]:
    """The hashes of every lower case, lemma and exact text in ``doc``, computed once per doc."""
    keys = doc.user_data.get(_KEYS_CACHE)
    if keys is None:
        from spacy.attrs import LEMMA, LOWER, ORTH

        keys = frozenset(doc.to_array([LOWER, LEMMA, ORTH]).ravel().tolist()) if len(doc) else frozenset()
        doc.user_data[_KEYS_CACHE] = keys
    return keys


@dataclass(frozen=True)
class RegexKind(SentenceKind):
    """``kind: regex``: Python regular expressions over a block's plain text."""

    patterns: tuple[re.Pattern[str], ...] = ()
    exceptions: tuple[re.Pattern[str], ...] = ()
    _prefilter: list[Any] = field(default_factory=list)

    def prepare(self, nlp: Language) -> None:
        """Compile the rule's patterns, joined, with RE2 when they all fit its syntax (no lookaround, no
        backreference): a linear-time scan that lets ASCII blocks without any match skip Python's ``re``."""
        if not self._prefilter:
            self._prefilter.append(_re2_union(self.patterns))

    def candidates(self, doc: Doc, text: str) -> Iterator[Candidate]:
        """Spans the matcher finds in ``text``."""
        # On ASCII text RE2 and re agree on \b, \w, \d and case, so no RE2 match means no re match.
        prefilter = self._prefilter[0] if self._prefilter else None
        if prefilter is not None and text.isascii() and prefilter.search(text) is None:
            return
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                if match.end() == match.start():
                    continue
                if any(exception.fullmatch(match.group()) for exception in self.exceptions):
                    continue
                groups = tuple(group or "" for group in match.groups())
                yield Candidate(match.start(), match.end(), groups)


def _re2_union(patterns: Sequence[re.Pattern[str]]) -> Any:
    """One RE2 regex matching wherever any of ``patterns`` does, or None when one of them uses what RE2 lacks
    or the patterns' flags differ."""
    import re2

    flags = {pattern.flags & ~re.UNICODE for pattern in patterns}
    if len(flags) != 1 or flags.pop() & ~(re.IGNORECASE | re.MULTILINE):
        return None
    options = re2.Options()
    options.log_errors = False
    options.never_capture = True
    options.case_sensitive = not patterns[0].flags & re.IGNORECASE
    try:
        return re2.compile("(?m)" + "|".join(f"(?:{pattern.pattern})" for pattern in patterns), options)
    except re2.error:
        return None


@dataclass(frozen=True)
class RequireKind(CompiledRule):
    """``kind: require``: some sentence must match; checked once per document."""

    alternatives: tuple[tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]], ...] = ()
    trigger_patterns: tuple[re.Pattern[str], ...] = ()

    @property
    def document_level(self) -> bool:
        """Whether the rule looks at whole documents rather than sentences."""
        return True

    @property
    def trigger_rules(self) -> tuple[str, ...]:
        """Rule-id prefixes whose findings make this rule apply."""
        return tuple(self.spec.when.rules) if self.spec.when else ()

    def applies(self, path: str, front_matter: dict[str, Any]) -> bool:
        """Whether the rule's path globs and front-matter filters select this document."""
        applies_to: schema.AppliesTo = self.spec.applies_to
        if applies_to.paths and not any(fnmatch(path, glob) for glob in applies_to.paths):
            return False
        if any(fnmatch(path, glob) for glob in applies_to.exclude_paths):
            return False
        for key, values in applies_to.front_matter.items():
            if front_matter.get(key) not in values:
                return False
        return not any(front_matter.get(key) in values for key, values in applies_to.exclude_front_matter.items())

    def check_document(self, analysis: Analysis, earlier: Sequence[Hit]) -> Iterator[Hit]:
        """A document-level hit when the rule is triggered and no sentence satisfies it."""
        if self.spec.when is not None and not self._triggered(analysis, earlier):
            return
        for _sentence, text in analysis.sentences():
            for required, forbidden in self.alternatives:
                if all(p.search(text) for p in required) and not any(p.search(text) for p in forbidden):
                    return
        yield Hit(
            rule=self.id,
            severity=self.severity,
            message=self.spec.message,
            suggestions=tuple(self.spec.suggest),
        )

    def _triggered(self, analysis: Analysis, earlier: Sequence[Hit]) -> bool:
        prefixes = self.trigger_rules
        if any(_has_prefix(hit.rule, prefixes) for hit in earlier):
            return True
        prose = analysis.document.prose
        return any(pattern.search(prose) for pattern in self.trigger_patterns)


def _has_prefix(rule_id: str, prefixes: Sequence[str]) -> bool:
    return any(rule_id == prefix or rule_id.startswith(prefix.rstrip(".") + ".") for prefix in prefixes)


_WORD = re.compile(r"[\w'’-]+")


def _replace_words(text: str, table: dict[str, str]) -> str:
    """``text`` with each word found in ``table`` (by lower case) replaced, keeping an initial capital."""

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        replacement = table.get(word.lower())
        if replacement is None:
            return word
        return replacement[:1].upper() + replacement[1:] if word[:1].isupper() else replacement

    return _WORD.sub(swap, text)


_ACRONYM = re.compile(r"\b[A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*s?\b")


@dataclass(frozen=True)
class AcronymKind(CompiledRule):
    """``kind: acronym``: the first use of each acronym must be spelled out, e.g. "radiofrequency ablation (RFA)"."""

    @property
    def document_level(self) -> bool:
        """Whether the rule looks at whole documents rather than sentences."""
        return True

    def check_document(self, analysis: Analysis, earlier: Sequence[Hit]) -> Iterator[Hit]:
        """One hit at the first undefined use of each acronym not on the allow-list."""
        spec: schema.AcronymRule = self.spec
        allowed = {item.upper() for item in spec.allow}
        seen: set[str] = set()
        for index, block in enumerate(analysis.document.blocks):
            matches = list(_ACRONYM.finditer(block.text))
            if not matches or _mostly_upper(block.text):
                continue
            for match in matches:
                word = match.group()
                acronym = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
                if not self._is_acronym(acronym) or acronym in seen:
                    continue
                seen.add(acronym)
                if acronym.upper() in allowed or _defined_here(block.text, match.start(), match.end()):
                    continue
                if _shouted_or_placeholder(block.text, match.start(), match.end()):
                    seen.discard(acronym)
                    continue
                yield Hit(
                    rule=self.id,
                    severity=self.severity,
                    message=render(spec.message, acronym),
                    block=index,
                    start=match.start(),
                    end=match.start() + len(acronym),
                    suggestions=tuple(render(item, acronym) for item in spec.suggest),
                )

    def _is_acronym(self, word: str) -> bool:
        upper = sum(1 for char in word if char.isupper())
        return self.spec.min_length <= len(word) <= self.spec.max_length and upper >= max(2, len(word) - 1)


def _mostly_upper(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 12 and sum(char.isupper() for char in letters) / len(letters) > 0.6


_CAPS_WORD = re.compile(r"[A-Z][A-Z0-9&]+")


def _shouted_or_placeholder(text: str, start: int, end: int) -> bool:
    """Capitals that are not an acronym: inside [brackets] or {braces}, a run of one letter (XXX), or one word
    of several in capitals ("INSERT PHONE", "CALL NOW")."""
    word = text[start:end]
    if len(set(word.rstrip("s"))) == 1:
        return True
    opened = max(text.rfind("[", 0, start), text.rfind("{", 0, start))
    if opened != -1 and max(text.rfind("]", 0, start), text.rfind("}", 0, start)) < opened:
        return True
    before = text[:start].split()[-1:] or [""]
    after = text[end:].split()[:1] or [""]
    return any(_CAPS_WORD.fullmatch(neighbour.strip(".,:;!?()\"'")) for neighbour in (*before, *after))


def _defined_here(text: str, start: int, end: int) -> bool:
    """ "Long Form (ABBR)" or "ABBR (long form)" at this use."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    if before.endswith("(") and after.startswith(")"):
        return len(before[:-1].split()) >= 1
    return after.startswith("(") and ")" in after and len(after[1 : after.index(")")].split()) >= 2


KINDS: dict[str, type[CompiledRule]] = {
    "phrase": PhraseKind,
    "pattern": PatternKind,
    "regex": RegexKind,
    "require": RequireKind,
    "acronym": AcronymKind,
}
