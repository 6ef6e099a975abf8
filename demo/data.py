"""The demo booth: BP2MI at Trade Expo Indonesia 2024, as plain Python data.

Every business, person and certificate number here is made up; the expo, the venue
and the support programmes are real. Keys are model field names, except the few the
loader handles itself (``parent``/``children``, ``programmes``, ``booth_days``,
``certifications``, ``interests``, ``key``, ...).
"""

from datetime import UTC, date, datetime, time
from decimal import Decimal as D

# Review and consent times are fixed so that every run writes the same values.
REVIEWED_AT = datetime(2024, 9, 20, 3, 0, tzinfo=UTC)
CONSENTED_AT = datetime(2024, 10, 9, 4, 30, tzinfo=UTC)
CONSENT_VERSION = "2024-10"

EXPO = {
    "slug": "tei-2024",
    "name_en": "Trade Expo Indonesia 2024",
    "name_ind": "Trade Expo Indonesia 2024",
    "edition": 39,
    "venue": "ICE BSD (Indonesia Convention Exhibition)",
    "city": "Tangerang",
    "address": "Jl. BSD Grand Boulevard, BSD City, Tangerang, Banten",
    "start_date": date(2024, 10, 9),
    "end_date": date(2024, 10, 12),
    "website": "https://tradexpoindonesia.com",
    "is_current": True,
}

BOOTH = {
    "hall": "Hall 5",
    "stand_number": "5-012",
    "host": "BP2MI",
    "name_en": "BP2MI booth: products of returned migrant workers",
    "name_ind": "Booth BP2MI: produk Pekerja Migran Indonesia purna",
    # TEI 2024 opened to visitors from 10:00 to 18:00 every day.
    "opening_time": time(10, 0),
    "closing_time": time(18, 0),
    "directions_en": (
        "Enter ICE BSD through the main lobby and follow the signs to Hall 5. Turn left "
        "after the hall entrance: stand 5-012 is in the second aisle, next to the MSME "
        "showcase. Look for the blue BP2MI banner."
    ),
    "directions_ind": (
        "Masuk ICE BSD melalui lobi utama dan ikuti petunjuk arah ke Hall 5. Belok kiri "
        "setelah pintu masuk hall: stan 5-012 ada di lorong kedua, di sebelah area pameran "
        "UMKM. Cari spanduk biru BP2MI."
    ),
}

SUPPORT_PROGRAMMES = [
    {
        "code": "sehati",
        "badge_en": "Halal certified through SEHATI",
        "badge_ind": "Halal melalui SEHATI",
        "explanation_en": (
            "Halal certified by BPJPH through the government's free SEHATI programme for small "
            "businesses."
        ),
        "explanation_ind": (
            "Bersertifikat halal BPJPH melalui program SEHATI, sertifikasi halal gratis pemerintah"
            " untuk usaha kecil."
        ),
        "name_en": "SEHATI free halal certification",
        "name_ind": "Sertifikasi halal gratis SEHATI",
        "description_en": (
            "The self-declared halal route for micro and small businesses, free of charge "
            "through BPJPH's SEHATI programme, with a halal process assistant."
        ),
        "description_ind": (
            "Jalur sertifikasi halal pernyataan pelaku usaha (self declare) untuk usaha mikro "
            "dan kecil, gratis melalui program SEHATI BPJPH, didampingi pendamping proses "
            "produk halal."
        ),
    },
    {
        "code": "p-irt",
        "badge_en": "P-IRT food permit",
        "badge_ind": "Izin pangan P-IRT",
        "explanation_en": (
            "Its food is registered with the regency health office as safe home-industry "
            "production (SPP-IRT)."
        ),
        "explanation_ind": (
            "Pangannya terdaftar di dinas kesehatan kabupaten/kota sebagai produksi rumah tangga "
            "yang aman (SPP-IRT)."
        ),
        "name_en": "P-IRT home-industry food permit",
        "name_ind": "Izin pangan industri rumah tangga (P-IRT)",
        "description_en": (
            "Help with the home-industry food production certificate (SPP-IRT) from the "
            "regency health office, including the food safety course it requires."
        ),
        "description_ind": (
            "Pendampingan pengurusan Sertifikat Produksi Pangan Industri Rumah Tangga "
            "(SPP-IRT) dari dinas kesehatan kabupaten/kota, termasuk penyuluhan keamanan "
            "pangan yang disyaratkan."
        ),
    },
    {
        "code": "kur",
        "badge_en": "Financed through KUR",
        "badge_ind": "Dibiayai KUR",
        "explanation_en": (
            "Its growth is financed by a People's Business Credit (KUR) loan from a partner bank."
        ),
        "explanation_ind": (
            "Pengembangan usahanya dibiayai Kredit Usaha Rakyat (KUR) dari bank penyalur."
        ),
        "name_en": "KUR referral (People's Business Credit)",
        "name_ind": "Rujukan KUR (Kredit Usaha Rakyat)",
        "description_en": (
            "Referral to partner banks for People's Business Credit, the government-"
            "subsidised loan for MSMEs, with help preparing the application."
        ),
        "description_ind": (
            "Rujukan ke bank penyalur Kredit Usaha Rakyat, kredit bersubsidi pemerintah untuk "
            "UMKM, beserta pendampingan menyiapkan berkas pengajuannya."
        ),
    },
    {
        "code": "digital-marketing",
        "badge_en": "Trained in digital marketing",
        "badge_ind": "Terlatih pemasaran digital",
        "explanation_en": (
            "The founder completed BP2MI's training in online selling and answering foreign buyers."
        ),
        "explanation_ind": (
            "Pendirinya menyelesaikan pelatihan BP2MI tentang berjualan daring dan melayani "
            "pembeli luar negeri."
        ),
        "name_en": "Digital marketing training",
        "name_ind": "Pelatihan pemasaran digital",
        "description_en": (
            "Hands-on classes on product photography, marketplace listings, social media "
            "and answering foreign buyers."
        ),
        "description_ind": (
            "Kelas praktik foto produk, pengelolaan toko di marketplace, media sosial, dan "
            "cara membalas pembeli dari luar negeri."
        ),
    },
]

# Main categories with their subcategories; icons are Bootstrap Icons names.
CATEGORIES = [
    {
        "slug": "food-and-beverages",
        "name_en": "Food and beverages",
        "name_ind": "Makanan dan minuman",
        "icon": "cup-hot",
        "children": [
            ("processed-food", "Processed food", "Makanan olahan", "egg-fried"),
            ("snacks", "Snacks", "Camilan", "cookie"),
            ("coffee", "Coffee", "Kopi", "cup-hot"),
            ("tea", "Tea", "Teh", "cup"),
            ("spices-and-herbs", "Spices and herbs", "Rempah dan herbal", "flower2"),
        ],
    },
    {
        "slug": "textiles",
        "name_en": "Textiles",
        "name_ind": "Tekstil",
        "icon": "palette",
        "children": [
            ("batik", "Batik", "Batik", "brush"),
            (
                "woven-cloth",
                "Woven cloth (tenun and songket)",
                "Kain tenun dan songket",
                "hexagon",
            ),
        ],
    },
    {
        "slug": "handicrafts",
        "name_en": "Handicrafts",
        "name_ind": "Kerajinan tangan",
        "icon": "basket",
        "children": [
            (
                "woven-bags-and-baskets",
                "Woven bags and baskets",
                "Tas dan keranjang anyaman",
                "basket2",
            ),
            ("wood-carving", "Wood carving", "Ukiran kayu", "tree"),
            ("home-decor", "Home decor", "Dekorasi rumah", "lamp"),
        ],
    },
    {
        "slug": "fashion",
        "name_en": "Fashion",
        "name_ind": "Busana",
        "icon": "bag-heart",
        "children": [
            ("clothing", "Clothing", "Pakaian", "scissors"),
            ("accessories", "Accessories", "Aksesori", "gem"),
        ],
    },
    {
        "slug": "beauty-and-wellness",
        "name_en": "Beauty and wellness",
        "name_ind": "Kecantikan dan kebugaran",
        "icon": "flower1",
        "children": [
            ("herbal-jamu", "Herbal drinks (jamu)", "Jamu dan minuman herbal", "capsule"),
            ("soap-and-cosmetics", "Soap and cosmetics", "Sabun dan kosmetik", "droplet"),
        ],
    },
]

# The base colour of the placeholder pictures, per subcategory.
PICTURE_COLOURS = {
    "processed-food": "#B5651D",
    "snacks": "#C98A2B",
    "coffee": "#6F4E37",
    "tea": "#5B7F3A",
    "spices-and-herbs": "#A0522D",
    "batik": "#2E3A87",
    "woven-cloth": "#8B1E3F",
    "woven-bags-and-baskets": "#9C7A3C",
    "wood-carving": "#7A4B2A",
    "home-decor": "#5E7C6B",
    "clothing": "#7B3F61",
    "accessories": "#A64D79",
    "herbal-jamu": "#B8860B",
    "soap-and-cosmetics": "#2A8C8C",
}
DEFAULT_PICTURE_COLOUR = "#44617B"

