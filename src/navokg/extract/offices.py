"""Office holdings: titles before or after a person's name, and what the text says of time.

A title is a head word ("minister", "premier", "secretaris-generaal", "Kamerlid") with
what narrows it: a country adjective ("de Russische minister"), an organisation prefix
("NAVO-chef"), a complement ("van Buitenlandse Zaken", "der Strijdkrachten") or a field
("hoogleraar internationale betrekkingen").  It stands before the name ("minister van
Defensie Ruben Brekelmans"), after it as an apposition ("Dick Berlijn, oud-commandant der
Strijdkrachten") or as a portfolio in parentheses ("Kajsa Ollongren (defensie)"), or is
predicated of the name ("Rutte wordt dinsdag secretaris-generaal").  "oud-", "ex-",
"voormalig" and "b.d." end a holding; "wordt", "begint als", "benoemd tot" start one.
Dutch government titles default to Nederland.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from navokg.dutch.dates import TimeValue
from navokg.extract.context import Context, clamp
from navokg.extract.lexicon import FIELD_HEADS, GLUED_HEADS, NOT_OFFICES, PORTFOLIOS, TITLE_HEADS
from navokg.extract.persons import PersonMention
from navokg.model import EntityKind, Method, OfficeHolding
from navokg.vocab import slugify

__all__ = ["Holdings", "Title", "parse_title"]

_HEADS = "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+") for h in [*TITLE_HEADS, "lid"]), key=len, reverse=True))
_MODS = (
    r"demissionaire?|voormalige?|toenmalige?|gewezen|huidige|nieuwe|kersverse|scheidende?|"
    r"waarnemende?|plaatsvervangende?|vorige|eerste|\w+ste|\w+de"
)
_PHRASE = re.compile(
    r"(?:(?i:de|het|een)\s+)?"
    r"(?:(?P<adj>[A-ZÀ-Þ][^\W\d_]*(?:se|sche|s|sch))\s+)?"
    rf"(?:(?P<mod>(?i:{_MODS}))\s+)?"
    r"(?:(?P<adj2>[A-ZÀ-Þ][^\W\d_]*(?:se|sche))\s+)?"
    r"(?P<title>(?P<prefix>[^\W\d_]+(?:-[A-ZÀ-Þ][^\W\d_]*)*-)??(?P<old>(?i:oud|ex)-)?"
    r"(?P<glued>(?i:[a-zà-ÿ]{3,}?))??"
    rf"(?P<head>(?i:{_HEADS}))"
    r"(?P<compl>\s+(?:van|voor|der)\s+\S.*|(?:\s+[a-zà-ÿ][\w-]*){1,3})?)"
)
_COMPL_WORD = re.compile(r"[A-ZÀ-Þ][\w'’-]*|van|voor|de|het|der|en|,")
_DUTCH_DEFAULT = frozenset(
    {"premier", "vicepremier", "minister", "staatssecretaris", "kamerlid", "eerste kamerlid",
     "commandant der strijdkrachten", "informateur", "formateur", "koning", "koningin"}
)  # fmt: skip
_GOVERNMENT = frozenset({"premier", "vicepremier", "minister", "staatssecretaris", "commandant der strijdkrachten"})
_WORD = re.compile(r"\S+")
_START_VERB = re.compile(
    r"\b(?P<verb>begint\s+als|begon\s+als|start\s+als|treedt\s+aan\s+als|trad\s+aan\s+als|"
    r"(?:is|werd|wordt)\s+(?:officieel\s+)?(?:benoemd|gekozen)\s+tot|"
    r"(?:is|werd|wordt)\s+(?:officieel\s+)?aangesteld\s+als|wordt|werd|was|is)\b"
)
_FINAL_VERB = re.compile(r"^\s*(?:wordt|werd|worden)\b")
_SKIP_WORD = re.compile(r"^(?:nu|al|officieel|dan|straks|ook|formeel|sinds|van|tot|vanaf|in|op|als|de|het)$", re.I)
_PAREN = re.compile(r"^\s*\(([^()\n]{1,90})\)")
_AFTER_COMPL = re.compile(r"^\s+(?:van|voor)\s+((?:de\s+|het\s+)?[A-ZÀ-Þ][\w'’-]*(?:\s+(?:en\s+)?[A-ZÀ-Þ][\w'’-]*)*)")
_APPOSITION = re.compile(r"^\s*,\s*(?:namens\s+(?:de\s+|het\s+)?\S+\s+)?([^,.;:()]{3,90})")
_MINISTER_CONTEXT = re.compile(r"\bminister|\bbewindslieden|\bbewindspersonen|\bkabinet", re.I)
_DEFINITE = re.compile(
    r"\b[Dd]e\s+(?:(?:nieuwe|demissionaire|huidige)\s+)?(?P<head>(?i:premier|minister-president|minister|staatssecretaris|president|secretaris-generaal|informateur|leider))\b"
)


@dataclass(frozen=True)
class Title:
    """A parsed title phrase: its canonical head and what narrows it."""

    start: int
    end: int
    head: str
    core: str
    prefix: str | None
    adjective: str | None
    complement: str | None
    ended: str | None


def _portfolio(text: str) -> str | None:
    folded = " ".join(text.replace(",", " ").split()).casefold()
    for portfolio in PORTFOLIOS:
        if " ".join(portfolio.replace(",", " ").split()).casefold() == folded:
            return portfolio
    return None


def parse_title(phrase: str, start: int) -> Title | None:
    """Parse a whole title phrase ("de Russische minister van Buitenlandse Zaken") or None."""
    parsed = _parse_words(" ".join(phrase.split()))
    if parsed is None:
        return None
    return replace(parsed, start=start, end=start + len(phrase.rstrip()))


@lru_cache(maxsize=8192)
def _parse_words(words: str) -> Title | None:
    """A title phrase with single spaces, parsed (at offset 0): the rules try the same
    phrases for every name near them and in every text, so each is parsed once."""
    match = _PHRASE.fullmatch(words)
    if not match:
        return None
    head_words = " ".join(match.group("head").split()).lower()
    prefix = match.group("prefix")
    head = TITLE_HEADS.get(((prefix or "") + head_words).lower()) or TITLE_HEADS.get(head_words)
    if head_words == "lid":
        head = "lid"
    if head is None or head in NOT_OFFICES:
        return None
    glued = match.group("glued")
    if glued and (head not in GLUED_HEADS or prefix):
        return None  # "klimaatminister", "Commissievoorzitter"; not any word that ends in a title
    compl = (match.group("compl") or "").strip() or None
    if compl is not None:
        if compl.split()[0] in ("van", "voor", "der"):
            tokens = _COMPL_WORD.findall(compl)
            if (
                "".join(tokens).replace(" ", "") != compl.replace(" ", "")
                and not compl.startswith("voor")
                and not re.fullmatch(r"(?:van|voor)\s+(?:de|het)\s+[A-Z][\w-]*(?:\s+voor\s+[a-z ]+)?", compl)
            ):
                return None
        elif head not in FIELD_HEADS:
            return None
    if head == "lid" and not (compl or words.lower().startswith("het lid")):
        return None
    if compl is not None and re.search(r"\s(?:en|van|voor|der|de|het)$", compl.rstrip(", ")):
        return None  # "minister voor Buitenlandse Handel en": the title goes on elsewhere
    old = match.group("old")
    mod = (match.group("mod") or "").lower()
    ended = None
    if old:
        ended = " ".join(match.group("title").split())
    elif mod.startswith(("voormalig", "gewezen")):
        ended = match.group("mod")
    core = " ".join(match.group("title").split())
    if prefix:
        core = core[len(prefix) :]
    if old:
        core = core[len(old) :]
    if core[:1].isupper() and core[1:2].islower():
        # Dutch writes titles in lower case; a capital is the sentence's ("President van …").
        core = core[0].lower() + core[1:]
    return Title(
        start=0,
        end=len(words),
        head=head,
        core=core,
        prefix=prefix[:-1] if prefix else None,
        adjective=match.group("adj") or match.group("adj2"),
        complement=compl,
        ended=ended,
    )


def _longest_title(ctx: Context, start: int, end: int, *, suffix: bool) -> Title | None:
    """The longest title phrase ending at ``end`` (suffix) or starting at ``start``."""
    words = list(_WORD.finditer(ctx.body, start, end))
    best: Title | None = None
    spans = range(len(words)) if suffix else range(1, min(len(words), 10) + 1)
    for index in spans:
        chosen = words[index:] if suffix else words[:index]
        if not chosen or len(chosen) > 10:
            continue
        a, b = chosen[0].start(), chosen[-1].end()
        title = parse_title(ctx.body[a:b], a)
        if (
            title is not None
            and title.adjective
            and not title.adjective.endswith("e")
            and (ctx.country_of_adjective(title.adjective) is None or ctx.body[a:b].split()[0].lower() in ("de", "het"))
        ):
            continue  # "Oekraïens president" takes no article; "Wopkes" is no adjective
        if title is not None and (best is None or (b - a) > (best.end - best.start)):
            best = title
    return best


class _Offices:
    """Resolves titles to office keys, creating offices the registry lacks."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.by_head: dict[tuple[str, str], str] = {}

    def _org(self, text: str) -> str | None:
        name = re.sub(r"^(?:van|voor|der)\s+(?:de\s+|het\s+)?", "", text.strip())
        return self.ctx.lookup(name, EntityKind.ORGANIZATION, EntityKind.COUNTRY)

    def resolve(
        self, title: Title, after: str = "", person: str = "", country: str | None = None
    ) -> tuple[str, float] | None:
        """The office a title names; ``country`` where the text places it ("… van Oekraïne")."""
        ctx = self.ctx
        country = country or (ctx.country_of_adjective(title.adjective) if title.adjective else None)
        compl = title.complement
        core = title.core
        if compl is None and title.head in ("minister", "staatssecretaris") and after:
            portfolio = _portfolio(after)
            if portfolio:
                word = "voor" if "Handel" in portfolio else "van"
                compl = f"{word} {portfolio}"
                core = f"{core} {compl}"
        org = self._org(compl) if compl and compl.split()[0] in ("van", "der") else None
        if org is not None and ctx.kind_of(org) is EntityKind.COUNTRY:
            country, org = org, None
        names: list[str] = []
        if title.prefix:
            names.append(f"{title.prefix}-{core}")
        if title.adjective:
            names.append(f"{title.adjective} {core}")
        if country is not None:
            names.append(f"{core} van {ctx.label_of(country)}")
        if country in (None, "nederland"):
            names.append(core)
            if compl and title.head in ("minister", "staatssecretaris"):
                portfolio = _portfolio(compl.split(None, 1)[1]) if len(compl.split()) > 1 else None
                if portfolio:
                    names += [f"{title.head} van {portfolio}", f"{title.head} voor {portfolio}"]
        if title.head == "kamerlid" or (title.head == "lid" and not compl):
            names.append("Tweede Kamerlid")
        for name in names:
            key = ctx.lookup(name, EntityKind.OFFICE)
            if key is not None:
                self._remember(title, key, compl or country or title.prefix, person)
                return key, 0.9
        known = self.by_head.get((title.head, person))
        if compl is None and country is None and title.prefix is None and known:
            return known, 0.75
        key = self._create(title, core, compl, country, org)
        self._remember(title, key, compl or country or title.prefix, person)
        return key, (0.7 if compl or country else 0.6)

    def _remember(self, title: Title, key: str, specific: str | None, person: str) -> None:
        """A person's fully named office, for a later bare title ("de veertiende secretaris-generaal")."""
        if specific and person:
            self.by_head[(title.head, person)] = key

    def _create(self, title: Title, core: str, compl: str | None, country: str | None, org: str | None) -> str:
        ctx = self.ctx
        prefix_org = self._org(title.prefix) if title.prefix else None
        label = core
        post_in = org or country
        if prefix_org is not None:
            if title.head == "partijleider":
                label = f"partijleider van {ctx.label_of(prefix_org)}"
            elif title.head not in ("kamerlid",):
                label = f"{core} van {ctx.label_of(prefix_org)}"
            post_in = post_in or prefix_org
        if country is not None and country != "nederland" and ctx.label_of(country) not in label:
            label = f"{label} van {ctx.label_of(country)}"
        if post_in is None and title.head in _DUTCH_DEFAULT:
            post_in = "nederland"
        key = None
        if post_in == "nederland" and title.head in _GOVERNMENT:
            slug = slugify(label)
            key = slug if slug.endswith("nederland") else f"{slug}-nederland"
        return ctx.new_entity(EntityKind.OFFICE, label, key, post_in=post_in)


