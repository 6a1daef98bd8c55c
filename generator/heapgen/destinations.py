"""Where `heapgen export` writes a dump: a local folder, or an S3 bucket and prefix.

Both lay out keys the same way under their root (`sync_<dump_id>/<table>/part-*.avro`,
`manifests/sync_<dump_id>.json`). A data file becomes visible under its final key only once
it is complete (local: written beside it and renamed; S3: one upload), and the manifest is
written whole in one step, so a reader that trusts manifests never sees a partial dump.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol

DUMP_DIR = re.compile(r"^sync_(\d+)$")
MANIFEST = re.compile(r"^sync_(\d+)\.json$")
MANIFESTS_DIR = "manifests"


class ExportError(RuntimeError):
    """`heapgen export` cannot go on; the message says why and what to do."""


class Destination(Protocol):
    """A place keys are written to; `uri` names it (it also keys the export state)."""

    uri: str

    def uri_of(self, key: str) -> str:
        """The full address of `key`, as manifests list it."""
        ...

    def open_part(self, key: str) -> AbstractContextManager[BinaryIO]:
        """A binary file to write `key` into; it appears under `key` only when the `with`
        block ends without an error."""
        ...

    def put_bytes(self, key: str, data: bytes) -> str:
        """Write `data` under `key` in one step; returns the key's address."""
        ...

    def dump_ids(self) -> set[int]:
        """The dump ids the destination already holds: a manifest or any file of a dump."""
        ...

    def manifest_ids(self) -> set[int]:
        """The dump ids that have a manifest (complete dumps)."""
        ...


class LocalFolder:
    """A folder on this machine; manifests list absolute paths."""

    def __init__(self, root: Path) -> None:
        self.root = root.expanduser().resolve()
        self.uri = self.root.as_uri()

    def uri_of(self, key: str) -> str:
        return str(self.root / key)

    @contextmanager
    def open_part(self, key: str) -> Iterator[BinaryIO]:
        final = self.root / key
        final.parent.mkdir(parents=True, exist_ok=True)
        partial = final.with_name(final.name + ".partial")
        try:
            with partial.open("wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            partial.replace(final)
        finally:
            partial.unlink(missing_ok=True)

    def put_bytes(self, key: str, data: bytes) -> str:
        with self.open_part(key) as handle:
            handle.write(data)
        return self.uri_of(key)

    def dump_ids(self) -> set[int]:
        ids = self.manifest_ids()
        if self.root.is_dir():
            ids |= {int(m[1]) for p in self.root.iterdir() if (m := DUMP_DIR.match(p.name))}
        return ids

    def manifest_ids(self) -> set[int]:
        folder = self.root / MANIFESTS_DIR
        if not folder.is_dir():
            return set()
        return {int(m[1]) for p in folder.iterdir() if (m := MANIFEST.match(p.name))}


class S3Prefix:
    """A bucket and key prefix reached with boto3 (credentials, region and endpoint the
    usual AWS way: environment, ~/.aws, or `endpoint_url` for an S3-compatible server)."""

    def __init__(self, bucket: str, prefix: str, client: object) -> None:
        self.bucket = bucket
        self.prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
        self.client = client
        self.uri = f"s3://{bucket}/{self.prefix}".rstrip("/")

    def uri_of(self, key: str) -> str:
        return f"s3://{self.bucket}/{self.prefix}{key}"

    @contextmanager
    def open_part(self, key: str) -> Iterator[BinaryIO]:
        with tempfile.TemporaryDirectory(prefix="heapgen-export-") as folder:
            local = Path(folder) / "part"
            with local.open("wb") as handle:
                yield handle
            self._call("upload_file", str(local), self.bucket, self.prefix + key)

    def put_bytes(self, key: str, data: bytes) -> str:
        self._call("put_object", Bucket=self.bucket, Key=self.prefix + key, Body=data)
        return self.uri_of(key)

    def dump_ids(self) -> set[int]:
        ids = self.manifest_ids()
        for prefix in self._common_prefixes(self.prefix):
            match = DUMP_DIR.match(prefix[len(self.prefix) :].rstrip("/"))
            if match:
                ids.add(int(match[1]))
        return ids

    def manifest_ids(self) -> set[int]:
        folder = f"{self.prefix}{MANIFESTS_DIR}/"
        ids = set()
        for key in self._keys(folder):
            match = MANIFEST.match(key[len(folder) :])
            if match:
                ids.add(int(match[1]))
        return ids

    def _pages(self, **kwargs: object) -> Iterator[dict]:
        paginator = self._call("get_paginator", "list_objects_v2")
        try:
            yield from paginator.paginate(Bucket=self.bucket, **kwargs)
        except Exception as exc:  # botocore raises many kinds; all end the export
            raise ExportError(f"cannot list {self.uri}: {exc}") from exc

    def _keys(self, prefix: str) -> Iterator[str]:
        for page in self._pages(Prefix=prefix):
            for item in page.get("Contents", []):
                yield item["Key"]

    def _common_prefixes(self, prefix: str) -> Iterator[str]:
        for page in self._pages(Prefix=prefix, Delimiter="/"):
            for item in page.get("CommonPrefixes", []):
                yield item["Prefix"]

    def _call(self, method: str, *args: object, **kwargs: object):
        try:
            return getattr(self.client, method)(*args, **kwargs)
        except Exception as exc:
            raise ExportError(f"S3 {method} on {self.uri} failed: {exc}") from exc


def open_destination(to: str, endpoint_url: str | None = None) -> LocalFolder | S3Prefix:
    """`s3://bucket/prefix` or a folder path (created when missing)."""
    if to.startswith("s3://"):
        bucket, _, prefix = to[len("s3://") :].partition("/")
        if not bucket:
            raise ExportError(f"--to {to}: an S3 address is s3://BUCKET/PREFIX")
        import boto3

        client = boto3.client("s3", endpoint_url=endpoint_url)
        destination = S3Prefix(bucket, prefix, client)
        destination._call("head_bucket", Bucket=bucket)  # fail early: no bucket, no access
        return destination
    if "://" in to:
        raise ExportError(f"--to {to}: give a folder or an s3://BUCKET/PREFIX address")
    root = Path(to)
    if root.exists() and not root.is_dir():
        raise ExportError(f"--to {to} is a file, not a folder")
    root.mkdir(parents=True, exist_ok=True)
    return LocalFolder(root)
