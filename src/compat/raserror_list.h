/*
 * raserror_list.h -- every RAS error code of <raserror.h> (600..870) as an
 * X-macro: RASERR(name, value, message).  Values are Windows'; messages are
 * this project's own wording.  Include after defining RASERR(name, value, msg).
 * No include guard: meant to be expanded more than once.
 */
RASERR(PENDING, 600, "An operation is pending and has not finished yet.")
RASERR(ERROR_INVALID_PORT_HANDLE, 601, "The port handle passed in is not a valid handle.")
RASERR(ERROR_PORT_ALREADY_OPEN, 602,
       "The port is already open, possibly by another program using the same modem or device.")
RASERR(ERROR_BUFFER_TOO_SMALL, 603,
       "The buffer provided by the caller is too small to hold the result.")
RASERR(ERROR_WRONG_INFO_SPECIFIED, 604, "The port information given is wrong.")
RASERR(ERROR_PORT_NOT_CONNECTED, 606, "The port is not connected.")
RASERR(ERROR_DEVICE_DOES_NOT_EXIST, 608, "The requested device does not exist.")
RASERR(ERROR_DEVICETYPE_DOES_NOT_EXIST, 609, "The requested device type does not exist.")
RASERR(ERROR_BUFFER_INVALID, 610, "The buffer provided by the caller is not valid.")
RASERR(ERROR_ROUTE_NOT_ALLOCATED, 612, "The route that was requested has not been allocated.")
RASERR(ERROR_PORT_NOT_FOUND, 615, "The requested port could not be found.")
RASERR(ERROR_ASYNC_REQUEST_PENDING, 616, "An asynchronous request is still pending.")
RASERR(ERROR_ALREADY_DISCONNECTING, 617,
       "The port or device is already in the process of disconnecting.")
RASERR(ERROR_PORT_NOT_OPEN, 618, "The port is not open.")
RASERR(
    ERROR_PORT_DISCONNECTED, 619,
    "The connection to the remote computer could not be set up, so the port it was using has been closed.")
RASERR(ERROR_CANNOT_OPEN_PHONEBOOK, 621, "The phone book file could not be opened.")
RASERR(ERROR_CANNOT_LOAD_PHONEBOOK, 622, "The phone book file could not be loaded.")
RASERR(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, 623,
       "The requested entry was not found in the phone book.")
RASERR(ERROR_CANNOT_WRITE_PHONEBOOK, 624, "The phone book file could not be written.")
RASERR(ERROR_CORRUPT_PHONEBOOK, 625, "The phone book file contains invalid information.")
RASERR(ERROR_KEY_NOT_FOUND, 627, "The requested key could not be found.")
RASERR(ERROR_DISCONNECTION, 628,
       "The remote computer ended the connection before it was fully established.")
RASERR(ERROR_REMOTE_DISCONNECTION, 629, "The remote computer closed the connection.")
RASERR(ERROR_HARDWARE_FAILURE, 630,
       "The modem or other connecting device was disconnected because of a hardware fault.")
RASERR(ERROR_USER_DISCONNECTION, 631,
       "The modem or other connecting device was disconnected by the user.")
RASERR(ERROR_INVALID_SIZE, 632, "A structure with an incorrect size was passed in.")
RASERR(ERROR_PORT_NOT_AVAILABLE, 633,
       "The modem or other connecting device is already in use or is not set up for dialing out.")
RASERR(ERROR_UNKNOWN, 635, "An unknown error occurred.")
RASERR(ERROR_WRONG_DEVICE_ATTACHED, 636,
       "The device attached to the port is not the one that was expected.")
RASERR(ERROR_REQUEST_TIMEOUT, 638, "The remote server did not answer in time.")
RASERR(ERROR_AUTH_INTERNAL, 645, "An internal error occurred during authentication.")
RASERR(ERROR_RESTRICTED_LOGON_HOURS, 646,
       "This account is not allowed to log on at this time of day.")
RASERR(ERROR_ACCT_DISABLED, 647, "This account has been disabled.")
RASERR(ERROR_PASSWD_EXPIRED, 648,
       "The password for this account has expired. Change it and try again.")
RASERR(ERROR_NO_DIALIN_PERMISSION, 649,
       "This account does not have permission to connect remotely.")
RASERR(ERROR_FROM_DEVICE, 651, "The modem or other connecting device reported an error.")
RASERR(ERROR_UNRECOGNIZED_RESPONSE, 652,
       "The modem or other connecting device sent a response that was not understood.")
RASERR(ERROR_MACRO_NOT_FOUND, 653,
       "A macro needed by the device is missing from the device .INF file section.")
