"""ras-win32's pytest fixtures (``ras_sim``, ``ras_phonebook``) under the ``ras`` package.

The installed plugin (entry point ``pytest11``: ``ras``) is the top-level
module ``_ras_pytest_plugin``, so that a pytest run that uses none of its
fixtures never imports ``ras``; this module names the same hooks and fixtures
for ``pytest_plugins = ["ras.pytest_plugin"]`` or ``-p ras.pytest_plugin``.
"""

from __future__ import annotations

from _ras_pytest_plugin import pytest_configure, ras_phonebook, ras_sim

__all__ = ["pytest_configure", "ras_phonebook", "ras_sim"]
