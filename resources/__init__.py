"""Icons and the desktop entry, shipped with the package."""
