"""Worker processes end with the process that started them.

The docs/ writer is a child of the build and the NLP workers are its children. Killed with
SIGKILL (or the OOM killer), a parent cannot tell them to stop: a docs/ writer went on
writing pages for a build nobody waited for, then blocked forever sending its result.
Linux can send a child a signal when its parent dies (prctl PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Process pool initializer (`initargs=(os.getpid(),)`): SIGKILL for this process when
    `parent` dies, and an exit now if it already has. Elsewhere than Linux, nothing."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
