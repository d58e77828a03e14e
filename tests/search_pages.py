"""A small handbook for the search tests: pages shaped like the shipped ones."""

from __future__ import annotations


def page(title: str, summary: str, body: str, *, category: str = "", tags=(), aliases=(), risk: str = "") -> str:
    lines = ["---", f"title: {title}", f'summary: "{summary}"']
    if category:
        lines.append(f"category: {category}")
    if tags:
        lines.append(f"tags: [{', '.join(tags)}]")
    if aliases:
        lines.append(f"aliases: [{', '.join(aliases)}]")
    if risk:
        lines.append(f"risk: {risk}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + body.strip() + "\n"


PAGES = {
    "contraindications/hemophilia.md": page(
        "Hemophilia",
        "An inherited lack of a clotting factor; massage with the doctor's approval and light pressure.",
        "## What it is\n\nAn inherited bleeding disorder: the blood lacks a clotting factor.\n\n"
        "## What to do\n\nUse light, broad pressure. Never massage over a joint that is bleeding.\n",
        tags=("blood", "bleeding"),
        aliases=("haemophilia", "factor VIII deficiency"),
        risk="caution",
    ),
    "contraindications/anticoagulants.md": page(
        "Anticoagulant medication (blood thinners)",
        "Clients on anticoagulants bruise easily; use light pressure and no deep work.",
        "## What it is\n\nMedicines such as warfarin slow clotting.\n\n"
        "## What to do\n\nAsk at intake about medication. Bruising comes easily, so keep pressure light.\n",
        tags=("medication", "blood"),
        aliases=("blood thinners", "warfarin"),
        risk="caution",
    ),
    "contraindications/deep-vein-thrombosis.md": page(
        "Deep vein thrombosis (DVT)",
        "A blood clot in a deep vein of the leg; no massage until a doctor has ruled it out.",
        "## What it is\n\nA clot in a deep vein, usually in the calf. Massage could dislodge it.\n\n"
        "## Red flags: stop and refer\n\nA swollen, warm, painful calf on one side.\n",
        tags=("vascular", "legs"),
        aliases=("DVT", "blood clot in the leg"),
        risk="total",
    ),
    "contraindications/varicose-veins.md": page(
        "Varicose veins",
        "Swollen, twisted veins in the legs; no deep pressure over them.",
        "## What it is\n\nVeins whose valves fail, so blood pools in the leg.\n\n"
        "## What to do\n\nWork around them with light strokes; never press on the veins.\n",
        tags=("vascular", "legs"),
        aliases=("varicosities",),
        risk="local",
    ),
    "contraindications/osteomyelitis.md": page(
        "Osteomyelitis",
        "A bone infection; postpone massage until it has been treated.",
        "## What it is\n\nAn infection of the bone, with fever and deep pain.\n",
        tags=("bone", "infection"),
        aliases=("bone infection",),
        risk="total",
    ),
    "contraindications/pregnancy.md": page(
        "Pregnancy",
        "Massage is welcome in pregnancy with changes to position and pressure.",
        "## What to do\n\nIn the third trimester use side-lying with a pillow between the knees.\n",
        tags=("pregnancy",),
        aliases=("pregnant client", "prenatal massage"),
        risk="caution",
    ),
    "pressure-zones/anterior-neck.md": page(
        "Anterior triangle of the neck",
        "The front of the neck holds the carotid artery and jugular vein: do not press here.",
        "## Where it is\n\nIn front of the sternocleidomastoid muscle.\n\n"
        "## What lies there\n\nThe carotid artery, the jugular vein and the vagus nerve.\n",
        category="Pressure zones",
        tags=("neck", "endangerment site"),
        aliases=("front of the neck", "carotid triangle", "above the collarbone"),
    ),
    "pressure-zones/popliteal-fossa.md": page(
        "Popliteal fossa (back of the knee)",
        "The hollow behind the knee holds an artery, a vein and a nerve: glide lightly, never press.",
        "## What lies there\n\nThe popliteal artery and vein and the tibial nerve.\n",
        category="Pressure zones",
        tags=("knee", "endangerment site"),
        aliases=("back of the knee",),
    ),
    "positioning/prone.md": page(
        "Prone",
        "Lying face down, with a face cradle and a bolster under the ankles.",
        "## How to set it up\n\nThe client lies on the stomach. Put a bolster under the ankles and a pillow "
        "under the abdomen if the lower back is sore.\n",
        category="Positioning",
        tags=("position",),
        aliases=("face down",),
    ),
    "positioning/side-lying.md": page(
        "Side-lying",
        "Lying on one side with pillows between the knees and under the head.",
        "## When to use it\n\nIn late pregnancy and for clients who cannot lie prone.\n",
        category="Positioning",
        tags=("position",),
        aliases=("lying on the side",),
    ),
    "warm-up/petrissage.md": page(
        "Petrissage",
        "Kneading strokes that lift and squeeze the muscle after effleurage has warmed it.",
        "## How to do it\n\nLift, squeeze and release the muscle rhythmically.\n",
        category="Warm-up and pressure",
        tags=("technique", "kneading"),
        aliases=("kneading",),
    ),
    "after-massage/back-pain.md": page(
        "Why the back can hurt after a massage",
        "Soreness in the back the day after a massage is common and passes in a day or two.",
        "## Why it happens\n\nDeep work on tight muscles leaves them tender, like after exercise.\n\n"
        "## When to refer\n\nPain that spreads down a leg, or numbness, needs a doctor.\n",
        category="After the massage",
        tags=("soreness", "back"),
        aliases=("sore back after massage",),
    ),
}

SYNONYMS = """\
# Words that mean the same in a search.
- [face down, prone, on the stomach, lying on stomach]
- [blood thinners, anticoagulants]
- [DVT, deep vein thrombosis]
"""
