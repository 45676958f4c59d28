"""The waiting-room display's Qt-free parts (the chime; the words are in kiosk.speech)."""
