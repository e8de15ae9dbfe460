"""End-to-end tests on a virtual desktop."""
