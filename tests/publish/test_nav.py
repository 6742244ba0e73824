"""mkdocs.yml nav editing: labels, newest-first insertion, byte-for-byte preservation."""

from __future__ import annotations

from datetime import date

import pytest

from osgtui.publish.nav import add_nav_entry, nav_label, nav_line

REAL_SHAPE = """\
site_name: OSG Technology Area
nav:
  - Home: 'index.md'
  - Software:
    - Packaging:
      - RPM Development Guide: 'software/rpm-development-guide.md'
    - Software Support: 'policy/software-support.md'
  - Meetings:
    - June 6, 2023: 'meetings/2023/TechArea20230606.md'
    - May 30, 2023: 'meetings/2023/TechArea20230530.md'
    - January, 27 2020: 'meetings/2020/TechArea20200127.md'
    - January, 13 2020: 'meetings/2020/TechArea20200113.md'

markdown_extensions:
  - admonition
"""


def path_of(d: date) -> str:
    """The nav path of meeting ``d``."""
    return f"meetings/{d.year}/TechArea{d:%Y%m%d}.md"


def lines_of(text: str) -> list[str]:
    """The text's lines (for readable positional asserts)."""
    return text.split("\n")


@pytest.mark.parametrize(
    ("d", "label"),
    [
        (date(2019, 6, 10), "June 10, 2019"),
        (date(2024, 12, 3), "December 3, 2024"),
        (date(2020, 1, 27), "January 27, 2020"),
    ],
)
def test_nav_label(d: date, label: str) -> None:
    assert nav_label(d) == label


def test_nav_line_default_and_custom_indent() -> None:
    d = date(2019, 6, 10)
    assert nav_line(d, path_of(d)) == "    - June 10, 2019: 'meetings/2019/TechArea20190610.md'"
    assert nav_line(d, "it's.md", indent="  ") == "  - June 10, 2019: 'it''s.md'"


def test_newest_goes_on_top_with_existing_indentation() -> None:
    d = date(2023, 6, 13)
    result = add_nav_entry(REAL_SHAPE, d, path_of(d))
    assert result.changed and result.warning is None
    expected = REAL_SHAPE.replace(
        "  - Meetings:\n",
        "  - Meetings:\n    - June 13, 2023: 'meetings/2023/TechArea20230613.md'\n",
    )
    assert result.text == expected


def test_middle_insertion_compares_path_dates() -> None:
    d = date(2023, 6, 1)
    text = add_nav_entry(REAL_SHAPE, d, path_of(d)).text
    lines = lines_of(text)
    index = lines.index("    - June 1, 2023: 'meetings/2023/TechArea20230601.md'")
    assert lines[index - 1].startswith("    - June 6, 2023")
    assert lines[index + 1].startswith("    - May 30, 2023")


def test_stray_labels_do_not_break_the_order() -> None:
    d = date(2020, 1, 20)
    lines = lines_of(add_nav_entry(REAL_SHAPE, d, path_of(d)).text)
    index = lines.index("    - January 20, 2020: 'meetings/2020/TechArea20200120.md'")
    assert lines[index - 1] == "    - January, 27 2020: 'meetings/2020/TechArea20200127.md'"
    assert lines[index + 1] == "    - January, 13 2020: 'meetings/2020/TechArea20200113.md'"


def test_oldest_goes_at_the_bottom_before_the_blank_line() -> None:
    d = date(2019, 12, 16)
    text = add_nav_entry(REAL_SHAPE, d, path_of(d)).text
    expected = REAL_SHAPE.replace(
        "TechArea20200113.md'\n\n",
        "TechArea20200113.md'\n    - December 16, 2019: 'meetings/2019/TechArea20191216.md'\n\n",
    )
    assert text == expected


def test_already_listed_path_is_not_duplicated() -> None:
    d = date(2020, 1, 27)  # listed under a stray label
    result = add_nav_entry(REAL_SHAPE, d, path_of(d))
    assert result == type(result)(REAL_SHAPE, False, None)


def test_double_quoted_existing_path_counts_as_listed() -> None:
    text = 'nav:\n  - Meetings:\n    - June 6, 2023: "meetings/2023/TechArea20230606.md"\n'
    assert not add_nav_entry(text, date(2023, 6, 6), path_of(date(2023, 6, 6))).changed


def test_missing_meetings_section_warns_and_changes_nothing() -> None:
    text = "site_name: X\nnav:\n  - Home: 'index.md'\n"
    result = add_nav_entry(text, date(2019, 6, 10), path_of(date(2019, 6, 10)))
    assert result.text == text and not result.changed
    assert result.warning is not None and "Meetings" in result.warning
    assert "June 10, 2019: 'meetings/2019/TechArea20190610.md'" in result.warning


def test_missing_nav_warns() -> None:
    text = "site_name: X\ntheme:\n  name: material\n"
    result = add_nav_entry(text, date(2019, 6, 10), "x.md")
    assert result.text == text and not result.changed and "nav" in (result.warning or "")


def test_meetings_key_outside_nav_is_not_used() -> None:
    text = "extra:\n  - Meetings:\n    - old: 'x.md'\nnav:\n  - Home: 'index.md'\n"
    result = add_nav_entry(text, date(2019, 6, 10), "y.md")
    assert not result.changed and result.warning


