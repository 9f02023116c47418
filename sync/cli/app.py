"""The `daisuso` command line, and the one place where real objects are built (composition root)."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal, TypeVar
from zoneinfo import ZoneInfo

import typer
from rich.console import Console

from rules.messages import as_lang
from rules.summary import report_json
from sync.bootstrap import build_service
from sync.cli.common import TodayOpt, parse_today
from sync.cli.render import coordinator_table, issue_lines, totals_line
from sync.errors import ConfigError, DaisusoError
from sync.messages import Msg, say
from sync.ports import Capability
from sync.store.snapshots import export_xlsx

app = typer.Typer(
    help="daisuso — đồng bộ bảng tính Đại sứ số: kiểm tra dữ liệu các tổ, tính chỉ tiêu và tiến độ, ghi các tab tổng hợp.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
log = logging.getLogger("daisuso")

ConfigOpt = Annotated[Path, typer.Option("--config", "-c", help="Tệp cấu hình / config file.")]
PersonalOpt = Annotated[
    bool,
    typer.Option("--show-personal-data", help="Hiện đủ số điện thoại / show full phone numbers."),
]
DEFAULT_CONFIG = Path("daisuso.toml")
T = TypeVar("T")


def _err(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def _exit_codes() -> Iterator[None]:
    """Every failure becomes its documented exit code and a message on stderr."""
    try:
        yield
    except DaisusoError as exc:
        _err(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except typer.Exit:
        raise
    except Exception as exc:  # anything unexpected: exit 1, with the reason
        _err(f"Lỗi không mong đợi / unexpected error: {type(exc).__name__}: {exc}")
        raise typer.Exit(1) from None


# ---- commands ---------------------------------------------------------------------------------


@app.command()
def demo(
    folder: Annotated[
        Path, typer.Argument(help="Thư mục ghi bảng tính mẫu / folder for the demo.")
    ] = Path("daisuso-demo"),
    seed: Annotated[int, typer.Option(help="Hạt giống ngẫu nhiên / random seed.")] = 2025,
    today: TodayOpt = None,
    lang: Annotated[str, typer.Option(help="vi | en")] = "vi",
    force: Annotated[bool, typer.Option("--force", help="Ghi đè bản demo cũ / overwrite.")] = False,
) -> None:
    """Viết bảng tính mẫu (chiến dịch Cần Thơ) và daisuso.toml, rồi đồng bộ một lần."""
    from sync.demo.write import CONFIG, WORKBOOK, write_demo

    with _exit_codes():
        as_of = parse_today(today) or datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
        if not force and ((folder / WORKBOOK).exists() or (folder / CONFIG).exists()):
            raise ConfigError(
                f"{folder} đã có bản demo; dùng --force để ghi đè. / {folder} already holds a demo; use --force."
            )
        workbook, config, stats = write_demo(folder, as_of=as_of, seed=seed, lang=as_lang(lang))
        service = build_service(config, os.environ)
        result = service.sync(as_of)
        console = Console()
        coordinator_table(result.report, console, service.lang)
        console.print(
            f"{workbook} · {config} · {stats.ambassadors_rows} + {stats.training_rows} rows · {result.seconds:.2f} s"
        )


@app.command()
def init(
    config: ConfigOpt = DEFAULT_CONFIG,
    province: Annotated[
        str,
        typer.Option(help="Tỉnh/thành phố (khi chưa có cấu hình) / province, for a new config."),
    ] = "Cần Thơ",
    path: Annotated[
        str | None, typer.Option("--path", help="Bảng tính .xlsx / the .xlsx workbook.")
    ] = None,
    key: Annotated[
        str | None, typer.Option("--key", help="Mã bảng tính Google / Google spreadsheet key.")
    ] = None,
    lang: Annotated[str, typer.Option(help="vi | en")] = "vi",
) -> None:
    """Tạo daisuso.toml nếu chưa có, rồi tạo các tab còn thiếu cùng tiêu đề và danh sách chọn."""
    from sync.app.init_plan import init_plan
    from sync.app.starter import starter_config

    with _exit_codes():
        if not config.exists():
            lang = as_lang(lang)
            starter_config(config, province=province, workbook=path, key=key, lang=lang)
            typer.echo(say(Msg.INIT_CONFIG_WRITTEN, lang, config=config))
        service = build_service(config, os.environ)
        backend = service.backend
        if Capability.CREATE in backend.capabilities and not backend.exists():
            backend.create()
        with backend.open() as book:
            report = book.init(
                init_plan(
                    service.directory,
                    book,
                    protect_warning_only=service.settings.google.protect == "warning",
                )
            )
        created = ", ".join(report.created_tabs) or "—"
        typer.echo(f"Đã tạo tab / tabs created: {created}")
        for note in report.notes:
            typer.echo(note)


@app.command()
def validate(
    config: ConfigOpt = DEFAULT_CONFIG,
    today: TodayOpt = None,
    format: Annotated[
        Literal["text", "json"], typer.Option("--format", help="text | json")
    ] = "text",
    show_personal_data: PersonalOpt = False,
) -> None:
    """Đọc và kiểm tra toàn bộ dữ liệu, in báo cáo; không ghi gì."""
    with _exit_codes():
        service = build_service(config, os.environ, show_personal=show_personal_data)
        report = service.validate(parse_today(today))
        if format == "json":
            data = report_json(report, lang=service.lang, show_personal=show_personal_data)
            typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
            return
        for line in issue_lines(report, service.lang, show_personal=show_personal_data):
            typer.echo(line)
        typer.echo(totals_line(report, service.lang))


@app.command()
def sync(
    config: ConfigOpt = DEFAULT_CONFIG,
    today: TodayOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ nói sẽ ghi gì / say what would be written.")
    ] = False,
    show_personal_data: PersonalOpt = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Chấp nhận tab nhập liệu trống hẳn / accept an emptied entry tab."
        ),
    ] = False,
) -> None:
    """Một lần đồng bộ: đọc, kiểm tra, ghi các tab tổng hợp."""
    with _exit_codes():
        service = build_service(config, os.environ, show_personal=show_personal_data)
        result = service.sync(parse_today(today), dry_run=dry_run, force=force)
        if dry_run:
            for table in result.plan.tables:
                typer.echo(f"{table.title}: {len(table.rows)} dòng / rows")
            typer.echo(f"{result.plan.log_title}: +{len(result.plan.log_rows)} dòng / rows")
        typer.echo(totals_line(result.report, service.lang))


@app.command()
def run(config: ConfigOpt = DEFAULT_CONFIG, today: TodayOpt = None) -> None:
    """Tiến trình chạy nền: đồng bộ mỗi every_minutes phút cho đến khi nhận SIGINT/SIGTERM."""
    from sync.app.worker import Worker, campaign_clock, campaign_formatter, install_signal_handlers

    with _exit_codes():
        service = build_service(config, os.environ)
        as_of = parse_today(today)
        zone = ZoneInfo(service.settings.campaign.timezone)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(campaign_formatter(zone))
        logging.basicConfig(level=logging.INFO, handlers=[handler])

        def job() -> None:
            result = service.sync(as_of)
            log.info("%s", totals_line(result.report, service.lang))

        worker = Worker(
            job,
            service.settings.worker.every_minutes,
            clock=campaign_clock(zone),
            sleep=time.sleep,
            lang=service.lang,
        )
        install_signal_handlers(worker)
        worker.run()


@app.command()
def doctor(config: ConfigOpt = DEFAULT_CONFIG) -> None:
    """Kiểm tra cấu hình, khóa truy cập, quyền vào bảng tính, các tab và tiêu đề; nói cách sửa."""
    from sync.app.doctor import run_doctor

    with _exit_codes():
        code = run_doctor(config, dict(os.environ), typer.echo)
        raise typer.Exit(code)


@app.command()
def snapshots(config: ConfigOpt = DEFAULT_CONFIG) -> None:
    """Liệt kê các bản lưu (snapshot) của tab nhập liệu, mới nhất ở cuối."""
    with _exit_codes():
        service = build_service(config, os.environ)
        store = service.snapshots
        assert store is not None
        found = store.all()
        if not found:
            typer.echo("Chưa có bản lưu nào. / No snapshots yet.")
        for info in found:
            counts = ", ".join(f"{tab}: {rows}" for tab, rows in info.rows.items())
            typer.echo(f"{info.name}  {info.taken:%d/%m/%Y %H:%M:%S}  {counts}")


@app.command()
def restore(
    snapshot: Annotated[
        str, typer.Argument(help="Tên bản lưu (xem `daisuso snapshots`) / snapshot name.")
    ],
    to: Annotated[
        Path, typer.Option("--to", help="Tệp .xlsx mới để ghi ra / new .xlsx file to write.")
    ],
    config: ConfigOpt = DEFAULT_CONFIG,
) -> None:
    """Xuất một bản lưu ra tệp .xlsx riêng; không bao giờ ghi vào bảng tính đang dùng."""
    with _exit_codes():
        service = build_service(config, os.environ)
        store = service.snapshots
        assert store is not None
        live = service.settings.workbook_path.resolve()
        if to.suffix.lower() != ".xlsx":
            raise ConfigError(f"--to phải là tệp .xlsx: {to} / --to must be an .xlsx file.")
        if to.resolve() == live and service.settings.spreadsheet.backend == "xlsx":
            raise ConfigError(
                f"--to không được là bảng tính đang dùng ({live}). / --to must not be the live workbook."
            )
        if to.exists():
            raise ConfigError(
                f"{to} đã tồn tại; chọn tên khác. / {to} exists; choose another name."
            )
        names = [info.name for info in store.all()]
        if snapshot not in names:
            known = ", ".join(names[-5:]) or "—"
            raise ConfigError(
                f"Không có bản lưu '{snapshot}'. Gần nhất: {known} / no such snapshot."
            )
        export_xlsx(store.load(snapshot), to)
        typer.echo(f"Đã xuất {snapshot} → {to} / exported.")


@app.command()
def emulator(
    port: Annotated[
        int, typer.Option(help="Cổng (0: tự chọn) / port (0 picks a free one).")
    ] = 8765,
    host: Annotated[str, typer.Option(help="Địa chỉ lắng nghe / listen address.")] = "127.0.0.1",
    seed: Annotated[
        Path | None, typer.Option(help="Bảng tính .xlsx để phục vụ / .xlsx workbook to serve.")
    ] = None,
    id: Annotated[str, typer.Option("--id", help="Mã bảng tính / spreadsheet id.")] = "demo",
    locale: Annotated[
        str, typer.Option(help="Locale của bảng tính / spreadsheet locale.")
    ] = "en_US",
) -> None:
    """Chạy bộ giả lập Sheets API trên máy (loopback) để diễn tập cấu hình Google."""
    from sync.emulator.__main__ import serve

    with _exit_codes():
        if seed is not None and not seed.is_file():
            raise ConfigError(f"Không tìm thấy {seed}. / {seed} not found.")
        serve(port=port, host=host, seed=seed, spreadsheet_id=id, locale=locale, echo=typer.echo)


def _add_fleet() -> None:
    from sync.cli.fleet import fleet_app

    app.add_typer(fleet_app, name="fleet")


_add_fleet()


def main() -> None:
    app()
