"""Mutation testing of the pure core: run mutmut, print the score per module, check the goal.

    python scripts/mutation.py           run mutmut (config: [tool.mutmut] in pyproject.toml)
    python scripts/mutation.py --report  only print the scores of the last run (mutants/)

The score of a module is killed (or timed out) mutants over all its mutants, in percent; a
mutant no selected test reaches counts as surviving. Exit status 1 when a module scores below
[tool.mutation_goal] percent.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILLED = {1, 3, 36, -24, 24, 152, 255}  # mutmut's exit codes for "killed" and "timeout"


def config() -> tuple[list[str], float]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    return list(data["mutmut"]["only_mutate"]), float(data["mutation_goal"]["percent"])


def scores(modules: list[str]) -> dict[str, tuple[int, int, list[str]]]:
    """module -> (killed, total, names of surviving mutants), read from mutants/*.meta."""
    result: dict[str, tuple[int, int, list[str]]] = {}
    for module in modules:
        meta = ROOT / "mutants" / f"{module}.meta"
        if not meta.is_file():
            raise SystemExit(f"mutation: no results for {module} (run without --report first)")
        codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))[
            "exit_code_by_key"
        ]
        survivors = sorted(name for name, code in codes.items() if code not in KILLED)
        result[module] = (len(codes) - len(survivors), len(codes), survivors)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="only print the last run's scores")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    args = parser.parse_args(argv)
    modules, goal = config()
    if not args.report:
        # mutmut only re-tests mutants whose source changed; start fresh so new tests count
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        mutmut = Path(sys.executable).with_name("mutmut")
        children = str(max(1, min(2, os.cpu_count() or 1)))
        run = subprocess.run(
            [str(mutmut), "run", "--max-children", children],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        if run.returncode not in (0, 1):
            print(f"mutation: mutmut stopped with exit status {run.returncode}", file=sys.stderr)
            return run.returncode
    below = []
    for module, (killed, total, survivors) in scores(modules).items():
        percent = 100.0 * killed / total if total else 100.0
        print(f"{module:40} {percent:5.1f}%  ({killed}/{total} mutants killed)")
        if args.survivors:
            for name in survivors:
                print(f"    survived: {name}")
        if percent < goal:
            below.append(module)
    if below:
        print(f"mutation: below the goal of {goal:g}%: {', '.join(below)}", file=sys.stderr)
        return 1
    print(f"mutation: every module at or above {goal:g}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
