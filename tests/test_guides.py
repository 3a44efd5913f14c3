"""Every ```python example of the guides runs, in order, against the simulator.

Each page's blocks share one namespace (a page reads top to bottom); the
test gives them `secret` and a default phone book whose "Office VPN" entry
accepts alice with that password (the scenario), and checks afterwards that
the examples left no connection and no dial behind.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import Scenario, requires_sim

import ras

pytestmark = requires_sim

DOCS = Path(__file__).resolve().parent.parent / "docs"
SECRET = "guide-Secret-42"
# A page, or "page#Heading": the examples of that one section (the page's
# others are snippets that need a live connection or Windows).
PAGES = [
    "api/dialing.md",
    "guide.md",
    "migrating.md",
    "testing.md",
    "api/connections.md#Paused states",
    "api/admin.md",
]


def blocks(page: str) -> list[str]:
    path, _, heading = page.partition("#")
    text = (DOCS / path).read_text(encoding="utf-8")
    if heading:
        start = text.index(f"\n## {heading}")
        end = text.find("\n## ", start + 1)
        text = text[start : end if end >= 0 else len(text)]
    return re.findall(r"```python\n(.*?)```", text, re.DOTALL)


@pytest.mark.skipif(not DOCS.is_dir(), reason="source checkout only")
@pytest.mark.parametrize("page", PAGES)
def test_every_example_runs(
    page: str, default_pbk: str, scenario: Scenario, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario.set({"*": {"User": "alice", "Password": SECRET, "IpAddress": "10.8.0.2"}})
    found = blocks(page)
    assert found, f"{page} has no python example"
    scope: dict[str, object] = {"secret": SECRET, "pw": SECRET, "__name__": "guide"}
    for i, code in enumerate(found):
        try:
            exec(compile(code, f"{DOCS / page.partition('#')[0]} (example {i + 1})", "exec"), scope)
        except Exception as exc:  # pragma: no cover - the message names the example
            raise AssertionError(f"{page}, example {i + 1} failed: {exc!r}\n{code}") from exc
    assert ras.connections() == []
    assert ras._ras._pending_dials() == 0
    assert SECRET not in capsys.readouterr().out
