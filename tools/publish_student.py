"""Commit the student edition (a folder) to a branch of this repository, leaving the working
tree, the index and HEAD alone.

Usage: python tools/publish_student.py FOLDER [BRANCH]     (BRANCH defaults to `student`)

Git plumbing only: the folder's files go into a temporary index (GIT_INDEX_FILE), `git
write-tree` makes a tree of them, `git commit-tree` a commit whose parent is the branch's
last commit (none the first time), and `git update-ref` moves the branch, checking that it
has not moved meanwhile. The folder's own .gitignore applies (no .venv). If the tree is the
same as the branch's last commit, nothing is committed. The branch that is checked out is
refused: moving it would make the working tree disagree with it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def git(*args: str, env: dict | None = None, cwd: Path | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def rev(ref: str, cwd: Path) -> str | None:
    done = subprocess.run(["git", "rev-parse", "-q", "--verify", f"{ref}^{{commit}}"], cwd=cwd,
                          capture_output=True, text=True)
    return done.stdout.strip() or None


def publish(folder: Path, branch: str = "student", cwd: Path | None = None) -> str | None:
    """Commit `folder` as the next commit of `branch` of the repository at `cwd` (default: the
    working directory); return the new commit, or None if unchanged."""
    cwd = Path.cwd() if cwd is None else cwd
    folder = folder.resolve()
    if not (folder / "notebooks").is_dir():
        raise SystemExit(f"{folder} is not a student edition (no notebooks/): run make student first")
    ref = f"refs/heads/{branch}"
    git("check-ref-format", ref, cwd=cwd)
    head = subprocess.run(["git", "symbolic-ref", "-q", "HEAD"], cwd=cwd, capture_output=True, text=True).stdout.strip()
    if head == ref:
        raise SystemExit(f"{branch} is the branch checked out here: publish to another branch")
    parent = rev(ref, cwd)
    source = rev("HEAD", cwd)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index"),
               "GIT_DIR": git("rev-parse", "--absolute-git-dir", cwd=cwd), "GIT_WORK_TREE": str(folder)}
        git("add", "--all", ".", env=env, cwd=folder)
        tree = git("write-tree", env=env, cwd=folder)
    if parent and git("rev-parse", f"{parent}^{{tree}}", cwd=cwd) == tree:
        print(f"{branch} already holds this student edition ({parent[:10]}); nothing committed")
        return None
    message = f"Student edition, built from {source[:10] if source else 'an uncommitted tree'}"
    commit = git("commit-tree", tree, *(["-p", parent] if parent else []), "-m", message, cwd=cwd)
    git("update-ref", "-m", "publish-student", ref, commit, parent or "0" * 40, cwd=cwd)
    print(f"{branch} -> {commit[:10]} ({message}). Put it online: git push origin {branch}")
    return commit


def main(args: list[str]) -> int:
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    publish(Path(args[0]), args[1] if len(args) > 1 and args[1] else "student")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
