"""Taking back others' edits: merge the repository's minutes file into osgtui's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from osgtui.config import MinutesRepoConfig
from osgtui.errors import PublishError
from osgtui.publish import git
from osgtui.publish.files import read_bytes
from osgtui.publish.merge import Conflict, merge_minutes
from osgtui.publish.nav import nav_label
from osgtui.publish.publisher import minutes_relpath, repo_path


@dataclass(frozen=True)
class PullResult:
    """The merged text, what was merged and what conflicts, and what the repository holds.

    ``repo_text`` is the repository's working-tree file, ``path`` that file, ``commit``
    the repository's HEAD when it was read (None on a branch without commits).
    """

    text: str
    merged_sections: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    repo_text: str = ""
    path: Path | None = None
    commit: str | None = None


def read_repo_minutes(repo: MinutesRepoConfig, d: date) -> tuple[Path, str]:
    """The repository's working-tree minutes file of meeting ``d`` and its text.

    Raises :class:`PublishError` when the repository is unusable, the file is missing
    or is not UTF-8.
    """
    path = repo_path(repo)
    git.check_work_tree(path)
    rel = minutes_relpath(repo, d)
    file = path / rel
    data = read_bytes(file)
    if data is None:
        raise PublishError(
            f"{rel} does not exist in {path}: there are no {nav_label(d)} minutes to pull "
            "(update the checkout with git pull, or publish them first with osgtui publish)"
        )
    try:
        return file, data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise PublishError(f"{file} is not UTF-8 text (byte {err.start}); fix the file and pull again") from err


def pull(
    repo: MinutesRepoConfig,
    d: date,
    ours: str,
    last_published: str | None,
    *,
    prefer_theirs: bool = False,
) -> PullResult:
    """Merge the repository's file of meeting ``d`` into ``ours`` since ``last_published``.

    ``ours`` is osgtui's current text of the minutes, ``last_published`` the text last
    published (or pulled without conflicts) for ``d`` (None: never, then sections that
    differ are conflicts). The repository is only read; git is not run beyond finding
    HEAD (run ``git pull`` in the checkout first to get others' pushed commits).
    Merge rules: :mod:`osgtui.publish.merge`.
    """
    file, theirs = read_repo_minutes(repo, d)
    result = merge_minutes(last_published, ours, theirs, prefer_theirs=prefer_theirs)
    return PullResult(
        text=result.text,
        merged_sections=result.merged_sections,
        conflicts=result.conflicts,
        repo_text=theirs,
        path=file,
        commit=git.head_commit(file.parent),
    )
