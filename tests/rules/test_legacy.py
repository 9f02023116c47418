"""rules.values.legacy: TCVN3 / VNI / VIQR detection, readings, and no false alarms on real text."""

from __future__ import annotations

import unicodedata

import pytest

from rules.values.legacy import TCVN3_TO_UNICODE, LegacyText, detect_legacy

# --- encoders written for the tests (inverse tables) ------------------------------------------

UNICODE_TO_TCVN3 = {u: code for code, u in TCVN3_TO_UNICODE.items()}

_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX = {
    "": "â",
    "\u0301": "á",
    "\u0300": "à",
    "\u0309": "å",
    "\u0303": "ã",
    "\u0323": "ä",
}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"": "i", "\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 (VN3); raises KeyError for letters VN3 cannot hold (toned capitals)."""
    return "".join(ch if ch.isascii() else UNICODE_TO_TCVN3[ch] for ch in text)


def from_tcvn3(text: str) -> str:
    return "".join(TCVN3_TO_UNICODE.get(ch, ch) for ch in text)


def _vni_letter(ch: str) -> str:
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    base, *marks = unicodedata.normalize("NFD", ch)
    upper = base.isupper()
    base = base.lower()
    shape = next((m for m in marks if m in "\u0302\u0306\u031b"), "")
    tone = next((m for m in marks if m in _VNI_TONE), "")
    if base == "i":
        out = _VNI_I[tone]
    elif base == "y" and tone == "\u0323":
        out = "î"
    elif shape == "\u031b":
        out = ("ô" if base == "o" else "ö") + (_VNI_TONE[tone] if tone else "")
    elif shape == "\u0302":
        out = base + _VNI_CIRCUMFLEX[tone]
    elif shape == "\u0306":
        out = base + _VNI_BREVE[tone]
    else:
        out = base + (_VNI_TONE[tone] if tone else "")
    return out.upper() if upper else out


def to_vni(text: str) -> str:
    return "".join(ch if ch.isascii() else _vni_letter(ch) for ch in text)


# --- known pairs -------------------------------------------------------------------------------

TCVN3_PAIRS = [
    ("NguyÔn V¨n A", "Nguyễn Văn A"),
    ("Phßng", "Phòng"),
    ("§ç ThÞ Hßa", "Đỗ Thị Hòa"),
    ("Tr\u00adêng §¹i häc CÇn Th¬", "Trường Đại học Cần Thơ"),
    ("Hoµng ThÞ Thu H»ng", "Hoàng Thị Thu Hằng"),
    ("Lª Minh TuÊn", "Lê Minh Tuấn"),
    ("Ph¹m V¨n §ång", "Phạm Văn Đồng"),
    ("Hµ Néi", "Hà Nội"),
    ("Thµnh phè Hå ChÝ Minh", "Thành phố Hồ Chí Minh"),
    ("Ph\u00adêng Ninh KiÒu", "Phường Ninh Kiều"),
    ("Bïi ThÞ Ngäc Lan", "Bùi Thị Ngọc Lan"),
    ("§µ N½ng", "Đà Nẵng"),
    ("ViÖt Nam", "Việt Nam"),
    ("Tr\u00ad¬ng Quang Vinh", "Trương Quang Vinh"),
    ("D\u00ad¬ng Thuú Vy", "Dương Thuỳ Vy"),
    ("Lª", "Lê"),
    ("Ngäc", "Ngọc"),
    ("§Æng Quèc ViÖt, 12 ¢u C¬", "Đặng Quốc Việt, 12 Âu Cơ"),
    ("NGUYÔN V¡N A", "NGUYỄN VĂN A"),  # .VnTimeH all-caps: the lower-case codes drawn as capitals
    ("TR\u00adêNG §¹I HäC", "TRƯỜNG ĐẠI HỌC"),
]

