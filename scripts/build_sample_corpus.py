#!/usr/bin/env python3
"""Build the invented sample corpus under raw/ (every input format newsclean accepts).

All articles, outlets, people and places below are invented for this project. The script
renders each article the way a scraper would have stored it: as naive-extractor plain text
with site furniture left in, as a full HTML page, as a JSONL record, or as a WARC response
record. It is deterministic: gzip headers carry mtime 0 and no file name, WARC dates and
record ids are fixed, so a rerun produces byte-identical files.

Usage: python scripts/build_sample_corpus.py [--out RAW_DIR]   (default: <repo>/raw)
"""
from __future__ import annotations

import argparse
import csv
import gzip
import html
import io
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parents[1]

# Cyrillic look-alikes planted inside English words (translation/OCR artifacts).
CYR_A = "\u0430"  # Cyrillic small a
CYR_O = "\u043e"  # Cyrillic small o
CYR_ER = "\u0440"  # Cyrillic small er (looks like Latin p)


# --------------------------------------------------------------------------- editions

@dataclass(frozen=True)
class Edition:
    """Site furniture of one outlet in one language."""

    site_name: str
    nav: tuple[str, ...]
    home: str
    byline: str
    share: str
    share_buttons: str
    read_also: str
    tags: str
    comment_form: tuple[str, ...]
    related: str
    newsletter: tuple[str, ...]
    cookie: tuple[str, ...]
    copyright: str
    comments_heading: str
    comments: tuple[tuple[str, str], ...]
    footer_links: tuple[str, ...]
    blank_lines: bool = True


EN_FORM = ("Leave a Comment",
           "Your email address will not be published. Required fields are marked *",
           "Comment*", "Name*", "Email*", "Post Comment")
ES_FORM = ("Deja un comentario",
           "Tu dirección de correo electrónico no será publicada. Los campos obligatorios "
           "están marcados con *", "Comentario*", "Nombre*", "Correo electrónico*",
           "Publicar comentario")
UK_FORM = ("Залишити коментар",
           "Ваша електронна адреса не буде опублікована. Обов’язкові поля позначені *",
           "Коментар*", "Ім’я*", "Email*", "Надіслати коментар")
RU_FORM = ("Оставить комментарий",
           "Ваш адрес email не будет опубликован. Обязательные поля помечены *",
           "Комментарий*", "Имя*", "Email*", "Отправить комментарий")
EL_FORM = ("Αφήστε ένα σχόλιο",
           "Η διεύθυνση email σας δεν θα δημοσιευτεί. Τα υποχρεωτικά πεδία σημειώνονται με *",
           "Σχόλιο*", "Όνομα*", "Email*", "Δημοσίευση σχολίου")

EDITIONS: dict[tuple[str, str], Edition] = {
    ("harbourgazette.com", "en"): Edition(
        site_name="The Harbour Gazette",
        nav=("Home", "News", "Harbour", "Business", "Sport", "Opinion", "Contact"),
        home="Home", byline="By {}", share="Share post:",
        share_buttons="FacebookXWhatsAppEmail", read_also="Read also:", tags="Tags:",
        comment_form=EN_FORM, related="Related articles",
        newsletter=("Subscribe to our newsletter",
                    "Get the Harbour Gazette morning briefing in your inbox every weekday."),
        cookie=("We use cookies to improve your experience on our site. By continuing to "
                "browse, you agree to our use of cookies.", "Accept"),
        copyright="© 2026 Harbour Gazette Media Ltd. All rights reserved.",
        comments_heading="2 Comments",
        comments=(("Pete W.", "Good to see the actual figures for once. Thanks for the "
                   "detailed report."),
                  ("harbourwatcher", "Will there be a public meeting about this? Nobody on "
                   "our street had heard anything.")),
        footer_links=("About us", "Contact", "Advertise", "Privacy policy"),
        blank_lines=False,
    ),
    ("dailyblaze-news.com", "en"): Edition(
        site_name="The Daily Blaze",
        nav=("Home", "News", "Shocking", "Celebs", "Money", "Video"),
        home="Home", byline="By {}", share="SHARE THIS NOW!",
        share_buttons="FacebookXWhatsAppEmail", read_also="Read also:", tags="Tags:",
        comment_form=EN_FORM, related="You may also like",
        newsletter=("Never miss a story! Sign up for Blaze alerts",),
        cookie=("This site uses cookies. Click OK to continue.", "OK"),
        copyright="© 2026 Daily Blaze Digital. All rights reserved.",
        comments_heading="214 Comments",
        comments=(("TruthSeeker77", "I KNEW it!!! They never tell us anything. Wake up "
                   "people!!!"),
                  ("Janet R", "Shared with my whole family. This is unbelievable.")),
        footer_links=("About", "Contact", "Terms", "Privacy"),
    ),
    ("elfarodelsur.es", "es"): Edition(
        site_name="El Faro del Sur",
        nav=("Inicio", "Actualidad", "Provincia", "Economía", "Deportes", "Opinión",
             "Contacto"),
        home="Inicio", byline="Por {}", share="Compartir:",
        share_buttons="FacebookXWhatsAppCorreo", read_also="Lee también:",
        tags="Etiquetas:", comment_form=ES_FORM, related="Noticias relacionadas",
        newsletter=("Suscríbete a nuestro boletín",
                    "Recibe cada mañana las noticias de la provincia en tu correo."),
        cookie=("Utilizamos cookies propias y de terceros para mejorar nuestros servicios. "
                "Si continúa navegando, consideramos que acepta su uso.", "Aceptar"),
        copyright="© 2026 Ediciones del Faro S.L. Todos los derechos reservados.",
        comments_heading="2 comentarios",
        comments=(("Pilar G.", "Ya era hora. En mi calle llevamos dos años con la misma "
                   "avería."),
                  ("vecino_albar", "¿Alguien sabe si habrá reunión informativa en el "
                   "barrio?")),
        footer_links=("Quiénes somos", "Contacto", "Publicidad", "Aviso legal"),
    ),
    ("ultimahora-ya.es", "es"): Edition(
        site_name="¡Última Hora YA!",
        nav=("Portada", "Sucesos", "Virales", "Famosos", "Dinero", "Vídeos"),
        home="Portada", byline="Por {}", share="¡COMPÁRTELO!",
        share_buttons="FacebookXWhatsAppTelegram", read_also="No te pierdas:",
        tags="Etiquetas:", comment_form=ES_FORM, related="Te puede interesar",
        newsletter=("¡Apúntate y recibe las noticias más impactantes antes que nadie!",),
        cookie=("Este sitio usa cookies. Al seguir navegando aceptas su uso.", "Vale"),
        copyright="© 2026 Última Hora YA. Todos los derechos reservados.",
        comments_heading="97 comentarios",
        comments=(("Manolo_85", "Esto pasa en todas partes y nadie hace nada!!!"),
                  ("Lucía", "Lo he compartido en el grupo del barrio, que se enteren.")),
        footer_links=("Contacto", "Publicidad", "Privacidad"),
    ),
    ("dniprovisti.com.ua", "uk"): Edition(
        site_name="Дніпровські вісті",
        nav=("Головна", "Новини", "Місто", "Економіка", "Суспільство", "Контакти"),
        home="Головна", byline="Автор: {}", share="Поділитися:",
        share_buttons="FacebookTelegramViberEmail", read_also="Читайте також:",
        tags="Теги:", comment_form=UK_FORM, related="Схожі новини",
        newsletter=("Підпишіться на нашу розсилку",),
        cookie=("Ми використовуємо файли cookie, щоб сайт працював краще. Продовжуючи "
                "користуватися сайтом, ви погоджуєтеся з цим.", "Прийняти"),
        copyright="© 2026 Дніпровські вісті. Усі права захищено.",
        comments_heading="2 коментарі",
        comments=(("Олена", "Дякую за докладну інформацію, чекаємо на звіти."),
                  ("Петро К.", "А коли почнуть ремонт у нашій школі на Садовій?")),
        footer_links=("Про нас", "Контакти", "Реклама", "Політика конфіденційності"),
    ),
    ("dniprovisti.com.ua", "en"): Edition(
        site_name="Dnipro News",
        nav=("Home", "News", "City", "Economy", "Society", "Contacts"),
        home="Home", byline="By {}", share="Share post:",
        share_buttons="FacebookTelegramViberEmail", read_also="Read also:", tags="Tags:",
        comment_form=EN_FORM, related="Related news",
        newsletter=("Subscribe to our newsletter",),
        cookie=("We use cookies to make the site work better. By continuing to use the "
                "site, you agree to this.", "Accept"),
        copyright="© 2026 Dnipro News. All rights reserved.",
        comments_heading="1 Comment",
        comments=(("Andrew", "Thank you for publishing this in English."),),
        footer_links=("About us", "Contacts", "Advertising", "Privacy policy"),
    ),
    ("blackseacourier.net", "ru"): Edition(
        site_name="Черноморский курьер",
        nav=("Главная", "Новости", "Регион", "Экономика", "Культура", "Контакты"),
        home="Главная", byline="Автор: {}", share="Поделиться:",
        share_buttons="VKTelegramWhatsAppEmail", read_also="Читайте также:",
        tags="Теги:", comment_form=RU_FORM, related="Похожие новости",
        newsletter=("Подпишитесь на нашу рассылку",),
        cookie=("Мы используем файлы cookie. Продолжая пользоваться сайтом, вы "
                "соглашаетесь с этим.", "Принять"),
        copyright="© 2026 Черноморский курьер. Все права защищены.",
        comments_heading="Комментарии (2)",
        comments=(("Сергей", "Спасибо, наконец кто-то об этом написал."),
                  ("Марина", "У нас в районе то же самое.")),
        footer_links=("О нас", "Контакты", "Реклама", "Конфиденциальность"),
    ),
    ("blackseacourier.net", "en"): Edition(
        site_name="Black Sea Courier",
        nav=("Home", "News", "Region", "Economy", "Culture", "Contacts"),
        home="Home", byline="By {}", share="Share post:",
        share_buttons="FacebookXTelegramEmail", read_also="Read also:", tags="Tags:",
        comment_form=EN_FORM, related="Related news",
        newsletter=("Subscribe to our newsletter",),
        cookie=("We use cookies. By continuing to use the site, you agree to this.",
                "Accept"),
        copyright="© 2026 Black Sea Courier. All rights reserved.",
        comments_heading="Comments (0)",
        comments=(),
        footer_links=("About us", "Contacts", "Advertising", "Privacy"),
    ),
    ("blackseacourier.net", "el"): Edition(
        site_name="Black Sea Courier – Ελληνικά",
        nav=("Αρχική", "Ειδήσεις", "Περιφέρεια", "Οικονομία", "Πολιτισμός", "Επικοινωνία"),
        home="Αρχική", byline="Συντάκτης: {}", share="Κοινοποίηση:",
        share_buttons="FacebookXViberEmail", read_also="Διαβάστε επίσης:",
        tags="Ετικέτες:", comment_form=EL_FORM, related="Σχετικά άρθρα",
        newsletter=("Εγγραφείτε στο newsletter μας",),
        cookie=("Χρησιμοποιούμε cookies για να βελτιώσουμε την εμπειρία σας. Συνεχίζοντας "
                "την περιήγηση, αποδέχεστε τη χρήση τους.", "Αποδοχή"),
        copyright="© 2026 Black Sea Courier. Με την επιφύλαξη παντός δικαιώματος.",
        comments_heading="Σχόλια (1)",
        comments=(("Γιώργος Μ.", "Επιτέλους καλά νέα για το λιμάνι μας."),),
        footer_links=("Ποιοι είμαστε", "Επικοινωνία", "Διαφήμιση", "Απόρρητο"),
    ),
}

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
           "вересня", "жовтня", "листопада", "грудня"),
    "el": ("Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου",
           "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου"),
}


