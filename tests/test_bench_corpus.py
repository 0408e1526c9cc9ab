"""The benchmark's corpus generator (bench/corpus.py) is deterministic and keeps files within 300-1,500 words.

Nothing here times anything: the benchmark itself runs only through `make bench`.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


def _files(directory: Path) -> dict[str, bytes]:
    return {str(path.relative_to(directory)): path.read_bytes() for path in sorted(directory.rglob("*.md"))}


def test_same_seed_gives_byte_identical_files(corpus: ModuleType, tmp_path: Path) -> None:
    first = corpus.generate(tmp_path / "a", 12, seed=7, quiet=True)
    second = corpus.generate(tmp_path / "b", 12, seed=7, quiet=True)
    assert first == second
    files = _files(tmp_path / "a")
    assert len(files) == 12
    assert files == _files(tmp_path / "b")


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(corpus: ModuleType, tmp_path: Path) -> None:
    corpus.generate(tmp_path / "small", 3, seed=7, quiet=True)
    corpus.generate(tmp_path / "large", 6, seed=7, quiet=True)
    small, large = _files(tmp_path / "small"), _files(tmp_path / "large")
    assert all(large[name] == data for name, data in small.items())


def test_another_seed_gives_other_files(corpus: ModuleType) -> None:
    assert corpus.generate_document(7, 0) != corpus.generate_document(8, 0)


def test_word_counts_are_in_range(corpus: ModuleType) -> None:
    counts = [corpus.count_words(corpus.generate_document(3, index)) for index in range(60)]
    assert all(corpus.MIN_WORDS <= count <= corpus.MAX_WORDS for count in counts), counts
    assert max(counts) - min(counts) > 400  # lengths vary across the range


def test_marker_records_the_corpus_and_skips_regeneration(corpus: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "c"
    recorded = corpus.generate(out, 4, seed=7, quiet=True)
    texts = [corpus.generate_document(7, index) for index in range(4)]
    assert recorded["words"] == sum(corpus.count_words(text) for text in texts)
    page = next(out.rglob("*.md"))
    page.write_text("edited", encoding="utf-8")
    assert corpus.generate(out, 4, seed=7, quiet=True) == recorded  # same parameters: left alone
    assert page.read_text(encoding="utf-8") == "edited"
    corpus.generate(out, 5, seed=7, quiet=True)  # other parameters: rewritten
    assert len(_files(out)) == 5
    assert page.read_text(encoding="utf-8") != "edited"


def test_documents_look_like_clinic_markdown(corpus: ModuleType) -> None:
    text = "\n".join(corpus.generate_document(11, index) for index in range(40))
    assert re.search(r"^# \S", text, re.M)
    assert re.search(r"^## \S", text, re.M)
    assert re.search(r"^[-*] \S", text, re.M)
    assert re.search(r"\[[^\]]+\]\((?:/|https://)[^)]+\)", text)
    assert text.count("\n---\n") > 0  # some front matter
    for flagged in ("painless", "guaranteed results", "best clinic in town", "Leave a Reply"):
        assert flagged.lower() in text.lower(), flagged
    assert re.search(r"\b\d{2}% of our patients\b", text)  # an uncited percentage
    assert "not medical advice" in text  # some compliant copy too
    assert len(set(re.findall(r"[A-Z][^.!?\n]{20,}[.!?]", text))) > 1000  # many different sentences


def test_a_document_rarely_repeats_a_sentence(corpus: ModuleType) -> None:
    for index in range(10):
        sentences = re.findall(r"[A-Z][^.!?\n]{20,}[.!?]", corpus.generate_document(5, index))
        assert len(set(sentences)) >= 0.85 * len(sentences), index
