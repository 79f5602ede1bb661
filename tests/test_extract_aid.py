"""Aid commitments and the parties to them, on short Dutch sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from navokg.extract import extract
from navokg.model import AidCommitment, DocumentFacts, EntityKind
from navokg.sources.documents import Document, DocumentMeta
from navokg.sources.entities import load_registry

REGISTRY = load_registry()


def _facts(text: str) -> DocumentFacts:
    return extract(Document("t", Path("t.txt"), text, DocumentMeta(published="2024-05-01")), REGISTRY)


def _aid(text: str) -> list[tuple[tuple[str, ...], str, int | None]]:
    return [
        (f.donors, f.recipient, int(f.amount) if f.amount is not None else None)
        for f in _facts(text).facts
        if isinstance(f, AidCommitment)
    ]


@pytest.mark.parametrize(
    "text,organisations",
    [
        ("De gemeente Amsterdam doneert 100.000 euro aan Giro555.", {"gemeente-amsterdam"}),
        ("Het kabinet steunt hulporganisatie Stichting Vluchteling met 2 miljoen euro.", {"stichting-vluchteling"}),
        ("Nederland geeft geld aan het Nationaal Rampenfonds en via UNOPS.", {"nationaal-rampenfonds", "unops"}),
        ("Het geld gaat naar het Ukraine Energy Support Fund.", {"ukraine-energy-support-fund"}),
        # A name with a word only organisations bear is no person.
        (
            "Volgens Human Rights Watch en Amnesty International is het ernstig.",
            {"human-rights-watch", "amnesty-international"},
        ),
        ("Het Centraal Bureau voor de Statistiek meldt groei.", {"centraal-bureau-voor-de-statistiek"}),
        # A generic word alone, or a currency code, names no organisation.
        ("De Bank zei niets. Nederland betaalt in EUR.", set()),
    ],
)
def test_organisations_the_gazetteer_lacks(text: str, organisations: set[str]) -> None:
    facts = _facts(text)
    found = {e.key for e in facts.entities if e.kind is EntityKind.ORGANIZATION}
    assert found == organisations
    assert not [e for e in facts.entities if e.kind is EntityKind.PERSON]


@pytest.mark.parametrize(
    "text,expected",
    [
        # The subject gives, the "aan"/"voor"/"naar"-phrase receives, whatever the verb of giving.
        (
            "Nederland stelt EUR 10 miljoen beschikbaar voor noodhulp in Soedan.",
            [(("nederland",), "soedan", 10_000_000)],
        ),
        (
            "Duitsland draagt 50 miljoen euro bij aan het Wereldvoedselprogramma.",
            [(("duitsland",), "wereldvoedselprogramma", 50_000_000)],
        ),
        (
            "Japan zegt 100 miljoen dollar toe aan het Wereldvoedselprogramma.",
            [(("japan",), "wereldvoedselprogramma", 100_000_000)],
        ),
        ("Saoedi-Arabië doneert 50 miljoen dollar aan UNRWA.", [(("saoedi-arabie",), "unrwa", 50_000_000)]),
        ("De gemeente Utrecht doneert 100.000 euro aan Giro555.", [(("gemeente-utrecht",), "giro555", 100_000)]),
        ("Het kabinet trekt 25 miljoen euro uit voor UNICEF.", [(("nederland",), "unicef", 25_000_000)]),
        (
            "Nederland geeft 5 miljoen euro aan het Green Climate Fund.",
            [(("nederland",), "green-climate-fund", 5_000_000)],
        ),
        # A minister gives for the government she serves.
        (
            "Minister Reinette Klever (Buitenlandse Handel en Ontwikkelingssamenwerking) maakt 10 miljoen euro vrij voor UNICEF.",
            [(("nederland",), "unicef", 10_000_000)],
        ),
        # The passive's "door"-phrase gives.
        (
            "Er wordt door Nederland 5 miljoen euro beschikbaar gesteld aan UNICEF.",
            [(("nederland",), "unicef", 5_000_000)],
        ),
        # "krijgen" and "ontvangen": the subject receives, the "van"-phrase gives.
        (
            "Oekraïne krijgt van Noorwegen 30 miljoen euro voor de inkoop van gas.",
            [(("noorwegen",), "oekraine", 30_000_000)],
        ),
        (
            "Artsen zonder Grenzen ontvangt 2 miljoen euro van de Nationale Postcode Loterij.",
            [(("nationale-postcode-loterij",), "artsen-zonder-grenzen", 2_000_000)],
        ),
        # An indirect object receives; a passive's "door"-phrase gives, in any order.
        ("Nederland geeft Oekraïne 10 miljoen euro.", [(("nederland",), "oekraine", 10_000_000)]),
        ("Door Nederland is 5 miljoen euro gegeven aan UNICEF.", [(("nederland",), "unicef", 5_000_000)]),
        ("Noorwegen schenkt Oekraïne 5 ambulances.", [(("noorwegen",), "oekraine", None)]),
        # "steunen": the object receives.
        ("Nederland steunt Oekraïne met 300 miljoen euro.", [(("nederland",), "oekraine", 300_000_000)]),
        # Not Nederland's money because the text is Dutch, not Russia's because it is named.
        (
            "De Europese Commissie maakt 200 miljoen euro vrij voor Oekraïne.",
            [(("europese-commissie",), "oekraine", 200_000_000)],
        ),
        (
            "Nu Rusland Oekraïne heeft aangevallen, stuurt Nederland 10 miljoen euro aan noodhulp naar Oekraïne.",
            [(("nederland",), "oekraine", 10_000_000)],
        ),
        # Who delivers the goods a recipient gets.
        ("Oekraïne krijgt 20 tanks die door Duitsland worden geleverd.", [(("duitsland",), "oekraine", None)]),
        # A bare "10 miljoen" takes the paragraph's currency; it never becomes an item.
        (
            "Zweden geeft 20 miljoen euro aan UNHCR. Denemarken stelt 10 miljoen beschikbaar voor UNICEF.",
            [(("zweden",), "unhcr", 20_000_000), (("denemarken",), "unicef", 10_000_000)],
        ),
        # Refugees' country, and where the text says they are: the aid goes where they are.
        (
            "Duitsland trekt 200 miljoen euro uit voor de opvang van Afghaanse vluchtelingen in Pakistan.",
            [(("duitsland",), "pakistan", 200_000_000)],
        ),
        ("Zweden geeft 10 miljoen euro aan Syrische vluchtelingen.", [(("zweden",), "syrie", 10_000_000)]),
        # Not aid: a count, an attack, a deficit.
        ("Er zijn in Soedan 3 miljoen mensen op de vlucht, meldt UNHCR.", []),
        ("Rusland viel Oekraïne aan met 100 drones.", []),
        ("Het tekort van Nederland bedraagt 5 miljard euro.", []),
    ],
)
def test_donor_and_recipient_from_the_sentence(
    text: str, expected: list[tuple[tuple[str, ...], str, int | None]]
) -> None:
    assert _aid(text) == expected


def test_a_bare_amount_before_a_verb_particle_is_no_item() -> None:
    items = [
        f.items
        for f in _facts("Nederland stelt eerder al 10 miljoen beschikbaar.").facts
        if isinstance(f, AidCommitment)
    ]
    assert all(not i for i in items)


@pytest.mark.parametrize(
    "text,label",
    [
        ("Duitsland stuurt 20 Leopard-tanks naar Oekraïne.", "Leopard-tanks"),
        ("Noorwegen schenkt Oekraïne 5 ambulances en medische hulpgoederen.", "ambulances"),
        ("Nederland levert 18 F-16's aan Oekraïne.", "F-16's"),
    ],
)
def test_item_names_stop_at_the_noun(text: str, label: str) -> None:
    items = [i for f in _facts(text).facts if isinstance(f, AidCommitment) for i in f.items]
    assert items and items[0].label == label


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Zweden levert tot 2027 twaalf Gripen-straaljagers aan Oekraïne.", [("Gripen-straaljagers", 12)]),
        ("Polen stuurt in 2024 veertig tanks en 30 pantserwagens naar Oekraïne.",
         [("tanks", 40), ("pantserwagens", 30)]),
        ("Nederland levert vanaf 2025 zes patrouilleboten aan Oekraïne.", [("patrouilleboten", 6)]),
    ],
)  # fmt: skip
def test_a_year_before_a_count_leaves_the_count_its_items(text: str, expected: list[tuple[str, int]]) -> None:
    items = [(i.label, i.quantity) for f in _facts(text).facts if isinstance(f, AidCommitment) for i in f.items]
    assert items == expected


def test_an_unnamed_fund_receives_and_a_headline_is_its_lead() -> None:
    text = (
        "Nederland draagt 100 miljoen euro bij aan klimaatfonds\n\n"
        "Nederland draagt 100 miljoen euro bij aan het nieuwe fonds voor klimaatschade. "
        "Ook Duitsland en Mozambique zegden elk 100 miljoen dollar toe."
    )
    facts = _facts(text)
    labels = {e.key: e.label for e in facts.entities}
    commitments = [f for f in facts.facts if isinstance(f, AidCommitment)]
    assert [(c.donors, labels.get(c.recipient), len(c.evidence)) for c in commitments] == [
        (("nederland",), "fonds voor klimaatschade", 2),
        (("duitsland", "mozambique"), "fonds voor klimaatschade", 1),
    ]


def test_the_same_amount_reported_twice_in_the_body_stays_two_reports() -> None:
    text = "Nederland gaf in 2022 1 miljard euro aan Oekraïne. Bovenop de 1 miljard euro die Nederland in 2022 gaf aan Oekraïne, komt nu meer."
    assert len(_aid(text)) == 2


def test_without_a_verb_of_giving_the_subject_gives_to_the_country_the_story_is_about() -> None:
    text = (
        "Het kabinet stuurt 10 miljoen euro noodhulp naar Gaza. Ook België maakte 5 miljoen euro vrij voor "
        "de Wereldgezondheidsorganisatie. De Europese Unie verviervoudigde haar hulp tot 100 miljoen euro."
    )
    assert _aid(text)[-1] == (("europese-unie",), "palestijnse-gebieden", 100_000_000)


def test_partners_in_a_purchase_give_together() -> None:
    text = "Oekraïne krijgt tanks. Nederland betaalt mee aan de aanschaf van 100 tanks in samenwerking met Duitsland."
    assert [(d, r) for d, r, _a in _aid(text)] == [(("nederland", "duitsland"), "oekraine")]


@pytest.mark.parametrize(
    "text,expected",
    [
        # An amount with a scale word but no currency is in euros, unless it counts a noun.
        ("Het kabinet trekt 1 miljard uit voor Oekraïne.", [(("nederland",), "oekraine", 1_000_000_000)]),
        ("Het kabinet stelt 5 mln beschikbaar voor UNICEF.", [(("nederland",), "unicef", 5_000_000)]),
        # More verbs of giving: "ondersteunt … met", "maakt over", "kent toe", "investeert in".
        ("Nederland ondersteunt UNRWA met 19 miljoen euro.", [(("nederland",), "unrwa", 19_000_000)]),
        ("Nederland heeft 12 miljoen euro overgemaakt naar CERF.", [(("nederland",), "cerf", 12_000_000)]),
        (
            "Minister Schreinemacher (Ontwikkelingssamenwerking) kent 5 miljoen euro toe aan het Wereldvoedselprogramma.",
            [(("nederland",), "wereldvoedselprogramma", 5_000_000)],
        ),
        (
            "Nederland investeert 40 miljoen euro in het Green Climate Fund.",
            [(("nederland",), "green-climate-fund", 40_000_000)],
        ),
        # A Dutch ministry gives for Nederland.
        (
            "Het ministerie van Buitenlandse Zaken stelt 3 miljoen euro beschikbaar voor UNICEF.",
            [(("nederland",), "unicef", 3_000_000)],
        ),
        # A total a verb of giving governs is given; a share ("waarvan") goes to its own recipient.
        (
            "Nederland draagt in totaal 35 miljoen euro bij aan het Global Fund.",
            [(("nederland",), "global-fund", 35_000_000)],
        ),
        (
            "Nederland stelt 50 miljoen euro beschikbaar voor Jemen, waarvan 20 miljoen euro voor UNICEF.",
            [(("nederland",), "jemen", 50_000_000), (("nederland",), "unicef", 20_000_000)],
        ),
        # Each amount of a list goes to the recipient named with it.
        (
            "Nederland geeft 5 miljoen euro aan Libanon, 3 miljoen euro aan Jordanië en 2 miljoen euro aan Irak.",
            [
                (("nederland",), "libanon", 5_000_000),
                (("nederland",), "jordanie", 3_000_000),
                (("nederland",), "irak", 2_000_000),
            ],
        ),
        (
            "Nederland stelt 15 miljoen euro beschikbaar voor Libanon en 10 miljoen euro voor Jordanië.",
            [(("nederland",), "libanon", 15_000_000), (("nederland",), "jordanie", 10_000_000)],
        ),
        # Relative clauses: the party they hang from receives, or the amount is what is given.
        (
            "Het Wereldvoedselprogramma, dat van Nederland 10 miljoen euro krijgt, deelt voedsel uit.",
            [(("nederland",), "wereldvoedselprogramma", 10_000_000)],
        ),
        (
            "De 10 miljoen euro die Nederland aan UNICEF geeft, is bedoeld voor onderwijs.",
            [(("nederland",), "unicef", 10_000_000)],
        ),
        # Nouns of giving: whose ("van Nederland", "door het kabinet") and for whom.
        (
            "De bijdrage van Nederland aan UNICEF bedraagt 5 miljoen euro.",
            [(("nederland",), "unicef", 5_000_000)],
        ),
        (
            "Het steunpakket van 2 miljard euro voor Oekraïne is door het kabinet goedgekeurd.",
            [(("nederland",), "oekraine", 2_000_000_000)],
        ),
        (
            "Het kabinet heeft een donatie van 1 miljoen euro aan het Rode Kruis gedaan.",
            [(("nederland",), "rode-kruis", 1_000_000)],
        ),
        # The "aan"-phrase of a verb of giving receives, before a place the money is for.
        (
            "De Nederlandse regering stelt EUR 15 miljoen beschikbaar aan het Rode Kruis voor hulp in Gaza.",
            [(("nederland",), "rode-kruis", 15_000_000)],
        ),
        ("De gemeente Den Haag maakt 50.000 euro over naar Giro555.", [(("gemeente-den-haag",), "giro555", 50_000)]),
        # The next sentence names the amount, or where the money goes, or what part goes where.
        (
            "Het kabinet besluit noodhulp te sturen naar Syrië. Het gaat om 30 miljoen euro.",
            [(("nederland",), "syrie", 30_000_000)],
        ),
        (
            "Denemarken maakt 100 miljoen euro vrij. Het geld gaat naar Oekraïne.",
            [(("denemarken",), "oekraine", 100_000_000)],
        ),
        (
            "Nederland maakt 10 miljoen euro vrij. Daarvan gaat 6 miljoen euro naar UNICEF.",
            [(("nederland",), "unicef", 6_000_000)],
        ),
    ],
)
def test_constructions_of_giving(text: str, expected: list[tuple[tuple[str, ...], str, int | None]]) -> None:
    assert _aid(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rusland kreeg 10 miljard dollar aan olie-inkomsten van China.",
        "De Nederlandse begroting voor ontwikkelingssamenwerking bedraagt 5 miljard euro.",
        "Nederland leent 2 miljard euro van de Europese Unie.",
        "Oekraïne moet 1 miljard dollar terugbetalen aan het IMF.",
        "De wederopbouw van Oekraïne kost volgens de Wereldbank 500 miljard dollar.",
        "De oorlog heeft in Oekraïne 400 miljard euro aan schade veroorzaakt.",
        "Nederland betaalt jaarlijks 8 miljard euro aan de Europese Unie als afdracht.",
        "Nederland koopt voor 2 miljard euro F-35's van de Verenigde Staten.",
        "De totale steun van Nederland aan Oekraïne komt daarmee op 3 miljard euro.",
        "Het Rode Kruis helpt in Oekraïne 2 miljoen mensen met voedsel.",
        "Het kabinet trekt 1 miljard uit voor de eigen krijgsmacht.",
        "Oekraïne ontving vorig jaar 4 miljoen vluchtelingen uit het oosten van het land.",
        "De Europese Unie geeft jaarlijks 2 miljard euro uit aan haar eigen ambtenaren.",
        "Het kabinet bezuinigt 1 miljard op ontwikkelingshulp.",
        "De Verenigde Staten verkopen wapens ter waarde van 1 miljard dollar aan Taiwan.",
        "Het kabinet maakt 10 miljoen euro vrij voor de eigen defensie. Daarvan gaat 2 miljoen naar nieuwe kazernes.",
        "Volgens de VN hebben 18 miljoen mensen in Soedan hulp nodig.",
    ],
)
def test_amounts_that_are_not_aid(text: str) -> None:
    assert _aid(text) == []


def _aid_notes(text: str) -> list[tuple[tuple[str, ...], str, int | None, str | None]]:
    return [
        (f.donors, f.recipient, int(f.amount) if f.amount is not None else None, f.note)
        for f in _facts(text).facts
        if isinstance(f, AidCommitment)
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        # "elk", "ieder", "per land": each recipient gets the whole amount.
        (
            "Nederland geeft Turkije en Syrië elk 5 miljoen euro.",
            [(("nederland",), "turkije", 5_000_000), (("nederland",), "syrie", 5_000_000)],
        ),
        (
            "Turkije en Syrië krijgen ieder 5 miljoen euro van Nederland.",
            [(("nederland",), "turkije", 5_000_000), (("nederland",), "syrie", 5_000_000)],
        ),
        (
            "Nederland stuurt 5 miljoen euro per land naar Turkije en Syrië.",
            [(("nederland",), "turkije", 5_000_000), (("nederland",), "syrie", 5_000_000)],
        ),
        # A total the sentence then divides is said by its parts.
        (
            "Het kabinet geeft 20 miljoen euro aan Turkije en Syrië, elk 10 miljoen.",
            [(("nederland",), "turkije", 10_000_000), (("nederland",), "syrie", 10_000_000)],
        ),
        (
            "Nederland stuurt noodhulp naar Libanon en Jordanië. Het gaat om elk 4 miljoen euro.",
            [(("nederland",), "libanon", 4_000_000), (("nederland",), "jordanie", 4_000_000)],
        ),
        # Coordinated donors give together, and plural verbs give as singular ones do.
        (
            "De EU en Nederland trekken samen 40 miljoen euro uit voor Jemen.",
            [(("europese-unie", "nederland"), "jemen", 40_000_000)],
        ),
        ("Nederland en België sturen 3 miljoen euro naar Marokko.", [(("nederland", "belgie"), "marokko", 3_000_000)]),
        # A list of amounts with their own recipients; a second clause's subject receives nothing.
        (
            "Nederland stuurt 8 miljoen euro naar Turkije en 4 miljoen euro naar Syrië.",
            [(("nederland",), "turkije", 8_000_000), (("nederland",), "syrie", 4_000_000)],
        ),
        (
            "Nederland stuurt 10 miljoen euro naar Turkije en de Verenigde Staten sturen reddingswerkers.",
            [(("nederland",), "turkije", 10_000_000)],
        ),
        # A country named in another clause shares nothing.
        (
            "Nederland stuurt 10 miljoen euro naar Turkije en neemt 500 vluchtelingen uit Syrië op.",
            [(("nederland",), "turkije", 10_000_000)],
        ),
    ],
)
def test_an_amount_for_several_recipients_divided_by_the_text(
    text: str, expected: list[tuple[tuple[str, ...], str, int | None]]
) -> None:
    assert _aid(text) == expected


@pytest.mark.parametrize(
    "text,recipients,shared",
    [
        ("Nederland stuurt 10 miljoen euro noodhulp naar Turkije en Syrië.", ["turkije", "syrie"], "10 miljoen euro"),
        (
            "Het kabinet stelt 30 miljoen euro beschikbaar voor UNICEF en het Rode Kruis.",
            ["unicef", "rode-kruis"],
            "30 miljoen euro",
        ),
        (
            "Omdat Nederland 6 miljoen euro naar Libanon en Jordanië heeft gestuurd, is de regering tevreden.",
            ["libanon", "jordanie"],
            "6 miljoen euro",
        ),
        ("Noorwegen levert 20 ambulances aan Oekraïne en Moldavië.", ["oekraine", "moldavie"], "20 ambulances"),
        (
            "Nederland stuurt noodhulp naar Turkije en Syrië. Het gaat om 10 miljoen euro.",
            ["turkije", "syrie"],
            "10 miljoen euro",
        ),
    ],
)
def test_an_amount_the_text_does_not_divide_is_shared_without_a_sum_of_its_own(
    text: str, recipients: list[str], shared: str
) -> None:
    """nkg:recipient is functional and totals add up per recipient: each gets a commitment
    with no amount, and a note with the sum they share."""
    found = _aid_notes(text)
    assert [recipient for _donors, recipient, _amount, _note in found] == recipients
    assert all(amount is None for _d, _r, amount, _n in found)
    assert all(note is not None and note.startswith(f"{shared} for ") for _d, _r, _a, note in found)


def test_a_person_named_beside_a_recipient_receives_nothing() -> None:
    # Every recipient is a state or body (the shapes refuse anything else).
    found = _aid("Nederland stuurt 10 miljoen euro noodhulp naar Turkije en Mark Rutte.")
    assert [recipient for _donors, recipient, _amount in found] == ["turkije"]


@pytest.mark.parametrize(
    "text",
    [
        # A year after the word it dates counts no things given.
        "In een schriftelijk debat over de kabinetsformatie 2021 stellen Pieter Omtzigt en de Volt-fractie hem de "
        "vraag of daar ook gesproken is over steun aan Oekraïne.",
        "Na Prinsjesdag 2024 leveren de ministeries hun plannen aan de Kamer.",
    ],
)
def test_a_year_is_no_count_of_things(text: str) -> None:
    items = [i.label for f in _facts(text).facts if isinstance(f, AidCommitment) for i in f.items]
    assert items == []


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Nederland steunt Curaçao met 300 miljoen euro. Daarvan is 80 miljoen voor de luchthaven. "
            "Daarnaast komt er nog eens 5 miljoen bij voor ziekenhuizen.",
            [
                (("nederland",), "curacao", 300_000_000),
                (("nederland",), "curacao", 80_000_000),
                (("nederland",), "curacao", 5_000_000),
            ],
        ),
        (
            "Het kabinet trekt 200 miljoen euro uit voor Aruba. Het gaat onder meer om 40 miljoen voor wegen. "
            "Voor de haven is 12 miljoen bestemd.",
            [
                (("nederland",), "aruba", 200_000_000),
                (("nederland",), "aruba", 40_000_000),
                (("nederland",), "aruba", 12_000_000),
            ],
        ),
    ],
)
def test_shares_of_the_paragraphs_commitment(text: str, expected: list[tuple[tuple[str, ...], str, int]]) -> None:
    """An amount for a purpose that names no party is a share of the paragraph's commitment."""
    assert _aid(text) == expected


