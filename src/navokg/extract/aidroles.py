"""Donor and recipient of an aid sentence, from its structure.

The verb of giving decides what the roles are: with "geven", "leveren", "stelt …
beschikbaar", "trekt … uit", "draagt … bij", "maakt … vrij", "zegt … toe", "doneert" the
subject gives (or the "door"-phrase of a passive: "wordt door Nederland beschikbaar
gesteld") and the "aan"/"naar"/"voor"-phrase receives, also through a phrase that names
it ("aan de bevolking van Soedan", "voor noodhulp in Jemen"); with "krijgen" and
"ontvangen" the subject receives and the "van"-phrase gives; with "steunen" and
"helpen" the object receives.  Only parties in the verb's own clause count: "Nu Rusland
Oekraïne heeft aangevallen, stuurt Nederland …" gives nothing to or from Rusland, and a
relative clause on the things given names who delivers them ("tanks die Duitsland
levert").  A person who gives stands for the country whose government they serve.

Beyond the verb: a relative clause's antecedent plays its pronoun's part ("UNICEF, dat
van Nederland 10 miljoen krijgt"); the "van"-phrase of a noun of giving gives ("de
bijdrage van Nederland aan UNICEF"); "investeert … in" marks who receives; and where the
parser calls a main clause's fronted subject an object, word order decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from navokg.extract.syntax import Parse

__all__ = [
    "GIVING_FORMS", "RECEIVING_VERB", "Party", "Roles", "giving_verb", "may_give", "recipient_phrase", "roles",
    "verb_kind",
]  # fmt: skip


@dataclass(frozen=True)
class Party:
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Roles:
    donors: tuple[str, ...]
    recipient: str | None
    # Every party the clause gives to, in the sentence's order: each amount of a list
    # ("5 miljoen aan Libanon, 3 miljoen aan Jordanië") has its own.
    recipients: tuple[str, ...] = ()


# Verb forms by what their subject does.  A particle after a slash must be in the clause
# ("stelt … beschikbaar"); "-" marks a form that gives by itself.
_GIVE = re.compile(
    r"(?:geef|geeft|geven|gaf|gaven|gegeven|schenk\w*|geschonken|doneer\w*|gedoneerd|lever|levert|leveren|leverde\w*|"
    r"geleverd|stuur|stuurt|sturen|stuurde\w*|gestuurd|zend\w*|gezonden|financier\w*|gefinancierd|investeer\w*|"
    r"geïnvesteerd|besteedt?|besteden|besteedde\w*|betaal\w*|betaald|reserveer\w*|gereserveerd|verstrek\w*|"
    r"belo\w+|bied|biedt|bieden|bood|boden|geboden|toegezegd|toezeggen|uitgetrokken|uittrekken|bijgedragen|"
    r"bijdragen|bijdraagt|vrijgemaakt|vrijmaken|overgemaakt|overmaken|toegekend|toekennen|beschikbaar\w*|"
    r"doneren|uitkeren|uitgekeerd|keert|overgedragen|overdragen|overgedaan)$"
)
_WITH_PARTICLE = re.compile(
    r"(?:stel|stelt|stellen|stelde|stelden|gesteld|trek|trekt|trekken|trok|trokken|draag|draagt|dragen|droeg|"
    r"droegen|maak|maakt|maken|maakte|maakten|zeg|zegt|zeggen|zegde|zegden|zet|zette|zetten|ken|kent|kende|kenden)$"
)
# The particle each verb of _WITH_PARTICLE needs to give ("maakt … vrij", not "maakt … bekend").
_NEEDS = (
    (re.compile(r"(?:ge)?stel"), ("beschikbaar",)),
    (re.compile(r"tr[eo]k"), ("uit",)),
    (re.compile(r"dr[ao]"), ("bij", "over")),
    (re.compile(r"maa?k"), ("vrij", "over")),
    (re.compile(r"zeg"), ("toe",)),
    (re.compile(r"zet"), ("apart",)),
    (re.compile(r"ken"), ("toe",)),
)
_INVEST = re.compile(r"(?:investeer\w*|geïnvesteerd)$")
# The verbs of receiving, as words: the parse's verbs are matched against them here, and
# a sentence's words by aid.py where the parse found no role.
RECEIVING_VERB = r"krijg\w*|kreeg|kregen|gekregen|ontvang\w*|ontving\w*"
_RECEIVE = re.compile(rf"(?:{RECEIVING_VERB})$")
# "kan rekenen op": assured of, so the subject receives; "rekent op" alone only hopes.
# Lending gives ("leent Oekraïne 1 miljard", "leent … aan"); with a "van"/"bij"-phrase the
# subject borrows, which is no aid it gives.
_LEND = re.compile(r"(?:leen|leent|lenen|leende|leenden|geleend|uitlenen|uitgeleend)$")
_COUNT_ON = re.compile(r"(?:rekenen|rekent|rekende|rekenden)$")
_ASSURED = frozenset({"kan", "kunnen", "kon", "konden", "mag", "mogen"})
_SUPPORT = re.compile(
    r"(?:steun|steunt|steunen|steunde\w*|gesteund|ondersteun\w*|help|helpt|helpen|hielp\w*|geholpen)$"
)
_FLOW = re.compile(r"(?:gaat|gaan|ging|gingen|gegaan|komt|komen|kwam|kwamen|vloeit|vloeien)$")
GIVING_FORMS = (_GIVE, _WITH_PARTICLE, _RECEIVE, _SUPPORT, _FLOW)

# "wordt … gegeven", and "is … goedgekeurd" with a "door"-phrase: a passive.
_PASSIVE_AUXILIARIES = frozenset({"worden", "wordt", "werd", "werden", "is", "zijn", "was", "waren"})
# Nouns of giving whose "van"-phrase gives: "de bijdrage van Nederland aan UNICEF".
_GIFT_NOUN = re.compile(
    r"(?:steun|\w+steun|\w*hulp|\w*bijdrage|donatie|gift|schenking|\w*pakket|toezegging|financiering)$"
)
_RECIPIENT = frozenset({"aan", "naar", "voor"})
_THROUGH = frozenset({"van", "in", "uit", "binnen", "op"})


def may_give(word: str) -> bool:
    """Whether a word (lower case) has the form of a verb ``verb_kind`` can find giving."""
    return bool(_GIVE.match(word) or _WITH_PARTICLE.match(word) or _LEND.match(word))


def verb_kind(parse: Parse, verb: Any) -> str | None:
    """What a verb does with the aid: "give", "receive", "support", "flow", or None."""
    word = verb.lower_
    if _GIVE.match(word):
        return "give"
    if _WITH_PARTICLE.match(word):
        particle = parse.particle_of(verb)
        wanted = next((needs for stem, needs in _NEEDS if stem.match(word)), ())
        return "give" if particle and particle in wanted else None
    if _RECEIVE.match(word):
        return "receive"
    if _LEND.match(word):
        borrows = any(parse.markers(child)[:1] in (("van",), ("bij",)) for child in verb.children)
        return None if borrows else "give"
    if _COUNT_ON.match(word):
        return "receive" if any(child.lower_ in _ASSURED for child in verb.children) else None
    if _SUPPORT.match(word):
        return "support"
    if _FLOW.match(word):
        return "flow"
    return None


def giving_verb(parse: Parse, anchor: int) -> tuple[Any, str] | None:
    """The verb of giving that governs the words at ``anchor`` (an amount or items), if any."""
    token = parse.token_at(anchor)
    if token is None:
        return None
    clause = parse.clause_of(token)
    seen = 0
    while seen < 6:
        kind = verb_kind(parse, clause)
        if kind is not None:
            return clause, kind
        for child in clause.children:  # "heeft besloten … beschikbaar te stellen", "wil … geven"
            if child.dep_ in ("xcomp", "conj", "ccomp") and verb_kind(parse, child):
                return child, str(verb_kind(parse, child))
        if clause.head.i == clause.i:
            break
        clause = parse.clause_of(clause.head)
        seen += 1
    for token in parse.doc:  # a participle the parser hung elsewhere ("… beschikbaar gesteld")
        kind = verb_kind(parse, token)
        if kind is not None and token.pos_ in ("VERB", "AUX", "ADJ"):
            if token.pos_ == "ADJ" and token.dep_ in ("nmod", "amod", "obl", "advmod"):
                # a particle hung on a phrase ("stelt 15 miljoen beschikbaar aan …"): its clause gives
                return parse.clause_of(token), kind
            return token, kind
    return None


def _same_clause(parse: Parse, token: Any, verb: Any) -> bool:
    """Whether a word belongs to the verb's clause, or to one that shares its subject."""
    clause = parse.clause_of(token)
    if clause.i == verb.i:
        return True
    if clause.dep_ == "ROOT" and clause.pos_ not in ("VERB", "AUX") and token.i > verb.i:
        return True  # a fragment the parser left unattached after the verb belongs to its clause
    # "heeft besloten … te geven": the giving verb is an xcomp or conjunct of the clause.
    head = verb
    while head.dep_ in ("xcomp", "conj") and head.head.i != head.i:
        head = head.head
        if clause.i == head.i:
            return True
    return False


