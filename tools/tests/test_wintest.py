"""tools/wintest.py's verdicts, with Wine replaced by a scripted fake.

Each fake run plays one way a Windows CPython's pytest can end: the files it
leaves (the check plugin's start marker, info.json, the junit XML) and its exit
code.  Only an interpreter that ended before pytest loaded its first plugin is
started a second time.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import winpython
import wintest

JUNIT = (
    '<testsuites><testsuite name="pytest" tests="{n}" failures="{f}" errors="0" '
    'skipped="0"></testsuite></testsuites>'
)

Run = Callable[[dict[str, str]], int]


def _linux(path: str) -> Path:
    assert path.startswith("Z:")
    return Path(path[2:].replace("\\", "/"))


def started(env: dict[str, str]) -> None:
    _linux(env["RAS_WINTEST_STARTED"]).write_text("3.11.9", encoding="utf-8")


def finished(env: dict[str, str], n: int = 3, failed: int = 0) -> None:
    started(env)
    work = _linux(env["RAS_WINTEST_INFO"]).parent
    (work / "info.json").write_text('{"python": "3.11.9"}', encoding="utf-8")
    (work / "junit.xml").write_text(JUNIT.format(n=n, f=failed), encoding="utf-8")


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Run]]:
    """The fake runs, consumed in order; the test sees how many were used."""
    runs: list[Run] = []
    monkeypatch.setattr(wintest, "install_wheel", lambda version, wheel: None)
    monkeypatch.setattr(wintest, "place_rasapi32", lambda version, mode: "rasapi32=b")
    monkeypatch.setattr(wintest, "wheel_path", lambda: Path("unused.whl"))

    def run_python(version: str, args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
        env = kw["env"]
        assert isinstance(env, dict)
        code = runs.pop(0)(env)
        return subprocess.CompletedProcess(args, code, f"out of run {code}\n", "")

    monkeypatch.setattr(winpython, "run_python", run_python)
    yield runs


def _run() -> wintest.Result:
    return wintest.run_one("3.11", "wine", "wine_smoke", [], echo=False)


def test_a_passing_run(script: list[Run]) -> None:
    script.append(lambda env: finished(env) or 0)
    r = _run()
    assert r.ok and not r.restarted and r.counts.passed == 3
    assert "OK   Windows CPython 3.11.9" in r.line("Wine's rasapi32")


def test_failed_tests_are_not_run_again(script: list[Run]) -> None:
    script.append(lambda env: finished(env, failed=1) or 1)
    script.append(lambda env: pytest.fail("started again"))  # type: ignore[arg-type]
    r = _run()
    assert not r.ok and r.counts.failed == 1 and not r.restarted
    assert len(script) == 1


def test_a_crash_after_start_is_a_failure(script: list[Run]) -> None:
    # the project's code may have run (pytest's plugins were loading): never again
    script.append(lambda env: started(env) or 1)
    script.append(lambda env: pytest.fail("started again"))  # type: ignore[arg-type]
    r = _run()
    assert not r.ok and "pytest did not finish (exit 1" in r.problem
    assert len(script) == 1


def test_a_failed_start_is_started_once_more(script: list[Run]) -> None:
    script.append(lambda env: 1)  # Wine or CPython ended before any plugin
    script.append(lambda env: finished(env) or 0)
    r = _run()
    assert r.ok and r.counts.passed == 3
    assert r.restarted == "exit 1 before pytest loaded a plugin"
    assert "(first start: exit 1 before pytest loaded a plugin)" in r.line("x")
    assert r.output.count("out of run") == 2  # both runs' output kept


def test_two_failed_starts_fail(script: list[Run]) -> None:
    script.append(lambda env: 1)
    script.append(lambda env: 5)
    r = _run()
    assert not r.ok and r.restarted
    assert "pytest did not finish (exit 5" in r.problem
    assert not script
    assert r.tail(2).endswith("out of run 5")
