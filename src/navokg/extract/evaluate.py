"""How well the automatic extractor finds what curators found: precision, recall, F1.

Two truth sets: the seeds (``graph/documents`` with their curated annotations) and the
development set (``benchmarks/devset``: documents with front matter and gold files in
their own format).  Facts match by meaning, not by string: the same person (full name,
surname or spelling variant), the same holder and office (same office, or the same kind
of office where one side leaves the country or organisation open), the same speaker with
overlapping evidence, the same donor with the same amount or overlapping evidence.

Honesty rules: the extractor sees only the built-in gazetteer, never the project's
person registry (``graph/entities.yaml`` was curated from the seeds); gold entries
marked ``ambiguous`` (or whose note says "count only if") are neither misses when not
found nor false positives when found; persons named only inside a cabinet name
("kabinet-Rutte II") are not persons under the annotation policy.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from navokg.dutch.dates import TimeValue
from navokg.errors import UsageError
from navokg.extract import extract
from navokg.extract.calibration import (
    Calibration,
    CalibrationReport,
    Judged,
    calibration_json,
    calibration_report,
    calibration_text,
    write_calibration,
)
from navokg.extract.lexicon import GOVERNMENT_WORDS, TITLE_HEADS
from navokg.extract.offices import parse_title
from navokg.model import AidCommitment, DocumentFacts, Entity, EntityKind, OfficeHolding, Statement, with_successions
from navokg.sources.annotations import load_annotation, read_annotation_entities
from navokg.sources.documents import Document, read_document
from navokg.sources.entities import Registry, load_registry

__all__ = [
    "FACT_TYPES",
    "DateScore",
    "DocumentScore",
    "Evaluation",
    "Score",
    "evaluate_devset",
    "evaluate_seeds",
    "evaluate_sets",
    "evaluation_report",
    "run_evaluation",
]

FACT_TYPES = ("persons", "office_holdings", "statements", "aid_commitments")
# Evaluation reads the rules' raw scores; the calibration report maps them (navokg.extract.calibration).
RAW = Calibration()


@dataclass(frozen=True)
class Score:
    """Counts of one fact type: found and right, found but wrong, missed."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class DateScore:
    """Matched facts whose dates (at the precision written) agree with the truth."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def __add__(self, other: DateScore) -> DateScore:
        return DateScore(self.correct + other.correct, self.total + other.total)


@dataclass(frozen=True)
class DocumentScore:
    document: str
    scores: dict[str, Score]
    dates: DateScore
    # Every extracted fact with its raw confidence, right (a truth matched it) or not;
    # facts matched to truths marked ambiguous count neither way.
    judged: tuple[Judged, ...] = ()


@dataclass(frozen=True)
class Evaluation:
    """One truth set's result: per document and in total."""

    name: str
    documents: tuple[DocumentScore, ...]

    @property
    def totals(self) -> dict[str, Score]:
        total = {kind: Score() for kind in FACT_TYPES}
        for doc in self.documents:
            for kind, score in doc.scores.items():
                total[kind] = total[kind] + score
        return total

    @property
    def dates(self) -> DateScore:
        total = DateScore()
        for doc in self.documents:
            total = total + doc.dates
        return total

    @property
    def judged(self) -> list[Judged]:
        return [j for doc in self.documents for j in doc.judged]


# ---- a common shape for truth and extracted facts ------------------------------------


@dataclass
class _Item:
    """One fact (or person) in a comparable form."""

    kind: str
    names: tuple[tuple[str, ...], ...] = ()  # persons: names; holdings: holder; others: parties
    office: tuple[str | None, str, str | None] | None = None  # (key, head, post_in)
    recipient: tuple[str, ...] = ()
    amount: int | None = None
    spans: tuple[tuple[int, int], ...] = ()
    dates: tuple[str | None, ...] = ()
    ambiguous: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    confidence: float | None = None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^\w\s-]", " ", text.casefold()).split())


def _name_match(a: str, b: str) -> bool:
    """Two ways of writing a person's or party's name that mean the same bearer."""
    fa, fb = _fold(a), _fold(b)
    if not fa or not fb:
        return False
    if fa == fb or difflib.SequenceMatcher(None, fa, fb).ratio() >= 0.88:
        return True
    ta, tb = fa.split(), fb.split()
    last_a, last_b = ta[-1], tb[-1]
    if last_a != last_b and difflib.SequenceMatcher(None, last_a, last_b).ratio() < 0.85:
        return False
    if len(last_a) < 3:
        return False
    firsts_a = [t for t in ta[:-1] if t not in ("van", "de", "der", "den", "ter", "ten")]
    firsts_b = [t for t in tb[:-1] if t not in ("van", "de", "der", "den", "ter", "ten")]
    if not firsts_a or not firsts_b:
        return True
    return difflib.SequenceMatcher(None, firsts_a[0], firsts_b[0]).ratio() >= 0.7


