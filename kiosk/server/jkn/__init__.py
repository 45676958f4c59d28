"""The facility's Antrean FKTP web service that Mobile JKN calls (see ``api`` for the routes).

``rules`` (pure request checks with Indonesian messages), ``token`` (x-token issuing),
``service`` (bookings, status, cancellations, new patients on the server database),
``schema`` (tables).
"""
