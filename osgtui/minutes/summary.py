"""The structured view of a meeting that ``osgtui show --json`` prints."""

from __future__ import annotations

from typing import Any

from osgtui.minutes.counts import CountRef
from osgtui.minutes.extract import (
    action_items,
    attending,
    coordinates,
    counts_by_group,
    release_lists,
    sections,
    triage_duty,
)
from osgtui.minutes.model import CountMeta, Meeting


def _count(meeting: Meeting, ref: CountRef, key: str) -> dict[str, Any]:
    meta = meeting.count_meta.get((ref.group, ref.label)) or CountMeta()
    return {
        key: ref.label,
        "count": ref.count,
        "delta": ref.delta if ref.delta is not None else meta.delta,
        "delta_computed": meta.delta_computed,
        "new": meta.is_new,
        "source": meta.source,
        "as_of": meta.as_of,
    }


def meeting_summary(meeting: Meeting) -> dict[str, Any]:
    """A JSON-ready dict of the meeting's structure (dates as ``YYYY-MM-DD``)."""
    this_week, next_week, _ = triage_duty(meeting)
    groups = counts_by_group(meeting)
    lists = release_lists(meeting)
    releases = []
    for group, refs in groups.items():
        if not group.startswith("release:"):
            continue
        version = group.split(":", 1)[1]
        releases.append(
            {
                "version": version,
                "rows": [_count(meeting, r, "status") for r in refs],
                "ready_for_testing": [p for rl in lists if rl.version == version and rl.state.endswith("Testing")
                                      for p in rl.packages],
                "ready_for_release": [p for rl in lists if rl.version == version and rl.state.endswith("Release")
                                      for p in rl.packages],
            }
        )
    return {
        "date": meeting.date.isoformat(),
        "title": meeting.title,
        "coordinates": coordinates(meeting),
        "attending": attending(meeting),
        "triage": {
            "this_week": this_week,
            "next_week": next_week,
            "counts": [_count(meeting, r, "label") for r in groups.get("triage", [])],
        },
        "jira": [_count(meeting, r, "state") for r in groups.get("jira", [])],
        "releases": releases,
        "release_lists": [
            {"version": rl.version, "state": rl.state, "packages": rl.packages} for rl in lists
        ],
        "action_items": [
            {
                "owners": a.owners,
                "text": a.text,
                "status": a.status,
                "section": a.section,
                "section_path": a.section_path,
                "parent": a.parent,
                "tickets": a.tickets,
            }
            for a in action_items(meeting)
        ],
        "sections": [{"title": s.title, "level": s.level, "path": s.path} for s in sections(meeting)],
    }
