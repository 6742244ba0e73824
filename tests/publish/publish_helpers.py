"""Helpers for the publishing tests: real temporary git repositories shaped like the minutes site."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from osgtui.config import MinutesRepoConfig

MKDOCS = """\
site_name: OSG Technology Area
site_url: https://osg-htc.org/technology/

nav:
  - Home: 'index.md'
  - Release:
    - How to Cut a Release: 'release/cut-sw-release.md'
  - Meetings:
    - June 3, 2019: 'meetings/2019/TechArea20190603.md'
    - May 27, 2019: 'meetings/2019/TechArea20190527.md'
    - January, 27 2019: 'meetings/2019/TechArea20190127.md'

markdown_extensions:
  - admonition
"""

MINUTES = (
    "# OSG Technology Area Meeting, 10 June 2019\n"
    "\n"
    "**Coordinates:** Conference: 719-284-5267, PIN: 57363; <https://www.uberconference.com/osgblin>  \n"
    "**Attending:** BrianL, Carl, Derek, Mat   \n"
    "\n"
    "\n"
    "## Announcements\n"
    "\n"
    "-   BrianL OOO Friday\n"
    "\n"
    "\n"
    "### Triage Duty\n"
    "\n"
    "-   This week: TimT\n"
    "-   8 (+1) open FreshDesk tickets\r\n"
    "-   0 (+0) open GGUS ticket\n"
    "\n"
    "\n"
    "## OSG Software Team\n"
    "\n"
    "-   GlideinWMS 3.5.0 \u201cready\u201d  \n"
    "    -   AI (Mat): test it\n"
    "\n"
    "\n"
    "### Discussion\n"
    "\n"
    "None this week\n"
)  # trailing spaces, a stray CRLF line and curly quotes, as in the archive


def run(repo: Path, *args: str, check: bool = True) -> str:
    """Run git in ``repo`` (as the tests' own tool) and return stripped stdout."""
    completed = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if check and completed.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {completed.stderr}")
    return completed.stdout.strip()


def minutes_for(d: date, extra: str = "") -> str:
    """A small minutes text for meeting ``d``."""
    return f"# OSG Technology Area Meeting, {d.day} {d:%B %Y}\n\n## Announcements\n\n-   Nothing{extra}\n"


@dataclass(frozen=True)
class RepoState:
    """Everything a failed publish must leave untouched."""

    head: str
    status: str
    index: str
    files: dict[str, bytes]


@dataclass
class MinutesRepo:
    """A temporary minutes repository and helpers to inspect it."""

    path: Path

    @property
    def config(self) -> MinutesRepoConfig:
        """The osgtui settings pointing at this repository."""
        return MinutesRepoConfig(path=str(self.path))

    def git(self, *args: str, check: bool = True) -> str:
        """Run git here."""
        return run(self.path, *args, check=check)

    def write(self, rel: str, text: str | bytes) -> Path:
        """Write a file (bytes as given) creating its directories."""
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return target

    def commit(self, message: str, *files: tuple[str, str | bytes]) -> str:
        """Write and commit files as another team member would; returns the commit hash."""
        for rel, text in files:
            self.write(rel, text)
            self.git("add", "--", rel)
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")

    def read(self, rel: str) -> bytes:
        """A file's bytes."""
        return (self.path / rel).read_bytes()

    def head(self) -> str:
        """The HEAD commit hash."""
        return self.git("rev-parse", "HEAD")

    def state(self) -> RepoState:
        """HEAD, ``git status --porcelain``, the index and every file's bytes."""
        files = {
            p.relative_to(self.path).as_posix(): p.read_bytes()
            for p in sorted(self.path.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(self.path).parts
        }
        dirs = sorted(
            p.relative_to(self.path).as_posix() + "/"
            for p in self.path.rglob("*")
            if p.is_dir() and ".git" not in p.relative_to(self.path).parts
        )
        files.update(dict.fromkeys(dirs, b"<dir>"))
        return RepoState(
            self.git("rev-parse", "HEAD"),
            self.git("status", "--porcelain", "--untracked-files=all"),
            self.git("ls-files", "--stage"),
            files,
        )


def init_repo(path: Path, identity: bool = True) -> MinutesRepo:
    """``git init -b main`` at ``path`` with a local identity (unless told not to)."""
    path.mkdir(parents=True, exist_ok=True)
    run(path, "init", "-q", "-b", "main")
    if identity:
        run(path, "config", "user.name", "Note Taker")
        run(path, "config", "user.email", "notes@example.org")
    return MinutesRepo(path)
