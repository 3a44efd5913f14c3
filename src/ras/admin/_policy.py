"""``Policy``: what an RRAS administration DLL asks, answered in Python."""

from __future__ import annotations

from ras.admin._values import AddressRequest, Connection, IPAddress, Link

__all__ = ["Policy"]


class Policy:
    """The base of a dial-in policy: every method's default accepts everything.

    The admin DLL calls these on its worker threads, several at once (RRAS
    calls it from many threads): keep shared state behind a lock.  Each call
    must answer within the configured timeout; an answer that comes too late,
    an exception, or an answer of the wrong type counts as no answer, and the
    DLL decides by its configuration instead (by default: deny).  A policy
    must not call the RRAS administration functions (``MprAdmin*``) from
    inside a call: Windows documents that they never return there.

    RRAS runs the address calls in one process and the connection calls in
    another, so the same policy class is loaded twice: state shared between
    ``assign_address`` and ``accept_connection`` must live outside the process
    (a file, a database).
    """

    def start(self) -> None:
        """Once, when RRAS starts the DLL (``MprAdminInitializeDllEx``), before any call."""

    def stop(self) -> None:
        """Once, when RRAS stops the DLL (``MprAdminTerminateDll``), after the last call."""

    def accept_connection(self, connection: Connection) -> bool:
        """A user (or router) connects (``MprAdminAcceptNewConnectionEx``):
        ``True`` lets it in.  Every admin DLL RRAS loads must accept."""
        return True

    def accept_reauthentication(self, connection: Connection) -> bool:
        """A connected user authenticates again (``MprAdminAcceptReauthenticationEx``)."""
        return True

    def accept_link(self, link: Link) -> bool:
        """A link of a connection comes up (``MprAdminAcceptNewLink``); RRAS
        asks once right after an accepted connection, then for each more link."""
        return True

    def connection_ended(self, connection: Connection) -> None:
        """A connection hung up (``MprAdminConnectionHangupNotificationEx``):
        ``connection.statistics`` and ``duration`` are its totals."""

    def link_ended(self, link: Link) -> None:
        """A link went down (``MprAdminLinkHangupNotification``)."""

    def assign_address(self, request: AddressRequest) -> IPAddress | None:
        """The address a user gets (``MprAdminGetIpAddressForUser``, IPv6:
        ``MprAdminGetIpv6AddressForUser``): an address of ``request.family``
        to assign it (``release_address`` is then called when it is given
        back), or ``None`` to keep what RRAS proposes (``request.address``).
        RRAS asks only the first admin DLL that exports these."""
        return None

    def release_address(self, request: AddressRequest) -> None:
        """An address this policy assigned is given back (``MprAdminReleaseIpAddress``)."""
