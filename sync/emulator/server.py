"""HTTP front end: routing, the request log, fault injection and the control surface."""

from __future__ import annotations

import contextlib
import copy
import json
import re
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from sync.emulator import discovery, jsonout, seeding
from sync.emulator.errors import WRITE_QUOTA_MESSAGE, ApiError, error_body
from sync.emulator.quota import QuotaMeter, quota_control
from sync.emulator.routes import ROUTES
from sync.emulator.state import State

JSON_TYPE = "application/json; charset=UTF-8"
Query = dict[str, list[str]]
Result = tuple[int, Any]  # (status, JSON body or None for an empty body)


@dataclass
class Fault:
    pattern: re.Pattern[str]
    status: int
    times: int
    delay_s: float
    drop: bool
    message: str | None

    def describe(self) -> dict[str, Any]:
        return {
            "match": self.pattern.pattern,
            "status": self.status,
            "times": self.times,
            "delay_s": self.delay_s,
            "drop": self.drop,
        }


class Emulator:
    """A stateful Sheets v4 (+ Drive v3 slice) emulator served on 127.0.0.1."""

    def __init__(
        self,
        port: int = 0,
        host: str = "127.0.0.1",
        seed: int | None = None,
        check_bodies: bool = True,
    ) -> None:
        """`check_bodies`: check request bodies against Google's discovery document when
        google-api-python-client (a test dependency) is installed; without it, serve unchecked."""
        self.state = State(seed)
        self.discovery = discovery.load() if check_bodies else None
        self.faults: list[Fault] = []
        self.log: list[dict[str, Any]] = []
        self.meta_lock = threading.Lock()  # faults and log (the state has its own lock)
        self.quota: QuotaMeter | None = None  # Google's per-minute quotas, when enforced
        self.httpd = _Server((host, port), _Handler)
        self.httpd.emulator = self
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"{host.decode() if isinstance(host, bytes) else host}:{port}"

    @property
    def url(self) -> str:
        return f"http://{self.host}"

    def start(self) -> Emulator:
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join()
            self._thread = None
        self.httpd.close_connections()
        self.httpd.server_close()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- faults and log ---------------------------------------------------------------

    def add_fault(self, spec: dict[str, Any]) -> None:
        fault = Fault(
            pattern=re.compile(str(spec.get("match", ".*"))),
            status=int(spec.get("status") or 0),
            times=int(spec.get("times", 1)),
            delay_s=float(spec.get("delay_s") or 0),
            drop=bool(spec.get("drop")),
            message=spec.get("message"),
        )
        with self.meta_lock:
            self.faults.append(fault)

    def take_fault(self, method: str, path: str) -> Fault | None:
        subject = f"{method} {unquote(path)}"
        with self.meta_lock:
            for fault in self.faults:
                if fault.times > 0 and fault.pattern.search(subject):
                    fault.times -= 1
                    if fault.times == 0:
                        self.faults.remove(fault)
                    return fault
        return None

    def reset(self) -> None:
        with self.state.lock:
            self.state.spreadsheets.clear()
        with self.meta_lock:
            self.faults.clear()
            self.log.clear()

    # --- API dispatch -----------------------------------------------------------------

    def dispatch(self, method: str, path: str, query: Query, body: Any) -> Result:
        for route in ROUTES:
            m = route.pattern.match(path)
            if route.method != method or not m:
                continue
            groups = list(m.groups())
            self.check_body(route.method_id, body)
            with self.state.lock:
                sid = groups[0] if route.mutates else None
                book = self.state.spreadsheets.get(sid) if sid else None
                snapshot = book.snapshot() if book is not None else None
                try:
                    result = route.handler(self.state, groups, query, body)
                except Exception:
                    if snapshot is not None:  # all or nothing
                        self.state.spreadsheets[snapshot.spreadsheet_id] = snapshot
                    raise
            if method == "DELETE" and result is None:
                return 204, None
            self.check_answer(route.method_id, result)
            return 200, result
        raise ApiError(404, f"Method not found: {method} {path}")

    def check_body(self, method_id: str | None, body: Any) -> None:
        """Google rejects a body that does not fit the method's schema before anything else."""
        if self.discovery is None or method_id is None:
            return
        found = self.discovery.check_request(method_id, body)
        if found:
            error = discovery.error_body(found)["error"]
            raise ApiError(400, error["message"], error["details"])

    def check_answer(self, method_id: str | None, result: Any) -> None:
        """The emulator's answers must fit Google's response schemas too: a misfit is an
        emulator bug, answered as a 500 that names the field."""
        if self.discovery is None or method_id is None:
            return
        found = self.discovery.check_response(method_id, result)
        if found:
            raise ApiError(
                500,
                "Emulator answer does not fit the discovery document: "
                + "; ".join(v.description for v in found),
            )

    def control(self, method: str, path: str, query: Query, body: Any) -> Result:
        parts = [unquote(p) for p in path.split("/")[2:]]
        route = (method, *parts[:1])
        if route == ("GET", "requests"):
            with self.meta_lock:
                return 200, copy.deepcopy(self.log)
        if route == ("DELETE", "requests"):
            with self.meta_lock:
                self.log.clear()
            return 200, {}
        if route == ("POST", "faults"):
            self.add_fault(body or {})
            return 200, {}
        if route == ("GET", "faults"):
            with self.meta_lock:
                return 200, [f.describe() for f in self.faults]
        if route == ("DELETE", "faults"):
            with self.meta_lock:
                self.faults.clear()
            return 200, {}
        if route == ("POST", "reset"):
            self.reset()
            return 200, {}
        if route == ("GET", "health"):
            return 200, {"ok": True}
        if route[0] in ("POST", "GET") and route[1:] == ("quota",):
            return 200, self._control_quota(method, body)
        if len(parts) >= 2 and parts[0] == "spreadsheets":
            return self._control_spreadsheet(method, parts[1], parts[2:], query, body)
        raise ApiError(404, f"Unknown control endpoint: {method} {path}")

    def _control_quota(self, method: str, body: Any) -> Any:
        self.quota, answer = quota_control(self.quota, method, body)
        return answer

    def charge(self, method: str, path: str, headers: Any) -> Result | None:
        """A 429 in Google's shape when the request is over a quota, else None (counted)."""
        if self.quota is None or not path.startswith("/v4/"):
            return None
        refusal = self.quota.charge_request(method, headers)
        return None if refusal is None else (429, error_body(429, refusal.message, refusal.details))

    def _control_spreadsheet(
        self, method: str, sid: str, rest: list[str], query: Query, body: Any
    ) -> Result:
        with self.state.lock:
            if method == "PUT" and not rest:
                book = seeding.apply_seed(
                    self.state,
                    sid,
                    body or {},
                    title=query.get("title", [None])[0],
                    locale=query.get("locale", ["en_US"])[0],
                    time_zone=query.get("timeZone", ["Etc/GMT"])[0],
                )
                return 200, {"spreadsheetId": book.spreadsheet_id}
            found = self.state.spreadsheets.get(sid)
            if found is None:
                raise ApiError(404)
            book = found
            if method == "GET" and not rest:
                render = query.get("valueRenderOption", ["UNFORMATTED_VALUE"])[0]
                return 200, seeding.dump(book, render)
            if method == "POST" and rest == ["access"]:
                book.private = bool((body or {}).get("private"))
                return 200, {"private": book.private}
            if method == "DELETE" and not rest:
                del self.state.spreadsheets[sid]
                return 200, {}
        raise ApiError(404, "Unknown control endpoint")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    emulator: Emulator

    def __init__(self, *args: Any) -> None:
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()
        super().__init__(*args)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that timed out and hung up (a delay fault) is expected, not an emulator bug."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def close_connections(self) -> None:
        """Shut down kept-alive client connections so handler threads end with the server."""
        with self.sockets_lock:
            for sock in list(self.open_sockets):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like googleapis
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle + delayed ACK
        # add ~40 ms to every keep-alive request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.sockets_lock:
            self.server.open_sockets.add(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            with self.server.sockets_lock:
                self.server.open_sockets.discard(self.connection)

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def _handle(self, method: str) -> None:
        emulator = self.server.emulator
        split = urlsplit(self.path)
        path, query = split.path, parse_qs(split.query, keep_blank_values=True)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw) if raw.strip() else None
        except ValueError:
            body = ApiError(400, "Invalid JSON payload received.")
        if path.startswith("/_emulator/"):
            self._respond(*self._run(emulator.control, method, path, query, body))
            return
        entry: dict[str, Any] = {
            "method": method,
            "path": unquote(path),
            "query": query,
            "status": 0,
            "bytes_in": len(raw),
            "bytes_out": 0,
            "body": body if not isinstance(body, ApiError) else None,
        }
        fault = emulator.take_fault(method, path)
        if fault is not None and fault.delay_s:
            time.sleep(fault.delay_s)
        if fault is not None and fault.drop:
            self.close_connection = True  # no response at all: the client sees a reset
            self._log(entry)
            return
        if fault is not None and fault.status:
            message = fault.message
            if fault.status == 429 and not message and method != "GET":
                message = WRITE_QUOTA_MESSAGE
            status, result = fault.status, error_body(fault.status, message)
        elif (refused := emulator.charge(method, path, self.headers)) is not None:
            status, result = refused
        else:
            status, result = self._run(emulator.dispatch, method, path, query, body)
        entry["status"] = status
        data = self._encode(result)
        entry["bytes_out"] = len(data or b"")
        self._log(entry)  # before answering: a client that got its answer always finds it logged
        self._write(status, data)

    def _run(
        self, fn: Callable[..., Result], method: str, path: str, q: Query, body: Any
    ) -> Result:
        try:
            if isinstance(body, ApiError):
                raise body
            return fn(method, path, q, body)
        except ApiError as exc:
            return exc.code, exc.body()
        except Exception:  # a bug in the emulator: answer like Google's 500, keep serving
            traceback.print_exc(file=sys.stderr)
            return 500, error_body(500)

    def _log(self, entry: dict[str, Any]) -> None:
        with self.server.emulator.meta_lock:
            self.server.emulator.log.append(entry)

    def _respond(self, status: int, result: Any) -> int:
        data = self._encode(result)
        self._write(status, data)
        return len(data or b"")

    @staticmethod
    def _encode(result: Any) -> bytes | None:
        if result is None:
            return None
        return jsonout.dumps(result).encode("utf-8")

    def _write(self, status: int, data: bytes | None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html" if data is None else JSON_TYPE)
        self.send_header("Content-Length", str(len(data or b"")))
        self.end_headers()
        if data:
            self.wfile.write(data)
