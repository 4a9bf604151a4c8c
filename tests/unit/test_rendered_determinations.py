"""Determinations kept as JSON text from the moment they are decided (issue 13, item 4): the
reports are byte-identical to those written from the objects, in one process, in worker
processes and for a batch; the spool keeps report order, survives a move to disk and a trip
to another process; and the checks of one good at a time (GOOD_CHECKS), which run partition
by partition, find what they find over the whole shipment."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roo_check.engine import evaluate
from roo_check.engine.flags import good_flags, shipment_flags, shipment_wide_flags
from roo_check.engine.flags.context import GoodContext, ShipmentContext
from roo_check.errors import RooCheckError
from roo_check.loaders import load_path
from roo_check.models.rendered import Rendered, Spool
from roo_check.reporters import DUMPING_FORMATS, RenderOptions, renderer, streamer
from roo_check.rulebook.flag_params import BATCH_CHECKS, CHECK_PARAMS, GOOD_CHECKS
from roo_check.rulebook.load import load_rulebook
from roo_check.run import check_paths
from tests.generated import generated_shipment

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.is_dir())
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 goods in three partitions, by the benchmark generator."""
    return generated_shipment(tmp_path_factory.mktemp("bench"), 600)


def _reports(rulebook, paths: list[Path], **options) -> dict[str, str]:
    objects = check_paths(paths, rulebook, None, TODAY, **options)
    text = check_paths(paths, rulebook, None, TODAY, render=True, **options)
    assert all(
        isinstance(next(iter(s.determinations)), Rendered)
        for s in text.shipments
        if s.determinations
    )
    return {
        fmt: (
            "".join(streamer(fmt)(text, RenderOptions())),
            renderer(fmt)(objects, RenderOptions()),
        )
        for fmt in sorted(DUMPING_FORMATS)
    }


@pytest.mark.parametrize("fmt", sorted(DUMPING_FORMATS))
def test_every_sample_reported_from_json_text_is_the_report_from_objects(rulebook, fmt) -> None:
    rendered, objects = _reports(rulebook, SAMPLES)[fmt]
    assert rendered == objects
    assert '"status": "originating"' in _reports(rulebook, SAMPLES)["json"][0]


def test_a_large_shipment_in_workers_reported_from_json_text_is_the_same(rulebook, large) -> None:
    for rendered, objects in _reports(rulebook, [large], jobs=2).values():
        assert rendered == objects


def test_a_batch_in_workers_carries_its_json_text_back(rulebook) -> None:
    for rendered, objects in _reports(rulebook, SAMPLES, jobs=2).values():
        assert rendered == objects


def test_a_set_is_put_in_its_place_among_the_goods(rulebook) -> None:
    """Sets are decided after their components, then reported in part-number order."""
    sets = [p for p in SAMPLES if "set" in p.name]
    assert sets, "a sample with a GRI 3 set"
    report = check_paths(sets, rulebook, None, TODAY, render=True)
    for shipment in report.shipments:
        parts = [d.model_dump()["good_part_number"] for d in shipment.determinations]
        assert parts == sorted(parts) and len(parts) == len(shipment.determinations)


# ------------------------------------------------------------------------------ the spool

keys = st.lists(st.text(alphabet="AB0123-", min_size=1, max_size=4), unique=True, max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    keys=keys,
    late=st.sets(st.integers(min_value=0, max_value=29)),
    size=st.sampled_from([0, 64, 10**6]),
)
def test_the_spool_gives_its_records_in_key_order(keys, late, size) -> None:
    """In order as added, the late ones merged by key; the same once on disk (``size`` 0)."""
    spool = Spool(in_memory=size)
    ordered = sorted(keys)
    for i, key in enumerate(ordered):
        text = f'{{"k":"{key}","i":{i}}}'
        (spool.add_late if i in late else spool.add)(key, text)
    expected = [{"k": k, "i": i} for i, k in enumerate(ordered)]
    assert len(spool) == len(ordered)
    assert [r.model_dump() for r in spool] == expected
    assert [r.model_dump() for r in pickle.loads(pickle.dumps(spool))] == expected


def test_a_spool_read_halfway_still_appends_at_its_end() -> None:
    spool = Spool(in_memory=0)
    spool.add("a", '"first"')
    spool.add("b", '"second"')
    next(iter(spool))
    spool.add("c", '"third"')
    assert [r.model_dump() for r in spool] == ["first", "second", "third"]


def test_text_no_utf8_encoder_takes_survives_the_spool() -> None:
    """A lone surrogate (an undecodable byte kept as such) and an integer beyond 64 bits."""
    spool = Spool(in_memory=0)
    spool.add("a", '{"x":"\\ud800","n":123456789012345678901234567890}')
    assert [r.model_dump() for r in spool] == [{"x": "\ud800", "n": 123456789012345678901234567890}]


# ----------------------------------------------------------------- checks by scope


def test_every_check_has_one_scope() -> None:
    assert set(CHECK_PARAMS) >= GOOD_CHECKS and set(CHECK_PARAMS) >= BATCH_CHECKS
    assert not GOOD_CHECKS & BATCH_CHECKS


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_good_checks_find_one_good_at_a_time_what_they_find_over_the_shipment(
    rulebook, sample: Path
) -> None:
    """Run over each good alone (the smallest partition), the good checks give exactly their
    findings over the whole shipment; the checks across it give theirs from the outcomes."""
    try:
        shipment = load_path(sample)
    except RooCheckError:  # a broken sample: nothing to decide
        pytest.skip("the sample does not load")
    result = evaluate.evaluate_shipment(shipment, rulebook, TODAY)
    transit = rulebook.chapter4.transit if rulebook.chapter4 else None
    whole = ShipmentContext.build(shipment, list(result.determinations), rulebook.parties, transit)
    each = [
        f
        for g in whole.goods
        for f in good_flags(
            ShipmentContext(shipment, [g], rulebook.parties, transit), rulebook, TODAY
        )
    ]
    slim = ShipmentContext(
        shipment,
        [GoodContext(g.good, g.materials, g.outcome) for g in whole.goods],
        rulebook.parties,
        transit,
    )
    across = shipment_wide_flags(slim, rulebook, TODAY)
    order = evaluate.finding_order
    assert sorted(each + across, key=order) == sorted(
        shipment_flags(whole, rulebook, TODAY), key=order
    )


def test_the_samples_raise_good_checks_and_checks_across_a_shipment(rulebook) -> None:
    """The comparison above is not empty: the samples raise checks of both scopes."""
    scopes = {rule.id: rule.check in GOOD_CHECKS for rule in rulebook.flags}
    raised = {
        scopes[f.rule_id]
        for f in check_paths(SAMPLES, rulebook, None, TODAY).shipments
        for f in f.findings
        if f.rule_id in scopes
    }
    assert raised == {True, False}
