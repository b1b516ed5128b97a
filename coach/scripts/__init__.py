"""Prompt scripts: the format, reading and checking YAML, and finding the scripts installed.

``model`` is the script as typed, immutable records; ``validate`` turns YAML into
one (every problem at ``file:line:column``), helped by ``yaml_nodes`` (positions),
``node_reader``, ``kind_rules``, ``kind_defaults`` and ``references``;
``conditions`` is the ``when`` language and ``templates`` the ``{id}`` one;
``catalog`` finds scripts in their folders and ``cache`` keeps them parsed.

Layer: above ``coach.errors``, ``coach.paths``, ``coach.text`` and ``coach.files``
only. Nothing here knows about sessions, the store or the screen.
"""
