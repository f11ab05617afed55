"""The command-line entry points, as an operator runs them on a laptop's SQLite file."""

from __future__ import annotations

import pytest

from cli import accounts as accounts_command
from cli import backup as backup_command
from data_access import accounts
from data_access.db import create_db_engine


@pytest.fixture
def laptop(tmp_path, monkeypatch):
    monkeypatch.setenv("GIAMSAT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("MK", "Mat-khau-manh-2026")
    monkeypatch.setattr(accounts, "FAILURE_DELAY_SECONDS", 0)
    return tmp_path


def _engine(folder):
    return create_db_engine(f"sqlite:///{folder / 'giamsat.sqlite3'}")


def test_create_then_reset_a_user_from_the_command_line(laptop, capsys, monkeypatch):
    created = accounts_command.main(
        [
            "create",
            "--username",
            "ThuKy",
            "--full-name",
            "Nguyễn Thư Ký",
            "--role",
            "inspector",
            "--password-env",
            "MK",
        ]
    )
    assert created == 0
    assert capsys.readouterr().out.strip() == "Đã tạo ThuKy."
    engine = _engine(laptop)
    actor, _, must_change = accounts.login(engine, "thuky", "Mat-khau-manh-2026")
    assert (actor.full_name, actor.role, must_change) == ("Nguyễn Thư Ký", "inspector", True)
    monkeypatch.setenv("MK", "Mat-khau-moi-2026")
    assert accounts_command.main(["reset", "--username", "thuky", "--password-env", "MK"]) == 0
    assert accounts.login(engine, "thuky", "Mat-khau-moi-2026")[0] is not None
    engine.dispose()


def test_a_weak_password_or_an_unknown_user_is_refused_with_a_reason(laptop, capsys, monkeypatch):
    assert accounts_command.main(["reset", "--username", "ai-do", "--password-env", "MK"]) == 1
    assert "Không có người dùng “ai-do”." in capsys.readouterr().out
    monkeypatch.setenv("MK", "123")
    assert accounts_command.main(["create", "--username", "a", "--password-env", "MK"]) == 1
    said = capsys.readouterr().out
    assert said.startswith("Không thực hiện được: Mật khẩu") and "password_short" not in said


def test_backup_create_and_list(laptop, capsys):
    accounts_command.main(["create", "--username", "quantri", "--password-env", "MK"])
    capsys.readouterr()
    assert backup_command.main(["create"]) == 0
    assert "kiểm tra toàn vẹn: ok" in capsys.readouterr().out
    assert backup_command.main(["list"]) == 0
    listed = capsys.readouterr().out.strip().splitlines()
    assert len(listed) == 1 and listed[0].endswith(".sqlite3")
    assert backup_command.main(["restore"]) == 1
    assert capsys.readouterr().out.strip() == "Cần tên tệp sao lưu."
