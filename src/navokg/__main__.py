"""``python -m navokg``: the same as the ``navokg`` command."""

from navokg.cli import main

main()