def _recipient_marked(markers: tuple[str, ...], *, into: bool = False) -> bool:
    """Whether a phrase's prepositions mark who receives: "aan", "voor", "naar" (and "in"
    after a verb of investing: "investeert … in het Green Climate Fund")."""
    for marker in markers:
        if marker in _RECIPIENT or (into and marker == "in"):
            return True
        if marker not in _THROUGH:
            return False
    return False


def roles(parse: Parse, verb: Any, kind: str, parties: list[Party]) -> Roles:
    """Who gives and who receives in the clause of ``verb``, among the sentence's parties."""
    donors: list[str] = []
    recipients: list[str] = []
    participle = "Part" in verb.morph.get("VerbForm") or verb.lower_.startswith(
        ("ge", "be", "ver", "toe", "uit", "bij")
    )
    passive = any(child.dep_ in ("aux:pass", "nsubj:pass") for child in verb.children) or (
        participle and any(child.lower_ in _PASSIVE_AUXILIARIES for child in verb.children)
    )
    entries: list[tuple[Party, tuple[str, ...], bool]] = []
    subjects: list[tuple[Party, Any]] = []
    relative = _relative_pronoun(verb)
    heads = {t.i for p in parties if (t := parse.head_of(p.start, p.end)) is not None}
    for party in parties:
        token = parse.head_of(party.start, party.end)
        if token is None:
            continue
        markers = parse.markers(token)
        if relative is not None and token.i == verb.head.i:
            # "Het Wereldvoedselprogramma, dat van Nederland 10 miljoen krijgt": the party a
            # relative clause hangs from plays its pronoun's part ("waaraan" marks "aan").
            entries.append((party, relative[1], relative[0]))
            if relative[0]:
                subjects.append((party, token))
            continue
        if not _same_clause(parse, token, verb):
            if markers[:1] == ("door",) and _relative_on_goods(parse, token, verb):
                donors.append(party.key)  # "tanks die door Duitsland worden geleverd"
            continue
        clause = parse.clause_of(token)
        if clause.dep_ == "ROOT" and clause.pos_ not in ("VERB", "AUX"):
            clause = verb  # an unattached fragment after the verb is no subject
        subject = not markers and parse.is_subject(token, clause)
        entries.append((party, markers, subject))
        if subject:
            subjects.append((party, token))
    if not subjects:
        # The parser called the subject an object ("Nederland ondersteunt UNRWA met …"): in
        # a main clause the unmarked phrase before the finite verb is its subject.
        fronted = [(p, t) for p, m, _s in entries if not m and (t := parse.head_of(p.start, p.end)) is not None]
        # In a relative clause on what is given ("de 10 miljoen euro die Nederland aan UNICEF
        # geeft") the pronoun is the gift, so the unmarked phrase gives.
        on_goods = relative is not None and verb.head.i not in heads
        fronted = [(p, t) for p, t in fronted if (t.i < _finite(verb).i and verb.dep_ == "ROOT") or on_goods]
        if fronted:
            subjects = fronted[:1]
            entries = [(p, m, s or p == fronted[0][0]) for p, m, s in entries]
    single = _one_subject(verb, subjects)
    into = bool(_INVEST.match(verb.lower_))
    for party, markers, subject in entries:
        subject = subject and party in single
        unmarked = not markers
        if kind in ("give", "flow"):
            if (
                (subject and kind == "give")
                or (markers[:1] == ("door",) and passive)
                or _of_gift(parse, party, markers)
            ):
                donors.append(party.key)
            elif _recipient_marked(markers, into=into) or (unmarked and kind == "give" and not passive):
                recipients.append(party.key)  # "Noorwegen schenkt Oekraïne 5 ambulances"
        elif kind == "receive":
            if subject:
                recipients.append(party.key)
            elif markers[:1] == ("van",):
                donors.append(party.key)
        elif kind == "support":
            if subject:
                donors.append(party.key)
            elif unmarked or _recipient_marked(markers):
                recipients.append(party.key)
    donors = list(dict.fromkeys(donors))
    given = tuple(dict.fromkeys(r for r in recipients if r not in donors))
    return Roles(tuple(donors), given[0] if given else None, given)