@pytest.mark.parametrize(
    "second",
    [
        "Dat is 20 miljoen meer dan vorig jaar.",
        "Het eiland heeft een begrotingstekort van 90 miljoen.",
        "Voor de haven is 90 miljoen nodig.",
        "Het eiland verdiende vorig jaar 40 miljoen aan havengelden.",
        "Voor de crisis bedroeg de toeristische omzet 900 miljoen.",
        "Het eiland trekt jaarlijks 800.000 toeristen.",
        "De herbouw van de luchthaven kost 90 miljoen.",
        "\n\nDaarvan is 80 miljoen voor de luchthaven.",  # another paragraph
    ],
)
def test_amounts_after_a_commitment_that_are_no_share_of_it(second: str) -> None:
    assert _aid(f"Nederland steunt Curaçao met 300 miljoen euro. {second}") == [
        (("nederland",), "curacao", 300_000_000)
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        # The story names Rusland most, but "het land" is the one country the paragraph named.
        (
            "Rusland bombardeert steden. Rusland ontkent alles. Rusland dreigt.\n\n"
            "Moldavië vangt veel vluchtelingen op. Nederland stuurt het land 5 miljoen euro.",
            [(("nederland",), "moldavie", 5_000_000)],
        ),
        (
            "Rusland bombardeert steden. Rusland ontkent alles.\n\n"
            "De orkaan trof Aruba zwaar. Het kabinet maakt 15 miljoen euro vrij voor het getroffen eiland.",
            [(("nederland",), "aruba", 15_000_000)],
        ),
        # "kan rekenen op": the subject is assured of what it gets.
        (
            "Rusland valt Oekraïne aan. Rusland dreigt.\n\n"
            "Moldavië vangt veel vluchtelingen op. Daarom kan het land rekenen op 8 miljoen euro steun van Nederland.",
            [(("nederland",), "moldavie", 8_000_000)],
        ),
        (
            "De orkaan verwoestte Curaçao. Het eiland krijgt 15 miljoen euro van Nederland.",
            [(("nederland",), "curacao", 15_000_000)],
        ),
    ],
)
def test_a_country_named_again_by_a_noun(text: str, expected: list[tuple[tuple[str, ...], str, int]]) -> None:
    assert _aid(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # No country before it in the paragraph: "het land" is no one.
        "Nederland stuurt het land 20 miljoen euro.",
        # "rekent op" only hopes.
        "Moldavië rekent op 8 miljoen euro steun van de Europese Unie.",
    ],
)
def test_a_country_noun_that_refers_to_nothing_given(text: str) -> None:
    assert _aid(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Nederland leent Oekraïne 1 miljard euro.", [(("nederland",), "oekraine", 1_000_000_000)]),
        ("Nederland leent 500 miljoen euro aan Oekraïne.", [(("nederland",), "oekraine", 500_000_000)]),
        ("Nederland heeft Oekraïne vorig jaar 200 miljoen euro geleend.", [(("nederland",), "oekraine", 200_000_000)]),
        (
            "Het IMF leent Oekraïne 1 miljard dollar.",
            [(("internationaal-monetair-fonds",), "oekraine", 1_000_000_000)],
        ),
    ],
)
def test_a_loan_is_financial_aid_from_the_lender(text: str, expected: list[tuple[tuple[str, ...], str, int]]) -> None:
    assert _aid(text) == expected
    assert all(str(f.aid_type) == "financial" for f in _facts(text).facts if isinstance(f, AidCommitment))


