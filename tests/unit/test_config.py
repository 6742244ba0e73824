"""Tests for osgtui.config: defaults, the example file, validation errors, secrets, permissions."""

from __future__ import annotations

import dataclasses
import functools
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from osgtui.config import (
    Config,
    FreshdeskConfig,
    GgusConfig,
    ImportConfig,
    JiraConfig,
    MeetingConfig,
    MinutesRepoConfig,
    PeopleConfig,
    Secrets,
    TriageConfig,
    config_permission_warning,
    default_config_text,
    default_value,
    load_config,
    load_secrets,
)
from osgtui.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "osgtui" / "config.example.toml"
SECRET_VARS = ("OSGTUI_JIRA_USER", "OSGTUI_JIRA_TOKEN", "OSGTUI_FRESHDESK_KEY", "OSGTUI_GGUS_TOKEN")
SECTION_CLASSES = {
    "meeting": MeetingConfig,
    "people": PeopleConfig,
    "triage": TriageConfig,
    "jira": JiraConfig,
    "freshdesk": FreshdeskConfig,
    "ggus": GgusConfig,
    "minutes_repo": MinutesRepoConfig,
    "import": ImportConfig,
}
TOKEN = "ATATT3xFfGF0q8Zr2LmNpQ7sTuVwXyZ1234abcdEFGH"


def write(tmp_path: Path, text: str, name: str = "c.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def config_error(path: Path) -> ConfigError:
    """Load ``path`` expecting a ConfigError; check the shape every error must have."""
    with pytest.raises(ConfigError) as info:
        load_config(path)
    err = info.value
    message = str(err)
    assert err.exit_code == 2
    assert "\n" not in message
    assert message.startswith(f"config {path}: ")
    return err


# --- defaults and the example file -------------------------------------------------


def test_example_file_loads_to_the_defaults() -> None:
    loaded = load_config(EXAMPLE)
    assert loaded == load_config(None) == Config()
    assert loaded.source == EXAMPLE


def test_default_config_text_is_the_shipped_file() -> None:
    assert EXAMPLE.read_text(encoding="utf-8") == default_config_text()


@pytest.mark.parametrize(("section", "cls"), SECTION_CLASSES.items(), ids=list(SECTION_CLASSES))
def test_every_default_is_read_from_the_shipped_file(section: str, cls: type) -> None:
    """No default is written in the code: each field's comes from the example, so they cannot drift."""
    for f in dataclasses.fields(cls):
        assert f.default is dataclasses.MISSING, f"{section}.{f.name} has a default in the code"
        factory = f.default_factory
        assert isinstance(factory, functools.partial), f"{section}.{f.name}"
        assert (factory.func, factory.args) == (default_value, (section, f.name))


def test_default_maps_are_not_shared() -> None:
    first, second = Config(), Config()
    assert first.jira.state_labels == second.jira.state_labels
    assert first.jira.state_labels is not second.jira.state_labels
    assert first.people.aliases is not second.people.aliases


def test_defaults_are_the_documented_values() -> None:
    config = Config()
    assert config.meeting.weekday == "Tuesday"
    assert config.meeting.title == "OSG Technology Area Meeting"
    assert "146 266 9392" in config.meeting.coordinates
    assert config.people.roster == ()
    assert config.people.aliases == {}
    assert config.triage == TriageConfig(rotation=(), away=())
    assert config.jira.url == ""
    assert not config.jira.enabled
    assert config.jira.flavor == "cloud"
    assert config.jira.project == "SOFTWARE"
    assert config.jira.states == (
        "Open",
        "Selected for Development",
        "In Progress",
        "Development Complete",
        "Ready for Testing",
        "Ready for Release",
    )
    assert config.jira.state_labels == {
        "Selected for Development": "Selected for Dev",
        "Development Complete": "Dev Complete",
    }
    assert config.jira.release_jql == 'project = SOFTWARE AND fixVersion = "{version}"'
    assert config.jira.timeout == 10.0
    assert config.freshdesk.query == "status:2 OR status:3 OR status:6 OR status:7"
    assert config.freshdesk.label == "open FreshDesk tickets"
    assert config.ggus.query.startswith('group.name:"OSG Software Support" AND !(')
    assert config.ggus.label == "open GGUS ticket"
    assert not config.freshdesk.enabled
    assert not config.ggus.enabled
    assert config.minutes_repo == MinutesRepoConfig("", "docs/meetings", "mkdocs.yml", False)
    assert config.minutes_repo_path is None


def test_example_sets_every_key_of_every_section() -> None:
    document = tomllib.loads(default_config_text())
    assert set(document) == set(SECTION_CLASSES)
    for section, cls in SECTION_CLASSES.items():
        assert set(document[section]) == {f.name for f in dataclasses.fields(cls)}, section


def test_every_key_in_the_example_has_a_comment_above_it() -> None:
    lines = default_config_text().splitlines()
    section = ""
    for index, line in enumerate(lines):
        if line.startswith("["):
            section = line.strip("[]")
        elif (
            line
            and not line.startswith("#")
            and section
            not in {
                "people.aliases",
                "jira.state_labels",
            }
        ):
            previous = next(text for text in reversed(lines[:index]) if text.strip())
            assert previous.startswith("#"), f"no comment above {line!r} in [{section}]"


def test_example_documents_the_secret_variables_only_in_comments() -> None:
    text = default_config_text()
    for var in SECRET_VARS:
        assert var in text
        assert all(line.startswith("#") for line in text.splitlines() if var in line)


def test_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "")) == Config()


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b'\xef\xbb\xbf[meeting]\nweekday = "Monday"\n')
    assert load_config(path).meeting.weekday == "Monday"


