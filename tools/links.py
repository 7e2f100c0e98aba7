"""Print launch links for each lesson: Binder, and nbgitpuller for a JupyterHub.

Usage: python tools/links.py REPO [REF] [HUB]     (the lessons come from lessons.toml)
  REPO  owner/name on GitHub, e.g. myschool/putin-lessons
  REF   branch, tag or commit (default: the branch `student` if this repository has one,
        as `make publish-student` makes it; else main)
  HUB   address of a JupyterHub, e.g. https://hub.example.edu (optional)
"""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import quote, urlencode

from lessonkit import manifest, paths

EDITIONS = {"en": "English edition", "de": "Deutsche Ausgabe (German edition)"}


def lesson_notebooks() -> list[tuple[str, manifest.Lesson]]:
    """(notebook path from the repository root, lesson) for each lesson of lessons.toml."""
    root = paths.project_root()
    return [(x.notebook.relative_to(root).as_posix(), x) for x in manifest.lessons()]


def default_ref(cwd: str | None = None, student_branch: str = "student") -> str:
    """`student` if the repository in `cwd` has that branch, else `main`."""
    done = subprocess.run(["git", "rev-parse", "-q", "--verify", f"refs/heads/{student_branch}"],
                          cwd=cwd, capture_output=True, text=True)
    return student_branch if done.returncode == 0 else "main"


def binder_link(repo: str, ref: str, notebook: str) -> str:
    """A mybinder.org link that builds the repository and opens the notebook in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{repo}/{quote(ref, safe='')}?urlpath={quote('lab/tree/' + notebook, safe='')}"


def nbgitpuller_link(hub: str, repo: str, ref: str, notebook: str) -> str:
    """A link that clones (or updates) the repository into the student's hub home and opens the notebook."""
    folder = repo.split("/")[-1]
    query = urlencode(
        {"repo": f"https://github.com/{repo}", "branch": ref, "urlpath": f"lab/tree/{folder}/{notebook}"}
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(args: list[str]) -> int:
    if not args or "/" not in args[0]:
        print(__doc__, file=sys.stderr)
        return 2
    repo, ref = args[0], (args[1] if len(args) > 1 and args[1] else default_ref())
    hub = args[2] if len(args) > 2 and args[2] else ""
    print(f"Links to {repo} at {ref}:")
    edition = None
    for nb, lesson in lesson_notebooks():
        if lesson.language != edition:
            edition = lesson.language
            print(f"\n{EDITIONS.get(edition, edition)}:")
        print(f"{nb}  ({lesson.title}, {lesson.minutes} min)")
        print(f"  Binder:     {binder_link(repo, ref, nb)}")
        if hub:
            print(f"  JupyterHub: {nbgitpuller_link(hub, repo, ref, nb)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
