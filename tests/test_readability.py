"""Plain language: the reading grade (and its agreement with textstat), long sentences, jargon, their configuration,
and that none of it needs the network."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from irlint.config import load_settings
from irlint.documents import parse_document, read_document
from irlint.engine import Linter
from irlint.errors import ConfigError
from irlint.model import Finding
from irlint.nlp import analyze
from irlint.rules import readability
from irlint.rules.context import Analysis
from irlint.rules.kinds import CompiledRule
from irlint.rules.loader import configure_rules, load_rules
from irlint.rules.readability import JargonKind, ReadabilityKind, SentenceLengthKind, measure, prose_sentences
from tests.conftest import FIXTURES, ROOT

SEED = FIXTURES / "seed" / "seed.txt"
DOCUMENTS = sorted((FIXTURES / "documents").glob("*.*"))
RULES = load_rules()


def analysis_of(text: str, path: str = "page.txt") -> Analysis:
    document = parse_document(text, path)
    return Analysis(document, analyze([block.text for block in document.blocks]))


def analysis_of_file(path: Path) -> Analysis:
    document = read_document(path)
    return Analysis(document, analyze([block.text for block in document.blocks]))


@cache
def _linter(select: str) -> Linter:
    from irlint.config import Settings

    linter = Linter(Settings(select=(select,)), RULES)
    linter.prepare()
    return linter


def lint(text: str, select: str, path: str = "page.txt") -> list[Finding]:
    """Findings of the rules under ``select`` (no LanguageTool: it is not selected)."""
    return [f for f in _linter(select).lint_text(text, path) if f.rule.startswith(select)]


def settings_from(tmp_path: Path, text: str) -> object:
    config = tmp_path / ".irlint.yaml"
    config.write_text(text, encoding="utf-8")
    return load_settings(config)


def configured_linter(tmp_path: Path, config: str) -> Linter:
    """A linter whose rules carry the config's readability settings (as the engine applies them)."""
    settings = settings_from(tmp_path, config)
    linter = Linter(settings, configure_rules(load_rules(), settings))  # type: ignore[arg-type]
    linter.prepare()
    return linter


# -- textstat, offline ------------------------------------------------------------------------------------------------


@pytest.fixture
def textstat_offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """textstat with its CMU dictionary switched off (it would download it through NLTK), so that it counts
    syllables with pyphen alone, as irlint does; its result caches are cleared before and after."""
    import importlib
    import pkgutil

    import textstat
    import textstat.backend

    modules = [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(textstat.backend.__path__, "textstat.backend.")
        if not info.ispkg
    ]

    def clear() -> None:
        for module in modules:
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()

    counter = importlib.import_module("textstat.backend.counts._count_syllables")
    monkeypatch.setattr(counter, "get_cmudict", lambda lang: None)
    clear()
    yield textstat
    clear()


def _projection(analysis: Analysis, normalise: bool = False) -> str:
    """The measured sentences as one text that textstat splits into the same sentences: each ends with a full stop;
    with ``normalise``, full stops inside a sentence ("Dr.", "a.m.") are dropped (textstat's splitter would cut
    there; they are punctuation, so no word changes)."""
    parts = []
    for sentence in prose_sentences(analysis):
        if not sentence.measured:
            continue
        text = " ".join(sentence.text.split())
        if normalise:
            text = re.sub(r"[.!?](?=.)", "", text)
        if not re.search(r"[.!?][\"”’)\]]*$", text):
            text += "."
        parts.append(text)
    return " ".join(parts)


def test_the_seed_grade_agrees_with_textstat(textstat_offline: object) -> None:
    import textstat

    analysis = analysis_of_file(SEED)
    stats = measure(analysis)
    text = _projection(analysis)
    assert (stats.words, stats.sentences) == (textstat.lexicon_count(text), textstat.sentence_count(text))
    assert stats.flesch_kincaid_grade == pytest.approx(textstat.flesch_kincaid_grade(text), abs=0.1)
    assert stats.smog_index == pytest.approx(textstat.smog_index(text), abs=0.1)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_every_fixture_grade_agrees_with_textstat_on_the_same_sentences(textstat_offline: object, path: Path) -> None:
    import textstat

    analysis = analysis_of_file(path)
    stats = measure(analysis)
    text = _projection(analysis, normalise=True)
    assert stats.words == textstat.lexicon_count(text)
    assert stats.sentences == textstat.sentence_count(text)
    assert stats.flesch_kincaid_grade == pytest.approx(textstat.flesch_kincaid_grade(text), abs=0.1)
    assert stats.smog_index == pytest.approx(textstat.smog_index(text), abs=0.1)


