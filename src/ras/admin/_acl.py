"""Who can change what the RemoteAccess service would load.

The admin DLL runs inside a service with high privileges: a Python
installation, a policy module or a configuration that a non-administrator
can change is a way for that user to run code as the service.  ``problems``
lists, for each path, who other than the administrators can change it.

Windows: the path's owner must be Administrators, SYSTEM or TrustedInstaller
and no allow ACE that applies to the object may give anyone else a right that
changes it (write or append data, add a file or folder, delete, delete a
child, change the DACL or the owner, generic write or all).  Each ancestor
folder is checked for the rights that would let someone replace the path
(delete a child, change the DACL or owner, full control); creating new
folders at the root (which every user may) is not such a right.  Deny ACEs
are not credited: a grant anywhere is reported even if a deny would stop it
(conservative).  POSIX (the simulated server on Linux): owner root, no write
bit for group or others, on the path and its ancestors.
"""

from __future__ import annotations

import os
import stat
import sys

__all__ = ["judge", "problems"]

ADMIN_SIDS = {
    "S-1-5-32-544": "Administrators",
    "S-1-5-18": "SYSTEM",
    "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464": "TrustedInstaller",
    "S-1-3-0": "CREATOR OWNER",  # applies only to what an administrator creates
}

# Access rights that change a file or folder (winnt.h).
FILE_WRITE_DATA = 0x0002  # also FILE_ADD_FILE
FILE_APPEND_DATA = 0x0004  # also FILE_ADD_SUBDIRECTORY
FILE_WRITE_EA = 0x0010
FILE_DELETE_CHILD = 0x0040
FILE_WRITE_ATTRIBUTES = 0x0100
DELETE = 0x00010000
WRITE_DAC = 0x00040000
WRITE_OWNER = 0x00080000
GENERIC_ALL = 0x10000000
GENERIC_WRITE = 0x40000000
CHANGES_OBJECT = (
    FILE_WRITE_DATA
    | FILE_APPEND_DATA
    | FILE_WRITE_EA
    | FILE_DELETE_CHILD
    | FILE_WRITE_ATTRIBUTES
    | DELETE
    | WRITE_DAC
    | WRITE_OWNER
    | GENERIC_ALL
    | GENERIC_WRITE
)
REPLACES_CHILD = FILE_DELETE_CHILD | WRITE_DAC | WRITE_OWNER | GENERIC_ALL
INHERIT_ONLY_ACE = 0x08
ACCESS_ALLOWED_ACE_TYPE = 0


def _ancestors(path: str) -> list[str]:
    out = []
    current = os.path.dirname(os.path.abspath(path))
    while True:
        out.append(current)
        parent = os.path.dirname(current)
        if parent == current:
            return out
        current = parent


def judge(owner: str | None, aces: list[tuple[int, int, int, str]] | None, mask: int) -> list[str]:
    """The problems of one object: its owner's SID (None: unknown), its DACL's
    ACEs as ``(type, flags, access mask, SID)`` (None: no DACL at all), and
    the rights that count (``CHANGES_OBJECT`` for the object itself,
    ``REPLACES_CHILD`` for an ancestor)."""
    out = []
    if mask == CHANGES_OBJECT and owner not in ADMIN_SIDS:
        out.append(f"owned by {owner or '?'}, not by the administrators")
    if aces is None:
        return [*out, "no DACL: everyone has full control"]
    for ace_type, flags, access, sid in aces:
        if ace_type != ACCESS_ALLOWED_ACE_TYPE or flags & INHERIT_ONLY_ACE:
            continue
        granted = access & mask
        if granted and sid not in ADMIN_SIDS:
            out.append(f"{sid} may change it (access mask 0x{granted:08x})")
    return out


def problems(paths: list[str]) -> list[str]:
    """What a non-administrator could change, one line each; [] when nothing."""
    found: list[str] = []
    seen: set[str] = set()
    for path in paths:
        full = os.path.abspath(path)
        if not os.path.exists(full):
            found.append(f"{full}: does not exist")
            continue
        for target, mask in [(full, CHANGES_OBJECT)] + [
            (a, REPLACES_CHILD) for a in _ancestors(full)
        ]:
            key = f"{os.path.normcase(target)}:{mask}"
            if key in seen:
                continue
            seen.add(key)
            found += [f"{target}: {p}" for p in _check(target, mask)]
    return found


