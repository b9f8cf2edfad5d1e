#!/usr/bin/env python3
"""Reads seg's committed JUnit reports with junitparser, the parser that GitHub's
publish-unit-test-result action and many CI tools use, and stores what it sees as a fixture.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install junitparser
    /tmp/venv/bin/python scripts/oracle_junit.py

Input: Tests/SegEndToEndTests/Scripts/junit/*.xml (written by `seg run --junit`, times set to
0.000 by the test). Output: Tests/SegEndToEndTests/Scripts/junit/oracle.json. JUnitReportTests
checks that seg's reports still match the XML files, and that its own reading of them (Foundation's
XML parser) agrees with junitparser's.
"""
import json
import pathlib

from junitparser import Error, Failure, JUnitXml, Skipped

folder = pathlib.Path(__file__).resolve().parent.parent / "Tests/SegEndToEndTests/Scripts/junit"
out = {}
for path in sorted(folder.glob("*.xml")):
    xml = JUnitXml.fromfile(str(path))
    suites = []
    for suite in xml:
        cases = []
        for case in suite:
            results = case.result
            kind, message, type_ = "passed", None, None
            for r in results:
                if isinstance(r, Failure):
                    kind = "failure"
                elif isinstance(r, Error):
                    kind = "error"
                elif isinstance(r, Skipped):
                    kind = "skipped"
                else:
                    raise SystemExit(f"{path.name}: unexpected result {r!r}")
                message, type_ = r.message, r.type
            if len(results) > 1:
                raise SystemExit(f"{path.name}: {case.name} has {len(results)} results")
            cases.append({
                "name": case.name,
                "classname": case.classname,
                "result": kind,
                "message": message,
                "type": type_,
                "system_out": case.system_out,
            })
        suites.append({
            "name": suite.name,
            "tests": suite.tests,
            "failures": suite.failures,
            "errors": suite.errors,
            "skipped": suite.skipped,
            "cases": cases,
        })
    out[path.stem] = suites
(folder / "oracle.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
print(f"wrote {folder / 'oracle.json'} ({len(out)} reports)")
