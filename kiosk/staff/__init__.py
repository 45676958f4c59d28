"""Front-desk staff: PIN login with lockout, audit log, exceptions, overrides, daily summary."""
