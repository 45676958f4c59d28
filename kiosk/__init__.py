"""Anjungan kiosk core: everything that is not Qt.

Nothing here imports PySide6 or ``ui`` (an import-linter contract enforces it), and nothing heavy
happens at import time: models, databases and devices are opened explicitly by their owners.
"""

__version__ = "0.1.0"