def test_syllables_are_textstats_pyphen_counts(textstat_offline: object) -> None:
    import textstat

    for word in ["interventional", "radiology", "angioplasty", "the", "area", "it's", "imageguided", "2024"]:
        assert readability.syllables(word) == textstat.syllable_count(word), word


def test_words_are_counted_as_textstat_counts_them(textstat_offline: object) -> None:
    import textstat

    text = "It’s an image-guided, 45-minute procedure — don't worry: X-rays (and CT scans) help! 'Quoted' words."
    assert readability.words(text) == ["Its", "an", "imageguided", "45minute", "procedure", "don't", "worry", "Xrays",
                                       "and", "CT", "scans", "help", "Quoted", "words"]  # fmt: skip
    assert len(readability.words(text)) == textstat.lexicon_count(text)


# -- what is measured -------------------------------------------------------------------------------------------------


def test_seed_figures() -> None:
    stats = measure(analysis_of_file(SEED))
    assert (stats.words, stats.sentences, stats.flesch_kincaid_grade, stats.smog_index) == (604, 35, 13.7, 15.1)


def test_the_renderings_of_the_seed_measure_alike() -> None:
    txt, html = (measure(analysis_of_file(FIXTURES / "seed" / name)) for name in ("seed.txt", "seed.html"))
    assert txt == html
    md = measure(analysis_of_file(FIXTURES / "seed" / "seed.md"))  # "Leave a Reply" is a paragraph there
    assert abs(md.flesch_kincaid_grade - txt.flesch_kincaid_grade) <= 0.3  # type: ignore[operator]


def test_headings_are_not_measured_and_never_merge_into_the_next_sentence() -> None:
    analysis = analysis_of(
        "# Minimally Invasive Techniques\n\nThe doctor uses a thin needle. It takes an hour.\n", "a.md"
    )
    sentences = prose_sentences(analysis)
    assert [(s.text, s.prose, s.measured) for s in sentences] == [
        ("Minimally Invasive Techniques", False, False),
        ("The doctor uses a thin needle.", True, True),
        ("It takes an hour.", True, True),
    ]
    assert (measure(analysis).words, measure(analysis).sentences) == (10, 2)


def test_plain_text_headings_without_a_full_stop_stay_apart() -> None:
    analysis = analysis_of("Pain Management\nOne of the core applications is direct pain management.\n")
    assert [s.text for s in prose_sentences(analysis) if s.measured] == [
        "One of the core applications is direct pain management."
    ]


def test_list_items_are_their_own_sentences_and_fragments_are_not_measured() -> None:
    text = "Benefits:\n\n- Painless\n- No downtime\n- Most people go home the same day\n\nCall today.\n"
    analysis = analysis_of(text, "a.md")
    assert [s.text for s in prose_sentences(analysis) if s.measured] == ["Most people go home the same day"]
    assert measure(analysis).words == 7


def test_reference_entries_are_not_prose() -> None:
    text = (
        "Most episodes ease on their own over a few weeks.[^1] When pain lasts, doctors look more closely.\n\n"
        "1. Kaplan R, Berg M. Duration of relief after lumbar facet radiofrequency ablation: a two-year follow-up. "
        "*Journal of Spine Procedures*. 2022;15(3):140-147.\n"
    )
    analysis = analysis_of(text, "a.md")
    assert [s.text for s in prose_sentences(analysis) if s.prose] == [
        "Most episodes ease on their own over a few weeks.[^1]",
        "When pain lasts, doctors look more closely.",
    ]


def test_sentence_ends_the_sentencizer_misses() -> None:
    text = (
        "Relief lasts for months.² Call us. We are open until 4:30 p.m. The office is closed on Sundays, etc. "
        "Dr. Lee sees you."
    )
    analysis = analysis_of(text)
    assert [s.text for s in prose_sentences(analysis)] == [
        "Relief lasts for months.²",
        "Call us.",
        "We are open until 4:30 p.m.",
        "The office is closed on Sundays, etc.",
        "Dr. Lee sees you.",
    ]


