"""Module 01."""
