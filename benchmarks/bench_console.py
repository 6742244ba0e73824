"""Benchmark of the console as a user sees it: start-up, memory and key → repaint in a real terminal.

Everything runs in tmux 160x48 (a private server watched through one control-mode
client: benchlib.TmuxTerminal). Each figure is a ratio to a minimal Textual app
(Header, Static, Footer; ``x`` updates the Static) measured in the same run,
alternating with osgtui so that both see the same machine; milliseconds are
context only. Times run from just before tmux is told to start the process (or
send the key) to the %output notification that brought the awaited screen (the
screen is read after each batch of output).

Databases: ../shared/corpus/minutes imported into a temporary one, and a
synthetic archive of ``--meetings`` meetings (bench_history's builder: the corpus
cycled week after week). osgtui opens the largest meeting (``python -m osgtui
--db DB open DATE``: 2017-06-05 in the corpus, its latest copy in the archive),
with an empty config file and HOME/XDG dirs in the temp dir. ``python -m
compileall -q osgtui`` runs first: pip compiles the bytecode at install, but with
PYTHONDONTWRITEBYTECODE the editable dev install would compile every module again
at each start.

1. start-up, median of RUNS rounds (minimal app, then osgtui on each database,
   each quit with ctrl+q): first frame (a capture not blank); meeting text
   visible (the first bullet's text in the document pane); side panes filled (the
   triage duty row in the Triage tab). Baseline: the minimal app's first frame.
2. memory: VmRSS of osgtui once the side panes are filled, and after showing every
   side pane (2 3 4 5 6, then 1), over the minimal app's after its first frame.
3. key → repaint, osgtui (largest corpus meeting) and the minimal app both
   running, BLOCK presses of one then BLOCK of the other, PRESSES each: ``o`` (the
   row ``• ▏``, Esc removes it); a character typed in the line editor (the row
   shows the text so far); Enter in the action item dialog (the item's row in the
   document, ``u`` undoes it); ``4`` / ``2`` (the action items' header / the triage
   table); ``]`` / ``[`` between two middle headings (the heading becomes the
   document's first row). Baseline: the minimal app's key → new text.
4. ``--load``: all of it beside benchlib.MachineLoad (two CPU burners, synced writes).

Run: .venv/bin/python benchmarks/bench_console.py [--load] [--meetings N] [--skip-synthetic]
(needs tmux and ../shared/corpus; informational: exit 0)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from benchlib import MachineLoad, TmuxTerminal, corpus_files, document_pane  # noqa: E402

RUNS = 7
PRESSES = 30
BLOCK = 10
SIZE = (160, 48)
TYPED = "abcdefghijklmnopqrstuvwxyz0123456789"
AI_TEXT = "Mat, BrianL: benchmark the console {:03d}"
AI_ROW = "• AI (Mat, BrianL): benchmark the console {:03d}"

MINIMAL_APP = '''\
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    BINDINGS = [("x", "press('x')", "Press")]
    presses = 0

    def compose(self):
        yield from (Header(), Static("hello", id="out"), Footer())

    def action_press(self, key):
        self.presses += 1
        self.query_one("#out", Static).update(f"pressed {key} {self.presses}")

Minimal().run()
'''

Predicate = Callable[[str], bool]


def document(screen: str) -> list[str]:
    return document_pane(screen)[0]


def in_document(text: str) -> Predicate:
    """The text in the document pane, also when it wraps over rows."""
    wanted = " ".join(text.split())
    return lambda screen: wanted in " ".join(" ".join(document(screen)).split())


def doc_line(text: str, prefix: bool = False) -> Predicate:
    """Some row of the document pane (else of the screen) is ``text`` (or starts with it: a toast may cover the end)."""
    def shown(screen: str) -> bool:
        rows = [row.strip() for row in document(screen) or screen.splitlines()]
        return any(row.startswith(text) if prefix else row == text for row in rows)
    return shown


def in_side(pattern: str) -> Predicate:
    """``pattern`` right of the document pane (in the side panes)."""
    regex = re.compile(pattern)
    return lambda screen: regex.search("\n".join(document_pane(screen)[1])) is not None


def heading_on_top(level: int, title: str) -> Predicate:
    wanted = f"{'#' * level} {title}"
    return lambda screen: (document(screen) or [""])[0].strip() == wanted


def negate(predicate: Predicate) -> Predicate:
    return lambda screen: not predicate(screen)


NEW_BULLET = doc_line("• ▏")
DIALOG: Predicate = lambda screen: "New action item" in screen  # noqa: E731
PANES = {"2": in_side(r"Triage\s+Value"), "3": in_side(r"# of tickets\s+Δ"),
         "4": in_side(r"Age\s+Owners\s+Action item"), "5": in_side(r"Space: toggle"),
         "6": in_side(r"## Announcements")}


@dataclass
class Target:
    """A database, its largest meeting, and what the screen shows once that meeting is up."""

    name: str
    db: Path
    day: date
    body: str  # the first bullet's first 30 characters
    duty: str  # regex for the side pane's triage row
    sections: list[tuple[int, str]]


def target(name: str, db: Path) -> Target:
    """The largest meeting of ``db`` (most blocks; the latest of equals) and its screen predicates."""
    from osgtui.store.database import Store

    store = Store.open(db)
    sql = store.conn.execute
    day, mid = sql("SELECT m.date, m.id FROM meetings m JOIN blocks b ON b.meeting_id = m.id "
                   "GROUP BY m.id ORDER BY count(*) DESC, m.date DESC LIMIT 1").fetchone()
    body = sql("SELECT text FROM blocks WHERE meeting_id = ? AND kind = 'bullet' ORDER BY position", (mid,)).fetchone()
    duty = sql("SELECT this_week FROM triage WHERE meeting_id = ?", (mid,)).fetchone()
    sections = sql("SELECT level, title FROM sections WHERE meeting_id = ? ORDER BY position", (mid,)).fetchall()
    store.close()
    return Target(name, db, date.fromisoformat(day), body[0][:30],
                  rf"This week\s{{2,}}{re.escape(duty[0])}" if duty and duty[0] else r"Triage\s+Value",
                  [tuple(s) for s in sections])


def wait(term: TmuxTerminal, predicate: Predicate, since: float, what: str, timeout: float = 10) -> float:
    """ms from ``since`` until ``predicate`` holds (RuntimeError, with the screen, when it never does)."""
    try:
        return term.wait_for(predicate, since, timeout) * 1000
    except TimeoutError as exc:
        raise RuntimeError(f"{what}: {exc}") from None


def start_console(term: TmuxTerminal, t: Target, env: dict[str, str]) -> dict[str, float]:
    """Start osgtui on ``t``; ms to the first frame, the meeting text, the side panes filled; RSS then."""
    start = term.run([sys.executable, "-m", "osgtui", "--db", str(t.db), "open", t.day.isoformat()], env, REPO)
    try:
        times = term.wait_all([lambda s: s.strip() != "", in_document(t.body), in_side(t.duty)], start, 60)
    except TimeoutError as exc:
        raise RuntimeError(f"osgtui start-up (text {t.body!r}, side {t.duty!r}): {exc}") from None
    out = dict(zip(("frame", "text", "panes"), (s * 1000 for s in times)))
    term.quiet(0.3)
    return {**out, "rss": term.rss_kib()}


def start_minimal(term: TmuxTerminal, script: Path, env: dict[str, str]) -> dict[str, float]:
    start = term.run([sys.executable, str(script)], env, REPO)
    try:
        out = dict(zip(("frame", "hello"), (s * 1000 for s in term.wait_all(
            [lambda s: s.strip() != "", lambda s: "hello" in s], start, 60))))
    except TimeoutError as exc:
        raise RuntimeError(f"minimal app start-up: {exc}") from None
    term.quiet(0.3)
    return {**out, "rss": term.rss_kib()}


def visit_panes(term: TmuxTerminal) -> float:
    """Show every side pane (2 3 4 5 6, then 1 for the document); the RSS after (KiB)."""
    for key, shown in PANES.items():
        wait(term, shown, term.send_keys(key), f"pane {key}")
    term.send_keys("1")
    term.quiet(0.3)
    return term.rss_kib()


def quit_app(term: TmuxTerminal, what: str) -> None:
    if not term.stop():
        print(f"  {what} did not quit on ctrl+q within 10 s: killed")


def startup(term: TmuxTerminal, targets: list[Target], script: Path, env: dict[str, str],
            runs: int) -> dict[str, dict[str, list[float]]]:
    """RUNS rounds of: the minimal app, then osgtui on each database; each quit before the next starts."""
    res: dict[str, dict[str, list[float]]] = {"minimal": {}, **{t.name: {} for t in targets}}
    start_minimal(term, script, env)  # warm-up, not counted (the first open of a database does one-off work)
    quit_app(term, "the minimal app")
    for t in targets:
        start_console(term, t, env)
        quit_app(term, "osgtui")
    for _ in range(runs):
        figures = {"minimal": start_minimal(term, script, env)}
        quit_app(term, "the minimal app")
        for t in targets:
            figures[t.name] = {**start_console(term, t, env), "visited_rss": visit_panes(term)}
            quit_app(term, "osgtui")
        for name, values in figures.items():
            for key, value in values.items():
                res[name].setdefault(key, []).append(value)
    return res


class Keys:
    """Key → repaint on a running osgtui (``con``) and the minimal app (``base``), in alternating blocks."""

    CASES = ("section", "bullet", "char", "action", "pane")

    def __init__(self, con: TmuxTerminal, base: TmuxTerminal, t: Target, env: dict[str, str], presses: int) -> None:
        self.con, self.base, self.t, self.env, self.presses = con, base, t, env, presses
        self.mid = max(0, len(t.sections) // 2 - 1)
        self.res: dict[str, list[float]] = {}
        self.errors: dict[str, str] = {}
        self.base_presses = 0

    def press(self, term: TmuxTerminal, key: str, shown: Predicate, what: str, literal: bool = False) -> float:
        """ms from the key to ``shown`` (which must not hold before it)."""
        if shown(term.screen()):
            raise RuntimeError(f"{what}: the screen shows it before the key")
        return wait(term, shown, term.send_keys(key, literal=literal), what)

    def measure(self, case: str, one: Callable[[int], float]) -> None:
        """PRESSES of ``one(i)``, BLOCK at a time, each block followed by as many minimal-app presses."""
        for first in range(0, self.presses, BLOCK):
            n = min(BLOCK, self.presses - first)
            for i in range(first, first + n):
                self.res.setdefault(case, []).append(one(i))
                self.con.quiet(0.1, timeout=1)
            for _ in range(n):
                self.base_presses += 1
                shown = doc_line(f"pressed x {self.base_presses}")
                self.res.setdefault(f"{case}:base", []).append(self.press(self.base, "x", shown, "minimal x"))
                self.base.quiet(0.1, timeout=1)

    def goto(self, index: int) -> None:
        """Cursor on section ``index``, scrolled to the document's top row: Home, then ] presses."""
        self.con.send_keys("Home")
        self.con.quiet(0.2)
        for s in range(index + 1):
            wait(self.con, heading_on_top(*self.t.sections[s]), self.con.send_keys("]"), "goto section")
        self.con.quiet(0.2)

    def run(self) -> dict[str, list[float]]:
        """Each case in turn; a case that fails is left out (its error in ``self.errors``), the rest go on."""
        for case in self.CASES:
            try:
                getattr(self, f"case_{case}")(self.con)
            except RuntimeError as exc:
                self.errors[case] = str(exc).splitlines()[0][:200].rstrip(":")
                print(f"{case} failed: {exc}", file=sys.stderr)
                self.res.pop(case, None)
                self.res.pop(f"{case}:base", None)
                if self.con.pane("#{pane_dead}") == "1":
                    start_console(self.con, self.t, self.env)
                for key in ("Escape", "Escape", "1"):
                    self.con.send_keys(key)
                    self.con.quiet(0.2)
        return self.res

    def case_section(self, con: TmuxTerminal) -> None:
        self.goto(self.mid)
        jumps = [(key, heading_on_top(*self.t.sections[n])) for key, n in (("]", self.mid + 1), ("[", self.mid))]
        self.measure("section", lambda i: self.press(con, *jumps[i % 2], "section jump"))

    def case_bullet(self, con: TmuxTerminal) -> None:
        def bullet(i: int) -> float:
            ms = self.press(con, "o", NEW_BULLET, "o")
            wait(con, negate(NEW_BULLET), con.send_keys("Escape"), "Esc removes the empty bullet")
            return ms
        self.goto(self.mid)
        self.measure("bullet", bullet)

    def case_char(self, con: TmuxTerminal) -> None:
        wait(con, NEW_BULLET, con.send_keys("o"), "o before typing")
        con.quiet(0.2)
        typed = (TYPED * 2)[:self.presses]  # one row: up to 72 characters
        self.measure("char", lambda i: self.press(con, typed[i], doc_line(f"• {typed[:i + 1]}"), "typed character",
                                                  literal=True))
        wait(con, doc_line(f"• {typed}"), con.send_keys("Escape"), "Esc keeps the typed bullet")
        wait(con, negate(doc_line(f"• {typed}")), con.send_keys("u"), "u removes the typed bullet")

    def case_action(self, con: TmuxTerminal) -> None:
        def action(i: int) -> float:
            row = doc_line(AI_ROW.format(i), prefix=True)
            self.goto(self.mid)  # u leaves the cursor further down: start each press from the same place
            wait(con, DIALOG, con.send_keys("i"), "i opens the dialog")
            wait(con, lambda s: "→ AI (Mat, BrianL): benchmark" in s and f"console {i:03d}" in s,
                 con.send_keys(AI_TEXT.format(i), literal=True), "the dialog shows the item")
            con.quiet(0.1, timeout=1)
            ms = self.press(con, "Enter", lambda s: row(s) and not DIALOG(s), "Enter on an action item")
            wait(con, negate(row), con.send_keys("u"), "u removes the action item")
            return ms
        self.measure("action", action)

    def case_pane(self, con: TmuxTerminal) -> None:
        switches = [("4", PANES["4"]), ("2", PANES["2"])]
        self.measure("pane", lambda i: self.press(con, *switches[i % 2], "pane switch"))
        con.send_keys("1")


