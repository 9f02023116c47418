"""Demo hamlets: the `Ấp - Khu vực` list of every commune, and hamlets as ambassadors type them.

Cần Thơ style: a xã has `Ấp 1`…, or named ấp (`Ấp Thới Thuận A`, `Ấp Tân Lợi 1`); a
phường has `Khu vực 1`… (or `Khóm 1`… where the old Sóc Trăng style lives on), now and
then a named one (`Khu vực Bình Thường A`). 6 to 12 per commune. Each commune leaves
some of its hamlets unreached. Ambassadors type their hamlet the ways people do: `ấp
03`, `3`, `Ấp Ba`, `Ấp III`, `KV3`, `thoi thuan a`; a few type one that is not
listed, and some leave it blank.

Everything is drawn from its own `random.Random`, so the rest of the demo does not
depend on it: same seed, same hamlets.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from rules.contract import HAMLETS
from sync.demo.names import HAMLET_PARTS, fold
from sync.demo.workbook import Grid

SPOKEN = ("", "Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười",
          "Mười Một", "Mười Hai")  # fmt: skip
ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
ABBREVIATIONS = {"Khu vực": "KV", "Khu phố": "KP", "Tổ dân phố": "TDP"}
BLANK_RATE = 0.08  # ambassadors who leave `Ấp/Khu vực` blank
UNLISTED_RATE = 0.03  # ambassadors who type a hamlet their commune does not list


@dataclass(frozen=True)
class Hamlet:
    kind: str  # "Ấp", "Khu vực", "Khóm"
    base: str  # "3", "Thới Thuận A"
    quota: int | None  # None: blank, the config's hamlet_quota

    @property
    def name(self) -> str:
        return f"{self.kind} {self.base}"

    @property
    def number(self) -> int | None:
        return int(self.base) if self.base.isdigit() else None


@dataclass(frozen=True)
class CommuneHamlets:
    commune: str  # official name, e.g. "Xã Thới Lai"
    hamlets: tuple[Hamlet, ...]
    reached: tuple[int, ...]  # positions of the hamlets ambassadors come from

    @property
    def unreached(self) -> tuple[Hamlet, ...]:
        return tuple(h for i, h in enumerate(self.hamlets) if i not in self.reached)


class HamletGen:
    """Draws hamlet lists and typed hamlets from one `random.Random`."""

    def __init__(self, seed: int, blank_rate: float = BLANK_RATE) -> None:
        self.rng = random.Random(f"hamlets:{seed}")
        self.blank_rate = blank_rate

    def listing(self, commune: str, ward: bool) -> CommuneHamlets:
        rng = self.rng
        k = rng.randint(6, 12)
        kind = ("Khóm" if rng.random() < 0.25 else "Khu vực") if ward else "Ấp"
        bases = self._bases(k, named=not ward and rng.random() < 0.6, ward=ward)
        hamlets = tuple(Hamlet(kind, base, self._quota()) for base in bases)
        reached = sorted(rng.sample(range(k), max(1, round(k * rng.uniform(0.6, 0.9)))))
        return CommuneHamlets(commune, hamlets, tuple(reached))

    def _bases(self, k: int, *, named: bool, ward: bool) -> list[str]:
        rng = self.rng
        numbered = [str(i) for i in range(1, k + 1)]
        if not named:
            if ward and rng.random() < 0.2:  # "Khu vực Bình Thường A" beside the numbered ones
                part = rng.choice(HAMLET_PARTS)
                return [*numbered[: k - 2], f"{part} A", f"{part} B"]
            return numbered
        bases: list[str] = []
        for part in rng.sample(HAMLET_PARTS, k):
            if len(bases) >= k:
                break
            split = rng.random()
            if split < 0.2 and len(bases) + 2 <= k:  # "Thới Thuận A", "Thới Thuận B"
                bases += [f"{part} A", f"{part} B"]
            elif split < 0.3 and len(bases) + 2 <= k:  # "Tân Lợi 1", "Tân Lợi 2"
                bases += [f"{part} 1", f"{part} 2"]
            else:
                bases.append(part)
        return bases[:k]

    def _quota(self) -> int | None:
        r = self.rng.random()
        return None if r < 0.85 else 2 if r < 0.97 else 3

    def typed(self, listing: CommuneHamlets) -> str | None:
        """The hamlet an ambassador of this commune types: mostly a reached one, in a variant."""
        rng = self.rng
        r = rng.random()
        if r < self.blank_rate:
            return None
        if r < self.blank_rate + UNLISTED_RATE:
            return self.unlisted(listing)
        return self.variant(listing.hamlets[rng.choice(listing.reached)])

    def unlisted(self, listing: CommuneHamlets) -> str:
        """A hamlet the commune does not list: a number past the last, or a name it lacks."""
        kind = listing.hamlets[0].kind
        numbers = [h.number for h in listing.hamlets if h.number is not None]
        if numbers:
            return f"{kind} {max(numbers) + self.rng.randint(1, 3)}"
        listed = {fold(h.base) for h in listing.hamlets}
        spare = [p for p in HAMLET_PARTS if fold(p) not in listed]
        return f"{kind} {self.rng.choice(spare)}"

    def variant(self, hamlet: Hamlet) -> str:
        """`hamlet` as people type it; every variant matches it under the contract's rules."""
        rng = self.rng
        kind, base, number = hamlet.kind, hamlet.base, hamlet.number
        forms = [hamlet.name, hamlet.name, base, fold(hamlet.name), hamlet.name.upper()]
        if number is not None:
            forms += [f"{kind.lower()} {number:02d}", f"{kind} số {number}"]
            if number < len(SPOKEN):
                forms += [f"{kind} {SPOKEN[number]}", f"{kind} {ROMAN[number]}"]
        if kind in ABBREVIATIONS:
            short = ABBREVIATIONS[kind]
            forms += [
                f"{short}{base}" if number is not None else f"{short} {base}",
                f"{short}.{base}",
            ]
        return rng.choice(forms)


def hamlet_grid(listings: list[CommuneHamlets]) -> Grid:
    """The `Ấp - Khu vực` tab: header row, then one row per hamlet."""
    rows: Grid = [list(HAMLETS.headers)]
    for listing in listings:
        rows += [[listing.commune, h.name, h.quota] for h in listing.hamlets]
    return rows
