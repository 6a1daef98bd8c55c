"""`heapgen delete-users`: the users to delete (GDPR erasure), recorded in the warehouse.

The requests go to `<output>_internal._heap_deletion_requests` through dbt (macro
record_deletion_requests), so the command works on every warehouse; the next sync applies
them (macros/deletion/apply_user_deletions.sql, docs/decisions/0019-user-deletion.md).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from heapgen.contract import marked
from heapgen.dbt_runner import DbtError, invoke

FILE_COLUMNS = ("user_id", "identity")


class DeletionError(ValueError):
    """Bad input to `heapgen delete-users`: one line saying what is wrong."""


@dataclass
class DeletionRequests:
    user_ids: list[int] = field(default_factory=list)
    identities: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.user_ids) + len(self.identities)


def parse_user_id(text: str, where: str) -> int:
    """A user id: a whole number that fits a bigint."""
    try:
        value = int(text.strip())
    except ValueError:
        raise DeletionError(f"{where}: user id {text!r} is not a whole number") from None
    if not -(2**63) <= value < 2**63:
        raise DeletionError(f"{where}: user id {text!r} does not fit a bigint")
    return value


def read_requests_file(path: Path) -> DeletionRequests:
    """A CSV file with a header naming a `user_id` column, an `identity` column or both;
    each row asks for the user id and / or the identity it holds (empty cells are skipped)."""
    requests = DeletionRequests()
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            columns = [c for c in (reader.fieldnames or []) if c in FILE_COLUMNS]
            if not columns:
                raise DeletionError(
                    f"{path}: line 1 must be a header naming a user_id or an identity column "
                    f"(found {', '.join(reader.fieldnames or []) or 'nothing'})"
                )
            for row in reader:
                where = f"{path}:{reader.line_num}"
                user_id = (row.get("user_id") or "").strip()
                identity = (row.get("identity") or "").strip()
                if user_id:
                    requests.user_ids.append(parse_user_id(user_id, where))
                if identity:
                    requests.identities.append(identity)
    except OSError as exc:
        raise DeletionError(f"{path}: cannot be read ({exc.strerror})") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DeletionError(f"{path}: not a UTF-8 CSV file ({exc})") from None
    return requests


def collect_requests(
    user_ids: list[str], identities: list[str], files: list[Path]
) -> DeletionRequests:
    """Every request of the command line, checked before anything is written."""
    requests = DeletionRequests(
        [parse_user_id(text, "--user-id") for text in user_ids],
        [identity for identity in identities if identity.strip()],
    )
    if len(requests) < len(user_ids) + len(identities):
        raise DeletionError("--identity: an identity cannot be empty")
    for path in files:
        found = read_requests_file(path)
        requests.user_ids += found.user_ids
        requests.identities += found.identities
    if not requests:
        raise DeletionError("no user to delete: give --user-id, --identity or --file")
    return requests


def record_requests(project_dir: Path, target: str | None, requests: DeletionRequests) -> int:
    """Write the requests to the warehouse (one dbt run-operation, one statement); returns
    how many it recorded."""
    args = json.dumps({"user_ids": requests.user_ids, "identities": requests.identities})
    run = invoke(["run-operation", "record_deletion_requests", "--args", args], project_dir, target)
    if not run.success:
        raise DbtError("dbt run-operation record_deletion_requests failed: see logs/dbt.log")
    found = marked(run.messages, "deletion_requests")
    if found is not None:
        return int(found)
    raise DbtError("dbt run-operation record_deletion_requests logged no count")