def _title_before(ctx: Context, mention: PersonMention, sentence_start: int) -> Title | None:
    start = max(sentence_start, mention.start - 120)
    return _longest_title(ctx, start, mention.start, suffix=True)


def _clause_end(ctx: Context, offset: int, sentence_end: int) -> int:
    masked = ctx.text.masked(offset, sentence_end)
    match = re.search(r"[.;:?!]\s|[.;:?!]$", masked)
    return offset + match.start() if match else sentence_end


def _predicate(ctx: Context, mention: PersonMention, end: int) -> tuple[Title, str, int, int] | None:
    """A title predicated of the person: "X wordt dinsdag premier", "X begint als ..."."""
    window_end = _clause_end(ctx, mention.end, end)
    text = ctx.body[mention.end : window_end]
    others = ctx.persons.within(mention.end, window_end)
    dates = [(m.start, m.end) for m in ctx.text.dates(ctx.text.sentence_at(mention.start))]
    for match in _START_VERB.finditer(text):
        verb_end = mention.end + match.end()
        if any(o.start < mention.end + match.start() for o in others):
            break
        position = verb_end
        words = list(_WORD.finditer(ctx.body, position, window_end))
        index = 0
        while index < len(words) and (
            _SKIP_WORD.match(words[index].group()) or any(a <= words[index].start() < b for a, b in dates)
        ):
            index += 1
        if index < len(words):
            title = _longest_title(ctx, words[index].start(), window_end, suffix=False)
            if (title is not None and title.head in TITLE_HEADS.values()) or (title and title.head == "lid"):
                assert title is not None
                return title, " ".join(match.group("verb").split()), mention.end + match.start(), title.end
    # Verb-final clause: "Als oud-premier Mark Rutte dinsdag secretaris-generaal van de NAVO wordt".
    words = list(_WORD.finditer(ctx.body, mention.end, window_end))
    index = 0
    while index < len(words) and any(a <= words[index].start() < b for a, b in dates):
        index += 1
    for stop in range(index + 1, min(len(words), index + 8) + 1):
        a, b = words[index].start(), words[stop - 1].end()
        title = parse_title(ctx.body[a:b], a)
        if title is not None and _FINAL_VERB.match(ctx.body[b:window_end]):
            verb = _FINAL_VERB.match(ctx.body[b:window_end])
            assert verb is not None
            return title, verb.group().strip(), mention.end, b + verb.end()
    return None


