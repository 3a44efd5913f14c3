"""A dial-in policy for an RRAS server, written in Python (docs/admin-dll.md).

- **Office hours**: remote access users connect on weekdays from 07:00 to
  20:00 (server time); the administrators named in ``ALWAYS`` at any time;
  demand-dial routers (site-to-site links) always.
- **An address pool**: each user gets the lowest free address of ``POOL``,
  given back when RRAS releases it; with the pool used up, RRAS's own choice.
- **Accounting**: one CSV row per connection that ends: when, who, how long,
  how many bytes each way, from which address.

Register it (as an administrator, from a folder only administrators can
change) with::

    python -m ras.admin install --policy office_policy:OfficePolicy --path C:\\RasPolicies

RRAS runs the address calls and the connection calls in two processes, each
with its own ``OfficePolicy``: the pool lives in the address process, the
accounting in the other; nothing here is shared between them.
"""

from __future__ import annotations

import csv
import datetime
import ipaddress
import os
import threading
from collections.abc import Callable, Iterable

import ras.admin

HOURS = (datetime.time(7, 0), datetime.time(20, 0))
WEEKDAYS = range(0, 5)  # Monday .. Friday
ALWAYS = frozenset({"administrator", "helpdesk"})
POOL = ipaddress.ip_network("10.20.0.0/28")
ACCOUNTING = os.path.join(os.path.dirname(os.path.abspath(__file__)), "accounting.csv")
COLUMNS = ["ended", "user", "domain", "seconds", "bytes_sent", "bytes_received", "address"]


class OfficePolicy(ras.admin.Policy):
    def __init__(
        self,
        accounting: str = ACCOUNTING,
        pool: ipaddress.IPv4Network = POOL,
        clock: Callable[[], datetime.datetime] = datetime.datetime.now,
        always: Iterable[str] = ALWAYS,
    ) -> None:
        self.accounting = accounting
        self.clock = clock
        self.always = {name.casefold() for name in always}
        self.free = list(pool.hosts())  # lowest first
        self.assigned: dict[str, ipaddress.IPv4Address] = {}  # by port
        self.lock = threading.Lock()  # RRAS calls from many threads at once

    # ---- who may connect ------------------------------------------------------

    def office_open(self) -> bool:
        now = self.clock()
        return now.weekday() in WEEKDAYS and HOURS[0] <= now.time() < HOURS[1]

    def accept_connection(self, connection: ras.admin.Connection) -> bool:
        if not connection.is_client:
            return True  # a demand-dial router
        return connection.user.casefold() in self.always or self.office_open()

    def accept_reauthentication(self, connection: ras.admin.Connection) -> bool:
        return self.accept_connection(connection)

    # ---- addresses --------------------------------------------------------------

    def assign_address(self, request: ras.admin.AddressRequest) -> ipaddress.IPv4Address | None:
        if request.family != 4:
            return None  # IPv6: RRAS's own
        with self.lock:
            if not self.free:
                return None
            address = self.free.pop(0)
            self.assigned[request.port] = address
            return address

    def release_address(self, request: ras.admin.AddressRequest) -> None:
        with self.lock:
            address = self.assigned.pop(request.port, None)
            if address is not None:
                self.free.append(address)
                self.free.sort()

    # ---- accounting ---------------------------------------------------------------

    def start(self) -> None:
        if not os.path.exists(self.accounting):
            with open(self.accounting, "w", newline="", encoding="utf-8") as f:
                csv.writer(f).writerow(COLUMNS)

    def connection_ended(self, connection: ras.admin.Connection) -> None:
        row = [
            self.clock().isoformat(timespec="seconds"),
            connection.user,
            connection.domain,
            connection.duration,
            connection.statistics.bytes_sent,
            connection.statistics.bytes_received,
            connection.client_ipv4 or "",
        ]
        with self.lock, open(self.accounting, "a", newline="", encoding="utf-8") as f:
            csv.writer(f).writerow(row)