def human_date(iso: str, lang: str) -> str:
    """Return the dateline as the outlet prints it (e.g. 'November 18, 2026')."""
    year, month, day = (int(part) for part in iso.split("-"))
    if lang == "en":
        return f"{MONTHS['en'][month - 1]} {day}, {year}"
    if lang == "es":
        return f"{day} de {MONTHS['es'][month - 1]} de {year}"
    if lang == "uk":
        return f"{day} {MONTHS['uk'][month - 1]} {year}, 14:20"
    if lang == "el":
        return f"{day} {MONTHS['el'][month - 1]} {year}"
    return f"{day:02d}.{month:02d}.{year}"


# --------------------------------------------------------------------------- articles

@dataclass(frozen=True)
class Article:
    """One invented article and how it is stored in raw/."""

    key: str
    domain: str
    lang: str
    style: str            # careful | sloppy | mixed
    fmt: str              # txt | html | htm | jsonl | jsonl.gz | warc | warc.gz
    container: str        # path under raw/
    title: str
    published: str        # ISO date
    url: str
    author: str | None
    section: str
    body: tuple[str, ...]
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    read_also: str | None = None
    caption: str | None = None
    repeat_title: bool = False
    foreign_widget: tuple[str, ...] = ()
    record_kind: str = "html"      # for jsonl: text | html
    encoding: str = "utf-8"        # for txt/html/htm/warc pages
    bom: bool = False
    og_meta: bool = True
    omit_source_field: bool = False
    planted: tuple[tuple[str, str], ...] = ()  # (artifact kind, exact planted text)
    extra: dict = field(default_factory=dict)


HG = "harbourgazette.com"
DB = "dailyblaze-news.com"
EFS = "elfarodelsur.es"
UH = "ultimahora-ya.es"
DV = "dniprovisti.com.ua"
BSC = "blackseacourier.net"

SHARED_HG_SENTENCE = ("Port Ellison handled 4.2 million tonnes of cargo last year, up 3 per "
                      "cent on 2024, according to the harbour authority's annual report.")

HG_TITLES = {
    "hg1": "Harbour authority sets out $38m plan to deepen east channel",
    "hg2": "Ferry operator cuts winter sailings to Gull Island, citing crew shortage",
    "hg3": "Council budget proposes 4.5% rise in property levy",
    "hg4": "Shipyard to hire 120 apprentices after winning navy repair contract",
    "hg5": "Beach water quality falls at two sites after summer storms, tests show",
    "hg6": "Lifeboat crew rescues two kayakers off Gannet Point",
}

