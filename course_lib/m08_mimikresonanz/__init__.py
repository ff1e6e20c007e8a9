"""Module 08."""