RASERR(ERROR_MACRO_NOT_DEFINED, 654,
       "A command or response in the device .INF file section uses a macro that is not defined.")
RASERR(ERROR_MESSAGE_MACRO_NOT_FOUND, 655,
       "The message macro is missing from the device .INF file section.")
RASERR(
    ERROR_DEFAULTOFF_MACRO_NOT_FOUND, 656,
    "The defaultoff macro in the device .INF file section refers to a macro that is not defined.")
RASERR(ERROR_FILE_COULD_NOT_BE_OPENED, 657, "The device .INF file could not be opened.")
RASERR(ERROR_DEVICENAME_TOO_LONG, 658,
       "The device name in the device .INF or media .INI file is too long.")
RASERR(ERROR_DEVICENAME_NOT_FOUND, 659, "The media .INI file names a device that is not known.")
RASERR(ERROR_NO_RESPONSES, 660, "The device .INF file has no responses listed for a command.")
RASERR(ERROR_NO_COMMAND_FOUND, 661, "A command is missing from the device .INF file.")
RASERR(ERROR_WRONG_KEY_SPECIFIED, 662,
       "An attempt was made to set a macro that is not listed in the device .INF file section.")
RASERR(ERROR_UNKNOWN_DEVICE_TYPE, 663, "The media .INI file names a device type that is not known.")
RASERR(ERROR_ALLOCATING_MEMORY, 664, "The system ran out of memory.")
RASERR(ERROR_PORT_NOT_CONFIGURED, 665,
       "The modem or other connecting device is not set up correctly.")
RASERR(ERROR_DEVICE_NOT_READY, 666, "The modem or other connecting device is not working.")
RASERR(ERROR_READING_INI_FILE, 667, "The media .INI file could not be read.")
RASERR(ERROR_NO_CONNECTION, 668, "The connection was ended.")
RASERR(ERROR_BAD_USAGE_IN_INI_FILE, 669, "The usage setting in the media .INI file is not valid.")
RASERR(ERROR_READING_SECTIONNAME, 670, "A section name could not be read from the media .INI file.")
RASERR(ERROR_READING_DEVICETYPE, 671, "The device type could not be read from the media .INI file.")
RASERR(ERROR_READING_DEVICENAME, 672, "The device name could not be read from the media .INI file.")
RASERR(ERROR_READING_USAGE, 673, "The usage setting could not be read from the media .INI file.")
RASERR(ERROR_LINE_BUSY, 676, "The line is busy. Try again later.")
RASERR(ERROR_VOICE_ANSWER, 677,
       "A person answered the call instead of a modem or other connecting device.")
RASERR(ERROR_NO_ANSWER, 678, "The remote computer did not answer.")
RASERR(ERROR_NO_CARRIER, 679, "No carrier signal was detected.")
RASERR(ERROR_NO_DIALTONE, 680, "There is no dial tone. Check that the phone line is plugged in.")
RASERR(ERROR_AUTHENTICATION_FAILURE, 691,
       "Access was denied because the user name or password, or both, is not valid on the domain.")
RASERR(ERROR_PORT_OR_DEVICE, 692, "The port or the device attached to it has a hardware fault.")
RASERR(ERROR_NOT_BINARY_MACRO, 693, "The macro is not a binary macro.")
RASERR(ERROR_DCB_NOT_FOUND, 694, "The device control block could not be found.")
RASERR(ERROR_STATE_MACHINES_NOT_STARTED, 695, "The state machines have not been started.")
RASERR(ERROR_STATE_MACHINES_ALREADY_STARTED, 696, "The state machines have already been started.")
RASERR(ERROR_PARTIAL_RESPONSE_LOOPING, 697,
       "Processing of a partial device response got stuck in a loop.")
RASERR(ERROR_UNKNOWN_RESPONSE_KEY, 698,
       "A response key name in the device .INF file is not in the expected format.")
RASERR(ERROR_RECV_BUF_FULL, 699, "A response from the device overflowed the receive buffer.")
RASERR(ERROR_CMD_TOO_LONG, 700,
       "A command in the device .INF file is too long once its macros are expanded.")
RASERR(ERROR_UNSUPPORTED_BPS, 701,
       "The device switched to a connection speed that the COM driver does not support.")
RASERR(ERROR_UNEXPECTED_RESPONSE, 702, "The device sent a response when none was expected.")
RASERR(ERROR_INTERACTIVE_MODE, 703,
       "The connection needs input from the user, but interactive mode is not allowed here.")
