"""Choosing a poli (and a doctor when several practise today), and the ticket."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.checkin import Cancel, PoliChosen, State
from kiosk.queue.ticket import TicketView
from ui.screens.base import Screen, button, label
from ui.services import PoliOption


class QueueScreen(Screen):
    def __init__(self) -> None:
        super().__init__("queue")
        self.hint = label("body")
        self.body.addWidget(self.hint)
        host = QWidget()
        self.grid = QGridLayout(host)
        self.grid.setSpacing(16)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.body.addWidget(host, 1)
        self.choices: list[QPushButton] = []
        self._poli: PoliOption | None = None  # chosen poli while choosing its doctor
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Choose a doctor") if self._poli else
                           self.tr("Choose a clinic"))
        self.hint.setText(self.tr("Touch the clinic you want to visit today.") if not self._poli
                          else self.tr("Several doctors practise here today."))

    def present(self, state: State) -> None:
        self._clear()
        self._poli = None
        options = state.session.queue_options
        if not isinstance(options, tuple) or not options:
            self.hint.setText(self.tr("No clinic is open for new tickets right now."))
            return
        for opt in options:
            assert isinstance(opt, PoliOption)
            b = self._add(opt.poli.name)
            b.clicked.connect(lambda _=False, o=opt: self._chosen(o))
        self.retranslate()

    def _add(self, text: str) -> QPushButton:
        b = button("choice", primary=True)
        b.setMinimumHeight(110)
        b.setText(text)
        n = len(self.choices)
        self.grid.addWidget(b, n // 2, n % 2)
        b.show()  # at once, not on the layout's queued show
        self.choices.append(b)
        return b

    def _chosen(self, opt: PoliOption) -> None:
        if len(opt.doctors) <= 1:
            self.flowEvent.emit(PoliChosen(opt.poli.code, None))
            return
        self._clear()
        self._poli = opt
        for d in opt.doctors:
            b = self._add(d.name)
            b.clicked.connect(lambda _=False, code=d.code: self.flowEvent.emit(
                PoliChosen(opt.poli.code, code)))
        b = self._add(self.tr("Any doctor"))
        b.clicked.connect(lambda: self.flowEvent.emit(PoliChosen(opt.poli.code, None)))
        self.retranslate()

    def _clear(self) -> None:
        for b in self.choices:
            self.grid.removeWidget(b)
            b.setText("")
            b.deleteLater()
        self.choices.clear()

    def wipe(self) -> None:
        self._clear()
        self._poli = None


class TicketScreen(Screen):
    """The number, large; clinic, doctor, estimate and the printing state."""

    def __init__(self) -> None:
        super().__init__("ticket", back=False, cancel=False)
        self.kind = label("body")
        self.number = label("ticketNumber", wrap=False)
        self.poli = label("ticketPoli")
        self.estimate = label("body")
        self.printing = label("printing")
        for w in (self.kind, self.number, self.poli, self.estimate, self.printing):
            self.body.addWidget(w)
        self.body.addStretch(1)
        self.done = button("done", primary=True)
        self.done.clicked.connect(lambda: self.flowEvent.emit(Cancel()))
        self.bar.addWidget(self.done, 1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Your queue number"))
        self.done.setText(self.tr("Done"))

    def present(self, state: State) -> None:
        s = state.session
        view = s.ticket
        if not isinstance(view, TicketView):
            self.wipe()
            return
        self.kind.setText(self.tr("Online booking checked in") if view.booking
                          else self.tr("New queue number"))
        self.number.setText(view.label)
        where = view.poli_name + (f" · {view.doctor_name}" if view.doctor_name else "")
        self.poli.setText(where)
        if view.wait.high_min == 0:
            wait = self.tr("You will be called soon.")
        else:
            wait = (self.tr("About %1–%2 minutes (%3 ahead of you)")
                    .replace("%1", str(view.wait.low_min)).replace("%2", str(view.wait.high_min))
                    .replace("%3", str(view.ahead)))
        self.estimate.setText(wait)
        if s.printed is None:
            self.printing.setText(self.tr("Printing your ticket…"))
        elif s.printed:
            self.printing.setText(self.tr("✔ Please take your printed ticket."))
        else:
            self.printing.setText(self.tr(
                "The printer has a problem: show this screen at the counter. Your number is"
                " kept."))

    def wipe(self) -> None:
        for w in (self.kind, self.number, self.poli, self.estimate, self.printing):
            w.setText("")

    def spoken(self, state: State) -> str:
        view = state.session.ticket
        if isinstance(view, TicketView):
            return self.tr("Your queue number is %1").replace("%1", view.label)
        return ""
