"""``osgtui publish`` and ``osgtui pull`` end to end: store, real git repository, output, exit codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from osgtui.cli import main
from osgtui.minutes.parser import parse_minutes
from osgtui.minutes.renderer import render_minutes
from osgtui.store.database import Store

from .publish_helpers import MINUTES, MinutesRepo, run

JUNE10 = date(2019, 6, 10)
FILE = "docs/meetings/2019/TechArea20190610.md"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database holding the 10 June 2019 meeting."""
    path = tmp_path / "osgtui.db"
    store = Store.open(path)
    store.save_meeting(parse_minutes(MINUTES, "TechArea20190610.md"))
    store.close()
    return path


def osgtui(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI; return exit code, stdout, stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def stored_text(db: Path) -> str:
    """The stored meeting rendered."""
    store = Store.open(db)
    try:
        return render_minutes(store.load_meeting(JUNE10))
    finally:
        store.close()


def set_stored_text(db: Path, text: str) -> None:
    """Replace the stored meeting, as the note-taker's edits would."""
    store = Store.open(db)
    try:
        store.save_meeting(parse_minutes(text, "TechArea20190610.md"), replace=True)
    finally:
        store.close()


def publication(db: Path) -> tuple[str, str | None] | None:
    """(text, commit) recorded for the meeting."""
    store = Store.open(db)
    try:
        pub = store.get_publication(JUNE10)
        return (pub.text, pub.commit) if pub else None
    finally:
        store.close()


def test_publish_latest_meeting_and_record_it(capsys: pytest.CaptureFixture[str], db: Path, repo: MinutesRepo) -> None:
    code, out, err = osgtui(capsys, "--db", str(db), "publish", "--repo", str(repo.path))
    assert code == 0 and err == ""
    assert out.startswith("committed ") and '"June 10, 2019 meeting notes"' in out
    assert repo.read(FILE) == MINUTES.encode()
    assert publication(db) == (MINUTES, repo.head())
    code, out, _ = osgtui(capsys, "--db", str(db), "publish", "2019-06-10", "--repo", str(repo.path))
    assert code == 0 and "nothing to commit" in out


def test_conflict_prints_message_then_diff_and_force_overwrites(
    capsys: pytest.CaptureFixture[str], db: Path, repo: MinutesRepo
) -> None:
    osgtui(capsys, "--db", str(db), "publish", "--repo", str(repo.path))
    repo.commit("Release updates", (FILE, MINUTES.replace("None this week", "-   Theirs")))
    head = repo.head()
    code, out, err = osgtui(capsys, "--db", str(db), "publish", "--repo", str(repo.path))
    first, rest = err.split("\n", 1)
    assert code == 1 and out == ""
    assert first.startswith("osgtui: error: docs/meetings/2019/TechArea20190610.md in ")
    assert "osgtui pull 2019-06-10" in first
    assert rest.startswith("--- repository/") and "-   Theirs" in rest
    assert repo.head() == head
    code, out, _ = osgtui(capsys, "--db", str(db), "publish", "--force", "--repo", str(repo.path))
    assert code == 0 and repo.read(FILE) == MINUTES.encode()


def test_pull_merges_then_publish_goes_through(capsys: pytest.CaptureFixture[str], db: Path, repo: MinutesRepo) -> None:
    osgtui(capsys, "--db", str(db), "publish", "--repo", str(repo.path))
    theirs = MINUTES.replace("None this week", "-   Theirs")
    repo.commit("Release updates", (FILE, theirs))
    ours = MINUTES.replace("-   This week: TimT", "-   This week: Mat")
    set_stored_text(db, ours)
    code, out, err = osgtui(capsys, "--db", str(db), "pull", "--repo", str(repo.path))
    assert code == 0 and err == ""
    assert "OSG Software Team > Discussion" in out
    merged = theirs.replace("-   This week: TimT", "-   This week: Mat")
    assert stored_text(db) == merged
    assert publication(db) == (theirs, repo.head())
    code, out, err = osgtui(capsys, "--db", str(db), "publish", "--repo", str(repo.path))
    assert code == 0 and repo.read(FILE) == merged.encode()
    assert repo.git("log", "-1", "--format=%s") == "Update June 10, 2019 meeting notes"


def test_pull_conflict_keeps_ours_prints_both_and_exits_1(
    capsys: pytest.CaptureFixture[str], db: Path, repo: MinutesRepo
) -> None:
    osgtui(capsys, "--db", str(db), "publish", "--repo", str(repo.path))
    repo.commit("Edit", (FILE, MINUTES.replace("None this week", "Theirs").replace("Friday", "Friday!")))
    ours = MINUTES.replace("None this week", "Ours")
    set_stored_text(db, ours)
    code, out, err = osgtui(capsys, "--db", str(db), "pull", "--repo", str(repo.path))
    assert code == 1
    assert "conflict in section 'OSG Software Team > Discussion': kept osgtui's version" in err
    assert "----- osgtui version -----\n### Discussion\n\nOurs\n" in err
    assert "----- repository version -----\n### Discussion\n\nTheirs\n" in err
    assert "osgtui: error: 1 conflicting section kept osgtui's version" in err
    assert "Announcements" in out  # the non-conflicting change was merged
    assert stored_text(db) == ours.replace("Friday", "Friday!")
    recorded = publication(db)
    assert recorded is not None and recorded[0] == MINUTES  # the sync base is not moved on conflict
    code, _, err = osgtui(capsys, "--db", str(db), "publish", "--repo", str(repo.path))
    assert code == 1 and "was changed since osgtui last published it" in err
    code, _, _ = osgtui(capsys, "--db", str(db), "pull", "--theirs", "--repo", str(repo.path))
    assert code == 0 and stored_text(db) == repo.read(FILE).decode()


def test_pull_imports_a_meeting_not_in_the_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, repo: MinutesRepo
) -> None:
    repo.commit("June 10, 2019 meeting notes", (FILE, MINUTES))
    db = tmp_path / "empty.db"
    code, out, _ = osgtui(capsys, "--db", str(db), "pull", "2019-06-10", "--repo", str(repo.path))
    assert code == 0 and out.startswith("imported the June 10, 2019 minutes")
    assert stored_text(db) == MINUTES and publication(db) == (MINUTES, repo.head())


