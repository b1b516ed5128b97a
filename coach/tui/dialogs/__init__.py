"""Dialogs: small modal screens over another screen, each answering with its result.

One module a dialog (confirming a delete, exporting, picking an answer to
change, unlocking an encrypted folder). A dialog shows and returns what was
chosen; the screen that opened it acts on that.
"""
