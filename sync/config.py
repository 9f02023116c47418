"""`daisuso.toml`, loaded through pydantic-settings; `DAISUSO_<SECTION>__<KEY>` overrides any key."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from rules.campaign import DEFAULTS, Campaign
from rules.values.communes import find_province
from sync.errors import ConfigError

ENV_PREFIX = "DAISUSO_"


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
    target: Annotated[int, Field(ge=0)] = DEFAULTS.target
    commune_quota: Annotated[int, Field(ge=0)] = DEFAULTS.commune_quota
    hamlet_quota: Annotated[int, Field(ge=0)] = DEFAULTS.hamlet_quota
    team_size: Annotated[int, Field(ge=1)] = DEFAULTS.team_size
    pace_tolerance: Annotated[float, Field(gt=0, le=1)] = DEFAULTS.pace_tolerance
    timezone: str = DEFAULTS.timezone

    @field_validator("province")
    @classmethod
    def _known_province(cls, value: str) -> str:
        province = find_province(value)
        if province is None:
            raise ValueError("not a province or centrally-run city of the 2025 list")
        return province.name

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("unknown time zone") from exc
        return value

    @model_validator(mode="after")
    def _deadline_after_start(self) -> CampaignSettings:
        if self.deadline <= self.start:
            raise ValueError("deadline must be after start")
        return self

    def rules(self) -> Campaign:
        return Campaign(
            self.province, self.start, self.deadline, self.target, self.commune_quota,
            self.team_size, self.pace_tolerance, self.timezone, self.hamlet_quota,
        )  # fmt: skip


class WorkerSettings(_Section):
    every_minutes: Annotated[int, Field(ge=1)] = 10
    lang: Literal["vi", "en"] = "vi"
    state_dir: str = ".daisuso"  # snapshots, pending log rows; relative to the config file
    snapshot_days: Annotated[int, Field(ge=0)] = 30
    mass_delete_ratio: Annotated[float, Field(gt=0, le=1)] = 0.2
    log_keep: Annotated[int, Field(ge=1)] = 500


class GoogleSettings(_Section):
    max_attempts: Annotated[int, Field(ge=1, le=20)] = 6
    max_wait_seconds: Annotated[float, Field(ge=0)] = 120
    timeout_seconds: Annotated[float, Field(gt=0)] = 30
    requests_per_minute: Annotated[int, Field(ge=1, le=300)] = 60
    protect: Literal["enforce", "warning"] = "enforce"


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
    try:
        return Settings(**data, base_dir=path.resolve().parent)
    except ValidationError as exc:
        raise ConfigError(describe_errors(exc, path, "en" if lang == "en" else "vi")) from exc


def describe_errors(exc: ValidationError, path: Path, lang: str) -> str:
    lines = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        if loc and loc[-1] in ("function-after", "function-before"):
            loc = loc[:-1]
        key = ".".join(loc) or "(gốc)"
        env = ENV_PREFIX + "__".join(part.upper() for part in loc)
        if error["type"] == "extra_forbidden":
            text = (f"Unknown config key {key} (in {path} or {env})" if lang == "en"
                    else f"Khóa cấu hình không hợp lệ: {key} (trong {path} hoặc {env})")  # fmt: skip
        else:
            value = error.get("input")
            shown = f" = {value!r}" if not isinstance(value, dict) else ""
            reason = str(error["msg"]).removeprefix("Value error, ")
            text = (f"Bad config value {key}{shown}: {reason} (in {path} or {env})" if lang == "en"
                    else f"Giá trị cấu hình không hợp lệ: {key}{shown}: {reason} (trong {path} hoặc {env})")  # fmt: skip
        lines.append(text)
    return "\n".join(lines)


def render_toml(settings: Settings) -> str:
    """A commented config file for `demo` and `init`."""
    import tomli_w

    data = settings.model_dump(mode="python", exclude={"base_dir"})
    return tomli_w.dumps(data)
