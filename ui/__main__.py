"""``python -m ui`` and the frozen build's entry point: run the kiosk."""

import sys

from ui.app import main

sys.exit(main())
