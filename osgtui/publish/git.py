"""Running git on the minutes repository, and the safety checks done before publishing.

git always runs as ``git -C <repo> ...`` with a list of arguments (never through a
shell), captured output, no terminal prompts (``GIT_TERMINAL_PROMPT=0``) and English
messages. A failing command raises :class:`GitError`, a :class:`PublishError` whose
message is one line naming the command, the repository and git's own error line, with
any credentials in URLs masked.
"""

from __future__ import annotations

import os
import re
import string
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from osgtui.errors import PublishError

# ``://user:token@`` in a URL; the scheme before it is found by :func:`redact` walking back
# (a scheme pattern tried at every letter of a long word is quadratic).
_URL_AUTHORITY = re.compile(r"://[^/@\s]+@")
_SCHEME_CHARS = frozenset(string.ascii_letters + string.digits + "+.-")
# Files in the git directory that mean an operation is half done.
_IN_PROGRESS = {
    "MERGE_HEAD": "a merge",
    "rebase-merge": "a rebase",
    "rebase-apply": "a rebase or git am",
    "CHERRY_PICK_HEAD": "a cherry-pick",
    "REVERT_HEAD": "a revert",
}


class GitError(PublishError):
    """A git command failed; ``str(err)`` is one line, ``returncode``/``stderr`` the details."""

    def __init__(self, message: str, returncode: int, stderr: str) -> None:
        super().__init__(message)
        self.returncode = returncode
        self.stderr = redact(stderr)


@dataclass(frozen=True)
class GitResult:
    """Output of a finished git command: exit status, raw stdout bytes, decoded stderr."""

    returncode: int
    stdout: bytes
    stderr: str

    @property
    def out(self) -> str:
        """stdout decoded as UTF-8 (undecodable bytes replaced) without the final newline."""
        return self.stdout.decode("utf-8", errors="replace").rstrip("\n")


@dataclass(frozen=True)
class RepoState:
    """What :func:`check_repository` found: top level, current branch, HEAD (None if unborn)."""

    path: Path
    toplevel: Path
    branch: str
    head: str | None


def redact(text: str) -> str:
    """``text`` with user names and tokens in URLs (``https://user:tok@host``) masked."""
    out: list[str] = []
    done = 0
    for match in _URL_AUTHORITY.finditer(text):
        start = scheme = match.start()
        while scheme > done and text[scheme - 1] in _SCHEME_CHARS:
            scheme -= 1
        while scheme < start and text[scheme] not in string.ascii_letters:
            scheme += 1
        if scheme < start:  # a scheme (letter first) precedes "://"
            out.append(text[done:start] + "://***@")
            done = match.end()
    out.append(text[done:])
    return "".join(out)


def error_line(stderr: str) -> str:
    """The most telling line of git's stderr, redacted, with the remote's own reason if any.

    Preference: a push rejection (``! [rejected] ...``), then ``fatal:``, then ``error:``,
    else the last line; the first ``remote:`` message (one mentioning an error if there
    is one) is appended in parentheses, e.g. a server hook's explanation.
    """
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if not lines:
        return "no error message"
    main = next(
        (
            line
            for test in (_is_rejection, _prefixed("fatal:"), _prefixed("error:"))
            for line in lines
            if test(line)
        ),
        lines[-1],
    )
    remote = [line for line in lines if line.startswith("remote:") and line[7:].strip() and line != main]
    remote.sort(key=lambda line: "error" not in line.lower())
    if remote:
        main = f"{main} ({remote[0]})"
    return redact(main)


def _prefixed(prefix: str) -> Callable[[str], bool]:
    """A test for lines starting with ``prefix``."""
    return lambda line: line.startswith(prefix)


def _is_rejection(line: str) -> bool:
    """True for git push's ``! [rejected]`` / ``! [remote rejected]`` lines."""
    return line.startswith("!") and "rejected]" in line


def git_env() -> dict[str, str]:
    """The environment git runs with: the caller's, without prompts and in English."""
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["LC_ALL"] = "C"
    env["LANGUAGE"] = "C"
    return env


def run_git(repo: Path, *args: str, check: bool = True) -> GitResult:
    """Run ``git -C repo args...`` and return its result.

    With ``check`` (the default) a non-zero exit raises :class:`GitError`; a missing git
    executable always raises :class:`PublishError`.
    """
    command = ["git", "-C", str(repo), *args]
    try:
        completed = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=git_env(),
            check=False,
        )
    except FileNotFoundError as err:
        raise PublishError("git is not installed or not on PATH; install git to publish minutes") from err
    stderr = completed.stderr.decode("utf-8", errors="replace")
    result = GitResult(completed.returncode, completed.stdout, stderr)
    if check and completed.returncode != 0:
        raise GitError(
            f"git {args[0] if args else ''} failed in {repo}: {error_line(stderr)}",
            completed.returncode,
            stderr,
        )
    return result


def head_commit(repo: Path) -> str | None:
    """The full hash HEAD points to, or None on a branch with no commits yet."""
    result = run_git(repo, "rev-parse", "--verify", "-q", "HEAD^{commit}", check=False)
    return result.out if result.returncode == 0 and result.out else None


