"""Sphinx configuration: the documentation site, built from the Markdown in docs/ (MyST).

Build (what ``nox -s docs`` runs, with the package installed in the environment):

    sphinx-build -W --keep-going -n -b html docs docs/_build/html

Warnings are errors and cross-references are checked (``-n``): a broken relative
link, heading anchor or ``{py:func}`` target fails the build.  Nothing is fetched
from the network (no intersphinx, no linkcheck).
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import version as _version
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "ras-win32"
author = "the ras-win32 authors"
copyright = "the ras-win32 authors"
release = _version("ras-win32")  # the installed package's: the reference documents it
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "ras_apidoc",  # docs/_ext/ras_apidoc.py: the API reference from _surface + docstrings
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext"]
nitpicky = True  # the same as -n: every cross-reference must resolve
# The standard library's classes in the typed helpers' signatures (ras.Phonebook,
# ras.Entry, ...): no intersphinx (no network), so they cannot resolve.
nitpick_ignore_regex = [("py:class", r"(os|collections\.abc|ipaddress|uuid|datetime|types)\.\w+")]

# MyST: GitHub-style anchors for headings down to ####, so the links between pages
# that work on GitHub ([x](page.md#some-heading)) resolve here too, and are checked.
myst_heading_anchors = 4
myst_enable_extensions = ["colon_fence"]

# autodoc (the Python helpers: state_name, ...): signatures from the annotations.
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
python_maximum_signature_line_length = 88
add_module_names = False

html_theme = "alabaster"
html_title = f"ras-win32 {release}"
html_theme_options = {"description": "The Windows RAS client API for Python"}


def _include_readme_links(
    app: object, relative_path: Path, parent_docname: str, content: list[str]
) -> None:
    """README.md is written for the repository's root: when docs/index.md includes it,
    its relative links are made relative to docs/, so every one of them is checked:
    ``docs/x.md`` -> ``x.md``; any other file of the repository -> ``../file``, a
    download, and a Markdown one (``CHANGELOG.md``, which Sphinx would take for a page
    it does not have) through the ``{download}`` role."""
    if relative_path.name != "README.md" or relative_path.parent != Path(".."):
        return

    def fix(m: re.Match[str]) -> str:
        text, target = m.group(1), m.group(2)
        if re.match(r"[a-z][a-z0-9+.-]*:|#", target):  # a URL or an anchor
            return m.group(0)
        if target.startswith("docs/"):
            return f"[{text}]({target[len('docs/') :]})"
        if target.split("#")[0].endswith(".md"):
            title = text.replace("`", "").strip() or target
            return f"{{download}}`{title} <../{target.split('#')[0]}>`"
        return f"[{text}](../{target})"

    content[0] = re.sub(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)", fix, content[0])


def setup(app: object) -> None:
    app.connect("include-read", _include_readme_links)  # type: ignore[attr-defined]
