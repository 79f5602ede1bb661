"""Speeches in a transcript: a speaker's header line, then what they said, unquoted.

Parliamentary records (Handelingen) and verbatim reports give each turn as a header line
naming the speaker and ending in a colon ("De heer Jasper van Dijk (SP):", "Minister
Hennis-Plasschaert:") followed by the words spoken, without quotation marks.  Each turn
of a speaker the text names is a direct statement: its words are the paragraphs up to
the next header.  Turns of an unnamed chair ("De voorzitter:") are left out.
"""

from __future__ import annotations

import re

from navokg.extract.context import Context, clamp
from navokg.extract.speakers import Speakers
from navokg.model import Method, Statement, StatementKind

__all__ = ["find_turns", "header_at"]

_QUOTE_MARKS = "‘’“”„\"'«»"
_NAME_WORD = r"(?:[A-ZÀ-Þ][\w'’-]*|van|de|der|den|ter|ten|het|voor|en|\([^()\n]{1,40}\))"
_HEADER = re.compile(
    r"^[ \t]*(?P<who>(?:[Dd]e\s+heer|[Mm]evrouw|[Mm]inister(?:-president)?|[Ss]taatssecretaris|[Pp]remier|"
    rf"[Dd]e\s+minister|[Dd]e\s+staatssecretaris|[Dd]e\s+voorzitter)(?:[ \t]+{_NAME_WORD}){{0,8}})"
    r"[ \t]*:[ \t]*\n",
    re.MULTILINE,
)


def header_at(ctx: Context, position: int) -> bool:
    """Whether ``position`` lies in a speaker's header line ("De heer Jasper van Dijk (SP):")."""
    line_start = ctx.body.rfind("\n", 0, position) + 1
    header = _HEADER.match(ctx.body, line_start)
    return header is not None and header.start("who") <= position < header.end("who")


def find_turns(ctx: Context, speakers: Speakers) -> list[Statement]:
    """One direct statement per transcript turn whose speaker this text names."""
    body = ctx.body
    headers = list(_HEADER.finditer(body))
    found: list[Statement] = []
    for index, header in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(body)
        start = header.end()
        words = body[start:end].strip()
        if len(words.split()) < 3 or words[0] in _QUOTE_MARKS:
            continue  # a header introducing a quotation is read with the quotation
        speaker = speakers.within(header.start("who"), header.end("who"), first_only=True)
        if speaker is None:
            continue
        evidence = ctx.evidence(start, end)
        sentence = ctx.text.sentence_at(evidence.start)
        ctx.speakers.append((evidence.start, speaker.keys))
        found.append(
            Statement(
                speakers=speaker.keys,
                kind=StatementKind.DIRECT,
                text=" ".join(words.split()),
                evidence=(evidence,),
                date=ctx.fact_date(sentence, evidence.start, evidence.start),
                method=Method.AUTOMATIC,
                confidence=clamp(speaker.confidence * 0.9),
            )
        )
    return found
