"""Words per second of the trained pipeline against spaCy's bare Dutch tokenizer.

Usage::

    .venv/bin/python training/bench.py [--model src/navokg/extract/nl_ud] [DIR ...]

Reads every ``*.txt`` in the given directories (default: graph/documents and
benchmarks/devset/documents), takes the body only (a YAML front matter block between
``---`` lines is dropped), and times ``nlp(text)`` one document at a time, as an
extractor would call it, for:

* ``spacy.blank("nl")``: the tokenizer navokg uses today, warm (repeated passes, its
  chunk cache filled) and cold (a fresh tokenizer, one pass);
* the full pipeline;
* the pipeline with only tok2vec + parser enabled;
* the pipeline with tok2vec + tagger + morphologizer + parser (no lemmatizer).

"Words" are the tokenizer's tokens (the same count for every variant).  Each figure is
the best of ``--repeat`` passes over all texts, single-threaded, timed in CPU time of
this process (time.process_time) so that other work on a shared machine disturbs it as
little as possible.  Also prints the wall-clock load time of the model.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = [ROOT / "graph" / "documents", ROOT / "benchmarks" / "devset" / "documents"]
DEFAULT_MODEL = ROOT / "src" / "navokg" / "extract" / "nl_ud"


def body(text: str) -> str:
    """The text after a leading YAML front matter block, if any."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].rstrip("\r\n") == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip("\r\n") == "---":
                return "".join(lines[i + 1 :])
    return text


def best_time(nlp, texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            nlp(text)
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    import spacy

    texts = [body(p.read_text(encoding="utf-8")) for d in args.dirs for p in sorted(d.glob("*.txt"))]
    blank = spacy.blank("nl")
    n_words = sum(len(blank(t)) for t in texts)
    print(f"{len(texts)} documents, {n_words} tokens, {sum(len(t) for t in texts)} characters")

    start = time.perf_counter()
    nlp = spacy.load(args.model)
    load = time.perf_counter() - start
    print(f"load time: {load:.2f} s ({args.model})")
    for text in texts:  # the tokenizers must agree: the pipeline keeps offsets intact
        assert [t.idx for t in nlp.make_doc(text)] == [t.idx for t in blank(text)]
    nlp(texts[0])  # warm up

    t_tok = best_time(blank, texts, args.repeat * 4)
    rows = [("tokenizer (spacy.blank('nl'))", t_tok)]
    # The tokenizer caches the analysis of every whitespace-separated chunk it has seen,
    # so repeated passes over the same texts flatter it; a fresh tokenizer per pass gives
    # the first-sight figure (the truth for a new document lies in between).
    cold = float("inf")
    for _ in range(args.repeat):
        fresh = spacy.blank("nl")
        cold = min(cold, best_time(fresh, texts, 1))
    rows.append(("tokenizer, cold cache (first pass)", cold))
    rows.append(("full pipeline " + "+".join(nlp.pipe_names), best_time(nlp, texts, args.repeat)))
    variants = [["tok2vec", "parser"], ["tok2vec", "tagger", "morphologizer", "parser"]]
    for enable in variants:
        if all(name in nlp.pipe_names for name in enable):
            with nlp.select_pipes(enable=enable):
                rows.append(("+".join(enable), best_time(nlp, texts, args.repeat)))
    print(f"{'':64} {'words/s':>10} {'x warm tokenizer':>17} {'x cold tokenizer':>17}")
    for name, seconds in rows:
        print(f"{name:64} {n_words / seconds:10,.0f} {seconds / t_tok:17.1f} {seconds / cold:17.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
