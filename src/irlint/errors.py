"""Expected errors: each carries a one-line, user-facing message; the CLI turns them into exit code 2."""

from __future__ import annotations


class IrlintError(Exception):
    """Base of every error irlint expects and reports without a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class LocatedError(IrlintError):
    """An error at a place in a file: rendered as ``path:line:col: message`` (line and column 1-based)."""

    def __init__(self, message: str, path: str, line: int | None = None, column: int | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")
        self.detail = message


class ConfigError(LocatedError):
    """The configuration file (or a command-line setting) is invalid."""


class RulePackError(LocatedError):
    """A rule pack is invalid: wrong schema, bad pattern, duplicate id, failing example."""


class InputError(LocatedError):
    """An input file cannot be read or decoded."""


class UsageError(IrlintError):
    """The command line asks for something that cannot be done."""


class OutputError(IrlintError):
    """The report cannot be written where it was asked to go."""
