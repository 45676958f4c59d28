"""The keypad and the keyboard-wedge scanner filter as real Qt widgets (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.keypad import BUTTON_PX, Keypad
from ui.widgets.scanner_input import ScannerInputFilter

NIK = "3171014508900001"


@pytest.fixture
def keypad(qtbot: QtBot) -> Keypad:
    k = Keypad()
    qtbot.addWidget(k)
    k.resize(600, 900)
    k.show()
    qtbot.waitExposed(k)
    return k


def _tap(qtbot: QtBot, keypad: Keypad, digits: str) -> None:
    for d in digits:
        qtbot.mouseClick(keypad.digit_buttons[d], Qt.MouseButton.LeftButton)


def test_buttons_are_big_enough_for_a_finger(keypad: Keypad) -> None:
    for b in [*keypad.digit_buttons.values(), keypad.back_button, keypad.next_button]:
        assert b.width() >= BUTTON_PX and b.height() >= BUTTON_PX
    # As rendered: the kiosk stylesheet may size fonts in pixels, where pointSize() is -1.
    assert QFontInfo(keypad.display.font()).pointSizeF() >= 30
    for label in (keypad.counter, keypad.question):
        assert QFontInfo(label.font()).pointSizeF() >= 20  # no small print on a kiosk


def test_tapping_a_nik_reads_it_back_grouped_then_submits(qtbot: QtBot, keypad: Keypad) -> None:
    _tap(qtbot, keypad, NIK[:10])
    assert keypad.display.text() == "3171 0145 08"
    assert not keypad.next_button.isEnabled()
    _tap(qtbot, keypad, NIK[10:] + "9")  # a 17th digit is ignored
    assert keypad.digits == NIK
    assert keypad.next_button.isEnabled()
    qtbot.mouseClick(keypad.next_button, Qt.MouseButton.LeftButton)
    assert keypad.confirming and keypad.readback.text() == "3171 0145 0890 0001"
    assert keypad.readback_kind.text() == "NIK, 16 digits"
    with qtbot.waitSignal(keypad.submitted, timeout=1000) as sig:
        qtbot.mouseClick(keypad.confirm_button, Qt.MouseButton.LeftButton)
    assert sig.args == [NIK]
    assert keypad.digits == "" and not keypad.confirming  # nothing personal left on screen
    assert keypad.readback.text() == "" and keypad.display.text() == "–"


def test_no_on_the_confirm_page_goes_back_to_fix_a_digit(qtbot: QtBot, keypad: Keypad) -> None:
    _tap(qtbot, keypad, "0001234567899")
    qtbot.mouseClick(keypad.next_button, Qt.MouseButton.LeftButton)
    assert keypad.readback.text() == "0001 2345 67899"
    assert keypad.readback_kind.text() == "JKN card number, 13 digits"
    qtbot.mouseClick(keypad.fix_button, Qt.MouseButton.LeftButton)
    assert not keypad.confirming
    qtbot.mouseClick(keypad.back_button, Qt.MouseButton.LeftButton)
    _tap(qtbot, keypad, "0")
    with qtbot.waitSignal(keypad.submitted, timeout=1000) as sig:
        qtbot.mouseClick(keypad.next_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(keypad.confirm_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["0001234567890"]


def test_other_lengths_cannot_continue(qtbot: QtBot, keypad: Keypad) -> None:
    _tap(qtbot, keypad, "12345678901234")  # 14 digits: neither card nor NIK
    keypad.ask_confirm()
    assert not keypad.confirming and not keypad.next_button.isEnabled()
    qtbot.mouseClick(keypad.clear_button, Qt.MouseButton.LeftButton)
    assert keypad.digits == ""


def test_hardware_keyboard_works_too(qtbot: QtBot, keypad: Keypad) -> None:
    keypad.setFocus()
    qtbot.keyClicks(keypad, "31710145x08900001")  # the stray letter is ignored
    assert keypad.digits == NIK
    qtbot.keyClick(keypad, Qt.Key.Key_Return)
    assert keypad.confirming
    with qtbot.waitSignal(keypad.submitted, timeout=1000):
        qtbot.keyClick(keypad, Qt.Key.Key_Enter)


def test_strings_are_retranslated_on_language_change(keypad: Keypad) -> None:
    keypad.next_button.setText("")
    QApplication.sendEvent(keypad, QEvent(QEvent.Type.LanguageChange))
    assert keypad.next_button.text() == "Next"


@pytest.fixture
def wedge(qtbot: QtBot, keypad: Keypad) -> ScannerInputFilter:
    f = ScannerInputFilter()
    f.install()
    keypad.setFocus()
    yield f
    QApplication.instance().removeEventFilter(f)  # type: ignore[union-attr]


def test_scanner_burst_with_enter_is_a_scan_not_typing(
    qtbot: QtBot, keypad: Keypad, wedge: ScannerInputFilter
) -> None:
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as sig:
        qtbot.keyClicks(keypad, NIK)  # back to back: scanner speed
        qtbot.keyClick(keypad, Qt.Key.Key_Return)
    assert sig.args == [NIK]
    assert keypad.digits == ""  # the scan did not leak into the keypad
    assert not keypad.confirming


def test_scanner_set_to_end_with_tab_is_recognised_too(
    qtbot: QtBot, keypad: Keypad, wedge: ScannerInputFilter
) -> None:
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as sig:
        qtbot.keyClicks(keypad, "0001234567890")
        qtbot.keyClick(keypad, Qt.Key.Key_Tab)
    assert sig.args == ["0001234567890"]


def test_slow_typing_reaches_the_keypad_unchanged(
    qtbot: QtBot, keypad: Keypad, wedge: ScannerInputFilter
) -> None:
    seen: list[str] = []
    wedge.scanned.connect(seen.append)
    for d in "31710145":
        qtbot.keyClick(keypad, d)
        qtbot.wait(90)  # a quick person, still far slower than a scanner
    qtbot.waitUntil(lambda: keypad.digits == "31710145", timeout=1000)
    qtbot.keyClick(keypad, Qt.Key.Key_Backspace)
    assert keypad.digits == "3171014"
    assert seen == []


def test_a_single_key_is_released_after_the_pause(
    qtbot: QtBot, keypad: Keypad, wedge: ScannerInputFilter
) -> None:
    qtbot.keyClick(keypad, "5")
    assert keypad.digits == ""  # held for a few ms in case a scan is starting
    qtbot.waitUntil(lambda: keypad.digits == "5", timeout=1000)


def test_wedge_releases_to_whichever_widget_had_focus(
    qtbot: QtBot, wedge: ScannerInputFilter
) -> None:
    from PySide6.QtWidgets import QLineEdit

    host = QWidget()
    qtbot.addWidget(host)
    edit = QLineEdit()
    QVBoxLayout(host).addWidget(edit)
    host.show()
    qtbot.waitExposed(host)
    edit.setFocus()
    for ch in "budi":
        qtbot.keyClick(edit, ch)
        qtbot.wait(80)
    qtbot.waitUntil(lambda: edit.text() == "budi", timeout=1000)


def test_keys_arriving_through_the_window_like_real_hardware(
    qtbot: QtBot, keypad: Keypad, wedge: ScannerInputFilter
) -> None:
    """Real key presses reach the QWindow first; the filter must count each key once."""
    from PySide6.QtTest import QTest

    keypad.activateWindow()
    qtbot.waitUntil(keypad.hasFocus, timeout=1000)
    window = keypad.windowHandle()
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as sig:
        for ch in NIK:
            QTest.keyClick(window, ch)
        QTest.keyClick(window, Qt.Key.Key_Return)
    assert sig.args == [NIK]
    for ch in "0001":
        QTest.keyClick(window, ch)
        qtbot.wait(80)
    qtbot.waitUntil(lambda: keypad.digits == "0001", timeout=1000)
