"""The roster learned from recent attendance and action-item owners when ``[people] roster`` is not set."""

from __future__ import annotations

from datetime import date, timedelta

from osgtui.config import Config, PeopleConfig
from osgtui.history.importer import import_meetings
from osgtui.history.learn import learn_roster, with_learned_roster
from osgtui.minutes.parser import parse_minutes
from osgtui.store.database import Store

START = date(2024, 1, 2)


def meeting(day: date, attending: str, ai_owners: str = "") -> str:
    text = (f"# OSG Technology Area Meeting, {day.day} {day:%B %Y}\n\n"
            f"**Attending:** {attending}\n\n## Announcements\n\n-   Nothing\n")
    if ai_owners:
        text += f"-   AI ({ai_owners}): look into it\n"
    return text


def store_of(*meetings: tuple[str, str]) -> Store:
    store = Store.memory()
    parsed = [parse_minutes(meeting(START + timedelta(weeks=n), a, o), f"TechArea{START + timedelta(weeks=n):%Y%m%d}.md")
              for n, (a, o) in enumerate(meetings)]
    assert not import_meetings(store, parsed).failures
    return store


AFTER = START + timedelta(weeks=10)


def test_people_seen_in_two_meetings_are_the_roster() -> None:
    store = store_of(
        ("Alice, Bob, Mat, Matt", ""),
        ("Alice, Bob, Boob, Mat", "???"),          # a one-off misspelling, a placeholder owner
        ("Alice, Matt", "Carol, everyone"),        # Carol owns items in two meetings without attending
        ("Alice", "Carol"),
    )
    learned = learn_roster(store, None, AFTER)
    assert learned.names == ("Alice", "Bob", "Carol", "Mat", "Matt")
    assert learned.meetings == [START + timedelta(weeks=n) for n in range(4)]


def test_spellings_and_short_forms_are_one_person() -> None:
    store = store_of(("Tim T, BrianL", ""), ("TimT, Brian", ""), ("TimT", ""))
    assert learn_roster(store, None, AFTER).names == ("BrianL", "TimT")


def test_only_the_recent_meetings_count() -> None:
    store = store_of(("Derek, Alice", ""), ("Derek, Alice", ""), *[("Alice, Bob", "")] * 12)
    assert learn_roster(store, None, AFTER + timedelta(weeks=10)).names == ("Alice", "Bob")


def test_a_configured_roster_wins_and_aliases_apply() -> None:
    store = store_of(("Alice, Bobby", ""), ("Alice, Bobby", ""))
    configured = Config(people=PeopleConfig(roster=("Zed",)))
    assert with_learned_roster(store, configured, AFTER) is configured
    aliased = Config(people=PeopleConfig(aliases={"Bobby": "Bob"}))
    assert with_learned_roster(store, aliased, AFTER).people.roster == ("Alice", "Bob")
    assert with_learned_roster(Store.memory(), Config(), AFTER) == Config()