def show_file(repo: Path, rev: str, rel_path: str) -> bytes | None:
    """The bytes of ``rel_path`` (relative to ``repo``) at ``rev`` (``HEAD``, ``""`` = index).

    Returns None when the revision has no such file (or does not exist yet).
    """
    spec = f"{rev}:./{rel_path}"
    exists = run_git(repo, "cat-file", "-e", spec, check=False)
    if exists.returncode != 0:
        return None
    return run_git(repo, "cat-file", "blob", spec).stdout


def check_work_tree(path: Path) -> Path:
    """Check that ``path`` is an existing directory inside a git work tree; return the top level.

    Raises :class:`PublishError` (one line, saying what to do) otherwise.
    """
    if not path.exists():
        raise PublishError(
            f"minutes repository {path} does not exist; "
            "set [minutes_repo] path in the configuration or pass --repo PATH"
        )
    if not path.is_dir():
        raise PublishError(f"minutes repository {path} is not a directory; point [minutes_repo] path at a git checkout")
    top = run_git(path, "rev-parse", "--show-toplevel", check=False)
    if top.returncode != 0 or not top.out:
        raise PublishError(
            f"{path} is not a git repository ({error_line(top.stderr)}); "
            "set [minutes_repo] path to a clone of the minutes repository"
        )
    return Path(top.out)


def check_repository(path: Path) -> RepoState:
    """Check that ``path`` is a git work tree on a branch that can be committed to.

    Raises :class:`PublishError` (one line, saying what to do) when the path is missing,
    is not a git repository, git has no author/committer identity, HEAD is detached, or
    a merge, rebase, cherry-pick or revert is in progress.
    """
    toplevel = check_work_tree(path)
    check_identity(path)
    check_no_operation_in_progress(path)
    branch = run_git(path, "symbolic-ref", "-q", "--short", "HEAD", check=False)
    if branch.returncode != 0 or not branch.out:
        raise PublishError(
            f"HEAD is detached in {path}; check out a branch (e.g. git -C {path} switch main) and retry"
        )
    return RepoState(path, toplevel, branch.out, head_commit(path))


def check_identity(path: Path) -> None:
    """Raise :class:`PublishError` unless git has a configured author and committer identity.

    Like ``git commit`` with ``user.useConfigOnly``: ``user.name``/``user.email`` (or
    ``author.*``/``committer.*``) from any git config, or the ``GIT_AUTHOR_*``,
    ``GIT_COMMITTER_*`` and ``EMAIL`` environment variables, all count; a name or e-mail
    guessed from the host name does not.
    """
    missing = []
    for role in ("author", "committer"):
        name = os.environ.get(f"GIT_{role.upper()}_NAME") or _config(path, f"{role}.name", "user.name")
        email = (
            os.environ.get(f"GIT_{role.upper()}_EMAIL")
            or _config(path, f"{role}.email", "user.email")
            or os.environ.get("EMAIL")
        )
        if not name and "user.name" not in missing:
            missing.append("user.name")
        if not email and "user.email" not in missing:
            missing.append("user.email")
    if missing:
        settings = " and ".join(missing)
        raise PublishError(
            f"git {settings} not set for {path}; run git -C {path} config {missing[0]} ... "
            "(or git config --global) and retry"
        )
    for variable in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
        result = run_git(path, "var", variable, check=False)
        if result.returncode != 0:
            raise PublishError(f"git identity for {path} is not usable: {error_line(result.stderr)}")


def _config(path: Path, *keys: str) -> str:
    """The first of ``keys`` set (non-empty) in the git configuration, or ``""``."""
    for key in keys:
        value = run_git(path, "config", "--get", key, check=False).out.strip()
        if value:
            return value
    return ""


def check_no_operation_in_progress(path: Path) -> None:
    """Raise :class:`PublishError` when a merge, rebase, cherry-pick or revert is under way."""
    names = list(_IN_PROGRESS)
    args = [arg for name in names for arg in ("--git-path", name)]
    located = run_git(path, "rev-parse", *args).out.splitlines()
    for name, location in zip(names, located, strict=True):
        if (path / location).exists():
            raise PublishError(
                f"{_IN_PROGRESS[name]} is in progress in {path}; finish or abort it "
                "(git status says how) and retry"
            )


def upstream(path: Path, branch: str) -> tuple[str, str]:
    """The current branch's upstream as ``(remote, ref)``, e.g. ``("origin", "refs/heads/main")``.

    Raises :class:`PublishError` when the branch has none.
    """
    remote = _config(path, f"branch.{branch}.remote")
    ref = _config(path, f"branch.{branch}.merge")
    if not remote or not ref:
        raise PublishError(
            f"branch {branch} in {path} has no upstream to push to; "
            f"run git -C {path} push -u origin {branch} once, or publish without --push"
        )
    return remote, ref


def upstream_name(remote: str, ref: str) -> str:
    """A short name for an upstream, e.g. ``origin/main``."""
    return f"{remote}/{ref.removeprefix('refs/heads/')}"
