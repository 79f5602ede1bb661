"""The contract's vocabulary and IRI scheme: the only place navokg makes IRIs.

Terms are rdflib ``DefinedNamespace`` members with ``_fail = True``, so a misspelt
term fails at import time instead of minting a silent new IRI.  ``term()`` turns any
of them into the pyoxigraph ``NamedNode`` the store and serializers use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from urllib.parse import quote, unquote

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)

__all__ = [
    "CLAIM_LINKS",
    "DCTERMS",
    "DERIVED_GRAPH",
    "ENTITIES_GRAPH",
    "FACTS_GRAPH",
    "GRAPH_BASE",
    "ID_BASE",
    "ID_KINDS",
    "NKG",
    "OA",
    "ONTOLOGY_GRAPH",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RDF_FORMATS",
    "RDF_PREFIXES",
    "SCHEMA",
    "SH",
    "SKOS",
    "VALUE_LINKS",
    "XSD",
    "compact_iri",
    "doc_graph_iri",
    "doc_id_of",
    "doc_iri",
    "entity_iri",
    "expand_iri",
    "fact_iri",
    "fact_of_value",
    "slugify",
    "term",
]

NKG_BASE = "https://w3id.org/navokg/ontology#"
ID_BASE = "https://w3id.org/navokg/id/"
GRAPH_BASE = "https://w3id.org/navokg/graph/"
ENTITIES_GRAPH = GRAPH_BASE + "entities"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
# Facts about facts across documents: how many report each, which disagree.
DERIVED_GRAPH = GRAPH_BASE + "derived"
# The facts themselves, each once however many documents report it.
FACTS_GRAPH = GRAPH_BASE + "facts"

SCHEMA = SDO


class NKG(DefinedNamespace):
    """navokg ontology terms (ontology/navokg.ttl defines each of them)."""

    _NS = Namespace(NKG_BASE)
    _fail = True

    # classes
    Person: URIRef
    Office: URIRef
    OfficeHolding: URIRef
    Statement: URIRef
    AidCommitment: URIRef
    AidItem: URIRef
    Organization: URIRef
    Country: URIRef
    Document: URIRef
    Evidence: URIRef
    TimeValue: URIRef
    # properties of the contract
    postIn: URIRef
    holder: URIRef
    office: URIRef
    start: URIRef
    end: URIRef
    startValue: URIRef
    endValue: URIRef
    speaker: URIRef
    text: URIRef
    date: URIRef
    dateValue: URIRef
    donor: URIRef
    recipient: URIRef
    amount: URIRef
    currency: URIRef
    item: URIRef
    quantity: URIRef
    evidence: URIRef
    earliest: URIRef
    latest: URIRef
    asWritten: URIRef
    kind: URIRef
    status: URIRef
    attested: URIRef
    attestedValue: URIRef
    method: URIRef
    confidence: URIRef
    # extensions
    about: URIRef
    aidType: URIRef
    amountAsWritten: URIRef
    body: URIRef
    sha256: URIRef
    genre: URIRef
    reportCount: URIRef
    conflictsWith: URIRef
    conflictingProperty: URIRef
    matchKey: URIRef
    # office periods: one-sided bounds, durations, succession, seats
    startNotBeforeValue: URIRef
    startNotAfterValue: URIRef
    endNotBeforeValue: URIRef
    endNotAfterValue: URIRef
    Duration: URIRef
    durationValue: URIRef
    minDays: URIRef
    maxDays: URIRef
    Succession: URIRef
    successionValue: URIRef
    replaces: URIRef
    replacedBy: URIRef
    predecessor: URIRef
    seats: URIRef
    # the derived period of each holding
    PeriodSegment: URIRef
    startEarliest: URIRef
    startLatest: URIRef
    endEarliest: URIRef
    endLatest: URIRef
    period: URIRef
    periodFrom: URIRef
    periodDigest: URIRef
    periodUntil: URIRef
    openFrom: URIRef
    inYear: URIRef
    certainty: URIRef
    basis: URIRef
    restsOn: URIRef
    words: URIRef
    periodConflictWith: URIRef
    PeriodStretch: URIRef
    dates: URIRef
    claimRole: URIRef
    dateCount: URIRef
    firstEarliest: URIRef
    firstLatest: URIRef
    lastEarliest: URIRef
    lastLatest: URIRef
    stretch: URIRef
    stretchBasis: URIRef
    # the counted form of each aid commitment, for totals
    countedYear: URIRef
    countedStatus: URIRef
    countedType: URIRef
    # how much each person takes part in, for listings
    documentCount: URIRef
    factCount: URIRef


class OA(DefinedNamespace):
    """The W3C Web Annotation terms navokg uses for evidence."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    hasSource: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    SpecificResource: URIRef


