"""Roll-call votes and deputies (art. 59 part 3 of the Law «Про місцеве самоврядування в Україні»).

The council's deputies (`deputies.yml`: name, faction, how elected, the term and each mandate's dates) and the
results of every roll-call vote (`votes/*.yml`, one file a meeting, as the council's voting system exports them:
each question, its time and every deputy's choice). The result of a question is computed from the choices and the
threshold it needs, and compared with the result the file states; every contradiction is a problem with its file
and line. Pure functions over typed records: no Pelican here.
"""
