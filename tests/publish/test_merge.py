"""Section-level three-way merge of minutes texts: every rule, byte for byte."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from osgtui.publish.merge import HEADER, Conflict, merge_lines, merge_minutes, split_sections
from tests.corpus import CORPUS, SEED_DRAFT, requires_corpus

BASE = (
    "# OSG Technology Area Meeting, 10 June 2019\n"
    "\n"
    "**Attending:**   \n"
    "\n"
    "## Announcements\n"
    "\n"
    "-   BrianL OOO Friday  \n"
    "\n"
    "### Triage Duty\n"
    "\n"
    "-   This week: TimT\n"
    "-   Next week: BrianL\n"
    "\n"
    "## OSG Software Team\n"
    "\n"
    "-   Topic one\n"
    "-   Topic two\n"
    "-   Topic three\n"
    "-   Topic four\n"
    "\n"
    "### Discussion\n"
    "\n"
    "None this week\n"
    "\n"
    "## OSG Release Team\n"
    "\n"
    "-   Ready for Testing\n"
    "\n"
    "### Discussion\n"
    "\n"
    "None this week\n"
)


def edit(text: str, old: str, new: str) -> str:
    """``text`` with exactly one occurrence of ``old`` replaced."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_split_sections_keys_and_losslessness() -> None:
    sections = split_sections(BASE)
    assert [s.key for s in sections] == [
        HEADER,
        "Announcements",
        "Announcements > Triage Duty",
        "OSG Software Team",
        "OSG Software Team > Discussion",
        "OSG Release Team",
        "OSG Release Team > Discussion",
    ]
    assert "".join(s.text for s in sections) == BASE
    assert sections[0].text.startswith("# OSG Technology Area Meeting")


def test_repeated_heading_names_get_occurrence_numbers() -> None:
    text = "## A\n### Discussion\nx\n### Discussion\ny\n## A\nz\n### Early\n"
    assert [s.key for s in split_sections(text)] == [
        HEADER, "A", "A > Discussion", "A > Discussion (2)", "A (2)", "A > Early",
    ]  # fmt: skip
    assert split_sections("### Before any H2\n")[1].key == "Before any H2"


def test_unchanged_on_our_side_takes_theirs() -> None:
    theirs = edit(BASE, "-   Topic two\n", "-   Topic two: done\n")
    result = merge_minutes(BASE, BASE, theirs)
    assert result.text == theirs and result.merged_sections == ["OSG Software Team"] and not result.conflicts


def test_unchanged_on_their_side_keeps_ours() -> None:
    ours = edit(BASE, "-   This week: TimT\n", "-   This week: Mat\n")
    result = merge_minutes(BASE, ours, BASE)
    assert result.text == ours and result.merged_sections == [] and not result.conflicts


def test_same_change_on_both_sides() -> None:
    both = edit(BASE, "**Attending:**   \n", "**Attending:** BrianL, Carl\n")
    result = merge_minutes(BASE, both, both)
    assert result.text == both and not result.conflicts and result.merged_sections == []


def test_different_sections_changed_on_each_side() -> None:
    ours = edit(BASE, "-   This week: TimT\n", "-   This week: Mat\n")
    theirs = edit(BASE, "-   Ready for Testing\n", "-   Ready for Testing\n    -   HTCondor 8.8.3\n")
    result = merge_minutes(BASE, ours, theirs)
    assert result.text == edit(ours, "-   Ready for Testing\n", "-   Ready for Testing\n    -   HTCondor 8.8.3\n")
    assert result.merged_sections == ["OSG Release Team"]


def test_same_section_different_lines_merge_at_line_level() -> None:
    ours = edit(BASE, "-   Topic one\n", "-   Topic one (ours)\n")
    theirs = edit(BASE, "-   Topic four\n", "-   Topic four (theirs)\n-   Topic five\n")
    result = merge_minutes(BASE, ours, theirs)
    assert result.text == edit(ours, "-   Topic four\n", "-   Topic four (theirs)\n-   Topic five\n")
    assert result.merged_sections == ["OSG Software Team"] and not result.conflicts


