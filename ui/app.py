"""The kiosk's one composition root: parse the command line, build every part, pass it down.

Nothing in ``ui/`` reaches for a global: settings, store access, workers, the speaker and the
translators are created here and handed to whoever needs them (Vorta/qutebrowser style).
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # before Qt is imported: the start of "cold start to first screen"

import argparse  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from types import TracebackType  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:  # annotations only: nothing heavy is imported before the first screen
    import numpy as np
    from PySide6.QtCore import QCoreApplication

    from kiosk.camera import FrameSource
    from kiosk.config import Language, Settings
    from kiosk.errors import KioskError
    from kiosk.queue.demo import DemoFacility
    from kiosk.queue.printer import TicketPrinter
    from kiosk.selfcheck import Check
    from kiosk.store import Store
    from kiosk.sync.engine import DeviceHealth
    from ui.display.voice import Announcer
    from ui.face_setup import FaceKit
    from ui.speaker import Speaker
    from ui.staff.launcher import StaffLauncher
    from ui.workers.models import ModelLoader
    from ui.workers.sync import SyncWorker

log = logging.getLogger("ui.app")

EXIT_AFTER_FIRST_SCREEN = "ANJUNGAN_EXIT_AFTER_FIRST_SCREEN"
DEMO_DIR = "ANJUNGAN_DEMO_DIR"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk", description="Anjungan self-check-in kiosk")
    p.add_argument("--config", type=Path, help="settings file (TOML); default: the per-user or"
                   " system config if present, else built-in defaults")
    p.add_argument("--demo", action="store_true",
                   help="run on the embedded demo facility in its own data folder")
    p.add_argument("--camera", type=Path, metavar="FILE",
                   help="replay a video file as the camera")
    p.add_argument("--windowed", action="store_true",
                   help="a normal window instead of full screen (development)")
    p.add_argument("--lang", choices=["id", "en"], help="start language (default: config)")
    p.add_argument("--self-check", action="store_true",
                   help="check config, models, translations and database; exit 0 or 1")
    p.add_argument("--pseudo", action="store_true",
                   help="pseudo-translation (long accented strings) to find clipped layouts")
    p.add_argument("--no-supervise", action="store_true",
                   help="do not restart the kiosk after a crash (full-screen mode restarts)")
    return p


def config_path(args: argparse.Namespace) -> Path | None:
    if args.config is not None:
        return Path(args.config)
    from kiosk import paths

    default = paths.default_config_file()
    return default if default.is_file() else None


def load_settings(args: argparse.Namespace) -> Settings:
    """Settings from the file and the flags; raises ConfigError and friends."""
    from kiosk import paths
    from kiosk.config import load_settings as load
    from kiosk.config import with_overrides

    settings = load(config_path(args))
    if args.demo:
        demo_dir = Path(os.environ.get(DEMO_DIR) or paths.default_data_dir() / "demo")
        settings = with_overrides(settings, kiosk={"data_dir": str(demo_dir)},
                                  printer={"kind": "pdf-dir", "output_dir": ""})
    if args.camera is not None:
        settings = with_overrides(settings, camera={"file": str(args.camera)})
    if args.lang:
        settings = with_overrides(settings, kiosk={"language": args.lang})
    return settings


# -- self-check ------------------------------------------------------------------------------


def self_check(args: argparse.Namespace) -> int:
    from kiosk import selfcheck
    from kiosk.errors import KioskError

    try:
        settings = load_settings(args)
    except KioskError as exc:
        checks = [selfcheck.Check("config", False, exc.detail)]
    else:
        checks = selfcheck.run_checks(settings, config_path(args))
    checks.append(_translations_check())
    sys.stdout.write(selfcheck.format_report(checks))
    sys.stdout.flush()
    return 0 if selfcheck.passed(checks) else 1


def _translations_check() -> Check:
    """The compiled .qm files load with QTranslator (a build without them speaks English)."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.config import Language
    from kiosk.errors import KioskError
    from kiosk.selfcheck import Check
    from ui.i18n import load_translator, qm_file

    t0 = time.perf_counter()
    _app = QCoreApplication.instance() or QCoreApplication([])
    try:
        for lang in Language:
            tr = load_translator(lang)
            if lang is Language.ID and tr.translate("CounterScreen", "Done") in ("", "Done"):
                raise RuntimeError(f"{qm_file(lang)} has no Indonesian text")
        ok, detail = True, ", ".join(qm_file(lang).name for lang in Language)
    except (KioskError, RuntimeError) as exc:
        ok, detail = False, getattr(exc, "detail", str(exc))
    return Check("translations", ok, detail, True, (time.perf_counter() - t0) * 1000)


