"""Process-level speed settings, applied by the callers in `sync/`, never by the domain."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector around work that builds many containers.

    Decoding a 100,000-row answer and evaluating it build about a million short-lived
    containers and no reference cycles; left on, the cyclic collector rescans them again
    and again (3-4x slower at 100k rows, measured by bench/run.py). Reference counting
    still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
