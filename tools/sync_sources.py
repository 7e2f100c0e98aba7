"""Keep each table's "sources" list in data/datapackage.json in step with data/sources.csv.

Usage: python tools/sync_sources.py          # rewrite datapackage.json
       python tools/sync_sources.py --check  # exit 1 and say what differs

A table's list holds every source its rows cite, then any source of the table as a whole
(already in the list). Title, address, publisher and date are copied from sources.csv.
"""

from __future__ import annotations

import json
import sys

from _atomic import write_text
from lessonkit import data
from lessonkit.paths import data_dir


def synced_package() -> dict:
    pkg = data.package()
    known = {r["source_id"]: r for r in data.read_rows("sources")[1]}
    for res in pkg["resources"]:
        if res["name"] == "sources":
            continue
        listed = [s["source_id"] for s in res.get("sources", [])]
        ids = data.cited_source_ids(res["name"])
        ids += [i for i in listed if i not in ids]
        unknown = [i for i in ids if i not in known]
        if unknown:
            sys.exit(f"data/{res['path']}: cites unknown source id(s) {', '.join(unknown)}; add them to sources.csv")
        res["sources"] = [
            {
                "source_id": i,
                "title": known[i]["title"],
                "path": known[i]["url"],
                "publisher": known[i]["publisher"],
                "published": known[i]["published"],
            }
            for i in ids
        ]
    return pkg


def main(argv: list[str]) -> int:
    path = data_dir() / data.PACKAGE_FILE
    new = json.dumps(synced_package(), indent=2, ensure_ascii=False) + "\n"
    if "--check" in argv:
        if path.read_text(encoding="utf-8") != new:
            print("data/datapackage.json: the tables' source lists are out of date; run python tools/sync_sources.py")
            return 1
        return 0
    write_text(path, new)  # atomically
    print(f"updated {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
