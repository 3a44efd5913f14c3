"""Release configuration checks, run by the ``release_checks`` nox session (not part
of the suite: they need cibuildwheel, setuptools-scm, build and git, not the package).

* cibuildwheel selects exactly one cp39-abi3 build per Windows architecture, plus the
  CPython 3.14 test-only reuse of each (pyproject.toml [tool.cibuildwheel]);
* every action of .github/workflows is pinned to a full commit SHA with its version
  in a comment, and every workflow and job says its ``permissions:``;
* setup.py builds ``ras._ras_sim`` beside ``ras._ras`` on Windows only;
* the version has one source (git tags via setuptools-scm): tools/winbuild.py gets
  the same one, and a shallow clone (what a CI checkout is) builds an sdist.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ARCHS = ("win_amd64", "win32", "win_arm64")


def run(*cmd: str, cwd: Path = ROOT) -> str:
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    assert out.returncode == 0, f"{cmd} exited {out.returncode}:\n{out.stdout}\n{out.stderr}"
    return out.stdout


def test_cibuildwheel_build_identifiers() -> None:
    out = run(
        sys.executable,
        "-m",
        "cibuildwheel",
        "--print-build-identifiers",
        "--platform",
        "windows",
        "--archs",
        "all",
    )
    identifiers = out.split()
    # one cp39 (abi3) build per architecture; the cp314 identifiers build nothing:
    # cibuildwheel finds the cp39-abi3 wheel compatible and tests it on 3.14 too
    assert sorted(identifiers) == sorted(
        f"{py}-{arch}" for py in ("cp39", "cp314") for arch in ARCHS
    )
    assert sorted(i for i in identifiers if i.startswith("cp39-")) == sorted(
        f"cp39-{arch}" for arch in ARCHS
    )


def test_the_wheel_is_abi3() -> None:
    # setup.py tags the wheel cp39-abi3 (what makes cibuildwheel reuse it for cp314)
    text = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert 'return "cp39", "abi3", plat' in text
    assert "py_limited_api=True" in text


SETUP_EXTENSIONS = """
import json, os, sys
import setuptools
import setuptools.command.build_ext  # reads this interpreter's build configuration

sys.platform = sys.argv[1]  # setup.py decides by it
sys.argv[1:] = ["--name"]  # setup() is captured below, nothing is built
captured = {}
setuptools.setup = lambda **kw: captured.update(kw)
path = os.path.abspath("setup.py")
exec(compile(open(path).read(), path, "exec"), {"__name__": "__main__", "__file__": path})
print(json.dumps([
    {"name": e.name, "sources": e.sources, "libraries": e.libraries,
     "macros": [m[0] for m in e.define_macros], "limited": e.py_limited_api}
    for e in captured["ext_modules"]
]))
"""


@pytest.mark.parametrize("platform", ["win32", "linux"])
def test_setup_builds_ras_sim_on_windows_only(platform: str) -> None:
    """setup.py's extensions as cibuildwheel's Windows builds (and a Linux sdist
    install) see them: on Windows ras._ras (rasapi32) and ras._ras_sim (the
    simulator compiled in, RASPY_SIM_MODULE, no rasapi32); elsewhere ras._ras
    alone, itself the simulated build (docs/development.md)."""
    import json

    sys.path.insert(0, str(ROOT))
    import buildconfig

    exts = json.loads(run(sys.executable, "-c", SETUP_EXTENSIONS, platform))
    real = exts[0]
    assert real["name"] == "ras._ras" and real["limited"] is True
    if platform != "win32":
        assert len(exts) == 1
        assert set(buildconfig.SIMULATOR_SOURCES) <= set(real["sources"])
        return
    assert "rasapi32" in real["libraries"]
    assert not set(buildconfig.SIMULATOR_SOURCES) & set(real["sources"])
    [sim] = exts[1:]
    assert sim["name"] == buildconfig.SIM_MODULE == "ras._ras_sim"
    assert sim["sources"] == [*buildconfig.EXTENSION_SOURCES, *buildconfig.SIMULATOR_SOURCES]
    assert buildconfig.SIM_MODULE_MACRO in sim["macros"] and "Py_LIMITED_API" in sim["macros"]
    assert "rasapi32" not in sim["libraries"] and sim["limited"] is True


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_commits(workflow: Path) -> None:
    uses = [USES.match(line) for line in workflow.read_text(encoding="utf-8").splitlines()]
    found = [(m.group(1), m.group(2).strip()) for m in uses if m]
    assert found, "no actions"
    for action, comment in found:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"# v\d+(\.\d+)*", comment), f"{action}: version comment {comment!r}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_and_job_sets_permissions(workflow: Path) -> None:
    lines = workflow.read_text(encoding="utf-8").splitlines()
    assert "permissions:" in lines, "no workflow-level permissions"
    assert lines[lines.index("permissions:") + 1] == "  contents: read"
    start = lines.index("jobs:")
    jobs: dict[str, list[str]] = {}
    for line in lines[start + 1 :]:
        if re.fullmatch(r"  [\w-]+:", line):
            jobs[line.strip(" :")] = []
        elif jobs:
            jobs[list(jobs)[-1]].append(line)
    assert jobs
    for job, body in jobs.items():
        assert "    permissions:" in body, f"job {job} has no permissions"
    writes = [
        (job, line.strip()) for job, body in jobs.items() for line in body if ": write" in line
    ]
    # only the release job writes: the GitHub release and the OIDC token
    assert all(job == "release" for job, _ in writes), writes


def test_winbuild_uses_the_same_version() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    import winbuild

    scm = run(sys.executable, "-m", "setuptools_scm").split()[-1]
    assert winbuild.read_project(ROOT)["version"] == scm
    assert winbuild.wheel_path(ROOT).name.startswith(f"ras_win32-{scm}-cp39-abi3-")


def test_a_shallow_clone_builds_an_sdist(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    run("git", "clone", "--quiet", "--depth", "1", ROOT.as_uri(), str(clone), cwd=tmp_path)
    run(sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path / "dist"), cwd=clone)
    (sdist,) = (tmp_path / "dist").glob("*.tar.gz")
    version = sdist.name[len("ras_win32-") : -len(".tar.gz")]
    # the tag's version, or X.Y.devN when the clone has no tag (no local part)
    assert re.fullmatch(r"\d+(\.\d+)*(\.dev\d+)?", version), version
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for needed in ("PKG-INFO", "LICENSE", "setup.py", "buildconfig.py", "src/rassim/rasapi32.def"):
        assert needed in names
