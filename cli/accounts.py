"""``python -m cli.accounts create|reset …``: create a user or reset a password from a script.

The password comes from an environment variable (``--password-env``), so it is never on the
command line or in the shell history.
"""

from __future__ import annotations

import argparse
import os
import sys

from data_access.accounts import (
    SYSTEM,
    UserInput,
    create_user,
    find_user_id,
    reset_password,
)
from data_access.config import load_settings
from data_access.db import create_db_engine
from data_access.errors import InvalidInput
from data_access.migrate import upgrade_to_head
from domain.vocabulary import USER_ROLES
from texts.messages import translate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cli.accounts")
    parser.add_argument("action", choices=["create", "reset"])
    parser.add_argument("--username", required=True)
    parser.add_argument("--full-name", default="")
    parser.add_argument("--role", choices=USER_ROLES, default="viewer")
    parser.add_argument("--password-env", required=True, help="tên biến môi trường chứa mật khẩu")
    parser.add_argument(
        "--no-change-required",
        action="store_true",
        help="không bắt đổi mật khẩu ở lần đăng nhập đầu",
    )
    args = parser.parse_args(argv)
    password = os.environ.get(args.password_env, "")
    engine = create_db_engine(load_settings().database_url)
    upgrade_to_head(engine)
    try:
        if args.action == "create":
            data = UserInput(
                args.username,
                args.full_name or args.username,
                args.role,
                password,
                must_change_password=not args.no_change_required,
            )
            create_user(engine, SYSTEM, data)
        else:
            user_id = find_user_id(engine, args.username)
            if user_id is None:
                print(f"Không có người dùng “{args.username}”.")
                return 1
            reset_password(engine, SYSTEM, user_id, password)
    except InvalidInput as invalid:
        reasons = (translate(f"problem.{problem}", "vi") for problem in invalid.problems)
        print("Không thực hiện được: " + " ".join(reasons))
        return 1
    finally:
        engine.dispose()
    print(f"Đã {'tạo' if args.action == 'create' else 'đặt lại mật khẩu cho'} {args.username}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
