"""The Binder environment and the Python package name the same dependencies."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
# In environment.yml but not lessonkit's own dependencies: the interpreter, the tools that
# install lessonkit offline in postBuild, and nbval so teachers can run the checks on Binder.
ENV_ONLY = {"python", "pip", "setuptools", "nbval"}


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


def pyproject_dependencies() -> dict[str, str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = [Requirement(r) for r in meta["project"]["dependencies"]]
    return {r.name: ",".join(sorted(str(s) for s in r.specifier)) for r in reqs}


def test_environment_and_pyproject_name_the_same_dependencies():
    conda = conda_dependencies()
    py = pyproject_dependencies()
    assert set(conda) - ENV_ONLY == set(py)
    for name, spec in py.items():
        conda_spec = ",".join(sorted(conda[name].split(",")))
        assert conda_spec == spec, f"{name}: environment.yml says {conda[name]!r}, pyproject.toml says {spec!r}"


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
