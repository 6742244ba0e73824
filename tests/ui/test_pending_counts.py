"""Numbers still to fill in are marked in the Triage and Tables panes (yellow ``? pending``)."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from osgtui.widgets.cells import PENDING_STYLE
from tests.ui.conftest import console


async def test_a_new_draft_marks_its_pending_counts(make_app) -> None:
    app = make_app(day=None, today=date(2019, 6, 11))  # the next meeting's draft: every count pending
    async with console(app) as pilot:
        assert app.created_draft
        await pilot.press("2")  # Triage pane
        await pilot.pause()
        triage = app.screen.query_one("#triage-table", DataTable)
        values = [triage.get_row_at(r)[1] for r in range(triage.row_count)]
        pending = [v for v in values if v.plain == "? pending"]
        assert len(pending) == 2 and all(str(v.style) == PENDING_STYLE for v in pending)
        await pilot.press("3")  # Tables pane
        await pilot.pause()
        table = app.screen.query(DataTable).filter(".count-table").first()
        first_row = table.get_row_at(0)
        assert first_row[0].plain == "?" and str(first_row[0].style) == PENDING_STYLE
