"""The accessibility statement: the record of the last quality run and what the page says of it."""
