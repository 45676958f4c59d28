"""The PIN-protected staff desk (exceptions, overrides, enrolment, queue console, summary)."""