# --- valid configurations ----------------------------------------------------------


FULL = """
[meeting]
weekday = "monday"
title = "Test Meeting"
coordinates = ""

[people]
roster = ["BrianL", " Carl ", "Mat"]
aliases = { Brian = "BrianL", "Carl E" = "Carl" }

[triage]
rotation = ["Carl", "Mat"]
away = ["BrianL"]

[jira]
url = "https://jira.example.org/"
flavor = "Server"
project = "SOFT"
states = ["Open", "Done"]
state_labels = { Done = "Finished" }
release_jql = "labels = {version} AND x = {y}"
releases = ["3.6.1"]
timeout = 3

[freshdesk]
url = "https://example.freshdesk.com"
query = "status:2"
label = "tickets"
timeout = 2.5

[ggus]
url = "http://localhost:8080"

[minutes_repo]
path = "repo"
push = true

[import]
max_file_mb = 0.5
"""


def test_full_configuration_is_loaded_and_normalised(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, FULL))
    assert config.meeting == MeetingConfig("Monday", "Test Meeting", "")
    assert config.meeting.weekday_number == 0
    assert config.people.roster == ("BrianL", "Carl", "Mat")
    assert config.people.aliases == {"Brian": "BrianL", "Carl E": "Carl"}
    assert config.triage == TriageConfig(("Carl", "Mat"), ("BrianL",))
    jira = config.jira
    assert (jira.url, jira.flavor, jira.project) == ("https://jira.example.org", "server", "SOFT")
    assert jira.enabled
    assert jira.states == ("Open", "Done")
    assert jira.state_labels == {"Done": "Finished"}
    assert jira.label_for("Done") == "Finished"
    assert jira.label_for("Open") == "Open"
    assert jira.release_query("3.6.1") == "labels = 3.6.1 AND x = {y}"
    assert jira.releases == ("3.6.1",)
    assert isinstance(jira.timeout, float)
    assert jira.timeout == 3.0
    assert config.freshdesk == FreshdeskConfig(
        "https://example.freshdesk.com", "status:2", "tickets", 2.5
    )
    assert config.ggus.enabled
    assert config.ggus.label == "open GGUS ticket"
    assert config.minutes_repo.push
    assert config.minutes_repo.meetings_dir == "docs/meetings"
    assert config.minutes_repo_path == tmp_path / "repo"
    assert config.import_ == ImportConfig(0.5)
    assert config.import_.max_bytes == 500_000


