"""Recap sentences: "Dat zei hij maandag in een debat." attributes the sentence before it.

Dutch news often gives the words first and who said them, where and when in the next
sentence ("Dat maakte minister X dinsdag bekend tijdens …").  The recap's own words are
never the statement: it extends the statement the sentence before it made, by the same
speaker, or, where that sentence reported nothing, makes that sentence the statement.

A recap may name a paper instead of a verb: "Dat blijkt uit een brief van minister X aan de
Kamer" (also "staat in", "valt te lezen in") is X's report of the sentence before, for the
papers a person writes or speaks (a letter, statement, answers, speech, tweet); figures,
research and reports of no one in particular are not utterances.
"""

from __future__ import annotations

import re

from navokg.extract.context import Context, clamp
from navokg.extract.speakers import Speaker, Speakers
from navokg.extract.text import Sentence
from navokg.extract.titles import parse_title
from navokg.model import Method, Statement, StatementKind

__all__ = ["paper_recap", "recap"]

_RECAP = re.compile(r"(?:Dat|Dit)\s+")
_PAPER_RECAP = re.compile(
    r"(?:Dat|Dit)\s+(?P<verb>blijkt|staat|valt|is|komt)\s+(?:te\s+lezen\s+|naar\s+voren\s+)?(?:uit|in)\s+"
    r"(?:een|de|het|haar|zijn)\s+(?:[\w-]+\s+){0,2}?[\w-]*(?:brief|verklaring|antwoorden|toespraak|speech|tweet|"
    r"bericht|notitie|memo|e-mail|mail|interview|betoog)\s+van\s+"
)
# Words that open the next clause: a finite verb after them is not the "dat"-clause's.
_CLAUSE_WORDS = frozenset({"dat", "die", "wat", "waar", "omdat", "als", "toen", "nadat", "terwijl", "en", "maar"})
# A reporting verb's particle or participle that closes its clause after an object "dat".
_CLOSING_WORDS = frozenset(
    {"bekend", "weten", "gezegd", "verteld", "gemeld", "aangekondigd", "toegezegd", "verklaard", "benadrukt"}
)
_THAT_AFTER = re.compile(r"\w+\s+(?P<that>dat|dit)\s+(?!\w+\s+(?:dat|dit)\b)")


def _object_that(ctx: Context, sentence: Sentence, verb: int) -> bool:
    """Whether "dat" right after the verb is its object, not a clause ("X maakte dat maandag
    bekend", "X heeft dat gezegd"; not "X zei dat de steun doorgaat"), by the parse."""
    that = _THAT_AFTER.match(ctx.body, verb)
    if that is None:
        return False
    if ctx.text.quotes_in(that.end("that"), sentence.end):
        return False  # "waarschuwde dat zonder de wet “…”": a clause with words of its own
    parse = ctx.parses.of(sentence)
    token = parse.token_at(that.start("that")) if parse is not None else None
    if token is None:
        return False
    # A finite verb after it makes "dat" open a clause, whatever the parser called it ("vond
    # dat er meer moet worden bezuinigd"); after an object "dat" come only adverbs and the
    # verb's particle or participle ("maakte dat maandag bekend", "heeft dat gezegd"), which
    # settle it where the parser took "dat" for a conjunction.
    closed = False
    for following in token.doc[token.i + 1 :]:
        if following.idx >= sentence.end or following.pos_ in ("SCONJ", "PUNCT") or following.lower_ in _CLAUSE_WORDS:
            break  # "maakte dat bekend na berichten dat …": the next clause is another's
        if "Fin" in following.morph.get("VerbForm"):
            return False
        closed = closed or following.lower_ in _CLOSING_WORDS
    return closed or token.pos_ == "PRON" or token.dep_ == "obj"


def recap(ctx: Context, found: list[Statement], sentence: Sentence, verb: int, speaker: Speaker, end: int) -> bool:
    """Whether the sentence is a recap (its reporting verb at ``verb`` comes second, after
    "Dat"/"Dit", or has "dat" as its object); if so, extend or add the statement it
    attributes, in ``found``."""
    body = ctx.body
    opener = _RECAP.match(body, sentence.start)
    if (opener is None or opener.end() != verb) and not _object_that(ctx, sentence, verb):
        return False
    index = ctx.text.sentence_index(sentence.start)
    previous = ctx.text.sentences[index - 1] if index else None
    if previous is None or previous.paragraph != sentence.paragraph:
        return True
    earlier = [
        (position, statement)
        for position, statement in enumerate(found)
        if previous.start < statement.evidence[-1].end <= sentence.start
    ]
    if earlier:
        position, statement = max(earlier, key=lambda item: item[1].evidence[-1].end)
        if statement.speakers == speaker.keys:
            joined = ctx.evidence(statement.evidence[0].start, end)
            found[position] = Statement(**{**statement.__dict__, "evidence": (joined,)})
        return True
    if ctx.text.quotes_in(previous.start, previous.end):
        return True
    text = " ".join(body[previous.start : previous.end].split()).strip(" ,.;:")
    if len(text.split()) < 3:
        return True
    ctx.speakers.append((previous.start, speaker.keys))
    found.append(
        Statement(
            speakers=speaker.keys,
            kind=StatementKind.INDIRECT,
            text=text,
            evidence=(ctx.evidence(previous.start, end),),
            date=ctx.fact_date(sentence, sentence.start, end),
            method=Method.AUTOMATIC,
            confidence=clamp(speaker.confidence * 0.7),
        )
    )
    return True


def paper_recap(ctx: Context, speakers: Speakers, sentence: Sentence) -> tuple[int, int, Speaker] | None:
    """ "Dat blijkt uit een brief van minister X aan de Kamer": where the verb stands, where the
    sentence ends and who wrote the paper, for ``recap`` to attribute the sentence before."""
    match = _PAPER_RECAP.match(ctx.body, sentence.start)
    if match is None or (match.group("verb") == "is" and "te lezen" not in match.group()):
        return None
    speaker = speakers.within(match.end(), min(sentence.end, match.end() + 60), first_only=True)
    if speaker is None:
        return None
    gap = ctx.body[match.end() : speaker.start].strip()
    if gap and gap.lower() not in ("de", "het") and parse_title(gap, 0) is None:
        return None  # "een brief van de advocaat van X": not X's paper
    return match.start("verb"), sentence.end, speaker
