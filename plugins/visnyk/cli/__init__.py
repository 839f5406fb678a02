"""The command line: `./visnyk init` (a new council's site) and, for every site, the invoke tasks."""
