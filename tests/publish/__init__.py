"""Tests of publishing to the minutes repository and taking back others' edits."""
