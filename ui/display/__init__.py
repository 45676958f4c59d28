"""The waiting-room board: called numbers per poli in big type, a chime and a spoken call."""
