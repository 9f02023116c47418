"""rules.values.text: NFC, trimming, whitespace collapsing, accent folding and header keys."""

from __future__ import annotations

import unicodedata

import pytest

from rules.values.text import cell_text, fold, header_key, normalize_text


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


@pytest.mark.parametrize(
    "name", ["Nguyễn Thị Hồng Nhung", "Phường Ninh Kiều", "Đặng Văn Ước", "Lê Thị Ánh Tuyết"]
)
def test_nfd_typed_name_equals_nfc_name(name: str) -> None:
    typed = nfd(name)
    assert typed != name  # the input really is decomposed
    assert normalize_text(typed) == name
    assert unicodedata.is_normalized("NFC", normalize_text(typed))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Nguyễn Văn An  ", "Nguyễn Văn An"),
        ("Nguyễn  Văn   An", "Nguyễn Văn An"),
        ("Nguyễn\tVăn\nAn", "Nguyễn Văn An"),
        ("Nguyễn\u00a0Văn An", "Nguyễn Văn An"),  # NBSP pasted from the web
        ("\u00a0 Nguyễn \u00a0 Văn\u00a0\u00a0An \t", "Nguyễn Văn An"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_normalize_text_trims_and_collapses_whitespace(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("  Ninh  Kiều ", "Ninh Kiều"),
        (20, "20"),
        (20.0, "20"),  # a whole float loses its ".0"
        (2.5, "2.5"),
        (True, "TRUE"),
    ],
)
def test_cell_text(raw: object, expected: str) -> None:
    assert cell_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Phường  Ninh Kiều", "phuong ninh kieu"),
        ("ĐẶNG VĂN ĐỨC", "dang van duc"),
        ("đường Đồng Khởi", "duong dong khoi"),
        (nfd("Phường Ninh Kiều"), "phuong ninh kieu"),
        ("Xã  Phú Hữu", "xa phu huu"),
        (" Ô Môn ", "o mon"),
    ],
)
def test_fold_removes_accents_case_and_d_stroke(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_fold_distinguishes_letters_not_just_accents() -> None:
    assert fold("Tân Thành") == fold("Tân Thạnh")  # only accents differ
    assert fold("Vị Thanh") != fold("Vị Thanh 1")


@pytest.mark.parametrize(
    "variant",
    [
        "SO DIEN THOAI",
        "Số điện thoại",
        "số  điện thoại:",
        "Số điện thoại ",
        "so-dien-thoai",
        nfd("Số Điện Thoại"),
        "Số\u00a0điện\tthoại",
    ],
)
def test_header_key_is_case_accent_space_and_punctuation_insensitive(variant: str) -> None:
    assert header_key(variant) == header_key("Số điện thoại") == "sodienthoai"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Số điện thoại", "Số người"), ("Ngày", "Ngày sinh"), ("Mã tổ", "Họ và tên")],
)
def test_header_key_keeps_different_headers_apart(a: str, b: str) -> None:
    assert header_key(a) != header_key(b)
