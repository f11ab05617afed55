"""The consolidated report of a supervision round, "Báo cáo kết quả giám sát": its
sections drafted from the findings and recommendations of the round's visits (for the
head to edit), and the Word file in the layout of Decree 30/2020/NĐ-CP (a report is a
document with a type name: the letterhead, "Số: …/BC-…", place and date, the title,
the body, the signer and "Nơi nhận"), with an annex of each locality's figures and
their dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from data_access.rounds import RoundDetail
from data_access.visit_views import VisitDetail
from documents.minutes import DOTS, figure_row
from documents.templates import ROUND_REPORT_TEMPLATE
from documents.word import fill
from domain.vocabulary import REPORT_SECTIONS
from texts.formats import file_slug, format_date, format_formal_date
from texts.messages import translate

NUMBER = "……/BC-……"


def draft_sections(detail: RoundDetail) -> dict[str, str]:
    """The report's four sections from what the round's visits recorded, by locality in
    the order of the visits: achievements give the results; shortcomings the
    shortcomings; difficulties and causes the third section; the recommendations,
    grouped by addressee, the proposals. A section with nothing recorded stays empty."""
    return {
        "results": _by_locality(detail.visits, ("achievement",)),
        "shortcomings": _by_locality(detail.visits, ("shortcoming",)),
        "difficulties": _by_locality(detail.visits, ("difficulty", "cause")),
        "proposals": _by_addressee(detail.visits),
    }


def _by_locality(visits: tuple[VisitDetail, ...], kinds: tuple[str, ...]) -> str:
    places: dict[str, tuple[list[date], list[str]]] = {}
    for visit in visits:
        lines = [
            _finding_line(finding.kind, finding.text)
            for kind in kinds
            for finding in sorted(visit.findings, key=lambda f: f.sort_order)
            if finding.kind == kind
        ]
        if lines:
            days, items = places.setdefault(visit.locality, ([], []))
            days.append(visit.visit_date)
            items.extend(lines)
    paragraphs = []
    for locality, (days, items) in places.items():
        when = ", ".join(format_date(day) for day in days)
        paragraphs.append(f"{locality} (làm việc ngày {when}):")
        paragraphs.extend(items)
    return "\n".join(paragraphs)


def _finding_line(kind: str, text: str) -> str:
    if kind == "cause":
        return f"- {translate('finding.cause', 'vi')}: {text}"
    return f"- {text}"


def _by_addressee(visits: tuple[VisitDetail, ...]) -> str:
    groups: dict[str, list[str]] = {}
    for visit in visits:
        for recommendation in sorted(visit.recommendations, key=lambda r: r.sort_order):
            addressee = recommendation.addressee or translate(
                f"direction.{recommendation.direction}", "vi"
            )
            details = [visit.locality]
            if recommendation.due_date:
                details.append(f"thời hạn {format_date(recommendation.due_date)}")
            groups.setdefault(addressee, []).append(
                f"- {recommendation.text} ({'; '.join(details)})"
            )
    paragraphs = []
    for addressee, items in groups.items():
        paragraphs.append(f"Đối với {addressee}:")
        paragraphs.extend(items)
    return "\n".join(paragraphs)


def report_context(detail: RoundDetail, today: date) -> dict[str, Any]:
    """Every name the report's template uses; a section is a list of paragraphs."""
    sections = {
        name: [line.strip() for line in (detail.sections.get(name) or "").splitlines()]
        for name in REPORT_SECTIONS
    }
    return {
        "parent_agency": (detail.organisation or DOTS).upper(),
        "parent_agency_name": detail.organisation or DOTS,
        "issuing_body": detail.delegation.upper(),
        "number": NUMBER,
        "place_date": f"……, {format_formal_date(today)}",
        "subject": detail.subject,
        "basis": _basis(detail),
        **{name: [line for line in lines if line] or [DOTS] for name, lines in sections.items()},
        "delegation": detail.delegation,
        "annex": _annex(detail),
        "head_name": detail.head or "",
    }


def _basis(detail: RoundDetail) -> str:
    """The opening paragraph: under which decision, when, and where the delegation went."""
    period = f"từ {format_date(detail.period_start)} đến {format_date(detail.period_end)}"
    if detail.decision_number:
        decision = f"Thực hiện Quyết định số {detail.decision_number}"
        if detail.decision_date:
            decision += f" {format_formal_date(detail.decision_date)}"
        period = f"{decision}, {period}"
    else:
        period = period[0].upper() + period[1:]
    visited = [stop for stop in detail.stops if stop.visits]
    where = "; ".join(
        f"{stop.locality} ({', '.join(format_date(v.visit_date) for v in stop.visits)})"
        for stop in visited
    )
    done = f"đã làm việc với {len(visited)} địa phương: {where}" if visited else "đã giám sát"
    return f"{period}, {detail.delegation} {done}. Kết quả như sau:"


def _annex(detail: RoundDetail) -> list[dict[str, Any]]:
    """Each visit that recorded figures: the locality, the day, its figures and periods."""
    return [
        {
            "heading": f"{number}. {visit.locality} (số liệu báo cáo tại buổi làm việc "
            f"ngày {format_date(visit.visit_date)})",
            "figures": [figure_row(figure) for figure in visit.figures],
        }
        for number, visit in enumerate((v for v in detail.visits if v.figures), start=1)
    ]


def report_docx(detail: RoundDetail, today: date) -> bytes:
    """The report in Word, from the sections as saved."""
    return fill(ROUND_REPORT_TEMPLATE.read_bytes(), report_context(detail, today))


def report_docx_name(detail: RoundDetail) -> str:
    """``bao-cao-ket-qua-giam-sat_<subject>_<period start>.docx``"""
    return f"bao-cao-ket-qua-giam-sat_{file_slug(detail.subject)[:60]}_{detail.period_start}.docx"
