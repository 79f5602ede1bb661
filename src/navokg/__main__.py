"""``python -m navokg``: the same as the ``navokg`` command."""

from .cli import main

main()
