"""An invented raw corpus for the benchmark: N documents from a fixed seed, as users see them.

Every document is built from the word lists and templates below (nothing is read from
elsewhere): ten invented outlets, each with its own navigation line, footer and main language
(English, Spanish, French, German, Russian, Ukrainian); some documents are written in another
language than their outlet's, and some quote a paragraph in a foreign language. Plain-text
documents look like a naive extractor's output (navigation, headline, dateline, byline, the
article one paragraph a line, share and subscription lines, footer), about
``TEXT_TARGET_BYTES`` each; HTML pages wrap a similar article in the markup of a news page
(styles, scripts, menus, related links, comments, footer), about ``HTML_TARGET_BYTES`` each.

Document ``i`` depends only on the seed and ``i`` (its generator is seeded with
``"<seed>:<i>"``), so the corpus of N documents is a prefix of the corpus of 10 N, and the
same call always writes the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from pathlib import Path

TEXT_TARGET_BYTES = 4_000
HTML_TARGET_BYTES = 60_000
SIZE_SPREAD = 0.15  # each document's target size varies by up to this fraction either way
OTHER_LANGUAGE_SHARE = 0.10  # documents written in another language than their outlet's
FOREIGN_QUOTE_SHARE = 0.15  # documents that quote one paragraph in another language
DEFAULT_SEED = 20261120
DEFAULT_DATE = dt.date(2026, 11, 20)
FORMATS = ("txt", "html", "both")
MARKER_NAME = "bench-corpus.json"

# Short phrases per language; sentences join a few of them with names and numbers, so the
# text has the word order and function words a language detector expects.
PHRASES = {
    "en": ["the city council voted on", "a new plan for the harbour", "officials said on Monday that",
           "the cost of the project", "residents of the northern district", "more than half of the budget",
           "after months of talks", "the regional government announced", "according to the latest figures",
           "the company has not commented on", "local businesses are worried about", "the decision could affect",
           "in a statement released on Tuesday", "the number of visitors rose", "the report found that",
           "workers at the plant", "the mayor told reporters that", "it is not yet clear whether",
           "the new rules will apply from", "schools in the area", "the committee is expected to meet",
           "prices for energy and food", "the opposition has called for", "a spokesperson for the ministry"],
    "es": ["el ayuntamiento aprobó ayer", "un nuevo plan para el puerto", "según los datos oficiales",
           "los vecinos del barrio norte", "el coste de las obras", "más de la mitad del presupuesto",
           "después de meses de negociación", "el gobierno regional anunció que", "la empresa no ha respondido a",
           "los comercios de la zona temen", "la decisión podría afectar a", "en un comunicado publicado el martes",
           "el número de visitantes creció", "el informe señala que", "los trabajadores de la fábrica",
           "la alcaldesa explicó a los periodistas", "todavía no está claro si", "las nuevas normas entrarán en vigor"],
    "fr": ["le conseil municipal a voté", "un nouveau projet pour le port", "selon les chiffres publiés",
           "les habitants du quartier nord", "le coût des travaux", "plus de la moitié du budget",
           "après des mois de discussions", "le gouvernement régional a annoncé que", "l'entreprise n'a pas répondu à",
           "les commerçants du centre craignent", "cette décision pourrait toucher", "dans un communiqué publié mardi",
           "le nombre de visiteurs a augmenté", "le rapport indique que", "les salariés de l'usine",
           "le maire a déclaré aux journalistes", "il n'est pas encore certain que", "les nouvelles règles entreront en vigueur"],
    "de": ["der Stadtrat hat am Montag", "ein neuer Plan für den Hafen", "nach Angaben der Behörde",
           "die Bewohner des nördlichen Viertels", "die Kosten für das Projekt", "mehr als die Hälfte des Haushalts",
           "nach monatelangen Verhandlungen", "die Landesregierung kündigte an, dass", "das Unternehmen wollte sich nicht äußern",
           "die Geschäfte in der Innenstadt fürchten", "die Entscheidung könnte auch", "in einer Mitteilung vom Dienstag",
           "die Zahl der Besucher ist gestiegen", "der Bericht zeigt, dass", "die Beschäftigten im Werk",
           "die Bürgermeisterin sagte den Reportern", "es ist noch nicht klar, ob", "die neuen Regeln gelten ab"],
    "ru": ["городской совет проголосовал за", "новый план развития порта", "по данным городской администрации",
           "жители северного района", "стоимость строительства", "больше половины бюджета",
           "после нескольких месяцев переговоров", "региональное правительство объявило, что",
           "в компании пока не ответили на", "местные предприниматели опасаются", "это решение может затронуть",
           "в заявлении, опубликованном во вторник", "число посетителей выросло", "в докладе говорится, что",
           "рабочие завода", "мэр сообщил журналистам, что", "пока неясно, будет ли", "новые правила вступят в силу"],
    "uk": ["міська рада проголосувала за", "новий план розвитку порту", "за даними міської адміністрації",
           "мешканці північного району", "вартість будівництва", "більше половини бюджету",
           "після кількох місяців перемовин", "обласна влада оголосила, що", "у компанії поки не відповіли на",
           "місцеві підприємці побоюються", "це рішення може вплинути на", "у заяві, оприлюдненій у вівторок",
           "кількість відвідувачів зросла", "у звіті йдеться про те, що", "працівники заводу",
           "мер повідомив журналістам, що", "поки незрозуміло, чи буде", "нові правила набудуть чинності"],
}
NAMES = ["Mara Lindqvist", "Tomas Berg", "Ana Ferreira", "Elena Novak", "Jonas Weber", "Lucía Gómez",
         "Pierre Morel", "Olga Petrenko", "Ivan Sokolov", "Claire Dubois", "Sven Aalto", "Irina Melnyk"]
SAID = {"en": "said", "es": "dijo", "fr": "a déclaré", "de": "sagte", "ru": "сказал", "uk": "сказав"}
BY = {"en": "By", "es": "Por", "fr": "Par", "de": "Von", "ru": "Автор:", "uk": "Автор:"}
READ_MORE = {"en": "Read more:", "es": "Lea también:", "fr": "À lire aussi :", "de": "Lesen Sie auch:",
             "ru": "Читайте также:", "uk": "Читайте також:"}
SHARE = {"en": "Share this article: Facebook Twitter Email", "es": "Compartir: Facebook Twitter Correo",
         "fr": "Partager : Facebook Twitter E-mail", "de": "Teilen: Facebook Twitter E-Mail",
         "ru": "Поделиться: ВКонтакте Telegram", "uk": "Поділитися: Facebook Telegram"}
SUBSCRIBE = {"en": "Subscribe to our newsletter for the morning briefing.",
             "es": "Suscríbase a nuestro boletín para recibir las noticias de la mañana.",
             "fr": "Abonnez-vous à notre lettre d'information du matin.",
             "de": "Abonnieren Sie unseren Newsletter für den Morgen.",
             "ru": "Подпишитесь на нашу утреннюю рассылку.", "uk": "Підпишіться на нашу ранкову розсилку."}
COOKIES = {"en": "We use cookies to improve your experience. Accept all", "es": "Usamos cookies para mejorar su experiencia. Aceptar",
           "fr": "Nous utilisons des cookies pour améliorer votre expérience. Accepter",
           "de": "Wir verwenden Cookies, um Ihr Erlebnis zu verbessern. Akzeptieren",
           "ru": "Мы используем файлы cookie. Принять", "uk": "Ми використовуємо файли cookie. Прийняти"}
COMMENTS = {"en": "Comments", "es": "Comentarios", "fr": "Commentaires", "de": "Kommentare", "ru": "Комментарии",
            "uk": "Коментарі"}
SECTIONS = {"en": ["Home", "World", "Politics", "Business", "Sport", "Culture", "Opinion"],
            "es": ["Portada", "Mundo", "Política", "Economía", "Deportes", "Cultura", "Opinión"],
            "fr": ["Accueil", "Monde", "Politique", "Économie", "Sport", "Culture", "Opinions"],
            "de": ["Startseite", "Welt", "Politik", "Wirtschaft", "Sport", "Kultur", "Meinung"],
            "ru": ["Главная", "Мир", "Политика", "Экономика", "Спорт", "Культура", "Мнения"],
            "uk": ["Головна", "Світ", "Політика", "Економіка", "Спорт", "Культура", "Думки"]}
RIGHTS = {"en": "All rights reserved.", "es": "Todos los derechos reservados.", "fr": "Tous droits réservés.",
          "de": "Alle Rechte vorbehalten.", "ru": "Все права защищены.", "uk": "Усі права захищені."}


@dataclasses.dataclass(frozen=True)
class Outlet:
    """An invented news outlet: name, folder name (the source), main language, web domain."""

    name: str
    slug: str
    language: str
    domain: str


OUTLETS = (
    Outlet("Northgate Ledger", "northgate-ledger", "en", "northgate-ledger.example.com"),
    Outlet("Harbour Evening Post", "harbour-evening-post", "en", "harbourpost.example.co.uk"),
    Outlet("Valley Courier", "valley-courier", "en", "valleycourier.example.org"),
    Outlet("Midland Daily", "midland-daily", "en", "midlanddaily.example.com"),
    Outlet("Diario del Litoral", "diario-del-litoral", "es", "diariolitoral.example.es"),
    Outlet("La Voz del Valle", "la-voz-del-valle", "es", "vozdelvalle.example.es"),
    Outlet("Le Courrier du Port", "le-courrier-du-port", "fr", "courrierduport.example.fr"),
    Outlet("Hafenblatt", "hafenblatt", "de", "hafenblatt.example.de"),
    Outlet("Северный вестник", "severny-vestnik", "ru", "vestnik.example.ru"),
    Outlet("Портові новини", "portovi-novyny", "uk", "portovi.example.ua"),
)


@dataclasses.dataclass(frozen=True)
class CorpusInfo:
    """What :func:`write_corpus` wrote: the day's folder, documents per format, bytes in total."""

    raw: Path
    date: dt.date
    n_docs: int
    n_text: int
    n_html: int
    n_bytes: int
    n_sources: int
    seed: int