def test_same_lines_changed_differently_is_a_conflict_keeping_ours() -> None:
    ours = edit(BASE, "-   Topic two\n", "-   Topic two (ours)\n")
    theirs = edit(BASE, "-   Topic two\n", "-   Topic two (theirs)\n")
    result = merge_minutes(BASE, ours, theirs)
    assert result.text == ours and result.merged_sections == []
    [conflict] = result.conflicts
    assert conflict.section == "OSG Software Team"
    assert "(ours)" in (conflict.ours or "") and "(theirs)" in (conflict.theirs or "")
    assert conflict.base == split_sections(BASE)[3].text
    assert merge_minutes(BASE, ours, theirs, prefer_theirs=True).text == theirs


def test_insertions_at_the_same_place_conflict() -> None:
    ours = edit(BASE, "-   Topic two\n", "-   Topic two\n-   Ours\n")
    theirs = edit(BASE, "-   Topic two\n", "-   Topic two\n-   Theirs\n")
    assert [c.section for c in merge_minutes(BASE, ours, theirs).conflicts] == ["OSG Software Team"]


def test_section_added_by_them_is_kept_in_position() -> None:
    devops = "## OSG DevOps\n\n-   New: ITB hosts\n\n"
    theirs = edit(BASE, "## OSG Release Team\n", devops + "## OSG Release Team\n")
    ours = edit(BASE, "-   This week: TimT\n", "-   This week: Mat\n")
    result = merge_minutes(BASE, ours, theirs)
    assert result.text == edit(ours, "## OSG Release Team\n", devops + "## OSG Release Team\n")
    assert result.merged_sections == ["OSG DevOps"]


def test_section_added_by_us_is_kept() -> None:
    ours = BASE + "\n## StashCP in Go Presentation\n\nSlides\n"
    theirs = edit(BASE, "-   Topic one\n", "-   Topic one!\n")
    result = merge_minutes(BASE, ours, theirs)
    assert result.text == theirs + "\n## StashCP in Go Presentation\n\nSlides\n"


def test_section_deleted_on_one_side_unchanged_on_the_other_is_deleted() -> None:
    triage = split_sections(BASE)[2].text
    without = BASE.replace(triage, "")
    assert merge_minutes(BASE, BASE, without).text == without
    assert merge_minutes(BASE, without, BASE).text == without
    assert merge_minutes(BASE, BASE, without).merged_sections == ["Announcements > Triage Duty"]


def test_deleted_on_one_side_changed_on_the_other_is_a_conflict() -> None:
    triage = split_sections(BASE)[2].text
    changed = edit(BASE, "-   This week: TimT\n", "-   This week: Mat\n")
    deleted = BASE.replace(triage, "")
    ours_changed = merge_minutes(BASE, changed, deleted)
    assert ours_changed.text == changed
    assert ours_changed.conflicts == [
        Conflict("Announcements > Triage Duty", split_sections(changed)[2].text, None, triage)
    ]
    theirs_changed = merge_minutes(BASE, deleted, changed)
    assert theirs_changed.text == deleted and theirs_changed.conflicts[0].ours is None
    assert merge_minutes(BASE, deleted, changed, prefer_theirs=True).text == changed


def test_header_changes_are_merged() -> None:
    theirs = edit(BASE, "**Attending:**   \n", "**Attending:** BrianL, Carl, Derek\n")
    ours = edit(BASE, "-   Topic three\n", "-   Topic three (typed live)\n")
    result = merge_minutes(BASE, ours, theirs)
    assert "**Attending:** BrianL, Carl, Derek\n" in result.text and "(typed live)" in result.text
    assert result.merged_sections == [HEADER]


def test_line_endings_and_trailing_spaces_are_preserved() -> None:
    base = BASE.replace("-   Topic two\n", "-   Topic two  \r\n")
    ours = edit(base, "-   This week: TimT\n", "-   This week: TimT   \r\n")
    theirs = edit(base, "-   Topic three\n", "-   Topic three\r\n")
    result = merge_minutes(base, ours, theirs)
    assert result.text == edit(ours, "-   Topic three\n", "-   Topic three\r\n")
    assert "-   Topic two  \r\n" in result.text


