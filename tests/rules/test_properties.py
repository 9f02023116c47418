"""Property tests (hypothesis) for the pure rules: normalisation, phones, communes, evaluate."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules.contract import ENTRY_TABS, map_headers
from rules.evaluate import LayoutProblem, evaluate
from rules.summary import build_tables, report_json
from rules.values.communes import Commune
from rules.values.phones import normalize_phone
from rules.values.text import fold, normalize_text
from tests.builders import CAMPAIGN, TODAY, can_tho

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DIRECTORY = can_tho()
VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
vi_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " \t\n\u00a0.,:-/0123456789"),
    max_size=30,
)
any_text = st.one_of(vi_text, st.text(max_size=30))


# --- text ------------------------------------------------------------------------------


@FAST
@given(any_text)
def test_normalize_text_is_idempotent(value: str) -> None:
    once = normalize_text(value)
    assert normalize_text(once) == once
    assert once == once.strip()
    assert "  " not in once


@FAST
@given(vi_text)
def test_normalize_text_makes_nfd_and_nfc_equal(value: str) -> None:
    assert normalize_text(unicodedata.normalize("NFD", value)) == normalize_text(value)


@FAST
@given(any_text)
def test_fold_is_idempotent(value: str) -> None:
    once = fold(value)
    assert fold(once) == once


@FAST
@given(vi_text)
def test_fold_of_vietnamese_is_plain_ascii(value: str) -> None:
    folded = fold(value)
    assert folded.isascii()
    assert folded == folded.lower()
    assert fold(value.upper()) == folded
    assert fold(unicodedata.normalize("NFD", value)) == folded


# --- phones ----------------------------------------------------------------------------

PREFIXES = [
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "070",
    "076",
    "077",
    "078",
    "079",
    "081",
    "082",
    "083",
    "084",
    "085",
    "086",
    "088",
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
    "056",
    "058",
]
mobiles = st.builds(
    lambda p, rest: p + rest,
    st.sampled_from(PREFIXES),
    st.text(alphabet="0123456789", min_size=7, max_size=7),
)


def _groups(n: str, sep: str) -> str:
    return sep.join([n[:4], n[4:7], n[7:]])


FORMATS = [
    lambda n: n,
    lambda n: _groups(n, " "),
    lambda n: _groups(n, "."),
    lambda n: _groups(n, "-"),
    lambda n: " " + _groups(n, " ") + " ",
    lambda n: "+84 " + " ".join([n[1:4], n[4:7], n[7:]]),
    lambda n: "+84" + n[1:],
    lambda n: "84" + n[1:],
    lambda n: "(+84) " + n[1:],
    lambda n: "0084 " + n[1:],
    lambda n: int(n[1:]),  # lost its leading zero
    lambda n: float(int(n[1:])),
]


@FAST
@given(mobiles, st.sampled_from(range(len(FORMATS))))
def test_any_accepted_form_of_a_valid_mobile_normalises_to_it(number: str, fmt: int) -> None:
    result = normalize_phone(FORMATS[fmt](number))
    assert result.error is None
    assert result.warning is None
    assert result.number == number


@FAST
@given(
    st.one_of(
        any_text,
        mobiles,
        st.text(alphabet="0123456789 .+-()", max_size=16),
        st.integers(min_value=-(10**13), max_value=10**13),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.none(),
    ),
    st.booleans(),
)
def test_normalising_a_phone_twice_changes_nothing(value: object, landline: bool) -> None:
    result = normalize_phone(value, allow_landline=landline)
    if result.number is None:
        assert result.error is not None
        return
    assert result.error is None
    assert result.number.isdigit() and result.number.startswith("0")
    again = normalize_phone(result.number, allow_landline=landline)
    assert again.number == result.number
    assert again.error is None and again.warning is None


# --- communes --------------------------------------------------------------------------

PREFIX_FORMS = {
    "phường": ["Phường ", "P. ", "P.", "p ", "P ", "phuong "],
    "xã": ["Xã ", "X. ", "X.", "x ", "xa ", "XÃ "],
}


def _strip_accent(ch: str) -> str:
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    return "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")


@st.composite
def commune_variants(draw: st.DrawFn) -> tuple[Commune, str]:
    commune = draw(st.sampled_from(DIRECTORY.communes))
    prefix = draw(st.one_of(st.just(None), st.sampled_from(PREFIX_FORMS[commune.kind])))
    text = commune.base if prefix is None else prefix + commune.base
    if prefix is None and draw(st.booleans()):
        text = commune.name  # the official name, prefix included
    strip = draw(st.sampled_from(["none", "all", "some"]))
    case = draw(st.sampled_from(["keep", "lower", "upper", "some"]))
    # Accents are dropped per syllable (all of a syllable's marks or none): a syllable typed
    # with only part of its marks is a separate question (see test_rules_communes).
    words = []
    for word in text.split(" "):
        if strip == "all" or (strip == "some" and draw(st.booleans())):
            word = "".join(_strip_accent(ch) for ch in word)
        chars = []
        for ch in word:
            if case == "lower" or (case == "some" and draw(st.booleans())):
                ch = ch.lower()
            elif case == "upper":
                ch = ch.upper()
            chars.append(ch)
        words.append("".join(chars))
    text = " ".join(words)
    if draw(st.booleans()):
        text = text.replace(" ", draw(st.sampled_from(["  ", "\u00a0", " \t", "   "])))
    text = (
        draw(st.sampled_from(["", " ", "\u00a0"])) + text + draw(st.sampled_from(["", " ", "\t"]))
    )
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return commune, text


@settings(SLOW, max_examples=300)
@given(commune_variants())
def test_accent_case_prefix_and_space_variants_resolve_to_the_commune(
    case: tuple[Commune, str],
) -> None:
    commune, typed = case
    found = DIRECTORY.resolve(typed)
    assert found.error is None, (typed, found)
    assert found.commune == commune


# --- evaluate never crashes ----------------------------------------------------------------

CELLS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "",
            "  ",
            "T01",
            "t01",
            " T02 ",
            "T09",
            "Ninh Kiều",
            "p ninh kieu",
            "Phường Sài Gòn",
            "Tan Thanh",
            "Vị Thanh 1",
            "Xã Ninh Kiều",
            "Phương Bình",
            "0912 345 678",
            "+84 912 345 678",
            "01681234567",
            "0292 3812 345",
            "0112345678",
            "abc",
            "25/10/2025",
            "10/25/2025",
            "31/02/2025",
            "2025-11-01",
            "1990",
            "15/03/1990",
            "Tổ trưởng",
            "Tổ phó",
            "Thành viên",
            "leader",
            "Nam",
            "Nữ",
            "x@y.vn",
            "not-an-email",
            "1.000",
            "2,5",
            "-3",
            "0",
            "=SUM(A1)",
            "Ấp 1",
            "\u00a0",
        ]
    ),
    st.integers(min_value=-5, max_value=10**10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.text(max_size=8),
)


@st.composite
def tab_grid(draw: st.DrawFn, spec) -> list[list[object]]:  # type: ignore[no-untyped-def]
    names = []
    broken = draw(st.integers(min_value=0, max_value=9)) == 0  # now and then a required column goes
    for column in spec.columns:
        options = ["vi", "en", "drop"] if broken or not column.required else ["vi", "en"]
        choice = draw(st.sampled_from(options))
        if choice == "vi":
            names.append(column.vi)
        elif choice == "en":
            names.append(column.en)
    names += draw(
        st.lists(st.sampled_from(["STT", "Ghi chú thêm", "", "Mã tổ", "Extra"]), max_size=2)
    )
    names = draw(st.permutations(names))
    width = len(names)
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 1), max_size=6))
    blank = draw(st.integers(min_value=0, max_value=2))
    return [[] for _ in range(blank)] + [list(names)] + rows


@st.composite
def workbooks(draw: st.DrawFn) -> dict[str, list[list[object]]]:
    grids = {}
    for spec in ENTRY_TABS:
        if draw(st.integers(min_value=0, max_value=30)) == 0:
            continue  # occasionally a missing tab
        grids[spec.title] = draw(tab_grid(spec))
    return grids


@settings(SLOW, max_examples=60)
@given(workbooks(), st.dates(min_value=date(2025, 9, 1), max_value=date(2026, 1, 31)))
def test_evaluate_never_raises_except_layout_problem(
    grids: dict[str, list[list[object]]], today: date
) -> None:
    layout_ok = all(
        spec.title in grids
        and (header := map_headers(spec, grids[spec.title])) is not None
        and not header.missing
        for spec in ENTRY_TABS
        if not spec.optional or spec.title in grids
    )
    try:
        report = evaluate(grids, CAMPAIGN, DIRECTORY, today)  # type: ignore[arg-type]
    except LayoutProblem as problem:
        assert not layout_ok
        assert problem.missing
        return
    assert layout_ok
    for issue in report.issues:
        assert 1 <= issue.row <= len(grids[issue.tab])
        assert issue.severity in {"error", "warning"}
    assert sum(c.count for c in report.communes) == report.totals.ambassadors
    for team in report.teams:
        assert team.count == sum(c.count for c in report.communes if c.team == team.code)
    tables = build_tables(report, lang="en", now=datetime(2025, 11, 1, 9, 0))
    assert len(next(t for t in tables if t.title == "Theo xã").rows) == 103
    assert sum(h.count for h in report.hamlets) <= report.totals.ambassadors
    json.dumps(report_json(report, lang="vi"), ensure_ascii=False)


@SLOW
@given(
    st.lists(mobiles, min_size=1, max_size=8),
    st.lists(st.sampled_from(range(len(FORMATS))), min_size=8, max_size=8),
)
def test_each_phone_counts_once_whatever_its_form(numbers: list[str], forms: list[int]) -> None:
    from tests.builders import ambassador, assignment, grids, team_members

    rows = [
        ambassador(f"N{i}", FORMATS[forms[i]](n), "Ninh Kiều", "T01") for i, n in enumerate(numbers)
    ]
    g = grids(
        members=team_members("T01"), assignments=[assignment("T01", "Ninh Kiều")], ambassadors=rows
    )
    report = evaluate(g, CAMPAIGN, DIRECTORY, TODAY)
    assert report.totals.ambassadors == len(set(numbers))
    dups = [i for i in report.issues if i.code == "phone_duplicate"]
    assert len(dups) == len(numbers) - len(set(numbers))