def _names_match(a: Sequence[str], b: Sequence[str]) -> bool:
    return any(_name_match(x, y) for x in a for y in b)


def _overlap(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> bool:
    b = list(b)
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _date(value: TimeValue | None) -> str | None:
    if value is None:
        return None
    return value.lexical or "?"


def _head(label: str) -> str:
    title = parse_title(re.sub(r"\([^)]*\)", "", label).strip(), 0)
    if title is not None:
        if title.head == "lid" and "kamer" in label.casefold():
            return "kamerlid"
        return title.head
    words = _fold(label).split()
    for size in (3, 2, 1):
        head = " ".join(words[:size])
        if head in TITLE_HEADS:
            return TITLE_HEADS[head]
    return words[0] if words else ""


def _office(label: str, key: str | None, post_in: str | None, registry: Registry) -> tuple[str | None, str, str | None]:
    clean = re.sub(r"\([^)]*\)", "", label).strip()
    if key is None:
        found = registry.lookup(clean, (EntityKind.OFFICE,))
        if len(found) == 1:
            key, post_in = found[0].key, found[0].post_in
            if post_in is not None and (post_in not in registry or not _names(clean, registry.get(post_in))):
                # A gold "minister van Financiën" in a Belgian story says no country: the registry's
                # Dutch office of that name is not what it means, so its country is not judged.
                post_in = None
    if post_in is None:  # "Duitse minister van Buitenlandse Zaken", "minister van Financiën van België"
        post_in = next((c.key for c in registry.of_kind(EntityKind.COUNTRY) if _names(clean, c)), None)
    return key, _head(clean), post_in


def _names(text: str, entity: Entity) -> bool:
    """Whether a text names an entity, by a name or an adjective of it."""
    folded = _fold(text)
    words = (_fold(w) for w in (*entity.names, *entity.adjectives) if w)
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", folded) for w in words)


def _office_match(a: tuple[str | None, str, str | None], b: tuple[str | None, str, str | None]) -> bool:
    if a[0] is not None and a[0] == b[0]:
        return True
    if a[1] != b[1]:
        return False
    return a[2] is None or b[2] is None or a[2] == b[2]


def _match(truth: _Item, found: _Item) -> bool:
    if truth.kind == "persons":
        return _names_match(truth.names[0], found.names[0])
    if truth.kind == "office_holdings":
        assert truth.office is not None and found.office is not None
        return _names_match(truth.names[0], found.names[0]) and _office_match(truth.office, found.office)
    parties = any(_names_match(t, f) for t in truth.names for f in found.names)
    if truth.kind == "statements":
        return parties and _overlap(truth.spans, found.spans)
    if not parties:
        return False
    if truth.recipient and found.recipient and not _names_match(truth.recipient, found.recipient):
        return False
    if truth.amount is not None and found.amount is not None:
        return truth.amount == found.amount
    return _overlap(truth.spans, found.spans)


def _score(truths: list[_Item], found: list[_Item], kind: str) -> tuple[Score, DateScore, list[tuple[_Item, bool]]]:
    truths = [t for t in truths if t.kind == kind]
    found = [f for f in found if f.kind == kind]
    pairs: list[tuple[tuple[int, int, int], int, int]] = []
    for i, truth in enumerate(truths):
        for j, item in enumerate(found):
            if _match(truth, item):
                rank = (
                    int(not truth.ambiguous),
                    int(_overlap(truth.spans, item.spans)),
                    int(truth.dates == item.dates),
                )
                pairs.append((rank, i, j))
    pairs.sort(key=lambda p: (p[0], -p[1], -p[2]), reverse=True)
    used_t: set[int] = set()
    used_f: set[int] = set()
    ambiguous: set[int] = set()  # found facts matched to an ambiguous truth: neither right nor wrong
    tp = correct = dated = 0
    for _rank, i, j in pairs:
        if i in used_t or j in used_f:
            continue
        used_t.add(i)
        used_f.add(j)
        if truths[i].ambiguous:
            ambiguous.add(j)
            continue
        tp += 1
        if kind != "persons":
            dated += 1
            correct += int(truths[i].dates == found[j].dates)
    fn = sum(1 for i, t in enumerate(truths) if i not in used_t and not t.ambiguous)
    fp = sum(1 for j in range(len(found)) if j not in used_f)
    judged = [(item, j in used_f) for j, item in enumerate(found) if j not in ambiguous]
    return Score(tp, fp, fn), DateScore(correct, dated), judged


def _compare(document: str, truths: list[_Item], found: list[_Item]) -> DocumentScore:
    scores: dict[str, Score] = {}
    dates = DateScore()
    judged: list[Judged] = []
    for kind in FACT_TYPES:
        scores[kind], date_score, outcomes = _score(truths, found, kind)
        dates = dates + date_score
        judged += [
            Judged(item.confidence, right, kind, document) for item, right in outcomes if item.confidence is not None
        ]
    return DocumentScore(document, scores, dates, tuple(judged))


# ---- facts -> items ---------------------------------------------------------------------


def _names_of(key: str, facts: DocumentFacts, registry: Registry) -> tuple[str, ...]:
    for entity in facts.entities:
        if entity.key == key:
            return entity.names
    if key in registry:
        return registry.get(key).names
    return (key.replace("-", " "),)


def _office_of(key: str, facts: DocumentFacts, registry: Registry) -> tuple[str | None, str, str | None]:
    for entity in facts.entities:
        if entity.key == key:
            return key, _head(entity.label), entity.post_in
    entity = registry.get(key)
    return key, _head(entity.label), entity.post_in


def _as_built(facts: DocumentFacts) -> DocumentFacts:
    """A document's facts as the graph holds them, to be judged as a researcher meets them:
    with the other holder of each succession it reports (``with_successions``), except a
    holding the document already reports, which the build joins with it."""
    reported = {(f.holder, f.office) for f in facts.facts if isinstance(f, OfficeHolding)}
    added: list[OfficeHolding] = []
    for fact in with_successions(facts).facts[len(facts.facts) :]:
        assert isinstance(fact, OfficeHolding)
        if (fact.holder, fact.office) not in reported:
            reported.add((fact.holder, fact.office))
            added.append(fact)
    return replace(facts, facts=(*facts.facts, *added))


def _facts_items(
    facts: DocumentFacts, registry: Registry, holding_dates: Callable[[OfficeHolding], tuple[str | None, ...]]
) -> list[_Item]:
    facts = _as_built(facts)
    items: list[_Item] = []
    kinds: dict[str, EntityKind] = {e.key: e.kind for e in facts.entities}
    for key in facts.mentions:
        kind = kinds.get(key) or (registry.get(key).kind if key in registry else None)
        if kind is EntityKind.PERSON:
            items.append(_Item("persons", names=(_names_of(key, facts, registry),)))
    for fact in facts.facts:
        spans = tuple((e.start, e.end) for e in fact.evidence)
        if isinstance(fact, OfficeHolding):
            items.append(
                _Item(
                    "office_holdings",
                    names=(_names_of(fact.holder, facts, registry),),
                    office=_office_of(fact.office, facts, registry),
                    spans=spans,
                    dates=holding_dates(fact),
                    confidence=fact.confidence,
                )
            )
        elif isinstance(fact, Statement):
            items.append(
                _Item(
                    "statements",
                    names=tuple(_names_of(s, facts, registry) for s in fact.speakers),
                    spans=spans,
                    dates=(_date(fact.date),),
                    confidence=fact.confidence,
                )
            )
        elif isinstance(fact, AidCommitment):
            items.append(
                _Item(
                    "aid_commitments",
                    names=tuple(_names_of(d, facts, registry) for d in fact.donors),
                    recipient=_names_of(fact.recipient, facts, registry),
                    amount=int(fact.amount) if fact.amount is not None else None,
                    spans=spans,
                    dates=(_date(fact.date),),
                    confidence=fact.confidence,
                )
            )
    return items


def _seed_holding_dates(fact: OfficeHolding) -> tuple[str | None, ...]:
    return (_date(fact.start), _date(fact.end), _date(fact.attested))


def _resolved(value: TimeValue | None) -> str | None:
    return value.lexical if value is not None and value.resolved else None


def _dev_holding_dates(fact: OfficeHolding) -> tuple[str | None, ...]:
    return (_resolved(fact.start), _resolved(fact.end))


# ---- seeds -------------------------------------------------------------------------------


def evaluate_seeds(documents: Path, annotations: Path, entities: Path | None) -> Evaluation:
    """Score the extractor against the curated annotations of the seed documents."""
    truth_registry = load_registry(entities) if entities is not None and entities.exists() else load_registry()
    files = sorted(annotations.glob("*.yaml"))
    for entity in read_annotation_entities(files):
        truth_registry.add(entity)
    scores: list[DocumentScore] = []
    for path in files:
        doc_path = documents / f"{path.stem}.txt"
        if not doc_path.exists():
            continue
        document = read_document(doc_path)
        curated = load_annotation(path, document, truth_registry)
        truths = _facts_items(curated, truth_registry, _seed_holding_dates)
        extractor_registry = load_registry()  # gazetteer only: no persons curated from these seeds
        found = _facts_items(
            extract(document, extractor_registry, calibration=RAW), extractor_registry, _seed_holding_dates
        )
        scores.append(_compare(document.id, truths, found))
    return Evaluation("seeds", tuple(scores))


# ---- devset ------------------------------------------------------------------------------

_PAREN = re.compile(r"\s*\([^)]*\)")


def _gold_names(text: Any) -> list[str]:
    if not isinstance(text, str):
        return []
    return [n for n in (_PAREN.sub("", part).strip() for part in text.split(";")) if n]


def _party_names(name: str, registry: Registry) -> tuple[str, ...]:
    """A gold party ("Nederland (het kabinet)", "Oekraïense bevolking") as names to compare."""
    clean = _PAREN.sub("", name).strip()
    found = registry.lookup(clean)
    if len(found) == 1:
        return found[0].names
    if GOVERNMENT_WORDS.search(clean) or clean.casefold() in ("het kabinet", "kabinet"):
        return registry.get("nederland").names
    # A party the words outside parentheses name comes first: in "trustfund van de
    # Wereldbank (wederopbouw Sint Maarten)" the parenthesis is context, not the party.
    for text in (clean, name):
        for entity in registry.of_kind(EntityKind.COUNTRY, EntityKind.ORGANIZATION):
            for word in (*entity.names, *entity.adjectives):
                if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text):
                    return entity.names
    return (clean,)


