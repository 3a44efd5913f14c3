/*
 * pyd_load.c -- loads a built _ras.pyd with the Windows loader (under Wine)
 * where no CPython of its architecture can run it: tools/winbuild.py --arch
 * x86 builds it with i686-w64-mingw32-gcc and runs it under 32-bit Wine.
 *
 * The directory of the .pyd must hold the simulated rasapi32.dll and a
 * python3.dll exporting the stable ABI's names (winbuild makes a stub one:
 * nothing of it is called).  Loading maps the .pyd and every DLL it imports
 * (python3.dll, rasapi32.dll, the system DLLs of 32-bit Wine) and runs its CRT
 * start-up; then PyInit__ras must be exported, rasapi32.dll must be the
 * simulator, exporting RasSimVersion by its plain name, and a stdcall RAS
 * call through it must work.  (Wine binds an import missing from a DLL to a
 * stub that fails only when called, so winbuild also compares the import
 * and export tables by name.)
 *
 * With a second argument, the path of _ras_sim.pyd (the simulated twin), that
 * one is loaded first: it must export PyInit__ras_sim and must not have made
 * the loader map any rasapi32.dll (it calls the simulator compiled into it).
 *
 * Usage: pyd_load.exe <path of _ras.pyd> [<path of _ras_sim.pyd>]; prints
 * "pyd_load: ok ..." and exits 0, else says what failed and exits 1.
 */
#include <windows.h>

#include <stdio.h>

typedef DWORD(WINAPI *error_string_fn)(UINT, LPWSTR, DWORD);

static int
fail(const char *what)
{
    printf("pyd_load: FAILED: %s (GetLastError %lu)\n", what, (unsigned long)GetLastError());
    return 1;
}

int
main(int argc, char **argv)
{
    HMODULE pyd, ras, sim = NULL;
    FARPROC init, sim_version;
    error_string_fn error_string;
    WCHAR message[256];
    DWORD rc;

    if (argc != 2 && argc != 3) {
        printf("usage: pyd_load.exe <path of _ras.pyd> [<path of _ras_sim.pyd>]\n");
        return 2;
    }
    if (argc == 3) {
        sim = LoadLibraryExA(argv[2], NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
        if (sim == NULL) {
            return fail("LoadLibraryEx of _ras_sim.pyd (an import did not resolve?)");
        }
        if (GetProcAddress(sim, "PyInit__ras_sim") == NULL) {
            return fail("_ras_sim.pyd exports no PyInit__ras_sim");
        }
        if (GetModuleHandleA("rasapi32.dll") != NULL) {
            return fail("loading _ras_sim.pyd loaded a rasapi32.dll");
        }
    }
    pyd = LoadLibraryExA(argv[1], NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (pyd == NULL) {
        return fail("LoadLibraryEx of the .pyd (an import did not resolve?)");
    }
    init = GetProcAddress(pyd, "PyInit__ras");
    if (init == NULL) {
        return fail("the .pyd exports no PyInit__ras");
    }
    ras = GetModuleHandleA("rasapi32.dll");
    if (ras == NULL) {
        return fail("rasapi32.dll is not loaded beside the .pyd");
    }
    sim_version = GetProcAddress(ras, "RasSimVersion");
    if (sim_version == NULL) {
        return fail("rasapi32.dll exports no plain RasSimVersion: not the simulator, or "
                    "its exports are stdcall-decorated");
    }
    error_string = (error_string_fn)(void *)GetProcAddress(ras, "RasGetErrorStringW");
    if (error_string == NULL) {
        return fail("the simulator exports no RasGetErrorStringW");
    }
    rc = error_string(691, message, (DWORD)(sizeof message / sizeof message[0]));
    if (rc != 0 || message[0] == 0) {
        return fail("RasGetErrorStringW(691) through the simulator");
    }
    printf("pyd_load: ok: %s loaded, PyInit__ras exported, rasapi32 is the simulator, "
           "RasGetErrorStringW(691) answered%s%s\n",
           argv[1], sim != NULL ? "; loaded first without any rasapi32.dll: " : "",
           sim != NULL ? argv[2] : "");
    FreeLibrary(pyd);
    if (sim != NULL) {
        FreeLibrary(sim);
    }
    return 0;
}
