"""``ras._ras_sim``: the extension built against the simulated rasapi32, on every platform.

On Windows the wheel carries ``ras/_ras_sim.pyd``, the extension's sources compiled
with the simulator (src/rassim) instead of rasapi32.dll under this name; the import
system finds an extension module before a source file of the same name, so there
this file is never run.  Everywhere else ``ras._ras`` is that build already (its
``BACKEND`` is ``"simulated"``): this module *is* ``ras._ras`` (it puts it in its
own place in ``sys.modules``), so ``import ras._ras_sim`` gives the simulated
extension on every platform and ``ras._ras_sim is ras._ras`` off Windows.

It refuses to stand in for an extension that calls a real rasapi32 (a Windows
install whose ``_ras_sim.pyd`` is missing): code that asks for the simulator must
never reach the user's real phonebook or connections.  docs/development.md.
"""

from __future__ import annotations

import sys

from ras import _ras

if _ras.BACKEND != "simulated":  # pragma: no cover - a broken Windows install
    raise ImportError(
        "ras._ras_sim: the simulated build of the extension (_ras_sim.pyd) is missing "
        f"and ras._ras calls {_ras.BACKEND}",
        name=__name__,
    )

sys.modules[__name__] = _ras