ARTICLES: list[Article] = [
    # ------------------------------------------------------------ The Harbour Gazette (en)
    Article(
        key="hg1", domain=HG, lang="en", style="careful", fmt="txt",
        container=f"{HG}/2026-11-16-east-channel-dredging.txt",
        title=HG_TITLES["hg1"], published="2026-11-16",
        url="https://www.harbourgazette.com/harbour/2026/11/16/east-channel-dredging-plan/",
        author="Lise Okafor", section="Harbour",
        body=(
            "The Port Ellison Harbour Authority has published a plan to deepen the east "
            "shipping channel by two metres, a project it estimates will cost $38 million "
            "and take roughly three years to complete.",
            "The 64-page proposal, released on Monday ahead of a public consultation, says "
            "the deeper channel would allow container vessels of up to 9,000 units to call "
            "at the port without waiting for high tide. At present, ships above about 6,500 "
            "units must time their arrival around the tide, according to the document.",
            "\"We are not trying to turn Port Ellison into a hub port,\" said Miriam "
            "Castell, the authority's chief executive, in an interview. \"The aim is to stop "
            "losing the calls we already have to harbours that can take larger ships at any "
            "state of the tide.\"",
            SHARED_HG_SENTENCE,
            "The plan may face opposition from shellfish growers in Kettle Bay. Dredging "
            "stirs up sediment, and a 2019 study by the University of Northmoor found that "
            "oyster beds within four kilometres of a previous dredging project lost about "
            "18 per cent of their stock in the following season. The authority says it will "
            "use a silt curtain and restrict work to the winter months, when growth is "
            "slowest.",
            "Dan Pereira, who chairs the Kettle Bay Growers' Association, said members had "
            "not yet read the full document. \"We will look at the numbers before we say "
            "anything,\" he said, adding that the association had asked for an independent "
            "monitoring programme.",
            "Funding has not been confirmed. The authority expects to cover about half of "
            "the cost from its own reserves and is seeking the rest from the regional "
            "infrastructure fund, which is due to announce its next round of grants in March.",
            "The consultation runs until January 30. Copies of the plan are available at the "
            "harbour office and on the authority's website.",
        ),
        tags=("harbour", "dredging", "Kettle Bay"),
        related=(HG_TITLES["hg4"], HG_TITLES["hg2"], "Pilot boat service marks 150 years"),
        read_also=HG_TITLES["hg3"], repeat_title=True,
        caption="Photo: A container ship waits for the tide at the east channel buoy. "
                "(Harbour Gazette/Lise Okafor)",
    ),
    Article(
        key="hg2", domain=HG, lang="en", style="careful", fmt="txt",
        container=f"{HG}/2026-11-17-gull-island-ferry.txt",
        title=HG_TITLES["hg2"], published="2026-11-17",
        url="https://www.harbourgazette.com/news/2026/11/17/gull-island-ferry-winter-cuts/",
        author="Tomas Brennick", section="News",
        body=(
            "Northway Ferries will run two return sailings a day to Gull Island between "
            "December and February, down from four, the company said in a statement on "
            "Tuesday.",
            "The operator said it had been unable to recruit enough qualified deck officers "
            "to staff a second vessel through the winter. It currently has three vacancies, "
            "according to a notice filed with the regional transport office.",
            "\"This is not a decision we have taken lightly,\" said Conrad Ilves, Northway's "
            "operations director. \"We would rather run a reliable reduced timetable than "
            "cancel sailings at short notice.\"",
            "About 1,100 people live on Gull Island year-round, according to the 2021 "
            "census. Residents who commute to the mainland said the reduced timetable would "
            "make a normal working day difficult. Harriet Doyle, a nurse at Port Ellison "
            "General Hospital, said the first morning departure would now leave at 7.40 a.m., "
            "after her shift begins.",
            "The island's councillor, Pavel Stanek, said he had written to the transport "
            "office asking whether the reduced service breached Northway's contract, which "
            "requires a \"reasonable\" winter timetable. The office said it was reviewing the "
            "letter and could not comment further.",
            "Northway said the full timetable would return in March if recruitment goes to "
            "plan. The company has advertised the posts in three neighbouring ports, Ilves "
            "said.",
        ),
        tags=("ferries", "Gull Island", "transport"),
        related=(HG_TITLES["hg1"], HG_TITLES["hg6"], "Pilot boat service marks 150 years"),
        read_also=HG_TITLES["hg5"],
        caption="Photo: The Gull Island ferry leaving the west pier. (Harbour Gazette)",
    ),
    Article(
        key="hg3", domain=HG, lang="en", style="careful", fmt="txt",
        container=f"{HG}/2026-11-18-property-levy-budget.txt",
        title=HG_TITLES["hg3"], published="2026-11-18",
        url="https://www.harbourgazette.com/news/2026/11/18/council-budget-property-levy/",
        author="Aileen Maddox", section="News",
        body=(
            "Port Ellison Town Council has proposed raising the property levy by 4.5 per "
            "cent next year, the largest increase since 2012, according to draft budget "
            "papers published on Wednesday.",
            "For a typical three-bedroom house in the town's middle valuation band, the rise "
            "would add about $86 a year, the papers show. The council says the extra "
            "revenue, estimated at $2.9 million, would go mainly toward road repairs and the "
            "cost of the new waste contract, which rose sharply after the previous "
            "contractor withdrew.",
            "Finance chair Olu Adebayo told a committee meeting that the alternative was to "
            "delay resurfacing work on 14 roads that inspectors have rated as poor. \"None of "
            "us wants to put the levy up,\" he said. \"But the roads report is clear, and the "
            "longer we wait the more it costs.\"",
            "Opposition councillors questioned the figures. Rhona Mackie said the waste "
            "contract had been signed without a proper tender and that the council should "
            "publish the bids it received. A council spokesperson said the contract was "
            "awarded under emergency procurement rules and that details would be released "
            "once the contract period ends.",
            "Independent analysis suggests the increase may be smaller in practice. The "
            "Northmoor Fiscal Institute, a think tank, estimated in a note on Thursday that "
            "about one in five households would see little change because they qualify for "
            "existing discounts.",
            "The budget will be debated at a full council meeting on December 9. Residents "
            "can submit comments through the council's website until December 2.",
        ),
        tags=("council", "budget", "property levy"),
        related=(HG_TITLES["hg5"], HG_TITLES["hg4"], "Library opening hours to be extended"),
        read_also=HG_TITLES["hg1"],
        foreign_widget=("Comentarios", "0 comentarios", "Publicar un comentario"),
    ),
    Article(
        key="hg4", domain=HG, lang="en", style="careful", fmt="txt",
        container=f"{HG}/2026-11-19-shipyard-apprentices.txt",
        title=HG_TITLES["hg4"], published="2026-11-19",
        url="https://www.harbourgazette.com/business/2026/11/19/shipyard-apprentices/",
        author="Tomas Brennick", section="Business",
        body=(
            "Caldwell Marine, the shipyard on Port Ellison's south quay, plans to take on "
            "120 apprentices over the next two years after winning a contract to maintain "
            "navy patrol vessels, the company announced on Thursday.",
            "The contract, worth an estimated $54 million over five years according to the "
            "defence ministry's procurement notice, covers routine maintenance and refits of "
            "four vessels. Caldwell said the first ship is expected in April.",
            "The announcement adds to a period of growth on the waterfront.",
            SHARED_HG_SENTENCE,
            "Managing director Sunita Rao said the company would work with Port Ellison "
            "College on a welding and marine engineering course. \"We have an ageing "
            "workforce,\" she said. \"About a third of our skilled trades staff will reach "
            "retirement age within ten years, so we need to train people now.\"",
            "The college's principal, Gareth Lowe, confirmed that talks were under way but "
            "said no agreement had been signed. The course would need approval from the "
            "regional skills board, which meets in February.",
            "Local unions welcomed the news cautiously. A spokesperson for the Marine Trades "
            "Union said it would seek assurances that apprentices would be paid at least the "
            "regional minimum for their age group and that the jobs would not replace "
            "permanent posts.",
            "Unemployment in the Port Ellison district was 6.8 per cent in the third "
            "quarter, compared with 5.1 per cent nationally, according to the statistics "
            "office.",
        ),
        tags=("jobs", "shipyard", "apprenticeships"),
        related=(HG_TITLES["hg1"], HG_TITLES["hg3"], "Pilot boat service marks 150 years"),
        read_also=HG_TITLES["hg2"], repeat_title=True,
    ),
    Article(
        key="hg5", domain=HG, lang="en", style="careful", fmt="txt",
        container=f"{HG}/2026-11-20-bathing-water.txt",
        title=HG_TITLES["hg5"], published="2026-11-20",
        url="https://www.harbourgazette.com/news/2026/11/20/bathing-water-results/",
        author="Lise Okafor", section="News",
        body=(
            "Water at two of Port Ellison's five designated bathing beaches failed to meet "
            "the \"good\" standard this season, according to test results published by the "
            "regional environment agency on Friday.",
            "Samples taken at Marram Sands and the Old Pier beach between June and September "
            "showed higher levels of E. coli than in the previous three years. The agency "
            "rated both sites \"sufficient\", the lowest passing grade.",
            "The agency's report links the results to storm overflows. After heavy rain, the "
            "sewer network may release diluted sewage into the bay to prevent flooding, and "
            "the report counts 41 such releases near the two beaches during the bathing "
            "season, compared with 17 last year.",
            "\"The data point to overflows as the likely cause, but we cannot rule out other "
            "sources, such as run-off from farmland,\" said Dr Kerstin Vail, a water "
            "scientist at the agency. She said further sampling upstream was planned for "
            "next summer.",
            "Coastwater Utilities, which operates the sewer network, said it was investing "
            "$12 million in storage tanks that would reduce overflows at the Old Pier "
            "outfall. A spokesperson said the work is scheduled to finish in 2028.",
            "Swimmers' group Bay Dippers said the results were disappointing but not "
            "surprising. Its secretary, Maureen Hale, said the group would continue to "
            "publish rainfall warnings on its page before weekend swims.",
        ),
        tags=("environment", "beaches", "water quality"),
        related=(HG_TITLES["hg6"], HG_TITLES["hg2"], "Library opening hours to be extended"),
        read_also=HG_TITLES["hg4"],
        caption="Photo: Marram Sands at low tide. (Harbour Gazette/Aileen Maddox)",
    ),
    Article(
        key="hg6", domain=HG, lang="en", style="careful", fmt="htm",
        container=f"{HG}/2026-11-21-gannet-point-rescue.htm",
        title=HG_TITLES["hg6"], published="2026-11-21",
        url="https://www.harbourgazette.com/news/2026/11/21/gannet-point-kayak-rescue/",
        author="Aileen Maddox", section="News",
        body=(
            "Volunteer lifeboat crew from Port Ellison rescued two kayakers who were swept "
            "out past Gannet Point on Saturday afternoon, the coastguard said.",
            "The pair, a man and a woman in their thirties, had set out from Marram Sands at "
            "around 1 p.m. and were unable to paddle back against an offshore wind that the "
            "coastguard's weather station recorded at up to 30 knots. A walker on the cliff "
            "path called the emergency number at 2.15 p.m., according to the coastguard's "
            "incident log.",
            "The inshore lifeboat reached them within 12 minutes of launching. Helm Callum "
            "Frey said both were wearing buoyancy aids, which he described as the single "
            "most important factor. \"They did the right thing by staying with their kayaks "
            "and not trying to swim for it,\" he said.",
            "Both were checked by paramedics at the lifeboat station and did not need "
            "hospital treatment, the ambulance service said.",
            "The coastguard said it had dealt with 23 incidents involving kayaks and "
            "paddleboards along this stretch of coast this year, up from 15 in 2025. It "
            "advises paddlers to check the inshore forecast, carry a means of calling for "
            "help and tell someone on shore when they expect to return.",
        ),
        tags=("lifeboat", "coastguard", "safety"),
        related=(HG_TITLES["hg5"], HG_TITLES["hg2"], "Pilot boat service marks 150 years"),
        read_also=HG_TITLES["hg5"],
        caption="The inshore lifeboat returning to the station on Saturday.",
        extra={"jsonld": True},
    ),
    # ------------------------------------------------------------ The Daily Blaze (en)
    Article(
        key="db1", domain=DB, lang="en", style="sloppy", fmt="jsonl",
        container="dailyblaze-feed.jsonl", record_kind="text",
        title="You WON'T Believe What Town Hall Is Hiding About Your Water Bill!!!",
        published="2026-11-17",
        url="https://dailyblaze-news.com/shocking/town-hall-water-bill-secret/",
        author="Blaze Newsdesk", section="Shocking",
        body=(
            "Something VERY strange is going on at Town Hall, and insiders say they don't "
            "want you to find out!",
            "According to sources close to the council, water bills are about to SKYROCKET "
            "next year - and some say the hike could be as much as 40 percent! One insider, "
            "who asked not to be named, told The Daily Blaze that officials have known about "
            "it \"for months\" but kept quiet until after the festive season.",
            "It's an absolute disgrace. Hard-working families are already struggling, and "
            "now this?!",
            "Many people are saying the money is going straight into bonuses for fat-cat "
            "executives. Others believe the whole thing is a scheme to sell off the water "
            "company to foreign investors. Either way, it stinks!",
            "When we contacted the council, a spokesman refused to give us a straight "
            "answer. Typical!",
            "Readers have been flooding our inbox with furious messages. \"I'm outraged, "
            "this is daylight robbery,\" wrote one. Another said: \"They think we're stupid. "
            "We're not!\"",
            "Experts warn this could be just the beginning. Sources say other towns are "
            "watching closely, and if this goes through, everyone's bills could explode.",
            "We will keep digging. Stay tuned!",
        ),
        tags=("water", "council", "scandal"),
        related=("Doctors STUNNED: This Common Breakfast Food Could Be Killing You",
                 "Is THIS The Real Reason Petrol Prices Won't Come Down?"),
        read_also="Neighbours In UPROAR Over 'Monster' Phone Mast",
        repeat_title=True,
    ),
    Article(
        key="db2", domain=DB, lang="en", style="sloppy", fmt="jsonl",
        container="dailyblaze-feed.jsonl", record_kind="html",
        title="Doctors STUNNED: This Common Breakfast Food Could Be Killing You",
        published="2026-11-18",
        url="https://dailyblaze-news.com/health/breakfast-food-killing-you/",
        author="Kayla Storm", section="Health",
        body=(
            "It's in almost every kitchen - and according to some experts, it may be one of "
            "the most dangerous things you eat all day!",
            "A shocking new report that has been circulating online claims that a popular "
            "breakfast cereal is linked to everything from exhaustion to memory loss. "
            "Doctors are said to be \"stunned\" by the findings.",
            "One nutritionist, who did not want to be identified, told us: \"People have no "
            "idea what they're putting in their bodies. It's terrifying.\"",
            "The report, which we have not been able to obtain, reportedly looked at "
            "\"thousands\" of people. Some say the big food companies have tried to bury it!",
            "Social media users are in uproar. Thousands have already shared posts urging "
            "parents to throw out their cereal boxes immediately.",
            "So what should you eat instead? Insiders swear by a simple switch that "
            "\"changes everything\" - but you'll have to read our next story to find out!",
            "Of course, the cereal makers deny everything. But then again, they would, "
            "wouldn't they?",
            "Share this with everyone you love before it's too late!!!",
        ),
        tags=("health", "food", "shocking"),
        related=("You WON'T Believe What Town Hall Is Hiding About Your Water Bill!!!",
                 "Celebrity Chef's Secret Feud EXPLODES At Charity Gala"),
        read_also="Is THIS The Real Reason Petrol Prices Won't Come Down?",
        caption="Is your breakfast secretly harming you? (Stock image)",
        extra={"published_field": "2026-11-18T09:15:00+00:00"},
    ),
    Article(
        key="db3", domain=DB, lang="en", style="sloppy", fmt="warc",
        container="crawl-2026-11-18.warc",
        title="Celebrity Chef's Secret Feud EXPLODES At Charity Gala - Guests In SHOCK",
        published="2026-11-18",
        url="https://dailyblaze-news.com/celebs/chef-feud-explodes-charity-gala/",
        author="Kayla Storm", section="Celebs",
        body=(
            "Jaws DROPPED at Saturday night's glitzy charity gala when TV chef Marco "
            "Vellani and his former business partner came face to face for the first time "
            "since their bitter split!",
            "Eyewitnesses say the atmosphere was \"ice cold\" from the moment the pair "
            "arrived. One guest claimed Vellani \"stormed out\" before dessert, while another "
            "insisted he simply left early to catch a flight.",
            "Sources close to the chef say he is \"devastated\" and \"furious\" about the way "
            "the restaurant partnership ended. Others say he only has himself to blame!",
            "The feud reportedly began last spring when the pair's flagship restaurant "
            "closed without warning. Rumours have swirled ever since, with some fans even "
            "claiming that money went missing. There is no evidence for that, but people are "
            "talking!",
            "A representative for Vellani did not respond to our requests for comment. His "
            "former partner could not be reached.",
            "Fans are DESPERATE to know what really happened. One wrote online: \"I always "
            "knew something was off about those two!!\"",
            "Is this the end of the road for TV's favourite chef? Only time will tell. But "
            "one thing is for sure - this drama is far from over!",
        ),
        tags=("celebs", "chef", "feud"),
        related=("Doctors STUNNED: This Common Breakfast Food Could Be Killing You",),
        read_also="You WON'T Believe What Town Hall Is Hiding About Your Water Bill!!!",
    ),
    Article(
        key="db4", domain=DB, lang="en", style="sloppy", fmt="warc",
        container="crawl-2026-11-18.warc",
        title="Is THIS The Real Reason Petrol Prices Won't Come Down? What They Don't "
              "Tell You",
        published="2026-11-19",
        url="https://dailyblaze-news.com/money/real-reason-petrol-prices/",
        author="Blaze Newsdesk", section="Money",
        body=(
            "Drivers are FURIOUS. Petrol prices are stuck at near-record highs, and everyone "
            "is asking the same question: why?",
            "The official line is that it's all about global oil prices. But some say "
            "there's a lot more to the story than that!",
            "An industry insider told The Daily Blaze that fuel companies are \"laughing all "
            "the way to the bank\". He claimed that stations quietly agree to keep prices "
            "high, although he would not say how he knew this.",
            "It's outrageous! Ordinary people are paying through the nose while the big "
            "players rake it in.",
            "Critics have long argued that the market is rigged. And while we can't prove "
            "it, plenty of our readers are convinced. \"It's a cartel, plain and simple,\" "
            "said one angry motorist at a forecourt on the ring road.",
            "Politicians, of course, are doing NOTHING. A government source admitted "
            "privately that ministers \"don't have a clue\" what to do.",
            "Want to save money? Some drivers swear that filling up early in the morning "
            "gets you more fuel for your money. Others say that's a myth. Try it and let us "
            "know!",
            "One thing's for certain: until someone stands up to the fat cats, we'll all "
            "keep paying!",
        ),
        tags=("petrol", "money", "drivers"),
        related=("Neighbours In UPROAR Over 'Monster' Phone Mast",),
        read_also="Doctors STUNNED: This Common Breakfast Food Could Be Killing You",
        og_meta=False,
    ),
    Article(
        key="db5", domain=DB, lang="en", style="sloppy", fmt="html",
        container="dailyblaze-2026-11-20-phone-mast.html",
        title="Neighbours In UPROAR Over 'Monster' Phone Mast - Is It Making People Sick?",
        published="2026-11-20",
        url="https://dailyblaze-news.com/news/neighbours-uproar-monster-phone-mast/",
        author="Blaze Newsdesk", section="News",
        body=(
            "Furious residents say a towering new phone mast has turned their quiet street "
            "into a NIGHTMARE - and some are convinced it's making them ill!",
            "The \"monster\" mast went up almost overnight on the edge of a children's "
            "playground, and locals say nobody asked them. \"It just appeared. We had no say "
            "at all,\" fumed one mum, who did not want her name used.",
            "Several neighbours claim they have been suffering headaches and sleepless "
            "nights ever since. Some people online say the radiation is to blame, though "
            "scientists have repeatedly said that phone masts operate well below safety "
            "limits.",
            "But residents aren't buying it! \"They always say it's safe until it isn't,\" "
            "said one man who has lived on the street for twenty years.",
            "A petition to tear the mast down has already gathered hundreds of signatures, "
            "according to its organisers. Campaigners are planning a protest outside the "
            "phone company's offices next week.",
            "The phone company insisted the mast had full planning permission. But that "
            "hasn't calmed tempers - and this story is only going to get bigger!",
        ),
        tags=("phone mast", "residents", "health"),
        related=("Is THIS The Real Reason Petrol Prices Won't Come Down?",),
        read_also="Celebrity Chef's Secret Feud EXPLODES At Charity Gala",
        og_meta=False,
    ),
    # ------------------------------------------------------------ El Faro del Sur (es)
    Article(
        key="efs1", domain=EFS, lang="es", style="careful", fmt="txt",
        container=f"{EFS}/2026-11-17-fugas-agua.txt", encoding="cp1252",
        title="El Ayuntamiento de Puerto Albar aprueba un plan para reducir las fugas de agua",
        published="2026-11-17",
        url="https://www.elfarodelsur.es/provincia/2026/11/17/plan-fugas-agua-puerto-albar/",
        author="Redacción", section="Provincia",
        body=(
            "El pleno del Ayuntamiento de Puerto Albar aprobó el jueves un plan de 6,2 "
            "millones de euros para renovar parte de la red de abastecimiento, que pierde "
            "cerca de un tercio del agua que distribuye, según un informe de la empresa "
            "municipal de aguas.",
            "El documento, presentado en septiembre, estima que el 31 % del agua potable se "
            "pierde en fugas antes de llegar a los hogares. La media nacional ronda el 23 %, "
            "de acuerdo con los datos más recientes del Instituto Nacional de Estadística.",
            "«Cada litro que perdemos en una tubería rota es un litro que tenemos que "
            "captar, tratar y bombear», explicó la concejala de Medio Ambiente, Lucía "
            "Ferrándiz, durante la sesión. Según sus cálculos, el plan podría ahorrar hasta "
            "900.000 metros cúbicos al año, aunque advirtió de que la cifra depende del "
            "ritmo de las obras.",
            "La oposición votó a favor, pero pidió un calendario más detallado. El portavoz "
            "del grupo municipal, Andrés Quiroga, recordó que un plan similar aprobado en "
            "2018 se ejecutó solo en parte.",
            "Las obras comenzarán previsiblemente en primavera por los barrios del Carmen y "
            "La Ribera, donde se concentran las averías, según el informe técnico. El "
            "Ayuntamiento financiará el 60 % con fondos propios y solicitará el resto a la "
            "Diputación.",
            "El presupuesto incluye 400.000 € para instalar contadores inteligentes que "
            "permitan detectar fugas en tiempo real.",
        ),
        tags=("agua", "Puerto Albar", "infraestructuras"),
        related=("La sequía reduce un 40 % la cosecha de aceituna en la comarca",
                 "El hospital comarcal amplía el horario de consultas"),
        read_also="Puerto Albar recupera el tren nocturno a Madrid tras cuatro años",
    ),
    Article(
        key="efs2", domain=EFS, lang="es", style="careful", fmt="html",
        container=f"{EFS}/2026-11-18-cosecha-aceituna.html",
        title="La sequía reduce un 40 % la cosecha de aceituna en la comarca, según la "
              "cooperativa",
        published="2026-11-18",
        url="https://www.elfarodelsur.es/economia/2026/11/18/sequia-cosecha-aceituna/",
        author="Beatriz Lozano", section="Economía",
        body=(
            "La cosecha de aceituna en la comarca del Arenal será este año alrededor de un "
            "40 % inferior a la de una campaña normal, según las primeras estimaciones de la "
            "Cooperativa Olivarera San Isidro, que agrupa a unos 1.300 agricultores.",
            "La cooperativa atribuye la caída a la falta de lluvias durante la floración. "
            "Los datos de la estación meteorológica de Villanueva del Arenal registran 212 "
            "litros por metro cuadrado entre octubre y septiembre, frente a una media de 480 "
            "en la última década.",
            "«Hay fincas de secano donde prácticamente no hay nada que recoger», afirmó el "
            "presidente de la cooperativa, Ramón Espejo. Añadió que las explotaciones con "
            "riego de apoyo han resistido mejor, aunque también han sufrido restricciones.",
            "La menor producción podría mantener altos los precios del aceite en origen, "
            "según la consultora agraria Agrodatos, que en un informe publicado el martes "
            "sitúa el precio medio del virgen extra en torno a 7,10 euros por kilo. La "
            "consultora advierte, no obstante, de que la evolución dependerá de las "
            "cosechas en otras regiones productoras.",
            "La Consejería de Agricultura ha abierto una línea de ayudas de 15 millones de "
            "euros para explotaciones afectadas. Las organizaciones agrarias consideran que "
            "la cantidad es insuficiente y han pedido una reunión con el consejero.",
            "El plazo para solicitar las ayudas termina el 15 de diciembre.",
        ),
        tags=("agricultura", "sequía", "aceite"),
        related=("El Ayuntamiento de Puerto Albar aprueba un plan para reducir las fugas "
                 "de agua",),
        read_also="Los colegios de la provincia tendrán detectores de CO2 en todas las aulas",
        caption="Olivar de secano en Villanueva del Arenal. (El Faro del Sur)",
    ),
    Article(
        key="efs3", domain=EFS, lang="es", style="careful", fmt="htm",
        container=f"{EFS}/2026-11-19-consultas-tarde.htm", encoding="cp1252",
        title="El hospital comarcal amplía el horario de consultas para reducir las listas "
              "de espera",
        published="2026-11-19",
        url="https://www.elfarodelsur.es/provincia/2026/11/19/hospital-consultas-tarde/",
        author="Sergio Mateu", section="Provincia",
        body=(
            "El Hospital Comarcal de Puerto Albar abrirá consultas externas por la tarde a "
            "partir de enero con el objetivo de reducir las listas de espera, que en algunas "
            "especialidades superan los cinco meses, según datos del Servicio de Salud.",
            "La medida afectará inicialmente a traumatología, dermatología y oftalmología, "
            "las tres especialidades con mayor demora. De acuerdo con el último informe "
            "trimestral, 2.140 pacientes esperaban una primera consulta de traumatología a "
            "finales de septiembre.",
            "La gerente del hospital, Carmen Olalla, explicó en rueda de prensa que la "
            "ampliación se hará con personal voluntario que cobrará las horas extra. «No es "
            "una solución definitiva, pero debería permitirnos recuperar parte del retraso "
            "acumulado», señaló.",
            "El Sindicato Médico Provincial valoró la iniciativa, aunque advirtió de que "
            "depender de horas extraordinarias «puede agotar a unas plantillas que ya están "
            "al límite». Su portavoz, Íñigo Sarasola, pidió que se cubran las 18 plazas de "
            "especialista vacantes.",
            "El Servicio de Salud prevé evaluar los resultados en junio. Si la demora media "
            "baja de los 60 días, la medida podría extenderse a otras especialidades, según "
            "el documento de presentación del plan.",
        ),
        tags=("sanidad", "listas de espera", "Puerto Albar"),
        related=("La sequía reduce un 40 % la cosecha de aceituna en la comarca",),
        read_also="El Ayuntamiento de Puerto Albar aprueba un plan para reducir las fugas "
                  "de agua",
    ),
    Article(
        key="efs4", domain=EFS, lang="es", style="careful", fmt="jsonl",
        container="elfarodelsur-feed.jsonl", record_kind="text",
        title="Puerto Albar recupera el tren nocturno a Madrid tras cuatro años",
        published="2026-11-20",
        url="https://www.elfarodelsur.es/provincia/2026/11/20/tren-nocturno-madrid/",
        author="Redacción", section="Provincia",
        body=(
            "El tren nocturno entre Puerto Albar y Madrid volverá a circular a partir del 14 "
            "de diciembre, cuatro años después de su supresión, según ha confirmado la "
            "operadora ferroviaria en un comunicado.",
            "El servicio funcionará tres noches por semana, los jueves, viernes y domingos, "
            "con salida a las 22.35 y llegada prevista a la capital a las 7.10. El billete "
            "más barato en asiento costará 39 euros y la litera, desde 69, de acuerdo con "
            "las tarifas publicadas.",
            "La recuperación del tren era una reclamación de las asociaciones vecinales y de "
            "los empresarios turísticos de la costa. «Es una buena noticia, aunque tres "
            "frecuencias se quedan cortas», declaró Marta Llobet, presidenta de la "
            "Asociación de Hosteleros del Litoral.",
            "La operadora justificó la supresión en 2022 por la baja ocupación, que según "
            "sus datos no superaba el 45 %. Ahora sostiene que el aumento del turismo de "
            "invierno y la demanda de alternativas al avión podrían hacer viable la línea, "
            "aunque revisará su continuidad dentro de un año.",
            "El alcalde, Joaquín Ribas, agradeció la decisión y anunció que el Ayuntamiento "
            "mejorará los accesos a la estación, que lleva años sin taquilla.",
        ),
        tags=("transporte", "tren", "Puerto Albar"),
        related=("El hospital comarcal amplía el horario de consultas",),
        read_also="La sequía reduce un 40 % la cosecha de aceituna en la comarca",
    ),
    Article(
        key="efs5", domain=EFS, lang="es", style="careful", fmt="jsonl",
        container="elfarodelsur-feed.jsonl", record_kind="html",
        title="Los colegios de la provincia tendrán detectores de CO2 en todas las aulas "
              "antes de marzo",
        published="2026-11-21",
        url="https://www.elfarodelsur.es/educacion/2026/11/21/medidores-co2-aulas/",
        author="Beatriz Lozano", section="Educación",
        body=(
            "La Consejería de Educación instalará medidores de dióxido de carbono en las "
            "3.400 aulas de los centros públicos de la provincia antes de marzo, según la "
            "resolución publicada el viernes en el boletín oficial.",
            "Los aparatos, cuyo coste total asciende a 1,1 millones de euros, servirán para "
            "indicar cuándo es necesario ventilar. Varios estudios han relacionado niveles "
            "altos de CO2 en el aula con peor concentración, aunque los expertos consultados "
            "subrayan que el efecto varía según el tipo de actividad.",
            "«Un medidor no ventila por sí solo; hace falta que los profesores tengan claro "
            "qué hacer cuando la cifra sube», señaló Elena Prats, investigadora en calidad "
            "del aire de la Universidad del Sur, quien participó en el grupo de trabajo que "
            "asesoró a la consejería.",
            "Las asociaciones de familias han recibido bien la medida, pero reclaman también "
            "filtros en los centros donde abrir las ventanas resulta difícil en invierno. La "
            "consejería asegura que estudiará esos casos de forma individual.",
            "La instalación comenzará por los colegios de educación infantil y primaria y "
            "continuará en los institutos a partir de febrero.",
        ),
        tags=("educación", "salud", "colegios"),
        related=("Puerto Albar recupera el tren nocturno a Madrid tras cuatro años",),
        read_also="El hospital comarcal amplía el horario de consultas para reducir las "
                  "listas de espera",
        omit_source_field=True,
    ),
    # ------------------------------------------------------------ Última Hora YA (es)
    Article(
        key="uh1", domain=UH, lang="es", style="sloppy", fmt="jsonl.gz",
        container="ultimahora-ya-feed.jsonl.gz", record_kind="text",
        title="¡ESCÁNDALO! Lo que nadie te cuenta sobre la nueva tasa de basuras",
        published="2026-11-17",
        url="https://ultimahora-ya.es/escandalo/tasa-basuras-nadie-cuenta/",
        author=None, section="Sucesos",
        body=(
            "¡Increíble pero cierto! Los vecinos van a pagar MUCHO más por la basura el año "
            "que viene y, según dicen algunos, nadie del Ayuntamiento se ha atrevido a "
            "explicarlo.",
            "Fuentes que prefieren mantenerse en el anonimato aseguran que la subida podría "
            "ser del 50 %, ¡o incluso más! Otros hablan de cifras todavía peores, aunque "
            "nadie ha enseñado ni un solo papel.",
            "Es una auténtica vergüenza. Las familias ya no pueden más y ahora esto.",
            "Se rumorea que el dinero irá a parar a una empresa amiga de los de siempre. "
            "¿Casualidad? Nosotros no lo creemos.",
            "En las redes sociales la indignación es total. «Nos toman por tontos», escribía "
            "un usuario. «Que se bajen ellos el sueldo», añadía otra.",
            "Hemos intentado hablar con el Ayuntamiento, pero, como siempre, silencio "
            "absoluto.",
            "Algunos vecinos ya hablan de organizar protestas delante del Ayuntamiento. "
            "Otros, directamente, aseguran que no pagarán ni un euro más hasta que alguien "
            "dé explicaciones.",
            "Muchos expertos coinciden en que esto es solo el principio. ¡Atentos, porque "
            "esto va a dar mucho que hablar!",
            "¡Comparte esta noticia para que todo el mundo se entere!",
        ),
        tags=("escándalo", "basuras", "vecinos"),
        related=("Alerta: los médicos no quieren que sepas esto sobre el café",),
        read_also="Lo que hizo este perro en la playa te dejará SIN PALABRAS",
        repeat_title=True,
    ),
    Article(
        key="uh2", domain=UH, lang="es", style="sloppy", fmt="jsonl.gz",
        container="ultimahora-ya-feed.jsonl.gz", record_kind="html",
        title="Lo que hizo este perro en la playa te dejará SIN PALABRAS",
        published="2026-11-18",
        url="https://ultimahora-ya.es/virales/perro-playa-sin-palabras/",
        author=None, section="Virales",
        body=(
            "¡No te lo vas a creer! Un perro se ha convertido en el héroe del otoño después "
            "de lo que pasó el domingo en una playa de la costa.",
            "Según cuentan testigos, el animal empezó a ladrar como loco y a tirar de la "
            "correa de su dueña hacia la orilla. Al principio nadie entendía nada. ¡Pero lo "
            "que pasó después es INCREÍBLE!",
            "Dicen que el perro había visto a un niño en apuros en el agua y que, gracias a "
            "él, los socorristas llegaron a tiempo. Otros aseguran que el niño solo estaba "
            "jugando. Sea como sea, las redes se han vuelto locas.",
            "El vídeo, grabado por un bañista, ya acumula miles de reproducciones. «Es el "
            "perro más listo del mundo», dice uno de los comentarios más populares.",
            "Nadie ha confirmado oficialmente lo ocurrido, pero a estas alturas, ¿a quién le "
            "importa? ¡Es una historia preciosa!",
            "La dueña del perro, según cuentan en el barrio, no quiere hablar con la prensa. "
            "Eso sí, dicen que el animal ya tiene hasta su propia cuenta en las redes.",
            "Algunos ya piden una medalla para el perro. Y tú, ¿qué opinas? ¡Déjanos tu "
            "comentario!",
        ),
        tags=("virales", "perros", "playa"),
        related=("¡ESCÁNDALO! Lo que nadie te cuenta sobre la nueva tasa de basuras",),
        read_also="Alerta: los médicos no quieren que sepas esto sobre el café",
    ),
    Article(
        key="uh3", domain=UH, lang="es", style="sloppy", fmt="jsonl.gz",
        container="ultimahora-ya-feed.jsonl.gz", record_kind="text",
        title="Alerta: los médicos no quieren que sepas esto sobre el café",
        published="2026-11-19",
        url="https://ultimahora-ya.es/salud/medicos-no-quieren-cafe/",
        author=None, section="Salud",
        body=(
            "¡ATENCIÓN! Si tomas café todas las mañanas, tienes que leer esto YA.",
            "Circula por internet un estudio que, según dicen, demuestra que el café es "
            "mucho peor de lo que pensábamos. Algunos expertos, cuyos nombres no han "
            "trascendido, advierten de que podría afectar gravemente al corazón.",
            "Otros, sin embargo, aseguran justo lo contrario: que el café alarga la vida. "
            "¿En qué quedamos? Lo que está claro es que hay algo que no nos están contando.",
            "Una lectora nos escribe indignada: «Llevo treinta años tomando tres cafés al "
            "día y nadie me había avisado». ¡Normal que la gente esté preocupada!",
            "Las grandes marcas, como era de esperar, no han querido hacer declaraciones. "
            "Muy sospechoso.",
            "Fuentes del sector aseguran que pronto saldrán a la luz datos explosivos. "
            "Nosotros estaremos atentos para contártelo todo antes que nadie.",
            "En los grupos de mensajería ya circulan todo tipo de consejos: desde pasarse al "
            "té hasta beber el café solo por la tarde. Ninguno, por supuesto, viene firmado "
            "por un médico.",
            "Mientras tanto, quizás sea buena idea pensárselo dos veces antes de pedir el "
            "segundo café. ¡Tú decides!",
        ),
        tags=("salud", "café", "alerta"),
        related=("Lo que hizo este perro en la playa te dejará SIN PALABRAS",),
        read_also="¡ESCÁNDALO! Lo que nadie te cuenta sobre la nueva tasa de basuras",
        extra={"published_field": "2026-11-19T07:42:10+01:00"},
    ),
    Article(
        key="uh4", domain=UH, lang="es", style="sloppy", fmt="warc.gz",
        container="crawl-2026-11-20.warc.gz",
        title="Caos total en el puerto: camioneros bloquean los accesos y la policía no "
              "hace NADA",
        published="2026-11-20",
        url="https://ultimahora-ya.es/sucesos/caos-puerto-camioneros/",
        author=None, section="Sucesos",
        body=(
            "¡El caos se ha apoderado del puerto! Decenas de camiones han bloqueado desde "
            "primera hora los accesos principales y, según algunos conductores, la situación "
            "es insostenible.",
            "Dicen que la protesta se debe a los retrasos en los pagos de una empresa de "
            "transporte, aunque otros hablan de un conflicto mucho más grande que nadie "
            "quiere reconocer.",
            "«Esto es una vergüenza, llevamos meses esperando», gritaba un camionero que no "
            "quiso dar su nombre. A su alrededor, bocinazos y enfado por todas partes.",
            "Mientras tanto, la policía se limitaba a mirar. ¿Dónde están las autoridades "
            "cuando se las necesita? ¡Increíble!",
            "Fuentes del puerto aseguran que las pérdidas podrían ser millonarias, aunque "
            "nadie se atreve a dar una cifra.",
            "Los comercios cercanos también se quejan: dicen que han perdido clientes "
            "durante toda la mañana y que nadie les ha avisado de nada.",
            "Algunos vecinos de la zona ya hablan de colas kilométricas y temen que el "
            "bloqueo dure días. ¡Esto no ha hecho más que empezar!",
        ),
        tags=("sucesos", "puerto", "protesta"),
        related=("¿Fin del calor? El invierno que viene será BRUTAL, avisan",),
        read_also="Alerta: los médicos no quieren que sepas esto sobre el café",
    ),
    Article(
        key="uh5", domain=UH, lang="es", style="sloppy", fmt="warc.gz",
        container="crawl-2026-11-20.warc.gz",
        title="¿Fin del calor? El invierno que viene será BRUTAL, avisan",
        published="2026-11-21",
        url="https://ultimahora-ya.es/tiempo/invierno-brutal-avisan/",
        author=None, section="Tiempo",
        body=(
            "Prepárate, porque lo que viene no es ninguna broma. Según dicen algunos "
            "aficionados a la meteorología, este invierno podría ser uno de los más duros "
            "en décadas.",
            "Las predicciones que circulan por las redes hablan de nevadas históricas, "
            "temperaturas bajo cero durante semanas y hasta tormentas «nunca vistas». ¡Da "
            "miedo solo de pensarlo!",
            "Eso sí, los organismos oficiales no han dicho nada parecido. Pero ya se sabe que "
            "ellos siempre van con retraso, ¿verdad?",
            "«Mi abuelo dice que cuando las hormigas trabajan tanto en otoño, el invierno es "
            "terrible», nos cuenta una vecina. Y la verdad es que este año hay muchas "
            "hormigas.",
            "Expertos de todo tipo coinciden en que conviene estar preparado. Compra mantas, "
            "revisa la calefacción y, sobre todo, ¡no digas que no te avisamos!",
            "Seguiremos informando con todas las novedades. ¡No te pierdas nada y síguenos "
            "en redes!",
            "Mientras tanto, en las tiendas de calefactores ya se nota el miedo: algunos "
            "vendedores dicen que esta semana han vendido el doble que de costumbre, aunque "
            "no han querido dar cifras.",
        ),
        tags=("tiempo", "invierno", "alerta"),
        related=("Caos total en el puerto: camioneros bloquean los accesos",),
        read_also="¡ESCÁNDALO! Lo que nadie te cuenta sobre la nueva tasa de basuras",
    ),
    # ------------------------------------------------------------ Dniprovski visti (uk/en)
    Article(
        key="dv1", domain=DV, lang="uk", style="careful", fmt="txt",
        container="dniprovisti-2026-11-18-ukryttia.txt",
        title="Міська рада Кременівки затвердила програму ремонту укриттів у школах",
        published="2026-11-18",
        url="https://dniprovisti.com.ua/misto/2026/11/18/remont-ukryttiv-shkoly/",
        author="Ольга Савчук", section="Місто",
        body=(
            "Міська рада Кременівки на сесії у четвер затвердила програму ремонту укриттів "
            "у 17 загальноосвітніх школах міста. На це з місцевого бюджету планують виділити "
            "48 мільйонів гривень, йдеться у рішенні, оприлюдненому на сайті ради.",
            "За даними управління освіти, наразі лише дев’ять шкіл мають укриття, які "
            "повністю відповідають вимогам. В інших навчання частково відбувається "
            "дистанційно або в кілька змін.",
            "«Наше завдання — щоб до вересня наступного року всі діти могли навчатися "
            "очно», — заявила начальниця управління освіти Оксана Левченко. Вона уточнила, "
            "що першими ремонтуватимуть школи з найбільшою кількістю учнів.",
            "Торік місто вже відремонтувало укриття у шести школах, і, за словами "
            "Левченко, цей досвід допоміг уточнити кошторис.",
            "Депутатка Ірина Гнатюк під час обговорення звернула увагу, що кошторис "
            "складено за цінами літа й може зрости. Представник фінансового управління "
            "відповів, що в разі подорожчання програму доведеться переглянути.",
            "Батьківська рада міста в коментарі «Дніпровським вістям» підтримала рішення, "
            "але попросила публікувати звіти про хід робіт щомісяця. Управління освіти "
            "пообіцяло оприлюднювати такі звіти на своєму сайті.",
            "Ремонти мають розпочатися у січні після проведення тендерів через систему "
            "публічних закупівель.",
        ),
        tags=("освіта", "безпека", "міська рада"),
        related=("Ціни на овочі в Кременівці за місяць зросли на 12 %",),
        read_also="Ціни на овочі в Кременівці за місяць зросли на 12 %, свідчать дані "
                  "статистики",
        repeat_title=True,
    ),
    Article(
        key="dv2", domain=DV, lang="uk", style="careful", fmt="jsonl.gz",
        container="dniprovisti-feed.jsonl.gz", record_kind="text",
        title="Ціни на овочі в Кременівці за місяць зросли на 12 %, свідчать дані статистики",
        published="2026-11-19",
        url="https://dniprovisti.com.ua/ekonomika/2026/11/19/tsiny-ovochi-zrosly/",
        author="Максим Дорошенко", section="Економіка",
        body=(
            "Вартість основних овочів у Кременівці за жовтень зросла в середньому на 12 %, "
            "свідчать дані обласного управління статистики, опубліковані у вівторок.",
            "Найбільше подорожчали картопля та цибуля — на 18 % і 15 % відповідно. Натомість "
            "капуста подешевшала на 4 %, що статистики пов’язують із добрим урожаєм.",
            "Економістка місцевого аналітичного центру «Регіональні студії» Наталія Бойко "
            "пояснює подорожчання насамперед сезонними чинниками та витратами на зберігання. "
            "«Восени ціни зазвичай ростуть, але цьогоріч на них ще впливають дорожчі "
            "електроенергія і пальне», — сказала вона.",
            "За її оцінкою, до весни ціни можуть зрости ще на 5–10 %, хоча точний прогноз "
            "залежить від погоди та імпорту.",
            "Для порівняння, у вересні овочі в місті подорожчали лише на 3 %. Загальна "
            "інфляція в області в жовтні становила 1,1 % за місяць, повідомляє управління "
            "статистики.",
            "Продавці на центральному ринку, з якими поспілкувалися журналісти, "
            "підтвердили, що покупці почали брати менше. Водночас міська влада заявила, що "
            "не планує запроваджувати регулювання цін, оскільки це, на її думку, може "
            "призвести до дефіциту.",
            "Повний звіт управління статистики доступний на його офіційному сайті.",
        ),
        tags=("економіка", "ціни", "ринок"),
        related=("Міська рада Кременівки затвердила програму ремонту укриттів у школах",),
        read_also="Міська рада Кременівки затвердила програму ремонту укриттів у школах",
    ),
    Article(
        key="dv3", domain=DV, lang="en", style="careful", fmt="jsonl.gz",
        container="dniprovisti-feed.jsonl.gz", record_kind="text",
        title="Kremenivka opens heating points ahead of winter as power cuts expected",
        published="2026-11-20",
        url="https://dniprovisti.com.ua/en/city/2026/11/20/heating-points-winter/",
        author="Olha Savchuk", section="City",
        body=(
            f"Kremenivka city {CYR_A}uthorities have opened 42 heating points across the "
            "city ahead of winter, the city council said on Wednesday.",
            "The points, located mainly in schools and administrative buildings, are "
            "equipped with generators, drinking water and mobile phone charging stations. "
            f"According to the c{CYR_O}uncil, each can host up to 80 people at once.",
            "Energy company officials warned that scheduled power outages may return in "
            "December if the load on the grid increases. \"We cannot rule out outages, but "
            "we are prepared better than last year,\" said Andriy Melnyk, head of the "
            "regional distribution company.",
            "Residents can find the nearest heating point on the city's website or by "
            "calling the hotline. Prices for generators in the local marketdue to high "
            "demand have risen by about a quarter since September, according to retailers "
            "interviewed by Dnipro News.",
            "Deputy mayor Oleh Kravets said that the city has also purchased 15 additional "
            "generators for water pumping stations. \"Water supply is the priority,\" he "
            "said.",
            "Last winter, the city's heating points were visited more than 30,000 times, "
            "according to the council's annual report.",
            "This article was translated from Ukrainian.",
        ),
        tags=("energy", "winter", "city"),
        related=("Local bakery chain expands to three new districts",),
        read_also="Kremenivka river embankment reconstruction delayed until spring",
        planted=(("homoglyph", f"{CYR_A}uthorities"), ("homoglyph", f"c{CYR_O}uncil"),
                 ("glued_words", "marketdue")),
    ),
    Article(
        key="dv4", domain=DV, lang="en", style="careful", fmt="warc",
        container="crawl-2026-11-19.warc",
        title="Local bakery chain expands to three new districts",
        published="2026-11-19",
        url="https://dniprovisti.com.ua/en/economy/2026/11/19/bakery-chain-expands/",
        author="Maksym Doroshenko", section="Economy",
        body=(
            "Kremenivka bakery chain Teplyi Khlib will open three new outlets in the "
            "Livoberezhnyi, Sadovyi and Pivnichnyi districts by the end of the year, the "
            "company's founder told Dnipro News.",
            "The chain, which started in 2019 as a single caf\u00c3\u00a9 near the central "
            "market, now employs 140 people, according to its founder Halyna Shevchuk.",
            "\"We saw that people in the new districts had to travel to the centre for fresh "
            "bread, so we decided to come to them,\" Shevchuk said. The company has already "
            "hired staff for two of the outlets, and? will recruit for the third in "
            "December.",
            "The expansion is financed partly by a grant of 1.2 million hryvnias from the "
            "regional business support programme, according to the programme's published "
            "list of recipients. The remainder comes from a bank loan, Shevchuk said.",
            "Competition in the city's bakery market has increased over the past two years. "
            "Data from the regional statistics office show that the number of registered "
            "bakeries in Kremenivka grew from 23 to 31 between 2023 and 2025.",
            "Local economist Vitaliy Oliynyk said small food businesses may face higher "
            "costs in winter because of electricity prices. \"Bakeries are energy-intensive, "
            "so the question is whether they can keep prices stable,\" he said.",
            "Teplyi Khlib said its new outlets will have backup generators so they can stay "
            "open during power cuts. The company\u00e2\u20ac\u2122s rye loaf, which it "
            "calls its bestseller, costs 38 hryvnias.",
        ),
        tags=("business", "bakery", "jobs"),
        related=("Kremenivka opens heating points ahead of winter as power cuts expected",),
        read_also="Kremenivka river embankment reconstruction delayed until spring",
        planted=(("mojibake", "caf\u00c3\u00a9"), ("stray_punctuation", "and? will"),
                 ("mojibake", "company\u00e2\u20ac\u2122s")),
    ),
    Article(
        key="dv5", domain=DV, lang="en", style="careful", fmt="htm",
        container="dniprovisti-2026-11-21-embankment.htm",
        title="Kremenivka river embankment reconstruction delayed until spring",
        published="2026-11-21",
        url="https://dniprovisti.com.ua/en/city/2026/11/21/embankment-delayed/",
        author="Olha Savchuk", section="City",
        body=(
            "Reconstruction of the river embankment in central Kremenivka will not be "
            "finished before spring, the city's department of capital construction said on "
            "Friday, citing delays in the delivery of materials.",
            "Work on the 1.3-kilometre section between the Pivdennyi bridge and the river "
            "station began in April and was originally scheduled to be completed in "
            "October. According to the department, the contractorsaid that granite slabs "
            "ordered from a quarry in the west of the country arrived two months late.",
            f"The total cost of the {CYR_ER}roject is 96 million hryvnias, of which about 60 "
            "per cent has been paid so far, according to documents published in the public "
            "procurement system.",
            "\"We would rather finish later and do it properly than rush the work in the "
            "cold,\" said department head Serhiy Tkachenko. He added that the section near "
            "the river station may open to pedestrians in December.",
            "Some residents have criticised the delay. Local activist Mariya Koval said the "
            "city should have imposed penalties on the contractor. The department said "
            "penalties are foreseen in the contract and will be considered after the work "
            "is handed over.",
            "The embankment is one of the city\u00e2\u20ac\u2122s largest infrastructure "
            "projects this year.",
            "This article was translated from Ukrainian.",
        ),
        tags=("city", "infrastructure", "embankment"),
        related=("Local bakery chain expands to three new districts",),
        read_also="Kremenivka opens heating points ahead of winter as power cuts expected",
        planted=(("glued_words", "contractorsaid"), ("homoglyph", f"{CYR_ER}roject"),
                 ("mojibake", "city\u00e2\u20ac\u2122s")),
    ),
    # ------------------------------------------------------------ Black Sea Courier (ru/el/en)
    Article(
        key="bsc1", domain=BSC, lang="ru", style="sloppy", fmt="txt",
        container=f"{BSC}/2026-11-18-tseny-na-rybu.txt", bom=True,
        title="Шок! Цены на рыбу на рынке взлетели — продавцы молчат",
        published="2026-11-18",
        url="https://blackseacourier.net/ru/region/2026/11/18/tseny-na-rybu/",
        author=None, section="Экономика",
        body=(
            "Покупатели в шоке! На центральном рынке цены на свежую рыбу за последние недели "
            "выросли чуть ли не вдвое, а продавцы ничего не объясняют.",
            "По словам некоторых торговцев, которые попросили не называть их имён, во всём "
            "виноваты перекупщики. Другие уверяют, что рыбаки просто перестали выходить в "
            "море из-за погоды. Кому верить — непонятно!",
            "«Я двадцать лет покупаю здесь ставриду, такого безобразия не помню», — "
            "возмущается пенсионерка, с которой мы поговорили у прилавка.",
            "Ещё летом килограмм свежей ставриды стоил на рынке заметно дешевле, вспоминают "
            "покупатели. Сейчас же, по их словам, за ту же рыбу просят столько, что проще "
            "купить мороженую в супермаркете.",
            "Говорят, что в ближайшее время цены могут вырасти ещё сильнее. Эксперты, правда, "
            "пока молчат, а администрация рынка на наши вопросы так и не ответила.",
            "Один из продавцов, не пожелавший представиться, намекнул, что «всё решают "
            "совсем другие люди», но подробностей так и не привёл.",
            "В соцсетях жители города наперебой делятся фотографиями ценников. Многие "
            "уверены, что кто-то на этом неплохо наживается!",
            "Мы будем следить за ситуацией. Пишите нам, если заметили подорожание в своём "
            "районе!",
        ),
        tags=("рынок", "цены", "рыба"),
        related=("Городской совет Новой Амисы утвердил бюджет на 2027 год",),
        read_also="Городской совет Новой Амисы утвердил бюджет на 2027 год",
        repeat_title=True,
    ),
    Article(
        key="bsc2", domain=BSC, lang="el", style="careful", fmt="html",
        container=f"{BSC}/2026-11-19-kinisi-limani.html",
        title="Αυξημένη κατά 8% η κίνηση επιβατών στο λιμάνι, σύμφωνα με τη Λιμενική Αρχή",
        published="2026-11-19",
        url="https://blackseacourier.net/el/oikonomia/2026/11/19/kinisi-epivaton-limani/",
        author="Δήμητρα Κωνσταντίνου", section="Οικονομία",
        body=(
            "Η επιβατική κίνηση στο λιμάνι της Νέας Αμισού αυξήθηκε κατά 8% τους πρώτους "
            "δέκα μήνες του έτους σε σύγκριση με την ίδια περίοδο πέρυσι, σύμφωνα με στοιχεία "
            "που δημοσίευσε την Τρίτη η Λιμενική Αρχή.",
            "Συνολικά διακινήθηκαν 412.000 επιβάτες, με τη μεγαλύτερη αύξηση να καταγράφεται "
            "τους μήνες Ιούνιο και Σεπτέμβριο. Η αρχή αποδίδει την άνοδο κυρίως στη νέα "
            "γραμμή προς τα νησιά, η οποία ξεκίνησε τον Μάιο.",
            "«Τα στοιχεία είναι ενθαρρυντικά, αλλά είναι νωρίς για να μιλήσουμε για μόνιμη "
            "τάση», δήλωσε ο πρόεδρος της Λιμενικής Αρχής, Νικόλαος Παπαδάκης. Όπως εξήγησε, "
            "μέρος της αύξησης ενδέχεται να οφείλεται σε προσωρινούς παράγοντες, όπως οι "
            "καλές καιρικές συνθήκες.",
            "Οι επαγγελματίες της περιοχής εμφανίζονται αισιόδοξοι. Η πρόεδρος του τοπικού "
            "εμπορικού συλλόγου, Ελένη Σταυρίδου, ανέφερε ότι τα καταστήματα κοντά στο λιμάνι "
            "είχαν αυξημένο τζίρο το καλοκαίρι, χωρίς ωστόσο να δώσει συγκεκριμένα ποσοστά.",
            "Σύμφωνα με την ίδια ανακοίνωση, η εμπορευματική κίνηση παρέμεινε σχεδόν "
            "σταθερή, με μείωση μικρότερη του 1%.",
            "Η Λιμενική Αρχή σχεδιάζει να ανακοινώσει το πρόγραμμα δρομολογίων για το 2027 "
            "τον Ιανουάριο, μετά από διαβούλευση με τις ακτοπλοϊκές εταιρείες.",
        ),
        tags=("λιμάνι", "μεταφορές", "τουρισμός"),
        related=("Ferry operator Navimar confirms winter route, fares to rise 10%",),
        read_also="Ferry operator Navimar confirms winter route, fares to rise 10%",
        caption="Το επιβατικό λιμάνι της Νέας Αμισού. (Black Sea Courier)",
    ),
    Article(
        key="bsc3", domain=BSC, lang="en", style="mixed", fmt="txt",
        container=f"{BSC}/2026-11-20-navimar-winter-route.txt",
        title="Ferry operator Navimar confirms winter route, fares to rise 10%",
        published="2026-11-20",
        url="https://blackseacourier.net/en/economy/2026/11/20/navimar-winter-route/",
        author=None, section="Economy",
        body=(
            "The ferry company Navimar Lineas, which is owned by a group from Valencia, "
            "confirmed on Thursday that it will keep its route between Nea Amisos and the "
            "islands open through the winter, but fares will rise by about 10 per cent from "
            "December.",
            "In a statement sent to the Black Sea Courier, the company said that the "
            "increase reflects higher fuel costs. La compañía mantendrá dos salidas "
            "semanales durante los meses de invierno y revisará las tarifas en primavera. "
            "According to the statement, the company carried 61,000 passengers on the route "
            "in the summer season.",
            "Port officials welcomed the decision. \"For the islanders, a winter connection "
            "is not a luxury, it is a necessity,\" said deputy harbour master Georgiy "
            "Antonov.",
            "Some passengers, however, complained about the new prices. A return ticket for "
            "a car and two adults will cost about 140 euros, compared with 127 euros last "
            "winter, according to the fare table published on the companywebsite.",
            "Local tour operator Irina Sokolova said that higher fares , will probably "
            "reduce the number of weekend visitors? but that the route is important for "
            "hotels on the islands.",
            "The regional transport department said it was discussing a subsidy for island "
            "residents with the company. No decision has been made, and? the department "
            "did not say when one is expected.",
            "Translated from Russian by the Black Sea Courier newsroom.",
        ),
        tags=("ferries", "transport", "islands"),
        related=("Passenger traffic at the port up 8%, port authority says",),
        read_also="Passenger traffic at the port up 8%, port authority says",
        planted=(("foreign_fragment", "La compañía mantendrá dos salidas semanales"),
                 ("glued_words", "companywebsite"), ("stray_punctuation", "fares , will"),
                 ("stray_punctuation", "visitors? but"), ("stray_punctuation", "and? the")),
    ),
    Article(
        key="bsc4", domain=BSC, lang="ru", style="careful", fmt="warc.gz",
        container="crawl-2026-11-21.warc.gz", encoding="cp1251",
        title="Городской совет Новой Амисы утвердил бюджет на 2027 год",
        published="2026-11-21",
        url="https://blackseacourier.net/ru/region/2026/11/21/byudzhet-2027/",
        author="Анна Белова", section="Регион",
        body=(
            "Городской совет Новой Амисы в среду утвердил бюджет на 2027 год. Согласно "
            "опубликованному проекту, доходы города вырастут на 4 %, а расходы на "
            "образование и здравоохранение — на 6 % и 5 % соответственно.",
            "За документ проголосовали 21 из 30 депутатов. Против выступили представители "
            "оппозиционной фракции, которые считают, что в бюджете недостаточно средств на "
            "ремонт дорог.",
            "«Мы понимаем, что всех потребностей этот бюджет не закроет, но он сбалансирован "
            "и реалистичен», — заявила на заседании руководитель финансового управления "
            "Елена Маркова. По её словам, дефицит не превысит 2 % от общего объёма расходов.",
            "Депутат Алексей Рябов отметил, что в прошлом году на ремонт дорог было "
            "потрачено лишь около 70 % запланированных средств. «Проблема не только в "
            "деньгах, но и в том, как они осваиваются», — сказал он.",
            "Независимые экономисты, опрошенные «Черноморским курьером», в целом оценили "
            "прогноз доходов как осторожный. Однако, по мнению аналитика Дмитрия Светлова, "
            "рост может оказаться ниже, если замедлится туристический сезон.",
            "Полный текст бюджета опубликован на официальном сайте городского совета.",
            "Бюджет вступит в силу 1 января после публикации в официальном вестнике города.",
        ),
        tags=("бюджет", "городской совет", "экономика"),
        related=("Шок! Цены на рыбу на рынке взлетели — продавцы молчат",),
        read_also="Шок! Цены на рыбу на рынке взлетели — продавцы молчат",
    ),
]


