"""What the biên bản of a working session says, line by line, in the layout of Decree
30/2020/NĐ-CP, appendix III, form 1.9: the names a Word template fills (``MINUTES_NAMES``,
explained on the administration screen), built from a visit as plain text. A line nobody
recorded is printed as dots to fill in by hand, as on the paper form."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from data_access.visit_views import (
    Attendee,
    CampaignRef,
    Finding,
    Recommendation,
    ReportedFigure,
    VisitDetail,
)
from documents.office_files import FileRefused
from documents.templates import MINUTES_TEMPLATE
from documents.word import TemplateRefused, check_template, fill
from domain.vocabulary import FINDING_KINDS, RECOMMENDATION_DIRECTIONS
from texts.formats import file_slug, format_amount, format_date, format_formal_date
from texts.messages import translate

DOTS = "……………………"
NUMBER = "……/BB-……"  # given by the office (văn thư) when the minutes are registered
_CLOCK = re.compile(r"^\s*(\d{1,2})\s*(?:[:hH]|giờ)\s*(\d{1,2})?\s*(?:phút)?\s*$")
_LETTERS = "abcdefghij"


def minutes_context(detail: VisitDetail) -> dict[str, Any]:
    """Every name the template may use, for ``detail``."""
    delegation = [a for a in detail.attendees if a.side == "delegation"]
    locality = [a for a in detail.attendees if a.side == "locality"]
    representative = locality[0] if locality else None
    return {
        "parent_agency": (detail.organisation or DOTS).upper(),
        "issuing_body": (detail.delegation or "Đoàn giám sát").upper(),
        "number": NUMBER,
        "subject": _subject(detail),
        "start": official_time(detail.time_of_day, detail.visit_date),
        "end": official_time(detail.end_time, detail.visit_date),
        "venue": detail.venue or DOTS,
        "locality": detail.locality,
        "delegation_members": [_person(a) for a in delegation] or [DOTS],
        "locality_attendees": [_person(a) for a in locality] or [DOTS],
        "chair": detail.chair or DOTS,
        "secretary": detail.secretary or DOTS,
        "summary": detail.summary or "",
        "figures": [figure_row(f) for f in detail.figures],
        "finding_groups": _finding_groups(detail.findings),
        "recommendation_groups": _recommendation_groups(detail.recommendations),
        # Signature blocks: the name under each, or room to write it.
        "secretary_name": detail.secretary or "",
        "chair_name": detail.chair or "",
        "locality_signer": f"ĐẠI DIỆN {detail.locality.upper()}",
        "locality_signer_name": representative.full_name if representative else "",
        "locality_signer_title": (representative.title or "") if representative else "",
    }


def official_time(time_of_day: str | None, day: date) -> str:
    """``08:00`` -> ``08 giờ 00, ngày 22 tháng 11 năm 2026``; other words as typed;
    nothing -> dots for the hour."""
    day_text = format_formal_date(day)
    if not time_of_day or not time_of_day.strip():
        return f"…… giờ ……, {day_text}"
    clock = _CLOCK.match(time_of_day)
    if clock:
        hours, minutes = clock.group(1), clock.group(2) or "00"
        return f"{int(hours):02d} giờ {int(minutes):02d}, {day_text}"
    return f"{time_of_day.strip()}, {day_text}"


def _subject(detail: VisitDetail) -> str:
    campaigns = "; ".join(f"“{c.name}”" for c in detail.campaigns)
    what = f" phong trào thi đua {campaigns}" if campaigns else " phong trào thi đua"
    return f"Làm việc với {detail.locality} về kết quả triển khai{what}"


def _person(attendee: Attendee) -> str:
    return f"{attendee.full_name}, {attendee.title}" if attendee.title else attendee.full_name


def figure_row(figure: ReportedFigure) -> dict[str, str]:
    """A figure as a row of the documents' tables: value with unit, period with dates."""
    dates = f"{format_date(figure.period_start)} – {format_date(figure.period_end)}"
    period = f"{figure.period_label}\n{dates}" if figure.period_label else dates
    return {
        "indicator": figure.name_vi,
        "value": format_amount(figure.value, figure.unit_vi, figure.decimals),
        "period": period,
        "source": figure.source or "",
    }


