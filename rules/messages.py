"""Every user-facing sentence, in Vietnamese (default) and English, keyed by a stable code."""

from __future__ import annotations

from enum import StrEnum

from rules.issues import PERSONAL_PARAMS, Issue, IssueCode
from rules.values.phones import mask_phone, mask_phones_in_text

ISSUE_MESSAGES: dict[IssueCode, tuple[str, str]] = {
    IssueCode.REQUIRED_MISSING: (
        "Thiếu giá trị bắt buộc ở cột {column}.",
        "Required value missing in column {column}.",
    ),
    IssueCode.PHONE_INVALID: (
        "Số điện thoại không hợp lệ: cần số di động 10 chữ số, ví dụ 0912 345 678.",
        "Invalid phone number: a 10-digit mobile number is expected, e.g. 0912 345 678.",
    ),
    IssueCode.PHONE_BAD_PREFIX: (
        "Đầu số không phải đầu số di động hiện hành của Việt Nam.",
        "Not a current Vietnamese mobile prefix.",
    ),
    IssueCode.PHONE_LANDLINE: (
        "Số máy bàn chỉ được chấp nhận ở tab Tổ; ở đây cần số di động.",
        "Landlines are accepted in the Tổ tab only; a mobile number is needed here.",
    ),
    IssueCode.PHONE_CONVERTED: (
        "Số 11 chữ số cũ {original} được tính là {number} (chuyển đổi đầu số năm 2018); nên sửa lại.",
        "Old 11-digit number {original} is counted as {number} (2018 prefix change); please update it.",
    ),
    IssueCode.PHONE_DUPLICATE: (
        "Số điện thoại {phone} đã có ở {first_tab} dòng {first_row}; mỗi đại sứ chỉ tính một lần.",
        "Phone {phone} already appears in {first_tab} row {first_row}; each ambassador counts once.",
    ),
    IssueCode.DATE_INVALID: (
        "Không đọc được ngày; hãy nhập theo dạng dd/mm/yyyy.",
        "Unreadable date; please type it as dd/mm/yyyy.",
    ),
    IssueCode.DATE_MONTH_FIRST: (
        "Ngày có vẻ được nhập theo thứ tự tháng/ngày; có phải là {suggestion}? Hãy nhập dd/mm/yyyy.",
        "The date looks month-first; did you mean {suggestion}? Please type dd/mm/yyyy.",
    ),
    IssueCode.DATE_IN_FUTURE: (
        "Ngày {date} sau ngày hôm nay ({today}).",
        "Date {date} is after today ({today}).",
    ),
    IssueCode.DATE_BEFORE_START: (
        "Ngày {date} trước ngày bắt đầu chiến dịch ({start}).",
        "Date {date} is before the campaign start ({start}).",
    ),
    IssueCode.BIRTH_YEAR_INVALID: ("Không đọc được năm sinh.", "Unreadable birth year."),
    IssueCode.BIRTH_YEAR_OUT_OF_RANGE: (
        "Năm sinh {year} phải từ {min_year} đến {max_year} (15 đến 100 tuổi).",
        "Birth year {year} must be between {min_year} and {max_year} (15 to 100 years old).",
    ),
    IssueCode.GENDER_INVALID: (
        "Giới tính phải là Nam, Nữ hoặc Khác.",
        "Gender must be Nam, Nữ or Khác.",
    ),
    IssueCode.ROLE_INVALID: (
        "Vai trò phải là Tổ trưởng, Tổ phó hoặc Thành viên.",
        "Role must be Tổ trưởng, Tổ phó or Thành viên (leader, deputy, member).",
    ),
    IssueCode.EMAIL_INVALID: ("Địa chỉ email không hợp lệ.", "Invalid e-mail address."),
    IssueCode.INTEGER_INVALID: ("Cần một số nguyên.", "A whole number is expected."),
    IssueCode.NUMBER_INVALID: ("Cần một số.", "A number is expected."),
    IssueCode.QUOTA_OUT_OF_RANGE: (
        "Chỉ tiêu phải là số nguyên ≥ 0.",
        "Quota must be a whole number ≥ 0.",
    ),
    IssueCode.PARTICIPANTS_OUT_OF_RANGE: (
        "Số người tham dự phải từ 1 đến 10000.",
        "Participants must be between 1 and 10000.",
    ),
    IssueCode.HOURS_OUT_OF_RANGE: (
        "Số giờ phải lớn hơn 0 và không quá 24.",
        "Hours must be above 0 and at most 24.",
    ),
    IssueCode.COMMUNE_UNKNOWN: (
        "Không tìm thấy '{value}' trong danh sách xã/phường chính thức của {province}.{hint}",
        "'{value}' is not in the official commune/ward list of {province}.{hint}",
    ),
    IssueCode.COMMUNE_AMBIGUOUS: (
        "'{value}' khớp với nhiều xã/phường: {choices}. Hãy ghi tên đầy đủ có dấu.",
        "'{value}' matches several communes/wards: {choices}. Please write the full name with accents.",
    ),
    IssueCode.COMMUNE_OTHER_PROVINCE: (
        "'{value}' là xã/phường của {other}, không thuộc {province}.{hint}",
        "'{value}' is a commune/ward of {other}, not of {province}.{hint}",
    ),
    IssueCode.TEAM_UNKNOWN: (
        "Mã tổ '{team}' không có trong tab Tổ.",
        "Team '{team}' is not in the Tổ tab.",
    ),
    IssueCode.COMMUNE_ASSIGNED_TWICE: (
        "{commune} đã được phân công cho tổ {team} ở dòng {first_row}.",
        "{commune} is already assigned to team {team} in row {first_row}.",
    ),
    IssueCode.TEAM_NOT_ASSIGNED_TO_COMMUNE: (
        "{commune} được phân công cho tổ {assigned}, nhưng dòng này do tổ {team} ghi.",
        "{commune} is assigned to team {assigned}, but team {team} recorded this row.",
    ),
    IssueCode.COMMUNE_UNASSIGNED: (
        "{commune} chưa được phân công cho tổ nào.",
        "{commune} is not assigned to any team.",
    ),
    IssueCode.PROBABLE_DUPLICATE: (
        "Có thể trùng người với dòng {other_row}: cùng họ tên, năm sinh và xã/phường nhưng khác số điện thoại.",
        "Probably the same person as row {other_row}: same name, birth year and commune, another phone.",
    ),
    IssueCode.TEAM_SIZE: (
        "Tổ {team} có {count} thành viên, cần {size}.",
        "Team {team} has {count} members, {size} expected.",
    ),
    IssueCode.TEAM_LEADERS: (
        "Tổ {team} có {count} Tổ trưởng, cần đúng 1.",
        "Team {team} has {count} leaders (Tổ trưởng), exactly 1 expected.",
    ),
    IssueCode.TEAM_DEPUTIES: (
        "Tổ {team} có {count} Tổ phó, cần đúng 1.",
        "Team {team} has {count} deputies (Tổ phó), exactly 1 expected.",
    ),
    IssueCode.HAMLET_LISTED_TWICE: (
        "{hamlet} đã có trong danh sách ấp/khu vực của {commune} ở dòng {first_row}.",
        "{hamlet} is already listed for {commune} in row {first_row}.",
    ),
    IssueCode.HAMLET_UNKNOWN: (
        "'{value}' không có trong danh sách ấp/khu vực của {commune} (tab Ấp - Khu vực); đại sứ vẫn được tính cho {commune}.{hint}",
        "'{value}' is not among the hamlets listed for {commune} (tab Ấp - Khu vực); the ambassador still counts for {commune}.{hint}",
    ),
    IssueCode.HAMLET_AMBIGUOUS: (
        "'{value}' khớp với nhiều ấp/khu vực của {commune}: {choices}. Hãy ghi rõ tên đầy đủ (có dấu, có chữ Ấp/Khu vực…); đại sứ vẫn được tính cho {commune}.",
        "'{value}' matches several hamlets of {commune}: {choices}. Please write the full name (with accents and its kind: Ấp, Khu vực…); the ambassador still counts for {commune}.",
    ),
    IssueCode.DUPLICATE_COLUMN: (
        "Cột {column} xuất hiện lần nữa ở cột {letter}; chỉ dùng cột đầu tiên.",
        "Column {column} appears again in column {letter}; only the first one is used.",
    ),
    IssueCode.LEGACY_ENCODING: (
        "Văn bản có vẻ gõ bằng bảng mã {encoding}, không phải Unicode.{reading}",
        "The text looks typed in the {encoding} encoding, not Unicode.{reading}",
    ),
    IssueCode.HEADER_NEAR_MISS: (
        "Cột {letter} có tiêu đề '{header}' không được nhận ra; có phải là cột {column}? Nếu đúng, hãy đổi tiêu đề thành '{column}'.",
        "Column {letter}, headed '{header}', is not recognised; is it the {column} column? If so, rename its header to '{column}'.",
    ),
    IssueCode.DATE_NO_SUCH_DAY: (
        "Ngày '{value}' không có trên lịch: tháng đó không có ngày này. Hãy kiểm tra lại ngày.",
        "The date '{value}' does not exist: that month has no such day. Please check the day.",
    ),
    IssueCode.PHONE_SCIENTIFIC: (
        "Excel đã đổi số điện thoại thành dạng khoa học ('{value}') nên đã mất chữ số. Hãy định dạng cột Số điện thoại là Văn bản (Text) rồi nhập lại số.",
        "Excel turned the phone number into scientific notation ('{value}'), so digits are lost. Format the phone column as Text and retype the number.",
    ),
    IssueCode.COMMUNE_OLD_NAME: (
        "'{value}' là tên cũ trước 7/2025 ({old}); nay thuộc {new} và được tính cho {new}. Hãy sửa thành tên mới.",
        "'{value}' is a name from before July 2025 ({old}); it is now part of {new} and is counted there. Please write the new name.",
    ),
    IssueCode.COMMUNE_OLD_SPLIT: (
        "'{value}' là tên cũ trước 7/2025 ({old}), nay đã chia cho nhiều xã/phường: {choices}. Hãy ghi tên xã/phường mới.",
        "'{value}' is a name from before July 2025 ({old}), now split between several communes/wards: {choices}. Please write the new commune/ward name.",
    ),
    IssueCode.FORMULA_UNCOMPUTED: (
        "Ô {cell} chứa công thức chưa có giá trị tính sẵn; đã đọc nội dung '{value}' như văn bản. Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại để công thức được tính.",
        "Cell {cell} holds a formula with no computed value; its text '{value}' was read as typed. Open the file in Excel or LibreOffice and save it so the formula is computed.",
    ),
}

