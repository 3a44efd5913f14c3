"""The admin DLL's scenarios under Wine (tests/c/admin_run.sh runs this per arch).

Each scenario writes the DLLs' INI files, points HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll
DLLPath at them (``wine reg add`` in the caller's WINEPREFIX, which admin_run.sh
makes for these tests alone), runs the simulated RRAS host (src/admin/rrashost.c)
and checks its JSON lines.  Prints ``admin <arch>: N checks, M failures``; exits 1
on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

KEY = r"HKLM\SOFTWARE\Microsoft\RAS\AdminDll"
# Wine's start-up and scheduling beside the 2-core CI machine's other work:
# the allowance over a configured timeout for one call (never a sleep).
SLACK_MS = 1500

Event = dict[str, Any]


class Checks:
    def __init__(self, arch: str) -> None:
        self.arch = arch
        self.count = 0
        self.failures: list[str] = []

    def check(self, cond: bool, what: str, detail: object = "") -> None:
        self.count += 1
        if not cond:
            self.failures.append(f"{what}: {detail}")
            print(f"FAIL {self.arch}: {what}: {detail}", flush=True)


def winpath(path: Path) -> str:
    out = subprocess.run(["winepath", "-w", str(path)], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def wine(args: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["wine", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def reg_set(name: str, data: str) -> None:
    rc = wine(["reg", "add", KEY, "/v", name, "/t", "REG_SZ", "/d", data, "/f"])
    if rc.returncode != 0:
        raise SystemExit(f"wine reg add failed: {rc.stdout} {rc.stderr}")


class Host:
    def __init__(self, workdir: Path, build: Path) -> None:
        self.workdir = workdir
        self.build = build
        self.exe = winpath(build / "rrashost.exe")

    def dll(self, name: str, source: str, ini: str | None) -> str:
        """Copies a built DLL to name.dll (with name.ini beside it); its Windows path."""
        path = self.workdir / f"{name}.dll"
        shutil.copyfile(self.build / source, path)
        if ini is not None:
            (self.workdir / f"{name}.ini").write_text(ini)
        return winpath(path)

    def run(
        self, dlls: list[str], *args: str, scenario: str | None = None
    ) -> tuple[int, list[Event], float]:
        reg_set("DLLPath", "; ".join(dlls))
        cmd = [self.exe, *args]
        if scenario is not None:
            sc = self.workdir / "scenario.txt"
            sc.write_text(scenario)
            cmd += ["--scenario", winpath(sc)]
        start = time.monotonic()
        proc = wine(cmd)
        elapsed = time.monotonic() - start
        events = []
        for line in proc.stdout.replace("\r", "").splitlines():
            if line.startswith("{"):
                events.append(json.loads(line))
        return proc.returncode, events, elapsed


def of(events: list[Event], kind: str, **match: object) -> list[Event]:
    return [
        e for e in events if e["event"] == kind and all(e.get(k) == v for k, v in match.items())
    ]


def one(events: list[Event], kind: str, **match: object) -> Event:
    found = of(events, kind, **match)
    return found[0] if len(found) == 1 else {"event": "missing", "found": found}


def ini(module: str, timeout: int = 1000, sleep: int = 0, **extra: object) -> str:
    lines = ["[policy]", f"module = {module}", f"timeout_ms = {timeout}"]
    lines += [f"{k} = {v}" for k, v in extra.items()]
    lines += ["[test]", f"sleep_ms = {sleep}"]
    return "\n".join(lines) + "\n"


BYNAME_SCENARIO = """\
alice ipv4=10.0.0.10 ipv6=1 links=2 reauth=1 bytes=1000
denyme
sleepy
failing
staticuser ipv6=1
"""


def decisions(c: Checks, host: Host) -> None:
    """accept / deny / timeout / failure, addresses, statistics, logging."""
    timeout = 400
    # sleep 700 > timeout 400: "sleep..." users time out; and the last sleep
    # (from 400 to 1100 ms) ends well within terminate's wait (from the run's
    # end, 800 ms or later, to 1000 ms past the timeout), so no worker is left
    dll = host.dll("byname", "rasadmin_test.dll", ini("test_byname", timeout, sleep=700))
    rc, ev, _ = host.run([dll], "--threads", "5", scenario=BYNAME_SCENARIO)
    c.check(rc == 0, "byname: exit status", rc)
    loaded = one(ev, "loaded")
    c.check(
        loaded.get("init") == "Ex" and loaded.get("connection_pair") == "Ex",
        "byname: the Ex contract is found",
        loaded,
    )
    init = one(ev, "initialized")
    c.check(
        init.get("rc") == 0 and init.get("revision") == 2 and init.get("table_entries") == 11,
        "byname: MprAdminInitializeDllEx fills the table (revision 2, 11 of 12 entries)",
        init,
    )
    alice = one(ev, "connection", user="alice")
    c.check(alice.get("accepted") is True, "alice is accepted", alice)
    c.check(
        [e["accepted"] for e in of(ev, "link", user="alice")] == [True, True],
        "alice's two links are accepted",
        of(ev, "link", user="alice"),
    )
    c.check(one(ev, "reauth", user="alice").get("accepted") is True, "alice's reauthentication")
    c.check(
        any(
            "hang-up of alice: 1000 bytes sent, 500 received, 60 s" in e["message"]
            for e in of(ev, "log")
        ),
        "the hang-up's statistics reach the policy",
        [e["message"] for e in of(ev, "log")],
    )
    deny = one(ev, "connection", user="denyme")
    c.check(deny.get("accepted") is False, "denyme is denied by the policy", deny)
    c.check(deny.get("ms", 1e9) < timeout, "a policy's denial is not a timeout", deny)
    sleepy = one(ev, "connection", user="sleepy")
    c.check(sleepy.get("accepted") is False, "sleepy (no answer in time) gets the default", sleepy)
    c.check(
        timeout - 50 <= sleepy.get("ms", 0) < timeout + SLACK_MS,
        "sleepy's call returns at the timeout, not at the policy's sleep",
        sleepy,
    )
    failing = one(ev, "connection", user="failing")
    c.check(failing.get("accepted") is False, "failing (the policy fails) gets the default")
    errors = [e["message"] for e in of(ev, "log", level=2)]
    c.check(
        any("did not answer in time in AcceptNewConnectionEx (user sleepy" in m for m in errors),
        "the timeout is logged with the call and the user",
        errors,
    )
    c.check(
        any("failed in AcceptNewConnectionEx (user failing" in m for m in errors),
        "the failure is logged",
        errors,
    )
    v4 = one(ev, "address", user="staticuser", family=4)
    v6 = one(ev, "address", user="staticuser", family=6)
    c.check(
        v4.get("assigned") == "198.51.100.7" and v4.get("notify_release") is True,
        "the policy assigns an IPv4 address",
        v4,
    )
    c.check(v6.get("assigned") == "2001:db8:0:0:0:0:0:7", "the policy assigns an IPv6 address", v6)
    rel = one(ev, "release", user="staticuser")
    c.check(rel.get("ipv4") is True and rel.get("ipv6") is True, "the release calls", rel)
    kept = one(ev, "address", user="alice", family=4)
    c.check(kept.get("assigned") == "10.0.0.10", "RRAS's proposal is kept by default", kept)
    stats = one(ev, "stats", when="run")
    c.check(
        stats.get("timeouts", 0) >= 2 and stats.get("failures", 0) >= 2,
        "the DLL counts timeouts and failures",
        stats,
    )
    c.check(
        stats.get("eventlog_reports", 0) >= 4 and stats.get("eventlog_failures") == 0,
        "every failure is reported to the event log (ReportEventW succeeded)",
        stats,
    )
    after = one(ev, "stats", when="terminated")
    c.check(
        after.get("in_flight") == 0 and after.get("workers_alive") == 0,
        "terminate leaves no call in flight and no worker",
        after,
    )

    # structures the DLL must not trust: the default, logged, no crash
    rc, ev, _ = host.run(
        [dll], "--threads", "2", scenario="badheader header=bad\nnullconn header=null\nalice\n"
    )
    c.check(rc == 0, "bad structures: exit status", rc)
    for user in ("badheader", "nullconn"):
        got = one(ev, "connection", user=user).get("accepted")
        c.check(got is False, f"{user}: denied (the default)", got)
    c.check(one(ev, "connection", user="alice").get("accepted") is True, "alice still accepted")
    messages = [e["message"] for e in of(ev, "log", level=2)]
    c.check(
        any("not a RAS_CONNECTION_EX (type 5" in m for m in messages)
        and any("no RAS_CONNECTION_EX" in m for m in messages),
        "bad structures are logged",
        messages,
    )

    # the configured default: accept
    dll = host.dll(
        "byname_accept",
        "rasadmin_test.dll",
        ini("test_byname", timeout, sleep=700, accept_default="accept"),
    )
    rc, ev, _ = host.run([dll], "--threads", "5", scenario=BYNAME_SCENARIO)
    c.check(rc == 0, "accept_default=accept: exit status", rc)
    for user, accepted in (("sleepy", True), ("failing", True), ("denyme", False)):
        got = one(ev, "connection", user=user).get("accepted")
        c.check(got is accepted, f"accept_default=accept: {user}", got)

    # address_default=refuse: a failing address request ends the connection
    dll = host.dll(
        "byname_refuse", "rasadmin_test.dll", ini("test_byname", timeout, address_default="refuse")
    )
    rc, ev, _ = host.run([dll], "--threads", "1", scenario="failing ipv4=10.0.0.9\nalice\n")
    addr = one(ev, "address", user="failing", family=4)
    c.check(addr.get("rc", 0) != 0, "address_default=refuse: the request fails", addr)
    c.check(not of(ev, "connection", user="failing"), "a refused address ends the connection")
    c.check(one(ev, "connection", user="alice").get("accepted") is True, "alice still connects")


def concurrency(c: Checks, host: Host) -> None:
    """32 threads in callbacks at once, every call answered."""
    dll = host.dll("sleep32", "rasadmin_test.dll", ini("test_sleep", 10000, 100, workers=32))
    rc, ev, _ = host.run([dll], "--threads", "32", "--repeat", "64", scenario="bob\n")
    s = one(ev, "summary")
    c.check(rc == 0, "32 threads: exit status", rc)
    c.check(s.get("max_concurrent_calls") == 32, "32 threads are inside the DLL at once", s)
    c.check(s.get("accepted") == 64 and s.get("denied") == 0, "every connection accepted", s)
    # 64 connections x 4 calls of 100 ms: 25.6 s one at a time
    c.check(s.get("elapsed_ms", 1e9) < 6400, "the calls run in parallel (4x at least)", s)
    stats = one(ev, "stats", when="run")
    c.check(
        stats.get("timeouts") == 0 and stats.get("answered") == stats.get("calls"),
        "no call timed out",
        stats,
    )


def no_leak(c: Checks, host: Host) -> None:
    """100 000 callbacks: no handle or memory growth."""
    dll = host.dll("acceptall", "rasadmin.dll", ini("accept_all", 5000))
    # per connection: address, accept, link, link hang-up, hang-up = 5 callbacks
    rc, ev, elapsed = host.run(
        [dll],
        "--threads",
        "32",
        "--repeat",
        "20000",
        "--quiet",
        "--measure",
        scenario="bob ipv4=10.0.0.2\n",
    )
    c.check(rc == 0, "100k: exit status", rc)
    before = one(ev, "resources", when="before")
    after = one(ev, "resources", when="after")
    stats = one(ev, "stats", when="run")
    calls = stats.get("calls", 0)
    c.check(
        calls >= 110000,
        "100 000 callbacks (and a tenth more in the warm-up) reached the DLL",
        stats,
    )
    # Wine has no handle count: the host counts the open handle values itself
    # (handles_scanned); on Windows GetProcessHandleCount is checked too.
    c.check(
        0 < before.get("handles_scanned", 0) >= after.get("handles_scanned", 1 << 30),
        "no handle growth over 100k callbacks (open handles counted)",
        (before, after),
    )
    c.check(
        after.get("handles", 1) - before.get("handles", 0) <= 0,
        "no handle growth over 100k callbacks (the handle count, 0 on Wine)",
        (before, after),
    )
    grown = after.get("commit_bytes", 1 << 40) - before.get("commit_bytes", 0)
    c.check(
        before.get("commit_bytes", 0) > 0 and grown < 1024 * 1024,
        "no memory growth over 100k callbacks (committed private bytes, < 1 MiB)",
        (before, after),
    )
    print(
        f"admin {c.arch}: {calls} callbacks (incl. warm-up) in {elapsed:.1f} s; open handles "
        f"{before.get('handles_scanned')} -> {after.get('handles_scanned')}, committed bytes "
        f"{before.get('commit_bytes')} -> {after.get('commit_bytes')} ({grown:+d})",
        flush=True,
    )


def terminate(c: Checks, host: Host) -> None:
    """terminate with callbacks in flight: waits, then refuses."""
    # the calls in flight answer (600 ms: long enough for the 32 host threads
    # to be inside at once) within the timeout (2000 ms)
    dll = host.dll("term_clean", "rasadmin_test.dll", ini("test_sleep", 2000, 600, workers=32))
    rc, ev, _ = host.run(
        [dll], "--threads", "32", "--repeat", "64", "--terminate-during", scenario="bob\n"
    )
    t = one(ev, "terminated", during_run=True)
    s = one(ev, "summary")
    stats = one(ev, "stats", when="run")
    c.check(rc == 0, "terminate (clean): exit status", rc)
    c.check(
        t.get("dll_in_flight_at_start") == 32, "terminate starts with 32 callbacks in flight", t
    )
    c.check(t.get("dll_in_flight_after") == 0, "terminate returns after the calls in flight", t)
    c.check(t.get("ms", 1e9) < 2000 + 1000 + SLACK_MS, "terminate is bounded", t)
    c.check(s.get("accepted") == 32, "the 32 calls in flight get their answers", s)
    c.check(
        s.get("denied") == 32 and s.get("address_refused") == 0,
        "the connections after terminate get the defaults (address kept, connection denied)",
        s,
    )
    c.check(stats.get("refused_closed", 0) >= 32, "refused as closed, not called", stats)
    c.check(
        stats.get("workers_alive") == 0 and stats.get("workers_stuck") == 0,
        "every worker exited",
        stats,
    )
    # a policy that outlives terminate's wait: its workers are left behind
    dll = host.dll("term_stuck", "rasadmin_test.dll", ini("test_sleep", 500, 5000, workers=32))
    rc, ev, _ = host.run(
        [dll], "--threads", "32", "--repeat", "32", "--terminate-during", scenario="bob\n"
    )
    t = one(ev, "terminated", during_run=True)
    stats = one(ev, "stats", when="run")
    c.check(rc == 0, "terminate (stuck policy): the host exits normally", rc)
    c.check(t.get("ms", 1e9) < 500 + 1000 + SLACK_MS, "terminate does not wait for the policy", t)
    c.check(stats.get("workers_stuck", 0) >= 1, "the stuck workers are counted", stats)
    c.check(
        any("workers still inside policy test_sleep" in e["message"] for e in of(ev, "log")),
        "and logged",
        [e["message"] for e in of(ev, "log")],
    )


def several(c: Checks, host: Host) -> None:
    """Two DLLs: every one must accept; the older contract form is driven too."""
    ours = host.dll("first", "rasadmin_test.dll", ini("test_byname", 1000))
    minimal = host.dll("minimal", "minimal.dll", None)
    rc, ev, _ = host.run(
        [ours, minimal], "--threads", "2", scenario="alice reauth=1\nvetoed reauth=1\ndenyme\n"
    )
    c.check(rc == 0, "two DLLs: exit status", rc)
    m = one(ev, "loaded", dll=minimal)
    c.check(
        m.get("init") == "plain" and m.get("connection_pair") == "2" and m.get("reauth") == "plain",
        "the minimal DLL's older contract form is recognised",
        m,
    )
    c.check(
        [e["accepted"] for e in of(ev, "connection", user="alice")] == [True, True],
        "alice: accepted by both DLLs",
    )
    c.check(
        [e["accepted"] for e in of(ev, "connection", user="vetoed")] == [True, False],
        "vetoed: accepted by ours, denied by the second: denied",
        of(ev, "connection", user="vetoed"),
    )
    c.check(
        [e["accepted"] for e in of(ev, "connection", user="denyme")] == [False],
        "denyme: the first refusal ends the connection",
    )
    s = one(ev, "summary")
    c.check(s.get("accepted") == 1 and s.get("denied") == 2, "two DLLs: summary", s)


BROKEN = {
    "no_accept_link": "MprAdminAcceptNewLink",
    "no_link_hangup": "MprAdminLinkHangupNotification",
    "no_terminate": "MprAdminTerminateDll",
    "no_initialize": "MprAdminInitializeDllEx",
    "no_reauth": "MprAdminAcceptReauthenticationEx",
    "no_hangup_ex": "MprAdminConnectionHangupNotificationEx",
    "no_accept_ex": "MprAdminAcceptNewConnectionEx",
    "half_ipv4": "MprAdminReleaseIpAddress",
    "half_ipv6": "MprAdminGetIpv6AddressForUser",
}


def refusals(c: Checks, host: Host) -> None:
    """The host refuses each broken DLL, naming the missing export."""
    ours = host.dll("good", "rasadmin_test.dll", ini("test_byname", 1000))
    for name, missing in BROKEN.items():
        bad = host.dll(f"broken_{name}", f"broken_{name}.dll", None)
        rc, ev, _ = host.run([ours, bad], "--threads", "1")
        r = one(ev, "refused")
        c.check(rc == 3, f"{name}: exit status 3", rc)
        c.check(r.get("missing") == missing, f"{name}: names {missing}", r)
        c.check(missing in r.get("message", ""), f"{name}: the message names it", r)
        c.check(not of(ev, "initialized"), f"{name}: no DLL is initialized", ev)
    # initialize failures: RRAS does not start
    bad = host.dll("unknown", "rasadmin_test.dll", ini("no_such_policy"))
    rc, ev, _ = host.run([bad])
    c.check(rc == 4, "unknown policy: exit status 4", rc)
    c.check(
        any("unknown policy module 'no_such_policy'" in e["message"] for e in of(ev, "log")),
        "unknown policy: logged",
        ev,
    )
    shipped = host.dll("shipped", "rasadmin.dll", ini("test_deny"))
    rc, ev, _ = host.run([shipped])
    c.check(rc == 4, "the shipped DLL has no test policies", rc)
    noini = host.dll("noini", "rasadmin_test.dll", None)
    rc, ev, _ = host.run([noini])
    init = one(ev, "initialized")
    c.check(rc == 4 and init.get("rc") == 2, "no configuration file: ERROR_FILE_NOT_FOUND", init)
    c.check(
        any("noini.ini not found" in e["message"] for e in of(ev, "log")),
        "no configuration file: logged with its path",
        ev,
    )


def acl(c: Checks, host: Host) -> None:
    """tests/c/admin_acl.c: the DLL's permission rules on SDDL descriptors."""
    proc = wine([str(host.build / "admin_acl.exe")], timeout=120)
    out = proc.stdout.strip()
    last = out.splitlines()[-1] if out else "admin acl: printed nothing"
    print(last.replace("admin acl:", f"admin {c.arch} permission rules:", 1), flush=True)
    c.check(proc.returncode == 0, "the permission rules (admin_acl.exe)", out + proc.stderr)
    c.check(out.endswith(", 0 failures") and "FAIL" not in out, "admin_acl.exe's summary", out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", required=True)
    ap.add_argument("--dir", required=True, type=Path)
    ap.add_argument("--only", action="append", help="run only this scenario (repeatable)")
    ns = ap.parse_args()
    build: Path = ns.dir.resolve()
    work = build / "run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if "WINEPREFIX" not in os.environ:
        raise SystemExit("admin_wine.py: set WINEPREFIX (admin_run.sh makes one of its own)")
    # One wineserver for every run (a Wine start then takes 0.2 s, not 3 s); the
    # prefix is this test's own, so is the server, stopped at the end.  Started
    # first, and with no pipe of ours: a server (or a service wineboot starts)
    # that inherited our captured stdout would keep it open for ever.
    quiet = {
        "stdin": subprocess.DEVNULL,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "check": False,
    }
    # The server first (it needs the prefix's folder, not its contents), then
    # wineboot: a server started by wineboot could be exiting when told -p.
    Path(os.environ["WINEPREFIX"]).mkdir(parents=True, exist_ok=True)
    subprocess.run(["wineserver", "-p"], **quiet)  # type: ignore[call-overload]
    subprocess.run(["wineboot", "-i"], timeout=300, **quiet)  # type: ignore[call-overload]
    c = Checks(ns.arch)
    try:
        reg_set("DisplayName", "ras-win32 admin DLL tests")
        host = Host(work, build)
        for scenario in (acl, decisions, concurrency, no_leak, terminate, several, refusals):
            if ns.only and scenario.__name__ not in ns.only:
                continue
            start = time.monotonic()
            scenario(c, host)
            took = time.monotonic() - start
            print(f"ok  {ns.arch} {scenario.__name__} ({took:.1f} s)", flush=True)
    finally:
        subprocess.run(["wineserver", "-k"], **quiet)  # type: ignore[call-overload]
    print(f"admin {ns.arch}: {c.count} checks, {len(c.failures)} failures")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
