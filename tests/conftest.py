"""Settings for the whole suite."""

import signal

# A suite started as a background job from a script (`pytest &`, `nohup ... &`) inherits SIGINT ignored, and
# every command a test starts would inherit it too and never see the Ctrl-C the test sends. Restored once
# here, as an interactive shell does, so each child process starts with the default Ctrl-C.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
