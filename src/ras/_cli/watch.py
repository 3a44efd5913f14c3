"""``pyras watch``: connections coming and going, live (``ras.watch()``).

One line per event (``connected 'Office' (handle 0x10000, vpn WAN Miniport
(IKEv2))`` with the time), or with ``--json`` one JSON object per line (JSON
Lines: a stream that never ends is not one document).  It runs until Ctrl-C,
``--count`` events, or ``--timeout`` quiet seconds.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from typing import Any

import ras
from ras._cli import output


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("watch", help="show connections as they are made and dropped")
    p.add_argument("entry", nargs="?", help="watch only this connected entry, until it ends")
    p.add_argument("--count", type=int, metavar="N", help="stop after N events")
    p.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="stop after this long without an event"
    )
    p.add_argument(
        "--existing", action="store_true", help="report the connections already up first"
    )
    p.add_argument("--json", action="store_true", help="one JSON object per event (JSON Lines)")
    p.set_defaults(run=watch)


def event_document(event: ras.ConnectionEvent) -> dict[str, Any]:
    """An event as ``--json`` prints it (schema: watch_event)."""
    return {
        "time": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "event": event.kind.value,
        "entry": event.entry,
        "handle": event.handle,
        "device_type": event.device_type,
        "device_name": event.device_name,
    }


def watch(args: argparse.Namespace) -> int:
    if args.count is not None and args.count < 1:
        output.error("--count must be at least 1")
        return 2
    if args.entry:
        from ras._cli.connections import find

        watcher = ras.watch(find(args.entry).handle)
    else:
        watcher = ras.watch(include_existing=args.existing)
    seen = 0
    with watcher:
        # The banner says the watcher is registered (nothing after it is
        # missed); with --json it goes to stderr, keeping stdout JSON Lines.
        what = f"{args.entry!r}" if args.entry else "every connection"
        banner = sys.stderr if args.json else sys.stdout
        banner.write(f"Watching {what} (Ctrl-C to stop)\n")
        banner.flush()
        for event in watcher.events(timeout=args.timeout):
            doc = event_document(event)
            if args.json:
                sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
            else:
                stamp = datetime.datetime.now().strftime("%H:%M:%S")
                sys.stdout.write(f"{stamp}  {event}\n")
            sys.stdout.flush()
            seen += 1
            if args.count is not None and seen >= args.count:
                break
    return 0
