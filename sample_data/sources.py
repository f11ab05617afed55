"""Real facts from the source documents, each record with the document it comes from.

Nothing here is invented: where a source is silent (a plan number left blank, a date not
given) the field is left empty. Invented figures live in ``illustrative.py``.
"""

from __future__ import annotations

from datetime import date

from data_access import models as m
from sample_data.builder import SampleBuilder, stable_id

SEED_TAM_KY = (
    "Tin của Phòng Nội vụ TP. Tam Kỳ: Đoàn giám sát Sở Nội vụ tỉnh Quảng Nam làm việc "
    "với UBND thành phố Tam Kỳ ngày 14/9/2023"
)
SEED_SA_DEC = (
    "Kế hoạch của UBND thành phố Sa Đéc (tháng 6/2023) thực hiện Kế hoạch số "
    "126/KH-UBND ngày 03/4/2023 của UBND tỉnh Đồng Tháp"
)
SEED_HUNG_YEN = "Tin của UBND tỉnh Hưng Yên ngày 13/4/2022 về Kế hoạch số 71/KH-UBND"
SEED_NGO_QUYEN = "Tin của UBND quận Ngô Quyền về Kế hoạch số 245/KH-UBND ngày 20/11/2023"
SEED_HAI_PHONG = "Tin của Cổng thông tin Hải Phòng ngày 20/02/2023 về Kế hoạch số 51/KH-UBND"
REORGANISATION_SOURCE = (
    "Sắp xếp đơn vị hành chính từ 01/7/2025 (Nghị quyết của Ủy ban Thường vụ Quốc hội)"
)

INFRASTRUCTURE = "ha-tang-thtk-2023-2030"
HUNG_YEN_KEY_PROJECTS = "hung-yen-du-an-trong-diem-2021-2025"
NGO_QUYEN_SPRINT = "ngo-quyen-nuoc-rut-2023"

INFRASTRUCTURE_INDICATORS = [
    "works_count",
    "total_investment",
    "allocated_capital",
    "disbursed_capital",
    "disbursement_rate",
    "clearance_plans",
    "clearance_cost",
    "land_donated_area",
    "land_donated_households",
    "commendations",
    "savings",
]


def add_localities(b: SampleBuilder) -> None:
    # Provinces that continue after 1/7/2025 keep their record; those merged end.
    b.locality("p48", "48", "Thành phố Đà Nẵng", "province")
    b.locality("p31", "31", "Thành phố Hải Phòng", "province")
    b.locality("p33", "33", "Tỉnh Hưng Yên", "province")
    b.locality("p82", "82", "Tỉnh Đồng Tháp", "province", new=True)
    b.locality("p49", "49", "Tỉnh Quảng Nam", "province", old=True)
    b.locality("p87", "87", "Tỉnh Đồng Tháp", "province", old=True)
    b.succession("p49", "p48", "full", REORGANISATION_SOURCE)
    b.succession("p87", "p82", "full", REORGANISATION_SOURCE)

    # Districts named in the sources (district level abolished 1/7/2025).
    b.locality("d502", "502", "Thành phố Tam Kỳ", "district", "p49", old=True)
    b.locality("d867", "867", "Thành phố Sa Đéc", "district", "p87", old=True)
    b.locality("d304", "304", "Quận Ngô Quyền", "district", "p31", old=True)

    # Their successors: communes of the new two-level system.
    for key, code, name in [
        ("c20341", "20341", "Phường Tam Kỳ"),
        ("c20335", "20335", "Phường Bàn Thạch"),
        ("c20350", "20350", "Phường Hương Trà"),
        ("c20356", "20356", "Phường Quảng Phú"),
    ]:
        b.locality(key, code, name, "commune", "p48", new=True)
        b.succession("d502", key, "partial", REORGANISATION_SOURCE)
    b.locality("c29905", "29905", "Phường Sa Đéc", "commune", "p82", new=True)
    b.locality("c30214", "30214", "Xã Tân Dương", "commune", "p82", new=True)
    b.succession("d867", "c29905", "partial", REORGANISATION_SOURCE)
    b.succession("d867", "c30214", "partial", REORGANISATION_SOURCE)
    for key, code, name in [
        ("c11329", "11329", "Phường Ngô Quyền"),
        ("c11359", "11359", "Phường Gia Viên"),
        ("c11383", "11383", "Phường Lê Chân"),
        ("c11311", "11311", "Phường Hồng Bàng"),
    ]:
        b.locality(key, code, name, "commune", "p31", new=True)
        b.succession("d304", key, "partial", REORGANISATION_SOURCE)

    # Neighbouring units from the official catalogue, for illustrative comparison.
    b.locality("d503", "503", "Thành phố Hội An", "district", "p49", old=True)
    b.locality("d866", "866", "Thành phố Cao Lãnh", "district", "p87", old=True)
    b.locality("d868", "868", "Thành phố Hồng Ngự", "district", "p87", old=True)
    b.locality("d303", "303", "Quận Hồng Bàng", "district", "p31", old=True)
    b.locality("d305", "305", "Quận Lê Chân", "district", "p31", old=True)
    b.locality("d323", "323", "Thành phố Hưng Yên", "district", "p33", old=True)
    b.locality("d325", "325", "Huyện Văn Lâm", "district", "p33", old=True)
    b.locality("d326", "326", "Huyện Văn Giang", "district", "p33", old=True)
    # Wards of Ngô Quyền district before 2025 and where they went.
    for key, code, name, successor in [
        ("w11329", "11329", "Phường Máy Chai", "c11329"),
        ("w11335", "11335", "Phường Vạn Mỹ", "c11329"),
        ("w11338", "11338", "Phường Cầu Tre", "c11329"),
        ("w11359", "11359", "Phường Đằng Giang", "c11359"),
    ]:
        b.locality(key, code, name, "commune", "d304", old=True)
        b.succession(key, successor, "full", REORGANISATION_SOURCE)


