"""``python -m ras.admin install|uninstall|status``: register the admin DLL.

``install`` checks, before it registers anything, that the policy imports and
is a :class:`ras.admin.Policy`, and that no non-administrator can change the
Python installation, the DLL, the configuration or the policy's files
(``_acl.problems``); then writes the configuration next to the DLL and adds
the DLL to ``DLLPath``, keeping every other admin DLL.  ``uninstall`` removes
only this DLL (and its configuration).  RRAS reads both when the Routing and
Remote Access service starts: restart it afterwards.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ras.admin import _acl, _config, _registry, host

DLL_NAME = "rasadmin.dll"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def default_dll() -> str:
    """The admin DLL this package ships (beside this module)."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), DLL_NAME)


def config_path(dll: str) -> str:
    """Where the DLL reads its configuration: its own name with ``.ini``."""
    return os.path.splitext(dll)[0] + ".ini"


def policy_files(spec: str, path: str) -> list[str]:
    """The files and folders the policy is imported from (for the ACL check);
    raises what importing it raises, or TypeError when it is no Policy."""
    folders = [p for p in path.split(";") if p]
    saved = list(sys.path)
    sys.path[:0] = [f for f in folders if f not in sys.path]
    try:
        host._resolve(spec)  # imports it and checks the class; does not start it
        module_name = spec.partition(":")[0]
        found = importlib.util.find_spec(module_name)
    finally:
        sys.path[:] = saved
    files = list(folders)
    if found is not None and found.origin and os.path.exists(found.origin):
        files.append(found.origin)
        if found.submodule_search_locations:
            files += list(found.submodule_search_locations)
    return files


def secured_paths(dll: str, policy_paths: Sequence[str]) -> list[str]:
    """Everything the service would load or read."""
    import ras

    return [
        sys.base_prefix,
        os.path.dirname(os.path.abspath(ras.__file__)),
        dll,
        os.path.dirname(os.path.abspath(dll)),
        *policy_paths,
    ]


def install(
    reg: _registry.Registry,
    dll: str,
    config: _config.AdminConfig,
    check: Callable[[list[str]], list[str]] = _acl.problems,
) -> list[str]:
    """Check, write the configuration, register.  Returns the problems that
    stopped it ([] when installed); nothing is written when there is one."""
    if not os.path.isfile(dll):
        return [f"{dll}: the admin DLL is not there"]
    try:
        files = policy_files(config.policy, config.path)
    except Exception as e:
        return [f"policy {config.policy!r} cannot be loaded: {type(e).__name__}: {e}"]
    found = check(secured_paths(dll, files))
    if found:
        return found
    _config.write_config(config_path(dll), config)
    _registry.add_dll(reg, dll)
    if check([config_path(dll)]):  # the new file inherits its folder's ACL: checked above
        _registry.remove_dll(reg, dll)
        return [f"{config_path(dll)}: written, but others may change it; not registered"]
    return []


def uninstall(reg: _registry.Registry, dll: str) -> bool:
    """Remove this DLL from ``DLLPath`` and its configuration; whether it was registered."""
    removed = _registry.remove_dll(reg, dll)
    try:
        os.unlink(config_path(dll))
    except FileNotFoundError:
        pass
    return removed


