# ras._ras_sim has ras._ras's surface (the same C, built against the simulated
# rasapi32): ras/_ras_sim.py, docs/development.md.
from ras._ras import *  # noqa: F403
from ras._ras import _atexit as _atexit
from ras._ras import _error_text as _error_text
from ras._ras import _field_tables as _field_tables
from ras._ras import _pending_dials as _pending_dials
from ras._ras import _set_error_classes as _set_error_classes
from ras._ras import _set_hangup_hook as _set_hangup_hook
from ras._ras import _sim_event_close as _sim_event_close
from ras._ras import _sim_event_create as _sim_event_create
from ras._ras import _sim_event_reset as _sim_event_reset
from ras._ras import _sim_event_set as _sim_event_set
from ras._ras import _sim_event_wait as _sim_event_wait
from ras._ras import _sim_posted_messages as _sim_posted_messages
from ras._ras import _sim_reset as _sim_reset
