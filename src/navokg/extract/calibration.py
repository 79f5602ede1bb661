"""Confidence that means something: the extractor's raw scores mapped to how often it is right.

The rules score each fact by how sure each of its parts is (docs/extractor.md); those
scores order facts well but are not frequencies.  ``navokg evaluate --calibrate`` fits a
monotone map from raw score to the share of facts found right at that score, on half of
the truth documents (split by a hash of their id), and checks it on the other half;
the map is kept in ``data/calibration.json`` and applied whenever the extractor sets a
confidence.  Refit it (``make calibrate``) whenever the rules change.

The fit is isotonic regression (pool adjacent violators) in plain Python: a step map
from raw score to accuracy that never decreases.  Each step's accuracy is pulled toward
the overall accuracy by a prior of ``PRIOR_WEIGHT`` facts, so that three right answers
in a row do not become a certainty of 1.0; the steps are then pooled again so that the
map stays monotone.  Between steps the map interpolates linearly, so that facts the
rules rank apart stay apart.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from navokg.files import replace_atomically

__all__ = [
    "BINS",
    "Bin",
    "Calibration",
    "CalibrationReport",
    "Judged",
    "calibration_json",
    "calibration_path",
    "calibration_report",
    "calibration_text",
    "expected_calibration_error",
    "fit_isotonic",
    "half_of",
    "load_calibration",
    "reliability",
    "write_calibration",
]

BINS = 10  # equal-width bins of confidence for the reliability table
PRIOR_WEIGHT = 2.0  # facts' worth of the overall accuracy added to each step of the fit


@dataclass(frozen=True)
class Judged:
    """One extracted fact as evaluation judged it: its confidence, whether a truth matched it."""

    confidence: float
    correct: bool
    kind: str = ""
    document: str = ""


@dataclass(frozen=True)
class Calibration:
    """A monotone map from raw confidence to calibrated confidence, by points to interpolate."""

    points: tuple[tuple[float, float], ...] = ()
    fitted_on: dict[str, Any] = field(default_factory=dict)

    def __call__(self, raw: float) -> float:
        """The calibrated confidence of a raw one; without points, the raw one."""
        if not self.points:
            return raw
        xs = [x for x, _ in self.points]
        if raw <= xs[0]:
            return self.points[0][1]
        if raw >= xs[-1]:
            return self.points[-1][1]
        i = bisect_right(xs, raw)
        (x0, y0), (x1, y1) = self.points[i - 1], self.points[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (raw - x0) / (x1 - x0)

    def as_json(self) -> dict[str, Any]:
        return {"method": "isotonic", "points": [list(p) for p in self.points], "fitted_on": self.fitted_on}


def calibration_path() -> Path:
    """Where the fitted map lives: a data file inside the package."""
    return Path(str(resources.files("navokg.extract") / "data" / "calibration.json"))


@cache
def load_calibration() -> Calibration:
    """The fitted map shipped with navokg; the identity if there is none."""
    path = calibration_path()
    if not path.exists():
        return Calibration()
    data = json.loads(path.read_text("utf-8"))
    return Calibration(tuple((float(x), float(y)) for x, y in data.get("points", [])), data.get("fitted_on", {}))


def write_calibration(calibration: Calibration, path: Path | None = None) -> Path:
    """Keep a fitted map (atomically), where the extractor reads it unless told otherwise."""
    target = path or calibration_path()
    text = json.dumps(calibration.as_json(), indent=2, ensure_ascii=False) + "\n"
    # One point a line: [raw, calibrated] reads better than four lines of brackets.
    text = re.sub(r"\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]", r"[\1, \2]", text)
    with replace_atomically(target) as handle:
        handle.write(text.encode("utf-8"))
    load_calibration.cache_clear()
    return target


def half_of(doc_id: str) -> str:
    """Which half a truth document belongs to, "fit" or "check": fixed by a hash of its id."""
    return "fit" if hashlib.sha256(doc_id.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def _pool(blocks: list[list[float]]) -> list[list[float]]:
    """Pool adjacent violators: blocks [x_sum, y_sum, weight], merged until means never decrease."""
    pooled: list[list[float]] = []
    for block in blocks:
        pooled.append(list(block))
        while len(pooled) > 1 and pooled[-2][1] / pooled[-2][2] > pooled[-1][1] / pooled[-1][2]:
            last = pooled.pop()
            pooled[-1] = [pooled[-1][0] + last[0], pooled[-1][1] + last[1], pooled[-1][2] + last[2]]
    return pooled


def fit_isotonic(judged: Sequence[Judged], *, prior_weight: float = PRIOR_WEIGHT) -> Calibration:
    """The monotone map from raw confidence to accuracy that fits the judged facts best.

    Each point is a step of the fit: the mean raw confidence of its facts and their
    accuracy, shrunk toward the overall accuracy by ``prior_weight`` facts.
    """
    if not judged:
        return Calibration()
    overall = sum(j.correct for j in judged) / len(judged)
    by_score: dict[float, list[float]] = {}
    for j in judged:
        block = by_score.setdefault(j.confidence, [0.0, 0.0, 0.0])
        block[0] += j.confidence
        block[1] += float(j.correct)
        block[2] += 1.0
    steps = _pool([by_score[x] for x in sorted(by_score)])
    # Shrink each step toward the overall accuracy, then pool again (weighted by its facts):
    # shrinking can reorder small steps, and the map must never fall as the raw score rises.
    shrunk = []
    for x_sum, y_sum, weight in steps:
        accuracy = (y_sum + prior_weight * overall) / (weight + prior_weight)
        shrunk.append([x_sum, accuracy * weight, weight])
    points = [(round(x / w, 4), round(y / w, 4)) for x, y, w in _pool(shrunk)]
    return Calibration(tuple(points))


@dataclass(frozen=True)
class Bin:
    """One row of a reliability table: the facts whose confidence falls in [low, high)."""

    low: float
    high: float
    count: int
    mean_confidence: float
    accuracy: float


def reliability(judged: Iterable[Judged], bins: int = BINS) -> list[Bin]:
    """The reliability table: per bin of confidence, how many facts and the share right."""
    rows: list[list[Judged]] = [[] for _ in range(bins)]
    for j in judged:
        rows[min(bins - 1, max(0, int(j.confidence * bins)))].append(j)
    table = []
    for i, members in enumerate(rows):
        if members:
            mean = sum(j.confidence for j in members) / len(members)
            accuracy = sum(j.correct for j in members) / len(members)
            table.append(Bin(i / bins, (i + 1) / bins, len(members), mean, accuracy))
    return table


def expected_calibration_error(judged: Sequence[Judged], bins: int = BINS) -> float:
    """ECE: the gap between confidence and accuracy per bin, weighted by the bin's share of facts."""
    if not judged:
        return 0.0
    return sum(b.count * abs(b.accuracy - b.mean_confidence) for b in reliability(judged, bins)) / len(judged)


