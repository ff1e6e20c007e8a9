"""Module 07."""
