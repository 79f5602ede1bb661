"""Score a pipeline on a corpus with inserted newline tokens, not counting those tokens.

Usage::

    .venv/bin/python training/evaluate_wrapped.py MODEL [training/corpus/test-wrapped.spacy]
        [--output metrics.json]

``spacy evaluate`` never credits a prediction for a whitespace token but still counts
the gold whitespace tokens, so on text with many newline tokens every pipeline loses a
few points of recall for tokens nobody cares about.  This script uses spaCy's own
scorer with the gold whitespace tokens marked as missing, so the figures measure the
real words only and compare directly with ``spacy evaluate`` on the clean test set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent


def attachment_scores(examples) -> dict[str, float]:
    """UAS and LAS computed as Scorer.score_deps does (F-scores over (token, head, label)
    triples, punctuation ignored), with the gold whitespace tokens treated as unannotated.
    score_deps itself cannot be used for that: it keeps its set of unannotated token
    indices across documents, so one document's gaps hide tokens of every later one."""
    ignore = ("p", "punct")
    counts = {"uas": [0, 0, 0], "las": [0, 0, 0]}  # tp, fp, fn
    for eg in examples:
        gold, pred, x2y = eg.reference, eg.predicted, eg.alignment.x2y
        missing = {t.i for t in gold if t.is_space}
        gold_arcs = {
            (t.i, t.head.i, t.dep_.lower()) for t in gold if t.i not in missing and t.dep_.lower() not in ignore
        }
        pred_arcs, unaligned = set(), 0
        for token in pred:
            if token.orth_.isspace():
                continue
            gold_i = x2y[token.i][0] if x2y.lengths[token.i] == 1 else None
            if gold_i in missing or token.dep_.lower() in ignore:
                continue
            gold_head = x2y[token.head.i][0] if x2y.lengths[token.head.i] == 1 else None
            if gold_i is None or gold_head is None:
                unaligned += 1
            else:
                pred_arcs.add((gold_i, gold_head, token.dep_.lower()))
        for key, g, p in (
            ("las", gold_arcs, pred_arcs),
            ("uas", {a[:2] for a in gold_arcs}, {a[:2] for a in pred_arcs}),
        ):
            counts[key][0] += len(g & p)
            counts[key][1] += len(p - g) + unaligned
            counts[key][2] += len(g - p)

    def fscore(tp: int, fp: int, fn: int) -> float:
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    return {"dep_uas": fscore(*counts["uas"]), "dep_las": fscore(*counts["las"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("data", type=Path, nargs="?", default=ROOT / "training" / "corpus" / "test-wrapped.spacy")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)

    import spacy
    from spacy.scorer import Scorer
    from spacy.training import Corpus

    nlp = spacy.load(args.model)
    examples = list(Corpus(args.data)(nlp))
    for example, doc in zip(examples, nlp.pipe(eg.predicted for eg in examples), strict=True):
        example.predicted = doc

    def attr(token, name: str) -> str:  # gold whitespace tokens count as unannotated
        if token.is_space:
            return ""
        if name == "morph":
            return str(token.morph) or "_"
        return getattr(token, name + "_")

    scores: dict[str, float | None] = {}
    for name in ("tag", "pos", "morph", "lemma"):
        scores.update(Scorer.score_token_attr(examples, name, getter=attr, missing_values={""}))
    scores.update(attachment_scores(examples))
    scores["sents_f"] = Scorer.score_spans(examples, "sents", has_annotation=lambda d: d.has_annotation("DEP"))[
        "sents_f"
    ]
    for key, value in scores.items():
        print(f"{key:10} {100 * value:6.2f}" if value is not None else f"{key:10}   -")
    if args.output:
        args.output.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
