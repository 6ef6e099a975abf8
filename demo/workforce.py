"""The demo's workforce pages: three sectors with occupations, training programmes and
readiness figures (aggregates as the training centres report them), written idempotently."""

import datetime

from django.core.files.base import ContentFile

from workforce.choices import TrainingMode
from workforce.models import (
    MediaKind,
    Occupation,
    ReadinessFigure,
    TrainingMedia,
    TrainingProgramme,
)

from .pictures import product_picture

OCCUPATIONS = [
    {
        "slug": "welder",
        "sector": "manufacturing",
        "position": 0,
        "name_en": "Welder (SMAW and GMAW)",
        "name_ind": "Juru las (SMAW dan GMAW)",
        "summary_en": (
            "Plate and pipe welding in metal fabrication and shipbuilding, reading drawings "
            "and checking their own welds."
        ),
        "summary_ind": (
            "Pengelasan pelat dan pipa di fabrikasi logam dan galangan kapal, membaca gambar "
            "kerja dan memeriksa hasil lasnya sendiri."
        ),
        "standard_en": "SKKNI welding, level 2 (Indonesian national competency standard)",
        "standard_ind": "SKKNI bidang pengelasan, level 2",
        "certification_body_en": "BNSP, through a licensed LSP for welding",
        "certification_body_ind": "BNSP, melalui LSP pengelasan berlisensi",
        "language_level_en": "Japanese JFT-Basic A2, or Korean EPS-TOPIK",
        "language_level_ind": "Bahasa Jepang JFT-Basic A2, atau bahasa Korea EPS-TOPIK",
        "training_hours": 640,
        "modules_en": (
            "SMAW plate welding 3G and 4G\nGMAW (MIG/MAG) welding\nReading technical drawings\n"
            "Occupational safety and health (K3)\nDigital weld logs on a tablet"
        ),
        "modules_ind": (
            "Las SMAW pelat posisi 3G dan 4G\nLas GMAW (MIG/MAG)\nMembaca gambar teknik\n"
            "Keselamatan dan kesehatan kerja (K3)\nCatatan las digital di tablet"
        ),
        "destination_countries": ["JP", "KR"],
    },
    {
        "slug": "machine-operator",
        "sector": "manufacturing",
        "position": 1,
        "name_en": "Production machine operator",
        "name_ind": "Operator mesin produksi",
        "summary_en": (
            "Setting up and running production lines in electronics, plastics and metal "
            "parts factories, with quality checks at each station."
        ),
        "summary_ind": (
            "Menyiapkan dan menjalankan lini produksi di pabrik elektronik, plastik dan "
            "komponen logam, dengan pemeriksaan mutu di setiap pos."
        ),
        "standard_en": "SKKNI manufacturing production operator, level 2",
        "standard_ind": "SKKNI operator produksi manufaktur, level 2",
        "certification_body_en": "BNSP, through LSP P1 of the vocational training centre",
        "certification_body_ind": "BNSP, melalui LSP P1 balai latihan kerja",
        "language_level_en": "Korean EPS-TOPIK, or basic Mandarin for Taiwan",
        "language_level_ind": "Bahasa Korea EPS-TOPIK, atau Mandarin dasar untuk Taiwan",
        "training_hours": 480,
        "modules_en": (
            "Machine set-up and changeover\n5S and lean production\nQuality control with "
            "gauges\nReporting on a factory tablet (MES basics)"
        ),
        "modules_ind": (
            "Penyetelan dan pergantian mesin\n5S dan produksi ramping\nPengendalian mutu "
            "dengan alat ukur\nPelaporan di tablet pabrik (dasar MES)"
        ),
        "destination_countries": ["KR", "TW"],
    },
    {
        "slug": "care-worker-japan",
        "sector": "caregiving",
        "position": 0,
        "name_en": "Care worker (kaigo) for Japan",
        "name_ind": "Pekerja perawatan lansia (kaigo) untuk Jepang",
        "summary_en": (
            "Daily care of elderly residents in nursing homes: mobility, meals, hygiene and "
            "recreation, working with Japanese care teams."
        ),
        "summary_ind": (
            "Perawatan harian lansia di panti wreda: mobilitas, makan, kebersihan dan "
            "rekreasi, bekerja bersama tim perawat Jepang."
        ),
        "standard_en": "Specified Skilled Worker care skills test, and SKKNI caregiver",
        "standard_ind": (
            "Ujian keterampilan perawatan Specified Skilled Worker, dan SKKNI caregiver"
        ),
        "certification_body_en": "Japan's care skills test; BNSP through LSP caregiver",
        "certification_body_ind": "Ujian keterampilan perawatan Jepang; BNSP melalui LSP caregiver",
        "language_level_en": "JLPT N4 or JFT-Basic A2, and the care Japanese test",
        "language_level_ind": "JLPT N4 atau JFT-Basic A2, dan ujian bahasa Jepang perawatan",
        "training_hours": 720,
        "modules_en": (
            "Safe transfer and mobility\nDementia care basics\nCare records in Japanese\n"
            "Infection prevention"
        ),
        "modules_ind": (
            "Pemindahan dan mobilisasi yang aman\nDasar perawatan demensia\nCatatan perawatan "
            "dalam bahasa Jepang\nPencegahan infeksi"
        ),
        "destination_countries": ["JP"],
    },
    {
        "slug": "elderly-caregiver",
        "sector": "caregiving",
        "position": 1,
        "name_en": "Caregiver for the elderly (institutions and homes)",
        "name_ind": "Caregiver lansia (institusi dan rumah)",
        "summary_en": (
            "Care of elderly and disabled people in long-term care institutions and "
            "families, including basic health monitoring."
        ),
        "summary_ind": (
            "Perawatan lansia dan penyandang disabilitas di institusi perawatan jangka "
            "panjang dan keluarga, termasuk pemantauan kesehatan dasar."
        ),
        "standard_en": "SKKNI caregiver, and the 90-hour caregiver training certificate",
        "standard_ind": "SKKNI caregiver, dan sertifikat pelatihan caregiver 90 jam",
        "certification_body_en": "BNSP, through LSP caregiver",
        "certification_body_ind": "BNSP, melalui LSP caregiver",
        "language_level_en": "Basic Mandarin (Taiwan) or English (Singapore)",
        "language_level_ind": "Mandarin dasar (Taiwan) atau bahasa Inggris (Singapura)",
        "training_hours": 600,
        "modules_en": (
            "Personal care and hygiene\nVital signs and first aid\nNutrition for the elderly"
        ),
        "modules_ind": "Perawatan diri dan kebersihan\nTanda vital dan P3K\nGizi untuk lansia",
        "destination_countries": ["TW", "SG"],
    },
    {
        "slug": "formwork-carpenter",
        "sector": "construction",
        "position": 0,
        "name_en": "Formwork carpenter",
        "name_ind": "Tukang kayu bekisting",
        "summary_en": (
            "Building and striking formwork for concrete in buildings and infrastructure, "
            "from drawings and to tolerance."
        ),
        "summary_ind": (
            "Membuat dan membongkar bekisting beton untuk gedung dan infrastruktur, sesuai "
            "gambar dan toleransi."
        ),
        "standard_en": "SKKNI construction carpentry, level 2",
        "standard_ind": "SKKNI tukang kayu konstruksi, level 2",
        "certification_body_en": "LPJK construction workforce certificate (SKK)",
        "certification_body_ind": "Sertifikat kompetensi kerja konstruksi LPJK (SKK)",
        "language_level_en": "Japanese JFT-Basic A2, or Korean EPS-TOPIK",
        "language_level_ind": "Bahasa Jepang JFT-Basic A2, atau bahasa Korea EPS-TOPIK",
        "training_hours": 560,
        "modules_en": "Formwork systems\nMeasuring and levelling\nConstruction safety (K3)",
        "modules_ind": "Sistem bekisting\nPengukuran dan penyipatan\nK3 konstruksi",
        "destination_countries": ["JP", "KR"],
    },
    {
        "slug": "scaffolder",
        "sector": "construction",
        "position": 1,
        "name_en": "Scaffolder",
        "name_ind": "Teknisi perancah",
        "summary_en": "Erecting, inspecting and dismantling tube and system scaffolds safely.",
        "summary_ind": "Memasang, memeriksa dan membongkar perancah pipa dan sistem dengan aman.",
        "standard_en": "SKKNI scaffolding, level 2, with the K3 work-at-height certificate",
        "standard_ind": "SKKNI perancah, level 2, dengan sertifikat K3 bekerja di ketinggian",
        "certification_body_en": "BNSP, through LSP construction",
        "certification_body_ind": "BNSP, melalui LSP konstruksi",
        "language_level_en": "Basic English or Malay",
        "language_level_ind": "Bahasa Inggris atau Melayu dasar",
        "training_hours": 320,
        "modules_en": "Scaffold systems\nWork at height and rescue\nInspection tags and checklists",
        "modules_ind": (
            "Sistem perancah\nBekerja di ketinggian dan penyelamatan\nLabel dan daftar periksa"
        ),
        "destination_countries": ["MY", "JP"],
    },
]