# -- the running kiosk -----------------------------------------------------------------------


class Kiosk:
    """Everything the running kiosk is made of, built once and torn down in order."""

    def __init__(
        self, settings: Settings, *, windowed: bool, pseudo: bool, demo: bool,
        speaker: Speaker | None = None, printer: TicketPrinter | None = None,
        clock: Callable[[], float] | None = None, startup_error: KioskError | None = None,
        open_source: Callable[[], FrameSource] | None = None,
        make_kit: Callable[[Settings], FaceKit] | None = None,
        templates_exist: Callable[[Store, str], bool] | None = None, staff: bool = True,
        announcer: Announcer | None = None,
    ) -> None:
        from kiosk import checkin
        from kiosk.queue.printer import make_printer
        from kiosk.store import Store
        from ui import services
        from ui.flow import FlowController
        from ui.i18n import Languages
        from ui.speaker import make_speaker
        from ui.watchdog import Watchdog
        from ui.window import KioskWindow
        from ui.workers.camera import CameraWorker
        from ui.workers.face import FaceWorker
        from ui.workers.io import IoWorker
        from ui.workers.scanner import ScanWorker

        self.settings = settings
        self.languages = Languages(pseudo_mode=pseudo)
        self.languages.switch(settings.kiosk.language)
        self.window = KioskWindow(settings.kiosk.facility_name)
        self.window.set_language(settings.kiosk.language)
        self.window.allow_close = windowed
        self.speaker = speaker or make_speaker()
        self.error = startup_error
        self.demo = demo
        self.demo_facility: DemoFacility | None = None  # what load_demo loaded, once it has
        self.io = IoWorker(lambda: Store.open(settings.db_path))
        self.camera = CameraWorker(open_source or (lambda: open_camera(settings)))
        self._make_kit = make_kit
        self.scanner = ScanWorker()
        self.face = FaceWorker()
        self.loader: ModelLoader | None = None
        self.sync: SyncWorker | None = None
        self.camera_ok: bool | None = None  # plain values the sync thread may read
        self.printer_ok: bool | None = None
        if startup_error is None:
            self.sync = _sync_worker(settings, self._device_health)
        t = settings.timeouts
        ctx = services.Context(
            settings=settings,
            printer=printer or make_printer(settings),
            has_template=templates_exist or has_template,
        )
        kwargs = {"clock": clock} if clock is not None else {}
        self.flow = FlowController(
            self.window, io=self.io, face=self.face, scanner=self.scanner, context=ctx,
            speaker=self.speaker,
            timeouts=checkin.Timeouts(screen_s=t.screen_s, ticket_s=t.ticket_s,
                                      face_s=t.face_s,
                                      face_attempts=settings.face.max_attempts),
            language=lambda: self.languages.language, online=self.online, **kwargs,
        )
        self.window.languageRequested.connect(self.set_language)
        self.flow.wiped.connect(self._next_patient)
        self.camera.frameReady.connect(self._frame)
        self.camera.unavailable.connect(self._camera_missing)
        self.io.storeFailed.connect(self.fail)
        self.io.done.connect(self._committed)
        self.watchdog = Watchdog()
        from ui.widgets.scanner_input import ScannerInputFilter

        self.wedge = ScannerInputFilter()
        self.wedge.scanned.connect(self.flow.scanned)
        self.staff: StaffLauncher | None = None
        if staff and startup_error is None:
            self._build_staff(ctx.printer, announcer)

    def _build_staff(self, printer: TicketPrinter, announcer: Announcer | None) -> None:
        """The staff desk (Ctrl+Alt+S, PIN) and the waiting-room display (second screen)."""
        from kiosk.errors import KioskError
        from ui.staff.launcher import StaffLauncher

        try:
            self.staff = StaffLauncher(
                self.settings, printer=printer, announcer=announcer,
                sync_status=lambda: self.sync.engine.status() if self.sync else None)
        except KioskError as exc:
            log.error("staff desk unavailable: %s", exc.detail)
            return
        self.staff.install_shortcut(self.window)
        # A logged-in staff member may close the kiosk (back to the desktop); nobody else.
        self.window.may_close = lambda: self.staff is not None and self.staff.desk is not None
    def online(self) -> bool:
        """The central server answered the last sync (standalone kiosks are never online)."""
        return self.sync is not None and self.sync.engine.status().online

    def _committed(self, event: object) -> None:
        from kiosk.checkin import PrintDone

        if isinstance(event, PrintDone):
            self.printer_ok = event.ok
        if self.sync is not None:
            self.sync.engine.wake()  # push the new ticket/exception now, not at the next timer

    def _device_health(self) -> DeviceHealth:
        from kiosk.sync.engine import DeviceHealth
        from kiosk.sync.protocol import DeviceState

        def state(ok: bool | None) -> DeviceState:
            return DeviceState.UNKNOWN if ok is None else (
                DeviceState.OK if ok else DeviceState.OFFLINE)

        return DeviceHealth(camera=state(self.camera_ok), printer=state(self.printer_ok))

    def _next_patient(self) -> None:
        """The next patient starts in the kiosk's own language, whatever the last one chose."""
        if self.languages.language is not self.settings.kiosk.language:
            self.set_language(self.settings.kiosk.language)

    def set_language(self, language: Language) -> None:
        self.languages.switch(language)
        self.window.set_language(language)

    def _frame(self, frame: np.ndarray) -> None:
        self.camera_ok = True
        try:
            self.flow.frame(frame)
            if self.staff is not None:
                self.staff.feed_frame(frame)  # kept only while staff enrol a face
        finally:
            self.camera.ack()

    def _camera_missing(self, detail: str) -> None:
        from kiosk.checkin import NotifyStaff, StaffReason
        from ui import services

        self.camera_ok = False
        self.window.attract.set_camera_missing(True)  # its text says staff have been told:
        notice = NotifyStaff(StaffReason.SYSTEM_PROBLEM, f"camera: {detail}", None)
        self.io.submit(0, "staff exception", services.notify_staff(self.flow.ctx, notice))

    def fail(self, error: KioskError) -> None:
        log.error("out of service: [%s] %s", error.code.value, error.detail)
        self.error = error
        self.window.show_error(error)

    def show(self, windowed: bool) -> None:
        from PySide6.QtCore import Qt

        if windowed:
            self.window.resize(1024, 768)
            self.window.show()
        else:
            from PySide6.QtGui import QCursor
            from PySide6.QtWidgets import QApplication

            self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            # Kiosks often run X with no window manager, which ignores the full-screen request:
            # cover the screen ourselves as well.
            screen = self.window.screen() or QApplication.primaryScreen()
            if screen is not None:
                self.window.setGeometry(screen.geometry())
            self.window.showFullScreen()
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))  # touch only
        if self.error is not None:
            self.window.show_error(self.error)

    def start(self) -> None:
        """Workers start after the first screen is up; models load in the background."""
        if self.error is not None:
            return
        if self.demo:
            self.io.submit(0, "demo facility", self._load_demo)
        self.io.start()
        self.scanner.start()
        self.face.start()
        self.camera.start()
        self.flow.start()
        self.watchdog.start()
        if self.sync is not None:
            self.sync.start()
        if self.staff is not None:
            self.staff.show_display()
        from ui.workers.models import ModelLoader

        self.loader = ModelLoader(self.settings, self.face, self._make_kit)
        self.loader.start()

    def _load_demo(self, store: Store) -> None:
        """The I/O worker's first job in demo mode (open all day, so a demo works at night)."""
        from datetime import datetime

        from kiosk.queue.demo import load_demo

        self.demo_facility = load_demo(store, datetime.now().astimezone(), open_all_day=True)

    def shutdown(self) -> None:
        self.flow.tick.stop()
        self.watchdog.stop()
        if self.loader is not None:
            self.loader.wait()
            self.loader.close()
        for worker in (self.camera, self.scanner, self.face, self.sync):
            if worker is not None and worker.isRunning():
                worker.stop()
        if self.io.isRunning():
            self.io.stop()
        if self.staff is not None:
            self.staff.close()
            self.staff = None
        self.speaker.close()
        self.languages.uninstall()