def _gold_date(value: Any) -> str | None:
    if value is None:
        return None
    match = re.match(r"\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)", str(value))
    return match.group(1) if match else None


def _spans(body: str, *texts: Any) -> tuple[tuple[int, int], ...]:
    spans = []
    for text in texts:
        if isinstance(text, str) and text:
            start = body.find(text)
            if start >= 0:
                spans.append((start, start + len(text)))
    return tuple(spans)


def _ambiguous(entry: dict[str, Any]) -> bool:
    return bool(entry.get("ambiguous")) or "count only if" in str(entry.get("note", ""))


def _gold_items(document: Document, gold: dict[str, Any], registry: Registry) -> list[_Item]:
    body = document.body
    items: list[_Item] = []
    for person in gold.get("persons") or []:
        mentions = [str(m) for m in person.get("mentions") or []]
        if mentions and all(re.search(r"kabinet-", m) for m in mentions):
            continue  # only a cabinet's name: not a person under the annotation policy
        names = [
            str(person["name"]),
            *(
                m
                for m in mentions
                if re.fullmatch(
                    r"(?:[A-ZÀ-Þ][\w'’-]*|van|de|der|den|ter)(?:\s+(?:[A-ZÀ-Þ][\w'’-]*|van|de|der|den|ter))*",
                    m,
                )
            ),
        ]
        items.append(_Item("persons", names=(tuple(names),), ambiguous=_ambiguous(person)))
    for holding in gold.get("office_holdings") or []:
        items.append(
            _Item(
                "office_holdings",
                names=(tuple(_gold_names(holding.get("person"))),),
                office=_office(str(holding.get("office", "")), None, None, registry),
                spans=_spans(body, holding.get("evidence")),
                dates=(_gold_date(holding.get("start")), _gold_date(holding.get("end"))),
                ambiguous=_ambiguous(holding),
            )
        )
    for statement in gold.get("statements") or []:
        speakers = tuple((*_party_names(n, registry), n) for n in _gold_names(statement.get("speaker")))
        items.append(
            _Item(
                "statements",
                names=speakers,
                spans=_spans(body, statement.get("evidence"), statement.get("quote")),
                dates=(_gold_date(statement.get("date")),),
                ambiguous=_ambiguous(statement),
            )
        )
    for aid in gold.get("aid_commitments") or []:
        amount = aid.get("amount")
        items.append(
            _Item(
                "aid_commitments",
                names=tuple(_party_names(n, registry) for n in _gold_names(aid.get("donor"))),
                recipient=_party_names(str(aid.get("recipient") or ""), registry),
                amount=int(amount) if isinstance(amount, (int, float)) else None,
                spans=_spans(body, aid.get("evidence")),
                dates=(_gold_date(aid.get("date")),),
                ambiguous=_ambiguous(aid),
            )
        )
    return items


