"""`daisuso fleet sync|run|status`: many spreadsheets, one roll-up, inside Google's quota."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Annotated

import typer

from sync.cli.common import TodayOpt, parse_today
from sync.errors import DaisusoError
from sync.fleet.compose import CycleResult, FleetService, build_fleet
from sync.fleet.rollup import result_text
from sync.messages import Msg, say

fleet_app = typer.Typer(
    help="Nhiều bảng tính, một bảng tổng hợp toàn bộ, trong hạn mức của Google / many spreadsheets, one roll-up.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
log = logging.getLogger("daisuso.fleet")

FleetOpt = Annotated[Path, typer.Option("--fleet", "-f", help="Tệp fleet / fleet file.")]
ShardOpt = Annotated[
    str | None,
    typer.Option("--shard", help="Phân đoạn I/N / shard I of N (1-based)."),
]
DEFAULT_FLEET = Path("fleet.toml")


def _service(fleet: Path, shard: str | None) -> FleetService:
    try:
        return build_fleet(fleet, os.environ, shard=shard)
    except DaisusoError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(exc.exit_code) from None


def _report(result: CycleResult, service: FleetService) -> None:
    lang = service.fleet.lang
    for outcome in result.failed:
        typer.echo(f"{outcome.job.ref.name}: {result_text(outcome.record, lang)}", err=True)
    if result.rollup_error is not None:
        typer.echo(say(Msg.FLEET_ROLLUP_FAILED, lang, error=result.rollup_error), err=True)
    ok = len(result.outcomes) - len(result.failed)
    typer.echo(
        say(
            Msg.FLEET_SYNCED,
            lang,
            ok=ok,
            total=len(result.outcomes),
            shard=service.shard,
            seconds=result.seconds,
        )
    )


@fleet_app.command("sync")
def sync_cmd(
    fleet: FleetOpt = DEFAULT_FLEET, shard: ShardOpt = None, today: TodayOpt = None
) -> None:
    """Đồng bộ mọi thành viên (của phân đoạn), rồi ghi bảng tổng hợp; mã thoát cao nhất nếu có lỗi."""
    service = _service(fleet, shard)
    try:
        result = service.cycle(parse_today(today))
    except DaisusoError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(exc.exit_code) from None
    _report(result, service)
    raise typer.Exit(result.exit_code)


@fleet_app.command("run")
def run_cmd(
    fleet: FleetOpt = DEFAULT_FLEET, shard: ShardOpt = None, today: TodayOpt = None
) -> None:
    """Chạy nền: một vòng mỗi every_minutes phút cho đến khi nhận SIGINT/SIGTERM."""
    service = _service(fleet, shard)
    as_of = parse_today(today) if today else None
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    period = service.fleet.settings.worker.every_minutes * 60.0
    first = True
    while not stop.is_set():
        started = time.monotonic()
        if not first:
            try:
                service.reload()  # members added, removed or edited since the last cycle
            except DaisusoError as exc:
                log.error("fleet file not reloaded, the last one is kept: %s", exc)
        first = False
        result = service.cycle(as_of)
        log.info("fleet cycle: %d members, %d failed, exit %d, %.1f s", len(result.outcomes),
                 len(result.failed), result.exit_code, result.seconds)  # fmt: skip
        stop.wait(max(0.0, period - (time.monotonic() - started)))


@fleet_app.command("status")
def status_cmd(
    fleet: FleetOpt = DEFAULT_FLEET,
    shard: ShardOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON")] = False,
) -> None:
    """Kết quả lần đồng bộ gần nhất của từng thành viên (mã thoát như `fleet sync`)."""
    service = _service(fleet, shard)
    lang = service.fleet.lang
    rows = service.runner.status()
    items = []
    for job, record in rows:
        items.append(
            {
                "member": job.ref.name,
                "ok": record.ok if record else None,
                "exit_code": record.exit_code if record else None,
                "result": result_text(record, lang) if record else say(Msg.FLEET_NOT_SYNCED, lang),
                "last_good": record.good_at.isoformat() if record and record.good_at else None,
                "failing_since": record.failing_since.isoformat()
                if record and record.failing_since
                else None,
            }
        )
    if as_json:
        typer.echo(json.dumps(items, ensure_ascii=False, indent=1))
    else:
        for item in items:
            typer.echo(f"{item['member']}\t{item['result']}")
    codes = [int(i["exit_code"] or 0) for i in items if i["ok"] is False]
    raise typer.Exit(max(codes, default=0))
