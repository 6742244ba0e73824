"""Publishing one meeting's minutes (Markdown text) to the MkDocs git repository.

``publish`` writes ``<repo>/<meetings_dir>/<YYYY>/TechAreaYYYYMMDD.md`` byte for byte,
adds its ``mkdocs.yml`` nav line, and commits exactly those two files in one commit, as
the note-takers do by hand. Rules:

- **Never overwrite others' work.** When the repository's file (working tree, index or
  HEAD) differs both from what osgtui last published and from the new text, publishing
  is refused (:class:`PublishConflictError`, carrying a diff) unless ``force``.
- **Commit messages:** ``June 10, 2019 meeting notes`` when the file is new in HEAD,
  ``Update June 10, 2019 meeting notes`` for later publishes of the same meeting.
- **Other people's staged work is left alone:** only our two paths are committed
  (``git commit --only -- <paths>``); other staged files stay staged and uncommitted.
  Uncommitted edits to ``mkdocs.yml`` itself are refused (they would be committed too).
- **All or nothing:** a failure before or during the commit puts both files (bytes),
  any created directory and the index entries of both paths back as they were. A failed
  push comes after the commit and raises :class:`PushError` saying so.
- **Never a commit without its record:** ``record(head)`` (osgtui saving what it
  published) runs right after the commit, before any push; when it fails the commit is
  undone (the branch moved back, files and index restored) and the error raised.
- **Only a valid ``mkdocs.yml`` is edited:** one that is not YAML is refused
  (:func:`osgtui.publish.yamlcheck.yaml_problem`) before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath

from osgtui.config import MinutesRepoConfig
from osgtui.errors import ConfigError, OsgtuiError, PublishError
from osgtui.publish import git
from osgtui.publish.files import Snapshot, read_bytes
from osgtui.publish.nav import add_nav_entry, nav_label
from osgtui.publish.text import unified_diff
from osgtui.publish.yamlcheck import yaml_problem

Record = Callable[[str | None], None]
"""Saves what was published, given the commit HEAD points to afterwards; raises to refuse."""

# ``docs_dir:`` lines; the value is read by :func:`_docs_dir_value` (a lazy value before
# optional blanks and a comment backtracks quadratically on a long line).
_DOCS_DIR = re.compile(r"^docs_dir\s*:\s*(.*)$", re.M)


@dataclass(frozen=True)
class PublishResult:
    """What :func:`publish` did.

    ``path`` is the minutes file; ``commit`` the new commit's hash (None when there was
    nothing to commit); ``head`` the commit HEAD points to afterwards; ``message`` the
    commit message used (``""`` without a commit); ``diff`` the unified diff of the
    changes made to the file and ``mkdocs.yml``; ``summary`` one line for the user.
    """

    path: Path
    commit: str | None
    nav_changed: bool
    pushed: bool
    warnings: list[str] = field(default_factory=list)
    diff: str = ""
    message: str = ""
    head: str | None = None
    summary: str = ""


class PublishConflictError(PublishError):
    """The repository's file holds changes osgtui did not make; ``diff`` shows them.

    ``diff`` is a unified diff from the repository's version to the text osgtui would write.
    """

    def __init__(self, message: str, diff: str, path: Path) -> None:
        super().__init__(message)
        self.diff = diff
        self.path = path


class PushError(PublishError):
    """The commit was made locally but ``git push`` failed; ``result`` describes the commit."""

    def __init__(self, message: str, result: PublishResult) -> None:
        super().__init__(message)
        self.result = result


@dataclass
class _Plan:
    """The files involved in publishing one meeting and their old and new contents."""

    repo: Path
    file: Path
    file_rel: str
    mkdocs: Path
    mkdocs_rel: str
    old_file: bytes | None
    new_file: bytes
    old_mkdocs: bytes | None
    new_mkdocs: bytes | None
    nav_changed: bool
    warnings: list[str]

    @property
    def diff(self) -> str:
        """Unified diff of the working-tree files against what would be written."""
        diffs = [
            unified_diff(_text(self.old_file), _text(self.new_file), f"a/{self.file_rel}", f"b/{self.file_rel}")
        ]
        if self.nav_changed:
            diffs.append(
                unified_diff(_text(self.old_mkdocs), _text(self.new_mkdocs), f"a/{self.mkdocs_rel}", f"b/{self.mkdocs_rel}")
            )
        return "".join(diffs)


def minutes_filename(d: date) -> str:
    """The minutes file name of meeting ``d``: ``TechAreaYYYYMMDD.md``."""
    return f"TechArea{d:%Y%m%d}.md"


def repo_path(repo: MinutesRepoConfig) -> Path:
    """The configured repository directory; :class:`ConfigError` when none is configured."""
    path = repo.resolved_path()
    if path is None:
        raise ConfigError(
            "no minutes repository configured; set [minutes_repo] path in the configuration file or pass --repo PATH"
        )
    return path


def minutes_relpath(repo: MinutesRepoConfig, d: date) -> str:
    """The minutes file of meeting ``d`` relative to the repository, e.g. ``docs/meetings/2019/x.md``."""
    return _inside("[minutes_repo] meetings_dir", repo.meetings_dir, str(d.year), minutes_filename(d))


def preview(repo: MinutesRepoConfig, d: date, markdown: str) -> str:
    """The unified diff :func:`publish` would apply to the minutes file and ``mkdocs.yml``.

    Empty when the working tree already holds exactly this. No git checks are made.
    """
    return _plan(repo, d, markdown).diff


@dataclass(frozen=True)
class PublishCheck:
    """What publishing would meet, found before anything is written (:func:`check_publish`).

    ``diff`` is what publishing would change. ``conflict`` is None when a commit
    would go through; else the refusal :func:`publish` would raise, and ``who``
    names the last commit that changed the file (``1a2b3c4 by Ann, 2 hours ago:
    Release updates``), or says the change is not committed.
    """

    diff: str
    conflict: PublishConflictError | None = None
    who: str = ""


def check_publish(repo: MinutesRepoConfig, d: date, markdown: str, last_published: str | None) -> PublishCheck:
    """Check the repository as :func:`publish` would (git state, others' changes) without changing it.

    Raises :class:`PublishError` for an unusable repository.
    """
    path = repo_path(repo)
    state = git.check_repository(path)
    plan = _plan(repo, d, markdown)
    head_file = git.show_file(path, "HEAD", plan.file_rel) if state.head else None
    try:
        _check_conflict(plan, d, head_file, last_published)
    except PublishConflictError as err:
        who = "the change is not committed yet (uncommitted or staged)"
        if "committed in HEAD" in str(err):
            log = git.run_git(path, "log", "-1", "--format=%h by %an, %ar: %s", "--", plan.file_rel, check=False)
            who = f"last changed in {log.out.strip()}" if log.out.strip() else who
        return PublishCheck(plan.diff, err, who)
    return PublishCheck(plan.diff)


def publish(
    repo: MinutesRepoConfig,
    d: date,
    markdown: str,
    last_published: str | None,
    *,
    force: bool = False,
    push: bool | None = None,
    record: Record | None = None,
) -> PublishResult:
    """Write, commit (and optionally push) the minutes ``markdown`` of meeting ``d``.

    ``last_published`` is the text osgtui last published for ``d`` to this repository
    (None: never). ``push`` None follows ``repo.push``. Raises :class:`PublishError` for
    an unusable repository, :class:`PublishConflictError` when the repository holds
    someone else's changes (unless ``force``) and :class:`PushError` when only the push
    failed. ``record(head)`` is called once the repository holds the text (after the
    commit, before the push); if it raises, a commit just made is undone and the error
    propagates. See the module docstring for the rules.
    """
    path = repo_path(repo)
    state = git.check_repository(path)
    do_push = repo.push if push is None else push
    remote = git.upstream(path, state.branch) if do_push else None
    plan = _plan(repo, d, markdown)
    head_file = git.show_file(path, "HEAD", plan.file_rel) if state.head else None
    if not force:
        _check_conflict(plan, d, head_file, last_published)
    if plan.nav_changed:
        _check_mkdocs_clean(plan, state)
    label = nav_label(d)
    if head_file == plan.new_file and not plan.nav_changed:
        if record is not None:
            record(state.head)
        if plan.old_file != plan.new_file:
            Snapshot().write(plan.file, plan.new_file)
        result = PublishResult(
            path=plan.file,
            commit=None,
            nav_changed=False,
            pushed=False,
            warnings=plan.warnings,
            diff=plan.diff,
            head=state.head,
            summary=f"{label} meeting notes are already published in {path}; nothing to commit",
        )
    else:
        message = f"{label} meeting notes" if head_file is None else f"Update {label} meeting notes"
        commit = _write_and_commit(plan, message, state, record)
        nav = ", nav line added" if plan.nav_changed else ""
        result = PublishResult(
            path=plan.file,
            commit=commit,
            nav_changed=plan.nav_changed,
            pushed=False,
            warnings=plan.warnings,
            diff=plan.diff,
            message=message,
            head=commit,
            summary=f'committed {commit[:9]} "{message}" to {state.branch} in {path}{nav}',
        )
    if remote is None:
        return result
    return _push(path, remote, result)


def _text(data: bytes | None) -> str | None:
    """Bytes shown as text in diffs (undecodable bytes replaced)."""
    return None if data is None else data.decode("utf-8", errors="replace")


def _inside(what: str, *parts: str) -> str:
    """Join relative path ``parts`` (POSIX), refusing absolute paths and ``..``."""
    joined = PurePosixPath(*parts)
    if joined.is_absolute() or ".." in joined.parts or "\\" in str(joined):
        raise ConfigError(f"{what} {parts[0]!r} must be a relative path inside the minutes repository")
    return joined.as_posix()


def _docs_relpath(mkdocs_rel: str, mkdocs_text: str, file_rel: str) -> str | None:
    """``file_rel`` relative to the MkDocs ``docs_dir`` (default ``docs``), or None if outside."""
    found = (_docs_dir_value(m[1]) for m in _DOCS_DIR.finditer(mkdocs_text))
    docs_dir = (next((d for d in found if d is not None), None) or "").strip() or "docs"
    base = PurePosixPath(mkdocs_rel).parent / docs_dir
    try:
        return PurePosixPath(file_rel).relative_to(base).as_posix()
    except ValueError:
        return None


def _docs_dir_value(value: str) -> str | None:
    """The directory a ``docs_dir:`` value names (``docs``, ``'site docs'`` with a comment), or None."""
    quote = value[:1] if value[:1] in ("'", '"') else ""
    body = value[len(quote):]
    stops = [i for i in (body.find(c) for c in "'\"#\r") if i >= 0]
    end = min(stops) if stops else len(body)
    if quote:
        if body[end:end + 1] != quote:
            return None
        rest = body[end + 1:]
    elif body[end:end + 1] in ("'", '"'):
        return None
    else:
        rest = body[end:]
    rest = rest.strip()
    if rest and not rest.startswith("#"):
        return None
    return body[:end]


def _plan(repo: MinutesRepoConfig, d: date, markdown: str) -> _Plan:
    """Read the current files and compute the new ones (no writes, no git)."""
    path = repo_path(repo)
    if not path.is_dir():
        raise PublishError(
            f"minutes repository {path} does not exist; set [minutes_repo] path in the configuration or pass --repo PATH"
        )
    file_rel = minutes_relpath(repo, d)
    mkdocs_rel = _inside("[minutes_repo] mkdocs", repo.mkdocs)
    file, mkdocs = path / file_rel, path / mkdocs_rel
    old_mkdocs = read_bytes(mkdocs)
    warnings: list[str] = []
    new_mkdocs, nav_changed = old_mkdocs, False
    if old_mkdocs is None:
        warnings.append(f"{mkdocs_rel} not found in {path}; the nav line was not added")
    else:
        try:
            mkdocs_text = old_mkdocs.decode("utf-8")
        except UnicodeDecodeError as err:
            raise PublishError(f"{mkdocs} is not UTF-8 text; fix the file and retry") from err
        problem = yaml_problem(mkdocs_text)
        if problem is not None:
            raise PublishError(
                f"{mkdocs} is not valid YAML ({problem}); fix it (mkdocs build shows the same error), "
                "commit the fix, then publish again"
            )
        rel = _docs_relpath(mkdocs_rel, mkdocs_text, file_rel)
        if rel is None:
            warnings.append(f"{file_rel} is outside the MkDocs docs_dir; the nav line was not added")
        else:
            nav = add_nav_entry(mkdocs_text, d, rel)
            if nav.warning:
                warnings.append(f"{mkdocs_rel}: {nav.warning}")
            new_mkdocs, nav_changed = nav.text.encode("utf-8"), nav.changed
    return _Plan(
        repo=path,
        file=file,
        file_rel=file_rel,
        mkdocs=mkdocs,
        mkdocs_rel=mkdocs_rel,
        old_file=read_bytes(file),
        new_file=markdown.encode("utf-8"),
        old_mkdocs=old_mkdocs,
        new_mkdocs=new_mkdocs,
        nav_changed=nav_changed,
        warnings=warnings,
    )


def _check_conflict(plan: _Plan, d: date, head_file: bytes | None, last_published: str | None) -> None:
    """Raise :class:`PublishConflictError` if a repository version holds others' changes.

    The versions checked are the working tree, the index and HEAD; the diff starts from
    the first of them (in that order) that conflicts, the message says where they are.
    """
    base = None if last_published is None else last_published.encode("utf-8")
    index_file = git.show_file(plan.repo, "", plan.file_rel)
    versions = (
        ("uncommitted in the working tree", plan.old_file),
        ("staged in the index", index_file),
        ("committed in HEAD", head_file),
    )
    conflicting = [(where, v) for where, v in versions if v is not None and v not in (base, plan.new_file)]
    if not conflicting:
        return
    why = "already exists and was not published by osgtui" if base is None else "was changed since osgtui last published it"
    where, version = conflicting[0]
    diff = unified_diff(
        _text(version), _text(plan.new_file), f"repository/{plan.file_rel} ({where})", f"osgtui/{plan.file_rel}"
    )
    # A working tree or index equal to HEAD is just the committed change, not another one.
    places = " and ".join(name for name, v in conflicting if v != head_file or name.endswith("HEAD"))
    raise PublishConflictError(
        f"{plan.file_rel} in {plan.repo} {why} ({places}); run `osgtui pull {d.isoformat()}` to merge "
        "those changes first, or publish with --force to overwrite them",
        diff,
        plan.file,
    )


def _check_mkdocs_clean(plan: _Plan, state: git.RepoState) -> None:
    """Refuse when ``mkdocs.yml`` has uncommitted changes (committing it would take them along)."""
    head = git.show_file(plan.repo, "HEAD", plan.mkdocs_rel) if state.head else None
    index = git.show_file(plan.repo, "", plan.mkdocs_rel)
    if not (plan.old_mkdocs == index == head):
        raise PublishError(
            f"{plan.mkdocs_rel} in {plan.repo} has uncommitted changes; commit or discard them, then publish again"
        )


def _write_and_commit(plan: _Plan, message: str, state: git.RepoState, record: Record | None) -> str:
    """Write both files, commit exactly them, record it, return the new commit; undo everything on failure."""
    paths = [plan.file_rel] + ([plan.mkdocs_rel] if plan.nav_changed else [])
    index_before = {rel: _index_entry(plan.repo, rel) for rel in paths}
    snapshot = Snapshot()
    commit: str | None = None
    try:
        snapshot.write(plan.file, plan.new_file)
        if plan.nav_changed and plan.new_mkdocs is not None:
            snapshot.write(plan.mkdocs, plan.new_mkdocs)
        git.run_git(plan.repo, "add", "--", *paths)
        git.run_git(plan.repo, "commit", "--quiet", "--only", "-m", message, "--", *paths)
        commit = git.head_commit(plan.repo)
        if commit is None:  # pragma: no cover - git commit succeeded, so HEAD exists
            raise PublishError(f"git commit in {plan.repo} succeeded but HEAD cannot be read")
        if record is not None:
            record(commit)
    except BaseException as err:
        problems = _undo_commit(plan.repo, state.branch, commit) if commit is not None else []
        problems += _restore_index(plan.repo, index_before) + snapshot.restore()
        if not isinstance(err, OsgtuiError):
            raise
        what = "the commit was undone and nothing was changed" if commit is not None else "nothing was changed"
        undone = "; restoring also failed: " + "; ".join(problems) if problems else f"; {what}"
        raise PublishError(f"{err}{undone}") from err
    return commit


def _undo_commit(repo: Path, branch: str, commit: str) -> list[str]:
    """Move ``branch`` back from ``commit`` to its parent (delete it when ``commit`` was the first)."""
    ref = f"refs/heads/{branch}"
    parent = git.run_git(repo, "rev-parse", "--verify", "-q", f"{commit}^", check=False)
    if parent.returncode != 0 or not parent.out:
        args = ["update-ref", "-m", "osgtui: undo publish", "-d", ref, commit]
    else:
        args = ["update-ref", "-m", "osgtui: undo publish", ref, parent.out, commit]
    result = git.run_git(repo, *args, check=False)
    if result.returncode != 0:
        return [f"could not undo commit {commit[:9]} in {repo}: {git.error_line(result.stderr)}"]
    return []


def _index_entry(repo: Path, rel: str) -> tuple[str, str] | None:
    """``(mode, blob)`` of ``rel`` in the index (stage 0), or None when not in the index."""
    out = git.run_git(repo, "ls-files", "--stage", "--", rel).out
    for line in out.splitlines():
        meta, _, _name = line.partition("\t")
        mode, blob, stage = meta.split()
        if stage == "0":
            return mode, blob
    return None


def _restore_index(repo: Path, entries: dict[str, tuple[str, str] | None]) -> list[str]:
    """Put the index entries of ``entries``' paths back; returns problems (empty if none)."""
    problems = []
    for rel, entry in entries.items():
        if _index_entry(repo, rel) == entry:
            continue
        if entry is None:
            args = ["rm", "--cached", "--quiet", "--ignore-unmatch", "--", rel]
        else:
            args = ["update-index", "--add", "--cacheinfo", f"{entry[0]},{entry[1]},{rel}"]
        result = git.run_git(repo, *args, check=False)
        if result.returncode != 0:
            problems.append(f"could not restore the index entry of {rel}: {git.error_line(result.stderr)}")
    return problems


def _push(path: Path, remote: tuple[str, str], result: PublishResult) -> PublishResult:
    """Push HEAD to the upstream; :class:`PushError` (naming what was done) on failure."""
    name, ref = remote
    outcome = git.run_git(path, "push", "--quiet", name, f"HEAD:{ref}", check=False)
    if outcome.returncode != 0:
        done = (
            f'committed {result.commit[:9]} "{result.message}" locally in {path}, but'
            if result.commit
            else "nothing new to commit;"
        )
        raise PushError(
            f"{done} git push to {git.upstream_name(name, ref)} failed: {git.error_line(outcome.stderr)}; "
            f"push it later with git -C {path} push",
            result,
        )
    summary = f"{result.summary}; pushed to {git.upstream_name(name, ref)}"
    return replace(result, pushed=True, summary=summary)
