"""Module 05."""