PROGRAMMES = [
    {
        "slug": "welding-to-japanese-standards",
        "position": 0,
        "name_en": "Welding to Japanese standards",
        "name_ind": "Pengelasan standar Jepang",
        "provider": "BLK Bekasi",
        "mode": TrainingMode.PRACTICAL,
        "duration_weeks": 16,
        "hours": 640,
        "outcomes_en": (
            "Weld plate in 3G and 4G positions to JIS Z 3801\nSet up GMAW equipment\n"
            "Read welding symbols on drawings\nKeep a digital weld log"
        ),
        "outcomes_ind": (
            "Mengelas pelat posisi 3G dan 4G sesuai JIS Z 3801\nMenyiapkan peralatan GMAW\n"
            "Membaca simbol las pada gambar\nMencatat log las digital"
        ),
        "occupations": ["welder"],
        "colour": "#0e4f5c",
    },
    {
        "slug": "japanese-for-care-workers",
        "position": 1,
        "name_en": "Japanese for care workers",
        "name_ind": "Bahasa Jepang untuk pekerja perawatan",
        "provider": "LPK Hikari Bandung",
        "mode": TrainingMode.CLASSROOM,
        "duration_weeks": 24,
        "hours": 720,
        "outcomes_en": (
            "Pass JFT-Basic A2 and the care Japanese test\nTalk with residents and their "
            "families\nWrite care records in Japanese"
        ),
        "outcomes_ind": (
            "Lulus JFT-Basic A2 dan ujian bahasa Jepang perawatan\nBerbicara dengan lansia "
            "dan keluarganya\nMenulis catatan perawatan dalam bahasa Jepang"
        ),
        "occupations": ["care-worker-japan"],
        "colour": "#a8461f",
    },
    {
        "slug": "construction-safety-and-scaffolding",
        "position": 2,
        "name_en": "Construction safety (K3) and scaffolding",
        "name_ind": "K3 konstruksi dan perancah",
        "provider": "BLK Semarang",
        "mode": TrainingMode.PRACTICAL,
        "duration_weeks": 8,
        "hours": 320,
        "outcomes_en": (
            "Erect and inspect system scaffolds\nWork at height with a harness and rescue plan\n"
            "Build wall and slab formwork"
        ),
        "outcomes_ind": (
            "Memasang dan memeriksa perancah sistem\nBekerja di ketinggian dengan harnes dan "
            "rencana penyelamatan\nMembuat bekisting dinding dan pelat"
        ),
        "occupations": ["scaffolder", "formwork-carpenter"],
        "colour": "#13294b",
    },
    {
        "slug": "digital-skills-for-working-abroad",
        "position": 3,
        "name_en": "Digital skills for working abroad",
        "name_ind": "Keterampilan digital untuk bekerja di luar negeri",
        "provider": "BP2MI",
        "mode": TrainingMode.ONLINE,
        "duration_weeks": 4,
        "hours": 40,
        "outcomes_en": (
            "Use workplace messaging and video calls\nSend money home safely with digital "
            "services\nRecognise online recruitment fraud"
        ),
        "outcomes_ind": (
            "Memakai aplikasi pesan kerja dan panggilan video\nMengirim uang ke rumah dengan "
            "aman lewat layanan digital\nMengenali penipuan rekrutmen daring"
        ),
        "occupations": [row["slug"] for row in OCCUPATIONS],
        "colour": "#5c6670",
    },
]