def status(
    reg: _registry.Registry, dll: str, check: Callable[[list[str]], list[str]] = _acl.problems
) -> dict[str, Any]:
    """What is registered, configured and safe (``--json`` prints it)."""
    listed = _registry.dll_list(reg.get("DLLPath"))
    ours = [p for p in listed if _registry._same(p, dll)]
    doc: dict[str, Any] = {
        "dll": dll,
        "registered": bool(ours),
        "dll_path": listed,
        "display_name": reg.get("DisplayName"),
        "config": None,
        "policy_loads": None,
        "problems": [],
    }
    try:
        config = _config.read_config(config_path(dll))
    except (OSError, ValueError) as e:
        doc["problems"].append(f"configuration: {e}")
        return doc
    doc["config"] = {
        "policy": config.policy,
        "home": config.home,
        "path": config.path,
        "timeout": config.timeout,
        "accept_default": config.accept_default,
        "keep_address": config.keep_address,
        "workers": config.workers,
        "log_file": config.log_file,
    }
    try:
        files = policy_files(config.policy, config.path)
        doc["policy_loads"] = True
    except Exception as e:
        doc["policy_loads"] = False
        doc["problems"].append(f"policy: {type(e).__name__}: {e}")
        files = []
    doc["problems"] += check([*secured_paths(dll, files), config_path(dll)])
    return doc


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m ras.admin",
        description="Register an RRAS administration DLL that hosts a Python policy "
        "(docs/admin-dll.md). Restart the Routing and Remote Access service afterwards.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    i = sub.add_parser("install", help="check and register the DLL with a policy")
    i.add_argument("--policy", required=True, help="module, or module:Class, of a ras.admin.Policy")
    i.add_argument(
        "--path", action="append", default=[], help="a folder to import the policy from (repeat)"
    )
    i.add_argument("--timeout", type=float, default=5.0, help="seconds per call (default 5)")
    i.add_argument(
        "--accept-on-failure",
        action="store_true",
        help="accept when the policy fails or is late (default: deny)",
    )
    i.add_argument(
        "--refuse-address-on-failure",
        action="store_true",
        help="fail an address request when the policy fails (default: keep RRAS's address)",
    )
    i.add_argument("--workers", type=int, default=8, help="policy threads (default 8)")
    i.add_argument("--log-file", default="", help="the policy's log file")
    i.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING or ERROR")
    for q in (i, sub.add_parser("uninstall", help="unregister the DLL (only this one)")):
        q.add_argument("--dll", default=default_dll(), help=argparse.SUPPRESS)
    s = sub.add_parser("status", help="what is registered, and whether it is safe")
    s.add_argument("--json", action="store_true", help="print it as JSON")
    s.add_argument("--dll", default=default_dll(), help=argparse.SUPPRESS)
    return p


def _windows_registry() -> _registry.Registry:
    if sys.platform != "win32":
        raise OSError("the RAS administration DLL runs in Windows' Routing and Remote Access")
    return _registry.WindowsRegistry()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        reg = _windows_registry()
    except OSError as e:
        print(f"python -m ras.admin: {e}", file=sys.stderr)
        return EXIT_FAILED
    dll = os.path.abspath(args.dll)
    if args.command == "status":
        doc = status(reg, dll)
        if args.json:
            print(json.dumps(doc, indent=2))
        else:
            print(f"{dll}: {'registered' if doc['registered'] else 'not registered'}")
            for n, path in enumerate(doc["dll_path"], 1):
                print(f"  {n}. {path}")
            if doc["config"]:
                print(f"  policy {doc['config']['policy']} (loads: {doc['policy_loads']})")
            for problem in doc["problems"]:
                print(f"  problem: {problem}")
        return EXIT_OK if doc["registered"] and not doc["problems"] else EXIT_FAILED
    with _registry.registry_lock():  # type: ignore[attr-defined,unused-ignore]
        if args.command == "uninstall":
            removed = uninstall(reg, dll)
            print(f"{dll}: {'unregistered' if removed else 'was not registered'}")
            return EXIT_OK
        try:
            config = _config.AdminConfig(
                policy=args.policy,
                home=sys.base_prefix,
                path=";".join(os.path.abspath(p) for p in args.path),
                timeout=args.timeout,
                accept_default=args.accept_on_failure,
                keep_address=not args.refuse_address_on_failure,
                workers=args.workers,
                log_file=args.log_file,
                log_level=args.log_level,
            )
        except ValueError as e:
            print(f"python -m ras.admin install: {e}", file=sys.stderr)
            return EXIT_USAGE
        problems = install(reg, dll, config)
    if problems:
        print("Not installed:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{dll}: registered with policy {config.policy}; restart the RemoteAccess service")
    return EXIT_OK