def add_indicators(b: SampleBuilder) -> None:
    """The infrastructure campaign's default set: the figures the sources report."""
    tỷ = {"unit_vi": "tỷ đồng", "unit_en": "billion VND", "decimals": 1}
    b.indicator(
        "works_count",
        name_vi="Số công trình",
        name_en="Works",
        unit_vi="công trình",
        unit_en="works",
        time_rule="sum",
        sort_order=10,
    )
    b.indicator(
        "total_investment",
        name_vi="Tổng mức đầu tư",
        name_en="Total investment",
        time_rule="sum",
        sort_order=20,
        **tỷ,
    )
    b.indicator(
        "allocated_capital",
        name_vi="Kế hoạch vốn đầu tư công được giao",
        name_en="Allocated public-investment capital",
        time_rule="latest",
        sort_order=30,
        **tỷ,
    )
    b.indicator(
        "disbursed_capital",
        name_vi="Vốn đầu tư công đã giải ngân",
        name_en="Disbursed public-investment capital",
        time_rule="latest",
        sort_order=40,
        **tỷ,
    )
    b.indicator(
        "disbursement_rate",
        name_vi="Tỷ lệ giải ngân",
        name_en="Disbursement rate",
        unit_vi="%",
        unit_en="%",
        kind="ratio",
        time_rule="latest",
        numerator="disbursed_capital",
        denominator="allocated_capital",
        target_value=100.0,
        decimals=1,
        sort_order=50,
    )
    b.indicator(
        "clearance_plans",
        name_vi="Phương án bồi thường, GPMB, tái định cư được phê duyệt",
        name_en="Approved compensation, clearance and resettlement plans",
        unit_vi="phương án",
        unit_en="plans",
        time_rule="sum",
        sort_order=60,
    )
    b.indicator(
        "clearance_cost",
        name_vi="Kinh phí bồi thường, GPMB, tái định cư",
        name_en="Compensation, clearance and resettlement cost",
        time_rule="sum",
        sort_order=70,
        **tỷ,
    )
    b.indicator(
        "land_donated_area",
        name_vi="Diện tích đất hiến",
        name_en="Land donated",
        unit_vi="m²",
        unit_en="m²",
        time_rule="sum",
        sort_order=80,
    )
    b.indicator(
        "land_donated_households",
        name_vi="Số hộ hiến đất",
        name_en="Households donating land",
        unit_vi="hộ",
        unit_en="households",
        time_rule="sum",
        sort_order=90,
    )
    b.indicator(
        "commendations",
        name_vi="Tập thể, cá nhân được khen thưởng",
        name_en="Collectives and individuals commended",
        unit_vi="lượt",
        unit_en="awards",
        time_rule="sum",
        sort_order=100,
    )
    b.indicator(
        "savings",
        name_vi="Số tiền tiết kiệm (THTK, CLP)",
        name_en="Savings (thrift, anti-waste)",
        time_rule="sum",
        sort_order=110,
        **tỷ,
    )


