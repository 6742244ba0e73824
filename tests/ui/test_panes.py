"""Pilot tests of action item entry, triage, counts, attendance, export, help and the palette."""

from __future__ import annotations

import re
from datetime import UTC
from pathlib import Path

import pytest

from osgtui.cli import main
from osgtui.minutes.counts import find_counts
from osgtui.minutes.extract import attending, triage_duty
from osgtui.store.database import Store
from tests.ui.conftest import DAY, PREVIOUS_DAY, console, goto, stored, stored_meeting, until


async def test_action_item_in_short_form_under_the_current_bullet(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "XCache:")
        await pilot.press("i", *"Tim, brian: check [RFE] list", "enter")
        await pilot.pause()
        assert "    -   AI (TimT, BrianL): check [RFE] list\n-   AI (Mat)" in stored(db_path)
        assert not app.screen.is_modal


async def test_action_item_typed_in_full_with_owner_completion(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Discussion")
        await pilot.press("i", *"AI (Mat, Br")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("tab", *"): write the summary", "enter")
        await pilot.pause()
        assert "None this week\n\n-   AI (Mat, BrianL): write the summary\n" in stored(db_path)


async def test_an_owner_outside_the_roster_is_saved_with_a_note(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Discussion")
        await pilot.press("i", *"Zed, Mat: look into it")
        await pilot.pause()
        assert "Zed is not in the roster" in str(app.screen.query_one("#prompt-preview").render())
        await pilot.press("enter")
        await until(pilot, lambda: [n for n in app._notifications if n.title == "New name"], "the new-name note")
        note = next(n for n in app._notifications if n.title == "New name").message
        assert note.startswith("Zed is not in the roster") and "ctrl+n adds Zed to [people] roster" in note
    assert "-   AI (Zed, Mat): look into it\n" in stored(db_path)


async def test_ctrl_n_adds_the_new_owner_to_the_roster_in_the_config_file(
    make_app, db_path: Path, tmp_path: Path, config
) -> None:
    import tomllib
    from dataclasses import replace

    path = tmp_path / "config.toml"
    names = ", ".join(f'"{n}"' for n in config.people.roster)
    path.write_text(f'# my settings\n[people]\nroster = [{names}]\n\n[jira]\nurl = ""\n')
    app = make_app()
    app.config = replace(config, source=path)
    async with console(app) as pilot:
        await pilot.press("ctrl+n")  # nothing to add yet: said, nothing written
        await until(pilot, lambda: any("no new name" in n.message for n in app._notifications), "the hint")
        await goto(pilot, "Discussion")
        await pilot.press("i", *"Zed: look into it", "enter")
        await until(pilot, lambda: [n for n in app._notifications if n.title == "New name"], "the new-name note")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: [n for n in app._notifications if n.title == "Roster"], "the roster note")
        assert tomllib.loads(path.read_text())["people"]["roster"] == [*config.people.roster, "Zed"]
        assert path.read_text().startswith("# my settings\n") and 'url = ""' in path.read_text()
        assert "Zed" in app.session.config.people.roster
        await pilot.press("i", *"Zed: and this", "enter")  # known now: no note this time
        await until(pilot, lambda: "AI (Zed): and this" in stored(db_path), "the second item")
        await pilot.pause()
        assert len([n for n in app._notifications if n.title == "New name"]) <= 1


async def test_empty_action_item_keeps_the_dialog_open(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        before = stored(db_path)
        await pilot.press("i", "enter")
        assert app.screen.is_modal
        assert "empty" in str(app.screen.query_one("#prompt-error").render())
        await pilot.press("escape")
        assert stored(db_path) == before


async def test_triage_duty_from_the_triage_pane(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await pilot.press("2", "down", "enter", "ctrl+u", *"mat", "enter")
        await pilot.pause()
        assert triage_duty(stored_meeting(db_path))[:2] == ("TimT", "mat")


async def test_count_edit_recomputes_the_delta_and_marks_it_manual(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await pilot.press("3")
        table = app.screen.query("CountTable").first()
        assert app.focused is table
        await pilot.press("enter", "ctrl+u", *"160", "enter")
        await pilot.pause()
        meeting = stored_meeting(db_path)
        ref = next(r for r in find_counts(meeting) if r.group == "jira" and r.label == "Open")
        assert (ref.count, ref.delta) == (160, 12)
        assert meeting.count_meta[("jira", "Open")].source == "manual"
        assert re.search(r"\| 160 +\| \+12 +\| Open +\|", stored(db_path))
        assert str(table.get_cell_at((0, 0))) == "160 ✎"


async def test_count_with_explicit_delta_and_bad_input(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await pilot.press("2", "down", "down", "enter", "ctrl+u", *"lots", "enter")
        assert app.screen.is_modal
        assert "not a count" in str(app.screen.query_one("#prompt-error").render())
        await pilot.press("ctrl+u", *"5 +4", "enter")
        await pilot.pause()
        assert "-   5 (+4) open FreshDesk tickets\n" in stored(db_path)


async def test_attendance_checklist(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await pilot.press("5")
        checklist = app.screen.query_one("#attendance-list")
        assert app.focused is checklist
        names = [o.value for o in checklist._options]
        assert names == ["BrianL", "Carl", "Derek", "Mat", "Matt", "TimT"]
        assert "last week" in str(checklist.get_option_at_index(names.index("Mat")).prompt)
        checklist.highlighted = names.index("Derek")
        await pilot.press("space")
        await pilot.pause()
        assert attending(stored_meeting(db_path)) == ["BrianL", "Carl", "Derek"]
        await pilot.press("L")
        await pilot.pause()
        assert attending(stored_meeting(db_path)) == ["BrianL", "Carl", "Derek", "Mat", "TimT"]


async def test_without_a_configured_roster_the_checklist_has_the_recent_people(make_app, db_path: Path) -> None:
    from dataclasses import replace

    app = make_app()
    app.config = replace(app.config, people=replace(app.config.people, roster=()))
    async with console(app) as pilot:
        await pilot.press("5")
        checklist = app.screen.query_one("#attendance-list")
        names = [o.value for o in checklist._options]
        store = Store.open(db_path)
        previous = attending(store.load_meeting(PREVIOUS_DAY))
        store.close()
        here = attending(stored_meeting(db_path))
        assert names == sorted(set(previous) | set(here), key=str.casefold)
        assert app.session.config.people.roster == tuple(sorted(previous, key=str.casefold))


async def test_action_items_pane_shows_earlier_open_items_and_carries_one(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        await pilot.press("4")
        pane = app.screen.query_one("#pane-actions")
        table = pane.query_one("#actions-table")
        keys = [row.value for row in table.rows]
        assert [k.split(":")[0] for k in keys] == ["here", "here", "earlier"]
        assert pane.earlier[keys[2][8:]].text == "Fix the gratia probe (SOFTWARE-3877)"
        ages = [str(table.get_cell_at((r, 1))) for r in range(3)]
        assert ages == ["1", "2", "1"]
        table.move_cursor(row=2)
        await pilot.press("c")
        await pilot.pause()
        assert "-   Topic two\n    -   AI (Carl): Fix the gratia probe (SOFTWARE-3877)\n" in stored(db_path)


async def test_export_writes_the_same_bytes_as_the_cli(make_app, db_path: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        await pilot.press("o", *"exported line", "escape", "x")
        assert app.screen.query_one("#prompt-input").value == "./TechArea20190610.md"
        await pilot.press("enter")
        await pilot.pause()
    assert main(["--db", str(db_path), "export", "2019-06-10", "-o", str(tmp_path / "cli.md")]) == 0
    ours = (tmp_path / "TechArea20190610.md").read_bytes()
    assert b"exported line" in ours
    assert ours == (tmp_path / "cli.md").read_bytes()


async def test_preview_shows_the_export_literally(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await pilot.press("6")
        await until(pilot, lambda: app.screen.query("#preview-text"), "the preview shown")
        await until(pilot, lambda: app.screen.query_one("#preview-text").text == stored(db_path),
                    "the preview shows the export")


async def test_help_lists_every_key_and_palette_every_command(make_app) -> None:
    from osgtui.screens.help import binding_groups

    app = make_app()
    async with console(app) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = " ".join(str(s.render()) for s in app.screen.query(".help-lines"))
        for _, bindings in binding_groups():
            for binding in bindings:
                assert binding.description in help_text
        await pilot.press("escape")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for title in ("Add", "Indent", "Outdent", "Delete", "Undo", "AI", "Status", "Export", "Publish",
                      "Refresh", "Meetings", "Search", "People's AIs", "Outline", "Move up", "New section",
                      "Triage: Edit", "Tables: Edit", "AIs: Carry over", "Attend: Last week's"):
            assert title in titles


async def test_palette_command_runs_the_action(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Indent")
        command.callback()
        await pilot.pause()
        assert "    -   Topic two\n" in stored(db_path)


async def test_palette_runs_a_pane_command(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Attend: Last week's")
        command.callback()
        await pilot.pause()
        await pilot.pause()
        assert attending(stored_meeting(db_path)) == ["BrianL", "Carl", "Mat", "TimT"]


async def test_refresh_without_services_says_so_and_changes_nothing(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("No Jira, Freshdesk or GGUS URL" in n.message for n in app._notifications)
        assert not app.session.can_undo


async def test_timer_counts_meeting_and_section_time(make_app) -> None:
    from tests.ui.conftest import Clock

    clock = Clock()
    app = make_app(clock=clock)
    async with console(app) as pilot:
        screen = app.meeting_screen
        await goto(pilot, "Announcements")
        clock.now += 65
        screen.tick()
        assert "meeting 0:01:05" in str(screen.status.render())
        assert "Announcements 0:01:05" in str(screen.status.render())
        await goto(pilot, "Topic two")
        clock.now += 10
        screen.tick()
        assert "OSG Software Team 0:00:10" in str(screen.status.render())
        await pilot.press("T")
        assert "meeting 0:00:00" in str(screen.status.render())


async def test_refresh_applies_fetched_counts_in_one_undoable_change(make_app, db_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    import osgtui.refresh
    from osgtui.services.fetch import FetchedCount, FetchReport, ServiceFailure

    def fake_fetch(config, secrets, only=None):  # noqa: ANN001, ANN202 - stands in for the network
        when = datetime(2019, 6, 10, 8, 0, tzinfo=UTC)
        return FetchReport(
            counts=[FetchedCount("jira", "Open", "jira", 155, "project = SOFTWARE", when)],
            errors=[ServiceFailure("ggus", "ggus", "GGUS: connection refused; try again later")],
        )

    monkeypatch.setattr(osgtui.refresh, "fetch_counts", fake_fetch)
    app = make_app()
    async with console(app) as pilot:
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        meeting = stored_meeting(db_path)
        ref = next(r for r in find_counts(meeting) if r.group == "jira" and r.label == "Open")
        assert (ref.count, ref.delta) == (155, 7)
        assert meeting.count_meta[("jira", "Open")].source == "fetched"
        messages = [n.message for n in app._notifications]
        assert any("1 updated" in m for m in messages) and any("GGUS: connection refused" in m for m in messages)
        await pilot.press("u")
        assert stored_meeting(db_path).count_meta[("jira", "Open")].source != "fetched"


def git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    """A real minutes repository with one commit; its path and the git command prefix."""
    import subprocess

    repo = tmp_path / "technology"
    (repo / "docs" / "meetings" / "2019").mkdir(parents=True)
    (repo / "mkdocs.yml").write_text("site_name: t\nnav:\n    - Meetings:\n        - Home: 'index.md'\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    git = ["git", "-C", str(repo)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "config", "user.name", "Note Taker"], check=True)
    subprocess.run([*git, "config", "user.email", "notes@example.org"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "start"], check=True)
    return repo, git


async def open_publish_dialog(app, pilot) -> None:  # noqa: ANN001
    """Press p and wait until the dialog has shown its diff."""
    await pilot.press("p")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_publish_commits_after_showing_the_diff(make_app, db_path: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    from dataclasses import replace

    repo, git = git_repository(tmp_path, monkeypatch)
    app = make_app()
    app.config = replace(app.config, minutes_repo=replace(app.config.minutes_repo, path=str(repo)))
    async with console(app) as pilot:
        await open_publish_dialog(app, pilot)
        diff = app.screen.query_one("#publish-diff").text
        assert "+++ b/docs/meetings/2019/TechArea20190610.md" in diff and "Attending:** BrianL, Carl" in diff
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.is_modal
    log = subprocess.run([*git, "log", "--format=%s", "-1"], check=True, capture_output=True, text=True).stdout
    assert log.strip() == "June 10, 2019 meeting notes"
    assert (repo / "docs/meetings/2019/TechArea20190610.md").read_text() == stored(db_path)
    store = Store.open(db_path)
    assert store.get_publication(DAY).text == stored(db_path)
    store.close()


async def test_publish_refuses_pending_counts_until_asked_to_publish_anyway(
    make_app, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    from dataclasses import replace

    from osgtui.minutes.counts import set_count

    store = Store.open(db_path)
    meeting = store.load_meeting(DAY)
    jira_open = next(r for r in find_counts(meeting) if r.group == "jira" and r.label == "Open")
    set_count(meeting, jira_open, None, None)
    store.save_meeting(meeting, replace=True)
    store.close()
    repo, git = git_repository(tmp_path, monkeypatch)
    app = make_app()
    app.config = replace(app.config, minutes_repo=replace(app.config.minutes_repo, path=str(repo)))
    async with console(app) as pilot:
        await open_publish_dialog(app, pilot)
        status = str(app.screen.query_one("#publish-status").render())
        assert "1 count is still pending (?) in 2019-06-10: JIRA Open" in status
        assert "press a to publish them as they are" in status
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.is_modal
        assert any("JIRA Open" in n.message for n in app._notifications)
        head = subprocess.run([*git, "log", "--format=%s", "-1"], check=True, capture_output=True, text=True)
        assert head.stdout.strip() == "start"
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: not app.screen.is_modal, "the publish dialog to close")
    log = subprocess.run([*git, "log", "--format=%s", "-1"], check=True, capture_output=True, text=True).stdout
    assert log.strip() == "June 10, 2019 meeting notes"
    published = (repo / "docs/meetings/2019/TechArea20190610.md").read_text()
    assert published == stored(db_path)
    assert any(line.startswith("|") and "Open" in line and "?" in line for line in published.splitlines())


def their_edit_committed(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The meeting published into a real repository, then "None this week" edited there and committed by Ann Other."""
    import subprocess

    repo, git = git_repository(tmp_path, monkeypatch)
    assert main(["--db", str(db_path), "publish", "2019-06-10", "--repo", str(repo)]) == 0
    target = repo / "docs/meetings/2019/TechArea20190610.md"
    target.write_text(target.read_text().replace("None this week", "Their edit"))
    subprocess.run([*git, "-c", "user.name=Ann Other", "commit", "-q", "-am", "Release updates"], check=True)
    return repo, target


def publishing_app(make_app, repo: Path):  # noqa: ANN001, ANN201
    """A console whose [minutes_repo] path is ``repo``."""
    from dataclasses import replace

    app = make_app()
    app.config = replace(app.config, minutes_repo=replace(app.config.minutes_repo, path=str(repo)))
    return app


async def test_publish_dialog_says_who_changed_the_file_and_offers_pull_or_force(
    make_app, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, target = their_edit_committed(db_path, tmp_path, monkeypatch)
    theirs = target.read_text()
    app = publishing_app(make_app, repo)
    async with console(app) as pilot:
        await open_publish_dialog(app, pilot)
        status = str(app.screen.query_one("#publish-status").render())
        assert status.startswith("Others changed this file: docs/meetings/2019/TechArea20190610.md in ")
        assert "by Ann Other" in status and "Release updates" in status
        assert "Their edit" in app.screen.query_one("#publish-diff").text
        assert app.screen.check_action("confirm", ()) is False and app.screen.check_action("force", ()) is True
        assert app.screen.check_action("pull", ()) is True
        await pilot.press("y")
        await pilot.pause()
        assert target.read_text() == theirs and app.screen.is_modal
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: not app.screen.is_modal, "the publish dialog to close")
    assert target.read_text() == stored(db_path)


async def test_move_a_bullet_to_another_section_from_the_picker(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "XCache:")
        await pilot.press("M", *"disc", "tab", "enter")
        await pilot.pause()
        assert not app.screen.is_modal
    text = stored(db_path)
    software, discussion = text.split("### Discussion", 1)
    assert "XCache" not in software
    assert discussion.startswith("\n\nNone this week\n\n-   XCache:\n    -   AI (BrianL): Put together slides")


async def test_cut_paste_and_copy_bullets(make_app, db_path: Path) -> None:
    app = make_app()
    async with console(app) as pilot:
        await goto(pilot, "Topic two")
        await pilot.press("X")
        await pilot.pause()
        assert "Topic two" not in stored(db_path)
        await goto(pilot, "XCache:")
        await pilot.press("P")
        await pilot.pause()
        await pilot.press("C", "P")
        await pilot.pause()
    assert ("-   XCache:\n    -   AI (BrianL): Put together slides for the XRootD presentation\n"
            "    -   Notes on the [RFE] tickets with [/] brackets\n-   Topic two\n-   Topic two\n") in stored(db_path)


async def test_a_search_hit_in_another_meeting_opens_read_only_and_never_replaces_without_asking(
    make_app, db_path: Path
) -> None:
    from osgtui.screens.meeting_view import MeetingViewModal

    app = make_app()
    async with console(app) as pilot:
        await pilot.press("slash", *"gratia", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingViewModal), "the read-only view")
        view = app.screen.query_one("#view-text")
        assert view.read_only and "AI (Carl): Fix the gratia probe" in view.document.get_line(view.cursor_location[0])
        assert app.session.meeting.date == DAY
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MeetingViewModal) and app.session.meeting.date == DAY
        await pilot.press("slash", *"gratia", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingViewModal), "the read-only view")
        await pilot.press("e")
        await pilot.pause()
        assert "Leave 2019-06-10 (it is saved) and edit 2019-06-03?" in str(app.screen.query_one("#view-keys").render())
        assert app.session.meeting.date == DAY
        await pilot.press("y")
        await until(pilot, lambda: app.session.meeting.date == PREVIOUS_DAY, "the other meeting opened")


async def test_pull_their_edits_from_the_publish_dialog_then_publish(
    make_app, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, target = their_edit_committed(db_path, tmp_path, monkeypatch)
    app = publishing_app(make_app, repo)
    async with console(app) as pilot:
        await open_publish_dialog(app, pilot)
        assert "u: pull their edits" in str(app.screen.query_one("#publish-keys").render())
        await pilot.press("u")
        await until(pilot, lambda: [n for n in app._notifications if n.title == "Pulled"], "the merge")
        assert "Their edit" in stored(db_path)
        await open_publish_dialog(app, pilot)
        assert str(app.screen.query_one("#publish-status").render()).endswith("Publish?")
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: not app.screen.is_modal, "the publish dialog to close")
        await pilot.press("u")  # undo takes the merge back out of the meeting
        await pilot.pause()
        assert "Their edit" not in stored(db_path)
    assert "Their edit" in target.read_text()


async def test_pull_conflicts_are_shown_side_by_side_and_keep_our_text(
    make_app, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from osgtui.screens.conflicts import ConflictsModal

    repo, target = their_edit_committed(db_path, tmp_path, monkeypatch)
    app = publishing_app(make_app, repo)
    async with console(app) as pilot:
        await goto(pilot, "None this week")
        await pilot.press("e", "ctrl+u", *"Our edit", "escape")
        await until(pilot, lambda: "Our edit" in stored(db_path), "our edit saved")
        await open_publish_dialog(app, pilot)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, ConflictsModal), "the conflicts shown")
        ours = str(app.screen.query_one(".conflict-ours").render())
        theirs = str(app.screen.query_one(".conflict-theirs").render())
        assert "yours (kept)" in ours and "Our edit" in ours and "Their edit" not in ours
        assert "theirs" in theirs and "Their edit" in theirs and "Our edit" not in theirs
        pair = app.screen.query_one(".conflict-pair")
        assert app.screen.query_one(".conflict-ours").region.y == app.screen.query_one(".conflict-theirs").region.y
        assert pair.region.width > 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictsModal)
        assert "Our edit" in stored(db_path) and "Their edit" not in stored(db_path)