def test_meetings_in_the_middle_of_nav() -> None:
    text = (
        "nav:\n"
        "    - Home: index.md\n"
        "    - Meetings:\n"
        "        - June 3, 2019: 'meetings/2019/TechArea20190603.md'\n"
        "    - Policy:\n"
        "        - Support: 'policy/support.md'\n"
        "plugins:\n"
        "    - search\n"
    )
    d = date(2019, 5, 27)
    result = add_nav_entry(text, d, path_of(d))
    assert result.text == text.replace(
        "TechArea20190603.md'\n",
        "TechArea20190603.md'\n        - May 27, 2019: 'meetings/2019/TechArea20190527.md'\n",
    )


def test_empty_meetings_list_as_last_item_uses_the_nav_step() -> None:
    text = "nav:\n  - Home: 'index.md'\n  - Software:\n    - Guide: 'g.md'\n  - Meetings:\n"
    d = date(2019, 6, 10)
    result = add_nav_entry(text, d, path_of(d))
    assert result.text == text + "    - June 10, 2019: 'meetings/2019/TechArea20190610.md'\n"


def test_empty_meetings_list_followed_by_items_and_keys() -> None:
    text = "nav:\n- Meetings:\n- Other: o.md\nplugins:\n- search\n"
    d = date(2019, 6, 10)
    result = add_nav_entry(text, d, path_of(d))
    assert result.text == text.replace(
        "- Meetings:\n", "- Meetings:\n    - June 10, 2019: 'meetings/2019/TechArea20190610.md'\n"
    )


def test_no_trailing_newline_is_kept() -> None:
    text = "nav:\n  - Meetings:\n    - June 3, 2019: 'meetings/2019/TechArea20190603.md'"
    d = date(2019, 5, 27)
    result = add_nav_entry(text, d, path_of(d))
    assert result.text == text + "\n    - May 27, 2019: 'meetings/2019/TechArea20190527.md'"
    empty = "nav:\n  - Meetings:"
    assert add_nav_entry(empty, d, path_of(d)).text == empty + "\n    - May 27, 2019: 'meetings/2019/TechArea20190527.md'"


def test_crlf_file_stays_crlf() -> None:
    text = REAL_SHAPE.replace("\n", "\r\n")
    for d in (date(2023, 6, 13), date(2023, 6, 1), date(2019, 1, 7)):
        result = add_nav_entry(text, d, path_of(d))
        assert result.changed
        assert result.text.count("\r\n") == text.count("\r\n") + 1
        assert "\n" not in result.text.replace("\r\n", "")
        assert result.text.replace(nav_line(d, path_of(d), "    ") + "\r\n", "", 1) == text


def test_only_one_line_is_added_everything_else_identical() -> None:
    text = REAL_SHAPE.replace("site_name:", "# comment with 'quotes'  \nsite_name:")
    d = date(2021, 3, 2)
    result = add_nav_entry(text, d, path_of(d))
    assert result.text.replace(nav_line(d, path_of(d)) + "\n", "", 1) == text


def test_nested_entries_under_a_meeting_stay_with_it() -> None:
    text = (
        "nav:\n"
        "  - Meetings:\n"
        "    - June 3, 2019: 'meetings/2019/TechArea20190603.md'\n"
        "    - 2018:\n"
        "      - December 17, 2018: 'meetings/2018/TechArea20181217.md'\n"
        "      - December 10, 2018: 'meetings/2018/TechArea20181210.md'\n"
        "  - About: about.md\n"
    )
    d = date(2019, 5, 27)
    result = add_nav_entry(text, d, path_of(d))
    assert result.text == text.replace(
        "TechArea20190603.md'\n",
        "TechArea20190603.md'\n    - May 27, 2019: 'meetings/2019/TechArea20190527.md'\n",
    )
    newest = date(2019, 6, 10)
    assert add_nav_entry(text, newest, path_of(newest)).text.split("\n")[2].startswith("    - June 10, 2019")


def test_undated_entries_only_new_entry_goes_first() -> None:
    text = "nav:\n  - Meetings:\n    - Template: 'meetings/TechAreaTemplate.md'\n"
    d = date(2019, 6, 10)
    lines = lines_of(add_nav_entry(text, d, path_of(d)).text)
    assert lines[2] == "    - June 10, 2019: 'meetings/2019/TechArea20190610.md'"


def test_newer_than_all_dated_but_after_undated_header_entry() -> None:
    text = (
        "nav:\n  - Meetings:\n    - Template: 'meetings/TechAreaTemplate.md'\n"
        "    - June 3, 2019: 'meetings/2019/TechArea20190603.md'\n"
    )
    d = date(2019, 6, 10)
    lines = lines_of(add_nav_entry(text, d, path_of(d)).text)
    assert lines[2].startswith("    - Template") and lines[3].startswith("    - June 10, 2019")


def test_quoted_meetings_key_and_comment() -> None:
    text = "nav:\n  - 'Meetings':   # newest first\n    - June 3, 2019: 'meetings/2019/TechArea20190603.md'\n"
    d = date(2019, 6, 10)
    assert add_nav_entry(text, d, path_of(d)).text.split("\n")[2].startswith("    - June 10, 2019")
