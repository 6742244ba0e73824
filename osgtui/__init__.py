"""osgtui: a terminal meeting console for the OSG Technology Area weekly minutes.

Importing the package is cheap on purpose: it records the start time used to
measure time to first paint and imports nothing heavy.
"""

from time import perf_counter

START = perf_counter()
__version__ = "0.1.0"
