"""Bringing contacts in (CSV, vCard) and taking everything out (CSV, vCard 4.0,
iCalendar, JSON). Reading is separate from writing: `plan_import` reads a file and
counts what would happen; `apply_import` writes it in one transaction after a backup.
"""
