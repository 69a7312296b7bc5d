"""hamish's scripted commands (``hamish annotate``, ``export``, ``import``...), one module per
group, each with ``build_parser()`` and ``run(argv) -> exit status``.

``hamish.cli`` imports a module only when its command runs; errors are raised, not printed:
``cli.run_command`` turns them into one ``hamish: ...`` line and exit status 2.
"""