RASERR(ERROR_BAD_CALLBACK_NUMBER, 704, "The callback number is not valid.")
RASERR(ERROR_INVALID_AUTH_STATE, 705, "The authorization state is not valid.")
RASERR(ERROR_X25_DIAGNOSTIC, 707, "An X.25 diagnostic indication was received.")
RASERR(ERROR_ACCT_EXPIRED, 708, "This account has expired.")
RASERR(
    ERROR_CHANGING_PASSWORD, 709,
    "The password could not be changed on the domain. It may be too short or match an earlier password.")
RASERR(ERROR_OVERRUN, 710, "Serial overrun errors occurred while talking to the modem.")
RASERR(ERROR_RASMAN_CANNOT_INITIALIZE, 711,
       "The Remote Access Connection Manager could not start. See the event log for details.")
RASERR(ERROR_NO_ACTIVE_ISDN_LINES, 713, "No ISDN lines are active.")
RASERR(ERROR_IP_CONFIGURATION, 716, "The IP settings for remote access cannot be used.")
RASERR(ERROR_NO_IP_ADDRESSES, 717,
       "The static pool of remote access IP addresses has no free addresses left.")
RASERR(ERROR_PPP_TIMEOUT, 718,
       "The connection timed out while waiting for a valid reply from the remote computer.")
RASERR(
    ERROR_PPP_NO_PROTOCOLS_CONFIGURED, 720,
    "No PPP control protocols are configured, so no protocol could be agreed with the remote computer.")
RASERR(ERROR_PPP_NO_RESPONSE, 721, "The remote computer is not responding.")
RASERR(ERROR_PPP_INVALID_PACKET, 722,
       "Invalid data arrived from the remote computer and was ignored.")
RASERR(ERROR_PHONE_NUMBER_TOO_LONG, 723,
       "The phone number, with its prefix and suffix added, is too long.")
RASERR(ERROR_IPXCP_DIALOUT_ALREADY_ACTIVE, 726,
       "IPX can be used to dial out on only one port at a time.")
RASERR(ERROR_NO_IP_RAS_ADAPTER, 728, "No IP adapter bound to remote access could be found.")
RASERR(ERROR_SLIP_REQUIRES_IP, 729, "SLIP can only be used when the IP protocol is installed.")
RASERR(ERROR_PROTOCOL_NOT_CONFIGURED, 731, "The requested protocol is not configured.")
RASERR(ERROR_PPP_NOT_CONVERGING, 732,
       "This computer and the remote computer could not agree on the PPP control protocols to use.")
RASERR(
    ERROR_PPP_CP_REJECTED, 733,
    "The server does not offer the control protocol needed for the chosen network protocol. Adjusting the protocols on this computer may help.")
RASERR(ERROR_PPP_LCP_TERMINATED, 734, "The PPP link control protocol was ended.")
RASERR(ERROR_PPP_REQUIRED_ADDRESS_REJECTED, 735,
       "The server refused the address that was requested.")
RASERR(ERROR_PPP_NCP_TERMINATED, 736, "The remote computer ended the control protocol.")
RASERR(ERROR_PPP_LOOPBACK_DETECTED, 737, "A loopback was detected on the link.")
RASERR(ERROR_PPP_NO_ADDRESS_ASSIGNED, 738, "The server did not hand out an address.")
RASERR(
    ERROR_CANNOT_USE_LOGON_CREDENTIALS, 739,
    "The server's authentication protocol cannot use the saved logon password. Dial again and type the password in.")
RASERR(
    ERROR_TAPI_CONFIGURATION, 740,
    "The TAPI devices set up for remote access failed to initialize or are not installed correctly.")
RASERR(ERROR_NO_LOCAL_ENCRYPTION, 741,
       "This computer does not support the type of data encryption that is required.")
RASERR(ERROR_NO_REMOTE_ENCRYPTION, 742,
       "The remote server does not support the type of data encryption that is required.")
RASERR(ERROR_BAD_PHONE_NUMBER, 749, "The phone number is not valid.")
RASERR(ERROR_SCRIPT_SYNTAX, 752, "A syntax error was found while running a script.")
RASERR(ERROR_HANGUP_FAILED, 753,
       "The connection could not be hung up because the multi-protocol router created it.")
RASERR(ERROR_BUNDLE_NOT_FOUND, 754, "The multilink bundle could not be found.")
RASERR(ERROR_CANNOT_DO_CUSTOMDIAL, 755,
       "Automatic dialing is not possible because this connection uses a custom dialer.")
RASERR(ERROR_DIAL_ALREADY_IN_PROGRESS, 756, "This connection is already being dialed.")
RASERR(ERROR_RASAUTO_CANNOT_INITIALIZE, 757,
       "Remote access could not be started automatically. See the event log for details.")
