"""Unusable repositories and failing pushes: clear one-line errors, nothing changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from osgtui.config import MinutesRepoConfig
from osgtui.errors import PublishError
from osgtui.publish import PushError, publish
from osgtui.publish.git import error_line, redact

from .publish_helpers import MINUTES, MinutesRepo, init_repo, run

JUNE10 = date(2019, 6, 10)
FILE = "docs/meetings/2019/TechArea20190610.md"


def refused(config: MinutesRepoConfig, match: str, **kwargs: object) -> PublishError:
    """Publish, expecting a one-line PublishError matching ``match``."""
    with pytest.raises(PublishError, match=match) as caught:
        publish(config, JUNE10, MINUTES, None, **kwargs)  # type: ignore[arg-type]
    assert "\n" not in str(caught.value)
    return caught.value


def test_missing_path(tmp_path: Path) -> None:
    err = refused(MinutesRepoConfig(path=str(tmp_path / "nowhere")), "does not exist")
    assert "--repo" in str(err)
    assert not (tmp_path / "nowhere").exists()


def test_not_a_git_repository(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "mkdocs.yml").write_text("nav:\n  - Meetings:\n")
    refused(MinutesRepoConfig(path=str(plain)), "is not a git repository")
    assert sorted(p.name for p in plain.iterdir()) == ["mkdocs.yml"]
    assert (plain / "mkdocs.yml").read_text() == "nav:\n  - Meetings:\n"


def test_missing_identity(repo: MinutesRepo) -> None:
    repo.git("config", "--unset", "user.name")
    repo.git("config", "--unset", "user.email")
    state = repo.state()
    err = refused(repo.config, "user.name and user.email not set")
    assert "git -C" in str(err)
    assert repo.state() == state


def test_missing_email_only(repo: MinutesRepo) -> None:
    repo.git("config", "--unset", "user.email")
    refused(repo.config, r"git user\.email not set")


def test_identity_from_environment_is_enough(repo: MinutesRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.git("config", "--unset", "user.name")
    repo.git("config", "--unset", "user.email")
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Env Person")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "env@example.org")
    publish(repo.config, JUNE10, MINUTES, None)
    assert repo.git("log", "-1", "--format=%an <%ae>") == "Env Person <env@example.org>"


def test_detached_head(repo: MinutesRepo) -> None:
    repo.git("checkout", "-q", "--detach", "HEAD")
    state = repo.state()
    refused(repo.config, "HEAD is detached")
    assert repo.state() == state


def conflicting_branch(repo: MinutesRepo) -> None:
    """A branch ``other`` and ``main`` both changing docs/index.md differently."""
    repo.git("checkout", "-q", "-b", "other")
    repo.commit("other side", ("docs/index.md", "# other\n"))
    repo.git("checkout", "-q", "main")
    repo.commit("main side", ("docs/index.md", "# main\n"))


@pytest.mark.parametrize(
    ("command", "marker", "message"),
    [
        (("merge", "-q", "other"), "MERGE_HEAD", "a merge is in progress"),
        (("cherry-pick", "other"), "CHERRY_PICK_HEAD", "a cherry-pick is in progress"),
        (("rebase", "other"), "rebase-merge", "a rebase is in progress"),
    ],
)
def test_operation_in_progress(repo: MinutesRepo, command: tuple[str, ...], marker: str, message: str) -> None:
    conflicting_branch(repo)
    repo.git(*command, check=False)
    assert (repo.path / ".git" / marker).exists()
    state = repo.state()
    refused(repo.config, message)
    assert repo.state() == state


def add_remote(repo: MinutesRepo, tmp_path: Path, hook: str | None = None) -> Path:
    """A bare remote ``origin`` with main pushed and set as upstream (optionally a pre-receive hook)."""
    remote = tmp_path / "remote.git"
    run(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    repo.git("remote", "add", "origin", str(remote))
    repo.git("push", "-q", "-u", "origin", "main")
    if hook is not None:
        path = remote / "hooks" / "pre-receive"
        path.write_text(hook)
        path.chmod(0o755)
    return remote


def test_push_to_upstream(repo: MinutesRepo, tmp_path: Path) -> None:
    remote = add_remote(repo, tmp_path)
    result = publish(repo.config, JUNE10, MINUTES, None, push=True)
    assert result.pushed and "pushed to origin/main" in result.summary
    assert run(remote, "rev-parse", "main") == result.commit == repo.head()


def test_push_configured_in_settings(repo: MinutesRepo, tmp_path: Path) -> None:
    remote = add_remote(repo, tmp_path)
    result = publish(replace(repo.config, push=True), JUNE10, MINUTES, None)
    assert result.pushed and run(remote, "rev-parse", "main") == repo.head()
    assert not publish(replace(repo.config, push=True), JUNE10, MINUTES, MINUTES, push=False).pushed


def test_push_rejected_by_remote_keeps_the_local_commit(repo: MinutesRepo, tmp_path: Path) -> None:
    remote = add_remote(repo, tmp_path, "#!/bin/sh\necho 'protected branch: use a pull request' >&2\nexit 1\n")
    remote_head = run(remote, "rev-parse", "main")
    with pytest.raises(PushError) as caught:
        publish(repo.config, JUNE10, MINUTES, None, push=True)
    err = caught.value
    message = str(err)
    assert "\n" not in message and err.exit_code == 1
    assert 'committed' in message and '"June 10, 2019 meeting notes" locally' in message
    assert "git push to origin/main failed" in message
    assert "protected branch: use a pull request" in message
    assert err.result.commit == repo.head() and not err.result.pushed
    assert repo.git("status", "--porcelain") == ""
    assert run(remote, "rev-parse", "main") == remote_head


def test_push_to_missing_remote(repo: MinutesRepo, tmp_path: Path) -> None:
    remote = add_remote(repo, tmp_path)
    repo.git("remote", "set-url", "origin", str(tmp_path / "gone.git"))
    with pytest.raises(PushError, match="does not appear to be a git repository") as caught:
        publish(repo.config, JUNE10, MINUTES, None, push=True)
    assert caught.value.result.commit == repo.head()
    assert run(remote, "log", "-1", "--format=%s", "main") == "Earlier meetings"


def test_push_again_after_a_failed_push(repo: MinutesRepo, tmp_path: Path) -> None:
    remote = add_remote(repo, tmp_path)
    repo.git("remote", "set-url", "origin", str(tmp_path / "gone.git"))
    with pytest.raises(PushError):
        publish(repo.config, JUNE10, MINUTES, None, push=True)
    repo.git("remote", "set-url", "origin", str(remote))
    result = publish(repo.config, JUNE10, MINUTES, MINUTES, push=True)
    assert result.commit is None and result.pushed
    assert run(remote, "rev-parse", "main") == repo.head()


def test_push_without_upstream_is_refused_before_any_change(repo: MinutesRepo) -> None:
    state = repo.state()
    refused(repo.config, "has no upstream", push=True)
    assert repo.state() == state


def test_unborn_branch_gets_a_root_commit(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "fresh")
    repo.write("mkdocs.yml", "nav:\n  - Meetings:\n")
    repo.git("add", "mkdocs.yml")  # staged but never committed: not clean, refused
    with pytest.raises(PublishError, match="uncommitted changes"):
        publish(repo.config, JUNE10, MINUTES, None)
    repo.git("rm", "-q", "--cached", "mkdocs.yml")
    (repo.path / "mkdocs.yml").unlink()
    result = publish(repo.config, JUNE10, MINUTES, None)
    assert result.commit == repo.head() and repo.git("rev-list", "--count", "HEAD") == "1"
    assert any("mkdocs.yml not found" in w for w in result.warnings)


def test_error_lines_are_redacted() -> None:
    stderr = (
        "remote: Invalid username or password.\n"
        "fatal: Authentication failed for 'https://bob:ghp_secret123@github.com/osg-htc/technology/'\n"
    )
    assert error_line(stderr) == (
        "fatal: Authentication failed for 'https://***@github.com/osg-htc/technology/'"
        " (remote: Invalid username or password.)"
    )
    rejected = (
        "remote: error: GH006: Protected branch update failed for refs/heads/main.\n"
        "To github.com:osg-htc/technology.git\n"
        " ! [remote rejected] main -> main (protected branch hook declined)\n"
        "error: failed to push some refs to 'github.com:osg-htc/technology.git'\n"
    )
    assert error_line(rejected) == (
        "! [remote rejected] main -> main (protected branch hook declined)"
        " (remote: error: GH006: Protected branch update failed for refs/heads/main.)"
    )
    assert "ghp_secret123" not in redact("ssh://user:tok@host/x and https://tok@host/y")
    assert error_line("") == "no error message"


def test_push_error_hides_credentials_in_the_remote_url(repo: MinutesRepo, tmp_path: Path) -> None:
    add_remote(repo, tmp_path)
    repo.git("remote", "set-url", "origin", "http://bob:ghp_secret123@127.0.0.1:9/technology.git")
    with pytest.raises(PushError) as caught:
        publish(repo.config, JUNE10, MINUTES, None, push=True)
    assert "ghp_secret123" not in str(caught.value) and "ghp_secret123" not in repr(caught.value)
