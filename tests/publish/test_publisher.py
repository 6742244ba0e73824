"""Publishing to a real temporary git repository: commits, nav lines, conflicts, preview."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from osgtui.errors import ConfigError, PublishError
from osgtui.publish import PublishConflictError, preview, publish
from osgtui.publish.nav import nav_line

from .publish_helpers import MINUTES, MKDOCS, MinutesRepo

JUNE10 = date(2019, 6, 10)
FILE = "docs/meetings/2019/TechArea20190610.md"
NAV = nav_line(JUNE10, "meetings/2019/TechArea20190610.md", "    ")


def committed_files(repo: MinutesRepo, rev: str = "HEAD") -> list[str]:
    """Paths changed by commit ``rev``."""
    return sorted(repo.git("show", "--name-only", "--format=", rev).splitlines())


def test_first_publish_commits_file_and_nav_line(repo: MinutesRepo) -> None:
    before = repo.head()
    result = publish(repo.config, JUNE10, MINUTES, None)
    assert result.commit == repo.head() == result.head and result.commit != before
    assert repo.git("log", "-1", "--format=%s") == "June 10, 2019 meeting notes"
    assert result.message == "June 10, 2019 meeting notes"
    assert repo.git("log", "-1", "--format=%an <%ae>") == "Note Taker <notes@example.org>"
    assert committed_files(repo) == [FILE, "mkdocs.yml"]
    assert repo.git("rev-parse", "HEAD~1") == before
    assert repo.read(FILE) == MINUTES.encode("utf-8")
    assert repo.read("mkdocs.yml") == MKDOCS.replace(
        "  - Meetings:\n", "  - Meetings:\n" + NAV + "\n"
    ).encode("utf-8")
    assert repo.git("status", "--porcelain") == ""
    assert result.nav_changed and not result.pushed and result.warnings == []
    assert result.path == repo.path / FILE
    assert f"+{NAV}" in result.diff and "+# OSG Technology Area Meeting, 10 June 2019" in result.diff


def test_republish_unchanged_makes_no_commit(repo: MinutesRepo) -> None:
    first = publish(repo.config, JUNE10, MINUTES, None)
    again = publish(repo.config, JUNE10, MINUTES, MINUTES)
    assert again.commit is None and again.head == first.commit == repo.head()
    assert not again.nav_changed and again.diff == ""
    assert "nothing to commit" in again.summary
    # Even without a record of the first publish, identical text is not a conflict.
    assert publish(repo.config, JUNE10, MINUTES, None).commit is None


def test_republish_changed_text_commits_update_without_touching_nav(repo: MinutesRepo) -> None:
    publish(repo.config, JUNE10, MINUTES, None)
    mkdocs = repo.read("mkdocs.yml")
    changed = MINUTES.replace("None this week", "-   Discussed the release")
    result = publish(repo.config, JUNE10, changed, MINUTES)
    assert repo.git("log", "-1", "--format=%s") == "Update June 10, 2019 meeting notes"
    assert committed_files(repo) == [FILE]
    assert repo.read(FILE) == changed.encode("utf-8") and repo.read("mkdocs.yml") == mkdocs
    assert not result.nav_changed and result.commit == repo.head()


@pytest.mark.parametrize(
    ("d", "before", "after"),
    [
        (date(2019, 6, 10), "  - Meetings:", "    - June 3, 2019"),
        (date(2019, 5, 31), "    - June 3, 2019", "    - May 27, 2019"),
        (date(2019, 1, 7), "    - January, 27 2019", ""),
    ],
    ids=["top", "middle", "bottom"],
)
def test_nav_line_goes_in_newest_first_order(repo: MinutesRepo, d: date, before: str, after: str) -> None:
    publish(repo.config, d, MINUTES, None)
    lines = repo.read("mkdocs.yml").decode().split("\n")
    index = lines.index(nav_line(d, f"meetings/2019/TechArea{d:%Y%m%d}.md", "    "))
    assert lines[index - 1].startswith(before)
    assert lines[index + 1].startswith(after) if after else lines[index + 1] == ""


def test_existing_nav_line_is_not_duplicated(make_repo: Callable[..., MinutesRepo]) -> None:
    mkdocs = MKDOCS.replace("  - Meetings:\n", "  - Meetings:\n" + NAV + "\n")
    repo = make_repo(mkdocs)
    result = publish(repo.config, JUNE10, MINUTES, None)
    assert not result.nav_changed
    assert committed_files(repo) == [FILE]
    assert repo.read("mkdocs.yml") == mkdocs.encode()


def test_missing_meetings_section_commits_the_file_and_warns(make_repo: Callable[..., MinutesRepo]) -> None:
    mkdocs = "site_name: X\nnav:\n  - Home: 'index.md'\n"
    repo = make_repo(mkdocs)
    result = publish(repo.config, JUNE10, MINUTES, None)
    assert committed_files(repo) == [FILE]
    assert repo.read("mkdocs.yml") == mkdocs.encode()
    assert len(result.warnings) == 1 and "Meetings" in result.warnings[0]
    assert repo.git("status", "--porcelain") == ""


def test_missing_mkdocs_file_commits_the_file_and_warns(repo: MinutesRepo) -> None:
    result = publish(replace(repo.config, mkdocs="site/mkdocs.yml"), JUNE10, MINUTES, None)
    assert committed_files(repo) == [FILE]
    assert any("site/mkdocs.yml not found" in w for w in result.warnings)


def test_crlf_mkdocs_keeps_its_endings(make_repo: Callable[..., MinutesRepo]) -> None:
    crlf = MKDOCS.replace("\n", "\r\n")
    repo = make_repo(crlf.encode())
    publish(repo.config, JUNE10, MINUTES, None)
    assert repo.read("mkdocs.yml") == crlf.replace(
        "  - Meetings:\r\n", "  - Meetings:\r\n" + NAV + "\r\n"
    ).encode()


def test_team_lead_commit_is_a_conflict_with_a_diff_then_force_overwrites(repo: MinutesRepo) -> None:
    publish(repo.config, JUNE10, MINUTES, None)
    theirs = MINUTES.replace("None this week", "-   Release team update")
    repo.git("config", "user.name", "Team Lead")
    repo.commit("Software updates", (FILE, theirs))
    state = repo.state()
    ours = MINUTES.replace("BrianL OOO Friday", "BrianL OOO Friday and Monday")
    with pytest.raises(PublishConflictError) as caught:
        publish(repo.config, JUNE10, ours, MINUTES)
    err = caught.value
    assert "osgtui pull 2019-06-10" in str(err) and "--force" in str(err) and "\n" not in str(err)
    assert "(committed in HEAD)" in str(err)
    assert "-   Release team update" in err.diff and "BrianL OOO Friday and Monday" in err.diff
    assert err.diff.startswith("--- repository/") and err.path == repo.path / FILE
    assert repo.state() == state
    forced = publish(repo.config, JUNE10, ours, MINUTES, force=True)
    assert forced.commit == repo.head() and repo.read(FILE) == ours.encode()
    assert repo.git("log", "-1", "--format=%s") == "Update June 10, 2019 meeting notes"


def test_working_tree_edit_is_refused_and_kept(repo: MinutesRepo) -> None:
    publish(repo.config, JUNE10, MINUTES, None)
    repo.write(FILE, MINUTES + "\n-   typed directly in the file\n")
    state = repo.state()
    with pytest.raises(PublishConflictError, match=r"\(uncommitted in the working tree\)"):
        publish(repo.config, JUNE10, MINUTES.replace("Mat   ", "Mat"), MINUTES)
    assert repo.state() == state


def test_staged_edit_of_the_file_is_refused(repo: MinutesRepo) -> None:
    publish(repo.config, JUNE10, MINUTES, None)
    repo.write(FILE, MINUTES + "staged\n")
    repo.git("add", FILE)
    repo.write(FILE, MINUTES)
    state = repo.state()
    with pytest.raises(PublishConflictError, match=r"\(staged in the index\)"):
        publish(repo.config, JUNE10, MINUTES + "new\n", MINUTES)
    assert repo.state() == state


def test_file_created_by_someone_else_is_refused_when_never_published(repo: MinutesRepo) -> None:
    repo.commit("June 10, 2019 meeting notes", (FILE, "# Someone else's draft\n"))
    state = repo.state()
    with pytest.raises(PublishConflictError, match="not published by osgtui"):
        publish(repo.config, JUNE10, MINUTES, None)
    assert repo.state() == state


def test_other_staged_files_stay_staged_and_uncommitted(repo: MinutesRepo) -> None:
    repo.write("docs/index.md", "# Someone's staged work\n")
    repo.git("add", "docs/index.md")
    publish(repo.config, JUNE10, MINUTES, None)
    assert committed_files(repo) == [FILE, "mkdocs.yml"]
    assert repo.git("status", "--porcelain") == "M  docs/index.md"
    assert repo.git("show", "HEAD:docs/index.md") == "# OSG Technology Area"


def test_uncommitted_mkdocs_changes_are_refused(repo: MinutesRepo) -> None:
    repo.write("mkdocs.yml", MKDOCS + "extra_css:\n  - css/extra.css\n")
    state = repo.state()
    with pytest.raises(PublishError, match="mkdocs.yml .* uncommitted changes"):
        publish(repo.config, JUNE10, MINUTES, None)
    assert repo.state() == state


def test_failing_commit_hook_restores_files_dirs_and_index(repo: MinutesRepo) -> None:
    hook = repo.path / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'trailing whitespace found' >&2\nexit 1\n")
    hook.chmod(0o755)
    repo.git("rm", "-q", "-r", "docs/meetings/2019")  # so publishing must create the year dir
    repo.git("commit", "-q", "--no-verify", "-m", "Archive 2019")
    repo.write("docs/index.md", "# staged elsewhere\n")
    repo.git("add", "docs/index.md")
    state = repo.state()
    with pytest.raises(PublishError) as caught:
        publish(repo.config, JUNE10, MINUTES, None)
    assert "git commit failed" in str(caught.value) and "nothing was changed" in str(caught.value)
    assert repo.state() == state
    assert not (repo.path / "docs/meetings").exists()


def test_preview_shows_both_changes_and_is_empty_once_published(repo: MinutesRepo) -> None:
    state = repo.state()
    diff = preview(repo.config, JUNE10, MINUTES)
    assert repo.state() == state
    assert f"+++ b/{FILE}" in diff and "+++ b/mkdocs.yml" in diff and f"+{NAV}" in diff
    publish(repo.config, JUNE10, MINUTES, None)
    assert preview(repo.config, JUNE10, MINUTES) == ""
    assert f"+++ b/{FILE}" in preview(repo.config, JUNE10, MINUTES + "more\n")


def test_custom_docs_dir_and_meetings_dir(make_repo: Callable[..., MinutesRepo]) -> None:
    repo = make_repo("docs_dir: 'site'  # sources\nnav:\n  - Meetings:\n")
    config = replace(repo.config, meetings_dir="site/minutes")
    publish(config, JUNE10, MINUTES, None)
    assert repo.read("site/minutes/2019/TechArea20190610.md") == MINUTES.encode()
    assert "    - June 10, 2019: 'minutes/2019/TechArea20190610.md'" in repo.read("mkdocs.yml").decode()


def test_meetings_dir_escaping_the_repository_is_a_config_error(repo: MinutesRepo) -> None:
    with pytest.raises(ConfigError, match="meetings_dir"):
        publish(replace(repo.config, meetings_dir="../elsewhere"), JUNE10, MINUTES, None)


def test_unconfigured_repository_is_a_config_error() -> None:
    from osgtui.config import MinutesRepoConfig

    with pytest.raises(ConfigError, match="--repo"):
        publish(MinutesRepoConfig(), JUNE10, MINUTES, None)


def test_new_file_mode_follows_umask(repo: MinutesRepo) -> None:
    publish(repo.config, JUNE10, MINUTES, None)
    assert (repo.path / FILE).stat().st_mode & 0o777 == (repo.path / "docs/index.md").stat().st_mode & 0o777
