#!/bin/sh
# tests/c/admin_run.sh -- the RAS administration DLL (src/admin, issue 13):
# build it for every Windows architecture and test it under Wine.  Called by
# tests/c/run.sh as its last stage; runs alone too: sh tests/c/admin_run.sh [OUTDIR]
#
#  1. x64 and x86, with x86_64-w64-mingw32-gcc and i686-w64-mingw32-gcc
#     (-std=c11 -Wall -Wextra -Werror): src/compat/mpradmin.h's layouts against
#     mingw-w64's <mprapi.h> (tests/c/admin_layout.c); rasadmin.dll (the DLL
#     as shipped: accept_all only), rasadmin_test.dll (RASPY_ADMIN_TEST: the
#     test policies too), rrashost.exe, and the small DLLs of
#     tests/c/admin_broken.c (one per missing export, a half address pair, a
#     valid minimal one);
#  2. the exports: each DLL's export table is exactly rasadmin.def's names,
#     undecorated; on x86 every contract function is __stdcall with the
#     right argument bytes (its object's symbol is _Name@N, N = 4 x args);
#  3. under Wine, in a WINEPREFIX of its own (never the caller's): the
#     scenarios of tests/c/admin_wine.py for x64, then x86 (needs 32-bit Wine;
#     a SKIPPED line when it is missing, as in run.sh);
#  4. ARM64: the DLL and the host compiled and linked with zig's clang
#     (python -m ziglang cc -target aarch64-windows-gnu) when the ziglang
#     package is importable by $ADMIN_ZIG_PYTHON (default python3), else a
#     SKIPPED line; nothing runs (no ARM64 Windows here).  ADMIN_ONLY=arm64
#     runs this stage alone and fails without ziglang: the winbuild_arm64 nox
#     session does that with its own ziglang.
#
# Set RASSIM_WINE=0 to skip the Wine runs.  Exit status non-zero on any failure.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-${BUILD_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/rasadmin-build.XXXXXX")}/admin}
mkdir -p "$out"
warn="-std=c11 -Wall -Wextra -Werror"
inc="-I$root/src/compat -I$root/src/admin"
dll_sources="$root/src/admin/admindll.c $root/src/admin/core.c $root/src/admin/policies.c $root/src/admin/pyhost.c"
def="$root/src/admin/rasadmin.def"

stage() { printf '\n== admin: %s\n' "$1"; }

# The exports of a PE image, one per line, from objdump's export table.
exports_of() { # objdump, dll
    "$1" -p "$2" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' |
        sed -n 's/^[[:space:]]*\[ *[0-9]*\] //p' | sort
}

# The contract's functions and their argument bytes on x86 (4 per argument).
stdcall_bytes="MprAdminInitializeDllEx@4 MprAdminTerminateDll@0
MprAdminAcceptNewConnectionEx@4 MprAdminAcceptReauthenticationEx@4
MprAdminConnectionHangupNotificationEx@4 MprAdminAcceptNewLink@8
MprAdminLinkHangupNotification@8 MprAdminGetIpAddressForUser@16
MprAdminReleaseIpAddress@12 MprAdminGetIpv6AddressForUser@16
MprAdminReleaseIpv6AddressForUser@12 RasPyAdminSetLogCallback@8 RasPyAdminGetStats@4"

# Each broken variant: the macro that drops an export, and the export the
# host must name.
broken="no_accept_link:MprAdminAcceptNewLink:MprAdminAcceptNewLink
no_link_hangup:MprAdminLinkHangupNotification:MprAdminLinkHangupNotification
no_terminate:MprAdminTerminateDll:MprAdminTerminateDll
no_initialize:MprAdminInitializeDllEx:MprAdminInitializeDllEx
no_reauth:MprAdminAcceptReauthenticationEx:MprAdminAcceptReauthenticationEx
no_hangup_ex:MprAdminConnectionHangupNotificationEx:MprAdminConnectionHangupNotificationEx
no_accept_ex:MprAdminAcceptNewConnectionEx:MprAdminAcceptNewConnectionEx
half_ipv4:MprAdminReleaseIpAddress:MprAdminReleaseIpAddress
half_ipv6:MprAdminGetIpv6AddressForUser:MprAdminGetIpv6AddressForUser"

build_arch() { # arch, compiler, outdir, extra link flags...
    arch=$1
    cc=$2
    aout=$3
    shift 3
    mkdir -p "$aout"
    stage "$arch: mpradmin.h against mingw-w64's mprapi.h"
    # shellcheck disable=SC2086
    "$cc" $warn $inc -c "$here/admin_layout.c" -o "$aout/admin_layout.o"
    echo "ok  admin_layout.c"

    stage "$arch: rasadmin.dll, rasadmin_test.dll, rrashost.exe"
    # shellcheck disable=SC2086
    "$cc" $warn -O2 $inc -DRASPY_ADMIN_TEST -c "$root/src/admin/admindll.c" \
        -o "$aout/admindll_test.o"
    # shellcheck disable=SC2086
    "$cc" $warn -O2 -shared -static-libgcc -s "$@" -Wl,--fatal-warnings $inc $dll_sources "$def" \
        -o "$aout/rasadmin.dll"
    # shellcheck disable=SC2086
    "$cc" $warn -O2 -shared -static-libgcc -s "$@" -Wl,--fatal-warnings $inc -DRASPY_ADMIN_TEST \
        $dll_sources "$def" -o "$aout/rasadmin_test.dll"
    # shellcheck disable=SC2086
    "$cc" $warn -O2 -static-libgcc -s $inc -I"$root/src/rassim" "$root/src/admin/rrashost.c" \
        "$root/src/rassim/rrasdll.c" -o "$aout/rrashost.exe" -lpsapi
    # shellcheck disable=SC2086
    "$cc" $warn -O2 -static-libgcc -s $inc "$here/admin_acl.c" "$root/src/admin/core.c" \
        "$root/src/admin/policies.c" -o "$aout/admin_acl.exe"
    echo "ok  $aout/rasadmin.dll rasadmin_test.dll rrashost.exe admin_acl.exe"

    stage "$arch: the test DLLs (tests/c/admin_broken.c)"
    kill_at=""
    [ "$arch" = x86 ] && kill_at="-Wl,--kill-at"
    # shellcheck disable=SC2086
    "$cc" $warn -O2 -shared -static-libgcc -s $kill_at $inc -DMINIMAL "$here/admin_broken.c" \
        -o "$aout/minimal.dll"
    echo "$broken" | while IFS=: read -r name macro _missing; do
        # shellcheck disable=SC2086
        "$cc" $warn -O2 -shared -static-libgcc -s $kill_at $inc "-DOMIT_$macro" \
            "$here/admin_broken.c" -o "$aout/broken_$name.dll"
    done
    echo "ok  minimal.dll and $(echo "$broken" | wc -l) broken_*.dll"

    stage "$arch: exports"
    objdump="${cc%gcc}objdump"
    want=$(sed -n '/^EXPORTS/,$p' "$def" | sed -n 's/^[[:space:]]\{1,\}\([A-Za-z0-9_]*\).*/\1/p' |
        sort)
    for dll in rasadmin.dll rasadmin_test.dll; do
        got=$(exports_of "$objdump" "$aout/$dll")
        if [ "$got" != "$want" ]; then
            echo "admin: $arch $dll exports differ from rasadmin.def:" >&2
            echo "$got" >&2
            return 1
        fi
    done
    echo "ok  both DLLs export exactly rasadmin.def's $(echo "$want" | wc -l) names, undecorated"
    if [ "$arch" = x86 ]; then
        syms=$("${cc%gcc}nm" "$aout/admindll_test.o")
        for s in $stdcall_bytes; do
            if ! echo "$syms" | grep -q "T _$s\$"; then
                echo "admin: x86: _$s (__stdcall, $(echo "$s" | cut -d@ -f2) bytes of arguments)" \
                    "is not defined by admindll.c:" >&2
                echo "$syms" | grep -i "mpradmin\|raspyadmin" >&2
                return 1
            fi
        done
        echo "ok  every export is __stdcall with its argument bytes (_Name@N)"
        for dll in minimal.dll broken_no_terminate.dll; do
            if exports_of "$objdump" "$aout/$dll" | grep -q '@'; then
                echo "admin: x86 $dll exports decorated names" >&2
                return 1
            fi
        done
    fi
}

run_wine_tests() { # arch, outdir
    if [ "${RASSIM_WINE:-1}" = 0 ] || ! command -v wine >/dev/null 2>&1; then
        stage "$1: Wine not available (or RASSIM_WINE=0): run skipped"
        return 0
    fi
    stage "$1: the scenarios under Wine (tests/c/admin_wine.py)"
    python3 "$here/admin_wine.py" --arch "$1" --dir "$2"
}

mingw=${MINGW_CC:-x86_64-w64-mingw32-gcc}
mingw32=${MINGW32_CC:-i686-w64-mingw32-gcc}
only=${ADMIN_ONLY:-}
if [ -z "$only" ]; then
build_arch x64 "$mingw" "$out/x64"
build_arch x86 "$mingw32" "$out/x86" -Wl,--enable-stdcall-fixup

# Our own prefix: never the caller's (run.sh's or tools/wintest.py's).
WINEPREFIX="$out/wineprefix"
WINEDEBUG=-all
export WINEPREFIX WINEDEBUG
run_wine_tests x64 "$out/x64"
if [ -f /usr/lib/i386-linux-gnu/wine/i386-windows/kernel32.dll ] && [ -f /usr/lib/wine/wine ]; then
    run_wine_tests x86 "$out/x86"
else
    stage "x86 + Wine: skipped"
    echo "SKIPPED: the x86 admin DLL under Wine: 32-bit Wine (wine32:i386) is not installed"
fi
fi

zigpy=${ADMIN_ZIG_PYTHON:-python3}
if "$zigpy" -c 'import ziglang' 2>/dev/null; then
    stage "arm64: compile and link with zig's clang"
    zig="$zigpy -m ziglang cc -target aarch64-windows-gnu"
    mkdir -p "$out/arm64"
    # shellcheck disable=SC2086
    $zig $warn -O2 -s -shared $inc -DRASPY_ADMIN_TEST $dll_sources "$def" \
        -o "$out/arm64/rasadmin_test.dll"
    # shellcheck disable=SC2086
    $zig $warn -O2 -s -shared $inc $dll_sources "$def" -o "$out/arm64/rasadmin.dll"
    # shellcheck disable=SC2086
    $zig $warn -O2 -s $inc -I"$root/src/rassim" "$root/src/admin/rrashost.c" \
        "$root/src/rassim/rrasdll.c" -o "$out/arm64/rrashost.exe" -lpsapi
    # shellcheck disable=SC2086
    $zig $warn $inc -c "$here/admin_layout.c" -o "$out/arm64/admin_layout.o"
    python3 "$root/tools/peinfo.py" "$out/arm64/rasadmin.dll" >"$out/arm64/peinfo.txt"
    head -n 1 "$out/arm64/peinfo.txt" | grep "arm64 (0xAA64) dll=True"
    echo "ok  arm64 rasadmin.dll, rasadmin_test.dll, rrashost.exe"
elif [ "$only" = arm64 ]; then
    echo "admin: ADMIN_ONLY=arm64 but the ziglang package is not importable by $zigpy" >&2
    exit 1
else
    stage "arm64: skipped"
    echo "SKIPPED: the ARM64 admin DLL build here (ziglang not importable by $zigpy):" \
        "the winbuild_arm64 session builds it"
fi

printf '\nadmin: all stages passed\n'