EXHIBITORS = [
    {
        "slug": "kopi-gayo-mandiri",
        "name": "Kopi Gayo Mandiri",
        "founder_name": "Rahmah Fitriani",
        "former_placement_country": "HK",
        "sector_abroad": "domestic_work",
        "years_abroad": 6,
        "year_returned": 2016,
        "province": "AC",
        "regency": "Aceh Tengah",
        "nib": "9120101160017",
        "scale": "small",
        "employees": 9,
        "established_year": 2017,
        "export_readiness": "exporting",
        "export_markets": ["MY", "AE"],
        "email": "kopigayo@example.id",
        "phone": "+6281234567801",
        "address": "Jl. Lintas Takengon–Bireuen No. 14, Takengon, Aceh Tengah",
        "review_status": "approved",
        # Buyers who asked may chat with the owner on WhatsApp (status page).
        "whatsapp_public": True,
        "featured": True,
        "tagline_en": "Highland arabica from the Gayo plateau, roasted to order",
        "tagline_ind": "Arabika dataran tinggi Gayo, disangrai sesuai pesanan",
        "story_en": (
            "Rahmah worked for six years as a domestic worker in Hong Kong and spent her days "
            "off at a coffee course in Kowloon. Back in Takengon in 2016 she bought a small "
            "roaster with her savings and began buying cherries from neighbours at a fair "
            "price. Today nine people, most of them relatives of former migrant workers, sort, "
            "roast and pack the coffee, including Toraja and Kintamani beans from partner "
            "farmer groups."
        ),
        "story_ind": (
            "Rahmah enam tahun bekerja sebagai pekerja rumah tangga di Hong Kong dan memakai "
            "hari liburnya untuk kursus kopi di Kowloon. Sepulang ke Takengon pada 2016, ia "
            "membeli mesin sangrai kecil dari tabungannya dan mulai membeli buah kopi dari "
            "tetangga dengan harga yang adil. Kini sembilan orang, kebanyakan keluarga mantan "
            "pekerja migran, menyortir, menyangrai, dan mengemas kopinya, termasuk biji Toraja "
            "dan Kintamani dari kelompok tani mitra."
        ),
        "programmes": ["sehati", "kur"],
        "booth_days": [0, 1, 2, 3],
    },
    {
        "slug": "batik-tulis-sekar-jagad",
        "name": "Batik Tulis Sekar Jagad",
        "founder_name": "Siti Aminah",
        "former_placement_country": "TW",
        "sector_abroad": "caregiving",
        "years_abroad": 8,
        "year_returned": 2015,
        "province": "JT",
        "regency": "Kota Pekalongan",
        "nib": "9120202150028",
        "scale": "small",
        "employees": 14,
        "established_year": 2016,
        "export_readiness": "exporting",
        "export_markets": ["JP", "MY"],
        "email": "sekarjagad@example.id",
        "phone": "+6281234567802",
        "address": "Jl. Jlamprang No. 7, Krapyak, Kota Pekalongan",
        "review_status": "approved",
        # Buyers who asked may chat with the owner on WhatsApp (status page).
        "whatsapp_public": True,
        "featured": True,
        "tagline_en": "Hand-drawn batik from Pekalongan, one canting stroke at a time",
        "tagline_ind": "Batik tulis Pekalongan, digoreskan canting helai demi helai",
        "story_en": (
            "Siti cared for an elderly man in Taichung for eight years and sent most of her "
            "wages home to her mother, a batik maker. When she returned in 2015 she turned her "
            "mother's workshop into a business and trained young women from the neighbourhood "
            "in hand-drawn batik. Sekar Jagad now works with natural as well as synthetic dyes "
            "and ships small lots to boutiques in Japan."
        ),
        "story_ind": (
            "Siti delapan tahun merawat seorang lansia di Taichung dan mengirim sebagian besar "
            "gajinya kepada ibunya, seorang pembatik. Sepulang pada 2015, ia mengembangkan "
            "bengkel batik ibunya menjadi usaha dan melatih para perempuan muda di lingkungannya "
            "membatik tulis. Kini Sekar Jagad memakai pewarna alami maupun sintetis dan "
            "mengirim pesanan kecil ke butik-butik di Jepang."
        ),
        "programmes": ["digital-marketing"],
        "booth_days": [0, 1, 2],
    },
    {
        "slug": "tenun-ikat-sumba-lestari",
        "name": "Tenun Ikat Sumba Lestari",
        "founder_name": "Maria Goreti Ndapa",
        "former_placement_country": "MY",
        "sector_abroad": "agriculture",
        "years_abroad": 5,
        "year_returned": 2018,
        "province": "NT",
        "regency": "Sumba Timur",
        "nib": "9120303190039",
        "scale": "small",
        "employees": 12,
        "established_year": 2019,
        "export_readiness": "ready",
        "export_markets": [],
        "email": "sumbalestari@example.id",
        "phone": "+6281234567803",
        "address": "Desa Kambera, Kecamatan Kambera, Sumba Timur",
        "review_status": "approved",
        "featured": True,
        "tagline_en": "Hinggi and ikat cloth woven by the women of East Sumba",
        "tagline_ind": "Hinggi dan kain ikat tenunan perempuan Sumba Timur",
        "story_en": (
            "Maria spent five years on an oil-palm estate in Sabah and saved enough to come "
            "home with a plan. In 2019 she gathered twelve weavers from her village near "
            "Waingapu into a group that shares looms, natural dyes and orders. Each hinggi "
            "takes one to three months to tie, dye and weave, and every piece carries the "
            "weaver's name."
        ),
        "story_ind": (
            "Maria lima tahun bekerja di perkebunan kelapa sawit di Sabah dan menabung agar "
            "bisa pulang dengan sebuah rencana. Pada 2019 ia mengajak dua belas penenun di "
            "desanya dekat Waingapu membentuk kelompok yang berbagi alat tenun, pewarna alami, "
            "dan pesanan. Setiap hinggi butuh satu sampai tiga bulan untuk diikat, dicelup, "
            "dan ditenun, dan setiap lembar mencantumkan nama penenunnya."
        ),
        "programmes": ["digital-marketing", "kur"],
        "booth_days": [1, 2],
    },
    {
        "slug": "songket-sasak-sukarara",
        "name": "Songket Sasak Sukarara",
        "founder_name": "Baiq Nurhayati",
        "former_placement_country": "SA",
        "sector_abroad": "domestic_work",
        "years_abroad": 7,
        "year_returned": 2014,
        "province": "NB",
        "regency": "Lombok Tengah",
        "nib": "9120404140040",
        "scale": "micro",
        "employees": 6,
        "established_year": 2015,
        "export_readiness": "ready",
        "export_markets": [],
        "email": "songketsukarara@example.id",
        "phone": "+6281234567804",
        "address": "Desa Sukarara, Kecamatan Jonggat, Lombok Tengah",
        "review_status": "approved",
        "tagline_en": "Sasak songket and tenun from Sukarara village, Lombok",
        "tagline_ind": "Songket dan tenun Sasak dari Desa Sukarara, Lombok",
        "story_en": (
            "Like every Sasak girl in Sukarara, Baiq learned to weave as a child, and she went "
            "back to her loom after seven years as a domestic worker in Jeddah. She began by "
            "selling her own songket to visitors, then organised her neighbours to fill larger "
            "orders for hotels in Mataram. Her workshop now designs lighter songket for "
            "clutches and table runners that travel well."
        ),
        "story_ind": (
            "Seperti anak perempuan Sasak lainnya di Sukarara, Baiq belajar menenun sejak "
            "kecil, dan kembali ke alat tenunnya setelah tujuh tahun menjadi pekerja rumah "
            "tangga di Jeddah. Ia mulai dengan menjual songket buatannya kepada wisatawan, lalu "
            "mengajak tetangga memenuhi pesanan besar dari hotel-hotel di Mataram. Kini "
            "bengkelnya merancang songket yang lebih ringan untuk dompet pesta dan taplak meja "
            "yang mudah dibawa bepergian."
        ),
        "programmes": ["digital-marketing"],
        "booth_days": [2, 3],
    },
    {
        "slug": "rotan-anyam-cirebon",
        "name": "Rotan Anyam Cirebon",
        "founder_name": "Dedi Supriatna",
        "former_placement_country": "KR",
        "sector_abroad": "manufacturing",
        "years_abroad": 5,
        "year_returned": 2019,
        "province": "JB",
        "regency": "Kabupaten Cirebon",
        "nib": "9120505200051",
        "scale": "small",
        "employees": 22,
        "established_year": 2020,
        "export_readiness": "exporting",
        "export_markets": ["US", "AU", "NL"],
        "email": "rotancirebon@example.id",
        "phone": "+6281234567805",
        "address": "Jl. Raya Tegalwangi No. 31, Weru, Kabupaten Cirebon",
        "review_status": "approved",
        "featured": True,
        "tagline_en": "Rattan bags, baskets and lamps from the rattan village of Tegalwangi",
        "tagline_ind": "Tas, keranjang, dan lampu rotan dari sentra rotan Tegalwangi",
        "story_en": (
            "Dedi worked for five years in a furniture factory in Gyeonggi under the EPS "
            "programme, where he learned production planning and quality control. Back in "
            "Cirebon he combined that discipline with the rattan skills of his home village, "
            "Tegalwangi. His team of twenty-two weavers and finishers now ships bags and "
            "baskets by the container to retailers in the United States and Australia."
        ),
        "story_ind": (
            "Dedi lima tahun bekerja di pabrik mebel di Gyeonggi melalui program EPS dan "
            "belajar perencanaan produksi serta pengendalian mutu. Sepulang ke Cirebon, ia "
            "memadukan disiplin itu dengan keterampilan menganyam rotan di kampung halamannya, "
            "Tegalwangi. Kini dua puluh dua penganyam dan tenaga finishing di timnya mengirim "
            "tas dan keranjang per kontainer ke peritel di Amerika Serikat dan Australia."
        ),
        "programmes": ["kur", "digital-marketing"],
        "booth_days": [0, 1, 2, 3],
    },
    {
        "slug": "ukir-jepara-karya-purna",
        "name": "Ukir Jepara Karya Purna",
        "founder_name": "Slamet Riyadi",
        "former_placement_country": "JP",
        "sector_abroad": "manufacturing",
        "years_abroad": 3,
        "year_returned": 2020,
        "province": "JT",
        "regency": "Jepara",
        "nib": "9120606210062",
        "scale": "small",
        "employees": 11,
        "established_year": 2021,
        "export_readiness": "ready",
        "export_markets": [],
        "email": "ukirjepara@example.id",
        "phone": "+6281234567806",
        "address": "Jl. Raya Mulyoharjo No. 22, Jepara",
        "review_status": "approved",
        "tagline_en": "Carved teak homeware with legal-timber (SVLK) papers",
        "tagline_ind": "Perabot rumah ukiran jati dengan dokumen kayu legal (SVLK)",
        "story_en": (
            "Slamet spent three years as a technical intern at a woodworking plant in "
            "Shizuoka, where he learned Japanese precision and finishing. He came home to "
            "Jepara in 2020 and set up a workshop for smaller carved pieces, such as trays, "
            "boxes and wall panels, that are easier to export than furniture. All of his "
            "timber comes from SVLK-certified suppliers."
        ),
        "story_ind": (
            "Slamet tiga tahun menjadi peserta magang teknis di pabrik pengolahan kayu di "
            "Shizuoka dan belajar ketelitian serta teknik finishing ala Jepang. Ia pulang ke "
            "Jepara pada 2020 dan membuka bengkel untuk ukiran berukuran kecil, seperti nampan, "
            "kotak, dan panel dinding, yang lebih mudah diekspor daripada mebel. Seluruh "
            "kayunya berasal dari pemasok bersertifikat SVLK."
        ),
        "programmes": ["kur"],
        "booth_days": [0, 3],
    },
    {
        "slug": "rempah-banda-nusantara",
        "name": "Rempah Banda Nusantara",
        "founder_name": "Fatimah Latuconsina",
        "former_placement_country": "AE",
        "sector_abroad": "domestic_work",
        "years_abroad": 4,
        "year_returned": 2017,
        "province": "MA",
        "regency": "Maluku Tengah",
        "nib": "9120707180073",
        "scale": "micro",
        "employees": 5,
        "established_year": 2018,
        "export_readiness": "exporting",
        "export_markets": ["NL", "AE"],
        "email": "rempahbanda@example.id",
        "phone": "+6281234567807",
        "address": "Jl. Pelabuhan No. 3, Banda Neira, Maluku Tengah",
        "review_status": "approved",
        "featured": True,
        "tagline_en": "Nutmeg, mace and cloves from the Banda Islands",
        "tagline_ind": "Pala, fuli, dan cengkih dari Kepulauan Banda",
        "story_en": (
            "Fatimah worked in a family home in Abu Dhabi for four years and noticed how much "
            "the cooks there paid for nutmeg from her own islands. In 2018 she began buying "
            "directly from smallholders in Banda Neira and drying the spices on raised racks "
            "to keep them clean. Her first export was a 200 kg lot of mace for a spice trader "
            "in Rotterdam."
        ),
        "story_ind": (
            "Fatimah empat tahun bekerja di sebuah rumah tangga di Abu Dhabi dan melihat "
            "betapa mahalnya harga pala dari pulau asalnya di sana. Pada 2018 ia mulai membeli "
            "langsung dari petani kecil di Banda Neira dan menjemur rempah di para-para agar "
            "tetap bersih. Ekspor pertamanya adalah 200 kg fuli untuk pedagang rempah di "
            "Rotterdam."
        ),
        "programmes": ["sehati", "digital-marketing"],
        "booth_days": [1, 2, 3],
    },
    {
        "slug": "minahasa-harum",
        "name": "Minahasa Harum",
        "founder_name": "Johny Rompas",
        "former_placement_country": "TW",
        "sector_abroad": "fisheries",
        "years_abroad": 6,
        "year_returned": 2017,
        "province": "SA",
        "regency": "Minahasa",
        "nib": "9120808180084",
        "scale": "small",
        "employees": 10,
        "established_year": 2018,
        "export_readiness": "exporting",
        "export_markets": ["US", "TW"],
        "email": "minahasaharum@example.id",
        "phone": "+6281234567808",
        "address": "Jl. Raya Tondano–Remboken No. 9, Minahasa",
        "review_status": "approved",
        "tagline_en": "Cured vanilla and organic coconut sugar from North Sulawesi",
        "tagline_ind": "Vanili kering dan gula kelapa organik dari Sulawesi Utara",
        "story_en": (
            "Johny spent six years as a crew member on Taiwanese fishing vessels and came home "
            "determined to stay on land. He took over his father's vanilla garden near Tondano "
            "and learned the slow curing that turns green pods into dark, fragrant beans. "
            "Minahasa Harum now buys from forty smallholders and makes coconut sugar with "
            "tappers in the neighbouring villages."
        ),
        "story_ind": (
            "Johny enam tahun menjadi anak buah kapal di kapal ikan Taiwan dan pulang dengan "
            "tekad untuk bekerja di darat. Ia meneruskan kebun vanili ayahnya di dekat Tondano "
            "dan mempelajari pengeringan lambat yang mengubah polong hijau menjadi biji vanili "
            "yang gelap dan harum. Kini Minahasa Harum membeli dari empat puluh petani kecil "
            "dan membuat gula kelapa bersama para penyadap di desa-desa tetangga."
        ),
        "programmes": ["kur"],
        "booth_days": [0, 1],
    },
    {
        "slug": "keripik-bunda-blitar",
        "name": "Keripik Bunda Blitar",
        "founder_name": "Sri Wahyuni",
        "former_placement_country": "HK",
        "sector_abroad": "domestic_work",
        "years_abroad": 9,
        "year_returned": 2013,
        "province": "JI",
        "regency": "Blitar",
        "nib": "9120909140095",
        "scale": "small",
        "employees": 18,
        "established_year": 2014,
        "export_readiness": "ready",
        "export_markets": [],
        "email": "keripikbunda@example.id",
        "phone": "+6281234567809",
        "address": "Jl. Raya Kanigoro No. 45, Blitar",
        "review_status": "approved",
        "tagline_en": "Crisp tempeh and cassava chips and East Javanese sambal",
        "tagline_ind": "Keripik tempe, keripik singkong, dan sambal khas Jawa Timur",
        "story_en": (
            "Sri worked in Hong Kong for nine years and joined a savings group of Indonesian "
            "domestic workers that met every Sunday in Victoria Park. With those savings she "
            "started frying tempeh chips in her kitchen in Blitar in 2014. The business now "
            "employs eighteen people, mostly women from migrant workers' families, and sells "
            "through supermarkets across East Java."
        ),
        "story_ind": (
            "Sri sembilan tahun bekerja di Hong Kong dan ikut kelompok menabung pekerja rumah "
            "tangga Indonesia yang berkumpul setiap Minggu di Victoria Park. Dengan tabungan "
            "itu, ia mulai menggoreng keripik tempe di dapurnya di Blitar pada 2014. Kini "
            "usahanya mempekerjakan delapan belas orang, sebagian besar perempuan dari keluarga "
            "pekerja migran, dan produknya dijual di pasar swalayan di seluruh Jawa Timur."
        ),
        "programmes": ["sehati", "p-irt", "kur"],
        "booth_days": [0, 1, 2, 3],
    },
    {
        "slug": "jamu-mbok-endang",
        "name": "Jamu Mbok Endang",
        "founder_name": "Endang Sulistyowati",
        "former_placement_country": "JP",
        "sector_abroad": "caregiving",
        "years_abroad": 4,
        "year_returned": 2021,
        "province": "YO",
        "regency": "Sleman",
        "nib": "9121010210106",
        "scale": "micro",
        "employees": 6,
        "established_year": 2021,
        "export_readiness": "ready",
        "export_markets": [],
        "email": "jamumbokendang@example.id",
        "phone": "+6281234567810",
        "address": "Jl. Kaliurang Km 12, Ngaglik, Sleman",
        "review_status": "approved",
        "tagline_en": "Instant jamu and herbal teas from a Yogyakarta family recipe",
        "tagline_ind": "Jamu instan dan teh herbal dari resep keluarga Yogyakarta",
        "story_en": (
            "Endang worked as a care worker in a nursing home in Osaka for four years under "
            "the Indonesia–Japan partnership programme. She saw how carefully Japanese shops "
            "label and package health drinks, and brought that care home to her grandmother's "
            "jamu recipes. Her instant drinks are made without preservatives and packed in "
            "resealable pouches."
        ),
        "story_ind": (
            "Endang empat tahun bekerja sebagai perawat lansia di panti wreda di Osaka melalui "
            "program kemitraan Indonesia–Jepang. Ia melihat betapa telitinya toko-toko di "
            "Jepang memberi label dan mengemas minuman kesehatan, lalu membawa ketelitian itu "
            "ke resep jamu neneknya. Jamu instan buatannya dibuat tanpa pengawet dan dikemas "
            "dalam kantong yang bisa ditutup kembali."
        ),
        "programmes": ["sehati", "p-irt", "digital-marketing"],
        "booth_days": [1, 2],
    },
    {
        "slug": "sabun-kelapa-asri",
        "name": "Sabun Kelapa Asri",
        "founder_name": "Ni Made Sukerti",
        "former_placement_country": "AE",
        "sector_abroad": "hospitality",
        "years_abroad": 5,
        "year_returned": 2018,
        "province": "BA",
        "regency": "Karangasem",
        "nib": "9121111190117",
        "scale": "micro",
        "employees": 7,
        "established_year": 2019,
        "export_readiness": "exporting",
        "export_markets": ["AU", "JP"],
        "email": "sabunasri@example.id",
        "phone": "+6281234567811",
        "address": "Jl. Raya Amlapura–Rendang No. 18, Karangasem",
        "review_status": "approved",
        "tagline_en": "Cold-process virgin coconut oil soap, made in East Bali",
        "tagline_ind": "Sabun minyak kelapa murni proses dingin, buatan Bali Timur",
        "story_en": (
            "Made worked for five years in the spa of a hotel in Dubai, where she learned about "
            "skincare ingredients and what guests look for. Back in Karangasem she began "
            "pressing virgin coconut oil from local coconuts and making soap by the cold "
            "process, curing every bar for four weeks. Her soaps are sold in boutique hotels in "
            "Bali and by a retailer in Australia."
        ),
        "story_ind": (
            "Made lima tahun bekerja di spa sebuah hotel di Dubai dan belajar tentang bahan "
            "perawatan kulit serta apa yang dicari para tamu. Sepulang ke Karangasem, ia mulai "
            "memeras minyak kelapa murni dari kelapa setempat dan membuat sabun dengan proses "
            "dingin, mengeringkan setiap batang selama empat minggu. Sabunnya kini dijual di "
            "hotel-hotel butik di Bali dan oleh peritel di Australia."
        ),
        "programmes": ["digital-marketing", "kur"],
        "booth_days": [2, 3],
    },
    {
        "slug": "tapis-kirana",
        "name": "Tapis Kirana",
        "founder_name": "Ayu Lestari",
        "former_placement_country": "SG",
        "sector_abroad": "domestic_work",
        "years_abroad": 5,
        "year_returned": 2019,
        "province": "LA",
        "regency": "Kota Bandar Lampung",
        "nib": "9121212200128",
        "scale": "micro",
        "employees": 9,
        "established_year": 2020,
        "export_readiness": "ready",
        "export_markets": ["MY"],
        "email": "tapiskirana@example.id",
        "phone": "+6281234567812",
        "address": "Jl. Pagar Alam No. 60, Kedaton, Kota Bandar Lampung",
        "review_status": "approved",
        "tagline_en": "Modest wear and accessories with Lampung tapis embroidery",
        "tagline_ind": "Busana muslim dan aksesori bersulam tapis Lampung",
        "story_en": (
            "Ayu worked for a family in Singapore for five years and learned dressmaking at "
            "weekend classes run by a migrant workers' centre. In 2020 she opened a small "
            "tailoring workshop in Bandar Lampung that brings the gold-thread tapis embroidery "
            "of her region to hijabs, tunics and clutch bags. She trains young mothers nearby "
            "to embroider at home, so they can earn while caring for their children."
        ),
        "story_ind": (
            "Ayu lima tahun bekerja pada sebuah keluarga di Singapura dan belajar menjahit di "
            "kelas akhir pekan yang diadakan pusat pelatihan pekerja migran. Pada 2020 ia "
            "membuka usaha jahit kecil di Bandar Lampung yang membawa sulaman tapis benang emas "
            "khas daerahnya ke hijab, tunik, dan tas tangan. Ia melatih para ibu muda di "
            "sekitarnya menyulam dari rumah agar bisa berpenghasilan sambil mengasuh anak."
        ),
        "programmes": ["digital-marketing", "kur"],
        "booth_days": [0, 1, 2],
    },
    {
        "slug": "sutra-sengkang-wajo",
        "name": "Sutra Sengkang Wajo",
        "founder_name": "Andi Nurhayati",
        "former_placement_country": "MY",
        "sector_abroad": "agriculture",
        "years_abroad": 7,
        "year_returned": 2016,
        "province": "SN",
        "regency": "Wajo",
        "nib": "9121313170139",
        "scale": "micro",
        "employees": 3,
        "established_year": 2017,
        "export_readiness": "not_yet",
        "export_markets": [],
        "email": "sutrasengkang@example.id",
        "phone": "+6281234567813",
        "address": "Jl. Sutera No. 11, Tempe, Wajo",
        "review_status": "pending",
        "tagline_en": "Hand-woven Bugis silk from Sengkang",
        "tagline_ind": "Sutra Bugis tenunan tangan dari Sengkang",
        "story_en": (
            "Andi worked on a plantation in Tawau, Sabah, for seven years before returning to "
            "Sengkang, the silk town of South Sulawesi. She revived her family's wooden looms "
            "and weaves lipa' sabbe, the Bugis silk sarong, with two relatives. She is "
            "preparing her first listings for foreign buyers with help from the agency's "
            "digital marketing class."
        ),
        "story_ind": (
            "Andi tujuh tahun bekerja di perkebunan di Tawau, Sabah, sebelum pulang ke "
            "Sengkang, kota sutra di Sulawesi Selatan. Ia menghidupkan kembali alat tenun kayu "
            "milik keluarganya dan menenun lipa' sabbe, sarung sutra Bugis, bersama dua "
            "kerabatnya. Kini ia menyiapkan daftar produk pertamanya untuk pembeli mancanegara "
            "dengan bantuan kelas pemasaran digital dari BP2MI."
        ),
        "programmes": ["digital-marketing"],
        "booth_days": [],
    },
    {
        "slug": "dapur-ikan-indramayu",
        "name": "Dapur Ikan Indramayu",
        "founder_name": "Tarsih",
        "former_placement_country": "BN",
        "sector_abroad": "domestic_work",
        "years_abroad": 6,
        "year_returned": 2020,
        "province": "JB",
        "regency": "Indramayu",
        "nib": "9121414220140",
        "scale": "micro",
        "employees": 3,
        "established_year": 2022,
        "export_readiness": "not_yet",
        "export_markets": [],
        "email": "dapurikan@example.id",
        "phone": "+6281234567814",
        "address": "Desa Karangsong, Kecamatan Indramayu, Indramayu",
        "review_status": "draft",
        "tagline_en": "Fish crackers and shrimp paste from the Indramayu coast",
        "tagline_ind": "Kerupuk ikan dan terasi dari pesisir Indramayu",
        "story_en": (
            "Tarsih worked for six years in Bandar Seri Begawan and now makes fish crackers "
            "with fishermen's wives in her coastal village. She is still completing her food "
            "permits and photos before sending the profile to the agency for review."
        ),
        "story_ind": (
            "Tarsih enam tahun bekerja di Bandar Seri Begawan dan kini membuat kerupuk ikan "
            "bersama para istri nelayan di desa pesisirnya. Ia masih melengkapi izin pangan dan "
            "foto sebelum profil usahanya diajukan ke BP2MI untuk ditinjau."
        ),
        "programmes": ["p-irt", "sehati"],
        "booth_days": [],
    },
]

