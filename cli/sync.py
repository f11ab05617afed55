"""``python -m cli.sync``: field sync from a script (the screen "Đồng bộ" does the same).

On the shared server (DATABASE_URL is its PostgreSQL)::

    python -m cli.sync register "Máy 1" --locality 502 --delegation <id> --out may1.json
    python -m cli.sync checkout <laptop id> --out may1-lay-ve.zip
    python -m cli.sync receive goi-tu-may1.zip --out tra-loi.zip
    python -m cli.sync log

On a laptop (its own SQLite file)::

    python -m cli.sync join may1.json
    python -m cli.sync now --server postgresql://…      (directly, over the network)
    python -m cli.sync export goi-tu-may1.zip           (by file, without a network)
    python -m cli.sync receive tra-loi.zip
"""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path

from data_access.accounts import SYSTEM
from data_access.catalogue import list_localities, locality_tree
from data_access.config import load_settings
from data_access.db import create_db_engine
from data_access.errors import WriteRefused
from data_access.sync.exchange import (
    SyncSummary,
    checkout_package,
    export_push,
    receive_push,
    receive_reply,
    sync_direct,
)
from data_access.sync.laptops import (
    Registration,
    join_server,
    laptop_state,
    register_laptop,
    sync_log,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cli.sync")
    commands = parser.add_subparsers(dest="command", required=True)
    register = commands.add_parser("register", help="server: register a laptop")
    register.add_argument("name")
    register.add_argument("--locality", action="append", required=True, help="a unit's code")
    register.add_argument("--delegation", action="append", default=[], help="a delegation id")
    register.add_argument("--server-name", default="Máy chủ")
    register.add_argument("--out", required=True)
    checkout = commands.add_parser("checkout", help="server: everything a laptop takes out")
    checkout.add_argument("laptop_id")
    checkout.add_argument("--out", required=True)
    receive = commands.add_parser("receive", help="merge a package (server: writes the reply)")
    receive.add_argument("file")
    receive.add_argument("--out")
    commands.add_parser("log", help="the sync log")
    join = commands.add_parser("join", help="laptop: become the laptop a registration names")
    join.add_argument("file")
    now = commands.add_parser("now", help="laptop: sync directly with the server")
    now.add_argument("--server", required=True, help="the server's database URL")
    export = commands.add_parser("export", help="laptop: write the package of its changes")
    export.add_argument("file")
    args = parser.parse_args(argv)
    settings = load_settings()
    engine = create_db_engine(settings.database_url)
    legacy = settings.data_dir / "attachments"
    try:
        if args.command == "register":
            tree = locality_tree(list_localities(engine))
            localities = [tree.find_code(code) for code in args.locality]
            if None in localities:
                print("Không tìm thấy đơn vị có mã đã cho.")
                return 1
            made = register_laptop(
                engine,
                SYSTEM,
                args.name,
                [uuid.UUID(d) for d in args.delegation],
                localities,
                args.server_name,
            )
            Path(args.out).write_bytes(made.to_bytes())
            print(f"Đã đăng ký máy {made.name} ({made.laptop_id}); tệp đăng ký: {args.out}")
        elif args.command == "checkout":
            Path(args.out).write_bytes(checkout_package(engine, SYSTEM, uuid.UUID(args.laptop_id)))
            print(f"Gói lấy dữ liệu: {args.out}")
        elif args.command == "receive":
            content = Path(args.file).read_bytes()
            if laptop_state(engine) is None:
                if not args.out:
                    print("Cần --out: tệp trả lời cho máy trạm.")
                    return 1
                Path(args.out).write_bytes(receive_push(engine, SYSTEM, content))
                print(f"Đã nhận gói; tệp trả lời: {args.out}")
            else:
                _report(receive_reply(engine, SYSTEM, content))
        elif args.command == "log":
            for entry in sync_log(engine):
                print(
                    f"{entry.at:%d/%m/%Y %H:%M}  {entry.laptop_name}  {entry.mode}  "
                    f"gửi {sum(entry.sent.values())}  nhận {sum(entry.received.values())}  "
                    f"xung đột {entry.conflicts}  từ chối {len(entry.refused)}"
                )
        elif args.command == "join":
            registration = Registration.from_bytes(Path(args.file).read_bytes())
            join_server(engine, SYSTEM, registration)
            print(f"Máy này là {registration.name}; đồng bộ lần đầu để lấy dữ liệu.")
        elif args.command == "now":
            _report(sync_direct(engine, SYSTEM, args.server, legacy_folder=legacy))
        elif args.command == "export":
            Path(args.file).write_bytes(export_push(engine, SYSTEM, legacy))
            print(f"Gói thay đổi: {args.file}")
    except WriteRefused as refused:
        print(f"Không thực hiện được: {refused}")
        return 1
    finally:
        engine.dispose()
    return 0


def _report(summary: SyncSummary) -> None:
    print(
        f"Đã đồng bộ: gửi {summary.sent_total}, nhận {summary.received_total}, "
        f"xung đột {summary.conflicts}, bị từ chối {len(summary.refused)}."
    )


if __name__ == "__main__":
    sys.exit(main())
