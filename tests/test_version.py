"""``ras.__version__``: the installed distribution's version, from the git tag."""

from __future__ import annotations

import importlib.metadata
import re

import pytest

import ras

# PEP 440, as setuptools-scm writes it: 0.1.0, 0.1.1.dev3+g1234abc, 0.1.1.dev3+g1234abc.d20261130
PEP440 = re.compile(r"\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?(\+[a-z0-9]+(\.[a-z0-9]+)*)?")


def test_version_is_the_distributions() -> None:
    assert isinstance(ras.__version__, str)
    try:
        installed = importlib.metadata.version("ras-win32")
    except importlib.metadata.PackageNotFoundError:
        # the in-place developer build (setup.py build_ext --inplace): no
        # distribution to compare with; every nox session installs one
        pytest.skip("ras is imported from a source tree that was never installed")
    assert ras.__version__ == installed
    assert PEP440.fullmatch(ras.__version__), ras.__version__


def test_version_is_not_the_unknown_fallback() -> None:
    # "0.0.0+unknown" would mean ras was imported from a tree that was never installed
    assert ras.__version__ != "0.0.0+unknown"
