"""Typed phone-book entries: :class:`Entry` over ``RASENTRY`` and :class:`SubEntry`
over ``RASSUBENTRY``, with an enum or flag type for every enumerated or bit-mask
field (the entryprops family; the raw dicts are ``GetEntryProperties`` and
``GetSubEntryProperties``).

Every key of the raw dicts maps to exactly one attribute (``ENTRY_FIELDS``,
``SUBENTRY_FIELDS``), and ``Entry.from_dict(d).to_dict() == d`` for the dict of
any Windows version: values the enums do not know are kept (as members named
``UNKNOWN_<value>``), and the keys an older system does not have stay absent.
"""

from __future__ import annotations

import dataclasses
import enum
import ipaddress
import uuid
from collections.abc import Callable, Collection, Mapping
from typing import Any

from ras import _ras

__all__ = [
    "ENTRY_FIELDS",
    "SUBENTRY_FIELDS",
    "DeviceType",
    "DialMode",
    "EncryptionType",
    "Entry",
    "EntryOptions",
    "EntryOptions2",
    "EntryType",
    "FramingProtocol",
    "IkeIdType",
    "NetProtocols",
    "SubEntry",
    "VpnStrategy",
]


class _OpenIntEnum(enum.IntEnum):
    """An IntEnum that keeps a value it does not know (a newer Windows's) as a
    member named ``UNKNOWN_<value>`` instead of raising ``ValueError``, so that
    reading and writing an entry back loses nothing."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 0xFFFFFFFF:
            member = int.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}"
            member._value_ = value
            return member
        return None


class EntryType(_OpenIntEnum):
    """``RASENTRY.dwType`` (``RASET_*``): the kind of connection."""

    PHONE = _ras.RASET_Phone
    VPN = _ras.RASET_Vpn
    DIRECT = _ras.RASET_Direct
    INTERNET = _ras.RASET_Internet
    BROADBAND = _ras.RASET_Broadband


class VpnStrategy(_OpenIntEnum):
    """``RASENTRY.dwVpnStrategy`` (``VS_*``): which tunnel protocols, in which order."""

    DEFAULT = _ras.VS_Default
    PPTP_ONLY = _ras.VS_PptpOnly
    PPTP_FIRST = _ras.VS_PptpFirst
    L2TP_ONLY = _ras.VS_L2tpOnly
    L2TP_FIRST = _ras.VS_L2tpFirst
    SSTP_ONLY = _ras.VS_SstpOnly
    SSTP_FIRST = _ras.VS_SstpFirst
    IKEV2_ONLY = _ras.VS_Ikev2Only
    IKEV2_FIRST = _ras.VS_Ikev2First
    GRE_ONLY = _ras.VS_GREOnly
    PPTP_SSTP = _ras.VS_PptpSstp
    L2TP_SSTP = _ras.VS_L2tpSstp
    IKEV2_SSTP = _ras.VS_Ikev2Sstp
    PROTOCOL_LIST = _ras.VS_ProtocolList


class EncryptionType(_OpenIntEnum):
    """``RASENTRY.dwEncryptionType`` (``ET_*``)."""

    NONE = _ras.ET_None
    REQUIRE = _ras.ET_Require
    REQUIRE_MAX = _ras.ET_RequireMax
    OPTIONAL = _ras.ET_Optional


class FramingProtocol(_OpenIntEnum):
    """``RASENTRY.dwFramingProtocol`` (``RASFP_*``)."""

    PPP = _ras.RASFP_Ppp
    SLIP = _ras.RASFP_Slip
    RAS = _ras.RASFP_Ras


class DialMode(_OpenIntEnum):
    """``RASENTRY.dwDialMode`` (``RASEDM_*``): how a multilink entry dials its links."""

    DIAL_ALL = _ras.RASEDM_DialAll
    DIAL_AS_NEEDED = _ras.RASEDM_DialAsNeeded


class IkeIdType(_OpenIntEnum):
    """``RASENTRY.IdiType`` / ``IdrType`` (``IKEV2_ID_PAYLOAD_TYPE_*``)."""

    INVALID = _ras.IKEV2_ID_PAYLOAD_TYPE_INVALID
    IPV4_ADDR = _ras.IKEV2_ID_PAYLOAD_TYPE_IPV4_ADDR
    FQDN = _ras.IKEV2_ID_PAYLOAD_TYPE_FQDN
    RFC822_ADDR = _ras.IKEV2_ID_PAYLOAD_TYPE_RFC822_ADDR
    IPV6_ADDR = _ras.IKEV2_ID_PAYLOAD_TYPE_ID_IPV6_ADDR
    DER_ASN1_DN = _ras.IKEV2_ID_PAYLOAD_TYPE_DER_ASN1_DN
    DER_ASN1_GN = _ras.IKEV2_ID_PAYLOAD_TYPE_DER_ASN1_GN
    KEY_ID = _ras.IKEV2_ID_PAYLOAD_TYPE_KEY_ID


class NetProtocols(enum.IntFlag):
    """``RASENTRY.dwfNetProtocols`` (``RASNP_*``)."""

    NETBEUI = _ras.RASNP_NetBEUI
    IPX = _ras.RASNP_Ipx
    IP = _ras.RASNP_Ip
    IPV6 = _ras.RASNP_Ipv6


class EntryOptions(enum.IntFlag):
    """``RASENTRY.dwfOptions`` (``RASEO_*``)."""

    USE_COUNTRY_AND_AREA_CODES = _ras.RASEO_UseCountryAndAreaCodes
    SPECIFIC_IP_ADDR = _ras.RASEO_SpecificIpAddr
    SPECIFIC_NAME_SERVERS = _ras.RASEO_SpecificNameServers
    IP_HEADER_COMPRESSION = _ras.RASEO_IpHeaderCompression
    REMOTE_DEFAULT_GATEWAY = _ras.RASEO_RemoteDefaultGateway
    DISABLE_LCP_EXTENSIONS = _ras.RASEO_DisableLcpExtensions
    TERMINAL_BEFORE_DIAL = _ras.RASEO_TerminalBeforeDial
    TERMINAL_AFTER_DIAL = _ras.RASEO_TerminalAfterDial
    MODEM_LIGHTS = _ras.RASEO_ModemLights
    SW_COMPRESSION = _ras.RASEO_SwCompression
    REQUIRE_ENCRYPTED_PW = _ras.RASEO_RequireEncryptedPw
    REQUIRE_MS_ENCRYPTED_PW = _ras.RASEO_RequireMsEncryptedPw
    REQUIRE_DATA_ENCRYPTION = _ras.RASEO_RequireDataEncryption
    NETWORK_LOGON = _ras.RASEO_NetworkLogon
    USE_LOGON_CREDENTIALS = _ras.RASEO_UseLogonCredentials
    PROMOTE_ALTERNATES = _ras.RASEO_PromoteAlternates
    SECURE_LOCAL_FILES = _ras.RASEO_SecureLocalFiles
    REQUIRE_EAP = _ras.RASEO_RequireEAP
    REQUIRE_PAP = _ras.RASEO_RequirePAP
    REQUIRE_SPAP = _ras.RASEO_RequireSPAP
    CUSTOM = _ras.RASEO_Custom
    PREVIEW_PHONE_NUMBER = _ras.RASEO_PreviewPhoneNumber
    SHARED_PHONE_NUMBERS = _ras.RASEO_SharedPhoneNumbers
    PREVIEW_USER_PW = _ras.RASEO_PreviewUserPw
    PREVIEW_DOMAIN = _ras.RASEO_PreviewDomain
    SHOW_DIALING_PROGRESS = _ras.RASEO_ShowDialingProgress
    REQUIRE_CHAP = _ras.RASEO_RequireCHAP
    REQUIRE_MS_CHAP = _ras.RASEO_RequireMsCHAP
    REQUIRE_MS_CHAP2 = _ras.RASEO_RequireMsCHAP2
    REQUIRE_W95_MSCHAP = _ras.RASEO_RequireW95MSCHAP
    CUSTOM_SCRIPT = _ras.RASEO_CustomScript


class EntryOptions2(enum.IntFlag):
    """``RASENTRY.dwfOptions2`` (``RASEO2_*``, Windows XP and later)."""

    SECURE_FILE_AND_PRINT = _ras.RASEO2_SecureFileAndPrint
    SECURE_CLIENT_FOR_MS_NET = _ras.RASEO2_SecureClientForMSNet
    DONT_NEGOTIATE_MULTILINK = _ras.RASEO2_DontNegotiateMultilink
    DONT_USE_RAS_CREDENTIALS = _ras.RASEO2_DontUseRasCredentials
    USE_PRE_SHARED_KEY = _ras.RASEO2_UsePreSharedKey
    INTERNET = _ras.RASEO2_Internet
    DISABLE_NBT_OVER_IP = _ras.RASEO2_DisableNbtOverIP
    USE_GLOBAL_DEVICE_SETTINGS = _ras.RASEO2_UseGlobalDeviceSettings
    RECONNECT_IF_DROPPED = _ras.RASEO2_ReconnectIfDropped
    SHARE_PHONE_NUMBERS = _ras.RASEO2_SharePhoneNumbers
    SECURE_ROUTING_COMPARTMENT = _ras.RASEO2_SecureRoutingCompartment
    USE_TYPICAL_SETTINGS = _ras.RASEO2_UseTypicalSettings
    IPV6_SPECIFIC_NAME_SERVERS = _ras.RASEO2_IPv6SpecificNameServers
    IPV6_REMOTE_DEFAULT_GATEWAY = _ras.RASEO2_IPv6RemoteDefaultGateway
    REGISTER_IP_WITH_DNS = _ras.RASEO2_RegisterIpWithDNS
    USE_DNS_SUFFIX_FOR_REGISTRATION = _ras.RASEO2_UseDNSSuffixForRegistration
    IPV4_EXPLICIT_METRIC = _ras.RASEO2_IPv4ExplicitMetric
    IPV6_EXPLICIT_METRIC = _ras.RASEO2_IPv6ExplicitMetric
    DISABLE_IKE_NAME_EKU_CHECK = _ras.RASEO2_DisableIKENameEkuCheck
    DISABLE_CLASS_BASED_STATIC_ROUTE = _ras.RASEO2_DisableClassBasedStaticRoute
    SPECIFIC_IPV6_ADDR = _ras.RASEO2_SpecificIPv6Addr
    DISABLE_MOBILITY = _ras.RASEO2_DisableMobility
    REQUIRE_MACHINE_CERTIFICATES = _ras.RASEO2_RequireMachineCertificates
    USE_PRE_SHARED_KEY_FOR_IKEV2_INITIATOR = _ras.RASEO2_UsePreSharedKeyForIkev2Initiator
    USE_PRE_SHARED_KEY_FOR_IKEV2_RESPONDER = _ras.RASEO2_UsePreSharedKeyForIkev2Responder
    CACHE_CREDENTIALS = _ras.RASEO2_CacheCredentials
    AUTO_TRIGGER_CAPABLE = _ras.RASEO2_AutoTriggerCapable
    IS_THIRD_PARTY_PROFILE = _ras.RASEO2_IsThirdPartyProfile
    AUTH_TYPE_IS_OTP = _ras.RASEO2_AuthTypeIsOtp
    IS_ALWAYS_ON = _ras.RASEO2_IsAlwaysOn
    IS_PRIVATE_NETWORK = _ras.RASEO2_IsPrivateNetwork
    PLUMB_IKEV2_TS_AS_ROUTES = _ras.RASEO2_PlumbIKEv2TSAsRoutes


class DeviceType(str, enum.Enum):
    """``szDeviceType`` (``RASDT_*``): a string; one Windows does not list is kept
    as a member named ``UNKNOWN_<value>`` with that exact string."""

    MODEM = "modem"
    ISDN = "isdn"
    X25 = "x25"
    VPN = "vpn"
    PAD = "pad"
    GENERIC = "GENERIC"
    SERIAL = "SERIAL"
    FRAME_RELAY = "FRAMERELAY"
    ATM = "ATM"
    SONET = "SONET"
    SW56 = "SW56"
    IRDA = "IRDA"
    PARALLEL = "PARALLEL"
    PPPOE = "PPPoE"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            member = str.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}"
            member._value_ = value
            return member
        return None


IPV4_ANY = ipaddress.IPv4Address(0)
IPV6_ANY = ipaddress.IPv6Address(0)

# The device Windows uses for each tunnel strategy (Entry.vpn picks it).
_VPN_DEVICES = {
    VpnStrategy.PPTP_ONLY: "WAN Miniport (PPTP)",
    VpnStrategy.PPTP_FIRST: "WAN Miniport (PPTP)",
    VpnStrategy.PPTP_SSTP: "WAN Miniport (PPTP)",
    VpnStrategy.L2TP_ONLY: "WAN Miniport (L2TP)",
    VpnStrategy.L2TP_FIRST: "WAN Miniport (L2TP)",
    VpnStrategy.L2TP_SSTP: "WAN Miniport (L2TP)",
    VpnStrategy.SSTP_ONLY: "WAN Miniport (SSTP)",
    VpnStrategy.SSTP_FIRST: "WAN Miniport (SSTP)",
    VpnStrategy.GRE_ONLY: "WAN Miniport (GRE)",
}
_IKEV2_DEVICE = "WAN Miniport (IKEv2)"

# The VPN defaults (DotRas's RasEntry.CreateVpnEntry on Windows 7 and later).
_VPN_OPTIONS = (
    EntryOptions.REMOTE_DEFAULT_GATEWAY
    | EntryOptions.MODEM_LIGHTS
    | EntryOptions.REQUIRE_ENCRYPTED_PW
    | EntryOptions.PREVIEW_USER_PW
    | EntryOptions.PREVIEW_DOMAIN
    | EntryOptions.SHOW_DIALING_PROGRESS
)
_VPN_OPTIONS2 = (
    EntryOptions2.IPV6_REMOTE_DEFAULT_GATEWAY
    | EntryOptions2.DONT_NEGOTIATE_MULTILINK
    | EntryOptions2.RECONNECT_IF_DROPPED
    | EntryOptions2.USE_TYPICAL_SETTINGS
)


@dataclasses.dataclass
class Entry:
    """A phone-book entry (``RASENTRY``).  The defaults are a VPN entry as
    :meth:`vpn` makes it; :meth:`dial_up` and :meth:`broadband` make the other
    kinds.  ``guid`` and ``sub_entry_count`` are read-only (Windows ignores
    them when the entry is stored).  A plain (mutable) dataclass: it is a copy
    of what the phone book holds, changed and stored back with
    ``book[name] = entry``."""

    # NT 4
    options: EntryOptions = _VPN_OPTIONS
    country_id: int = 0
    country_code: int = 0
    area_code: str = ""
    phone_number: str = ""
    ip_address: ipaddress.IPv4Address = IPV4_ANY
    dns_server: ipaddress.IPv4Address = IPV4_ANY
    dns_server_alt: ipaddress.IPv4Address = IPV4_ANY
    wins_server: ipaddress.IPv4Address = IPV4_ANY
    wins_server_alt: ipaddress.IPv4Address = IPV4_ANY
    frame_size: int = 0
    net_protocols: NetProtocols = NetProtocols.IP | NetProtocols.IPV6
    framing_protocol: FramingProtocol = FramingProtocol.PPP
    script: str = ""
    autodial_dll: str = ""
    autodial_func: str = ""
    device_type: DeviceType = DeviceType.VPN
    device_name: str = _IKEV2_DEVICE
    x25_pad_type: str = ""
    x25_address: str = ""
    x25_facilities: str = ""
    x25_user_data: str = ""
    channels: int = 0
    reserved1: int = 0
    reserved2: int = 0
    alternate_phone_numbers: list[str] = dataclasses.field(default_factory=list)
    # NT 4 SP
    sub_entry_count: int = 1
    dial_mode: DialMode = DialMode.DIAL_ALL
    dial_extra_percent: int = 75
    dial_extra_sample_seconds: int = 120
    hang_up_extra_percent: int = 10
    hang_up_extra_sample_seconds: int = 120
    idle_disconnect_seconds: int = 0
    # Windows 2000
    entry_type: EntryType = EntryType.VPN
    encryption_type: EncryptionType = EncryptionType.REQUIRE
    custom_auth_key: int = 0
    guid: uuid.UUID | None = None
    custom_dial_dll: str = ""
    vpn_strategy: VpnStrategy = VpnStrategy.DEFAULT
    # Windows XP
    options2: EntryOptions2 = _VPN_OPTIONS2
    options3: int = 0
    dns_suffix: str = ""
    tcp_window_size: int = 0
    prerequisite_phonebook: str = ""
    prerequisite_entry: str = ""
    redial_count: int = 3
    redial_pause: int = 60
    # Windows Vista
    ipv6_dns_server: ipaddress.IPv6Address = IPV6_ANY
    ipv6_dns_server_alt: ipaddress.IPv6Address = IPV6_ANY
    ipv4_interface_metric: int = 0
    ipv6_interface_metric: int = 0
    # Windows 7
    ipv6_address: ipaddress.IPv6Address = IPV6_ANY
    ipv6_prefix_length: int = 0
    network_outage_time: int = 0
    # Windows 8
    ikev2_initiator_id: str = ""
    ikev2_responder_id: str = ""
    is_ims_config: bool = False
    ikev2_initiator_id_type: IkeIdType = IkeIdType.INVALID
    ikev2_responder_id_type: IkeIdType = IkeIdType.INVALID
    disable_ikev2_fragmentation: bool = False

    # The raw keys the entry was read with (None: made in Python).
    _raw_keys: frozenset[str] | None = dataclasses.field(
        default=None, init=False, repr=False, compare=False
    )

    # ---- the kinds --------------------------------------------------------

    @classmethod
    def vpn(
        cls,
        server: str,
        *,
        strategy: VpnStrategy = VpnStrategy.DEFAULT,
        split_tunnel: bool = False,
        device_name: str | None = None,
        **fields: Any,
    ) -> Entry:
        """A VPN entry to ``server`` (a host name or address), with DotRas's
        ``CreateVpnEntry`` defaults: PPP over IPv4 and IPv6, encryption
        required, redial 3 times after 60 s, reconnect if dropped; IKEv2
        strategies require EAP and data encryption.  ``split_tunnel`` sends
        only the remote network's traffic through the tunnel.  ``device_name``
        defaults to the WAN Miniport of the strategy.  Any other field may be
        given by name."""
        options = _VPN_OPTIONS
        if strategy in (VpnStrategy.IKEV2_ONLY, VpnStrategy.IKEV2_FIRST):
            options = (
                options & ~EntryOptions.REQUIRE_ENCRYPTED_PW
                | EntryOptions.REQUIRE_DATA_ENCRYPTION
                | EntryOptions.REQUIRE_EAP
            )
        entry = cls(
            options=options,
            phone_number=server,
            vpn_strategy=strategy,
            device_type=DeviceType.VPN,
            device_name=_VPN_DEVICES.get(strategy, _IKEV2_DEVICE)
            if device_name is None
            else device_name,
        )
        entry.split_tunnel = split_tunnel
        return dataclasses.replace(entry, **fields)

    @classmethod
    def dial_up(
        cls,
        phone_number: str,
        *,
        device_name: str,
        device_type: DeviceType = DeviceType.MODEM,
        **fields: Any,
    ) -> Entry:
        """A dial-up entry calling ``phone_number`` on the modem (or ISDN
        device) ``device_name``, with DotRas's ``CreateDialUpEntry`` defaults:
        PPP over IPv4 and IPv6, encryption optional, the remote default
        gateway, redial 3 times after 60 s.  Any other field may be given by
        name."""
        entry = cls(
            entry_type=EntryType.PHONE,
            phone_number=phone_number,
            device_type=device_type,
            device_name=device_name,
            encryption_type=EncryptionType.OPTIONAL,
            options=(
                EntryOptions.REMOTE_DEFAULT_GATEWAY
                | EntryOptions.MODEM_LIGHTS
                | EntryOptions.SW_COMPRESSION
                | EntryOptions.IP_HEADER_COMPRESSION
                | EntryOptions.PREVIEW_USER_PW
                | EntryOptions.PREVIEW_DOMAIN
                | EntryOptions.PREVIEW_PHONE_NUMBER
                | EntryOptions.SHOW_DIALING_PROGRESS
            ),
            options2=EntryOptions2.IPV6_REMOTE_DEFAULT_GATEWAY
            | EntryOptions2.DONT_NEGOTIATE_MULTILINK,
        )
        return dataclasses.replace(entry, **fields)

    @classmethod
    def broadband(
        cls,
        service_name: str = "",
        *,
        device_name: str = "WAN Miniport (PPPOE)",
        **fields: Any,
    ) -> Entry:
        """A broadband (PPPoE) entry; ``service_name`` is the PPPoE service
        (empty: any), with DotRas's ``CreateBroadbandEntry`` defaults:
        encryption optional, PAP/CHAP/MS-CHAPv2, file and print sharing and
        NetBIOS over the link off, reconnect if dropped, redial 3 times after
        60 s.  Any other field may be given by name."""
        entry = cls(
            entry_type=EntryType.BROADBAND,
            phone_number=service_name,
            device_type=DeviceType.PPPOE,
            device_name=device_name,
            encryption_type=EncryptionType.OPTIONAL,
            options=(
                EntryOptions.REMOTE_DEFAULT_GATEWAY
                | EntryOptions.MODEM_LIGHTS
                | EntryOptions.SECURE_LOCAL_FILES
                | EntryOptions.REQUIRE_PAP
                | EntryOptions.REQUIRE_CHAP
                | EntryOptions.REQUIRE_MS_CHAP2
                | EntryOptions.PREVIEW_USER_PW
                | EntryOptions.SHOW_DIALING_PROGRESS
            ),
            options2=(
                EntryOptions2.SECURE_FILE_AND_PRINT
                | EntryOptions2.SECURE_CLIENT_FOR_MS_NET
                | EntryOptions2.DONT_NEGOTIATE_MULTILINK
                | EntryOptions2.DONT_USE_RAS_CREDENTIALS
                | EntryOptions2.INTERNET
                | EntryOptions2.DISABLE_NBT_OVER_IP
                | EntryOptions2.RECONNECT_IF_DROPPED
                | EntryOptions2.IPV6_REMOTE_DEFAULT_GATEWAY
            ),
        )
        return dataclasses.replace(entry, **fields)

    # ---- derived settings -------------------------------------------------

    @property
    def split_tunnel(self) -> bool:
        """True when neither IPv4 nor IPv6 traffic goes to the remote default
        gateway (``RASEO_RemoteDefaultGateway``,
        ``RASEO2_IPv6RemoteDefaultGateway``); setting it sets or clears both."""
        return (
            EntryOptions.REMOTE_DEFAULT_GATEWAY not in self.options
            and EntryOptions2.IPV6_REMOTE_DEFAULT_GATEWAY not in self.options2
        )

    @split_tunnel.setter
    def split_tunnel(self, value: bool) -> None:
        if value:
            self.options &= ~EntryOptions.REMOTE_DEFAULT_GATEWAY
            self.options2 &= ~EntryOptions2.IPV6_REMOTE_DEFAULT_GATEWAY
        else:
            self.options |= EntryOptions.REMOTE_DEFAULT_GATEWAY
            self.options2 |= EntryOptions2.IPV6_REMOTE_DEFAULT_GATEWAY

    # ---- the raw dict -----------------------------------------------------

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Entry:
        """The entry of a ``GetEntryProperties`` dict (of any Windows
        version).  Unknown keys raise ``KeyError``."""
        values: dict[str, Any] = {}
        for key, value in raw.items():
            attr, conv = _ENTRY_READ[key]
            values[attr] = value if conv is None else conv(value)
        entry = cls(**values)
        entry._raw_keys = frozenset(raw)
        return entry

    def to_dict(self, keys: Collection[str] | None = None) -> dict[str, Any]:
        """The ``SetEntryProperties`` dict of every field.  A field the raw
        layer has no key for on this system (``keys``: those of
        ``GetEntryProperties``; by default the keys the entry was read with) is
        left out while it holds its default; with another value it stays, and
        ``SetEntryProperties`` refuses it (``ValueError``)."""
        if keys is None:
            keys = self._raw_keys
        out: dict[str, Any] = {}
        for key, (attr, _, back) in _ENTRY_CONV.items():
            value = getattr(self, attr)
            if value is None:  # guid of an entry made in Python
                continue
            if keys is not None and key not in keys and value == _ENTRY_DEFAULTS[attr]:
                continue
            out[key] = back(value)
        return out


@dataclasses.dataclass
class SubEntry:
    """A link of a multilink entry (``RASSUBENTRY``); link 1 is the entry's own
    device and numbers."""

    device_type: DeviceType = DeviceType.MODEM
    device_name: str = ""
    phone_number: str = ""
    alternate_phone_numbers: list[str] = dataclasses.field(default_factory=list)
    flags: int = 0

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> SubEntry:
        """The link of a ``GetSubEntryProperties`` dict."""
        return cls(**{_SUB_CONV[k][0]: _SUB_CONV[k][1](v) for k, v in raw.items()})

    def to_dict(self) -> dict[str, Any]:
        """The ``SetSubEntryProperties`` dict."""
        return {key: back(getattr(self, attr)) for key, (attr, _, back) in _SUB_CONV.items()}


# ---- the one mapping of raw keys to attributes -------------------------------


def _same(value: Any) -> Any:
    return value


def _plain_int(value: Any) -> int:
    return int(value)


def _plain_str(value: Any) -> str:
    return str(value.value) if isinstance(value, enum.Enum) else str(value)


def _copy_list(value: Any) -> list[str]:
    return list(value)


_Conv = tuple[str, Callable[[Any], Any], Callable[[Any], Any]]

# raw key -> (attribute, raw -> typed, typed -> raw).  In the order of the C
# field table (src/_ras/entryprops.c); tests/test_entryprops_typed.py proves
# every key of every version maps exactly once.
_ENTRY_CONV: dict[str, _Conv] = {
    "options": ("options", EntryOptions, _plain_int),
    "countryID": ("country_id", _same, _same),
    "countryCode": ("country_code", _same, _same),
    "areaCode": ("area_code", _same, _same),
    "localPhoneNumber": ("phone_number", _same, _same),
    "ipaddr": ("ip_address", _same, _same),
    "ipaddrDns": ("dns_server", _same, _same),
    "ipaddrDnsAlt": ("dns_server_alt", _same, _same),
    "ipaddrWins": ("wins_server", _same, _same),
    "ipaddrWinsAlt": ("wins_server_alt", _same, _same),
    "frameSize": ("frame_size", _same, _same),
    "netProtocols": ("net_protocols", NetProtocols, _plain_int),
    "framingProtocol": ("framing_protocol", FramingProtocol, _plain_int),
    "script": ("script", _same, _same),
    "autodialDll": ("autodial_dll", _same, _same),
    "autodialFunc": ("autodial_func", _same, _same),
    "deviceType": ("device_type", DeviceType, _plain_str),
    "deviceName": ("device_name", _same, _same),
    "x25PadType": ("x25_pad_type", _same, _same),
    "x25Address": ("x25_address", _same, _same),
    "x25Facilities": ("x25_facilities", _same, _same),
    "x25UserData": ("x25_user_data", _same, _same),
    "channels": ("channels", _same, _same),
    "reserved1": ("reserved1", _same, _same),
    "reserved2": ("reserved2", _same, _same),
    "subEntries": ("sub_entry_count", _same, _same),
    "dialMode": ("dial_mode", DialMode, _plain_int),
    "dialExtraPercent": ("dial_extra_percent", _same, _same),
    "dialExtraSampleSeconds": ("dial_extra_sample_seconds", _same, _same),
    "hangUpExtraPercent": ("hang_up_extra_percent", _same, _same),
    "hangUpExtraSampleSeconds": ("hang_up_extra_sample_seconds", _same, _same),
    "idleDisconnectSeconds": ("idle_disconnect_seconds", _same, _same),
    "type": ("entry_type", EntryType, _plain_int),
    "encryptionType": ("encryption_type", EncryptionType, _plain_int),
    "customAuthKey": ("custom_auth_key", _same, _same),
    "guidId": ("guid", _same, _same),
    "customDialDll": ("custom_dial_dll", _same, _same),
    "vpnStrategy": ("vpn_strategy", VpnStrategy, _plain_int),
    "options2": ("options2", EntryOptions2, _plain_int),
    "options3": ("options3", _same, _same),
    "dnsSuffix": ("dns_suffix", _same, _same),
    "tcpWindowSize": ("tcp_window_size", _same, _same),
    "prerequisitePbk": ("prerequisite_phonebook", _same, _same),
    "prerequisiteEntry": ("prerequisite_entry", _same, _same),
    "redialCount": ("redial_count", _same, _same),
    "redialPause": ("redial_pause", _same, _same),
    "ipv6addrDns": ("ipv6_dns_server", _same, _same),
    "ipv6addrDnsAlt": ("ipv6_dns_server_alt", _same, _same),
    "ipv4InterfaceMetric": ("ipv4_interface_metric", _same, _same),
    "ipv6InterfaceMetric": ("ipv6_interface_metric", _same, _same),
    "ipv6addr": ("ipv6_address", _same, _same),
    "ipv6PrefixLength": ("ipv6_prefix_length", _same, _same),
    "networkOutageTime": ("network_outage_time", _same, _same),
    "idi": ("ikev2_initiator_id", _same, _same),
    "idr": ("ikev2_responder_id", _same, _same),
    "isImsConfig": ("is_ims_config", _same, _same),
    "idiType": ("ikev2_initiator_id_type", IkeIdType, _plain_int),
    "idrType": ("ikev2_responder_id_type", IkeIdType, _plain_int),
    "disableIKEv2Fragmentation": ("disable_ikev2_fragmentation", _same, _same),
    "alternatePhoneNumbers": ("alternate_phone_numbers", _copy_list, _copy_list),
}

_SUB_CONV: dict[str, _Conv] = {
    "flags": ("flags", _same, _same),
    "deviceType": ("device_type", DeviceType, _plain_str),
    "deviceName": ("device_name", _same, _same),
    "localPhoneNumber": ("phone_number", _same, _same),
    "alternatePhoneNumbers": ("alternate_phone_numbers", _copy_list, _copy_list),
}

# raw key -> attribute name, public (the documented mapping).
ENTRY_FIELDS: dict[str, str] = {key: conv[0] for key, conv in _ENTRY_CONV.items()}

# raw key -> (attribute, raw -> typed, or None where the value is kept as it is):
# from_dict's table, which skips calling the identity on half the fields.
_ENTRY_READ: dict[str, tuple[str, Callable[[Any], Any] | None]] = {
    key: (attr, None if conv is _same else conv) for key, (attr, conv, _) in _ENTRY_CONV.items()
}
SUBENTRY_FIELDS: dict[str, str] = {key: conv[0] for key, conv in _SUB_CONV.items()}

_ENTRY_DEFAULTS: dict[str, Any] = {
    f.name: f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
    for f in dataclasses.fields(Entry)
}
