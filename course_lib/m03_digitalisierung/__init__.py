"""Module 03."""
