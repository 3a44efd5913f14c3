"""Smoke tests against Wine's OWN rasapi32.dll (not the simulator).

Run by ``tools/wintest.py --wine-rasapi32`` (nox -s wine_smoke), which sets
RAS_WINE_SMOKE=1.  Anywhere else these tests are skipped: on Linux the
simulator is compiled in, and under the simulator tier rasapi32 is ours.
"""

from __future__ import annotations

import os

import pytest
from support import skip_directory


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("RAS_WINE_SMOKE") != "1":
        skip_directory(
            items, __file__, "needs Wine's own rasapi32: tools/wintest.py --wine-rasapi32"
        )
