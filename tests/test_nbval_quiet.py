"""tests/nbval_quiet.py: nbval's per-message log text is made only when it is logged."""

import logging
import pprint

from nbval import kernel

import nbval_quiet


def test_nbval_formats_messages_with_pprint_today():
    # the plugin's reason: if nbval stops calling pformat for its debug log, the plugin can go
    import inspect

    assert "pformat(msg)" in inspect.getsource(kernel.RunningKernel.get_message)


def test_the_log_text_is_pprints_and_is_made_only_when_logged(caplog):
    made = []

    class Message(dict):
        def __repr__(self):
            made.append(1)
            return dict.__repr__(self)

    msg = Message(header={"msg_type": "stream"}, content={"text": "x" * 50})
    lazy = nbval_quiet.LazyFormat(msg)
    with caplog.at_level(logging.INFO, logger=kernel.logger.name):
        kernel.logger.debug("Kernel message (%s):\n%s", "iopub", lazy)
    assert made == []  # dropped, never formatted
    with caplog.at_level(logging.DEBUG, logger=kernel.logger.name):
        kernel.logger.debug("Kernel message (%s):\n%s", "iopub", lazy)
    assert caplog.records[-1].getMessage() == "Kernel message (iopub):\n" + pprint.pformat(msg)


def test_the_notebook_runs_load_the_plugin():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    makefile = (root / "Makefile").read_text()
    for target in ("test:", "notebooks:"):
        recipe = makefile.split("\n" + target, 1)[1].split("\n\n", 1)[0]
        assert "-p tests.nbval_quiet" in recipe, target
    assert "tests.nbval_quiet" in (root / "tools" / "bench_notebooks.py").read_text()  # lessons and floor alike
