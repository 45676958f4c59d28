"""The small screens: waiting on the kiosk's own work, family choice, the counter."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.checkin import Cancel, FamilyChosen, StaffReason, State, Step
from ui.screens.base import Screen, button, label

translate = QCoreApplication.translate


class BusyScreen(Screen):
    """Looking up, finding the queue, issuing: "please wait" with a way out."""

    def __init__(self) -> None:
        super().__init__("busy", back=False)
        self.message = label("body")
        self.body.addStretch(1)
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.retranslate()

    def present(self, state: State) -> None:
        self.title.setText(self.tr("Please wait"))
        texts = {
            Step.LOOKING_UP: self.tr("Looking up your membership…"),
            Step.FINDING_QUEUE: self.tr("Looking for today's booking and open clinics…"),
            Step.ISSUING: self.tr("Preparing your queue number…"),
        }
        self.message.setText(texts.get(state.step, self.tr("One moment…")))


class FamilyScreen(Screen):
    """For myself, or for a family member on the same family card (Kartu Keluarga)."""

    def __init__(self) -> None:
        super().__init__("family")
        self.hint = label("body")
        self.body.addWidget(self.hint)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(16)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.body.addWidget(self.grid_host, 1)
        self.choices: list[QPushButton] = []
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Who is the visit for?"))
        self.hint.setText(self.tr(
            "You can check in a family member on your family card. Your own face is checked"
            " first."))

    def present(self, state: State) -> None:
        s = state.session
        if s.adult is None:
            return
        self.wipe()
        people = (s.adult, *s.family)
        for i, person in enumerate(people):
            text = (self.tr("For myself (%1)").replace("%1", person.name) if i == 0
                    else person.name)
            b = button("familyMember", primary=i == 0)
            b.setText(text)
            b.clicked.connect(lambda _=False, pid=person.participant_id:
                              self.flowEvent.emit(FamilyChosen(pid)))
            self.grid.addWidget(b, i // 2, i % 2)
            b.show()
            self.choices.append(b)

    def wipe(self) -> None:
        for b in self.choices:
            self.grid.removeWidget(b)
            b.deleteLater()
            b.setText("")
        self.choices.clear()


def reason_text(reason: StaffReason | None, detail: str) -> str:
    texts = {
        StaffReason.UNKNOWN_PARTICIPANT: translate(
            "Counter", "Your number was not found in this clinic's list of participants."),
        StaffReason.NO_FACE_TEMPLATE: translate(
            "Counter", "Your face has not been registered yet. Staff can register it for you."),
        StaffReason.FACE_FAILED: translate(
            "Counter", "Your face could not be verified. Staff will check your identity."),
        StaffReason.INACTIVE_STATUS: translate(
            "Counter", "Your JKN membership is not active. Staff can help you further."),
        StaffReason.STATUS_NEEDS_STAFF: translate(
            "Counter", "Your membership status needs to be checked by staff."),
        StaffReason.TICKET_REFUSED: translate(
            "Counter", "A queue number could not be issued here."),
        StaffReason.SYSTEM_PROBLEM: translate(
            "Counter", "The kiosk has a technical problem. We are sorry."),
    }
    text = texts.get(reason, texts[StaffReason.SYSTEM_PROBLEM]) if reason else ""
    if reason is StaffReason.TICKET_REFUSED:
        text += " " + refusal_text(detail)
    return text


def refusal_text(code: str) -> str:
    texts = {
        "outside_hours": translate(
            "Counter", "Tickets for this clinic are not issued at this hour."),
        "quota_full": translate("Counter", "Today's quota for this clinic is full."),
        "holiday": translate("Counter", "The clinic is closed today (holiday)."),
        "closed_for_new_tickets": translate("Counter", "No new tickets for this session any more."),
        "no_session_today": translate("Counter", "No doctor practises in this clinic today."),
        "inactive_status": translate("Counter", "Your membership does not allow a ticket."),
        "unknown_poli": translate("Counter", "This clinic is not available."),
        "no_number_available": translate(
            "Counter", "No queue numbers are available on this kiosk."),
    }
    return texts.get(code, "")


class CounterScreen(Screen):
    """"Please go to the registration counter", with the reason."""

    def __init__(self) -> None:
        super().__init__("counter", back=False, cancel=False)
        self.icon = label("counterIcon")
        self.reason = label("body")
        self.body.addStretch(1)
        self.body.addWidget(self.icon)
        self.body.addWidget(self.reason)
        self.body.addStretch(1)
        self.done = button("done", primary=True)
        self.done.clicked.connect(lambda: self.flowEvent.emit(Cancel()))
        self.bar.addWidget(self.done, 1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Please go to the registration counter"))
        self.icon.setText("➜ " + self.tr("COUNTER"))
        self.done.setText(self.tr("Done"))

    def present(self, state: State) -> None:
        s = state.session
        self.reason.setText(reason_text(s.reason, s.reason_detail))

    def wipe(self) -> None:
        self.reason.setText("")

    def spoken(self, state: State) -> str:
        return self.tr("Please go to the registration counter")
