"""The Qt kiosk: ``ui.app`` builds everything (composition root); nothing here is global."""
