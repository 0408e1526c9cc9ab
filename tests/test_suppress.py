"""Suppression comments in Markdown, HTML and plain text, front-matter ignore, unknown ids and unused directives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from irlint.cli import main
from irlint.config import Settings
from irlint.documents import parse_document
from irlint.engine import Linter
from irlint.errors import InputError
from irlint.model import Finding, Severity
from irlint.suppress import is_document_level, suppressions

FORMATS = ("md", "html", "txt")
# The packs whose findings these tests look at (LanguageTool runs too, but its findings are not asserted here).
PACKS = ("claims", "hygiene", "balance", "disclaimers", "suppression")
POPULAR = "It is a preferred option for many."
MIXED = "We guarantee it is a preferred option at [CLINIC NAME]."


def render(fmt: str, lines: list[str]) -> str:
    """One source line per item: ``irlint-...`` items become directives, others prose (a paragraph in HTML)."""
    out = []
    for line in lines:
        if line.startswith("irlint-"):
            out.append(f"# {line}" if fmt == "txt" else f"<!-- {line} -->")
        elif line and fmt == "html":
            out.append(f"<p>{line}</p>")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def where(source: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """1-based line and column of the n-th occurrence of ``needle``."""
    index = -1
    for _ in range(occurrence + 1):
        index = source.index(needle, index + 1)
    return source.count("\n", 0, index) + 1, index - (source.rfind("\n", 0, index) + 1) + 1


def spots(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """(rule, line, column) of the findings of PACKS that are not document-level."""
    return [(f.rule, f.line, f.column) for f in findings if f.rule.split(".")[0] in PACKS and not is_document_level(f)]


def document_level(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings if is_document_level(f)}


def lint(linter: Linter, fmt: str, lines: list[str]) -> tuple[str, list[Finding]]:
    """The rendered source and its findings."""
    source = render(fmt, lines)
    return source, linter.lint_text(source, f"page.{fmt}")


@pytest.fixture
def unused_linter(linter: Linter, monkeypatch: pytest.MonkeyPatch) -> Linter:
    """The session linter with --report-unused-suppressions."""
    monkeypatch.setattr(linter, "report_unused_suppressions", True)
    return linter


# -- syntax ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind", "rules", "reason"),
    [
        (" irlint-disable claims -- reviewed by legal ", "disable", ("claims",), "reviewed by legal"),
        ("irlint-disable", "disable", (), ""),
        (" irlint-enable claims.guarantee, hygiene ", "enable", ("claims.guarantee", "hygiene"), ""),
        (
            " irlint-disable-next-line claims hygiene,acronyms ",
            "disable-next-line",
            ("claims", "hygiene", "acronyms"),
            "",
        ),
        (" irlint-disable -- every rule, on purpose ", "disable", (), "every rule, on purpose"),
        (" irlint-disable\n  claims\n  -- approved\n  2024-05 ", "disable", ("claims",), "approved 2024-05"),
    ],
)
def test_directive_syntax(body: str, kind: str, rules: tuple[str, ...], reason: str) -> None:
    [directive] = parse_document(f"<!--{body}-->\n\nText.\n", "page.md").directives
    assert (directive.kind, directive.rules, directive.reason) == (kind, rules, reason)
    assert (directive.start, directive.end) == (0, len(body) + 7)


@pytest.mark.parametrize("body", [" irlint-disabled claims ", " irlint disable ", " note: irlint-disable ", " x "])
def test_other_comments_are_not_directives(body: str) -> None:
    assert parse_document(f"<!--{body}-->\n\nText.\n", "page.md").directives == ()


def test_comments_in_code_are_not_directives() -> None:
    source = "```html\n<!-- irlint-disable -->\n```\n\nUse `<!-- irlint-disable -->` to turn irlint off.\n"
    assert parse_document(source, "page.md").directives == ()
    assert parse_document("<pre><code>&lt;!-- irlint-disable --&gt;</code></pre>", "page.html").directives == ()


def test_directives_keep_exact_source_positions() -> None:
    source = "<html><head><!-- irlint-disable claims --></head>\n<body><p>A <!--irlint-enable\n claims--></p></body>"
    document = parse_document(source, "page.html")
    assert [document.position(d.start) for d in document.directives] == [(1, 13), (2, 12)]
    assert [document.position(d.rule_starts[0]) for d in document.directives] == [(1, 33), (3, 2)]
    assert [source[d.start : d.end] for d in document.directives] == [
        "<!-- irlint-disable claims -->",
        "<!--irlint-enable\n claims-->",
    ]


def test_plain_text_directive_lines_are_not_prose_and_keep_the_paragraph_whole() -> None:
    source = (
        "Many patients say that this treatment\n  # irlint-disable-next-line claims -- ok\nis a preferred option.\n"
    )
    document = parse_document(source, "page.txt")
    assert [block.text for block in document.blocks] == ["Many patients say that this treatment is a preferred option."]
    [directive] = document.directives
    assert (document.position(directive.start), directive.rules, directive.reason) == ((2, 3), ("claims",), "ok")


def test_plain_text_accepts_the_comment_form_and_leaves_other_hash_lines_alone() -> None:
    source = "# Introduction\n<!-- irlint-disable hygiene -->\nText.\n"
    document = parse_document(source, "page.txt")
    assert [block.text for block in document.blocks] == ["# Introduction", "Text."]
    assert [(d.kind, d.rules) for d in document.directives] == [("disable", ("hygiene",))]


@pytest.mark.parametrize("fmt", FORMATS)
def test_directive_comments_are_never_flagged(linter: Linter, fmt: str) -> None:
    # Misspellings, a placeholder and a claim inside the comments: nothing there may be reported, LanguageTool included.
    lines = [
        "irlint-disable hygiene.placeholder -- teh [CLINIC NAME] is the best, reviewd by legl",
        "Our clinic is open Monday to Friday.",
        "irlint-enable hygiene.placeholder",
        "irlint-disable-next-line claims.popularity -- guaranteed cure",
        POPULAR,
    ]
    _, findings = lint(linter, fmt, lines)
    assert [f for f in findings if f.line in (1, 3, 4) and not is_document_level(f)] == []
    assert document_level(findings) >= {"disclaimers.medical-advice"}


# -- ranges ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_and_enable(linter: Linter, fmt: str) -> None:
    lines = [
        POPULAR,
        "irlint-disable claims.popularity -- reviewed by legal",
        POPULAR,
        "We guarantee results.",
        "irlint-enable claims.popularity",
        POPULAR,
    ]
    source, findings = lint(linter, fmt, lines)
    column = where(source, "preferred")[1]
    assert spots(findings) == [
        ("claims.popularity", 1, column),
        ("claims.guarantee", 4, where(source, "guarantee")[1]),
        ("claims.popularity", 6, column),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_without_enable_lasts_to_the_end_of_the_file(linter: Linter, fmt: str) -> None:
    source, findings = lint(linter, fmt, [POPULAR, "irlint-disable claims", "", POPULAR, "", MIXED])
    assert spots(findings) == [
        ("claims.popularity", 1, where(source, "preferred")[1]),
        ("hygiene.placeholder", 6, where(source, "[CLINIC")[1]),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_next_line(linter: Linter, fmt: str) -> None:
    source, findings = lint(linter, fmt, ["irlint-disable-next-line claims.popularity", POPULAR, POPULAR])
    assert spots(findings) == [("claims.popularity", 3, where(source, "preferred", 1)[1])]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_next_line_skips_blank_lines(linter: Linter, fmt: str) -> None:
    source, findings = lint(linter, fmt, ["irlint-disable-next-line claims.popularity", "", "", POPULAR, "", POPULAR])
    assert spots(findings) == [("claims.popularity", 6, where(source, "preferred", 1)[1])]


@pytest.mark.parametrize("fmt", FORMATS)
def test_stacked_next_line_directives_apply_to_the_same_line(linter: Linter, fmt: str) -> None:
    lines = ["irlint-disable-next-line claims.popularity", "irlint-disable-next-line hygiene", MIXED]
    source, findings = lint(linter, fmt, lines)
    assert spots(findings) == [("claims.guarantee", 3, where(source, "guarantee")[1])]


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_disable_next_line_and_a_soft_wrapped_paragraph(linter: Linter, fmt: str) -> None:
    # The finding that starts on the next line is suppressed even though it ends on the line after; the one that
    # starts on that continuation line is not.
    source = (
        f"{render(fmt, ['irlint-disable-next-line claims.popularity'])}"
        "Many patients say it is a preferred\noption for them, and it is a preferred option for us.\n"
    )
    assert spots(linter.lint_text(source, f"page.{fmt}")) == [("claims.popularity", 3, 30)]


def test_plain_text_next_line_directive_inside_a_wrapped_paragraph(linter: Linter) -> None:
    source = (
        "Many patients say that this is a preferred option, and\n"
        "# irlint-disable-next-line claims.popularity\n"
        "that it is a preferred option for them.\n"
    )
    assert spots(linter.lint_text(source, "page.txt")) == [("claims.popularity", 1, 34)]


def test_inline_markdown_comments_suppress_by_column(linter: Linter) -> None:
    source = (
        "We <!-- irlint-disable claims.popularity -->call it a preferred option<!-- irlint-enable -->, "
        "and so do they: a preferred option.\n"
    )
    assert spots(linter.lint_text(source, "page.md")) == [("claims.popularity", 1, where(source, "preferred", 1)[1])]


def test_languagetool_rule_ids(linter: Linter) -> None:
    source = (
        "This is teh clinic.\n\n"
        "<!-- irlint-disable-next-line grammar.languagetool.MORFOLOGIK_RULE_EN_US -->\nThis is teh clinic.\n"
    )
    findings = linter.lint_text(source, "page.md")
    assert [(f.rule, f.line) for f in findings if f.engine == "languagetool"] == [
        ("grammar.languagetool.MORFOLOGIK_RULE_EN_US", 1)
    ]
    assert not [f for f in findings if f.rule.startswith("suppression")]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("directive", "left"),
    [
        ("irlint-disable-next-line claims", {"hygiene.placeholder"}),
        ("irlint-disable-next-line claims.popularity, hygiene.placeholder", {"claims.guarantee"}),
        ("irlint-disable-next-line claims.popularity hygiene.placeholder", {"claims.guarantee"}),
        ("irlint-disable-next-line claims.guarantee,hygiene -- checked", {"claims.popularity"}),
        ("irlint-disable-next-line", set()),
        ("irlint-disable-next-line -- the whole line was approved", set()),
        ("irlint-disable-next-line all", set()),
    ],
)
def test_prefixes_several_ids_and_every_rule(linter: Linter, fmt: str, directive: str, left: set[str]) -> None:
    _, findings = lint(linter, fmt, [directive, MIXED])
    assert {rule for rule, line, _ in spots(findings) if line == 2} == left
    if not left:  # every rule: LanguageTool too
        assert [f for f in findings if f.line == 2] == []


def test_enable_with_a_prefix_ends_the_disables_under_it(linter: Linter) -> None:
    lines = ["irlint-disable claims.popularity, hygiene", MIXED, "irlint-enable claims", MIXED]
    _, findings = lint(linter, "md", lines)
    assert spots(findings) == [
        ("claims.guarantee", 2, 4),
        ("claims.guarantee", 4, 4),
        ("claims.popularity", 4, 22),
    ]


def test_suppressions_are_ranges_of_positions() -> None:
    document = parse_document(
        render("md", ["irlint-disable claims", "A.", "irlint-enable", "", "irlint-disable-next-line hygiene", "B."]),
        "page.md",
    )
    assert [(s.rule, s.start, s.end, s.closed_by) for s in suppressions(document)] == [
        ("claims", (1, 1), (3, 1), 1),
        ("hygiene", (6, 1), (7, 1), None),
    ]


# -- front matter ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["{ignore: [claims.popularity, disclaimers]}", "\n  ignore:\n    - claims.popularity\n    - disclaimers"]
)
def test_front_matter_ignore(linter: Linter, value: str) -> None:
    source = f"---\ntitle: Knee pain\nirlint: {value}\n---\n\n{POPULAR}\n\n{MIXED}\n"
    findings = linter.lint_text(source, "page.md")
    line = source.count("\n", 0, source.index("We guarantee")) + 1
    assert spots(findings) == [("claims.guarantee", line, 4), ("hygiene.placeholder", line, 42)]
    assert document_level(findings) == {"balance.risk-missing"}


def test_front_matter_ignore_accepts_one_id(linter: Linter) -> None:
    source = f"---\nirlint: {{ignore: claims}}\n---\n\n{MIXED}\n"
    assert spots(linter.lint_text(source, "page.md")) == [("hygiene.placeholder", 5, 42)]


@pytest.mark.parametrize("value", ["[claims]", "{skip: [claims]}", "{ignore: [1]}", "{ignore: {claims: 1}}"])
def test_bad_front_matter_irlint_is_an_input_error(value: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_document(f"---\ntitle: x\nirlint: {value}\n---\n\nText.\n", "page.md")
    assert (raised.value.line, raised.value.detail) == (
        3,
        "front matter 'irlint' must be {ignore: [rule ids or prefixes]}",
    )


# -- document-level findings -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_closed_range_never_suppresses_document_level_findings(linter: Linter, fmt: str) -> None:
    _, findings = lint(linter, fmt, ["irlint-disable", POPULAR, "irlint-enable", "", "Call us today."])
    assert spots(findings) == []
    assert document_level(findings) == {
        "balance.risk-missing",
        "disclaimers.medical-advice",
        "disclaimers.results-vary",
    }


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("at_the_end", [False, True])
def test_an_unclosed_disable_is_file_wide(linter: Linter, fmt: str, at_the_end: bool) -> None:
    directive = "irlint-disable disclaimers.medical-advice, balance -- legal page, risks on the linked sheet"
    lines = [POPULAR, "", directive] if at_the_end else [directive, POPULAR]
    _, findings = lint(linter, fmt, lines)
    assert document_level(findings) == {"disclaimers.results-vary"}
    assert [rule for rule, _, _ in spots(findings)] == ["claims.popularity"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_next_line_never_suppresses_document_level_findings(linter: Linter, fmt: str) -> None:
    _, findings = lint(linter, fmt, ["irlint-disable-next-line disclaimers", "Our clinic is open Monday to Friday."])
    assert document_level(findings) == {"disclaimers.medical-advice"}


def test_html_disable_in_the_head_is_file_wide(linter: Linter) -> None:
    source = (
        "<html><head><!-- irlint-disable disclaimers.medical-advice -- contact page --></head>\n"
        "<body><p>Our clinic is open Monday to Friday.</p></body></html>\n"
    )
    assert document_level(linter.lint_text(source, "page.html")) == set()


# -- fair balance ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_suppressed_claim_still_needs_fair_balance(linter: Linter, fmt: str) -> None:
    """A suppressed claim is a reviewed claim, but still a claim the copy makes: risk information is still needed."""
    _, findings = lint(linter, fmt, ["irlint-disable-next-line claims -- substantiated", POPULAR])
    assert spots(findings) == []
    assert "balance.risk-missing" in document_level(findings)
    _, clean = lint(linter, fmt, ["Our clinic is open Monday to Friday."])
    assert "balance.risk-missing" not in document_level(clean)


# -- unknown ids -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_ids_are_reported_at_the_id(linter: Linter, fmt: str) -> None:
    lines = [
        "irlint-disable-next-line claims.popularty, hygiene -- reviewed",
        POPULAR,
        "irlint-disable claim grammar.languagetool.NO_SUCH_RULE, grammar.modal-noun",
        "irlint-enable nope",
    ]
    source, findings = lint(linter, fmt, lines)
    unknown = [f for f in findings if f.rule == "suppression.unknown-rule"]
    assert [(f.line, f.column, f.end_line, f.end_column, f.text) for f in unknown] == [
        (1, where(source, "claims.popularty")[1], 1, where(source, "claims.popularty")[1] + 16, "claims.popularty"),
        (3, where(source, "claim ")[1], 3, where(source, "claim ")[1] + 5, "claim"),
        (4, where(source, "nope")[1], 4, where(source, "nope")[1] + 4, "nope"),
    ]
    assert {(f.severity, f.engine) for f in unknown} == {(Severity.WARNING, "irlint")}
    assert unknown[0].message == (
        "Unknown rule 'claims.popularty' in irlint-disable-next-line: no rule id or prefix matches it, so it "
        "suppresses nothing (see 'irlint rules')."
    )
    assert ("claims.popularity", 2, where(source, "preferred")[1]) in spots(findings)  # the typo suppressed nothing


def test_unknown_id_in_front_matter_is_reported_at_the_id(linter: Linter) -> None:
    source = "---\ntitle: x\nirlint:\n  ignore: [claims, disclaimer]\n---\n\nText.\n"
    [finding] = [f for f in linter.lint_text(source, "page.md") if f.rule.startswith("suppression")]
    assert (finding.rule, finding.line, finding.column, finding.text) == (
        "suppression.unknown-rule",
        4,
        20,
        "disclaimer",
    )
    assert "the front-matter 'irlint: {ignore}'" in finding.message


# -- unused directives -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_unused_directives_are_reported_only_when_asked(
    linter: Linter, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    lines = [
        "irlint-disable-next-line claims.popularity, hygiene -- reviewed",  # used for claims.popularity only
        POPULAR,
        "irlint-disable-next-line claims.guarantee",  # the next line has no guarantee
        POPULAR,
        "irlint-disable acronyms",  # nothing to suppress
        "Our clinic is open Monday to Friday.",
        "irlint-enable acronyms",
        "irlint-enable claims",  # ends nothing
        "irlint-disable-next-line claims.puffery",  # an opt-in rule that did not run: not known to be unused
        "irlint-disable-next-line",  # nothing after it
    ]
    source = render(fmt, lines)
    assert not [f for f in linter.lint_text(source, f"page.{fmt}") if f.rule == "suppression.unused"]
    monkeypatch.setattr(linter, "report_unused_suppressions", True)
    findings = linter.lint_text(source, f"page.{fmt}")
    expected = {
        1: "irlint-disable-next-line suppresses no finding of hygiene; remove it.",
        3: "irlint-disable-next-line suppresses no finding of claims.guarantee; remove it.",
        5: "irlint-disable suppresses no finding of acronyms; remove it.",
        8: "this irlint-enable ends no irlint-disable; remove it.",
        10: "irlint-disable-next-line suppresses no finding of every rule; remove it.",
    }
    unused = [f for f in findings if f.rule == "suppression.unused"]
    assert [(f.line, f.message) for f in unused] == [(line, f"Unused suppression: {m}") for line, m in expected.items()]
    markup = 2 if fmt == "txt" else 9  # "# " or "<!-- " and " -->"
    assert [(f.column, f.end_line, f.end_column) for f in unused] == [
        (1, line, 1 + len(lines[line - 1]) + markup) for line in expected
    ]
    assert {f.severity for f in findings if f.rule == "suppression.unused"} == {Severity.INFO}
    assert next(f for f in findings if f.rule == "suppression.unused").text == source.splitlines()[0]


def test_used_enable_and_file_wide_directives_are_not_unused(unused_linter: Linter) -> None:
    source = (
        f"---\nirlint: {{ignore: [disclaimers]}}\n---\n\n"
        f"<!-- irlint-disable claims -->\n{POPULAR}\n<!-- irlint-enable claims -->\n"
    )
    assert [f for f in unused_linter.lint_text(source, "page.md") if f.rule.startswith("suppression")] == []


def test_unused_front_matter_ignore_is_reported_at_the_key(unused_linter: Linter) -> None:
    source = "---\ntitle: x\nirlint: {ignore: [hygiene]}\n---\n\nOur clinic is open Monday to Friday.\n"
    [finding] = [f for f in unused_linter.lint_text(source, "page.md") if f.rule.startswith("suppression")]
    assert (finding.rule, finding.line, finding.column, finding.text) == ("suppression.unused", 3, 1, "irlint")


def test_ids_of_rules_not_selected_are_not_reported_unused(linter: Linter) -> None:
    linter = Linter(Settings(ignore=("hygiene",)), grammar=linter.grammar, report_unused_suppressions=True)
    source = "<!-- irlint-disable-next-line hygiene.placeholder, claims.guarantee -->\nCall [CLINIC NAME].\n"
    messages = [f.message for f in linter.lint_text(source, "page.md") if f.rule == "suppression.unused"]
    assert messages == [
        "Unused suppression: irlint-disable-next-line suppresses no finding of claims.guarantee; remove it."
    ]


# -- selection and the command line -----------------------------------------------------------------------------------


def _check(tmp_path: Path, *options: str) -> list[tuple[str, int, int, str]]:
    (tmp_path / "page.md").write_text(
        "<!-- irlint-disable-next-line claims.popularity, nope -->\nOur clinic is open Monday to Friday.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["check", "--no-config", "--no-grammar", "--format", "json", *options, str(tmp_path / "page.md")]
    )
    assert result.exit_code in (0, 1), result.output
    return [(f["rule"], f["line"], f["column"], f["severity"]) for f in json.loads(result.stdout)["findings"]]


def test_cli_flag_and_selection(tmp_path: Path) -> None:
    unknown = ("suppression.unknown-rule", 1, 50, "warning")
    unused = ("suppression.unused", 1, 1, "info")
    assert [f for f in _check(tmp_path) if f[0].startswith("suppression")] == [unknown]
    assert [f for f in _check(tmp_path, "--report-unused-suppressions") if f[0].startswith("suppression")] == [
        unused,
        unknown,
    ]
    # --select does not hide suppression findings; a directive for a rule that was not selected is not "unused".
    assert _check(tmp_path, "--report-unused-suppressions", "--select", "claims") == [unused, unknown]
    assert _check(tmp_path, "--report-unused-suppressions", "--select", "hygiene") == [unknown]
    assert _check(tmp_path, "--select", "suppression.unused") == [unknown]
    assert _check(tmp_path, "--report-unused-suppressions", "--ignore", "suppression.unused") == [
        ("disclaimers.medical-advice", 1, 1, "warning"),
        unknown,
    ]
    assert [f for f in _check(tmp_path, "--ignore", "suppression") if f[0].startswith("suppression")] == []


def test_severity_of_suppression_findings_can_be_changed(linter: Linter) -> None:
    graded = Linter(Settings(severity={"suppression": Severity.ERROR}), grammar=linter.grammar)
    [finding] = [
        f
        for f in graded.lint_text("<!-- irlint-disable nope -->\n\nText.\n", "page.md")
        if f.rule.startswith("suppression")
    ]
    assert finding.severity == Severity.ERROR
