"""The application's screens, one module each (dialogs are in ``coach.tui.dialogs``)."""