def add_campaigns(b: SampleBuilder) -> None:
    b.campaign(
        INFRASTRUCTURE,
        INFRASTRUCTURE_INDICATORS,
        name=(
            "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; "
            "thực hành tiết kiệm, chống lãng phí"
        ),
        start_date=date(2023, 1, 1),
        end_date=date(2030, 12, 31),
        description=(
            "Phong trào thi đua giai đoạn 2023–2030; mỗi tỉnh, thành phố ban hành kế hoạch "
            "tổ chức triển khai trên địa bàn."
        ),
        source=f"{SEED_SA_DEC}; {SEED_HAI_PHONG}",
    )
    campaign_id = b.campaigns[INFRASTRUCTURE]
    for order, (name, start, end) in enumerate(
        [
            ("Giai đoạn 1 (2023–2025)", date(2023, 1, 1), date(2025, 12, 31)),
            ("Giai đoạn 2 (2026–2030)", date(2026, 1, 1), date(2030, 12, 31)),
        ]
    ):
        b.add(
            m.CampaignPhase,
            (INFRASTRUCTURE, order),
            campaign_id=campaign_id,
            name=name,
            start_date=start,
            end_date=end,
            sort_order=order,
        )
    add_infrastructure_criteria(b)

    b.campaign(
        HUNG_YEN_KEY_PROJECTS,
        [
            "disbursed_capital",
            "allocated_capital",
            "disbursement_rate",
            "clearance_plans",
            "land_donated_area",
            "land_donated_households",
        ],
        name=(
            "Phong trào thi đua đặc biệt “Đẩy nhanh tiến độ thực hiện các Dự án trọng điểm "
            "của tỉnh giai đoạn 2021–2025”"
        ),
        launched_by="p33",
        plan_document="Kế hoạch số 71/KH-UBND",
        plan_date=date(2022, 4, 12),
        start_date=date(2022, 4, 12),
        end_date=date(2025, 12, 31),
        description=(
            "Giải phóng mặt bằng đúng hoặc vượt tỷ lệ % hằng năm, giải ngân vốn các Dự án "
            "trọng điểm, hiến đất; sơ kết năm 2023, tổng kết năm 2025."
        ),
        source=SEED_HUNG_YEN,
    )
    b.campaign(
        NGO_QUYEN_SPRINT,
        ["disbursed_capital", "allocated_capital", "disbursement_rate", "commendations"],
        name=(
            "Thi đua nước rút hoàn thành, hoàn thành vượt mức các chỉ tiêu, nhiệm vụ phát "
            "triển kinh tế - xã hội năm 2023"
        ),
        launched_by="d304",
        plan_document="Kế hoạch số 245/KH-UBND",
        plan_date=date(2023, 11, 20),
        start_date=date(2023, 11, 20),
        end_date=date(2023, 12, 31),
        description="Cao điểm từ ngày ban hành đến hết tháng 12 năm 2023, 06 nhiệm vụ.",
        source=SEED_NGO_QUYEN,
    )
    for order, text in enumerate(
        [
            "Triển khai cao điểm Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị và các "
            "nghị quyết, kết luận của thành phố và quận; chủ đề hành động năm 2023.",
            "Rà soát chỉ tiêu kế hoạch phát triển kinh tế - xã hội 10 tháng đầu năm; tăng "
            "cường kỷ luật, kỷ cương hành chính.",
            "Tăng cường kỷ cương thu, chi ngân sách; đẩy nhanh thủ tục quy hoạch, đầu tư, "
            "đấu giá, đấu thầu, đất đai.",
            "Đẩy nhanh tiến độ thực hiện, giải ngân vốn đầu tư công; tháo gỡ vướng mắc giải "
            "phóng mặt bằng; đẩy nhanh các dự án hạ tầng giao thông, du lịch trọng điểm.",
            "Thực hiện các nhiệm vụ chuyển đổi số đã được phân bổ kinh phí và giải ngân theo "
            "kế hoạch.",
            "Đôn đốc, kiểm tra, sơ kết, tổng kết; phát hiện, bồi dưỡng, nhân rộng điển hình "
            "tiên tiến; khen thưởng kịp thời.",
        ],
        start=1,
    ):
        b.add(
            m.Criterion,
            (NGO_QUYEN_SPRINT, order),
            campaign_id=b.campaigns[NGO_QUYEN_SPRINT],
            code=f"NV{order}",
            target_group="agencies",
            area="general",
            text=text,
            sort_order=order,
            source=SEED_NGO_QUYEN,
        )