def _after_name(ctx: Context, mention: PersonMention, end: int) -> tuple[str, int]:
    """Portfolio or country words right after the name: "(Defensie)", "van Oekraïne"."""
    after = ctx.body[mention.end : end]
    paren = _PAREN.match(after)
    if paren:
        for part in re.split(r"[,;]", paren.group(1)):
            if _portfolio(part.strip()):
                return part.strip(), mention.end + paren.end()
        return "", mention.end
    compl = _AFTER_COMPL.match(after)
    if compl:
        return compl.group(1), mention.end + compl.end()
    return "", mention.end


class Holdings:
    """Office holdings found so far in one document, and the rules that add them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.offices = _Offices(ctx)
        self.found: list[OfficeHolding] = []
        self.titles: dict[int, Title] = {}  # the title before each person mention, by its start

    def add(
        self,
        person: PersonMention,
        title: Title,
        span: tuple[int, int],
        *,
        after: str = "",
        start: TimeValue | None = None,
        confidence: float = 0.85,
        country: str | None = None,
    ) -> None:
        ctx = self.ctx
        resolved = self.offices.resolve(title, after, person.key, country)
        if resolved is None:
            return
        office, office_confidence = resolved
        sentence = ctx.text.sentence_at(span[0])
        end = TimeValue(None, None, title.ended) if title.ended else None
        attested = None
        if start is None and end is None:
            attested = ctx.fact_date(sentence, sentence.start, sentence.end)
        ctx.remember_holder(office, span[0], person.key, title.head)
        self.found.append(
            OfficeHolding(
                holder=person.key,
                office=office,
                evidence=(ctx.evidence(*span),),
                start=start,
                end=end,
                attested=attested,
                method=Method.AUTOMATIC,
                confidence=clamp(confidence * office_confidence * (0.6 + 0.4 * person.confidence)),
            )
        )

    def for_person(self, person: PersonMention) -> None:
        ctx = self.ctx
        sentence = ctx.text.sentence_at(person.start)
        after, after_end = _after_name(ctx, person, sentence.end)
        title = _title_before(ctx, person, sentence.start)
        if title is not None:
            if not after and title.head in ("minister", "staatssecretaris", "president") and not title.complement:
                after, after_end = _after_name(ctx, person, sentence.end)
            country = ctx.lookup(after, EntityKind.COUNTRY) if after and not _portfolio(after) else None
            if title.head == "president" and after and not _portfolio(after) and country is None:
                title = replace(title, complement=f"van {after}", core=f"{title.core} van {after}")
                after = ""
            if country is not None:
                after = ""  # "minister van Defensie Roestem Oemerov van Oekraïne"
            self.titles[person.start] = title
            self.add(person, title, (title.start, max(person.end, after_end)), after=after, country=country)
        elif after and _portfolio(after) and _MINISTER_CONTEXT.search(ctx.body[sentence.start : person.start]):
            head = (
                "staatssecretaris"
                if "staatssecretaris" in ctx.body[sentence.start : person.start].lower()
                else "minister"
            )
            implied = Title(person.start, person.end, head, head, None, None, None, None)
            self.add(person, implied, (person.start, after_end), after=after, confidence=0.75)
        apposition = _APPOSITION.match(ctx.body[person.end : sentence.end])
        if apposition:
            a = person.end + apposition.start(1)
            b = person.end + apposition.end(1)
            found = _longest_title(ctx, a, b, suffix=False)
            if found is not None and found.end >= b - 1:
                self.add(person, found, (person.start, found.end), confidence=0.8)
        predicate = _predicate(ctx, person, sentence.end)
        if predicate is not None:
            ptitle, verb, _a, b = predicate
            self._predicated(person, ptitle, verb, b)

    def _predicated(self, person: PersonMention, title: Title, verb: str, end: int) -> None:
        ctx = self.ctx
        sent = ctx.text.sentence_at(person.start)
        if verb in ("is", "was") and not title.ended:
            dates = [m for m in ctx.text.dates(sent) if person.end <= m.start < title.start]
            since = [m for m in dates if re.search(r"\bsinds\s+$", ctx.body[max(0, m.start - 8) : m.start])]
            if since:
                self.add(person, title, (person.start, end), start=since[0].value, confidence=0.7)
                return
            if verb == "was" and len(dates) >= 2:
                start, stop = dates[0].value, dates[1].value
                holding_title = replace(title, ended=None)
                self.add(person, holding_title, (person.start, end), start=start, confidence=0.7)
                self.found[-1] = replace(self.found[-1], end=stop, attested=None)
                return
            self.add(person, title, (person.start, end), confidence=0.65)
            return
        dates = [m for m in ctx.text.dates(sent) if person.end <= m.start < end]
        start = dates[0].value if dates else TimeValue(None, None, f"{verb} {title.core}")
        self.add(person, replace(title, ended=None), (person.start, end), start=start, confidence=0.75)

    def definite(self) -> None:
        """ "de premier" without a name: the person this text last named in that office."""
        ctx = self.ctx
        for match in _DEFINITE.finditer(ctx.body):
            end = match.end()
            if ctx.persons.within(end, end + 40) and re.match(r"\s*,?\s*[A-ZÀ-Þ]", ctx.body[end : end + 3]):
                continue  # "De staatssecretaris, Gijs Tuinman": the name's own title
            if ctx.text.quote_at(match.start()) or re.match(r"\s+(?:van|voor|der)\s", ctx.body[end : end + 6]):
                continue  # "de minister van Defensie" is read with the complement, elsewhere
            title = parse_title(match.group(), match.start())
            if title is None:
                continue
            resolved = self.offices.resolve(title)
            if resolved is None:
                continue
            holder = ctx.holder_of(resolved[0], match.start()) or ctx.holder_by_head(title.head, match.start())
            if holder is None:
                continue
            sentence = ctx.text.sentence_at(match.start())
            self.found.append(
                OfficeHolding(
                    holder=holder,
                    office=resolved[0],
                    evidence=(ctx.evidence(match.start(), end),),
                    attested=ctx.fact_date(sentence, sentence.start, sentence.end),
                    method=Method.AUTOMATIC,
                    confidence=0.4,
                )
            )
