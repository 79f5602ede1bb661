"""Organisations the gazetteer does not know, by the way Dutch names them.

Donors and recipients of aid are often not countries: municipalities ("de gemeente
Utrecht"), aid organisations and foundations named after their kind ("hulporganisatie
Cordaid", "de stichting Vluchteling"), funds, programmes and banks whose capitalised name
ends in such a word ("het Nationaal Rampenfonds", "het Ukraine Recovery Programme"), and
acronyms after a preposition of giving ("aan UNOPS", "via ICMPD").  Each becomes an
organisation entity of the document, and its span is added to the text's named spans,
so that the person finder leaves its words alone and the speaker and aid rules see it as
a party.
"""

from __future__ import annotations

import re

from navokg.extract.lexicon import FUNCTION_WORDS, first_names
from navokg.extract.text import TextAnalysis
from navokg.model import Entity, EntityKind
from navokg.sources.entities import Registry
from navokg.vocab import slugify

__all__ = ["find_organisations"]

_NAME = r"[A-ZÀ-Þ][\w'’&-]*(?:\s+(?:[A-ZÀ-Þ][\w'’&-]*|van|voor|de|der|het|zonder|en|for|of|the))*"
_KIND_BEFORE = re.compile(
    # any kind of organisation Dutch compounds ("Boerenorganisatie LTO", "milieuorganisatie Greenpeace")
    rf"\b(?P<kind>(?i:gemeente|provincie|deelstaat|stichting|vakbond|vakcentrale|[a-zà-ÿ]*organisatie|ngo|"
    rf"vn-organisatie|vn-agentschap|fonds|bank|denktank))\s+"
    rf"(?P<name>{_NAME})"
)
_GENERIC_HEADS = (
    "Fonds|Fund|Facility|Faciliteit|Programma|Programme|Organisatie|Organization|Alliantie|Alliance|Bank|"
    "Agentschap|Stichting|Foundation|Trust"
)
_HEAD_LAST = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÀ-Þ][\w'’-]*(?:\s+(?:[A-ZÀ-Þ][\w'’-]*|van|voor|de|der|het|for|of|the))*\s+)?"
    rf"(?P<head>[A-ZÀ-Þ][\w-]*(?:fonds|faciliteit|programma|organisatie|alliantie|bank|agentschap)|{_GENERIC_HEADS})"
    r"(?![\w-])"
)
_ARTICLE = re.compile(r"^(?:De|Het|Een|de|het|een)\s+")
_TRAILING = re.compile(r"(?:\s+(?:van|voor|de|der|het|zonder|en|for|of|the))+$")
# A capitalised name with a word that only organisations bear ("Human Rights Watch",
# "Amnesty International", "Centraal Bureau voor de Statistiek", "Internationaal Gerechtshof").
_RUN = re.compile(
    r"(?<![\w-])[A-ZÀ-Þ][\w'’&-]*(?:\s+(?:(?:van|voor|de|der|het|for|of|the)\s+)*[A-ZÀ-Þ][\w'’&-]*)*(?![\w-])"
)
_BODY_WORDS = frozenset(
    """International Internationaal Internationale Watch Bureau Gerechtshof Hof Tribunaal Ministerie Dienst
    Autoriteit Instituut Universiteit Centrum Raad Commissie Agentschap Unie Beweging Federatie Vereniging
    Stichting Fonds Bank Organisatie Alliantie Comité Court Council Agency Institute University Foundation
    Trust Initiative Network Partnership Programme Program Federation Association Coalition Unit Service""".split()  # noqa: SIM905
)
_ACRONYM_AFTER = re.compile(
    r"\b(?:aan|via|door|naar|met|bij)\s+(?:het\s+|de\s+)?(?P<name>[A-Z][A-Z0-9]{2,6})\b(?![\w-])"
)
_NOT_ACRONYMS = frozenset({"EUR", "USD", "GBP", "CHF", "JPY", "BBP", "BNP", "CEO", "CDA", "PVV", "VVD", "VS", "VK"})
_MUNICIPAL = frozenset({"gemeente", "provincie", "deelstaat"})


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _after_person(body: str, start: int, end: int, words: list[str], given: frozenset[str]) -> tuple[int, list[str]]:
    """Where an organisation's name begins in a run that opens with a person: after the
    "van"/"voor" that follows the name ("Onderzoeker Dick Zandee van Instituut Clingendael")."""
    body_at = next((i for i, w in enumerate(words) if w in _BODY_WORDS), None)
    person = next((i for i, w in enumerate(words[:body_at]) if w in given), None) if body_at else None
    if person is None or body_at is None:
        return start, words
    cut = max((i for i in range(person + 1, body_at) if words[i] in ("van", "voor")), default=None)
    if cut is None:
        return end, []  # "Jan Pronk Instituut"? a name too uncertain to take
    for word in words[: cut + 1]:
        start = body.index(word, start) + len(word)
    start = body.index(words[cut + 1], start)
    return start, words[cut + 1 :]


