"""The demo's hamlets: a list for every commune in the local style, typed the ways people do."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from rules.campaign import Campaign
from rules.evaluate import Report, evaluate
from rules.quota import Status
from rules.values.communes import CommuneDirectory
from rules.values.hamlets import HamletDirectory
from sync.demo.data import TAB_HAMLETS, demo_grids_and_stats
from sync.demo.hamlets import HamletGen
from sync.demo.names import province_communes

TODAY = date(2025, 11, 10)


@pytest.fixture(scope="module")
def demo() -> tuple[dict[str, list[list[object]]], Report]:
    grids, _ = demo_grids_and_stats(today=TODAY)
    directory = CommuneDirectory.for_province("Cần Thơ")
    return grids, evaluate(grids, Campaign(), directory, TODAY)  # type: ignore[arg-type]


def test_every_commune_lists_six_to_twelve_hamlets(
    demo: tuple[dict[str, list[list[object]]], Report],
) -> None:
    grids, _ = demo
    per_commune = Counter(str(row[0]) for row in grids[TAB_HAMLETS][1:])
    assert set(per_commune) == set(province_communes())
    assert all(6 <= n <= 12 for n in per_commune.values())


def test_local_style_names(demo: tuple[dict[str, list[list[object]]], Report]) -> None:
    grids, _ = demo
    rows = grids[TAB_HAMLETS][1:]
    kinds = {(str(c).split(" ")[0], str(h).split(" ")[0]) for c, h, _ in rows}
    assert {k for c, k in kinds if c == "Xã"} == {"Ấp"}  # ấp for xã
    assert {k for c, k in kinds if c == "Phường"} == {"Khu", "Khóm"}  # khu vực, khóm for phường
    names = {str(h) for _, h, _ in rows}
    assert any(n.endswith(" A") for n in names) and "Ấp 1" in names and "Khóm 2" in names


def test_the_list_reads_clean_and_some_hamlets_stay_unreached(
    demo: tuple[dict[str, list[list[object]]], Report],
) -> None:
    grids, report = demo
    assert not [i for i in report.issues if i.tab == TAB_HAMLETS]
    assert report.totals.hamlets_listed == len(grids[TAB_HAMLETS]) - 1
    assert 0.4 * report.totals.hamlets_listed < report.totals.hamlets_reached
    assert report.totals.hamlets_reached < 0.9 * report.totals.hamlets_listed
    assert Counter(h.status for h in report.hamlets)[Status.DONE] > 100
    unknown = [i for i in report.issues if i.code == "hamlet_unknown"]
    assert 0 < len(unknown) < 0.06 * report.totals.ambassadors
    assert not [i for i in report.issues if i.code == "hamlet_ambiguous"]


def test_every_variant_matches_its_hamlet() -> None:
    gen = HamletGen(11, blank_rate=0.0)
    for n, commune in enumerate(province_communes()):
        listing = gen.listing(commune, ward=commune.startswith("Phường"))
        directory = HamletDirectory((n, h.name) for h in listing.hamlets)
        for hamlet in listing.hamlets:
            for _ in range(6):
                typed = gen.variant(hamlet)
                found = directory.match(n, typed)
                assert found is not None and found.hamlet is not None, (typed, hamlet)
                assert found.hamlet.name == hamlet.name


def test_without_the_list_the_rows_are_the_same() -> None:
    listed, _ = demo_grids_and_stats(today=TODAY, ambassadors=300)
    unlisted, stats = demo_grids_and_stats(today=TODAY, ambassadors=300, hamlets=False)
    assert TAB_HAMLETS not in unlisted and stats.hamlets == 0
    assert {k: v for k, v in listed.items() if k != TAB_HAMLETS} == unlisted
