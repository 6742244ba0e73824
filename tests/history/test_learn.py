"""What the draft learns from the history when the configuration is silent: rotation, title style, coordinates."""

from __future__ import annotations

from datetime import date, timedelta

from osgtui.config import Config, TriageConfig
from osgtui.history.draft import build_draft
from osgtui.history.importer import import_meetings
from osgtui.history.learn import learn_rotation, title_day_padding
from osgtui.minutes.extract import triage_duty
from osgtui.minutes.parser import parse_minutes
from osgtui.minutes.renderer import render_minutes
from osgtui.store.database import Store

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
ROTATION = ["Alice", "Bob", "Carol", "Dave"]


def minutes(day: date, this_week: str, next_week: str, *, padded: bool = False) -> str:
    day_text = f"{day.day:>2}" if padded else str(day.day)
    return (f"# OSG Technology Area Meeting, {day_text} {MONTHS[day.month - 1]} {day.year}\n\n"
            "**Coordinates:** Conference: 719-284-5267, PIN: 57363  \n"
            "    <https://example.org/join> (sent separately)\n"
            "**Attending:** Alice, Bob\n\n"
            "## Announcements\n\n-   Nothing\n\n"
            f"### Triage Duty\n\n-   This week: {this_week}\n-   Next week: {next_week}\n"
            "-   3 (+1) open FreshDesk tickets\n")


def archive(weeks: int = 10, start: date = date(2024, 1, 2), **kwargs) -> tuple[Store, date]:  # noqa: ANN003
    """A store with ``weeks`` weekly meetings whose duty follows ROTATION."""
    store = Store.memory()
    meetings = []
    for n in range(weeks):
        day = start + timedelta(weeks=n)
        text = minutes(day, ROTATION[n % 4], ROTATION[(n + 1) % 4], **kwargs)
        meetings.append(parse_minutes(text, f"TechArea{day:%Y%m%d}.md"))
    assert not import_meetings(store, meetings).failures
    return store, start + timedelta(weeks=weeks - 1)


def draft_for(store: Store, day: date, config: Config | None = None):  # noqa: ANN201
    previous = store.load_meeting(store.latest_before(day))
    return build_draft(previous, day, config or Config(), store=store)


def test_the_rotation_is_learned_from_who_was_on_duty() -> None:
    store, last = archive()
    learned = learn_rotation(store, None, last + timedelta(days=7))
    assert learned.successors == {"Alice": "Bob", "Bob": "Carol", "Carol": "Dave", "Dave": "Alice"}
    # last meeting (week 9): Bob this week, Carol next week
    assert triage_duty(draft_for(store, last + timedelta(weeks=1)))[:2] == ("Carol", "Dave")


def test_a_skipped_week_moves_the_rotation_on() -> None:
    store, last = archive()
    assert triage_duty(draft_for(store, last + timedelta(weeks=2)))[:2] == ("Dave", "Alice")
    assert triage_duty(draft_for(store, last + timedelta(weeks=3)))[:2] == ("Alice", "Bob")


def test_away_names_are_skipped_and_a_configured_rotation_wins() -> None:
    store, last = archive()
    away = Config(triage=TriageConfig(away=("Dave",)))
    assert triage_duty(draft_for(store, last + timedelta(weeks=1), away))[:2] == ("Carol", "Alice")
    configured = Config(triage=TriageConfig(rotation=("Carol", "Zed")))
    assert triage_duty(draft_for(store, last + timedelta(weeks=1), configured))[:2] == ("Carol", "Zed")


def test_a_question_mark_for_next_week_still_gives_names() -> None:
    store, last = archive()
    day = last + timedelta(weeks=1)
    text = minutes(day, "Carol", "???")
    import_meetings(store, [parse_minutes(text, f"TechArea{day:%Y%m%d}.md")])
    assert triage_duty(draft_for(store, day + timedelta(weeks=1)))[:2] == ("Dave", "Alice")


def test_written_forms_of_a_name_are_one_person() -> None:
    store, last = archive(weeks=6)
    day = last + timedelta(weeks=1)
    import_meetings(store, [parse_minutes(minutes(day, "Car ol", "Dave (?)"), f"TechArea{day:%Y%m%d}.md")])
    learned = learn_rotation(store, None, day + timedelta(weeks=1))
    assert learned.names("Car ol") == "Carol" and learned.names("???") == ""


def test_the_title_keeps_the_archive_s_day_padding_and_the_coordinates_their_block() -> None:
    store, last = archive(weeks=3, start=date(2019, 12, 3), padded=True)
    assert title_day_padding(store, last + timedelta(weeks=1), store.load_meeting(last).title)
    text = render_minutes(draft_for(store, date(2020, 1, 7)))
    assert text.startswith("# OSG Technology Area Meeting,  7 January 2020\n")
    assert "**Coordinates:** Conference: 719-284-5267, PIN: 57363  \n    <https://example.org/join> (sent" in text
    assert "**Attending:**\n" in text


def test_show_prints_pending_counts_as_pending(tmp_path, capsys) -> None:  # noqa: ANN001
    from osgtui.cli import main

    store, last = archive(weeks=2)
    source = tmp_path / f"TechArea{last:%Y%m%d}.md"
    source.write_text(render_minutes(store.load_meeting(last)), encoding="utf-8")
    db = str(tmp_path / "m.db")
    assert main(["--db", db, "import", str(source)]) == 0
    assert main(["--db", db, "new"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "show", (last + timedelta(weeks=1)).isoformat()]) == 0
    out = capsys.readouterr().out
    assert "open FreshDesk tickets: pending" in out and "None" not in out
    assert main(["--db", db, "show", last.isoformat()]) == 0
    assert "open FreshDesk tickets: 3 (+1, given)" in capsys.readouterr().out


def test_no_number_is_carried_stale() -> None:
    text = minutes(date(2017, 10, 2), "Alice", "Bob") + (
        "\n## OSG Software Team\n\n-   Open JIRA tickets\n\n    | Owner  | # tickets not RFT |\n"
        "    |------- |------------------ |\n    | BrianL | 5                 |\n    | Mat    | 4                 |\n\n"
        "| 3.4.5 | &Delta; | Status |\n|---|---|---|\n| 7 | +1 | Open |\n| 7 | +1 | Total |\n")
    store = Store.memory()
    assert not import_meetings(store, [parse_minutes(text, "TechArea20171002.md")]).failures
    draft = render_minutes(draft_for(store, date(2017, 10, 9)))
    assert "    | BrianL | ?                 |\n    | Mat    | ?                 |\n" in draft
    assert "| 7 |" not in draft and "3 (+1)" not in draft
