"""Print the lesson pages and the teacher's answer key to PDF with Debian's Chromium.

Usage: python tools/worksheets.py HTML_DIR OUT_DIR

HTML_DIR is what `make html` wrote. Each lesson page becomes OUT_DIR/<lesson>.pdf, printed
with the page's print styles (no code prompts, room to write under each task and question,
no check cells). teacher/answer_key.md becomes OUT_DIR/answer_key.pdf through the same
template. The German edition (HTML_DIR/de/) goes to OUT_DIR/de/, with teacher/de/answer_key.md
as OUT_DIR/de/answer_key.pdf. Chromium runs headless with the network off (the pages need
none). OUT_DIR is written in a temporary folder and renamed into place.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS))
from html_pages import page_for_markdown  # noqa: E402
from student_edition import replace_dir  # noqa: E402

ANSWER_KEY = ROOT / "teacher" / "answer_key.md"
ANSWER_KEY_DE = ROOT / "teacher" / "de" / "answer_key.md"
KEY_TITLE = {"en": "Answer key (teacher edition)", "de": "Lösungsschlüssel (Ausgabe für Lehrpersonen)"}
# No sandbox (root in containers), no GPU, and no network: a proxy that does not exist.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                  "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                  "--virtual-time-budget=10000"]


def chromium() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    raise SystemExit("Chromium not found: install Debian's chromium (apt-get install chromium)")


def print_pdf(page: Path, pdf: Path, profile: Path) -> None:
    cmd = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.resolve().as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise SystemExit(f"Chromium could not print {page} to PDF:\n{done.stderr[-2000:]}")


def lesson_pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.html") if p.name != "index.html")


def print_edition(pages: list[Path], answer_key: Path, out: Path, lang: str, scratch: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    profile = scratch / "profile"
    for page in pages:
        print_pdf(page, out / f"{page.stem}.pdf", profile)
    if not answer_key.is_file():
        raise SystemExit(f"{answer_key} is missing: run make answer-key")
    key_page = scratch / f"answer_key_{lang}.html"
    key_page.write_text(page_for_markdown(answer_key.read_text(encoding="utf-8"), KEY_TITLE[lang], lang),
                        encoding="utf-8")
    print_pdf(key_page, out / "answer_key.pdf", profile)


def build(html_dir: Path, out_dir: Path, answer_key: Path = ANSWER_KEY,
          answer_key_de: Path = ANSWER_KEY_DE) -> list[Path]:
    pages = lesson_pages(html_dir)
    if not pages:
        raise SystemExit(f"no lesson pages in {html_dir}: run make html first")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        with tempfile.TemporaryDirectory() as scratch:
            print_edition(pages, answer_key, tmp, "en", Path(scratch))
            german = lesson_pages(html_dir / "de")
            if german:
                print_edition(german, answer_key_de, tmp / "de", "de", Path(scratch))
        written = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*.pdf"))
        replace_dir(tmp, out_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return [out_dir / name for name in written]


def main(args: list[str]) -> int:
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    for pdf in build(Path(args[0]), Path(args[1])):
        print(f"wrote {pdf}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
