"""The cache's storage: where cache files live, whether caching is on, and one atomic writer.

A leaf: imports nothing of the guide, so that every module that keeps a cache file (the core's
build, the parsed YAML, the PDFs' plans) can use it without importing the build.
"""

from __future__ import annotations

import os
from pathlib import Path

_KEPT = 8  # cache files kept per pattern: the newest ones (a build with other content keeps its own)
_OFF = {"0", "false", "no", "off"}


def env_flag(variable: str, default: bool = True) -> bool:
    """An on/off switch read from the environment: 0, false, no or off turn it off."""
    value = os.environ.get(variable)
    if value is None or not value.strip():
        return default
    return value.strip().lower() not in _OFF


def cache_dir(root: Path) -> Path:
    """The folder of the core's cache, of the parsed YAML files (guide.yamlfile.ParseCache)
    and of the PDFs' plans (guide.pdfplan)."""
    return root / ".cache" / "guide"


def cache_enabled() -> bool:
    """GUIDE_CORE_CACHE=0 turns the core's caches off."""
    return env_flag("GUIDE_CORE_CACHE")


def store(file: Path, data: str | bytes, pattern: str = "core-*.json") -> None:
    """Write a cache file atomically (parallel builds may share the folder) and keep only the
    newest files of its `pattern` there. Never fails a build: without a cache it goes on."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        partial = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        partial.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(partial, file)
        older = sorted(file.parent.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[_KEPT:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk: the build goes on without a cache
