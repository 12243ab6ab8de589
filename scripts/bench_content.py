"""Make a content folder of COUNT valid files for the benchmark of `guide validate`.

    python scripts/bench_content.py TARGET [COUNT]     # COUNT defaults to 1000

TARGET/content gets a copy of the real content/, then copies of the real scenarios,
principles, contrasts and worksheets, in turn, under new ids (`<id>-copy-<n>`) until the
folder holds COUNT files. These collections are the ones that may grow freely: a copy of a
role or a plane would leave the matrix incomplete. Every copy is a real file that the full
validation reads, checks and cross-checks; the folder validates without error.
"""

from __future__ import annotations

import itertools
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GROWING = ("scenarios", "principles", "contrasts", "worksheets")
_ID_LINE = re.compile(r"^id: .*$", re.M)


def make(target: Path, count: int) -> int:
    content = target / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("*.md"))
    files = sum(1 for _ in content.rglob("*.yml"))
    originals = [path for key in GROWING for path in sorted((ROOT / "content" / key).glob("*.yml"))]
    for n, source in zip(itertools.count(1), itertools.cycle(originals)):
        if files >= count:
            break
        new_id = f"{source.stem}-copy-{n}"
        text = _ID_LINE.sub(f"id: {new_id}", source.read_text(encoding="utf-8"), count=1)
        (content / source.parent.name / f"{new_id}.yml").write_text(text, encoding="utf-8")
        files += 1
    return files


if __name__ == "__main__":
    made = make(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    print(made)
