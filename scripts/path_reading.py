"""Print the words and minutes of reading of each step of the path, from a built site.

.venv/bin/python scripts/path_reading.py [SITE]    (default: site/, built by scripts/build.sh)
"""

from __future__ import annotations

import sys
from pathlib import Path

from guide.content import load_content
from guide.reading import ESSENTIAL_CAP, path_reading, report

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    readings = path_reading(site, load_content(ROOT / "content").path)
    print(report(readings))
    return 0 if sum(r.words for r in readings) <= ESSENTIAL_CAP else 1


if __name__ == "__main__":
    raise SystemExit(main())
