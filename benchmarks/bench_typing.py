"""Benchmark: fast typing into the console in a real terminal on a busy machine; does every line land?

The console runs in tmux (160x48) on a database holding the archive up to the
2019-06-10 draft (the corpus in ../shared; without it, a small meeting written
here). Beside it run two CPU-bound processes and a loop of synced disk writes
(benchlib.MachineLoad, each ending by itself). Keys are sent as a fast
note-taker types them, without watching the screen:

- ``]`` to the first section, ``o``, then LINES lines of 80–110 characters
  (bullets and ``AI (Owner): text`` lines, full of letters that are commands
  outside the editor), each closed by Enter, which opens the next bullet;
  every eighth line is closed by Esc and the next opened with ``o`` instead,
  sent together (the same bytes as Alt+o);
- the first characters of a line are sent FIRST_KEY seconds after ``o`` or
  Enter, then the line in bursts of BURST characters every 30 ms.

After the last line: Esc, then the meeting is exported with ``osgtui export``
once the console has saved. Counted per run: lines that landed exactly once
(as typed, in order), stray lines (any other new line: fragments, doubles),
lines of the meeting lost, and whether the console is still running. Also
printed: the typing rate sent, and the time from the last key until the last
line is on screen (capture-pane), which is what the note-taker waits for.

Run: .venv/bin/python benchmarks/bench_typing.py [--runs 5] [--idle]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from benchlib import CORPUS, MachineLoad  # noqa: E402

LINES = 24
FIRST_KEY = 0.05
BURST = 6
BURST_GAP = 0.03
DAY = "2019-06-10"
SOCKET = f"osgtui-bench-{os.getpid()}"
OSGTUI = str(Path(sys.executable).with_name("osgtui"))
SEED = CORPUS.parent / "seed" / "TechArea20190610-draft.md"

FALLBACK = """\
# OSG Technology Area Meeting, 10 June 2019

**Coordinates:** Conference: 719-284-5267, PIN: 57363
**Attending:**


## Announcements

-   Nothing yet


## OSG Software Team

-   Topic one
"""

WORDS = ("install the updated xrootd packages on the itb hosts before Tuesday and ask Tim about it "
         "review HTCondor-CE routes for the Derek cluster audit then email the admins with results "
         "Ops team asks if the GlideinWMS factory entries are still valid after the OSG 3.5 migration "
         "investigate token auth errors in the Frontier squid monitoring dashboard and open a ticket "
         "draft release notes for VO package v93 including the igtf ca certs and the vault update").split()
OWNERS = ("BrianL", "Mat", "Derek", "TimT", "Carl", "BrianL, Mat")


def tmux(*args: str) -> str:
    """Run a tmux command on the benchmark's own server; its stdout."""
    done = subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True)
    return done.stdout


def screen() -> str:
    """What the terminal shows now."""
    return tmux("capture-pane", "-p", "-t", "bench")


SCROLLBAR = str.maketrans("", "", "▁▂▃▄▅▆▇█▔")


def shows(text: str) -> bool:
    """Whether ``text`` is in the document pane, also when it wraps over rows (read within the pane's border)."""
    rows = screen().splitlines()
    top = next((row for row in rows if row.count("╭") >= 1), "")
    boxes = [i for i, char in enumerate(top) if char == "╭"]
    if not boxes:
        return text in "\n".join(rows)
    start = boxes[-1]  # the document's box: the last one on its top row (the outline's is before it)
    end = top.find("╮", start)
    column = [row[start + 1:end].translate(SCROLLBAR) for row in rows]
    return " ".join(text.split()) in " ".join(" ".join(column).split())


def alive() -> bool:
    """Whether the console's process still runs in the pane."""
    return tmux("display-message", "-p", "-t", "bench", "#{pane_dead}").strip() == "0"


def wait_until(condition, timeout: float = 60.0) -> float | None:  # noqa: ANN001
    """Poll ``condition`` every 10 ms; seconds it took, or None when it never held."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if condition():
            return time.perf_counter() - start
        time.sleep(0.01)
    return None


def make_lines(rng: random.Random) -> list[str]:
    """LINES lines of 80–110 characters; every third one an action item."""
    lines: list[str] = []
    for n in range(LINES):
        target = rng.randint(80, 110) - 3  # then " NN": every line is unique
        text = f"AI ({rng.choice(OWNERS)}): " if n % 3 == 1 else ""
        while len(text) < target:
            text += rng.choice(WORDS) + " "
        lines.append(f"{text[:target].rstrip()} {n + 1:02d}")
    return lines


def setup(work: Path) -> tuple[Path, str]:
    """A database with the history and the draft; returns it and the draft's exported text."""
    db = work / "template.db"
    env = console_env(work)
    history = sorted(p for p in CORPUS.glob("*/TechArea*.md") if p.name < "TechArea20190610.md")
    draft = work / "TechArea20190610.md"
    draft.write_text(SEED.read_text(encoding="utf-8") if SEED.exists() else FALLBACK, encoding="utf-8")
    for files in ([str(p) for p in history], [str(draft)]):
        if files:
            subprocess.run([OSGTUI, "--db", str(db), "import", *files], env=env, check=True,
                           stdout=subprocess.DEVNULL)
    return db, export(db, env)


