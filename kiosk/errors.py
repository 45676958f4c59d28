"""Typed errors.

``KioskError`` and its subclasses are *environment problems*: a missing camera, a full disk, a
corrupted database, a server answering garbage. The UI shows them to a person with a translated
message chosen by ``code``; ``detail`` is for the technician and the log. Anything else that
escapes is a bug: it is logged with its traceback and the screen is restarted.
"""

from __future__ import annotations

import enum


class ErrorCode(enum.Enum):
    CONFIG_INVALID = "config_invalid"
    CONFIG_UNREADABLE = "config_unreadable"
    DATA_DIR_UNWRITABLE = "data_dir_unwritable"
    DISK_FULL = "disk_full"
    DATABASE_CORRUPT = "database_corrupt"
    DATABASE_UNAVAILABLE = "database_unavailable"
    CAMERA_UNAVAILABLE = "camera_unavailable"
    MODEL_MISSING = "model_missing"
    IMAGE_UNREADABLE = "image_unreadable"
    PRINTER_OFFLINE = "printer_offline"
    PRINTER_OUT_OF_PAPER = "printer_out_of_paper"
    SERVER_UNREACHABLE = "server_unreachable"
    SERVER_PROTOCOL = "server_protocol"
    TRANSLATIONS_MISSING = "translations_missing"


class KioskError(Exception):
    """An environment problem that a person can be told about."""

    code: ErrorCode = ErrorCode.CONFIG_INVALID

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class ConfigError(KioskError):
    """A settings file that cannot be read or holds a bad value; ``key`` names the culprit."""

    code = ErrorCode.CONFIG_INVALID

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}" if key else problem)
        self.key = key
        self.problem = problem


class ConfigUnreadable(KioskError):
    code = ErrorCode.CONFIG_UNREADABLE


class DataDirUnwritable(KioskError):
    code = ErrorCode.DATA_DIR_UNWRITABLE


class DiskFull(KioskError):
    code = ErrorCode.DISK_FULL


class DatabaseCorrupt(KioskError):
    """The store file was unreadable; it has been moved to ``moved_to`` and a clean one created."""

    code = ErrorCode.DATABASE_CORRUPT

    def __init__(self, detail: str, moved_to: str) -> None:
        super().__init__(detail)
        self.moved_to = moved_to


class DatabaseUnavailable(KioskError):
    code = ErrorCode.DATABASE_UNAVAILABLE


class CameraUnavailable(KioskError):
    code = ErrorCode.CAMERA_UNAVAILABLE


class ModelMissing(KioskError):
    """A model file (dlib detector, predictor, descriptor) is not where it should be."""

    code = ErrorCode.MODEL_MISSING


class ImageUnreadable(KioskError):
    code = ErrorCode.IMAGE_UNREADABLE


class PrinterOffline(KioskError):
    code = ErrorCode.PRINTER_OFFLINE


class PrinterOutOfPaper(KioskError):
    code = ErrorCode.PRINTER_OUT_OF_PAPER


class ServerUnreachable(KioskError):
    code = ErrorCode.SERVER_UNREACHABLE


class ServerProtocolError(KioskError):
    """The server answered, but not with something we understand (garbage, wrong version)."""

    code = ErrorCode.SERVER_PROTOCOL


class TranslationsMissing(KioskError):
    code = ErrorCode.TRANSLATIONS_MISSING
