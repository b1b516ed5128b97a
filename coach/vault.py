"""Encryption at rest of a data folder, with age (through pyrage).

A folder is encrypted while ``identity.age`` is in it: an age X25519 identity,
wrapped with the person's passphrase (age's scrypt passphrase mode). Every
file coach keeps there is then an age file encrypted to that identity's
recipient, so ``age -d identity.age > key.txt`` and ``age -d -i key.txt FILE``
read any of them without coach.

A file is decrypted when it starts with the age header and read as it is
otherwise: a folder half converted (a kill in the middle of ``coach encrypt``)
still opens. :func:`vault_for` gives one :class:`Vault` per folder and process,
so the passphrase's key derivation (slow by design) runs once per process at
most. pyrage and keyring are imported only when a folder is encrypted.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import CoachError, StoreError

if TYPE_CHECKING:
    from pyrage.x25519 import Identity

AGE_HEADER = b"age-encryption.org/v1\n"
IDENTITY_FILE = "identity.age"
KEYRING_SERVICE = "comeback-coach"
PASSPHRASE_VARIABLE = "COACH_PASSPHRASE_FILE"
USER_FOLDERS = frozenset({"scripts"})
"""Folders of the person's own files (their scripts, edited by hand): never encrypted."""
SEARCH_UP = 2
"""Folders above a file where its data folder's identity is looked for."""


class Locked(CoachError):
    """The folder is encrypted and its key has not been given in this process."""


class WrongPassphrase(CoachError):
    """The passphrase does not open the folder's identity."""


class Vault:
    """Whether one data folder is encrypted, and its key once unlocked."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(os.path.abspath(folder))
        self.identity_path = self.folder / IDENTITY_FILE
        self._identity: Identity | None = None
        self._recipient: Any = None

    @property
    def encrypted(self) -> bool:
        return self.identity_path.is_file()

    @property
    def unlocked(self) -> bool:
        return self._identity is not None

    def needs_unlock(self) -> bool:
        return not self.unlocked and self.encrypted

    def locked_error(self) -> Locked:
        return Locked(f"The coach is locked: {self.folder} is encrypted and needs its passphrase.")

    # -- the key ---------------------------------------------------------------

    def unlock(self, passphrase: str) -> None:
        """Unwrap the identity with ``passphrase`` (one key derivation); kept in memory."""
        import pyrage

        try:
            wrapped = self.identity_path.read_bytes()
        except FileNotFoundError:
            raise StoreError(f"{self.folder} is not encrypted.") from None
        except OSError as error:
            raise StoreError(f"Could not read {self.identity_path}: {error.strerror}.") from None
        try:
            text = pyrage.passphrase.decrypt(wrapped, passphrase).decode("utf-8")
        except pyrage.DecryptError:
            raise WrongPassphrase(f"That passphrase does not open {self.folder}.") from None
        self.use_identity(text)

    def use_identity(self, text: str) -> None:
        """Take the identity as age writes it (``AGE-SECRET-KEY-1...``, comments allowed)."""
        from pyrage import IdentityError, x25519

        lines = [line.strip() for line in text.splitlines()]
        key = next((line for line in lines if line.startswith("AGE-SECRET-KEY-")), "")
        try:
            identity = x25519.Identity.from_str(key)
        except IdentityError:
            raise StoreError(f"{self.identity_path} does not hold an age identity.") from None
        self._identity = identity
        self._recipient = identity.to_public()

    def identity_text(self) -> str:
        """The unlocked identity as age's key files hold it (with its public key)."""
        if self._identity is None:
            raise self.locked_error()
        return f"# public key: {self._recipient}\n{self._identity}\n"

    def create_identity(self, passphrase: str) -> bytes:
        """A new identity, unlocked here; returns it wrapped with ``passphrase``."""
        import pyrage
        from pyrage import x25519

        self._identity = x25519.Identity.generate()
        self._recipient = self._identity.to_public()
        return pyrage.passphrase.encrypt(self.identity_text().encode("utf-8"), passphrase)

    def forget(self) -> None:
        self._identity = None
        self._recipient = None

    # -- files -----------------------------------------------------------------

    def seal(self, payload: bytes) -> bytes:
        """``payload`` as it may be written into the folder: encrypted if the folder is."""
        if not self.encrypted:
            return payload
        if self._identity is None:
            raise self.locked_error()
        import pyrage

        return pyrage.encrypt(payload, [self._recipient])

    def open(self, path: Path, raw: bytes) -> bytes:
        """The plain bytes of a file read from the folder (age files decrypted)."""
        if not raw.startswith(AGE_HEADER):
            return raw
        if self._identity is None:
            raise self.locked_error()
        import pyrage

        try:
            return pyrage.decrypt(raw, [self._identity])
        except pyrage.DecryptError:
            raise StoreError(
                f"{path} could not be decrypted with this folder's key. It was not changed. "
                "Move it aside (or restore it from a backup) and start coach again."
            ) from None

    # -- the keyring -----------------------------------------------------------

    def recall(self) -> bool:
        """Unlock with the identity kept in the OS keyring, if any; never asks."""
        try:
            import keyring

            text = keyring.get_password(KEYRING_SERVICE, str(self.folder))
        except Exception:  # no keyring, or a backend that fails: just not remembered
            return False
        if not text:
            return False
        try:
            self.use_identity(text)
        except StoreError:
            return False
        return True

    def remember(self) -> None:
        """Keep the unlocked identity in the OS keyring (``coach encrypt --remember``)."""
        text = self.identity_text()
        try:
            import keyring

            keyring.set_password(KEYRING_SERVICE, str(self.folder), text)
        except Exception as error:  # no keyring, or a backend (D-Bus...) that fails
            missing = isinstance(error, ImportError) or type(error).__name__ == "NoKeyringError"
            reason = "this system has no keyring coach can use" if missing else "it refused"
            raise CoachError(
                f"Could not keep the key in the system keyring: {reason}. "
                "The folder is encrypted; coach will ask for the passphrase."
            ) from None

    def drop_remembered(self) -> None:
        """Remove the identity from the keyring, if it is there."""
        try:
            import keyring

            if keyring.get_password(KEYRING_SERVICE, str(self.folder)) is not None:
                keyring.delete_password(KEYRING_SERVICE, str(self.folder))
        except Exception:  # nothing kept, or no keyring at all
            return


