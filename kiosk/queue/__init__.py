"""The queue: polis and schedules, ticket rules, numbering and leases, call order, wait
estimates, ticket PDFs and printers. Import the submodules you need (nothing heavy here)."""
