"""RRAS administration DLL policies written in Python (docs/admin-dll.md).

Windows' Routing and Remote Access server asks the admin DLLs registered
under ``HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll`` about every connection.
The DLL this package ships hosts a :class:`Policy` of yours: subclass it,
override what you decide, and register it with
``python -m ras.admin install --policy yourmodule:YourPolicy``.

```python
import ras.admin

class OfficeHours(ras.admin.Policy):
    def accept_connection(self, connection: ras.admin.Connection) -> bool:
        return connection.user.lower() != "mallory"
```
"""

from __future__ import annotations

from ras.admin._policy import Policy
from ras.admin._values import (
    AddressRequest,
    Connection,
    ConnectionFlags,
    InterfaceType,
    Link,
    PortCondition,
    QuarantineState,
    Statistics,
)

__all__ = [
    "AddressRequest",
    "Connection",
    "ConnectionFlags",
    "InterfaceType",
    "Link",
    "Policy",
    "PortCondition",
    "QuarantineState",
    "Statistics",
]