_VAULTS: dict[Path, Vault] = {}


def vault_for(folder: Path) -> Vault:
    """The vault of a data folder, the same one for the whole process."""
    key = Path(os.path.abspath(folder))
    vault = _VAULTS.get(key)
    if vault is None:
        vault = _VAULTS[key] = Vault(key)
    return vault


def vault_holding(path: Path) -> Vault | None:
    """The vault of the data folder a file lies in (among the folders opened here)."""
    if not _VAULTS:
        return None
    here = Path(os.path.abspath(path))
    for parent in here.parents:
        vault = _VAULTS.get(parent)
        if vault is not None:
            return vault
    return None


def _vault_of_file(path: Path) -> Vault | None:
    """The vault of the folder a file lies in: one opened here, else an encrypted folder
    found above it (a file one or two levels down: ``index.json``, ``sessions/x.json``)."""
    vault = vault_holding(path)
    if vault is not None:
        return vault
    for parent in list(Path(os.path.abspath(path)).parents)[:SEARCH_UP]:
        if (parent / IDENTITY_FILE).is_file():
            return vault_for(parent)
    return None


def seal_for(path: Path, payload: bytes) -> bytes:
    """What to write to ``path``: encrypted when it lies in an encrypted data folder."""
    vault = _vault_of_file(path)
    if vault is None:
        return payload
    inside = Path(os.path.abspath(path)).relative_to(vault.folder).parts
    return payload if inside[:1] and inside[0] in USER_FOLDERS else vault.seal(payload)


def read_kept(path: Path) -> bytes:
    """A file of a data folder, decrypted when it is an age file."""
    return open_kept(path, path.read_bytes())


def open_kept(path: Path, raw: bytes) -> bytes:
    """The plain bytes of ``raw``, read from ``path`` in a data folder."""
    if not raw.startswith(AGE_HEADER):
        return raw
    vault = _vault_of_file(path) or vault_for(path.parent)
    return vault.open(path, raw)


def passphrase_from_file(path: str | os.PathLike[str]) -> str:
    """The passphrase in a file (its first line, without the line break)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
        raise CoachError(f"Could not read the passphrase from {path}: {reason}.") from None
    passphrase = text.splitlines()[0] if text else ""
    if not passphrase:
        raise CoachError(f"The passphrase file {path} is empty.")
    return passphrase


def unlock_silently(vault: Vault) -> bool:
    """Unlock without asking: ``COACH_PASSPHRASE_FILE``, then the keyring. True if open."""
    if not vault.needs_unlock():
        return True
    named = os.environ.get(PASSPHRASE_VARIABLE)
    if named:
        vault.unlock(passphrase_from_file(named))
        return True
    return vault.recall()


def export_note(path: str | os.PathLike[str]) -> str | None:
    """What to tell the person after an export out of an encrypted data folder."""
    if any(vault.encrypted for vault in _VAULTS.values()):
        return f"{path} is not encrypted: keep it somewhere safe, or delete it when done."
    return None
