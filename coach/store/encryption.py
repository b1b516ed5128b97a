"""Turning encryption at rest on and off for a whole data folder, file by file.

``encrypt_folder`` writes the wrapped identity first (from then on the folder
counts as encrypted and every new write is encrypted), then replaces each of
coach's files by its encrypted copy, one atomic write at a time.
``decrypt_folder`` does the reverse and removes the identity last. A file is
read as an age file when it has the age header and as plain otherwise, so a
kill at any moment leaves a folder that opens, and running the command again
finishes the job. Both hold the folder lock throughout.

Every file under the folder is coach's own except the person's scripts
(``scripts/``, which they edit themselves), the identity and the lock. A
temporary file left by a killed write may hold plain text: it is removed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from coach.errors import StoreError
from coach.files import FolderLock, fsync_folder, make_private_folder, write_atomically
from coach.vault import AGE_HEADER, IDENTITY_FILE, USER_FOLDERS, Vault

NOT_KEPT = frozenset({IDENTITY_FILE, ".lock"})


@dataclass
class Converted:
    """What a conversion did: files changed, already done, stale temporaries removed."""

    changed: int = 0
    already: int = 0
    removed: int = 0


def kept_files(folder: Path) -> Iterator[Path]:
    """Every file coach keeps in the folder (not the person's scripts, the identity, the
    lock), temporaries included; symbolic links are never followed."""
    for root, folders, files in os.walk(folder):
        here = Path(root)
        if here == folder:
            folders[:] = [name for name in folders if name not in USER_FOLDERS]
        for name in sorted(files):
            path = here / name
            if (here == folder and name in NOT_KEPT) or path.is_symlink():
                continue
            yield path


def is_temporary(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(".tmp")


def encrypt_folder(vault: Vault, passphrase: str | None) -> Converted:
    """Encrypt every file; a folder not encrypted yet gets a new identity (``passphrase``).

    A folder already (partly) encrypted must be unlocked first; the rest is finished.
    """
    make_private_folder(vault.folder)
    with FolderLock(vault.folder).held(writing=True):
        if not vault.encrypted:
            if passphrase is None:
                raise StoreError("A new passphrase is needed to encrypt the folder.")
            write_atomically(vault.identity_path, vault.create_identity(passphrase), export=True)
        elif not vault.unlocked:
            raise vault.locked_error()
        return _convert(vault.folder, lambda raw: raw.startswith(AGE_HEADER), vault.seal, vault)


def decrypt_folder(vault: Vault) -> Converted:
    """Decrypt every file, then remove the identity: the folder is plain again."""
    if not vault.encrypted:
        return Converted()
    if not vault.unlocked:
        raise vault.locked_error()
    with FolderLock(vault.folder).held(writing=True):
        done = _convert(vault.folder, lambda raw: not raw.startswith(AGE_HEADER), None, vault)
        try:
            vault.identity_path.unlink(missing_ok=True)
            fsync_folder(vault.folder)
        except OSError as error:
            raise StoreError(f"Could not remove {vault.identity_path}: {error.strerror}.") from None
    vault.drop_remembered()
    vault.forget()
    return done


def _convert(
    folder: Path,
    done: Callable[[bytes], bool],
    seal: Callable[[bytes], bytes] | None,
    vault: Vault,
) -> Converted:
    """Rewrite each kept file not ``done`` yet: sealed, or (``seal`` None) opened."""
    result = Converted()
    for path in list(kept_files(folder)):
        if is_temporary(path):
            with suppress(FileNotFoundError):
                path.unlink()
                result.removed += 1
            continue
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise StoreError(f"Could not read {path}: {error.strerror}.") from None
        if done(raw):
            result.already += 1
            continue
        payload = seal(raw) if seal is not None else vault.open(path, raw)
        write_atomically(path, payload, export=True)
        result.changed += 1
    if result.removed:
        fsync_folder(folder)
    return result
