"""The waiting-room board: a second top-level window for a screen facing the patients.

One panel per poli with the number being called in very big type and the previous calls under
it; a banner with the latest call across the top. Each call (and recall) also plays the chime and
speaks the sentence from ``kiosk.speech.call_sentence`` through the ``Announcer`` it was given.
It holds no personal data: numbers and poli names only.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.queue.model import Poli
from kiosk.speech import call_sentence
from kiosk.staff.console import Call
from ui.display.voice import Announcer

log = logging.getLogger(__name__)

_STYLE = """
WaitingRoomDisplay { background: #10253f; }
QLabel { color: white; }
QLabel#facility { font-size: 28px; color: #c9d6e8; }
QLabel#banner { font-size: 56px; font-weight: bold; color: #ffd84d; }
QFrame#poli { background: #1b3a5f; border-radius: 16px; }
QLabel#poliName { font-size: 40px; font-weight: bold; }
QLabel#current { font-size: 140px; font-weight: bold; color: #ffd84d; }
QLabel#recent { font-size: 40px; color: #c9d6e8; }
QLabel#caption { font-size: 24px; color: #c9d6e8; }
"""


def _label(name: str) -> QLabel:
    w = QLabel()
    w.setObjectName(name)
    w.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return w


class PoliPanel(QFrame):
    def __init__(self, poli_code: str, poli_name: str, history: int) -> None:
        super().__init__()
        self.setObjectName("poli")
        self.poli_code = poli_code
        self.history = history
        self.current_label: str | None = None
        self.recent_labels: list[str] = []
        lay = QVBoxLayout(self)
        self.name = _label("poliName")
        self.name.setText(poli_name)
        self.current = _label("current")
        self.current.setText("-")
        self.caption = _label("caption")
        self.recent = _label("recent")
        for w in (self.name, self.current, self.caption, self.recent):
            lay.addWidget(w)

    def push(self, label: str) -> None:
        if label == self.current_label:
            return  # a recall: same number, nothing moves
        if self.current_label is not None:
            self.recent_labels = [self.current_label, *(
                x for x in self.recent_labels if x not in (self.current_label, label))]
            self.recent_labels = self.recent_labels[: self.history]
        self.current_label = label
        self.current.setText(label)
        self.recent.setText("   ".join(self.recent_labels))


class WaitingRoomDisplay(QWidget):
    """``show_call(Call)`` is the slot the staff desk's ``called`` signal connects to."""

    def __init__(self, polis: Sequence[Poli], announcer: Announcer, *, facility_name: str = "",
                 recent: Sequence[Call] = (), history: int = 4) -> None:
        super().__init__()
        self.setObjectName("display")
        self.setWindowTitle(facility_name or "Anjungan")
        self.setStyleSheet(_STYLE)
        self.announcer = announcer
        self.history = history
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        head = QHBoxLayout()
        self.facility = _label("facility")
        self.facility.setText(facility_name)
        head.addWidget(self.facility)
        outer.addLayout(head)
        self.banner = _label("banner")
        outer.addWidget(self.banner)
        self.grid = QGridLayout()
        self.grid.setSpacing(24)
        outer.addLayout(self.grid, 1)
        self.panels: dict[str, PoliPanel] = {}
        for p in polis:
            self._panel(p.code, p.name)
        # Restore the board after a restart, oldest first, without saying anything.
        for call in sorted(recent, key=lambda c: c.at):
            self._panel(call.poli_code, call.poli_name).push(call.label)
        self.last_call: Call | None = None
        self.retranslate()

    def add_polis(self, polis: Sequence[Poli]) -> None:
        """Panels for polis that arrived after start (demo data, first sync)."""
        for p in polis:
            self._panel(p.code, p.name)

    def _panel(self, code: str, name: str) -> PoliPanel:
        panel = self.panels.get(code)
        if panel is None:
            panel = PoliPanel(code, name, self.history)
            n = len(self.panels)
            cols = 2 if n < 4 else 3
            self.grid.addWidget(panel, n // cols, n % cols)
            self.panels[code] = panel
            panel.caption.setText(self.tr("Previous numbers"))
        return panel

    def retranslate(self) -> None:
        for panel in self.panels.values():
            panel.caption.setText(self.tr("Previous numbers"))
        if self.last_call is None:
            self.banner.setText(self.tr("Please wait for your number to be called"))
        else:
            self._set_banner(self.last_call)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _set_banner(self, call: Call) -> None:
        self.banner.setText(self.tr("Number %1, please go to %2").replace(
            "%1", call.label).replace("%2", call.poli_name))

    @Slot(object)
    def show_call(self, call: Call) -> None:
        """Show ``call`` and say it (a recall is said again)."""
        self._panel(call.poli_code, call.poli_name).push(call.label)
        self.last_call = call
        self._set_banner(call)
        try:
            sentence = call_sentence(call.label, call.poli_name)
        except ValueError as exc:  # a number we cannot read aloud is still shown
            log.error("cannot speak call %s at %s: %s", call.label, call.poli_name, exc)
            return
        self.announcer.announce(sentence)

    def current(self, poli_code: str) -> str | None:
        panel = self.panels.get(poli_code)
        return panel.current_label if panel else None

    def previous(self, poli_code: str) -> list[str]:
        panel = self.panels.get(poli_code)
        return list(panel.recent_labels) if panel else []