@pytest.mark.parametrize(
    "text",
    [
        "De Europese Unie verstrekt Nederland een lening van 2 miljard euro.",
        "Nederland sluit een lening van 2 miljard euro af bij de Wereldbank.",
        "Oekraïne leent 1 miljard dollar bij het IMF.",
    ],
)
def test_borrowing_and_loans_to_nederland_are_no_aid(text: str) -> None:
    assert _aid(text) == []


def test_a_clause_without_its_verb_gives_the_next_amount() -> None:
    # "Zweden belooft …, Finland …": the verb is left out of the second clause, whose first
    # party gives; both go to the body the sentence before names, in their own currency.
    text = (
        "Meerdere landen zegden dinsdag geld toe aan het Wereldvoedselprogramma.\n"
        "Zweden belooft 40 miljoen Zweedse kronen, Finland 3 miljoen euro."
    )
    facts = [f for f in _facts(text).facts if isinstance(f, AidCommitment)]
    assert [(f.donors, f.recipient, int(f.amount or 0), f.currency) for f in facts] == [
        (("zweden",), "wereldvoedselprogramma", 40_000_000, "SEK"),
        (("finland",), "wereldvoedselprogramma", 3_000_000, "EUR"),
    ]


def test_a_country_that_gives_is_not_the_recipient_the_story_implies() -> None:
    # Nothing names whom the Swiss money is for; the only country the story named gives
    # itself, so no recipient is invented.
    text = "Zweden zegt 10 miljoen euro toe aan Jemen.\n\nZwitserland trekt 20 miljoen euro uit."
    assert (("zwitserland",), "zweden", 20_000_000) not in _aid(text)
    assert _aid(text)[0] == (("zweden",), "jemen", 10_000_000)


