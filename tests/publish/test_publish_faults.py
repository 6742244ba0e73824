"""Publishing never commits what it cannot record, and never edits a broken ``mkdocs.yml``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from osgtui.errors import StoreError
from osgtui.publish import publish

from ..core.faults import one_error_line, read_only_stores
from .publish_helpers import MINUTES, MKDOCS, MinutesRepo
from .test_cli_publish import FILE, JUNE10, db, osgtui

__all__ = ["db"]  # the fixture, shared with the CLI publish tests


def test_a_read_only_database_is_refused_before_the_repository_is_touched(
    capsys: pytest.CaptureFixture[str], db: Path, repo: MinutesRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = repo.state()
    read_only_stores(monkeypatch)
    code, out, err = osgtui(capsys, "--db", str(db), "publish", "2019-06-10", "--repo", str(repo.path))
    assert code != 0 and out == ""
    line = one_error_line(err)
    assert line.startswith(f"osgtui: error: database {db}: cannot publish 2019-06-10 (nothing was committed)")
    assert "read-only" in line
    assert repo.state() == before


def test_a_commit_whose_record_fails_is_undone(repo: MinutesRepo) -> None:
    before = repo.state()

    def refuse(head: str | None) -> None:
        assert head is not None and head != before.head  # called after the commit
        raise StoreError("database x.db: cannot record the publication: disk is full")

    with pytest.raises(Exception) as caught:
        publish(repo.config, JUNE10, MINUTES, None, record=refuse)
    message = str(caught.value)
    assert "disk is full" in message and "the commit was undone" in message
    assert repo.state() == before


def test_the_record_is_made_once_with_the_new_commit(repo: MinutesRepo) -> None:
    seen: list[str | None] = []
    publish(repo.config, JUNE10, MINUTES, None, record=seen.append)
    assert seen == [repo.head()]


@pytest.mark.parametrize(
    "broken",
    [
        MKDOCS.replace("  - Meetings:\n", " - Meetings:\n"),  # a sequence indented to no level above it
        MKDOCS.replace("site_name: OSG Technology Area", "site_name: 'OSG Technology Area"),  # open quote
        MKDOCS.replace("nav:\n", "nav: [\n"),  # an open bracket
    ],
    ids=["indentation", "open-quote", "open-bracket"],
)
def test_mkdocs_yml_that_is_not_yaml_is_refused_and_left_alone(
    capsys: pytest.CaptureFixture[str],
    db: Path,
    make_repo: Callable[..., MinutesRepo],
    broken: str,
) -> None:
    repo = make_repo(broken)
    before = repo.state()
    code, out, err = osgtui(capsys, "--db", str(db), "publish", "2019-06-10", "--repo", str(repo.path))
    assert code != 0 and out == ""
    line = one_error_line(err)
    assert "mkdocs.yml is not valid YAML" in line and " at line " in line
    assert repo.state() == before


def test_mkdocs_tags_are_valid_yaml(make_repo: Callable[..., MinutesRepo]) -> None:
    tagged = MKDOCS + (
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  analytics: !ENV GOOGLE_ANALYTICS_KEY\n"
    )
    repo = make_repo(tagged)
    result = publish(repo.config, JUNE10, MINUTES, None)
    assert result.head == repo.head()
    assert repo.read(FILE) == MINUTES.encode()
