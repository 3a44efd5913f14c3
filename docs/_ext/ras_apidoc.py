"""Sphinx extension: the API reference of ``ras``, generated.

Three sources, each the one declaration of what it gives:

- ``src/_ras/<family>.c``: which functions and types belong to a family (its
  ``PyMethodDef`` table and its ``PyType_Spec`` names), in the table's order;
- ``ras._surface`` (from which ``tools/gen_stubs.py`` writes ``ras/_ras.pyi``):
  the typed signatures and the types' typed attributes;
- the built extension ``ras._ras``: the docstrings (of the functions, of the
  types and of their attributes) and the integer constants.

Directives (MyST syntax)::

    ```{ras-family} dial
    ```
    ```{ras-constants}
    ```
    ```{ras-typeddicts}
    ```

``ras-family`` renders every public function and type of that family as
``py:function`` / ``py:class`` / ``py:exception`` entries of module ``ras``,
each linking to its section of the family's guide (``docs/api/<family>.md``:
its ``## `Name(args)``` heading, else the page).  ``ras-constants`` renders
every constant of ``ras`` with its value, each a ``py:data`` target
(``{py:data}`ras.RASCS_Connected```).  ``ras-typeddicts`` renders every
``TypedDict`` of the installed stub ``ras/_ras.pyi`` (written by
``tools/gen_stubs.py`` from the extension's C field tables) as a ``py:class``
with its keys, and the functions returning or accepting it.  At the end of reading, every name of
``ras.__all__`` must have been documented somewhere (a warning, so an error
under ``-W``, otherwise): a function added to the extension cannot be left out
of the reference.
"""

from __future__ import annotations

import ast
import posixpath
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from myst_parser.slugs import github_slugify, unique_slug
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parents[2]
C_DIR = ROOT / "src" / "_ras"
GUIDE_DIR = "api"  # docs/api/<family>.md, relative to the docs' source folder
logger = logging.getLogger(__name__)

HEADING = re.compile(r"(#{1,6}) (.*)$")
ALIAS = re.compile(r"^(_\w+) = (.+)$", re.MULTILINE)


# ---- the family of each function and type, from the C method tables --------------------


def family_members(family: str) -> list[str]:
    """The public functions and types of ``src/_ras/<family>.c``, in the file's order:
    its ``PyType_Spec`` names, then its ``PyMethodDef`` table's entries."""
    path = C_DIR / f"{family}.c"
    if not path.is_file():
        raise ValueError(f"no family {family!r}: {path} does not exist")
    text = path.read_text(encoding="utf-8")
    types = re.findall(r'PyType_Spec\s+\w+\s*=\s*\{\s*"ras\.(\w+)"', text)
    funcs: list[str] = []
    for table in re.findall(r"PyMethodDef\s+\w+\[\]\s*=\s*\{(.*?)\n\};", text, re.DOTALL):
        for meth, literal in re.findall(r'METH\((\w+)\)|\{\s*"(\w+)"', table):
            funcs.append(meth or literal)
    return [n for n in types + funcs if not n.startswith("_")]


# ---- Markdown rendering ------------------------------------------------------------------

_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def escape(text: str) -> str:
    """``text`` as literal Markdown (CommonMark lets any ASCII punctuation be escaped)."""
    return _PUNCT.sub(r"\\\1", text)


class Linker:
    """Turns a plain-text docstring into Markdown: the names of ``ras``'s functions and
    types and its constants become cross-references (checked: nitpicky), ``PREFIX_*``
    patterns and quoted keys (``'mask'``) become code, everything else stays literal
    text."""

    def __init__(self, functions: set[str], types: set[str], constants: set[str]) -> None:
        self.functions = functions
        self.types = types
        self.constants = constants
        names = sorted(functions | types | constants, key=len, reverse=True)
        self.pattern = re.compile(
            r"\b(?P<name>" + "|".join(map(re.escape, names)) + r")\b(?P<call>\(\))?"
            r"|\berror(?=\()"  # error(CODE): the exception type
            r"|\b(?P<prefix>[A-Z][A-Z0-9]*(?:_[A-Za-z0-9]+)*_)\*"  # RASCS_*
            r"|(?P<key>'\w*')(?!\w)"  # a dict key or a string value: 'deviceType'
        )

    def __call__(self, text: str) -> str:
        out: list[str] = []
        pos = 0
        for m in self.pattern.finditer(text):
            out.append(escape(text[pos : m.start()]))
            pos = m.end()
            name = m.group("name")
            if m.group("prefix") or m.group("key"):
                out.append(f"`{m.group(0)}`")
            elif name is None:  # error(
                out.append("{py:exc}`error <ras.error>`")
            elif name in self.functions:
                out.append(f"{{py:func}}`{name}{m.group('call') or ''} <ras.{name}>`")
            elif name in self.types:
                out.append(f"{{py:class}}`{name} <ras.{name}>`" + escape(m.group("call") or ""))
            else:  # a constant: its row of the constants page
                out.append(f"{{py:data}}`{name} <ras.{name}>`" + escape(m.group("call") or ""))
        out.append(escape(text[pos:]))
        return "".join(out)


