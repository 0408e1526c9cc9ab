"""Translate irlint's rule packs (rules/*.yaml) into a Vale style, so that Vale does the same work in the benchmark.

* ``phrase`` rules become ``existence`` rules with the same phrase lists (a ``lemma`` phrase lists every form of
  its words);
* ``pattern`` rules (spaCy token patterns) become ``existence`` rules with one regular expression per pattern:
  ``LOWER``/``ORTH`` values and ``IN`` lists become alternations, ``LEMMA`` lists every word form that spaCy's lookup
  table (spacy-lookups-data, which irlint uses) maps to the lemma, ``NOT_IN`` becomes a negative look-ahead, a token
  with only ``IS_PUNCT: false`` becomes "any word", and ``OP`` becomes a quantifier;
* ``regex`` rules become ``existence`` rules with the same expressions (Python syntax turned into Vale's .NET-style
  syntax), and their exceptions become Vale exceptions;
* a rule with a ``replace`` mapping becomes a ``substitution`` rule (one swap per replaced word);
* document-level ``require`` rules (disclaimers, fair balance) become ``occurrence`` rules over the whole document
  (``scope: summary``, ``min: 1``): Vale reports the document when none of the required expressions occurs;
* the ``acronym`` rule becomes a ``conditional`` rule (an acronym needs a "Full Term (ACRONYM)" definition);
* ``readability`` becomes a ``readability`` rule with the same formula and ceiling, ``sentence-length`` an
  ``occurrence`` rule (``scope: sentence``, ``max``: the word limit), and ``jargon`` a ``substitution`` rule from
  each term (every form) to its plain alternative.

What cannot be expressed in Vale is dropped and listed in ``translation.json`` and on standard error: citation,
negation and context clearing, hedged severities, a ``require`` rule's trigger (``when``) and ``applies_to``
conditions, how a jargon term is explained, spaCy's tokenization and sentence boundaries.
Rules that irlint leaves off by default (``enabled: false``) are left out too.

Usage::

    python bench/vale_style.py --rules rules --out bench/.work/vale

writes ``<out>/.vale.ini``, ``<out>/styles/IrlintBench/*.yml`` and ``<out>/translation.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

STYLE = "IrlintBench"
LEVELS = {"error": "error", "warning": "warning", "info": "suggestion"}
# A word for "any token that is not punctuation" in a spaCy pattern.
WORD = r"[\w'’]+"


@dataclass
class Translation:
    """What became of one irlint rule."""

    rule: str
    vale_rules: list[str] = field(default_factory=list)
    approximations: list[str] = field(default_factory=list)
    skipped: str | None = None


# --- lemma forms -------------------------------------------------------------------------------------------------


@cache
def _lemma_table() -> dict[str, str]:
    """spaCy's English lemma lookup table (word -> lemma), as irlint's pipeline uses it."""
    try:
        import spacy_lookups_data
    except ImportError:
        return {}
    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        table: dict[str, str] = json.load(handle)
    return table


@cache
def _forms_by_lemma() -> dict[str, tuple[str, ...]]:
    inverted: dict[str, list[str]] = {}
    for word, lemma in sorted(_lemma_table().items()):
        inverted.setdefault(lemma.lower(), []).append(word.lower())
    return {lemma: tuple(words) for lemma, words in inverted.items()}


def lemma_forms(lemma: str) -> list[str]:
    """Every lower-case word whose lemma (by irlint's lookup table) is ``lemma``, the lemma itself included."""
    lemma = lemma.lower()
    table = _lemma_table()
    forms = list(_forms_by_lemma().get(lemma, ()))
    if table.get(lemma, lemma) == lemma:
        forms.append(lemma)
    if not table:  # no lookup table: a rough English fallback
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms.extend([lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"])
    return sorted(set(forms), key=lambda form: (-len(form), form))


# --- regular expressions -----------------------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    unique = sorted({word for word in words if word}, key=lambda word: (-len(word), word))
    return "(?:" + "|".join(_literal(word) for word in unique) + ")"


def _literal(text: str) -> str:
    """A literal as a regex; a space matches any run of whitespace, as between spaCy tokens."""
    return r"\s+".join(re.escape(part) for part in text.split())


def python_to_vale_regex(pattern: str) -> str:
    """Python ``re`` syntax to Vale's (regexp2, .NET-like): named groups and ``\\Z``."""
    pattern = re.sub(r"\(\?P<(\w+)>", r"(?<\1>", pattern)
    pattern = re.sub(r"\(\?P=(\w+)\)", r"\\k<\1>", pattern)
    return pattern.replace(r"\Z", r"\z")


def _spacy_value(value: Any, approximations: list[str], key: str) -> tuple[str, list[str]]:
    """The regex of one attribute value (a string, or a dict with IN / NOT_IN) and its literal alternatives."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        words = [str(value)]
        return _alternation(words), words
    if isinstance(value, dict):
        if "IN" in value:
            words = [str(word) for word in value["IN"]]
            return _alternation(words), words
        if "NOT_IN" in value:
            return f"(?!{_alternation(str(word) for word in value['NOT_IN'])}(?![\\w'’])){WORD}", []
    approximations.append(f"{key} value {value!r} matched as any word")
    return WORD, []


def _token_regex(token: dict[str, Any], approximations: list[str]) -> tuple[str, list[str]]:
    """One spaCy token pattern as (regex, literal alternatives or [] when it can be any word)."""
    parts: list[str] = []
    literals: list[str] | None = None
    for key, value in token.items():
        if key == "OP":
            continue
        if key in ("LOWER", "ORTH", "TEXT", "NORM"):
            regex, words = _spacy_value(value, approximations, key)
            parts.append(regex)
            literals = words if literals is None else literals
        elif key == "LEMMA":
            if isinstance(value, dict) and "IN" in value:
                lemmas = [str(word) for word in value["IN"]]
            elif isinstance(value, str):
                lemmas = [value]
            else:
                approximations.append(f"LEMMA value {value!r} matched as any word")
                parts.append(WORD)
                continue
            forms = [form for lemma in lemmas for form in lemma_forms(lemma)]
            parts.append(_alternation(forms))
            literals = forms if literals is None else literals
        elif key == "IS_PUNCT":
            parts.append(r"[^\w\s]" if value else WORD)
        elif key in ("LIKE_NUM", "IS_DIGIT"):
            parts.append(r"\d+(?:[.,]\d+)*" if value else WORD)
        else:
            approximations.append(f"token attribute {key} matched as any word")
            parts.append(WORD)
    if not parts:
        return r"\S+", []
    # Several attributes on one token must all hold: the last one consumes, the others are look-aheads.
    regex = "".join(f"(?={part}(?![\\w'’]))" for part in parts[:-1]) + parts[-1]
    return regex, literals or []


def _attaches_before(literals: list[str]) -> bool:
    return any(not word[:1].isalnum() or word.startswith("n'") for word in literals)


def _attaches_after(literals: list[str]) -> bool:
    return any(not word[-1:].isalnum() for word in literals)


def _separator(before: list[str], after: list[str]) -> str:
    """Whitespace between two tokens: optional next to punctuation ("100%", "pain-free"), required between words."""
    return r"\s*" if _attaches_after(before) or _attaches_before(after) else r"\s+"


def spacy_pattern_to_regex(pattern: str | list[dict[str, Any]], approximations: list[str]) -> str:
    """A spaCy Matcher pattern (or the string shorthand for its lower-case words) as one regular expression."""
    if isinstance(pattern, str):
        tokens: list[dict[str, Any]] = [{"LOWER": word} for word in pattern.lower().split()]
    else:
        tokens = pattern
    pieces: list[tuple[str, str, list[str]]] = []  # (regex, quantifier, literals)
    for token in tokens:
        op = str(token.get("OP", ""))
        regex, literals = _token_regex(token, approximations)
        if op == "!":
            approximations.append("negated token (OP '!') dropped")
            continue
        quantifier = {"": "", "?": "?", "*": "*", "+": "+"}.get(op, op)
        pieces.append((regex, quantifier, literals))

    out = ""
    carried = False  # an optional first token carries its separator inside its group
    for index, (regex, quantifier, literals) in enumerate(pieces):
        if index == 0:
            if quantifier and len(pieces) > 1:
                out += f"(?:{regex}{_separator(literals, pieces[1][2])}){quantifier}"
                carried = True
            else:
                out += f"(?:{regex}){quantifier}" if quantifier else regex
            continue
        sep = "" if index == 1 and carried else _separator(pieces[index - 1][2], literals)
        out += f"(?:{sep}{regex}){quantifier}" if quantifier else f"{sep}{regex}"
    return f"(?<![\\w'’]){out}(?![\\w'’])" if out else ""


# --- rules -------------------------------------------------------------------------------------------------------


def _rule_name(rule_id: str, suffix: str = "") -> str:
    return "".join(part.capitalize() for part in re.split(r"[.\-]", rule_id)) + suffix


def _message(message: str) -> str:
    text = message.replace("%", "%%").replace("{match}", "%s")
    return re.sub(r"\{\d+\}", "…", text)


def _base(rule: dict[str, Any], extends: str) -> dict[str, Any]:
    return {
        "extends": extends,
        "message": _message(str(rule["message"])),
        "level": LEVELS[str(rule["severity"])],
        "link": f"irlint explain {rule['id']}",
    }


def _dropped_conditions(rule: dict[str, Any], translation: Translation) -> None:
    cleared = rule.get("cleared_by") or {}
    if cleared.get("citation"):
        translation.approximations.append(f"cleared_by.citation ({cleared['citation']}) dropped")
    if cleared.get("negation"):
        translation.approximations.append("cleared_by.negation dropped")
    if cleared.get("context"):
        translation.approximations.append("cleared_by.context dropped")
    if rule.get("hedged_severity"):
        translation.approximations.append("hedged_severity dropped")
    if rule.get("scopes"):
        translation.approximations.append("scopes dropped (all text)")


def _leading_word(pattern: str) -> str:
    """The literal word a regex starts with (``\\b[Aa]n `` -> ``an``), or ``""``."""
    text = pattern.removeprefix(r"\b")
    word = ""
    position = 0
    while position < len(text):
        pair = re.match(r"\[([A-Za-z])([A-Za-z])\]", text[position:])
        if pair and pair.group(1).lower() == pair.group(2).lower():
            word += pair.group(1).lower()
            position += pair.end()
        elif text[position].isalpha():
            word += text[position].lower()
            position += 1
        else:
            break
    return word


def translate_rule(rule: dict[str, Any], packs: dict[str, Any]) -> tuple[Translation, dict[str, dict[str, Any]]]:
    """One irlint rule as Vale rule definitions (name -> YAML mapping)."""
    del packs  # shared hedges/negators have no Vale counterpart
    rid = str(rule["id"])
    kind = str(rule["kind"])
    translation = Translation(rid)
    out: dict[str, dict[str, Any]] = {}
    if rule.get("enabled") is False:
        translation.skipped = "off by default in irlint (enabled: false)"
        return translation, out

    replace: dict[str, str] = {str(k): str(v) for k, v in (rule.get("replace") or {}).items()}
    if kind in ("phrase", "pattern", "regex"):
        _dropped_conditions(rule, translation)
        if kind == "phrase":
            phrases = [str(phrase) for phrase in rule["phrases"]]
            if rule.get("match_on") == "lemma":
                regexes = [
                    r"\s+".join(_alternation(lemma_forms(word)) for word in phrase.split()) for phrase in phrases
                ]
            else:
                regexes = [_literal(phrase) for phrase in phrases]
            tokens = [f"(?<![\\w'’])(?:{regex})(?![\\w'’])" for regex in regexes]
            ignorecase = True
        elif kind == "pattern":
            tokens = [spacy_pattern_to_regex(pattern, translation.approximations) for pattern in rule["patterns"]]
            tokens = [token for token in tokens if token]
            ignorecase = True
        else:
            tokens = [python_to_vale_regex(str(pattern)) for pattern in rule["patterns"]]
            ignorecase = not rule.get("case_sensitive", False)
        exceptions = [python_to_vale_regex(str(exception)) for exception in rule.get("exceptions", [])]

        if replace:
            swap: dict[str, str] = {}
            for source, token in zip(rule["patterns"], tokens, strict=True):
                if kind == "regex":
                    word = _leading_word(str(source))
                    swap[token] = replace.get(word, "|".join(sorted(set(replace.values()))))
                else:
                    # One swap per replaced word: the pattern with that word in place of the word list.
                    for word, replacement in replace.items():
                        narrowed = _narrow(source, word)
                        if narrowed is not None:
                            swap[spacy_pattern_to_regex(narrowed, translation.approximations)] = replacement
            body = _base(rule, "substitution")
            body["message"] = body["message"].replace("%s", "%[2]s") + " Use '%[1]s'."
            body.update({"ignorecase": ignorecase, "nonword": True, "swap": swap})
            if exceptions:
                body["exceptions"] = exceptions
            name = _rule_name(rid)
            out[name] = body
            translation.vale_rules.append(name)
            return translation, out

        if kind == "regex" and any(re.search(r"\\[1-9]|\(\?P=", pattern) for pattern in tokens):
            # Back-references count groups across the whole alternation: one Vale rule per expression.
            groups = [[token] for token in tokens]
        else:
            groups = [tokens]
        for index, group in enumerate(groups):
            body = _base(rule, "existence")
            body.update({"ignorecase": ignorecase, "nonword": True, "tokens": group})
            if exceptions:
                body["exceptions"] = exceptions
            name = _rule_name(rid, str(index + 1) if len(groups) > 1 else "")
            out[name] = body
            translation.vale_rules.append(name)
        return translation, out

    if kind == "require":
        alternatives: list[str] = []
        for item in rule["require"]:
            if isinstance(item, str):
                alternatives.append(python_to_vale_regex(item))
            else:
                # One sentence (text between . ! ? or a line break) that matches every 'all' and no 'none' regex.
                sentence = "[^.!?\\n]*?"
                test = "".join(f"(?={sentence}(?:{python_to_vale_regex(p)}))" for p in item["all"])
                if item.get("none"):
                    nones = "|".join(f"(?:{python_to_vale_regex(p)})" for p in item["none"])
                    test += f"(?!{sentence}(?:{nones}))"
                alternatives.append(f"(?:(?m:^)|(?<=[.!?]\\s))[ \\t]*{test}")
                translation.approximations.append("sentences split at . ! ? and line breaks")
        if rule.get("when"):
            translation.approximations.append("trigger (when) dropped: the rule applies to every document")
        applies = rule.get("applies_to") or {}
        if any(applies.get(key) for key in ("paths", "exclude_paths", "front_matter", "exclude_front_matter")):
            translation.approximations.append("applies_to (paths, front matter) dropped")
        body = _base(rule, "occurrence")
        body["message"] = body["message"].replace("%s", "")
        body.update(
            {
                "scope": "summary",
                "ignorecase": True,
                "min": 1,
                "token": "|".join(f"(?:{alternative})" for alternative in alternatives),
            }
        )
        name = _rule_name(rid)
        out[name] = body
        translation.vale_rules.append(name)
        return translation, out

    if kind == "acronym":
        low = int(rule.get("min_length", 2))
        high = int(rule.get("max_length", 6))
        acronym = f"[A-Z][A-Z0-9]{{{low - 1},{high - 1}}}"
        body = _base(rule, "conditional")
        body.update(
            {
                "ignorecase": False,
                "first": f"\\b({acronym})s?\\b",
                "second": f"\\(({acronym})s?\\)",
                "exceptions": [str(word) for word in rule.get("allow", [])],
            }
        )
        translation.approximations.append("first use: any definition in the same block counts, before or after")
        name = _rule_name(rid)
        out[name] = body
        translation.vale_rules.append(name)
        return translation, out

    if kind == "readability":
        formula = str(rule.get("formula", "flesch-kincaid"))
        metrics = {"smog": ["SMOG"], "flesch-kincaid": ["Flesch-Kincaid"]}.get(formula, ["Flesch-Kincaid", "SMOG"])
        if formula not in ("smog", "flesch-kincaid"):
            translation.approximations.append(f"formula '{formula}': Vale averages Flesch-Kincaid and SMOG")
        translation.approximations.append("Vale measures all prose (irlint leaves out headings and references)")
        body = _base(rule, "readability")
        body["message"] = "Reading grade %s is above the ceiling of " + f"{rule.get('ceiling', 8)}."
        body.update({"metrics": metrics, "grade": float(rule.get("ceiling", 8))})
        name = _rule_name(rid)
        out[name] = body
        translation.vale_rules.append(name)
        return translation, out

    if kind == "sentence-length":
        body = _base(rule, "occurrence")
        body["message"] = f"Long sentence: more than {int(rule.get('max_words', 25))} words. Split it."
        body.update({"scope": "sentence", "max": int(rule.get("max_words", 25)), "token": r"[\w'’]+(?:-[\w'’]+)*"})
        if rule.get("scopes"):
            translation.approximations.append("scopes dropped (all sentences)")
        name = _rule_name(rid)
        out[name] = body
        translation.vale_rules.append(name)
        return translation, out

    if kind == "jargon":
        # Each term (every form of its words) is swapped for its plain alternative.
        plain_words: dict[str, str] = {}
        for term, plain in dict(rule["terms"]).items():
            words = str(term).split()
            regex = r"\s+".join(_alternation(lemma_forms(word)) for word in words)
            plain_words[regex] = str(plain[0] if isinstance(plain, list) else plain)
        translation.approximations.append("explanations (explained_by) dropped: every use is flagged, not the first")
        body = _base(rule, "substitution")
        body["message"] = "Medical term '%[2]s' is not explained: say what it means, e.g. '%[1]s'."
        body.update({"ignorecase": True, "swap": plain_words})
        name = _rule_name(rid)
        out[name] = body
        translation.vale_rules.append(name)
        return translation, out

    translation.skipped = f"kind '{kind}' has no Vale counterpart"
    return translation, out


def _narrow(pattern: str | list[dict[str, Any]], word: str) -> list[dict[str, Any]] | None:
    """``pattern`` with the first token whose ``LOWER`` list holds ``word`` narrowed to just ``word``."""
    if isinstance(pattern, str):
        return None
    for index, token in enumerate(pattern):
        lower = token.get("LOWER")
        if isinstance(lower, dict) and word in [str(item) for item in lower.get("IN", [])]:
            narrowed = dict(token)
            narrowed["LOWER"] = word
            return [*pattern[:index], narrowed, *pattern[index + 1 :]]
    return None


# --- output ------------------------------------------------------------------------------------------------------


def available_packs(rules_dir: Path) -> list[str]:
    """Every pack in ``rules_dir`` (``*.yaml``), by name: the packs irlint runs by default."""
    return sorted(path.stem for path in rules_dir.glob("*.yaml"))


def load_packs(rules_dir: Path, names: Sequence[str]) -> list[dict[str, Any]]:
    """The rule packs called ``names`` from ``rules_dir`` (``<name>.yaml``), parsed with PyYAML."""
    packs = []
    for name in names:
        path = rules_dir / f"{name}.yaml"
        with path.open(encoding="utf-8") as handle:
            packs.append(yaml.safe_load(handle))
    return packs


def write_style(rules_dir: Path, out: Path, names: Sequence[str]) -> list[Translation]:
    """Write ``out/.vale.ini`` and ``out/styles/IrlintBench``; return what became of each rule."""
    style_dir = out / "styles" / STYLE
    shutil.rmtree(style_dir, ignore_errors=True)
    style_dir.mkdir(parents=True)
    translations: list[Translation] = []
    for pack in load_packs(rules_dir, names):
        for rule in pack["rules"]:
            translation, rules = translate_rule(rule, pack)
            translations.append(translation)
            for name, body in rules.items():
                text = yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=10_000)
                (style_dir / f"{name}.yml").write_text(text, encoding="utf-8")
    (out / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n"
        "[*.{md,markdown,txt,html,htm}]\n"
        f"BasedOnStyles = {STYLE}\n",
        encoding="utf-8",
    )
    report = [
        {
            "rule": t.rule,
            "vale_rules": t.vale_rules,
            "approximations": sorted(set(t.approximations)),
            "skipped": t.skipped,
        }
        for t in translations
    ]
    (out / "translation.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return translations


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``vale_style.py --rules rules --out DIR [--packs a,b]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", type=Path, default=Path(__file__).resolve().parent.parent / "rules")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--packs", help="comma-separated pack names (default: every pack in --rules)")
    args = parser.parse_args(argv)
    names = [name for name in args.packs.split(",") if name] if args.packs else available_packs(args.rules)
    translations = write_style(args.rules, args.out, names)
    translated = [t for t in translations if t.vale_rules]
    print(
        f"vale style: {len(translated)} of {len(translations)} irlint rules translated "
        f"into {sum(len(t.vale_rules) for t in translated)} Vale rules in {args.out / 'styles' / STYLE}",
        file=sys.stderr,
    )
    for t in translations:
        if t.skipped:
            print(f"  skipped {t.rule}: {t.skipped}", file=sys.stderr)
        elif t.approximations:
            print(f"  approximated {t.rule}: {'; '.join(sorted(set(t.approximations)))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
