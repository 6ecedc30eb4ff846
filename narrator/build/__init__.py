"""Building a podcast folder: the pipeline, its stored state and the executors it runs on."""
