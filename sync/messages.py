"""Sentences printed by the worker and the CLI (Vietnamese by default, English with lang = "en")."""

from __future__ import annotations

from rules.evaluate import LayoutProblem

_TEXT: dict[str, tuple[str, str]] = {
    "log.ok": ("Thành công", "OK"),
    "log.failed": ("Thất bại", "Failed"),
    "log.as_of": ("Đánh giá theo ngày {date}", "Evaluated as of {date}"),
    "layout.tab": ("Thiếu tab '{tab}' trong {book}.", "Tab '{tab}' is missing from {book}."),
    "layout.column": (
        "Tab '{tab}' thiếu cột bắt buộc '{column}' (hàng tiêu đề là hàng đầu tiên có dữ liệu).",
        "Tab '{tab}' lacks the required column '{column}' (the header row is the first non-empty row).",
    ),
    "guard.empty": (
        "Tab '{tab}' đọc ra trống hoàn toàn, trong khi lần đồng bộ trước có {rows} dòng; không ghi đè các tab tổng hợp. "
        "Hãy kiểm tra bảng tính (có thể bị xóa nhầm: xem `daisuso snapshots`). Nếu đúng là tab đã được làm trống, chạy lại với --force.",
        "Tab '{tab}' reads completely empty, but the last sync read {rows} rows; the summary tabs are left as they were. "
        "Check the spreadsheet (rows deleted by mistake? see `daisuso snapshots`). If the tab really was emptied, run again with --force.",
    ),
    "layout.fix": (
        "Chạy `daisuso init` để tạo các tab và tiêu đề còn thiếu.",
        "Run `daisuso init` to add missing tabs and headers.",
    ),
}


def in_lang(lang: str, vi: str, en: str) -> str:
    """The sentence for `lang`: English with "en", Vietnamese otherwise."""
    return en if lang == "en" else vi


def say(key: str, lang: str, **params: object) -> str:
    pair = _TEXT[key]
    return (pair[1] if lang == "en" else pair[0]).format(**params)


def layout_message(problem: LayoutProblem, book: str, lang: str) -> str:
    lines = [
        say("layout.tab", lang, tab=tab, book=book)
        if column is None
        else say("layout.column", lang, tab=tab, column=column)
        for tab, column in problem.missing
    ]
    lines.append(say("layout.fix", lang))
    return "\n".join(lines)