def add_infrastructure_criteria(b: SampleBuilder) -> None:
    """Criteria of the Sa Đéc plan, grouped as in its section III.1."""
    criteria = [
        (
            "1.1.a.1",
            "agencies",
            "infrastructure",
            "Hoàn thiện văn bản, quy hoạch; nâng cao hiệu lực, hiệu quả quản lý nhà nước về đầu "
            "tư kết cấu hạ tầng, nhất là sử dụng nguồn lực đất đai.",
        ),
        (
            "1.1.a.2",
            "agencies",
            "infrastructure",
            "Đầu tư và hoàn thành chất lượng, đúng và vượt tiến độ các công trình, dự án; đẩy "
            "mạnh chuyển đổi số.",
        ),
        (
            "1.1.a.3",
            "agencies",
            "infrastructure",
            "Đẩy mạnh cải cách thủ tục hành chính; công khai, minh bạch thông tin và cơ chế giám "
            "sát của nhân dân.",
        ),
        (
            "1.1.a.4",
            "agencies",
            "infrastructure",
            "Ứng dụng công nghệ số và phương pháp quản lý hiện đại; tư vấn, giám sát độc lập "
            "nâng cao chất lượng công trình.",
        ),
        (
            "1.1.a.5",
            "agencies",
            "infrastructure",
            "Đa dạng hóa huy động nguồn lực, phân bổ có trọng tâm, trọng điểm; phấn đấu giải "
            "ngân 100% kế hoạch vốn đầu tư công được giao.",
        ),
        (
            "1.1.b.1",
            "agencies",
            "thrift",
            "Xây dựng và ban hành Chương trình THTK, CLP hằng năm và dài hạn, với mục tiêu, chỉ "
            "tiêu, tiêu chí đánh giá tiết kiệm.",
        ),
        (
            "1.1.b.2",
            "agencies",
            "thrift",
            "Tích hợp các chế độ, chính sách cùng mục đích giữa các chương trình mục tiêu quốc "
            "gia; quản lý an sinh xã hội trên nền tảng số.",
        ),
        (
            "1.1.b.3",
            "agencies",
            "thrift",
            "Quản lý chặt chẽ, phát huy nguồn lực từ đất đai; phát triển bền vững gắn với bảo "
            "vệ môi trường.",
        ),
        (
            "1.2.1",
            "front_and_mass_organisations",
            "thrift",
            "Tăng cường ứng dụng công nghệ thông tin; THTK, CLP trong hệ thống tổ chức từ thành "
            "phố đến xã, phường.",
        ),
        (
            "1.2.2",
            "front_and_mass_organisations",
            "infrastructure",
            "Sáng kiến tuyên truyền, vận động nhân dân hiến kế, hiến công, hiến đất, đóng góp "
            "vật chất xây dựng kết cấu hạ tầng.",
        ),
        (
            "1.2.3",
            "front_and_mass_organisations",
            "thrift",
            "Phản biện xã hội, giám sát việc thực hiện quy định về THTK, CLP và xử lý hành vi "
            "gây lãng phí.",
        ),
        (
            "1.3.1",
            "organisations_enterprises_households",
            "thrift",
            "THTK, CLP trong đầu tư xây dựng, sản xuất, kinh doanh, tiêu dùng, lễ hội.",
        ),
        (
            "1.3.2",
            "organisations_enterprises_households",
            "infrastructure",
            "Chủ động đóng góp kinh phí xây dựng các dự án kết cấu hạ tầng.",
        ),
        (
            "1.3.3",
            "organisations_enterprises_households",
            "infrastructure",
            "Doanh nghiệp đổi mới, làm chủ công nghệ xây dựng và vận hành công trình hạ tầng.",
        ),
        (
            "1.4.a",
            "individuals",
            "thrift",
            "Công chức, viên chức gương mẫu quản lý, sử dụng vốn và tài sản nhà nước đúng mục "
            "đích, định mức; có sáng kiến về THTK, CLP.",
        ),
        (
            "1.4.b",
            "individuals",
            "infrastructure",
            "Người dân sử dụng tài nguyên tiết kiệm, tham gia giám sát THTK, CLP, đóng góp cho "
            "các dự án trọng điểm.",
        ),
        (
            "1.4.c",
            "individuals",
            "infrastructure",
            "Doanh nhân, trí thức, kỹ sư, người Việt Nam ở nước ngoài có sáng kiến, giải pháp "
            "phục vụ xây dựng và khai thác công trình hạ tầng.",
        ),
    ]
    for order, (code, group, area, text) in enumerate(criteria):
        b.add(
            m.Criterion,
            (INFRASTRUCTURE, code),
            campaign_id=b.campaigns[INFRASTRUCTURE],
            code=code,
            target_group=group,
            area=area,
            text=text,
            sort_order=order,
            source=SEED_SA_DEC,
        )