VNI_PAIRS = [
    ("Nguyeãn Vaên A", "Nguyễn Văn A"),
    ("Tröôøng Ñaïi hoïc Caàn Thô", "Trường Đại học Cần Thơ"),
    ("Thaønh phoá Hoà Chí Minh", "Thành phố Hồ Chí Minh"),
    ("Haø Noäi", "Hà Nội"),
    ("Ñaø Naüng", "Đà Nẵng"),
    ("Nguyeãn Thò Minh Khai", "Nguyễn Thị Minh Khai"),
    ("Vieät Nam", "Việt Nam"),
    ("Phöôùc", "Phước"),
    ("Leâ Thò Myõ Leä", "Lê Thị Mỹ Lệ"),
    ("ÑOÃ THÒ HOØA", "ĐỖ THỊ HÒA"),
    ("Phaïm Vaên Ñoàng", "Phạm Văn Đồng"),
    ("Huyønh Taán Phaùt", "Huỳnh Tấn Phát"),
    ("Quaän 1, TP. Hoà Chí Minh", "Quận 1, TP. Hồ Chí Minh"),
]

VIQR_PAIRS = [
    ("Nguye^~n Va(n A", "Nguyễn Văn A"),
    ("Ho^` Chi' Minh", "Hồ Chí Minh"),
    ("Vie^.t Nam", "Việt Nam"),
    ("DDa` Na(~ng", "Đà Nẵng"),
    ("Tru+o+`ng DDa.i ho.c Ca^`n Tho+", "Trường Đại học Cần Thơ"),
    ("Pha.m Va(n DDo^`ng", "Phạm Văn Đồng"),
]


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_PAIRS)
def test_tcvn3_pairs(legacy: str, expected: str) -> None:
    assert detect_legacy(legacy) == LegacyText("TCVN3", expected)


@pytest.mark.parametrize(("legacy", "expected"), [p for p in TCVN3_PAIRS if p[1] != p[1].upper()])
def test_tcvn3_pairs_agree_with_the_inverse_table(legacy: str, expected: str) -> None:
    assert to_tcvn3(expected) == legacy


@pytest.mark.parametrize(("legacy", "expected"), VNI_PAIRS)
def test_vni_pairs(legacy: str, expected: str) -> None:
    assert detect_legacy(legacy) == LegacyText("VNI", expected)
    assert to_vni(expected) == legacy


@pytest.mark.parametrize(("legacy", "expected"), VIQR_PAIRS)
def test_viqr_pairs(legacy: str, expected: str) -> None:
    assert detect_legacy(legacy) == LegacyText("VIQR", expected)


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_PAIRS + VNI_PAIRS)
def test_nfd_legacy_text_reads_the_same(legacy: str, expected: str) -> None:
    # NFD (macOS) splits the Latin-1 letters ("ã" → "a" + U+0303); they are recomposed first
    result = detect_legacy(unicodedata.normalize("NFD", legacy))
    assert result is not None
    assert result.unicode == expected


# --- tables ------------------------------------------------------------------------------------

VIETNAMESE_LOWER = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
VIETNAMESE_LETTERS = VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper()
NON_ASCII_LOWER = "".join(ch for ch in VIETNAMESE_LOWER if not ch.isascii())


def test_tcvn3_table_covers_every_lower_case_letter_and_the_seven_plain_capitals() -> None:
    assert len(NON_ASCII_LOWER) == 67
    assert set(TCVN3_TO_UNICODE.values()) == set(NON_ASCII_LOWER) | set("ĂÂÊÔƠƯĐ")
    assert len(TCVN3_TO_UNICODE) == 74  # one code per letter, no duplicates
    assert all(0xA1 <= ord(code) <= 0xFE for code in TCVN3_TO_UNICODE)


