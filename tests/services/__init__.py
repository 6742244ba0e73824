"""Tests of osgtui.services against a real loopback HTTP server (fakeserver.py)."""
