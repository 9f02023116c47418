"""The operational catalog: every sentence the worker and the CLI print, keyed by `Msg`.

Vietnamese by default, English with lang = "en". Domain sentences (issues, summary
labels) live in `rules.messages`; this catalog is for what happens around them.
"""

from __future__ import annotations

from enum import StrEnum

from rules.evaluate import LayoutProblem
from rules.messages import pick
from sync.messages_google import GOOGLE
from sync.messages_xlsx import XLSX


class Msg(StrEnum):
    LOG_OK = "log.ok"
    LOG_FAILED = "log.failed"
    LOG_AS_OF = "log.as_of"
    LAYOUT_TAB = "layout.tab"
    LAYOUT_COLUMN = "layout.column"
    LAYOUT_FIX = "layout.fix"
    LAYOUT_NEAR = "layout.near"
    LAYOUT_RENAME = "layout.rename"
    GUARD_EMPTY = "guard.empty"
    CONFIG_KEY_MISSING = "config.key_missing"
    LOSS = "guard.loss"
    WORKER_FAILED = "worker.failed"
    WORKER_NEXT = "worker.next"
    WORKER_SIGNAL = "worker.signal"
    DOCTOR_CONFIG = "doctor.config"
    DOCTOR_BOOK = "doctor.book"
    DOCTOR_TAB = "doctor.tab"
    DOCTOR_TAB_OPTIONAL = "doctor.tab.optional"
    DOCTOR_TAB_MISSING = "doctor.tab.missing"
    DOCTOR_COL_MISSING = "doctor.col.missing"
    DOCTOR_NEAR = "doctor.near"
    DOCTOR_OK = "doctor.ok"
    DOCTOR_OK_WARN = "doctor.ok.warn"
    DOCTOR_STATE = "doctor.state"
    DOCTOR_STATE_FIX = "doctor.state.fix"
    TERM_TITLE = "terminal.title"
    TERM_COLUMNS = "terminal.columns"
    TERM_TOTALS = "terminal.totals"
    TERM_ERROR = "terminal.error"
    TERM_WARNING = "terminal.warning"
    TERM_ROW = "terminal.row"
    LOCK_HELD = "lock.held"
    INIT_CONFIG_WRITTEN = "init.config_written"
    FLEET_ROLLUP_FAILED = "fleet.rollup_failed"
    FLEET_SYNCED = "fleet.synced"
    FLEET_NOT_SYNCED = "fleet.not_synced"
    FLEET_FILE_MISSING = "fleet.file.missing"
    FLEET_FILE_NOT_TOML = "fleet.file.not_toml"
    FLEET_KEY_UNKNOWN = "fleet.key.unknown"
    FLEET_KEY_MISSING = "fleet.key.missing"
    FLEET_VALUE_BAD = "fleet.value.bad"
    FLEET_MEMBER_NO_MATCH = "fleet.member.no_match"
    FLEET_LOG_ERRORS = "fleet.log.errors"
    FLEET_LOG_SHARD = "fleet.log.shard"
    FLEET_LOG_FAILED = "fleet.log.failed"
    FLEET_TOTAL = "fleet.total"
    FLEET_MEMBER_FAILING = "fleet.member.failing"
    FLEET_SHARD_BAD = "fleet.shard.bad"
    # Google Sheets backend; the text is in sync.messages_google.
    GOOGLE_KEY_NOT_FOUND = "google.key.not_found"
    GOOGLE_KEY_UNREADABLE = "google.key.unreadable"
    GOOGLE_KEY_NOT_JSON = "google.key.not_json"
    GOOGLE_KEY_NOT_SERVICE_ACCOUNT = "google.key.not_service_account"
    GOOGLE_KEY_LACKS = "google.key.lacks"
    GOOGLE_KEY_UNUSABLE = "google.key.unusable"
    GOOGLE_KEY_MISSING = "google.key.missing"
    GOOGLE_CHECK_ACCESS = "google.check.access"
    GOOGLE_CHECK_ADC = "google.check.adc"
    GOOGLE_CHECK_KEY_FILE = "google.check.key_file"
    GOOGLE_CHECK_EMAIL = "google.check.email"
    GOOGLE_CHECK_EMAIL_SHARE = "google.check.email.share"
    GOOGLE_CHECK_EMAIL_UNKNOWN = "google.check.email.unknown"
    GOOGLE_CHECK_EMAIL_UNKNOWN_FIX = "google.check.email.unknown.fix"
    GOOGLE_CHECK_KEY_MODE = "google.check.key_mode"
    GOOGLE_CHECK_KEY_MODE_FIX = "google.check.key_mode.fix"
    GOOGLE_SERVICE_ACCOUNT = "google.service_account"
    GOOGLE_HTTP_FORBIDDEN = "google.http.forbidden"
    GOOGLE_HTTP_NOT_FOUND = "google.http.not_found"
    GOOGLE_HTTP_UNAUTHORIZED = "google.http.unauthorized"
    GOOGLE_HTTP_BAD_REQUEST = "google.http.bad_request"
    GOOGLE_HTTP_OTHER = "google.http.other"
    GOOGLE_TOKEN_FAILED = "google.token.failed"
    GOOGLE_RETRY_AUTH = "google.retry.auth"
    GOOGLE_RETRY_CONNECT_TIMEOUT = "google.retry.connect_timeout"
    GOOGLE_RETRY_READ_TIMEOUT = "google.retry.read_timeout"
    GOOGLE_RETRY_CONNECTION = "google.retry.connection"
    GOOGLE_RETRY_AUTH_NETWORK = "google.retry.auth_network"
    GOOGLE_WRITE_LOST = "google.write.lost"
    GOOGLE_WRITE_MAYBE_APPLIED = "google.write.maybe_applied"
    GOOGLE_UNREACHABLE = "google.unreachable"
    GOOGLE_NO_CREATE = "google.no_create"
    GOOGLE_UNREADABLE_ANSWER = "google.unreadable_answer"
    GOOGLE_TABS_MISSING = "google.tabs.missing"
    GOOGLE_RANGES_MISMATCH = "google.ranges.mismatch"
    GOOGLE_INIT_COLUMNS_LACKING = "google.init.columns_lacking"
    GOOGLE_INIT_NO_DROPDOWN = "google.init.no_dropdown"
    GOOGLE_INIT_PROTECTED = "google.init.protected"
    GOOGLE_LOG_WRITING = "google.log.writing"
    GOOGLE_LOG_WRITING_NOTE = "google.log.writing.note"
    # Workbook (.xlsx) backend; the text is in sync.messages_xlsx.
    XLSX_NOT_FOUND = "xlsx.not_found"
    XLSX_UNREADABLE = "xlsx.unreadable"
    XLSX_WRITE_FAILED = "xlsx.write.failed"
    XLSX_CHANGED = "xlsx.changed"
    XLSX_CONVERT = "xlsx.convert"
    XLSX_BAD_FILE = "xlsx.bad_file"
    XLSX_BAD_FILE_SNAPSHOT = "xlsx.bad_file.snapshot"
    XLSX_LOOKS_EMPTY = "xlsx.looks.empty"
    XLSX_LOOKS_TRUNCATED = "xlsx.looks.truncated"
    XLSX_LOOKS_ENCRYPTED = "xlsx.looks.encrypted"
    XLSX_LOOKS_OLE = "xlsx.looks.ole"
    XLSX_LOOKS_TEXT = "xlsx.looks.text"
    XLSX_LOOKS_HTML = "xlsx.looks.html"
    XLSX_LOOKS_PDF = "xlsx.looks.pdf"
    XLSX_LOOKS_ZIP = "xlsx.looks.zip"
    XLSX_LOOKS_UNKNOWN = "xlsx.looks.unknown"
    XLSX_DO_EMPTY = "xlsx.do.empty"
    XLSX_DO_TRUNCATED = "xlsx.do.truncated"
    XLSX_DO_ENCRYPTED = "xlsx.do.encrypted"
    XLSX_DO_RESAVE = "xlsx.do.resave"
    XLSX_LOCK_STALE = "xlsx.lock.stale"
    XLSX_LOCK_LIVE = "xlsx.lock.live"
    XLSX_HARD_LINK = "xlsx.hard_link"
    XLSX_READ_ONLY = "xlsx.read_only"
    XLSX_FOLDER_NOT_WRITABLE = "xlsx.folder_not_writable"
    XLSX_GROUP_LOST = "xlsx.group_lost"
    XLSX_OWNER_LOST = "xlsx.owner_lost"
    XLSX_DOCTOR_READABLE = "xlsx.doctor.readable"
    XLSX_DOCTOR_FORMAT = "xlsx.doctor.format"
    XLSX_DOCTOR_FILE = "xlsx.doctor.file"
    XLSX_DOCTOR_WRITABLE = "xlsx.doctor.writable"


