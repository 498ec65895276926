"""``settings list``, ``settings get KEY``, ``settings set KEY VALUE`` and ``settings unset KEY``.

The same settings as the window's Settings dialog (see :mod:`cami_desktop.core.settings`): the
Secretariat's address, the language, and the profile that pre-fills reports and the declaration.
"""
from __future__ import annotations

from ..core import settings
from ..core.i18n import tr


def register(commands) -> None:
    names = ", ".join(settings.SETTINGS)
    parser = commands.add_parser("settings", help="show or change the settings (profile, Secretariat's address, language)")
    sub = parser.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    sub.add_parser("list", help="every setting with its value").set_defaults(handler=list_settings)
    get = sub.add_parser("get", help="print one setting's value; exit 1 when it is not set")
    get.add_argument("key", metavar="KEY", help=names)
    get.set_defaults(handler=get_setting)
    put = sub.add_parser("set", help="check and store a setting")
    put.add_argument("key", metavar="KEY", help=names)
    put.add_argument("value", metavar="VALUE")
    put.set_defaults(handler=set_setting)
    unset = sub.add_parser("unset", help="clear a setting")
    unset.add_argument("key", metavar="KEY", help=names)
    unset.set_defaults(handler=unset_setting)


def list_settings(args, ctx) -> int:
    width = max(map(len, settings.SETTINGS))
    for name, item in settings.SETTINGS.items():
        value = settings.get(ctx.store, name)
        shown = value if value is not None else tr("(not set)")
        print(f"{name:<{width}}  {shown}")
        print(f"{'':<{width}}  {tr(item.description)}")
    return 0


def get_setting(args, ctx) -> int:
    settings.setting(args.key)  # an unknown name is an error (2), not merely "not set" (1)
    value = settings.get(ctx.store, args.key)
    if value is None:
        return 1
    print(value)
    return 0


def set_setting(args, ctx) -> int:
    # Only a country needs the forms' reference data; loading it for every key would be slow.
    reference = ctx.library.reference if args.key == "profile.country" else None
    value = settings.put(ctx.store, args.key, args.value, reference)
    print(f"{args.key} = {value}")
    return 0


def unset_setting(args, ctx) -> int:
    settings.setting(args.key)
    settings.unset(ctx.store, args.key)
    print(tr("{key} is no longer set.", key=args.key))
    return 0