RASERR(ERROR_NO_SMART_CARD_READER, 764, "No smart card reader is installed.")
RASERR(
    ERROR_SHARING_ADDRESS_EXISTS, 765,
    "Internet Connection Sharing cannot be turned on because a LAN connection already uses the IP address needed for automatic addressing.")
RASERR(
    ERROR_NO_CERTIFICATE, 766,
    "No certificate was found. L2TP over IPsec connections need a machine certificate to be installed.")
RASERR(
    ERROR_SHARING_MULTIPLE_ADDRESSES, 767,
    "Internet Connection Sharing cannot be turned on because the private LAN connection has several IP addresses. Give it a single address first.")
RASERR(ERROR_FAILED_TO_ENCRYPT, 768,
       "The connection attempt failed because the data could not be encrypted.")
RASERR(ERROR_BAD_ADDRESS_SPECIFIED, 769, "The destination cannot be reached.")
RASERR(ERROR_CONNECTION_REJECT, 770, "The remote computer turned down the connection attempt.")
RASERR(ERROR_CONGESTION, 771, "The connection attempt failed because the network is busy.")
RASERR(ERROR_INCOMPATIBLE, 772,
       "The remote computer's network hardware cannot handle the type of call that was requested.")
RASERR(ERROR_NUMBERCHANGED, 773,
       "The connection attempt failed because the destination number has changed.")
RASERR(ERROR_TEMPFAILURE, 774,
       "The connection attempt failed because of a temporary problem. Try connecting again.")
RASERR(ERROR_BLOCKED, 775, "The remote computer blocked the call.")
RASERR(
    ERROR_DONOTDISTURB, 776,
    "The call could not be put through because the remote computer has Do Not Disturb turned on.")
RASERR(
    ERROR_OUTOFORDER, 777,
    "The connection attempt failed because the modem or other device on the remote computer is out of order.")
RASERR(ERROR_UNABLE_TO_AUTHENTICATE_SERVER, 778,
       "The identity of the server could not be verified.")
RASERR(ERROR_INVALID_FUNCTION_FOR_ENTRY, 780,
       "The requested function cannot be used with this connection.")
RASERR(
    ERROR_SHARING_RRAS_CONFLICT, 782,
    "Network address translation (NAT) is installed as a routing protocol and must be removed before Internet Connection Sharing can be turned on.")
RASERR(
    ERROR_SHARING_NO_PRIVATE_LAN, 783,
    "Internet Connection Sharing cannot be turned on because the private LAN connection is missing or unplugged. Make sure the LAN adapter is connected.")
RASERR(
    ERROR_NO_DIFF_USER_AT_LOGON, 784,
    "This connection cannot be used at logon because it is set to use a user name other than the one on the smart card.")
RASERR(
    ERROR_NO_REG_CERT_AT_LOGON, 785,
    "This connection cannot be used at logon because it is not set up to use a smart card. Change its properties to use one.")
RASERR(
    ERROR_OAKLEY_NO_CERT, 786,
    "The L2TP connection failed because this computer has no valid machine certificate for security authentication.")
RASERR(
    ERROR_OAKLEY_AUTH_FAIL, 787,
    "The L2TP connection failed because the security layer could not authenticate the remote computer.")
RASERR(
    ERROR_OAKLEY_ATTRIB_FAIL, 788,
    "The L2TP connection failed because the security layer could not agree on compatible settings with the remote computer.")
RASERR(
    ERROR_OAKLEY_GENERAL_PROCESSING, 789,
    "The L2TP connection failed because the security layer hit a processing error while negotiating with the remote computer.")
RASERR(
    ERROR_OAKLEY_NO_PEER_CERT, 790,
    "The L2TP connection failed because the remote computer's certificate could not be validated.")
RASERR(ERROR_OAKLEY_NO_POLICY, 791,
       "The L2TP connection failed because no security policy was found for it.")
RASERR(ERROR_OAKLEY_TIMED_OUT, 792,
       "The L2TP connection failed because security negotiation timed out.")
RASERR(ERROR_OAKLEY_ERROR, 793,
       "The L2TP connection failed because an error occurred while negotiating security.")
RASERR(ERROR_UNKNOWN_FRAMED_PROTOCOL, 794,
       "The RADIUS Framed-Protocol attribute for this user is not PPP.")
RASERR(ERROR_WRONG_TUNNEL_TYPE, 795,
       "The RADIUS Tunnel-Type attribute for this user is not correct.")
RASERR(ERROR_UNKNOWN_SERVICE_TYPE, 796,
       "The RADIUS Service-Type attribute for this user is neither Framed nor Callback Framed.")
RASERR(ERROR_CONNECTING_DEVICE_NOT_FOUND, 797,
       "The connection could not be made because the modem was not found or is busy.")
