"""A generator of realistic Dutch political news for benchmarks, deterministic from a seed.

Documents are composed from varied parts (news and press-release openings, quotes in
several quotation styles with attributions before, inside and after, reported speech,
aid paragraphs with amounts in every Dutch form and counted items, background with
dates at day, month, year and vague precision), with names, offices, countries and
organizations drawn from lists, so that no two documents repeat one sentence and the
extractor does real work on every one.  Document ``i`` depends only on ``(seed, i)``.
"""

from __future__ import annotations

import argparse
import random
import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path

FIRST = [
    "Anna",
    "Bas",
    "Carla",
    "Daan",
    "Esther",
    "Frank",
    "Gijs",
    "Hanna",
    "Ilse",
    "Jeroen",
    "Karin",
    "Lars",
    "Marieke",
    "Niels",
    "Olga",
    "Pieter",
    "Quirine",
    "Ruben",
    "Sanne",
    "Thijs",
    "Ursula",
    "Vincent",
    "Willemijn",
    "Yvonne",
    "Zeger",
    "Kajsa",
    "Wopke",
    "Sigrid",
    "Liesje",
    "Hugo",
    "Dilan",
    "Caspar",
    "Mona",
    "Rob",
    "Henk",
    "Tamara",
    "Femke",
    "Joost",
    "Lotte",
    "Maarten",
    "Rianne",
    "Stef",
    "Laurens",
    "Ingrid",
    "Koen",
]
PARTICLES = ("", "", "", "", "van ", "de ", "van der ", "van den ", "ter ", "ten ", "op den ")
SURNAMES = [
    "Jansen",
    "Visser",
    "Smit",
    "Meijer",
    "Bos",
    "Mulder",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Kok",
    "Verhoeven",
    "Koster",
    "Prins",
    "Hoekman",
    "Blom",
    "Kuipers",
    "Veenstra",
    "Wijk",
    "Berg",
    "Dijk",
    "Heuvel",
    "Laan",
    "Veen",
    "Brink",
    "Haan",
    "Boer",
    "Dam",
    "Graaf",
    "Ollongren",
    "Bruins",
    "Slob",
    "Yeşilgöz",
    "Brekelmans",
    "Tuinman",
    "Schreinemacher",
    "Keijzer",
    "Heerma",
    "Aartsen",
    "Çelik",
    "Özdemir",
]
DOUBLE = ("Broekers-Knol", "Hennis-Plasschaert", "Van Leeuwen-Dekker", "Smit-Bosch")
FOREIGN = (
    ("Volodymyr", "Zelensky"),
    ("Olaf", "Scholz"),
    ("Emmanuel", "Macron"),
    ("Keir", "Starmer"),
    ("Ursula", "von der Leyen"),
    ("Antony", "Blinken"),
    ("Kaja", "Kallas"),
    ("Donald", "Tusk"),
    ("Mette", "Frederiksen"),
    ("Jonas", "Gahr Støre"),
    ("Giorgia", "Meloni"),
    ("Pedro", "Sánchez"),
)
MINISTRIES = (
    "Defensie",
    "Buitenlandse Zaken",
    "Financiën",
    "Justitie en Veiligheid",
    "Economische Zaken",
    "Binnenlandse Zaken",
    "Volksgezondheid, Welzijn en Sport",
    "Infrastructuur en Waterstaat",
)
COUNTRIES = (
    ("Oekraïne", "Oekraïense"),
    ("Duitsland", "Duitse"),
    ("Frankrijk", "Franse"),
    ("Polen", "Poolse"),
    ("België", "Belgische"),
    ("Denemarken", "Deense"),
    ("Noorwegen", "Noorse"),
    ("Moldavië", "Moldavische"),
    ("Litouwen", "Litouwse"),
    ("Verenigd Koninkrijk", "Britse"),
    ("Zweden", "Zweedse"),
    ("Finland", "Finse"),
)
RECIPIENTS = ("Oekraïne", "Moldavië", "de Oekraïense bevolking", "Georgië", "Jordanië", "Libanon")
ORGS = (
    "de NAVO",
    "de Europese Unie",
    "de Verenigde Naties",
    "het Internationaal Monetair Fonds",
    "de Wereldbank",
)
PUBLISHERS = (
    "NOS",
    "NRC",
    "de Volkskrant",
    "Trouw",
    "het AD",
    "RTL Nieuws",
    "BNR",
    "het Parool",
    "Rijksoverheid",
)
ITEMS = (
    "gevechtshelmen",
    "scherfvesten",
    "pantservoertuigen",
    "Stinger-raketten",
    "F-16's",
    "houwitsers",
    "drones",
    "generatoren",
    "ambulances",
    "mijnendetectoren",
    "nachtkijkers",
    "veldhospitalen",
    "luchtafweersystemen",
    "patriotraketten",
    "vrachtwagens",
    "satelliettelefoons",
    "ledlampen",
)
TOPICS = (
    "de veiligheid in Europa",
    "de steun aan Oekraïne",
    "de defensie-uitgaven",
    "de wederopbouw",
    "de energievoorziening",
    "de sancties tegen Rusland",
    "de inzet van de krijgsmacht",
    "de samenwerking binnen de NAVO",
    "de winterhulp",
    "de luchtverdediging",
    "de munitievoorraden",
)
# Quotable claims in main-clause order, and the same claims as a reported "dat"-clause.
CLAIMS = (
    ("we moeten {topic} serieuzer nemen dan ooit", "{topic} serieuzer genomen moet worden dan ooit"),
    ("niemand had verwacht dat het zo snel zou gaan", "niemand had verwacht dat het zo snel zou gaan"),
    ("dit is een signaal aan iedereen die twijfelt", "dit een signaal is aan iedereen die twijfelt"),
    ("we laten {recipient} niet in de steek", "Nederland {recipient} niet in de steek laat"),
    ("de komende maanden zijn beslissend voor {topic}", "de komende maanden beslissend zijn voor {topic}"),
    ("Nederland neemt hier zijn verantwoordelijkheid", "Nederland hier zijn verantwoordelijkheid neemt"),
    ("elke dag telt voor de mensen daar", "elke dag telt voor de mensen daar"),
    ("zonder steun houdt {recipient} het niet vol", "{recipient} het zonder steun niet volhoudt"),
    ("het gaat om meer dan geld alleen", "het om meer gaat dan geld alleen"),
    (
        "we kijken ook naar wat andere bondgenoten doen",
        "het kabinet ook kijkt naar wat andere bondgenoten doen",
    ),
    ("het kabinet staat hier unaniem achter", "het kabinet hier unaniem achter staat"),
    ("ik verwacht snel meer duidelijkheid", "er snel meer duidelijkheid komt"),
    (
        "de rekening mag niet bij de volgende generatie liggen",
        "de rekening niet bij de volgende generatie mag liggen",
    ),
    ("wie nu aarzelt, betaalt later de prijs", "wie nu aarzelt, later de prijs betaalt"),
)
BACKGROUND = (
    "{when_cap} stemde de Tweede Kamer in met een motie over {topic}.",
    "Critici vinden dat het kabinet te lang heeft gewacht met een besluit over {topic}.",
    "Volgens cijfers van het Centraal Planbureau lopen de kosten de komende jaren verder op.",
    "Sinds {year} werkt Nederland op dit terrein samen met {country} en {country2}.",
    "{org_cap} riep de lidstaten {when} op om meer te doen voor {topic}.",
    "Het is niet de eerste keer dat het onderwerp op de agenda staat.",
    "Oppositiepartijen willen dat de minister de Kamer vaker informeert over de voortgang.",
    "De uitvoering ligt bij de krijgsmacht en bij hulporganisaties ter plaatse.",
    "{when_cap} bezocht een delegatie van het ministerie {capital} om de plannen te bespreken.",
    "Over de precieze besteding van het geld wordt later dit jaar meer bekend.",
)
CAPITALS = ("Kyiv", "Brussel", "Berlijn", "Warschau", "Chisinau", "Vilnius", "Parijs", "Londen")
SAY_AFTER = (
    "zei {name}",
    "zegt {name}",
    "aldus {name}",
    "stelde {name}",
    "liet {name} weten",
    "reageerde {name}",
)
SAY_BEFORE = ("{name} zei:", "{name} zegt:", "Volgens {name}:", "{name} schreef op X:")
REPORTED = (
    "{name} waarschuwde dat {claim}",
    "{name} benadrukte dat {claim}",
    "{name} zei dat {claim}",
    "volgens {name} is {topic} een zaak van lange adem",
    "{name} noemde het besluit {adjective}",
    "{name} liet weten dat {claim}",
)
ADJECTIVES = ("onvermijdelijk", "een belangrijke stap", "te laat", "historisch", "verstandig", "een begin")
QUOTES = (("‘", "’"), ("“", "”"), ('"', '"'), ("'", "'"), ("„", "”"))
AID_VERBS = (
    ("stelt {amount} beschikbaar voor", "committed"),
    ("maakt {amount} vrij voor", "committed"),
    ("trekt {amount} uit voor", "committed"),
    ("reserveert {amount} voor", "reserved"),
    ("kondigde {amount} extra steun aan voor", "announced"),
    ("wil {amount} investeren in steun aan", "planned"),
    ("heeft al {amount} aan steun geleverd aan", "delivered"),
    ("draagt {amount} bij aan een fonds voor", "committed"),
)
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
TRAPS = (
    "De defensie-uitgaven stijgen naar {pct} procent van het bbp.",
    "De motie kreeg steun van {seats} Kamerleden.",
    "Het eigen defensiebudget groeit volgend jaar met {amount}.",
)


