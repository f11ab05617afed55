"""The Word templates shipped with the tool (built by ``build.py``; an agency may upload
its own copy, edited in Word, on the administration screen)."""

from pathlib import Path

MINUTES_TEMPLATE = Path(__file__).with_name("bien_ban.docx")
ROUND_REPORT_TEMPLATE = Path(__file__).with_name("bao_cao.docx")
