"""Office holdings and names on short Dutch sentences written for these tests.

Each case: a text and the (holder, office) pairs a reader finds in it, by key.  The
extractor sees only the built-in gazetteer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from navokg.extract import extract
from navokg.model import DocumentFacts, EntityKind, OfficeHolding, Statement
from navokg.sources.documents import Document, DocumentMeta
from navokg.sources.entities import load_registry

from .conftest import SEED_ENTITIES

REGISTRY = load_registry()


def _facts(text: str) -> DocumentFacts:
    return extract(Document("t", Path("t.txt"), text, DocumentMeta(published="2024-05-01")), REGISTRY)


def _holdings(text: str) -> set[tuple[str, str]]:
    return {(f.holder, f.office) for f in _facts(text).facts if isinstance(f, OfficeHolding)}


def _persons(text: str) -> set[str]:
    facts = _facts(text)
    kinds = {e.key: e.kind for e in facts.entities}
    return {
        key
        for key in facts.mentions
        if (kinds.get(key) or (REGISTRY.get(key).kind if key in REGISTRY else None)) is EntityKind.PERSON
    }


@pytest.mark.parametrize(
    "text,expected",
    [
        # A title cut by a line break is read whole, and the next line's first word is no name.
        (
            "Dat maakte minister voor Buitenlandse Handel en\nOntwikkelingshulp Reinette Klever bekend.",
            {("reinette-klever", "minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking-nederland")},
        ),
        # Foreign offices: an adjective with or without -e, "van <land>" after the name, an apposition.
        (
            "Oekraïens president Volodymyr Zelensky bezocht Den Haag.",
            {("volodymyr-zelensky", "president-van-oekraine")},
        ),
        ("Israëlisch premier Benjamin Netanyahu sprak in Washington.", {("benjamin-netanyahu", "premier-van-israel")}),
        (
            "Minister van Defensie Roestem Oemerov van Oekraïne bedankte Nederland.",
            {("roestem-oemerov", "minister-van-defensie-van-oekraine")},
        ),
        ("Vicepremier Denys Sjmyhal van Oekraïne tekende.", {("denys-sjmyhal", "vicepremier-van-oekraine")}),
        (
            "Roestem Oemerov, de Oekraïense minister van Defensie, was ook aanwezig.",
            {("roestem-oemerov", "minister-van-defensie-van-oekraine")},
        ),
        # A counterpart holds the same office in the adjective's country.
        (
            "Minister Ruben Brekelmans van Defensie ontmoette zijn Franse ambtgenoot Sébastien Lecornu.",
            {
                ("ruben-brekelmans", "minister-van-defensie-nederland"),
                ("sebastien-lecornu", "minister-van-defensie-van-frankrijk"),
            },
        ),
        # Names listed after a plural title each hold the office.
        (
            "In het debat spraken de Kamerleden Jasper van Dijk (SP), Salima Belhaj (D66) en Christine Teunissen (PvdD).",
            {
                ("jasper-van-dijk", "lid-van-de-tweede-kamer"),
                ("salima-belhaj", "lid-van-de-tweede-kamer"),
                ("christine-teunissen", "lid-van-de-tweede-kamer"),
            },
        ),
        # A party in parentheses or "namens" where the text is about parliament.
        ("In het debat diende Jesse Klaver (GroenLinks) een motie in.", {("jesse-klaver", "lid-van-de-tweede-kamer")}),
        (
            "Namens de VVD voerde Ruben Brekelmans in het debat het woord.",
            {("ruben-brekelmans", "lid-van-de-tweede-kamer")},
        ),
        ("In de Eerste Kamer sprak Tineke Huizinga (ChristenUnie).", {("tineke-huizinga", "lid-van-de-eerste-kamer")}),
        # ... but not outside parliament, and a party is not any organisation.
        ("Jesse Klaver (GroenLinks) fietste naar huis.", set()),
        ("In het debat sprak Jens Stoltenberg (NAVO) over de top.", set()),
        # A bare title and the full one for the same person are one office.
        (
            "Minister Kaag kondigde hulp aan. Later sprak minister Sigrid Kaag (Buitenlandse Handel en "
            "Ontwikkelingssamenwerking) in de Kamer.",
            {("sigrid-kaag", "minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking-nederland")},
        ),
        # Titles glued to a portfolio or body, and a party prefix of several words.
        ("Klimaatminister Rob Jetten opende de top.", {("rob-jetten", "klimaatminister-nederland")}),
        ("Ook GroenLinks-PvdA-Kamerlid Kati Piri is kritisch.", {("kati-piri", "lid-van-de-tweede-kamer")}),
        ("Eurocommissaris Ylva Johansson sprak.", {("ylva-johansson", "lid-van-de-europese-commissie")}),
        # A counterpart in the next sentence, its possessive opening it.
        (
            "Klimaatminister Rob Jetten noemde de afspraak historisch. Zijn Duitse ambtgenoot Robert Habeck sloot zich aan.",
            {("rob-jetten", "klimaatminister-nederland"), ("robert-habeck", "klimaatminister-van-duitsland")},
        ),
        # Local and international titles; a surname with a word like "Groot" in it.
        ("Wethouder Rutger Groot Wassink sprak in de raad.", {("rutger-groot-wassink", "wethouder")}),
        ("Ook hoge vertegenwoordiger Josep Borrell reisde af.", {("josep-borrell", "hoge-vertegenwoordiger")}),
        # "Staten-Generaal" holds no office, and neither do the words of a parliament's name.
        ("De Kamer van Volksvertegenwoordigers en de Staten-Generaal vergaderden.", set()),
        # "De staatssecretaris, X" is X's own title, not a second, bare holding.
        (
            "De staatssecretaris van Defensie, Gijs Tuinman, tekende het contract.",
            {("gijs-tuinman", "staatssecretaris-van-defensie-nederland")},
        ),
        # A person this text places abroad keeps that country under a shorter title later.
        (
            "De Oekraïense vicepremier Olha Stefanisjyna reisde naar Den Haag. Vicepremier Stefanisjyna sprak er.",
            {("olha-stefanisjyna", "vicepremier-van-oekraine")},
        ),
        (
            "De Duitse minister van Defensie, Boris Pistorius, was in Havelte. Minister van Defensie Pistorius "
            "sprak er met militairen.",
            {("boris-pistorius", "minister-van-defensie-van-duitsland")},
        ),
        (
            "De Belgische premier Alexander De Croo was in Brussel. Premier De Croo zei dat België meer doet.",
            {("alexander-de-croo", "premier-van-belgie")},
        ),
        # ... while a Dutch title of another person stays Dutch.
        (
            "De Belgische premier Alexander De Croo belde met premier Dick Schoof.",
            {("alexander-de-croo", "premier-van-belgie"), ("dick-schoof", "minister-president-van-nederland")},
        ),
        # Two titles joined by "en" before one name: both are held.
        (
            "Minister van Financiën en vicepremier Sigrid Kaag presenteerde de begroting.",
            {("sigrid-kaag", "minister-van-financien-nederland"), ("sigrid-kaag", "vicepremier-van-nederland")},
        ),
        (
            "Vicepremier en minister van Buitenlandse Zaken Wopke Hoekstra reisde naar Kyiv.",
            {
                ("wopke-hoekstra", "minister-van-buitenlandse-zaken-nederland"),
                ("wopke-hoekstra", "vicepremier-van-nederland"),
            },
        ),
        # A portfolio's abbreviation in parentheses is no part of the office, a portfolio
        # of several words may follow the name, and so may the organisation of a title.
        (
            "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking (BHO) Liesje Schreinemacher reisde af.",
            {("liesje-schreinemacher", "minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking-nederland")},
        ),
        (
            "Minister Hugo de Jonge van Volksgezondheid, Welzijn en Sport gaf een persconferentie.",
            {("hugo-de-jonge", "minister-van-volksgezondheid-welzijn-en-sport-nederland")},
        ),
        (
            "Secretaris-generaal Mark Rutte van de NAVO bezocht Den Haag.",
            {("mark-rutte", "secretaris-generaal-van-de-navo")},
        ),
        ("In het debat sprak Kamerlid Jan Paternotte van D66.", {("jan-paternotte", "lid-van-de-tweede-kamer")}),
    ],
)
def test_office_holdings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _holdings(text) == expected


@pytest.mark.parametrize(
    "text,persons",
    [
        ("Volgens SP-senator Van Apeldoorn zijn meer uitgaven nodig.", {"van-apeldoorn"}),
        ("Eerder kondigde Defensie aan luchtmachtbasis De Peel te heropenen.", set()),
        (
            "EU-buitenlandchef Josep Borrell en Commissievoorzitter Ursula von der Leyen waren in Kyiv.",
            {"josep-borrell"},
        ),
        (
            "Dat maakte minister voor Buitenlandse Handel en\nOntwikkelingshulp Reinette Klever bekend.",
            {"reinette-klever"},
        ),
        ("Het kabinet stuurt hulp naar Sint Maarten en Curaçao.", set()),
        # A name after an article is a thing, however it is used; a title word stays outside the name.
        ("In het Kamerdebat sprak Kamerlid Jan Paternotte namens D66.", {"jan-paternotte"}),
        ("Het Centraal Planbureau verwacht dat de groei afneemt.", set()),
        ("De Algemene Rekenkamer meldt dat de uitgaven niet op orde zijn.", set()),
        ("Tijdens de Algemene Beschouwingen zei Frans Timmermans dat het kabinet faalt.", {"frans-timmermans"}),
        ("Defensie-woordvoerder Kolonel Jan de Vries zei dat de oefening doorgaat.", {"jan-de-vries"}),
        # A person before an organisation of several words is no part of it.
        ("Onderzoeker Dick Zandee van Instituut Clingendael zegt dat Europa meer moet doen.", {"dick-zandee"}),
        # A surname of several words is the person named in full.
        (
            "Staatssecretaris Eric van der Burg sprak met Mark Rutte. „Het kan beter”, zei Van der Burg.",
            {"eric-van-der-burg", "mark-rutte"},
        ),
        (
            "Hanke Bruins Slot sprak met Mark Rutte. „Het kan beter”, aldus Bruins Slot.",
            {"hanke-bruins-slot", "mark-rutte"},
        ),
        ("Alexander De Croo sprak met Mark Rutte. „Het kan beter”, zei De Croo.", {"alexander-de-croo", "mark-rutte"}),
    ],
)
def test_person_names(text: str, persons: set[str]) -> None:
    found = _persons(text)
    assert persons <= found
    assert not {p for p in found if p not in persons and p not in {"ursula-von-der-leyen"}}


def test_one_holding_however_the_date_is_written() -> None:
    """Two sightings on one day, written differently, are one holding with both pieces of evidence."""
    text = (
        "Minister Sigrid Kaag reisde op 1 mei 2024 naar Kinshasa. "
        "Op woensdag 1 mei sprak de minister er met hulporganisaties."
    )
    holdings = [f for f in _facts(text).facts if isinstance(f, OfficeHolding)]
    assert [(h.holder, len(h.evidence)) for h in holdings] == [("sigrid-kaag", 2)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # Names listed after a plural title and a comma, each narrowed by what follows it.
        (
            "Het bezoek werd voorbereid door de voorzitters van het Belgische parlement, "
            "Els Peeters van de Senaat en Bart Claes van de Kamer.",
            {
                ("els-peeters", "voorzitter-van-de-senaat-van-belgie"),
                ("bart-claes", "voorzitter-van-de-kamer-van-belgie"),
            },
        ),
        # Surnames alone, each with a portfolio; a plural title is the singular office.
        (
            "In Brussel spraken de ministers Hoekstra (Buitenlandse Zaken) en Ollongren (Defensie).",
            {
                ("hoekstra", "minister-van-buitenlandse-zaken-nederland"),
                ("ollongren", "minister-van-defensie-nederland"),
            },
        ),
        (
            "De staatssecretarissen Eric van der Burg (Asiel) en Christophe van der Maat (Defensie) waren er.",
            {
                ("eric-van-der-burg", "staatssecretaris-van-asiel-nederland"),
                ("christophe-van-der-maat", "staatssecretaris-van-defensie-nederland"),
            },
        ),
        # Offices joined by "en" in the plural title: whose is whose, the text does not say.
        ("De burgemeesters van Amsterdam en Rotterdam, Femke Halsema en Ahmed Aboutaleb, tekenden.", set()),
        ("De ministers van Defensie en Buitenlandse Zaken, Kajsa Ollongren en Wopke Hoekstra, reisden af.", set()),
        ("Volgens de ministers, onder wie Kajsa Ollongren, is dat lastig.", set()),
    ],
)
def test_names_listed_after_a_plural_title(text: str, expected: set[tuple[str, str]]) -> None:
    assert _holdings(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # A bare title takes the one country of its paragraph that has the office.
        (
            "Duitsland stuurt meer tanks naar Oekraïne. Bondskanselier Olaf Scholz zei dat dinsdag.",
            {("olaf-scholz", "bondskanselier-van-duitsland")},
        ),
        (
            "De Duitse regering is verdeeld. President Frank-Walter Steinmeier riep op tot eenheid.",
            {("frank-walter-steinmeier", "president-van-duitsland")},
        ),
        # Two countries that fit, none, or one in another paragraph: the office stays without a country.
        ("Frankrijk en Duitsland zijn het oneens. President Emmanuel Macron wil meer steun.",
         {("emmanuel-macron", "president")}),
        ("Oostenrijk en Duitsland sturen geen tanks. Bondskanselier Karl Nehammer zei dat.",
         {("karl-nehammer", "bondskanselier")}),
        ("In België is de kritiek groot. President Emmanuel Macron wil meer steun.",
         {("emmanuel-macron", "president")}),
        ("De Franse regering is verdeeld.\n\nPresident Emmanuel Macron riep op tot eenheid.",
         {("emmanuel-macron", "president")}),
    ],
)  # fmt: skip
def test_a_bare_title_in_the_country_its_paragraph_names(text: str, expected: set[tuple[str, str]]) -> None:
    assert _holdings(text) == expected


def test_a_title_written_onto_its_field_and_the_bare_title_are_one_holding() -> None:
    # "Onderwijsminister X … de minister": one holding, of the fuller title.
    text = "Onderwijsminister Robbert Dijkgraaf opende het debat. Later zei de minister dat hij tevreden is."
    holdings = _holdings(text)
    assert len(holdings) == 1
    assert next(iter(holdings))[0] == "robbert-dijkgraaf"


def test_a_title_predicated_of_a_name_is_one_holding_with_it() -> None:
    text = "Het nieuwe kabinet is beëdigd. Hendrik Wijers is de nieuwe minister-president."
    holdings = [f for f in _facts(text).facts if isinstance(f, OfficeHolding)]
    assert [h.holder for h in holdings] == ["hendrik-wijers"]


def test_speakers_of_a_debate_transcript_with_a_party_sit_in_parliament() -> None:
    text = (
        "Het debat over de begroting.\n\n"
        "Mevrouw Kröger (GroenLinks):\n"
        "Voorzitter. Ik heb een vraag aan de minister over de begroting van dit jaar.\n\n"
        "De heer Bontenbal (CDA):\n"
        "Ik sluit mij daarbij aan, want de begroting klopt niet.\n"
    )
    holdings = _holdings(text)
    assert holdings == {("kroger", "lid-van-de-tweede-kamer"), ("bontenbal", "lid-van-de-tweede-kamer")}
    assert _persons(text) == {"kroger", "bontenbal"}  # "Mevrouw" is no part of the name


@pytest.mark.parametrize("name", ["Johan Remkes", "Marianne Thieme", "Sandra Beckerman", "Laura Bromet"])
def test_common_given_names_begin_a_person(name: str) -> None:
    text = f"{name} waarschuwde eerder dat de tijd dringt."
    assert _persons(text) == {name.lower().replace(" ", "-")}


def test_a_counterpart_holds_the_office_in_the_country_the_adjective_names() -> None:
    text = "De Amerikaanse president Joe Biden sprak met zijn Poolse ambtgenoot Andrzej Duda."
    assert _holdings(text) == {
        ("joe-biden", "president-van-de-verenigde-staten"),
        ("andrzej-duda", "president-van-polen"),
    }


def test_titles_in_a_story_about_a_foreign_government_are_that_governments() -> None:
    text = (
        "De Duitse regering-Scholz is het eens over de begroting. Kanselier Olaf Scholz sprak van "
        "een goed compromis.\n\n"
        "Minister van Financiën Christian Lindner zei dat de schuldenrem blijft."
    )
    holdings = _holdings(text)
    assert ("christian-lindner", "minister-van-financien-van-duitsland") in holdings
    assert not [h for h in holdings if h[1].endswith("nederland")]


def test_a_dutch_minister_in_a_story_that_also_covers_a_foreign_government_stays_dutch() -> None:
    text = (
        "De Duitse regering wil meer geld uitgeven aan defensie.\n\n"
        "Het kabinet reageerde positief, zei minister van Defensie Ruben Brekelmans."
    )
    assert ("ruben-brekelmans", "minister-van-defensie-nederland") in _holdings(text)


def test_a_ministers_colleague_of_a_portfolio_is_that_portfolios_minister() -> None:
    text = (
        "Minister van Justitie Dilan Yeşilgöz opende de conferentie. Zij sprak over georganiseerde "
        "misdaad. Haar collega van Financiën, Sigrid Kaag, was er ook."
    )
    assert ("sigrid-kaag", "minister-van-financien-nederland") in _holdings(text)
    # Without a minister to be the colleague of, "collega" says no office.
    assert not _holdings("Haar collega van Financiën, Sigrid Kaag, was er ook.")


@pytest.mark.parametrize(
    "text,expected",
    [
        # A party with a digit in its name prefixes a title as any other.
        ("D66-Kamerlid Jan Paternotte stelde vragen.", ("jan-paternotte", "lid-van-de-tweede-kamer")),
        ("D66-fractievoorzitter Rob Jetten stelde vragen.", ("rob-jetten", "fractievoorzitter-van-d66")),
        # A second office in an apposition after "tevens".
        (
            "VVD-leider Dilan Yeşilgöz, tevens minister van Justitie en Veiligheid, zei dat het kan.",
            ("dilan-yesilgoz", "minister-van-justitie-en-veiligheid-nederland"),
        ),
        # A ministry the lexicon lacks, in parentheses after the name.
        (
            "Minister Femke Wiersma (Landbouw, Visserij en Voedselzekerheid) opende de beurs.",
            ("femke-wiersma", "minister-van-landbouw-visserij-en-voedselzekerheid-nederland"),
        ),
    ],
)
def test_more_ways_to_write_a_title(text: str, expected: tuple[str, str]) -> None:
    assert expected in _holdings(text)


@pytest.mark.parametrize(
    "text,relation,attested",
    [
        ("Karin de Graaf stopt als burgemeester van Zwolle.", "end_not_before", True),
        ("Karin de Graaf treedt af als minister van Defensie.", "end_not_before", True),
        ("Karin de Graaf stopte als burgemeester van Zwolle.", "end_not_after", False),
        ("Karin de Graaf trad vorig jaar af als minister van Defensie.", "end_not_after", False),
    ],
)
def test_stopping_as_an_office_ends_its_term(text: str, relation: str, attested: bool) -> None:
    holdings = [f for f in _facts(text).facts if isinstance(f, OfficeHolding)]
    assert len(holdings) == 1
    assert [b.relation.value for b in holdings[0].bounds] == [relation]
    assert (holdings[0].attested is not None) == attested


def test_a_body_named_after_its_kind_is_no_person() -> None:
    facts = _facts("Boerenorganisatie LTO vindt het plan onhaalbaar. Vakbond FNV is het daarmee eens.")
    assert {e.label for e in facts.entities if e.kind is EntityKind.ORGANIZATION} == {"LTO", "FNV"}
    assert not [e for e in facts.entities if e.kind is EntityKind.PERSON]


def test_a_bare_secretary_general_is_the_one_of_the_body_the_paragraph_names() -> None:
    text = "Op de VN-top in New York sprak secretaris-generaal António Guterres de leiders toe."
    assert _holdings(text) == {("antonio-guterres", "secretaris-generaal-van-de-verenigde-naties")}
    # Two bodies with such an office: the paragraph does not say which.
    two = "Op de VN-top sprak ook de NAVO. Secretaris-generaal António Guterres sprak als eerste."
    assert not [office for _holder, office in _holdings(two) if office != "secretaris-generaal"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # Ministries of other years and other countries' portfolios are no part of a name.
        (
            "Minister Melanie Schultz van Haegen (Infrastructuur en Milieu) opende de brug.",
            ("melanie-schultz-van-haegen", "minister-van-infrastructuur-en-milieu-nederland"),
        ),
        (
            "De Canadese minister van Milieu Steven Guilbeault opende de top.",
            ("steven-guilbeault", "minister-van-milieu-van-canada"),
        ),
    ],
)
def test_portfolios_of_other_years_and_countries(text: str, expected: tuple[str, str]) -> None:
    assert _holdings(text) == {expected}


def test_a_bare_party_title_is_the_one_party_its_paragraph_names() -> None:
    text = "De SP stemt tegen, zo liet partijleider Jimmy Dijk weten.\n\nDe VVD en D66 zijn voor. Fractievoorzitter Anna Smit twijfelt."
    holdings = _holdings(text)
    assert ("jimmy-dijk", "partijleider-van-sp") in holdings
    assert ("anna-smit", "fractievoorzitter") in holdings  # two parties: the text does not say whose


def test_a_given_name_before_a_surname_the_registry_knows_is_part_of_the_mention() -> None:
    # The project registry knows "Dilan Yeşilgöz-Zegerius" with the alias "Yeşilgöz".
    registry = load_registry(SEED_ENTITIES)
    text = "VVD-leider Dilan Yeşilgöz was het er niet mee eens."
    facts = extract(Document("t", Path("t.txt"), text, DocumentMeta(published="2025-06-03")), registry)
    holdings = [f for f in facts.facts if isinstance(f, OfficeHolding)]
    assert [(h.holder, h.office) for h in holdings] == [("dilan-yesilgoz-zegerius", "partijleider-van-vvd")]
    assert holdings[0].evidence[0].exact == "VVD-leider Dilan Yeşilgöz"


def test_a_signed_letter_gives_its_signatory_the_office_it_signs_with() -> None:
    text = (
        "Geachte voorzitter,\n\n"
        "Hierbij informeer ik uw Kamer over de steun aan Jemen. Op de conferentie heb ik gezegd dat Nederland "
        "Jemen blijft steunen.\n\n"
        "De minister van Buitenlandse Zaken,\n\n"
        "Caspar Veldkamp\n"
    )
    facts = _facts(text)
    holdings = [(f.holder, f.office) for f in facts.facts if isinstance(f, OfficeHolding)]
    assert holdings == [("caspar-veldkamp", "minister-van-buitenlandse-zaken-nederland")]
    assert [s.speakers for s in facts.facts if isinstance(s, Statement)] == [("caspar-veldkamp",)]


def test_two_titles_predicated_together_are_two_holdings() -> None:
    text = "Jan de Vries was eerder burgemeester van Zwolle en Kamerlid voor de VVD."
    assert _holdings(text) >= {("jan-de-vries", "lid-van-de-tweede-kamer")}
    assert len(_holdings(text)) == 2


def test_a_country_named_after_a_bare_title_is_not_its_country() -> None:
    text = "In de hoofdstad reageerde president Andrej Novak teleurgesteld. Hij bedankte wel Tsjechië voor de steun."
    assert ("andrej-novak", "president-van-tsjechie") not in _holdings(text)
    # Named before, the one country with a president is the title's.
    before = "In Tsjechië reageerde president Andrej Novak teleurgesteld."
    assert _holdings(before) == {("andrej-novak", "president-van-tsjechie")}


@pytest.mark.parametrize(
    "text,expected,relation",
    [
        ("Karin Bos is maandag geïnstalleerd als burgemeester van Leiden.", "burgemeester-van-leiden", "start"),
        (
            "Karin Bos was hiervoor staatssecretaris van Financiën.",
            "staatssecretaris-van-financien-nederland",
            "end_not_after",
        ),
    ],
)
def test_installed_as_begins_and_hiervoor_ends_a_term(text: str, expected: str, relation: str) -> None:
    holdings = [f for f in _facts(text).facts if isinstance(f, OfficeHolding)]
    assert [h.office for h in holdings] == [expected]
    if relation == "start":
        assert holdings[0].start is not None
    else:
        assert [b.relation.value for b in holdings[0].bounds] == [relation]


def test_a_title_before_a_comma_and_the_name_keeps_no_comma() -> None:
    text = "De Poolse minister van Defensie, Władysław Kosiniak-Kamysz, bezocht Den Haag."
    facts = _facts(text)
    labels = {e.label for e in facts.entities if e.kind is EntityKind.OFFICE}
    assert labels == {"minister van Defensie van Polen"}


@pytest.mark.parametrize(
    "text,expected",
    [
        # Who chose and when may stand between the verb and "gekozen tot".
        ("Ursula von der Leyen werd in juli 2019 door het Europees Parlement gekozen tot voorzitter van de "
         "Europese Commissie.", {("ursula-von-der-leyen", "voorzitter-van-de-europese-commissie")}),
        # A predicated title is held where the story places the government it speaks of.
        ("De nieuwe Oostenrijkse regering is maandag beëdigd. Christian Stocker wordt bondskanselier. "
         "Markus Marterbauer wordt minister van Financiën.",
         {("christian-stocker", "bondskanselier-van-oostenrijk"),
          ("markus-marterbauer", "minister-van-financien-van-oostenrijk")}),
        ("In Wenen is de nieuwe regering beëdigd. Andreas Babler wordt vicekanselier van Oostenrijk.",
         {("andreas-babler", "vicekanselier-van-oostenrijk")}),
        ("Duitsland heeft een nieuwe regering. Lars Klingbeil wordt vicekanselier.",
         {("lars-klingbeil", "vicekanselier-van-duitsland")}),
        # A second title at the clause's end keeps its portfolio.
        ("Kajsa Ollongren wordt vicepremier en minister van Defensie.",
         {("kajsa-ollongren", "vicepremier-van-nederland"), ("kajsa-ollongren", "minister-van-defensie-nederland")}),
        # A predicated title ends before the next name.
        ("De Belgische federale regering is rond. Jan Jambon wordt minister van Financiën en Theo Francken "
         "minister van Defensie.", {("jan-jambon", "minister-van-financien-van-belgie")}),
    ],
)  # fmt: skip
def test_a_predicated_title_is_read_whole_and_placed_by_its_story(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= _holdings(text)
    assert not {office for _, office in _holdings(text)} & {"minister-nederland", "bondskanselier"}


@pytest.mark.parametrize(
    "text",
    [
        "De nieuwe Duitse regering is beëdigd. Minister van Buitenlandse Zaken Johann Wadephul reist naar Parijs.",
        "De nieuwe Duitse regering is beëdigd. Johann Wadephul wordt minister van Buitenlandse Zaken.",
    ],
)
def test_a_minister_of_foreign_affairs_belongs_to_the_government_the_story_is_about(text: str) -> None:
    assert _holdings(text) == {("johann-wadephul", "minister-van-buitenlandse-zaken-van-duitsland")}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Het kabinet is gevallen. Zij volgt Mark Rutte op, die sinds 2010 premier was.",
         ("mark-rutte", "minister-president-van-nederland")),
        ("Ze sprak met Jens Stoltenberg, die tien jaar secretaris-generaal van de NAVO was.",
         ("jens-stoltenberg", "secretaris-generaal-van-de-navo")),
        ("Hij belde met Ruben Brekelmans, die minister van Defensie is.",
         ("ruben-brekelmans", "minister-van-defensie-nederland")),
    ],
)  # fmt: skip
def test_a_relative_clause_after_a_name_gives_its_title(text: str, expected: tuple[str, str]) -> None:
    assert expected in _holdings(text)


def test_a_relative_clause_without_a_title_gives_none() -> None:
    assert _holdings("Ze sprak met Frans Timmermans, die de partij leidt en vaak in Brussel was.") == set()


def test_a_definite_title_for_a_foreign_holder_keeps_the_office_the_text_gave_them() -> None:
    # "de premier" after "de Japanse premier X" is X as Japan's premier, not the Dutch one.
    text = "De Japanse premier Aiko Tanaka opende woensdag de top. Volgens de premier is er haast geboden."
    assert _holdings(text) == {("aiko-tanaka", "premier-van-japan")}
    # Where the text named a holder of the office the bare title resolves to, that holder is meant.
    both = "Premier Dick Schoof sprak met de Japanse premier Aiko Tanaka. De premier keerde daarna terug naar Den Haag."
    assert ("dick-schoof", "minister-president-van-nederland") in _holdings(both)
    assert ("aiko-tanaka", "minister-president-van-nederland") not in _holdings(both)


def test_a_title_predicated_of_a_pronoun_is_the_person_it_means() -> None:
    text = "Sophie Wilmès leidde de regering. In de nieuwe regering wordt zij vicepremier en minister van Financiën."
    facts = _facts(text)
    holdings = [f for f in facts.facts if isinstance(f, OfficeHolding)]
    assert {(h.holder, h.office) for h in holdings} == {
        ("sophie-wilmes", "vicepremier-van-nederland"),
        ("sophie-wilmes", "minister-van-financien-nederland"),
    }
    # The evidence quotes the name the pronoun rests on, and the words that give the title.
    assert all(h.evidence[0].exact.startswith("Sophie Wilmès leidde") for h in holdings)
    # A pronoun of the other gender does not mean her.
    assert not _holdings("Sophie Wilmès leidde de regering. Hij wordt minister van Financiën.")


def test_words_that_describe_the_holder_stand_between_the_verb_and_the_title() -> None:
    text = "Anna Brouwer (PS) wordt de eerste vrouwelijke minister van Defensie."
    assert _holdings(text) == {("anna-brouwer", "minister-van-defensie-nederland")}


@pytest.mark.parametrize(
    "text,person",
    [
        ("Partijvoorzitter Tom Van Grieken stelt dat de regering geen meerderheid heeft.", "tom-van-grieken"),
        ("De ministers legden de eed af bij koning Filip in het Koninklijk Paleis.", "filip"),
    ],
)
def test_names_that_end_where_the_name_ends(text: str, person: str) -> None:
    assert _persons(text) == {person}