def stub_class(source: str) -> tuple[str, list[str], list[tuple[str, str, bool]], str | None]:
    """(name, bases, [(attribute, type, read-only)], __init__ parameters or None) of a
    class in stub syntax (``ras._surface.CLASSES``)."""
    tree = ast.parse(source).body[0]
    assert isinstance(tree, ast.ClassDef)
    attrs: list[tuple[str, str, bool]] = []
    init: str | None = None
    for item in tree.body:
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            attrs.append((item.target.id, ast.unparse(item.annotation), False))
        elif isinstance(item, ast.FunctionDef):
            if item.name == "__init__":
                init = ast.unparse(item.args).removeprefix("self").lstrip(", ")
            elif any(ast.unparse(d) == "property" for d in item.decorator_list):
                assert item.returns is not None, item.name
                attrs.append((item.name, ast.unparse(item.returns), True))
    return tree.name, [ast.unparse(b) for b in tree.bases], attrs, init


def paragraphs(doc: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", doc or "") if p.strip()]


class Reference:
    """Everything the directives render, read once per build from ``ras``."""

    def __init__(self) -> None:
        import ras
        from ras import _ras, _surface

        self.module = _ras
        self.surface = _surface
        self.functions = {f.name: f for f in _surface.FUNCTIONS}
        self.aliases = dict(ALIAS.findall(_surface.PREAMBLE))
        self.constants = dict(ras.CONSTANTS)
        self.strings = dict(ras.DEVICE_TYPES)
        self.all = list(ras.__all__)
        self.link = Linker(
            set(self.functions), set(_surface.CLASSES), set(self.constants) | set(self.strings)
        )

    def expand(self, annotation: str) -> str:
        """The stub's private aliases (``_Handle``, ...) replaced by what they stand for."""
        for alias, value in self.aliases.items():
            annotation = re.sub(rf"\b{re.escape(alias)}\b", value, annotation)
        return annotation

    def body(self, doc: str | None) -> list[str]:
        out: list[str] = []
        for para in paragraphs(doc):
            out += [self.link(para), ""]
        return out

    def function(self, name: str, guide: str) -> list[str]:
        fn = self.functions[name]
        lines = [
            f"````{{py:function}} {name}({self.expand(fn.params)}) -> {self.expand(fn.returns)}",
            ":module: ras",
            "",
            *self.body(getattr(self.module, name).__doc__),
        ]
        if fn.pywin32:
            lines += [f"Also `win32ras.{name}`, pywin32's function of that name.", ""]
        lines += [f"Guide: {guide}", "````", ""]
        return lines

    def type(self, name: str, guide: str) -> list[str]:
        cls_name, bases, attrs, init = stub_class(self.surface.CLASSES[name])
        assert cls_name == name, (cls_name, name)
        obj = getattr(self.module, name)
        kind = "py:exception" if "Exception" in bases else "py:class"
        sig = f"{name}({init})" if init is not None else name
        lines = [f"`````{{{kind}}} {sig}", ":module: ras", ""]
        doc = obj.__doc__ or ""
        lines += self.body(doc)
        if name in self.surface.PYWIN32_NAMES | self.surface.WIN32RAS_EXTRAS:
            lines += [f"Also `win32ras.{name}`.", ""]
        for attr, annotation, readonly in attrs:
            lines += [
                f"````{{{'py:property' if readonly else 'py:attribute'}}} {attr}",
                f":type: {self.expand(annotation)}",
                "",
                *self.body(getattr(obj, attr).__doc__),
                "````",
                "",
            ]
        lines += [f"Guide: {guide}", "`````", ""]
        return lines


def guide_headings(family: str, depth: int) -> dict[str, tuple[str, str]]:
    """name -> (slug, heading text) of the first heading of the guide page
    ``docs/api/<family>.md`` that shows ``name`` as code (```Name(args)``` or
    ```Name```), with the anchor MyST gives it (``myst_heading_anchors``: down to
    ``depth``; GitHub's slugs, made unique in page order)."""
    page = Path(__file__).resolve().parents[1] / GUIDE_DIR / f"{family}.md"
    found: dict[str, tuple[str, str]] = {}
    slugs: set[str] = set()
    fence = ""
    for line in page.read_text(encoding="utf-8").splitlines():
        opening = re.match(r"\s*(`{3,}|~{3,})", line)
        if opening and (not fence or opening.group(1).startswith(fence)):
            fence = "" if fence else opening.group(1)
            continue
        m = None if fence else HEADING.match(line)
        if m is None or len(m.group(1)) > depth:
            continue
        text = m.group(2).strip().replace("`", "")
        slug = unique_slug(github_slugify(text), slugs)
        slugs.add(slug)
        if len(m.group(1)) == 1:
            continue  # the page's title: the link to the page says as much
        for span in re.findall(r"`([A-Za-z_]\w*)(?:\([^`]*\))?`", m.group(2)):
            found.setdefault(span, (slug, text))
    return found


# ---- the directives ----------------------------------------------------------------------


_REFERENCE: list[Reference] = []  # read once per process (not kept in the pickled env)


def _reference(env: BuildEnvironment) -> Reference:
    if not _REFERENCE:
        _REFERENCE.append(Reference())
    return _REFERENCE[0]


def _documented(env: BuildEnvironment) -> dict[str, set[str]]:
    """docname -> the ``ras`` names its directives rendered (kept in the pickled env)."""
    if not hasattr(env, "ras_documented"):
        env.ras_documented = {}  # type: ignore[attr-defined]
    return env.ras_documented  # type: ignore[attr-defined, no-any-return]


class FamilyDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        family = self.arguments[0]
        ref = _reference(self.env)
        try:
            members = family_members(family)
        except ValueError as exc:
            raise self.error(str(exc)) from exc
        guide_doc = f"{GUIDE_DIR}/{family}"
        here = posixpath.dirname(self.env.docname)
        guide_md = posixpath.relpath(f"{guide_doc}.md", here or ".")
        self.env.note_dependency(str(C_DIR / f"{family}.c"))
        self.env.note_dependency(f"{guide_doc}.md")
        headings = guide_headings(family, self.config.myst_heading_anchors)
        lines: list[str] = []
        for name in members:
            if name in headings:
                slug, text = headings[name]
                guide = f"[{escape(text)}]({guide_md}#{slug})"
            else:
                guide = f"[]({guide_md})"  # MyST writes the page's title
            if name in ref.functions:
                lines += ref.function(name, guide)
            elif name in ref.surface.CLASSES:
                lines += ref.type(name, guide)
            else:
                raise self.error(
                    f"{family}.c registers {name}, which ras._surface does not declare"
                )
        _documented(self.env).setdefault(self.env.docname, set()).update(members)
        container = nodes.container(classes=["ras-family"])
        self.state.nested_parse(StringList(lines, source=f"ras-family {family}"), 0, container)
        return list(container.children)


class ConstantsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        ref = _reference(self.env)
        py = self.env.get_domain("py")
        values: dict[str, int | str] = {**ref.constants, **ref.strings}
        groups: dict[str, list[str]] = {}
        for name in sorted(values, key=str.lower):
            groups.setdefault(name.split("_")[0], []).append(name)
        other = [n for names in groups.values() if len(names) == 1 for n in names]
        groups = {f"{p}_*": names for p, names in groups.items() if len(names) > 1}
        groups["Others"] = sorted(other, key=str.lower)
        out: list[nodes.Node] = []
        for title, names in groups.items():
            out.append(nodes.rubric(text=f"{title} ({len(names)})"))
            table = nodes.table(classes=["ras-constants"])
            group = nodes.tgroup(cols=2)
            table += group
            group += nodes.colspec(colwidth=3)
            group += nodes.colspec(colwidth=1)
            tbody = nodes.tbody()
            group += tbody
            for name in names:
                value = values[name]
                shown = (
                    repr(value)
                    if isinstance(value, str) or value < 16
                    else f"{value} (0x{value & 0xFFFFFFFF:X})"
                )
                # each name a py:data target: {py:data}`ras.RASCS_Connected` links here
                node_id = f"ras.{name}"
                target = nodes.target("", "", ids=[node_id])
                self.state.document.note_explicit_target(target)
                py.note_object(node_id, "data", node_id, location=target)
                row = nodes.row()
                row += nodes.entry("", nodes.paragraph("", "", target, nodes.literal(text=name)))
                row += nodes.entry("", nodes.paragraph("", "", nodes.literal(text=shown)))
                tbody += row
            out.append(table)
        _documented(self.env).setdefault(self.env.docname, set()).update(values)
        return out


class TypedDictsDirective(SphinxDirective):
    """Every TypedDict of the stub: its keys and their types, as type checkers see them."""

    has_content = False
    QUALIFY = (
        (re.compile(r"\b(IPv4Address|IPv6Address)\b"), r"ipaddress.\1"),
        (re.compile(r"\bUUID\b"), "uuid.UUID"),
        (re.compile(r"\bSequence\b"), "collections.abc.Sequence"),
    )

    def run(self) -> list[nodes.Node]:
        import ras

        ref = _reference(self.env)
        stub = Path(ras.__file__).resolve().parent / "_ras.pyi"
        self.env.note_dependency(str(stub))
        tree = ast.parse(stub.read_text(encoding="utf-8"))
        lines: list[str] = []
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and [ast.unparse(b) for b in node.bases] == [
                "TypedDict"
            ]:
                lines += self.typeddict(node, ref)
        container = nodes.container(classes=["ras-typeddicts"])
        self.state.nested_parse(StringList(lines, source="ras-typeddicts"), 0, container)
        return list(container.children)

    def typeddict(self, node: ast.ClassDef, ref: Reference) -> list[str]:
        name = node.name
        word = re.compile(rf"\b{name}\b")
        returned = [f.name for f in ref.functions.values() if word.search(f.returns)]
        accepted = [f.name for f in ref.functions.values() if word.search(f.params)]
        lines = [f"`````{{py:class}} {name}", ":module: ras", ""]
        lines += [escape(ast.get_docstring(node) or ""), ""]
        for label, names in (("Returned by", returned), ("Accepted by", accepted)):
            if names:
                links = ", ".join(f"{{py:func}}`{n} <ras.{n}>`" for n in names)
                lines += [f"{label} {links}.", ""]
        for item in node.body:
            if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
                continue
            annotation = ast.unparse(item.annotation)
            notes = []
            wrapper = re.match(r"(NotRequired|ReadOnly|Literal)\[(.*)\]$", annotation)
            if wrapper:
                kind, annotation = wrapper.groups()
                if kind == "NotRequired":
                    notes.append("Not in every result: only from the systems that have the field.")
                elif kind == "Literal":
                    notes.append(f"Always {annotation} in this shape.")
                    annotation = "int"
            for pattern, repl in self.QUALIFY:
                annotation = pattern.sub(repl, annotation)
            lines += [f"````{{py:attribute}} {item.target.id}", f":type: {annotation}", ""]
            lines += [*notes, "````", ""]
        lines += ["`````", ""]
        return lines


# ---- completeness ------------------------------------------------------------------------


def check_complete(app: Sphinx, env: BuildEnvironment) -> None:
    ref = _reference(env)
    py_objects = env.get_domain("py").objects  # type: ignore[attr-defined]
    rendered = set().union(*_documented(env).values()) if _documented(env) else set()
    missing = [n for n in ref.all if n not in rendered and f"ras.{n}" not in py_objects]
    if missing:
        logger.warning(
            "ras.__all__ names missing from the API reference: %s "
            "(a family directive, ras-constants or a py: entry must document each)",
            ", ".join(missing),
            type="ras",
            subtype="apidoc",
        )


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _documented(env).pop(docname, None)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: Any, other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in _documented(other):
            _documented(env)[docname] = _documented(other)[docname]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("ras-family", FamilyDirective)
    app.add_directive("ras-constants", ConstantsDirective)
    app.add_directive("ras-typeddicts", TypedDictsDirective)
    app.connect("env-check-consistency", check_complete)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
