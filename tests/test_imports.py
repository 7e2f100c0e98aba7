"""Pure modules load neither matplotlib nor ipywidgets (the __init__ files import lazily)."""

import subprocess
import sys

import pytest

PURE = ["lessonkit.model.codes", "lessonkit.model.votes", "lessonkit.model.flows", "lessonkit.model.arms",
        "lessonkit.model.vietnam", "lessonkit.model.events", "lessonkit.model.layout", "lessonkit.model.captions",
        "lessonkit.text", "lessonkit.data", "lessonkit.i18n", "lessonkit.quiz.grading", "lessonkit.quiz.bank", "lessonkit.charts",
        "lessonkit.exercises"]


def loaded_after(*modules: str) -> set[str]:
    """Which of matplotlib, ipywidgets and IPython a fresh interpreter holds after importing
    the modules (all of them together: if none is loaded by the lot, none is by any one)."""
    code = (f"import sys, {', '.join(modules)}; print(' '.join(m for m in ('matplotlib', 'ipywidgets', 'IPython') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_pure_modules_load_no_plotting_or_widgets():
    assert loaded_after(*PURE) & {"matplotlib", "ipywidgets"} == set()


def test_the_check_is_honest_a_chart_module_does_load_matplotlib():
    assert "matplotlib" in loaded_after("lessonkit.charts.votes")


def test_lazy_names_resolve():
    from lessonkit import charts, model

    assert charts.seat_chart.__module__ == "lessonkit.charts.votes"
    assert model.votes.__name__ == "lessonkit.model.votes"
    with pytest.raises(AttributeError):
        charts.no_such_chart  # noqa: B018