def _finding_groups(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    """Kinds in the official order (achievements, shortcomings, difficulties, causes);
    a kind with nothing recorded is left out."""
    groups = []
    for kind in FINDING_KINDS:
        items = [f.text for f in sorted(findings, key=lambda f: f.sort_order) if f.kind == kind]
        if items:
            letter = _LETTERS[len(groups)]
            heading = f"{letter}) {translate(f'finding.{kind}', 'vi')}"
            groups.append({"heading": heading, "lines": items})
    return groups


def _recommendation_groups(recommendations: tuple[Recommendation, ...]) -> list[dict[str, Any]]:
    groups = []
    for direction in RECOMMENDATION_DIRECTIONS:
        items = [
            _recommendation(r)
            for r in sorted(recommendations, key=lambda r: r.sort_order)
            if r.direction == direction
        ]
        if items:
            letter = _LETTERS[len(groups)]
            heading = f"{letter}) {translate(f'direction.{direction}', 'vi')}"
            groups.append({"heading": heading, "lines": items})
    return groups


def _recommendation(recommendation: Recommendation) -> str:
    details = []
    if recommendation.addressee:
        details.append(f"gửi {recommendation.addressee}")
    if recommendation.due_date:
        details.append(f"thời hạn {format_date(recommendation.due_date)}")
    return recommendation.text + (f" ({'; '.join(details)})" if details else "")


def minutes_file_stem(detail: VisitDetail) -> str:
    """``bien-ban_Thanh-pho-Tam-Ky_2023-09-14``: the Word and the Excel minutes' name."""
    return f"bien-ban_{file_slug(detail.locality)}_{detail.visit_date.isoformat()}"


def minutes_docx_name(detail: VisitDetail) -> str:
    return minutes_file_stem(detail) + ".docx"


# A visit with a line of every kind: an agency's template is tried on it before it is kept.
EXAMPLE = VisitDetail(
    id=uuid.UUID(int=1),
    version=1,
    status="draft",
    locality_id=uuid.UUID(int=2),
    locality="Phường Tam Kỳ",
    visit_date=date(2026, 11, 20),
    time_of_day="08:00",
    end_time="11:30",
    venue="Hội trường UBND phường Tam Kỳ",
    chair="Trần Văn Trưởng",
    secretary="Nguyễn Thư Ký",
    summary="Giám sát việc triển khai phong trào thi đua năm 2026",
    delegation="Đoàn giám sát Sở Nội vụ thành phố Đà Nẵng",
    delegation_id=uuid.UUID(int=3),
    organisation="Sở Nội vụ thành phố Đà Nẵng",
    signed_off_at=None,
    signed_off_by=None,
    reopen_reason=None,
    is_illustrative=True,
    campaigns=(CampaignRef(uuid.UUID(int=4), "Đẩy mạnh phát triển kết cấu hạ tầng"),),
    attendees=(
        Attendee("delegation", "Trần Văn Trưởng", "Trưởng đoàn"),
        Attendee("locality", "Lê Văn Hải", "Chủ tịch UBND phường"),
    ),
    figures=(
        ReportedFigure(
            code="works_count",
            name_vi="Số công trình",
            name_en=None,
            unit_vi="công trình",
            unit_en=None,
            decimals=0,
            campaign_id=uuid.UUID(int=4),
            period_start=date(2026, 1, 1),
            period_end=date(2026, 9, 30),
            period_label="9 tháng năm 2026",
            value=48,
            source=None,
        ),
    ),
    findings=tuple(
        Finding(uuid.UUID(int=10 + i), 1, kind, f"Nội dung {kind}", None, None, i)
        for i, kind in enumerate(FINDING_KINDS)
    ),
    recommendations=(
        Recommendation(
            uuid.UUID(int=20),
            1,
            RECOMMENDATION_DIRECTIONS[0],
            "UBND phường Tam Kỳ",
            "Đẩy nhanh giải ngân",
            date(2026, 12, 31),
            "normal",
            "open",
            0,
            0,
        ),
    ),
)

# What a template may use (each is explained on the administration screen).
MINUTES_NAMES = tuple(minutes_context(EXAMPLE))


def minutes_docx(detail: VisitDetail, agency_template: bytes | None = None) -> bytes:
    """The biên bản in Word, from the agency's template when it has one. A template that
    fails on this visit although it passed its check on upload gives way to the shipped
    one: the delegation still gets its minutes."""
    context = minutes_context(detail)
    if agency_template is not None:
        try:
            return fill(agency_template, context)
        except (TemplateRefused, FileRefused):
            pass
    return fill(MINUTES_TEMPLATE.read_bytes(), context)


def check_minutes_template(content: bytes) -> None:
    """An agency's biên bản template, refused (FileRefused, TemplateRefused) unless it
    fills: tried on ``EXAMPLE``, which has a line of every kind."""
    check_template(content, minutes_context(EXAMPLE))