RASERR(ERROR_NO_EAPTLS_CERTIFICATE, 798,
       "No certificate suitable for this Extensible Authentication Protocol could be found.")
RASERR(
    ERROR_SHARING_HOST_ADDRESS_CONFLICT, 799,
    "Internet Connection Sharing cannot be turned on because of an IP address conflict on the network. Sharing needs the host to use its reserved private address.")
RASERR(
    ERROR_AUTOMATIC_VPN_FAILED, 800,
    "The VPN connection could not be made. The VPN server may be unreachable, or the security settings for this connection may be wrong.")
RASERR(
    ERROR_VALIDATING_SERVER_CERT, 801,
    "This connection is set to check the server's identity, but the certificate sent by the server could not be verified.")
RASERR(
    ERROR_READING_SCARD, 802,
    "The card was not recognized. Check that it is inserted correctly and sits firmly in the reader.")
RASERR(
    ERROR_INVALID_PEAP_COOKIE_CONFIG, 803,
    "The PEAP settings saved in the session cookie do not match the settings of the current session.")
RASERR(ERROR_INVALID_PEAP_COOKIE_USER, 804,
       "The PEAP identity saved in the session cookie does not match the current identity.")
RASERR(
    ERROR_INVALID_MSCHAPV2_CONFIG, 805,
    "This connection cannot be used at logon because it is set to use the credentials of the user who is logged on.")
RASERR(
    ERROR_VPN_GRE_BLOCKED, 806,
    "The VPN connection started but could not finish, most likely because a firewall or router on the way blocks GRE packets.")
RASERR(
    ERROR_VPN_DISCONNECT, 807,
    "The network link to the VPN server was broken, often by Internet delays or a server at full capacity. Try connecting again.")
RASERR(
    ERROR_VPN_REFUSED, 808,
    "The VPN server refused the connection, usually because its configuration does not match this connection's settings.")
RASERR(
    ERROR_VPN_TIMEOUT, 809,
    "The VPN server did not respond. A firewall, NAT or router between here and the server may not allow VPN traffic.")
RASERR(
    ERROR_VPN_BAD_CERT, 810,
    "The VPN connection started but did not finish, usually because a wrong or expired certificate was used for authentication.")
RASERR(
    ERROR_VPN_BAD_PSK, 811,
    "The VPN connection could not be made, usually because the pre-shared key for IPsec does not match between client and server.")
RASERR(
    ERROR_SERVER_POLICY, 812,
    "A policy on the remote access or VPN server blocked the connection, for example because its authentication method differs from this connection's.")
RASERR(
    ERROR_BROADBAND_ACTIVE, 813,
    "A second broadband connection cannot be made while another one is already using the same device or port.")
RASERR(ERROR_BROADBAND_NO_NIC, 814,
       "The Ethernet connection that this broadband connection runs over could not be found.")
RASERR(
    ERROR_BROADBAND_TIMEOUT, 815,
    "The broadband server did not respond. The service name set for this connection may be wrong.")
RASERR(ERROR_FEATURE_DEPRECATED, 816,
       "The remote access service no longer supports the feature or setting you tried to turn on.")
RASERR(ERROR_CANNOT_DELETE, 817,
       "A connection cannot be deleted while it is connected. Disconnect it first.")
RASERR(ERROR_PEAP_CRYPTOBINDING_INVALID, 823,
       "The crypto-binding TLV received during PEAP authentication is not valid.")
RASERR(ERROR_PEAP_CRYPTOBINDING_NOTRECEIVED, 824,
       "The crypto-binding TLV was not received during PEAP authentication.")
RASERR(ERROR_EAPTLS_CACHE_CREDENTIALS_INVALID, 826,
       "EAP-TLS could not validate the cached credentials, so they were thrown away.")
RASERR(
    ERROR_IPSEC_SERVICE_STOPPED, 827,
    "The L2TP/IPsec connection cannot finish because the IKE and AuthIP IPsec Keying Modules service or the Base Filtering Engine service is not running.")
RASERR(ERROR_CANNOT_SET_PORT_INFO, 605, "The requested port settings could not be applied.")
RASERR(ERROR_EVENT_INVALID, 607, "An invalid event was detected.")
RASERR(ERROR_ROUTE_NOT_AVAILABLE, 611, "The route that was requested is not available.")
RASERR(ERROR_INVALID_COMPRESSION_SPECIFIED, 613,
       "The compression setting that was requested is not valid.")