def evaluate_devset(devset: Path, name: str = "devset") -> Evaluation:
    """Score the extractor against a folder of texts and gold files in the development set's
    format (``documents/``, ``gold/``; benchmarks/devset/README.md)."""
    gold_dir, documents_dir = devset / "gold", devset / "documents"
    if not gold_dir.is_dir() or not documents_dir.is_dir():
        raise UsageError(f"{devset}: a devset needs documents/ and gold/ folders")
    scores: list[DocumentScore] = []
    for path in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text("utf-8"))
        document = read_document(documents_dir / str(gold.get("doc") or f"{path.stem}.txt"))
        registry = load_registry()
        truths = _gold_items(document, gold, registry)
        found = _facts_items(extract(document, registry, calibration=RAW), registry, _dev_holding_dates)
        scores.append(_compare(document.id, truths, found))
    return Evaluation(name, tuple(scores))


def evaluate_sets(names: Sequence[str], root: Path) -> list[Evaluation]:
    """The evaluations asked for ("seeds", "devset", "written", "blind-dev", "blind-held"), with paths
    relative to ``root``."""
    results: list[Evaluation] = []
    for name in names:
        if name == "seeds":
            graph = root / "graph"
            results.append(evaluate_seeds(graph / "documents", graph / "annotations", graph / "entities.yaml"))
        elif name in ("devset", "written"):
            results.append(evaluate_devset(root / "benchmarks" / name, name))
        elif name in ("blind-dev", "blind-held"):
            results.append(evaluate_devset(root / "benchmarks" / "blind" / name.split("-")[1], name))
        else:
            raise UsageError(f"unknown evaluation set '{name}'; use seeds, devset, written, blind or all")
    return results