def _sentence(rng: random.Random, language: str) -> str:
    """Return one sentence: a few phrases, sometimes a number or an attributed quote."""
    phrases = rng.sample(PHRASES[language], rng.randint(2, 3))
    if rng.random() < 0.3:
        phrases.append(f"{rng.randint(2, 98)} %" if language != "en" else f"{rng.randint(2, 98)} percent")
    text = " ".join(phrases)
    if rng.random() < 0.25:
        text = f"\"{text[0].upper()}{text[1:]},\" {rng.choice(NAMES)} {SAID[language]}"
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, language: str) -> str:
    return " ".join(_sentence(rng, language) for _ in range(rng.randint(3, 5)))


def _title(rng: random.Random, language: str) -> str:
    text = " ".join(rng.sample(PHRASES[language], 2))
    return text[0].upper() + text[1:]


def _article(rng: random.Random, language: str, body_bytes: int) -> tuple[str, list[str]]:
    """Return a headline and paragraphs totalling about ``body_bytes`` bytes of UTF-8."""
    title = _title(rng, language)
    paragraphs: list[str] = []
    size = 0
    foreign_at = rng.randint(1, 4) if rng.random() < FOREIGN_QUOTE_SHARE else -1
    while size < body_bytes:
        if len(paragraphs) == foreign_at:
            other = rng.choice([code for code in PHRASES if code != language])
            paragraph = f"\"{_paragraph(rng, other)}\""
        else:
            paragraph = _paragraph(rng, language)
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    return title, paragraphs


