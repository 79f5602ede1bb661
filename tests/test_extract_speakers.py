"""Who said it: pronouns by gender, "volgens haar", descriptions, unnamed speakers.

Short Dutch texts written for these tests; the extractor sees only the gazetteer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from navokg.extract import extract
from navokg.model import Statement
from navokg.sources.documents import Document, DocumentMeta
from navokg.sources.entities import load_registry

REGISTRY = load_registry()


def _facts_of(text: str) -> tuple[object, ...]:
    return extract(Document("t", Path("t.txt"), text, DocumentMeta(published="2024-05-01")), REGISTRY).facts


def _statement_facts(text: str) -> list[Statement]:
    return [f for f in _facts_of(text) if isinstance(f, Statement)]


def _statements(text: str) -> list[tuple[tuple[str, ...], str]]:
    return [(f.speakers, f.kind.value) for f in _statement_facts(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # A pronoun means the last person of its gender.
        ("Kajsa Ollongren sprak met Mark Rutte. “Wij blijven steunen”, zei zij.", [(("kajsa-ollongren",), "direct")]),
        ("Mark Rutte sprak met Kajsa Ollongren. Hij zei dat de steun doorgaat.", [(("mark-rutte",), "indirect")]),
        ("Mark Rutte sprak met Kajsa Ollongren. Zij zei dat de steun doorgaat.", [(("kajsa-ollongren",), "indirect")]),
        # "volgens haar": the woman named before, not the country in the clause.
        (
            "Minister Hanke Bruins Slot sprak in Kyiv. Volgens haar probeert Rusland de steun te breken.",
            [(("hanke-bruins-slot",), "indirect")],
        ),
        # "de bewindsvrouw": the last minister or state secretary who is a woman.
        (
            "Minister Hanke Bruins Slot sprak met staatssecretaris Eric van der Burg. "
            "De bewindsvrouw zei dat Nederland blijft steunen.",
            [(("hanke-bruins-slot",), "indirect")],
        ),
        (
            "Minister Hanke Bruins Slot sprak met staatssecretaris Eric van der Burg. "
            "De bewindsman zei dat Nederland blijft steunen.",
            [(("eric-van-der-burg",), "indirect")],
        ),
        # An attribution to someone the text does not name is nobody's, not the last speaker's.
        ("Kajsa Ollongren bezocht Kyiv. “We hebben de steun hard nodig”, vertelde de president.", []),
        # The one spoken to is not the speaker.
        ("Frans Timmermans sprak in Brussel. „Het kan beter”, zei de partijleider tegen premier Mark Rutte.", []),
        (
            "Frans Timmermans sprak in Brussel. „Het kan beter”, zei Timmermans tegen premier Mark Rutte.",
            [(("frans-timmermans",), "direct")],
        ),
        # A surname of several words is the person named in full before.
        (
            "Staatssecretaris Eric van der Burg sprak met Mark Rutte. Rutte was positief. „Het kan beter”, zei Van der Burg.",
            [(("eric-van-der-burg",), "direct")],
        ),
        # ... but a title this text gave to a named person is that person.
        (
            "Minister Ruben Brekelmans bezocht Kyiv. “Wij gaan door”, zei de minister.",
            [(("ruben-brekelmans",), "direct")],
        ),
    ],
)
def test_speakers(text: str, expected: list[tuple[tuple[str, ...], str]]) -> None:
    assert _statements(text) == expected


@pytest.mark.parametrize(
    "text,speaker,words",
    [
        (
            "Het is van belang om de lidstaten te versterken, aldus minister Ruben Brekelmans.",
            "ruben-brekelmans",
            "Het is van belang om de lidstaten te versterken",
        ),
        ("Ook merkte minister Ruben Brekelmans op dat de steun doorgaat.", "ruben-brekelmans", "de steun doorgaat"),
        (
            "Oxfam Novib wijst erop dat de toezeggingen niet genoeg zijn.",
            "oxfam-novib",
            "de toezeggingen niet genoeg zijn",
        ),
        (
            "Bij de lunch bracht Kajsa Ollongren in herinnering dat de ontmoeting uniek is.",
            "kajsa-ollongren",
            "de ontmoeting uniek is",
        ),
        (
            "In haar toespraak ging Kajsa Ollongren in op de gevolgen van de oorlog.",
            "kajsa-ollongren",
            "In haar toespraak ging Kajsa Ollongren in op de gevolgen van de oorlog",
        ),
        # The words before a closing report are the statement, never the report itself.
        (
            "Nederland stuurt extra F-16's naar Oekraïne, zo maakte minister Kajsa Ollongren maandag bekend.",
            "kajsa-ollongren",
            "Nederland stuurt extra F-16's naar Oekraïne",
        ),
        (
            "Nederland stuurt extra F-16's naar Oekraïne. Dit maakte minister Kajsa Ollongren maandag bekend.",
            "kajsa-ollongren",
            "Nederland stuurt extra F-16's naar Oekraïne",
        ),
        (
            "Nederland stuurt extra F-16's naar Oekraïne. Minister Kajsa Ollongren maakte dat maandag bekend "
            "tijdens een bezoek aan Kyiv.",
            "kajsa-ollongren",
            "Nederland stuurt extra F-16's naar Oekraïne",
        ),
        # ... while a fronted reason is not what is said, and a "dat"-clause still is.
        (
            "Omdat de oorlog voortduurt, zegt Mark Rutte dat Nederland meer moet doen.",
            "mark-rutte",
            "Nederland meer moet doen",
        ),
    ],
)
def test_reporting_constructions(text: str, speaker: str, words: str) -> None:
    assert [(s.speakers, s.text) for s in _statement_facts(text)] == [((speaker,), words)]


@pytest.mark.parametrize(
    "text",
    [
        "Het gaat goed met Ruben Brekelmans, die in Kyiv was.",  # "gaat" without "in op"
        "Mark Rutte legde de stukken neer.",  # "legde" without "uit"
        "Kajsa Ollongren bracht de stukken naar Brussel.",
    ],
)
def test_not_reporting(text: str) -> None:
    assert _statements(text) == []


def test_a_body_in_a_place_phrase_is_not_the_speaker() -> None:
    text = "In de Tweede Kamer vroeg Kamerlid Rob Jetten (D66) om meer druk op Israël."
    assert _statements(text) == [(("rob-jetten",), "indirect")]
    # ... while a paper that says something still does.
    assert _statements("In de Voorjaarsnota staat dat de steun aan Oekraïne doorgaat.") == [
        (("nederland",), "indirect")
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        # "…, klonk het bij X": X said it, and a quotation after it is X's too.
        (
            "De steun gaat door, klonk het bij minister Ruben Brekelmans. „Daar is geen twijfel over.”",
            [(("ruben-brekelmans",), "indirect"), (("ruben-brekelmans",), "direct")],
        ),
        # What parentheses after the speaker say does not count against "aldus".
        (
            "Het gaat om 20 miljoen euro, aldus minister Ruben Brekelmans (Defensie, VVD) in de krant.",
            [(("ruben-brekelmans",), "indirect")],
        ),
        # A "dat"-clause as subject reports nothing; a recap puts its verb second.
        ("Dat Mark Rutte niet zei dat de steun doorgaat, verbaast de Kamer.", []),
        ("Dat het kabinet meer moet doen, zegt Mark Rutte.", [(("mark-rutte",), "indirect")]),
        # A reporting word after an article is a noun.
        ("Kajsa Ollongren kreeg het verwijt dat zij te laat was.", []),
        ("Mark Rutte verwijt het kabinet dat het te laat is.", [(("mark-rutte",), "indirect")]),
    ],
)
def test_attributions_and_what_is_no_report(text: str, expected: list[tuple[tuple[str, ...], str]]) -> None:
    assert _statements(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # A recap with two subjects: both speak, in one statement.
        (
            "De verkiezingen worden uitgesteld tot het voorjaar. Dat maakten Mark Rutte en Sigrid Kaag dinsdag bekend.",
            [(("mark-rutte", "sigrid-kaag"), "indirect")],
        ),
        (
            "Het kabinet trekt 200 miljoen euro uit voor de opvang. "
            "Dat maakten minister Kajsa Ollongren en staatssecretaris Eric van der Burg maandag bekend.",
            [(("kajsa-ollongren", "eric-van-der-burg"), "indirect")],
        ),
        # ... but the one spoken to does not speak, and a singular verb has one subject.
        (
            "De onderhandelingen liepen vast. Dat zei minister Sigrid Kaag tegen premier Mark Rutte.",
            [(("sigrid-kaag",), "indirect")],
        ),
        # A paper of someone's: the sentence before is that person's report.
        (
            "Nederland levert extra luchtafweer aan Oekraïne. "
            "Dat blijkt uit een brief van minister Kajsa Ollongren aan de Tweede Kamer.",
            [(("kajsa-ollongren",), "indirect")],
        ),
        (
            "Het tekort loopt op tot 3 procent. Dat staat in de Kamerbrief van minister Sigrid Kaag.",
            [(("sigrid-kaag",), "indirect")],
        ),
        # ... not a letter to someone, nor one that does not say it, nor figures, nor someone else's paper.
        ("Het tekort loopt op tot 3 procent. Dat blijkt uit een brief aan minister Sigrid Kaag.", []),
        ("Het tekort loopt op tot 3 procent. Dat blijkt niet uit de brief van minister Sigrid Kaag.", []),
        ("Het tekort loopt op tot 3 procent. Dat blijkt uit cijfers van minister Sigrid Kaag.", []),
        ("Het tekort loopt op tot 3 procent. Dat blijkt uit een brief van de advocaat van Sigrid Kaag.", []),
    ],
)
def test_recaps_with_several_speakers_or_a_paper(text: str, expected: list[tuple[tuple[str, ...], str]]) -> None:
    assert _statements(text) == expected


def test_a_verb_after_but_shares_the_subject_that_opens_the_sentence() -> None:
    text = (
        "Minister Hanke Bruins Slot sprak met haar Duitse collega Annalena Baerbock.\n\n"
        "Baerbock prees de Nederlandse steun, maar liet weten dat Duitsland eerst overlegt."
    )
    statements = [(s.speakers, s.text) for s in _facts_of(text) if isinstance(s, Statement)]
    assert statements == [(("annalena-baerbock",), "Duitsland eerst overlegt")]


@pytest.mark.parametrize(
    "text",
    [
        "De Franse president Emmanuel Macron sprak zich donderdag uit.",
        "Premier Dick Schoof reageerde direct.",
    ],
)
def test_a_report_that_says_nothing_is_no_statement(text: str) -> None:
    assert _statements(text) == []


def test_what_a_speaker_called_something_is_a_statement() -> None:
    text = "Minister Caspar Veldkamp van Buitenlandse Zaken sprak van een “historische stap”."
    assert _statements(text) == [(("caspar-veldkamp",), "indirect")]


def test_a_pronoun_after_a_quotation_does_not_mean_a_person_the_quotation_names() -> None:
    text = "Minister Eelco Heinen sprak in Brussel. “Ik heb Vincent gisteren gebeld”, zei hij."
    assert _statements(text) == [(("eelco-heinen",), "direct")]


def test_the_subject_that_opens_the_clause_asks_not_the_one_asked() -> None:
    text = (
        "Minister Marjolein Faber verdedigde de plannen.\n\n"
        "Kamerlid Jimmy Dijk (SP) vroeg de minister om haar plannen in te trekken."
    )
    assert [s.speakers for s in _facts_of(text) if isinstance(s, Statement)] == [("jimmy-dijk",)]


def test_a_that_clause_with_words_of_its_own_is_no_recap() -> None:
    # "Zij waarschuwde dat …" has its own content: the sentence before is nobody's statement.
    text = 'Namens D66 sprak Kamerlid Anne Wil. Zij waarschuwde dat zonder de wet "niemand meer slaapt".'
    texts = [s.text for s in _facts_of(text) if isinstance(s, Statement)]
    assert "Namens D66 sprak Kamerlid Anne Wil" not in texts
    assert texts


@pytest.mark.parametrize(
    "text,words",
    [
        # "dat" with a finite verb after it opens a clause, whatever the parser calls it.
        ("Senator Paul Rosenmöller vond dat er juist meer moet worden geïnvesteerd.", "meer moet worden geïnvesteerd"),
        # Past and plural forms of the particle verbs report as the present does.
        ("Minister Mona Keijzer sprak in Den Haag. Ze wees erop dat de wachtlijsten lang zijn.", "wachtlijsten"),
        ("Mona Keijzer en Fleur Agema riepen de inwoners op kalm te blijven.", "kalm te blijven"),
    ],
)
def test_more_reports(text: str, words: str) -> None:
    texts = [s.text for s in _facts_of(text) if isinstance(s, Statement)]
    assert any(words in t for t in texts), texts


def test_a_recap_followed_by_a_clause_of_its_own_is_still_a_recap() -> None:
    text = (
        "Nederland stopt de steun aan de organisatie. Minister Reinette Klever maakte dat zondag "
        "bekend na berichten dat medewerkers betrokken waren bij fraude."
    )
    texts = [s.text for s in _facts_of(text) if isinstance(s, Statement)]
    assert texts == ["Nederland stopt de steun aan de organisatie"]


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Een amendement van Pieter Omtzigt (NSC) haalde het niet.\n\n"
         "‘Dit is een gemiste kans’, zei de NSC-leider na afloop.", "pieter-omtzigt"),
        ("PVV-leider Geert Wilders en Lilian Marijnissen (SP) debatteerden. "
         "‘De huren moeten omlaag’, zei de SP-leider.", "lilian-marijnissen"),
        ("Namens de SGP sprak Chris Stoffer, Kees van der Staaij van de SGP zweeg. "
         "‘Wij steunen het voorstel’, zei de SGP-fractievoorzitter.", "kees-van-der-staaij"),
    ],
)  # fmt: skip
def test_a_party_title_without_a_name_is_the_last_person_named_with_that_party(text: str, speaker: str) -> None:
    quoted = [speakers for speakers, _ in _statements(text)]
    assert quoted == [(speaker,)]


@pytest.mark.parametrize(
    "text",
    [
        "Canada zegt 40 miljoen dollar toe aan het fonds.",
        "Ook Zweden zegde vorige week militaire steun toe: het land levert luchtafweer.",
        "De gezamenlijke donoren zegden in totaal 3 miljard euro toe.",
    ],
)
def test_pledging_a_thing_is_no_statement(text: str) -> None:
    assert _statements(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Minister Dick Schoof zegde toe dat de Kamer voor de zomer een brief krijgt.",
        "Minister Dick Schoof zegde toe de Kamer voor de zomer te informeren.",
    ],
)
def test_promising_words_is_a_statement(text: str) -> None:
    assert _statements(text) == [(("dick-schoof",), "indirect")]


@pytest.mark.parametrize("word", ["top", "gem", "dec", "min"])
def test_a_sentence_ending_in_a_word_dutch_also_abbreviates_still_ends(word: str) -> None:
    # The tokenizer keeps "top." whole (an abbreviation too); the next sentence's statement is
    # still its own, with its own evidence, and not lost in the sentence before it.
    text = f"Minister Jan Weber bezocht de {word}. De minister zei dat er haast geboden is."
    statements = _statement_facts(text)
    assert [(s.speakers, s.evidence[0].exact) for s in statements] == [
        (("jan-weber",), "De minister zei dat er haast geboden is.")
    ]


@pytest.mark.parametrize("title", ["Mw.", "dhr.", "Prof.", "Adm."])
def test_an_abbreviated_title_before_a_name_does_not_end_the_sentence(title: str) -> None:
    text = f"Het debat duurde lang. {title} Anna Smit zei dat er haast geboden is."
    evidence = [f.evidence[0].exact for f in _statement_facts(text)]
    assert evidence == [f"{title} Anna Smit zei dat er haast geboden is."]
