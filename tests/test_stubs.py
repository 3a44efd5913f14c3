"""The type stub of ras._ras lists exactly what the module has."""

from __future__ import annotations

import ast
import importlib.util
import os
import sys
from pathlib import Path

import pytest

import ras

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def stub_path() -> Path:
    return Path(ras.__file__).resolve().parent / "_ras.pyi"


def stub_names() -> set[str]:
    tree = ast.parse(stub_path().read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_stub_is_installed() -> None:
    assert stub_path().is_file()
    assert (stub_path().parent / "py.typed").is_file()


def test_stub_lists_every_public_name() -> None:
    module = {n for n in vars(ras._ras) if not n.startswith("__")} - {"error"} | {"error"}
    stub = stub_names()
    missing = {n for n in module if not n.startswith("_")} - stub
    assert not missing, f"not in the stub: {sorted(missing)}"
    extra = {n for n in stub if not n.startswith("_")} - module
    assert not extra, f"in the stub but not the module: {sorted(extra)}"


@pytest.mark.skipif(not (TOOLS / "gen_stubs.py").is_file(), reason="source checkout only")
def test_stub_is_current() -> None:
    spec = importlib.util.spec_from_file_location("gen_stubs", TOOLS / "gen_stubs.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    sys.modules["gen_stubs"] = gen
    spec.loader.exec_module(gen)
    expected = gen.render(ras._ras)
    assert stub_path().read_text(encoding="utf-8").replace(os.linesep, "\n") == expected
