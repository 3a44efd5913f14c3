# ras/_version.py is written when the package is built (setuptools-scm; see
# pyproject.toml): this stub types it for checkers of a tree never built.
__version__: str