RASERR(ERROR_OUT_OF_BUFFERS, 614, "Not enough buffers were available to complete the request.")
RASERR(ERROR_NO_ENDPOINTS, 620, "No endpoints could be found.")
RASERR(ERROR_CANNOT_LOAD_STRING, 626, "A string resource could not be loaded.")
RASERR(ERROR_CANNOT_PROJECT_CLIENT, 634,
       "This computer could not be registered on the remote network.")
RASERR(ERROR_BAD_STRING, 637, "A string was found that could not be converted.")
RASERR(ERROR_CANNOT_GET_LANA, 639, "No asynchronous network is available.")
RASERR(ERROR_NETBIOS_ERROR, 640, "A NetBIOS error occurred.")
RASERR(ERROR_SERVER_OUT_OF_RESOURCES, 641,
       "The server could not allocate the NetBIOS resources it needs to serve this client.")
RASERR(ERROR_NAME_EXISTS_ON_NET, 642,
       "One of this computer's NetBIOS names is already registered on the remote network.")
RASERR(ERROR_SERVER_GENERAL_NET_FAILURE, 643, "A network adapter on the server failed.")
RASERR(WARNING_MSG_ALIAS_NOT_ADDED, 644,
       "Network message pop-ups will not be delivered to this computer.")
RASERR(ERROR_SERVER_NOT_RESPONDING, 650, "The remote access server is not answering.")
RASERR(ERROR_READING_MAXCONNECTBPS, 674,
       "The maximum connection speed could not be read from the media .INI file.")
RASERR(ERROR_READING_MAXCARRIERBPS, 675,
       "The maximum carrier speed could not be read from the media .INI file.")
RASERR(ERROR_IN_COMMAND, 681, "The modem or other connecting device reported a general error.")
RASERR(ERROR_WRITING_SECTIONNAME, 682,
       "A section name could not be written to the media .INI file.")
RASERR(ERROR_WRITING_DEVICETYPE, 683,
       "The device type could not be written to the media .INI file.")
RASERR(ERROR_WRITING_DEVICENAME, 684,
       "The device name could not be written to the media .INI file.")
RASERR(ERROR_WRITING_MAXCONNECTBPS, 685,
       "The maximum connection speed could not be written to the media .INI file.")
RASERR(ERROR_WRITING_MAXCARRIERBPS, 686,
       "The maximum carrier speed could not be written to the media .INI file.")
RASERR(ERROR_WRITING_USAGE, 687, "The usage setting could not be written to the media .INI file.")
RASERR(ERROR_WRITING_DEFAULTOFF, 688,
       "The default-off setting could not be written to the media .INI file.")
RASERR(ERROR_READING_DEFAULTOFF, 689,
       "The default-off setting could not be read from the media .INI file.")
RASERR(ERROR_EMPTY_INI_FILE, 690, "The media .INI file is empty.")
RASERR(ERROR_WRITING_INITBPS, 706, "The initial connection speed could not be written.")
RASERR(ERROR_BIPLEX_PORT_NOT_AVAILABLE, 712,
       "The two-way port is still initializing. Wait a few seconds and dial again.")
RASERR(ERROR_NO_ISDN_CHANNELS_AVAILABLE, 714, "No ISDN channels are free to place the call.")
RASERR(ERROR_TOO_MANY_LINE_ERRORS, 715,
       "Too many errors occurred because the phone line quality is poor.")
RASERR(ERROR_PPP_REMOTE_TERMINATED, 719, "The remote computer ended the connection.")
RASERR(ERROR_IPXCP_NO_DIALOUT_CONFIGURED, 724,
       "IPX cannot be used to dial out because this computer is not set up for IPX dial-out.")
RASERR(ERROR_IPXCP_NO_DIALIN_CONFIGURED, 725,
       "IPX cannot accept incoming calls because this computer is not set up as an IPX router.")
RASERR(ERROR_ACCESSING_TCPCFGDLL, 727, "TCPCFG.DLL could not be accessed.")
RASERR(ERROR_PROJECTION_NOT_COMPLETE, 730,
       "Registration of this computer on the remote network has not finished.")
RASERR(ERROR_REMOTE_REQUIRES_ENCRYPTION, 743, "The remote computer insists on data encryption.")
RASERR(
    ERROR_IPXCP_NET_NUMBER_CONFLICT, 744,
    "The IPX network number given by the remote computer cannot be used. See the event log for details.")
RASERR(ERROR_INVALID_SMM, 745, "The session management module (SMM) is not valid.")
RASERR(ERROR_SMM_UNINITIALIZED, 746,
       "The session management module (SMM) has not been initialized.")
