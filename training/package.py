"""Copy the trained pipeline into the package, with only what ``spacy.load`` needs.

Usage::

    .venv/bin/python training/package.py [--model training/output/model-best]
        [--metrics training/output/test-metrics.json] [--dest src/navokg/extract/nl_ud]

Loads the best checkpoint, fills in the meta (name, version, licence, sources and, when
given, the scores on the held-out UD_Dutch-Alpino test split) and writes it with
``nlp.to_disk``: config.cfg, meta.json, tokenizer, vocab/ and one directory per
component -- no optimizer state, no model-last, no training logs.  The destination is
replaced as a whole.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent

META = {
    "name": "nl_ud",
    "version": "1.0.0",
    "description": (
        "Dutch tagger (Alpino/CGN XPOS), morphologizer (UPOS + UD features), dependency "
        "parser (UD relations; also sets sentence boundaries) and edit-tree lemmatizer, "
        "CNN trained from scratch on UD_Dutch-Alpino and UD_Dutch-LassySmall for navokg. "
        "Tokenizer: spaCy's default Dutch tokenizer, unchanged."
    ),
    "author": "navokg (trained with training/ in the navokg repository)",
    "license": "CC BY-SA 4.0",
    "sources": [
        {
            "name": "UD_Dutch-Alpino (dev and test splits; test held out for evaluation)",
            "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
            "license": "CC BY-SA 4.0",
            "author": "Gosse Bouma, Gertjan van Noord (University of Groningen) and the UD contributors",
            "commit": "95e374a608d114ec6c6b32f0fbd5f324d29ef286",
        },
        {
            "name": "UD_Dutch-LassySmall (dev and test splits)",
            "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
            "license": "CC BY-SA 4.0",
            "author": "Gosse Bouma, Gertjan van Noord (University of Groningen) and the UD contributors",
            "commit": "7880e0bc4c8138607c8e9724db2294dc89d4e2b5",
        },
    ],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "training" / "output" / "model-best")
    parser.add_argument("--metrics", type=Path, default=ROOT / "training" / "output" / "test-metrics.json")
    parser.add_argument("--dest", type=Path, default=ROOT / "src" / "navokg" / "extract" / "nl_ud")
    args = parser.parse_args(argv)

    nlp = spacy.load(args.model)
    nlp.meta.update(META)
    # navokg depends on spacy>=3.8,<3.9; the weights load in any 3.8.x (same thinc 8.3
    # layers), so do not pin the patch release training happened to use (W095 warning).
    nlp.meta["spacy_version"] = ">=3.8.0,<3.9.0"
    if args.metrics.exists():
        metrics = json.loads(args.metrics.read_text(encoding="utf-8"))
        keep = ("token_acc", "tag_acc", "pos_acc", "morph_acc", "dep_uas", "dep_las", "sents_f", "lemma_acc")
        nlp.meta["performance"] = {k: metrics[k] for k in keep if k in metrics}
        nlp.meta["performance"]["evaluated_on"] = "UD_Dutch-Alpino test split (held out), spacy evaluate"
    if args.dest.exists():
        shutil.rmtree(args.dest)
    nlp.to_disk(args.dest)
    size = sum(p.stat().st_size for p in args.dest.rglob("*") if p.is_file())
    print(f"wrote {args.dest} ({size / 1e6:.1f} MB): {', '.join(sorted(p.name for p in args.dest.iterdir()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
