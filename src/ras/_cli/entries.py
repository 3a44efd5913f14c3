"""``pyras entries``, ``show``, ``add``, ``set``, ``remove``, ``rename``: phone-book entries.

``add`` and ``set`` take the common VPN settings as options, after
PowerShell's ``Add-VpnConnection`` / ``Set-VpnConnection`` (docs/cli.md has
the table of option, cmdlet parameter and :class:`ras.Entry` field).  ``set``
changes only what is given.  Secrets never come from the command line: the
password and the IPsec pre-shared key are read from stdin (``-``), a file
(``--psk-file``) or a prompt without echo (``--password '*'``).
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import getpass
import sys
from collections.abc import Callable
from typing import Any

import ras
from ras._cli import output

ERROR_ALREADY_EXISTS = 183
ERROR_INVALID_NAME = 123
ERROR_CANNOT_FIND_PHONEBOOK_ENTRY = 623
EXIT_FAILURE = 1

# --tunnel-type (Add-VpnConnection's -TunnelType) -> the entry's strategy.
TUNNEL_TYPES: dict[str, ras.VpnStrategy] = {
    "automatic": ras.VpnStrategy.DEFAULT,
    "pptp": ras.VpnStrategy.PPTP_ONLY,
    "l2tp": ras.VpnStrategy.L2TP_ONLY,
    "sstp": ras.VpnStrategy.SSTP_ONLY,
    "ikev2": ras.VpnStrategy.IKEV2_ONLY,
}

# --encryption (-EncryptionLevel) -> encryption_type.
ENCRYPTION: dict[str, ras.EncryptionType] = {
    "none": ras.EncryptionType.NONE,
    "optional": ras.EncryptionType.OPTIONAL,
    "required": ras.EncryptionType.REQUIRE,
    "maximum": ras.EncryptionType.REQUIRE_MAX,
}

# --auth (-AuthenticationMethod) -> the options / options2 flag it sets.
AUTH_METHODS: dict[str, ras.EntryOptions | ras.EntryOptions2] = {
    "pap": ras.EntryOptions.REQUIRE_PAP,
    "chap": ras.EntryOptions.REQUIRE_CHAP,
    "mschapv2": ras.EntryOptions.REQUIRE_MS_CHAP2,
    "eap": ras.EntryOptions.REQUIRE_EAP,
    "machine-certificate": ras.EntryOptions2.REQUIRE_MACHINE_CERTIFICATES,
}

# Every authentication flag --auth replaces (the legacy "encrypted password"
# flags too: a given list is the whole choice).
_AUTH_OPTIONS = (
    ras.EntryOptions.REQUIRE_PAP
    | ras.EntryOptions.REQUIRE_SPAP
    | ras.EntryOptions.REQUIRE_CHAP
    | ras.EntryOptions.REQUIRE_MS_CHAP
    | ras.EntryOptions.REQUIRE_MS_CHAP2
    | ras.EntryOptions.REQUIRE_W95_MSCHAP
    | ras.EntryOptions.REQUIRE_EAP
    | ras.EntryOptions.REQUIRE_ENCRYPTED_PW
    | ras.EntryOptions.REQUIRE_MS_ENCRYPTED_PW
)
_AUTH_OPTIONS2 = ras.EntryOptions2.REQUIRE_MACHINE_CERTIFICATES


class UsageError(Exception):
    """A bad option value found after parsing: exit status 2, as argparse's."""


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("entries", parents=[common], help="list the phone book's entries")
    p.add_argument("--json", action="store_true", help="print the names as JSON")
    p.set_defaults(run=list_entries)

    p = sub.add_parser("show", parents=[common], help="every setting of an entry")
    p.add_argument("entry", help="the phone-book entry")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(run=show)

    p = sub.add_parser(
        "add",
        parents=[common],
        help="add a VPN entry (like Add-VpnConnection)",
        description="Add a VPN entry with Entry.vpn's defaults and the settings given.",
    )
    p.add_argument("entry", help="the new entry's name")
    p.add_argument(
        "--server", required=True, help="the VPN server: host name or address (-ServerAddress)"
    )
    _settings(p, add=True)
    p.set_defaults(run=add)

    p = sub.add_parser(
        "set",
        parents=[common],
        help="change settings of an entry (like Set-VpnConnection)",
        description="Change the settings given; everything else stays as it is.",
    )
    p.add_argument("entry", help="the phone-book entry")
    p.add_argument("--server", help="the VPN server: host name or address (-ServerAddress)")
    _settings(p, add=False)
    p.set_defaults(run=set_entry)

    p = sub.add_parser("remove", parents=[common], help="delete an entry")
    p.add_argument("entry", help="the phone-book entry")
    p.set_defaults(run=remove)

    p = sub.add_parser("rename", parents=[common], help="rename an entry")
    p.add_argument("old", help="the entry's name")
    p.add_argument("new", help="its new name")
    p.set_defaults(run=rename)


