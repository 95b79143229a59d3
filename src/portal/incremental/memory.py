"""When Python's garbage collector runs during a build: the one place that switches it.

A build holds the whole site in memory and makes few reference cycles. With Python's default
thresholds the collector walks all of it again and again (a quarter of a warm build's time), and
in worker processes its walks touch the memory pages they share with the parent. So a build context
tells it when to hold back; a context made for a test or a library call leaves it alone.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


class CollectorPolicy:
    """How a build context handles the garbage collector. `managed=False` changes nothing (the default)."""

    THRESHOLDS = (100_000, 50, 1_000)  # collect the youngest objects after 100,000 allocations, not 700

    def __init__(self, managed: bool = False):
        self.managed = managed

    def configure(self) -> None:
        """For a command that builds: fewer collections over the site held in memory."""
        if self.managed:
            gc.set_threshold(*self.THRESHOLDS)

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """No collection while a stage makes objects that all live on (the loaded and the validated site): the
        collector would walk them again and again, a fifth of those stages' time, and free nothing."""
        enabled = gc.isenabled()
        if self.managed:
            gc.disable()
        try:
            yield
        finally:
            if self.managed and enabled:
                gc.enable()

    @contextlib.contextmanager
    def frozen(self) -> Iterator[None]:
        """What exists now is left out of collections while worker processes are forked and render: walking it
        took time for nothing, and in the workers touched the memory pages they share with this process."""
        if self.managed:
            gc.freeze()
        try:
            yield
        finally:
            if self.managed:
                gc.unfreeze()

    def settle(self) -> None:
        """Between two edits in the preview: collect now, and leave what survives out of later collections,
        which would otherwise walk the whole site, its plan and its state in the middle of the next rebuild."""
        if self.managed:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
