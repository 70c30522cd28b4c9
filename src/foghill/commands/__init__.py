"""The `foghill` command's subcommands, one module each (the parser is :mod:`foghill.cli`).

- :mod:`.serve`: ``foghill serve``, the lesson page (or an author's lessons) under uvicorn;
- :mod:`.new`: ``foghill new``, a starter lesson to edit;
- :mod:`.demo`: ``foghill demo``, a descent printed in the terminal.
"""
