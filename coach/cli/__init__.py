"""The ``coach`` command line: parsing arguments and running one command.

``main`` parses; ``sessions`` runs the commands on sessions and scripts;
``followup`` the follow-up ones (actions, done, due, progress, serve, export
as a calendar); ``serve`` puts the app in a browser.

Layer: the top, beside ``coach.tui``. It may import every domain package; it
imports ``coach.tui`` only inside the commands that open a screen, so commands
that print start without Textual.
"""
