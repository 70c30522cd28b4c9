"""Wheel and sdist build hook: the web bundle (esbuild) is built before the files are packed.

`python -m build` makes the sdist from the repository, then the wheel from the sdist. The
sdist carries the built bundle (`src/foghill/web/dist/`, an artifact though git ignores it),
so the wheel build finds it fresh and needs neither node nor npm; a build from the
repository itself runs `npm run build` (after `npm ci` when node_modules is missing).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

WEB = Path("src/foghill/web")
BUNDLE = WEB / "dist" / "foghill.js"
INPUTS = ("package.json", "package-lock.json", "scripts/build-web.mjs")


def _newest_source(root: Path) -> float:
    sources = [p for p in (root / WEB).rglob("*") if p.is_file() and "dist" not in p.parts]
    sources += [root / name for name in INPUTS if (root / name).exists()]
    return max(p.stat().st_mtime for p in sources)


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":  # a checkout: `make build` keeps the bundle fresh
            return
        root = Path(self.root)
        bundle = root / BUNDLE
        if bundle.exists() and bundle.stat().st_mtime >= _newest_source(root):
            return
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(f"{BUNDLE} is missing or stale and npm is not installed to build it")
        if not (root / "node_modules" / ".bin" / "esbuild").exists():
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=root, check=True)
        subprocess.run([npm, "run", "--silent", "build"], cwd=root, check=True)
