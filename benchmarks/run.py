"""Comeback Coach benchmarks: every figure a ratio against a baseline of the same run.

    python benchmarks/run.py                  # all figures, under two minutes
    python benchmarks/run.py --json out.json  # ... and every figure written as JSON
    python benchmarks/run.py --quick          # tiny sizes, one run (what the tests do)
    python benchmarks/run.py --only list_growth,cli_ratio

Each side of a ratio is measured several times in turns with its baseline,
after a warm-up, and the medians are compared, so that the figures hold on a
shared, noisy machine. The bars are those of issue 5 (and issue 13's for the
``encrypted_*`` figures), plus ours for ``startup_over_floor``. A ``*_floor``
figure has no bar: it is what no code of ours can go below (Textual showing
Home's panels; Python importing what ``coach validate`` must), against the same
baseline as its figure, so that a bar under its floor shows as such. Linux only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from seeding import SeededFolders  # noqa: E402
from timing import Ratio, call_ms, in_turns, process_ms, process_peak_rss_kib  # noqa: E402

from coach.paths import builtin_scripts_dir  # noqa: E402
from coach.store.sessions import Store  # noqa: E402


@dataclass(frozen=True)
class Plan:
    """Sizes and repetitions of one run."""

    small: int = 10
    medium: int = 1_000
    large: int = 10_000
    chars: int = 500
    process_runs: int = 15
    app_runs: int = 7
    memory_runs: int = 3
    autosave_runs: int = 40
    keystroke_runs: int = 2
    history_runs: int = 3
    progress_runs: int = 5
    warmup: int = 1


QUICK = Plan(
    small=3,
    medium=20,
    large=40,
    chars=10,
    process_runs=1,
    app_runs=1,
    memory_runs=1,
    autosave_runs=1,
    keystroke_runs=1,
    history_runs=1,
    progress_runs=1,
    warmup=0,
)


def compile_package() -> None:
    """Byte-compile the package, as installing it does.

    A checkout with ``PYTHONDONTWRITEBYTECODE`` set (this workspace sets it)
    would otherwise compile every module of ours again in every process, a
    cost no installed coach pays.
    """
    import compileall

    import coach

    compileall.compile_dir(Path(coach.__file__).parent, quiet=1)


def coach_command() -> list[str]:
    """The installed ``coach`` command (as users run it), else ``python -m coach``."""
    script = Path(sys.executable).with_name("coach")
    found = script if script.is_file() else shutil.which("coach")
    return [str(found)] if found else [sys.executable, "-m", "coach"]


VALIDATE_NEEDS = "yaml, argparse, dataclasses, pathlib"
"""What ``coach validate`` cannot do without: the YAML parser, the command line, the
script model (dataclasses, as the style guide has it) and paths."""


def python(*code: str) -> list[str]:
    return [sys.executable, "-c", *code]


class Bench:
    """The figures, sharing the seeded data folders of one run."""

    def __init__(self, plan: Plan, folders: SeededFolders) -> None:
        self.plan = plan
        self.folders = folders
        self.coach = coach_command()
        self._encrypted: Encrypted | None = None

    def _processes(self, ratio: Ratio, target: list[str], baseline: list[str]) -> Ratio:
        return in_turns(
            ratio,
            lambda: process_ms(target),
            lambda: process_ms(baseline),
            runs=self.plan.process_runs,
            warmup=self.plan.warmup,
        )

    def _list(self, count: int) -> list[str]:
        return [*self.coach, "--data-dir", str(self.folders.folder(count)), "list", "--all"]

    # -- the command line ----------------------------------------------------------

    def cli_ratio(self) -> Ratio:
        ratio = Ratio(
            "cli_ratio",
            2.0,
            f"coach list --all, {self.plan.medium} sessions / python -c 'import yaml, tinydb'",
        )
        return self._processes(ratio, self._list(self.plan.medium), python("import yaml, tinydb"))

    def list_growth(self) -> Ratio:
        ratio = Ratio(
            "list_growth",
            1.5,
            f"coach list --all, {self.plan.large} sessions / {self.plan.small} sessions",
        )
        return self._processes(ratio, self._list(self.plan.large), self._list(self.plan.small))

    def validate_ratio(self) -> Ratio:
        scripts = sorted(str(path) for path in builtin_scripts_dir().glob("*.yaml"))
        ratio = Ratio(
            "validate_ratio",
            1.5,
            f"coach validate on the {len(scripts)} bundled scripts / python -c 'import yaml'",
        )
        return self._processes(ratio, [*self.coach, "validate", *scripts], python("import yaml"))

    def validate_floor(self) -> Ratio:
        ratio = Ratio(
            "validate_floor",
            None,
            f"python -c 'import {VALIDATE_NEEDS}' / python -c 'import yaml' (no coach code)",
        )
        return self._processes(ratio, python(f"import {VALIDATE_NEEDS}"), python("import yaml"))

    # -- the store -----------------------------------------------------------------

    def autosave_growth(self) -> Ratio:
        ratio = Ratio(
            "autosave_growth",
            1.5,
            f"accepting one answer, {self.plan.large} stored sessions / {self.plan.small}",
        )
        large = _autosave(self.folders.folder(self.plan.large))
        small = _autosave(self.folders.folder(self.plan.small))
        return in_turns(
            ratio, large, small, runs=self.plan.autosave_runs, warmup=self.plan.warmup + 2
        )

    # -- encryption at rest -------------------------------------------------------------

    def encrypted(self) -> Encrypted:
        """Copies of the medium folder, one encrypted (its key in a test keyring)."""
        if self._encrypted is None:
            self._encrypted = Encrypted.of(self.folders.folder(self.plan.medium))
        return self._encrypted

    def encrypted_autosave(self) -> Ratio:
        ratio = Ratio(
            "encrypted_autosave",
            1.3,
            f"accepting one answer, {self.plan.medium} sessions, encrypted folder / plain copy",
        )
        copies = self.encrypted()
        return in_turns(
            ratio,
            _autosave(copies.encrypted),
            _autosave(copies.plain),
            runs=self.plan.autosave_runs,
            warmup=self.plan.warmup + 2,
        )

    def encrypted_startup(self) -> Ratio:
        copies = self.encrypted()
        ratio = Ratio(
            "encrypted_startup",
            1.3,
            f"coach to its first painted Home, {self.plan.medium} sessions, encrypted folder "
            "(key from the keyring) / plain copy; the passphrase's key derivation, in neither: "
            f"{copies.derivation_ms:.0f} ms",
        )
        env = copies.keyring_env()
        encrypted = [*FIRST_PAINT, "coach", "--data-dir", str(copies.encrypted)]
        plain = [*FIRST_PAINT, "coach", "--data-dir", str(copies.plain)]
        return self._painted(ratio, encrypted, plain, lambda command: process_ms(command, env))

    # -- the application -----------------------------------------------------------

    def _first_paint(self, count: int) -> tuple[list[str], list[str]]:
        data = str(self.folders.folder(count))
        return [*FIRST_PAINT, "coach", "--data-dir", data], [*FIRST_PAINT, "bare"]

    def _painted(
        self,
        ratio: Ratio,
        target: list[str],
        baseline: list[str],
        measure: Callable[[list[str]], float] = process_ms,
        runs: int = 0,
    ) -> Ratio:
        """Both apps run to their first paint, in turns: ``measure`` of each process."""
        return in_turns(
            ratio,
            lambda: measure(target),
            lambda: measure(baseline),
            runs=runs or self.plan.app_runs,
            warmup=self.plan.warmup,
        )

    def startup_ratio(self) -> Ratio:
        ratio = Ratio(
            "startup_ratio",
            1.3,
            f"coach to its first painted Home, {self.plan.medium} sessions / "
            "a bare Textual app (one Label) to its first paint; headless",
        )
        return self._painted(ratio, *self._first_paint(self.plan.medium))

    def startup_floor(self) -> Ratio:
        ratio = Ratio(
            "startup_floor",
            None,
            "Home's panels as stock Textual widgets, no coach code, to their first paint / "
            "the bare Textual app",
        )
        return self._painted(ratio, [*FIRST_PAINT, "home"], [*FIRST_PAINT, "bare"])

    def startup_over_floor(self) -> Ratio:
        ratio = Ratio(
            "startup_over_floor",
            1.2,
            f"coach to its first painted Home, {self.plan.medium} sessions / Home's panels "
            "as stock Textual widgets (startup_floor's target): what our code adds",
        )
        coach, _bare = self._first_paint(self.plan.medium)
        return self._painted(ratio, coach, [*FIRST_PAINT, "home"])

    def memory_ratio(self) -> Ratio:
        ratio = Ratio(
            "memory_ratio",
            1.5,
            f"peak RSS of coach on Home, {self.plan.large} sessions / the bare Textual app",
            unit="KiB",
        )
        coach, bare = self._first_paint(self.plan.large)
        return self._painted(ratio, coach, bare, process_peak_rss_kib, self.plan.memory_runs)

    def keystroke_ratio(self) -> Ratio:
        ratio = Ratio(
            "keystroke_ratio",
            1.2,
            f"CPU per key typing {self.plan.chars} characters into the wizard's text and "
            "long_text prompts via Pilot / the same into a bare Input and TextArea",
        )
        found = _interaction("keystrokes", str(self.plan.chars), str(self.plan.keystroke_runs))
        ratio.target, ratio.baseline = found["coach"], found["bare"]
        return ratio

    def history_growth(self) -> Ratio:
        ratio = Ratio(
            "history_growth",
            2.0,
            f"CPU from 'h' on Home until History's table is filled, {self.plan.large} "
            f"sessions / {self.plan.small}",
        )
        for count, side in ((self.plan.small, ratio.baseline), (self.plan.large, ratio.target)):
            folder = str(self.folders.folder(count))
            runs = str(self.plan.history_runs)
            side.extend(_interaction("history", folder, str(count), runs)["coach"])
        return ratio

    def progress_growth(self) -> Ratio:
        ratio = Ratio(
            "progress_growth",
            2.0,
            f"CPU from 'g' on Home until Progress shows the latest plan, {self.plan.large} "
            f"sessions / {self.plan.small}",
        )
        for count, side in ((self.plan.small, ratio.baseline), (self.plan.large, ratio.target)):
            folder = str(self.folders.folder(count))
            side.extend(_interaction("progress", folder, str(self.plan.progress_runs))["coach"])
        return ratio


FIRST_PAINT = [sys.executable, str(HERE / "first_paint.py")]

FIGURES = (
    "startup_ratio",
    "startup_floor",
    "startup_over_floor",
    "cli_ratio",
    "keystroke_ratio",
    "autosave_growth",
    "list_growth",
    "history_growth",
    "progress_growth",
    "memory_ratio",
    "validate_ratio",
    "validate_floor",
    "encrypted_autosave",
    "encrypted_startup",
)
ORDER = (  # autosave changes one session of each folder, so it goes last
    "cli_ratio",
    "list_growth",
    "validate_ratio",
    "validate_floor",
    "startup_ratio",
    "startup_floor",
    "startup_over_floor",
    "memory_ratio",
    "history_growth",
    "progress_growth",
    "keystroke_ratio",
    "encrypted_startup",
    "encrypted_autosave",
    "autosave_growth",
)

PASSPHRASE = "benchmarks only"


@dataclass
class Encrypted:
    """A plain and an encrypted copy of one data folder, and the key's cost apart."""

    plain: Path
    encrypted: Path
    keyring: Path
    derivation_ms: float

    @classmethod
    def of(cls, folder: Path) -> Encrypted:
        from coach.store.encryption import encrypt_folder
        from coach.vault import KEYRING_SERVICE, Vault, vault_for

        plain = folder.with_name(f"{folder.name}-plain")
        encrypted = folder.with_name(f"{folder.name}-encrypted")
        for copy in (plain, encrypted):
            shutil.copytree(folder, copy)
        vault = vault_for(encrypted)
        encrypt_folder(vault, PASSPHRASE)
        derivation_ms = call_ms(lambda: Vault(encrypted).unlock(PASSPHRASE))
        keyring = folder.with_name("keyring.json")
        kept = {f"{KEYRING_SERVICE}\n{vault.folder}": vault.identity_text()}
        keyring.write_text(json.dumps(kept), encoding="utf-8")
        return cls(plain, encrypted, keyring, derivation_ms)

    def keyring_env(self) -> dict[str, str]:
        """The test keyring (benchmarks/file_keyring.py), never the person's own."""
        return {
            **os.environ,
            "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
            "COACH_TEST_KEYRING": str(self.keyring),
        }


