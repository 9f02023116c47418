"""Google-style API errors: the exact bodies clients (gspread) parse."""

from __future__ import annotations

from typing import Any

# HTTP status -> google.rpc status name, as Google's JSON error bodies spell them.
STATUS_NAMES: dict[int, str] = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}

# Default messages, taken from recordings where Google answered, else from Google's docs.
DEFAULT_MESSAGES: dict[int, str] = {
    400: "Request contains an invalid argument.",
    403: "The caller does not have permission",
    404: "Requested entity was not found.",
    429: (
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute "
        "per user' of service 'sheets.googleapis.com' for consumer "
        "'project_number:123456789012'."
    ),
    500: "Internal error encountered.",
    502: "Bad Gateway",
    503: "The service is currently unavailable.",
    504: "Deadline exceeded.",
}

WRITE_QUOTA_MESSAGE = DEFAULT_MESSAGES[429].replace("Read requests", "Write requests")


class ApiError(Exception):
    """Raised anywhere in request handling; the server turns it into an error response."""

    def __init__(
        self,
        code: int,
        message: str | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message or DEFAULT_MESSAGES.get(code, "Error"))
        self.code = code
        self.message = message or DEFAULT_MESSAGES.get(code, "Error")
        self.details = details

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.details)


def error_body(
    code: int, message: str | None = None, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    err: dict[str, Any] = {
        "code": code,
        "message": message or DEFAULT_MESSAGES.get(code, "Error"),
        "status": STATUS_NAMES.get(code, "UNKNOWN"),
    }
    if details is None and code == 429:
        details = [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "RATE_LIMIT_EXCEEDED",
                "domain": "googleapis.com",
                "metadata": {
                    "quota_limit": "ReadRequestsPerMinutePerUser",
                    "consumer": "projects/123456789012",
                    "service": "sheets.googleapis.com",
                    "quota_metric": "sheets.googleapis.com/read_requests",
                },
            }
        ]
    if details is not None:
        err["details"] = details
    return {"error": err}


def invalid_value(field: str, type_name: str, value_json: str) -> ApiError:
    """The protobuf-JSON decoding error Google gives for a wrongly typed field."""
    msg = f"Invalid value at '{field}' ({type_name}), {value_json}"
    return ApiError(
        400,
        msg,
        [
            {
                "@type": "type.googleapis.com/google.rpc.BadRequest",
                "fieldViolations": [{"field": field, "description": msg}],
            }
        ],
    )


def grid_limits(range_text: str, rows: int, cols: int) -> ApiError:
    return ApiError(
        400, f"Range ({range_text}) exceeds grid limits. Max rows: {rows}, max columns: {cols}"
    )


def bad_request(index: int, kind: str, reason: str) -> ApiError:
    """batchUpdate sub-request failure, worded like Google: 'Invalid requests[0].addSheet: ...'."""
    return ApiError(400, f"Invalid requests[{index}].{kind}: {reason}")
