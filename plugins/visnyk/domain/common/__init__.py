"""The typed records of the council's content (items, departments, types, statuses), the problems reported to
editors, and council time (Europe/Kyiv): the vocabulary every other capability speaks. It imports no other
capability."""