# Certification tuples: (kind, number, issuer, valid until or None for no expiry).
_HALAL_ISSUER = "BPJPH"
_BPOM_ISSUER = "BPOM RI"

PRODUCTS = [
    # Kopi Gayo Mandiri
    {
        "slug": "gayo-arabica-roasted-beans",
        "exhibitor": "kopi-gayo-mandiri",
        "category": "coffee",
        "name_en": "Gayo arabica roasted beans",
        "name_ind": "Biji kopi arabika Gayo sangrai",
        "description_en": (
            "Single-origin arabica from smallholder gardens at 1,400–1,600 m around Lake Laut "
            "Tawar, wet-hulled and roasted medium to order. Notes of dark chocolate and spice "
            "with a clean, syrupy finish."
        ),
        "description_ind": (
            "Arabika satu asal dari kebun petani kecil di ketinggian 1.400–1.600 m sekitar "
            "Danau Laut Tawar, diproses giling basah dan disangrai medium sesuai pesanan. Cita "
            "rasa cokelat hitam dan rempah dengan akhir yang bersih dan kental."
        ),
        "materials_en": "100% arabica coffee beans (Gayo, Aceh Tengah)",
        "materials_ind": "100% biji kopi arabika (Gayo, Aceh Tengah)",
        "hs_code": "0901.21",
        "unit": "kg",
        "moq": 20,
        "price_min": D("240000"),
        "price_max": D("310000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 1500,
        "lead_time_days": 14,
        "shelf_life_days": 365,
        "custom_orders": True,
        "featured": True,
        "certifications": [
            ("halal", "ID11110000412370222", _HALAL_ISSUER, None),
            ("sni", "SPPT-SNI 0417/KOPI/2023", "LSPro Mutu Pangan Nusantara", date(2027, 3, 31)),
        ],
    },
    {
        "slug": "gayo-arabica-green-beans",
        "exhibitor": "kopi-gayo-mandiri",
        "category": "coffee",
        "name_en": "Gayo arabica green beans, grade 1",
        "name_ind": "Biji kopi hijau arabika Gayo, mutu 1",
        "description_en": (
            "Export-grade green coffee, wet-hulled, screen 16 and up, moisture below 12.5%. "
            "Packed in 60 kg jute bags with hermetic liners; samples available for cupping."
        ),
        "description_ind": (
            "Kopi beras (green bean) mutu ekspor, giling basah, ukuran ayakan 16 ke atas, kadar "
            "air di bawah 12,5%. Dikemas dalam karung goni 60 kg berlapis kantong kedap udara; "
            "sampel tersedia untuk cupping."
        ),
        "materials_en": "Arabica green coffee beans (Typica and Ateng varieties)",
        "materials_ind": "Biji kopi arabika mentah (varietas Typica dan Ateng)",
        "hs_code": "0901.11",
        "unit": "kg",
        "moq": 600,
        "price_min": D("7.20"),
        "price_max": D("8.90"),
        "currency": "USD",
        "incoterms": ["FOB", "CFR"],
        "monthly_capacity": 6000,
        "lead_time_days": 30,
        "shelf_life_days": 365,
        "featured": True,
        "certifications": [
            ("organic", "ORG-0371/LSO/2023", "LSO Organik Nusantara", date(2027, 6, 30)),
        ],
    },
    {
        "slug": "toraja-sapan-arabica-roasted-beans",
        "exhibitor": "kopi-gayo-mandiri",
        "category": "coffee",
        "name_en": "Toraja Sapan arabica roasted beans",
        "name_ind": "Biji kopi arabika Toraja Sapan sangrai",
        "description_en": (
            "Arabica from the Sapan highlands of Tana Toraja, grown by a partner farmer group "
            "and roasted medium-light in Takengon. Bright acidity with notes of brown sugar "
            "and red fruit."
        ),
        "description_ind": (
            "Arabika dari dataran tinggi Sapan, Tana Toraja, ditanam kelompok tani mitra dan "
            "disangrai medium-light di Takengon. Keasaman cerah dengan cita rasa gula merah "
            "dan buah merah."
        ),
        "materials_en": "100% arabica coffee beans (Sapan, Tana Toraja)",
        "materials_ind": "100% biji kopi arabika (Sapan, Tana Toraja)",
        "hs_code": "0901.21",
        "unit": "kg",
        "moq": 10,
        "price_min": D("260000"),
        "price_max": D("330000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 600,
        "lead_time_days": 14,
        "shelf_life_days": 365,
    },
    {
        "slug": "kintamani-arabica-natural",
        "exhibitor": "kopi-gayo-mandiri",
        "category": "coffee",
        "name_en": "Kintamani arabica, natural process",
        "name_ind": "Kopi arabika Kintamani proses natural",
        "description_en": (
            "Sun-dried whole cherries from the volcanic slopes of Mount Batur in Bali, grown "
            "among citrus trees by a subak abian farmer group. Fruity and sweet, with a hint "
            "of orange."
        ),
        "description_ind": (
            "Buah kopi utuh yang dijemur matahari dari lereng vulkanis Gunung Batur, Bali, "
            "ditanam di antara pohon jeruk oleh kelompok tani subak abian. Rasa buah dan manis, "
            "dengan sentuhan jeruk."
        ),
        "materials_en": "100% arabica coffee beans (Kintamani, Bangli)",
        "materials_ind": "100% biji kopi arabika (Kintamani, Bangli)",
        "hs_code": "0901.21",
        "unit": "kg",
        "moq": 10,
        "price_min": D("280000"),
        "price_max": D("350000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 400,
        "lead_time_days": 14,
        "shelf_life_days": 365,
    },
    {
        "slug": "gayo-coffee-drip-bags",
        "exhibitor": "kopi-gayo-mandiri",
        "category": "coffee",
        "name_en": "Gayo coffee drip bags, box of 10",
        "name_ind": "Kopi Gayo drip bag, isi 10",
        "description_en": (
            "Ground Gayo arabica in single-serve drip bags of 10 g, flushed with nitrogen to "
            "keep the aroma. Ten bags to a printed box."
        ),
        "description_ind": (
            "Kopi arabika Gayo bubuk dalam kantong seduh sekali pakai berisi 10 g, diisi "
            "nitrogen agar aromanya terjaga. Sepuluh kantong per kotak bercetak."
        ),
        "materials_en": "100% ground arabica coffee",
        "materials_ind": "100% kopi arabika bubuk",
        "hs_code": "0901.21",
        "unit": "box",
        "moq": 100,
        "price_min": D("65000"),
        "price_max": D("80000"),
        "monthly_capacity": 3000,
        "lead_time_days": 10,
        "shelf_life_days": 270,
        "review_status": "pending",
    },
    # Batik Tulis Sekar Jagad
    {
        "slug": "batik-tulis-jlamprang-cloth",
        "exhibitor": "batik-tulis-sekar-jagad",
        "category": "batik",
        "name_en": "Hand-drawn batik cloth, Jlamprang motif",
        "name_ind": "Kain batik tulis motif Jlamprang",
        "description_en": (
            "A full 2.5 m length of primissima cotton, hand-drawn with the canting in "
            "Pekalongan's geometric Jlamprang motif and dyed in indigo and soga brown. Each "
            "cloth takes about three weeks and no two are alike."
        ),
        "description_ind": (
            "Kain katun primisima sepanjang 2,5 m, dibatik tulis dengan canting bermotif "
            "Jlamprang khas Pekalongan dan diwarnai nila serta cokelat soga. Setiap lembar "
            "dikerjakan sekitar tiga minggu dan tidak ada yang sama."
        ),
        "materials_en": "Primissima cotton, natural indigo and soga dyes, beeswax",
        "materials_ind": "Katun primisima, pewarna alami nila dan soga, malam lebah",
        "hs_code": "5208.52",
        "unit": "sheet",
        "moq": 5,
        "price_min": D("850000"),
        "price_max": D("1500000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 40,
        "lead_time_days": 30,
        "custom_orders": True,
        "featured": True,
        "certifications": [
            (
                "other",
                "Batikmark 0412/PKL/2022",
                "Balai Besar Kerajinan dan Batik",
                date(2027, 12, 31),
            ),
        ],
    },
    {
        "slug": "batik-cap-cotton-fabric",
        "exhibitor": "batik-tulis-sekar-jagad",
        "category": "batik",
        "name_en": "Batik cap cotton fabric by the metre",
        "name_ind": "Kain batik cap katun per meter",
        "description_en": (
            "Copper-stamped batik on 115 cm wide cotton, in twelve colourways of the Buketan "
            "flower motif. For garments, cushions and table linen."
        ),
        "description_ind": (
            "Batik cap dengan stempel tembaga di atas katun lebar 115 cm, dalam dua belas "
            "pilihan warna motif bunga Buketan. Untuk pakaian, sarung bantal, dan taplak meja."
        ),
        "materials_en": "Cotton, azo-free synthetic dyes, paraffin wax",
        "materials_ind": "Katun, pewarna sintetis bebas azo, lilin parafin",
        "hs_code": "5208.52",
        "unit": "metre",
        "moq": 100,
        "price_min": D("45000"),
        "price_max": D("60000"),
        "incoterms": ["FOB"],
        "monthly_capacity": 3000,
        "lead_time_days": 21,
        "custom_orders": True,
        "certifications": [
            (
                "sni",
                "SPPT-SNI 0873/BBKB/2023",
                "LSPro Balai Besar Kerajinan dan Batik",
                date(2027, 8, 31),
            ),
        ],
    },
    {
        "slug": "silk-batik-scarf",
        "exhibitor": "batik-tulis-sekar-jagad",
        "category": "accessories",
        "name_en": "Hand-drawn silk batik scarf",
        "name_ind": "Selendang sutra batik tulis",
        "description_en": (
            "A light 180 × 55 cm scarf of Garut silk, hand-drawn with a Pekalongan coastal "
            "bouquet and finished with hand-rolled edges. Gift-boxed."
        ),
        "description_ind": (
            "Selendang sutra Garut yang ringan berukuran 180 × 55 cm, dibatik tulis dengan "
            "motif buketan pesisir Pekalongan dan dijahit tepi dengan tangan. Dikemas dalam "
            "kotak hadiah."
        ),
        "materials_en": "Habotai silk, natural and synthetic dyes",
        "materials_ind": "Sutra habotai, pewarna alami dan sintetis",
        "hs_code": "6214.10",
        "unit": "piece",
        "moq": 20,
        "price_min": D("26.00"),
        "price_max": D("38.00"),
        "currency": "USD",
        "incoterms": ["FOB"],
        "monthly_capacity": 200,
        "lead_time_days": 21,
        "custom_orders": True,
        "featured": True,
    },
    {
        "slug": "batik-mens-shirt-long-sleeve",
        "exhibitor": "batik-tulis-sekar-jagad",
        "category": "clothing",
        "name_en": "Men's batik shirt, long sleeve",
        "name_ind": "Kemeja batik pria lengan panjang",
        "description_en": (
            "A tailored long-sleeve shirt in batik cap cotton, fully lined, with a hidden "
            "button placket. Sizes S to XXL; custom sizes for orders of fifty or more."
        ),
        "description_ind": (
            "Kemeja lengan panjang berpotongan rapi dari katun batik cap, berfuring penuh, "
            "dengan plaket kancing tersembunyi. Ukuran S sampai XXL; ukuran khusus untuk "
            "pesanan lima puluh potong atau lebih."
        ),
        "materials_en": "Batik cap cotton, cotton lining",
        "materials_ind": "Katun batik cap, furing katun",
        "hs_code": "6205.20",
        "unit": "piece",
        "moq": 30,
        "price_min": D("275000"),
        "price_max": D("375000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 500,
        "lead_time_days": 30,
        "custom_orders": True,
    },
    # Tenun Ikat Sumba Lestari
    {
        "slug": "hinggi-ikat-cloth",
        "exhibitor": "tenun-ikat-sumba-lestari",
        "category": "woven-cloth",
        "name_en": "Hinggi ikat cloth, East Sumba",
        "name_ind": "Kain hinggi ikat Sumba Timur",
        "description_en": (
            "A man's hinggi of hand-spun cotton, tied and dyed with morinda root and indigo in "
            "the traditional horse and shrimp motifs. About 240 × 120 cm, signed by the weaver."
        ),
        "description_ind": (
            "Hinggi pria dari benang katun pintal tangan, diikat dan dicelup dengan akar "
            "mengkudu dan nila bermotif kuda dan udang tradisional. Ukuran sekitar "
            "240 × 120 cm, mencantumkan nama penenunnya."
        ),
        "materials_en": "Hand-spun cotton, morinda and indigo dyes",
        "materials_ind": "Benang katun pintal tangan, pewarna mengkudu dan nila",
        "hs_code": "6304.92",
        "unit": "piece",
        "moq": 1,
        "price_min": D("3500000"),
        "price_max": D("9000000"),
        "incoterms": ["EXW"],
        "monthly_capacity": 6,
        "lead_time_days": 90,
        "custom_orders": True,
        "featured": True,
    },
    {
        "slug": "sumba-ikat-scarf",
        "exhibitor": "tenun-ikat-sumba-lestari",
        "category": "woven-cloth",
        "name_en": "Sumba ikat scarf",
        "name_ind": "Selendang tenun ikat Sumba",
        "description_en": (
            "A narrow 200 × 45 cm shawl woven on a back-strap loom, in natural red and blue "
            "with a small lizard motif. Light enough to wear every day."
        ),
        "description_ind": (
            "Selendang sempit 200 × 45 cm yang ditenun dengan alat tenun gedogan, berwarna "
            "merah dan biru alami dengan motif cicak kecil. Cukup ringan untuk dipakai "
            "sehari-hari."
        ),
        "materials_en": "Cotton, natural dyes",
        "materials_ind": "Katun, pewarna alami",
        "hs_code": "6214.90",
        "unit": "piece",
        "moq": 10,
        "price_min": D("350000"),
        "price_max": D("550000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 40,
        "lead_time_days": 45,
    },
    {
        "slug": "ikat-table-runner",
        "exhibitor": "tenun-ikat-sumba-lestari",
        "category": "home-decor",
        "name_en": "Ikat table runner",
        "name_ind": "Taplak meja panjang tenun ikat",
        "description_en": (
            "A 180 × 35 cm runner of machine-spun cotton ikat woven by the group's younger "
            "weavers, finished with knotted fringes."
        ),
        "description_ind": (
            "Taplak meja panjang 180 × 35 cm dari tenun ikat benang katun pabrik karya penenun "
            "muda kelompok, dengan rumbai bersimpul di kedua ujungnya."
        ),
        "materials_en": "Machine-spun cotton, natural and synthetic dyes",
        "materials_ind": "Benang katun pabrik, pewarna alami dan sintetis",
        "hs_code": "6302.51",
        "unit": "piece",
        "moq": 20,
        "price_min": D("250000"),
        "price_max": D("325000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 60,
        "lead_time_days": 30,
        "review_status": "pending",
    },
    # Songket Sasak Sukarara
    {
        "slug": "sasak-songket-gold-thread",
        "exhibitor": "songket-sasak-sukarara",
        "category": "woven-cloth",
        "name_en": "Sasak songket with gold thread",
        "name_ind": "Songket Sasak benang emas",
        "description_en": (
            "A ceremonial songket woven on a traditional loom in Sukarara, with a "
            "supplementary gold-coloured weft in the subahnale motif. About 200 × 60 cm."
        ),
        "description_ind": (
            "Songket upacara yang ditenun dengan alat tenun tradisional di Sukarara, dengan "
            "benang pakan tambahan berwarna emas bermotif subahnale. Ukuran sekitar "
            "200 × 60 cm."
        ),
        "materials_en": "Cotton, metallic gold thread",
        "materials_ind": "Katun, benang emas metalik",
        "hs_code": "5809.00",
        "unit": "piece",
        "moq": 2,
        "price_min": D("1200000"),
        "price_max": D("2800000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 15,
        "lead_time_days": 60,
        "custom_orders": True,
    },
    {
        "slug": "tenun-sasak-cotton-cloth",
        "exhibitor": "songket-sasak-sukarara",
        "category": "woven-cloth",
        "name_en": "Striped Sasak cotton cloth",
        "name_ind": "Kain tenun Sasak katun bergaris",
        "description_en": (
            "Everyday striped Sasak cloth in cotton, 180 × 100 cm, sold by the piece for "
            "sarongs, upholstery or wall hangings."
        ),
        "description_ind": (
            "Kain tenun Sasak bergaris dari katun untuk sehari-hari, 180 × 100 cm, dijual per "
            "lembar untuk sarung, pelapis kursi, atau hiasan dinding."
        ),
        "materials_en": "Cotton",
        "materials_ind": "Katun",
        "hs_code": "5208.42",
        "unit": "sheet",
        "moq": 10,
        "price_min": D("300000"),
        "price_max": D("450000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 50,
        "lead_time_days": 30,
    },
    {
        "slug": "songket-clutch-bag",
        "exhibitor": "songket-sasak-sukarara",
        "category": "accessories",
        "name_en": "Songket clutch bag",
        "name_ind": "Dompet pesta songket",
        "description_en": (
            "An evening clutch covered in Sukarara songket, lined with cotton and closed with "
            "a magnetic clasp. 26 × 14 cm."
        ),
        "description_ind": (
            "Dompet pesta berlapis songket Sukarara, berfuring katun dengan penutup magnet. "
            "Ukuran 26 × 14 cm."
        ),
        "materials_en": "Songket (cotton and metallic thread), cotton lining, magnetic clasp",
        "materials_ind": "Songket (katun dan benang metalik), furing katun, kancing magnet",
        "hs_code": "4202.22",
        "unit": "piece",
        "moq": 20,
        "price_min": D("18.00"),
        "price_max": D("26.00"),
        "currency": "USD",
        "incoterms": ["FOB"],
        "monthly_capacity": 120,
        "lead_time_days": 21,
        "custom_orders": True,
    },
    # Rotan Anyam Cirebon
    {
        "slug": "round-rattan-bag-batik-lining",
        "exhibitor": "rotan-anyam-cirebon",
        "category": "woven-bags-and-baskets",
        "name_en": "Round rattan bag with batik lining",
        "name_ind": "Tas rotan bulat berfuring batik",
        "description_en": (
            "A 20 cm round bag woven from natural rattan, lined with batik cotton, with a "
            "leather strap and a wooden toggle. A bestseller with boutiques in the US and "
            "Australia."
        ),
        "description_ind": (
            "Tas bulat berdiameter 20 cm dari anyaman rotan alami, berfuring katun batik, "
            "dengan tali kulit dan kancing kayu. Produk terlaris di butik-butik Amerika Serikat "
            "dan Australia."
        ),
        "materials_en": "Natural rattan, batik cotton lining, cowhide leather strap",
        "materials_ind": "Rotan alami, furing katun batik, tali kulit sapi",
        "hs_code": "4602.12",
        "unit": "piece",
        "moq": 100,
        "price_min": D("11.00"),
        "price_max": D("16.00"),
        "currency": "USD",
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 3000,
        "lead_time_days": 30,
        "custom_orders": True,
        "featured": True,
    },
    {
        "slug": "rattan-laundry-basket",
        "exhibitor": "rotan-anyam-cirebon",
        "category": "woven-bags-and-baskets",
        "name_en": "Rattan laundry basket with lid, set of 3",
        "name_ind": "Set 3 keranjang cucian rotan bertutup",
        "description_en": (
            "Tall baskets of split rattan on a rattan-core frame, with lids and two handles. "
            "Three sizes that nest for shipping."
        ),
        "description_ind": (
            "Keranjang tinggi dari rotan belah dengan rangka rotan inti, bertutup dan bergagang "
            "dua. Tiga ukuran yang bisa disusun bertumpuk untuk pengiriman."
        ),
        "materials_en": "Split rattan, rattan core",
        "materials_ind": "Rotan belah, rotan inti",
        "hs_code": "4602.12",
        "unit": "set",
        "moq": 50,
        "price_min": D("32.00"),
        "price_max": D("45.00"),
        "currency": "USD",
        "incoterms": ["FOB"],
        "monthly_capacity": 800,
        "lead_time_days": 45,
    },
    {
        "slug": "rattan-pendant-lamp-shade",
        "exhibitor": "rotan-anyam-cirebon",
        "category": "home-decor",
        "name_en": "Rattan pendant lamp shade",
        "name_ind": "Kap lampu gantung rotan",
        "description_en": (
            "An open-weave dome shade, 45 cm across, that throws a soft patterned light. "
            "Supplied without fitting, or with an E27 fitting and 1.5 m cable on request."
        ),
        "description_ind": (
            "Kap lampu kubah beranyaman renggang berdiameter 45 cm yang memancarkan cahaya "
            "lembut berpola. Dikirim tanpa fiting, atau dengan fiting E27 dan kabel 1,5 m "
            "sesuai permintaan."
        ),
        "materials_en": "Rattan core, natural finish",
        "materials_ind": "Rotan inti, finishing alami",
        "hs_code": "9405.99",
        "unit": "piece",
        "moq": 50,
        "price_min": D("14.00"),
        "price_max": D("22.00"),
        "currency": "USD",
        "incoterms": ["FOB"],
        "monthly_capacity": 600,
        "lead_time_days": 40,
        "custom_orders": True,
    },
    {
        "slug": "water-hyacinth-storage-baskets",
        "exhibitor": "rotan-anyam-cirebon",
        "category": "woven-bags-and-baskets",
        "name_en": "Water hyacinth storage baskets, set of 3",
        "name_ind": "Set 3 keranjang penyimpanan eceng gondok",
        "description_en": (
            "Three nesting baskets braided from dried water hyacinth around a steel wire frame. "
            "Replaced by the new rattan-rim design."
        ),
        "description_ind": (
            "Tiga keranjang bertumpuk dari anyaman eceng gondok kering dengan rangka kawat "
            "baja. Digantikan oleh desain baru berbibir rotan."
        ),
        "materials_en": "Dried water hyacinth, powder-coated steel wire",
        "materials_ind": "Eceng gondok kering, kawat baja berlapis cat bubuk",
        "hs_code": "4602.19",
        "unit": "set",
        "moq": 100,
        "price_min": D("12.00"),
        "price_max": D("17.00"),
        "currency": "USD",
        "incoterms": ["FOB"],
        "monthly_capacity": 1000,
        "lead_time_days": 30,
        "is_archived": True,
    },
    # Ukir Jepara Karya Purna
    {
        "slug": "carved-teak-serving-tray",
        "exhibitor": "ukir-jepara-karya-purna",
        "category": "wood-carving",
        "name_en": "Carved teak serving tray",
        "name_ind": "Nampan saji jati berukir",
        "description_en": (
            "A 45 × 30 cm tray of plantation teak with a carved floral border in the Jepara "
            "style, finished with food-safe oil."
        ),
        "description_ind": (
            "Nampan 45 × 30 cm dari kayu jati perhutani dengan ukiran bunga khas Jepara di "
            "tepinya, dilapisi minyak yang aman untuk makanan."
        ),
        "materials_en": "Plantation teak (Tectona grandis), food-safe oil",
        "materials_ind": "Kayu jati perhutani (Tectona grandis), minyak aman pangan",
        "hs_code": "4419.90",
        "unit": "piece",
        "moq": 50,
        "price_min": D("15.00"),
        "price_max": D("24.00"),
        "currency": "USD",
        "incoterms": ["FOB"],
        "monthly_capacity": 400,
        "lead_time_days": 30,
        "custom_orders": True,
        "certifications": [
            ("svlk", "VLK-01-21-0457", "LVLK Mutu Hijau Indonesia", date(2027, 3, 31)),
        ],
    },
    {
        "slug": "carved-teak-wall-panel",
        "exhibitor": "ukir-jepara-karya-purna",
        "category": "wood-carving",
        "name_en": "Carved teak wall panel, Jepara relief",
        "name_ind": "Panel dinding ukir jati relief Jepara",
        "description_en": (
            "A 100 × 50 cm relief panel carved in deep layers with a garden of birds and "
            "lotus, ready to hang. Custom sizes and motifs on request."
        ),
        "description_ind": (
            "Panel relief 100 × 50 cm yang diukir berlapis-lapis dengan taman berisi burung "
            "dan teratai, siap digantung. Ukuran dan motif khusus bisa dipesan."
        ),
        "materials_en": "Teak, wax finish",
        "materials_ind": "Kayu jati, finishing lilin",
        "hs_code": "4420.11",
        "unit": "piece",
        "moq": 5,
        "price_min": D("2500000"),
        "price_max": D("6000000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 20,
        "lead_time_days": 45,
        "custom_orders": True,
        "featured": True,
        "certifications": [
            ("svlk", "VLK-01-21-0457", "LVLK Mutu Hijau Indonesia", date(2027, 3, 31)),
        ],
    },
    {
        "slug": "carved-mahogany-jewellery-box",
        "exhibitor": "ukir-jepara-karya-purna",
        "category": "wood-carving",
        "name_en": "Carved mahogany jewellery box",
        "name_ind": "Kotak perhiasan mahoni berukir",
        "description_en": (
            "A 20 × 12 cm box in mahogany with a hinged lid, carved with the Jepara tendril "
            "pattern and lined with velvet."
        ),
        "description_ind": (
            "Kotak 20 × 12 cm dari kayu mahoni dengan tutup berengsel, diukir motif "
            "lung-lungan khas Jepara dan dilapisi beludru."
        ),
        "materials_en": "Mahogany, velvet lining, brass hinges",
        "materials_ind": "Kayu mahoni, lapisan beludru, engsel kuningan",
        "hs_code": "4420.90",
        "unit": "piece",
        "moq": 50,
        "price_min": D("140000"),
        "price_max": D("210000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 300,
        "lead_time_days": 30,
        "review_status": "rejected",
        "rejection_reason": (
            "Foto produk masih buram dan ukuran bagian dalam kotak belum dicantumkan. Mohon "
            "unggah foto baru dan lengkapi deskripsinya."
        ),
    },
    # Rempah Banda Nusantara
    {
        "slug": "banda-whole-nutmeg",
        "exhibitor": "rempah-banda-nusantara",
        "category": "spices-and-herbs",
        "name_en": "Banda whole nutmeg",
        "name_ind": "Biji pala utuh Banda",
        "description_en": (
            "Shelled nutmeg kernels, sun-dried on raised racks and hand-sorted to ABCD export "
            "grade. Tested for aflatoxin before every shipment."
        ),
        "description_ind": (
            "Biji pala tanpa tempurung, dijemur di para-para dan disortir tangan sesuai mutu "
            "ekspor ABCD. Diuji kadar aflatoksin sebelum setiap pengiriman."
        ),
        "materials_en": "Nutmeg (Myristica fragrans), Banda Islands",
        "materials_ind": "Pala (Myristica fragrans), Kepulauan Banda",
        "hs_code": "0908.11",
        "unit": "kg",
        "moq": 100,
        "price_min": D("8.50"),
        "price_max": D("11.00"),
        "currency": "USD",
        "incoterms": ["FOB", "CFR"],
        "monthly_capacity": 2000,
        "lead_time_days": 21,
        "shelf_life_days": 730,
        "featured": True,
        "certifications": [("halal", "ID81110001287410523", _HALAL_ISSUER, None)],
    },
    {
        "slug": "banda-mace",
        "exhibitor": "rempah-banda-nusantara",
        "category": "spices-and-herbs",
        "name_en": "Banda mace (fuli)",
        "name_ind": "Fuli pala Banda",
        "description_en": (
            "The red aril around the nutmeg seed, dried slowly in the shade to keep its "
            "orange-red colour and warm, sweet aroma. Whole blades, grade 1."
        ),
        "description_ind": (
            "Selaput merah pembungkus biji pala, dikeringkan perlahan di tempat teduh agar "
            "warna jingga kemerahan dan aromanya yang hangat tetap terjaga. Fuli utuh, mutu 1."
        ),
        "materials_en": "Mace (aril of Myristica fragrans)",
        "materials_ind": "Fuli (arilus Myristica fragrans)",
        "hs_code": "0908.21",
        "unit": "kg",
        "moq": 50,
        "price_min": D("19.00"),
        "price_max": D("25.00"),
        "currency": "USD",
        "incoterms": ["FOB", "CFR"],
        "monthly_capacity": 400,
        "lead_time_days": 21,
        "shelf_life_days": 730,
    },
    {
        "slug": "maluku-cloves",
        "exhibitor": "rempah-banda-nusantara",
        "category": "spices-and-herbs",
        "name_en": "Maluku cloves",
        "name_ind": "Cengkih Maluku",
        "description_en": (
            "Hand-picked clove buds from old trees on Ambon and the Lease Islands, sun-dried to "
            "below 12% moisture. Few stems; for kitchens and for distilling."
        ),
        "description_ind": (
            "Bunga cengkih petik tangan dari pohon-pohon tua di Ambon dan Kepulauan Lease, "
            "dijemur hingga kadar air di bawah 12%. Sedikit gagang; untuk dapur maupun "
            "penyulingan."
        ),
        "materials_en": "Clove buds (Syzygium aromaticum)",
        "materials_ind": "Bunga cengkih (Syzygium aromaticum)",
        "hs_code": "0907.10",
        "unit": "kg",
        "moq": 200,
        "price_min": D("9.50"),
        "price_max": D("12.50"),
        "currency": "USD",
        "incoterms": ["FOB", "CFR"],
        "monthly_capacity": 1500,
        "lead_time_days": 21,
        "shelf_life_days": 730,
    },
    {
        "slug": "candied-nutmeg-fruit",
        "exhibitor": "rempah-banda-nusantara",
        "category": "snacks",
        "name_en": "Candied nutmeg fruit",
        "name_ind": "Manisan pala",
        "description_en": (
            "Strips of nutmeg fruit flesh, soaked and candied in cane sugar the way Banda "
            "families have made them for generations. Sweet, tangy and slightly warm."
        ),
        "description_ind": (
            "Irisan daging buah pala yang direndam lalu dimaniskan dengan gula tebu seperti "
            "buatan keluarga-keluarga di Banda turun-temurun. Manis, asam, dan sedikit hangat."
        ),
        "materials_en": "Nutmeg fruit flesh, cane sugar, salt",
        "materials_ind": "Daging buah pala, gula tebu, garam",
        "hs_code": "2006.00",
        "unit": "pack",
        "moq": 200,
        "price_min": D("25000"),
        "price_max": D("35000"),
        "monthly_capacity": 2000,
        "lead_time_days": 14,
        "shelf_life_days": 180,
        "certifications": [
            ("halal", "ID81110002311450324", _HALAL_ISSUER, None),
            (
                "pirt",
                "2068101010456-27",
                "Dinas Kesehatan Kabupaten Maluku Tengah",
                date(2027, 5, 31),
            ),
        ],
    },
    # Minahasa Harum
    {
        "slug": "vanilla-planifolia-beans",
        "exhibitor": "minahasa-harum",
        "category": "spices-and-herbs",
        "name_en": "Vanilla planifolia beans, grade A",
        "name_ind": "Vanili planifolia kering, mutu A",
        "description_en": (
            "Gourmet vanilla pods 16–20 cm long, cured over four months by traditional "
            "sweating and sun-drying. Moisture 30–35%, vanillin above 1.8%."
        ),
        "description_ind": (
            "Polong vanili gourmet sepanjang 16–20 cm, dikeringkan selama empat bulan dengan "
            "cara tradisional (pemeraman dan penjemuran). Kadar air 30–35%, vanilin di atas "
            "1,8%."
        ),
        "materials_en": "Vanilla planifolia pods",
        "materials_ind": "Polong Vanilla planifolia",
        "hs_code": "0905.10",
        "unit": "kg",
        "moq": 5,
        "price_min": D("180.00"),
        "price_max": D("260.00"),
        "currency": "USD",
        "incoterms": ["FOB", "CIF"],
        "monthly_capacity": 150,
        "lead_time_days": 21,
        "shelf_life_days": 730,
        "featured": True,
        "certifications": [
            ("organic", "ORG-0518/LSO/2024", "LSO Organik Nusantara", date(2027, 4, 30)),
        ],
    },
    {
        "slug": "ground-vanilla-powder",
        "exhibitor": "minahasa-harum",
        "category": "spices-and-herbs",
        "name_en": "Ground vanilla powder",
        "name_ind": "Bubuk vanili murni",
        "description_en": (
            "Whole cured vanilla beans, dried further and milled to a fine powder with nothing "
            "added. For bakeries, ice cream and chocolate makers."
        ),
        "description_ind": (
            "Biji vanili utuh yang dikeringkan lebih lanjut lalu digiling halus tanpa bahan "
            "tambahan. Untuk toko roti, pembuat es krim, dan cokelat."
        ),
        "materials_en": "100% Vanilla planifolia",
        "materials_ind": "100% Vanilla planifolia",
        "hs_code": "0905.20",
        "unit": "kg",
        "moq": 2,
        "price_min": D("260.00"),
        "price_max": D("320.00"),
        "currency": "USD",
        "incoterms": ["FOB"],
        "monthly_capacity": 40,
        "lead_time_days": 14,
        "shelf_life_days": 540,
    },
    {
        "slug": "organic-coconut-sugar",
        "exhibitor": "minahasa-harum",
        "category": "processed-food",
        "name_en": "Organic coconut sugar",
        "name_ind": "Gula kelapa organik",
        "description_en": (
            "Granulated sugar made by boiling the fresh sap of coconut blossoms over a wood "
            "fire, with nothing added. Caramel flavour and a lower glycaemic index than cane "
            "sugar."
        ),
        "description_ind": (
            "Gula semut yang dibuat dengan memasak nira segar bunga kelapa di atas tungku kayu, "
            "tanpa bahan tambahan. Rasa karamel dan indeks glikemik lebih rendah daripada gula "
            "tebu."
        ),
        "materials_en": "100% coconut blossom sap",
        "materials_ind": "100% nira kelapa",
        "hs_code": "1702.90",
        "unit": "kg",
        "moq": 500,
        "price_min": D("2.80"),
        "price_max": D("3.60"),
        "currency": "USD",
        "incoterms": ["FOB", "CFR"],
        "monthly_capacity": 8000,
        "lead_time_days": 21,
        "shelf_life_days": 730,
        "certifications": [
            ("halal", "ID71110000563220724", _HALAL_ISSUER, None),
            ("organic", "ORG-0519/LSO/2024", "LSO Organik Nusantara", date(2027, 4, 30)),
        ],
    },
    # Keripik Bunda Blitar
    {
        "slug": "tempeh-chips-original",
        "exhibitor": "keripik-bunda-blitar",
        "category": "snacks",
        "name_en": "Tempeh chips, original",
        "name_ind": "Keripik tempe original",
        "description_en": (
            "Thin slices of soybean tempeh dipped in a garlic and coriander batter and fried in "
            "small batches until crisp. No MSG. 150 g pack."
        ),
        "description_ind": (
            "Irisan tipis tempe kedelai yang dicelup adonan berbumbu bawang putih dan ketumbar, "
            "lalu digoreng sedikit demi sedikit hingga renyah. Tanpa MSG. Kemasan 150 g."
        ),
        "materials_en": "Soybean tempeh, rice flour, tapioca, garlic, coriander, salt, palm oil",
        "materials_ind": (
            "Tempe kedelai, tepung beras, tapioka, bawang putih, ketumbar, garam, minyak sawit"
        ),
        "hs_code": "2106.90",
        "unit": "pack",
        "moq": 500,
        "price_min": D("15000"),
        "price_max": D("18000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 20000,
        "lead_time_days": 10,
        "shelf_life_days": 180,
        "featured": True,
        "certifications": [
            ("halal", "ID35110000123450823", _HALAL_ISSUER, date(2027, 8, 31)),
            ("pirt", "2063505010123-28", "Dinas Kesehatan Kabupaten Blitar", date(2028, 3, 31)),
        ],
    },
    {
        "slug": "cassava-chips-balado",
        "exhibitor": "keripik-bunda-blitar",
        "category": "snacks",
        "name_en": "Cassava chips, balado",
        "name_ind": "Keripik singkong balado",
        "description_en": (
            "Crunchy cassava chips coated in a sweet and spicy red chilli balado seasoning. "
            "200 g zip pouch."
        ),
        "description_ind": (
            "Keripik singkong renyah berbalut bumbu balado cabai merah yang manis pedas. "
            "Kantong zip 200 g."
        ),
        "materials_en": "Cassava, red chilli, shallot, sugar, salt, palm oil",
        "materials_ind": "Singkong, cabai merah, bawang merah, gula, garam, minyak sawit",
        "hs_code": "2008.99",
        "unit": "pack",
        "moq": 500,
        "price_min": D("14000"),
        "price_max": D("17000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 15000,
        "lead_time_days": 10,
        "shelf_life_days": 180,
        # Expired on purpose, so the staff pages show what an expired permit looks like.
        "certifications": [
            ("pirt", "2063505010124-25", "Dinas Kesehatan Kabupaten Blitar", date(2025, 6, 30)),
        ],
    },
    {
        "slug": "sweet-banana-chips",
        "exhibitor": "keripik-bunda-blitar",
        "category": "snacks",
        "name_en": "Sweet banana chips",
        "name_ind": "Keripik pisang manis",
        "description_en": (
            "Kepok banana slices fried and glazed with palm sugar, crisp and not too sweet. "
            "A favourite of Indonesian shops in Hong Kong and Taiwan."
        ),
        "description_ind": (
            "Irisan pisang kepok yang digoreng lalu dilapisi gula aren, renyah dan tidak "
            "terlalu manis. Favorit toko-toko Indonesia di Hong Kong dan Taiwan."
        ),
        "materials_en": "Kepok banana, palm sugar, palm oil",
        "materials_ind": "Pisang kepok, gula aren, minyak sawit",
        "hs_code": "2008.99",
        "unit": "pack",
        "moq": 500,
        "price_min": D("15000"),
        "price_max": D("19000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 10000,
        "lead_time_days": 10,
        "shelf_life_days": 150,
    },
    {
        "slug": "sambal-pecel-blitar",
        "exhibitor": "keripik-bunda-blitar",
        "category": "processed-food",
        "name_en": "Sambal pecel peanut sauce",
        "name_ind": "Sambal pecel Blitar",
        "description_en": (
            "A firm block of roasted peanut, chilli and kaffir lime paste: add hot water for the "
            "classic East Javanese pecel dressing for vegetables. 250 g."
        ),
        "description_ind": (
            "Bumbu kacang sangrai, cabai, dan daun jeruk purut yang dipadatkan: cukup tambahkan "
            "air panas untuk saus pecel khas Jawa Timur. Kemasan 250 g."
        ),
        "materials_en": ("Peanuts, palm sugar, chilli, garlic, kaffir lime leaves, tamarind, salt"),
        "materials_ind": (
            "Kacang tanah, gula merah, cabai, bawang putih, daun jeruk purut, asam jawa, garam"
        ),
        "hs_code": "2103.90",
        "unit": "pack",
        "moq": 300,
        "price_min": D("18000"),
        "price_max": D("22000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 8000,
        "lead_time_days": 7,
        "shelf_life_days": 180,
        "certifications": [
            ("halal", "ID35110000123460823", _HALAL_ISSUER, date(2027, 8, 31)),
            ("bpom_md", "MD 235213001457", _BPOM_ISSUER, date(2028, 9, 30)),
        ],
    },
    {
        "slug": "sambal-bawang",
        "exhibitor": "keripik-bunda-blitar",
        "category": "processed-food",
        "name_en": "Sambal bawang (chilli and garlic relish)",
        "name_ind": "Sambal bawang",
        "description_en": (
            "Bird's eye chilli fried with garlic and shallot in coconut oil, sealed hot in "
            "150 g glass jars. Very hot."
        ),
        "description_ind": (
            "Cabai rawit yang digoreng bersama bawang putih dan bawang merah dalam minyak "
            "kelapa, dikemas panas dalam botol kaca 150 g. Sangat pedas."
        ),
        "materials_en": "Bird's eye chilli, garlic, shallot, coconut oil, salt, sugar",
        "materials_ind": "Cabai rawit, bawang putih, bawang merah, minyak kelapa, garam, gula",
        "hs_code": "2103.90",
        "unit": "piece",
        "moq": 300,
        "price_min": D("25000"),
        "price_max": D("30000"),
        "monthly_capacity": 5000,
        "lead_time_days": 7,
        "shelf_life_days": 365,
        "review_status": "pending",
    },
    # Jamu Mbok Endang
    {
        "slug": "instant-kunyit-asam",
        "exhibitor": "jamu-mbok-endang",
        "category": "herbal-jamu",
        "name_en": "Instant turmeric and tamarind jamu (kunyit asam)",
        "name_ind": "Jamu kunyit asam instan",
        "description_en": (
            "Fresh turmeric and tamarind, slow-cooked with palm sugar and crystallised into a "
            "powder that dissolves in hot or cold water. 10 sachets per pouch."
        ),
        "description_ind": (
            "Kunyit segar dan asam jawa yang dimasak perlahan dengan gula aren lalu dikristalkan "
            "menjadi serbuk yang larut dalam air panas maupun dingin. Isi 10 sachet per kantong."
        ),
        "materials_en": "Turmeric, tamarind, palm sugar, cane sugar",
        "materials_ind": "Kunyit, asam jawa, gula aren, gula pasir",
        "hs_code": "2106.90",
        "unit": "pack",
        "moq": 200,
        "price_min": D("22000"),
        "price_max": D("27000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 6000,
        "lead_time_days": 14,
        "shelf_life_days": 365,
        "featured": True,
        "certifications": [
            ("halal", "ID34110000874560322", _HALAL_ISSUER, None),
            ("pirt", "2063404010087-27", "Dinas Kesehatan Kabupaten Sleman", date(2027, 10, 31)),
        ],
    },
    {
        "slug": "instant-beras-kencur",
        "exhibitor": "jamu-mbok-endang",
        "category": "herbal-jamu",
        "name_en": "Instant rice and aromatic ginger jamu (beras kencur)",
        "name_ind": "Jamu beras kencur instan",
        "description_en": (
            "The classic Javanese pick-me-up of toasted rice and kencur (aromatic ginger), as "
            "a fine instant powder. Mildly sweet and earthy."
        ),
        "description_ind": (
            "Jamu klasik Jawa penambah tenaga dari beras sangrai dan kencur, dalam bentuk serbuk "
            "instan yang halus. Manis lembut dengan aroma rimpang."
        ),
        "materials_en": "Rice, kencur (Kaempferia galanga), ginger, palm sugar, cane sugar",
        "materials_ind": "Beras, kencur, jahe, gula aren, gula pasir",
        "hs_code": "2106.90",
        "unit": "pack",
        "moq": 200,
        "price_min": D("22000"),
        "price_max": D("27000"),
        "monthly_capacity": 4000,
        "lead_time_days": 14,
        "shelf_life_days": 365,
        "certifications": [("halal", "ID34110000874570322", _HALAL_ISSUER, None)],
    },
    {
        "slug": "wedang-jahe-sereh-instant",
        "exhibitor": "jamu-mbok-endang",
        "category": "herbal-jamu",
        "name_en": "Instant ginger and lemongrass drink (wedang jahe)",
        "name_ind": "Wedang jahe sereh instan",
        "description_en": (
            "Red ginger and lemongrass in an instant crystal drink that warms on cold "
            "evenings. Ten 25 g sachets per pouch."
        ),
        "description_ind": (
            "Jahe merah dan sereh dalam minuman kristal instan yang menghangatkan di malam yang "
            "dingin. Sepuluh sachet 25 g per kantong."
        ),
        "materials_en": "Red ginger, lemongrass, cane sugar",
        "materials_ind": "Jahe merah, sereh, gula pasir",
        "hs_code": "2106.90",
        "unit": "pack",
        "moq": 200,
        "price_min": D("20000"),
        "price_max": D("25000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 5000,
        "lead_time_days": 14,
        "shelf_life_days": 365,
    },
    {
        "slug": "rosella-flower-tea",
        "exhibitor": "jamu-mbok-endang",
        "category": "tea",
        "name_en": "Rosella flower tea",
        "name_ind": "Teh bunga rosela",
        "description_en": (
            "Dried roselle calyces from gardens in Sleman, for a ruby-red, tart tea that is good "
            "hot or iced. 50 g resealable pouch."
        ),
        "description_ind": (
            "Kelopak bunga rosela kering dari kebun di Sleman, untuk teh merah delima yang asam "
            "segar, enak diseduh panas atau dingin. Kantong 50 g yang bisa ditutup kembali."
        ),
        "materials_en": "Dried roselle calyces (Hibiscus sabdariffa)",
        "materials_ind": "Kelopak rosela kering (Hibiscus sabdariffa)",
        "hs_code": "1211.90",
        "unit": "pack",
        "moq": 200,
        "price_min": D("18000"),
        "price_max": D("23000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 3000,
        "lead_time_days": 10,
        "shelf_life_days": 540,
    },
    {
        "slug": "kemuning-green-tea",
        "exhibitor": "jamu-mbok-endang",
        "category": "tea",
        "name_en": "Kemuning green tea",
        "name_ind": "Teh hijau Kemuning",
        "description_en": (
            "Whole-leaf green tea from the Kemuning estate on the slopes of Mount Lawu, "
            "pan-fired and hand-rolled in small lots. Fresh and grassy, with a sweet finish."
        ),
        "description_ind": (
            "Teh hijau daun utuh dari kebun Kemuning di lereng Gunung Lawu, disangrai dan "
            "digulung tangan dalam jumlah kecil. Segar dan beraroma daun, dengan akhir yang "
            "manis."
        ),
        "materials_en": "Camellia sinensis leaves",
        "materials_ind": "Daun teh (Camellia sinensis)",
        "hs_code": "0902.10",
        "unit": "pack",
        "moq": 100,
        "price_min": D("35000"),
        "price_max": D("45000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 1200,
        "lead_time_days": 14,
        "shelf_life_days": 540,
    },
    {
        "slug": "dried-temulawak-slices",
        "exhibitor": "jamu-mbok-endang",
        "category": "herbal-jamu",
        "name_en": "Dried temulawak slices",
        "name_ind": "Irisan temulawak kering",
        "description_en": (
            "Thin slices of Javanese ginger (temulawak), sun-dried for boiling into a "
            "traditional bitter tonic."
        ),
        "description_ind": (
            "Irisan tipis temulawak yang dijemur matahari, untuk direbus menjadi jamu pahit "
            "tradisional."
        ),
        "materials_en": "Temulawak rhizome (Curcuma xanthorrhiza)",
        "materials_ind": "Rimpang temulawak (Curcuma xanthorrhiza)",
        "hs_code": "1211.90",
        "unit": "kg",
        "moq": 10,
        "price_min": D("60000"),
        "price_max": D("80000"),
        "monthly_capacity": 200,
        "lead_time_days": 7,
        "shelf_life_days": 365,
        "review_status": "draft",
    },
    # Sabun Kelapa Asri
    {
        "slug": "vco-soap-unscented",
        "exhibitor": "sabun-kelapa-asri",
        "category": "soap-and-cosmetics",
        "name_en": "Virgin coconut oil soap, unscented",
        "name_ind": "Sabun VCO tanpa pewangi",
        "description_en": (
            "A gentle 100 g bar made by the cold process from virgin coconut oil, olive oil and "
            "shea butter, cured for four weeks. For sensitive skin."
        ),
        "description_ind": (
            "Sabun batang 100 g yang lembut, dibuat dengan proses dingin dari minyak kelapa "
            "murni, minyak zaitun, dan shea butter, lalu diangin-anginkan selama empat minggu. "
            "Untuk kulit sensitif."
        ),
        "materials_en": "Virgin coconut oil, olive oil, shea butter, sodium hydroxide, water",
        "materials_ind": "Minyak kelapa murni, minyak zaitun, shea butter, natrium hidroksida, air",
        "hs_code": "3401.11",
        "unit": "piece",
        "moq": 200,
        "price_min": D("1.60"),
        "price_max": D("2.40"),
        "currency": "USD",
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 5000,
        "lead_time_days": 21,
        "shelf_life_days": 730,
        "custom_orders": True,
        "featured": True,
        "certifications": [
            ("other", "BPOM NA18200100123", _BPOM_ISSUER, date(2028, 1, 31)),
            ("halal", "ID51110000356780921", _HALAL_ISSUER, None),
        ],
    },
    {
        "slug": "frangipani-coconut-milk-soap",
        "exhibitor": "sabun-kelapa-asri",
        "category": "soap-and-cosmetics",
        "name_en": "Frangipani and coconut milk soap",
        "name_ind": "Sabun kamboja dan santan",
        "description_en": (
            "Cold-process soap with fresh coconut milk and frangipani fragrance, wrapped in "
            "handmade paper. A favourite gift from Bali."
        ),
        "description_ind": (
            "Sabun proses dingin dengan santan segar dan wangi bunga kamboja, dibungkus kertas "
            "buatan tangan. Oleh-oleh favorit dari Bali."
        ),
        "materials_en": "Virgin coconut oil, coconut milk, shea butter, frangipani fragrance",
        "materials_ind": "Minyak kelapa murni, santan, shea butter, pewangi bunga kamboja",
        "hs_code": "3401.11",
        "unit": "piece",
        "moq": 200,
        "price_min": D("1.80"),
        "price_max": D("2.60"),
        "currency": "USD",
        "incoterms": ["FOB"],
        "monthly_capacity": 4000,
        "lead_time_days": 21,
        "shelf_life_days": 730,
        "custom_orders": True,
    },
    {
        "slug": "cold-pressed-virgin-coconut-oil",
        "exhibitor": "sabun-kelapa-asri",
        "category": "soap-and-cosmetics",
        "name_en": "Cold-pressed virgin coconut oil",
        "name_ind": "Minyak kelapa murni (VCO) perasan dingin",
        "description_en": (
            "Pressed from fresh grated coconut without heat and filtered through cloth. For "
            "skin and hair care, or for cooking. 250 ml glass bottle."
        ),
        "description_ind": (
            "Diperas dari kelapa parut segar tanpa pemanasan dan disaring dengan kain. Untuk "
            "perawatan kulit dan rambut, atau untuk memasak. Botol kaca 250 ml."
        ),
        "materials_en": "100% coconut kernel (Cocos nucifera)",
        "materials_ind": "100% daging kelapa (Cocos nucifera)",
        "hs_code": "1513.11",
        "unit": "piece",
        "moq": 100,
        "price_min": D("75000"),
        "price_max": D("95000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 1500,
        "lead_time_days": 14,
        "shelf_life_days": 540,
    },
    {
        "slug": "balinese-massage-oil-lemongrass",
        "exhibitor": "sabun-kelapa-asri",
        "category": "soap-and-cosmetics",
        "name_en": "Balinese massage oil, lemongrass",
        "name_ind": "Minyak pijat Bali aroma sereh",
        "description_en": (
            "A light blend of virgin coconut oil with lemongrass and ginger essential oils, as "
            "used in Balinese spas. 100 ml amber bottle."
        ),
        "description_ind": (
            "Campuran ringan minyak kelapa murni dengan minyak atsiri sereh dan jahe seperti di "
            "spa Bali. Botol kaca cokelat 100 ml."
        ),
        "materials_en": "Virgin coconut oil, lemongrass oil, ginger oil",
        "materials_ind": "Minyak kelapa murni, minyak sereh, minyak jahe",
        "hs_code": "3304.99",
        "unit": "piece",
        "moq": 100,
        "price_min": D("3.50"),
        "price_max": D("4.80"),
        "currency": "USD",
        "incoterms": ["FOB"],
        "monthly_capacity": 2000,
        "lead_time_days": 21,
        "shelf_life_days": 730,
        "review_status": "pending",
    },
    # Tapis Kirana
    {
        "slug": "tapis-embroidered-voile-hijab",
        "exhibitor": "tapis-kirana",
        "category": "accessories",
        "name_en": "Voile hijab with tapis embroidery",
        "name_ind": "Hijab voile bersulam tapis",
        "description_en": (
            "A square 115 cm voile hijab with one corner of hand-embroidered tapis in gold "
            "thread, soft enough to drape neatly."
        ),
        "description_ind": (
            "Hijab segi empat voile 115 cm dengan sulaman tapis benang emas di salah satu "
            "sudutnya, lembut dan jatuh dengan rapi."
        ),
        "materials_en": "Cotton voile, metallic gold thread",
        "materials_ind": "Voile katun, benang emas metalik",
        "hs_code": "6214.90",
        "unit": "piece",
        "moq": 50,
        "price_min": D("85000"),
        "price_max": D("120000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 800,
        "lead_time_days": 21,
        "custom_orders": True,
        "featured": True,
    },
    {
        "slug": "tapis-panel-modest-tunic",
        "exhibitor": "tapis-kirana",
        "category": "clothing",
        "name_en": "Modest tunic with tapis panel",
        "name_ind": "Tunik muslimah dengan panel tapis",
        "description_en": (
            "A loose, knee-length tunic in cotton-rayon with a tapis panel on the placket and "
            "cuffs. Sizes S to XXL, five colours."
        ),
        "description_ind": (
            "Tunik longgar sepanjang lutut dari katun rayon dengan panel tapis di plaket dan "
            "manset. Ukuran S sampai XXL, lima pilihan warna."
        ),
        "materials_en": "Cotton-rayon blend, tapis embroidery",
        "materials_ind": "Campuran katun rayon, sulaman tapis",
        "hs_code": "6206.30",
        "unit": "piece",
        "moq": 30,
        "price_min": D("240000"),
        "price_max": D("320000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 600,
        "lead_time_days": 30,
    },
    {
        "slug": "tapis-clutch-bag",
        "exhibitor": "tapis-kirana",
        "category": "accessories",
        "name_en": "Tapis clutch bag",
        "name_ind": "Tas tangan tapis",
        "description_en": (
            "A structured clutch covered in a full panel of Lampung tapis embroidery with a "
            "ship motif, lined in satin. 25 × 15 cm."
        ),
        "description_ind": (
            "Tas tangan kaku berlapis panel penuh sulaman tapis Lampung bermotif kapal, "
            "berfuring satin. Ukuran 25 × 15 cm."
        ),
        "materials_en": "Tapis embroidery on cotton, satin lining",
        "materials_ind": "Sulaman tapis di atas katun, furing satin",
        "hs_code": "4202.22",
        "unit": "piece",
        "moq": 20,
        "price_min": D("250000"),
        "price_max": D("400000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 150,
        "lead_time_days": 30,
        "custom_orders": True,
    },
    {
        "slug": "embroidered-mukena",
        "exhibitor": "tapis-kirana",
        "category": "clothing",
        "name_en": "Embroidered prayer set (mukena)",
        "name_ind": "Mukena bordir",
        "description_en": (
            "A two-piece women's prayer set in soft rayon with light tapis-inspired embroidery "
            "around the face, packed in a matching pouch."
        ),
        "description_ind": (
            "Mukena dua potong dari rayon lembut dengan bordir bernuansa tapis di bagian wajah, "
            "dikemas dalam tas yang serasi."
        ),
        "materials_en": "Rayon, embroidery thread",
        "materials_ind": "Rayon, benang bordir",
        "hs_code": "6211.43",
        "unit": "set",
        "moq": 30,
        "price_min": D("280000"),
        "price_max": D("360000"),
        "incoterms": ["EXW", "FOB"],
        "monthly_capacity": 400,
        "lead_time_days": 30,
    },
    # Sutra Sengkang Wajo (exhibitor waiting for review)
    {
        "slug": "lipa-sabbe-silk-sarong",
        "exhibitor": "sutra-sengkang-wajo",
        "category": "woven-cloth",
        "name_en": "Lipa' sabbe Bugis silk sarong",
        "name_ind": "Lipa' sabbe, sarung sutra Bugis",
        "description_en": (
            "A hand-woven silk sarong in the checked balo renni pattern, woven on a wooden "
            "hand loom in Sengkang. About 190 × 110 cm."
        ),
        "description_ind": (
            "Sarung sutra tenunan tangan bermotif kotak balo renni, ditenun dengan alat tenun "
            "bukan mesin (ATBM) di Sengkang. Ukuran sekitar 190 × 110 cm."
        ),
        "materials_en": "Silk",
        "materials_ind": "Sutra",
        "hs_code": "5007.20",
        "unit": "piece",
        "moq": 5,
        "price_min": D("750000"),
        "price_max": D("1400000"),
        "monthly_capacity": 12,
        "lead_time_days": 45,
        "review_status": "pending",
    },
    {
        "slug": "sengkang-silk-shawl",
        "exhibitor": "sutra-sengkang-wajo",
        "category": "accessories",
        "name_en": "Sengkang silk shawl",
        "name_ind": "Selendang sutra Sengkang",
        "description_en": "A light silk shawl woven in soft stripes, 180 × 50 cm.",
        "description_ind": "Selendang sutra ringan bermotif garis lembut, 180 × 50 cm.",
        "materials_en": "Silk",
        "materials_ind": "Sutra",
        "hs_code": "6214.10",
        "unit": "piece",
        "moq": 10,
        "price_min": D("300000"),
        "price_max": D("500000"),
        "monthly_capacity": 30,
        "lead_time_days": 30,
        "review_status": "pending",
    },
    # Dapur Ikan Indramayu (draft exhibitor)
    {
        "slug": "mackerel-fish-crackers",
        "exhibitor": "dapur-ikan-indramayu",
        "category": "snacks",
        "name_en": "Mackerel fish crackers, uncooked",
        "name_ind": "Kerupuk ikan tenggiri mentah",
        "description_en": (
            "Sun-dried crackers of Spanish mackerel and tapioca, to be fried at home. 500 g."
        ),
        "description_ind": (
            "Kerupuk dari ikan tenggiri dan tapioka yang dijemur matahari, siap digoreng di "
            "rumah. Kemasan 500 g."
        ),
        "materials_en": "Spanish mackerel, tapioca, garlic, salt",
        "materials_ind": "Ikan tenggiri, tapioka, bawang putih, garam",
        "hs_code": "1905.90",
        "unit": "pack",
        "moq": 100,
        "price_min": D("30000"),
        "price_max": D("38000"),
        "monthly_capacity": 1000,
        "lead_time_days": 10,
        "shelf_life_days": 365,
        "review_status": "draft",
    },
    {
        "slug": "terasi-udang-rebon",
        "exhibitor": "dapur-ikan-indramayu",
        "category": "processed-food",
        "name_en": "Shrimp paste (terasi rebon)",
        "name_ind": "Terasi udang rebon",
        "description_en": (
            "Fermented paste of tiny rebon shrimp, pressed into 250 g blocks. The base of "
            "sambal terasi."
        ),
        "description_ind": (
            "Terasi dari udang rebon yang difermentasi, dicetak menjadi balok 250 g. Bumbu "
            "wajib sambal terasi."
        ),
        "materials_en": "Rebon shrimp, salt",
        "materials_ind": "Udang rebon, garam",
        "hs_code": "2103.90",
        "unit": "pack",
        "moq": 100,
        "price_min": D("20000"),
        "price_max": D("26000"),
        "monthly_capacity": 800,
        "lead_time_days": 10,
        "shelf_life_days": 365,
        "review_status": "draft",
    },
]

BUYERS = [
    {
        "email": "kaori.tanaka@example.com",
        "name": "Kaori Tanaka",
        "company": "Sakura Craft Trading Co., Ltd.",
        "country": "JP",
        "buyer_type": "importer",
        "phone": "+819012345678",
        "interests": ["batik", "wood-carving", "accessories"],
    },
    {
        "email": "pieter.devries@example.com",
        "name": "Pieter de Vries",
        "company": "Groene Specerij B.V.",
        "country": "NL",
        "buyer_type": "importer",
        "phone": "+31612345678",
        "interests": ["spices-and-herbs"],
    },
    {
        "email": "omar.alhashimi@example.com",
        "name": "Omar Al Hashimi",
        "company": "Al Noor Foodstuff Trading LLC",
        "country": "AE",
        "buyer_type": "distributor",
        "phone": "+971501234567",
        "interests": ["coffee", "snacks"],
    },
    {
        "email": "emily.carter@example.com",
        "name": "Emily Carter",
        "company": "Tidewater Home Goods",
        "country": "US",
        "buyer_type": "retailer",
        "phone": "+12015550123",
        "interests": ["woven-bags-and-baskets", "home-decor"],
    },
    {
        "email": "liam.obrien@example.com",
        "name": "Liam O'Brien",
        "company": "Southern Cross Roasters Pty Ltd",
        "country": "AU",
        "buyer_type": "hospitality",
        "phone": "+61412345678",
        "interests": ["coffee", "soap-and-cosmetics"],
    },
    {
        "email": "nurul.aisyah@example.com",
        "name": "Nurul Aisyah binti Hassan",
        "company": "Aisyah Modest Wear Sdn Bhd",
        "country": "MY",
        "buyer_type": "retailer",
        "phone": "+60123456789",
        "language": "id",
        "interests": ["clothing", "accessories"],
    },
    {
        "email": "jiwon.kim@example.com",
        "name": "Kim Ji-won",
        "company": "Hanbit Natural Co.",
        "country": "KR",
        "buyer_type": "ecommerce",
        "phone": "+821020000000",
        "interests": ["herbal-jamu", "soap-and-cosmetics"],
    },
    {
        "email": "abdullah.alqahtani@example.com",
        "name": "Abdullah Al-Qahtani",
        "company": "Al-Qahtani Spices and Dates Est.",
        "country": "SA",
        "buyer_type": "wholesaler",
        "phone": "+966501234567",
        "interests": ["spices-and-herbs", "snacks"],
    },
    {
        "email": "weiling.lim@example.com",
        "name": "Lim Wei Ling",
        "company": "Lion City Provisions Pte Ltd",
        "country": "SG",
        "buyer_type": "distributor",
        "phone": "+6591234567",
        "interests": ["snacks", "processed-food"],
    },
]

DELEGATES = [
    {
        "email": "meihua.chen@example.com",
        "name": "Chen Mei-hua",
        "institution": "Taipei Overseas Workforce Cooperation Office",
        "delegate_type": "government",
        "position": "Deputy Director",
        "country": "TW",
        "phone": "+886223456789",
    },
    {
        "email": "hiroshi.yamamoto@example.com",
        "name": "Yamamoto Hiroshi",
        "institution": "Kansai Care Employers Association",
        "delegate_type": "association",
        "position": "Secretary General",
        "country": "JP",
        "phone": "+81665551234",
    },
    {
        "email": "rajesh.kumar@example.com",
        "name": "Rajesh Kumar",
        "institution": "Sabah Green Palm Plantations Sdn Bhd",
        "delegate_type": "employer",
        "position": "Head of Human Resources",
        "country": "MY",
        "phone": "+60198765432",
    },
    {
        "email": "minseo.park@example.com",
        "name": "Park Min-seo",
        "institution": "Gyeonggi EPS Support Centre for Foreign Workers",
        "delegate_type": "government",
        "position": "Senior Counsellor",
        "country": "KR",
        "phone": "+821020000001",
    },
]

# Each lead has a fixed key: its idempotency key is a UUID5 of it, so a second run
# finds the lead and skips it. The estimated value is left to lead_create's one rule
# (quantity x target price). A lead is created as new and then walked along the
# pipeline to its status, so its history reads like a real follow-up.
TRADE_LEADS = [
    {
        "key": "tanaka-silk-scarf",
        "buyer": "kaori.tanaka@example.com",
        "product": "silk-batik-scarf",
        "quantity": D("200"),
        "unit": "piece",
        "target_price": D("28.00"),
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "JP",
        "timeline": "1_3_months",
        "status": "quoted",
        "source": "booth",
        "message": (
            "We met at the stand on Wednesday. Could you quote 200 scarves in the indigo and "
            "soga colourways, boxed, FOB Semarang?"
        ),
    },
    {
        "key": "tanaka-teak-tray",
        "buyer": "kaori.tanaka@example.com",
        "product": "carved-teak-serving-tray",
        "quantity": D("150"),
        "unit": "piece",
        "target_price": D("18.00"),
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "JP",
        "timeline": "3_6_months",
        "status": "contacted",
        "source": "web",
        "message": "Please send the SVLK documents and a photo of the back of the tray.",
    },
    {
        "key": "devries-mace",
        "buyer": "pieter.devries@example.com",
        "product": "banda-mace",
        "quantity": D("500"),
        "unit": "kg",
        "target_price": D("22.00"),
        "currency": "USD",
        "incoterm": "CIF",
        "destination_country": "NL",
        "timeline": "1_3_months",
        "status": "agreed",
        "source": "booth",
        "message": (
            "Following our tasting at the booth: 500 kg whole mace, CIF Rotterdam, with an "
            "aflatoxin report from an accredited lab."
        ),
    },
    {
        "key": "devries-nutmeg",
        "buyer": "pieter.devries@example.com",
        "product": "banda-whole-nutmeg",
        "quantity": D("1000"),
        "unit": "kg",
        "target_price": D("9.50"),
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "NL",
        "timeline": "3_6_months",
        "status": "sample_sent",
        "source": "booth_staff",
        "rating": "warm",
        "message": "Interested in ABCD grade for a spice blender. Please send a 1 kg sample.",
    },
    {
        "key": "alhashimi-green-beans",
        "buyer": "omar.alhashimi@example.com",
        "product": "gayo-arabica-green-beans",
        "quantity": D("2000"),
        "unit": "kg",
        "target_price": D("8.20"),
        "currency": "USD",
        "incoterm": "CFR",
        "destination_country": "AE",
        "timeline": "1_3_months",
        "status": "quoted",
        "source": "booth",
        "message": "Two tonnes grade 1 for our roastery partners in Dubai, CFR Jebel Ali.",
    },
    {
        "key": "alhashimi-tempeh-chips",
        "buyer": "omar.alhashimi@example.com",
        "product": "tempeh-chips-original",
        "quantity": D("3000"),
        "unit": "pack",
        "target_price": D("1.20"),
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "AE",
        "timeline": "3_6_months",
        "status": "contacted",
        "source": "web",
        "message": "Is the halal certificate recognised in the UAE? We need Arabic labels.",
    },
    {
        "key": "carter-rattan-bag",
        "buyer": "emily.carter@example.com",
        "product": "round-rattan-bag-batik-lining",
        "quantity": D("600"),
        "unit": "piece",
        "target_price": D("14.00"),
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "US",
        "timeline": "1_3_months",
        "status": "sample_sent",
        "source": "booth_staff",
        "rating": "hot",
        "message": "Samples in natural and dark brown, please, with our hang tags.",
    },
    {
        "key": "carter-laundry-basket",
        "buyer": "emily.carter@example.com",
        "product": "rattan-laundry-basket",
        "quantity": D("200"),
        "unit": "set",
        "target_price": D("38.00"),
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "US",
        "timeline": "3_6_months",
        "status": "new",
        "source": "web",
        "message": "What is the loading quantity of nested sets in a 40' HC container?",
    },
    {
        "key": "obrien-green-beans",
        "buyer": "liam.obrien@example.com",
        "product": "gayo-arabica-green-beans",
        "quantity": D("1200"),
        "unit": "kg",
        "target_price": D("8.50"),
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "AU",
        "timeline": "now",
        "status": "new",
        "source": "booth_staff",
        "rating": "hot",
        "message": "Twenty bags for our Melbourne roastery. Do you have 2024 harvest left?",
    },
    {
        "key": "obrien-guest-soap",
        "buyer": "liam.obrien@example.com",
        "exhibitor": "sabun-kelapa-asri",
        "interest": "custom",
        "quantity": D("10000"),
        "unit": "piece",
        "target_price": D("0.45"),
        "currency": "USD",
        "incoterm": "DAP",
        "destination_country": "AU",
        "timeline": "3_6_months",
        "status": "contacted",
        "source": "web",
        "message": (
            "We supply boutique hotels in Queensland. Can you make 30 g guest soaps with our "
            "logo stamped on them?"
        ),
    },
    {
        "key": "aisyah-tapis-hijab",
        "buyer": "nurul.aisyah@example.com",
        "product": "tapis-embroidered-voile-hijab",
        "quantity": D("300"),
        "unit": "piece",
        "target_price": D("95000"),
        "currency": "IDR",
        "incoterm": "FOB",
        "destination_country": "MY",
        "timeline": "1_3_months",
        "status": "quoted",
        "source": "booth",
        "language": "id",
        "message": "Kami berminat 300 helai untuk koleksi Hari Raya, warna pastel.",
    },
    {
        "key": "aisyah-songket-clutch",
        "buyer": "nurul.aisyah@example.com",
        "product": "songket-clutch-bag",
        "quantity": D("100"),
        "unit": "piece",
        "target_price": D("20.00"),
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "MY",
        "timeline": "3_6_months",
        "status": "new",
        "source": "booth",
        "language": "id",
        "message": "Apakah bisa dibuat dengan tali rantai untuk disandang?",
    },
    {
        "key": "kim-kunyit-asam",
        "buyer": "jiwon.kim@example.com",
        "product": "instant-kunyit-asam",
        "quantity": D("2000"),
        "unit": "pack",
        "target_price": D("1.50"),
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "KR",
        "timeline": "3_6_months",
        "status": "sample_sent",
        "source": "web",
        "message": "For our online shop. We need the ingredient list translated for MFDS.",
    },
    {
        "key": "kim-vco-soap",
        "buyer": "jiwon.kim@example.com",
        "product": "vco-soap-unscented",
        "quantity": D("1500"),
        "unit": "piece",
        "target_price": D("1.40"),
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "KR",
        "timeline": "exploring",
        "status": "lost",
        "source": "web",
        "message": "Could you meet USD 1.40 per bar for 1,500 bars?",
    },
    {
        "key": "alqahtani-cloves",
        "buyer": "abdullah.alqahtani@example.com",
        "product": "maluku-cloves",
        "quantity": D("2000"),
        "unit": "kg",
        "target_price": D("11.00"),
        "currency": "USD",
        "incoterm": "CFR",
        "destination_country": "SA",
        "timeline": "1_3_months",
        "status": "contacted",
        "source": "booth",
        "share_contact": False,
        "message": "Two tonnes, CFR Jeddah. Please contact us through the agency.",
    },
    {
        "key": "alqahtani-vanilla",
        "buyer": "abdullah.alqahtani@example.com",
        "product": "vanilla-planifolia-beans",
        "quantity": D("50"),
        "unit": "kg",
        "target_price": D("220.00"),
        "currency": "USD",
        "incoterm": "CIF",
        "destination_country": "SA",
        "timeline": "3_6_months",
        "status": "quoted",
        "source": "booth",
        "share_contact": False,
        "message": "Grade A, 18 cm and longer, vacuum packed in 1 kg bags.",
    },
    {
        "key": "lim-private-label-snacks",
        "buyer": "weiling.lim@example.com",
        "exhibitor": "keripik-bunda-blitar",
        "interest": "custom",
        "quantity": D("5000"),
        "unit": "pack",
        "target_price": D("1.10"),
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "SG",
        "timeline": "later",
        "status": "new",
        "source": "web",
        "message": "We are looking for a private-label tempeh and cassava chip range.",
    },
]

PLACEMENT_LEADS = [
    {
        "key": "taipei-manufacturing-care",
        "delegate": "meihua.chen@example.com",
        "sectors": ["manufacturing", "caregiving"],
        "headcount": 300,
        "occupation": "machine-operator",
        "occupations": "Machine operators; caregivers for long-term care institutions",
        "skills": "Basic Mandarin; caregivers need a 90-hour caregiver training certificate.",
        "status": "contacted",
        "source": "booth",
        "message": "We would like to discuss a direct-hiring channel for 2025 with the agency.",
    },
    {
        "key": "kansai-care-workers",
        "delegate": "hiroshi.yamamoto@example.com",
        "sectors": ["caregiving"],
        "headcount": 40,
        "occupation": "care-worker-japan",
        "occupations": "Care workers (kaigo) for nursing homes in Osaka and Hyogo",
        "skills": "JLPT N4 and the Specified Skilled Worker care test; we support exam study.",
        "status": "new",
        "source": "booth",
        "message": "Our members want to meet training centres that prepare care workers.",
    },
    {
        "key": "sabah-plantation-harvesters",
        "delegate": "rajesh.kumar@example.com",
        "sectors": ["agriculture"],
        "headcount": 150,
        "occupations": "Oil palm harvesters; field supervisors",
        "skills": "Harvesting experience welcome; supervisors need basic Malay and literacy.",
        "status": "quoted",
        "source": "staff",
        "message": "Entered by staff after the meeting on 11 October.",
    },
    {
        "key": "gyeonggi-eps-workers",
        "delegate": "minseo.park@example.com",
        "sectors": ["manufacturing", "fisheries"],
        "headcount": 200,
        "occupation": "machine-operator",
        "occupations": "Factory production workers; coastal fishing crew",
        "skills": "EPS-TOPIK passed; fishing crew need a basic sea safety certificate.",
        "status": "new",
        "source": "web",
        "message": "Information for employers about the 2025 EPS quota for Indonesia.",
    },
    {
        "key": "kansai-formwork-carpenters",
        "delegate": "hiroshi.yamamoto@example.com",
        "sectors": ["construction"],
        "occupation": "formwork-carpenter",
        "headcount": 60,
        "occupations": "Formwork carpenters for building sites in Osaka",
        "skills": "JFT-Basic A2; construction experience in Indonesia welcome.",
        "status": "new",
        "source": "web",
        "message": "Our construction members are short of formwork carpenters for 2025.",
    },
]

# The notes staff leave when a demo lead moves to a status, for trade and placement leads.
STATUS_NOTES = {
    "trade": {
        "contacted": "Called the buyer after the expo and confirmed the details.",
        "sample_sent": "Samples sent by courier with the specification sheet.",
        "quoted": "Quotation sent by email.",
        "agreed": "The buyer confirmed the order; the first lot is in production.",
        "lost": "The buyer chose another supplier on price.",
    },
    "placement": {
        "contacted": "Met the delegation at the booth and agreed on a follow-up meeting.",
        "quoted": "Cooperation proposal sent, with profiles of the training centres.",
    },
}

# Which demo login owns which businesses (only loaded in demo mode).
DEMO_OWNERSHIP = {
    "sari": ["batik-tulis-sekar-jagad"],
    "budi": ["rotan-anyam-cirebon", "sutra-sengkang-wajo"],
}
