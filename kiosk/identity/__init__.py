"""Identity capture: codes from camera frames, payload classification, NIK and card rules."""
