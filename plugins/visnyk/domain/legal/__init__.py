"""The legal status of acts: which decision or order is in force, which later acts amended it, and which
repealed it (and from when), worked out from the acts' own `amends:`, `repeals:` and `in_force_from:`.

No Pelican here: `status.py` turns the validated items into a status per act and into the problems of
impossible relations (a missing target, a target adopted later, a cycle, a change to a repealed act).
"""
