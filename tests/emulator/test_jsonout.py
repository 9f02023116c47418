"""The emulator's fast indented JSON is byte for byte `json.dumps(indent=2)`."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from sync.emulator.jsonout import dumps

SCALARS: list[Any] = ["", "Đại sứ số", 'a "b", c\n', "\u2028", 0, -7, 10**20, 0.1, 1e-300,
                      float("nan"), float("inf"), True, False, None]  # fmt: skip


def random_json(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.4:
        return rng.choice(SCALARS)
    size = rng.choice([0, 1, 2, 5])
    if roll < 0.7:
        return [random_json(rng, depth + 1) for _ in range(size)]
    keys: list[Any] = ["k", "sheetId", "Tên", 3, 2.5, True, None]
    return {rng.choice(keys): random_json(rng, depth + 1) for _ in range(size)}


@pytest.mark.parametrize("seed", range(300))
def test_same_text_as_the_standard_encoder(seed: int) -> None:
    value = random_json(random.Random(seed))
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_an_answer_like_google_s() -> None:
    answer = {
        "spreadsheetId": "x",
        "valueRanges": [{"range": "'Tổ'!A1:F3", "majorDimension": "ROWS",
                         "values": [["Mã tổ", "Họ và tên"], ["T01", 12, 3.5, True], []]}],
        "sheets": [{"data": [{"rowMetadata": [{}, {"hiddenByUser": True}, {}]}]}],
        "tuple": ("a", 1),
    }  # fmt: skip
    assert dumps(answer) == json.dumps(answer, ensure_ascii=False, indent=2)
