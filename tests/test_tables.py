"""lessonkit.tables: tables that read well (issue 16)."""

import pandas as pd

from lessonkit import tables


def cells(html):
    import re
    return re.findall(r'<t([dh])[^>]*style="([^"]*)"[^>]*>([^<]*)</t[dh]>', html)


def test_numbers_get_separators_years_do_not_and_empty_cells_show_a_dash():
    frame = pd.DataFrame({"year": [2024, 2023], "quantity": [12000000, None], "share_pct": [51.7, 80.0],
                          "period_start": [2019, 2014]})
    found = [c[2] for c in cells(tables.html(frame))]
    assert "12,000,000" in found and "2024" in found and "2019" in found and "51.7" in found and "80" in found
    assert "–" in found and "2,024" not in found


def test_text_is_left_aligned_long_text_wraps_and_dates_do_not_break():
    frame = pd.DataFrame({"date": pd.to_datetime(["2024-03-28", "2024-04-25"]), "item": ["oil", "food"],
                          "note": ["x" * 80, "short"], "n": [1, 2]})
    html = tables.html(frame)
    styles = {text: style for _, style, text in cells(html)}
    assert "white-space:nowrap" in styles["2024-03-28"] and "text-align:right" in styles["2024-03-28"]
    assert "text-align:left" in styles["oil"]
    assert "white-space:normal" in styles["x" * 80] and "max-width" in styles["x" * 80]
    assert '<th scope="col"' in html and "2024-03-28 00:00" not in html


def test_a_named_index_is_shown_as_row_headers_and_text_is_escaped():
    frame = pd.DataFrame({"vote": ["<b>N</b>"]}, index=pd.Index(["RUS"], name="iso3"))
    html = tables.html(frame)
    assert '<th scope="row"' in html and ">RUS<" in html and ">iso3<" in html
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_row_numbers_are_left_out_and_row_names_kept():
    assert ">7<" not in tables.html(pd.DataFrame({"a": ["x", "y"]}, index=[7, 9]))  # positions in a bigger table
    assert ">0<" not in tables.html(pd.DataFrame({"a": ["x"]}))
    named = tables.html(pd.DataFrame({"yes": [141]}, index=pd.Index(["ES-11/1"], name="short_id")))
    assert ">ES-11/1<" in named and ">short_id<" in named


def test_an_id_index_is_for_code_and_stays_off_the_screen():
    frame = pd.DataFrame({"what happened": ["Putin arrives"]}, index=pd.Index(["putin-arrives-2024"], name="event_id"))
    html = tables.html(frame)
    assert "putin-arrives-2024" not in html and "event_id" not in html and "Putin arrives" in html


def test_a_folded_table_opens_with_a_click_and_keeps_its_plain_view():
    frame = pd.DataFrame({"item": ["oil"], "quantity": [1000000]})
    folded = tables.fold(frame)
    page = folded._repr_html_()
    assert page.startswith("<details class='lk-folded'><summary>Show the table</summary>" '<div class="lk-table-region"')
    assert "1,000,000" in page and repr(folded) == repr(frame)


def test_a_wide_table_scrolls_in_a_region_the_keyboard_can_reach():
    page = tables.html(pd.DataFrame({"name": ["x" * 300], "n": [1]}))
    assert page.startswith('<div class="lk-table-region" role="region" tabindex="0" aria-label="Table"')
    assert "overflow-x:auto" in page and page.endswith("</table></div>")


def test_german_tables_label_data_columns_above_the_name_students_type(monkeypatch):
    from lessonkit import i18n

    frame = pd.DataFrame({"reported_by": ["G7"], "ES-11/1": [141]}).set_index(pd.Index(["RUS"], name="iso3"))
    english = tables.html(frame)
    assert ">reported_by</th>" in english and "Gemeldet" not in english
    monkeypatch.setattr(i18n, "_chosen", None)
    i18n.use("de")
    german = tables.html(frame)
    monkeypatch.setattr(i18n, "_chosen", None)
    assert "Gemeldet von</span><br><code" in german and ">reported_by</code></th>" in german
    assert "Ländercode</span><br><code" in german and ">iso3</code>" in german, "the index's name too"
    assert ">ES-11/1</th>" in german, "a name that is not a data column stays as it is"