TEXT: dict[str, tuple[str, str]] = {
    "optional": (
        " Cột này không bắt buộc: giá trị bị bỏ qua, dòng vẫn được tính.",
        " This column is optional: the value is ignored and the row still counts.",
    ),
    "hidden": (" (Dòng này đang bị ẩn.)", " (This row is hidden.)"),
    "suggest": (" Có phải là: {names}?", " Did you mean: {names}?"),
    "reading": (" Đọc theo Unicode: “{text}”.", " Unicode reading: “{text}”."),
    "severity.error": ("Lỗi", "Error"),
    "severity.warning": ("Cảnh báo", "Warning"),
}

ALERT_MESSAGES: dict[str, tuple[str, str]] = {
    "behind": (
        "Đã có {count}/{quota}, kỳ vọng {expected} đến nay",
        "Has {count}/{quota}, {expected} expected by today",
    ),
    "failed": (
        "Đã có {count}/{quota}, đã quá hạn {deadline}",
        "Has {count}/{quota}, deadline {deadline} passed",
    ),
    "empty": ("Chưa có đại sứ số nào", "No ambassador yet"),
    "unassigned": (
        "{count} xã/phường chưa được phân công cho tổ nào và chưa có đại sứ số: {names}",
        "{count} communes not assigned to any team and with no ambassador yet: {names}",
    ),
    "hamlets.empty": (
        "{n} ấp/khu vực chưa có đại sứ số nào",
        "{n} hamlets with no ambassador yet",
    ),
    "hamlets.behind": (
        "{n} ấp/khu vực: đã có {count}/{quota}, kỳ vọng {expected} đến nay",
        "{n} hamlets: {count}/{quota}, {expected} expected by today",
    ),
    "hamlets.failed": (
        "{n} ấp/khu vực: đã có {count}/{quota}, đã quá hạn {deadline}",
        "{n} hamlets: {count}/{quota}, deadline {deadline} passed",
    ),
    "level.high": ("Cao", "High"),
    "level.medium": ("Trung bình", "Medium"),
    "level.low": ("Thấp", "Low"),
}
CHART_TITLES: dict[str, tuple[str, str]] = {
    "progress": ("Tiến độ: lũy kế, kỳ vọng và mục tiêu", "Progress: cumulative, expected, target"),
    "teams": ("Đã có so với chỉ tiêu, theo tổ", "Count against quota, per team"),
    "rollup": ("Đã có so với chỉ tiêu, theo đơn vị", "Count against quota, per member"),
}
# `Kết quả` of a roll-up row; a failure reads "Lỗi (mã 4) từ …: …" (it starts with the word).
ROLLUP_RESULTS: dict[str, tuple[str, str]] = {
    "ok": ("Thành công", "OK"),
    "failed": ("Lỗi", "Failed"),
    "waiting": ("Chưa đồng bộ", "Not synced yet"),
}


