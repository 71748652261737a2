"""Read a file in a child process under RLIMIT_AS and RLIMIT_CPU, as a guard for hostile files.

If the reader regressed (allocating for a sheet's claimed area, backtracking for
hours), the kernel stops the child: the test fails, pytest lives on. The limits are
set after the imports, on top of the child's own address space at that moment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = r"""
import io, json, resource, sys
from pathlib import Path
from python_calamine import CalamineWorkbook
from capaciteit.uploads.reader import UploadError, read_upload

def address_space():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024

path, name, headroom_mb, cpu_seconds, mode = sys.argv[1:6]
content = Path(path).read_bytes()
limit = address_space() + int(headroom_mb) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_seconds), int(cpu_seconds) + 5))
try:
    if mode == "bare-calamine":  # what the old reader handed the file to
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    else:
        read_upload(content, name)
    print(json.dumps({"read": True}))
except UploadError as error:
    print(json.dumps({"refused": str(error)}))
"""


@dataclass(frozen=True)
class Outcome:
    """How the child ended: its return code (negative: killed by that signal) and answer."""

    returncode: int
    refused: str | None
    read: bool
    stderr: str


def run_guarded(content: bytes, name: str, directory: Path, *, headroom_mb: int = 768,
                cpu_seconds: int = 60, mode: str = "reader") -> Outcome:
    """Read ``content`` as ``name`` in a fresh Python under the limits."""
    path = directory / "upload.bin"
    path.write_bytes(content)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT),
                                         env.get("PYTHONPATH", "")])
    env["OPENBLAS_NUM_THREADS"] = "1"  # fewer thread stacks in the child's address space
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), name, str(headroom_mb), str(cpu_seconds), mode],
        capture_output=True, text=True, env=env, check=False, timeout=cpu_seconds * 10)
    answer = json.loads(completed.stdout.splitlines()[-1]) if completed.stdout.strip() else {}
    return Outcome(completed.returncode, answer.get("refused"), bool(answer.get("read")),
                   completed.stderr[-2000:])