def _sync_worker(settings: Settings, health: Callable[[], DeviceHealth]) -> SyncWorker | None:
    """The sync thread when a central server is configured, else None (standalone)."""
    from kiosk.sync.engine import engine_from_settings
    from ui.workers.sync import SyncWorker

    engine = engine_from_settings(settings, health)
    return SyncWorker(engine) if engine is not None else None


def has_template(store: Store, noka: str) -> bool:
    from ui.face_setup import has_template as has

    return has(store, noka)


def open_camera(settings: Settings) -> FrameSource:
    """Opened in the camera thread: a replayed file, or the device."""
    from kiosk.camera import DeviceSource, VideoFileSource

    cam = settings.camera
    if cam.file is not None:
        return VideoFileSource(cam.file, loop=True)
    return DeviceSource(cam.index, cam.width, cam.height)


def _install_excepthook(kiosk_ref: list[Kiosk]) -> None:
    """A bug in a slot is logged with its traceback and the flow restarts at the attract screen."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught exception (a bug); restarting the flow:\n%s",
                  "".join(traceback.format_exception(kind, exc, tb)))
        if kiosk_ref:
            try:
                kiosk_ref[0].flow.recover()
            except Exception:
                log.exception("could not restart the flow")

    sys.excepthook = hook


def _quit_on_sigterm(app: QCoreApplication) -> None:
    """``systemctl stop`` / the supervisor's SIGTERM: a clean shutdown (threads joined)."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    wake = QTimer(app)  # lets the interpreter run the Python signal handler
    wake.start(250)
    wake.timeout.connect(lambda: None)