def _document_plan(seed: int, index: int) -> tuple[random.Random, Outlet, str]:
    rng = random.Random(f"{seed}:{index}")
    outlet = OUTLETS[rng.randrange(len(OUTLETS))]
    language = outlet.language
    if rng.random() < OTHER_LANGUAGE_SHARE:
        language = rng.choice([code for code in PHRASES if code != outlet.language])
    return rng, outlet, language


def _target(rng: random.Random, nominal: int) -> int:
    return int(nominal * rng.uniform(1 - SIZE_SPREAD, 1 + SIZE_SPREAD))


def text_document(seed: int, index: int, date: dt.date) -> tuple[Outlet, str]:
    """Return the outlet and the plain text (a naive extractor's output) of document ``index``."""
    rng, outlet, language = _document_plan(seed, index)
    site = outlet.language
    target = _target(rng, TEXT_TARGET_BYTES)
    title, paragraphs = _article(rng, language, int(target * 0.8))
    head = [" | ".join(SECTIONS[site]), "", f"{title} – {outlet.name}", "", date.isoformat(),
            f"{BY[site]} {rng.choice(NAMES)}", ""]
    tail = ["", f"{READ_MORE[site]} {_title(rng, site)}", SHARE[site], SUBSCRIBE[site],
            f"{COMMENTS[site]} ({rng.randint(0, 80)})", f"© {date.year} {outlet.name}. {RIGHTS[site]}"]
    lines = head + paragraphs + tail
    text = "\n".join(lines) + "\n"
    while len(text.encode("utf-8")) < target:  # short draws get more related links, as real pages do
        lines.insert(len(lines) - 1, f"{READ_MORE[site]} {_title(rng, site)}")
        text = "\n".join(lines) + "\n"
    return outlet, text


def _links(rng: random.Random, language: str, count: int, domain: str) -> str:
    items = []
    for number in range(count):
        words = _title(rng, language)
        items.append(f'<li class="menu-item item-{number}"><a href="https://{domain}/{rng.randrange(10**8):08d}" '
                     f'title="{words}">{words}</a></li>')
    return "\n".join(items)


