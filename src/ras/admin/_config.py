"""The admin DLL's configuration file: ``<dll>.ini`` next to the DLL.

The DLL reads ``[policy]`` itself (src/admin/core.c: ``module``,
``timeout_ms``, ``accept_default``, ``address_default``, ``workers``,
``queue_limit``); ``[python]`` is for its Python host: ``policy`` (what
``ras.admin.host.load`` imports), ``home`` (the CPython it embeds),
``path``, ``log_file``, ``log_level``.  The file is UTF-16 with a byte-order
mark, the encoding in which ``GetPrivateProfileStringW`` reads any path (a
file without the mark is read in the ANSI code page).  Written atomically (a temporary file
in the same folder, then a rename) under a lock file, so that two
``install`` commands at once never leave half a file.
"""

from __future__ import annotations

import configparser
import contextlib
import dataclasses
import os
import sys
import tempfile
import time
from collections.abc import Iterator

__all__ = ["AdminConfig", "read_config", "write_config"]

# The [policy] module that hosts Python in the DLL.
PYTHON_MODULE = "python"


@dataclasses.dataclass(frozen=True)
class AdminConfig:
    """What ``install`` writes.  ``timeout`` in seconds."""

    policy: str
    home: str
    path: str = ""
    timeout: float = 5.0
    accept_default: bool = False
    keep_address: bool = True
    workers: int = 8
    queue_limit: int = 1024
    log_file: str = ""
    log_level: str = "INFO"

    def __post_init__(self) -> None:
        if not 0.001 <= self.timeout <= 600:
            raise ValueError("timeout: 0.001 to 600 seconds")
        if not 1 <= self.workers <= 64:
            raise ValueError("workers: 1 to 64")
        if not 1 <= self.queue_limit <= 65536:
            raise ValueError("queue_limit: 1 to 65536")
        if self.log_level.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError("log_level: DEBUG, INFO, WARNING, ERROR or CRITICAL")
        for name in ("policy", "home", "path", "log_file"):
            if any(c in getattr(self, name) for c in "\r\n\0"):
                raise ValueError(f"{name} holds a line break or NUL")

    def to_text(self) -> str:
        parser = configparser.ConfigParser(interpolation=None)
        parser["policy"] = {
            "module": PYTHON_MODULE,
            "timeout_ms": str(max(1, round(self.timeout * 1000))),
            "accept_default": "accept" if self.accept_default else "deny",
            "address_default": "keep" if self.keep_address else "refuse",
            "workers": str(self.workers),
            "queue_limit": str(self.queue_limit),
        }
        parser["python"] = {
            "policy": self.policy,
            "home": self.home,
            "path": self.path,
            "log_file": self.log_file,
            "log_level": self.log_level.upper(),
        }
        lines = [
            "; Written by python -m ras.admin install (docs/admin-dll.md).",
            "; The DLL reads it at every start of the Routing and Remote Access service.",
        ]
        with tempfile.SpooledTemporaryFile(mode="w+", encoding="utf-8") as f:
            parser.write(f)
            f.seek(0)
            return "\n".join(lines) + "\n" + f.read()


def read_config(path: str) -> AdminConfig:
    """The configuration at ``path``; ValueError when it is not one ``install`` wrote."""
    parser = configparser.ConfigParser(interpolation=None)
    with open(path, "rb") as raw:
        bom = raw.read(2)
    encoding = "utf-16" if bom in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
    with open(path, encoding=encoding) as f:
        parser.read_file(f)
    try:
        p, py = parser["policy"], parser["python"]
        if p.get("module") != PYTHON_MODULE:
            raise ValueError(f"[policy] module is {p.get('module')!r}, not {PYTHON_MODULE!r}")
        return AdminConfig(
            policy=py["policy"],
            home=py["home"],
            path=py.get("path", ""),
            timeout=int(p.get("timeout_ms", "5000")) / 1000,
            accept_default=p.get("accept_default", "deny") == "accept",
            keep_address=p.get("address_default", "keep") == "keep",
            workers=int(p.get("workers", "8")),
            queue_limit=int(p.get("queue_limit", "1024")),
            log_file=py.get("log_file", ""),
            log_level=py.get("log_level", "INFO"),
        )
    except KeyError as e:
        raise ValueError(f"{path}: missing {e}") from None


@contextlib.contextmanager
def file_lock(path: str, timeout: float = 10.0) -> Iterator[None]:
    """An exclusive lock across processes: ``path`` created and locked."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                _lock(fd)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{path} is locked by another process") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def write_config(path: str, config: AdminConfig) -> None:
    """Write ``config`` to ``path`` atomically, under ``path + ".lock"``."""
    text = config.to_text()
    folder = os.path.dirname(os.path.abspath(path))
    with file_lock(path + ".lock"):
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".ras-admin-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-16", newline="\r\n") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