def test_import_size_limit_defaults_to_5_mb() -> None:
    assert Config().import_.max_file_mb == 5.0
    assert Config().import_.max_bytes == 5_000_000


def test_default_state_labels_are_used_by_label_for() -> None:
    jira = JiraConfig()
    assert jira.label_for("Selected for Development") == "Selected for Dev"
    assert jira.label_for("Ready for Testing") == "Ready for Testing"
    assert jira.release_query("3.4.31") == 'project = SOFTWARE AND fixVersion = "3.4.31"'


def test_minutes_repo_path_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    config = load_config(write(tmp_path, '[minutes_repo]\npath = "~/src/technology"\n'))
    assert config.minutes_repo_path == tmp_path / "home" / "src" / "technology"
    assert MinutesRepoConfig(path="/abs/repo").resolved_path(tmp_path) == Path("/abs/repo")


def test_config_is_frozen_and_source_is_not_compared(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ""))
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.jira.url = "https://x"  # type: ignore[misc]
    assert config == Config(source=Path("/elsewhere.toml"))


# --- names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Brian", "BrianL"),
        ("  brian ", "BrianL"),
        ("TIM C", "Tim"),
        ("brianl", "BrianL"),
        ("Mat", "Mat"),
        ("  Newcomer  ", "Newcomer"),
        ("", ""),
    ],
)
def test_canonical_name(written: str, canonical: str) -> None:
    people = PeopleConfig(
        roster=("BrianL", "Mat", "Tim"), aliases={"Brian": "BrianL", "Tim C": "Tim"}
    )
    assert people.canonical_name(written) == canonical
    assert Config(people=people).canonical_name(written) == canonical


