"""Reusable widgets: camera view, keypad, scanner input."""
