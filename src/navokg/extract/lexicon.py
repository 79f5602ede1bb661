"""Dutch word lists the extractor's rules are made of: titles, particles, verbs, places.

General-purpose lists written for Dutch political and news text, not lists of the
people or sentences of any document.  Given names live in ``data/firstnames.txt``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def _words(text: str) -> frozenset[str]:
    """A word list written as running text, one word per whitespace-separated token."""
    return frozenset(text.split())


__all__ = [
    "ANNOUNCE_VERBS",
    "APPOINTMENT_WORDS",
    "BEGUN",
    "CAPITALS",
    "COUNTING_NOUNS",
    "ENDED",
    "FUNCTION_WORDS",
    "GLUED_HEADS",
    "GOVERNMENT_WORDS",
    "LINKING_WORDS",
    "MODAL_VERBS",
    "NON_NAME_WORDS",
    "PARTICLES",
    "PARTY_KEYS",
    "PLACES",
    "PORTFOLIOS",
    "PRESENT_START_VERBS",
    "RANKS",
    "REPORTING_PARTICLES",
    "REPORTING_VERBS",
    "SITTING",
    "SPEECH_VERBS",
    "STARTING",
    "SUCCESSION_NOUNS",
    "TERM_MODIFIERS",
    "THEN",
    "TITLE_HEADS",
    "first_names",
    "given_name_genders",
]

# Lower-case name particles: "Jasper van Dijk", "Ursula von der Leyen", "Rob de Wijk".
PARTICLES = _words(
    """
    van de der den ter ten te het 't in op von zu vom la le du des da dos das di del della el al
    bin ibn ben d' ver vande
    """
)

# Capitalised at the start of a sentence without being a name (also never a surname alone).
FUNCTION_WORDS = _words(
    """
    De Het Een Dit Dat Deze Die Dan Daar Hier Er Nu Ook Zo Toch Wel Niet Nog Al Maar En Of Want
    Omdat Als Toen Terwijl Hoewel Nadat Voordat Zodra Sinds Tijdens Volgens Door Met Zonder Voor
    Na Naast Over Onder Boven Bij In Op Uit Aan Om Tot Van Vanaf Tegen Binnen Buiten Achter Langs
    Via Namens Ondanks Wegens Vanwege Zelfs Alleen Vooral Eerder Later Daarna Daarom Daardoor
    Daarmee Daarbij Daarnaast Daarvoor Bovendien Verder Vervolgens Uiteindelijk Ondertussen
    Intussen Tegelijk Tegelijkertijd Eerst Pas Inmiddels Opnieuw Nog Wie Wat Waar Waarom Hoe
    Wanneer Welke Welk Hij Zij Ze Wij We Ik Jij Je U Jullie Hun Hen Haar Zijn Mijn Ons Onze Uw Men
    Iedereen Niemand Niets Alles Veel Weinig Meer Minder Enkele Sommige Alle Beide Elk Elke Ieder
    Iedere Geen Ja Nee Misschien Waarschijnlijk Kortom Immers Echter Dus Wellicht Helaas Gelukkig
    Inderdaad Natuurlijk Tenslotte Ten Uiterlijk Ruim Bijna Circa Ongeveer Zeker Volgend Vorig
    Vorige Afgelopen Komend Komende Dit Vandaag Gisteren Morgen Eergisteren Zaterdag Zondag
    Maandag Dinsdag Woensdag Donderdag Vrijdag Januari Februari Maart April Mei Juni Juli Augustus
    September Oktober November December Lees Bekijk Meld Ontvang Foto Video Beeld Bron Update
    Opinie Analyse Interview Column Reactie Nieuw Nieuwe Oud Oude Grote Groot Klein Kleine Eerste
    Tweede Derde Laatste Vierde Extra Westerse Europese Internationale Nationale Militaire
    Politieke Zoals Oplopende Verhoging Tevreden Feestelijk
    """
)

# Capitalised words that belong to institutions, documents and events, never to a person.
NON_NAME_WORDS = _words(
    """
    Zaken Buitenlandse Binnenlandse Economische Algemene Sociale Defensie Financiën Justitie
    Veiligheid Handel Ontwikkelingssamenwerking Koninkrijksrelaties Werkgelegenheid Onderwijs
    Cultuur Wetenschap Volksgezondheid Welzijn Sport Infrastructuur Waterstaat Landbouw Natuur
    Voedselkwaliteit Klimaat Energie Asiel Migratie Kamer Kamers Raad Commissie Parlement Senaat
    Ministerie Kabinet Regering Staat Staten Rijk Rijksoverheid Huis Paleis Koninklijk Koninklijke Hof Bank Fonds Nota
    Voorjaarsnota Miljoenennota Najaarsnota Begroting Verdrag Akkoord Top Conferentie Conference
    Summit Fund Council Forum Partij Unie Verbond Republiek Koninkrijk Federatie Organisatie
    Strijdkrachten Krijgsmacht Landmacht Luchtmacht Marine Marechaussee Politie Universiteit
    Instituut Centrum Stichting Nieuws Nieuwsuur Journaal Krant Dagblad Radio Televisie Kerst
    Pasen Pinksteren Ramadan Oorlog Leopard Patriot Hawk Stinger Javelin Abrams Challenger Bradley
    Caesar Gepard Taurus Storm Shadow Himars Boeing Airbus Lockheed Damen Thales Rheinmetall
    Fighter Strike Joint Recovery Ukraine Nato Defence Ministry Office Prime Minister President
    Secretary General White Witte Donbas Krim Oost Noord Zuid West Midden Atlantische Oceaan Zee
    Noordzee Oostzee Europa Azië Afrika Amerika Brusselse Haagse Amsterdamse Rotterdamse Vlaamse
    Waalse Twitter Facebook Instagram Telegram Tiktok TikTok Google Microsoft Apple
    Meta Tesla Opzij Trouw Volkskrant NRC Telegraaf Parool AD Elsevier EW Nu NOS RTL BNR Reuters
    AFP ANP AP Bloomberg CNN BBC Handelingen Statenbrief Kamerbrief Kamervragen Motie Amendement
    Wet Wetsvoorstel Artikel America First Noor Noren Duitser Duitsers Fransman Fransen Brit
    Britten Amerikaan Amerikanen Rus Russen Oekraïner Oekraïners Belg Belgen Pool Polen Zweed
    Zweden Deen Denen Fin Finnen Italiaan Spanjaard Turk Turken Chinees Chinezen Nederlander
    Nederlanders Europeaan Europeanen Gazanen Israëliërs Palestijnen Iraniërs Syriërs Afghanen
    Koerden Tsjech Hongaar Grieken
    """
)

# Places a capitalised word may name (besides the registry's countries): capitals and large
# cities of Europe and the world, Dutch cities and regions, places in the news of wars.
PLACES = _words(
    """
    Amsterdam Rotterdam Den Haag Utrecht Eindhoven Groningen Tilburg Almere Breda Nijmegen Arnhem
    Haarlem Enschede Apeldoorn Amersfoort Zaanstad Zwolle Leiden Maastricht Dordrecht Leeuwarden
    Delft Deventer Alkmaar Venlo Helmond Hilversum Hengelo Emmen Assen Lelystad Middelburg Den
    Bosch Brabant Limburg Zeeland Friesland Drenthe Overijssel Gelderland Flevoland Holland
    Randstad Veluwe Schiphol Volkel Leeuwarden Woensdrecht Gilze-Rijen Eindhoven Peel Oirschot
    Havelte Ermelo Brussel Antwerpen Gent Luik Bergen Namen Leuven Brugge Berlijn Bonn Hamburg
    München Frankfurt Keulen Ramstein Parijs Lyon Marseille Straatsburg Londen Edinburgh Dublin
    Madrid Barcelona Lissabon Rome Milaan Napels Wenen Bern Genève Zürich Lugano Davos Praag
    Bratislava Boedapest Warschau Krakau Vilnius Riga Tallinn Helsinki Stockholm Oslo Kopenhagen
    Reykjavik Athene Ankara Istanboel Istanbul Sofia Boekarest Belgrado Zagreb Ljubljana Sarajevo
    Skopje Tirana Podgorica Pristina Chisinau Minsk Kiev Kyiv Kyjiv Kiëv Charkov Charkiv Kharkiv
    Odessa Odesa Lviv Lvov Dnipro Cherson Kherson Marioepol Mariupol Zaporizja Zaporizhzhia
    Donetsk Loehansk Luhansk Bachmoet Bakhmut Irpin Boetsja Bucha Kramatorsk Avdiivka Poltava
    Soemy Sumy Tsjernihiv Krim Sebastopol Moskou Sint-Petersburg Petersburg Wolgograd Koersk
    Belgorod Kaliningrad Washington Florida Texas Californië New York Chicago Boston Miami Alaska
    Virginia Pennsylvania Ohio Michigan Georgia Arizona Nevada Peking Beijing Shanghai Hongkong
    Taipei Tokio Tokyo Seoul Pyongyang Delhi Islamabad Kabul Teheran Bagdad Damascus Beiroet
    Jeruzalem Tel Aviv Gaza Rafah Amman Riyad Doha Dubai Caïro Tripoli Tunis Rabat Algiers Bamako
    Niamey Abuja Addis Abeba Mogadishu Khartoem Nairobi Kinshasa Goma Kaapstad Johannesburg
    Pretoria Ottawa Toronto Mexico-Stad Brasilia Buenos Aires Caracas Paramaribo Canberra Sydney
    Wellington Jakarta Bali Lohheide Munster Aken Europa Azië Afrika Amerika Oceanië Antarctica
    Scandinavië Balkan Baltische Kaukasus Donbas Midden-Oosten Sahel Noordpool Arctic Siberië
    Oekraïne Vlaanderen Wallonië Beieren Schotland Wales Ierland Engeland Catalonië Corsica
    Sicilië Sardinië Kreta Cyprus Malta Monaco Andorra Liechtenstein San Marino Vaticaan Groenland
    Curaçao Aruba Bonaire Sint-Maarten Saba Sint-Eustatius
    """
)

# Minister portfolios (department names), longest first when matching.
PORTFOLIOS = (
    "Buitenlandse Handel en Ontwikkelingssamenwerking",
    "Binnenlandse Zaken en Koninkrijksrelaties",
    "Onderwijs, Cultuur en Wetenschap",
    "Volksgezondheid, Welzijn en Sport",
    "Sociale Zaken en Werkgelegenheid",
    "Landbouw, Natuur en Voedselkwaliteit",
    "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Volkshuisvesting en Ruimtelijke Ordening",
    "Economische Zaken en Klimaat",
    "Klimaat en Groene Groei",
    "Infrastructuur en Waterstaat",
    "Justitie en Veiligheid",
    "Asiel en Migratie",
    "Buitenlandse Zaken",
    "Binnenlandse Zaken",
    "Economische Zaken",
    "Algemene Zaken",
    "Ontwikkelingssamenwerking",
    "Buitenlandse Handel",
    "Financiën",
    "Defensie",
    "Justitie",
    "Onderwijs",
    "Landbouw",
    "Klimaat en Energie",
    "Medische Zorg",
    "Rechtsbescherming",
    "Primair en Voortgezet Onderwijs",
    "Buitenlandse Handel en Ontwikkelingshulp",
    "Koninkrijksrelaties en Digitalisering",
    "Jeugd, Preventie en Sport",
    "Participatie en Integratie",
    "Toeslagen en Douane",
    "Cultuur en Media",
    "Langdurige Zorg",
    "Herstel Groningen",
    "Koninkrijksrelaties",
    "Ontwikkelingshulp",
    "Volkshuisvesting",
    "Digitalisering",
    "Asielzaken",
    "Fiscaliteit",
    "Migratie",
    "Asiel",
    "Infrastructuur en Milieu",
    "Veiligheid en Justitie",
    "Economische Zaken, Landbouw en Innovatie",
    "Verkeer en Waterstaat",
    "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer",
    "Landbouw, Natuurbeheer en Visserij",
    "Jeugd en Gezin",
    "Wonen en Rijksdienst",
    "Wonen, Wijken en Integratie",
    "Immigratie en Asiel",
    "Vreemdelingenzaken en Integratie",
    "Natuur en Stikstof",
    "Armoedebeleid, Participatie en Pensioenen",
    "Medische Zorg en Sport",
    "Europese Zaken",
    "Milieu",
    "Klimaat",
    "Energie",
    "Economie",
    "Volksgezondheid",
    "Gezondheid",
    "Werkgelegenheid",
    "Visserij",
    "Natuur",
    "Wonen",
    "Mobiliteit",
    "Vervoer",
    "Handel",
    "Integratie",
    "Cultuur",
    "Wetenschap",
    "Sport",
    "Armoedebeleid",
    "Pensioenen",
)

# Words that head an office title, lower case; the value is the canonical head.  Hyphenated
# organisation prefixes ("NAVO-chef", "BBB-Kamerlid", "PVV-leider") are split off first.
TITLE_HEADS: dict[str, str] = {
    "premier": "premier", "minister-president": "premier", "vicepremier": "vicepremier",
    "vice-premier": "vicepremier", "minister": "minister", "ministers": "minister",
    "staatssecretaris": "staatssecretaris", "staatssecretarissen": "staatssecretaris",
    "bewindsman": "minister", "bewindsvrouw": "minister", "president": "president",
    "vicepresident": "vicepresident", "vice-president": "vicepresident", "kanselier": "kanselier",
    "bondskanselier": "kanselier", "vicekanselier": "vicekanselier", "vice-kanselier": "vicekanselier",
    "koning": "koning", "koningin": "koningin",
    "secretaris-generaal": "secretaris-generaal", "onder-secretaris-generaal": "onder-secretaris-generaal",
    "plaatsvervangend secretaris-generaal": "plaatsvervangend secretaris-generaal",
    "chef": "secretaris-generaal", "topman": "secretaris-generaal", "baas": "secretaris-generaal",
    "commandant der strijdkrachten": "commandant der strijdkrachten", "commandant": "commandant",
    "opperbevelhebber": "commandant", "hoogleraar": "hoogleraar", "professor": "hoogleraar",
    "lector": "lector", "kamerlid": "kamerlid", "tweede kamerlid": "kamerlid",
    "tweede-kamerlid": "kamerlid", "eerste kamerlid": "eerste kamerlid", "senator": "eerste kamerlid",
    "europarlementariër": "europarlementariër", "europarlementslid": "europarlementariër",
    "burgemeester": "burgemeester", "gouverneur": "gouverneur", "commissaris van de koning":
    "commissaris van de koning", "ambassadeur": "ambassadeur", "gezant": "gezant",
    "speciale gezant": "speciale gezant", "voorzitter": "voorzitter", "kamervoorzitter": "voorzitter",
    "fractievoorzitter": "fractievoorzitter", "fractieleider": "fractievoorzitter",
    "partijleider": "partijleider", "leider": "partijleider", "lijsttrekker": "lijsttrekker",
    "partijvoorzitter": "partijvoorzitter", "informateur": "informateur", "formateur": "formateur",
    "eurocommissaris": "eurocommissaris", "commissaris": "eurocommissaris",
    "buitenlandminister": "minister van buitenlandse zaken",
    "defensieminister": "minister van defensie", "minister van buitenlandse zaken":
    "minister van buitenlandse zaken", "procureur-generaal": "procureur-generaal",
    "ombudsman": "ombudsman", "woordvoerder": "woordvoerder",
    "kamerleden": "kamerlid", "tweede-kamerleden": "kamerlid", "senatoren": "eerste kamerlid",
    "presidenten": "president", "premiers": "premier", "europarlementariërs": "europarlementariër",
    "commissievoorzitter": "voorzitter", "voorzitters": "voorzitter", "burgemeesters": "burgemeester",
    "wethouder": "wethouder", "gedeputeerde": "gedeputeerde", "directeur": "directeur",
    "directeur-generaal": "directeur-generaal", "hoge vertegenwoordiger": "hoge vertegenwoordiger",
    "speciaal vertegenwoordiger": "speciaal vertegenwoordiger", "vertegenwoordiger": "vertegenwoordiger",
    "luitenant-generaal": "generaal", "admiraal": "admiraal",
    "luitenant-admiraal": "admiraal", "vice-admiraal": "admiraal", "viceadmiraal": "admiraal",
    "secretaris van staat": "minister van buitenlandse zaken",
}  # fmt: skip

# Capitals that news writes for their government ("Berlijn trekt 20 miljoen euro uit",
# "Parijs 10 miljoen"): read as the country only where they give or receive, never after a
# preposition of place ("in Berlijn"). Brussels is left out: the EU's or Belgium's.
CAPITALS: dict[str, str] = {
    "Den Haag": "nederland", "Berlijn": "duitsland", "Parijs": "frankrijk", "Londen": "verenigd-koninkrijk",
    "Washington": "verenigde-staten", "Moskou": "rusland", "Kyiv": "oekraine", "Kiev": "oekraine",
    "Peking": "china", "Beijing": "china", "Tokio": "japan", "Rome": "italie", "Madrid": "spanje",
    "Ankara": "turkije", "Warschau": "polen", "Oslo": "noorwegen", "Stockholm": "zweden",
    "Kopenhagen": "denemarken", "Ottawa": "canada", "Wenen": "oostenrijk", "Bern": "zwitserland",
}  # fmt: skip

# Political parties among the gazetteer's organisations: "Jasper van Dijk (SP)" and "namens de
# VVD" make a member of parliament.
PARTY_KEYS = _words(
    """
    vvd pvv nieuw-sociaal-contract bbb cda d66 groenlinks-pvda groenlinks pvda sp christenunie sgp
    partij-voor-de-dieren volt ja21 denk forum-voor-democratie
    """
)

# Heads Dutch writes glued to a portfolio or body: "klimaatminister", "Commissievoorzitter".
GLUED_HEADS = frozenset({"minister", "staatssecretaris", "voorzitter", "eurocommissaris"})

# Heads whose lower-case field follows ("hoogleraar internationale betrekkingen").
FIELD_HEADS = frozenset({"hoogleraar", "professor", "lector"})
# Heads that are roles in an event or occupations, never offices.
NOT_OFFICES = frozenset({"woordvoerder"})
# Ranks and forms of address written before a name, at times with a capital ("Kolonel Jan de
# Vries"): no part of the name, and no office either.
RANKS = _words(
    """
    generaal brigadegeneraal generaal-majoor kolonel luitenant-kolonel majoor kapitein luitenant
    sergeant korporaal commodore dokter dominee pastoor pater imam rabbijn bisschop aartsbisschop
    kardinaal paus prins prinses sjeik emir ayatollah rechter advocaat officier mevrouw meneer mijnheer
    """
)

# What a word before a title says of the term, against the story's date (docs/annotations.md,
# "Office terms"): over by then ("oud-premier", "de voormalige minister"), not begun before it
# ("de aantredende premier"), begun by it ("de nieuwe premier"), held then ("demissionair",
# "scheidend"), or held at the time the sentence tells of, not the story's ("toenmalig").
ENDED, STARTING, BEGUN, SITTING, THEN = "ended", "starting", "begun", "sitting", "then"
TERM_MODIFIERS: dict[str, str] = {
    "oud-": ENDED, "ex-": ENDED, "voormalig": ENDED, "voormalige": ENDED, "gewezen": ENDED,
    "vorige": ENDED, "aantredend": STARTING, "aantredende": STARTING, "beoogd": STARTING,
    "beoogde": STARTING, "toekomstig": STARTING, "toekomstige": STARTING, "nieuw": BEGUN,
    "nieuwe": BEGUN, "kersvers": BEGUN, "kersverse": BEGUN, "demissionair": SITTING,
    "demissionaire": SITTING, "scheidend": SITTING, "scheidende": SITTING, "zittend": SITTING,
    "zittende": SITTING, "huidig": SITTING, "huidige": SITTING, "waarnemend": SITTING,
    "waarnemende": SITTING, "toenmalig": THEN, "toenmalige": THEN,
}  # fmt: skip

# Succession: the words that say who held an office before or after whom.
SUCCESSION_NOUNS = {"opvolger": "after", "opvolgster": "after", "voorganger": "before", "voorgangster": "before"}
# Verbs that say the term has not begun yet or begins now (present and future): "wordt
# premier", "treedt aan als"; their past forms say it has begun ("werd premier").
PRESENT_START_VERBS = re.compile(r"^(?:wordt|worden|begint|start|treedt|zal|gaat)\b", re.IGNORECASE)
# Verbs of appointment: the appointment precedes the term, so its date bounds the start.
APPOINTMENT_WORDS = re.compile(r"\b(?:benoemd|gekozen|aangesteld|voorgedragen)\b", re.IGNORECASE)
# Words that may stand between a verb of succession and its names: "Schoof volgt dinsdag
# Rutte op als premier", "Rutte wordt opgevolgd door Schoof", "Schoof zal Rutte opvolgen".
LINKING_WORDS = _words(
    """
    op over van als door de het heeft hebben had is zijn was wordt worden werd werden zal zullen gaat gaan
    per met ingang officieel formeel ook nu dan straks daarmee daarbij al inmiddels reeds
    """
)
# Verbs that wish, may or would: what follows is no fact ("wil Stoltenberg opvolgen").
MODAL_VERBS = _words(
    """
    wil wilde willen wilden zou zouden kan kon kunnen konden moet moest moeten moesten mag mocht
    mogen hoopt hoopte hopen lijkt leek dreigt overweegt
    """
)

# Verbs that report an utterance or a stated view, as they appear in Dutch text.
SPEECH_VERBS = _words(
    """
    zegt zei zeiden zeggen gezegd zegde aldus verklaart verklaarde verklaarden verklaard meldt
    meldde meldden gemeld stelt stelde stelden gesteld schrijft schreef schreven geschreven tweet
    tweette tweetten getweet twitterde waarschuwt waarschuwde waarschuwden gewaarschuwd benadrukt
    benadrukte benadrukten benadrukken noemt noemde noemden genoemd vindt vond vonden vinden denkt
    dacht meent meende ziet zag verwacht verwachtte verwachten hoopt hoopte gelooft geloofde
    vreest vreesde vermoedt vermoedde erkent erkende ontkent ontkende ontkenden ontkend antwoordt
    antwoordde antwoorden geantwoord reageert reageerde reageerden zegt belooft beloofde beloofd
    beloven kondigt kondigde kondigden aangekondigd onthult onthulde onthuld pleit pleitte
    pleitten bepleit roept riep vraagt vroeg vroegen gevraagd eist eiste geëist dreigt dreigde
    herhaalt herhaalde herhaald concludeert concludeerde bevestigt bevestigde bevestigd
    beklemtoont beklemtoonde onderstreept onderstreepte stelt wijst wees betoogt betoogde uit
    aangegeven geeft gaf laat liet voegt voegde toe verwijst verwees spreekt sprak uitgesproken
    maakte maakt bekend bekendgemaakt toegezegd zegde toe zeggen toe vertelt vertelde verteld
    opperde oppert suggereert suggereerde adviseert adviseerde beweert beweerde
    """
)
# Verbs that open reported content directly ("X zegt dat", "X vindt het ...").
SAYING_VERBS = _words(
    """
    zegt zei zeiden zegde verklaart verklaarde verklaarden meldt meldde meldden stelt stelde
    stelden schrijft schreef schreven tweet tweette waarschuwt waarschuwde waarschuwden benadrukt
    benadrukte benadrukten vindt vond vonden denkt dacht meent meende ziet verwacht verwachtte
    hoopt hoopte gelooft geloofde vreest vreesde vermoedt vermoedde erkent erkende ontkent
    ontkende antwoordt antwoordde belooft beloofde onthult onthulde bevestigt bevestigde
    beklemtoont beklemtoonde onderstreept onderstreepte betoogt betoogde concludeert concludeerde
    beweert beweerde suggereert suggereerde vertelt vertelde herhaalt herhaalde
    """
)
# Verbs that report an utterance or a view besides SAYING_VERBS ("X pleitte voor …", "X
# verwijt het kabinet dat …", "Dat …, verkondigen Amerikaanse presidenten"), and the one-word
# forms separable verbs take at the end of a subordinate clause ("nadat hij aankondigde").
REPORTING_VERBS = _words(
    """
    noemt noemde noemden pleit pleitte vraagt vroeg vroegen eist eiste verwijst verwees onthult
    onthulde herhaalt herhaalde antwoordt antwoordde verkondigt verkondigde verkondigen
    verkondigden verwijt verweet verweten bekritiseert bekritiseerde beschuldigt beschuldigde
    bepleit bepleitte adviseert adviseerde oppert opperde betreurt betreurde aankondigt
    aankondigde aankondigden bekendmaakt bekendmaakte toezegt toezegde
    """
)
_AAN = r"\baan(?=\s*(?:[,.;:]|$|dat\b|te\b|om\b|het\b))"
# "stelt … voor" proposes; "stelt … beschikbaar voor Oekraïne" does not: "voor" must end the clause.
_VOOR = r"\bvraag\b|\bvragen\b|\bvoor(?=\s*(?:[,.;:]|$|dat\b|te\b|om\b))"
# "sprak zich uit", "sprak over", and "sprak van een ‘krachtig signaal’" (what it was called).
# (quoted words are blanked where verbs are looked for: the quotation is a run of spaces).
_SPOKE = r"\b(?:uit|over)\b|\bvan\s+(?:een\s+|het\s+)?(?:[“\"‘„']|\s{2})"
# Verbs that report only with their particle or object, and the pattern of what must follow
# them in the clause ("maakt … bekend", "stelt … voor", not "stelt … beschikbaar voor Oekraïne").
REPORTING_PARTICLES: dict[str, str] = {
    "maakt": r"\bbekend\b", "maakte": r"\bbekend\b", "maakten": r"\bbekend\b",
    "laat": r"\bweten\b", "liet": r"\bweten\b", "spreekt": _SPOKE, "sprak": _SPOKE,
    "voegt": r"\btoe\b", "voegde": r"\btoe\b", "geeft": _AAN, "gaf": _AAN, "gaven": _AAN,
    "zegt": r"\btoe\b", "zegde": r"\btoe\b", "roept": r"\bop\b", "riep": r"\bop\b",
    "dringt": r"\baan\b", "drong": r"\baan\b", "wijst": r"\b(?:erop|op|af)(?=\s*(?:[,.;]|$|dat\b))",
    "kondigt": r"\baan\b", "kondigde": r"\baan\b", "kondigden": r"\baan\b",
    "stelt": _VOOR, "stelde": _VOOR,
    "stellen": r"\b(?:vraag|vragen)\b", "komt": r"\bterug\s+op\b",
    "merkt": r"\bop\b", "merkte": r"\bop\b", "merkten": r"\bop\b",
    "gaat": r"\bin\s+op\b", "ging": r"\bin\s+op\b", "gingen": r"\bin\s+op\b",
    "haalt": r"\buit\s+naar\b", "haalde": r"\buit\s+naar\b", "haalden": r"\buit\s+naar\b",
    "brengt": r"\b(?:in\s+herinnering|ter\s+sprake|naar\s+voren)\b",
    "bracht": r"\b(?:in\s+herinnering|ter\s+sprake|naar\s+voren)\b",
    "legt": r"\buit\b", "legde": r"\buit\b", "doet": r"\been\s+beroep\b", "deed": r"\been\s+beroep\b",
}  # fmt: skip
# The past and plural forms of the verbs above, with the same particles.
REPORTING_PARTICLES |= {
    form: REPORTING_PARTICLES[base]
    for base, forms in {
        "liet": ("lieten",), "sprak": ("spraken",), "voegde": ("voegden",), "zegde": ("zegden",),
        "riep": ("riepen",), "drong": ("drongen",), "wijst": ("wees", "wezen"), "stelde": ("stelden",),
        "legde": ("legden",), "deed": ("deden",), "bracht": ("brachten",),
    }.items()
    for form in forms
}  # fmt: skip

# Participles after "heeft/hebben/had" that report an utterance.
SPEECH_PARTICIPLES = _words(
    """
    gezegd verklaard gemeld gesteld geschreven getweet gewaarschuwd benadrukt genoemd beloofd
    aangekondigd onthuld gevraagd geëist herhaald bevestigd aangegeven laten weten toegezegd
    bekendgemaakt erkend ontkend geantwoord verteld betoogd gepleit uitgesproken
    """
)
# Verbs that attribute a quotation after it ("…", aldus X / zegt X / voegt X toe).
ATTRIBUTION_VERBS = _words(
    """
    zegt zei zeiden zegde aldus verklaart verklaarde meldt meldde schrijft schreef tweet tweette
    twitterde waarschuwt waarschuwde benadrukt benadrukte stelt stelde antwoordt antwoordde
    reageert reageerde voegt voegde vraagt vroeg roept riep concludeert concludeerde vertelt
    vertelde laat liet erkent erkende betoogt betoogde klinkt klonk verzucht verzuchtte lacht
    lachte aldus oordeelt oordeelde meent meende vindt vond denkt dacht
    """
)

# Announcement verbs (status announced) in a main clause that introduces "dat ...".
ANNOUNCE_VERBS = _words(
    """
    kondigt kondigde kondigden aangekondigd maakt maakte maakten bekend bekendgemaakt meldt meldde
    """
)

# The government speaking as a whole: "het kabinet" is the country.
GOVERNMENT_WORDS = re.compile(
    r"\b(?:het\s+(?:demissionaire\s+|nieuwe\s+|huidige\s+)?kabinet(?:-[A-Z][\w-]*(?:\s+[IVX]+)?)?"
    r"|[Dd]e\s+(?:Nederlandse\s+)?regering|[Dd]e\s+ministerraad|regeerprogramma|regeerakkoord|"
    r"coalitieakkoord|Voorjaarsnota|Miljoenennota|Najaarsnota|Kamerbrief|kabinetsbrief|"
    r"kabinet(?:-[A-Z][\w-]*(?:\s+[IVX]+)?)?)\b"
)

# Nouns counted in a text that are not things given ("3 jaar", "32 landen", "37 zetels").
COUNTING_NOUNS = _words(
    """
    jaar jaren maand maanden week weken dag dagen uur uren minuut minuten seconde seconden keer
    maal procent procentpunt zetels zetel stemmen stem landen land lidstaten leden lid miljoen
    miljard duizend honderd euro dollar mensen personen inwoners burgers doden gewonden
    slachtoffers militairen soldaten medewerkers ambtenaren kilometer km meter punten plaats
    plaatsen kamerleden parlementariërs senatoren deelnemers bezoekers journalisten
    """
)


@cache
def given_name_genders() -> dict[str, str]:
    """Given names of the sections of ``data/firstnames.txt`` marked men or women: "m" or "f"
    (names in both, and the sections marked neither, are left out)."""
    text = (resources.files("navokg.extract") / "data" / "firstnames.txt").read_text("utf-8")
    genders: dict[str, str] = {}
    mixed: set[str] = set()
    gender = ""
    for line in text.splitlines():
        if line.startswith("#"):
            header = line.lower()
            gender = "f" if "women" in header else "m" if re.search(r"\bmen\b", header) else ""
            continue
        if not gender:
            continue
        for word in line.split():
            if genders.get(word, gender) != gender:
                mixed.add(word)
            genders[word] = gender
    return {word: gender for word, gender in genders.items() if word not in mixed}


@cache
def first_names() -> frozenset[str]:
    """Given names (``data/firstnames.txt``), read once per process."""
    text = (resources.files("navokg.extract") / "data" / "firstnames.txt").read_text("utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())
