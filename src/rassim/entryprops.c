/*
 * entryprops.c -- entry and sub-entry properties: RasGetEntryPropertiesW,
 * RasSetEntryPropertiesW, RasGetSubEntryPropertiesW,
 * RasSetSubEntryPropertiesW, RasDeleteSubEntryW.
 *
 * A RASENTRYW is read from and written to the entry's section of the .pbk,
 * under rasphone.pbk's own key names where Windows has one (k_props).  An
 * entry section is laid out as Windows writes it:
 *
 *   [Name]                 entry part: entry-wide keys
 *   ...
 *   NETCOMPONENTS=         (kept as it is)
 *   MEDIA=rastapi          link 1 (sub-entry 1): media part (Port=, Device=)
 *   Device=...
 *   DEVICE=vpn             link 1: device part: DEVICE= (the device type),
 *   PhoneNumber=...        then one group of PhoneNumber=, AreaCode=, ...
 *   PhoneNumber=...        per number: the first is the link's number, the
 *                          others are its alternates
 *   MEDIA=rastapi          link 2 ...
 *
 * Sub-entries are the links.  Writes change only the lines of the keys they
 * store (every other line, unknown keys and other sections are kept) and run
 * under entries.c's lock, the phonebook written atomically.
 */
#include "common.h"
#include "entries.h"
#include "os.h"
#include "phonebook.h"
#include "entryprops.h"
#include "structs.h"
#include "utf.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the Windows version ------------------------------------------------ */

#define SIM_WINVER_NEWEST 0xA00

DWORD
sim_winver(void)
{
    char *v = sim_env_get("RASSIM_WINVER");
    DWORD ver = SIM_WINVER_NEWEST;
    const char *p;
    uint32_t n = 0;
    int digits = 0;
    if (v == NULL) {
        return ver;
    }
    p = v;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
    }
    for (; *p; p++) {
        int d = sim_hex_digit(*p);
        if (d < 0 || digits == 8) {
            digits = 0;
            break;
        }
        n = n * 16 + (uint32_t)d;
        digits++;
    }
    if (digits > 0) {
        ver = n;
    }
    free(v);
    return ver;
}

/* RASENTRYW versions: where each ends and the Windows that knows it. */
static const struct {
    size_t end;
    DWORD winver;
} k_entry_versions[] = {
    { RASX_ENTRYW_SIZE_NT4, 0x400 },   { RASX_ENTRYW_SIZE_NT4SP, 0x401 },
    { RASX_ENTRYW_SIZE_W2K, 0x500 },   { RASX_ENTRYW_SIZE_XP, 0x501 },
    { RASX_ENTRYW_SIZE_VISTA, 0x600 }, { RASX_ENTRYW_SIZE_WIN7, 0x601 },
    { RASX_ENTRYW_SIZE_WIN8, 0x602 },
};

static int
entry_size_ok(DWORD size)
{
    DWORD winver = sim_winver();
    size_t i;
    for (i = 0; i < SIM_COUNTOF(k_entry_versions); i++) {
        size_t end = k_entry_versions[i].end;
        if (k_entry_versions[i].winver <= winver &&
            (size == end || size == ((end + 3) & ~(size_t)3))) {
            return 1;
        }
    }
    return 0;
}

/* ---- the entry's keys ---------------------------------------------------- */

enum {
    K_U32,
    K_BOOL,
    K_TEXT,
    K_IPV4,
    K_IPV6
};
enum {
    S_ENTRY,
    S_MEDIA,
    S_DEVICE
};

typedef struct {
    const char *key;
    int kind;
    int scope;
    size_t off;
    size_t size;
    DWORD def;        /* default of a number */
    const char *sdef; /* default of a text */
} prop;

#define PN(key, kind, scope, field, def) \
    { key, kind, scope, offsetof(RASENTRYW, field), SIM_FIELD_SIZE(RASENTRYW, field), def, NULL }
#define PT(key, scope, field, sdef) \
    { key, K_TEXT, scope, offsetof(RASENTRYW, field), SIM_FIELD_SIZE(RASENTRYW, field), 0, sdef }

#define SIM_DEFAULT_OPTIONS                                                           \
    (RASEO_RemoteDefaultGateway | RASEO_ModemLights | RASEO_SwCompression |           \
     RASEO_RequireMsEncryptedPw | RASEO_RequireDataEncryption | RASEO_PreviewUserPw | \
     RASEO_PreviewDomain | RASEO_ShowDialingProgress)

/* In the order new keys are written.  Keys starting with "Sim" are the
 * simulator's own: Windows keeps these settings under several keys each, or
 * under keys whose encoding is not documented. */
