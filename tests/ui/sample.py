"""Fixture minutes for the console tests: two meetings written for these tests (not archive files)."""

from __future__ import annotations

from pathlib import Path

from osgtui.config import Config, PeopleConfig, TriageConfig
from osgtui.minutes.parser import parse_minutes
from osgtui.store.database import Store

PREVIOUS = """\
# OSG Technology Area Meeting, 3 June 2019

**Coordinates:** Conference: 719-284-5267, PIN: 57363\x20\x20
**Attending:** BrianL, Carl, Mat, TimT


## Announcements

-   Nothing this week


### Triage Duty

-   This week: Carl
-   Next week: TimT
-   2 (+1) open FreshDesk tickets
-   0 (+0) open GGUS ticket


### JIRA

| # of tickets | &Delta; | State |
|--------------|---------|-------|
| 148 | +1 | Open |
| 31 | +0 | In Progress |


## OSG Software Team

-   AI (Mat): Give IceCube access to the GLOW origin
-   AI (Carl): Fix the gratia probe (SOFTWARE-3877)


## OSG Release Team

| 3.4.31 | &Delta; | Status |
|--------|---------|--------|
| 10 | +1 | Open |
| 24 | -2 | Total |

-   Ready for Testing
    -   cctools 7.0.13
"""

CURRENT = """\
# OSG Technology Area Meeting, 10 June 2019

**Coordinates:** Conference: 719-284-5267, PIN: 57363\x20\x20
**Attending:** BrianL, Carl


## Announcements

-   BrianL OOO Friday


### Triage Duty

-   This week: TimT
-   Next week: BrianL
-   3 (+1) open FreshDesk tickets
-   1 (+1) open GGUS ticket


### JIRA

| # of tickets | &Delta; | State |
|--------------|---------|-------|
| 150 | +2 | Open |
| 30 | -1 | In Progress |


## OSG Software Team

-   XCache:
    -   AI (BrianL): Put together slides for the XRootD presentation
    -   Notes on the [RFE] tickets with [/] brackets
-   AI (Mat): Give IceCube access to the GLOW origin
-   Topic two


### Discussion

None this week


## OSG Release Team

| 3.4.31 | &Delta; | Status |
|--------|---------|--------|
| 7 | -3 | Open |
| 22 | -2 | Total |

-   Ready for Testing
    -   cctools 7.0.13
"""

ROSTER = ("BrianL", "Carl", "Derek", "Mat", "Matt", "TimT")


def sample_config() -> Config:
    """A configuration with a roster, aliases and a triage rotation."""
    return Config(
        people=PeopleConfig(roster=ROSTER, aliases={"Brian": "BrianL", "Tim": "TimT"}),
        triage=TriageConfig(rotation=("Carl", "TimT", "BrianL", "Mat")),
    )


def sample_store(path: Path | None = None, config: Config | None = None) -> Store:
    """A store holding the two sample meetings (a file store when ``path`` is given)."""
    from osgtui.history.importer import import_meetings

    store = Store.open(path, config) if path is not None else Store.memory()
    meetings = [
        parse_minutes(PREVIOUS, "TechArea20190603.md"),
        parse_minutes(CURRENT, "TechArea20190610.md"),
    ]
    result = import_meetings(store, meetings, config=config or sample_config())
    assert not result.failures, result.failures
    return store
