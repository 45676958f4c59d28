"""One screen per check-in step, written in code (no .ui files)."""
