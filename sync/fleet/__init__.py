"""`daisuso fleet`: many spreadsheets, one roll-up, inside Google's quota.

- `config`: the fleet file (`fleet.toml`): members, `[rollup]`, `[quota]`, `[worker]`.
- `pacer`: token buckets per service account and per project, reads and writes apart,
  with a backoff shared by every member of an account after a 429.
- `shards`: `--shard I/N`, a stable subset of the members.
- `rollup`: the `Toàn bộ` table (one row per member at a fixed position, a SUM total row).
- `state`: per-member last good figures, last result and since when.
"""
