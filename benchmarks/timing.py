"""Timing that holds on a noisy machine: warm-up first, then the two sides of a
ratio measured in turns (so a busy moment hits both), and the medians compared."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class Ratio:
    """One figure: the median of the measured side over the median of its baseline."""

    name: str
    bar: float
    what: str
    unit: str = "ms"
    target: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)

    @property
    def value(self) -> float:
        return statistics.median(self.target) / statistics.median(self.baseline)

    @property
    def met(self) -> bool:
        return self.value <= self.bar

    def as_json(self) -> dict[str, object]:
        return {
            "value": round(self.value, 3),
            "bar": self.bar,
            "met": self.met,
            "what": self.what,
            "unit": self.unit,
            "target_median": round(statistics.median(self.target), 3),
            "baseline_median": round(statistics.median(self.baseline), 3),
            "target_runs": [round(x, 3) for x in self.target],
            "baseline_runs": [round(x, 3) for x in self.baseline],
        }


def in_turns(
    ratio: Ratio,
    target: Callable[[], float],
    baseline: Callable[[], float],
    *,
    runs: int,
    warmup: int = 1,
) -> Ratio:
    """Measure both sides ``runs`` times, alternating which goes first."""
    for _ in range(warmup):
        baseline()
        target()
    for turn in range(runs):
        if turn % 2:
            ratio.target.append(target())
            ratio.baseline.append(baseline())
        else:
            ratio.baseline.append(baseline())
            ratio.target.append(target())
    return ratio


async def in_turns_async(
    ratio: Ratio,
    target: Callable[[], Awaitable[float]],
    baseline: Callable[[], Awaitable[float]],
    *,
    runs: int,
    warmup: int = 1,
) -> Ratio:
    """``in_turns`` for measurements that run an app in this process."""
    for _ in range(warmup):
        await baseline()
        await target()
    for turn in range(runs):
        first, second = (target, baseline) if turn % 2 else (baseline, target)
        for side in (first, second):
            value = await side()
            (ratio.target if side is target else ratio.baseline).append(value)
    return ratio


def process_ms(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Wall time of a whole process, start to exit, in milliseconds (output discarded)."""
    started = time.perf_counter()
    completed = subprocess.run(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env=env, check=False,
    )
    elapsed = (time.perf_counter() - started) * 1000
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {completed.stderr.decode()[-2000:]}")
    return elapsed


def process_peak_rss_kib(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Peak resident memory of one process (and only that one), in KiB."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors, env=env
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed: {errors.read().decode()[-2000:]}")
    return float(usage.ru_maxrss)  # KiB on Linux


def call_ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000