# --------------------------------------------------------------------------- rendering

def edition_of(article: Article) -> Edition:
    """Return the site furniture for the article's outlet and language."""
    return EDITIONS[(article.domain, article.lang)]


def render_text(article: Article) -> str:
    """Return the article as a naive extractor leaves it: one line per block, furniture kept."""
    ed = edition_of(article)
    lines: list[str] = ["".join(ed.nav), f"{ed.home} » {article.section} » {article.title}",
                        article.title]
    if article.repeat_title:
        lines.append(article.title)
    if article.author:
        lines.append(ed.byline.format(article.author))
    lines.append(human_date(article.published, article.lang))
    for index, paragraph in enumerate(article.body):
        lines.append(paragraph)
        if index == 0 and article.caption:
            lines.append(article.caption)
        if index == 2 and article.read_also:
            lines.append(f"{ed.read_also} {article.read_also}")
    lines += [ed.share, ed.share_buttons]
    if article.tags:
        lines.append(f"{ed.tags} {', '.join(article.tags)}")
    lines += list(ed.newsletter)
    lines += list(ed.comment_form)
    lines += list(article.foreign_widget)
    if article.related:
        lines.append(ed.related)
        lines += list(article.related)
    lines += list(ed.cookie)
    lines.append(ed.copyright)
    separator = "\n\n" if ed.blank_lines else "\n"
    return separator.join(lines) + "\n"


