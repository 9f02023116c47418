"""Every catalog speaks both languages, with the same placeholders, for every key."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from rules import messages as domain
from rules import summary
from rules.issues import WARNING_CODES, IssueCode, Severity
from rules.quota import STATUS_EN, Status
from sync import messages as operational

Pair = tuple[str, str]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


CATALOGS: dict[str, dict[object, Pair]] = {
    "issues": dict(domain.ISSUE_MESSAGES),
    "domain text": dict(domain.TEXT),
    "summary labels": dict(summary.LABELS),
    "alert text": dict(domain.ALERT_MESSAGES),
    "chart titles": dict(domain.CHART_TITLES),
    "operational": dict(operational.CATALOG),
}


@pytest.mark.parametrize("name", sorted(CATALOGS))
def test_every_key_has_vietnamese_and_english_with_the_same_placeholders(name: str) -> None:
    for key, (vi, en) in CATALOGS[name].items():
        assert vi.strip() and en.strip(), (name, key)
        assert _fields(vi) == _fields(en), (name, key)


def test_every_issue_code_has_a_message() -> None:
    assert set(domain.ISSUE_MESSAGES) == set(IssueCode)


def test_every_operational_message_key_has_text() -> None:
    assert set(operational.CATALOG) == set(operational.Msg)


ROOT = Path(__file__).resolve().parents[2]
# The only modules that may hold sentences or choose between the two languages.
CATALOG_MODULES = {
    "rules/messages.py",
    "sync/messages.py",
    "sync/messages_google.py",
    "sync/messages_xlsx.py",
}
LANGUAGE_CHOICE = re.compile(
    r"\bin_lang\(|\blang\s*[!=]=\s*([\"']|Lang\.)|[\"'](en|vi)[\"']\s*[!=]=\s*[\w.]*lang\b"
)


def test_sentences_are_chosen_by_language_only_in_the_catalogs() -> None:
    choices = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("sync", "rules")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in CATALOG_MODULES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LANGUAGE_CHOICE.search(line)
    ]
    assert choices == [], "say(Msg.X, lang, ...) with the text in the catalog instead"


# Joining a Vietnamese and an English sentence prints both whatever the configured language.
BILINGUAL_JOIN = re.compile(r"\bboth\(")


def test_no_message_is_printed_in_both_languages_at_once() -> None:
    joins = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "sync").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BILINGUAL_JOIN.search(line)
    ]
    assert joins == [], "say(Msg.X, lang, ...) speaks the configured language only"
    assert BILINGUAL_JOIN.search('both("Tệp", "File")')


def test_the_language_choice_pattern_sees_what_it_forbids() -> None:
    for line in (
        'in_lang(lang, "a", "b")',
        'if lang == "en":',
        "x if self.lang != 'vi'",
        "lang == Lang.EN",
    ):
        assert LANGUAGE_CHOICE.search(line), line
    assert not LANGUAGE_CHOICE.search('say(Msg.LOG_OK, lang="en")')


def test_vietnamese_text_carries_diacritics() -> None:
    # Vietnamese by default means Vietnamese with its accents, not ASCII stand-ins.
    for key, (vi, _) in domain.ISSUE_MESSAGES.items():
        assert any(ord(ch) > 127 for ch in vi), key


def test_statuses_have_english_names_and_warnings_are_known_codes() -> None:
    assert set(STATUS_EN) == set(Status)
    assert all(isinstance(code, IssueCode) for code in WARNING_CODES)
    assert {Severity.ERROR, Severity.WARNING} == set(Severity)


def test_the_language_switch_is_an_enum() -> None:
    assert domain.pick(("vi", "en"), domain.Lang.EN) == "en"
    assert domain.pick(("vi", "en"), domain.Lang.VI) == "vi"
    assert domain.pick(("vi", "en"), "vi") == "vi"
