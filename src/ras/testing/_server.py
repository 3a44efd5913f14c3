"""``Server``: what the simulated server of one entry does, as a scenario section.

Each field maps to keys of the simulator's scenario file (docs/simulator.md,
"Scenario files"); ``to_section()`` writes them.  Nothing here is invented:
a ``Server`` can only ask for what the simulator implements.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import re
from collections.abc import Mapping, Sequence
from typing import Literal

from ras._connection import ConnectionState
from ras._states import state_name
from ras.admin import _server as _admin_server
from ras.admin._policy import Policy

__all__ = ["Server"]

# The states a dial can be made to fail in: the running states the simulator
# walks through before Connected (docs/simulator.md, "Dialling" and "Callback,
# expired passwords and terminal steps").
_FAILABLE = (
    ConnectionState.OPEN_PORT,
    ConnectionState.PORT_OPENED,
    ConnectionState.CONNECT_DEVICE,
    ConnectionState.DEVICE_CONNECTED,
    ConnectionState.ALL_DEVICES_CONNECTED,
    ConnectionState.AUTHENTICATE,
    ConnectionState.AUTH_NOTIFY,
    ConnectionState.AUTH_PROJECT,
    ConnectionState.AUTH_ACK,
    ConnectionState.AUTHENTICATED,
    ConnectionState.PROJECTED,
    ConnectionState.AUTH_CHANGE_PASSWORD,
    ConnectionState.AUTH_CALLBACK,
    ConnectionState.PREPARE_FOR_CALLBACK,
    ConnectionState.WAIT_FOR_MODEM_RESET,
    ConnectionState.WAIT_FOR_CALLBACK,
    ConnectionState.CALLBACK_COMPLETE,
    ConnectionState.REAUTHENTICATE,
)
# Scenario values of Server.callback.
_CALLBACK = {"preset": "Preset", "set_by_caller": "SetByCaller"}
# A callback number RAS accepts (ERROR_INVALID_CALLBACK_NUMBER's 18 characters).
_CALLBACK_NUMBER = re.compile(r"[0-9TPWtpw()@ -]{1,128}")


@dataclasses.dataclass(frozen=True)
class Server:
    """The simulated server an entry dials.

    ``user``/``password``/``domain``: the only credentials it accepts (``None``:
    any); a mismatch fails the dial in ``RASCS_Authenticate`` with 691, or, for
    a dial with paused states, pauses it in ``RASCS_RetryAuthentication``.
    ``fail_at`` and ``error``: the dial fails in that state with that RAS error
    (default 651); with ``fail_count``, only the first that many dials of the
    entry fail (a server that answers on the third try).  ``state_delay``:
    seconds spent in each state; ``state_delays`` per state, over it.
    ``drop_after``/``drop_error``: the link drops that many seconds after
    ``RASCS_Connected`` (default error 628).  ``ipv4``/``ipv6`` and their
    ``server_`` forms: the addresses the connection gets (``ipv4`` defaults
    to 10.0.0.2 in the simulator when not given).  ``vpn_type``: ``"PPP"``
    or ``"IKEv2"`` projections.  ``eap_ui``: the dial pauses in
    ``RASCS_InvokeEapUI``; ``eap_user``/``eap_info``: the identity
    RasGetEapUserIdentity returns for an EAP entry (``CustomAuthKey``).
    ``dns_suffix``; ``bytes_per_second_in/out`` and ``bps`` for the
    statistics.

    The flows of docs/simulator.md, "Callback, expired passwords and terminal
    steps": ``callback`` is the user's callback attribute, ``"preset"`` (the
    server calls ``callback_number`` back) or ``"set_by_caller"`` (the dial's
    ``szCallbackNumber`` chooses; ``"*"`` with paused states asks in
    ``RASCS_CallbackSetByCaller``); ``password_expired``: the dial pauses in
    ``RASCS_PasswordExpired`` (fails with 648 without paused states) until a
    resume changes the password, which the server then takes instead of
    ``password``; ``interactive``: a terminal step, ``RASCS_Interactive``
    after ``RASCS_DeviceConnected`` (703 without paused states).

    ``policy``: the RRAS admin policy the server consults (docs/simulator.md,
    "The server's admin policy"): a spec as ``python -m ras.admin install
    --policy`` takes it (``"module:Class"``, ``"module"``), loaded once per
    spec at the first dial; or a :class:`ras.admin.Policy` object (or class),
    used as it is by this process's simulator.  It accepts the connection
    after authentication, may assign the client's IPv4 address (and its IPv6
    address, for a server with ``ipv6``), and hears
    the hang-up with the statistics; a refusal fails the dial in
    ``RASCS_AuthNotify`` with 629.

    ``admin_dlls``: instead of a Python policy, the RRAS administration DLLs
    the server loads and consults as RRAS does, in order (what the registry's
    ``DLLPath`` lists): ``ras/admin/rasadmin.dll`` configured with a policy, or
    any DLL of the contract.  Windows only (the simulator built as
    ``rasapi32.dll`` or ``ras._ras_sim``); elsewhere the dial fails with 669.

    The password is never shown in the repr.
    """

    user: str | None = None
    password: str | None = dataclasses.field(default=None, repr=False)
    domain: str | None = None
    fail_at: ConnectionState | None = None
    error: int | None = None
    fail_count: int | None = None
    state_delay: float = 0.0
    state_delays: Mapping[ConnectionState, float] = dataclasses.field(default_factory=dict)
    drop_after: float | None = None
    drop_error: int | None = None
    ipv4: ipaddress.IPv4Address | str | None = None
    server_ipv4: ipaddress.IPv4Address | str | None = None
    ipv6: ipaddress.IPv6Address | str | None = None
    server_ipv6: ipaddress.IPv6Address | str | None = None
    server_addresses: Sequence[ipaddress.IPv4Address | ipaddress.IPv6Address | str] = ()
    vpn_type: str | None = None
    eap_ui: bool = False
    eap_user: str | None = None
    eap_info: bytes | None = None
    dns_suffix: str | None = None
    bytes_per_second_in: int | None = None
    bytes_per_second_out: int | None = None
    bps: int | None = None
    callback: Literal["preset", "set_by_caller"] | None = None
    callback_number: str | None = None
    password_expired: bool = False
    interactive: bool = False
    policy: str | Policy | type[Policy] | None = None
    admin_dlls: Sequence[str | os.PathLike[str]] = ()

    def __post_init__(self) -> None:
        if self.callback is not None and self.callback not in _CALLBACK:
            raise ValueError("callback is 'preset', 'set_by_caller' or None")
        if (self.callback == "preset") != (self.callback_number is not None):
            raise ValueError("callback_number is the number of a 'preset' callback, and only that")
        if self.callback_number is not None and not _CALLBACK_NUMBER.fullmatch(
            self.callback_number
        ):
            raise ValueError(
                "callback_number: at most 128 of 0-9 T P W ( ) - @ and space (error 751's list)"
            )
        self._check_states()
        if isinstance(self.policy, str) and not self.policy.partition(":")[0]:
            raise ValueError("policy: 'module', 'module:Class', or a ras.admin.Policy")
        if self.policy is not None and not isinstance(self.policy, (str, Policy)):
            if not (isinstance(self.policy, type) and issubclass(self.policy, Policy)):
                raise TypeError("policy: 'module:Class', a ras.admin.Policy or its class")
        if self.admin_dlls and self.policy is not None:
            raise ValueError("policy or admin_dlls: the server consults one of them")
        if isinstance(self.admin_dlls, (str, os.PathLike)):
            raise TypeError("admin_dlls is a sequence of paths, not one path")
        for path in self.admin_dlls:
            text = os.fspath(path)
            if not text or ";" in text:
                raise ValueError(f"admin_dlls: {text!r} is no DLL path (empty, or with ';')")

    def _check_states(self) -> None:
        if self.fail_at is not None and self.fail_at not in _FAILABLE:
            raise ValueError(
                f"fail_at must be one of the states a dial walks through before "
                f"Connected, not {self.fail_at!r}"
            )
        if self.error is not None and self.fail_at is None:
            raise ValueError("error needs fail_at (the state the dial fails in)")
        if self.fail_count is not None and (self.fail_at is None or self.fail_count < 1):
            raise ValueError("fail_count needs fail_at, and counts at least one dial")
        for state, seconds in self.state_delays.items():
            if state not in _FAILABLE or seconds < 0:
                raise ValueError(f"state_delays: {state!r} is no state a dial waits in, or < 0")
        if self.error == 0 or self.drop_error == 0:
            raise ValueError("an error of 0 is no error")
        if self.state_delay < 0 or (self.drop_after is not None and self.drop_after < 0):
            raise ValueError("times are seconds, not negative")
        if self.vpn_type is not None and self.vpn_type.upper() not in ("PPP", "IKEV2"):
            raise ValueError("vpn_type is 'PPP' or 'IKEv2'")
        for name in ("ipv4", "server_ipv4"):
            value = getattr(self, name)
            if value is not None:
                ipaddress.IPv4Address(value)
        for name in ("ipv6", "server_ipv6"):
            value = getattr(self, name)
            if value is not None:
                ipaddress.IPv6Address(value)
        for value in self.server_addresses:
            ipaddress.ip_address(value)

    def to_section(self) -> dict[str, str]:
        """The scenario section of this server (key -> value)."""
        keys: dict[str, str] = {}

        def put(key: str, value: object) -> None:
            if value is not None:
                keys[key] = str(value)

        put("User", self.user)
        put("Password", self.password)
        put("Domain", self.domain)
        if self.fail_at is not None:
            keys["FailState"] = state_name(int(self.fail_at))
            put("FailError", self.error)
            put("FailCount", self.fail_count)
        if self.state_delay:
            keys["StateDelayMs"] = str(round(self.state_delay * 1000))
        for state, seconds in self.state_delays.items():
            keys[f"StateDelayMs.{state_name(int(state))}"] = str(round(seconds * 1000))
        if self.drop_after is not None:
            keys["DropAfterMs"] = str(round(self.drop_after * 1000))
        put("DropError", self.drop_error)
        put("IpAddress", self.ipv4)
        put("ServerIpAddress", self.server_ipv4)
        put("Ipv6Address", self.ipv6)
        put("ServerIpv6Address", self.server_ipv6)
        if self.server_addresses:
            keys["ServerAddresses"] = ",".join(str(a) for a in self.server_addresses)
        put("VpnType", self.vpn_type)
        if self.eap_ui:
            keys["InvokeEapUI"] = "1"
        put("EapUser", self.eap_user)
        if self.eap_info is not None:
            keys["EapInfo"] = self.eap_info.hex()
        put("DnsSuffix", self.dns_suffix)
        put("BytesPerSecondIn", self.bytes_per_second_in)
        put("BytesPerSecondOut", self.bytes_per_second_out)
        put("Bps", self.bps)
        if self.callback is not None:
            keys["Callback"] = _CALLBACK[self.callback]
        put("CallbackNumber", self.callback_number)
        if self.password_expired:
            keys["PasswordExpired"] = "1"
        if self.interactive:
            keys["Interactive"] = "1"
        if self.admin_dlls:
            keys["AdminDll"] = ";".join(os.fspath(p) for p in self.admin_dlls)
        if self.policy is not None:
            keys["AdminPolicy"] = (
                self.policy if isinstance(self.policy, str) else _admin_server.adopt(self.policy)
            )
        return keys