static const prop k_props[] = {
    PN("Type", K_U32, S_ENTRY, dwType, RASET_Vpn),
    PN("SimOptions", K_U32, S_ENTRY, dwfOptions, SIM_DEFAULT_OPTIONS),
    PN("SimOptions2", K_U32, S_ENTRY, dwfOptions2, 0),
    PN("SimOptions3", K_U32, S_ENTRY, dwfOptions3, 0),
    PN("VpnStrategy", K_U32, S_ENTRY, dwVpnStrategy, VS_Default),
    PN("SimEncryptionType", K_U32, S_ENTRY, dwEncryptionType, ET_Optional),
    PN("SimNetProtocols", K_U32, S_ENTRY, dwfNetProtocols, RASNP_Ip | RASX_RASNP_Ipv6),
    PN("SimFramingProtocol", K_U32, S_ENTRY, dwFramingProtocol, RASFP_Ppp),
    PN("SimFrameSize", K_U32, S_ENTRY, dwFrameSize, 0),
    PT("SimScript", S_ENTRY, szScript, ""),
    PT("SimAutodialDll", S_ENTRY, szAutodialDll, ""),
    PT("SimAutodialFunc", S_ENTRY, szAutodialFunc, ""),
    PT("SimX25PadType", S_ENTRY, szX25PadType, ""),
    PT("SimX25Address", S_ENTRY, szX25Address, ""),
    PT("SimX25Facilities", S_ENTRY, szX25Facilities, ""),
    PT("SimX25UserData", S_ENTRY, szX25UserData, ""),
    PN("SimChannels", K_U32, S_ENTRY, dwChannels, 0),
    PN("SimReserved1", K_U32, S_ENTRY, dwReserved1, 0),
    PN("SimReserved2", K_U32, S_ENTRY, dwReserved2, 0),
    PN("DialMode", K_U32, S_ENTRY, dwDialMode, RASEDM_DialAll),
    PN("DialPercent", K_U32, S_ENTRY, dwDialExtraPercent, 75),
    PN("DialSeconds", K_U32, S_ENTRY, dwDialExtraSampleSeconds, 120),
    PN("HangUpPercent", K_U32, S_ENTRY, dwHangUpExtraPercent, 10),
    PN("HangUpSeconds", K_U32, S_ENTRY, dwHangUpExtraSampleSeconds, 120),
    PN("RedialAttempts", K_U32, S_ENTRY, dwRedialCount, 3),
    PN("RedialSeconds", K_U32, S_ENTRY, dwRedialPause, 60),
    PN("IdleDisconnectSeconds", K_U32, S_ENTRY, dwIdleDisconnectSeconds, 0),
    PT("CustomDialDll", S_ENTRY, szCustomDialDll, ""),
    PT("PrerequisiteEntry", S_ENTRY, szPrerequisiteEntry, ""),
    PT("PrerequisitePbk", S_ENTRY, szPrerequisitePbk, ""),
    PN("CustomAuthKey", K_U32, S_ENTRY, dwCustomAuthKey, 0),
    PN("IpInterfaceMetric", K_U32, S_ENTRY, dwIPv4InterfaceMetric, 0),
    PN("IpAddress", K_IPV4, S_ENTRY, ipaddr, 0),
    PN("IpDnsAddress", K_IPV4, S_ENTRY, ipaddrDns, 0),
    PN("IpDns2Address", K_IPV4, S_ENTRY, ipaddrDnsAlt, 0),
    PN("IpWinsAddress", K_IPV4, S_ENTRY, ipaddrWins, 0),
    PN("IpWins2Address", K_IPV4, S_ENTRY, ipaddrWinsAlt, 0),
    PN("TcpWindowSize", K_U32, S_ENTRY, dwTcpWindowSize, 0),
    PT("IpDnsSuffix", S_ENTRY, szDnsSuffix, ""),
    PN("Ipv6Address", K_IPV6, S_ENTRY, ipv6addr, 0),
    PN("Ipv6PrefixLength", K_U32, S_ENTRY, dwIPv6PrefixLength, 0),
    PN("Ipv6InterfaceMetric", K_U32, S_ENTRY, dwIPv6InterfaceMetric, 0),
    PN("Ipv6DnsAddress", K_IPV6, S_ENTRY, ipv6addrDns, 0),
    PN("Ipv6Dns2Address", K_IPV6, S_ENTRY, ipv6addrDnsAlt, 0),
    PN("NetworkOutageTime", K_U32, S_ENTRY, dwNetworkOutageTime, 0),
    PT("IDI", S_ENTRY, szIDi, ""),
    PT("IDR", S_ENTRY, szIDr, ""),
    PN("ImsConfig", K_BOOL, S_ENTRY, fIsImsConfig, 0),
    PN("IdiType", K_U32, S_ENTRY, IdiType, 0),
    PN("IdrType", K_U32, S_ENTRY, IdrType, 0),
    PN("Disable_IKEv2_Fragmentation", K_BOOL, S_ENTRY, fDisableIKEv2Fragmentation, 0),
    PT("Device", S_MEDIA, szDeviceName, SIM_DEFAULT_DEVICE_NAME),
    PT("DEVICE", S_DEVICE, szDeviceType, SIM_DEFAULT_DEVICE_TYPE),
    PT("PhoneNumber", S_DEVICE, szLocalPhoneNumber, ""),
    PT("AreaCode", S_DEVICE, szAreaCode, ""),
    PN("CountryCode", K_U32, S_DEVICE, dwCountryCode, 0),
    PN("CountryID", K_U32, S_DEVICE, dwCountryID, 0),
};

/* The keys of one phone number group of a device part. */
static const char *const k_number_keys[] = {
    "PhoneNumber", "AreaCode", "CountryCode", "CountryID", "UseDialingRules", "Comment",
};

/* ---- values ------------------------------------------------------------- */

