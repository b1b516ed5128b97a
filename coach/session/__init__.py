"""A session in progress: the wizard that decides what to ask next, and the answers it checks.

``wizard.Wizard`` walks a script's prompts (conditions, interpolation, steps,
summaries); ``answers`` checks one answer; ``editing`` changes an answer later;
``drafts`` keeps what was half typed; ``snapshot`` finds the script a stored
session runs.

Layer: may import ``coach.scripts`` and ``coach.store`` (and the base modules),
never follow-up, the command line or the screen.
"""
