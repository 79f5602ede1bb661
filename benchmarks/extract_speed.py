"""What the extractor costs, in words per second: ``python -m benchmarks.extract_speed``.

Over the bodies of the seeds and the development set, CPU time, best of ``--repeats``
runs, each in this process after a warm-up: spaCy's bare Dutch tokenizer (the baseline
of benchmarks/stages.py), the packaged parsing pipeline run on every sentence (what
parsing everything would cost), the extractor as it is (parsing only the sentences a
rule asks about), and the extractor without the parser (the word-order fallback).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _best(repeats: int, action: Callable[[], object]) -> float:
    action()  # warm-up: models loaded, caches filled as in a long build
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        action()
        best = min(best, time.process_time() - started)
    return best


def measure(repeats: int = 3) -> dict[str, float | int]:
    import spacy

    from navokg.extract import extract, syntax
    from navokg.extract.text import analyse
    from navokg.sources.documents import read_document
    from navokg.sources.entities import load_registry

    paths = sorted([*ROOT.glob("graph/documents/*.txt"), *ROOT.glob("benchmarks/devset/documents/*.txt")])
    documents = [read_document(p) for p in paths]
    bodies = [d.body for d in documents]
    words = sum(len(b.split()) for b in bodies)
    registry = load_registry()
    blank = spacy.blank("nl")
    results: dict[str, float | int] = {"documents": len(documents), "words": words}

    def tokenize() -> None:
        for _doc in blank.pipe(bodies):
            pass

    def parse_all() -> None:
        nlp = syntax.parser()
        sentences = [
            d.body[s.start : s.end].replace("\n", " ") for d in documents for s in analyse(d.body, None).sentences
        ]
        for _doc in nlp.pipe(sentences):
            pass

    def extract_all() -> None:
        for document in documents:
            extract(document, registry)

    results["tokenizer_words_per_s"] = round(words / _best(repeats, tokenize))
    if syntax.parser() is not None:
        results["parse_every_sentence_words_per_s"] = round(words / _best(repeats, parse_all))
    results["extractor_words_per_s"] = round(words / _best(repeats, extract_all))
    loaded = syntax.parser
    try:
        syntax.parser = lambda: None  # type: ignore[assignment]
        results["extractor_without_parser_words_per_s"] = round(words / _best(repeats, extract_all))
    finally:
        syntax.parser = loaded
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    print(json.dumps(measure(parser.parse_args().repeats), indent=2))


if __name__ == "__main__":
    main()
