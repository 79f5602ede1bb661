"""Confidence that means something: a monotone calibration, a reliability table, an ECE."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from navokg.cli import cli
from navokg.extract import extract
from navokg.extract.calibration import (
    Calibration,
    Judged,
    calibration_report,
    expected_calibration_error,
    fit_isotonic,
    half_of,
    load_calibration,
    reliability,
    write_calibration,
)
from navokg.sources.documents import read_document
from navokg.sources.entities import load_registry

from .conftest import REPO, SEED_DOCUMENTS


def _monotone(calibration: Calibration) -> None:
    grid = [i / 200 for i in range(201)]
    values = [calibration(x) for x in grid]
    assert all(a <= b + 1e-12 for a, b in itertools.pairwise(values)), values
    assert all(0.0 <= v <= 1.0 for v in values)


def test_the_shipped_calibration_never_falls_as_the_raw_score_rises() -> None:
    calibration = load_calibration()
    assert calibration.points, "navokg ships a fitted calibration (make calibrate)"
    _monotone(calibration)
    assert calibration.fitted_on["fit"]["facts"] > 0 and calibration.fitted_on["check"]["facts"] > 0


@pytest.mark.parametrize("seed", range(5))
def test_a_fit_is_monotone_even_on_noisy_data(seed: int) -> None:
    rng = random.Random(seed)
    judged = []
    for _ in range(300):
        raw = round(rng.random(), 2)
        judged.append(Judged(raw, rng.random() < 0.3 + 0.6 * raw))
    _monotone(fit_isotonic(judged))


def test_pool_adjacent_violators_pools_what_runs_backwards() -> None:
    # Raw 0.2 right, 0.4 wrong, 0.6 right twice: 0.2 and 0.4 pool to one step of half right.
    judged = [Judged(0.2, True), Judged(0.4, False), Judged(0.6, True), Judged(0.6, True)]
    fitted = fit_isotonic(judged, prior_weight=0.0)
    assert fitted.points == ((0.3, 0.5), (0.6, 1.0))
    assert fitted(0.1) == 0.5 and fitted(0.45) == pytest.approx(0.75) and fitted(0.9) == 1.0


def test_the_prior_keeps_a_few_right_answers_from_becoming_certainty() -> None:
    judged = [Judged(0.5, False), Judged(0.5, True), Judged(0.9, True), Judged(0.9, True)]
    assert 0.75 < fit_isotonic(judged)(0.9) < 1.0


def test_reliability_bins_and_ece() -> None:
    judged = [Judged(0.95, True)] * 9 + [Judged(0.95, False)] + [Judged(0.55, True), Judged(0.55, False)]
    table = reliability(judged)
    assert [(b.low, b.count) for b in table] == [(0.5, 2), (0.9, 10)]
    assert table[1].accuracy == 0.9 and table[0].accuracy == 0.5
    # |0.9 - 0.95| over 10 facts and |0.5 - 0.55| over 2, weighted by their share of the 12.
    assert expected_calibration_error(judged) == pytest.approx((10 * 0.05 + 2 * 0.05) / 12)


def test_a_calibrated_fit_checks_well_on_data_like_its_own() -> None:
    rng = random.Random(7)
    judged = [
        Judged(raw, rng.random() < 0.5 + 0.5 * raw, document=f"doc-{i}")
        for i in range(2000)
        for raw in [round(rng.random(), 2)]
    ]
    report = calibration_report(judged, refit=True)
    assert report.fit and report.check
    assert report.ece < report.ece_raw and report.ece < 0.05


def test_the_halves_are_fixed_by_the_document_id() -> None:
    ids = [p.stem for p in SEED_DOCUMENTS.glob("*.txt")] + [
        p.stem for p in (REPO / "benchmarks" / "devset" / "documents").glob("*.txt")
    ]
    halves = {doc_id: half_of(doc_id) for doc_id in ids}
    assert set(halves.values()) == {"fit", "check"}
    assert halves == {doc_id: half_of(doc_id) for doc_id in ids}


def test_the_extractor_sets_calibrated_confidence() -> None:
    document = read_document(SEED_DOCUMENTS / "004_44eb88ef367aefe1.txt")
    raw = extract(document, load_registry(), calibration=Calibration())
    calibrated = extract(document, load_registry())
    shipped = load_calibration()
    for before, after in zip(raw.facts, calibrated.facts, strict=True):
        assert before.confidence is not None and after.confidence is not None
        assert after.confidence == round(shipped(before.confidence), 3)


def test_evaluate_reports_the_reliability_table_and_ece(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, ["evaluate", "--set", "devset"], catch_exceptions=False)
    assert result.exit_code == 0
    text = result.output.split("calibration (", 1)[1]
    assert "confidence  facts  mean right" in text and "ECE " in text and "raw scores:" in text
    as_json = CliRunner().invoke(cli, ["evaluate", "--set", "devset", "--format", "json"], catch_exceptions=False)
    report = json.loads(as_json.output)[-1]["calibration"]
    assert report["bins"] and {"low", "high", "count", "mean_confidence", "accuracy"} <= set(report["bins"][0])
    assert sum(b["count"] for b in report["bins"]) == report["check"]["facts"]
    assert 0 <= report["check"]["ece"] <= 1


def test_refitting_writes_a_map_the_extractor_reads(tmp_path: Path) -> None:
    judged = [Judged(0.2, False), Judged(0.2, True), Judged(0.8, True), Judged(0.8, True)]
    target = write_calibration(fit_isotonic(judged), tmp_path / "calibration.json")
    points = json.loads(target.read_text("utf-8"))["points"]
    assert points and all(len(p) == 2 for p in points)
    load_calibration.cache_clear()  # the shipped one again for the next test
