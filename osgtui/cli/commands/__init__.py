"""Subcommand modules, discovered by :func:`osgtui.cli.build_parser`."""