def test_no_prose_means_no_grade() -> None:
    stats = measure(analysis_of("# Contact\n\n- Phone\n- Email\n", "a.md"))
    assert (stats.words, stats.sentences, stats.flesch_kincaid_grade, stats.smog_index) == (0, 0, None, None)


def test_measure_is_computed_once_per_analysis() -> None:
    analysis = analysis_of_file(SEED)
    first = measure(analysis)
    assert measure(analysis) is first
    assert analysis.memo["readability.stats"] is first


# -- offline ----------------------------------------------------------------------------------------------------------


def test_readability_works_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    readability.syllables.cache_clear()
    readability._hyphenator.cache_clear()
    assert measure(analysis_of_file(SEED)).flesch_kincaid_grade == 13.7
    assert [f.rule for f in lint(SEED.read_text(encoding="utf-8"), "readability.grade")] == ["readability.grade"]


def test_a_fresh_process_measures_with_the_network_blocked() -> None:
    """The first use in a new process (imports, pyphen's dictionary) reaches for no socket."""
    script = (
        "import socket\n"
        "class Blocked(socket.socket):\n"  # a class, so that modules can still subclass it (ssl does)
        "    def __init__(self, *args, **kwargs):\n"
        "        raise OSError('network blocked')\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network blocked')\n"
        "socket.socket = Blocked\n"
        "socket.create_connection = socket.getaddrinfo = refuse\n"
        "from irlint.config import Settings\n"
        "from irlint.engine import Linter\n"
        "linter = Linter(Settings(select=('readability', 'jargon')))\n"
        f"findings = linter.lint_text(open({str(SEED)!r}, encoding='utf-8').read(), 'seed.txt')\n"
        "print(sorted({f.rule for f in findings}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['jargon.undefined', 'readability.grade', 'readability.sentence-length']"


# -- readability.grade -------------------------------------------------------------------------------------------------


def test_the_seed_gets_a_grade_finding_with_its_grade() -> None:
    findings = lint(SEED.read_text(encoding="utf-8"), "readability.grade")
    assert [(f.line, f.column, f.severity.label, f.text) for f in findings] == [(1, 1, "warning", "")]
    assert findings[0].message == (
        "Reading grade 13.7 (Flesch–Kincaid; SMOG 15.1) is above the ceiling of 8 for patient-facing copy. "
        "Use shorter sentences and everyday words."
    )
    assert findings[0].suggestions == ()


@pytest.mark.parametrize("path", sorted((FIXTURES / "documents").glob("compliant-*")), ids=lambda p: p.name)
def test_compliant_fixtures_are_under_the_ceiling(path: Path) -> None:
    stats = measure(analysis_of_file(path))
    assert stats.flesch_kincaid_grade is not None and stats.flesch_kincaid_grade <= 8


def _grade_rule(**changes: object) -> ReadabilityKind:
    rule = next(rule for rule in RULES if rule.id == "readability.grade")
    assert isinstance(rule, ReadabilityKind)
    return rule.__class__(**{**rule.__dict__, "spec": rule.spec.model_copy(update=changes)})


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "Reading grade 13.7 (Flesch–Kincaid; SMOG 15.1) is above the ceiling of 8"),
        ({"formula": "smog"}, "Reading grade 15.1 (SMOG; Flesch–Kincaid 13.7) is above the ceiling of 8"),
        ({"formula": "auto"}, "Reading grade 15.1 (SMOG; Flesch–Kincaid 13.7)"),  # 35 sentences: SMOG
        (
            {"formula": "max", "ceiling": 14.5},
            "Reading grade 15.1 (SMOG; Flesch–Kincaid 13.7) is above the ceiling of 14.5",
        ),
        ({"ceiling": 13.7}, None),  # not above: equal
        ({"ceiling": 16}, None),
        ({"min_words": 605}, None),  # 604 words measured
    ],
)
def test_grade_parameters(changes: dict[str, object], expected: str | None) -> None:
    hits = list(_grade_rule(**changes).check_document(analysis_of_file(SEED), []))
    if expected is None:
        assert hits == []
    else:
        assert len(hits) == 1 and hits[0].message.startswith(expected) and hits[0].block is None


