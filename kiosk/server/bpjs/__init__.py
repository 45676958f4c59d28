"""The central server's bridge to BPJS Kesehatan.

``crypto`` (signing, response encryption), ``client`` (Antrean FKTP and PCare over HTTPS),
``errors`` (typed failures), ``config`` (credentials from a file or the environment, masked),
``outbox`` + ``feed`` (every ticket, booking, call and cancellation reported in order, retried
while BPJS is down), ``peserta`` (membership lookups cached for offline use), ``bridge`` (wiring
into the server), ``api`` (staff sync view, kiosk peserta endpoints), ``schema`` (tables).
"""