RASERR(ERROR_NO_MAC_FOR_PORT, 747, "No MAC is available for this port.")
RASERR(ERROR_SMM_TIMEOUT, 748, "The session management module (SMM) timed out.")
RASERR(ERROR_WRONG_MODULE, 750, "The wrong session management module (SMM) was given.")
RASERR(
    ERROR_INVALID_CALLBACK_NUMBER, 751,
    "The callback number has an invalid character. Only the digits 0 to 9, T, P, W, (, ), -, @ and space may be used.")
RASERR(ERROR_CONNECTION_ALREADY_SHARED, 758,
       "Internet Connection Sharing is already turned on for this connection.")
RASERR(ERROR_SHARING_CHANGE_FAILED, 759,
       "The Internet Connection Sharing settings could not be changed.")
RASERR(ERROR_SHARING_ROUTER_INSTALL, 760, "Routing could not be turned on.")
RASERR(ERROR_SHARE_CONNECTION_FAILED, 761,
       "Internet Connection Sharing could not be turned on for this connection.")
RASERR(ERROR_SHARING_PRIVATE_INSTALL, 762, "The local network could not be set up for sharing.")
RASERR(
    ERROR_CANNOT_SHARE_CONNECTION, 763,
    "Internet Connection Sharing cannot be turned on because there is more than one LAN connection besides the one being shared.")
RASERR(ERROR_SMART_CARD_REQUIRED, 779, "This connection requires a smart card to dial out.")
RASERR(ERROR_CERT_FOR_ENCRYPTION_NOT_FOUND, 781,
       "Encryption failed because no valid certificate could be found.")
RASERR(
    ERROR_RASQEC_RESOURCE_CREATION_FAILED, 818,
    "The Network Access Protection (NAP) client could not create system resources for remote access. Some network services may be unavailable.")
RASERR(
    ERROR_RASQEC_NAPAGENT_NOT_ENABLED, 819,
    "The Network Access Protection (NAP) Agent service is disabled or not installed. Some network services may be unavailable.")
RASERR(
    ERROR_RASQEC_NAPAGENT_NOT_CONNECTED, 820,
    "The Network Access Protection (NAP) client could not register with the NAP Agent service. Some network services may be unavailable.")
RASERR(
    ERROR_RASQEC_CONN_DOESNOTEXIST, 821,
    "The Network Access Protection (NAP) client could not handle the request because the remote access connection no longer exists.")
RASERR(
    ERROR_RASQEC_TIMEOUT, 822,
    "The Network Access Protection (NAP) client did not respond. Some network services may be unavailable.")
RASERR(ERROR_INVALID_VPNSTRATEGY, 825,
       "PPTP cannot be used over IPv6. Change the VPN type to L2TP.")
RASERR(ERROR_IDLE_TIMEOUT, 828, "The connection was closed because it was idle for too long.")
RASERR(ERROR_LINK_FAILURE, 829,
       "The modem or other connecting device was disconnected because the link failed.")
RASERR(ERROR_USER_LOGOFF, 830, "The connection was closed because the user logged off.")
RASERR(ERROR_FAST_USER_SWITCH, 831,
       "The connection was closed because a different user switched in.")
RASERR(ERROR_HIBERNATION, 832,
       "The connection was closed because the computer went into hibernation.")
RASERR(ERROR_SYSTEM_SUSPENDED, 833, "The connection was closed because the computer was suspended.")
RASERR(ERROR_RASMAN_SERVICE_STOPPED, 834,
       "The connection was closed because the Remote Access Connection Manager service stopped.")
RASERR(
    ERROR_INVALID_SERVER_CERT, 835,
    "The L2TP connection failed because the remote computer could not be authenticated. Fields in its certificate may not match the intended destination.")
RASERR(ERROR_NOT_NAP_CAPABLE, 836,
       "This computer is not capable of Network Access Protection (NAP).")
RASERR(ERROR_INVALID_TUNNELID, 837, "The tunnel ID is not valid.")
RASERR(
    ERROR_UPDATECONNECTION_REQUEST_IN_PROCESS, 838,
    "Another connection update request is still being processed. Only one such request is handled at a time.")
RASERR(
    ERROR_PROTOCOL_ENGINE_DISABLED, 839,
    "Negotiation with the configured tunneling protocol is turned off. Pick a different protocol in the connection properties and try again.")
RASERR(ERROR_INTERNAL_ADDRESS_FAILURE, 840, "Negotiation of the internal address failed.")
RASERR(ERROR_FAILED_CP_REQUIRED, 841, "The client has to ask for an internal IPv4 or IPv6 address.")
RASERR(ERROR_TS_UNACCEPTABLE, 842, "Negotiation of the traffic selectors failed.")
RASERR(ERROR_MOBIKE_DISABLED, 843, "Mobility (MOBIKE) is turned off for this connection.")
RASERR(
    ERROR_CANNOT_INITIATE_MOBIKE_UPDATE, 844,
    "The VPN is still connecting or re-authenticating after a quarantine change. Start a mobility update only once it is connected.")
