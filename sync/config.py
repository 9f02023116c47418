"""`daisuso.toml`, loaded through pydantic-settings; `DAISUSO_<SECTION>__<KEY>` overrides any key."""

from __future__ import annotations

import os
import tomllib
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from rules.campaign import DEFAULTS, Campaign
from rules.messages import as_lang
from rules.values.old_communes import find_province_2025
from sync.config_messages import ENV_PREFIX, describe_errors
from sync.errors import ConfigError


def _whole_number(value: object) -> object:
    """Numbers are strict: `target = 2.000` is TOML's 2.0, not two thousand, and is refused."""
    if isinstance(value, float):
        thousands = value * 1000
        suggest = f"{round(thousands)}" if thousands.is_integer() else "…"
        typed = f"{value:.3f}" if thousands.is_integer() else repr(value)
        raise PydanticCustomError(
            "whole_number_decimal",
            "a whole number is expected",
            {"value": repr(value), "typed": typed, "suggest": suggest},
        )
    return value


Whole = Annotated[int, BeforeValidator(_whole_number)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SpreadsheetSettings(_Section):
    backend: Literal["xlsx", "google"] = "xlsx"
    path: str = "dai-su-so.xlsx"
    key: str = ""
    credentials: str = "credentials.json"


class CampaignSettings(_Section):
    province: str = DEFAULTS.province
    start: date = DEFAULTS.start
    deadline: date = DEFAULTS.deadline
    target: Annotated[Whole, Field(ge=0)] = DEFAULTS.target
    commune_quota: Annotated[Whole, Field(ge=0)] = DEFAULTS.commune_quota
    hamlet_quota: Annotated[Whole, Field(ge=0)] = DEFAULTS.hamlet_quota
    team_size: Annotated[Whole, Field(ge=1)] = DEFAULTS.team_size
    pace_tolerance: Annotated[float, Field(gt=0, le=1)] = DEFAULTS.pace_tolerance
    timezone: str = DEFAULTS.timezone

    @field_validator("province")
    @classmethod
    def _known_province(cls, value: str) -> str:
        match = find_province_2025(value)
        if match is None:
            raise PydanticCustomError("province_unknown", "not a province of the 2025 list")
        if match.merged_from:
            raise PydanticCustomError(
                "province_merged",
                "merged into another province in 2025",
                {"old": match.merged_from, "new": match.name},
            )
        return match.name

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise PydanticCustomError("timezone_unknown", "unknown time zone") from exc
        return value

    @model_validator(mode="after")
    def _deadline_after_start(self) -> CampaignSettings:
        if self.deadline <= self.start:
            raise PydanticCustomError("deadline_before_start", "deadline must be after start")
        return self

    def rules(self) -> Campaign:
        return Campaign(
            self.province, self.start, self.deadline, self.target, self.commune_quota,
            self.team_size, self.pace_tolerance, self.timezone, self.hamlet_quota,
        )  # fmt: skip


class WorkerSettings(_Section):
    every_minutes: Annotated[Whole, Field(ge=1)] = 10
    lang: Literal["vi", "en"] = "vi"
    state_dir: str = ".daisuso"  # snapshots, pending log rows; relative to the config file
    snapshot_days: Annotated[Whole, Field(ge=0)] = 30
    mass_delete_ratio: Annotated[float, Field(gt=0, le=1)] = 0.2
    log_keep: Annotated[Whole, Field(ge=1)] = 500


class GoogleSettings(_Section):
    max_attempts: Annotated[int, Field(ge=1, le=20)] = 6
    max_wait_seconds: Annotated[float, Field(ge=0)] = 120
    timeout_seconds: Annotated[float, Field(gt=0)] = 30
    requests_per_minute: Annotated[int, Field(ge=1, le=300)] = 60
    protect: Literal["enforce", "warning"] = "enforce"
    # Remember the layout (sheet ids, titles, sizes) between syncs: 1 read + 1 write instead
    # of 2 + 1 (a stale memory costs one extra read, never a wrong write). `fleet` always does.
    remember_layout: bool = True


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="forbid"
    )

    spreadsheet: SpreadsheetSettings = SpreadsheetSettings()
    campaign: CampaignSettings = CampaignSettings()
    worker: WorkerSettings = WorkerSettings()
    google: GoogleSettings = GoogleSettings()
    # Where the file was read from; relative paths in it are relative to its folder.
    base_dir: Path = Path(".")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (env_settings, init_settings)  # the environment overrides the file

    def resolve(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.base_dir / path

    @property
    def workbook_path(self) -> Path:
        return self.resolve(self.spreadsheet.path)

    @property
    def state_path(self) -> Path:
        return self.resolve(self.worker.state_dir)


def load_settings(path: Path) -> Settings:
    """Read and check the config; any bad key or value is a ConfigError naming it."""
    if not path.is_file():
        raise ConfigError(
            f"Không tìm thấy tệp cấu hình {path}. Chạy `daisuso demo` để có một tệp mẫu, hoặc chỉ đường dẫn bằng --config."
            f"\nConfig file {path} not found. Run `daisuso demo` for an example, or pass --config."
        )
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Tệp cấu hình {path} không đúng cú pháp TOML: {exc}") from exc
    lang = (
        data.get("worker", {}).get("lang", "vi") if isinstance(data.get("worker"), dict) else "vi"
    )
    lang = os.environ.get(f"{ENV_PREFIX}WORKER__LANG", lang)
    try:
        return Settings(**data, base_dir=path.resolve().parent)
    except ValidationError as exc:
        raise ConfigError(describe_errors(exc, path, as_lang(lang))) from exc