def environment(work: Path) -> dict[str, str]:
    """No OSGTUI_*/TEXTUAL* from outside, an empty config file, HOME and XDG dirs in ``work``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OSGTUI_", "TEXTUAL"))}
    home = work / "home"
    for sub in ("config", "data", "cache", "state"):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[f"XDG_{sub.upper()}_HOME"] = str(home / sub)
    (work / "config.toml").write_text("")
    return {**env, "HOME": str(home), "OSGTUI_CONFIG": str(work / "config.toml"), "TERM": "tmux-256color"}


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95 + 0.5) - 1)]


def report(start: dict[str, dict[str, list[float]]], targets: list[Target], keys: Keys) -> None:
    med = {name: {k: statistics.median(v) for k, v in figs.items()} for name, figs in start.items()}
    base = med["minimal"]
    rows = [("start-up: minimal app's first frame", f"{base['frame']:.0f} ms", "")]
    startup_rows = (("osgtui first frame / minimal", "frame", "frame", "recorded"),
                    ("meeting text visible / minimal first frame", "text", "frame", "≤ 1.3"),
                    ("side panes filled / minimal first frame", "panes", "frame", "recorded"),
                    ("RSS, side panes filled / minimal", "rss", "rss", "≤ 1.5"),
                    ("RSS, every side pane shown / minimal", "visited_rss", "rss", "≤ 1.5"))
    for t in targets:
        o = med[t.name]
        rows += [(f"[{t.name}] {label}", f"{o[key] / base[unit]:.2f}",
                  f"{goal}  ({o[key] / 1024:.0f} / {base[unit] / 1024:.0f} MiB)" if unit == "rss"
                  else f"{goal}  ({o[key]:.0f} ms)") for label, key, unit, goal in startup_rows]
    every = [v for k, vals in keys.res.items() if k.endswith(":base") for v in vals]
    if every:
        rows.append((f"key → update: minimal app, {len(every)} presses", f"{statistics.median(every):.1f} ms",
                     f"(p95 {p95(every):.1f} ms)"))
    for case, label, goal in (("bullet", "o → empty bullet in the editor", "≤ 3"),
                              ("char", "a typed character shown", "≤ 1.5"),
                              ("action", "Enter → action item in the document", "≤ 3"),
                              ("pane", "pane switch (4 / 2)", "≤ 3"), ("section", "section jump (] / [)", "≤ 3")):
        if case in keys.errors:
            rows.append((label, "failed", keys.errors[case]))
            continue
        ms, b = statistics.median(keys.res[case]), statistics.median(keys.res[f"{case}:base"])
        rows.append((f"{label} / minimal", f"{ms / b:.2f}",
                     f"{goal}  (median {ms:.1f}, p95 {p95(keys.res[case]):.1f} ms; minimal {b:.1f} ms)"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure (median; ratios to the minimal app)':<{width}}  {'figure':>7}  target (context)")
    for name, figure, goal in rows:
        print(f"{name:<{width}}  {figure:>7}  {goal}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load", action="store_true", help="two CPU burners and synced writes beside it")
    parser.add_argument("--meetings", type=int, default=10000, help="meetings in the synthetic archive")
    parser.add_argument("--skip-synthetic", action="store_true", help="only the corpus database")
    parser.add_argument("--runs", type=int, default=RUNS, help="start-ups of each app")
    parser.add_argument("--presses", type=int, default=PRESSES, help="presses of each key")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed; nothing to measure")
        return 0
    files = corpus_files()
    if not files:
        return 0
    from osgtui.history.importer import import_meetings, read_files
    from osgtui.store.database import Store

    subprocess.run([sys.executable, "-m", "compileall", "-q", "osgtui"], cwd=REPO, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = environment(work)
        script = work / "minimal_app.py"
        script.write_text(MINIMAL_APP)
        store = Store.open(work / "corpus.db")
        meetings, failures = read_files(files)
        result = import_meetings(store, meetings)
        store.close()
        print(f"corpus: {len(result.imported)} meetings imported ({len(failures) + len(result.failures)} refused)")
        targets = [target("corpus", work / "corpus.db")]
        if not args.skip_synthetic:
            from bench_history import build_synthetic

            rate = build_synthetic(work / "synthetic.db", files, args.meetings)
            print(f"synthetic archive: {args.meetings} meetings (built at {rate:.0f} meetings/s)")
            targets.append(target(f"{args.meetings} meetings", work / "synthetic.db"))
        for t in targets:
            print(f"[{t.name}] opens {t.day}; text {t.body!r}; side panes {t.duty!r}")
        print("under load (2 CPU burners + synced writes)" if args.load else "idle")
        with MachineLoad(work, seconds=3600.0) if args.load else contextlib.nullcontext():
            with TmuxTerminal(work, *SIZE) as term:
                start = startup(term, targets, script, env, args.runs)
            shutil.copy(targets[0].db, work / "keys.db")
            with TmuxTerminal(work, *SIZE) as con, TmuxTerminal(work, *SIZE) as base:
                keys = Keys(con, base, target("keys", work / "keys.db"), env, args.presses)
                start_console(con, keys.t, env)
                start_minimal(base, script, env)
                keys.run()
                quit_app(con, "osgtui")
                quit_app(base, "the minimal app")
    report(start, targets, keys)
    return 0


if __name__ == "__main__":
    sys.exit(main())
