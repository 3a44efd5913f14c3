"""The command lines, built on the typed layer.

- ``pyrasdial``: rasdial.exe's syntax, wording and exit codes (``rasdial.py``).
- ``pyras`` and ``python -m ras``: subcommands for everything rasdial cannot
  do, with ``--json`` on every read (``app.py``; one module per group of
  commands: ``connections.py``, ``entries.py``, ``watch.py``, ``demo.py``).

``output.py`` holds what every command shares: the JSON printer and its
schema (``schema.py``), colours, tables; ``progress.py`` the live view of a
dial.
"""
