"""One amount for several recipients: divided where the text divides it, else shared.

``nkg:recipient`` is functional (one recipient per commitment), and the aid flow sums
amounts per donor and recipient.  So "stuurt 10 miljoen euro naar Turkije en Syrië" is one
commitment per recipient, and only the text can say how the amount divides:

- "elk" / "ieder" / "per land" gives each recipient the whole amount ("Nederland geeft
  Turkije en Syrië elk 5 miljoen euro"), and a total the text then divides that way
  ("20 miljoen euro aan Turkije en Syrië, elk 10 miljoen") is said by its parts;
- otherwise the text does not say, and each recipient's commitment carries no amount (and
  no items) but a note with the sum they share, so that no total counts it twice.

Recipients share an amount when the parse coordinates them ("naar Turkije en Syrië", "aan
UNICEF en het Rode Kruis") within the amount's stretch of the sentence; a list of amounts
with their own recipients ("5 miljoen aan Libanon, 3 miljoen aan Jordanië") is not that.

The shares a paragraph lists after its commitment without naming donor or recipient again
("Nederland steunt Curaçao met 300 miljoen euro. Daarvan is 80 miljoen voor de luchthaven.
Daarnaast komt er nog eens 5 miljoen bij voor ziekenhuizen.") are that commitment's donor's
to its recipient: only where the sentence allots the amount to a purpose (``share_cue``)
and names no other party (aid.py checks that).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from navokg.extract.aidroles import Party
from navokg.extract.syntax import Parse
from navokg.model import AidCommitment

__all__ = ["coordinated", "divided_later", "for_each", "share_cue", "shared"]

_EACH_WORDS = r"(?:elk|elke|ieder|iedere|allebei|beide|beiden)"
_EACH_BEFORE = re.compile(rf"\b{_EACH_WORDS}\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE)
_EACH_AFTER = re.compile(rf"\s*(?:per\s+(?:land|organisatie|instelling|eiland)|{_EACH_WORDS})\b", re.IGNORECASE)
# A later amount that divides the one before: "…, elk 10 miljoen", "ieder € 5 miljoen".
_EACH_AMOUNT_AFTER = re.compile(rf"\b{_EACH_WORDS}\s+(?:\w+\s+){{0,2}}(?:[€$]\s*)?\d", re.IGNORECASE)


def _conjunct_root(token: Any) -> Any:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _starts_a_clause(parse: Parse, party: Party, verb: Any) -> bool:
    """Whether a verb other than the giving one follows a party: the party is that verb's
    subject, whatever the parse coordinates it with ("naar Turkije en de Verenigde Staten
    sturen …")."""
    after = [t for t in parse.doc if t.idx + parse.offset >= party.end]
    if not after or after[0].pos_ not in ("VERB", "AUX"):
        return False
    return after[0].i != verb.i and after[0].dep_ not in ("aux", "aux:pass", "cop")


def coordinated(
    parse: Parse,
    verb: Any,
    parties: Sequence[Party],
    recipients: Sequence[str],
    chosen: str,
    bounds: tuple[int, int],
) -> tuple[str, ...]:
    """The recipients the parse coordinates with ``chosen`` in the amount's stretch
    ``bounds``, in the text's order ("naar Turkije en Syrië"); ``(chosen,)`` where it
    stands alone."""
    start, end = bounds
    heads: dict[str, Any] = {}
    for party in parties:
        if party.key in recipients and party.key not in heads and start <= party.start and party.end <= end:
            token = parse.head_of(party.start, party.end)
            if token is not None and not _starts_a_clause(parse, party, verb):
                heads[party.key] = token
    if chosen not in heads:
        return (chosen,)
    root = _conjunct_root(heads[chosen]).i
    together = tuple(key for key, token in heads.items() if _conjunct_root(token).i == root)
    return together if chosen in together else (chosen,)


def for_each(body: str, amount_start: int, amount_end: int, clause_start: int) -> bool:
    """Whether an amount is each recipient's: "elk 5 miljoen euro", "5 miljoen euro per land"."""
    before = body[max(clause_start, amount_start - 40) : amount_start]
    return bool(_EACH_BEFORE.search(before) or _EACH_AFTER.match(body, amount_end))


def divided_later(body: str, amount_end: int, sentence_end: int) -> bool:
    """Whether the sentence goes on to give each recipient its part ("…, elk 10 miljoen")."""
    return _EACH_AMOUNT_AFTER.search(body, amount_end, sentence_end) is not None


def shared(commitment: AidCommitment, recipients: Sequence[str], names: Sequence[str]) -> list[AidCommitment]:
    """One commitment per recipient of an amount the text does not divide: no amount or
    items of its own, and a note with what they share."""
    what = commitment.amount_as_written or ", ".join(
        f"{item.quantity} {item.label}" if item.quantity is not None else item.label for item in commitment.items
    )
    note = f"{what} for {' and '.join(names)} together; the text does not say how it is divided"
    return [
        replace(
            commitment,
            recipient=recipient,
            amount=None,
            currency=None,
            amount_as_written=None,
            items=(),
            note=note,
        )
        for recipient in recipients
    ]


# A share of the paragraph's commitment: an amount for a purpose ("Het gaat om 110 miljoen voor
# de haven", "Daarvan is 80 miljoen voor scholen", "Daarnaast komt er nog eens 7 miljoen bij
# voor ziekenhuizen", "Voor de wegen is 40 miljoen bestemd").
_SHARE_BEFORE = re.compile(
    r"(?:Daar|Hier)van\b|(?:Voor|Naar)\s[^,.;:]{1,60}?\s(?:is|gaat|komt|wordt|zijn|gaan|komen|worden)\s+(?:\w+\s+){0,3}$"
)
_SHARE_AFTER = re.compile(
    r"\s*(?:euro\s+)?(?:[^\W\d]+\s+){0,4}?(?:voor|naar|bestemd|besteed|gereserveerd|uitgetrokken)\s+"
    r"(?:de\s+|het\s+|een\s+)?[^\W\d]",
    re.IGNORECASE,
)
# What makes an amount no share: a comparison, a negation, a need, a cost, an income; a question.
_NO_SHARE = re.compile(
    r"\b(?:meer|minder|hoger|lager)\s+dan\b|\b(?:niet|geen|nooit|nodig)\b|tekort|\bkost|\bverdien|\bverlo|"
    r"\bverlies|\bgeschat|\bschat|\?",
    re.IGNORECASE,
)


def share_cue(body: str, sentence_start: int, sentence_end: int, amount: tuple[int, int]) -> bool:
    """Whether a sentence allots an amount to a purpose without naming who gives or receives."""
    amount_start, amount_end = amount
    if _NO_SHARE.search(body, sentence_start, sentence_end):
        return False
    return bool(_SHARE_BEFORE.match(body[sentence_start:amount_start]) or _SHARE_AFTER.match(body, amount_end))