def html_document(seed: int, index: int, date: dt.date) -> tuple[Outlet, str]:
    """Return the outlet and the HTML page of document ``index``."""
    rng, outlet, language = _document_plan(seed, index)
    site = outlet.language
    target = _target(rng, HTML_TARGET_BYTES)
    title, paragraphs = _article(rng, language, int(_target(rng, TEXT_TARGET_BYTES) * 0.8))
    css = "\n".join(f".c{n} {{ margin: {n % 7}px {n % 5}px; color: #{rng.randrange(0xFFFFFF):06x}; "
                    f"font-size: {10 + n % 9}px; }}" for n in range(120))
    settings_blob = json.dumps({"site": outlet.domain, "ads": [{"slot": f"slot-{n}", "size": [300, 250],
                                                                "key": f"{rng.randrange(16**12):012x}"}
                                                               for n in range(60)]})
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": f"{date.isoformat()}T06:00:00Z",
                     "publisher": {"@type": "Organization", "name": outlet.name}}, ensure_ascii=False)
    nav = "".join(f'<li><a href="/{name.lower()}">{name}</a></li>' for name in SECTIONS[site])
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    comments = "\n".join(f'<div class="comment"><span class="author">{rng.choice(NAMES)}</span>'
                         f"<p>{_sentence(rng, site)}</p></div>" for _ in range(rng.randint(2, 6)))
    head = (f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8">\n'
            f"<title>{title} | {outlet.name}</title>\n"
            f'<meta property="og:site_name" content="{outlet.name}">\n'
            f'<meta property="og:title" content="{title}">\n'
            f'<meta property="article:published_time" content="{date.isoformat()}T06:00:00Z">\n'
            f'<link rel="canonical" href="https://{outlet.domain}/{date.isoformat()}/{index:07d}">\n'
            f"<style>\n{css}\n</style>\n<script type=\"application/ld+json\">{ld}</script>\n"
            f"<script>window.siteSettings = {settings_blob};</script>\n</head>\n<body>\n")
    top = (f'<div class="cookie-banner">{COOKIES[site]}</div>\n<header><nav class="main-menu"><ul>{nav}</ul></nav>\n'
           f'<ul class="mega-menu">{_links(rng, site, 25, outlet.domain)}</ul></header>\n')
    article = (f'<main><article><h1>{title}</h1>\n<p class="byline">{BY[site]} {rng.choice(NAMES)}</p>\n'
               f'<time datetime="{date.isoformat()}">{date.isoformat()}</time>\n{body}\n'
               f'<div class="share">{SHARE[site]}</div><div class="newsletter">{SUBSCRIBE[site]}</div></article>\n'
               f'<section class="comments"><h2>{COMMENTS[site]}</h2>\n{comments}</section></main>\n')
    footer = f'<footer><p>© {date.year} {outlet.name}. {RIGHTS[site]}</p></footer>\n</body></html>\n'
    page = head + top + article
    aside: list[str] = []
    size = len((page + footer).encode("utf-8"))
    while size < target:  # related links and menus make up the rest of the page, as on real sites
        block = f'<aside class="related"><h3>{READ_MORE[site]}</h3><ul>{_links(rng, site, 10, outlet.domain)}</ul></aside>\n'
        aside.append(block)
        size += len(block.encode("utf-8"))
    return outlet, page + "".join(aside) + footer


def document_format(fmt: str, index: int) -> str:
    """Return ``txt`` or ``html`` for document ``index`` of a corpus in format ``fmt``."""
    if fmt == "both":
        return "txt" if index % 2 == 0 else "html"
    return fmt


def write_corpus(root: Path, n_docs: int, fmt: str = "txt", *, seed: int = DEFAULT_SEED,
                 date: dt.date = DEFAULT_DATE) -> CorpusInfo:
    """Write ``n_docs`` documents under ``root/<date>/<outlet>/`` and return what was written.

    ``fmt`` is ``txt``, ``html`` or ``both`` (alternating). When ``root`` already holds the
    corpus of the same parameters (its marker file says so), nothing is rewritten.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    marker = root / MARKER_NAME
    wanted = {"n_docs": n_docs, "format": fmt, "seed": seed, "date": date.isoformat()}
    if marker.is_file():
        recorded = json.loads(marker.read_text(encoding="utf-8"))
        if {key: recorded.get(key) for key in wanted} == wanted:
            return _info(root, recorded)
    day = root / date.isoformat()
    counts = {"txt": 0, "html": 0}
    n_bytes = 0
    sources = set()
    for index in range(n_docs):
        kind = document_format(fmt, index)
        outlet, content = (text_document if kind == "txt" else html_document)(seed, index, date)
        data = content.encode("utf-8")
        folder = day / outlet.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{index:07d}.{kind}").write_bytes(data)
        counts[kind] += 1
        n_bytes += len(data)
        sources.add(outlet.slug)
    recorded = {**wanted, "n_text": counts["txt"], "n_html": counts["html"], "n_bytes": n_bytes,
                "n_sources": len(sources)}
    marker.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return _info(root, recorded)


def _info(root: Path, recorded: dict) -> CorpusInfo:
    return CorpusInfo(raw=root, date=dt.date.fromisoformat(recorded["date"]), n_docs=recorded["n_docs"],
                      n_text=recorded["n_text"], n_html=recorded["n_html"], n_bytes=recorded["n_bytes"],
                      n_sources=recorded["n_sources"], seed=recorded["seed"])
