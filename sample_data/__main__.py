"""Command line: ``python -m sample_data load`` or ``python -m sample_data reset``."""

from __future__ import annotations

import argparse
import sys

from data_access.config import load_settings
from data_access.db import create_db_engine
from data_access.migrate import upgrade_to_head
from sample_data.load import load_sample, reset_to_sample


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sample_data",
        description="Nạp dữ liệu mẫu / Load the sample data (DATABASE_URL or the local file).",
    )
    parser.add_argument(
        "action",
        choices=["load", "reset"],
        help="load: thêm phần còn thiếu; reset: xóa toàn bộ dữ liệu rồi nạp lại",
    )
    parser.add_argument("--yes", action="store_true", help="không hỏi lại khi reset")
    args = parser.parse_args(argv)
    settings = load_settings()
    engine = create_db_engine(settings.database_url)
    if args.action == "reset":
        if not args.yes:
            answer = input(f"Xóa toàn bộ dữ liệu trong {engine.url!r} và nạp lại mẫu? [y/N] ")
            if answer.strip().lower() not in ("y", "yes", "c", "có"):
                print("Đã hủy.")
                return 1
        added = reset_to_sample(engine)
    else:
        upgrade_to_head(engine)
        added = load_sample(engine)
    print(f"Đã nạp {added} bản ghi mẫu vào {engine.url!r}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