RASERR(
    ERROR_PEAP_SERVER_REJECTED_CLIENT_TLV, 845,
    "The server rejected the client during PEAP because of an unexpected TLV or a TLV with a mismatched value.")
RASERR(ERROR_INVALID_PREFERENCES, 846,
       "The preferred VPN destination has not been chosen or is no longer valid.")
RASERR(ERROR_EAPTLS_SCARD_CACHE_CREDENTIALS_INVALID, 847,
       "The cached smart card credentials are not valid.")
RASERR(ERROR_SSTP_COOKIE_SET_FAILURE, 848, "The SSTP cookie could not be set on the connection.")
RASERR(ERROR_INVALID_PEAP_COOKIE_ATTRIBUTES, 849,
       "The inner PEAP method attributes saved in the cookie are not valid.")
RASERR(
    ERROR_EAP_METHOD_NOT_INSTALLED, 850,
    "The EAP type needed to authenticate this remote access connection is not installed on this computer.")
RASERR(ERROR_EAP_METHOD_DOES_NOT_SUPPORT_SSO, 851,
       "The EAP type set for this remote access connection does not support single sign-on.")
RASERR(
    ERROR_EAP_METHOD_OPERATION_NOT_SUPPORTED, 852,
    "The EAP type set for this remote access connection does not support the requested operation.")
RASERR(
    ERROR_EAP_USER_CERT_INVALID, 853,
    "Authentication failed because the certificate that identifies you to the server is not valid. Check that a valid certificate is used.")
RASERR(
    ERROR_EAP_USER_CERT_EXPIRED, 854,
    "Authentication failed because the certificate that identifies you to the server has expired. Renew the certificate.")
RASERR(
    ERROR_EAP_USER_CERT_REVOKED, 855,
    "Authentication failed because the certificate that identifies you to the server has been revoked. Use a certificate that is still in force.")
RASERR(
    ERROR_EAP_USER_CERT_OTHER_ERROR, 856,
    "Authentication failed because of a problem with the certificate that identifies you to the server.")
RASERR(ERROR_EAP_SERVER_CERT_INVALID, 857,
       "Authentication failed because the certificate used to verify the server is not valid.")
RASERR(ERROR_EAP_SERVER_CERT_EXPIRED, 858,
       "Authentication failed because the certificate used to verify the server has expired.")
RASERR(ERROR_EAP_SERVER_CERT_REVOKED, 859,
       "Authentication failed because the certificate used to verify the server has been revoked.")
RASERR(ERROR_EAP_SERVER_CERT_OTHER_ERROR, 860,
       "Authentication failed because of a problem with the certificate used to verify the server.")
RASERR(
    ERROR_EAP_USER_ROOT_CERT_NOT_FOUND, 861,
    "Authentication failed because no trusted root certificate for your user certificate was found in the Trusted Root Certification Authorities store.")
RASERR(
    ERROR_EAP_USER_ROOT_CERT_INVALID, 862,
    "Authentication failed because the trusted root certificate used to check your user certificate is not valid.")
RASERR(
    ERROR_EAP_USER_ROOT_CERT_EXPIRED, 863,
    "Authentication failed because the trusted root certificate used to check your user certificate has expired. Renew it.")
RASERR(
    ERROR_EAP_SERVER_ROOT_CERT_NOT_FOUND, 864,
    "Authentication failed because no trusted root certificate for the server certificate was found in the Trusted Root Certification Authorities store.")
RASERR(
    ERROR_EAP_SERVER_ROOT_CERT_INVALID, 865,
    "Authentication failed because the trusted root certificate used to check the server certificate is not valid.")
RASERR(
    ERROR_EAP_SERVER_ROOT_CERT_NAME_REQUIRED, 866,
    "Authentication failed because no server name is given for the certificate on the server computer.")
RASERR(
    ERROR_PEAP_IDENTITY_MISMATCH, 867,
    "With identity privacy turned off, the outer PEAP identity must match the inner identity, and it does not.")
RASERR(
    ERROR_DNSNAME_NOT_RESOLVABLE, 868,
    "The connection could not be made because the name of the remote access server could not be resolved. Check the server name and DNS settings.")
RASERR(ERROR_EAPTLS_PASSWD_INVALID, 869, "The password given for the certificate is not correct.")
RASERR(
    ERROR_IKEV2_PSK_INTERFACE_ALREADY_EXISTS, 870,
    "The interface cannot be enabled because another interface with the same destination already uses pre-shared key authentication. Change one of them and retry.")