def add_implementations(b: SampleBuilder) -> None:
    quang_nam = b.implementation(
        INFRASTRUCTURE,
        "p49",
        plan_document="Quyết định số 428/QĐ-UBND",
        plan_date=date(2023, 3, 3),
        source=SEED_TAM_KY,
    )
    b.milestone(
        quang_nam, "plan_issued", "Ban hành kế hoạch", done=date(2023, 3, 3), source=SEED_TAM_KY
    )
    tam_ky = b.implementation(
        INFRASTRUCTURE,
        "d502",
        plan_document=None,
        plan_date=None,
        source=SEED_TAM_KY,
        note="Nguồn cho biết UBND thành phố đã ban hành kế hoạch nhưng không nêu số, ngày.",
    )
    b.milestone(tam_ky, "plan_issued", "Ban hành kế hoạch", is_done=True, source=SEED_TAM_KY)
    b.milestone(tam_ky, "launched", "Triển khai phong trào", is_done=True, source=SEED_TAM_KY)

    dong_thap = b.implementation(
        INFRASTRUCTURE,
        "p87",
        plan_document="Kế hoạch số 126/KH-UBND",
        plan_date=date(2023, 4, 3),
        source=SEED_SA_DEC,
    )
    b.milestone(
        dong_thap, "plan_issued", "Ban hành kế hoạch", done=date(2023, 4, 3), source=SEED_SA_DEC
    )
    sa_dec = b.implementation(
        INFRASTRUCTURE,
        "d867",
        plan_document="Kế hoạch của UBND thành phố Sa Đéc (tháng 6/2023)",
        plan_date=None,
        source=SEED_SA_DEC,
        note="Bản nguồn để trống số và ngày của kế hoạch (“Số: /KH-UBND, ngày tháng 6 năm 2023”).",
    )
    b.milestone(
        sa_dec, "plan_issued", "Ban hành kế hoạch (tháng 6/2023)", is_done=True, source=SEED_SA_DEC
    )

    hai_phong = b.implementation(
        INFRASTRUCTURE,
        "p31",
        plan_document="Kế hoạch số 51/KH-UBND",
        plan_date=None,
        source=SEED_HAI_PHONG,
        note="Tin ngày 20/02/2023 cho biết kế hoạch vừa được ban hành; không nêu ngày ký.",
    )
    b.milestone(hai_phong, "plan_issued", "Ban hành kế hoạch", is_done=True, source=SEED_HAI_PHONG)

    hung_yen = b.implementation(
        HUNG_YEN_KEY_PROJECTS,
        "p33",
        plan_document="Kế hoạch số 71/KH-UBND",
        plan_date=date(2022, 4, 12),
        source=SEED_HUNG_YEN,
    )
    b.milestone(
        hung_yen, "plan_issued", "Ban hành kế hoạch", done=date(2022, 4, 12), source=SEED_HUNG_YEN
    )
    b.milestone(
        hung_yen, "interim_review", "Sơ kết năm 2023", due=date(2023, 12, 31), source=SEED_HUNG_YEN
    )
    b.milestone(
        hung_yen, "final_review", "Tổng kết năm 2025", due=date(2025, 12, 31), source=SEED_HUNG_YEN
    )

    ngo_quyen = b.implementation(
        NGO_QUYEN_SPRINT,
        "d304",
        plan_document="Kế hoạch số 245/KH-UBND",
        plan_date=date(2023, 11, 20),
        source=SEED_NGO_QUYEN,
    )
    b.milestone(
        ngo_quyen,
        "plan_issued",
        "Ban hành kế hoạch",
        done=date(2023, 11, 20),
        source=SEED_NGO_QUYEN,
    )


