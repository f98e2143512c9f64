"""Adds up every JUnit XML report of the run (Surefire, the bnd tester, pytest) into one closing line."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1]
patterns = ["*/target/surefire-reports/TEST-*.xml", "cnf/target/test-reports/**/*.xml", "target/test-reports/*.xml"]
passed = failed = skipped = 0
failures = []
for pattern in patterns:
    for path in sorted(glob.glob(os.path.join(root, pattern), recursive=True)):
        try:
            tree = ET.parse(path)
        except ET.ParseError as e:
            failures.append(f"{path}: unreadable report ({e})")
            failed += 1
            continue
        for case in tree.iter("testcase"):
            name = f"{case.get('classname')}.{case.get('name')}"
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
                failures.append(name)
            elif case.find("skipped") is not None:
                skipped += 1
            else:
                passed += 1
for f in failures:
    print("FAILED", f)
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
