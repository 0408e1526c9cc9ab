"""spaCy pipelines, loaded once per process and per configuration (an explicit cache).

The default pipeline needs no trained model: spaCy's blank English tokenizer, the rule-based sentencizer and
lower-case lemmas from the lookup table shipped in spacy-lookups-data. A trained pipeline (for example
``en_core_web_sm``) can be configured for rules that need part-of-speech tags.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from irlint.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BLANK = "blank"
_LEMMA_COMPONENT = "irlint_lookup_lemmas"


@functools.cache
def _lemma_table() -> Any:
    """spaCy's English lemma lookup table (keys are hashed; ``get`` takes the word)."""
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def _register_lemma_component() -> None:
    from spacy.language import Language

    if Language.has_factory(_LEMMA_COMPONENT):
        return

    @Language.component(_LEMMA_COMPONENT)
    def lookup_lemmas(doc: Doc) -> Doc:
        table = _lemma_table()
        for token in doc:
            lower = token.lower_
            token.lemma_ = table.get(lower, lower)
        return doc


@functools.cache
def load_pipeline(name: str = BLANK) -> Language:
    """The spaCy pipeline called ``name`` ("blank" or an installed trained pipeline), with sentences and lemmas."""
    import spacy

    _register_lemma_component()
    if name == BLANK:
        nlp = spacy.blank("en")
    else:
        try:
            nlp = spacy.load(name, exclude=["ner", "parser", "lemmatizer"])
        except OSError:
            raise ConfigError(
                f"spaCy pipeline {name!r} is not installed (pip install it, or set nlp.pipeline to 'blank')",
                "config",
            ) from None
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(_LEMMA_COMPONENT)
    return nlp


def has_tagger(nlp: Language) -> bool:
    """Whether the pipeline assigns part-of-speech tags."""
    return any(name in nlp.pipe_names for name in ("tagger", "morphologizer"))


def analyze(texts: list[str], pipeline: str = BLANK) -> list[Doc]:
    """Tokenize, split into sentences and lemmatize each text."""
    nlp = load_pipeline(pipeline)
    return list(nlp.pipe(texts, batch_size=64))