def add_tam_ky_figures(b: SampleBuilder) -> None:
    """Figures reported at the 14/9/2023 working session."""
    two_years = (date(2022, 1, 1), date(2023, 9, 14), "Năm 2022–2023 (đến 14/9/2023)")
    nine_months = (date(2023, 1, 1), date(2023, 9, 30), "9 tháng năm 2023")
    for indicator, value, period in [
        ("works_count", 139, two_years),
        ("total_investment", 203.4, two_years),
        ("allocated_capital", 635.7, nine_months),
        ("disbursed_capital", 231, nine_months),
        ("disbursement_rate", 36.4, nine_months),
        ("clearance_plans", 67, nine_months),
        ("clearance_cost", 129.2, nine_months),
    ]:
        start, end, label = period
        b.value(
            INFRASTRUCTURE,
            "d502",
            indicator,
            start,
            end,
            value,
            label,
            source=SEED_TAM_KY,
            illustrative=False,
            reported_at=stable_id("visit", "tam-ky-2023-09-14"),
        )


def add_sa_dec_key_works(b: SampleBuilder) -> None:
    """Key works named in the Sa Đéc plan. Their status and cost are not in the source."""
    for name in [
        "Đường T3",
        "Đường N7",
        "Đường D2",
        "Trường Tiểu học Phú Long",
        "Nâng cấp Quảng trường thành phố Sa Đéc",
        "Khu tái định cư cho các dự án phát triển đô thị",
    ]:
        b.add(
            m.Work,
            ("d867", name),
            locality_id=b.localities["d867"],
            campaign_id=b.campaigns[INFRASTRUCTURE],
            name=name,
            is_key_project=True,
            status="unknown",
            source=SEED_SA_DEC,
        )


