"""pull(): merging the repository's working-tree file into osgtui's text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from osgtui.config import MinutesRepoConfig
from osgtui.errors import PublishError
from osgtui.publish import publish, pull

from .publish_helpers import MINUTES, MinutesRepo

JUNE10 = date(2019, 6, 10)
FILE = "docs/meetings/2019/TechArea20190610.md"


def test_pull_merges_a_team_leads_commit(repo: MinutesRepo) -> None:
    publish(repo.config, JUNE10, MINUTES, None)
    theirs = MINUTES.replace("None this week", "-   Release discussion")
    commit = repo.commit("Software updates", (FILE, theirs))
    ours = MINUTES.replace("-   This week: TimT", "-   This week: Mat")
    state = repo.state()
    result = pull(repo.config, JUNE10, ours, MINUTES)
    assert result.text == theirs.replace("-   This week: TimT", "-   This week: Mat")
    assert result.merged_sections == ["OSG Software Team > Discussion"] and result.conflicts == []
    assert result.repo_text == theirs and result.commit == commit
    assert result.path == repo.path / FILE
    assert repo.state() == state


def test_pull_reads_the_working_tree_not_head(repo: MinutesRepo) -> None:
    publish(repo.config, JUNE10, MINUTES, None)
    uncommitted = MINUTES.replace("BrianL OOO Friday", "BrianL OOO Friday (edited in place)")
    repo.write(FILE, uncommitted)
    result = pull(repo.config, JUNE10, MINUTES, MINUTES)
    assert result.text == uncommitted and result.merged_sections == ["Announcements"]


def test_pull_reports_conflicts_and_keeps_ours(repo: MinutesRepo) -> None:
    publish(repo.config, JUNE10, MINUTES, None)
    repo.commit("Edit", (FILE, MINUTES.replace("None this week", "Theirs")))
    ours = MINUTES.replace("None this week", "Ours")
    result = pull(repo.config, JUNE10, ours, MINUTES)
    assert result.text == ours
    assert [(c.section, c.ours, c.theirs) for c in result.conflicts] == [
        ("OSG Software Team > Discussion", "### Discussion\n\nOurs\n", "### Discussion\n\nTheirs\n")
    ]
    assert pull(repo.config, JUNE10, ours, MINUTES, prefer_theirs=True).text == result.repo_text


def test_pull_of_a_missing_file(repo: MinutesRepo) -> None:
    with pytest.raises(PublishError, match=r"docs/meetings/2019/TechArea20190610.md does not exist .*June 10, 2019"):
        pull(repo.config, JUNE10, MINUTES, None)


def test_pull_from_a_missing_or_plain_directory(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="does not exist"):
        pull(MinutesRepoConfig(path=str(tmp_path / "gone")), JUNE10, MINUTES, None)
    with pytest.raises(PublishError, match="not a git repository"):
        pull(MinutesRepoConfig(path=str(tmp_path)), JUNE10, MINUTES, None)


def test_pull_of_a_non_utf8_file(repo: MinutesRepo) -> None:
    repo.write(FILE, b"# Caf\xe9\n")
    with pytest.raises(PublishError, match="not UTF-8"):
        pull(repo.config, JUNE10, MINUTES, None)
