"""The live camera preview, mirrored like a mirror, with an optional oval face guide."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.face.quality import QualityConfig

_GATE = QualityConfig()
OVAL_CENTRE = _GATE.oval_centre
OVAL_AXES = _GATE.oval_axes


class CameraView(QWidget):
    def __init__(self, *, oval: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraView")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self._oval = oval
        self._image: QImage | None = None
        self.oval_ok = False  # green oval when the face is well placed
        self.frames_shown = 0

    def set_frame(self, frame: np.ndarray) -> None:
        """An RGB (H, W, 3) uint8 frame from the camera worker (GUI thread only)."""
        frame = np.ascontiguousarray(frame)
        h, w = frame.shape[:2]
        image = QImage(frame.data, w, h, frame.strides[0], QImage.Format.Format_RGB888)
        self._image = image.flipped(Qt.Orientation.Horizontal)  # a mirror: copies the pixels
        self.frames_shown += 1
        self.update()

    def clear(self) -> None:
        self._image = None
        self.update()

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#101418"))
        target = QRectF(self.rect())
        if self._image is not None:
            img = self._image
            scaled = img.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = (self.width() - scaled.width()) / 2
            y = (self.height() - scaled.height()) / 2
            target = QRectF(x, y, scaled.width(), scaled.height())
            p.drawImage(target, img)
        if self._oval:
            self._draw_oval(p, target)
        p.end()

    def _draw_oval(self, p: QPainter, area: QRectF) -> None:
        # Where the quality gate wants the face (kiosk.face.quality.QualityConfig's oval).
        cx, cy = OVAL_CENTRE
        ax, ay = OVAL_AXES
        w, h = area.width(), area.height()
        left, top = area.left() + (cx - ax) * w, area.top() + (cy - ay) * h
        oval = QRectF(left, top, 2 * ax * w, 2 * ay * h)
        shade = QPainterPath()
        shade.addRect(area)
        hole = QPainterPath()
        hole.addEllipse(oval)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillPath(shade.subtracted(hole), QColor(0, 0, 0, 140))
        colour = QColor("#2EBD59") if self.oval_ok else QColor("#FFFFFF")
        p.setPen(QPen(colour, 8))
        p.drawEllipse(oval)