def test_a_body_named_again_by_its_noun_receives() -> None:
    # A sentence of giving without an amount names the fund; "het fonds" later is that one.
    text = (
        "Vorige maand gaf Canada geld aan het nieuwe fonds voor schoon drinkwater.\n\n"
        "Nu draagt Frankrijk 12 miljoen euro bij aan het fonds."
    )
    facts = _facts(text)
    aid = [f for f in facts.facts if isinstance(f, AidCommitment)]
    assert [(f.donors, f.recipient) for f in aid] == [(("frankrijk",), aid[0].recipient)]
    label = next(e.label for e in facts.entities if e.key == aid[0].recipient)
    assert label == "fonds voor schoon drinkwater"


def test_a_town_that_gives_is_the_donor_when_a_noun_stands_for_it() -> None:
    text = (
        "Duitsland doneert 2 miljoen euro aan Libanon.\n"
        "Ook de gemeente Rotterdam helpt: de stad maakt 50.000 euro vrij voor het Rode Kruis."
    )
    assert (("gemeente-rotterdam",), "rode-kruis", 50_000) in _aid(text)
    assert not [a for a in _aid(text) if a[2] == 50_000 and a[0] == ("duitsland",)]


def test_a_head_of_state_who_announces_aid_gives_for_his_country() -> None:
    text = (
        "De Franse president Emmanuel Macron bezocht Moldavië.\n"
        "Macron kondigde er een steunpakket van een kwart miljard euro aan."
    )
    assert _aid(text) == [(("frankrijk",), "moldavie", 250_000_000)]


