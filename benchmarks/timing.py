"""Timing that holds on a noisy machine: warm-up first, then the two sides of a
ratio measured in turns (so a busy moment hits both), and the medians compared."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class Ratio:
    """One figure: the median of the measured side over the median of its baseline."""

    name: str
    bar: float | None
    """The most the figure may be; None for a floor, measured to show what is possible."""
    what: str
    unit: str = "ms"
    target: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)

    @property
    def value(self) -> float:
        return statistics.median(self.target) / statistics.median(self.baseline)

    @property
    def met(self) -> bool:
        return self.bar is None or self.value <= self.bar

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
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )
    elapsed = (time.perf_counter() - started) * 1000
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {completed.stderr.decode()[-2000:]}")
    return elapsed


PEAK_RSS = "peak_rss_kib:"
"""How a measured process reports its own peak resident memory (see ``report_peak_rss``)."""


def process_peak_rss_kib(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Peak resident memory of one process (and only that one), in KiB.

    The process reports it (``report_peak_rss``) as its last line on stderr. The
    ``ru_maxrss`` that ``wait4`` gives is no use: Linux carries the parent's peak
    over fork and exec, so a child's figure is never below this benchmark's own.
    """
    completed = subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )
    errors = completed.stderr.decode(errors="replace")
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {errors[-2000:]}")
    reported = [line for line in errors.splitlines() if line.startswith(PEAK_RSS)]
    if not reported:
        raise RuntimeError(f"{' '.join(command)} did not report its peak memory")
    return float(reported[-1].removeprefix(PEAK_RSS))


def report_peak_rss() -> None:
    """Write this process's own peak resident memory (``VmHWM``) to stderr, in KiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                print(f"{PEAK_RSS} {line.split()[1]}", file=sys.stderr, flush=True)
                return
    raise RuntimeError("no VmHWM in /proc/self/status")


def call_ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000
