"""Realistic Vietnamese values for the demo workbook (see ``sync.demo.data``).

Pools of names, occupations, hamlets, topics, phone prefixes (weighted where the
real-world distribution is far from uniform) and communes, and ``ValueGen`` that
draws from them.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta

# Family names with rough relative frequencies (Nguyễn is about 38 % of the population).
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Huỳnh", 5),
    ("Võ", 4),
    ("Phan", 4),
    ("Trương", 2),
    ("Bùi", 2),
    ("Đặng", 2),
    ("Đỗ", 2),
    ("Ngô", 2),
    ("Hồ", 2),
    ("Dương", 2),
    ("Lý", 2),
    ("Châu", 1),
    ("Lâm", 1),
    ("Thạch", 1),
    ("Danh", 1),
    ("Tô", 1),
    ("Mai", 1),
)

MIDDLE_MALE: tuple[str, ...] = (
    "Văn",
    "Văn",
    "Văn",
    "Hoàng",
    "Minh",
    "Quốc",
    "Thanh",
    "Hữu",
    "Công",
    "Đức",
    "Tấn",
    "Thành",
    "Trọng",
)
MIDDLE_FEMALE: tuple[str, ...] = (
    "Thị",
    "Thị",
    "Thị",
    "Thị",
    "Ngọc",
    "Minh",
    "Thanh",
    "Kim",
    "Thu",
    "Hồng",
    "Mỹ",
    "Bảo",
)
GIVEN_MALE: tuple[str, ...] = (
    "An", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Hải", "Hiếu", "Hòa", "Hùng",
    "Huy", "Khang", "Khánh", "Khoa", "Kiệt", "Lâm", "Long", "Luân", "Minh", "Nam",
    "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Quang", "Sang", "Sơn", "Tài", "Tâm",
    "Thắng", "Thiện", "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Việt", "Vinh", "Vũ",
)  # fmt: skip
GIVEN_FEMALE: tuple[str, ...] = (
    "Anh", "Bích", "Châu", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng",
    "Hiền", "Hoa", "Hồng", "Hương", "Lan", "Linh", "Loan", "Mai", "My", "Nga",
    "Ngân", "Nhi", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thanh", "Thủy",
    "Thư", "Tiên", "Trâm", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Yến",
)  # fmt: skip

OCCUPATIONS: tuple[str, ...] = (
    "Công chức văn hóa - xã hội",
    "Công chức văn phòng - thống kê",
    "Công chức tư pháp - hộ tịch",
    "Trưởng ấp",
    "Phó trưởng ấp",
    "Trưởng khu vực",
    "Bí thư chi bộ ấp",
    "Đoàn viên thanh niên",
    "Bí thư chi đoàn",
    "Chi hội trưởng phụ nữ",
    "Hội viên Hội Cựu chiến binh",
    "Giáo viên",
    "Nhân viên y tế ấp",
    "Công an xã",
    "Tổ trưởng tổ nhân dân tự quản",
    "Sinh viên",
    "Tiểu thương",
    "Nông dân",
    "Nhân viên bưu điện",
    "Cán bộ hưu trí",
)

# Given parts of hamlet names ("Ấp Thới Hòa"); wards use "Khu vực N".
HAMLET_PARTS: tuple[str, ...] = (
    "Thới Hòa", "Thới Thuận", "Thới Bình", "Tân Lợi", "Tân Phú", "Tân Thạnh", "Mỹ Hòa",
    "Mỹ Phú", "Long Thạnh", "Long Hòa", "Phú Lợi", "Phú Thạnh", "Nhơn Lộc", "Nhơn Thọ",
    "Trường Hòa", "Thạnh Lợi", "Vĩnh Lộc", "Bình Hòa", "An Hòa", "Hòa Long", "Đông Bình",
    "Kinh Mới", "Rạch Sung", "Cái Tắc", "Xẻo Mây", "Bờ Bao", "Ngã Tư", "Chợ",
)  # fmt: skip

TRAINING_TOPICS: tuple[str, ...] = (
    "Cài đặt và sử dụng VNeID",
    "Kích hoạt tài khoản định danh điện tử mức 2",
    "Dịch vụ công trực tuyến",
    "Kỹ năng số cơ bản",
    "Thanh toán không dùng tiền mặt",
    "An toàn thông tin, phòng chống lừa đảo trực tuyến",
    "Sử dụng Zalo và mạng xã hội an toàn",
    "Hướng dẫn nộp hồ sơ trên Cổng dịch vụ công quốc gia",
    "Thương mại điện tử cho hộ kinh doanh",
)

NOTES: tuple[str, ...] = (
    "Đã kích hoạt VNeID mức 2",
    "Hỗ trợ người cao tuổi",
    "Nhiệt tình",
    "Có điện thoại thông minh",
    "Tham gia tổ công nghệ số cộng đồng",
    "Đề nghị bổ sung tài liệu",
)

# Current 10-digit mobile prefixes (2025) with rough market weights per carrier. Only the
# allocated blocks of 089 (0896-0899) and 099 (not 0992), as in libphonenumber's metadata.
MOBILE_PREFIXES: tuple[tuple[str, float], ...] = (
    # Viettel
    *((p, 6) for p in ("086", "096", "097", "098")),
    *((p, 4) for p in ("032", "033", "034", "035", "036", "037", "038", "039")),
    # Vinaphone
    *((p, 3) for p in ("088", "091", "094", "081", "082", "083", "084", "085")),
    # Mobifone
    *((p, 3) for p in ("090", "093", "070", "076", "077", "078", "079")),
    *((p, 1) for p in ("0896", "0897", "0898", "0899")),
    # Vietnamobile, Gmobile
    *((p, 1) for p in ("092", "056", "058", "059")),
    *((p, 0.2) for p in ("0990", "0991", "0993", "0994", "0995", "0996", "0997", "0998", "0999")),
)

# Pre-2018 11-digit prefixes (016x Viettel, 012x Vinaphone/Mobifone, 018x, 0199).
OLD_11_DIGIT_PREFIXES: tuple[str, ...] = (
    "0162", "0163", "0164", "0165", "0166", "0167", "0168", "0169",
    "0120", "0121", "0122", "0123", "0124", "0125", "0126", "0127", "0128", "0129",
    "0186", "0188", "0199",
)  # fmt: skip

CAN_THO = "Thành phố Cần Thơ"
SCHOOL = "Trường Chính trị thành phố Cần Thơ"
VIETTEL = "Viettel Cần Thơ"


@functools.cache
def province_communes(province: str = CAN_THO) -> tuple[str, ...]:
    """Official commune/ward names of a province, inner whitespace collapsed."""
    from vietnam_provinces import Province, Ward

    for p in Province.iter_all():
        if p.name == province:
            return tuple(" ".join(w.name.split()) for w in Ward.iter_by_province(p.code))
    raise LookupError(f"no province named {province!r}")


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    exact = [total * w / s for w in weights]
    out = [math.floor(x) for x in exact]
    for i in sorted(range(len(out)), key=lambda i: out[i] - exact[i])[: total - sum(out)]:
        out[i] += 1
    return out


def fold(text: str) -> str:
    """Accent-, case- and whitespace-insensitive key (``Đ`` folds to ``d``)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