def run(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk import paths
    from kiosk.config import Settings
    from kiosk.errors import DataDirUnwritable, KioskError
    from kiosk.log import setup_logging

    paths.use_bundled_libraries()
    setup_logging(None)
    error: KioskError | None = None
    try:
        settings = load_settings(args)
    except KioskError as exc:
        settings, error = Settings(), exc
        log.error("configuration problem: %s", exc.detail)
    if error is None:
        try:
            paths.ensure_writable_dir(settings.kiosk.data_dir)
            setup_logging(settings.log_dir)
        except (KioskError, OSError) as exc:
            error = exc if isinstance(exc, KioskError) else DataDirUnwritable(str(exc))
            log.error("data folder problem: %s", error.detail)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Anjungan")
    from ui import style

    style.apply(app)
    ref: list[Kiosk] = []
    _install_excepthook(ref)
    kiosk = Kiosk(settings, windowed=args.windowed, pseudo=args.pseudo, demo=args.demo,
                  startup_error=error)
    ref.append(kiosk)
    app.installEventFilter(kiosk.flow)
    kiosk.wedge.install(app)
    kiosk.show(args.windowed)
    if os.environ.get(EXIT_AFTER_FIRST_SCREEN) == "1":
        def report() -> None:
            app.processEvents()
            ms = (time.perf_counter() - _T0) * 1000
            log.info("first screen after %.0f ms", ms)
            sys.stdout.write(f"first-screen-ms={ms:.0f}\n")
            sys.stdout.flush()
            app.quit()

        QTimer.singleShot(0, report)
    else:
        QTimer.singleShot(0, kiosk.start)
    _quit_on_sigterm(app)
    code = app.exec()
    kiosk.shutdown()
    return int(code) if kiosk.error is None else 2


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_check:
        return self_check(args)
    from ui import supervisor

    if supervisor.wanted(args):
        from kiosk import paths

        rest = list(argv if argv is not None else sys.argv[1:])
        me = [sys.executable] if paths.is_frozen() else [sys.executable, "-m", "ui"]
        return supervisor.supervise([*me, *rest])
    return run(args)

