"""The manifest of an advisor pack: what it holds, each file's size and SHA-256, so that the
advisor (and :func:`helpers.pack.unpack`) can tell a complete, untouched pack from one that is
not.

>>> manifest = build_manifest({"case.yaml": b"as_of: 2025-04-01\\n"}, case="mine", redacted=True)
>>> manifest["files"]["case.yaml"]["bytes"], manifest["files"]["case.yaml"]["sha256"][:12]
(18, 'ab26e27ad842')
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

__all__ = ["MANIFEST", "PACK_FORMAT", "PACK_VERSION", "build_manifest", "manifest_bytes", "sha256"]

MANIFEST = "manifest.json"
PACK_FORMAT = "repayment-workbench-pack"
PACK_VERSION = 1


def sha256(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex.

    >>> sha256(b"")[:16]
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(data).hexdigest()


def build_manifest(
    files: dict[str, bytes], *, case: str, redacted: bool, created: datetime | None = None
) -> dict[str, Any]:
    """The manifest of a pack holding ``files`` (name → bytes), for the case called ``case``.

    >>> build_manifest({}, case="x", redacted=False)["format"]
    'repayment-workbench-pack'
    """
    moment = (created or datetime.now(UTC)).replace(microsecond=0)
    return {
        "format": PACK_FORMAT,
        "version": PACK_VERSION,
        "case": case,
        "created": moment.isoformat(),
        "redacted": redacted,
        "files": {
            name: {"bytes": len(files[name]), "sha256": sha256(files[name])}
            for name in sorted(files)
        },
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The manifest as the pack stores it: UTF-8 JSON, indented, Chinese as written.

    >>> manifest_bytes({"case": "张伟"})
    b'{\\n  "case": "\\xe5\\xbc\\xa0\\xe4\\xbc\\x9f"\\n}\\n'
    """
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
