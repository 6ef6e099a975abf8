"""Valid form posts for the lead forms; a test changes one field to make it bad."""

import uuid


def trade_post(**changes) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "quantity": "500",
        "unit": "kg",
        "message": "Please send your export price list and a sample.",
        "name": "Aiko Tanaka",
        "email": "aiko@example.jp",
        "company": "Tanaka Trading K.K.",
        "country": "JP",
        "buyer_type": "importer",
        "phone": "+81 90 1234 5678",
        "target_price": "",
        "currency": "USD",
        "incoterm": "FOB",
        "destination_country": "JP",
        "timeline": "1_3_months",
        "consent": "on",
        "leave_empty": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def placement_post(**changes) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "name": "Min-jun Park",
        "position": "Labour attaché",
        "institution": "Embassy of the Republic of Korea",
        "delegate_type": "embassy",
        "email": "labour@embassy.example.org",
        "phone": "+82 2 1234 5678",
        "country": "KR",
        "sectors": ["manufacturing", "construction"],
        "occupations": "Welders, shipyard fitters",
        "headcount": "40",
        "skills": "Welding certificate, basic Korean (TOPIK 2)",
        "timeline": "3_6_months",
        "message": "We would like to meet at the booth.",
        "consent": "on",
        "leave_empty": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}
