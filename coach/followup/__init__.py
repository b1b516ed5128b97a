"""After a reflection: the plan, its actions, check-ins and how the plan is going.

``plan`` renders a session as its comeback plan; ``facts`` is what follow-up
needs of a finished session; ``index`` and ``glance`` keep those facts small
and quick to read; ``followthrough`` ticks actions and starts check-ins;
``report`` works out progress, streaks and what is due; ``calendar`` exports
the dates.

Layer: may import ``coach.session``, ``coach.scripts``, ``coach.store`` and the
base modules; never the command line or the screen.
"""