CATALOG: dict[Msg, tuple[str, str]] = {
    Msg.LOG_OK: ("Thành công", "OK"),
    Msg.LOG_FAILED: ("Thất bại", "Failed"),
    Msg.LOG_AS_OF: ("Đánh giá theo ngày {date}", "Evaluated as of {date}"),
    Msg.LAYOUT_TAB: ("Thiếu tab '{tab}' trong {book}.", "Tab '{tab}' is missing from {book}."),
    Msg.LAYOUT_COLUMN: (
        "Tab '{tab}' thiếu cột bắt buộc '{column}' (tiêu đề được tìm trong 20 hàng đầu).",
        "Tab '{tab}' lacks the required column '{column}' (headers are looked for in the first 20 rows).",
    ),
    Msg.LAYOUT_NEAR: (
        " Cột {letter} có tiêu đề '{header}': có phải là cột này? Nếu đúng, hãy đổi tiêu đề thành '{column}'.",
        " Column {letter} is headed '{header}': is it this column? If so, rename its header to '{column}'.",
    ),
    Msg.LAYOUT_RENAME: (
        "Hãy đặt tiêu đề các cột còn thiếu như trong bảng tính mẫu (tiếng Việt hoặc tiếng Anh, có hay không dấu đều được).",
        "Give the missing columns the contract's headers (Vietnamese or English, with or without accents).",
    ),
    Msg.GUARD_EMPTY: (
        "Tab '{tab}' đọc ra trống hoàn toàn, trong khi lần đồng bộ trước có {rows} dòng; không ghi đè các tab tổng hợp. "
        "Hãy kiểm tra bảng tính (có thể bị xóa nhầm: xem `daisuso snapshots`). Nếu đúng là tab đã được làm trống, chạy lại với --force.",
        "Tab '{tab}' reads completely empty, but the last sync read {rows} rows; the summary tabs are left as they were. "
        "Check the spreadsheet (rows deleted by mistake? see `daisuso snapshots`). If the tab really was emptied, run again with --force.",
    ),
    Msg.LAYOUT_FIX: (
        "Chạy `daisuso init` để tạo các tab và tiêu đề còn thiếu.",
        "Run `daisuso init` to add missing tabs and headers.",
    ),
    Msg.WORKER_FAILED: (
        "Đồng bộ thất bại ({count} lần liên tiếp): {error} — thử lại lúc {next}.",
        "Sync failed ({count} in a row): {error} — next try at {next}.",
    ),
    Msg.WORKER_NEXT: ("Lần đồng bộ tiếp theo lúc {next}.", "Next sync at {next}."),
    Msg.WORKER_SIGNAL: (
        "Nhận tín hiệu {signum}: dừng sau lần đồng bộ đang chạy.",
        "Signal {signum}: stopping after the current sync.",
    ),
    Msg.CONFIG_KEY_MISSING: (
        "Thiếu spreadsheet.key cho backend google (DAISUSO_SPREADSHEET__KEY).",
        "spreadsheet.key is required for the google backend (DAISUSO_SPREADSHEET__KEY).",
    ),
    Msg.LOSS: (
        "Tab '{tab}' mất {lost} dòng kể từ lần đồng bộ trước ({before} → {after}). Các dòng này còn trong bản lưu {snapshot}: daisuso restore {snapshot} --to khoi-phuc.xlsx",
        "Tab '{tab}' lost {lost} rows since the last sync ({before} → {after}). They are kept in snapshot {snapshot}: daisuso restore {snapshot} --to restored.xlsx",
    ),
    Msg.DOCTOR_CONFIG: ("Cấu hình {path} hợp lệ", "Config {path} is valid"),
    Msg.DOCTOR_BOOK: ("Mở được bảng tính {name}", "Spreadsheet {name} opens"),
    Msg.DOCTOR_TAB: ("Tab '{tab}' có đủ cột bắt buộc", "Tab '{tab}' has its required columns"),
    Msg.DOCTOR_TAB_OPTIONAL: (
        "Chưa có tab '{tab}' (không bắt buộc; `daisuso init` sẽ tạo)",
        "No tab '{tab}' (optional; `daisuso init` creates it)",
    ),
    Msg.DOCTOR_TAB_MISSING: (
        "Thiếu tab '{tab}' → chạy `daisuso init`",
        "Tab '{tab}' is missing → run `daisuso init`",
    ),
    Msg.DOCTOR_COL_MISSING: (
        "Tab '{tab}' thiếu cột {cols} → thêm vào hàng tiêu đề",
        "Tab '{tab}' lacks {cols} → add them to its header row",
    ),
    Msg.DOCTOR_NEAR: (
        "Tab '{tab}': cột {letter} '{header}' không được nhận ra; có phải là cột {column}? → đổi tiêu đề thành '{column}'",
        "Tab '{tab}': column {letter} '{header}' is not recognised; is it {column}? → rename its header to '{column}'",
    ),
    Msg.DOCTOR_OK: ("Mọi thứ sẵn sàng.", "Everything is ready."),
    Msg.DOCTOR_STATE: ("Thư mục trạng thái {path} ghi được", "State folder {path} is writable"),
    Msg.DOCTOR_STATE_FIX: (
        "Người dùng này không ghi được vào {path}; cấp quyền ghi hoặc đổi worker.state_dir",
        "This user cannot write to {path}; grant write access or change worker.state_dir",
    ),
    Msg.DOCTOR_OK_WARN: (
        "Đồng bộ được, nhưng hãy xem các cảnh báo ở trên.",
        "Syncs, but see the warnings above.",
    ),
    Msg.TERM_TITLE: (
        "Tiến độ các tổ Đại sứ số — {province}, ngày {date}",
        "Digital ambassador teams — {province}, {date}",
    ),
    Msg.TERM_COLUMNS: (
        "Mã tổ|Tổ trưởng|Xã/phường|Chỉ tiêu|Đã có|Tỷ lệ (%)|Kỳ vọng|Trạng thái",
        "Team|Leader|Communes|Quota|Count|%|Expected|Status",
    ),
    Msg.TERM_TOTALS: (
        "Đại sứ số hợp lệ: {amb}/{target} ({pct} % mục tiêu) · tổng chỉ tiêu {quota} · kỳ vọng đến nay (tổng các tổ) {exp} · "
        "{err_rows} dòng có lỗi ({err} lỗi) · {warn_rows} dòng có cảnh báo ({warn} cảnh báo)",
        "Valid ambassadors: {amb}/{target} ({pct} % of target) · quotas {quota} · expected by today (sum of teams) {exp} · "
        "{err_rows} rows with errors ({err} errors) · {warn_rows} rows with warnings ({warn} warnings)",
    ),
    Msg.TERM_ERROR: ("Lỗi", "Error"),
    Msg.TERM_WARNING: ("Cảnh báo", "Warning"),
    Msg.TERM_ROW: ("dòng", "row"),
    Msg.LOCK_HELD: (
        "Một lần đồng bộ khác đang giữ khóa (máy {host}, pid {pid}, từ {since}); hãy thử lại sau. Khóa: {path}",
        "Another sync holds the lock (host {host}, pid {pid}, since {since}); try again later. Lock: {path}",
    ),
    Msg.INIT_CONFIG_WRITTEN: ("Đã tạo tệp cấu hình {config}.", "Config file {config} written."),
    Msg.FLEET_ROLLUP_FAILED: ("Bảng tổng hợp: {error}", "Roll-up: {error}"),
    Msg.FLEET_SYNCED: (
        "{ok}/{total} bảng tính đồng bộ xong (phân đoạn {shard}), {seconds:.1f} s",
        "{ok}/{total} spreadsheets synced (shard {shard}), {seconds:.1f} s",
    ),
    Msg.FLEET_NOT_SYNCED: ("Chưa đồng bộ", "Not synced yet"),
    Msg.FLEET_FILE_MISSING: (
        "Không tìm thấy tệp fleet {path}; chỉ đường dẫn bằng --fleet.",
        "Fleet file {path} not found; pass its path with --fleet.",
    ),
    Msg.FLEET_FILE_NOT_TOML: (
        "Tệp fleet {path} không đúng cú pháp TOML: {error}",
        "Fleet file {path} is not valid TOML: {error}",
    ),
    Msg.FLEET_KEY_UNKNOWN: ("{path}: khóa không hợp lệ {key}", "{path}: unknown key {key}"),
    Msg.FLEET_KEY_MISSING: ("{path}: thiếu khóa {key}", "{path}: missing key {key}"),
    Msg.FLEET_VALUE_BAD: (
        "{path}: giá trị không hợp lệ {key}{shown}: {reason}",
        "{path}: bad value {key}{shown}: {reason}",
    ),
    Msg.FLEET_MEMBER_NO_MATCH: (
        "{path}: members[{index}] = {pattern!r} không khớp tệp nào",
        "{path}: members[{index}] = {pattern!r} matches no file",
    ),
    Msg.FLEET_LOG_ERRORS: ("Có lỗi", "Errors"),
    Msg.FLEET_LOG_SHARD: ("Phân đoạn {shard}", "Shard {shard}"),
    Msg.FLEET_LOG_FAILED: ("Lỗi: {names}", "Failed: {names}"),
    Msg.FLEET_TOTAL: ("Tổng cộng", "Total"),
    Msg.FLEET_MEMBER_FAILING: (
        "{failed} (mã {code}) từ {since}: {message}",
        "{failed} (code {code}) since {since}: {message}",
    ),
    Msg.FLEET_SHARD_BAD: (
        "--shard phải có dạng I/N với 1 ≤ I ≤ N, không phải '{text}'.",
        "--shard must be I/N with 1 ≤ I ≤ N, not '{text}'.",
    ),
    **{Msg(key): pair for key, pair in GOOGLE.items()},
    **{Msg(key): pair for key, pair in XLSX.items()},
}


def say(msg: Msg, lang: str, /, **params: object) -> str:
    # Positional-only, so that a sentence may have a {key} or {lang} placeholder.
    return pick(CATALOG[msg], lang).format(**params)


def layout_message(problem: LayoutProblem, book: str, lang: str) -> str:
    lines = []
    for tab, column in problem.missing:
        if column is None:
            lines.append(say(Msg.LAYOUT_TAB, lang, tab=tab, book=book))
            continue
        line = say(Msg.LAYOUT_COLUMN, lang, tab=tab, column=column)
        if (tab, column) in problem.near:
            header, letter = problem.near[(tab, column)]
            line += say(Msg.LAYOUT_NEAR, lang, header=header, letter=letter, column=column)
        lines.append(line)
    if any(column is None for _, column in problem.missing):
        lines.append(say(Msg.LAYOUT_FIX, lang))  # init adds missing tabs; it never renames columns
    else:
        lines.append(say(Msg.LAYOUT_RENAME, lang))
    return "\n".join(lines)
