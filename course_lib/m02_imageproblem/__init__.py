"""Module 02."""
