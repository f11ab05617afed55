"""``python -m cli.backup create | list | restore FILE``: SQLite backups from a script."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data_access.accounts import SYSTEM
from data_access.backup import BackupError, create_backup, list_backups, restore_backup
from data_access.config import load_settings
from data_access.db import create_db_engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cli.backup")
    parser.add_argument("action", choices=["create", "list", "restore"])
    parser.add_argument("file", nargs="?")
    args = parser.parse_args(argv)
    engine = create_db_engine(load_settings().database_url)
    try:
        if args.action == "create":
            made = create_backup(engine, SYSTEM)
            size = f"{made.size_bytes:,}".replace(",", ".")
            print(f"Đã sao lưu: {made.path} ({size} byte), kiểm tra toàn vẹn: ok")
        elif args.action == "list":
            for item in list_backups(engine):
                print(f"{item.created:%d/%m/%Y %H:%M:%S}  {item.path}")
        elif not args.file:
            print("Cần tên tệp sao lưu.")
            return 1
        else:
            restore_backup(engine, SYSTEM, Path(args.file))
            print(f"Đã khôi phục từ {args.file}.")
    except BackupError as error:
        print(f"Không thực hiện được ({error.reason}). Với PostgreSQL, dùng pg_dump/pg_restore.")
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
