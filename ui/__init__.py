"""Sales Organizer's PySide6 front end. Calls organizer/ services; holds no SQL."""
