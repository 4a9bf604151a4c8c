"""roo-check diff's comparison, over reports drawn at random: a report against itself differs
in nothing; the two directions of a comparison mirror each other (a good worse one way is
better the other way); a status that falls is always worse."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from roo_check.compare import compare_reports
from roo_check.models.findings import Status
from roo_check.models.report_view import Change, ReportView

STATUSES = [s.value for s in Status]
RANK = {"not-originating": 0, "cannot-decide": 1, "originating": 2}


def _report(goods: dict[str, str], flags: dict[str, str]) -> ReportView:
    return ReportView.model_validate(
        {
            "tool": "roo-check",
            "version": "0.1.0",
            "ruleset_hash": "0" * 64,
            "shipments": [
                {
                    "name": "s",
                    "determinations": [
                        {"good_part_number": part, "status": status}
                        for part, status in sorted(goods.items())
                    ],
                    "findings": [
                        {
                            "rule_id": "CN001",
                            "kind": "flag",
                            "severity": severity,
                            "good_part_number": part,
                            "subject": f"good {part}",
                            "message": "m",
                        }
                        for part, severity in sorted(flags.items())
                        if part in goods
                    ],
                }
            ],
        }
    )


parts = st.sampled_from(["A", "B", "C", "D"])
goods = st.dictionaries(parts, st.sampled_from(STATUSES), min_size=1)
flags = st.dictionaries(parts, st.sampled_from(["info", "warning", "error"]))


def _compare(old: ReportView, new: ReportView):
    return compare_reports(old, new, old_name="old", new_name="new", fail_on="warning")


@settings(max_examples=200, deadline=None)
@given(goods=goods, flags=flags)
def test_a_report_against_itself_differs_in_nothing(goods, flags) -> None:
    report = _report(goods, flags)
    comparison = _compare(report, report)
    assert comparison.changes == [] and not comparison.worse
    assert comparison.goods_compared == len(goods)


@settings(max_examples=300, deadline=None)
@given(old=goods, new=goods)
def test_status_changes_mirror_each_other(old, new) -> None:
    forward = {c.good: c.change for c in _compare(_report(old, {}), _report(new, {})).changes}
    back = {c.good: c.change for c in _compare(_report(new, {}), _report(old, {})).changes}
    mirror = {
        Change.worse: Change.better,
        Change.better: Change.worse,
        Change.added: Change.removed,
        Change.removed: Change.added,
    }
    assert back == {good: mirror[change] for good, change in forward.items()}
    for good in set(old) & set(new):
        fell = RANK[new[good]] < RANK[old[good]]
        assert (forward.get(good) is Change.worse) == fell


@settings(max_examples=200, deadline=None)
@given(goods=goods, old=flags, new=flags)
def test_a_new_failing_flag_is_worse_and_a_lowered_one_better(goods, old, new) -> None:
    changes = {c.good: c.change for c in _compare(_report(goods, old), _report(goods, new)).changes}
    for good in goods:
        before, after = old.get(good), new.get(good)
        fails_before = before in ("warning", "error")
        fails_after = after in ("warning", "error")
        if fails_after and not fails_before:
            assert changes[good] is Change.worse
        elif fails_before and not fails_after:
            assert changes[good] is Change.better
        elif before == after:
            assert good not in changes


# ------------------------------------------------------------------------------ rules diff


def _rulebook():
    from roo_check.rulebook.load import load_rulebook

    return load_rulebook()


@settings(max_examples=25, deadline=None)
@given(day=st.dates(min_value=dt.date(2020, 7, 1), max_value=dt.date(2035, 12, 31)))
def test_a_rule_set_on_one_date_against_itself_differs_in_nothing(day) -> None:
    from roo_check.rulebook.compare import compare_rulebooks

    rulebook = _rulebook()
    assert compare_rulebooks(rulebook, rulebook, day, day) == []


def test_the_two_directions_of_a_date_diff_mirror_each_other() -> None:
    from roo_check.models.report_view import RuleChangeKind
    from roo_check.rulebook.compare import compare_rulebooks

    rulebook = _rulebook()
    a, b = dt.date(2026, 12, 31), dt.date(2027, 7, 1)
    forward = {(c.kind, c.id): c for c in compare_rulebooks(rulebook, rulebook, a, b)}
    back = {(c.kind, c.id): c for c in compare_rulebooks(rulebook, rulebook, b, a)}
    assert forward.keys() == back.keys() and forward
    swap = {
        RuleChangeKind.added: RuleChangeKind.removed,
        RuleChangeKind.removed: RuleChangeKind.added,
    }
    for key, change in forward.items():
        assert back[key].change is swap.get(change.change, change.change)
        assert (back[key].old, back[key].new) == (change.new, change.old)
