"""The facility's central server: HTTP API for kiosks and staff over SQLite or PostgreSQL.

README for the BPJS bridge (kiosk/server/bpjs/, kiosk/server/jkn/): the extension points
-----------------------------------------------------------------------------------------
* Database access: ``kiosk.server.db.Database`` (``Database.open(url)``; ``sqlite:///path`` or a
  plain path = SQLite file, ``postgresql://...`` = PostgreSQL via psycopg 3). Use
  ``with db.transaction() as tx:`` then ``tx.execute(sql, params)``, ``tx.one(sql, params)`` /
  ``tx.all(sql, params)`` (rows as dicts). Write SQL with ``?`` placeholders; they are translated
  for PostgreSQL. Stay in the portable subset (``INSERT ... ON CONFLICT ... DO ...``,
  ``RETURNING``, TEXT/INTEGER/BIGINT/REAL). ``tx.dialect`` is ``Dialect.SQLITE`` or
  ``Dialect.POSTGRESQL`` when you really must branch. A transaction on SQLite is
  ``BEGIN IMMEDIATE`` (one writer at a time); on PostgreSQL it is READ COMMITTED, so lock
  what you read-then-write (``UPDATE ... RETURNING`` is atomic on both). On hot paths use
  ``db.write(fn)``: ``fn(tx)`` runs in a write transaction and its result is returned once
  committed; on SQLite concurrent callers share one commit (group commit, one fsync), each under
  its own SAVEPOINT so one caller's exception undoes only its own writes.
* Your own tables: put ``MIGRATIONS: tuple[ServerMigration, ...]`` in
  ``kiosk/server/bpjs/schema.py`` (and/or ``kiosk/server/jkn/schema.py``) with versions 10-19
  (``from kiosk.server.schema import ServerMigration``). ``{serial}`` in a statement becomes an
  auto-increment primary key column type for the dialect (``INTEGER PRIMARY KEY AUTOINCREMENT``
  / ``BIGSERIAL PRIMARY KEY``), ``{blob}`` becomes BLOB / BYTEA. Applied versions are recorded
  one row per version in ``schema_migrations``, so areas apply independently. Versions 1-9 are
  the core server's.
* HTTP: the app factory is ``kiosk.server.app.create_app(ctx, extra_routers=())`` where
  ``ctx = ServerContext(db=..., settings=ServerSettings(...))``. If ``kiosk/server/jkn/api.py``
  defines ``build_router(ctx: ServerContext) -> fastapi.APIRouter`` it is included
  automatically (same for ``kiosk/server/bpjs/api.py``); Mobile JKN's own x-token auth is yours.
  Everything else needs a bearer token: ``kiosk.server.auth.require_kiosk`` /
  ``require_admin`` are FastAPI dependencies if you want them. ``ctx.background`` is a list of
  ``Callable[[threading.Event], None]`` loops started in daemon threads by ``serve`` (the BPJS
  outbox sender goes there); they must return when the event is set.
* Queue numbers and bookings (``kiosk.server.domain``), all taking an open ``tx``:
  ``allocate_number(tx, poli_code, day) -> Allocated`` (next number per poli per day, atomic;
  Mobile JKN bookings and online kiosk tickets take numbers here),
  ``allocate_lease(tx, kiosk_id, poli_code, day, size) -> Lease`` (a block for a kiosk to issue
  offline, from the same counter so nothing collides), ``format_number(prefix, n)`` ("A-012"),
  ``upsert_booking(tx, Booking)`` (a Mobile JKN or staff booking; it reaches every kiosk through
  the pull feed) and ``record_change(tx, entity, key, data, scope=None)`` (anything kiosks must
  see). Bookings keep ``source`` ("jkn", "kiosk", "staff", "import"). PostgreSQL lock order:
  change_counter, then number_counters, then bookings/tickets rows; these functions take the
  first lock themselves (``domain.lock_feed(tx)``); call it yourself before any
  ``SELECT ... FOR UPDATE`` of bookings in a transaction that then allocates or records, or
  PostgreSQL may report a deadlock (``db.write`` retries those up to three times).
* Kiosk events: every event pushed by a kiosk is stored once in ``events`` (``event_id``,
  ``kiosk_id``, ``kind``, ``payload`` JSON text, ``server_seq`` = arrival order). A BPJS sender
  can read them in ``server_seq`` order and keep its own cursor/outbox in its own tables.

Modules: ``main`` (CLI: serve, token, import, status, migrate), ``app`` (FastAPI app factory,
error format, body limit), ``auth`` (tokens), ``db`` (SQLite/PostgreSQL layer, group commit),
``schema`` (migrations), ``service`` (push, pull, heartbeat, numbers, leases, sync state),
``domain`` (change feed, numbering, bookings, event projections), ``importer`` (reference data).
"""
