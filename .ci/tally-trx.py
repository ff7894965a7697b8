#!/usr/bin/env python3
"""Prints `tests: N passed, N failed, N skipped` from the TRX files of a test run; exits 1 on any failure."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main(results_dir: str) -> int:
    files = sorted(Path(results_dir).rglob("*.trx"))
    passed = failed = skipped = 0
    for trx in files:
        for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", NS):
            outcome = result.get("outcome")
            if outcome == "Passed":
                passed += 1
            elif outcome == "NotExecuted":
                skipped += 1
            else:
                failed += 1
    if not files:
        print(f"no TRX files under {results_dir}: the tests did not run", file=sys.stderr)
        failed += 1
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