def test_auto_uses_flesch_kincaid_below_thirty_sentences() -> None:
    text = "Percutaneous image-guided interventions facilitate minimally invasive therapeutic modalities."
    hits = list(_grade_rule(formula="auto").check_document(analysis_of(text), []))
    assert "(Flesch–Kincaid; SMOG" in hits[0].message


def test_the_grade_is_judged_as_shown_rounded_to_one_decimal() -> None:
    analysis = analysis_of_file(SEED)
    assert list(_grade_rule(ceiling=13.65).check_document(analysis, []))  # 13.7 > 13.65
    assert not list(_grade_rule(ceiling=13.7).check_document(analysis, []))


# -- readability.sentence-length ---------------------------------------------------------------------------------------


def _sentence(words: int) -> str:
    return " ".join(["word"] * (words - 1)) + " end."


def test_sentence_length_counts_words_not_tokens() -> None:
    # 25 words with commas, a hyphenated word, a number and a dash: at the limit, not over it
    text = (
        "Unlike traditional surgeries, which often require large incisions and lengthy recovery times, IR procedures "
        "typically involve tiny incisions or the insertion of a small needle."
    )
    assert len(readability.words(text)) == 25
    assert lint(text, "readability.sentence-length") == []
    longer = text.replace("a small needle", "a small, image-guided needle — 2 mm wide")
    findings = lint(longer, "readability.sentence-length")
    assert [(f.column, f.text, f.message) for f in findings] == [
        (1, longer, "Long sentence: 29 words (limit 25). Split it into shorter sentences.")
    ]
    assert findings[0].severity.label == "info"


def test_the_seed_long_sentence() -> None:
    findings = lint(SEED.read_text(encoding="utf-8"), "readability.sentence-length")
    assert [(f.line, f.column, f.text[:40], f.message[:27]) for f in findings] == [
        (16, 307, "If you or a loved one are living with ch", "Long sentence: 28 words (li")
    ]


def test_long_sentences_are_flagged_where_they_are_across_markup() -> None:
    text = f"# Title\n\nShort one. {_sentence(30)}\n\n- {_sentence(27)}\n"
    findings = lint(text, "readability.sentence-length", "a.md")
    assert [(f.line, f.column, f.end_column) for f in findings] == [
        (3, 12, 12 + len(_sentence(30))),
        (5, 3, 3 + len(_sentence(27))),
    ]


def test_headings_are_not_sentences_for_the_length_rule() -> None:
    assert lint(f"# {_sentence(30)}\n", "readability.sentence-length", "a.md") == []


# -- jargon.undefined --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The doctor guides a catheter (a thin, flexible tube) to the knee.",
        "Angiography, a type of imaging used to visualize blood vessels, shows the narrowed artery.",
        "A catheter, which is a thin, flexible tube, is guided through the artery.",
        "Kyphoplasty is a procedure that repairs a broken spine bone.",
        "Endovenous laser ablation (EVLA) is a procedure that closes a faulty vein from the inside.",
        "The doctor checks the nerves with a test called a medial branch block.",
        "The doctor threads a thin, flexible tube (catheter) into the artery.",
        "Stenosis means narrowing. It can press on nerves.",
        "Your doctor may suggest vertebroplasty. During this procedure, cement is injected into the bone.",
        "Other options include sclerotherapy. Sclerotherapy is an injection of a solution that closes small veins.",
        "The doctor may use a stent to keep the artery open. It is a small mesh tube.",
        "Angioplasty opens the artery with a tiny balloon.",
        "Uterine fibroids are growths in the muscle wall of the uterus.",
        "Ask about [kyphoplasty](https://example.org/glossary#kyphoplasty) at your visit.",
    ],
)
def test_explained_terms_pass(text: str) -> None:
    assert lint(text, "jargon", "a.md") == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The doctor may recommend kyphoplasty.", "kyphoplasty"),
        ("Percutaneous drainage is performed under fluoroscopy.", "Percutaneous"),
        ("Radiofrequency ablation (RFA) can help. Call us today.", "ablation"),  # an acronym is not an explanation
        ("Ablation (Smith, 2021) can help some people.", "Ablation"),  # nor is a citation
        ("A herniated disc is the most common cause of sciatica.", "herniated disc"),
        (
            "This can relief for conditions like nerve impingements, degenerative disc disease, or joint inflammation.",
            "impingements",
        ),
        ("After hematomas, the area may stay sore.", "hematomas"),  # a plural the lemma table lacks
    ],
)
def test_unexplained_terms_are_flagged(text: str, flagged: str) -> None:
    findings = lint(text, "jargon", "a.md")
    assert findings and findings[0].text == flagged
    assert findings[0].severity.label == "info"


