"""`osgtui refresh` when things go wrong: echoed secrets, stalling servers, a bad service URL.

Against a real loopback server: every service echoes the request (headers and
query string) in its error, or trickles its answer one byte every 0.2 s. The
stderr of the command (in process, and once as a real process) must hold no
form of any secret, and a stall must end with one line per service.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from osgtui.cli import main
from tests.refresh.helpers import set_env, with_meetings
from tests.services.fakeserver import ENCODINGS, Echo, FakeServer, Reply, basic, every_form

USER = "alice@example.org"
TOKEN = "tok-Faults-Jq7Vb2Lm9Kp0"
FD_KEY = "fdkey-Faults-Rt5Hs8Qn"
GGUS_TOKEN = "ggus-Faults-Wd3Ze6Cx"
ENV = {"OSGTUI_JIRA_USER": USER, "OSGTUI_JIRA_TOKEN": TOKEN, "OSGTUI_FRESHDESK_KEY": FD_KEY,
       "OSGTUI_GGUS_TOKEN": GGUS_TOKEN}
HEADERS = (basic(USER, TOKEN), basic(FD_KEY, "X"), f"Token token={GGUS_TOKEN}")
FORBIDDEN = {form for header in HEADERS for form in every_form(header)} | {
    encode(USER) for encode in ENCODINGS.values()}
GUARD = 120.0
"""Seconds the real `osgtui refresh` may take before the test calls it hung."""


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch, ENV)


def setup(tmp_path: Path, server: FakeServer, app: object, timeout: float = 5) -> list[str]:
    """A database with the draft, and a configuration pointing all three services at ``app``."""
    url = server.mount("/api", app)  # type: ignore[arg-type]
    return with_meetings(
        tmp_path,
        f'[jira]\nurl = "{url}"\nflavor = "cloud"\nstates = ["Open"]\ntimeout = {timeout}\n'
        f'[freshdesk]\nurl = "{url}"\ntimeout = {timeout}\n'
        f'[ggus]\nurl = "{url}"\nquery = "state.name:open"\ntimeout = {timeout}\n',
    )


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("osgtui: error:")]


@pytest.mark.parametrize("status", [400, 401, 404, 500])
@pytest.mark.parametrize("style", ["text", "json-escaped"])
def test_echoed_secrets_never_reach_stderr(tmp_path: Path, server: FakeServer, status: int, style: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    base = setup(tmp_path, server, Echo(status, style=style, part="header"))
    capsys.readouterr()
    assert main([*base, "refresh", "2019-06-10"]) == 1
    captured = capsys.readouterr()
    lines = error_lines(captured.err)
    assert [line.split()[2] for line in lines] == ["Jira:", "Freshdesk:", "GGUS:"]
    assert all(f"HTTP {status}" in line and "echo ***" in line for line in lines), lines
    assert sorted(f for f in FORBIDDEN if f in captured.err + captured.out) == []


@pytest.mark.parametrize("part", ["pair", "user", "password"])
def test_every_encoding_is_hidden_on_stderr(tmp_path: Path, server: FakeServer, part: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    for encoding in ENCODINGS:
        base = setup(tmp_path / encoding, server, Echo(401, part=part, encoding=encoding))
        capsys.readouterr()
        assert main([*base, "refresh", "2019-06-10", "--only", "jira"]) == 1
        captured = capsys.readouterr()
        assert "echo ***" in captured.err, encoding
        assert sorted(f for f in FORBIDDEN if f in captured.err) == [], encoding


def run_osgtui(args: list[str]) -> subprocess.CompletedProcess[str]:
    """The real command, as a user runs it; failing if it does not end within GUARD."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()} | ENV
    return subprocess.run([sys.executable, "-m", "osgtui", *args], capture_output=True, text=True,
                          env=env, timeout=GUARD, check=False)


def test_real_process_stderr_holds_no_secret(tmp_path: Path, server: FakeServer) -> None:
    base = setup(tmp_path, server, Echo(401, style="text", part="header"))
    done = run_osgtui([*base, "refresh", "2019-06-10"])
    assert done.returncode == 1
    assert len(error_lines(done.stderr)) == 3 and "Traceback" not in done.stderr
    assert sorted(f for f in FORBIDDEN if f in done.stderr + done.stdout) == []


@pytest.mark.parametrize("headers", [True, False], ids=["headers", "body"])
def test_stalling_services_end_with_one_line_each(tmp_path: Path, server: FakeServer, headers: bool) -> None:
    pad = "x" * 2000  # 400 s at one byte every 0.2 s
    stall = Reply(200, {"pad": pad}, headers={"X-Pad": pad}, trickle=0.2, trickle_headers=headers)
    base = setup(tmp_path, server, lambda seen: stall, timeout=0.5)
    done = run_osgtui([*base, "refresh", "2019-06-10"])
    assert done.returncode == 1
    lines = error_lines(done.stderr)
    assert [line.split()[2] for line in lines] == ["Jira:", "Freshdesk:", "GGUS:"]
    assert all("did not answer within 0.5 s" in line for line in lines), lines


def test_bad_service_url_is_a_configuration_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[jira]\nurl = "http://[::1:8080"\n')
    assert main(["--config", str(config), "--db", str(tmp_path / "m.db"), "refresh", "2019-06-10"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"osgtui: error: config {config}: key jira.url is not a valid URL (Invalid IPv6 URL)")
    assert 'set it to an http(s) URL such as "https://example.org"' in err