@pytest.mark.parametrize(
    ("code", "letter"),
    [
        *[("¸", "á"), ("µ", "à"), ("\u00ad", "ư"), ("®", "đ"), ("§", "Đ"), ("×", "ì"), ("÷", "ữ")],
        *[("ý", "ý"), ("Ý", "í"), ("ó", "ú"), ("ï", "ù"), ("þ", "ỵ"), ("Ð", "é"), ("ß", "ò")],
    ],
)
def test_tcvn3_spot_checks(code: str, letter: str) -> None:
    assert TCVN3_TO_UNICODE[code] == letter


def test_vni_encoder_round_trips_every_letter() -> None:
    # every Vietnamese letter, VNI-encoded inside a syllable, reads back exactly
    for ch in NON_ASCII_LOWER + NON_ASCII_LOWER.upper():
        word = "đan" if ch == "đ" else "Đan" if ch == "Đ" else f"t{ch}n"
        assert detect_legacy(f"Nguyeãn {to_vni(word)}") == LegacyText("VNI", f"Nguyễn {word}")


# --- no false positives ------------------------------------------------------------------------


def _entries(block: str) -> list[str]:
    return [e.strip() for line in block.splitlines() for e in line.split("|") if e.strip()]


NAMES = _entries(
    """
Nguyễn Văn An | Trần Thị Bích Ngọc | Lê Hoàng Nam | Phạm Minh Tuấn | Hoàng Thị Thu Hằng
Huỳnh Tấn Phát | Phan Thanh Giản | Vũ Thị Hồng Nhung | Võ Nguyên Giáp | Đặng Thùy Trâm
Bùi Xuân Phái | Đỗ Mười | Hồ Xuân Hương | Ngô Bảo Châu | Dương Thu Hương | Lý Công Uẩn
Đoàn Thị Điểm | Trương Vĩnh Ký | Đinh Bộ Lĩnh | Lâm Tâm Như | Mai Phương Thúy | Trịnh Công Sơn
Hà Anh Tuấn | Tạ Quang Bửu | Cao Bá Quát | Lương Thế Vinh | Quách Thị Trang | Thái Thị Liên
Châu Văn Liêm | Kiều Minh Tuấn | Khổng Tú Quỳnh | Tôn Đức Thắng | Văn Cao | Mạc Đĩnh Chi
Ông Ích Khiêm | Âu Cơ | Ưng Hoàng Phúc | Ứng Văn Khiêm | Nguyễn Thị Ánh Tuyết | Lê Thị Ẩn
Phạm Ngọc Ẩn | Trần Ỷ Lan | Nguyễn Thị Ẽm | Vương Đình Huệ | Nguyễn Xuân Phúc | Phạm Nhật Vượng
Trần Đại Nghĩa | Nguyễn Thị Định | Lê Duẩn | Trường Chinh | Nguyễn Ái Quốc | Hồ Quý Ly
Nguyễn Trãi | Nguyễn Du | Trần Hưng Đạo | Lý Thường Kiệt | Ngô Quyền | Hai Bà Trưng | Bà Triệu
Lê Lợi | Quang Trung | Nguyễn Huệ | Nguyễn Đình Chiểu | Phan Bội Châu | Phan Châu Trinh
Huỳnh Thúc Kháng | Tố Hữu | Xuân Diệu | Huy Cận | Hàn Mặc Tử | Chế Lan Viên | Nam Cao
Vũ Trọng Phụng | Ngô Tất Tố | Tô Hoài | Nguyễn Tuân | Thạch Lam | Khái Hưng | Nhất Linh
Đặng Thái Sơn | Trịnh Thị Ngọ | Phạm Tuân | Lê Quý Đôn | Nguyễn Bỉnh Khiêm | Chu Văn An
Nguyễn Thị Minh Khai | Võ Thị Sáu | Nguyễn Văn Trỗi | Bế Văn Đàn | Phan Đình Phùng
Nguyễn Thị Kim Ngân | Tòng Thị Phóng | Ksor Phước Hà | Y Thanh Hà Niê Kđăm | Giàng A Páo
Sùng Thị Mỷ | Hoàng Thị Hoa Mỹ | Lò Văn Giàng | Mùa A Chử | Thào Thị Dở | Nông Đức Mạnh
Lục Văn Thưởng | Vi Thị Ngoan | Hứa Văn Đễ | Ma Thị Ngọc Hân | Ngụy Như Kon Tum | Trần Thị Mỵ
Đào Duy Từ | Nguyễn Khuyến | Dương Khuê | Phùng Khắc Khoan | Khúc Thừa Dụ | Kiều Công Tiễn
Lê Văn Hưu | Ngô Sĩ Liên | Quản Trọng Hoàng | Giáp Văn Cương | Ninh Văn Bảo | Ưu Đàm
Nguyễn Thị Xuyến | Trần Thị Ngoãn | Hoàng Văn Thụ | Lê Thị Riêng | Nguyễn Thị Thuỷ | Đặng Thị Huệ
"""
)