# --- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[meeting]\nweekday = = "Monday"\n', "TOML syntax error at line 2, column 11: "),
        ('[jira]\nurl = "x"\nurl = "y"\n', "TOML syntax error at line 3"),
        ('[jira]\ntimeout = "ten"\n', 'key jira.timeout must be a number, got string "ten"'),
        ("[jira]\ntimeout = 0\n", "key jira.timeout must be a positive number"),
        ("[ggus]\ntimeout = -1.5\n", "key ggus.timeout must be a positive number"),
        ("[import]\nmax_file_mb = 0\n", "key import.max_file_mb must be a positive number of megabytes"),
        ('[import]\nmax_file_mb = "5MB"\n', 'key import.max_file_mb must be a number, got string "5MB"'),
        ("[import]\nmax_size = 5\n", 'unknown key "import.max_size" (did you mean "max_file_mb"?)'),
        (
            "[freshdesk]\ntimeout = true\n",
            "key freshdesk.timeout must be a number, got boolean true",
        ),
        ("[freshdesk]\ntimeout = inf\n", "key freshdesk.timeout must be a positive number"),
        ('[jira]\ntokn = "x"\n', 'unknown key "jira.tokn" (known keys in [jira]: url, flavor,'),
        ('[jira]\nflavour = "cloud"\n', 'unknown key "jira.flavour" (did you mean "flavor"?)'),
        ("[jira.extra]\nx = 1\n", 'unknown key "jira.extra"'),
        ("[meetings]\nweekday = 1\n", 'unknown section [meetings] (did you mean "meeting"?)'),
        ("[foo]\n", "unknown section [foo] (known sections: meeting, people,"),
        ('weekday = "Monday"\n', 'key "weekday" must be inside a section: put it under [meeting]'),
        ("timeout = 3\n", "put it under [jira] or [freshdesk] or [ggus]"),
        ("colour = 1\n", 'unknown top-level key "colour"'),
        ('jira = "x"\n', "key jira must be a table ([jira] section), got string"),
        (
            '[jira]\nflavor = "dc"\n',
            'key jira.flavor must be one of "server", "cloud", got string "dc"',
        ),
        ('[meeting]\nweekday = "Funday"\n', "key meeting.weekday must be a weekday name (Monday,"),
        ("[meeting]\nweekday = 2\n", "key meeting.weekday must be a weekday name"),
        ('[meeting]\ntitle = " "\n', "key meeting.title must be a non-empty string"),
        (
            '[jira]\nrelease_jql = "project = SOFTWARE AND fixVersion = {v}"\n',
            'key jira.release_jql must contain "{version}"',
        ),
        (
            '[people]\nroster = "BrianL"\n',
            'key people.roster must be a list of strings, got string "BrianL"',
        ),
        (
            '[people]\nroster = ["BrianL", 3]\n',
            "key people.roster must be a list of non-empty strings; item 2 is integer 3",
        ),
        ('[triage]\naway = [""]\n', "key triage.away must be a list of non-empty strings; item 1"),
        (
            "[people.aliases]\nBrian = 1\n",
            'key people.aliases."Brian" must be a non-empty string, got integer 1',
        ),
        ('[people.aliases]\nBrian = "BrianL"\nbrian = "Brian"\n', "differ only in case"),
        ('[people]\naliases = ["x"]\n', "key people.aliases must be a table of strings, got array"),
        ("[jira]\nstates = []\n", "key jira.states must list at least one Jira status"),
        ('[jira]\nstates = ["Open", "Open"]\n', 'key jira.states lists "Open" more than once'),
        (
            '[minutes_repo]\npush = "yes"\n',
            'key minutes_repo.push must be true or false, got string "yes"',
        ),
        ('[jira]\nurl = "jira.example.org"\n', "key jira.url must be an http(s) URL"),
        ("[freshdesk]\nurl = 5\n", "key freshdesk.url must be a string, got integer 5"),
        (
            "[meeting]\ncoordinates = 2024-01-02\n",
            "key meeting.coordinates must be a string, got date/time",
        ),
    ],
)
def test_invalid_configuration_is_a_one_line_config_error(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, text)
    assert expected in str(config_error(path))


def test_long_values_are_truncated_in_messages(tmp_path: Path) -> None:
    message = str(config_error(write(tmp_path, f'[jira]\ntimeout = "{"x" * 500}"\n')))
    assert "x" * 37 + "..." in message
    assert "x" * 41 not in message


@pytest.mark.parametrize(
    ("section", "key"),
    [(s, f.name) for s, cls in SECTION_CLASSES.items() for f in dataclasses.fields(cls)],
)
def test_every_key_rejects_a_value_of_the_wrong_type(
    tmp_path: Path, section: str, key: str
) -> None:
    path = write(tmp_path, f"[{section}]\n{key} = [{{}}]\n")
    assert f"key {section}.{key} must be " in str(config_error(path))


@pytest.mark.parametrize(
    "text",
    [
        f'[jira]\ntoken = "{TOKEN}"\n',
        f'[jira]\nuser = "{TOKEN}"\n',
        f'[jira]\npassword = "{TOKEN}"\n',
        f'[freshdesk]\napi_key = "{TOKEN}"\n',
        f'[freshdesk]\nkey = "{TOKEN}"\n',
        f'[ggus]\naccess_token = "{TOKEN}"\n',
        f'[jira.auth]\ntoken = "{TOKEN}"\n',
        f'jira_token = "{TOKEN}"\n',
        f'[nosuchsection]\nsecret = "{TOKEN}"\n',
    ],
)
def test_secret_keys_are_refused_without_echoing_the_value(tmp_path: Path, text: str) -> None:
    message = str(config_error(write(tmp_path, text)))
    assert "is not allowed" in message
    assert all(var in message for var in SECRET_VARS)
    assert TOKEN not in message
    assert TOKEN[:10] not in message


