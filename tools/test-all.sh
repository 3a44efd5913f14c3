#!/usr/bin/env bash
# Set up this machine and run every test tier; prints each tier's counts.
# Works on a fresh Debian 12 machine as root (CI) and on a developer's.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install -q --disable-pip-version-check pytest ruff mypy setuptools wheel

summary=()
run_linux_tier() {
    local py=$1 ver venv
    ver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    venv=".cache/venv-$ver"
    "$py" -m venv --clear "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check pytest
    "$venv/bin/pip" install -q --disable-pip-version-check .
    echo "=== Linux tier: CPython $ver ==="
    (cd tests && "../$venv/bin/python" -m pytest -q -p no:cacheprovider) | tee ".cache/pytest-$ver.log"
    summary+=("Linux CPython $ver: $(tail -n 1 ".cache/pytest-$ver.log")")
}

mkdir -p .cache
found=0
for ver in 3.9 3.10 3.11 3.12 3.13; do
    py=""
    for cand in /root/.pyenv/versions/"$ver".*/bin/python3 "$(command -v "python$ver" || true)"; do
        if [ -n "$cand" ] && [ -x "$cand" ]; then py=$cand; break; fi
    done
    if [ -z "$py" ]; then
        summary+=("Linux CPython $ver: not on this machine, skipped")
        continue
    fi
    run_linux_tier "$py"
    found=$((found + 1))
done
[ "$found" -gt 0 ] || { echo "no CPython 3.9-3.13 found" >&2; exit 1; }

echo "=== simulator C tests ==="
bash tests/c/run.sh | tail -n 5
summary+=("simulator C tests: passed")

echo "=== lint ==="
python3 -m ruff check src tests tools
python3 -m ruff format --check src tests tools
python3 -m mypy
summary+=("lint: ruff and mypy clean")

echo
echo "=== summary ==="
printf '%s\n' "${summary[@]}"
