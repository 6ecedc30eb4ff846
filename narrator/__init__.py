"""narrator: turn written articles into podcast episodes, offline, with a voice for every quoted speaker.

The library API mirrors the stages; the ``narrator`` command is a thin layer over it.
"""

__version__ = "0.1.0"
