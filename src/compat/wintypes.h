/*
 * wintypes.h -- the few Windows base types the RAS declarations need, for
 * platforms that have no <windows.h>.  Sizes follow the Windows LLP64 model:
 * DWORD and LONG are 32 bits, WCHAR is a 16-bit UTF-16 code unit, handles and
 * ULONG_PTR are pointer sized.  Never included on Windows.
 */
#ifndef RASPY_WINTYPES_H
#define RASPY_WINTYPES_H

#ifdef _WIN32
#error "wintypes.h is for non-Windows builds; include <windows.h> instead"
#endif

#include <stddef.h>
#include <stdint.h>

typedef uint32_t DWORD;
typedef int32_t LONG;
typedef uint32_t ULONG;
typedef uint16_t WORD;
typedef uint8_t BYTE;
typedef int BOOL;
typedef unsigned int UINT;
typedef char CHAR;
typedef uint16_t WCHAR;
typedef uintptr_t ULONG_PTR;
typedef intptr_t LONG_PTR;
typedef uintptr_t WPARAM;
typedef intptr_t LPARAM;
typedef void *HANDLE;
typedef void *LPVOID;
typedef BYTE *PBYTE;
typedef DWORD *LPDWORD;
typedef BOOL *LPBOOL;
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;
typedef struct HWND__ *HWND;

#ifndef VOID
#define VOID void
#endif
#define WINAPI
#define APIENTRY
#define CALLBACK

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

#define MAX_PATH             260
#define UNLEN                256
#define PWLEN                256
#define DNLEN                15
#define NETBIOS_NAME_LEN     16

#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR) - 1)

typedef struct _GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
} GUID;

typedef struct _LUID {
    DWORD LowPart;
    LONG HighPart;
} LUID;

/* The Win32 error codes the RAS functions return besides the RAS range. */
#define ERROR_SUCCESS              0
#define ERROR_FILE_NOT_FOUND       2
#define ERROR_PATH_NOT_FOUND       3
#define ERROR_ACCESS_DENIED        5
#define ERROR_INVALID_HANDLE       6
#define ERROR_NOT_ENOUGH_MEMORY    8
#define ERROR_INVALID_DATA         13
#define ERROR_OUTOFMEMORY          14
#define ERROR_NOT_SUPPORTED        50
#define ERROR_INVALID_PARAMETER    87
#define ERROR_CALL_NOT_IMPLEMENTED 120
#define ERROR_INSUFFICIENT_BUFFER  122
#define ERROR_INVALID_NAME         123
#define ERROR_ALREADY_EXISTS       183
#define ERROR_NO_MORE_ITEMS        259
#define ERROR_INVALID_FLAGS        1004
#define ERROR_CANCELLED            1223
#define ERROR_TIMEOUT              1460

#endif /* RASPY_WINTYPES_H */
