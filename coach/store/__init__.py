"""The store: every session in its own small file, an index to list them, export and import.

``sessions.Store`` is the one way in; ``records`` are what it keeps, ``index``
lists them without reading every file, ``storage`` is the TinyDB storage that
refuses damaged files, ``backup`` the export format, ``localtime`` how stored
times are shown.

Layer: above ``coach.errors``, ``coach.paths``, ``coach.text`` and ``coach.files``
only. The store knows nothing of scripts: a session keeps its script as text.
"""
