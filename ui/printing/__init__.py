"""Printing: the call sheet and mailing labels, on paper, in a preview or to PDF."""