def _autosave(folder: Path) -> Callable[[], float]:
    """One accepted answer in an unfinished session of ``folder``, in milliseconds."""
    store = Store(folder)
    row = next(row for row in store.list_sessions() if row.status == "in_progress")
    record = store.get(row.id)
    prompt = record.position or "setback"
    answer = "Send it to my email list too, not only social media, and ask two people."

    return lambda: call_ms(lambda: store.save_answer(row.id, prompt, answer, record.position))


def _interaction(*argv: str) -> dict[str, list[float]]:
    command = [sys.executable, str(HERE / "app_interactions.py"), *argv]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def report(results: list[Ratio]) -> str:
    lines = [f"{'figure':<18} {'bar':>5} {'measured':>9}  {'':<5} {'target':>11} {'baseline':>11}"]
    for ratio in results:
        data = ratio.as_json()
        mark = "floor" if ratio.bar is None else "ok" if ratio.met else "MISS"
        bar = "-" if ratio.bar is None else f"{ratio.bar:.1f}"
        lines.append(
            f"{ratio.name:<18} {bar:>5} {ratio.value:>9.2f}  {mark:<5} "
            f"{data['target_median']:>8.1f} {ratio.unit:<2} {data['baseline_median']:>8.1f} "
            f"{ratio.unit}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="FILE", help="write every figure here as JSON")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run")
    parser.add_argument("--only", metavar="NAMES", help="comma-separated figures to run")
    args = parser.parse_args(argv)
    wanted = args.only.split(",") if args.only else list(FIGURES)
    unknown = set(wanted) - set(FIGURES)
    if unknown:
        parser.error(f"unknown figures: {', '.join(sorted(unknown))}")
    plan = QUICK if args.quick else Plan()
    started = time.monotonic()
    compile_package()
    folders = SeededFolders()
    results: list[Ratio] = []
    try:
        bench = Bench(plan, folders)
        for name in ORDER:
            if name in wanted:
                results.append(getattr(bench, name)())
                print(f"  {name}: {results[-1].value:.2f}", file=sys.stderr, flush=True)
    finally:
        folders.cleanup()
    results.sort(key=lambda ratio: FIGURES.index(ratio.name))
    print(report(results))
    seconds = time.monotonic() - started
    print(f"({seconds:.0f} s{', quick' if args.quick else ''})")
    if args.json:
        document = {
            "figures": {ratio.name: round(ratio.value, 3) for ratio in results},
            "bars": {ratio.name: ratio.bar for ratio in results},
            "details": {ratio.name: ratio.as_json() for ratio in results},
            "plan": asdict(plan),
            "quick": args.quick,
            "seconds": round(seconds, 1),
            "python": platform.python_version(),
            "machine": platform.machine(),
        }
        Path(args.json).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