def test_an_amount_without_a_recipient_goes_where_the_story_sent_its_money() -> None:
    text = (
        "Nederland draagt 20 miljoen euro bij aan UNICEF.\n\n"
        "Ook Japan is een grote donor en zegt 300 miljoen dollar toe."
    )
    assert _aid(text) == [(("nederland",), "unicef", 20_000_000), (("japan",), "unicef", 300_000_000)]


def test_a_body_that_receives_a_share_is_not_its_giver() -> None:
    text = (
        "Nederland maakt 40 miljoen euro vrij voor Jemen.\n"
        "UNICEF ontvangt daarvan 15 miljoen euro voor schoon water in Jemen."
    )
    assert (("nederland",), "unicef", 15_000_000) in _aid(text)
    assert not [a for a in _aid(text) if a[0] == ("unicef",)]


def test_spending_at_home_is_no_aid() -> None:
    text = (
        "Frankrijk geeft 10 miljoen euro aan Libanon.\n"
        "Duitsland trekt 2 miljard euro uit voor de opvang van asielzoekers in eigen land."
    )
    assert _aid(text) == [(("frankrijk",), "libanon", 10_000_000)]


def test_the_nationality_of_an_official_is_not_where_the_money_goes() -> None:
    # Nothing names a recipient; the only country is that of the minister who speaks.
    text = (
        "Dat meldde de Noorse minister van Financiën Trygve Vedum maandag.\n\n"
        "Zweden trekt 100 miljoen kronen uit voor klimaatsteun."
    )
    assert _aid(text) == []


