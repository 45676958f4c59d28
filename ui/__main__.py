"""``python -m ui`` and the frozen build's entry point: run the kiosk."""

import multiprocessing
import sys

from ui.app import main

# The face descriptor runs in a spawned process; a frozen build must let the child start here.
multiprocessing.freeze_support()
sys.exit(main())
