"""Text of the Google Sheets backend's `Msg` keys: credentials, doctor checks, HTTP answers.

Keyed by the `Msg` value (sync.messages merges this table into `CATALOG`, which is what
keeps the two modules from importing each other).
"""

from __future__ import annotations

GOOGLE: dict[str, tuple[str, str]] = {
    "google.key.not_found": (
        "Không tìm thấy tệp khóa tài khoản dịch vụ '{path}'.",
        "Service-account key file '{path}' not found.",
    ),
    "google.key.unreadable": (
        "Không đọc được tệp khóa '{path}': {error}.",
        "Cannot read key file '{path}': {error}.",
    ),
    "google.key.not_json": (
        "Tệp khóa '{path}' không phải JSON hợp lệ.",
        "Key file '{path}' is not valid JSON.",
    ),
    "google.key.not_service_account": (
        "Tệp '{path}' không phải khóa tài khoản dịch vụ "
        '("type": "service_account"). Hãy tạo khóa JSON cho tài khoản dịch vụ '
        "trong Google Cloud Console.",
        "'{path}' is not a service-account key "
        '("type": "service_account"). Create a JSON key for a service account '
        "in the Google Cloud Console.",
    ),
    "google.key.lacks": (
        "Tệp khóa '{path}' thiếu trường: {fields}.",
        "Key file '{path}' lacks: {fields}.",
    ),
    "google.key.unusable": (
        "Khóa trong '{path}' không dùng được ({error}). Hãy tạo lại khóa JSON.",
        "The key in '{path}' is unusable ({error}). Create a new JSON key.",
    ),
    "google.key.missing": (
        "Chưa cấu hình khóa tài khoản dịch vụ: đặt [spreadsheet] credentials "
        "trong daisuso.toml hoặc biến môi trường GOOGLE_APPLICATION_CREDENTIALS.",
        "No service-account key configured: set [spreadsheet] credentials in "
        "daisuso.toml or the GOOGLE_APPLICATION_CREDENTIALS environment variable.",
    ),
    "google.check.access": ("Truy cập bảng tính", "Access to the spreadsheet"),
    "google.check.adc": (
        "Khóa: thông tin xác thực mặc định (ADC)",
        "Key: default credentials (ADC)",
    ),
    "google.check.key_file": ("Tệp khóa {path}", "Key file {path}"),
    "google.check.email": (
        "E-mail cần được chia sẻ bảng tính: {email}",
        "E-mail the spreadsheet must be shared with: {email}",
    ),
    "google.check.email.share": (
        "Chia sẻ bảng tính (quyền Người chỉnh sửa) cho {email}.",
        "Share the spreadsheet (Editor) with {email}.",
    ),
    "google.check.email.unknown": ("E-mail của tài khoản dịch vụ", "Service-account e-mail"),
    "google.check.email.unknown.fix": (
        "Không xác định được; hãy dùng tệp khóa JSON của tài khoản dịch vụ.",
        "Unknown; use a service-account JSON key file.",
    ),
    "google.check.key_mode": ("Quyền của tệp khóa {path}", "Permissions of key file {path}"),
    "google.check.key_mode.fix": (
        "Người dùng khác đọc được tệp khóa; chạy: chmod 600 '{path}'",
        "Other users can read the key file; run: chmod 600 '{path}'",
    ),
    "google.service_account": ("tài khoản dịch vụ", "the service account"),
    "google.http.forbidden": (
        "Không có quyền truy cập bảng tính. Hãy chia sẻ bảng tính "
        "(quyền Người chỉnh sửa) cho {who}. (Google: {detail})",
        "Access denied. Share the spreadsheet (Editor) with {who}. (Google: {detail})",
    ),
    "google.http.not_found": (
        "Không tìm thấy bảng tính có khóa '{key}'. Hãy kiểm tra lại khóa trong URL.",
        "Spreadsheet '{key}' not found: check the key from its URL.",
    ),
    "google.http.unauthorized": (
        "Google từ chối xác thực tài khoản dịch vụ. Hãy kiểm tra tệp khóa "
        "(có thể khóa đã bị thu hồi). (Google: {detail})",
        "Google rejected the service-account credentials. Check the key file "
        "(the key may have been revoked). (Google: {detail})",
    ),
    "google.http.bad_request": (
        "Google Sheets từ chối yêu cầu: {detail}",
        "Google Sheets refused the request: {detail}",
    ),
    "google.http.other": (
        "Google Sheets trả lỗi HTTP {status}: {detail}",
        "Google Sheets answered HTTP {status}: {detail}",
    ),
    "google.token.failed": (
        "Không lấy được mã truy cập Google cho tài khoản dịch vụ: {error}",
        "Could not get a Google access token for the service account: {error}",
    ),
    "google.retry.auth": ("lỗi tạm thời khi xác thực", "temporary auth error"),
    "google.retry.connect_timeout": ("hết thời gian kết nối", "connect timeout"),
    "google.retry.read_timeout": ("hết thời gian chờ trả lời", "read timeout"),
    "google.retry.connection": ("mất kết nối", "connection error"),
    "google.retry.auth_network": ("lỗi mạng khi xác thực", "network error during auth"),
    "google.write.lost": (
        "Mất kết nối khi đang ghi; Google có thể đã ghi xong. "
        "Lần đồng bộ sau sẽ ghi lại toàn bộ. ({error})",
        "The connection was lost while writing; Google may have "
        "applied it. The next sync rewrites everything. ({error})",
    ),
    "google.write.maybe_applied": (
        " Google có thể đã ghi xong lần ghi này; lần đồng bộ sau sẽ ghi lại toàn bộ.",
        " Google may have applied this write; the next sync rewrites everything.",
    ),
    "google.unreachable": (
        "Không kết nối được Google Sheets sau {attempts} lần thử "
        "(chờ {waited:.0f} s): {reason}. Hãy thử lại sau.",
        "Could not reach Google Sheets after {attempts} attempts "
        "(waited {waited:.0f} s): {reason}. Try again later.",
    ),
    "google.no_create": (
        "daisuso không tạo bảng tính Google; hãy tạo rồi chia sẻ cho tài khoản dịch vụ.",
        "daisuso does not create Google spreadsheets; create one and share it.",
    ),
    "google.unreadable_answer": (
        "Google Sheets trả lời không đọc được (HTTP {status}).",
        "Google Sheets sent an unreadable answer (HTTP {status}).",
    ),
    "google.tabs.missing": ("Bảng tính thiếu tab: {tabs}", "The spreadsheet lacks tab(s): {tabs}"),
    "google.ranges.mismatch": (
        "Google trả về số vùng dữ liệu không khớp yêu cầu.",
        "Google returned a different number of ranges than requested.",
    ),
    "google.init.columns_lacking": (
        "Tab '{tab}' thiếu cột: {columns} (không tự thêm).",
        "Tab '{tab}' lacks column(s): {columns} (not added).",
    ),
    "google.init.no_dropdown": (
        "Không đặt được danh sách chọn cho cột '{header}' của tab "
        "'{tab}' (thiếu cột hoặc danh mục '{list_name}').",
        "No drop-down for column '{header}' of tab '{tab}' (missing column or list '{list_name}').",
    ),
    "google.init.protected": (
        "daisuso ghi tab '{tab}' mỗi lần đồng bộ; sửa tay sẽ bị ghi đè.",
        "daisuso rewrites '{tab}' on every sync; manual edits are overwritten.",
    ),
    "google.log.writing": ("Đang ghi ({k}/{n})…", "Writing ({k}/{n})…"),
    "google.log.writing.note": (
        "Nếu dòng này còn lại, lần ghi đã dừng giữa chừng; lần đồng bộ sau sẽ ghi lại mọi bảng.",
        "If this row stays, the write stopped half-way; the next sync rewrites every table.",
    ),
}