static void
format_ipv4(const BYTE *b, char *out, size_t cap)
{
    snprintf(out, cap, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

static int
parse_ipv4(const char *s, size_t len, BYTE *b)
{
    size_t i = 0;
    int part;
    for (part = 0; part < 4; part++) {
        uint32_t v = 0;
        size_t digits = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 3) {
            v = v * 10 + (uint32_t)(s[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || v > 255) {
            return 0;
        }
        b[part] = (BYTE)v;
        if (part < 3) {
            if (i >= len || s[i] != '.') {
                return 0;
            }
            i++;
        }
    }
    return i == len;
}

/* RFC 5952 text: lower case, the longest run (>= 2) of zero groups as ::. */
static void
format_ipv6(const BYTE *b, char *out, size_t cap)
{
    unsigned g[8];
    int i, best = -1, bestlen = 0, pos = 0;
    for (i = 0; i < 8; i++) {
        g[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
    }
    for (i = 0; i < 8;) {
        int j = i;
        while (j < 8 && g[j] == 0) {
            j++;
        }
        if (j - i > bestlen && j - i >= 2) {
            best = i;
            bestlen = j - i;
        }
        i = j > i ? j : i + 1;
    }
    out[0] = '\0';
    for (i = 0; i < 8; i++) {
        if (i == best) {
            pos += snprintf(out + pos, cap - (size_t)pos, "::");
            i += bestlen - 1;
            continue;
        }
        if (i > 0 && !(best >= 0 && i == best + bestlen)) {
            pos += snprintf(out + pos, cap - (size_t)pos, ":");
        }
        pos += snprintf(out + pos, cap - (size_t)pos, "%x", g[i]);
    }
}

/* Hex groups and at most one ::, optionally ending in a dotted IPv4. */
static int
parse_ipv6(const char *s, size_t len, BYTE *b)
{
    unsigned g[8];
    int n = 0, gap = -1, i;
    size_t p = 0;
    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        p = 2;
    } else if (len > 0 && s[0] == ':') {
        return 0;
    }
    while (p < len) {
        size_t start = p;
        unsigned v = 0;
        int digits = 0;
        while (p < len && sim_hex_digit(s[p]) >= 0 && digits < 4) {
            v = v * 16 + (unsigned)sim_hex_digit(s[p]);
            p++;
            digits++;
        }
        if (p < len && s[p] == '.') {
            BYTE v4[4];
            if (n > 6 || !parse_ipv4(s + start, len - start, v4)) {
                return 0;
            }
            g[n++] = (unsigned)v4[0] << 8 | v4[1];
            g[n++] = (unsigned)v4[2] << 8 | v4[3];
            p = len;
            break;
        }
        if (digits == 0 || n == 8) {
            return 0;
        }
        g[n++] = v;
        if (p == len) {
            break;
        }
        if (s[p] != ':') {
            return 0;
        }
        p++;
        if (p < len && s[p] == ':') {
            if (gap >= 0) {
                return 0;
            }
            gap = n;
            p++;
        } else if (p == len) {
            return 0;
        }
    }
    if (gap < 0 ? n != 8 : n > 7) {
        return 0;
    }
    memset(b, 0, 16);
    for (i = 0; i < n; i++) {
        int at = (gap >= 0 && i >= gap) ? 8 - (n - i) : i;
        b[2 * at] = (BYTE)(g[i] >> 8);
        b[2 * at + 1] = (BYTE)(g[i] & 0xff);
    }
    return 1;
}

/* Sets the field of p in e from the text v (defaults when absent or
 * unparsable). */
static void
read_value(const prop *p, const char *v, size_t vlen, int have, RASENTRYW *e)
{
    unsigned char *dst = (unsigned char *)e + p->off;
    uint32_t n;
    switch (p->kind) {
    case K_U32:
    case K_BOOL:
        if (!have || sim_parse_u32(v, vlen, &n) != SIM_OK) {
            n = p->def;
        }
        if (p->kind == K_BOOL) {
            n = n != 0;
        }
        memcpy(dst, &n, sizeof n);
        break;
    case K_TEXT:
        if (!have) {
            v = p->sdef;
            vlen = strlen(v);
        }
        sim_u8_to_wbuf(v, vlen, (WCHAR *)(void *)dst, p->size / sizeof(WCHAR));
        break;
    case K_IPV4:
        if (!have || !parse_ipv4(v, vlen, dst)) {
            memset(dst, 0, 4);
        }
        break;
    case K_IPV6:
        if (!have || !parse_ipv6(v, vlen, dst)) {
            memset(dst, 0, 16);
        }
        break;
    }
}

/* New text of the field of p in e; *rc ERROR_INVALID_PARAMETER for a text
 * field without a terminator, ERROR_NOT_ENOUGH_MEMORY. */
static char *
format_value(const prop *p, const RASENTRYW *e, DWORD *rc)
{
    const unsigned char *src = (const unsigned char *)e + p->off;
    char buf[64];
    uint32_t n;
    *rc = 0;
    switch (p->kind) {
    case K_U32:
    case K_BOOL:
        memcpy(&n, src, sizeof n);
        if (p->kind == K_BOOL) {
            n = n != 0;
        }
        snprintf(buf, sizeof buf, "%lu", (unsigned long)n);
        break;
    case K_TEXT: {
        size_t cap = p->size / sizeof(WCHAR);
        WCHAR *w = (WCHAR *)malloc(p->size);
        size_t len;
        char *out;
        if (w == NULL) {
            *rc = ERROR_NOT_ENOUGH_MEMORY;
            return NULL;
        }
        memcpy(w, src, p->size);
        len = sim_wlen(w, cap);
        if (len == cap) {
            free(w);
            *rc = ERROR_INVALID_PARAMETER;
            return NULL;
        }
        out = sim_w_to_u8(w, len);
        free(w);
        if (out == NULL) {
            *rc = ERROR_NOT_ENOUGH_MEMORY;
        }
        return out;
    }
    case K_IPV4:
        format_ipv4(src, buf, sizeof buf);
        break;
    default:
        format_ipv6(src, buf, sizeof buf);
        break;
    }
    {
        char *out = sim_strdup(buf);
        if (out == NULL) {
            *rc = ERROR_NOT_ENOUGH_MEMORY;
        }
        return out;
    }
}

/* ---- blocks of an entry section ----------------------------------------- */

static int
key_is(const char *line, const char *key)
{
    const char *k, *v;
    size_t klen, vlen;
    return sim_ini_line_kv(line, &k, &klen, &v, &vlen) && klen == strlen(key) &&
           memcmp(k, key, klen) == 0;
}

/* First line in [a, b) with key, or SIM_INI_NONE. */
static size_t
find_in(const sim_ini *ini, size_t a, size_t b, const char *key)
{
    for (; a < b; a++) {
        if (key_is(ini->lines[a], key)) {
            return a;
        }
    }
    return SIM_INI_NONE;
}

static size_t
entry_part_end(const sim_ini *ini, size_t h)
{
    size_t i, end = sim_ini_section_end(ini, h);
    for (i = h + 1; i < end; i++) {
        if (key_is(ini->lines[i], "NETCOMPONENTS") || key_is(ini->lines[i], "MEDIA") ||
            key_is(ini->lines[i], "DEVICE")) {
            return i;
        }
    }
    return end;
}

typedef struct {
    size_t start, media_end, end; /* media part [start, media_end), device part after */
} link_rg;

/* Number of links: MEDIA= lines; a section with DEVICE= but no MEDIA= (a
 * hand-written phonebook) has one. */
static DWORD
link_count(const sim_ini *ini, size_t h)
{
    size_t i, end = sim_ini_section_end(ini, h);
    DWORD n = 0;
    for (i = h + 1; i < end; i++) {
        if (key_is(ini->lines[i], "MEDIA")) {
            n++;
        }
    }
    if (n == 0 && find_in(ini, h + 1, end, "DEVICE") != SIM_INI_NONE) {
        n = 1;
    }
    return n;
}

/* Link i (from 1); 0 when there is no such link. */
static int
find_link(const sim_ini *ini, size_t h, DWORD i, link_rg *rg)
{
    size_t a, end = sim_ini_section_end(ini, h), d;
    DWORD n = 0;
    rg->start = SIM_INI_NONE;
    for (a = h + 1; a < end; a++) {
        if (key_is(ini->lines[a], "MEDIA") && ++n == i) {
            rg->start = a;
            break;
        }
    }
    if (rg->start == SIM_INI_NONE) {
        if (i != 1 || link_count(ini, h) != 1) {
            return 0;
        }
        rg->start = find_in(ini, h + 1, end, "DEVICE");
        rg->media_end = rg->start;
        rg->end = end;
        return 1;
    }
    rg->end = find_in(ini, rg->start + 1, end, "MEDIA");
    if (rg->end == SIM_INI_NONE) {
        rg->end = end;
    }
    d = find_in(ini, rg->start + 1, rg->end, "DEVICE");
    rg->media_end = d != SIM_INI_NONE ? d : rg->end;
    return 1;
}

/* End of the first number group of a device part. */
static size_t
first_group_end(const sim_ini *ini, const link_rg *rg)
{
    size_t first = find_in(ini, rg->media_end, rg->end, "PhoneNumber"), second;
    if (first == SIM_INI_NONE) {
        return rg->end;
    }
    second = find_in(ini, first + 1, rg->end, "PhoneNumber");
    return second != SIM_INI_NONE ? second : rg->end;
}

/* Where a new line of the region [a, b) goes: after its last non-blank line. */
static size_t
append_point(const sim_ini *ini, size_t a, size_t b)
{
    while (b > a && ini->lines[b - 1][strspn(ini->lines[b - 1], " \t")] == '\0') {
        b--;
    }
    return b;
}

static DWORD
ini_rc(int rc)
{
    return rc == SIM_OK ? 0 : rc == SIM_NOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER;
}

/* Replaces the first key= line of [a, b) or adds one at its end. */
static DWORD
set_in(sim_ini *ini, size_t a, size_t b, const char *key, const char *value)
{
    size_t at = find_in(ini, a, b, key);
    if (at != SIM_INI_NONE) {
        return ini_rc(sim_ini_replace_kv(ini, at, key, value));
    }
    return ini_rc(sim_ini_insert_kv(ini, append_point(ini, a, b), key, value));
}

static const char *const k_new_link[] = {
    "MEDIA=rastapi", "Port=",
    "Device=",       "",
    "DEVICE=vpn",    "PhoneNumber=",
    "AreaCode=",     "CountryCode=0",
    "CountryID=0",   "UseDialingRules=0",
    "Comment=",
};

/* Adds whole links at the end of the section until it has n. */
static DWORD
ensure_links(sim_ini *ini, size_t h, DWORD n)
{
    size_t end = sim_ini_section_end(ini, h);
    if (find_in(ini, h + 1, end, "MEDIA") == SIM_INI_NONE) {
        size_t d = find_in(ini, h + 1, end, "DEVICE");
        if (d != SIM_INI_NONE) {
            DWORD rc = ini_rc(sim_ini_insert_kv(ini, d, "MEDIA", "rastapi"));
            if (rc != 0) {
                return rc;
            }
        }
    }
    while (link_count(ini, h) < n) {
        size_t at = append_point(ini, h + 1, sim_ini_section_end(ini, h)), i;
        for (i = 0; i <= SIM_COUNTOF(k_new_link); i++) {
            const char *line = i == 0 ? "" : k_new_link[i - 1];
            const char *eq = strchr(line, '=');
            char key[32];
            size_t klen = eq != NULL ? (size_t)(eq - line) : 0;
            int r;
            if (eq == NULL) {
                /* a blank separator line: an empty key is not allowed, so
                 * insert a placeholder and blank it */
                r = sim_ini_insert_kv(ini, at, "x", "");
                if (r == SIM_OK) {
                    ini->lines[at][0] = '\0';
                }
            } else {
                memcpy(key, line, klen);
                key[klen] = '\0';
                r = sim_ini_insert_kv(ini, at, key, eq + 1);
            }
            if (r != SIM_OK) {
                return ini_rc(r);
            }
            at++;
        }
    }
    return 0;
}

/* ---- reading ------------------------------------------------------------ */

/* UTF-16 multi-string of the alternates of a link (values of its second and
 * later PhoneNumber= lines), in a sim_buf; empty when there are none. */
static DWORD
read_alternates(const sim_ini *ini, const link_rg *rg, sim_buf *out)
{
    size_t i, count = 0;
    WCHAR nul = 0;
    int first = 1;
    for (i = rg->media_end; i < rg->end; i++) {
        const char *k, *v;
        size_t klen, vlen;
        WCHAR *w;
        if (!sim_ini_line_kv(ini->lines[i], &k, &klen, &v, &vlen) || klen != 11 ||
            memcmp(k, "PhoneNumber", 11) != 0) {
            continue;
        }
        if (first) {
            first = 0;
            continue;
        }
        w = sim_u8_to_wdup(v, vlen);
        if (w == NULL) {
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        sim_buf_add(out, w, (sim_wlen(w, SIM_MAX_WSTR) + 1) * sizeof(WCHAR));
        free(w);
        count++;
    }
    if (count > 0) {
        sim_buf_add(out, &nul, sizeof nul);
    }
    return out->failed ? ERROR_NOT_ENOUGH_MEMORY : 0;
}

/* The entry at h (or the defaults when h is SIM_INI_NONE) into e. */
static void
read_entry(const sim_pbk *pbk, size_t h, RASENTRYW *e)
{
    link_rg rg;
    int have_link = 0;
    size_t i, end = 0;
    memset(e, 0, sizeof *e);
    if (h != SIM_INI_NONE) {
        have_link = find_link(&pbk->ini, h, 1, &rg);
        end = entry_part_end(&pbk->ini, h);
    }
    for (i = 0; i < SIM_COUNTOF(k_props); i++) {
        const prop *p = &k_props[i];
        size_t a = 0, b = 0, at;
        const char *k, *v = NULL;
        size_t klen, vlen = 0;
        int have = 0;
        if (h != SIM_INI_NONE) {
            if (p->scope == S_ENTRY) {
                a = h + 1;
                b = end;
            } else if (have_link && p->scope == S_MEDIA) {
                a = rg.start;
                b = rg.media_end;
            } else if (have_link) {
                a = rg.media_end;
                b = first_group_end(&pbk->ini, &rg);
            }
            at = find_in(&pbk->ini, a, b, p->key);
            if (at != SIM_INI_NONE) {
                have = sim_ini_line_kv(pbk->ini.lines[at], &k, &klen, &v, &vlen);
            }
            /* an empty device type or name means the default, as for Dial */
            if (have && vlen == 0 && (p->scope == S_MEDIA || strcmp(p->key, "DEVICE") == 0)) {
                have = 0;
            }
        }
        read_value(p, v, vlen, have, e);
    }
    if (h != SIM_INI_NONE) {
        sim_pbk_entry_guid(pbk, h, &e->guidId);
        e->dwSubEntries = link_count(&pbk->ini, h);
    } else {
        e->dwSubEntries = 1;
    }
}

/* Copies the structure (dwSize bytes) and the alternates into the caller's
 * buffer after the size checks every Get function shares. */
static DWORD
answer(void *buf, DWORD size, size_t newest, const void *st, size_t alt_off_field,
       const sim_buf *alts, LPDWORD lpcb)
{
    uint64_t need = (uint64_t)(buf != NULL ? size : newest) + alts->len;
    DWORD off;
    if (need > 0xFFFFFFFFu) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    if (buf == NULL || *lpcb < need) {
        *lpcb = (DWORD)need;
        return ERROR_BUFFER_TOO_SMALL;
    }
    memcpy(buf, st, size);
    memcpy(buf, &size, sizeof size);
    off = alts->len > 0 ? size : 0;
    memcpy((unsigned char *)buf + alt_off_field, &off, sizeof off);
    if (alts->len > 0) {
        memcpy((unsigned char *)buf + size, alts->data, alts->len);
    }
    *lpcb = (DWORD)need;
    return 0;
}

DWORD WINAPI
RasGetEntryPropertiesW(LPCWSTR phonebook, LPCWSTR entry, LPRASENTRYW lpRasEntry,
                       LPDWORD lpdwEntryInfoSize, BYTE *lpbDeviceInfo, LPDWORD lpdwDeviceInfoSize)
{
    sim_pbk pbk;
    sim_buf alts = { 0 };
    RASENTRYW *e;
    size_t h = SIM_INI_NONE;
    DWORD size = 0, rc = 0;
    char *name = NULL;
    link_rg rg;
    (void)lpbDeviceInfo;
    if (lpdwEntryInfoSize == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (lpRasEntry != NULL) {
        size = sim_struct_read_size(lpRasEntry);
        if (!entry_size_ok(size)) {
            return ERROR_INVALID_SIZE;
        }
    }
    memset(&pbk, 0, sizeof pbk);
    sim_ini_init(&pbk.ini);
    if (entry != NULL && entry[0] != 0) {
        rc = sim_arg_to_u8(entry, &name);
        if (rc == 0) {
            /* read under the writers' lock: on Windows a reader holding the
             * file open can make a writer's replace fail */
            sim_entry_lock();
            rc = sim_pbk_load(phonebook, &pbk);
            sim_entry_unlock();
        }
        if (rc == 0) {
            h = sim_pbk_find(&pbk, name);
            if (h == SIM_INI_NONE) {
                rc = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
            }
        }
        free(name);
    }
    e = (RASENTRYW *)malloc(sizeof *e);
    if (rc == 0 && e == NULL) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (rc == 0) {
        read_entry(&pbk, h, e);
        if (h != SIM_INI_NONE && find_link(&pbk.ini, h, 1, &rg)) {
            rc = read_alternates(&pbk.ini, &rg, &alts);
        }
    }
    if (rc == 0) {
        rc = answer(lpRasEntry, size, sizeof(RASENTRYW), e, offsetof(RASENTRYW, dwAlternateOffset),
                    &alts, lpdwEntryInfoSize);
    }
    if (rc == 0 && lpdwDeviceInfoSize != NULL) {
        *lpdwDeviceInfoSize = 0;
    }
    free(e);
    sim_buf_free(&alts);
    sim_pbk_free(&pbk);
    return rc;
}

/* ---- writing ------------------------------------------------------------ */

/* The alternates multi-string of a caller's structure -> a list of UTF-8
 * strings, NULL-terminated (*list NULL when offset is 0). */
static DWORD
take_alternates(const void *st, DWORD size, DWORD cb, DWORD offset, char ***list)
{
    const unsigned char *p = (const unsigned char *)st;
    size_t pos, n = 0, i;
    char **out;
    *list = NULL;
    if (offset == 0) {
        return 0;
    }
    if (offset < size || offset >= cb || (cb - offset) % sizeof(WCHAR) != 0) {
        return ERROR_INVALID_PARAMETER;
    }
    /* count the strings and find the terminating empty one */
    for (pos = offset;;) {
        size_t len = 0;
        WCHAR c;
        for (;;) {
            if (pos + sizeof c > cb) {
                return ERROR_INVALID_PARAMETER;
            }
            memcpy(&c, p + pos, sizeof c);
            pos += sizeof c;
            if (c == 0) {
                break;
            }
            len++;
        }
        if (len == 0) {
            break;
        }
        n++;
    }
    out = (char **)calloc(n + 1, sizeof(char *));
    if (out == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (pos = offset, i = 0; i < n; i++) {
        size_t len = 0;
        WCHAR *w;
        WCHAR c;
        for (;;) {
            memcpy(&c, p + pos + len * sizeof c, sizeof c);
            if (c == 0) {
                break;
            }
            len++;
        }
        w = (WCHAR *)malloc((len + 1) * sizeof(WCHAR));
        if (w != NULL) {
            memcpy(w, p + pos, len * sizeof(WCHAR));
            out[i] = sim_w_to_u8(w, len);
            free(w);
        }
        if (out[i] == NULL) {
            for (i = 0; out[i] != NULL; i++) {
                free(out[i]);
            }
            free(out);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        pos += (len + 1) * sizeof(WCHAR);
    }
    *list = out;
    return 0;
}

static void
free_list(char **list)
{
    size_t i;
    if (list == NULL) {
        return;
    }
    for (i = 0; list[i] != NULL; i++) {
        free(list[i]);
    }
    free(list);
}

/* Replaces the alternates of link i with list (NULL: none). */
static DWORD
write_alternates(sim_ini *ini, size_t h, DWORD link, char **list)
{
    link_rg rg;
    size_t at, i, k;
    if (!find_link(ini, h, link, &rg)) {
        return ERROR_INVALID_PARAMETER;
    }
    at = first_group_end(ini, &rg);
    while (at < rg.end) {
        int group = 0;
        for (k = 0; k < SIM_COUNTOF(k_number_keys); k++) {
            group |= key_is(ini->lines[at], k_number_keys[k]);
        }
        if (group) {
            sim_ini_delete_line(ini, at);
            rg.end--;
        } else {
            at++;
        }
    }
    for (i = 0; list != NULL && list[i] != NULL; i++) {
        static const char *const vals[] = { NULL, "", "0", "0", "0", "" };
        find_link(ini, h, link, &rg);
        at = append_point(ini, rg.media_end, rg.end);
        for (k = 0; k < SIM_COUNTOF(k_number_keys); k++) {
            DWORD rc =
                ini_rc(sim_ini_insert_kv(ini, at++, k_number_keys[k], k == 0 ? list[i] : vals[k]));
            if (rc != 0) {
                return rc;
            }
        }
    }
    return 0;
}

/* Writes the fields of p lying within size into the entry at h. */
static DWORD
write_props(sim_ini *ini, size_t h, DWORD link, const RASENTRYW *e, DWORD size, int scope_min)
{
    size_t i;
    DWORD rc = 0;
    for (i = 0; rc == 0 && i < SIM_COUNTOF(k_props); i++) {
        const prop *p = &k_props[i];
        link_rg rg;
        char *v;
        if (p->off + p->size > size || p->scope < scope_min) {
            continue;
        }
        v = format_value(p, e, &rc);
        if (v == NULL) {
            break;
        }
        if (p->scope == S_ENTRY) {
            rc = set_in(ini, h + 1, entry_part_end(ini, h), p->key, v);
        } else if (!find_link(ini, h, link, &rg)) {
            rc = ERROR_INVALID_PARAMETER;
        } else if (p->scope == S_MEDIA) {
            rc = set_in(ini, rg.start + 1, rg.media_end, p->key, v);
        } else if (strcmp(p->key, "DEVICE") == 0 && rg.media_end < rg.end) {
            rc = ini_rc(sim_ini_replace_kv(ini, rg.media_end, "DEVICE", v));
        } else {
            rc = set_in(ini, rg.media_end, first_group_end(ini, &rg), p->key, v);
        }
        sim_free_secret(v);
    }
    return rc;
}

/* Text fields of a caller structure within size must be terminated. */
static DWORD
check_texts(const RASENTRYW *e, DWORD size, int scope_min)
{
    size_t i;
    for (i = 0; i < SIM_COUNTOF(k_props); i++) {
        const prop *p = &k_props[i];
        if (p->kind == K_TEXT && p->off + p->size <= size && p->scope >= scope_min &&
            sim_wlen((const WCHAR *)(const void *)((const unsigned char *)e + p->off),
                     p->size / sizeof(WCHAR)) == p->size / sizeof(WCHAR)) {
            return ERROR_INVALID_PARAMETER;
        }
    }
    return 0;
}

/* Loads the phonebook for a change under the lock (released on failure).
 * A missing default phonebook is created; a missing given one is 621. */
static DWORD
begin(LPCWSTR phonebook, sim_pbk *pbk)
{
    DWORD rc;
    sim_entry_lock();
    rc = sim_pbk_load_locked(phonebook, pbk);
    if (rc != 0) {
        sim_pbk_free(pbk);
        sim_entry_unlock();
    }
    return rc;
}

static DWORD
finish(sim_pbk *pbk, DWORD rc)
{
    if (rc == 0) {
        rc = sim_pbk_save(pbk);
    }
    sim_pbk_free(pbk);
    sim_entry_unlock();
    return rc;
}

/* Adds a new entry section with its Guid= and one link. */
static DWORD
add_entry(sim_pbk *pbk, const char *name, size_t *h)
{
    GUID g;
    unsigned char b[16];
    char *hex;
    DWORD rc = ini_rc(sim_ini_add_section(&pbk->ini, name, h));
    if (rc == 0) {
        rc = ini_rc(sim_ini_insert_kv(&pbk->ini, *h + 1, "Encoding", "1"));
    }
    if (rc != 0) {
        return rc;
    }
    sim_pbk_entry_guid(pbk, *h, &g);
    b[0] = (unsigned char)g.Data1;
    b[1] = (unsigned char)(g.Data1 >> 8);
    b[2] = (unsigned char)(g.Data1 >> 16);
    b[3] = (unsigned char)(g.Data1 >> 24);
    b[4] = (unsigned char)g.Data2;
    b[5] = (unsigned char)(g.Data2 >> 8);
    b[6] = (unsigned char)g.Data3;
    b[7] = (unsigned char)(g.Data3 >> 8);
    memcpy(b + 8, g.Data4, 8);
    hex = sim_hex_encode(b, 16);
    if (hex == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    rc = ini_rc(sim_ini_insert_kv(&pbk->ini, *h + 2, "Guid", hex));
    free(hex);
    return rc != 0 ? rc : ensure_links(&pbk->ini, *h, 1);
}

DWORD WINAPI
RasSetEntryPropertiesW(LPCWSTR phonebook, LPCWSTR entry, LPRASENTRYW lpRasEntry,
                       DWORD dwEntryInfoSize, BYTE *lpbDeviceInfo, DWORD dwDeviceInfoSize)
{
    sim_pbk pbk;
    RASENTRYW *e;
    char *name = NULL, **alts = NULL;
    size_t h;
    DWORD size, rc;
    (void)lpbDeviceInfo;
    (void)dwDeviceInfoSize;
    if (lpRasEntry == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    size = sim_struct_read_size(lpRasEntry);
    if (!entry_size_ok(size)) {
        return ERROR_INVALID_SIZE;
    }
    if (dwEntryInfoSize < size) {
        return ERROR_INVALID_PARAMETER;
    }
    rc = sim_arg_to_u8(entry, &name);
    if (rc != 0) {
        return rc;
    }
    if (!sim_entry_name_valid(name)) {
        free(name);
        return ERROR_INVALID_NAME;
    }
    e = (RASENTRYW *)calloc(1, sizeof *e);
    if (e == NULL) {
        free(name);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    memcpy(e, lpRasEntry, size);
    rc = check_texts(e, size, S_ENTRY);
    if (rc == 0) {
        rc = take_alternates(lpRasEntry, size, dwEntryInfoSize, e->dwAlternateOffset, &alts);
    }
    if (rc == 0) {
        rc = begin(phonebook, &pbk);
    }
    if (rc == 0) {
        h = sim_pbk_find(&pbk, name);
        if (h == SIM_INI_NONE) {
            rc = add_entry(&pbk, name, &h);
        }
        if (rc == 0) {
            rc = ensure_links(&pbk.ini, h, 1);
        }
        if (rc == 0) {
            rc = write_props(&pbk.ini, h, 1, e, size, S_ENTRY);
        }
        if (rc == 0) {
            rc = write_alternates(&pbk.ini, h, 1, alts);
        }
        rc = finish(&pbk, rc);
    }
    free_list(alts);
    free(name);
    free(e);
    return rc;
}

/* ---- sub-entries -------------------------------------------------------- */

static int
subentry_size_ok(DWORD size)
{
    return size == sizeof(RASSUBENTRYW) ||
           size == ((offsetof(RASSUBENTRYW, dwAlternateOffset) + sizeof(DWORD) + 3) & ~3u);
}

/* Loads the phonebook and finds the entry; pbk must be freed after. */
static DWORD
open_entry(LPCWSTR phonebook, LPCWSTR entry, sim_pbk *pbk, size_t *h)
{
    char *name;
    DWORD rc = sim_arg_to_u8(entry, &name);
    memset(pbk, 0, sizeof *pbk);
    sim_ini_init(&pbk->ini);
    if (rc != 0) {
        return rc;
    }
    sim_entry_lock();
    rc = sim_pbk_load(phonebook, pbk);
    sim_entry_unlock();
    if (rc == 0) {
        *h = sim_pbk_find(pbk, name);
        if (*h == SIM_INI_NONE) {
            rc = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
        }
    }
    free(name);
    return rc;
}

DWORD WINAPI
RasGetSubEntryPropertiesW(LPCWSTR phonebook, LPCWSTR entry, DWORD dwSubEntry,
                          LPRASSUBENTRYW lpRasSubEntry, LPDWORD lpdwcb, BYTE *lpbDeviceConfig,
                          LPDWORD lpcbDeviceConfig)
{
    sim_pbk pbk;
    sim_buf alts = { 0 };
    RASSUBENTRYW s;
    RASENTRYW *e = NULL;
    link_rg rg;
    size_t h = SIM_INI_NONE;
    DWORD size = 0, rc;
    (void)lpbDeviceConfig;
    if (lpdwcb == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (lpRasSubEntry != NULL) {
        size = sim_struct_read_size(lpRasSubEntry);
        if (!subentry_size_ok(size)) {
            return ERROR_INVALID_SIZE;
        }
    }
    if (dwSubEntry == 0) {
        return ERROR_INVALID_PARAMETER;
    }
    rc = open_entry(phonebook, entry, &pbk, &h);
    if (rc == 0 && !find_link(&pbk.ini, h, dwSubEntry, &rg)) {
        rc = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    }
    if (rc == 0) {
        e = (RASENTRYW *)malloc(sizeof *e);
        rc = e == NULL ? ERROR_NOT_ENOUGH_MEMORY : 0;
    }
    if (rc == 0) {
        size_t i;
        memset(e, 0, sizeof *e);
        for (i = 0; i < SIM_COUNTOF(k_props); i++) {
            const prop *p = &k_props[i];
            size_t a, b, at;
            const char *k, *v = NULL;
            size_t klen, vlen = 0;
            int have = 0;
            if (p->scope == S_ENTRY) {
                continue;
            }
            a = p->scope == S_MEDIA ? rg.start : rg.media_end;
            b = p->scope == S_MEDIA ? rg.media_end : first_group_end(&pbk.ini, &rg);
            at = find_in(&pbk.ini, a, b, p->key);
            if (at != SIM_INI_NONE) {
                have = sim_ini_line_kv(pbk.ini.lines[at], &k, &klen, &v, &vlen);
            }
            if (have && vlen == 0 && (p->scope == S_MEDIA || strcmp(p->key, "DEVICE") == 0)) {
                have = 0;
            }
            read_value(p, v, vlen, have, e);
        }
        memset(&s, 0, sizeof s);
        memcpy(s.szDeviceType, e->szDeviceType, sizeof s.szDeviceType);
        memcpy(s.szDeviceName, e->szDeviceName, sizeof s.szDeviceName);
        memcpy(s.szLocalPhoneNumber, e->szLocalPhoneNumber, sizeof s.szLocalPhoneNumber);
        rc = read_alternates(&pbk.ini, &rg, &alts);
    }
    if (rc == 0) {
        rc = answer(lpRasSubEntry, size, sizeof(RASSUBENTRYW), &s,
                    offsetof(RASSUBENTRYW, dwAlternateOffset), &alts, lpdwcb);
    }
    if (rc == 0 && lpcbDeviceConfig != NULL) {
        *lpcbDeviceConfig = 0;
    }
    free(e);
    sim_buf_free(&alts);
    sim_pbk_free(&pbk);
    return rc;
}

DWORD WINAPI
RasSetSubEntryPropertiesW(LPCWSTR phonebook, LPCWSTR entry, DWORD dwSubEntry,
                          LPRASSUBENTRYW lpRasSubEntry, DWORD dwcbRasSubEntry,
                          BYTE *lpbDeviceConfig, DWORD dwcbDeviceConfig)
{
    sim_pbk pbk;
    RASSUBENTRYW s;
    RASENTRYW *e;
    char *name = NULL, **alts = NULL;
    size_t h;
    DWORD size, rc, count;
    (void)lpbDeviceConfig;
    (void)dwcbDeviceConfig;
    if (lpRasSubEntry == NULL || dwSubEntry == 0) {
        return ERROR_INVALID_PARAMETER;
    }
    size = sim_struct_read_size(lpRasSubEntry);
    if (!subentry_size_ok(size)) {
        return ERROR_INVALID_SIZE;
    }
    if (dwcbRasSubEntry < size) {
        return ERROR_INVALID_PARAMETER;
    }
    memset(&s, 0, sizeof s);
    memcpy(&s, lpRasSubEntry, sizeof s);
    if (!sim_wfield_ok(s.szDeviceType, SIM_COUNTOF(s.szDeviceType)) ||
        !sim_wfield_ok(s.szDeviceName, SIM_COUNTOF(s.szDeviceName)) ||
        !sim_wfield_ok(s.szLocalPhoneNumber, SIM_COUNTOF(s.szLocalPhoneNumber))) {
        return ERROR_INVALID_PARAMETER;
    }
    rc = sim_arg_to_u8(entry, &name);
    if (rc != 0) {
        return rc;
    }
    e = (RASENTRYW *)calloc(1, sizeof *e);
    if (e == NULL) {
        free(name);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    memcpy(e->szDeviceType, s.szDeviceType, sizeof s.szDeviceType);
    memcpy(e->szDeviceName, s.szDeviceName, sizeof s.szDeviceName);
    memcpy(e->szLocalPhoneNumber, s.szLocalPhoneNumber, sizeof s.szLocalPhoneNumber);
    rc = take_alternates(lpRasSubEntry, size, dwcbRasSubEntry, s.dwAlternateOffset, &alts);
    if (rc == 0) {
        rc = begin(phonebook, &pbk);
    }
    if (rc == 0) {
        h = sim_pbk_find(&pbk, name);
        if (h == SIM_INI_NONE) {
            rc = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
        }
        if (rc == 0) {
            /* an index past the last sub-entry adds one */
            count = link_count(&pbk.ini, h);
            if (dwSubEntry > count) {
                dwSubEntry = count + 1;
            }
            rc = ensure_links(&pbk.ini, h, dwSubEntry);
        }
        if (rc == 0) {
            rc = write_props(&pbk.ini, h, dwSubEntry, e, sizeof *e, S_MEDIA);
        }
        if (rc == 0) {
            rc = write_alternates(&pbk.ini, h, dwSubEntry, alts);
        }
        rc = finish(&pbk, rc);
    }
    free_list(alts);
    free(name);
    free(e);
    return rc;
}

DWORD WINAPI
RasDeleteSubEntryW(LPCWSTR phonebook, LPCWSTR entry, DWORD dwSubEntryId)
{
    sim_pbk pbk;
    link_rg rg;
    char *name = NULL;
    size_t h;
    DWORD rc;
    if (dwSubEntryId == 0) {
        return ERROR_INVALID_PARAMETER;
    }
    rc = sim_arg_to_u8(entry, &name);
    if (rc != 0) {
        return rc;
    }
    rc = begin(phonebook, &pbk);
    if (rc == 0) {
        h = sim_pbk_find(&pbk, name);
        if (h == SIM_INI_NONE) {
            rc = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
        } else if (!find_link(&pbk.ini, h, dwSubEntryId, &rg)) {
            rc = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
        }
        if (rc == 0) {
            size_t end = rg.end;
            /* keep the blank lines that separate it from what follows */
            end = append_point(&pbk.ini, rg.start, end);
            while (end > rg.start) {
                sim_ini_delete_line(&pbk.ini, --end);
            }
        }
        rc = finish(&pbk, rc);
    }
    free(name);
    return rc;
}
