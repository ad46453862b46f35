"""Compatibility layers with other event coders' dictionary formats (PETRARCH/TABARI)."""