PLACES = _entries(
    """
Phường Ninh Kiều | Quận Ninh Kiều, Thành phố Cần Thơ | Hà Nội | Thành phố Hồ Chí Minh | Đà Nẵng
Hải Phòng | Huế | Nha Trang | Đà Lạt | Vũng Tàu | Phú Quốc | Hạ Long | Sa Pa | Điện Biên Phủ
Buôn Ma Thuột | Pleiku | Kon Tum | Quảng Ngãi | Quy Nhơn | Tuy Hòa | Phan Thiết | Biên Hòa
Thủ Dầu Một | Mỹ Tho | Bến Tre | Trà Vinh | Vĩnh Long | Sóc Trăng | Bạc Liêu | Cà Mau
Rạch Giá | Hà Tiên | Châu Đốc | Long Xuyên | Cao Lãnh | Tân An | Tây Ninh | Đồng Xoài
Bảo Lộc | Lạng Sơn | Cao Bằng | Hà Giang | Lào Cai | Yên Bái | Tuyên Quang | Thái Nguyên
Bắc Kạn | Bắc Giang | Bắc Ninh | Hưng Yên | Hải Dương | Thái Bình | Nam Định | Ninh Bình
Thanh Hóa | Nghệ An | Hà Tĩnh | Quảng Bình | Quảng Trị | Thừa Thiên Huế | Quảng Nam
Khánh Hoà | Ninh Thuận | Bình Thuận | Đắk Lắk | Đắk Nông | Lâm Đồng | Bình Phước | Bình Dương
Đồng Nai | Bà Rịa – Vũng Tàu | Long An | Tiền Giang | Hậu Giang | Kiên Giang | An Giang
Xã Ea Tiêu, huyện Cư Kuin | Phường Bến Nghé, Quận 1 | Số 12 ngõ 34 phố Huế | Ấp Mỹ Hoà
Thị trấn Củ Chi | Xã Ia Grai | Phường Phước Mỹ | Khu phố Ỷ La | Thôn Ngọc Lũ | Bản Lác
Phường Ô Chợ Dừa | Cù Lao Chàm | Côn Đảo | Mũi Né | Hội An | Mỹ Sơn | Hoà Lạc | Đường Lê Lợi
"""
)

PHRASES = _entries(
    """
Xin chào các bạn | Cảm ơn rất nhiều | Chúc mừng năm mới | Đại sứ số | Chuyển đổi số
Tiếng Việt có dấu | Điện thoại di động | Ngày sinh không hợp lệ | Trường Đại học Cần Thơ
Hợp tác xã nông nghiệp | Ủy ban nhân dân | Uỷ ban nhân dân tỉnh | Sở Thông tin và Truyền thông
Công ty TNHH Một thành viên | Người dùng đã đăng ký | Đã hoàn thành khoá học | Hoá đơn điện tử
Khỏe không? | Ổn định | Ươm mầm tài năng | Ừ, được rồi! | Ôi, đẹp quá! | Ở đâu cũng được
Ăn quả nhớ kẻ trồng cây | Uống nước nhớ nguồn | Gió đưa cành trúc la đà | Khuya rồi, ngủ đi
Nghiêng nước nghiêng thành | Thuở ấy | Khuỷu tay | Nguệch ngoạc | Ngoằn ngoèo | Khoèo chân
Quyết tâm | Tuyệt vời | Truyện Kiều | Xuyên suốt | Hươu cao cổ | Rượu cần | Bưởi Năm Roi
Ngoáy tai | Chuối tiêu | Khuấy bột | Giường tủ | Giữ gìn | Gửi thư | Kìa, mưa rồi
"""
)

