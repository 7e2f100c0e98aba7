"""A pytest plugin for the notebook runs (`-p tests.nbval_quiet`): nbval formats messages for its log only when they are logged.

nbval 0.11's RunningKernel.get_message logs every kernel message as
`logger.debug("...%s", pformat(msg))`: the message is pretty-printed before the logger
decides to drop it, for every message, including each chart's picture and each widget's
state. For lesson 1 that is about 0.4 s of the run. This gives nbval.kernel a `pformat`
that formats when the text is asked for, so a debug log (pytest --log-level=DEBUG) reads
as before (tests/test_nbval_quiet.py).
"""

from __future__ import annotations

import pprint


class LazyFormat:
    """pprint.pformat(obj), made when str() is called."""

    __slots__ = ("obj",)

    def __init__(self, obj: object):
        self.obj = obj

    def __str__(self) -> str:
        return pprint.pformat(self.obj)


def install() -> bool:
    """Put LazyFormat in nbval.kernel's pformat (where nbval is installed and formats so)."""
    try:
        from nbval import kernel
    except ImportError:
        return False
    if getattr(kernel, "pformat", None) is not pprint.pformat:
        return False
    kernel.pformat = LazyFormat
    return True


install()
