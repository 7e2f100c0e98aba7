"""Chromium for the browser tests: where Debian's Chromium is, the flags this machine needs, and
the switch that makes a missing browser fail instead of skip (LESSONKIT_REQUIRE_BROWSER)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_MISSING = "Chromium not found: install Debian's chromium and chromium-driver"
# The flags this machine needs; headless is passed by Playwright (headless=True).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """Debian's Chromium: /usr/bin/chromium, else `chromium` on PATH; None if neither."""
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


REQUIRE_BROWSER = "LESSONKIT_REQUIRE_BROWSER"


def flag_is_set(name: str) -> bool:
    """An on/off switch of the environment: unset, "", "0", "false", "no" and "off" mean off."""
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no", "off")


def browser_required() -> bool:
    """LESSONKIT_REQUIRE_BROWSER=1 (set by .ci/run): missing Chromium fails instead of skipping.
    The generic CI variable is never read."""
    return flag_is_set(REQUIRE_BROWSER)
