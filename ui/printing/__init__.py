"""Printing: the call sheet and mailing labels, on paper, in a preview or to PDF."""

from .refcount_guard import protect_none

protect_none()