def test_a_clause_with_its_own_subject_gives_what_it_counts() -> None:
    text = (
        "Na de aardbeving in Marokko stuurt Spanje hulp.\n"
        "Frankrijk stelt 800.000 euro beschikbaar en België stuurt drie vrachtwagens met tenten."
    )
    aid = _aid(text)
    assert (("frankrijk",), "marokko", 800_000) in aid
    assert (("belgie",), "marokko", None) in aid
    assert not [a for a in aid if a[1] == "belgie"]


def test_the_place_of_the_need_in_a_lead_is_where_things_go() -> None:
    text = (
        "Na de overstromingen in de Libische stad Derna stuurt Nederland hulpgoederen.\n"
        "Het gaat om 300 tenten en 1000 dekens."
    )
    assert _aid(text) == [(("nederland",), "libie", None)]


def test_a_country_that_receives_takes_its_giver_from_the_commitment_before() -> None:
    text = (
        "De Europese Unie trekt 40 miljoen euro uit voor de kustwacht van Libië. "
        "Daarnaast krijgt Egypte 60 miljoen euro begrotingssteun."
    )
    aid = _aid(text)
    assert (("europese-unie",), "egypte", 60_000_000) in aid
    assert not [a for a in aid if a[0] == ("egypte",)]


def test_a_capital_that_gives_stands_for_its_country_but_not_where_things_happen() -> None:
    text = (
        "Nederland geeft 5 miljoen euro aan Haïti.\n"
        "Ook Berlijn trekt 8 miljoen euro uit, Rome 2 miljoen.\n"
        "In Parijs maakte UNICEF 1 miljoen euro vrij voor Haïti."
    )
    aid = _aid(text)
    assert (("duitsland",), "haiti", 8_000_000) in aid
    assert (("italie",), "haiti", 2_000_000) in aid
    assert not [a for a in aid if a[0] == ("frankrijk",)]


