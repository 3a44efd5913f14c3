"""pywin32's win32ras next to ours, in one Windows process, against one rasapi32.

Runs only where pywin32 is installed (tools/wintest.py --pywin32, the
``differential`` nox session).  pywin32's ``win32ras.pyd`` is loaded from
site-packages/win32 under its own name; our top-level ``win32ras`` module
shadows it on sys.path, which is what users get after installing ras-win32.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import site
import sys
from types import ModuleType

import pytest
from support import skip_directory


def _load_pywin32(name: str) -> ModuleType | None:
    """pywin32's extension module `name`, leaving sys.modules[name] as it was.

    (Creating a single-phase extension module files it in sys.modules.)
    """
    saved = sys.modules.get(name)
    try:
        return _load_extension(name)
    finally:
        if saved is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = saved


def _load_extension(name: str) -> ModuleType | None:
    for base in [*site.getsitepackages(), site.getusersitepackages()]:
        path = os.path.join(base, "win32", name + ".pyd")
        if os.path.isfile(path):
            loader = importlib.machinery.ExtensionFileLoader(name, path)
            spec = importlib.util.spec_from_file_location(name, path, loader=loader)
            assert spec is not None
            module = importlib.util.module_from_spec(spec)
            loader.exec_module(module)
            return module
    return None


PYWIN32 = None
if sys.platform == "win32":
    try:
        import pywintypes  # noqa: F401  (loads pywin32's DLLs)
    except ImportError:
        pass
    else:
        importlib.import_module("win32ras")  # ours, first on sys.path
        PYWIN32 = _load_pywin32("win32ras")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PYWIN32 is None:
        skip_directory(items, __file__, "needs pywin32 on Windows (the nox wine session)")


@pytest.fixture(scope="session")
def pw() -> ModuleType:
    assert PYWIN32 is not None
    return PYWIN32


@pytest.fixture(scope="session")
def ours() -> ModuleType:
    module = importlib.import_module("win32ras")
    assert module.__file__ and module.__file__.endswith(".py"), module.__file__
    return module
