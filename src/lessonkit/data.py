"""Load the tables in data/, validated against data/datapackage.json.

    from lessonkit import data
    votes = data.load("un_votes")          # a validated pandas DataFrame
    data.sources_for("un_votes")            # the sources its rows rest on
    data.source_line("un_votes")            # one line for under a chart
    data.format_source_line(rows)           # the same line for any rows of the sources table

A broken file raises DataError naming the file, the row and the rule.
"""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

import pandas as pd

from lessonkit import i18n, textfile, validate
from lessonkit.text import MONTHS, format_date, is_blank, shorten  # noqa: F401 (part of data's API)
from lessonkit.citations import format_source, format_source_line  # noqa: F401 (part of data's API)
from lessonkit.paths import data_dir
from lessonkit.validate import DataError, Problem

PACKAGE_FILE = "datapackage.json"
SOURCE_COLUMNS = ("source_id", "source_id_2", "votes_source_id")

# (folder, table) -> (the files its validation read, with their versions; the typed frame)
_cache: dict[tuple, tuple[tuple, pd.DataFrame]] = {}
_read_cache: dict[tuple, object] = {}  # (kind, path, mtime_ns, size) -> what was read; never a failure
_reads: dict[Path, tuple | None] | None = None  # while load validates a table: each file it reads, its version


