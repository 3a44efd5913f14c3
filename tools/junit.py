"""pytest's JUnit XML (``--junitxml``): the counts every SUMMARY line reports.

One reader for noxfile.py (imported from tools/) and tools/wintest.py.  The
text is ``N passed, M skipped, F failed, E errors``: tools/test-all.sh greps
the SUMMARY lines built from it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

NO_RESULTS = "crashed (no results)"


@dataclass
class Counts:
    tests: int = 0
    skipped: int = 0
    failed: int = 0
    errors: int = 0
    # (test case, property name, value) for each record_property() of a test
    properties: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return self.tests - self.failed - self.errors - self.skipped

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tests + other.tests,
            self.skipped + other.skipped,
            self.failed + other.failed,
            self.errors + other.errors,
            self.properties + other.properties,
        )

    def text(self) -> str:
        return (
            f"{self.passed} passed, {self.skipped} skipped, {self.failed} failed, "
            f"{self.errors} errors"
        )


def read(path: Path) -> Counts:
    """The totals over every <testsuite> of the file, and the recorded properties."""
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    counts = Counts()
    for s in suites:
        counts.tests += int(s.get("tests", 0))
        counts.failed += int(s.get("failures", 0))
        counts.errors += int(s.get("errors", 0))
        counts.skipped += int(s.get("skipped", 0))
    for case in root.iter("testcase"):
        for prop in case.iter("property"):
            counts.properties.append(
                (case.get("name", "?"), prop.get("name", ""), prop.get("value", ""))
            )
    return counts


def summary(path: Path) -> str:
    """``N passed, M skipped, F failed, E errors``, or NO_RESULTS when pytest wrote no file."""
    return read(path).text() if path.is_file() else NO_RESULTS
