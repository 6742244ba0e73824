"""Benchmark of the draft: is `osgtui new` less work than copying last week's file, over the real archive?

Replays ../shared/corpus/minutes: for each meeting, a database of the meetings
before it (imported one by one, oldest first), the draft for that meeting's
date built from it as `osgtui new` builds it (no configuration file), and the
draft's export compared with the real minutes. The baseline is the note-taker's
way: the previous file of the corpus, copied. (The corpus holds every other
meeting of the archive, so "previous" is usually two weeks back, for both.)

Printed, draft against copy:
- mean line edits to turn each into the real minutes (lines inserted, deleted
  or changed) and the mean characters typed (characters of the real lines not
  already in the line they replace), and their ratios;
- meetings where the draft needs fewer / more line edits than the copy;
- how often the title, the coordinates (with their continuation lines), This
  week and Next week come out exactly as in the real minutes.

With --served, each meeting's own numbers are served by loopback fakes of Jira,
Freshdesk and GGUS (benchmarks/served.py: the JIRA table's states, every
release table's columns, the triage counters), configured as a note-taker
would for that meeting, and the draft is refreshed from them (fetch_all and
apply_fetch, as `osgtui refresh`) before it is compared; also printed: the
share of the real minutes' counts the refreshed draft has exactly. The served
Ready for Testing / Release tickets are summarised as the packages the real
minutes list for that release (the others `Issue N`); --no-lists turns the
lists off ([jira] ready_lists = false).

Run: .venv/bin/python benchmarks/bench_draft.py [--served] [--show N]   (needs ../shared/corpus)
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
from difflib import SequenceMatcher
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from benchlib import corpus_files  # noqa: E402


def typed(source: str, target: str) -> int:
    """Characters of ``target`` that are not already in ``source`` (what the note-taker types)."""
    if not source:
        return len(target)
    matcher = SequenceMatcher(None, source, target, autojunk=False)
    return len(target) - sum(block.size for block in matcher.get_matching_blocks())


def edits(start: str, real: str) -> tuple[int, int]:
    """(line edits, characters typed) to turn ``start`` into ``real``."""
    a, b = start.splitlines(), real.splitlines()
    lines = chars = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "delete":
            lines += i2 - i1
            continue
        lines += max(i2 - i1, j2 - j1)
        for k in range(j1, j2):
            source = a[i1 + k - j1] if op == "replace" and i1 + k - j1 < i2 else ""
            chars += typed(source, b[k])
    return lines, chars


def header_block(text: str, label: str) -> list[str]:
    """The line holding ``**label:**`` and its continuation lines (up to the next header or blank line)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if f"**{label}:**" in line:
            out = [line]
            for nxt in lines[i + 1:]:
                if not nxt.strip() or "**" in nxt or nxt.lstrip().startswith(("#", "-", "*")):
                    break
                out.append(nxt)
            return out
    return []


def duty(text: str, filename: str) -> tuple[str | None, str | None]:
    from osgtui.minutes.extract import triage_duty
    from osgtui.minutes.parser import parse_minutes

    this_week, next_week, _ = triage_duty(parse_minutes(text, filename))
    return this_week, next_week


