"""``backup list``, ``backup now`` and ``backup restore NAME``."""
from __future__ import annotations

from .. import __version__
from ..core.i18n import tr
from ..core.store import backup


def register(commands) -> None:
    backup = commands.add_parser("backup", help="list, make and restore backups of the data")
    sub = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    sub.add_parser("list", help="list backups, newest first").set_defaults(handler=list_backups)
    sub.add_parser("now", help="make a backup now").set_defaults(handler=backup_now)
    restore = sub.add_parser("restore", help="restore a backup (the current data is saved aside first)")
    restore.add_argument("name", metavar="NAME")
    restore.set_defaults(handler=restore_backup)


def list_backups(args, ctx) -> int:
    # Without opening the store: a damaged database must not stand in the way of its backups.
    backups = backup.list_backups(ctx.data_dir)
    if not backups:
        print(tr("No backups yet."))
    for info in backups:
        print(f"{info.name}  {info.created.astimezone().strftime('%Y-%m-%d %H:%M')}  "
              f"{info.size / 1024:.0f} KB  {info.kind}")
    return 0


def backup_now(args, ctx) -> int:
    print(ctx.store.backup_now(kind="manual").name)
    return 0


def restore_backup(args, ctx) -> int:
    # Without opening the store, for the same reason: this is how a damaged, emptied or
    # displaced database is repaired.
    saved = backup.restore_backup(ctx.data_dir, args.name, app_version=__version__)
    if saved is None:  # the database was missing or empty: nothing to keep
        print(tr("Backup {name} restored.", name=args.name))
    elif saved.is_dir():
        print(tr("Backup {name} restored. The folder that stood in place of the database was "
                 "moved to {saved}.", name=args.name, saved=str(saved)))
    else:
        print(tr("Backup {name} restored. The data as it was is saved as {saved}.",
                 name=args.name, saved=saved.name))
    return 0