# every vowel with every tone; the corpus also holds them upper-cased
DRILL = _entries(
    """
Bà bá bả bã bạ | Ăn rằng cắt hẳn sẵn mặt | Ấm ầm ẩm lẫn ậm ừ | Mè mé mẻ mẽ mẹ
Về lề thế để dễ mệt | Mì kí tỉ sĩ thị | Bò có nhỏ rõ họ | Hồ phố tổ đỗ cộng
Giờ mới ở vỡ chợ | Mù chú củ vũ trụ | Từ sức cử giữ sự | Kỳ ý kỷ Mỹ Mỵ | Ỳ Ý Ỷ Ỹ Ỵ
"""
)

OTHER = [
    "Nguyen Van A",
    "NGUYEN THI B",
    "John Smith",
    "Hello, world!",
    "12345",
    "0912 345 678",
    "+84 912 345 678",
    "2024-05-01",
    "3.14",
    "😀 🎉 👍",
    "Nguyễn 😀",
    "",
    "   ",
    "O'Brien",
    "Mary J. Blige",
    "What? Why? How?",
    "C++ / C#",
    "a+b = c^2",
    "rock 'n' roll",
    "Todd Eddie",
    "e.g. i.e. etc.",
    "I'm fine, don't worry.",
    "Coca-Cola® Việt Nam",
    "2×3 = 6",
    "½ kg gạo",
    "«Nguyễn»",
    "Số 5 · Phường 3",
    "© 2024 Đại sứ số",
    "§ 12 Luật Đất đai",
    "Ðặng Văn Lâm",  # Icelandic eth typed for Đ
    "Ðinh Tiên Hoàng",
]

WESTERN = [
    "Café Crème",
    "Crème brûlée",
    "Müller",
    "Peña",
    "Niño",
    "Señor Muñoz",
    "José Martí",
    "François Hollande",
    "Françoise Sagan",
    "Zoë",
    "Noël Coward",
    "Citroën",
    "Raphaël Varane",
    "Anaïs Nin",
    "Loïc",
    "Loïc Le Floch",
    "Héloïse",
    "naïve",
    "coût",
    "goût",
    "Maître d'hôtel",
    "Île-de-France",
    "Benoît",
    "Côte d'Ivoire",
    "Straße",
    "Haß",
    "Maß",
    "Jürgen Klopp",
    "Düsseldorf",
    "Göteborg",
    "Malmö",
    "Mesut Özil",
    "Björk Guðmundsdóttir",
    "Søren Kierkegaard",
    "Tromsø",
    "Bjørn",
    "Ærø",
    "Ångström",
    "Mån",
    "Søn",
    "São Paulo",
    "João",
    "Mãe",
    "Ñu",
    "Ñoño",
    "Dvořák",
    "Gérard Depardieu",
    "Renée Zellweger",
    "Chloë Grace Moretz",
    "Brontë",
    "Schrödinger",
    "Kämpfer",
    "Åsa",
    "Håkan",
    "Mª José",
    "Mª Carmen López",
    "Peter Lång",
    "Thaïlande",
]

CORPUS = NAMES + PLACES + PHRASES + DRILL + [s.upper() for s in NAMES[:60] + DRILL]
