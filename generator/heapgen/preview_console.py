"""`heapgen preview` on the console: a labeled event's counts, a bar chart per day (per week
past 31 days), its matched elements' most common values, its latest events and what a sync of
the definition would change in its table; a segment's members; a defined property's values.
The data comes from heapgen.preview (`--json` prints it as is)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from heapgen.preview import LabelPreview, Preview


def print_preview(result: Preview, console: Console) -> None:
    """The whole preview, labels first, on `console`."""
    for label in result.labels:
        print_label_preview(label, console)
    for segment in result.segments:
        share = f" ({segment.members / segment.users:.1%})" if segment.users else ""
        console.print(
            f"[bold]segment {escape(segment.name)}[/] (view {segment.view}): "
            f"{segment.members:,} of {segment.users:,} users{share}, as of {segment.as_of} UTC",
            highlight=False,
        )
    for prop in result.properties:
        console.print(
            f"[bold]defined property {escape(prop.name)}[/] (column {prop.column}, {prop.scope} "
            "scope): its values",
            highlight=False,
        )
        table = Table("value")
        for rows_of in prop.rows_of:
            table.add_column(rows_of, justify="right")
        values = list(dict.fromkeys(v for d in prop.rows_of.values() for v, _ in d.values))
        for value in values:
            cells = []
            for d in prop.rows_of.values():
                n = dict(d.values).get(value)
                cells.append("" if n is None else f"{n:,} ({n / d.rows:.1%})")
            table.add_row("(unset)" if value is None else value, *cells)
        table.add_row("[dim]all rows[/]", *(f"{d.rows:,}" for d in prop.rows_of.values()))
        console.print(table)


BLOCKS = " ▏▎▍▌▋▊▉█"


def _bar(value: int, most: int, width: int = 30) -> str:
    """A horizontal bar of `width` characters at most, in eighths of a character."""
    eighths = round(value / most * width * 8) if most else 0
    return "█" * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")


def _text(value: str | None) -> str:
    return "(unset)" if value is None else escape(value)


def print_label_preview(label: LabelPreview, console: Console) -> None:
    """One labeled event's preview (heapgen.preview.LabelPreview) on the console."""
    console.print(
        f"[bold]{escape(label.name)}[/] → table {label.table} ({escape(label.file)})"
        + ("" if label.sync else " — sync: false, no table is synced"),
        highlight=False,
    )
    first, last = (label.first_time or "")[:16], (label.last_time or "")[:16]
    span = f", {first} to {last}" if label.events else ""
    console.print(
        f"matches {label.events:,} events of {label.users:,} users over all history{span}",
        highlight=False,
    )
    if label.since:
        console.print(
            f"since {label.since}: {label.window_events:,} events of {label.window_users:,} users",
            highlight=False,
        )
    periods, grain = (label.days, "day") if len(label.days) <= 31 else (label.weeks, "week")
    if periods:
        most = max(p.events for p in periods)
        chart = Table(grain, box=None, title=f"per {grain}")
        chart.add_column("events", justify="right")
        chart.add_column("users", justify="right")
        chart.add_column("")
        for p in periods:
            chart.add_row(p.value, f"{p.events:,}", f"{p.users:,}", _bar(p.events, most))
        console.print(chart)
    tops = Table("field", title="matched elements")
    tops.add_column("most common values", overflow="fold")
    tops.add_column("events", justify="right")
    tops.add_column("users", justify="right")
    for field, counted in label.top.items():
        for i, c in enumerate(counted):
            tops.add_row(field if i == 0 else "", _text(c.value), f"{c.events:,}", f"{c.users:,}")
        if counted:
            tops.add_section()
    if label.window_events:
        console.print(tops)
    examples = Table(
        title=f"latest {len(label.examples)} events (all columns: --json)", box=box.SIMPLE_HEAD
    )
    wide = console.width >= 120  # else the ids and times leave no room for what was matched
    shown = [c for c in EXAMPLE_COLUMNS if c in label.columns and (wide or c in NARROW_COLUMNS)]
    for column in shown:
        examples.add_column(column, no_wrap=column in ("event_id", "user_id", "time"))
    examples.add_column("path, target_text", overflow="fold")
    for row in label.examples:
        values = dict(zip(label.columns, row, strict=True))
        values["time"] = (values["time"] or "")[:19]  # to the second
        matched = [values.get("path"), values.get("target_text")]
        what = "  ".join(escape(v) for v in matched if v is not None)
        examples.add_row(*(_text(values[c]) for c in shown), what)
    if label.examples:
        console.print(examples)
    change = label.change
    if change is None:
        if label.sync:
            console.print(
                f"no table {label.table} in the warehouse yet: the next sync creates it with "
                f"these {label.events:,} events",
                highlight=False,
            )
    else:
        console.print(
            f"table {change.table} holds {change.rows:,} rows ({change.users:,} users); with "
            f"this definition it would gain {change.added:,} rows ({change.added_users:,} "
            f"users) and lose {change.removed:,} ({change.removed_users:,} users)"
            + (f"; added e.g. event_id {_ids(change.added_ids)}" if change.added_ids else "")
            + (f"; removed e.g. {_ids(change.removed_ids)}" if change.removed_ids else ""),
            highlight=False,
        )
    console.print()


# the example rows' columns the console shows (then their path and target_text), and those it
# shows when it is narrower than 120 characters
EXAMPLE_COLUMNS = ("time", "event_id", "user_id", "library", "type")
NARROW_COLUMNS = ("time", "event_id", "type")


def _ids(ids: list[int]) -> str:
    return ", ".join(str(i) for i in ids)
