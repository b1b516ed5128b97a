"""The application's screens and dialogs, one module each."""
