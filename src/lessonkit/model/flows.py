"""Arms flows: the transfers table filtered by states, how sure and what flows, merged into one
edge per (from, to, category), where each state sits in the diagram, and the words of the flow
diagram (its title, text alternative, arrow labels)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd

from lessonkit.i18n import N_, column, current, nt, t
from lessonkit.model.codes import check_countries, dative_names, genitive_names, name_map, route_names
from lessonkit.text import is_blank, join_names, mid_sentence, sentence


# The flow categories (transfers.category), in the order of the diagram's legend.
CATEGORY_ORDER = ("missiles", "troops", "weapons", "ammunition", "technology", "goods", "other")


CONFIDENCE_ORDER = ("confirmed", "official_estimate", "reported", "alleged")


def item_label(item, unit=None) -> str:
    """What a transfer row moves, for a label: the item, or its unit where the item is only
    'other' (e.g. 'containers')."""
    if is_blank(item) or str(item).strip().lower() == "other":
        return "other" if is_blank(unit) else str(unit).strip()
    return str(item).strip()


def flow_edges(transfers: pd.DataFrame) -> pd.DataFrame:
    """One edge per (from, to, category): the items it stands for, its firmest confidence
    (confirmed > official_estimate > reported > alleged), how many rows of each confidence it
    merges, and a curvature so that edges between the same two states do not overlap.

    Columns: from_iso3, to_iso3, category, confidence, confidences, items (labels: the item, or
    its unit where the item is 'other'), item_confidence (item label -> its firmest level), kinds (the distinct `item` values, 'other' for blank),
    transfer_ids, n, rad."""
    columns = ["from_iso3", "to_iso3", "category", "confidence", "confidences", "items", "item_confidence", "kinds",
               "kind_words", "transfer_ids", "n", "rad"]
    if transfers.empty:
        return pd.DataFrame(columns=columns)
    t = transfers.copy()
    blank = pd.Series([None] * len(t), index=t.index)
    # the words shown are German where the table has item_de / unit_de; `kind` stays the English value
    items = column(t, "item", fallback=True)
    units = column(t, "unit", fallback=True) if "unit" in t.columns else blank
    # whether a row is only 'other' is read from the English item (German writes it "Sonstiges")
    t["label"] = [item_label("other" if is_blank(e) or str(e).strip().lower() == "other" else i, u)
                  for e, i, u in zip(t["item"], items, units)]
    t["kind"] = ["other" if is_blank(i) else str(i).strip().lower() for i in t["item"]]
    # German nouns keep their capital ("Ausbildung"); English items are lower-cased for titles
    word = {k: ("other" if is_blank(i) else str(i).strip() if current() == "de" else str(i).strip().lower())
            for k, i in zip(t["kind"], items)}
    t["confidence"] = t["confidence"].astype(str).str.strip().str.lower()
    rank = {c: i for i, c in enumerate(CONFIDENCE_ORDER)}
    rows = []
    # only the columns read below: each group is a slice of every column it carries
    t = t[[c for c in ("from_iso3", "to_iso3", "category", "confidence", "label", "kind", "transfer_id") if c in t.columns]]
    for (f, to, cat), g in t.groupby(["from_iso3", "to_iso3", "category"], sort=True):
        g = g.assign(_rank=g["confidence"].map(lambda c: rank.get(c, 9))).sort_values("_rank", kind="stable")
        counts = g["confidence"].value_counts()
        rows.append({
            "from_iso3": f, "to_iso3": to, "category": cat,
            "confidence": g["confidence"].iloc[0],
            "confidences": {c: int(counts[c]) for c in CONFIDENCE_ORDER if c in counts},
            "items": list(dict.fromkeys(g["label"])),
            # each item's firmest confidence (g is sorted firmest first), so a label can say it
            "item_confidence": dict(reversed(list(zip(g["label"], g["confidence"])))),
            "kinds": list(dict.fromkeys(g["kind"])),
            "kind_words": {k: word[k] for k in dict.fromkeys(g["kind"])},
            "transfer_ids": [str(i) for i in g.get("transfer_id", pd.Series(range(len(g))))],
            "n": len(g),
        })
    edges = pd.DataFrame(rows)
    cat_rank = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    edges["_pair"] = [tuple(sorted((a, b))) for a, b in zip(edges["from_iso3"], edges["to_iso3"])]
    edges["_cat"] = edges["category"].map(lambda c: cat_rank.get(c, 99))
    edges = edges.sort_values(["_pair", "from_iso3", "_cat"], kind="stable").reset_index(drop=True)
    rads = {}
    for _, g in edges.groupby("_pair", sort=False):
        k = len(g)
        for j, (idx, row) in enumerate(g.iterrows()):
            rad = 0.0 if k == 1 else (j - (k - 1) / 2) * min(0.3, 1.2 / (k - 1))
            # arc3's bend is relative to the direction of travel: flip for the reverse direction
            if (row["from_iso3"], row["to_iso3"]) != row["_pair"]:
                rad = -rad
            rads[idx] = rad
    edges["rad"] = pd.Series(rads)
    return edges[columns]


def check_confidence(value) -> list[str] | None:
    """None / 'all' -> None (no filter); a level or a list of levels -> the levels, in the order
    firmest first. Accepts 'official estimate' and 'Official estimate' for 'official_estimate'.
    Raises ValueError naming the valid levels."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "all")):
        return None
    values = [value] if isinstance(value, str) else list(value)
    out = []
    for v in values:
        key = str(v).strip().lower().replace(" ", "_").replace("-", "_")
        if key not in CONFIDENCE_ORDER:
            raise ValueError(f"Unknown confidence {v!r}; valid: {', '.join(CONFIDENCE_ORDER)} (or 'all').")
        out.append(key)
    return [c for c in CONFIDENCE_ORDER if c in out]


