"""The live view of a dial.

On a terminal: each state on a line of its own with the time it was reached,
the current one with a spinner and a running clock until the next arrives,
then the result.  Piped or redirected: the same lines without the spinner
or colours (what a log file or ``grep`` wants).  ``NO_COLOR`` turns colours
off on a terminal too.
"""

from __future__ import annotations

import threading
import time
from typing import TextIO

from ras._cli.output import Style, use_color
from ras._dialing import DialProgress

SPINNER = "|/-\\"
FRAME_SECONDS = 0.1


class DialView:
    """Feeds on ``on_state``; ``finish()`` or ``fail()`` ends it."""

    def __init__(self, entry: str, stream: TextIO) -> None:
        self.entry = entry
        self.stream = stream
        self.live = _isatty(stream)
        self.style = Style(use_color(stream))
        self.started = time.monotonic()
        self.current: str | None = None
        self.current_at = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._spinner: threading.Thread | None = None

    # ---- lines ---------------------------------------------------------

    def start(self) -> None:
        self._write(f"Dialling {self.entry}...\n")
        if self.live:
            self._spinner = threading.Thread(target=self._spin, name="pyras-spinner", daemon=True)
            self._spinner.start()

    def on_state(self, progress: DialProgress) -> None:
        if progress.error:
            return  # the dial fails in the state shown already: fail() says how
        with self._lock:
            self._close_current()
            self.current = progress.state_name
            self.current_at = progress.elapsed
            if not self.live:
                self._write(f"  {progress.elapsed:7.3f}s  {progress.state_name}\n")
            else:
                self._draw(0)

    def paused(self) -> None:
        """A question follows: the current state's line is ended first."""
        with self._lock:
            self._close_current()

    def finish(self, summary: str) -> None:
        self._end()
        with self._lock:
            self._close_current()
            total = time.monotonic() - self.started
            self._write(
                self.style.ok(f"Connected to {self.entry} in {total:.3f}s") + summary + "\n"
            )

    def fail(self, message: str) -> None:
        self._end()
        with self._lock:
            self._close_current(failed=True)
            self._write(self.style.bad(message) + "\n")

    # ---- the terminal ----------------------------------------------------

    def _close_current(self, failed: bool = False) -> None:
        """On a terminal: rewrite the current state's line as done."""
        if self.live and self.current is not None:
            mark = self.style.bad("x") if failed else self.style.ok("+")
            self._write(f"\r\x1b[2K  {mark} {self.current_at:7.3f}s  {self.current}\n")
        self.current = None

    def _draw(self, frame: int) -> None:
        waited = time.monotonic() - self.started - self.current_at
        spin = SPINNER[frame % len(SPINNER)]
        self._write(
            f"\r\x1b[2K  {spin} {self.current_at:7.3f}s  {self.current}"
            + self.style.dim(f"  ({waited:.1f}s)")
        )

    def _spin(self) -> None:
        frame = 0
        while not self._stop.wait(FRAME_SECONDS):
            frame += 1
            with self._lock:
                if self.current is not None:
                    self._draw(frame)

    def _end(self) -> None:
        self._stop.set()
        if self._spinner is not None:
            self._spinner.join()
            self._spinner = None

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