def test_the_minister_the_text_named_gives_for_the_government() -> None:
    text = (
        "Minister Reinette Klever sprak in de Kamer over Soedan.\n\n"
        "Kamerlid Anne Wil is blij dat de minister 12 miljoen euro extra uittrekt voor noodhulp in Soedan."
    )
    assert _aid(text) == [(("nederland",), "soedan", 12_000_000)]


def test_a_recap_between_a_handover_and_its_count_keeps_them_together() -> None:
    text = (
        "Noorwegen heeft de eerste patrouilleboten aan Moldavië overgedragen. Dat bevestigde de "
        "Noorse regering vrijdag. Het gaat om 6 boten voor de grensbewaking."
    )
    facts = [f for f in _facts(text).facts if isinstance(f, AidCommitment)]
    assert [(f.donors, f.recipient, [(i.label, i.quantity) for i in f.items]) for f in facts] == [
        (("noorwegen",), "moldavie", [("boten", 6)])
    ]


def test_an_amount_many_unnamed_give_is_not_the_reporters_countrys() -> None:
    text = (
        "Nederland geeft 20 miljoen euro aan Moldavië. De Franse president Emmanuel Macron maakte bekend "
        "dat de deelnemende landen samen 2 miljard euro hebben toegezegd."
    )
    assert _aid(text) == [(("nederland",), "moldavie", 20_000_000)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Denemarken levert luchtafweersystemen aan Oekraïne.", [(("denemarken",), "oekraine", "luchtafweersystemen")]),
        ("Spanje stuurt ambulances naar Oekraïne.", [(("spanje",), "oekraine", "ambulances")]),
        ("Het kabinet besluit om militaire goederen te leveren aan Oekraïne.",
         [(("nederland",), "oekraine", "militaire goederen")]),
    ],
)  # fmt: skip
def test_things_given_without_a_count_are_aid(text: str, expected: list[tuple[tuple[str, ...], str, str]]) -> None:
    found = [
        (f.donors, f.recipient, [i.label for i in f.items]) for f in _facts(text).facts if isinstance(f, AidCommitment)
    ]
    assert found == [(donors, recipient, [label]) for donors, recipient, label in expected]


