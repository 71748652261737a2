"""Python's cyclic garbage collector paused while an import builds its cells.

Reading a 50,000-row sheet creates some 650,000 small objects (calamine's cells, then
text), none of them in a reference cycle. Each few hundred allocations start a
collection that walks the young objects, and every tenth one the older too: about an
eighth of an import's time (``make bench``, upload). Paused for the import, the
collector runs as usual right after. Reference counting frees memory all along;
only cycles made meanwhile, by any thread, wait the fraction of a second.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0  # imports running now: the collector resumes when the last one ends
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block (nested and concurrent blocks allowed)."""
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _was_enabled:
                gc.enable()
