#!/usr/bin/env bash
# The README's test command: set up this machine (a fresh Debian 12, as root)
# and run every tier:
#   tests       the suite on Linux, every CPython 3.9-3.13 found
#   soak        32 threads dialling for 60 s (tests/test_soak.py; RAS_SOAK_SECONDS)
#   sanitizers  the suite and a 20 s soak with ASan+UBSan, then with TSan
#   csim        the simulator's C tests (sanitizers, mingw build, DLL under Wine)
#   winbuild    the cp39-abi3-win_amd64 wheel and the simulated rasapi32.dll
#   winbuild_x86  the cp39-abi3-win32 wheel and a 32-bit rasapi32.dll, loaded under 32-bit Wine
#   winbuild_arm64  the cp39-abi3-win_arm64 wheel and rasapi32.dll (ziglang's clang)
#   wheelcheck  every Windows wheel: PE machine, imports, exports, tags, abi3audit
#   wine        the suite inside Windows CPython 3.9 / 3.11 / 3.13 under Wine
#   wine_smoke  a smoke suite against Wine's own rasapi32
#   lint        ruff and mypy
#   docs        the documentation site (Sphinx, warnings as errors, links checked)
#   release_checks  actionlint, check-jsonschema over .github; validate-pyproject;
#               twine check; tools/test_release.py (cibuildwheel identifiers, pins)
#   sdist       the sdist built, installed into a fresh venv, its suite run there
# Ends with each tier's pass/skip counts.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/ci_setup.sh
mkdir -p .cache
status=0
python3 -m nox -s tests soak sanitizers csim winbuild winbuild_x86 winbuild_arm64 wheelcheck wine wine_smoke lint docs release_checks sdist 2>&1 | tee .cache/nox.log || status=$?
echo
echo "=== summary ==="
grep -E "SUMMARY|Session .* (was successful|failed|skipped)" .cache/nox.log | sed 's/^nox > //' || true
exit "$status"
