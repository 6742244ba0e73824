"""The built-in template: the first meeting of a store, in the archive's current (2024) layout."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from osgtui.config import WEEKDAYS
from osgtui.minutes.model import CountMeta, Meeting
from osgtui.minutes.parser import parse_blocks, split_lines
from osgtui.minutes.tables import render_table_lines

if TYPE_CHECKING:
    from osgtui.config import Config

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
NONE_THIS_WEEK = "None this week"


def meeting_title(config: Config, day: date, *, padded: bool = False, like: str = "") -> str:
    """``OSG Technology Area Meeting, 10 December 2024``.

    The name is the configured one, else the one of the title ``like`` (the
    previous meeting's); ``padded`` writes a one-digit day in two places
    (``,  9 December``), as the archive did until 2021.
    """
    name = config.meeting.title
    if not config.meeting.title_set and like and "," in like:
        name = like.rsplit(",", 1)[0].strip() or name
    day_text = f"{day.day:>2}" if padded else str(day.day)
    return f"{name}, {day_text} {MONTHS[day.month - 1]} {day.year}"


def duty_shift_line(config: Config) -> str:
    """``Triage duty shifts Tue-Mon`` for the configured meeting day."""
    day = config.meeting.weekday_number
    return f"Triage duty shifts {WEEKDAYS[day][:3]}-{WEEKDAYS[(day - 1) % 7][:3]}"


def template_text(config: Config, day: date, this_week: str, next_week: str) -> str:
    """The Markdown of a first meeting: header, Announcements, Triage Duty, Jira, teams."""
    jira = render_table_lines(
        ["# of tickets", "&Delta;", "State"],
        [["?", "?", config.jira.label_for(state)] for state in config.jira.states],
        "compact",
    )
    none = ["", NONE_THIS_WEEK, ""]
    lines = [
        f"# {meeting_title(config, day)}",
        "",
        f"-   **Coordinates:** {config.meeting.coordinates}",
        "-   **Attending:**",
        "",
        "## Announcements",
        *none,
        "### Triage Duty",
        "",
        duty_shift_line(config),
        "",
        f"-   This week: {this_week}".rstrip(),
        f"-   Next week: {next_week}".rstrip(),
        f"-   ? (?) {config.freshdesk.label}",
        f"-   ? (?) {config.ggus.label}",
        "",
        "### Jira",
        "",
        *jira,
        "",
        "## OSG Software Team",
        *none,
        "### Discussion",
        *none,
        "### Support Update",
        *none,
        "## DevOps",
        *none,
        "## OSG Release Team",
        "",
        "-   Ready for Release:",
        f"    -   {NONE_THIS_WEEK}",
        "-   Ready for Testing:",
        f"    -   {NONE_THIS_WEEK}",
        "",
        "### Discussion",
        "",
        NONE_THIS_WEEK,
    ]
    return "\n".join(lines) + "\n"


def template_meeting(config: Config, day: date, this_week: str, next_week: str) -> Meeting:
    """A first meeting from the template; its counts are unknown (``?``) and marked to fill in."""
    from osgtui.minutes.counts import find_counts

    blocks, unit = parse_blocks(split_lines(template_text(config, day, this_week, next_week)))
    meeting = Meeting(date=day, blocks=blocks, indent_unit=unit)
    for ref in find_counts(meeting):
        meeting.count_meta[(ref.group, ref.label)] = CountMeta(source="pending")
    return meeting