THRESHOLDS = (0.9, 0.8, 0.7, 0.6, 0.5)


@dataclass(frozen=True)
class CalibrationReport:
    """How well a map calibrates: fitted on one half of the truth documents, checked on the other."""

    calibration: Calibration
    fit: tuple[Judged, ...]  # raw confidences, the half the map was fitted on
    check: tuple[Judged, ...]  # raw confidences, the half it is checked on
    refitted: bool = False

    def calibrated(self, judged: Iterable[Judged]) -> list[Judged]:
        return [Judged(round(self.calibration(j.confidence), 3), j.correct, j.kind, j.document) for j in judged]

    @property
    def table(self) -> list[Bin]:
        """The reliability table of the check half, confidence as the extractor sets it."""
        return reliability(self.calibrated(self.check))

    @property
    def ece(self) -> float:
        return expected_calibration_error(self.calibrated(self.check))

    @property
    def ece_raw(self) -> float:
        return expected_calibration_error(self.check)

    @property
    def ece_fit(self) -> float:
        return expected_calibration_error(self.calibrated(self.fit))

    def at_least(self) -> list[tuple[float, int, float]]:
        """For each threshold: how many checked facts reach it, and the share of them right."""
        checked = self.calibrated(self.check)
        rows = []
        for threshold in THRESHOLDS:
            above = [j for j in checked if j.confidence >= threshold]
            rows.append((threshold, len(above), sum(j.correct for j in above) / len(above) if above else 0.0))
        return rows


def _documents(judged: Iterable[Judged]) -> int:
    return len({j.document for j in judged})


def calibration_report(judged: Sequence[Judged], *, refit: bool = False, sets: Sequence[str] = ()) -> CalibrationReport:
    """Split the judged facts by document into halves; fit a map on one (if ``refit``) and check it on the other.

    Without ``refit`` the map checked is the one navokg ships, as the extractor applies it.
    """
    fit = tuple(j for j in judged if half_of(j.document) == "fit")
    check = tuple(j for j in judged if half_of(j.document) == "check")
    if not refit:
        return CalibrationReport(load_calibration(), fit, check)
    fitted = fit_isotonic(fit)
    report = CalibrationReport(fitted, fit, check, refitted=True)
    fitted_on = {
        "sets": list(sets),
        "fit": {"documents": _documents(fit), "facts": len(fit)},
        "check": {"documents": _documents(check), "facts": len(check)},
        "ece_check": round(report.ece, 4),
        "ece_check_raw": round(report.ece_raw, 4),
    }
    return CalibrationReport(Calibration(fitted.points, fitted_on), fit, check, refitted=True)


def calibration_text(report: CalibrationReport) -> list[str]:
    """The reliability table of the check half, the ECE, and the share right above each threshold."""
    checked = f"{_documents(report.check)} documents / {len(report.check)} facts"
    if report.refitted:
        fit = f"{_documents(report.fit)} documents / {len(report.fit)} facts"
        head = f"map just fitted on {fit}; checked on the other {checked}"
    else:
        fitted = report.calibration.fitted_on.get("fit", {})
        head = (
            f"shipped map, fitted on {fitted.get('documents', 0)} documents; checked on {checked} it was not fitted on"
        )
    lines = [
        f"calibration ({head})",
        f"  {'confidence':<11} {'facts':>5} {'mean':>5} {'right':>5}",
    ]
    for row in report.table:
        lines.append(
            f"  {row.low:.1f}-{row.high:.1f}     {row.count:5d} {row.mean_confidence:5.2f} {row.accuracy:5.2f}"
        )
    lines.append(f"  ECE {report.ece:.3f} (raw scores: {report.ece_raw:.3f}; on the fit half: {report.ece_fit:.3f})")
    for threshold, count, accuracy in report.at_least():
        if count:
            lines.append(f"  confidence >= {threshold:.1f}: {count} facts, {accuracy:.0%} right")
    return lines


def calibration_json(report: CalibrationReport) -> dict[str, Any]:
    return {
        "map": "fitted" if report.refitted else "shipped",
        "points": [list(p) for p in report.calibration.points],
        "fit": {"documents": _documents(report.fit), "facts": len(report.fit), "ece": report.ece_fit},
        "check": {"documents": _documents(report.check), "facts": len(report.check), "ece": report.ece,
                  "ece_raw": report.ece_raw},
        "bins": [vars(b) for b in report.table],
        "at_least": [{"confidence": t, "facts": n, "accuracy": a} for t, n, a in report.at_least()],
    }  # fmt: skip