# (occupation, country, date, in training, certified): aggregates as reported.
FIGURES = [
    ("welder", "JP", datetime.date(2024, 6, 30), 60, 25),
    ("welder", "JP", datetime.date(2024, 9, 30), 85, 40),
    ("welder", "KR", datetime.date(2024, 9, 30), 40, 30),
    ("machine-operator", "KR", datetime.date(2024, 9, 30), 90, 60),
    ("machine-operator", "TW", datetime.date(2024, 9, 30), 80, 150),
    ("care-worker-japan", "JP", datetime.date(2024, 9, 30), 120, 35),
    ("elderly-caregiver", "TW", datetime.date(2024, 9, 30), 140, 210),
    ("elderly-caregiver", "SG", datetime.date(2024, 9, 30), 30, 20),
    ("formwork-carpenter", "JP", datetime.date(2024, 9, 30), 25, 10),
    ("formwork-carpenter", "KR", datetime.date(2024, 9, 30), 20, 15),
    ("scaffolder", "MY", datetime.date(2024, 9, 30), 45, 70),
    ("scaffolder", "JP", datetime.date(2024, 9, 30), 15, 5),
]
FIGURE_SOURCE = "Training centres' quarterly report"


def load(upsert, *, images: bool, result) -> dict[str, Occupation]:
    """Occupations, programmes (a photo each, with ``images``) and figures; returns the
    occupations by slug for the demo leads."""
    occupations = {
        row["slug"]: upsert(
            Occupation, {"slug": row["slug"]}, {k: v for k, v in row.items() if k != "slug"}
        )
        for row in OCCUPATIONS
    }
    for row in PROGRAMMES:
        values = {k: v for k, v in row.items() if k not in ("slug", "occupations", "colour")}
        programme = upsert(TrainingProgramme, {"slug": row["slug"]}, values)
        programme.occupations.set([occupations[slug] for slug in row["occupations"]])
        if images and not programme.media.exists():
            _photo(programme, row["colour"], result)
    for slug, country, as_of, in_training, certified in FIGURES:
        upsert(
            ReadinessFigure,
            {"occupation": occupations[slug], "country": country, "as_of": as_of},
            {"in_training": in_training, "certified": certified, "source": FIGURE_SOURCE},
        )
    return occupations


def _photo(programme, colour: str, result) -> None:
    media = TrainingMedia(
        programme=programme,
        kind=MediaKind.PHOTO,
        caption=programme.name_en,
        caption_en=programme.name_en,
        caption_ind=programme.name_ind,
    )
    content = product_picture(programme.name_en, programme.provider, colour)
    filename = f"{programme.slug}.jpg"
    media.image.save(filename, ContentFile(content, name=filename), save=False)
    result.images_written.append(media.image.name)
    media.save()
    result.images_written.extend(entry[0] for entry in media.derived.values())
    result.pictures_created += 1
