"""``coach encrypt`` and ``coach decrypt``, and unlocking an encrypted folder for a command.

The passphrase comes from ``--passphrase-file``, ``COACH_PASSPHRASE_FILE``, the
OS keyring (after ``coach encrypt --remember``) or, on a terminal, one
``getpass`` prompt (two when a new one is chosen). Without a terminal and
without any of those, a command says so in one line and exits 1; it never
waits for input. ``coach due`` never asks: locked, it says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from coach.errors import CoachError
from coach.paths import data_dir
from coach.vault import (
    PASSPHRASE_VARIABLE,
    Vault,
    passphrase_from_file,
    unlock_silently,
    vault_for,
)

Handler = Callable[[argparse.Namespace], int]

NEEDS_NO_DATA = frozenset({"validate", "scripts", "encrypt", "decrypt", "serve"})
"""Commands that read no session (``serve``'s processes each unlock on their own)."""
OPENS_THE_APP = frozenset({None, "start", "resume"})


def _vault(args: argparse.Namespace) -> Vault:
    return vault_for(data_dir(getattr(args, "data_dir", None)))


def _on_a_terminal() -> bool:
    return sys.stdin.isatty()


def _no_passphrase(vault: Vault) -> CoachError:
    return CoachError(
        f"The coach is locked: {vault.folder} is encrypted, and there is no terminal to ask "
        f"for its passphrase. Name a file holding it in {PASSPHRASE_VARIABLE}."
    )


def unlock_for_command(args: argparse.Namespace) -> int | None:
    """Unlock the data folder before a command runs; None to go on, else the exit code."""
    if args.command in NEEDS_NO_DATA:
        return None
    vault = _vault(args)
    if not vault.needs_unlock():  # a plain folder: one stat, nothing imported
        return None
    if args.command == "due":
        try:
            if unlock_silently(vault):
                return None
        except CoachError:
            pass
        print("The coach is locked: run coach in a terminal to see what is due.")
        return 0
    if unlock_silently(vault):
        return None
    if args.command in OPENS_THE_APP and (
        _on_a_terminal() or os.environ.get("TEXTUAL_DRIVER")  # served: the page asks
    ):
        return None  # the app asks in a dialog
    if not _on_a_terminal():
        raise _no_passphrase(vault)
    vault.unlock(_ask(f"Passphrase for {vault.folder}: "))
    return None


def _ask(prompt: str) -> str:
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise CoachError("No passphrase was given.") from None


def _passphrase_given(args: argparse.Namespace) -> str | None:
    named = getattr(args, "passphrase_file", None) or os.environ.get(PASSPHRASE_VARIABLE)
    return passphrase_from_file(named) if named else None


def _unlock(vault: Vault, args: argparse.Namespace) -> None:
    """Unlock an encrypted folder for ``encrypt`` (finishing) or ``decrypt``."""
    if vault.unlocked:
        return
    given = _passphrase_given(args)
    if given is not None:
        vault.unlock(given)
    elif not vault.recall():
        if not _on_a_terminal():
            raise _no_passphrase(vault)
        vault.unlock(_ask(f"Passphrase for {vault.folder}: "))


def _new_passphrase(args: argparse.Namespace, vault: Vault) -> str:
    given = _passphrase_given(args)
    if given is not None:
        return given
    if not _on_a_terminal():
        raise CoachError(
            f"Encrypting needs a new passphrase: run coach encrypt in a terminal, or name "
            f"a file holding it with --passphrase-file or {PASSPHRASE_VARIABLE}."
        )
    first = _ask(f"New passphrase for {vault.folder}: ")
    if not first:
        raise CoachError("The passphrase cannot be empty. Nothing was changed.")
    if _ask("The same passphrase again: ") != first:
        raise CoachError("The two passphrases differ. Nothing was changed.")
    return first


def encrypt(args: argparse.Namespace) -> int:
    """``coach encrypt [--passphrase-file FILE] [--remember]``."""
    from coach.store.encryption import encrypt_folder

    vault = _vault(args)
    if vault.encrypted:
        _unlock(vault, args)
        passphrase = None
    else:
        passphrase = _new_passphrase(args, vault)
    done = encrypt_folder(vault, passphrase)
    if done.changed or passphrase is not None:
        print(
            f"Encrypted {_files(done.changed)} in {vault.folder}. Keep the passphrase "
            "safe: without it nobody, you included, can read them.",
            file=sys.stderr,
        )
    else:
        print(f"{vault.folder} is already encrypted.", file=sys.stderr)
    if args.remember:
        vault.remember()
        print("The key is kept in the system keyring: coach will not ask here.", file=sys.stderr)
    return 0


def decrypt(args: argparse.Namespace) -> int:
    """``coach decrypt [--passphrase-file FILE]``."""
    from coach.store.encryption import decrypt_folder

    vault = _vault(args)
    if not vault.encrypted:
        print(f"{vault.folder} is not encrypted.", file=sys.stderr)
        return 0
    _unlock(vault, args)
    done = decrypt_folder(vault)
    print(f"Decrypted {_files(done.changed)}; {vault.folder} is plain again.", file=sys.stderr)
    return 0


def _files(count: int) -> str:
    return "1 file" if count == 1 else f"{count} files"


def add_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> dict[str, Handler]:
    """Add ``encrypt`` and ``decrypt`` to ``coach``'s parser; returns name -> handler."""
    source = argparse.ArgumentParser(add_help=False)
    source.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=f"read the passphrase from FILE (also ${PASSPHRASE_VARIABLE})",
    )
    encrypting = commands.add_parser(
        "encrypt",
        parents=[common, source],
        help="encrypt the data folder (asks for a new passphrase)",
        description="Encrypt every file of the data folder with age.",
    )
    encrypting.add_argument(
        "--remember", action="store_true", help="keep the key in the system keyring"
    )
    commands.add_parser(
        "decrypt",
        parents=[common, source],
        help="turn encryption off again",
        description="Decrypt every file of the data folder.",
    )
    return {"encrypt": encrypt, "decrypt": decrypt}
