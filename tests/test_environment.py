"""The Binder environment and the Python package name the same dependencies."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
# In environment.yml but not lessonkit's own dependencies: the interpreter, the tools that
# install lessonkit offline in postBuild, and nbval so teachers can run the checks on Binder.
ENV_ONLY = {"python", "pip", "setuptools", "nbval"}
EXTRAS = {"lab", "test", "browser", "binder"}


def conda_dependencies() -> dict[str, str]:
    deps = {}
    in_deps = False
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
        elif in_deps and line.startswith("  - "):
            spec = line[4:].split("#")[0].strip()
            name = spec.split("=")[0].split(">")[0].split("<")[0].strip()
            deps[name] = spec[len(name):].strip()
        elif in_deps and line and not line.startswith(" "):
            in_deps = False
    return deps


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def specs(requirements: list[str]) -> dict[str, str]:
    reqs = [Requirement(r) for r in requirements]
    return {r.name: ",".join(sorted(str(s) for s in r.specifier)) for r in reqs}


def pyproject_dependencies() -> dict[str, str]:
    return specs(project()["dependencies"])


def test_environment_names_the_runtime_dependencies_and_jupyterlab():
    conda = conda_dependencies()
    py = pyproject_dependencies() | specs(project()["optional-dependencies"]["lab"])
    assert set(conda) - ENV_ONLY == set(py)
    for name, spec in py.items():
        conda_spec = ",".join(sorted(conda[name].split(",")))
        assert conda_spec == spec, f"{name}: environment.yml says {conda[name]!r}, pyproject.toml says {spec!r}"


def test_jupyterlab_is_an_extra_not_a_runtime_dependency():
    # Installing lessonkit into a hub image must not upgrade the hub's JupyterLab.
    assert "jupyterlab" not in pyproject_dependencies()
    assert "jupyterlab" in specs(project()["optional-dependencies"]["lab"])


def test_extras_are_split_by_what_they_serve():
    extras = {name: specs(reqs) for name, reqs in project()["optional-dependencies"].items()}
    assert set(extras) == EXTRAS
    assert {"playwright", "jupyter-repo2docker", "docker", "jupyterlab"}.isdisjoint(extras["test"])
    assert "playwright" in extras["browser"] and "jupyter-repo2docker" in extras["binder"]
    assert "lessonkit" in extras["browser"], "the browser tests need JupyterLab: browser = lessonkit[lab] + playwright"


def test_make_test_installs_every_extra_and_make_lab_the_lab_extra():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_extras = re.search(r"^TEST_EXTRAS\s*:?=\s*(\S+)", makefile, re.MULTILINE)
    assert test_extras and set(test_extras.group(1).split(",")) == EXTRAS
    lab_rule = makefile[makefile.index("$(VENV)/.lab-installed:"):]
    assert "-e '.[lab]'" in lab_rule.split("\n\n")[0]


def test_every_dependency_and_extra_is_pinned_within_its_bounds():
    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    reqs = [Requirement(r) for r in project()["dependencies"]]
    reqs += [Requirement(r) for extra in project()["optional-dependencies"].values() for r in extra]
    for req in reqs:
        if req.name == "lessonkit":
            continue
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not pinned in requirements/constraints.txt (run make pins)"
        assert req.specifier.contains(pins[name], prereleases=True), f"{req.name}=={pins[name]} is outside {req}"


def test_environment_uses_conda_forge_and_admits_binder_base():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "- conda-forge" in text
    conda = conda_dependencies()
    from packaging.specifiers import SpecifierSet

    assert "4.4.0" in SpecifierSet(conda["jupyterlab"])
    assert "8.1.0" in SpecifierSet(conda["ipywidgets"])


def test_postbuild_installs_lessonkit_without_build_isolation():
    text = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "--no-build-isolation" in text and "--no-deps" in text
    assert (ROOT / "postBuild").stat().st_mode & 0o111


@pytest.mark.slow
def test_repo2docker_picks_up_environment_and_postbuild():
    exe = shutil.which("repo2docker") or str(Path(sys.executable).with_name("repo2docker"))
    out = subprocess.run(
        [exe, "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=300, check=True
    )
    dockerfile = out.stdout + out.stderr
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile
    assert "RUN ./postBuild" in dockerfile


def test_tests_import_this_checkouts_lessonkit():
    """The suite tests the lessonkit of the checkout it belongs to, not whichever the venv has."""
    import lessonkit

    assert Path(lessonkit.__file__).resolve().is_relative_to(ROOT / "src"), lessonkit.__file__


def oldest_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "oldest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            r = Requirement(line)
            pins[r.name] = str(r.specifier)
    return pins


def test_oldest_pins_are_the_lower_bounds_of_pyproject():
    """make test-oldest installs requirements/oldest.txt: each pin is its dependency's lower bound."""
    pins = oldest_pins()
    for name, spec in pyproject_dependencies().items():
        lower = next(s.version for s in Requirement(f"{name}{spec}").specifier if s.operator == ">=")
        assert name in pins, f"requirements/oldest.txt has no pin for {name}"
        pin = pins[name].removeprefix("==")
        assert pin in (lower, f"{lower}.*", f"{lower}.0"), f"{name}: oldest.txt pins {pin}, the lower bound is {lower}"
