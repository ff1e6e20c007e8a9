"""Module 09."""
