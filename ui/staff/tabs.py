"""The staff desk's tabs. Each works on the store through ``kiosk.staff`` and shows every refusal
(missing reason, wrong number, printer down) as a message next to the button, losing nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Language, Settings
from kiosk.errors import KioskError
from kiosk.queue import store as queue
from kiosk.queue.model import Priority
from kiosk.queue.printer import TicketPrinter
from kiosk.staff import console
from kiosk.staff.audit import AuditAction, record
from kiosk.staff.consent import CONSENT_TEXT, CONSENT_VERSION
from kiosk.staff.exceptions import (
    AlreadyResolved,
    ExceptionKind,
    ReasonRequired,
    Resolution,
    open_exceptions,
    override_verification,
    resolve,
)
from kiosk.staff.summary import daily_summary, export_pdf, fmt_minutes, fmt_rate
from kiosk.store import Store

if TYPE_CHECKING:
    from kiosk.sync.engine import SyncStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeskContext:
    store: Store
    settings: Settings
    staff_id: str
    clock: Callable[[], datetime]


class FaceEnrolment(Protocol):
    """What the desk needs from the face module (app.py adapts the real API to this).

    ``enrol`` captures frames from the camera, builds the encrypted template, and stores it with
    its TEMPLATE_ENROLLED event and the audit row (``kiosk.staff.consent.record_enrolment``) in
    one transaction, off the GUI thread; ``done(ok, message)`` is called back on the GUI thread.
    ``delete`` removes a template on the patient's request the same way (``record_deletion``).
    """

    def enrol(self, participant_id: str, staff: str, consent_version: str,
              done: Callable[[bool, str], None]) -> None: ...

    def delete(self, participant_id: str, staff: str, reason: str) -> bool: ...


def _message(name: str) -> QLabel:
    w = QLabel()
    w.setObjectName(name)
    w.setWordWrap(True)
    return w


def _button(name: str) -> QPushButton:
    b = QPushButton()
    b.setObjectName(name)
    b.setMinimumHeight(48)
    return b


class Tab(QWidget):
    """A tab that retranslates live and reloads its data when shown."""

    changed = Signal()  # something in the store changed (other tabs refresh)

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx

    def retranslate(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload from the store (default: nothing to load)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible():  # hidden tabs reload when shown; a closed desk never does
                self.refresh()
        super().changeEvent(event)


# -- exceptions -------------------------------------------------------------------------------


class ExceptionsTab(Tab):
    overrideRequested = Signal(int, str)  # exception id, participant id

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.resolution = QComboBox()
        self.note = QLineEdit()
        self.resolve_button = _button("resolve")
        self.verify_button = _button("verifyManually")
        row.addWidget(self.resolution)
        row.addWidget(self.note, 1)
        row.addWidget(self.resolve_button)
        row.addWidget(self.verify_button)
        lay.addLayout(row)
        self.message = _message("message")
        lay.addWidget(self.message)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.verify_button.clicked.connect(self._verify)
        self.ids: list[int] = []
        self.subjects: list[str | None] = []
        self.retranslate()
        self.refresh()

    def kind_text(self, kind: ExceptionKind) -> str:
        return {
            ExceptionKind.UNKNOWN_PARTICIPANT: self.tr("Unknown participant"),
            ExceptionKind.NO_FACE_TEMPLATE: self.tr("No face template (enrol)"),
            ExceptionKind.FACE_FAILED: self.tr("Face verification failed"),
            ExceptionKind.INACTIVE_STATUS: self.tr("Membership not active"),
            ExceptionKind.STATUS_NEEDS_STAFF: self.tr("Membership status needs staff"),
            ExceptionKind.TICKET_REFUSED: self.tr("No ticket could be issued"),
            ExceptionKind.SYSTEM_PROBLEM: self.tr("System problem"),
            ExceptionKind.PRINTER_PROBLEM: self.tr("Printer problem"),
        }[kind]

    def resolution_text(self, r: Resolution) -> str:
        return {
            Resolution.VERIFIED_MANUALLY: self.tr("Identity checked manually"),
            Resolution.REGISTERED: self.tr("Registered / data corrected"),
            Resolution.GENERAL_PATIENT: self.tr("Served as general (non-JKN) patient"),
            Resolution.ENROLLED: self.tr("Face enrolled"),
            Resolution.REFERRED: self.tr("Referred (own FKTP, BPJS office, PANDAWA)"),
            Resolution.TICKET_GIVEN: self.tr("Ticket given at the counter"),
            Resolution.PRINTER_FIXED: self.tr("Printer fixed"),
            Resolution.PATIENT_LEFT: self.tr("Patient left"),
            Resolution.OTHER: self.tr("Other (write what was done)"),
        }[r]

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Case"), self.tr("Reason"), self.tr("Participant")])
        current = self.resolution.currentData()
        self.resolution.clear()
        for r in Resolution:
            self.resolution.addItem(self.resolution_text(r), r)
        if current is not None:
            self.resolution.setCurrentIndex(self.resolution.findData(current))
        self.note.setPlaceholderText(self.tr("Note (required for Other)"))
        self.resolve_button.setText(self.tr("Resolve"))
        self.verify_button.setText(self.tr("Verify identity manually…"))

    def refresh(self) -> None:
        cases = open_exceptions(self.ctx.store)
        self.ids = [c.id for c in cases]
        self.subjects = [c.subject for c in cases]
        self.table.setRowCount(len(cases))
        for i, c in enumerate(cases):
            cells = [c.created_at.astimezone().strftime("%H:%M"), self.kind_text(c.kind),
                     c.reason, c.subject or "-"]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def resolve_selected(self) -> None:
        i = self.selected()
        if i is None:
            self.message.setText(self.tr("Choose a case in the list first."))
            return
        resolution = self.resolution.currentData()
        try:
            resolve(self.ctx.store, self.ids[i], resolution, self.note.text(),
                    self.ctx.staff_id, self.ctx.clock())
        except ReasonRequired:
            self.message.setText(self.tr("Write what was done (at least 10 characters)."))
            return
        except (AlreadyResolved, ValueError):
            self.message.setText(self.tr("This case was already closed; the list is updated."))
            self.refresh()
            return
        self.message.setText(self.tr("Case resolved."))
        self.note.clear()
        self.refresh()
        self.changed.emit()

    def _verify(self) -> None:
        i = self.selected()
        if i is None:
            self.message.setText(self.tr("Choose a case in the list first."))
            return
        self.overrideRequested.emit(self.ids[i], self.subjects[i] or "")


# -- manual verification override -----------------------------------------------------------


class OverrideTab(Tab):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx)
        lay = QVBoxLayout(self)
        self.intro = _message("intro")
        lay.addWidget(self.intro)
        form = QFormLayout()
        self.participant = QLineEdit()
        self.case = QLabel()
        self.reason = QPlainTextEdit()
        self.participant_label, self.case_label, self.reason_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.participant_label, self.participant)
        form.addRow(self.case_label, self.case)
        form.addRow(self.reason_label, self.reason)
        lay.addLayout(form)
        self.confirm_button = _button("confirmOverride")
        lay.addWidget(self.confirm_button)
        self.message = _message("message")
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.exception_id: int | None = None
        self.confirm_button.clicked.connect(self.confirm)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Confirm a patient's identity yourself when the face check could not (for example "
            "after checking the KTP). The reason is kept in the audit log and sent to the server."))
        self.participant_label.setText(self.tr("Card number or NIK"))
        self.case_label.setText(self.tr("Case"))
        self.reason_label.setText(self.tr("Reason (required)"))
        self.confirm_button.setText(self.tr("Confirm identity"))
        self._show_case()

    def _show_case(self) -> None:
        self.case.setText("-" if self.exception_id is None else f"#{self.exception_id}")

    def prefill(self, exception_id: int | None, participant_id: str) -> None:
        self.exception_id = exception_id
        self.participant.setText(participant_id)
        self.reason.clear()
        self.message.clear()
        self._show_case()

    def confirm(self) -> None:
        try:
            done = override_verification(
                self.ctx.store, self.participant.text(), self.reason.toPlainText(),
                self.ctx.staff_id, self.ctx.clock(), exception_id=self.exception_id)
        except ReasonRequired:
            self.message.setText(self.tr(
                "Write the reason for the override (at least 10 characters)."))
            return
        except ValueError:
            self.message.setText(self.tr("Type the patient's card number or NIK."))
            return
        self.prefill(None, "")
        self.message.setText(self.tr("Identity confirmed for %1.").replace(
            "%1", done.participant_id))
        self.changed.emit()


# -- face enrolment with consent ------------------------------------------------------------


class EnrolTab(Tab):
    def __init__(self, ctx: DeskContext, enrolment: FaceEnrolment | None) -> None:
        super().__init__(ctx)
        self.enrolment = enrolment
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.participant = QLineEdit()
        self.participant_label = QLabel()
        form.addRow(self.participant_label, self.participant)
        lay.addLayout(form)
        self.consent_text = _message("consentText")
        self.consent_text.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.consent_text)
        self.consent = QCheckBox()
        self.consent.setObjectName("consent")
        lay.addWidget(self.consent)
        self.enrol_button = _button("enrol")
        lay.addWidget(self.enrol_button)
        self.delete_title = _message("deleteTitle")
        lay.addWidget(self.delete_title)
        row = QHBoxLayout()
        self.delete_reason = QLineEdit()
        self.delete_button = _button("deleteTemplate")
        row.addWidget(self.delete_reason, 1)
        row.addWidget(self.delete_button)
        lay.addLayout(row)
        self.message = _message("message")
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.participant.textChanged.connect(self._participant_changed)
        self.consent.toggled.connect(self._update)
        self.enrol_button.clicked.connect(self.enrol)
        self.delete_button.clicked.connect(self.delete)
        self.busy = False
        self.retranslate()

    def retranslate(self) -> None:
        self.participant_label.setText(self.tr("Card number or NIK"))
        self.consent_text.setText(
            CONSENT_TEXT[Language.ID] + "\n\n" + CONSENT_TEXT[Language.EN])
        self.consent.setText(self.tr(
            "The patient has read or heard this text and agrees to face enrolment"))
        self.enrol_button.setText(self.tr("Capture face and enrol"))
        self.delete_title.setText(self.tr(
            "Delete a face template at the patient's request (reason required):"))
        self.delete_reason.setPlaceholderText(self.tr("Reason"))
        self.delete_button.setText(self.tr("Delete template"))
        if self.enrolment is None:
            self.message.setText(self.tr(
                "Face enrolment is not available on this kiosk (face module not connected)."))
        self._update()

    def _participant_changed(self) -> None:
        self.consent.setChecked(False)  # consent is given by one person for one enrolment
        self._update()

    def _update(self) -> None:
        ready = self.enrolment is not None and not self.busy
        has_id = bool(self.participant.text().strip())
        self.enrol_button.setEnabled(ready and has_id and self.consent.isChecked())
        self.delete_button.setEnabled(ready and has_id)

    def enrol(self) -> None:
        if self.enrolment is None or not self.consent.isChecked():
            self.message.setText(self.tr("Tick the consent box first."))
            return
        self.busy = True
        self._update()
        self.message.setText(self.tr("Look at the camera…"))
        self.enrolment.enrol(self.participant.text().strip(), self.ctx.staff_id,
                             CONSENT_VERSION, self._enrolled)

    def _enrolled(self, ok: bool, detail: str) -> None:
        self.busy = False
        if ok:
            self.message.setText(self.tr("Face enrolled."))
            self.participant.clear()
            self.changed.emit()
        else:
            self.message.setText(self.tr("Enrolment failed: %1").replace("%1", detail))
        self.consent.setChecked(False)
        self._update()

    def delete(self) -> None:
        if self.enrolment is None:
            return
        reason = " ".join(self.delete_reason.text().split())
        if len(reason) < 10:
            self.message.setText(self.tr("Write the reason for the deletion (at least 10 "
                                         "characters)."))
            return
        pid = self.participant.text().strip()
        if self.enrolment.delete(pid, self.ctx.staff_id, reason):
            self.message.setText(self.tr("Face template deleted."))
            self.delete_reason.clear()
            self.changed.emit()
        else:
            self.message.setText(self.tr("No face template was found for %1.").replace("%1", pid))


# -- queue console ----------------------------------------------------------------------------


class QueueTab(Tab):
    called = Signal(object)  # kiosk.staff.console.Call

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx)
        lay = QVBoxLayout(self)
        self.poli = QComboBox()
        lay.addWidget(self.poli)
        lists = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        self.waiting_title, self.called_title = QLabel(), QLabel()
        self.waiting = QListWidget()
        self.being_called = QListWidget()
        left.addWidget(self.waiting_title)
        left.addWidget(self.waiting)
        right.addWidget(self.called_title)
        right.addWidget(self.being_called)
        lists.addLayout(left)
        lists.addLayout(right)
        lay.addLayout(lists, 1)
        row = QHBoxLayout()
        self.call_button = _button("callNext")
        self.recall_button = _button("recall")
        self.absent_button = _button("absent")
        self.served_button = _button("served")
        for b in (self.call_button, self.recall_button, self.absent_button, self.served_button):
            row.addWidget(b)
        lay.addLayout(row)
        self.message = _message("message")
        lay.addWidget(self.message)
        self.poli.currentIndexChanged.connect(self.refresh)
        self.call_button.clicked.connect(self.call_next)
        self.recall_button.clicked.connect(self.recall)
        self.absent_button.clicked.connect(lambda: self.finish(served=False))
        self.served_button.clicked.connect(lambda: self.finish(served=True))
        for p in queue.list_polis(ctx.store):
            self.poli.addItem(f"{p.name} ({p.letter})", p.code)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.waiting_title.setText(self.tr("Waiting, in call order"))
        self.called_title.setText(self.tr("Being called"))
        self.call_button.setText(self.tr("Call next"))
        self.recall_button.setText(self.tr("Call again"))
        self.absent_button.setText(self.tr("Not present"))
        self.served_button.setText(self.tr("Served"))

    def priority_text(self, p: Priority) -> str:
        return {Priority.NONE: "", Priority.ELDERLY: self.tr("elderly"),
                Priority.DISABLED: self.tr("disabled"), Priority.PREGNANT: self.tr("pregnant")}[p]

    @property
    def poli_code(self) -> str | None:
        code = self.poli.currentData()
        return str(code) if code is not None else None

    def refresh(self) -> None:
        self.waiting.clear()
        self.being_called.clear()
        code = self.poli_code
        if code is None:
            self.message.setText(self.tr("No polis are set up on this kiosk yet."))
            return
        day = self.ctx.clock().date()
        run = self.ctx.settings.queue.max_priority_run
        for t in queue.waiting_order(self.ctx.store, code, day, run):
            extra = self.priority_text(t.priority)
            item = QListWidgetItem(f"{t.label}  {t.issued_at.astimezone():%H:%M}"
                                   + (f"  ({extra})" if extra else ""))
            item.setData(Qt.ItemDataRole.UserRole, t.ticket_id)
            self.waiting.addItem(item)
        for t in console.being_called(self.ctx.store, code, day):
            item = QListWidgetItem(t.label)
            item.setData(Qt.ItemDataRole.UserRole, t.ticket_id)
            self.being_called.addItem(item)
        if self.being_called.count():
            self.being_called.setCurrentRow(0)

    def call_next(self) -> None:
        code = self.poli_code
        if code is None:
            return
        call = console.call_next(self.ctx.store, code, self.ctx.staff_id, self.ctx.clock(),
                                 self.ctx.settings.queue.max_priority_run)
        if call is None:
            self.message.setText(self.tr("Nobody is waiting for this poli."))
        else:
            self.message.setText(self.tr("Calling %1.").replace("%1", call.label))
            self.called.emit(call)
        self.refresh()

    def _selected_called(self) -> str | None:
        item = self.being_called.currentItem()
        if item is None:
            self.message.setText(self.tr("Choose a number under \"Being called\" first."))
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    def recall(self) -> None:
        ticket_id = self._selected_called()
        if ticket_id is None:
            return
        try:
            call = console.recall(self.ctx.store, ticket_id, self.ctx.staff_id, self.ctx.clock())
        except ValueError:
            self.message.setText(self.tr("That number is no longer being called."))
        else:
            self.message.setText(self.tr("Calling %1 again.").replace("%1", call.label))
            self.called.emit(call)
        self.refresh()

    def finish(self, served: bool) -> None:
        ticket_id = self._selected_called()
        if ticket_id is None:
            return
        mark = console.mark_served if served else console.mark_absent
        try:
            mark(self.ctx.store, ticket_id, self.ctx.staff_id, self.ctx.clock())
        except ValueError:
            self.message.setText(self.tr("That number is no longer being called."))
        else:
            self.message.setText(self.tr("Done."))
        self.refresh()
        self.changed.emit()


# -- reprint --------------------------------------------------------------------------------


class ReprintTab(Tab):
    def __init__(self, ctx: DeskContext, printer: TicketPrinter | None) -> None:
        super().__init__(ctx)
        self.printer = printer
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.number = QLineEdit()
        self.number_label = QLabel()
        form.addRow(self.number_label, self.number)
        lay.addLayout(form)
        self.reprint_button = _button("reprint")
        lay.addWidget(self.reprint_button)
        self.message = _message("message")
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.reprint_button.clicked.connect(self.reprint)
        self.number.returnPressed.connect(self.reprint)
        self.retranslate()

    def retranslate(self) -> None:
        self.number_label.setText(self.tr("Today's number (e.g. A-012)"))
        self.reprint_button.setText(self.tr("Reprint ticket"))
        self.reprint_button.setEnabled(self.printer is not None)
        if self.printer is None:
            self.message.setText(self.tr("No printer is configured on this kiosk."))

    def reprint(self) -> None:
        if self.printer is None:
            return
        now = self.ctx.clock()
        try:
            ticket = console.find_ticket(self.ctx.store, self.number.text(), now.date())
        except ValueError:
            self.message.setText(self.tr("That is not a queue number; type it like A-012."))
            return
        if ticket is None:
            self.message.setText(self.tr("No ticket %1 today.").replace(
                "%1", self.number.text().strip().upper()))
            return
        s = self.ctx.settings
        try:
            console.reprint(self.ctx.store, self.printer, ticket.ticket_id, self.ctx.staff_id,
                            now, facility_name=s.kiosk.facility_name,
                            max_priority_run=s.queue.max_priority_run)
        except KioskError as exc:
            self.message.setText(self.tr("The printer did not print: %1").replace(
                "%1", exc.detail))
            return
        self.message.setText(self.tr("Ticket %1 printed again.").replace("%1", ticket.label))
        self.number.clear()
        self.changed.emit()


# -- sync state -----------------------------------------------------------------------------


class SyncTab(Tab):
    def __init__(self, ctx: DeskContext, status: Callable[[], SyncStatus | None]) -> None:
        super().__init__(ctx)
        self.status = status
        lay = QFormLayout(self)
        self.names = [QLabel() for _ in range(5)]
        self.values = [QLabel() for _ in range(5)]
        for n, v in zip(self.names, self.values, strict=True):
            v.setObjectName("value")
            lay.addRow(n, v)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        for label, text in zip(self.names, (
                self.tr("Central server"), self.tr("Last successful sync"),
                self.tr("Events waiting to be sent"), self.tr("Events the server refused"),
                self.tr("Last problem")), strict=True):
            label.setText(text)

    def age_text(self, then: datetime | None) -> str:
        if then is None:
            return self.tr("never")
        secs = max(0, int((self.ctx.clock() - then).total_seconds()))
        if secs < 120:
            return self.tr("%n second(s) ago", "", secs)
        if secs < 7200:
            return self.tr("%n minute(s) ago", "", secs // 60)
        return self.tr("%n hour(s) ago", "", secs // 3600)

    def refresh(self) -> None:
        st = self.status()
        if st is None:
            texts = [self.tr("none (standalone kiosk)"), "-",
                     str(self.ctx.store.outbox_depth()), "-", "-"]
        else:
            texts = [self.tr("online") if st.online else self.tr("OFFLINE"),
                     self.age_text(st.last_success), str(st.outbox_depth), str(st.quarantined),
                     st.error or "-"]
        for v, text in zip(self.values, texts, strict=True):
            v.setText(text)


# -- daily summary --------------------------------------------------------------------------


class SummaryTab(Tab):
    def __init__(self, ctx: DeskContext, report_dir: Path) -> None:
        super().__init__(ctx)
        self.report_dir = report_dir
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = ctx.clock().date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.export_button = _button("exportPdf")
        row.addWidget(self.day)
        row.addStretch(1)
        row.addWidget(self.export_button)
        lay.addLayout(row)
        self.table = QTableWidget(0, 7)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        lay.addWidget(self.table, 1)
        self.facts = _message("facts")
        lay.addWidget(self.facts)
        self.message = _message("message")
        lay.addWidget(self.message)
        self.day.dateChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.retranslate()
        self.refresh()

    def selected_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Poli"), self.tr("Tickets"), self.tr("Served"), self.tr("Absent"),
            self.tr("Waiting"), self.tr("Mean wait (min)"), self.tr("Max wait (min)")])
        self.export_button.setText(self.tr("Export PDF"))

    def refresh(self) -> None:
        s = daily_summary(self.ctx.store, self.selected_day())
        self.table.setRowCount(len(s.polis))
        for i, p in enumerate(s.polis):
            cells = [p.name, str(p.issued), str(p.served), str(p.absent), str(p.waiting),
                     fmt_minutes(p.mean_wait_min), fmt_minutes(p.max_wait_min)]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.facts.setText(self.tr(
            "Face verifications: %1, failed: %2 (%3). Manual verifications: %4. Cases: %5 "
            "raised, %6 resolved, %7 still open.")
            .replace("%1", str(s.verifications)).replace("%2", str(s.verification_failures))
            .replace("%3", fmt_rate(s.failure_rate)).replace("%4", str(s.overrides))
            .replace("%5", str(s.exceptions_raised)).replace("%6", str(s.exceptions_resolved))
            .replace("%7", str(s.exceptions_open)))

    def export(self) -> Path | None:
        day = self.selected_day()
        now = self.ctx.clock()
        path = self.report_dir / f"daily-summary-{day.isoformat()}.pdf"
        try:
            export_pdf(daily_summary(self.ctx.store, day), path,
                       self.ctx.settings.kiosk.facility_name, now,
                       self.ctx.settings.kiosk.language)
        except OSError as exc:
            self.message.setText(self.tr("Could not write the report: %1").replace(
                "%1", exc.strerror or str(exc)))
            return None
        with self.ctx.store.transaction() as tx:
            record(tx, at=now, staff=self.ctx.staff_id, action=AuditAction.REPORT_EXPORTED,
                   subject=day.isoformat(), detail={"path": str(path)})
        self.message.setText(self.tr("Report saved: %1").replace("%1", str(path)))
        return path