if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes

    _advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    SE_FILE_OBJECT = 1
    OWNER_SECURITY_INFORMATION = 0x1
    DACL_SECURITY_INFORMATION = 0x4

    class ACE_HEADER(ctypes.Structure):
        _fields_ = [
            ("AceType", ctypes.c_ubyte),
            ("AceFlags", ctypes.c_ubyte),
            ("AceSize", ctypes.c_ushort),
        ]

    class ACCESS_ALLOWED_ACE(ctypes.Structure):
        _fields_ = [("Header", ACE_HEADER), ("Mask", wintypes.DWORD), ("SidStart", wintypes.DWORD)]

    class ACL_SIZE_INFORMATION(ctypes.Structure):
        _fields_ = [
            ("AceCount", wintypes.DWORD),
            ("AclBytesInUse", wintypes.DWORD),
            ("AclBytesFree", wintypes.DWORD),
        ]

    _advapi32.GetNamedSecurityInfoW.argtypes = [
        wintypes.LPCWSTR, ctypes.c_int, wintypes.DWORD,
        ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_void_p),
    ]  # fmt: skip
    _advapi32.GetNamedSecurityInfoW.restype = wintypes.DWORD
    _advapi32.ConvertSidToStringSidW.argtypes = [ctypes.c_void_p, ctypes.POINTER(wintypes.LPWSTR)]
    _advapi32.ConvertSidToStringSidW.restype = wintypes.BOOL
    _advapi32.GetAclInformation.argtypes = [
        ctypes.c_void_p,
        ctypes.c_void_p,
        wintypes.DWORD,
        ctypes.c_int,
    ]
    _advapi32.GetAclInformation.restype = wintypes.BOOL
    _advapi32.GetAce.argtypes = [ctypes.c_void_p, wintypes.DWORD, ctypes.POINTER(ctypes.c_void_p)]
    _advapi32.GetAce.restype = wintypes.BOOL
    _kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    _kernel32.LocalFree.restype = ctypes.c_void_p

    def _sid_text(sid: int) -> str:
        text = wintypes.LPWSTR()
        if not _advapi32.ConvertSidToStringSidW(sid, ctypes.byref(text)):
            return "?"
        try:
            return str(text.value)
        finally:
            _kernel32.LocalFree(ctypes.cast(text, ctypes.c_void_p))

    def _check(path: str, mask: int) -> list[str]:
        owner = ctypes.c_void_p()
        dacl = ctypes.c_void_p()
        descriptor = ctypes.c_void_p()
        rc = _advapi32.GetNamedSecurityInfoW(
            path,
            SE_FILE_OBJECT,
            OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
            ctypes.byref(owner),
            None,
            ctypes.byref(dacl),
            None,
            ctypes.byref(descriptor),
        )
        if rc != 0:
            return [f"its security cannot be read (error {rc})"]
        try:
            owner_sid = _sid_text(owner.value) if owner.value else None
            if not dacl.value:
                return judge(owner_sid, None, mask)
            info = ACL_SIZE_INFORMATION()
            if not _advapi32.GetAclInformation(dacl, ctypes.byref(info), ctypes.sizeof(info), 2):
                return ["its DACL cannot be read"]
            aces = []
            for i in range(info.AceCount):
                ace = ctypes.c_void_p()
                if not _advapi32.GetAce(dacl, i, ctypes.byref(ace)) or not ace.value:
                    continue
                entry = ACCESS_ALLOWED_ACE.from_address(ace.value)
                header = entry.Header
                sid = "?"
                if header.AceType == ACCESS_ALLOWED_ACE_TYPE:
                    sid = _sid_text(ace.value + ACCESS_ALLOWED_ACE.SidStart.offset)
                aces.append((header.AceType, header.AceFlags, entry.Mask, sid))
            return judge(owner_sid, aces, mask)
        finally:
            _kernel32.LocalFree(descriptor)

else:

    def _check(path: str, mask: int) -> list[str]:
        st = os.stat(path)
        out = []
        if st.st_uid != 0:
            out.append(f"owned by uid {st.st_uid}, not by root")
        if stat.S_ISDIR(st.st_mode) and mask != CHANGES_OBJECT and st.st_mode & stat.S_ISVTX:
            return out  # sticky: others cannot replace what root owns in it
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            out.append(f"writable by group or others (mode {stat.S_IMODE(st.st_mode):o})")
        return out
