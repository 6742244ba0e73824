"""A host app for the history screens, and minutes written for these tests (not from the archive).

Three consecutive 2024-style meetings. Action items across them:

- Mat: "Build the XRootD 5.6 packages" raised 01-02, in progress 01-16 (open, 3 meetings);
- Carl, Mat: "[RFE] fix [/] thing in the CE config" raised 01-02 (open, 3 meetings; text full of markup);
- "Brian" (an alias of BrianL): "Write the token migration guide" raised 01-02, done 01-09 (closed);
- Carl: "Review the GlideinWMS release notes" raised 01-09, not carried to 01-16 (dropped);
- "Brian" again: "Check the OSDF monitoring dashboard" raised 01-16 (open, BrianL's only one);
- Mat: "Tag the token auth release" raised 01-16 (open);
- Tim is on the roster and owns nothing.

The 01-16 meeting's title is literal markup, ``[RFE] fix [/] thing``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widgets import Input

from osgtui.config import Config, PeopleConfig
from osgtui.history.importer import import_meetings
from osgtui.minutes.parser import parse_minutes
from osgtui.store.database import Store

MARKUP = "[RFE] fix [/] thing"

HEADER = """\
-   **Coordinates:** Conference: +1-555-0100, PIN: 1
-   **Attending:** {attending}

## Announcements

-   None this week

### Triage Duty

-   This week: Mat
-   Next week: Carl
-   8 (+1) open FreshDesk tickets
-   0 (+0) open GGUS ticket
"""

MEETINGS = {
    "20240102": "# OSG Technology Area Meeting, 2 January 2024\n\n" + HEADER.format(attending="BrianL, Carl, Mat") + """
## OSG Software Team

-   XRootD 5.6 testing with the token plugin
-   AI (Mat): Build the XRootD 5.6 packages
-   AI (Brian): Write the token migration guide (SOFTWARE-5001)
-   AI (Carl, Mat): [RFE] fix [/] thing in the CE config

### Discussion

-   Discussed the HTCondor 23 upgrade schedule
""",
    "20240109": "# OSG Technology Area Meeting, 9 January 2024\n\n" + HEADER.format(attending="BrianL, Carl, Mat, Tim")
    + """
## OSG Software Team

-   AI (Mat): Build the XRootD 5.6 packages
-   AI (Brian): Write the token migration guide (SOFTWARE-5001) (done)
-   AI (Carl, Mat): [RFE] fix [/] thing in the CE config

### Discussion

-   AI (Carl): Review the GlideinWMS release notes
-   XRootD XRootD: the XRootD 5.6 plugin crash is fixed upstream
""",
    "20240116": f"# {MARKUP}, 16 January 2024\n\n" + HEADER.format(attending="Carl, Mat") + """
## OSG Software Team

-   AI (Mat): Build the XRootD 5.6 packages (in progress)
-   AI (Carl, Mat): [RFE] fix [/] thing in the CE config
-   AI (Brian): Check the OSDF monitoring dashboard
-   AI (Mat): Tag the token auth release

### Discussion

-   The xrootd-standalone container moves to EL9
""",
}


def make_config() -> Config:
    """The team for these tests: a roster and one alias (Brian → BrianL)."""
    return Config(people=PeopleConfig(roster=("BrianL", "Carl", "Mat", "Tim"), aliases={"Brian": "BrianL"}))


def make_store(path: Any, config: Config, meetings: dict[str, str] | None = None) -> Store:
    """A store at ``path`` holding ``meetings`` (default: the three above), imported and linked."""
    store = Store.open(path, config)
    parsed = [parse_minutes(text, filename=f"TechArea{day}.md") for day, text in (meetings or MEETINGS).items()]
    result = import_meetings(store, parsed, config=config)
    assert not result.failures, result.failures
    return store


class HostApp(App[None]):
    """Pushes one screen at start and records what it is dismissed with."""

    TITLE = "osgtui"

    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        """Push the screen under test."""
        self.push_screen(self.make_screen(), self.results.append)


async def settle(pilot: Any) -> None:
    """Let the pushed screen mount, paint and load; stop the cursor blinking (for snapshots)."""
    await pilot.pause()
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@asynccontextmanager
async def opened(make_screen: Callable[[], Screen[Any]], size: tuple[int, int] = (120, 40)) -> AsyncIterator[Any]:
    """Run a :class:`HostApp` showing ``make_screen()``, settled; yields the Pilot (``pilot.app.results``)."""
    app = HostApp(make_screen)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot
