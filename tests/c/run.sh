#!/bin/sh
# tests/c/run.sh -- builds and runs the C tests of the simulated rasapi32.
#
#  0. gcc -c of every simulator source with the strict warnings docs/simulator.md
#     promises (-Wpedantic -Wshadow -Wmissing-prototypes -Wcast-qual -Wvla)
#  1. gcc, -std=c11 -Wall -Wextra -Werror, ASan + UBSan: build and run test_sim
#  2. gcc with ThreadSanitizer: build and run test_sim (skipped if unsupported)
#  3. x86_64-w64-mingw32-gcc -Wall -Wextra -Werror -c of every simulator source
#  4. mingw link of rasapi32.dll with src/rassim/rasapi32.def (and user32)
#  5. when wine is available (set RASSIM_WINE=0 to skip): test_sim.exe and
#     dll_smoke.exe (loads rasapi32.dll, resolves every export) under Wine
#
# Exit status is non-zero when any stage fails.  BUILD_DIR keeps the outputs.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${BUILD_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/rassim-build.XXXXXX")}
mkdir -p "$out"
inc="-I$root/src -I$root/src/compat"
warn="-Wall -Wextra -Werror"
sources=$(ls "$root"/src/rassim/*.c)
mingw=${MINGW_CC:-x86_64-w64-mingw32-gcc}

stage() { printf '\n== %s\n' "$1"; }

stage "gcc: every simulator source with the strict warnings (-c)"
strict="-std=c11 $warn -Wpedantic -Wshadow -Wmissing-prototypes -Wcast-qual -Wvla"
for f in $sources; do
    # shellcheck disable=SC2086
    gcc $strict $inc -c "$f" -o "$out/$(basename "$f" .c).strict.o"
done
echo "ok  $(echo $sources | wc -w) sources"

stage "gcc + AddressSanitizer + UndefinedBehaviorSanitizer"
# shellcheck disable=SC2086
gcc -std=c11 $warn -g -O1 -fno-omit-frame-pointer \
    -fsanitize=address,undefined -fno-sanitize-recover=all \
    $inc $sources "$here/test_sim.c" -o "$out/test_sim_asan" -pthread
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
    "$out/test_sim_asan"

stage "gcc + ThreadSanitizer"
# shellcheck disable=SC2086
if gcc -std=c11 $warn -g -O1 -fsanitize=thread $inc $sources "$here/test_sim.c" \
        -o "$out/test_sim_tsan" -pthread 2>"$out/tsan_build.log"; then
    TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 "$out/test_sim_tsan"
else
    echo "ThreadSanitizer unavailable, skipped:"; cat "$out/tsan_build.log"
fi

stage "mingw: compile every simulator source (-c)"
for f in $sources; do
    # shellcheck disable=SC2086
    "$mingw" $warn $inc -c "$f" -o "$out/$(basename "$f" .c).obj"
    echo "ok  $(basename "$f")"
done

stage "mingw: link rasapi32.dll"
# shellcheck disable=SC2086
"$mingw" $warn -O2 -shared $inc $sources "$root/src/rassim/rasapi32.def" \
    -o "$out/rasapi32.dll" -luser32
echo "ok  $out/rasapi32.dll"

if [ "${RASSIM_WINE:-1}" != 0 ] && command -v wine >/dev/null 2>&1; then
    stage "mingw + Wine: test_sim.exe and dll_smoke.exe"
    # shellcheck disable=SC2086
    "$mingw" $warn -O1 -g $inc $sources "$here/test_sim.c" -o "$out/test_sim.exe" -luser32
    # shellcheck disable=SC2086
    "$mingw" $warn -O1 $inc "$here/dll_smoke.c" -o "$out/dll_smoke.exe"
    run_wine() { # program, args...: runs under Wine, keeps the exit status
        rc=0
        WINEDEBUG=-all WINEDLLOVERRIDES="rasapi32=n" wine "$@" >"$out/wine.log" 2>/dev/null || rc=$?
        tr -d '\r' <"$out/wine.log"
        return "$rc"
    }
    run_wine "$out/test_sim.exe"
    dll=$(winepath -w "$out/rasapi32.dll" 2>/dev/null || echo "$out/rasapi32.dll")
    run_wine "$out/dll_smoke.exe" "$dll"
else
    stage "Wine not available (or RASSIM_WINE=0): Windows run skipped"
fi

printf '\nall stages passed\n'
