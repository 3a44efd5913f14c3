"""``python -m ras.admin``: see ras.admin._cli."""

import sys

from ras.admin._cli import main

sys.exit(main())