# What an ``id:`` IRI names, by its first path segment: each has a prefix of its own, so
# that the names navokg prints parse where they are pasted ("person:mark-rutte"; the
# "/" of "id:person/mark-rutte" is not allowed in a SPARQL or Turtle prefixed name).
ID_KINDS = ("person", "organization", "country", "office", "doc", "holding", "statement", "aid")

# Prefixes for SPARQL and for reading output.  RDF serializations leave out ``id:`` and the
# kinds: Turtle would have to escape the "/" of deeper names ("id:person\\/mark-rutte").
PREFIXES: dict[str, str] = {
    "nkg": NKG_BASE,
    "id": ID_BASE,
    **{kind: f"{ID_BASE}{kind}/" for kind in ID_KINDS},
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "prov": str(PROV),
    "oa": str(OA),
    "org": str(ORG),
    "dcterms": str(DCTERMS),
    "schema": str(SDO),
    "sh": str(SH),
}


RDF_PREFIXES: dict[str, str] = {p: iri for p, iri in PREFIXES.items() if p != "id" and p not in ID_KINDS}

# Each dated property and the link to its value node (bounds and the words as written).
VALUE_LINKS: dict[str, str] = {
    str(NKG.start): str(NKG.startValue),
    str(NKG.end): str(NKG.endValue),
    str(NKG.date): str(NKG.dateValue),
}


# The RDF serializations navokg writes, by the names its commands and endpoint use.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

# Every dated claim a report can make about a fact, by role, and the link to its value node:
# the contract's start, end and date, a sighting ("attested"), and the one-sided bounds
# of a term ("oud-premier": its end is not after the story's date).
CLAIM_LINKS: dict[str, str] = {
    "start": str(NKG.startValue),
    "end": str(NKG.endValue),
    "attested": str(NKG.attestedValue),
    "date": str(NKG.dateValue),
    "start_not_before": str(NKG.startNotBeforeValue),
    "start_not_after": str(NKG.startNotAfterValue),
    "end_not_before": str(NKG.endNotBeforeValue),
    "end_not_after": str(NKG.endNotAfterValue),
}


# The local names of SPARQL 1.1 and Turtle prefixed names navokg writes: letters, digits,
# "_", "-", "." (not last) and %-escapes; anything else is written as a whole <IRI>.
_LOCAL_NAME = re.compile(r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:[A-Za-z0-9_.\-]|%[0-9A-Fa-f]{2})*(?<!\.)")


def compact_iri(iri: str) -> str:
    """An IRI as a person reads it and can paste back into a query: a prefixed name that
    parses (``person:mark-rutte``) where a prefix fits, else ``<iri>``."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def expand_iri(text: str) -> str:
    """A prefixed name (``person:mark-rutte``, or ``id:person/mark-rutte`` as earlier versions
    printed it) or an ``<iri>`` as a full IRI; anything else as given."""
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return text


@cache
def term(iri: str) -> ox.NamedNode:
    """Return the pyoxigraph node for an IRI (a vocabulary term or a minted id)."""
    return ox.NamedNode(str(iri))


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Make the ASCII slug of a name: "Dilan Yeşilgöz-Zegerius" -> "dilan-yesilgoz-zegerius".

    Slugs are the stable part of entity IRIs, so they depend on nothing but the text.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", folded.lower()).strip("-")
    return slug or "x"


@lru_cache(maxsize=65536)  # asked for every piece of evidence read, of a few thousand documents
def doc_iri(doc_id: str) -> str:
    """IRI of a document: ``id:doc/{id}``, percent-encoding what an IRI cannot hold."""
    return f"{ID_BASE}doc/{quote(doc_id, safe='-._~')}"


@lru_cache(maxsize=65536)
def doc_id_of(iri: str) -> str:
    """The document id an ``id:doc/{id}`` IRI names (the inverse of ``doc_iri``)."""
    return unquote(iri.rsplit("/", 1)[-1])


def fact_of_value(node: str) -> str:
    """The fact a dated claim's value node belongs to: its IRI is ``{fact}/{role}/{key}`` (build.rdf)."""
    return node.rsplit("/", 2)[0]


def doc_graph_iri(doc_id: str) -> str:
    """IRI of the named graph holding one document's facts."""
    return f"{GRAPH_BASE}doc/{quote(doc_id, safe='-._~')}"


def entity_iri(kind: str, key: str) -> str:
    """IRI of a reference entity: ``id:{kind}/{key}`` (person, office, organization, country)."""
    return f"{ID_BASE}{kind}/{key}"


def fact_iri(kind: str, key: str) -> str:
    """IRI of a fact or a node that belongs to one (holding, statement, aid, evidence)."""
    return f"{ID_BASE}{kind}/{key}"
