"""Module 04."""
