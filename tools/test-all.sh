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
#
# Most tiers keep one core busy, and the machine has two: they run in two lanes
# at once (each lane's sessions in order, its lines prefixed [a] or [b] here and
# kept whole in .cache/nox-a.log / nox-b.log), then the Wine tier, which uses
# every core itself, alone.  The tests, soak and sanitizer sessions build from
# copies of the sources; only lane a's docs and sdist run setuptools in the
# checkout (lane b's builds do not use it); lane b builds the Windows wheels
# that wheelcheck, wine and release_checks read.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/ci_setup.sh
mkdir -p .cache
status=0
lane() { # lane NAME SESSION...
    local name=$1
    shift
    python3 -m nox -s "$@" 2>&1 | tee ".cache/nox-$name.log" | sed -u "s/^/[$name] /"
}
lane a tests-3.9 tests-3.11 soak sanitizers lint docs sdist &
lane_a=$!
lane b tests-3.10 tests-3.12 tests-3.13 csim winbuild winbuild_x86 winbuild_arm64 wheelcheck &
lane_b=$!
wait "$lane_a" || status=$?
wait "$lane_b" || status=$?
python3 -m nox -s wine wine_smoke release_checks 2>&1 | tee .cache/nox-c.log || status=$?
cat .cache/nox-a.log .cache/nox-b.log .cache/nox-c.log >.cache/nox.log
echo
echo "=== summary ==="
grep -E "SUMMARY|Session .* (was successful|failed|skipped)" .cache/nox.log | sed 's/^nox > //' || true
exit "$status"
