"""The cyclic garbage collector, paused over the stages that build big heaps of small objects.

Reading 1,000 cached articles unpickles millions of frozen dataclasses and tuples, and the
index stage makes millions of small dicts, lists and strings beside them; each of the
collector's full passes walks the whole heap, and allocation that fast triggers many. At
1,000 articles (in process, benchmarks' synthetic corpus) the collector took read+clean from
0.34 to 0.51 s and the index stage from 4.36 to 5.35 s, while finding ~60,000 objects of
cyclic garbage there. Not over the NLP stage: its worker processes are forked from this one
and would inherit a paused collector.

Turned back on, the collector's next pass of its youngest generation would walk every
object made during the pause, all still alive (1,000 cached articles: 0.11 s after
read+clean, 0.05 s after the index stage, on the add-one rebuild's critical path). They are
moved to the oldest generation instead (`gc.freeze` then `gc.unfreeze`: two list splices),
where only a full pass looks at them, and that pass also finds the cycles made meanwhile.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def collector_paused():
    """No cyclic collection inside the block; reference counting frees everything else as
    usual, and the next full pass after it collects the cycles made meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
