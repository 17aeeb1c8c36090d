#!/usr/bin/env python3
"""Agreement on two fixed halves of MeQSum, from a `bench_qa --dump FILE` run.

The dump has one line per message in the order of questions.jsonl; the odd
half is lines 1, 3, 5, ... and the even half lines 2, 4, 6, ...  A change
developed while reading one half is checked on the other.

usage: bench/qa/meqsum_halves.py DUMP
"""
import json
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    halves = {"odd": rows[0::2], "even": rows[1::2], "all": rows}
    print(f"{'MeQSum half':<12} {'messages':>8} {'top focus':>10} {'first answer':>13}")
    for name, part in halves.items():
        n = len(part)
        focus = sum(r["focus_agree"] for r in part) / n
        first = sum(r["first_agree"] for r in part) / n
        print(f"{name:<12} {n:>8} {focus:>10.3f} {first:>13.3f}")


if __name__ == "__main__":
    main()