def run_evaluation(
    names: Sequence[str], root: Path, *, calibrate: bool = False, truth: Path | None = None
) -> tuple[list[Evaluation], CalibrationReport]:
    """The evaluations asked for, and how well confidence is calibrated on them.

    ``truth`` is a researcher's own folder in the development set's format, evaluated
    instead of the named sets. ``calibrate`` fits the map anew on half of their documents
    and keeps it in the package, where the extractor reads it (``make calibrate``).
    """
    if truth is not None and calibrate:
        raise UsageError("--calibrate refits the shipped map on the project's own sets; leave out --truth")
    results = [evaluate_devset(truth, truth.name)] if truth is not None else evaluate_sets(names, root)
    names = [truth.name] if truth is not None else names
    report = calibration_report([j for ev in results for j in ev.judged], refit=calibrate, sets=names)
    if calibrate:
        write_calibration(report.calibration)
    return results, report


def evaluation_text(
    results: list[Evaluation], *, per_document: bool = False, calibration: CalibrationReport | None = None
) -> str:
    """Precision, recall and F1 per fact type of each truth set, as a table to read."""
    lines = []
    for ev in results:
        lines.append(f"{ev.name} ({len(ev.documents)} documents)")
        lines.append(f"  {'fact type':<17} {'P':>5} {'R':>5} {'F1':>5}   tp  fp  fn")
        for kind in FACT_TYPES:
            s = ev.totals[kind]
            lines.append(f"  {kind:<17} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}  {s.tp:3d} {s.fp:3d} {s.fn:3d}")
        lines.append(
            f"  {'date accuracy':<17} {ev.dates.accuracy:5.2f}  ({ev.dates.correct}/{ev.dates.total} matched facts)"
        )
        if per_document:
            for doc in ev.documents:
                counts = "  ".join(f"{k.split('_')[0]} {s.tp}/{s.fp}/{s.fn}" for k, s in doc.scores.items())
                lines.append(f"    {doc.document}: {counts}")
    if calibration is not None:
        lines += calibration_text(calibration)
    return "\n".join(lines) + "\n"


def evaluation_report(
    results: list[Evaluation], calibration: CalibrationReport, *, fmt: str = "table", per_document: bool = False
) -> str:
    """The evaluation and its calibration report, as a table to read (``fmt`` "table") or JSON."""
    if fmt == "json":
        return evaluation_json(results, calibration=calibration)
    return evaluation_text(results, per_document=per_document, calibration=calibration)


def evaluation_json(results: list[Evaluation], *, calibration: CalibrationReport | None = None) -> str:
    """The same figures as JSON: one object per truth set (and the calibration report, if given)."""
    data: list[dict[str, Any]] = [
        {
            "set": ev.name,
            **{
                kind: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp, "fn": s.fn}
                for kind, s in ev.totals.items()
            },
            "date_accuracy": ev.dates.accuracy,
            "dates": {"correct": ev.dates.correct, "total": ev.dates.total},
        }
        for ev in results
    ]
    if calibration is not None:
        data.append({"calibration": calibration_json(calibration)})
    return json.dumps(data, indent=2) + "\n"
