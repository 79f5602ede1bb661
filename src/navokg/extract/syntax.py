"""The Dutch parse: who does what in a sentence, from its dependency structure.

navokg ships a spaCy pipeline (``nl_ud/``: tagger, morphologizer, dependency parser and
lemmatizer) trained on the Universal Dependencies Dutch treebanks (Alpino and
LassySmall, CC BY-SA 4.0; see training/ and the README).  It keeps spaCy's default Dutch
tokenizer, so its tokens carry the same character offsets as the rest of the extractor.
It is loaded once per process and run only on the sentences a rule asks for (the cost is
in docs/extractor.md); each parse is kept for the document.

What the rules read from a parse is deliberately coarse, because a parser trained on
4,600 sentences confuses subject and object more often than it misplaces a phrase:

- the clause a word belongs to (the verb it hangs from through the tree, not across a
  subordinate or relative clause);
- the prepositions that mark a word on its way up to that verb ("aan", "voor", then
  "van" in "aan de bevolking van Soedan"), read from the words, not from the labels;
- whether an unmarked phrase is the clause's subject (its label, else its place before
  the finite verb).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from navokg.extract.text import Sentence, TextAnalysis

__all__ = ["Clause", "Parse", "Parses", "parser"]

# Relations that open a clause of their own: a word's clause is the first of these above it.
_CLAUSE_RELATIONS = frozenset(
    {"ROOT", "advcl", "ccomp", "csubj", "acl", "acl:relcl", "parataxis", "xcomp", "conj", "root"}
)
_SUBJECT_RELATIONS = frozenset({"nsubj", "nsubj:pass", "csubj", "expl"})
_VERBAL = frozenset({"VERB", "AUX"})


@cache
def parser() -> Any | None:
    """The packaged Dutch pipeline, loaded once per process; None in a checkout without it
    (the rules then fall back to word order and say so in their confidence)."""
    import spacy

    path = resources.files("navokg.extract") / "nl_ud"
    if not path.joinpath("meta.json").is_file():
        return None
    return spacy.load(str(path))


@dataclass(frozen=True)
class Clause:
    """A verb and what hangs from it, as character offsets into the body."""

    verb: int  # token index of the clause's head
    start: int
    end: int


class Parse:
    """One sentence's parse, with offsets into the document body."""

    def __init__(self, doc: Any, offset: int) -> None:
        self.doc = doc
        self.offset = offset
        self._starts = [token.idx + offset for token in doc]

    def token_at(self, char: int) -> Any | None:
        """The token that covers body offset ``char`` (or starts after it, within a space)."""
        for token in self.doc:
            start = token.idx + self.offset
            if start <= char < start + len(token.text) or start >= char:
                return token
        return None

    def head_of(self, start: int, end: int) -> Any | None:
        """The syntactic head of the words in [start, end): the token whose head lies outside."""
        tokens = [t for t in self.doc if start <= t.idx + self.offset < end]
        if not tokens:
            return None
        inside = {t.i for t in tokens}
        for token in tokens:
            if token.head.i not in inside or token.head.i == token.i:
                return token
        return tokens[-1]

    def clause_of(self, token: Any) -> Any:
        """The head of the clause a token belongs to."""
        while token.dep_ not in _CLAUSE_RELATIONS or (token.dep_ == "conj" and token.pos_ not in _VERBAL):
            if token.head.i == token.i:
                break
            token = token.head
        return token

    def markers(self, token: Any) -> tuple[str, ...]:
        """The prepositions that mark a word on its way up to its clause, nearest first."""
        found: list[str] = []
        clause = self.clause_of(token)
        while True:
            for child in token.children:
                if child.dep_ == "case" or (child.dep_ == "fixed" and child.pos_ == "ADP"):
                    found.append(child.lower_)
            if token.i == clause.i or token.head.i == token.i:
                break
            token = token.head
        return tuple(found)

    def is_subject(self, token: Any, clause: Any) -> bool:
        """Whether an unmarked phrase is its clause's subject: by label, else before the finite verb."""
        head = token
        while head.head.i != clause.i and head.head.i != head.i:
            head = head.head
        if head.head.i != clause.i:  # not under the clause at all: only its place can tell
            return bool(token.i < clause.i)
        if head.dep_ in _SUBJECT_RELATIONS:
            return True
        if head.dep_ in ("obj", "iobj", "obl", "obl:arg", "nmod"):
            return False
        return bool(head.i < clause.i)

    def verbs(self) -> list[Any]:
        return [t for t in self.doc if t.pos_ in _VERBAL or t.dep_ == "ROOT"]

    def particle_of(self, verb: Any) -> str:
        """The separable particle of a verb ("maakt … vrij", "trekt … uit"), or ""."""
        for child in verb.children:
            if child.dep_ == "compound:prt" or (child.dep_ in ("advmod", "xcomp") and child.pos_ in ("ADJ", "ADV")):
                word: str = child.lower_
                if word in ("beschikbaar", "vrij", "uit", "bij", "toe", "aan", "over", "apart", "op", "bekend"):
                    return word
            if {child.lower_, *(c.lower_ for c in child.children)} >= {"ter", "beschikking"}:
                return "beschikbaar"  # "ter beschikking stellen", as "beschikbaar stellen"
        return ""

    def char_span(self, token: Any) -> tuple[int, int]:
        return token.idx + self.offset, token.idx + self.offset + len(token.text)


class Parses:
    """The parses of one document's sentences, made when a rule first asks."""

    def __init__(self, text: TextAnalysis) -> None:
        self.text = text
        self._done: dict[int, Parse] = {}

    def of(self, sentence: Sentence) -> Parse | None:
        """The sentence's parse, or None where navokg has no parser."""
        nlp = parser()
        if nlp is None:
            return None
        found = self._done.get(sentence.start)
        if found is None:
            # Line breaks inside a sentence are spaces to the parser (trained on running text);
            # the replacement keeps every offset.
            words = self.text.body[sentence.start : sentence.end].replace("\n", " ").replace("\r", " ")
            found = Parse(nlp(words), sentence.start)
            self._done[sentence.start] = found
        return found
