"""Kiosk <-> central server sync: the shared wire protocol, the HTTP client, the engine."""