def test_jargon_message_and_suggestion() -> None:
    (finding,) = lint("Using imaging guidance, a radiologist inserts a catheter to remove fluid.", "jargon")
    assert finding.message == (
        "Medical term 'catheter' is not explained. Say what it means in plain words, e.g. \"a thin, flexible tube\", "
        "in this sentence or the next."
    )
    assert finding.suggestions == ("catheter (a thin, flexible tube)",)


def test_only_the_first_use_of_a_term_counts() -> None:
    text = "Kyphoplasty is a procedure that repairs a broken spine bone. Kyphoplasty takes an hour."
    assert lint(text, "jargon") == []
    text = "Ask about kyphoplasty. It takes an hour. Kyphoplasty is a procedure that repairs a broken spine bone."
    assert [(f.column, f.text) for f in lint(text, "jargon")] == [(11, "kyphoplasty")]
    text = "Ask about kyphoplasty. Many people have kyphoplasty."
    assert len(lint(text, "jargon")) == 1


def test_headings_and_references_are_not_checked_for_jargon() -> None:
    text = (
        "# What is kyphoplasty?\n\n"
        "Kyphoplasty is a procedure that repairs a broken spine bone.\n\n"
        "1. Lee A. Kyphoplasty outcomes. Spine J. 2020;3(1):1-9.\n"
    )
    assert lint(text, "jargon", "a.md") == []


def test_the_seed_jargon() -> None:
    findings = lint(SEED.read_text(encoding="utf-8"), "jargon")
    assert [f.text for f in findings] == [
        "angioplasty",
        "stenting",
        "abscesses",
        "catheter",
        "pancreatitis",
        "impingements",
        "degenerative disc disease",
    ]


def test_the_jargon_list_is_long_enough_and_every_term_has_a_plain_alternative() -> None:
    rule = next(rule for rule in RULES if rule.id == "jargon.undefined")
    terms = rule.spec.terms
    assert len(terms) >= 60
    for term, value in terms.items():
        plain = value if isinstance(value, str) else value[0]
        assert plain.strip() and plain.lower() != term.lower(), term
    for required in ["ablation", "impingement", "angioplasty", "analgesic"]:
        assert required in terms


# -- configuration -----------------------------------------------------------------------------------------------------


def test_config_changes_the_ceiling_the_sentence_length_and_the_jargon_list(tmp_path: Path) -> None:
    linter = configured_linter(
        tmp_path,
        "select: [readability, jargon]\n"
        "readability:\n"
        "  grade-ceiling: 14\n"
        "  sentence-words: 20\n"
        "  jargon:\n"
        "    add: {interventional radiology: image-guided treatment}\n"
        "    allow: [catheter, Angioplasty]\n",
    )
    findings = linter.lint_text(SEED.read_text(encoding="utf-8"), str(tmp_path / "seed.txt"))
    rules = [f.rule for f in findings]
    assert "readability.grade" not in rules  # 13.7 <= 14
    over_20 = [s for s in prose_sentences(analysis_of_file(SEED)) if s.prose and len(s.words) > 20]
    assert rules.count("readability.sentence-length") == len(over_20) == 9
    jargon = [f.text for f in findings if f.rule == "jargon.undefined"]
    assert "catheter" not in jargon and "angioplasty" not in jargon
    assert jargon[0] == "interventional radiology"


def test_config_formula(tmp_path: Path) -> None:
    linter = configured_linter(
        tmp_path, "select: [readability.grade]\nreadability: {formula: smog, grade-ceiling: 15}\n"
    )
    (finding,) = linter.lint_text(SEED.read_text(encoding="utf-8"), str(tmp_path / "seed.txt"))
    assert finding.message.startswith("Reading grade 15.1 (SMOG; Flesch–Kincaid 13.7) is above the ceiling of 15 for")