def _one_subject(verb: Any, subjects: list[tuple[Party, Any]]) -> set[Party]:
    """A clause has one subject (with what is coordinated to it): where the parse gives
    several, the one before the finite verb, else the first after it ("Nederland geeft
    Oekraïne 10 miljoen euro", "Daarom geeft Nederland Oekraïne …")."""
    if len(subjects) < 2:
        return {party for party, _token in subjects}
    finite = _finite(verb)
    before = [(p, t) for p, t in subjects if t.i < finite.i]
    chosen = before or subjects[:1]
    heads = {t.i for _p, t in chosen}
    return {p for p, t in subjects if t.i in heads or (t.dep_ == "conj" and t.head.i in heads)}


_RELATIVE_PRONOUNS = frozenset({"die", "dat", "welke", "wie", "wat"})
_RELATIVE_ADVERBS = {"waaraan": "aan", "waarvoor": "voor", "waarnaar": "naar", "waarvan": "van", "waardoor": "door"}


def _relative_pronoun(verb: Any) -> tuple[bool, tuple[str, ...]] | None:
    """How a relative clause's pronoun takes part: (is it the subject, its prepositions);
    None where the verb heads no relative clause."""
    if verb.dep_ not in ("acl:relcl", "acl"):
        return None
    for child in verb.children:
        word = child.lower_
        if word in _RELATIVE_ADVERBS:
            return False, (_RELATIVE_ADVERBS[word],)
        if word in _RELATIVE_PRONOUNS and child.i < verb.i:
            return child.dep_ in ("nsubj", "nsubj:pass"), ()
    return None


