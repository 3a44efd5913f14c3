"""The errors family's classes: one per kind of failure, and the one table code -> class.

Every class is a subclass of ``ras.error`` (``pywintypes.error`` when pywin32 is
installed) with the same args ``(winerror, funcname, strerror)``, so
``except ras.error`` / ``except win32ras.error`` / ``except pywintypes.error``
catch them all.  Importing ``ras`` registers the table with the extension
(``_set_error_classes``): every function of ``ras`` and ``win32ras`` raises the
class of the code RAS returned.  docs/api/errors.md describes the hierarchy and
why it is this one.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import ras._ras as _ras
from ras._ras import error

__all__ = [
    "ERROR_CLASSES",
    "AccessDeniedError",
    "AlreadyExistsError",
    "AuthenticationError",
    "CertificateError",
    "ConfigurationError",
    "DeviceError",
    "DialError",
    "DialTimeoutError",
    "DisconnectedError",
    "EntryNotFoundError",
    "InvalidArgumentError",
    "InvalidHandleError",
    "InvalidStateError",
    "LineBusyError",
    "NegotiationError",
    "NotFoundError",
    "NotSupportedError",
    "OperationCancelledError",
    "PhonebookError",
    "PhonebookNotFoundError",
    "RasError",
    "ResourceError",
    "ServiceError",
    "UnreachableError",
    "classify",
    "error_for",
    "exception_for",
]


class RasError(error):
    """A RAS call failed: the root of every class ``ras`` raises.

    Args ``(winerror, funcname, strerror)``, as ``ras.error``'s.  A code the
    table does not list (a newer Windows' code, say) is raised as this class.
    """

    @property
    def code(self) -> int:
        """The RAS or Win32 error code: ``winerror``, by a name that says so."""
        return self.winerror


class InvalidArgumentError(RasError):
    """An argument, structure, size, buffer, flag or name was not valid.

    Code 0 too: pywin32's shape for an argument the extension rejects before
    calling RAS (``error(0, "<RasDialParams conversion>", ...)``).
    """


class InvalidHandleError(InvalidArgumentError):
    """The handle is not (or no longer) a connection or port RAS knows."""


class InvalidStateError(RasError):
    """Not now: a dial or request already in progress, a connection still up."""


class NotFoundError(RasError):
    """Something named does not exist (an entry, a phone book, a key, ...)."""


class EntryNotFoundError(NotFoundError):
    """The phone-book entry does not exist."""


class PhonebookError(RasError):
    """The phone-book file cannot be opened, loaded or written, or is corrupt."""


class PhonebookNotFoundError(NotFoundError, PhonebookError):
    """The phone-book file cannot be opened (it does not exist, most often)."""


class AlreadyExistsError(RasError):
    """The name (an entry's, an interface's) is already taken."""


class AccessDeniedError(RasError):
    """This process is not allowed to do that (an administrator's right, another owner)."""


class NotSupportedError(RasError):
    """This Windows, this entry or this method does not support the operation."""


class ResourceError(RasError):
    """Out of memory, buffers, ports, routes or (on the server) addresses."""


class ServiceError(RasError):
    """A Windows service or component RAS needs failed or is not running."""


class ConfigurationError(RasError):
    """A setting of the entry, the phone book or the system is invalid or missing."""


class DeviceError(RasError):
    """The modem, port, ISDN line, adapter or their .INF/.INI set-up failed or is busy."""


class OperationCancelledError(RasError):
    """The user cancelled a dialog RAS showed (``ERROR_CANCELLED``)."""


class DialError(RasError):
    """A connection could not be made, or it ended: the root of the dial failures."""


class AuthenticationError(DialError):
    """The server refused the credentials or the account (password, hours, policy)."""


class CertificateError(AuthenticationError):
    """A certificate, smart card or EAP-TLS/PEAP step of authentication failed."""


class UnreachableError(DialError):
    """The server cannot be reached or does not answer (name, route, firewall)."""


class LineBusyError(DialError):
    """The call did not get through: busy, no answer, no carrier or dial tone, refused."""


class NegotiationError(DialError):
    """The two ends did not agree: PPP, IPsec, encryption, addresses, protocols."""


class DialTimeoutError(DialError):
    """Connecting or hanging up took too long.

    A step RAS timed (PPP, IPsec, the server's reply), or a wait of ras's own
    (``dial(timeout=...)``, ``Connection.hangup(timeout=...)``: code 1460
    ``ERROR_TIMEOUT``).
    """


class DisconnectedError(DialError):
    """The connection was dropped or ended (by the server, the line, the user, sleep)."""


# The one table: each class and the codes raised as it.  Every code of the
# errors family (raserror.h's 600..870 and the Win32 codes RAS functions
# return, src/_ras/errors.c) is listed exactly once (tests/test_errors.py).
TABLE: tuple[tuple[type[RasError], tuple[int, ...]], ...] = (
    (
        RasError,
        (
            _ras.ERROR_UNKNOWN,
            _ras.WARNING_MSG_ALIAS_NOT_ADDED,
        ),
    ),
    (
        InvalidArgumentError,
        (
            _ras.ERROR_SUCCESS,  # 0: pywin32's shape for an argument rejected before the call
            _ras.ERROR_INVALID_PARAMETER,
            _ras.ERROR_INSUFFICIENT_BUFFER,
            _ras.ERROR_INVALID_NAME,
            _ras.ERROR_INVALID_FLAGS,
            _ras.ERROR_BUFFER_TOO_SMALL,
            _ras.ERROR_WRONG_INFO_SPECIFIED,
            _ras.ERROR_BUFFER_INVALID,
            _ras.ERROR_INVALID_SIZE,
            _ras.ERROR_BAD_STRING,
            _ras.ERROR_INVALID_TUNNELID,
        ),
    ),
    (
        InvalidHandleError,
        (
            _ras.ERROR_INVALID_HANDLE,
            _ras.ERROR_INVALID_PORT_HANDLE,
        ),
    ),
    (
        InvalidStateError,
        (
            _ras.PENDING,
            _ras.ERROR_ASYNC_REQUEST_PENDING,
            _ras.ERROR_ALREADY_DISCONNECTING,
            _ras.ERROR_IPXCP_DIALOUT_ALREADY_ACTIVE,
            _ras.ERROR_PROJECTION_NOT_COMPLETE,
            _ras.ERROR_DIAL_ALREADY_IN_PROGRESS,
            _ras.ERROR_CANNOT_DELETE,
            _ras.ERROR_UPDATECONNECTION_REQUEST_IN_PROCESS,
            _ras.ERROR_CANNOT_INITIATE_MOBIKE_UPDATE,
        ),
    ),
    (
        NotFoundError,
        (
            _ras.ERROR_FILE_NOT_FOUND,
            _ras.ERROR_NO_MORE_ITEMS,
            _ras.ERROR_KEY_NOT_FOUND,
            _ras.ERROR_BUNDLE_NOT_FOUND,
        ),
    ),
    (EntryNotFoundError, (_ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY,)),
    (PhonebookNotFoundError, (_ras.ERROR_CANNOT_OPEN_PHONEBOOK,)),
    (
        PhonebookError,
        (
            _ras.ERROR_CANNOT_LOAD_PHONEBOOK,
            _ras.ERROR_CANNOT_WRITE_PHONEBOOK,
            _ras.ERROR_CORRUPT_PHONEBOOK,
        ),
    ),
    (
        AlreadyExistsError,
        (
            _ras.ERROR_ALREADY_EXISTS,
            _ras.ERROR_IKEV2_PSK_INTERFACE_ALREADY_EXISTS,
        ),
    ),
    (
        AccessDeniedError,
        (
            _ras.ERROR_ACCESS_DENIED,
            _ras.ERROR_HANGUP_FAILED,  # the multi-protocol router's connection
        ),
    ),
    (
        NotSupportedError,
        (
            _ras.ERROR_NOT_SUPPORTED,
            _ras.ERROR_CALL_NOT_IMPLEMENTED,
            _ras.ERROR_CANNOT_DO_CUSTOMDIAL,
            _ras.ERROR_INVALID_FUNCTION_FOR_ENTRY,
            _ras.ERROR_FEATURE_DEPRECATED,
            _ras.ERROR_NOT_NAP_CAPABLE,
            _ras.ERROR_EAP_METHOD_DOES_NOT_SUPPORT_SSO,
            _ras.ERROR_EAP_METHOD_OPERATION_NOT_SUPPORTED,
        ),
    ),
    (
        ResourceError,
        (
            _ras.ERROR_NOT_ENOUGH_MEMORY,
            _ras.ERROR_ALLOCATING_MEMORY,
            _ras.ERROR_ROUTE_NOT_AVAILABLE,
            _ras.ERROR_ROUTE_NOT_ALLOCATED,
            _ras.ERROR_OUT_OF_BUFFERS,
            _ras.ERROR_NO_ENDPOINTS,
            _ras.ERROR_CANNOT_GET_LANA,
            _ras.ERROR_SERVER_OUT_OF_RESOURCES,
            _ras.ERROR_NO_IP_ADDRESSES,
        ),
    ),
    (
        ServiceError,
        (
            _ras.ERROR_EVENT_INVALID,
            _ras.ERROR_CANNOT_LOAD_STRING,
            _ras.ERROR_STATE_MACHINES_NOT_STARTED,
            _ras.ERROR_STATE_MACHINES_ALREADY_STARTED,
            _ras.ERROR_RASMAN_CANNOT_INITIALIZE,
            _ras.ERROR_ACCESSING_TCPCFGDLL,
            _ras.ERROR_INVALID_SMM,
            _ras.ERROR_SMM_UNINITIALIZED,
            _ras.ERROR_WRONG_MODULE,
            _ras.ERROR_RASAUTO_CANNOT_INITIALIZE,
            _ras.ERROR_RASQEC_RESOURCE_CREATION_FAILED,
            _ras.ERROR_RASQEC_NAPAGENT_NOT_ENABLED,
            _ras.ERROR_RASQEC_NAPAGENT_NOT_CONNECTED,
            _ras.ERROR_RASQEC_CONN_DOESNOTEXIST,
            _ras.ERROR_RASQEC_TIMEOUT,
            _ras.ERROR_IPSEC_SERVICE_STOPPED,
        ),
    ),
    (
        ConfigurationError,
        (
            _ras.ERROR_INVALID_COMPRESSION_SPECIFIED,
            _ras.ERROR_INTERACTIVE_MODE,
            _ras.ERROR_BAD_CALLBACK_NUMBER,
            _ras.ERROR_IP_CONFIGURATION,
            _ras.ERROR_PPP_NO_PROTOCOLS_CONFIGURED,
            _ras.ERROR_PHONE_NUMBER_TOO_LONG,
            _ras.ERROR_IPXCP_NO_DIALOUT_CONFIGURED,
            _ras.ERROR_IPXCP_NO_DIALIN_CONFIGURED,
            _ras.ERROR_NO_IP_RAS_ADAPTER,
            _ras.ERROR_SLIP_REQUIRES_IP,
            _ras.ERROR_PROTOCOL_NOT_CONFIGURED,
            _ras.ERROR_BAD_PHONE_NUMBER,
            _ras.ERROR_INVALID_CALLBACK_NUMBER,
            _ras.ERROR_SCRIPT_SYNTAX,
            _ras.ERROR_CONNECTION_ALREADY_SHARED,
            _ras.ERROR_SHARING_CHANGE_FAILED,
            _ras.ERROR_SHARING_ROUTER_INSTALL,
            _ras.ERROR_SHARE_CONNECTION_FAILED,
            _ras.ERROR_SHARING_PRIVATE_INSTALL,
            _ras.ERROR_CANNOT_SHARE_CONNECTION,
            _ras.ERROR_SHARING_ADDRESS_EXISTS,
            _ras.ERROR_SHARING_MULTIPLE_ADDRESSES,
            _ras.ERROR_NUMBERCHANGED,
            _ras.ERROR_SHARING_RRAS_CONFLICT,
            _ras.ERROR_SHARING_NO_PRIVATE_LAN,
            _ras.ERROR_NO_DIFF_USER_AT_LOGON,
            _ras.ERROR_NO_REG_CERT_AT_LOGON,
            _ras.ERROR_OAKLEY_NO_POLICY,
            _ras.ERROR_SHARING_HOST_ADDRESS_CONFLICT,
            _ras.ERROR_INVALID_MSCHAPV2_CONFIG,
            _ras.ERROR_INVALID_VPNSTRATEGY,
            _ras.ERROR_PROTOCOL_ENGINE_DISABLED,
            _ras.ERROR_MOBIKE_DISABLED,
            _ras.ERROR_INVALID_PREFERENCES,
            _ras.ERROR_EAP_METHOD_NOT_INSTALLED,
        ),
    ),
    (
        DeviceError,
        (
            _ras.ERROR_PORT_ALREADY_OPEN,
            _ras.ERROR_CANNOT_SET_PORT_INFO,
            _ras.ERROR_DEVICE_DOES_NOT_EXIST,
            _ras.ERROR_DEVICETYPE_DOES_NOT_EXIST,
            _ras.ERROR_PORT_NOT_FOUND,
            _ras.ERROR_PORT_NOT_OPEN,
            _ras.ERROR_HARDWARE_FAILURE,
            _ras.ERROR_PORT_NOT_AVAILABLE,
            _ras.ERROR_WRONG_DEVICE_ATTACHED,
            _ras.ERROR_FROM_DEVICE,
            _ras.ERROR_UNRECOGNIZED_RESPONSE,
            _ras.ERROR_MACRO_NOT_FOUND,
            _ras.ERROR_MACRO_NOT_DEFINED,
            _ras.ERROR_MESSAGE_MACRO_NOT_FOUND,
            _ras.ERROR_DEFAULTOFF_MACRO_NOT_FOUND,
            _ras.ERROR_FILE_COULD_NOT_BE_OPENED,
            _ras.ERROR_DEVICENAME_TOO_LONG,
            _ras.ERROR_DEVICENAME_NOT_FOUND,
            _ras.ERROR_NO_RESPONSES,
            _ras.ERROR_NO_COMMAND_FOUND,
            _ras.ERROR_WRONG_KEY_SPECIFIED,
            _ras.ERROR_UNKNOWN_DEVICE_TYPE,
            _ras.ERROR_PORT_NOT_CONFIGURED,
            _ras.ERROR_DEVICE_NOT_READY,
            _ras.ERROR_READING_INI_FILE,
            _ras.ERROR_BAD_USAGE_IN_INI_FILE,
            _ras.ERROR_READING_SECTIONNAME,
            _ras.ERROR_READING_DEVICETYPE,
            _ras.ERROR_READING_DEVICENAME,
            _ras.ERROR_READING_USAGE,
            _ras.ERROR_READING_MAXCONNECTBPS,
            _ras.ERROR_READING_MAXCARRIERBPS,
            _ras.ERROR_IN_COMMAND,
            _ras.ERROR_WRITING_SECTIONNAME,
            _ras.ERROR_WRITING_DEVICETYPE,
            _ras.ERROR_WRITING_DEVICENAME,
            _ras.ERROR_WRITING_MAXCONNECTBPS,
            _ras.ERROR_WRITING_MAXCARRIERBPS,
            _ras.ERROR_WRITING_USAGE,
            _ras.ERROR_WRITING_DEFAULTOFF,
            _ras.ERROR_READING_DEFAULTOFF,
            _ras.ERROR_EMPTY_INI_FILE,
            _ras.ERROR_PORT_OR_DEVICE,
            _ras.ERROR_NOT_BINARY_MACRO,
            _ras.ERROR_DCB_NOT_FOUND,
            _ras.ERROR_PARTIAL_RESPONSE_LOOPING,
            _ras.ERROR_UNKNOWN_RESPONSE_KEY,
            _ras.ERROR_RECV_BUF_FULL,
            _ras.ERROR_CMD_TOO_LONG,
            _ras.ERROR_UNSUPPORTED_BPS,
            _ras.ERROR_UNEXPECTED_RESPONSE,
            _ras.ERROR_WRITING_INITBPS,
            _ras.ERROR_X25_DIAGNOSTIC,
            _ras.ERROR_OVERRUN,
            _ras.ERROR_BIPLEX_PORT_NOT_AVAILABLE,
            _ras.ERROR_NO_ACTIVE_ISDN_LINES,
            _ras.ERROR_TAPI_CONFIGURATION,
            _ras.ERROR_NO_MAC_FOR_PORT,
            _ras.ERROR_NO_SMART_CARD_READER,
            _ras.ERROR_CONNECTING_DEVICE_NOT_FOUND,
            _ras.ERROR_BROADBAND_ACTIVE,
            _ras.ERROR_BROADBAND_NO_NIC,
        ),
    ),
    (OperationCancelledError, (_ras.ERROR_CANCELLED,)),
    (
        DialError,
        (
            _ras.ERROR_SERVER_GENERAL_NET_FAILURE,  # the server's network adapter failed
        ),
    ),
    (
        AuthenticationError,
        (
            _ras.ERROR_AUTH_INTERNAL,
            _ras.ERROR_RESTRICTED_LOGON_HOURS,
            _ras.ERROR_ACCT_DISABLED,
            _ras.ERROR_PASSWD_EXPIRED,
            _ras.ERROR_NO_DIALIN_PERMISSION,
            _ras.ERROR_AUTHENTICATION_FAILURE,
            _ras.ERROR_INVALID_AUTH_STATE,
            _ras.ERROR_ACCT_EXPIRED,
            _ras.ERROR_CHANGING_PASSWORD,
            _ras.ERROR_CANNOT_USE_LOGON_CREDENTIALS,
            _ras.ERROR_UNABLE_TO_AUTHENTICATE_SERVER,
            _ras.ERROR_OAKLEY_AUTH_FAIL,
            _ras.ERROR_UNKNOWN_FRAMED_PROTOCOL,
            _ras.ERROR_WRONG_TUNNEL_TYPE,
            _ras.ERROR_UNKNOWN_SERVICE_TYPE,
            _ras.ERROR_INVALID_PEAP_COOKIE_CONFIG,
            _ras.ERROR_INVALID_PEAP_COOKIE_USER,
            _ras.ERROR_VPN_BAD_PSK,
            _ras.ERROR_SERVER_POLICY,
            _ras.ERROR_PEAP_CRYPTOBINDING_INVALID,
            _ras.ERROR_PEAP_CRYPTOBINDING_NOTRECEIVED,
            _ras.ERROR_PEAP_SERVER_REJECTED_CLIENT_TLV,
            _ras.ERROR_INVALID_PEAP_COOKIE_ATTRIBUTES,
            _ras.ERROR_PEAP_IDENTITY_MISMATCH,
        ),
    ),
    (
        CertificateError,
        (
            _ras.ERROR_NO_CERTIFICATE,
            _ras.ERROR_SMART_CARD_REQUIRED,
            _ras.ERROR_CERT_FOR_ENCRYPTION_NOT_FOUND,
            _ras.ERROR_OAKLEY_NO_CERT,
            _ras.ERROR_OAKLEY_NO_PEER_CERT,
            _ras.ERROR_NO_EAPTLS_CERTIFICATE,
            _ras.ERROR_VALIDATING_SERVER_CERT,
            _ras.ERROR_READING_SCARD,
            _ras.ERROR_VPN_BAD_CERT,
            _ras.ERROR_EAPTLS_CACHE_CREDENTIALS_INVALID,
            _ras.ERROR_INVALID_SERVER_CERT,
            _ras.ERROR_EAPTLS_SCARD_CACHE_CREDENTIALS_INVALID,
            _ras.ERROR_EAP_USER_CERT_INVALID,
            _ras.ERROR_EAP_USER_CERT_EXPIRED,
            _ras.ERROR_EAP_USER_CERT_REVOKED,
            _ras.ERROR_EAP_USER_CERT_OTHER_ERROR,
            _ras.ERROR_EAP_SERVER_CERT_INVALID,
            _ras.ERROR_EAP_SERVER_CERT_EXPIRED,
            _ras.ERROR_EAP_SERVER_CERT_REVOKED,
            _ras.ERROR_EAP_SERVER_CERT_OTHER_ERROR,
            _ras.ERROR_EAP_USER_ROOT_CERT_NOT_FOUND,
            _ras.ERROR_EAP_USER_ROOT_CERT_INVALID,
            _ras.ERROR_EAP_USER_ROOT_CERT_EXPIRED,
            _ras.ERROR_EAP_SERVER_ROOT_CERT_NOT_FOUND,
            _ras.ERROR_EAP_SERVER_ROOT_CERT_INVALID,
            _ras.ERROR_EAP_SERVER_ROOT_CERT_NAME_REQUIRED,
            _ras.ERROR_EAPTLS_PASSWD_INVALID,
        ),
    ),
    (
        UnreachableError,
        (
            _ras.ERROR_SERVER_NOT_RESPONDING,
            _ras.ERROR_PPP_NO_RESPONSE,
            _ras.ERROR_BAD_ADDRESS_SPECIFIED,
            _ras.ERROR_OUTOFORDER,
            _ras.ERROR_AUTOMATIC_VPN_FAILED,
            _ras.ERROR_VPN_GRE_BLOCKED,
            _ras.ERROR_DNSNAME_NOT_RESOLVABLE,
        ),
    ),
    (
        LineBusyError,
        (
            _ras.ERROR_LINE_BUSY,
            _ras.ERROR_VOICE_ANSWER,
            _ras.ERROR_NO_ANSWER,
            _ras.ERROR_NO_CARRIER,
            _ras.ERROR_NO_DIALTONE,
            _ras.ERROR_NO_ISDN_CHANNELS_AVAILABLE,
            _ras.ERROR_CONNECTION_REJECT,
            _ras.ERROR_CONGESTION,
            _ras.ERROR_TEMPFAILURE,
            _ras.ERROR_BLOCKED,
            _ras.ERROR_DONOTDISTURB,
        ),
    ),
    (
        NegotiationError,
        (
            _ras.ERROR_CANNOT_PROJECT_CLIENT,
            _ras.ERROR_NETBIOS_ERROR,
            _ras.ERROR_NAME_EXISTS_ON_NET,
            _ras.ERROR_PPP_INVALID_PACKET,
            _ras.ERROR_PPP_NOT_CONVERGING,
            _ras.ERROR_PPP_CP_REJECTED,
            _ras.ERROR_PPP_LCP_TERMINATED,
            _ras.ERROR_PPP_REQUIRED_ADDRESS_REJECTED,
            _ras.ERROR_PPP_NCP_TERMINATED,
            _ras.ERROR_PPP_LOOPBACK_DETECTED,
            _ras.ERROR_PPP_NO_ADDRESS_ASSIGNED,
            _ras.ERROR_NO_LOCAL_ENCRYPTION,
            _ras.ERROR_NO_REMOTE_ENCRYPTION,
            _ras.ERROR_REMOTE_REQUIRES_ENCRYPTION,
            _ras.ERROR_IPXCP_NET_NUMBER_CONFLICT,
            _ras.ERROR_FAILED_TO_ENCRYPT,
            _ras.ERROR_INCOMPATIBLE,
            _ras.ERROR_OAKLEY_ATTRIB_FAIL,
            _ras.ERROR_OAKLEY_GENERAL_PROCESSING,
            _ras.ERROR_OAKLEY_ERROR,
            _ras.ERROR_VPN_REFUSED,
            _ras.ERROR_INTERNAL_ADDRESS_FAILURE,
            _ras.ERROR_FAILED_CP_REQUIRED,
            _ras.ERROR_TS_UNACCEPTABLE,
            _ras.ERROR_SSTP_COOKIE_SET_FAILURE,
        ),
    ),
    (
        DialTimeoutError,
        (
            _ras.ERROR_TIMEOUT,  # 1460: ras's own waits ran out
            _ras.ERROR_REQUEST_TIMEOUT,
            _ras.ERROR_PPP_TIMEOUT,
            _ras.ERROR_SMM_TIMEOUT,
            _ras.ERROR_OAKLEY_TIMED_OUT,
            _ras.ERROR_VPN_TIMEOUT,
            _ras.ERROR_BROADBAND_TIMEOUT,
        ),
    ),
    (
        DisconnectedError,
        (
            _ras.ERROR_PORT_NOT_CONNECTED,
            _ras.ERROR_PORT_DISCONNECTED,
            _ras.ERROR_DISCONNECTION,
            _ras.ERROR_REMOTE_DISCONNECTION,
            _ras.ERROR_USER_DISCONNECTION,
            _ras.ERROR_NO_CONNECTION,
            _ras.ERROR_TOO_MANY_LINE_ERRORS,
            _ras.ERROR_PPP_REMOTE_TERMINATED,
            _ras.ERROR_VPN_DISCONNECT,
            _ras.ERROR_IDLE_TIMEOUT,
            _ras.ERROR_LINK_FAILURE,
            _ras.ERROR_USER_LOGOFF,
            _ras.ERROR_FAST_USER_SWITCH,
            _ras.ERROR_HIBERNATION,
            _ras.ERROR_SYSTEM_SUSPENDED,
            _ras.ERROR_RASMAN_SERVICE_STOPPED,
        ),
    ),
)


def _by_code() -> dict[int, type[RasError]]:
    out: dict[int, type[RasError]] = {}
    for cls, codes in TABLE:
        for code in codes:
            if code in out:
                raise AssertionError(f"code {code} is listed twice: {out[code]} and {cls}")
            out[code] = cls
    return out


#: Every error code of the errors family -> the class it is raised as.
ERROR_CLASSES: Mapping[int, type[RasError]] = MappingProxyType(_by_code())

# The classes as the public names they have: ras.AuthenticationError, not
# ras._errors.AuthenticationError (tracebacks, repr, pickle).
for _cls in {cls for cls, _ in TABLE}:
    _cls.__module__ = "ras"
del _cls


def exception_for(code: int) -> type[RasError]:
    """The class an error with this RAS or Win32 code is raised as.

    A code of no class (one a newer Windows added) gives :class:`RasError`.
    """
    return ERROR_CLASSES.get(code, RasError)


def error_for(code: int, funcname: str) -> RasError:
    """The exception a failed call of `funcname` returning `code` raises, unraised.

    For codes that arrive as values (``Dial``'s result, a dial callback's
    error, ``GetConnectStatus``'s): ``raise ras.error_for(rc, "RasDial")``.
    Its args are ``(code, funcname, text)``, the text as the extension gives it.
    """
    return exception_for(code)(code, funcname, _ras._error_text(code & 0xFFFFFFFF))


def classify(exc: Exception) -> RasError:
    """`exc` as the class of its code: itself when it already is one.

    For an error raised by other code with ``ras.error``'s shape: pywin32's own
    ``win32ras`` (whose errors are plain ``pywintypes.error``), or one made
    with ``ras.error(...)``.  The new exception has the same args and
    traceback; args whose first item is no int give :class:`RasError`.
    """
    code = exc.args[0] if exc.args else None
    cls = exception_for(code) if type(code) is int else RasError
    if isinstance(exc, cls):
        return exc
    return cls(*exc.args).with_traceback(exc.__traceback__)


_ras._set_error_classes(dict(ERROR_CLASSES), RasError)