def test_url_with_credentials_is_refused_without_echoing_them(tmp_path: Path) -> None:
    message = str(
        config_error(write(tmp_path, f'[jira]\nurl = "https://me:{TOKEN}@jira.example.org"\n'))
    )
    assert "key jira.url must not contain a user name or password" in message
    assert TOKEN not in message
    assert "me:" not in message


def test_missing_file(tmp_path: Path) -> None:
    message = str(config_error(tmp_path / "nope.toml"))
    assert "file not found (given by --config or OSGTUI_CONFIG)" in message


def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in str(config_error(tmp_path))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[meeting]\ntitle = "Réunion"\n'.encode("latin-1"))
    assert "not UTF-8 text (byte 0xe9 on line 2)" in str(config_error(path))


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() == 0, reason="needs POSIX permissions, not root"
)
def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    path.chmod(0)
    try:
        assert "permission denied" in str(config_error(path))
    finally:
        path.chmod(0o600)


# --- secrets -----------------------------------------------------------------------


def test_load_secrets_reads_the_environment_mapping() -> None:
    secrets = load_secrets(
        {
            "OSGTUI_JIRA_USER": "me@example.org",
            "OSGTUI_JIRA_TOKEN": f" {TOKEN}\n",
            "OSGTUI_GGUS_TOKEN": "  ",
        }
    )
    assert secrets == Secrets(jira_user="me@example.org", jira_token=TOKEN)
    assert secrets.freshdesk_key is None
    assert secrets.ggus_token is None


def test_load_secrets_defaults_to_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in SECRET_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("OSGTUI_FRESHDESK_KEY", "abc")
    assert load_secrets() == Secrets(freshdesk_key="abc")


def test_secrets_repr_and_str_redact_values() -> None:
    secrets = Secrets(jira_user="me@example.org", jira_token=TOKEN)
    expected = "Secrets(jira_user=<set>, jira_token=<set>, freshdesk_key=None, ggus_token=None)"
    assert repr(secrets) == str(secrets) == f"{secrets}" == expected
    assert TOKEN not in repr([secrets])
    assert "me@example" not in repr({"s": secrets})


# --- permission warning ------------------------------------------------------------

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")


@posix_only
@pytest.mark.parametrize(
    "text",
    [
        f'[freshdesk]\nquery = "{TOKEN}"\n',
        f"# old key: {TOKEN}\n",
        '[jira]\ntoken = "hunter2hunter2"\n',
        "[jira]\nabcdef0123456789abcdef0123456789 = 1\n",
    ],
)
def test_permission_warning_for_group_readable_secret(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    path.chmod(0o644)
    warning = config_permission_warning(path)
    assert warning is not None
    assert "\n" not in warning
    assert str(path) in warning
    assert f"chmod 600 {path}" in warning
    assert TOKEN not in warning
    assert "hunter2" not in warning
    path.chmod(0o600)
    assert config_permission_warning(path) is None


@posix_only
@pytest.mark.parametrize(
    "text",
    [default_config_text(), FULL, '[jira]\ntoken = ""\n', "# token is set in OSGTUI_JIRA_TOKEN\n"],
)
def test_no_permission_warning_without_secrets(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    path.chmod(0o644)
    assert config_permission_warning(path) is None


def test_no_permission_warning_without_a_file(tmp_path: Path) -> None:
    assert config_permission_warning(None) is None
    assert config_permission_warning(tmp_path / "missing.toml") is None


# --- import hygiene ----------------------------------------------------------------


def test_importing_config_loads_nothing_heavy_and_reads_the_example_only_when_needed() -> None:
    code = (
        "import sys, osgtui.config, osgtui.paths\n"
        "heavy = [m for m in ('textual', 'rich', 'sqlite_utils', 'requests') if m in sys.modules]\n"
        "reads = osgtui.config.default_config_text.cache_info\n"
        "print(','.join(heavy) or '-', reads().misses, osgtui.config.Config().jira.timeout, reads().misses)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.split() == ["-", "0", "10.0", "1"]