def _finite(verb: Any) -> Any:
    """The clause's finite verb: its first auxiliary, else the verb itself."""
    return min([verb, *(c for c in verb.children if c.dep_ in ("aux", "aux:pass", "cop"))], key=lambda t: t.i)


def _of_gift(parse: Parse, party: Party, markers: tuple[str, ...]) -> bool:
    """Whether a party is the "van"-phrase of a noun of giving ("de steun van Nederland")."""
    if markers[:1] != ("van",):
        return False
    token = parse.head_of(party.start, party.end)
    return token is not None and token.head.i != token.i and bool(_GIFT_NOUN.match(token.head.lower_))


def _relative_on_goods(parse: Parse, token: Any, verb: Any) -> bool:
    """Whether a word stands in a relative clause of giving on what the verb's clause gives."""
    clause = parse.clause_of(token)
    return (
        clause.dep_ in ("acl", "acl:relcl")
        and verb_kind(parse, clause) == "give"
        and _same_clause(parse, clause.head, verb)
    )


# Nouns that name a body able to receive money: "aan het nieuwe fonds voor klimaatschade".
_RECEIVING_NOUN = re.compile(
    r"(?:fonds|fund|organisatie|agentschap|programma|bank|faciliteit|ngo|instelling|stichting|alliantie)$"
)


def recipient_phrase(parse: Parse, verb: Any) -> str | None:
    """The name of a body the verb's "aan"/"voor"/"naar"-phrase gives to, where no party is
    named: the receiving noun and what the phrase says of it ("fonds voor klimaatschade")."""
    if verb_kind(parse, verb) not in ("give", "flow"):
        return None
    for token in parse.doc:
        if token.pos_ in ("VERB", "AUX", "ADP", "DET") or not _RECEIVING_NOUN.search(token.lower_):
            continue
        if not _same_clause(parse, token, verb) or not _recipient_marked(parse.markers(token)):
            continue
        words = [token.text]
        for child in token.rights:
            if child.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in ("voor", "van") for c in child.children):
                words += [t.text for t in child.subtree if t.pos_ != "PUNCT" and t.dep_ != "det"]
                break
        return " ".join(words)
    return None
