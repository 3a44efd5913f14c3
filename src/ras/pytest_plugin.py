"""The pytest plugin of ras (entry point ``pytest11``: ``ras``): fixtures on ras.testing.

- ``ras_sim``: a :class:`ras.testing.SimulatedRas` running for the test, with
  an empty default phone book; add entries and servers through it
  (``ras_sim.add_entry("Office VPN", server=ras.testing.Server(...))``).
- ``ras_phonebook``: the simulated default phone book, a :class:`ras.Phonebook`.

Nothing happens unless a test asks for a fixture: this module imports
neither ``ras`` nor the extension until then.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import ras
    from ras.testing import SimulatedRas


@pytest.fixture
def ras_sim() -> Iterator[SimulatedRas]:
    """A simulated RAS for this test (docs/testing.md)."""
    from ras.testing import SimulatedRas

    with SimulatedRas() as sim:
        yield sim


@pytest.fixture
def ras_phonebook(ras_sim: SimulatedRas) -> ras.Phonebook:
    """The simulated default phone book (``None`` to every RAS call)."""
    return ras_sim.phonebook
