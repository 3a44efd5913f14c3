"""The ```console examples of docs/cli.md's "pyras: dial, hang up, see" section run.

Each block starts from no connection; a block that does not dial first gets
`Office VPN` connected.  Its `$ pyras ...` lines run in this process
(ras._cli.app.main, where the connections are visible), and the output must
be the block's lines once times, other decimals and handles are set aside.
"""

from __future__ import annotations

import re
import shlex

import pytest
from support import CLI_DOC, Scenario, console_examples, requires_sim

import ras
import simctl
from ras._cli import app

pytestmark = requires_sim

DOC = CLI_DOC
SECTION = "## pyras: dial, hang up, see"
SECRET = "docs-Secret-99"


def normal(line: str) -> str:
    """Times, decimals and handles set aside (they vary between runs)."""
    line = re.sub(r"0x[0-9a-f]+", "0xH", line.rstrip())
    line = re.sub(r"\b\d+\.\d{3}s\b", "Ts", line)
    return re.sub(r'("connect_duration": )[\d.]+', r"\1F", line)


@pytest.mark.skipif(not DOC.is_file(), reason="source checkout only")
def test_the_examples_run(
    default_pbk: str, scenario: Scenario, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario.set(
        {
            "Office VPN": {
                "User": "alice",
                "Password": SECRET,
                "IpAddress": "10.8.0.2",
                "ServerIpAddress": "203.0.113.1",
                "Ipv6Address": "fd00::2",
                "VpnType": "IKEv2",
                "BytesPerSecondIn": 0,
                "BytesPerSecondOut": 0,
            }
        }
    )
    ras.SetEntryDialParams(None, ("Office VPN", "", "", "alice", SECRET, ""), False)
    blocks = console_examples(SECTION)
    assert len(blocks) >= 4
    for steps in blocks:
        simctl.reset()
        if not steps[0][0].startswith("pyras dial"):
            ras.dial("Office VPN")
        for command, expected in steps:
            argv = shlex.split(command)
            assert argv[0] == "pyras"
            app.main(argv[1:])
            out = capsys.readouterr().out
            assert [normal(x) for x in out.splitlines()] == [normal(x) for x in expected], command
        simctl.reset()