def check_category(value, labels: dict[str, str] | None = None) -> list[str] | None:
    """None / 'all' -> None (no filter); a category key ('goods') or its label
    ('Oil, food, money, goods'), or a list of them -> the keys in CATEGORY_ORDER.
    Raises ValueError naming the valid categories."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "all")):
        return None
    by_label = {str(v).strip().lower(): k for k, v in (labels or {}).items()}
    values = [value] if isinstance(value, str) else list(value)
    out = []
    for v in values:
        key = str(v).strip().lower()
        key = key if key in CATEGORY_ORDER else by_label.get(key)
        if key is None:
            raise ValueError(f"Unknown category {v!r}; valid: {', '.join(CATEGORY_ORDER)} (or 'all').")
        out.append(key)
    return [c for c in CATEGORY_ORDER if c in out]


def transfer_categories(transfers: pd.DataFrame) -> pd.Series:
    """The flow category of each transfer row (the table's `category` column)."""
    return transfers["category"].astype(object)


def filter_transfers(transfers: pd.DataFrame, confidence: Sequence[str] | None = None,
                     categories: Sequence[str] | None = None) -> pd.DataFrame:
    """The rows rated one of these confidence levels and in one of these categories (None: any)."""
    keep = pd.Series(True, index=transfers.index)
    if confidence is not None:
        keep &= transfers["confidence"].astype(str).str.strip().str.lower().isin(list(confidence))
    if categories is not None:
        keep &= transfer_categories(transfers).isin(list(categories))
    return transfers[keep]


def node_positions(codes: Sequence[str], positions: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """The positions of the flow_positions table (chosen by hand, in a 10 x 6 box); states
    without one are lined up along the bottom, in code order."""
    known = {c: (float(x), float(y)) for c, x, y in zip(positions["iso3"], positions["x"], positions["y"])}
    pos = {c: known[c] for c in codes if c in known}
    extra = sorted(c for c in codes if c not in known)
    for i, c in enumerate(extra):
        pos[c] = (0.8 + i * (8.6 / max(len(extra), 1)), -0.05)
    return pos


# --- shape: the rows and edges a flow diagram draws ---------------------------------------------


class NoFlows(ValueError):
    """No transfer row is left to draw (unknown states, or filters that match nothing).
    `.message` is a sentence fit to show a student in place of the diagram."""

    def __init__(self, text: str, message: str):
        super().__init__(text)
        self.message = message


def flow_shape(transfers: pd.DataFrame, countries: pd.DataFrame, states: Sequence[str] | None, only_between: bool,
               levels: Sequence[str] | None, cats: Sequence[str] | None, labels: Mapping[str, str]) -> dict:
    """The transfers a flow diagram draws (rows from or to `states`, or between two of them
    with only_between; of these confidence levels and categories) and their edges (flow_edges),
    with the names of the states. Raises NoFlows if no row is left. labels: level -> label."""
    if states is not None:
        states = check_countries(states, countries)
        ends = (transfers["from_iso3"].isin(states), transfers["to_iso3"].isin(states))
        transfers = transfers[(ends[0] & ends[1]) if only_between else (ends[0] | ends[1])]
    shape = {"states": states, "only_between": only_between, "levels": levels, "cats": cats,
             "state_names": name_map(countries, states or []), "state_datives": dative_names(countries, states or []),
             "state_genitives": genitive_names(countries, states or [])}
    if transfers.empty:
        raise NoFlows("No transfers to draw" + (f" for {', '.join(states)}." if states else "."),
                      sentence(t("No {scope}", scope=scope_words(shape, labels))))
    transfers = filter_transfers(transfers, levels, cats)
    if transfers.empty:
        scope = scope_words(shape, labels)
        raise NoFlows(f"No transfers to draw: no {scope}.", sentence(t("No {scope}", scope=scope)))
    edges = flow_edges(transfers)
    codes = sorted(set(edges["from_iso3"]) | set(edges["to_iso3"]))
    return {**shape, "transfers": transfers, "edges": edges, "names": name_map(countries, codes),
            "routes": route_names(countries, codes)}


def flow_table(shape: dict) -> pd.DataFrame:
    """The data a flow diagram shows: its transfer rows, category as the fourth column."""
    data = shape["transfers"].copy()
    data.insert(3, "category", data.pop("category"))
    return data.reset_index(drop=True)


# --- describe: the diagram's words --------------------------------------------------------------

# Words for each category in titles. Technology and goods are spelled out from the items in the
# data (e.g. "food, oil and money"), so a title never names one item for the whole category.
CATEGORY_WORDS = {
    "ammunition": N_("ammunition"),
    "missiles": N_("missiles"),
    "weapons": N_("weapons systems"),
    "troops": N_("troops"),
    "technology": N_("technology"),
    "goods": N_("goods"),
    "other": N_("other items"),
}
# ... and when no row is left to spell them out (an empty filter)
CATEGORY_NAMES = {**CATEGORY_WORDS, "technology": N_("technology or know-how"),
                  "goods": N_("oil, food, money or other goods")}
# before the noun in English ("confirmed transfers"); German puts the level after it
CONFIDENCE_ADJECTIVES = {"confirmed": N_("confirmed "), "official_estimate": N_("officially estimated "),
                         "reported": N_("reported "), "alleged": N_("alleged ")}


def join_or(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else t("{a} or {b}", a=", ".join(names[:-1]), b=names[-1])


def edge_label(items: list[str], labels: Mapping[str, str], width: int = 20, levels: dict | None = None) -> str:
    """The items of an arrow: all of them if they fit in about two short lines, else the first
    two and '+N'. Where the items of one arrow differ in how sure they are (levels: item ->
    confidence), each group says its level, e.g. 'food (confirmed); oil, money (reported)', so the
    arrow's line style (its firmest level) is not read as true of every item."""
    if levels and len({levels.get(i) for i in items}) > 1:
        groups: dict[str, list[str]] = {}
        for item in items:
            groups.setdefault(levels.get(item), []).append(item)
        text = "; ".join(f"{', '.join(g)} ({mid_sentence(labels.get(c, str(c)))})" for c, g in groups.items())
        return "\n".join(textwrap.wrap(text, width))
    text = ", ".join(items)
    if len(items) > 2 and len(text) > 2 * width - 8:
        text = ", ".join(items[:2]) + f" +{len(items) - 2}"
    return "\n".join(textwrap.wrap(text, width))


def _kind_word(category: str, kind: str, shown: str | None = None) -> str:
    """The title word for one kind of item (shown: the item as the language in use writes it)."""
    if category == "technology":
        return t("technology") if "technolog" in kind or kind == "other" else (shown or kind)
    if category == "goods":
        return t("other goods") if kind == "other" else (shown or kind)
    return t(CATEGORY_WORDS[category]) if category in CATEGORY_WORDS else category


def category_words(edges: pd.DataFrame) -> list[str]:
    """What these edges carry, for a title: one word per category in the edges' order, except
    technology and goods, which are spelled out from the items ('food', 'oil', 'money'; a
    'military technology' row reads 'technology'). No duplicates."""
    words: list[str] = []
    for _, e in edges.iterrows():
        kinds = e["kinds"] if e["category"] in ("technology", "goods") else [""]
        for kind in kinds:
            w = _kind_word(e["category"], kind, (e.get("kind_words") or {}).get(kind))
            if w not in words:
                words.append(w)
    return words


def scope_words(shape: Mapping, labels: Mapping[str, str], plural: bool = True, things: str | None = None) -> str:
    """'transfers in the data', 'confirmed transfers of missiles in the data involving Vietnam', …
    (things: what flows, instead of the names of the categories filtered on)."""
    levels, cats, states = shape["levels"], shape["cats"], shape["states"]
    adj = t(CONFIDENCE_ADJECTIVES[levels[0]]) if levels and len(levels) == 1 else ""
    what = ""
    if cats:
        what = t(" of {things}", things=things or join_or([t(CATEGORY_NAMES[c]) for c in cats]))
    rated = t(" rated {levels}", levels=join_or([mid_sentence(labels[c]) for c in levels])) if levels and len(levels) > 1 else ""
    who = ""
    if states:
        names = [shape["state_names"].get(c, c) for c in states]
        dative = [shape.get("state_datives", {}).get(c, n) for c, n in zip(states, names)]  # German: den USA
        if shape["only_between"] and len(names) == 2:
            who = t(" between {names}", names=join_names(names), dative=join_names(dative))
        elif shape["only_between"] and len(names) > 2:
            who = t(" among {names}", names=join_names(names), dative=join_names(dative))
        else:
            genitive = [shape.get("state_genitives", {}).get(c, n) for c, n in zip(states, names)]  # der USA
            who = t(" involving {names}", names=join_or(names), genitive=join_or(genitive))
    return t("{adjective}{noun}{what}{rated} in the data{who}", adjective=adj,
             noun=nt("transfer", "transfers", 2 if plural else 1), what=what, rated=rated, who=who)


def flow_subtitle(shape: Mapping, labels: Mapping[str, str], category_labels: Mapping[str, str]) -> str:
    """How to read the arrows, and the filter applied (labels: level -> label; category_labels:
    category -> legend label)."""
    levels, cats = shape["levels"], shape["cats"]
    subtitle = t("Arrow colour: what flows. Line style: the firmest evidence for that flow. "
                 "One arrow may stand for several reports (rows of the table transfers).")
    if levels or cats:
        shown = []
        if levels:
            shown.append(t("How sure: {levels}", levels=join_or([labels[c] for c in levels])))
        if cats:
            shown.append(t("What flows: {things}", things=join_or([t(category_labels[c]) for c in cats])))
        subtitle += " " + t("Filter \u2013 {shown}.", shown="; ".join(shown))
    return subtitle


def count_label(n: int, forms: tuple[str, str]) -> str:
    """(16, ('Official estimate', 'Official estimates')) -> '16 official estimates'; 1 takes the
    first form."""
    return f"{n} {mid_sentence(forms[0] if n == 1 else forms[1])}"


def flow_words(shape: Mapping, labels: Mapping[str, str],
               counted: Mapping[str, tuple[str, str]] | None = None) -> tuple[str, str]:
    """The title (where most rows run, and what) and the text alternative of a flow diagram
    (shape: flow_shape; labels: level -> label; counted: level -> its labels for one and for
    other counts, codes.certainty_counted, for '16 official estimates')."""
    edges, names, transfers = shape["edges"], shape["names"], shape["transfers"]
    ways = shape.get("routes") or {c: (n, n) for c, n in names.items()}  # German 'von …', 'nach …'/'in die …'

    def fields(a: str, b: str) -> dict[str, str]:
        return {"a": names[a], "b": names[b], "a_from": ways[a][0], "b_to": ways[b][1]}

    levels, cats = shape["levels"], shape["cats"]
    total = int(edges["n"].sum())
    # one category: name what is actually there, e.g. "food, oil and money"
    things = join_names(category_words(edges)) if cats and len(cats) == 1 else None
    scope = scope_words(shape, labels, plural=total != 1, things=things)
    pairs = edges.groupby(["from_iso3", "to_iso3"], sort=False)["n"].sum()
    pairs = pairs.sort_values(ascending=False, kind="stable")
    n_top = int(pairs.iloc[0])
    top = [p for p, n in pairs.items() if n == n_top][:3]
    one_category = bool(cats) and len(cats) == 1

    def what(a: str, b: str, tied: list) -> str:
        """': missiles and troops; food in return' for the pair a -> b."""
        text = ""
        if not one_category:
            text = join_names(category_words(edges[(edges["from_iso3"] == a) & (edges["to_iso3"] == b)]))
        back = edges[(edges["from_iso3"] == b) & (edges["to_iso3"] == a)]
        if len(back) and (b, a) not in tied:
            back_text = (t("{things} in return", things=join_names(category_words(back))) if not one_category
                         else t("{n} the other way", n=int(back["n"].sum())))
            text = f"{text}; {back_text}" if text else back_text
        return text

    if len(top) == 1:
        (a, b) = top[0]
        route = t("from {a} to {b}", **fields(a, b))
        if total == 1:
            lead = t("The only {scope} runs {route}", scope=scope, route=route)
        elif n_top == total:
            lead = t("All {scope} run {route}", scope=scope, route=route)
        elif n_top > total / 2:
            lead = t("Most {scope} run {route}", scope=scope, route=route)
        else:
            lead = t("{scope} run most often {route}", scope=sentence(scope)[:-1], route=route)
        detail = what(a, b, top)
        title = lead + (f"{';' if one_category else ':'} {detail}" if detail else "")
    else:
        routes = []
        for a, b in top:
            detail = what(a, b, top)
            routes.append(t("from {a} to {b}", **fields(a, b)) + (f" ({detail})" if detail else ""))
        title = t("{scope} run most often {route}", scope=sentence(scope)[:-1], route=join_names(routes))
    conf = transfers["confidence"].astype(str).str.strip().str.lower().value_counts()
    conf_text = ", ".join(count_label(int(conf[c]), counted[c] if counted and c in counted else (labels[c],) * 2)
                          for c in CONFIDENCE_ORDER if c in conf)
    # one part per pair of states (the first six pairs), its items by firmest level, in edge order
    # ("North Korea to Russia: ballistic missiles, troops (at best confirmed), rocket launchers (at best reported)")
    by_pair: dict[tuple[str, str], dict[str, list[str]]] = {}
    for e in [r for _, r in edges.iterrows()]:
        by_pair.setdefault((e.from_iso3, e.to_iso3), {}).setdefault(e.confidence, []).extend(e["items"])
    parts = [t("{a} to {b}: {things}", **fields(a, b), things=", ".join(
                 t("{items} (at best {level})", items=", ".join(dict.fromkeys(items)),
                   level=mid_sentence(labels.get(level, level))) for level, items in by_level.items()))
             for (a, b), by_level in list(by_pair.items())[:6]]
    more = t("; and {n} more", n=len(by_pair) - 6) if len(by_pair) > 6 else ""
    how_sure = f" ({conf_text})" if not (levels and len(levels) == 1) else ""
    alt = t("Diagram of {n} {scope}, between {k} states{how_sure}: {parts}", n=len(transfers), scope=scope,
            k=len(names), how_sure=how_sure, parts="; ".join(parts)) + more
    return title, alt
