"""The status and the kind of an aid commitment, from the words around its amount.

The status comes from the verbs: "wil" is planned, "kondigt aan"/"maakte bekend dat"
announced, "zet apart"/"reserveert"/"trekt uit" reserved, "besluit"/"stelt beschikbaar"/
"draagt bij" committed, "geleverd"/"verstrekt"/"gestuurd" delivered.  The kind comes from
what is given: weapons and defence are military, emergency aid and shelter humanitarian,
loans, budget support and reconstruction financial.

A plural verb is also an infinitive ("Nederland en België sturen" / "wil … sturen"), so only
plurals with their particle apart ("trekken … uit", "zeggen … toe") give a status.
"""

from __future__ import annotations

import re

from navokg.dutch.amounts import AmountMention
from navokg.extract.text import Sentence
from navokg.model import AidStatus, AidType

__all__ = ["aid_status", "aid_type"]

# Patterns read to the end of a sentence: "(?:[^.]|\.\d)*" passes the dot inside a number.
_STATUS: tuple[tuple[AidStatus, re.Pattern[str]], ...] = tuple(
    (status, re.compile(pattern, re.IGNORECASE))
    for status, pattern in (
        (AidStatus.PLANNED, r"\bwil(?:len|de|den)?\b|\bvan\s+plan\b|\bplant\b|\boverweegt\b|\bis\s+bereid\b"),
        (
            AidStatus.RESERVED,
            r"\bapart\b|\breserve\w*|\bgereserveerd|\buitgetrokken|\b(?:trekt|trekken|trok|trokken)\b(?:[^.]|\.\d)*\buit\b|"
            r"\buit\s+te\s+trekken",
        ),
        (
            AidStatus.DELIVERED,
            r"\bgeleverd|\bverstrekt|\bgestuurd|\bgeschonken|\bovergemaakt|\buitbetaald|\bgaf\b|\bgaven\b|"
            r"\bgegeven\b|\bleverde|\bstuurde|\bleende|\bgeleend",
        ),
        (
            AidStatus.ANNOUNCED,
            r"\bkondig\w*\b(?:[^.]|\.\d)*\baan\b|\baangekondigd|\bbekendgemaakt|\bmaakt\w*\b(?:[^.]|\.\d)*\bbekend\b",
        ),
        (
            AidStatus.COMMITTED,
            r"\bbesl\w+|\bbeschikbaar|\bter\s+beschikking|\b(?:draagt|dragen)\b(?:[^.]|\.\d)*\bbij\b|\bbijdraagt|\bbij\s+te\s+dragen|"
            r"\btoegezegd|\bzeg(?:t|gen|de|den)\b(?:[^.]|\.\d)*\btoe\b|\bbelo\w+|\bvrij\b|\bvrijgemaakt|\bvrij\s+te\s+maken|\bgeeft\b|\bgeven\b|"
            r"\bleveren\b|\blevert\b|\bverhoogt|\brekenen\s+op|\bverzekert|\bfinanciert|\bondertekend|"
            r"\btekent|\binvesteert|\bbetaalt|\baanschaf|\bdoneert|\bdoneren|\bsteunt|\bstuurt|\bschenkt|\bkrijgt|"
            r"\bontvangt|\bleent\b|\bken(?:t|nen)\b(?:[^.]|\.\d)*\btoe\b|\btoegekend",
        ),
    )
)
_ANNOUNCE_THAT = re.compile(
    r"\b(?:kondig\w*\b(?:[^.]|\.\d)*\baan|aangekondigd|maakt\w*\b(?:[^.]|\.\d)*\bbekend|bekendgemaakt|meldt|meldde)\b(?:[^.]|\.\d)*\bdat\b",
    re.I,
)
_TYPES: tuple[tuple[AidType, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            AidType.MILITARY,
            r"militai|wapen|munitie|luchtverdediging|\btanks?\b|-tanks|gevecht|helmen|vesten|geweren|houwitser|"
            r"raket|\bF-\d|drones?\b|artillerie|pantser|defensie",
        ),
        (AidType.HUMANITARIAN, r"humanitai|noodhulp|voedsel|medische|opvang|vluchteling|winterhulp"),
        (
            AidType.FINANCIAL,
            r"liquiditeit|begrotingssteun|lening|\bleen(?:t|de|den)?\b|\blenen\b|geleend|financi[eë]|economi|wederopbouw|infrastructuur|investering|macro",
        ),
    )
)


def aid_status(body: str, sentence: Sentence, amount: AmountMention | None, start: int, end: int) -> AidStatus | None:
    """The status the verbs nearest the amount give: its relative clause, what follows it,
    its own clause, its stretch of the sentence, then the whole sentence."""
    anchor = amount.start if amount else start
    if _ANNOUNCE_THAT.search(body[sentence.start : anchor]):
        return AidStatus.ANNOUNCED
    windows = []
    if amount is not None:
        relative = re.match(r"\s*(?:die|dat)\b[^,.;]*", body[amount.end : end])
        if relative:
            windows.append(body[amount.end : amount.end + relative.end()])
        windows.append(body[amount.end : end])
        clause = max(start, body.rfind(",", start, amount.start) + 1)
        windows.append(body[clause : amount.start])
    windows.append(body[start:end])
    windows.append(body[sentence.start : sentence.end])
    for window in windows:
        for status, pattern in _STATUS:
            if pattern.search(window):
                return status
    return None


def aid_type(window: str) -> AidType | None:
    """The kind of aid a stretch of text names; none where it names military aid beside
    another ("zowel humanitaire als militaire steun")."""
    found = [kind for kind, pattern in _TYPES if pattern.search(window)]
    if AidType.MILITARY in found and len(found) > 1 and re.search(r"\bals\b|\bzowel\b", window):
        return None
    return found[0] if found else None
