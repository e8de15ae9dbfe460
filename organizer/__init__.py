"""Sales Organizer's domain: tables, services, import/export. Pure Python, no Qt."""

APP_NAME = "SalesOrganizer"
APP_AUTHOR = "SalesOrganizer"
APP_TITLE = "Sales Organizer"
__version__ = "0.1.0"