def console_env(work: Path) -> dict[str, str]:
    home = work / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("OSGTUI_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"))
    return env


def export(db: Path, env: dict[str, str]) -> str:
    done = subprocess.run([OSGTUI, "--db", str(db), "export", DAY], env=env, capture_output=True, text=True,
                          check=True)
    return done.stdout


def send_line(text: str, rng: random.Random) -> None:
    """A line as a fast typist types it: bursts of characters 30 ms apart."""
    for start in range(0, len(text), BURST):
        tmux("send-keys", "-t", "bench", "-l", "--", text[start:start + BURST])
        time.sleep(BURST_GAP * rng.uniform(0.5, 1.0))


def one_run(seed: int, work: Path, template: Path, base: str) -> dict[str, object]:
    """Start the console on a fresh copy of the database, type, export, count."""
    rng = random.Random(seed)
    db = work / "osgtui.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, db)
    env = console_env(work)
    command = " ".join([
        "env", *(f"{k}={v}" for k, v in env.items() if k in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME")),
        "TERM=xterm-256color", OSGTUI, "--db", str(db), "open", DAY,
    ])
    tmux("new-session", "-d", "-s", "bench", "-x", "160", "-y", "48", command, ";",
         "set-option", "-t", "bench", "remain-on-exit", "on")
    try:
        if wait_until(lambda: "OSG Technology Area Meeting" in screen()) is None:
            return {"landed": 0, "stray": 0, "lost": 0, "alive": alive(), "error": "the meeting never showed"}
        lines = make_lines(rng)
        sent = 0
        start = time.perf_counter()
        tmux("send-keys", "-t", "bench", "]", "o")
        for n, text in enumerate(lines):
            time.sleep(FIRST_KEY * rng.uniform(0.5, 1.5))
            send_line(text, rng)
            sent += len(text)
            if n == len(lines) - 1:
                tmux("send-keys", "-t", "bench", "Escape")
            elif n % 8 == 7:
                tmux("send-keys", "-t", "bench", "Escape", "o")  # together: the terminal's hardest case
            else:
                tmux("send-keys", "-t", "bench", "Enter")
        typing = time.perf_counter() - start
        tail = lines[-1][-40:]
        shown = wait_until(lambda: shows(tail) or not alive())
        saved = wait_until(lambda: lines[-1] in export(db, env) or not alive())
        text = export(db, env)
        return {**count(base, text, lines), "alive": alive(), "rate": sent / typing,
                "shown": shown if shown is not None else float("nan"), "saved": saved is not None}
    finally:
        tmux("send-keys", "-t", "bench", "q")
        wait_until(lambda: not alive(), timeout=10)
        tmux("kill-server")


def count(base: str, text: str, lines: list[str]) -> dict[str, int]:
    """Lines landed exactly once (in order), stray new lines, and lines of the meeting lost."""
    before, after = Counter(base.splitlines()), Counter(text.splitlines())
    new = after - before
    lost = sum((before - after).values())
    # new blank lines are the list's layout (a gap before a heading), not content
    bodies = [line.strip().removeprefix("-   ").removeprefix("* ") for line in new.elements() if line.strip()]
    wanted = Counter(lines)
    found = Counter(bodies)
    landed = sum(1 for line in lines if found[line] == 1)
    if os.environ.get("BENCH_SHOW"):  # BENCH_SHOW=1: print the stray lines
        for body in bodies:
            if body not in wanted or found[body] > 1:
                print(f"  stray: {body!r}")
    stray = sum(n for body, n in found.items() if body not in wanted) + sum(
        n - 1 for body, n in found.items() if body in wanted and n > 1)
    order = [b for b in text.splitlines() if b.strip().removeprefix("-   ") in wanted]
    in_order = [b.strip().removeprefix("-   ") for b in order] == lines
    return {"landed": landed, "stray": stray, "lost": lost, "in_order": int(in_order)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", action="store_true", help="no load beside the console")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed; nothing to measure")
        return 1
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        template, base = setup(work)
        with contextlib.nullcontext() if args.idle else MachineLoad(work, seconds=120.0 * args.runs + 60):
            print(f"{'idle' if args.idle else 'under load (2 CPU burners + synced writes)'}; "
                  f"{LINES} lines per run, first key {FIRST_KEY * 1000:.0f} ms after o/Enter, "
                  f"{BURST}-character bursts every {BURST_GAP * 1000:.0f} ms")
            print("run  landed  stray  lost  order  alive  chars/s sent  last line on screen (s)")
            for run in range(args.runs):
                shutil.rmtree(work / "home", ignore_errors=True)
                r = one_run(run, work, template, base)
                results.append(r)
                print(f"{run + 1:>3}  {r['landed']:>3}/{LINES}  {r['stray']:>5}  {r['lost']:>4}  "
                      f"{'yes' if r.get('in_order') else 'no':>5}  {'yes' if r['alive'] else 'NO':>5}  "
                      f"{r.get('rate', 0):>12.0f}  {r.get('shown', float('nan')):>8.2f}  {r.get('error', '')}")
    perfect = sum(1 for r in results if r["landed"] == LINES and not r["stray"] and not r["lost"] and r["alive"])
    print(f"runs with {LINES}/{LINES} lines, 0 stray, 0 lost, console alive: {perfect}/{len(results)}")
    return 0 if perfect == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
