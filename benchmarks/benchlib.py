"""Shared by the benchmarks: the corpus, probes of repaints and saves, a busy machine, a real terminal (tmux)."""

from __future__ import annotations

import os
import shlex
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "minutes"


def corpus_files() -> list[str]:
    """The archived minutes files, oldest first; prints why and returns [] when the corpus is absent."""
    files = sorted(str(p) for p in CORPUS.glob("*/TechArea*.md"))
    if not files:
        print(f"corpus not found at {CORPUS}; nothing to measure")
    return files


def instrument(app: Any, store: Any) -> tuple[list[float], list[float]]:
    """Wrap ``app._display`` and ``store.save_meeting``; return the lists their times go into."""
    updates: list[float] = []
    saved: list[float] = []
    display = app._display
    save = store.save_meeting

    def spy(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            updates.append(time.perf_counter())
        display(screen, renderable)

    def saving(meeting: Any, **kwargs: Any) -> None:
        save(meeting, **kwargs)
        saved.append(time.perf_counter())

    app._display = spy
    store.save_meeting = saving
    return updates, saved


_BURN = "import sys, time\nend = time.monotonic() + float(sys.argv[1])\nwhile time.monotonic() < end:\n    pass\n"
_SYNC = (
    "import os, sys, time\n"
    "end = time.monotonic() + float(sys.argv[2])\n"
    "block = os.urandom(65536)\n"
    "with open(sys.argv[1], 'wb') as f:\n"
    "    while time.monotonic() < end:\n"
    "        f.seek(0)\n"
    "        f.write(block)\n"
    "        f.flush()\n"
    "        os.fsync(f.fileno())\n"
)


class MachineLoad:
    """A busy laptop: two CPU-bound processes and a loop of synced disk writes.

    Each process ends by itself after ``seconds`` (so a killed benchmark leaves
    nothing running for long); leaving the ``with`` block ends them at once.
    """

    def __init__(self, workdir: Path, seconds: float = 300.0) -> None:
        self.workdir = workdir
        self.seconds = seconds
        self.procs: list[Any] = []

    def __enter__(self) -> MachineLoad:
        import subprocess
        import sys

        limit = str(self.seconds)
        self.procs = [subprocess.Popen([sys.executable, "-c", _BURN, limit]) for _ in range(2)]
        self.procs.append(subprocess.Popen([sys.executable, "-c", _SYNC, str(self.workdir / "load.bin"), limit]))
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            proc.wait()


SCROLLBAR = str.maketrans("", "", "▁▂▃▄▅▆▇█▔")


def document_pane(screen: str) -> tuple[list[str], list[str]]:
    """Split a console screen at its widest box (the document pane): (the rows inside it, scrollbar removed;
    what is right of it on every row of the screen, the side panes); ([], []) when there is no box."""
    rows, best = screen.splitlines(), None
    for r, row in enumerate(rows):
        for left in (i for i, ch in enumerate(row) if ch == "╭"):
            right = row.find("╮", left)
            if right > 0 and (best is None or right - left > best[3] - best[2]):
                bottom = next((b for b in range(r + 1, len(rows)) if rows[b][left:left + 1] == "╰"), len(rows))
                best = (r, bottom, left, right)
    if best is None:
        return [], []
    top, bottom, left, right = best
    return [row[left + 1:right].translate(SCROLLBAR) for row in rows[top + 1:bottom]], [row[right + 1:] for row in rows]


class TmuxTerminal:
    """A real terminal for the benchmarks: a private tmux server watched through ONE control-mode client.

    ``tmux -C`` reports every write of the pane's process as a ``%output`` line;
    a reader thread stamps each with ``time.perf_counter()`` and wakes
    ``wait_for``, which then asks for the screen (``capture-pane -p`` sent on the
    same client: no process spawned per look, so no fork/exec stealing CPU from
    the app measured). Replies to commands come back as ``%begin … %end`` (or
    ``%error``) blocks, in the order the commands were sent; one command is in
    flight at a time. The window keeps its size (``window-size manual``).
    Use as a context manager: the server is killed on the way out.
    """

    def __init__(self, workdir: Path, width: int = 160, height: int = 48) -> None:
        self.workdir = workdir
        self.size = (width, height)
        self.socket = f"osgtui-bench-{os.getpid()}-{id(self):x}"
        self.proc: Any = None
        self._cond = threading.Condition()
        self._outputs = 0  # %output lines seen so far
        self._last_output = 0.0  # perf_counter() of the latest one
        self._replies: list[tuple[bool, list[str], float]] = []  # (ok, lines, last output before %begin)
        self._launches = 0
        self._socket_path = ""

    def _tmux(self, *args: str) -> None:
        subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], check=True, capture_output=True)

    def __enter__(self) -> TmuxTerminal:
        width, height = self.size
        self._tmux("new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height), "cat", ";",
                   "set-option", "-g", "window-size", "manual", ";", "set-option", "-g", "remain-on-exit", "on",
                   ";", "set-option", "-g", "status", "off")
        self.proc = subprocess.Popen(["tmux", "-u", "-L", self.socket, "-C", "attach-session", "-t", "bench"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self._socket_path = self.pane("#{socket_path}")
            shown = self.pane("#{pane_width}x#{pane_height}")
            if shown != f"{width}x{height}":
                raise RuntimeError(f"tmux pane is {shown}, not {width}x{height}")
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        if self.proc is not None:
            self.proc.wait(timeout=10)
        if self._socket_path:
            Path(self._socket_path).unlink(missing_ok=True)

    def _read(self) -> None:
        """Reader thread: stamp %output lines, collect %begin…%end blocks (only those of our commands)."""
        block: list[str] | None = None
        head: list[str] = []
        mine = False
        before = 0.0
        for raw in self.proc.stdout:
            now = time.perf_counter()
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if line.startswith("%output "):
                with self._cond:
                    self._outputs += 1
                    self._last_output = now
                    self._cond.notify_all()
            elif block is not None:
                if line.startswith(("%end ", "%error ")) and line.split()[1:3] == head:
                    if mine:
                        with self._cond:
                            self._replies.append((line.startswith("%end"), block, before))
                            self._cond.notify_all()
                    block = None
                else:
                    block.append(line)
            elif line.startswith("%begin "):
                head = line.split()[1:3]
                mine = line.split()[3:4] == ["1"]  # flags 1: a command from this client (not the attach)
                before = self._last_output
                block = []
        with self._cond:
            self._replies.append((False, ["control client ended"], 0.0))
            self._cond.notify_all()

    def command(self, cmd: str, timeout: float = 30.0) -> list[str]:
        """Send one tmux command on the control client; the lines of its reply (RuntimeError on %error)."""
        return self._command(cmd, timeout)[0]

    def _command(self, cmd: str, timeout: float = 30.0) -> tuple[list[str], float]:
        with self._cond:
            self.proc.stdin.write(cmd.encode() + b"\n")
            self.proc.stdin.flush()
            if not self._cond.wait_for(lambda: self._replies, timeout):
                raise RuntimeError(f"tmux did not answer {cmd!r}")
            ok, lines, before = self._replies.pop(0)
        if not ok:
            raise RuntimeError(f"tmux {cmd!r}: {' '.join(lines)}")
        return lines, before

    def run(self, argv: list[str], env: dict[str, str], cwd: Path | None = None) -> float:
        """Start ``argv`` (with exactly ``env``) in the pane, killing what ran there; the start time."""
        self._launches += 1
        script = self.workdir / f"{self.socket}-{self._launches}.sh"
        env = {**env, "TERM": env.get("TERM", "tmux-256color")}
        lines = ["#!/bin/sh", f"cd {shlex.quote(str(cwd or Path.cwd()))}",
                 "exec env -i " + " ".join(shlex.quote(f"{k}={v}") for k, v in env.items()) + " "
                 + " ".join(shlex.quote(a) for a in argv)]
        script.write_text("\n".join(lines) + "\n")
        os.chmod(script, 0o755)
        start = time.perf_counter()
        self.command(f"respawn-pane -k -t bench 'exec {script}'")
        return start

    def send_keys(self, *keys: str, literal: bool = False) -> float:
        """``send-keys`` (tmux key names, or text with ``literal``); the time just before the command is written."""
        args = " ".join("'" + k.replace("'", "'\\''") + "'" for k in keys)
        start = time.perf_counter()
        self.command(f"send-keys -t bench {'-l ' if literal else ''}-- {args}")
        return start

    def screen(self) -> str:
        """What the terminal shows now, one line a row."""
        return "\n".join(self.command("capture-pane -p -t bench"))

    def wait_for(self, predicate: Any, since: float, timeout: float = 30.0) -> float:
        """Wait until ``predicate(screen)`` holds; seconds from ``since`` to the %output that brought it.

        The screen is read after each batch of %output notifications (and every 50 ms
        in case one was missed); the time returned is that of the latest %output seen
        before the capture that satisfied the predicate (≤ 0 when it held already).
        TimeoutError when it never holds.
        """
        return self.wait_all([predicate], since, timeout)[0]

    def wait_all(self, predicates: list[Any], since: float, timeout: float = 30.0) -> list[float]:
        """``wait_for`` of several predicates at once, each timed from the capture where it first held."""
        deadline = time.monotonic() + timeout
        found: list[float | None] = [None] * len(predicates)
        while True:
            with self._cond:
                seen = self._outputs
            lines, before = self._command("capture-pane -p -t bench")
            screen = "\n".join(lines)
            for i, predicate in enumerate(predicates):
                if found[i] is None and predicate(screen):
                    found[i] = before - since
            if all(f is not None for f in found):
                return [f for f in found if f is not None]
            if time.monotonic() > deadline:
                missing = [i for i, f in enumerate(found) if f is None]
                raise TimeoutError(f"the screen never showed what was awaited ({missing}):\n{screen}")
            with self._cond:
                self._cond.wait_for(lambda seen=seen: self._outputs != seen, 0.05)

    def quiet(self, seconds: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until the pane has written nothing for ``seconds`` (or ``timeout`` passed)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._cond:
                seen = self._outputs
                if not self._cond.wait_for(lambda seen=seen: self._outputs != seen, seconds):
                    return

    def pane(self, fmt: str) -> str:
        """A pane format, e.g. ``#{pane_pid}``."""
        return self.command(f"display-message -p -t bench '{fmt}'")[0]

    def rss_kib(self) -> int:
        """VmRSS of the pane's process (KiB)."""
        status = Path(f"/proc/{self.pane('#{pane_pid}')}/status").read_text()
        return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))

    def stop(self, keys: tuple[str, ...] = ("C-q",), timeout: float = 10.0) -> bool:
        """Send ``keys`` (quit) and wait until the pane's process has ended; False when it had to be killed."""
        if self.pane("#{pane_dead}") != "1":
            self.send_keys(*keys)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.pane("#{pane_dead}") == "1":
                return True
            time.sleep(0.02)
        self.command("respawn-pane -k -t bench cat")
        return False
