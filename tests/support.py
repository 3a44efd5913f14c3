"""Helpers shared by the tests: markers, the scenario writer, the dial recorder."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from typing import Any

import pytest

import ras
import simctl

requires_sim = pytest.mark.skipif(
    not simctl.SIMULATED, reason="needs the simulated rasapi32 (scenarios, reset)"
)
linux_sim_only = pytest.mark.skipif(
    ras.BACKEND != "simulated",
    reason="reads the simulator's posted-message queue, only compiled in off Windows",
)


class Scenario:
    def __init__(self, path: Path) -> None:
        self.path = path

    def set(self, sections: dict[str, dict[str, Any]]) -> None:
        simctl.write_scenario(self.path, sections)
        os.environ["RASSIM_SCENARIO"] = str(self.path)


class Recorder:
    """A dial callback that records notifications and signals the end of the dial."""

    def __init__(self, on_event: Any = None) -> None:
        self.events: list[tuple[int, int, int, int, int]] = []
        self.threads: list[threading.Thread] = []
        self.done = threading.Event()
        self.on_event = on_event

    def __call__(self, hras: int, msg: int, state: int, error: int, exterror: int) -> None:
        self.events.append((hras, msg, state, error, exterror))
        self.threads.append(threading.current_thread())
        if self.on_event is not None:
            self.on_event(hras, msg, state, error, exterror)
        if ras.is_final_state(state, error):
            self.done.set()

    @property
    def states(self) -> list[int]:
        return [e[2] for e in self.events]

    def wait(self, timeout: float = 30.0) -> None:
        assert self.done.wait(timeout), f"dial did not finish; saw {self.states}"


def skip_directory(items: list[pytest.Item], conftest_file: str, reason: str) -> None:
    """Skip, with `reason`, every collected test under the folder of `conftest_file`."""
    here = os.path.dirname(os.path.abspath(conftest_file)) + os.sep
    mark = pytest.mark.skip(reason=reason)
    for item in items:
        if os.path.abspath(str(item.path)).startswith(here):
            item.add_marker(mark)


def _exception_texts(exc: BaseException, seen: set[int]) -> list[str]:
    """Every text an exception shows: str, repr, args, attributes, chained ones."""
    if id(exc) in seen:
        return []
    seen.add(id(exc))
    texts = [str(exc), repr(exc), repr(exc.args)]
    names = set(dir(exc)) | set(getattr(exc, "__dict__", {}))
    for name in sorted(names):
        if name.startswith("__") and name not in ("__cause__", "__context__", "__notes__"):
            continue
        try:
            value = getattr(exc, name)
        except Exception as e:  # a property may refuse: record that
            texts.append(repr(e))
            continue
        if callable(value) and not isinstance(value, BaseException):
            continue
        if isinstance(value, BaseException):
            texts += _exception_texts(value, seen)
        else:
            texts.append(repr(value))
            if isinstance(value, (str, bytes)):
                texts.append(str(value))
    return texts


def secret_leaks(exc: BaseException, secret: str) -> list[str]:
    """The substrings (3 characters or more) of `secret` that `exc` shows anywhere.

    Looks at str/repr/args, every attribute (``.object`` of a UnicodeError
    included), ``__cause__``/``__context__`` recursively, and the whole formatted
    traceback; both the raw secret and its escaped (ascii) spelling are searched.
    """
    import traceback

    texts = _exception_texts(exc, set())
    texts.append("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    blob = "\n".join(texts)
    escaped = ascii(secret)[1:-1]
    raw = secret.encode("utf-16-le", "surrogatepass").decode("latin-1")
    found = []
    for spelling in {secret, escaped}:
        for i in range(len(spelling) - 2):
            piece = spelling[i : i + 3]
            if piece in blob:
                found.append(piece)
    # the secret as UTF-16 bytes (what bytes .object would hold), in a repr
    for i in range(0, len(raw) - 5, 2):
        if repr(raw[i : i + 6].encode("latin-1"))[2:-1] in blob:
            found.append(raw[i : i + 6])
    return found


CLI_DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def console_examples(section: str, doc: Path = CLI_DOC) -> list[list[tuple[str, list[str]]]]:
    """The ```console blocks of one `## ` section of a Markdown page: for each
    block, its `$ ` command lines (without the `$ `) with the lines that follow
    each, its expected output."""
    text = doc.read_text(encoding="utf-8")
    start = text.index(section)
    end = text.find("\n## ", start + len(section))
    body = text[start : end if end != -1 else len(text)]
    blocks = []
    for block in re.findall(r"```console\n(.*?)```", body, re.S):
        steps: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
        blocks.append(steps)
    return blocks


#: The states a dial of the simulator walks through, in order (docs/simulator.md).
DIAL_STATES = [
    ras.ConnectionState.OPEN_PORT,
    ras.ConnectionState.PORT_OPENED,
    ras.ConnectionState.CONNECT_DEVICE,
    ras.ConnectionState.DEVICE_CONNECTED,
    ras.ConnectionState.ALL_DEVICES_CONNECTED,
    ras.ConnectionState.AUTHENTICATE,
    ras.ConnectionState.AUTH_NOTIFY,
    ras.ConnectionState.AUTH_PROJECT,
    ras.ConnectionState.AUTH_ACK,
    ras.ConnectionState.AUTHENTICATED,
    ras.ConnectionState.PROJECTED,
    ras.ConnectionState.CONNECTED,
]
