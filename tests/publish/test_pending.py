"""Pending counts named for the refusal to publish."""

from __future__ import annotations

from datetime import date

import pytest

from osgtui.minutes.parser import parse_minutes
from osgtui.publish.pending import PendingCountsError, check_no_pending, pending_counts, pending_message

TEXT = """# OSG Technology Area Meeting, 10 June 2019

## Announcements

-   Nothing

### Triage Duty

-   This week: Mat
-   ? (?) open FreshDesk tickets
-   0 (+0) open GGUS ticket

| # of tickets | &Delta; | State |
|---|---|---|
| ? | ? | Open |
| 12 | +1 | Ready for Testing |

## OSG Release Team

| 3.4.31 | &Delta; | Status |
|---|---|---|
| ? | ? | Ready for Release |
"""


def test_pending_counts_are_named_in_document_order() -> None:
    meeting = parse_minutes(TEXT, "TechArea20190610.md")
    assert pending_counts(meeting) == ["open FreshDesk tickets", "JIRA Open", "3.4.31 Ready for Release"]
    with pytest.raises(PendingCountsError) as caught:
        check_no_pending(meeting, "use --allow-pending")
    assert caught.value.names == pending_counts(meeting)
    assert str(caught.value).startswith("3 counts are still pending (?) in 2019-06-10: open FreshDesk tickets, ")
    assert str(caught.value).endswith("or use --allow-pending")


def test_a_meeting_without_pending_counts_passes() -> None:
    meeting = parse_minutes(TEXT.replace("?", "1"), "TechArea20190610.md")
    assert pending_counts(meeting) == []
    check_no_pending(meeting, "unused")


def test_a_long_list_is_shortened() -> None:
    names = [f"JIRA S{i}" for i in range(9)]
    message = pending_message(date(2019, 6, 10), names, "x")
    assert "JIRA S5 and 3 more;" in message and "JIRA S6" not in message