def refreshed(server, i: int, store, draft, real, base):  # noqa: ANN001, ANN201
    """Refresh ``draft`` from ``real``'s numbers served under a prefix of its own; (counts right, counts)."""
    from served import SECRETS, counts_right, serve_numbers

    from osgtui.refresh import apply_fetch
    from osgtui.services.fetch import fetch_all

    config = serve_numbers(server, f"/m{i}", real, base)
    store.config = config
    try:
        report = fetch_all(config, SECRETS)
        result = apply_fetch(store, draft, report)
        for error in result.errors:
            print(f"{real.date}: {error}")
    finally:
        store.config = base
    return counts_right(real, draft, config)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print the diff of the draft for the N worst meetings")
    parser.add_argument("--served", action="store_true", help="refresh each draft from its meeting's served numbers")
    parser.add_argument("--no-lists", action="store_true",
                        help="with --served: [jira] ready_lists = false (no Ready for Testing/Release lists)")
    args = parser.parse_args()
    files = corpus_files()
    if not files:
        return 0
    from osgtui.config import Config
    from osgtui.history.draft import build_draft
    from osgtui.history.importer import import_meetings
    from osgtui.minutes.parser import parse_minutes
    from osgtui.minutes.renderer import render_minutes
    from osgtui.store.database import Store

    config = Config()
    store = Store.memory()
    rows = []
    server = None
    right = total = 0
    if args.served:
        from tests.services.fakeserver import FakeServer

        server = FakeServer().start()
    for i, path in enumerate(files):
        real = Path(path).read_text(encoding="utf-8")
        meeting = parse_minutes(real, Path(path).name)
        if i > 0:
            copy = Path(files[i - 1]).read_text(encoding="utf-8")
            previous = store.load_meeting(store.latest_before(meeting.date))
            drafted = build_draft(previous, meeting.date, config, store=store)
            if server is not None:
                lists = dataclasses.replace(config.jira, ready_lists=not args.no_lists)
                got, of = refreshed(server, i, store, drafted, meeting, dataclasses.replace(config, jira=lists))
                right, total = right + got, total + of
            draft = render_minutes(drafted)
            d_lines, d_chars = edits(draft, real)
            c_lines, c_chars = edits(copy, real)
            real_duty = duty(real, Path(path).name)
            draft_duty = duty(draft, Path(path).name)
            rows.append({
                "day": meeting.date, "draft": (d_lines, d_chars), "copy": (c_lines, c_chars),
                "title": draft.splitlines()[0] == real.splitlines()[0],
                "coordinates": header_block(draft, "Coordinates") == header_block(real, "Coordinates"),
                "this": draft_duty[0] == real_duty[0], "next": draft_duty[1] == real_duty[1],
                "text": draft, "real": real,
            })
        result = import_meetings(store, [meeting], config=config)
        if result.failures:
            print(f"not imported: {result.failures[0][1]}")
    if not rows:
        return 0
    n = len(rows)
    mean = {k: (statistics.mean(r[k][0] for r in rows), statistics.mean(r[k][1] for r in rows))
            for k in ("draft", "copy")}
    better = sum(1 for r in rows if r["draft"][0] < r["copy"][0])
    worse = sum(1 for r in rows if r["draft"][0] > r["copy"][0])
    how = "numbers served and refreshed" if server is not None else "no configuration file"
    print(f"{n} meetings drafted from the meetings before them ({how})")
    print(f"{'':<28}{'draft':>10}{'copy':>10}{'ratio':>8}")
    print(f"{'line edits, mean':<28}{mean['draft'][0]:>10.1f}{mean['copy'][0]:>10.1f}"
          f"{mean['draft'][0] / mean['copy'][0]:>8.2f}")
    print(f"{'characters typed, mean':<28}{mean['draft'][1]:>10.0f}{mean['copy'][1]:>10.0f}"
          f"{mean['draft'][1] / mean['copy'][1]:>8.2f}")
    print(f"draft better in {better}, worse in {worse}, equal in {n - better - worse} meetings")
    for key, label in (("title", "title"), ("coordinates", "coordinates"), ("this", "This week"),
                       ("next", "Next week")):
        print(f"{label + ' right':<28}{100 * sum(r[key] for r in rows) / n:>9.1f} %")
    if server is not None:
        server.stop()
        print(f"{'counts right':<28}{100 * right / max(total, 1):>9.1f} %  ({right} of {total})")
    for r in sorted(rows, key=lambda r: r["copy"][0] - r["draft"][0])[:args.show]:
        import difflib

        print(f"\n--- {r['day']}: draft {r['draft'][0]} line edits, copy {r['copy'][0]}")
        sys.stdout.writelines(difflib.unified_diff(r["text"].splitlines(True), r["real"].splitlines(True),
                                                   "draft", "real", n=0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