def find_organisations(text: TextAnalysis, registry: Registry) -> dict[str, Entity]:
    """Add the spans of organisations the registry lacks to ``text.named``; return them."""
    body = text.body
    taken = [(a, b) for a, b, _key, _kind in text.named]
    found: dict[str, Entity] = {}
    candidates: list[tuple[int, int, str]] = []
    kinds: set[int] = set()  # where a word names the kind of the body whose name follows
    for match in _KIND_BEFORE.finditer(body):
        kinds.add(match.start("kind"))
        kind = match.group("kind").lower()
        name = _TRAILING.sub("", match.group("name").rstrip())
        if kind in _MUNICIPAL:
            candidates.append((match.start("kind"), match.start("name") + len(name), f"{kind} {name}"))
        elif len(name) > 1:
            candidates.append((match.start("name"), match.start("name") + len(name), name))
    for match in _HEAD_LAST.finditer(body):
        words = match.group().split()
        if not match.group("name") and match.start() in kinds:
            continue  # "Boerenorganisatie LTO": the name is LTO
        if (match.group("name") and len(words) >= 2) or len(match.group("head")) > 9:
            candidates.append((match.start(), match.end(), " ".join(words)))
    given = first_names()
    for match in _RUN.finditer(body):
        start, words = match.start(), match.group().split()
        while words and words[0] in FUNCTION_WORDS:  # "Volgens", "Ook", "Het" open the sentence
            start = body.index(words[1], start + len(words[0])) if len(words) > 1 else match.end()
            words = words[1:]
        start, words = _after_person(body, start, match.end(), words, given)
        if len(words) >= 2 and any(w in _BODY_WORDS for w in words) and words[0] not in given:
            label = _TRAILING.sub("", body[start : match.end()])
            candidates.append((start, start + len(label), " ".join(label.split())))
    for match in _ACRONYM_AFTER.finditer(body):
        name = match.group("name")
        if name not in _NOT_ACRONYMS:
            candidates.append((match.start("name"), match.end("name"), name))
    for start, end, label in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        label = _ARTICLE.sub("", label)
        if label in _GENERIC_HEADS.split("|"):
            continue  # "De Bank" at a sentence's start names no organisation
        start = end - len(label) if body[start:end].endswith(label) else start
        inside = [n for n in text.named if start <= n[0] and n[1] <= end and (n[1] - n[0]) < (end - start)]
        if _overlaps([t for t in taken if not any(t == (n[0], n[1]) for n in inside)], start, end):
            continue
        for contained in inside:  # "het Ukraine Energy Support Fund" is not Oekraïne
            text.named.remove(contained)
            taken.remove((contained[0], contained[1]))
        known = registry.lookup(label, [EntityKind.ORGANIZATION])
        if known:
            key = known[0].key
        else:
            key = slugify(label)
            if not key:
                continue
            if key in registry and registry.get(key).kind is not EntityKind.ORGANIZATION:
                key = f"{key}-organization"
            found.setdefault(key, Entity(EntityKind.ORGANIZATION, key, label))
        text.named.append((start, end, key, EntityKind.ORGANIZATION))
        taken.append((start, end))
    text.named.sort(key=lambda n: n[0])
    return found
