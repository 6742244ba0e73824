"""Megabyte-long lines of every kind import: no regular expression backtracks super-linearly.

Each file is imported by ``osgtui import`` in a child process with a generous deadline
(a regular expression that is quadratic on a 1 MB line would run for hours, and Python's
``re`` holds the interpreter lock, so only a separate process can be stopped). Nothing is
timed: the test asserts that the import finished and what it did.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from .faults import one_error_line, run_osgtui

MB = 1_000_000
DEADLINE = 300  # seconds; the whole file takes about one on the development machine
TITLE = "# OSG Technology Area Meeting, 10 June 2019\n\n"


def noise(seed: int, alphabet: str = string.ascii_letters + string.digits + string.punctuation) -> str:
    """One megabyte of letters, digits and punctuation (no blanks), the same on every run."""
    rnd = random.Random(seed)
    return "".join(rnd.choices(alphabet, k=MB))


def words(seed: int) -> str:
    """One megabyte of such characters in words separated by single blanks."""
    rnd = random.Random(seed)
    text = noise(seed)
    cut = sorted(rnd.sample(range(1, MB - 1), MB // 8))
    pieces = [text[a:b] for a, b in zip([0, *cut], [*cut, MB])]
    return " ".join(p.replace(" ", "") for p in pieces)[:MB]


LETTERS, DIGITS, BLANKS = "a" * MB, "7" * MB, " " * MB
CASES = {
    "title-letters-date": f"# OSG {LETTERS} 10 June 2019\n\n-   x\n",
    "title-noise": f"# {noise(1)}, 10 June 2019\n",
    "title-blanks": f"# OSG Technology Area Meeting, 10 June 2019 a{BLANKS}x\n",
    "headings": TITLE + f"## {noise(2)}\n\n### {words(3)}\n\n## a{BLANKS}x\n\n### {LETTERS}\n",
    "bullets": TITLE + f"## S\n\n-   {noise(4)}\n    -   {words(5)}\n    {noise(6)}\n-   {DIGITS}\n",
    "tables": TITLE + f"### JIRA\n\n| {noise(7)} | &Delta; | State |\n|---|---|---|\n| {noise(8)} | {DIGITS} | Open |\n"
    f"\n| a | b |\n|{'-' * MB}|\n",
    "action-items": TITLE + f"## S\n\n-   AI ({noise(9)}): {noise(10)}\n-   AI (Mat): {words(11)}\n"
    f"-   {noise(12)} AI: x\n-   AI ({LETTERS}\n",
    "release": TITLE + f"## Release\n\n-   Ready for Testing {DIGITS}\n    -   {DIGITS}.x\n    -   {noise(13)}\n",
    "header-and-triage": f"# OSG Technology Area Meeting, 10 June 2019\n\n**Coordinates:** {noise(14)}\n"
    f"**Attending:** {'<!--' * (MB // 4)}\n\n### Triage Duty\n\n-   This week: {noise(15)}\n-   1 (+0) {noise(16)}\n",
}


@pytest.mark.parametrize("kind", list(CASES))
def test_megabyte_lines_import(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "TechArea20190610.md"
    path.write_text(CASES[kind], encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text("[import]\nmax_file_mb = 20\n", encoding="utf-8")
    result = run_osgtui(
        "--config", str(config), "--db", str(tmp_path / "m.db"), "import", str(path), home=tmp_path, timeout=DEADLINE
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("imported 2019-06-10"), result.stdout[-2000:]


def test_a_megabyte_title_without_a_date_is_one_short_error(tmp_path: Path) -> None:
    path = tmp_path / "minutes.md"
    path.write_text(f"# {LETTERS}\n\n-   x\n", encoding="utf-8")
    result = run_osgtui("--db", str(tmp_path / "m.db"), "import", str(path), home=tmp_path, timeout=DEADLINE)
    assert result.returncode == 1
    line = one_error_line(result.stderr)
    assert line.startswith(f"osgtui: error: {path}: no meeting date") and len(line) < 400
