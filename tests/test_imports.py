"""Pure modules load neither matplotlib nor ipywidgets (the __init__ files import lazily)."""

import subprocess
import sys

import pytest

PURE = ["lessonkit.model.codes", "lessonkit.model.votes", "lessonkit.model.flows", "lessonkit.model.arms",
        "lessonkit.model.vietnam", "lessonkit.model.events", "lessonkit.model.layout", "lessonkit.model.captions",
        "lessonkit.text", "lessonkit.data", "lessonkit.i18n", "lessonkit.quiz.grading", "lessonkit.quiz.bank", "lessonkit.charts",
        "lessonkit.exercises"]


WATCHED = ("matplotlib", "ipywidgets", "IPython")


@pytest.fixture(scope="module")
def loaded() -> dict[str, set[str]]:
    """Which of matplotlib, ipywidgets and IPython one fresh interpreter holds after importing
    the pure modules (all of them together: if none is loaded by the lot, none is by any one),
    and then after importing a chart module too (one interpreter for both: each start costs)."""
    show = f"print(' '.join(m for m in {WATCHED!r} if m in sys.modules))"
    code = f"import sys, {', '.join(PURE)}; {show}; import lessonkit.charts.votes; {show}"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    pure, chart = out.split("\n")[:2]
    return {"pure": set(pure.split()), "chart": set(chart.split())}


@pytest.mark.slow  # starts a fresh interpreter (make test runs it)
def test_pure_modules_load_no_plotting_or_widgets(loaded):
    assert loaded["pure"] & {"matplotlib", "ipywidgets"} == set()


@pytest.mark.slow  # the same fresh interpreter
def test_the_check_is_honest_a_chart_module_does_load_matplotlib(loaded):
    assert "matplotlib" in loaded["chart"]


def test_lazy_names_resolve():
    from lessonkit import charts, model

    assert charts.seat_chart.__module__ == "lessonkit.charts.votes"
    assert model.votes.__name__ == "lessonkit.model.votes"
    with pytest.raises(AttributeError):
        charts.no_such_chart  # noqa: B018