class Lang(StrEnum):
    """The languages every catalog speaks; Vietnamese is the default."""

    VI = "vi"
    EN = "en"


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == Lang.EN else pair[0]


def as_lang(lang: str) -> Lang:
    """`lang` as a `Lang`: English with "en", Vietnamese for anything else."""
    return Lang.EN if lang == Lang.EN else Lang.VI


def text(key: str, lang: str, **params: object) -> str:
    return pick(TEXT[key], lang).format(**params)


def issue_message(issue: Issue, lang: str = "vi", *, show_personal: bool = False) -> str:
    params = dict(issue.params)
    for key in PERSONAL_PARAMS & params.keys():
        if not show_personal:
            params[key] = mask_phone(str(params[key]))
    params.setdefault("column", issue.column)
    params.setdefault("value", issue.value if show_personal else mask_phones_in_text(issue.value))
    suggestions = params.pop("suggestions", ())
    if isinstance(suggestions, tuple | list) and suggestions:
        names = ", ".join(str(s) for s in suggestions)
        params.setdefault("hint", text("suggest", lang, names=names))
        params.setdefault("choices", names)
    params.setdefault("hint", "")
    if issue.code is IssueCode.LEGACY_ENCODING and params.get("unicode"):
        params["reading"] = text("reading", lang, text=params["unicode"])
    params.setdefault("reading", "")
    message = pick(ISSUE_MESSAGES[issue.code], lang).format(**params)
    if issue.optional:
        message += text("optional", lang)
    return message + text("hidden", lang) if issue.hidden else message


def issue_value(issue: Issue, *, show_personal: bool = False) -> str:
    if show_personal:
        return issue.value
    return mask_phone(issue.value) if issue.personal else mask_phones_in_text(issue.value)
