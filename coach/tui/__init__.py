"""The Textual application: it shows state and forwards intent, nothing more.

``app.CoachApp`` keeps navigation, the theme and the lifecycle; ``screens``
holds one screen or dialog a module; ``widgets`` one input per prompt kind
and the small widgets the screens share; ``palette`` the command palette.

Layer: the top, beside ``coach.cli``. It may import every domain package, never
``coach.cli``.
"""
