"""Module 06."""
