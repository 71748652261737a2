"""The answer fit to hand out: the static map, the print page and the workbook."""

from __future__ import annotations

import io
import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pandas as pd
from PIL import Image

from capaciteit import texts
from capaciteit.deployment.cost import Duration, estimate_cost
from capaciteit.deployment.handout import Handout, map_image, print_page
from capaciteit.deployment.view import answer_sentences, answer_verdict
from capaciteit.deployment.workbook import answer_workbook
from tests.deployment.test_answer import CHAIN
from tests.deployment.test_view import NAMES, example_answer

MADE_AT = datetime(2026, 11, 25, 14, 5, tzinfo=ZoneInfo("Europe/Amsterdam"))


def handout(demo: bool = True, question: str = "De vraag <script>") -> Handout:
    answer = example_answer()
    duration = Duration(2, "dagen")
    return Handout(answer, question, answer_verdict(answer, NAMES).level,
                   answer_sentences(answer, NAMES, 180),
                   estimate_cost(answer.cost_lines, duration), duration, MADE_AT, demo,
                   ["Bron: CBS (fictief)"])


def test_the_map_image_is_a_png_drawn_without_a_browser():
    answer = example_answer()
    png = map_image(CHAIN.to_crs("EPSG:4326"), answer.suppliers, ["VR01"],
                    peildatum="Peildatum: 1 november 2026", attributions=["bron"])
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width > 800
    colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (0xcc, 0xcc, 0xcc) in colours  # grey: VR03 searched, no data (never 0)
    assert (0xd7, 0x30, 0x1f) in colours  # the target's red outline


def test_the_print_page_has_demo_warning_verdict_map_callers_cost_and_freshness():
    page = print_page(handout(), b"\x89PNG fake")
    assert page.index("class=demo") < page.index(texts.PRINT_QUESTION)
    assert texts.DEMO_BANNER.replace("**", "") in re.sub(r"</?strong>", "", page)
    assert "Opgesteld op 25 november 2026 14:05" in page
    assert "De vraag &lt;script&gt;" in page and "<script>" not in page
    assert '<div class="verdict rood"' in page
    assert "<strong>Tekort: 266 personen.</strong>" in page
    assert "Alleen onder afspraak: 1.000 personen, tekort 500." in page
    assert 'src="data:image/png;base64,' in page
    assert texts.DEPLOY_CALLERS in page and "<td>Stad</td>" in page
    # cost: 1000 covered at € 55,00 per uur × 16 h; 234 without agreement, 266 short
    assert "€ 880.000,00" in page and "€ 55,00 per uur" in page
    assert "234 personen hebben geen afgesproken tarief" in page
    assert "peildatum 1 januari 2025" in page and "(verouderd)" in page
    assert "@media print" in page and "Ring" in page and "Afstand" in page
    assert "Aanlooptijd (uur)" in page and "Activeringstijd" not in page


def test_real_data_has_no_demo_warning_on_paper():
    assert "class=demo" not in print_page(handout(demo=False), None)


def test_the_workbook_has_question_and_answer_first_real_dates_and_number_formats():
    book = openpyxl.load_workbook(io.BytesIO(answer_workbook(handout(question="=1+1"))))
    assert book.sheetnames == ["Vraag en antwoord", "Wie bellen", "Leveranciers", "Afspraken"]
    first = book["Vraag en antwoord"]
    cells = {c.coordinate: c for row in first.iter_rows() for c in row if c.value is not None}
    values = [c.value for c in cells.values()]
    assert texts.DEMO_BANNER.replace("**", "") in values
    assert "'=1+1" in values  # a formula stays text
    assert "Tekort: 266 personen." in values
    made = next(c for c in cells.values() if isinstance(c.value, datetime))
    assert made.value == datetime(2026, 11, 25, 14, 5) and "yy" in made.number_format
    amounts = [c for c in cells.values() if c.number_format.startswith("€")]
    assert Decimal(str(amounts[-1].value)) == Decimal("880000")
    assert texts.COST_NO_RATE in values
    suppliers = pd.DataFrame(book["Leveranciers"].values)
    header = suppliers.iloc[0].tolist()
    peildatum = suppliers.iloc[1:, header.index("Peildatum (oudste)")].tolist()
    assert peildatum[:2] == [datetime(2026, 11, 1), datetime(2025, 1, 1)]
    sheet = book["Leveranciers"]
    assert "yy" in sheet.cell(2, header.index("Peildatum (oudste)") + 1).number_format
    assert sheet.cell(2, header.index("Inzetbaar") + 1).number_format == "#,##0"
    agreements = book["Afspraken"]
    head = [c.value for c in agreements[1]]
    assert agreements.cell(2, head.index("Vergoeding (€)") + 1).value == 55
    assert agreements.cell(2, head.index("Aanlooptijd (uur)") + 1).value == 36
    callers = [[c.value for c in row] for row in book["Wie bellen"].iter_rows()]
    assert callers[1][:2] == ["Regio 01 (VR01)", "Stad"]