def add_tam_ky_visit(b: SampleBuilder) -> None:
    delegation = b.add(
        m.Delegation,
        ("so-noi-vu-quang-nam",),
        name="Đoàn giám sát Sở Nội vụ tỉnh Quảng Nam",
        organisation="Sở Nội vụ tỉnh Quảng Nam",
        source=SEED_TAM_KY,
    )
    visit = b.add(
        m.Visit,
        ("tam-ky-2023-09-14",),
        delegation_id=delegation,
        locality_id=b.localities["d502"],
        visit_date=date(2023, 9, 14),
        time_of_day="Buổi sáng",
        venue="UBND thành phố Tam Kỳ",
        summary=(
            "Làm việc về tổ chức triển khai thực hiện phong trào thi đua “Đẩy mạnh phát "
            "triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí” "
            "và công tác quản lý nhà nước về thi đua, khen thưởng trên địa bàn thành phố."
        ),
        status="signed_off",
        source=SEED_TAM_KY,
    )
    b.add(
        m.VisitCampaign,
        ("tam-ky-2023-09-14", INFRASTRUCTURE),
        visit_id=visit,
        campaign_id=b.campaigns[INFRASTRUCTURE],
    )
    findings = [
        (
            "achievement",
            "UBND thành phố đã ban hành Kế hoạch tổ chức triển khai thực hiện phong trào thi "
            "đua trên địa bàn thành phố; phong trào được triển khai sâu rộng từ thành phố đến "
            "các cơ quan, đơn vị, địa phương.",
        ),
        (
            "achievement",
            "Chỉ đạo các ngành tập trung đẩy nhanh tiến độ triển khai 26 dự án khớp nối hạ tầng "
            "đô thị; tham mưu HĐND thành phố ban hành Nghị quyết số 269/NQ-HĐND ngày 04/10/2021 "
            "quy định tỷ lệ hỗ trợ từ ngân sách thành phố, xã, phường giai đoạn 2021–2025.",
        ),
        (
            "achievement",
            "Trong 02 năm (2022, 2023), thành phố hỗ trợ có mục tiêu UBND các xã, phường đầu tư "
            "139 công trình với tổng mức đầu tư 203,4 tỷ đồng.",
        ),
        (
            "achievement",
            "9 tháng năm 2023, giải ngân vốn đầu tư công 231/635,7 tỷ đồng, đạt 36,4% so với kế "
            "hoạch giao; phê duyệt 67 phương án bồi thường, giải phóng mặt bằng, tái định cư với "
            "tổng kinh phí hơn 129,2 tỷ đồng.",
        ),
        (
            "achievement",
            "Thực hành tiết kiệm, chống lãng phí trong quản lý kinh phí thường xuyên, đầu tư xây "
            "dựng cơ bản, thời gian làm việc, giải quyết thủ tục hành chính; công tác tuyên "
            "truyền, khen thưởng điển hình được chú trọng.",
        ),
        ("difficulty", "Tiêu chí thi đua ngành dọc (kinh tế, tài chính)."),
        ("difficulty", "Một số tiêu chí thi đua không phù hợp và sát sao với từng địa phương."),
    ]
    for order, (kind, text) in enumerate(findings):
        b.add(
            m.Finding,
            ("tam-ky-2023-09-14", order),
            visit_id=visit,
            kind=kind,
            text=text,
            sort_order=order,
            source=SEED_TAM_KY,
        )
    recommendations = [
        (
            "from_locality",
            "Sở Nội vụ tỉnh Quảng Nam",
            "Đề nghị xem xét điều chỉnh tiêu chí thi đua ngành dọc (kinh tế, tài chính) và một số "
            "tiêu chí chưa phù hợp, sát sao với từng địa phương.",
        ),
        (
            "to_higher_level",
            "Hội đồng Thi đua - Khen thưởng tỉnh Quảng Nam",
            "Đoàn giám sát tiếp thu, tổng hợp kiến nghị của thành phố Tam Kỳ, tham mưu Hội đồng "
            "Thi đua - Khen thưởng tỉnh xem xét điều chỉnh tiêu chí thi đua cho phù hợp.",
        ),
        (
            "to_locality",
            "Phòng chuyên môn UBND thành phố Tam Kỳ",
            "Kịp thời hướng dẫn nghiệp vụ để đảm bảo các nội dung liên quan đến hồ sơ thi đua.",
        ),
    ]
    for order, (direction, addressee, text) in enumerate(recommendations):
        b.add(
            m.Recommendation,
            ("tam-ky-2023-09-14", order),
            visit_id=visit,
            direction=direction,
            addressee=addressee,
            text=text,
            status="open",
            sort_order=order,
            source=SEED_TAM_KY,
        )


def add_real_facts(b: SampleBuilder) -> None:
    add_localities(b)
    add_indicators(b)
    add_campaigns(b)
    add_implementations(b)
    add_sa_dec_key_works(b)
    add_tam_ky_visit(b)
    add_tam_ky_figures(b)  # reported at the visit: after it


# Demo accounts: their passwords are in the README, and the first sign-in must change them.
DEMO_ACCOUNTS = [
    ("quantri", "Quản trị hệ thống", "admin", "Quantri@2026"),
    ("thanhtra", "Nguyễn Văn Thanh", "inspector", "Thanhtra@2026"),
    ("lanhdao", "Lãnh đạo Sở", "viewer", "Lanhdao@2026"),
]


def add_demo_accounts(b: SampleBuilder) -> None:
    from argon2 import PasswordHasher

    hasher = PasswordHasher()
    users = {}
    for username, full_name, role, password in DEMO_ACCOUNTS:
        users[username] = b.add(
            m.User,
            (username,),
            username=username,
            full_name=full_name,
            role=role,
            password_hash=hasher.hash(password),
            must_change_password=True,
        )
    # The demo inspector heads two delegations, so the sample's visits can be edited.
    for delegation in ("so-noi-vu-quang-nam", "Đoàn kiểm tra Sở Nội vụ thành phố Hải Phòng"):
        b.add(
            m.DelegationMember,
            ("thanhtra", delegation),
            delegation_id=b.add_key(m.Delegation, (delegation,)),
            user_id=users["thanhtra"],
            full_name="Nguyễn Văn Thanh",
            role="head",
        )
