"""Is ``mkdocs.yml`` still YAML? Checked with PyYAML before osgtui edits it.

osgtui edits ``mkdocs.yml`` line by line (:mod:`osgtui.publish.nav`), so a file that
is already broken would be edited and committed broken. :func:`yaml_problem` parses
the text with PyYAML's composer, which checks the syntax without constructing values:
MkDocs' own tags (``!!python/name:…``, ``!ENV``) are accepted, as MkDocs accepts them.
"""

from __future__ import annotations

import yaml  # type: ignore[import-untyped]


def yaml_problem(text: str) -> str | None:
    """None when ``text`` is valid YAML; otherwise one line saying what is wrong and where."""
    try:
        for _document in yaml.compose_all(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "not YAML"
        return f"{what} at line {mark.line + 1}, column {mark.column + 1}" if mark else what
    except yaml.YAMLError as err:
        return " ".join(str(err).split())
    return None