def _version(path: Path) -> tuple | None:
    """(mtime_ns, size) of a file, None if it is missing."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _file_key(kind: str, path: Path) -> tuple | None:
    version = _version(path)
    if _reads is not None:
        _reads.setdefault(path, version)
    return None if version is None else (kind, str(path), *version)


def package(folder: Path | None = None) -> dict:
    """The data package descriptor (data/datapackage.json), a fresh copy to change at will."""
    return json.loads(json.dumps(_package(folder)))


def _package(folder: Path | None = None) -> dict:
    """The descriptor, parsed once per version of the file and shared: only read it (load
    and the validation consult it dozens of times per table)."""
    folder = folder or data_dir()
    path = folder / PACKAGE_FILE
    key = _file_key("package", path)
    if key in _read_cache:
        return _read_cache[key]
    try:
        pkg = json.loads(textfile.decode(path.read_bytes()))
        if key is not None:
            _read_cache[key] = pkg
        return pkg
    except textfile.NotUtf8 as exc:
        raise DataError([Problem(str(path), None, "encoding", f"{exc}; {textfile.SAVE_AS_UTF8}")]) from None
    except FileNotFoundError:
        raise DataError([Problem(str(path), None, "package", "the data package descriptor is missing")]) from None
    except json.JSONDecodeError as exc:
        raise DataError([Problem(str(path), None, "package", f"not valid JSON: {exc}")]) from None


def table_names() -> list[str]:
    return [r["name"] for r in _package()["resources"]]


def resource(name: str, pkg: dict | None = None) -> dict:
    """The descriptor of one table (of `pkg`; without it, a copy from data/datapackage.json)."""
    shared = pkg is None
    pkg = pkg or _package()
    for r in pkg["resources"]:
        if r["name"] == name:
            return json.loads(json.dumps(r)) if shared else r
    raise KeyError(f"no table {name!r} in data/{PACKAGE_FILE}; tables: {', '.join(r['name'] for r in pkg['resources'])}")


def read_rows(name: str, folder: Path | None = None) -> tuple[list[str], list[dict]]:
    """The header and the rows of a table as strings, checked only for CSV shape.

    The file is read as UTF-8 (a byte-order mark, as Excel's "CSV UTF-8" writes it, is dropped).
    A file in another encoding, or separated by ";" or tabs, raises one DataError that says so.
    """
    folder = folder or data_dir()
    res = resource(name, _package(folder))
    file = res["path"]
    path = folder / file
    key = _file_key(f"rows:{file}", path)
    if key is None and not path.exists():
        raise DataError([Problem(file, None, "file", "the file is missing")])
    if key in _read_cache:  # validation reads the referenced tables again and again
        header, rows = _read_cache[key]
        return list(header), [dict(r) for r in rows]
    header, rows = _read_rows(path, file)
    if key is not None:
        _read_cache[key] = (list(header), [dict(r) for r in rows])
    return header, rows


def _read_rows(path: Path, file: str) -> tuple[list[str], list[dict]]:
    try:
        text = textfile.decode(path.read_bytes())
    except textfile.NotUtf8 as exc:
        raise DataError([Problem(file, None, "encoding", f"{exc}; {textfile.SAVE_AS_CSV_UTF8}")]) from None
    first_line = text.split("\n", 1)[0]
    separator = textfile.other_separator(first_line)
    if separator:
        raise DataError([Problem(
            file, None, "separator",
            f"the columns are separated by {textfile.SEPARATOR_NAMES[separator]}, not by commas; "
            f"{textfile.SAVE_AS_CSV_UTF8}")])
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    rows = []
    problems = []
    for i, cells in enumerate(reader, start=1):
        if not any(c.strip() for c in cells):  # a blank line, or a row of only separators (Excel)
            problems.append(Problem(file, i, "csv", "is an empty line (delete it)"))
            continue
        if len(cells) != len(header):
            problems.append(Problem(file, i, "csv", f"has {len(cells)} cells but the header has {len(header)} columns"))
            continue
        rows.append(dict(zip(header, cells)))
    if problems:
        raise DataError(problems)
    return header, rows


def _referenced(target: str, tfield: str, folder: Path, file: str, column: str) -> tuple[set[str], list[Problem]]:
    """The keys in column `tfield` of table `target`, or a problem saying why they cannot be read
    (the referenced table's header and file are checked first: never a bare KeyError)."""
    pkg = _package(folder)
    try:
        header, rows = read_rows(target, folder)
    except DataError as exc:
        return set(), [Problem(file, None, "foreign-key",
                               f"cannot check {column} against {target}: {exc.problems[0]}", column)]
    target_fields = resource(target, pkg)["schema"]["fields"]
    broken = validate.check_header(resource(target, pkg)["path"], header, target_fields)
    if broken or tfield not in header:
        reason = broken[0] if broken else f"{target} has no column {tfield}"
        return set(), [Problem(file, None, "foreign-key", f"cannot check {column} against {target}: {reason}", column)]
    return {r[tfield] for r in rows}, []


def problems_in(name: str, folder: Path | None = None) -> list[Problem]:
    """Every problem of one table: its schema, its keys, and the invariants that involve it."""
    folder = folder or data_dir()
    pkg = _package(folder)
    res = resource(name, pkg)
    file = res["path"]
    fields = res["schema"]["fields"]
    header, rows = read_rows(name, folder)
    problems = validate.check_header(file, header, fields)
    if problems:
        return problems
    problems += validate.check_cells(file, rows, fields)
    problems += validate.check_translations(file, rows, fields)
    key = res["schema"].get("primaryKey")
    if key:
        problems += validate.check_primary_key(file, rows, [key] if isinstance(key, str) else key)
    for fk in res["schema"].get("foreignKeys", []):
        column = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
        target = fk["reference"]["resource"] or name
        tfield = fk["reference"]["fields"]
        tfield = tfield if isinstance(tfield, str) else tfield[0]
        if target == name:
            known, unreadable = {r[tfield] for r in rows}, []
        else:
            known, unreadable = _referenced(target, tfield, folder, file, column)
        problems += unreadable or validate.check_foreign_key(file, rows, column, f"{target}.{tfield}", known)
    for (table, column), (target, tfield) in validate.LIST_REFERENCES.items():
        if table == name:
            known, unreadable = _referenced(target, tfield, folder, file, column)
            problems += unreadable or validate.check_list_reference(file, rows, column, f"{target}.{tfield}", known)
    for table, column in validate.TIME_ZONE_COLUMNS:
        if table == name:
            problems += validate.check_time_zones(file, rows, column)
    members = _members(pkg, folder)
    if name == "un_resolutions":
        problems += validate.check_resolution_totals(file, rows, members)
    if name in ("un_votes", "un_resolutions"):
        other = resource("un_resolutions" if name == "un_votes" else "un_votes", pkg)
        try:
            other_header, other_rows = read_rows(other["name"], folder)
            other_problems = validate.check_header(other["path"], other_header, other["schema"]["fields"])
        except DataError as exc:
            other_rows, other_problems = [], exc.problems
        if other_problems:
            problems.append(Problem(file, None, "totals", f"cannot check the votes against the totals: {other_problems[0]}"))
        else:
            votes, resolutions = (rows, other_rows) if name == "un_votes" else (other_rows, rows)
            problems += validate.check_votes_against_totals(resource("un_votes", pkg)["path"], votes, resolutions,
                                                            members)
    problems += validate.check_certainty(file, rows, res, _origins(folder))
    return problems


def _members(pkg: dict, folder: Path) -> int:
    """How many UN members the package's votes must cover: 193 for data/; a test fixture's
    package says so in its property `un_members` (its countries table holds only a few)."""
    return int(pkg.get("un_members", validate.UN_MEMBERS))


def _origins(folder: Path) -> dict[str, str]:
    """source_id -> origin (the newsroom whose story a source is), for the independence rule."""
    try:
        rows = read_rows("sources", folder)[1]
    except DataError:
        return {}  # sources.csv's own problems are reported when it is checked
    return {r["source_id"]: r.get("origin") or r.get("publisher", "") for r in rows}


def _to_frame(rows: list[dict], fields: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[f["name"] for f in fields])
    for f in fields:
        col = frame[f["name"]].map(lambda v: None if validate.is_empty(v) else v)
        ftype = f.get("type", "string")
        if ftype in ("integer", "year"):
            col = col.astype("Int64") if col.isna().any() else col.astype("int64")
        elif ftype == "number":
            col = col.astype("float64")
        elif ftype == "date":
            col = pd.to_datetime(col, format="%Y-%m-%d")
        elif ftype == "boolean":
            col = col.map(lambda v: None if pd.isna(v) else v in validate.TRUE_VALUES)
            col = col.astype("boolean") if col.isna().any() else col.astype(bool)
        else:
            col = col.astype("str").where(col.notna())
        frame[f["name"]] = col
    return frame


def load(name: str, folder: Path | None = None) -> pd.DataFrame:
    """A table of data/ (or of the data package in `folder`, e.g. a test fixture) as a
    DataFrame with the dtypes its schema describes, after validation."""
    global _reads
    folder = Path(folder) if folder is not None else data_dir()
    res = resource(name, _package(folder))
    key = (str(folder), name)
    cached = _cache.get(key)
    # Validated once per version of the files its validation read (the table, the tables it
    # refers to, sources.csv, datapackage.json): an edit to any of them validates it again.
    if cached is None or any(_version(path) != version for path, version in cached[0]):
        _reads = {}
        try:
            problems = problems_in(name, folder)
            if problems:
                raise DataError(problems)
            frame = _to_frame(read_rows(name, folder)[1], res["schema"]["fields"])
            read = {folder / PACKAGE_FILE: _version(folder / PACKAGE_FILE), **_reads}
        finally:
            _reads = None
        cached = _cache[key] = (tuple(sorted(read.items())), frame)
    return in_language(cached[1].copy(), res["schema"]["fields"])


def in_language(frame: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    """In German, a column whose schema field says `"shown_in_german": "<col>_de"` holds that German
    text, so the lessons' own tables show German. Columns that code compares with a value (`item`,
    `topic`, `confidence`) never say so: they keep their English values in both editions.
    A German column that translates only part of the rows (its field declares
    `translated_only_where`, e.g. sources.title_de) leaves the English cell where it is empty."""
    if i18n.current() == "de":
        partial = {f["name"] for f in fields if f.get("translated_only_where")}
        for f in fields:
            german = f.get("shown_in_german")
            if german in partial:
                frame[f["name"]] = frame[german].where(frame[german].notna(), frame[f["name"]])
            elif german:
                frame[f["name"]] = frame[german]
    return frame


def cited_source_ids(name: str) -> list[str]:
    """The ids of the sources a table's rows cite, in first-cited order."""
    if name == "sources":
        return []
    header, rows = read_rows(name)
    ids: list[str] = []
    for row in rows:
        for c in SOURCE_COLUMNS:
            if row.get(c) and row[c] not in ids:
                ids.append(row[c])
    if name == "un_votes":  # the per-country lists are cited by their resolution's row
        shown = {r["resolution"] for r in rows}
        for r in read_rows("un_resolutions")[1]:
            if r["short_id"] in shown and r["votes_source_id"] and r["votes_source_id"] not in ids:
                ids.append(r["votes_source_id"])
    return ids


def source_ids(name: str) -> list[str]:
    """The ids of a table's sources: those listed for it in datapackage.json.

    The list holds every source its rows cite (tools/sync_sources.py keeps it so) and the
    sources of the table as a whole (e.g. the membership lists behind countries.csv).
    """
    return [s["source_id"] for s in resource(name, _package()).get("sources", [])]


def sources_for(name: str) -> pd.DataFrame:
    """The sources (publisher, title, url, published) that a table rests on."""
    ids = source_ids(name)
    sources = load("sources").set_index("source_id")
    return sources.loc[ids].reset_index()


def source_line(name: str, limit: int = 3) -> str:
    """A short 'Source:' line for under a chart, built from the table's sources."""
    return format_source_line(sources_for(name), limit=limit)


def sources_markdown(names: list[str], article: bool = False) -> str:
    """The sources of the given tables, for a lesson's Sources section.

    One folded block per table (title and number of sources; click to open), so the list is
    complete without filling the screen. HTML inside Markdown: it renders in JupyterLab,
    on GitHub and in nbconvert's HTML. article=True puts the article's citation first, as a
    list item ("- The article: …", in the lesson's language). In German the tables' titles are
    their title_de and the dates read '18. Juni 2024' ('ohne Datum' where undated).
    """
    blocks = []
    if article:
        from lessonkit.article import load_article

        blocks.append("- " + i18n.t("The article: {citation}", citation=load_article().citation()))
    german = i18n.current() == "de"
    for name in names:
        res = resource(name, _package())
        items = [
            f'<li>{html.escape(r.publisher)}: <a href="{html.escape(r.url, quote=True)}">{html.escape(r.title)}</a>, '
            f"{html.escape(_published(r.published) if german else r.published)}</li>"
            for r in sources_for(name).itertuples()
        ]
        title = html.escape(res.get("title_de" if german and res.get("title_de") else "title", name))
        blocks.append(
            f"<details><summary><code>{name}</code> — {title} "
            f"({i18n.nt('{n} source', '{n} sources', len(items), n=len(items))})"
            f"</summary><ul>{''.join(items)}</ul></details>"
        )
    return "\n".join(blocks)


def _published(value: str) -> str:
    """A source's date in German: '2024-06-18' -> '18. Juni 2024', '2024-10' -> 'Oktober 2024',
    'undated' -> 'ohne Datum'."""
    return format_date(value) or i18n.t("undated")