ROOT = Path(__file__).resolve().parents[1]


@cache
def _first_names() -> tuple[str, ...]:
    """The extractor's general list of given names, plus the list above."""
    path = ROOT / "src" / "navokg" / "extract" / "data" / "firstnames.txt"
    names = [n.strip() for n in path.read_text("utf-8").splitlines() if n.strip() and not n.startswith("#")]
    return tuple(sorted(set(FIRST) | set(names)))


@cache
def _real_sentences() -> tuple[str, ...]:
    """Sentences of the seed articles: real Dutch prose for the background of each text."""
    sentences: list[str] = []
    for path in sorted((ROOT / "graph" / "documents").glob("*.txt")):
        text = " ".join(path.read_text("utf-8").split())
        sentences += [s.strip() + "." for s in re.split(r"(?<=[.!?])\s+", text) if 60 <= len(s) <= 300]
    return tuple(sentences)


def _name(rng: random.Random) -> tuple[str, str]:
    """A full name and the surname a text uses for it later."""
    if rng.random() < 0.15:
        first, last = rng.choice(FOREIGN)
        return f"{first} {last}", last
    first = rng.choice(_first_names())
    if rng.random() < 0.08:
        last = rng.choice(DOUBLE)
        return f"{first} {last}", last
    particle = rng.choice(PARTICLES)
    last = rng.choice(SURNAMES)
    return f"{first} {particle}{last}", f"{particle}{last}"[:1].upper() + f"{particle}{last}"[1:]


