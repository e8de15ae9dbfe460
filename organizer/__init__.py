"""Sales Organizer's domain: tables, services, import/export. Pure Python, no Qt."""

APP_NAME = "SalesOrganizer"
APP_AUTHOR = "SalesOrganizer"
APP_TITLE = "Sales Organizer"
__version__ = "0.1.0"
# The schema version a database of this release has: the length of the migration ladder
# (organizer/migrations.py refuses to load if they differ). Here so that the read-only
# path (organizer/reader.py) can check it without loading the tables.
SCHEMA_VERSION = 5