def esc(text: str) -> str:
    """Return text escaped for an HTML text node."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Return text escaped for an HTML attribute value."""
    return html.escape(text, quote=True)


def charset_name(encoding: str) -> str:
    """Return the IANA charset label for a Python codec name."""
    return {"utf-8": "utf-8", "cp1252": "windows-1252", "cp1251": "windows-1251"}[encoding]


def render_html(article: Article) -> str:
    """Return a full article page: head metadata, nav, share bars, aside, comments, footer."""
    ed = edition_of(article)
    origin = "/".join(article.url.split("/")[:3])
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{article.lang}">',
        "<head>",
    ]
    if article.encoding == "utf-8":
        head.append('<meta charset="utf-8">')
    else:
        head.append('<meta http-equiv="Content-Type" content="text/html; charset='
                    f'{charset_name(article.encoding)}">')
    head += [
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(article.title)} | {esc(ed.site_name)}</title>",
        f'<meta name="description" content="{attr(article.body[0][:150])}">',
    ]
    if article.og_meta:
        head += [
            f'<link rel="canonical" href="{attr(article.url)}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:site_name" content="{attr(ed.site_name)}">',
            f'<meta property="og:title" content="{attr(article.title)}">',
            f'<meta property="og:url" content="{attr(article.url)}">',
            f'<meta property="article:published_time" content="{article.published}'
            'T08:30:00+00:00">',
        ]
    if article.author:
        head.append(f'<meta name="author" content="{attr(article.author)}">')
    head.append(f'<link rel="stylesheet" href="{origin}/assets/css/main.css">')
    if article.extra.get("jsonld"):
        data = {"@context": "https://schema.org", "@type": "NewsArticle",
                "headline": article.title, "datePublished": article.published,
                "author": {"@type": "Person", "name": article.author},
                "publisher": {"@type": "Organization", "name": ed.site_name}}
        head.append('<script type="application/ld+json">'
                    + json.dumps(data, ensure_ascii=False, sort_keys=True) + "</script>")
    head.append(f'<script src="{origin}/assets/js/ads.js" async></script>')
    head.append("</head>")

    nav_items = "".join(f'<li><a href="{origin}/{"" if i == 0 else f"category/{i}/"}">'
                        f"{esc(item)}</a></li>" for i, item in enumerate(ed.nav))
    share_links = "".join(f'<a class="share-{name.lower()}" href="#">{name}</a>'
                          for name in ("Facebook", "X", "WhatsApp", "Email"))
    body = [
        '<body class="single-post">',
        '<div id="cookie-notice" class="cookie-banner">'
        f"<p>{esc(ed.cookie[0])}</p><button>{esc(ed.cookie[1])}</button></div>",
        '<header class="site-header">',
        f'<a class="logo" href="{origin}/">{esc(ed.site_name)}</a>',
        f'<nav class="main-nav"><ul>{nav_items}</ul></nav>',
        '<form class="search" action="/search"><input type="search" name="q"></form>',
        "</header>",
        '<nav class="breadcrumb" aria-label="breadcrumb">'
        f'<a href="{origin}/">{esc(ed.home)}</a> » <a href="{origin}/news/">'
        f"{esc(ed.nav[1])}</a> » <span>{esc(article.section)}</span></nav>",
        "<main>",
        '<article class="post">',
        f'<h1 class="entry-title">{esc(article.title)}</h1>',
        '<div class="entry-meta">'
        + (f'<span class="byline">{esc(ed.byline.format(article.author))}</span> '
           if article.author else "")
        + f'<time datetime="{article.published}">'
        f"{esc(human_date(article.published, article.lang))}</time></div>",
        f'<div class="share-bar top"><span>{esc(ed.share)}</span>{share_links}</div>',
    ]
    if article.caption:
        body.append(f'<figure class="lead-image"><img src="{origin}/media/{article.key}.jpg" '
                    f'alt=""><figcaption>{esc(article.caption)}</figcaption></figure>')
    body.append('<div class="entry-content">')
    for index, paragraph in enumerate(article.body):
        body.append(f"<p>{esc(paragraph)}</p>")
        if index == 2 and article.read_also:
            body.append(f'<p class="read-also"><strong>{esc(ed.read_also)}</strong> '
                        f'<a href="{origin}/related/">{esc(article.read_also)}</a></p>')
    body.append("</div>")
    if article.tags:
        tag_links = ", ".join(f'<a href="{origin}/tag/{i}/">{esc(tag)}</a>'
                              for i, tag in enumerate(article.tags))
        body.append(f'<div class="tags">{esc(ed.tags)} {tag_links}</div>')
    body += [
        f'<div class="share-bar bottom"><span>{esc(ed.share)}</span>{share_links}</div>',
        "</article>",
        '<aside class="sidebar">',
        '<section class="newsletter"><h3>' + esc(ed.newsletter[0]) + "</h3>"
        + "".join(f"<p>{esc(line)}</p>" for line in ed.newsletter[1:])
        + '<form><input type="email" name="email"><button>OK</button></form></section>',
    ]
    if article.related:
        items = "".join(f'<li><a href="{origin}/related/{i}/">{esc(title)}</a></li>'
                        for i, title in enumerate(article.related))
        body.append(f'<section class="related"><h3>{esc(ed.related)}</h3><ul>{items}</ul>'
                    "</section>")
    body += ["</aside>", '<section id="comments" class="comments">',
             f"<h3>{esc(ed.comments_heading)}</h3>", '<ol class="comment-list">']
    for name, text in ed.comments:
        body.append(f'<li class="comment"><div class="comment-author">{esc(name)}</div>'
                    f'<p>{esc(text)}</p><a class="reply" href="#">Reply</a></li>')
    body += [
        "</ol>",
        f'<div id="respond"><h3>{esc(ed.comment_form[0])}</h3>'
        f'<p class="comment-notes">{esc(ed.comment_form[1])}</p>'
        '<form class="comment-form"><textarea name="comment"></textarea>'
        '<input name="author"><input name="email">'
        f"<button>{esc(ed.comment_form[-1])}</button></form></div>",
        "</section>",
        "</main>",
        '<footer class="site-footer"><nav>'
        + "".join(f'<a href="{origin}/page/{i}/">{esc(link)}</a>'
                  for i, link in enumerate(ed.footer_links))
        + f"</nav><p>{esc(ed.copyright)}</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(head + body) + "\n"


def jsonl_record(article: Article) -> dict:
    """Return the JSONL record of an article (text or html, plus url/source/title/published)."""
    record: dict = {"url": article.url}
    if not article.omit_source_field:
        record["source"] = article.domain
    record["title"] = article.title
    record["published"] = article.extra.get("published_field", article.published)
    if article.record_kind == "text":
        record["text"] = render_text(article)
    else:
        record["html"] = render_html(article)
    return record


def gzip_bytes(data: bytes) -> bytes:
    """Return data gzip-compressed with a fixed header (mtime 0, no file name)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()


def record_id(*parts: str) -> str:
    """Return a fixed WARC-Record-ID derived from the given parts."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join(parts))}>"


def warc_bytes(name: str, articles: list[Article], crawl_date: str) -> bytes:
    """Return a WARC/1.0 file: one warcinfo, then a request and a response per article."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=name.endswith(".gz"), warc_version="1.0")
    info = (b"software: newsclean build_sample_corpus.py\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"description: invented sample pages for the newsclean test corpus\r\n")
    writer.write_record(writer.create_warc_record(
        "", "warcinfo", payload=io.BytesIO(info), length=len(info),
        warc_content_type="application/warc-fields",
        warc_headers_dict={"WARC-Record-ID": record_id(name, "warcinfo"),
                           "WARC-Date": f"{crawl_date}T06:00:00Z",
                           "WARC-Filename": name}))
    for index, article in enumerate(articles):
        date = f"{crawl_date}T06:{index + 1:02d}:00Z"
        host = article.url.split("/")[2]
        path = "/" + "/".join(article.url.split("/")[3:])
        response_id = record_id(name, article.url, "response")
        request_http = StatusAndHeaders(f"GET {path} HTTP/1.1", [
            ("Host", host), ("User-Agent", "newsclean-sample-crawler/1.0"),
            ("Accept", "text/html"), ("Accept-Language", "en, es, uk, ru, el")],
            is_http_request=True)
        writer.write_record(writer.create_warc_record(
            article.url, "request", payload=io.BytesIO(b""), length=0,
            http_headers=request_http,
            warc_headers_dict={"WARC-Record-ID": record_id(name, article.url, "request"),
                               "WARC-Date": date, "WARC-Concurrent-To": response_id}))
        page = render_html(article).encode(article.encoding)
        response_http = StatusAndHeaders("200 OK", [
            ("Date", "Wed, 25 Nov 2026 06:00:00 GMT"), ("Server", "nginx"),
            ("Content-Type", f"text/html; charset={charset_name(article.encoding)}"),
            ("Content-Length", str(len(page)))], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            article.url, "response", payload=io.BytesIO(page), length=len(page),
            http_headers=response_http,
            warc_headers_dict={"WARC-Record-ID": response_id, "WARC-Date": date}))
    return buffer.getvalue()


def file_bytes(container: str, articles: list[Article]) -> bytes:
    """Return the bytes of one raw/ file holding the given articles (in order)."""
    fmt = articles[0].fmt
    if fmt in ("txt", "html", "htm"):
        (article,) = articles
        text = render_text(article) if fmt == "txt" else render_html(article)
        data = text.encode(article.encoding)
        return (b"\xef\xbb\xbf" + data) if article.bom else data
    if fmt.startswith("jsonl"):
        lines = [json.dumps(jsonl_record(a), ensure_ascii=False, sort_keys=True)
                 for a in articles]
        data = ("\n".join(lines) + "\n").encode("utf-8")
        return gzip_bytes(data) if fmt.endswith(".gz") else data
    crawl_date = Path(container).name.split(".")[0].removeprefix("crawl-")
    return warc_bytes(Path(container).name, articles, crawl_date)


MANIFEST_KEYS = ("dv1", "dv5", "db5")


def manifest_bytes() -> bytes:
    """Return raw/manifest.csv: path,url,source,published,title for the root-level pages."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("path", "url", "source", "published", "title"))
    by_key = {a.key: a for a in ARTICLES}
    for key in MANIFEST_KEYS:
        a = by_key[key]
        writer.writerow((a.container, a.url, a.domain, a.published, a.title))
    return buffer.getvalue().encode("utf-8")


def containers() -> dict[str, list[Article]]:
    """Return raw/-relative file paths mapped to the articles they hold, in listing order."""
    grouped: dict[str, list[Article]] = {}
    for article in ARTICLES:
        grouped.setdefault(article.container, []).append(article)
    return grouped


def body_words(article: Article) -> int:
    """Return the number of whitespace-separated words in the article body."""
    return sum(len(p.split()) for p in article.body)


# --------------------------------------------------------------------------- README

SOURCES = (
    (HG, "The Harbour Gazette", "en", "careful",
     "local paper of the invented port town Port Ellison; the site-template source"),
    (DB, "The Daily Blaze", "en", "sloppy", "clickbait tabloid"),
    (EFS, "El Faro del Sur", "es", "careful", "provincial paper (Puerto Albar)"),
    (UH, "¡Última Hora YA!", "es", "sloppy", "viral/clickbait site"),
    (DV, "Дніпровські вісті / Dnipro News", "uk, en", "careful",
     "city paper of Kremenivka with an English edition translated from Ukrainian"),
    (BSC, "Black Sea Courier / Черноморский курьер", "ru, el, en", "mixed",
     "regional outlet of the port city Nea Amisos; Russian, Greek and English editions"),
)

README_INTRO = """\
# Sample corpus

Invented news articles that exercise every input format newsclean reads. Every outlet, person,
place, figure and quotation here is made up for this project; nothing is copied from anywhere.

All files are generated by `scripts/build_sample_corpus.py` (rerunnable, byte-identical
output: gzip with mtime 0 and no file name, fixed WARC dates and record ids). Edit the script,
not the files, then run

    .venv/bin/python scripts/build_sample_corpus.py

**30 articles, 6 sources, 5 languages (en, es, uk, ru, el), 7 formats.** The source of every
document is its outlet's registered domain, so the folder name, the `source` field, the
manifest and the URL's registered domain all agree.
"""

README_NOTES = """\
## Layout

- `raw/<domain>/...`: `.txt`, `.html`, `.htm` files of three sources; the folder name is the
  source.
- raw root: JSONL, JSONL.gz, WARC and WARC.gz files (their records carry `url`, and all but one
  carry `source`), plus three root-level pages described by `manifest.csv`.
- `manifest.csv` (`path,url,source,published,title`) covers the root-level `.txt`, `.htm` and
  `.html` pages; `dailyblaze-2026-11-20-phone-mast.html` has no `og:site_name`, canonical link or
  `article:published_time`, so the manifest is its only metadata besides the `<time>` element.
- JSONL `published` is an ISO date, or an ISO date-time with offset in db2 and uh3.
- Record numbers in the Files table count documents inside a file from 1: the N-th JSONL line, or the N-th
  WARC `response` record (each WARC also holds a `warcinfo` record and a `request` record before
  every response, which must be skipped).

## Encodings

- `elfarodelsur.es/2026-11-17-fugas-agua.txt`: Windows-1252 (cp1252), no BOM (contains `€`,
  `«»`, accented letters).
- `elfarodelsur.es/2026-11-19-consultas-tarde.htm`: Windows-1252, declared in
  `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`.
- `blackseacourier.net/2026-11-18-tseny-na-rybu.txt`: Russian, UTF-8 with a BOM.
- `crawl-2026-11-21.warc.gz`: one Russian page in Windows-1251, declared in the HTTP
  `Content-Type` header and in the page's meta tag.
- Everything else: UTF-8 without BOM.

## Boilerplate planted

Plain-text documents (`.txt` files and the `text` field of JSONL records) are what a naive
extractor produces: one line per block element, with the site furniture left in, in this order:
navigation glued into one line (`HomeNewsHarbourBusinessSportOpinionContact`), a breadcrumb
(`Home » Harbour » <headline>`), the headline (repeated on the next line in {repeat_keys}),
a byline (`By ...`) when the article has an author, a dateline, the body with a photo
caption after the first paragraph (where listed) and a `Read also: <headline>` line after the
third, then `Share post:` and the share buttons glued (`FacebookXWhatsAppEmail`), `Tags: a, b,
c`, the newsletter box, the comment form (`Leave a Comment`, `Your email address will not be
published...`, `Comment*`, `Name*`, `Email*`, `Post Comment`), related-article headlines, the
cookie notice with its button, and the copyright line. All of it in the edition's language.
The Harbour Gazette puts one block per line; all other outlets separate blocks by a blank line.

- **Foreign-language widget**: `harbourgazette.com/2026-11-18-property-levy-budget.txt` (English)
  carries a Spanish comments widget: `Comentarios` / `0 comentarios` / `Publicar un comentario`.
- **Site template**: the {template_docs} Harbour Gazette `.txt` files share the same nav run, share
  lines, `Subscribe to our newsletter` box, comment form, cookie notice and copyright line
  ({template_lines} lines in all of them). Related-article headlines recur in two or three of them.
- **One ordinary sentence in exactly two documents**: the body paragraph
  "Port Ellison handled 4.2 million tonnes of cargo last year, ..." appears in hg1
  (`2026-11-16-east-channel-dredging.txt`) and hg4 (`2026-11-19-shipyard-apprentices.txt`) and
  nowhere else. It is content and must survive the template pass.
- HTML pages (`.html`, `.htm`, JSONL `html` records, WARC responses) are full pages: `<head>` with
  `og:site_name`, `og:title`, `article:published_time` and a canonical link (except where noted),
  a cookie banner, header with nav and search, breadcrumb, `<article>` with `h1`, byline,
  `<time>`, top and bottom share bars, optional `<figure>` caption, a `Read also` paragraph inside
  the body, tags, a sidebar with newsletter box and related links, a comments section with
  reader comments and a comment form, and a footer. hg6 also has JSON-LD.

## Translation artifacts planted

In English articles translated from other languages. *where* gives the 1-based line in the raw
text (the `.txt` file or the JSONL `text` field) for text inputs, and the body paragraph for HTML
inputs. Cyrillic look-alikes: `а` U+0430, `о` U+043E, `р` U+0440.
"""


def artifact_location(article: Article, marker: str) -> str:
    """Return where a planted artifact is: raw text line for text inputs, else paragraph."""
    if article.fmt == "txt" or article.record_kind == "text" and article.fmt.startswith("jsonl"):
        lines = render_text(article).split("\n")
        return f"line {next(i for i, t in enumerate(lines, start=1) if marker in t)}"
    return f"paragraph {next(i for i, p in enumerate(article.body, start=1) if marker in p)}"


def readme_text() -> str:
    """Return raw/README.md, generated from the same data as the corpus."""
    parts = [README_INTRO, "## Sources\n",
             "| source (domain) | outlet | languages | reporting style | what |",
             "|---|---|---|---|---|"]
    parts += [f"| `{d}` | {n} | {l} | {s} | {w} |" for d, n, l, s, w in SOURCES]
    parts.append("")
    parts.append("## Files\n")
    parts.append("| key | file | record | source | language | format | style | body words "
                 "| notes |")
    parts.append("|---|---|---|---|---|---|---|---|---|")
    for container, articles in containers().items():
        for number, a in enumerate(articles, start=1):
            notes = []
            if a.fmt.startswith("jsonl"):
                notes.append(f"`{a.record_kind}` field")
            if a.encoding != "utf-8":
                notes.append(a.encoding)
            if a.bom:
                notes.append("UTF-8 BOM")
            if not a.og_meta:
                notes.append("no og/canonical meta")
            if a.omit_source_field:
                notes.append("no `source` field")
            if a.key in MANIFEST_KEYS:
                notes.append("in manifest")
            if a.planted:
                notes.append("artifacts")
            record = str(number) if a.fmt.startswith(("jsonl", "warc")) else ""
            parts.append(f"| {a.key} | `{container}` | {record} | {a.domain} | {a.lang} | "
                         f"{a.fmt} | {a.style} | {body_words(a)} | {', '.join(notes)} |")
    parts.append("")
    text_docs = [a for a in ARTICLES if a.fmt == "txt" or a.record_kind == "text"
                 and a.fmt.startswith("jsonl")]
    template_pages = [set(render_text(a).splitlines()) - {""}
                      for a in ARTICLES if a.domain == HG and a.fmt == "txt"]
    parts.append(README_NOTES.format(
        repeat_keys=", ".join(a.key for a in text_docs if a.repeat_title),
        template_docs=len(template_pages),
        template_lines=len(set.intersection(*template_pages))))
    parts.append("| key | document | kind | planted text | where |")
    parts.append("|---|---|---|---|---|")
    for container, articles in containers().items():
        for number, a in enumerate(articles, start=1):
            document = container + (f"#{number}" if a.fmt.startswith(("jsonl", "warc")) else "")
            for kind, marker in a.planted:
                parts.append(f"| {a.key} | `{document}` | {kind} | `{marker}` | "
                             f"{artifact_location(a, marker)} |")
    parts.append("")
    parts.append("## Reporting style\n\n"
                 "*careful* articles name their sources, quote them with attribution, cite "
                 "documents and data, and hedge (\"may\", \"according to\", \"según\", "
                 "\"за даними\", \"σύμφωνα με\"); *sloppy* ones lean on anonymous sources, "
                 "\"some say\" / \"dicen que\" / \"говорят\", emotive words, capitals and "
                 "exclamations under clickbait headlines; *mixed* (bsc3) attributes its "
                 "figures but also reports unnamed-complaint colour.")
    return "\n".join(parts) + "\n"


def build(out: Path) -> list[Path]:
    """Write every corpus file, the manifest and README under out; return the paths written."""
    written = []
    outputs = {container: file_bytes(container, articles)
               for container, articles in containers().items()}
    outputs["manifest.csv"] = manifest_bytes()
    outputs["README.md"] = readme_text().encode("utf-8")
    for relative, data in sorted(outputs.items()):
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def main() -> None:
    """Parse the command line and build the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "raw", help="raw corpus folder")
    args = parser.parse_args()
    written = build(args.out)
    print(f"wrote {len(written)} files, {len(ARTICLES)} articles under {args.out}")


if __name__ == "__main__":
    main()
