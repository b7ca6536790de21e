"""Run every benchmark in bench/ and print their figures.

python bench/run.py                          # all
python bench/run.py startup                  # those whose file name contains 'startup'
python bench/run.py --json now.json          # also write every figure with its baseline
python bench/run.py --compare old.json       # ... and show them next to an earlier run
python bench/run.py --compare old.json --json now.json startup

Each benchmark records its figures with `bench/figures.py:record` (value, unit, baseline
measured in the same run, goal); run.py gives each one a file through BENCH_JSON and
gathers them into one JSON document:

    {"when": "...", "python": "...", "machine": {...}, "scripts": {"bench_x.py": 0},
     "figures": [{"bench": ..., "name": ..., "value": ..., "unit": ..., "baseline": ...,
                  "baseline_name": ..., "ratio": ..., "goal_ratio": ..., "goal_value": ...,
                  "goal_met": ..., "note": ...}, ...]}

`--compare` matches figures by bench and name and prints old and new value and ratio; the
ratio (against a baseline of the same run) is what compares across machines and loads.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def run_scripts(wanted: list[str]) -> tuple[dict[str, int], list[dict[str, Any]]]:
    scripts = sorted(
        p for p in HERE.glob("bench_*.py") if not wanted or any(w in p.name for w in wanted)
    )
    codes: dict[str, int] = {}
    figures: list[dict[str, Any]] = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-json-") as tmp:
            out = Path(tmp) / "figures.json"
            env = dict(os.environ, BENCH_JSON=str(out))
            codes[script.name] = subprocess.call(
                [sys.executable, str(script)], cwd=HERE.parent, env=env
            )
            if out.exists():
                for figure in json.loads(out.read_text(encoding="utf-8")):
                    figure.setdefault("script", script.name)
                    figures.append(figure)
    return codes, figures


def document(codes: dict[str, int], figures: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load": os.getloadavg() if hasattr(os, "getloadavg") else None,
        },
        "scripts": codes,
        "figures": figures,
    }


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}g}"


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Lines: every figure of the new run next to the same figure of the old run."""
    before = {(f["bench"], f["name"]): f for f in old.get("figures", [])}
    lines = [
        f"comparison with the run of {old.get('when', '?')} (ratios are against baselines "
        "measured in the same run)",
        f"{'figure':70} {'old':>9} {'new':>9} {'old ratio':>9} {'new ratio':>9}  goal",
    ]
    for f in new.get("figures", []):
        o = before.pop((f["bench"], f["name"]), None)
        state = {True: "met", False: "NOT met", None: ""}[f.get("goal_met")]
        old_ratio = o.get("ratio") if o else None
        trend = ""
        if o and old_ratio and f.get("ratio"):
            better = (
                f["ratio"] < old_ratio if f.get("lower_is_better", True) else f["ratio"] > old_ratio
            )
            trend = " (better)" if better else " (worse)" if f["ratio"] != old_ratio else ""
        lines.append(
            f"{(f['bench'] + ': ' + f['name'])[:70]:70} {_fmt(o['value'] if o else None):>9}"
            f" {_fmt(f['value']):>9} {_fmt(old_ratio):>9} {_fmt(f.get('ratio')):>9}"
            f"  {state}{trend}"
        )
    for (bench, name), o in before.items():
        lines.append(f"{(bench + ': ' + name)[:70]:70} {_fmt(o['value']):>9} {'(not run)':>9}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wanted", nargs="*", help="run only benchmarks whose name contains this")
    parser.add_argument("--json", metavar="FILE", help="write every figure to FILE")
    parser.add_argument("--compare", metavar="OLD.json", help="compare with an earlier --json")
    args = parser.parse_args(argv)
    old = None
    if args.compare:
        try:
            old = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            print(f"run.py: cannot read {args.compare}: {err}", file=sys.stderr)
            return 2
    codes, figures = run_scripts(args.wanted)
    doc = document(codes, figures)
    if args.json:
        Path(args.json).write_text(json.dumps(doc, indent=1), encoding="utf-8")
        print(f"\n{len(figures)} figures written to {args.json}")
    if old is not None:
        print()
        print("\n".join(compare(old, doc)))
    return 1 if any(codes.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
