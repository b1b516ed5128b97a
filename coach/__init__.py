"""Comeback Coach: a terminal coach that turns a setback into a comeback."""

__version__ = "0.1.0"
