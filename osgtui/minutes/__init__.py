"""The minutes format: the meeting model, reading and writing Markdown, and what is read from it.

Textual-free and database-free. Modules: :mod:`.model` (blocks and the meeting), :mod:`.parser`
and :mod:`.renderer` (Markdown in and out, byte-exact), :mod:`.tables` (pipe tables),
:mod:`.section_paths` (the headings each block sits under), :mod:`.counts` (triage counters and
count cells), :mod:`.extract` (sections, attendance, triage, action items), :mod:`.actions` (the
``AI (Owner): text`` grammar), :mod:`.blocktree` (bullet trees for the editor),
:mod:`.release_tables` and :mod:`.release_lists` (the release section), :mod:`.summary`
(``osgtui show --json``), :mod:`.rebase` (taking in an outside version, keeping block identities).
"""
