"""Run axe-core (npm package `axe-core`, installed by `make test` into .venv/axe) in a
Playwright page and return the violations that matter: impact serious or critical.

    axe_script()                  -> the text of axe.min.js, or None if it is not installed
    serious_violations(page, include=[".jp-Notebook"]) -> list of dicts (id, impact, help, nodes)
    describe(violations)          -> a readable multi-line summary for an assertion message
"""

from __future__ import annotations

import json
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_MISSING = "axe-core not installed: run `make axe` (npm install axe-core into .venv/axe)"
SERIOUS = ("serious", "critical")


def axe_script() -> str | None:
    return AXE_JS.read_text(encoding="utf-8") if AXE_JS.is_file() else None


def serious_violations(page, include: list[str] | None = None, exclude: list[str] | None = None) -> list[dict]:
    """Inject axe (once per page) and run it on the given part of the page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        script = axe_script()
        if script is None:
            raise RuntimeError(AXE_MISSING)
        page.add_script_tag(content=script)
    context = {"include": [[s] for s in include]} if include else {"include": [["html"]]}
    if exclude:
        context["exclude"] = [[s] for s in exclude]
    result = page.evaluate(
        "async (ctx) => { const r = await axe.run(ctx, {resultTypes: ['violations']});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),"
        " summary: (n.failureSummary || '').slice(0, 300)}))})); }",
        context,
    )
    return [v for v in result if v["impact"] in SERIOUS]


def describe(violations: list[dict], per_rule: int = 3) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']} ({v['help']}), {len(v['nodes'])} element(s):")
        for n in v["nodes"][:per_rule]:
            lines.append(f"    {n['target']}: {n['html']}")
            if n["summary"]:
                lines.append("      " + n["summary"].replace("\n", " ")[:300])
    return "\n".join(lines) if lines else "none"


if __name__ == "__main__":  # python tests/browser/axe.py page.html [...]: print what axe finds
    import sys

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
        for arg in sys.argv[1:]:
            page = browser.new_page()
            page.goto(Path(arg).resolve().as_uri())
            found = serious_violations(page)
            print(arg, json.dumps([(v["id"], len(v["nodes"])) for v in found]))
            print(describe(found))
            page.close()
        browser.close()
