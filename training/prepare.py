"""Convert the UD Dutch CoNLL-U files in training/ud-dutch/ to spaCy's binary format.

Usage (from the repository root, as ``make model`` does)::

    .venv/bin/python training/prepare.py [--out training/corpus]

Writes three DocBin files:

* ``train.spacy`` -- UD_Dutch-Alpino dev, UD_Dutch-LassySmall dev and test, except every
  tenth document;
* ``dev.spacy``   -- those held-back documents (about 10 %), used only to pick the best
  checkpoint during training;
* ``test.spacy``  -- UD_Dutch-Alpino test (news, the genre closest to navokg's texts),
  never seen in training or model selection; ``spacy evaluate`` reports on it.
* ``test-wrapped.spacy`` -- the same test documents made to look like navokg's inputs:
  straight quotes replaced by typographic ones (one choice per document) and a newline
  token inserted after about one token in twelve, as in the hard-wrapped texts under
  graph/documents/.  Built with spaCy's own augmenter and a fixed random seed; it
  measures how well the pipeline copes with the two things the treebank text lacks.

The conversion is spaCy's own CoNLL-U converter (the same code as ``spacy convert
--converter conllu -n 10``): ten consecutive sentences become one Doc, so the parser
learns sentence boundaries inside running text.  Columns map as follows:

* UPOS -> ``token.pos``, FEATS -> ``token.morph``: the morphologizer learns both together
  (its labels look like ``POS=NOUN|Gender=Com|Number=Sing``).
* XPOS -> ``token.tag``: the tagger learns the fine Alpino/CGN tags (``WW|pv|tgw|ev``,
  ``N|eigen|ev|basis|zijd|stan`` ...).  UPOS would duplicate the morphologizer; the CGN
  tags add distinctions UD lacks (finite vs. infinitive vs. participle position, pronoun
  subtypes, prenominal vs. free adjectives) that rules can use.  The converter's
  ``--morphology`` option (XPOS__FEATS as tag) is *not* used: the morphologizer already
  has FEATS and the combined tag set would be huge and sparse.

One change is made to the data: Alpino writes compound and particle-verb lemmas with
underscores between their parts (``klooster_orde``, ``mee_doen``, ``ontwikkeling_land``
for *ontwikkelingslanden*).  Since lemmas are meant for lookups in running text, they are
rewritten as the words are written: particle verbs are joined (``aan_sporen`` ->
``aansporen``, also for the finite form *spoorde* in *spoorde ... aan*), other compounds
keep the surface spelling of their first parts up to the head (``ontwikkelingsland``,
``kabinet-Kok``, ``24-jarig``).  See :func:`normalise_lemma`.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.training.augment import combined_augmenter
from spacy.training.converters import conllu_to_docs

HERE = Path(__file__).resolve().parent
DATA = HERE / "ud-dutch"
TRAIN_FILES = ["nl_alpino-dev.conllu", "nl_lassysmall-dev.conllu", "nl_lassysmall-test.conllu"]
TEST_FILES = ["nl_alpino-test.conllu"]
SENTS_PER_DOC = 10
DEV_EVERY = 10  # every tenth 10-sentence document of the training files goes to dev
# Same quote groups as [corpora.train.augmenter] in training/config.cfg.
QUOTE_VARIANTS = {
    "single": [
        {"tags": ["LET"], "variants": ['"', "\u201c", "\u201d", "\u201e"]},
        {"tags": ["LET"], "variants": ["'", "\u2018", "\u2019"]},
    ]
}


def normalise_lemma(form: str, lemma: str, upos: str) -> str:
    """Rewrite an Alpino lemma with ``_`` between compound parts as one word."""
    if "_" not in lemma or lemma == "_" or "_" in form:
        return lemma
    joined = lemma.replace("_", "")
    if upos in ("VERB", "AUX"):
        # Particle verbs: the lemma is the infinitive, written as one word.
        return joined
    head = lemma.rsplit("_", 1)[1]
    at = form.lower().rfind(head.lower())
    if at <= 0:
        # Head not visible in the form (irregular plural, vowel change): just join.
        return joined
    result = form[:at] + head
    if lemma[:1].islower() and result[:1].isupper() and not form[1:2].isupper():
        # Sentence-initial capital in the form, lower-case lemma: follow the lemma.
        result = result[:1].lower() + result[1:]
    return result


def normalise_conllu(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                cols[2] = normalise_lemma(cols[1], cols[2], cols[3])
                line = "\t".join(cols)
        lines.append(line)
    return "\n".join(lines) + "\n"


def convert(path: Path) -> list:
    text = normalise_conllu(path.read_text(encoding="utf-8"))
    return list(conllu_to_docs(text, n_sents=SENTS_PER_DOC, no_print=True))


def wrapped(docs: list[Doc], seed: int = 1) -> list[Doc]:
    """Copies of ``docs`` with typographic quotes and newline tokens (see module doc)."""
    random.seed(seed)
    nlp = spacy.blank("nl")
    out = []
    for doc in docs:
        example = Example(nlp.make_doc(doc.text), doc)
        variant = next(
            combined_augmenter(
                nlp,
                example,
                orth_level=1.0,
                orth_variants=QUOTE_VARIANTS,
                whitespace_level=1.0,
                whitespace_per_token=1 / 12,
                whitespace_variants=["\n"],
            )
        )
        out.append(variant.reference)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "corpus")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    train, dev, test = [], [], []
    for name in TRAIN_FILES:
        for i, doc in enumerate(convert(DATA / name)):
            (dev if i % DEV_EVERY == DEV_EVERY - 1 else train).append(doc)
    for name in TEST_FILES:
        test.extend(convert(DATA / name))

    splits = {"train": train, "dev": dev, "test": test, "test-wrapped": wrapped(test)}
    for split, docs in splits.items():
        DocBin(docs=docs, store_user_data=False).to_disk(args.out / f"{split}.spacy")
        n_sents = sum(len(list(d.sents)) for d in docs)
        n_words = sum(len(d) for d in docs)
        print(f"{split:12} {len(docs):4} docs {n_sents:5} sentences {n_words:6} tokens -> {args.out / split}.spacy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