def _office(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.45:
        return f"minister van {rng.choice(MINISTRIES)}"
    if kind < 0.55:
        return f"staatssecretaris van {rng.choice(MINISTRIES)}"
    if kind < 0.65:
        return rng.choice(("premier", "minister-president", "demissionair premier"))
    if kind < 0.80:
        return rng.choice(("Tweede Kamerlid", "Kamerlid", "fractievoorzitter"))
    if kind < 0.90:
        country, adjective = rng.choice(COUNTRIES)
        return rng.choice((f"{adjective} minister van Defensie", f"president van {country}"))
    return rng.choice(("hoogleraar internationale betrekkingen", "secretaris-generaal van de NAVO", "burgemeester"))


def _amount(rng: random.Random) -> str:
    value = rng.choice((25, 40, 60, 75, 100, 120, 150, 180, 200, 250, 300, 400, 500, 750))
    form = rng.random()
    if form < 0.25:
        return f"€ {value} miljoen"
    if form < 0.45:
        return f"{value} miljoen euro"
    if form < 0.6:
        whole, tenth = rng.choice(((1, 2), (2, 5), (1, 5), (3, 1), (2, 0)))
        return f"{whole},{tenth} miljard euro" if tenth else f"{whole} miljard euro"
    if form < 0.7:
        return f"circa {value} miljoen euro"
    if form < 0.8:
        return f"{value} miljoen dollar"
    if form < 0.9:
        return f"€{value / 1000:.1f} mld".replace(".", ",")
    return f"{value * 1000:,} euro".replace(",", ".")


def _date_phrase(rng: random.Random, published: date) -> str:
    kind = rng.random()
    past = published - timedelta(days=rng.randint(20, 700))
    if kind < 0.3:
        return f"op {past.day} {MONTHS[past.month - 1]} {past.year}"
    if kind < 0.5:
        return f"in {MONTHS[past.month - 1]} {past.year}"
    if kind < 0.6:
        return rng.choice(("eind", "begin", "medio")) + f" {past.year}"
    if kind < 0.7:
        return rng.choice(("in het najaar van", "in het voorjaar van", "in de zomer van")) + f" {past.year}"
    if kind < 0.85:
        return rng.choice(("gisteren", "vorige week", "dinsdag", "vrijdag", "vorige maand"))
    return f"vorig jaar {MONTHS[rng.randrange(12)]}"


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _quote(rng: random.Random, speaker: str, claims: list[str]) -> str:
    """A direct quote with its attribution after, before or inside (split quote)."""
    opening, closing = rng.choice(QUOTES)
    first, second = _cap(claims[0]), _cap(claims[1])
    style = rng.random()
    if style < 0.5:
        return f"{opening}{first}{closing}, {rng.choice(SAY_AFTER).format(name=speaker)}."
    if style < 0.8:
        return f"{rng.choice(SAY_BEFORE).format(name=speaker)} {opening}{first}.{closing}"
    return f"{opening}{first}{closing}, zei {speaker}. {opening}{second}.{closing}"


def document(seed: int, index: int) -> tuple[str, str]:
    """Document ``index`` of a corpus: (id, text with front matter)."""
    rng = random.Random(f"{seed}:{index}")
    published = date(2016, 1, 1) + timedelta(days=rng.randrange(365 * 10))
    genre = rng.choice(("news", "news", "news", "press-release", "opinion"))
    people = []
    for _ in range(rng.randint(2, 4)):
        name = _name(rng)
        foreign = any(name[0] == f"{first} {last}" for first, last in FOREIGN)
        country, adjective = rng.choice(COUNTRIES[1:])
        office = (
            rng.choice((f"{adjective} minister van Defensie", f"president van {country}")) if foreign else _office(rng)
        )
        people.append((name, office))
    topic = rng.choice(TOPICS)
    recipient = rng.choice(RECIPIENTS)
    donor = rng.choice(("Nederland", "Het kabinet", "Nederland", rng.choice(COUNTRIES)[0]))
    verb, _status = rng.choice(AID_VERBS)
    (lead_name, _lead_surname), lead_office = people[0]
    paragraphs: list[str] = []
    amount = _amount(rng)
    when = _date_phrase(rng, published)
    opening = rng.choice(
        (
            f"{donor} {verb.format(amount=amount)} {recipient}. Dat heeft {lead_office} {lead_name} {when} bekendgemaakt.",
            f"{lead_office[0].upper() + lead_office[1:]} {lead_name} heeft {when} aangekondigd dat {donor.lower() if donor == 'Het kabinet' else donor} {amount} uittrekt voor {topic}.",
            f"{when[0].upper() + when[1:]} besloot het kabinet om {amount} vrij te maken voor {recipient}, meldt {lead_name} ({lead_office}).",
        )
    )
    paragraphs.append(opening)
    items = rng.sample(ITEMS, rng.randint(0, 3))
    if items:
        counted = ", ".join(f"{rng.choice((12, 24, 50, 100, 250, 1000, 3000, 5000))} {item}" for item in items[:-1])
        last = f"{rng.choice((8, 18, 40, 2000))} {items[-1]}"
        paragraphs.append(f"Het gaat onder meer om {counted + ' en ' if counted else ''}{last}.")
    for number, ((name, surname), office) in enumerate(people):
        picked = rng.sample(CLAIMS, 3)
        quotable = [c[0].format(topic=topic, recipient=recipient) for c in picked]
        reported_claim = picked[2][1].format(topic=topic, recipient=recipient)
        if number > 0:
            # A new voice is introduced with full name and office before any surname use.
            paragraphs.append(
                rng.choice(
                    (
                        f"Ook {office} {name} reageerde op het besluit.",
                        f"{name}, {office}, was {_date_phrase(rng, published)} bij het overleg aanwezig.",
                        f"{_cap(office)} {name} sprak van {rng.choice(ADJECTIVES)}.",
                    )
                )
            )
        paragraphs.append(_quote(rng, surname, quotable))
        reported = rng.choice(REPORTED).format(
            name=f"{office} {surname}" if rng.random() < 0.5 else surname,
            claim=reported_claim,
            topic=topic,
            adjective=rng.choice(ADJECTIVES),
        )
        paragraphs.append(_cap(reported) + ".")
    background = rng.sample(BACKGROUND, rng.randint(3, 6))
    country, country2 = (c[0] for c in rng.sample(COUNTRIES, 2))
    when_text = _date_phrase(rng, published)
    paragraphs.append(
        " ".join(
            sentence.format(
                when=when_text,
                when_cap=_cap(when_text),
                topic=rng.choice(TOPICS),
                year=published.year - rng.randint(1, 8),
                country=country,
                country2=country2,
                org_cap=_cap(rng.choice(ORGS)),
                capital=rng.choice(CAPITALS),
            )
            for sentence in background
        )
    )
    if rng.random() < 0.5:
        paragraphs.append(
            rng.choice(TRAPS).format(
                pct=rng.choice(("2", "2,5", "3,5")), seats=rng.randint(76, 140), amount=_amount(rng)
            )
        )
    filler = (
        f"De discussie over {rng.choice(TOPICS)} speelt al langer. In de Tweede Kamer werd {_date_phrase(rng, published)} "
        f"uitgebreid gedebatteerd over {rng.choice(TOPICS)}, waarbij meerdere fracties vragen stelden over de kosten "
        "en de gevolgen op de lange termijn."
    )
    paragraphs.append(filler)
    # Real Dutch prose, so that the vocabulary (and so tokenizer caching) is as in news.
    paragraphs.append(" ".join(rng.sample(_real_sentences(), rng.randint(3, 6))))
    title = f"{donor} steunt {recipient} met {amount}"
    publisher = "Rijksoverheid" if genre == "press-release" else rng.choice(PUBLISHERS[:-1])
    front = (
        f"---\ntitle: \"{title}\"\npublished: '{published.isoformat()}'\npublisher: {publisher}\n"
        f"genre: {genre}\nlanguage: nl\n---\n"
    )
    return f"bench-{seed}-{index:06d}", front + "\n\n".join(paragraphs) + "\n"


def write_corpus(directory: Path, size: int, *, seed: int = 2024) -> list[Path]:
    """Write ``size`` documents into ``directory`` (created if needed)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(size):
        doc_id, text = document(seed, index)
        path = directory / f"{doc_id}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic Dutch political news corpus.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    write_corpus(args.directory, args.size, seed=args.seed)


if __name__ == "__main__":
    main()