def test_repository_from_the_config_file_relative_to_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Path, repo: MinutesRepo
) -> None:
    config = tmp_path / "conf" / "config.toml"
    config.parent.mkdir()
    config.write_text('[minutes_repo]\npath = "../technology"\n')
    code, out, err = osgtui(capsys, "--config", str(config), "--db", str(db), "publish")
    assert code == 0, err
    assert repo.read(FILE) == MINUTES.encode()


def test_not_configured_is_exit_2(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, _, err = osgtui(capsys, "--db", str(db), "publish")
    assert code == 2 and err.startswith("osgtui: error: no minutes repository configured")
    code, _, err = osgtui(capsys, "--db", str(db), "pull")
    assert code == 2 and "--repo PATH" in err


def test_push_failure_reports_the_local_commit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Path, repo: MinutesRepo
) -> None:
    remote = tmp_path / "remote.git"
    run(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    repo.git("remote", "add", "origin", str(remote))
    repo.git("push", "-q", "-u", "origin", "main")
    repo.git("remote", "set-url", "origin", str(tmp_path / "gone.git"))
    code, out, err = osgtui(capsys, "--db", str(db), "publish", "--push", "--repo", str(repo.path))
    assert code == 1 and out == ""
    assert err.startswith("osgtui: error: committed ") and "git push to origin/main failed" in err
    assert err.count("\n") == 1
    assert publication(db) == (MINUTES, repo.head())


def test_bad_inputs(capsys: pytest.CaptureFixture[str], tmp_path: Path, db: Path, repo: MinutesRepo) -> None:
    code, _, err = osgtui(capsys, "--db", str(db), "pull", "--repo", str(repo.path))
    assert code == 1 and "does not exist" in err and "TechArea20190610.md" in err
    code, _, err = osgtui(capsys, "--db", str(db), "publish", "2019-06-11", "--repo", str(repo.path))
    assert code == 1 and "no meeting on 2019-06-11" in err
    code, _, err = osgtui(capsys, "--db", str(db), "publish", "10/06/2019", "--repo", str(repo.path))
    assert code == 1 and "YYYY-MM-DD" in err
    code, _, err = osgtui(capsys, "--db", str(tmp_path / "none.db"), "publish", "--repo", str(repo.path))
    assert code == 1 and "no meetings in the database" in err


def test_pending_counts_are_refused_until_allowed(
    capsys: pytest.CaptureFixture[str], db: Path, repo: MinutesRepo
) -> None:
    pending = MINUTES.replace("-   8 (+1) open FreshDesk tickets", "-   ? (?) open FreshDesk tickets")
    set_stored_text(db, pending)
    head = repo.head()
    code, out, err = osgtui(capsys, "--db", str(db), "publish", "--repo", str(repo.path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert err.startswith("osgtui: error: 1 count is still pending (?) in 2019-06-10: open FreshDesk tickets;")
    assert "osgtui refresh 2019-06-10" in err and "--allow-pending" in err
    assert repo.head() == head and publication(db) is None
    assert stored_text(db) == pending
    code, out, err = osgtui(capsys, "--db", str(db), "publish", "--allow-pending", "--repo", str(repo.path))
    assert code == 0 and err == ""
    assert repo.read(FILE) == pending.encode()
    assert publication(db) == (pending, repo.head())


def test_a_pull_with_only_a_conflict_does_not_say_no_new_changes(
    capsys: pytest.CaptureFixture[str], db: Path, repo: MinutesRepo
) -> None:
    osgtui(capsys, "--db", str(db), "publish", "--repo", str(repo.path))
    repo.commit("Edit", (FILE, MINUTES.replace("None this week", "Theirs")))
    set_stored_text(db, MINUTES.replace("None this week", "Ours"))
    code, out, err = osgtui(capsys, "--db", str(db), "pull", "--repo", str(repo.path))
    assert code == 1 and out == ""
    assert "no new changes" not in out + err and "1 conflicting section kept osgtui's version" in err
