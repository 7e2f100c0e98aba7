"""Write tests/fixtures/charts/datapackage.json: the real schemas of data/datapackage.json for the
fixture tables (the fixture's columns, in its order), with the constraints that only real data
meet (id patterns, resolution enums, 193 members) left out, so the fixtures load through
lessonkit.data.load like data/ does.

Usage: python tools/fixture_package.py [repository root]   (after changing a schema or a fixture)
"""
import csv
import json
import sys
from pathlib import Path

root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]


real = json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))
fix = root / "tests" / "fixtures" / "charts"
by_name = {r["name"]: r for r in real["resources"]}
KEEP = {"required", "minimum", "maximum", "unique"}
resources = []
for path in sorted(fix.glob("*.csv")):
    name = path.stem
    header = next(csv.reader(path.open(encoding="utf-8")))
    res = by_name[name]
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    out_fields = []
    for col in header:
        f = dict(fields[col])
        f.pop("description", None)
        if f.get("shown_in_german") not in header:  # the fixture has no German column to show
            f.pop("shown_in_german", None)
        cons = {k: v for k, v in f.get("constraints", {}).items() if k in KEEP}
        if name == "sources" or col in ("confidence", "category", "kind", "estimator_kind", "un_region_group",
                                        "vote", "level", "basis"):
            cons.update({k: v for k, v in f.get("constraints", {}).items() if k == "enum"})
        if col == "vote":
            cons["enum"] = ["Y", "N", "A", "NV"]
        if name == "sources":
            cons.pop("pattern", None)
        if col == "reported_by":
            cons.pop("required", None)
        if cons:
            f["constraints"] = cons
        else:
            f.pop("constraints", None)
        out_fields.append(f)
    schema = {"fields": out_fields}
    key = res["schema"].get("primaryKey")
    if key and all(k in header for k in ([key] if isinstance(key, str) else key)):
        schema["primaryKey"] = key
    fks = [fk for fk in res["schema"].get("foreignKeys", [])
           if (fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]) in header
           and (fix / f"{fk['reference']['resource'] or name}.csv").exists()
           and fk["reference"]["resource"] != "partnership_levels"
           and not (name == "vietnam_arms_imports" and fk["fields"] == "supplier_iso3")]  # ISR: no fixture row
    if fks:
        schema["foreignKeys"] = fks
    entry = {"name": name, "path": path.name, "format": "csv", "encoding": "utf-8",
             "profile": "tabular-data-resource", "schema": schema, "certainty": {"level": "none", "why": "fixture"}}
    resources.append(entry)
pkg = {"name": "lessonkit-chart-fixtures", "title": "Tiny invented tables for the chart tests",
       "un_members": 14, "resources": resources}
(fix / "datapackage.json").write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print("wrote", fix / "datapackage.json")