def _dword(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= value <= 0xFFFFFFFF:
        raise argparse.ArgumentTypeError(f"out of range (0 to 4294967295): {value}")
    return value


def _auth_list(text: str) -> list[str]:
    methods = [m.strip().lower() for m in text.split(",") if m.strip()]
    for m in methods:
        if m not in AUTH_METHODS:
            raise argparse.ArgumentTypeError(
                f"unknown method {m!r} (choose from {', '.join(AUTH_METHODS)})"
            )
    if not methods:
        raise argparse.ArgumentTypeError("no method given")
    return methods


def _lower(text: str) -> str:
    return text.lower()


def _settings(p: argparse.ArgumentParser, *, add: bool) -> None:
    """The options add and set share (set: each defaults to "unchanged")."""
    p.add_argument(
        "--tunnel-type",
        type=_lower,
        choices=list(TUNNEL_TYPES),
        help="the tunnel protocol (-TunnelType; add's default: automatic)",
    )
    p.add_argument(
        "--auth",
        type=_auth_list,
        action="append",
        metavar="METHOD[,METHOD]",
        help=f"authentication methods, replacing the entry's: {', '.join(AUTH_METHODS)} "
        "(-AuthenticationMethod; repeatable)",
    )
    p.add_argument(
        "--eap-type", type=_dword, metavar="N", help="the EAP method number (customAuthKey)"
    )
    p.add_argument(
        "--encryption",
        type=_lower,
        choices=list(ENCRYPTION),
        help="data encryption (-EncryptionLevel; add's default: required)",
    )
    p.add_argument(
        "--split-tunnel",
        action=argparse.BooleanOptionalAction,
        help="only the remote network's traffic through the tunnel (-SplitTunneling)",
    )
    p.add_argument("--dns-suffix", metavar="SUFFIX", help="the connection's DNS suffix")
    p.add_argument(
        "--idle-disconnect",
        type=_dword,
        metavar="SECONDS",
        help="hang up after this long idle; 0: never (-IdleDisconnectSeconds)",
    )
    p.add_argument(
        "--remember-credential",
        action=argparse.BooleanOptionalAction,
        help="cache the credentials of the first successful connection (-RememberCredential)",
    )
    p.add_argument(
        "--use-winlogon-credential",
        action=argparse.BooleanOptionalAction,
        help="dial with the Windows logon credentials (-UseWinlogonCredential)",
    )
    psk = p.add_mutually_exclusive_group()
    psk.add_argument(
        "--psk",
        metavar="-",
        help="read the IPsec pre-shared key from stdin (-L2tpPsk); never on the command line",
    )
    psk.add_argument(
        "--psk-file", metavar="FILE", help="read the IPsec pre-shared key from FILE (-L2tpPsk)"
    )
    if not add:
        psk.add_argument("--clear-psk", action="store_true", help="forget the pre-shared key")
    p.add_argument("--user", help="save this user name for the entry")
    p.add_argument("--domain", help="save this domain for the entry")
    p.add_argument(
        "--password",
        metavar="-|*",
        help="save a password: '-' reads it from stdin, '*' asks for it without echo",
    )


# ---- reading entries -------------------------------------------------------------


def entry_json(entry: ras.Entry) -> dict[str, Any]:
    """Every field of `entry` by its attribute name (schema: entry)."""
    doc: dict[str, Any] = {}
    for f in dataclasses.fields(entry):
        if not f.init:
            continue
        value = getattr(entry, f.name)
        if isinstance(value, enum.IntFlag):
            doc[f.name] = output.flag_names(value)
        elif isinstance(value, enum.Enum):
            doc[f.name] = str(value.name)
        else:
            doc[f.name] = output.to_json(value)
    return doc


def entry_document(book: ras.Phonebook, name: str) -> dict[str, Any]:
    """What ``show --json`` prints (schema: entry_document)."""
    entry = book[name]
    creds = book.credentials(name)
    return {
        "name": _canonical_name(book, name),
        "phonebook": book.path,
        "entry": entry_json(entry),
        "split_tunnel": entry.split_tunnel,
        "credentials": {
            "user": creds.user,
            "domain": creds.domain,
            "password_saved": creds.password_saved,
        },
        "pre_shared_key_saved": book.pre_shared_key_saved(name),
    }


def _canonical_name(book: ras.Phonebook, name: str) -> str:
    """The name as the phone book spells it (names match without case)."""
    for n in book.names():
        if n.casefold() == name.casefold():
            return n
    return name


def list_entries(args: argparse.Namespace) -> int:
    book = ras.Phonebook(args.phonebook)
    names = book.names()
    if args.json:
        output.print_json(names)
        return 0
    if not names:
        print("No entries")
        return 0
    rows = []
    for name in names:
        e = book[name]
        rows.append([name, e.entry_type.name, e.phone_number, e.vpn_strategy.name, e.device_name])
    output.table(["NAME", "TYPE", "SERVER/NUMBER", "STRATEGY", "DEVICE"], rows)
    return 0


def _human(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "-"
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def show(args: argparse.Namespace) -> int:
    book = ras.Phonebook(args.phonebook)
    try:
        doc = entry_document(book, args.entry)
    except KeyError:
        return _missing(book, args.entry)
    if args.json:
        output.print_json(doc)
        return 0
    fields = doc["entry"]
    width = max(len(k) for k in fields) + 2
    print(f"{doc['name']}")
    for key, value in fields.items():
        print(f"  {key:<{width}}{_human(value)}")
    print(f"  {'split_tunnel':<{width}}{_human(doc['split_tunnel'])}")
    creds = doc["credentials"]
    print(f"  {'saved user':<{width}}{_human(creds['user'])}")
    print(f"  {'saved domain':<{width}}{_human(creds['domain'])}")
    print(f"  {'saved password':<{width}}{_human(creds['password_saved'])}")
    print(f"  {'saved pre-shared key':<{width}}{_human(doc['pre_shared_key_saved'])}")
    return 0


# ---- errors ----------------------------------------------------------------------


def _book_name(book: ras.Phonebook) -> str:
    return "the default phone book" if book.path is None else repr(book.path)


def _missing(book: ras.Phonebook, name: str) -> int:
    output.error(
        f"no entry named {name!r} in {_book_name(book)} ({ERROR_CANNOT_FIND_PHONEBOOK_ENTRY})"
    )
    return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY


def _name_error(book: ras.Phonebook, name: str, err: ras.RasError) -> int:
    if err.winerror == ERROR_ALREADY_EXISTS:
        output.error(
            f"an entry named {name!r} already exists in {_book_name(book)} ({err.winerror})"
        )
    elif err.winerror == ERROR_INVALID_NAME:
        output.error(f"{name!r} is not a valid entry name ({err.winerror})")
    else:
        raise err
    return err.winerror


# ---- secrets ---------------------------------------------------------------------


def _read_stdin_line(what: str) -> str:
    line = sys.stdin.readline()
    value = line.rstrip("\r\n")
    if not value:
        raise UsageError(f"no {what} on stdin")
    return value


def _secrets(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """The password and the pre-shared key the options ask for (None: not given)."""
    if args.psk is not None and args.psk != "-":
        raise UsageError(
            "--psk takes '-' (the key is read from stdin) or use --psk-file FILE: "
            "a key on the command line would be visible to other users"
        )
    if args.password is not None and args.password not in ("-", "*"):
        raise UsageError(
            "--password takes '-' (read from stdin) or '*' (asked for without echo): "
            "a password on the command line would be visible to other users"
        )
    if args.psk == "-" and args.password == "-":
        raise UsageError("only one of --password and --psk can read stdin")
    password = None
    if args.password == "-":
        password = _read_stdin_line("password")
    elif args.password == "*":
        password = getpass.getpass(f"Password for {args.user or args.entry}: ")
    psk = None
    if args.psk == "-":
        psk = _read_stdin_line("pre-shared key")
    elif args.psk_file is not None:
        with open(args.psk_file, encoding="utf-8") as f:
            psk = f.read().rstrip("\r\n")
        if not psk:
            raise UsageError(f"the pre-shared key file {args.psk_file!r} is empty")
    return password, psk


# ---- changing entries ------------------------------------------------------------


def _vpn_device(strategy: ras.VpnStrategy) -> str:
    return ras.Entry.vpn("", strategy=strategy).device_name


def apply_settings(entry: ras.Entry, args: argparse.Namespace) -> list[str]:
    """Sets the fields the options give; returns the attribute names changed."""
    changed: list[str] = []

    def put(attr: str, value: Any) -> None:
        setattr(entry, attr, value)
        changed.append(attr)

    if args.server is not None:
        put("phone_number", args.server)
    if args.tunnel_type is not None:
        strategy = TUNNEL_TYPES[args.tunnel_type]
        put("vpn_strategy", strategy)
        put("device_name", _vpn_device(strategy))
    if args.auth is not None:
        methods = {m for group in args.auth for m in group}
        options = entry.options & ~_AUTH_OPTIONS
        options2 = entry.options2 & ~_AUTH_OPTIONS2
        for m in methods:
            flag = AUTH_METHODS[m]
            if isinstance(flag, ras.EntryOptions):
                options |= flag
            else:
                options2 |= flag
        put("options", options)
        put("options2", options2)
    if args.eap_type is not None:
        put("custom_auth_key", args.eap_type)
    if args.encryption is not None:
        put("encryption_type", ENCRYPTION[args.encryption])
    if args.split_tunnel is not None:
        entry.split_tunnel = args.split_tunnel
        changed.append("split_tunnel")
    if args.dns_suffix is not None:
        put("dns_suffix", args.dns_suffix)
    if args.idle_disconnect is not None:
        put("idle_disconnect_seconds", args.idle_disconnect)
    if args.remember_credential is not None:
        flag2 = ras.EntryOptions2.CACHE_CREDENTIALS
        put(
            "options2",
            entry.options2 | flag2 if args.remember_credential else entry.options2 & ~flag2,
        )
    if args.use_winlogon_credential is not None:
        flag = ras.EntryOptions.USE_LOGON_CREDENTIALS
        on = args.use_winlogon_credential
        put("options", entry.options | flag if on else entry.options & ~flag)
    return list(dict.fromkeys(changed))


def _store_secrets(
    book: ras.Phonebook,
    name: str,
    args: argparse.Namespace,
    password: str | None,
    psk: str | None,
) -> None:
    if psk is not None:
        book.set_pre_shared_key(name, psk)
    elif getattr(args, "clear_psk", False):
        book.clear_pre_shared_key(name)
    if args.user is not None or args.domain is not None or password is not None:
        book.set_credentials(name, user=args.user, domain=args.domain, password=password)


def _psk_flag(entry: ras.Entry, args: argparse.Namespace, psk: str | None) -> None:
    """A key given turns on RASEO2_UsePreSharedKey; --clear-psk turns it off."""
    if psk is not None:
        entry.options2 |= ras.EntryOptions2.USE_PRE_SHARED_KEY
    elif getattr(args, "clear_psk", False):
        entry.options2 &= ~ras.EntryOptions2.USE_PRE_SHARED_KEY


def _guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except UsageError as e:
            output.error(str(e))
            return 2

    run.__name__ = command.__name__
    run.__doc__ = command.__doc__
    return run


@_guarded
def add(args: argparse.Namespace) -> int:
    book = ras.Phonebook(args.phonebook)
    password, psk = _secrets(args)
    try:
        ras.ValidateEntryName(book.path, args.entry)
    except ras.RasError as e:
        return _name_error(book, args.entry, e)
    strategy = TUNNEL_TYPES[args.tunnel_type or "automatic"]
    entry = ras.Entry.vpn(args.server, strategy=strategy)
    apply_settings(entry, args)
    _psk_flag(entry, args, psk)
    book[args.entry] = entry
    _store_secrets(book, args.entry, args, password, psk)
    print(f"Added {args.entry}")
    return 0


@_guarded
def set_entry(args: argparse.Namespace) -> int:
    book = ras.Phonebook(args.phonebook)
    password, psk = _secrets(args)
    try:
        entry = book[args.entry]
    except KeyError:
        return _missing(book, args.entry)
    changed = apply_settings(entry, args)
    _psk_flag(entry, args, psk)
    if changed or psk is not None or args.clear_psk:
        book[args.entry] = entry
    _store_secrets(book, args.entry, args, password, psk)
    if psk is not None or args.clear_psk:
        changed.append("pre-shared key")
    changed += [c for c, v in (("user", args.user), ("domain", args.domain)) if v is not None]
    if password is not None:
        changed.append("password")
    name = _canonical_name(book, args.entry)
    print(f"Changed {name}: {', '.join(changed)}" if changed else f"Nothing to change in {name}")
    return 0


def remove(args: argparse.Namespace) -> int:
    book = ras.Phonebook(args.phonebook)
    try:
        name = _canonical_name(book, args.entry)
        del book[args.entry]
    except KeyError:
        return _missing(book, args.entry)
    print(f"Removed {name}")
    return 0


def rename(args: argparse.Namespace) -> int:
    book = ras.Phonebook(args.phonebook)
    try:
        old = _canonical_name(book, args.old)
        book.rename(args.old, args.new)
    except KeyError:
        return _missing(book, args.old)
    except ras.RasError as e:
        return _name_error(book, args.new, e)
    print(f"Renamed {old} to {args.new}")
    return 0