class ValueGen:
    """Random people, phones and days; every draw goes through one ``random.Random``."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used_phones: set[str] = set()
        self.used_emails: set[str] = set()
        self.families = [n for n, _ in FAMILY_NAMES]
        self.family_cw = list(itertools.accumulate(w for _, w in FAMILY_NAMES))
        self.prefixes = [p for p, _ in MOBILE_PREFIXES]
        self.prefix_cw = list(itertools.accumulate(w for _, w in MOBILE_PREFIXES))

    def person(self) -> tuple[str, str, str, str]:
        """(full name, gender, family name, given name)."""
        rng = self.rng
        female = rng.random() < 0.52
        family = rng.choices(self.families, cum_weights=self.family_cw)[0]
        middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        if given == middle:
            middle = "Thị" if female else "Văn"
        return f"{family} {middle} {given}", ("Nữ" if female else "Nam"), family, given

    def phone(self) -> str:
        """A new, unique, valid 10-digit mobile number ``0xxxxxxxxx``."""
        rng = self.rng
        while True:
            p = rng.choices(self.prefixes, cum_weights=self.prefix_cw)[0]
            k = 10 - len(p)
            p += f"{rng.randrange(10**k):0{k}d}"
            if p not in self.used_phones:
                self.used_phones.add(p)
                return p

    def old_phone(self) -> str:
        """A pre-2018 11-digit mobile number, no longer valid."""
        return self.rng.choice(OLD_11_DIGIT_PREFIXES) + f"{self.rng.randrange(10**7):07d}"

    def typed_phone(self, p: str) -> str:
        """``p`` as people type it: mostly as is, sometimes spaced, dotted or +84."""
        r = self.rng.random()
        if r < 0.90:
            return p
        if r < 0.95:
            return f"{p[:4]} {p[4:7]} {p[7:]}"
        if r < 0.975:
            return f"{p[:4]}.{p[4:7]}.{p[7:]}"
        return f"+84 {p[1:4]} {p[4:7]} {p[7:]}"

    def day(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=self.rng.randrange((hi - lo).days + 1))

    def hamlets(self, ward: bool) -> list[str]:
        """4 to 9 hamlet names of one commune: "Khu vực 3" in wards, "Ấp Thới Hòa" or "Ấp 2"."""
        k = self.rng.randint(4, 9)
        if ward:
            return [f"Khu vực {i}" for i in range(1, k + 1)]
        if self.rng.random() < 0.3:
            return [f"Ấp {i}" for i in range(1, k + 1)]
        return [f"Ấp {h}" for h in self.rng.sample(HAMLET_PARTS, k)]

    def email(self, name: str, family: str, given: str, org: str) -> str:
        """A unique address: Viettel style ``annv@viettel.com.vn``, else a gmail one."""
        if org == VIETTEL:  # given name + initials of the other words
            local = fold(given) + "".join(fold(w)[0] for w in name.split()[:-1])
        else:
            local = f"{fold(given)}.{fold(family)}{self.rng.randrange(70, 100)}"
        local = local.replace(" ", "")
        while local in self.used_emails:
            local += str(self.rng.randrange(10))
        self.used_emails.add(local)
        return f"{local}@{'viettel.com.vn' if org == VIETTEL else 'gmail.com'}"

    def typo(self, text: str, taken: set[str]) -> str:
        """``text`` with one letter dropped or changed, its fold not in ``taken``."""
        rng, words = self.rng, len(text.split())
        for _ in range(100):
            chars = list(text)
            i = rng.choice([i for i, ch in enumerate(chars) if ch.isalpha()])
            if rng.random() < 0.5:
                del chars[i]
            else:
                chars[i] = rng.choice([x for x in "abcdeghiklmnoprstuvy" if x != fold(chars[i])])
            cand = "".join(chars)
            if len(cand.split()) == words and fold(cand) not in taken and fold(cand) != fold(text):
                return cand
        return text + "z"

    def occupation(self, birth_year: int, gender: str) -> str:
        """An occupation that fits the person's age and gender."""
        while True:
            job = self.rng.choice(OCCUPATIONS)
            if job == "Sinh viên" and birth_year < 2000:
                continue
            if job == "Cán bộ hưu trí" and birth_year > 1965:
                continue
            if "phụ nữ" in job and gender != "Nữ":
                continue
            return job
