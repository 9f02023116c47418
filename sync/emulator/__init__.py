"""A stateful Google Sheets API v4 emulator (plus the Drive v3 calls gspread makes).

Real gspread + google-auth + requests talk to it over loopback HTTP, so the project's Google
backend is tested end to end without Google. Ground truth: the recorded exchanges in
`shared/sheets-api-recordings/` (see tests/test_emulator_fidelity.py).

Known simplifications (everything else aims to answer exactly as Google does):
- Formulas: stored verbatim; evaluated only when they are arithmetic on literals
  (`=1+2*3`, `= 1 / 1024`, `="a"&"b"`); any other formula's effective/formatted value is
  the formula text. Cell references and functions are not evaluated.
- USER_ENTERED parsing: numbers (with `,` grouping, `+`/`-`, exponents), percentages,
  `$` amounts, TRUE/FALSE, ISO dates `2025-10-15`, slash dates in the spreadsheet locale's
  order (`10/15/2025` for en_US, `15/10/2025` for vi_VN and other day-first locales), times,
  `'` to force text, `=` formulas. Dates become serials (days since 1899-12-30) with a DATE
  number format whose pattern mirrors what was typed.
- "Automatic" number display shows 10 significant digits; effectiveFormat is not modelled.
- autoResizeDimensions estimates text width (tuned to the recorded Arial-10 value).
- Charts (overlay positions only), conditional formats, basic filters, filter views,
  developer metadata, merges, text format runs and links are stored and returned, not drawn
  (embedded.py, metadata.py). Developer metadata on rows/columns does not follow inserted or
  deleted rows; data filters match by developerMetadataLookup only.
- Request bodies are checked against Google's discovery document (discovery.py) when
  google-api-python-client is installed (the test extra); without it they are not checked.

Control surface (JSON, not logged, never faulted):
  GET/DELETE /_emulator/requests        the API request log: method, path (decoded), query
                                        (parsed), status (0 = dropped), bytes_in, bytes_out,
                                        body (parsed request JSON)
  POST /_emulator/faults                {"match": regex searched in "METHOD /decoded/path",
                                        "status": 503, "times": 1, "delay_s": 0, "drop": false,
                                        "message": optional}; status 0 = delay, then serve.
                                        A faulted request never touches state.
  GET/DELETE /_emulator/faults          pending faults / clear them
  PUT /_emulator/spreadsheets/<id>      seed or replace: {"Tab": [[cells]]} (cell forms in
                                        seeding.py); query title=, locale=, timeZone=
  GET /_emulator/spreadsheets/<id>      {"Tab": [[UNFORMATTED values]]}, trimmed like values.get
  DELETE /_emulator/spreadsheets/<id>   remove it
  POST /_emulator/spreadsheets/<id>/access  {"private": true} -> the API answers 403
  POST /_emulator/reset                 forget all spreadsheets, faults and the log

Use `Emulator` (server.py) directly, the `sheets_emulator` pytest fixture
(pytest_plugin.py), `gspread_client()` (client.py), or `python -m sync.emulator`.
"""

from sync.emulator.seeding import seed_from_xlsx
from sync.emulator.server import Emulator

__all__ = ["Emulator", "seed_from_xlsx"]
