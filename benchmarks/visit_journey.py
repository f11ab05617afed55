"""One whole visit recorded in a real browser, as a secretary does it during a meeting:
6 attendees, every criterion of the checklist rated, the figures, 6 findings,
5 recommendations, a photo, the sign-off. Counts the clicks, the reruns of the whole visit
page and of one tab alone (read from the browser's own messages to the server), and the
time; writes its section of docs/PERFORMANCE.md.

    python -m benchmarks.visit_journey
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import write_section
from tests.helpers.browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_FLAGS,
    CONNECTED,
    FINDING_BOXES,
    IDLE,
    free_port,
    new_visit,
    recommendation_box,
    sign_in_at,
    start_app,
    wait_until_up,
)
from tests.helpers.data import TEST_PASSWORD, TODAY, prepare_app_database

ATTENDEES = [
    ("delegation", "Trần Văn Trưởng", "Trưởng đoàn"),
    ("delegation", "Nguyễn Thị Lan", "Thành viên"),
    ("delegation", "Phạm Minh Đức", "Thành viên"),
    ("locality", "Lê Văn Hải", "Chủ tịch UBND phường"),
    ("locality", "Võ Thị Mai", "Phó Chủ tịch UBND phường"),
    ("locality", "Đặng Quốc Bảo", "Công chức Văn phòng - Thống kê"),
]
FIGURES = {"Số công trình": "48", "Tổng mức đầu tư": "203,4", "Diện tích đất hiến": "2.701"}
FINDINGS = [
    ("achievement", "Hoàn thành 12 tuyến đường giao thông nông thôn trước kế hoạch"),
    ("achievement", "Vận động nhân dân hiến 2.701 m² đất mở rộng đường"),
    ("shortcoming", "Giải ngân vốn đầu tư công 9 tháng mới đạt 41% kế hoạch"),
    ("shortcoming", "Hồ sơ thi đua chưa đầy đủ minh chứng"),
    ("difficulty", "Vướng mắc giải phóng mặt bằng tại hai dự án"),
    ("cause", "Đơn giá bồi thường chưa phù hợp giá thị trường"),
]
RECOMMENDATIONS = [
    "Đẩy nhanh giải ngân, hoàn thành trước ngày 31/12/2026",
    "Bổ sung minh chứng cho hồ sơ thi đua",
    "Rà soát đơn giá bồi thường, báo cáo UBND thành phố",
    "Công khai kết quả vận động hiến đất",
    "Tổ chức sơ kết phong trào 6 tháng đầu năm 2027",
]
PHOTO = (  # a 1×1 PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass
class Tally:
    """What the person did and what the server was asked to run again."""

    clicks: int = 0
    page_reruns: int = 0
    tab_reruns: int = 0
    waits: list[float] = field(default_factory=list)  # seconds from a save to the app idle
    criteria: int = 0

    socket: object = None  # the page's live connection to the server (a reload opens another)
    # The last messages each way, said in words: printed when the journey fails.
    exchanged: deque[str] = field(default_factory=lambda: deque(maxlen=40))

    def on_socket(self, socket) -> None:
        self.socket = socket
        socket.on("framereceived", self.on_frame)
        socket.on("framesent", lambda payload: self.exchanged.append(_asked(payload)))

    def on_frame(self, payload) -> None:
        """Each run the server finishes says whether it ran the page or one fragment."""
        finished = _finished_run(payload)
        if finished == "page":
            self.page_reruns += 1
        elif finished == "tab":
            self.tab_reruns += 1
        if finished:
            self.exchanged.append(f"{time.perf_counter():.2f} ← finished: {finished}")


def _asked(payload) -> str:
    """What the browser asked of the server: a run, with the buttons clicked in it (their
    keys) and whether it was one fragment's."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    try:
        message.ParseFromString(payload if isinstance(payload, bytes) else b"")
    except Exception:
        return "→ (unreadable)"
    kind = message.WhichOneof("type")
    if kind != "rerun_script":
        return f"{time.perf_counter():.2f} → {kind}"
    rerun = message.rerun_script
    clicked = [
        w.id.split("-", 2)[-1] if w.id.startswith("$$ID-") else w.id  # the widget's key
        for w in rerun.widget_states.widgets
        if w.WhichOneof("value") == "trigger_value" and w.trigger_value
    ]
    scope = f" fragment {rerun.fragment_id[:8]}" if rerun.fragment_id else ""
    return f"{time.perf_counter():.2f} → run{scope}; clicked: {clicked or 'none'}"


