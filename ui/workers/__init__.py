"""Worker threads: the camera, code scanning, face verification and store/printer jobs.

Widgets are touched only on the GUI thread; workers talk to it through queued signals.
"""