def test_per_path_grade_ceiling(tmp_path: Path) -> None:
    linter = configured_linter(
        tmp_path,
        "select: [readability]\n"
        "readability: {grade-ceiling: 8}\n"
        "per-path:\n"
        "  - paths: ['physicians/**']\n"
        "    readability: {grade-ceiling: 16, sentence-words: 40}\n",
    )
    seed = SEED.read_text(encoding="utf-8")
    patients = [f.rule for f in linter.lint_text(seed, str(tmp_path / "patients" / "seed.txt"))]
    physicians = [f.rule for f in linter.lint_text(seed, str(tmp_path / "physicians" / "seed.txt"))]
    assert patients == ["readability.grade", "readability.sentence-length"]
    assert physicians == []


def test_configuring_is_idempotent_and_starts_from_the_pack(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, "readability: {grade-ceiling: 10, jargon: {add: {ouch: pain}}}\n")
    once = configure_rules(RULES, settings)  # type: ignore[arg-type]
    twice = configure_rules(once, settings)  # type: ignore[arg-type]
    assert [rule.spec for rule in once] == [rule.spec for rule in twice]
    grade = next(rule for rule in twice if rule.id == "readability.grade")
    assert grade.spec.ceiling == 10
    default = configure_rules(twice, settings_from(tmp_path, "select: [claims]\n"))  # type: ignore[arg-type]
    assert next(rule for rule in default if rule.id == "readability.grade").spec.ceiling == 8
    assert "ouch" not in next(rule for rule in default if rule.id == "jargon.undefined").spec.terms


def test_other_packs_rules_of_these_kinds_keep_their_parameters(tmp_path: Path) -> None:
    pack = tmp_path / "house" / "house.yaml"
    pack.parent.mkdir()
    pack.write_text(
        "pack: house\ndescription: d\nrules:\n"
        "  - id: house.grade-strict\n    kind: readability\n    severity: info\n    message: 'grade {grade}'\n"
        "    description: d\n    rationale: r\n    sources: [{title: t}]\n    ceiling: 6\n"
        "    examples: {flag: [x], pass: [y]}\n",
        encoding="utf-8",
    )
    settings = settings_from(tmp_path, "rule-packs: [house]\nreadability: {grade-ceiling: 12}\n")
    rules: list[CompiledRule] = configure_rules(load_rules(settings.rule_packs), settings)  # type: ignore[attr-defined,arg-type]
    ceilings = {rule.id: rule.spec.ceiling for rule in rules if isinstance(rule, ReadabilityKind)}
    assert ceilings == {"readability.grade": 12, "house.grade-strict": 6}


def test_an_allowed_term_that_is_not_on_the_list_is_an_error_at_its_line(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, "readability:\n  jargon:\n    allow: [catheter, ablaton]\n")
    with pytest.raises(ConfigError) as raised:
        configure_rules(RULES, settings)  # type: ignore[arg-type]
    assert str(raised.value).endswith(
        ".irlint.yaml:3:23: readability.jargon.allow: 'ablaton' is not on the jargon list "
        "(the terms in rules/jargon.yaml)"
    )


def test_kinds_are_registered_for_rule_packs() -> None:
    kinds = {type(rule) for rule in RULES}
    assert {ReadabilityKind, SentenceLengthKind, JargonKind} <= kinds
    assert all(rule.document_level for rule in RULES if isinstance(rule, readability._Configurable))


# -- through the command line ----------------------------------------------------------------------------------------


def test_the_readability_section_reaches_the_command_line(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from irlint.cli import main

    words = " ".join(["word"] * 21)
    (tmp_path / "page.txt").write_text(f"This sentence has {words}.\n", encoding="utf-8")
    (tmp_path / "strict.yaml").write_text("readability:\n  sentence-words: 20\n", encoding="utf-8")
    (tmp_path / "loose.yaml").write_text("readability:\n  sentence-words: 30\n", encoding="utf-8")

    def long_sentences(config: str) -> list[str]:
        arguments = ["check", "--no-grammar", "--format", "json", "--select", "readability.sentence-length"]
        result = CliRunner().invoke(main, [*arguments, "--config", str(tmp_path / config), str(tmp_path / "page.txt")])
        return [finding["message"] for finding in json.loads(result.stdout)["findings"]]

    assert long_sentences("strict.yaml") == ["Long sentence: 24 words (limit 20). Split it into shorter sentences."]
    assert long_sentences("loose.yaml") == []