def _finished_run(payload) -> str | None:
    """ "page" or "tab" when ``payload`` says the server finished a run, else None."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if not isinstance(payload, bytes):
        return None
    message = ForwardMsg()
    try:
        message.ParseFromString(payload)
    except Exception:  # not a message of ours to count
        return None
    if message.WhichOneof("type") != "script_finished":
        return None
    if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
        return "page"
    if message.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
        return "tab"
    return None


def _journey(page, url: str, tally: Tally, folder: Path) -> None:
    from playwright.sync_api import expect

    def click(locator) -> None:
        tally.clicks += 1
        locator.click()

    def idle() -> None:
        page.wait_for_selector(CONNECTED, timeout=60_000)
        page.wait_for_selector(IDLE, timeout=60_000)

    def ran(action) -> None:
        """``action``, then wait for the run it asked of the server to finish: the status
        widget alone can still read "idle" just after a click, before the run begins, and a
        tab clicked then is lost in the redraw."""
        with tally.socket.expect_event(
            "framereceived", predicate=lambda payload: _finished_run(payload), timeout=60_000
        ):
            action()
        idle()

    def saved(locator) -> None:
        started = time.perf_counter()
        ran(lambda: click(locator))
        tally.waits.append(time.perf_counter() - started)

    def added(box, button) -> None:
        """Type into ``box`` only once the last add emptied it: the run that finished may
        have been the draft keeper's, and text typed into a box the add then empties is
        (rightly) put back as a draft, not added."""
        saved(button)
        expect(box).to_have_value("", timeout=60_000)
        idle()

    page.goto(f"{url}/visits")
    idle()
    sign_in_at(page, "thuky", TEST_PASSWORD)
    page.goto(f"{url}/visits")
    idle()
    # The visit is created before the meeting, as the tests create theirs: a run that
    # redraws the form while a locality is picked is taken again, not counted.
    new_visit(page, "Đoàn giám sát Sở Nội vụ thành phố Đà Nẵng", chair="Trần Văn Trưởng")
    page.get_by_label("Nội dung làm việc").wait_for(timeout=60_000)
    idle()
    recording = (tally.clicks, tally.page_reruns, tally.tab_reruns)  # the meeting itself

    # General information: typed, Tab between fields, one save.
    click(page.get_by_label("Địa điểm"))
    page.keyboard.type("Hội trường UBND phường Tam Kỳ")
    page.keyboard.press("Tab")
    page.keyboard.type("Nguyễn Thư Ký")  # secretary
    click(page.get_by_label("Nội dung làm việc"))
    page.keyboard.type("Giám sát việc triển khai phong trào thi đua năm 2026")
    saved(page.get_by_role("button", name="Lưu thông tin chung"))

    # Attendees: a form; Tab moves on, Enter adds.
    side = "delegation"
    for attendee_side, name, title in ATTENDEES:
        if attendee_side != side:
            form = page.locator("[data-testid='stForm']")
            click(form.get_by_text("Địa phương", exact=True))  # the side, once
            side = attendee_side
        click(page.get_by_label("Họ tên"))
        page.keyboard.type(name)
        page.keyboard.press("Tab")
        page.keyboard.type(title)
        started = time.perf_counter()
        ran(lambda: page.keyboard.press("Enter"))
        page.get_by_text(name).first.wait_for(timeout=30_000)
        tally.waits.append(time.perf_counter() - started)

    # Checklist: one click per criterion.
    click(page.get_by_role("tab", name="Tiêu chí"))
    criteria = page.locator("[data-testid='stRadio']").filter(has_text="Đạt")
    for index in range(criteria.count()):
        saved(criteria.nth(index).get_by_text("Đạt", exact=True))

    # Figures: plain fields, Tab between them.
    click(page.get_by_role("tab", name="Số liệu báo cáo"))
    page.get_by_label("Kỳ báo cáo").fill("9 tháng năm 2026")
    for indicator, value in FIGURES.items():
        click(page.get_by_label(f"{indicator} — Giá trị"))
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    saved(page.get_by_role("button", name="Lưu số liệu"))

    # Findings and recommendations: type, add.
    click(page.get_by_role("tab", name="Kết quả giám sát"))
    for kind, text in FINDINGS:
        click(page.get_by_label(FINDING_BOXES[kind]))
        page.keyboard.type(text)
        added(page.get_by_label(FINDING_BOXES[kind]), page.locator(f".st-key-add-{kind} button"))
    click(page.get_by_role("tab", name="Kiến nghị"))
    box = recommendation_box(page)
    for text in RECOMMENDATIONS:
        click(box.get_by_label("Nội dung"))
        page.keyboard.type(text)
        added(box.get_by_label("Nội dung"), page.locator(".st-key-add-recommendation button"))

    # A photo.
    click(page.get_by_role("tab", name="Tệp đính kèm"))
    photo = folder / "anh-hien-truong.png"
    photo.write_bytes(PHOTO)
    tally.clicks += 1  # choosing the file
    ran(lambda: page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(photo))
    saved(page.get_by_role("button", name="Đính kèm"))

    # Sign-off.
    click(page.get_by_role("tab", name="Ký duyệt"))
    ran(lambda: click(page.get_by_text("Tôi xác nhận nội dung biên bản đã đầy đủ, chính xác.")))
    saved(page.get_by_role("button", name="Ký duyệt", exact=True))
    page.get_by_text("Đã ký duyệt bởi").first.wait_for(timeout=30_000)
    tally.clicks -= recording[0]
    tally.page_reruns -= recording[1]
    tally.tab_reruns -= recording[2]
    tally.criteria = criteria.count()


def _stored_texts(database: Path) -> str:
    """What the database holds of the typed texts: whether an add that the screen does not
    show was stored (then the screen was not redrawn) or not (then the click was lost)."""
    import sqlite3
    from contextlib import closing

    newest = "(select id from visit order by created_at desc limit 1)"  # the journey's
    with closing(sqlite3.connect(database)) as connection:
        findings = connection.execute(
            f"select kind, text from finding where visit_id = {newest} and deleted_at is null"
        ).fetchall()
        recommendations = connection.execute(
            f"select text from recommendation where visit_id = {newest} and deleted_at is null"
        ).fetchall()
        drafts = connection.execute("select scope, text from draft").fetchall()
    return f"Stored findings: {findings}\nrecommendations: {recommendations}\ndrafts: {drafts}"


def record_one_visit() -> tuple[Tally, float]:
    """The journey on a fresh server and database; what was counted, and its seconds."""
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="giamsat-journey-"))
    prepare_app_database(folder)
    port = free_port()
    env = {"GIAMSAT_DATA_DIR": str(folder), "GIAMSAT_TODAY": TODAY.isoformat(), "DATABASE_URL": ""}
    server = start_app(port, env)
    url = f"http://127.0.0.1:{port}"
    tally = Tally()
    try:
        wait_until_up(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_context(viewport={"width": 1500, "height": 1100}).new_page()
            page.on("websocket", tally.on_socket)
            started = time.perf_counter()
            try:
                _journey(page, url, tally, folder)
            except Exception:  # what the person would have seen, for whoever reads the failure
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=ARTIFACTS / "failed-visit-journey.png", full_page=True)
                print("The last messages between the browser and the server:")
                print("\n".join(tally.exchanged))
                print(_stored_texts(folder / "giamsat.sqlite3"))
                raise
            elapsed = time.perf_counter() - started
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return tally, elapsed


def main() -> None:
    tally, elapsed = record_one_visit()
    report = f"""## One whole visit recorded in the browser (`python -m benchmarks.visit_journey`)

{len(ATTENDEES)} attendees, {tally.criteria} criteria rated, {len(FIGURES)} figures,
{len(FINDINGS)} findings, {len(RECOMMENDATIONS)} recommendations, a photo, the sign-off, on
SQLite with the sample data, headless Chromium, this machine.

| measure | before (issue "Never lose or overwrite a word") | now |
|---|---|---|
| clicks, from the opened record to the sign-off | about 130 | {tally.clicks} |
| runs of the whole visit page (the sign-off's included) | 84 | {tally.page_reruns} |
| runs of one tab or of the draft keeper alone | – | {tally.tab_reruns} |
| a save or an add, click to idle (median; slowest) | 5,6–7,9 s per recommendation | \
{statistics.median(tally.waits):.2f} s; {max(tally.waits):.2f} s |
| the whole journey, creation and sign-in included | – | {elapsed:.0f} s |

Runs are counted as the server reports them finished (its `script_finished` messages, read
in the browser), from the opened record to the sign-off. The sign-off runs the whole page on
purpose (every tab becomes read-only). Clicks count each click into a field, a tab, an option
or a button; keys (typing, Tab, Enter) are not clicks.
"""
    write_section("visit-journey", report)
    print(report)


if __name__ == "__main__":
    main()
