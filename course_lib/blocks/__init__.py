"""Shared widget building blocks (the thin view layer every module uses)."""
