"""Locale formats the portal overrides (FORMAT_MODULE_PATH)."""