@pytest.mark.parametrize(
    "text",
    [
        "Japan stuurt diplomaten naar Oekraïne.",  # people are no aid
        "Nederland levert de tanks aan Oekraïne.",  # things named before: no new commitment
        "De bank verstrekt meer leningen aan bedrijven.",  # to no country or body the text names
    ],
)
def test_uncounted_things_need_a_named_receiver_and_no_determiner(text: str) -> None:
    assert _aid(text) == []


def test_a_sentence_that_gives_its_amount_later_stays_one_commitment() -> None:
    text = "Nederland levert luchtafweersystemen aan Oekraïne. Het gaat om 20 miljoen euro."
    assert _aid(text) == [(("nederland",), "oekraine", 20_000_000)]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Het kabinet stelt 4 miljoen euro ter beschikking aan het WFP.",
            [(("nederland",), "wereldvoedselprogramma", 4_000_000)],
        ),
        (
            "Duitsland trekt 30 miljoen euro uit voor noodhulp. Een deel van 12 miljoen euro wordt ter beschikking "
            "gesteld aan UNICEF.",
            [(("duitsland",), "unicef", 12_000_000)],
        ),
    ],
)
def test_ter_beschikking_stellen_gives_as_beschikbaar_stellen_does(
    text: str, expected: list[tuple[tuple[str, ...], str, int]]
) -> None:
    assert _aid(text) == expected


def test_money_pledged_with_toegezegd_is_aid_not_a_statement() -> None:
    facts = _facts("België had eerder al 12 miljoen euro toegezegd aan UNRWA.")
    assert [type(f).__name__ for f in facts.facts] == ["AidCommitment"]
    # With what was promised in words, or recapping the sentence before, it still reports.
    said = _facts("Minister Anna Smit heeft toegezegd de Kamer voor de zomer te informeren.")
    assert [type(f).__name__ for f in said.facts if type(f).__name__ == "Statement"] == ["Statement"]
