"""The pytest plugin of ras-win32 (entry point ``pytest11``: ``ras``): fixtures on ras.testing.

- ``ras_sim``: a :class:`ras.testing.SimulatedRas` running for the test, with
  an empty default phone book; add entries and servers through it
  (``ras_sim.add_entry("Office VPN", server=ras.testing.Server(...))``).
- ``ras_phonebook``: the simulated default phone book, a :class:`ras.Phonebook`.

Nothing happens unless a test asks for a fixture: this module imports
neither ``ras`` nor the extension until then.  That is why it is a top-level
module and not a submodule of ``ras``: pytest imports every installed plugin
when it starts, and importing anything inside the ``ras`` package first runs
``ras/__init__.py``, which loads the extension (on Windows, rasapi32.dll) into
every pytest run of the environment.  Its name starts with an underscore:
nobody imports it by hand (``ras.pytest_plugin`` names the same fixtures for
``pytest_plugins = ["ras.pytest_plugin"]``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import ras
    from ras.testing import SimulatedRas


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "ras_sim(entries=(), servers=None, default_server=None): how the ras_sim "
        "fixture's simulated RAS starts (ras.testing.SimulatedRas's arguments)",
    )


@pytest.fixture
def ras_sim(request: pytest.FixtureRequest) -> Iterator[SimulatedRas]:
    """A simulated RAS for this test (docs/testing.md).  A ``ras_sim`` mark
    gives it its entries and servers:
    ``@pytest.mark.ras_sim(entries=["Office VPN"], servers={"Office VPN": Server(...)})``."""
    from ras.testing import SimulatedRas

    marker = request.node.get_closest_marker("ras_sim")
    kwargs = dict(marker.kwargs) if marker is not None else {}
    if marker is not None and marker.args:
        raise TypeError("@pytest.mark.ras_sim takes keyword arguments only")
    with SimulatedRas(**kwargs) as sim:
        yield sim


@pytest.fixture
def ras_phonebook(ras_sim: SimulatedRas) -> ras.Phonebook:
    """The simulated default phone book (``None`` to every RAS call)."""
    return ras_sim.phonebook