def test_crlf_only_change_is_a_change() -> None:
    theirs = edit(BASE, "None this week\n\n## OSG Release Team", "None this week\r\n\n## OSG Release Team")
    result = merge_minutes(BASE, BASE, theirs)
    assert result.text == theirs and result.merged_sections == ["OSG Software Team > Discussion"]


def test_never_published_base_none() -> None:
    ours = edit(BASE, "-   Topic one\n", "-   Topic one (ours)\n")
    theirs = BASE + "## OSG DevOps\n\n-   Theirs only\n"
    result = merge_minutes(None, ours, theirs)
    assert result.text == ours + "## OSG DevOps\n\n-   Theirs only\n"
    assert [c.section for c in result.conflicts] == ["OSG Software Team"]
    assert result.conflicts[0].base is None
    assert merge_minutes(None, BASE, BASE).text == BASE


def test_missing_final_newline_does_not_glue_sections() -> None:
    base = "# T\n\n## A\n\nx"
    theirs = base + "\n## B\n\ny\n"
    ours = "# T\n\n## A\n\nx (ours)"
    result = merge_minutes(base, ours, theirs)
    assert result.text == "# T\n\n## A\n\nx (ours)\n## B\n\ny\n"


def test_merge_lines_adjacent_changes_and_identical_hunks() -> None:
    base = "a\nb\nc\nd\n"
    assert merge_lines(base, "a\nB\nc\nd\n", "a\nb\nC\nd\n") == "a\nB\nC\nd\n"
    assert merge_lines(base, "a\nB\nc\nd\n", "a\nB\nc\nD\n") == "a\nB\nc\nD\n"
    assert merge_lines(base, "a\nB\nc\nd\n", "a\nX\nc\nd\n") is None
    assert merge_lines(base, "a\nb\nc\n", "a\nb\nc\nd\ne\n") == "a\nb\nc\ne\n"  # touching, not overlapping
    assert merge_lines(base, "a\nd\n", "a\nb\nX\nc\nd\n") is None  # insertion inside a deleted range


@requires_corpus
def test_real_draft_and_final_pair() -> None:
    draft = SEED_DRAFT.read_text(encoding="utf-8")
    final = (CORPUS / "minutes" / "2019" / "TechArea20190610.md").read_text(encoding="utf-8")
    pulled = merge_minutes(draft, draft, final)
    assert pulled.text == final and not pulled.conflicts
    ours = edit(draft, "-   This week: TimT", "-   This week: TimT (covered by Mat)")
    both = merge_minutes(draft, ours, final)
    assert both.text == edit(final, "-   This week: TimT", "-   This week: TimT (covered by Mat)")
    assert "Announcements > Triage Duty" not in both.merged_sections and not both.conflicts


LINE = st.sampled_from(["-   a\n", "-   b  \n", "x\r\n", "\n", "### Sub\n", "## Top\n", "text"])
TEXT = st.lists(LINE, max_size=12).map("".join)


@given(TEXT, TEXT)
def test_one_sided_changes_are_taken_exactly(base: str, other: str) -> None:
    assert merge_minutes(base, other, base).text == other
    assert not merge_minutes(base, other, base).conflicts


@given(TEXT, TEXT)
def test_their_changes_alone_are_taken_exactly(base: str, other: str) -> None:
    result = merge_minutes(base, base, other)
    assert result.text == other and not result.conflicts


@given(TEXT)
def test_identical_sides_give_that_text(text: str) -> None:
    assert merge_minutes(None, text, text).text == text
    assert split_sections(text)[0].key == HEADER and "".join(s.text for s in split_sections(text)) == text


def test_sections_reordered_by_them_only_follow_their_order() -> None:
    sections = split_sections(BASE)
    swapped = sections[0].text + sections[5].text + sections[6].text + "".join(s.text for s in sections[1:5])
    assert merge_minutes(BASE, BASE, swapped).text == swapped
    ours = edit(BASE, "-   Topic one\n", "-   Topic one (ours)\n")
    assert merge_minutes(BASE, ours, swapped).text == edit(swapped, "-   Topic one\n", "-   Topic one (ours)\n")
    assert merge_minutes(BASE, swapped, ours).text == edit(swapped, "-   Topic one\n", "-   Topic one (ours)\n")
