# Copyright 2026 crm_interaction_log contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The column captions and option values of what Dynamics NAV and Business
Central export from the pages Interaction Log Entries (page 5076, table 5065
"Interaction Log Entry"), Interaction Templates (5075, table 5064) and
Interaction Groups (5074, table 5063), in the languages of their users.

English is the captions of the AL source of Business Central and of NAV
2018's C/AL (``Caption``, ``OptionCaption``), Danish NAV 2018's ``CaptionML``.
Swedish, Norwegian, Finnish, Dutch and Russian are the localized versions'
captions as their users know them and as Microsoft's translated
documentation writes them; a caption a version writes otherwise is mapped to
its column by hand when the file is checked (``crm.interaction.import``).
A column is named by a key of our own; an option value by the value of our
selection field (None: the option has no value of ours)."""

LANGUAGES = [
    ("en", "English"),
    ("sv", "Swedish"),
    ("nb", "Norwegian"),
    ("fi", "Finnish"),
    ("nl", "Dutch"),
    ("ru", "Russian"),
    ("da", "Danish"),
]


def _c(en, sv, nb, fi, nl, ru, da=None):
    captions = {"en": en, "sv": sv, "nb": nb, "fi": fi, "nl": nl, "ru": ru}
    if da:
        captions["da"] = da
    return captions


ENTRY_COLUMNS = {
    "entry_no": _c(
        "Entry No.",
        "Löpnummer",
        "Løpenr.",
        "Tapahtumanro",
        "Volgnummer",
        "Операция №",
        "Løbenr.",
    ),
    "contact_no": _c(
        "Contact No.",
        ["Kontaktnr", "Kontaktnr."],
        "Kontaktnr.",
        ["Yhteyshenkilön nro", "Yhteyshenk. nro"],
        "Contactnr.",
        "Контакт №",
        "Kontaktnr.",
    ),
    "date": _c("Date", "Datum", "Dato", "Päivämäärä", "Datum", "Дата", "Dato"),
    "time": _c(
        "Time of Interaction",
        "Tid för interaktion",
        "Tidspunkt for samhandling",
        "Vuorovaikutuksen aika",
        "Tijd van interactie",
        "Время взаимодействия",
        "Interaktion oprettet",
    ),
    "description": _c(
        "Description",
        "Beskrivning",
        "Beskrivelse",
        "Kuvaus",
        "Omschrijving",
        "Описание",
        "Beskrivelse",
    ),
    "subject": _c("Subject", "Ämne", "Emne", "Aihe", "Onderwerp", "Тема", "Emne"),
    "information_flow": _c(
        "Information Flow",
        "Informationsflöde",
        "Informasjonsflyt",
        "Tietovirta",
        "Informatiestroom",
        "Информационный поток",
        "Informationsstrøm",
    ),
    "initiated_by": _c(
        "Initiated By",
        "Initierad av",
        "Initiert av",
        "Aloittaja",
        "Geïnitieerd door",
        "Инициатор",
        "Iværksat af",
    ),
    "group_code": _c(
        "Interaction Group Code",
        "Interaktionsgruppkod",
        "Samhandlingsgruppekode",
        "Vuorovaikutusryhmän koodi",
        "Interactiegroepcode",
        "Код группы взаимодействий",
        "Interaktionsgruppekode",
    ),
    "template_code": _c(
        "Interaction Template Code",
        "Interaktionsmallkod",
        "Samhandlingsmalkode",
        "Vuorovaikutusmallin koodi",
        "Interactiesjablooncode",
        "Код шаблона взаимодействия",
        "Interaktionsskabelonkode",
    ),
    "cost": _c(
        "Cost (LCY)",
        "Kostnad (BVA)",
        ["Kostnad (NOK)", "Kostnad (BVA)"],
        "Kustannus (PVA)",
        "Kosten (LV)",
        ["Стоимость (руб.)", "Затраты (руб.)", "Стоимость (МВ)"],
        "Kostbeløb (RV)",
    ),
    "duration": _c(
        "Duration (Min.)",
        "Varaktighet (min.)",
        "Varighet (min.)",
        "Kesto (min.)",
        "Duur (min.)",
        "Продолжительность (мин.)",
        "Varighed (min.)",
    ),
    "salesperson_code": _c(
        "Salesperson Code",
        "Säljarkod",
        "Selgerkode",
        "Myyjän koodi",
        "Verkopercode",
        "Код продавца",
        "Sælgerkode",
    ),
    "user_code": _c(
        "User ID",
        "Användar-ID",
        "Bruker-ID",
        "Käyttäjätunnus",
        "Gebruikers-id",
        "Код пользователя",
        "Bruger-id",
    ),
    "evaluation": _c(
        "Evaluation",
        "Utvärdering",
        "Evaluering",
        "Arviointi",
        "Evaluatie",
        "Оценка",
        "Vurdering",
    ),
    "attempt_failed": _c(
        "Attempt Failed",
        "Misslyckat försök",
        "Forsøk mislyktes",
        "Yritys epäonnistui",
        "Poging mislukt",
        "Неудачная попытка",
        "Forsøg mislykket",
    ),
    "canceled": _c(
        "Canceled",
        "Annullerad",
        "Annullert",
        "Peruttu",
        "Geannuleerd",
        "Отменено",
        "Annulleret",
    ),
    "postponed": _c(
        "Postponed",
        "Uppskjuten",
        "Utsatt",
        "Siirretty",
        "Uitgesteld",
        "Отложено",
        "Udsat",
    ),
    "correspondence_type": _c(
        "Correspondence Type",
        "Korrespondenstyp",
        "Korrespondansetype",
        "Kirjeenvaihdon tyyppi",
        "Correspondentietype",
        "Тип корреспонденции",
        "Korrespondancetype",
    ),
    "contact_via": _c(
        "Contact Via",
        "Kontakt via",
        "Kontakt via",
        "Yhteys kautta",
        "Contact via",
        "Контакт через",
        "Kontaktens tlf.nr.",
    ),
    "lang_code": _c(
        "Interaction Language Code",
        "Interaktionsspråkkod",
        "Samhandlingsspråkkode",
        "Vuorovaikutuksen kielikoodi",
        "Interactietaalcode",
        "Код языка взаимодействия",
        "Interaktionssprogkode",
    ),
    "campaign_no": _c(
        "Campaign No.",
        ["Kampanjnr", "Kampanjnr."],
        "Kampanjenr.",
        "Kampanjan nro",
        "Campagnenr.",
        "Кампания №",
        "Kampagnenr.",
    ),
    "campaign_target": _c(
        "Campaign Target",
        "Kampanjmål",
        "Kampanjemål",
        "Kampanjan kohde",
        "Campagnedoel",
        "Цель кампании",
        "Kampagnemålgruppe",
    ),
    "campaign_response": _c(
        "Campaign Response",
        "Kampanjsvar",
        "Kampanjerespons",
        "Kampanjan vastaus",
        "Campagnerespons",
        "Отклик на кампанию",
        "Kampagnereaktion",
    ),
    "opportunity_no": _c(
        "Opportunity No.",
        ["Affärsmöjlighetsnr", "Affärsmöjlighetsnr."],
        "Salgsmulighetsnr.",
        "Myyntimahdollisuuden nro",
        "Verkoopkansnr.",
        "Возможность №",
        "Salgsmulighednummer",
    ),
    "document_type": _c(
        "Document Type",
        "Dokumenttyp",
        "Dokumenttype",
        "Asiakirjatyyppi",
        "Documenttype",
        "Тип документа",
        "Bilagstype",
    ),
    "document_no": _c(
        "Document No.",
        ["Dokumentnr", "Dokumentnr."],
        "Dokumentnr.",
        "Asiakirjan nro",
        "Documentnr.",
        "Документ №",
        "Bilagsnr.",
    ),
    "document_occurrence": _c(
        "Doc. No. Occurrence",
        "Dok.nr förekomst",
        "Forekomst av dok.nr.",
        "Asiakirjan nron esiintymä",
        "Documentnr.-exemplaar",
        "Вхождение номера документа",
        "Forekomster af dok.nr.",
    ),
    "delivery_status": _c(
        "Delivery Status",
        "Leveransstatus",
        "Leveringsstatus",
        "Toimituksen tila",
        "Leveringsstatus",
        "Статус доставки",
        "Afsendelsesstatus",
    ),
}
# what a file of entries must give: the entry's number (importing twice
# imports nothing twice), its contact, date and template
ENTRY_REQUIRED = ("entry_no", "contact_no", "date", "template_code")

TEMPLATE_COLUMNS = {
    "code": _c("Code", "Kod", "Kode", "Koodi", "Code", "Код", "Kode"),
    "group_code": ENTRY_COLUMNS["group_code"],
    "description": ENTRY_COLUMNS["description"],
    "unit_cost": _c(
        "Unit Cost (LCY)",
        "Styckkostnad (BVA)",
        ["Enhetskostnad (NOK)", "Enhetskost (NOK)"],
        "Yksikkökustannus (PVA)",
        "Kostprijs (LV)",
        "Себестоимость единицы (руб.)",
        "Kostpris (RV)",
    ),
    "unit_duration": _c(
        "Unit Duration (Min.)",
        "Varaktighet per enhet (min.)",
        "Enhetsvarighet (min.)",
        "Yksikön kesto (min.)",
        "Duur per eenheid (min.)",
        "Продолжительность единицы (мин.)",
        "Varighed pr. enhed (min.)",
    ),
    "information_flow": ENTRY_COLUMNS["information_flow"],
    "initiated_by": ENTRY_COLUMNS["initiated_by"],
    "campaign_target": ENTRY_COLUMNS["campaign_target"],
    "campaign_response": ENTRY_COLUMNS["campaign_response"],
    "correspondence_type": _c(
        "Correspondence Type (Default)",
        "Korrespondenstyp (standard)",
        "Korrespondansetype (standard)",
        "Kirjeenvaihdon tyyppi (oletus)",
        "Correspondentietype (standaard)",
        "Тип корреспонденции (по умолчанию)",
        "Korrespondancetype (standard)",
    ),
    "lang_code": _c(
        "Language Code (Default)",
        "Språkkod (standard)",
        "Språkkode (standard)",
        "Kielikoodi (oletus)",
        ["Taalcode (standaard)", "Taal (Standaard)"],
        "Код языка (по умолчанию)",
        "Sprogkode (standard)",
    ),
    "ignore_contact_correspondence_type": _c(
        "Ignore Contact Corres. Type",
        "Ignorera kontaktens korr.typ",
        "Ignorer kontaktens korr.type",
        "Ohita yhteyshenk. kirjeenv.tyyppi",
        "Corresp.type contact negeren",
        "Игнорировать тип коррес. контакта",
        "Ignorer kontakts korr.type",
    ),
}
TEMPLATE_REQUIRED = ("code", "description")

GROUP_COLUMNS = {
    "code": TEMPLATE_COLUMNS["code"],
    "description": ENTRY_COLUMNS["description"],
}
GROUP_REQUIRED = ("code", "description")

COLUMNS = {
    "entries": ENTRY_COLUMNS,
    "templates": TEMPLATE_COLUMNS,
    "groups": GROUP_COLUMNS,
}
REQUIRED = {
    "entries": ENTRY_REQUIRED,
    "templates": TEMPLATE_REQUIRED,
    "groups": GROUP_REQUIRED,
}

OPTIONS = {
    "information_flow": {
        "outbound": _c(
            "Outbound",
            "Utgående",
            "Utgående",
            "Lähtevä",
            "Uitgaand",
            "Исходящий",
            "Udgående",
        ),
        "inbound": _c(
            "Inbound",
            "Inkommande",
            "Innkommende",
            "Saapuva",
            "Inkomend",
            "Входящий",
            "Indgående",
        ),
    },
    "initiated_by": {
        "us": _c("Us", "Vi", "Oss", "Me", ["Wij", "Ons"], "Мы", "Os"),
        "them": _c("Them", "De", "Dem", "He", ["Zij", "Hen"], "Они", "Dem"),
    },
    "evaluation": {
        "very_positive": _c(
            "Very Positive",
            "Mycket positiv",
            "Svært positiv",
            "Erittäin myönteinen",
            "Zeer positief",
            "Очень положительная",
            "Meget positiv",
        ),
        "positive": _c(
            "Positive",
            "Positiv",
            "Positiv",
            "Myönteinen",
            "Positief",
            "Положительная",
            "Positiv",
        ),
        "neutral": _c(
            "Neutral",
            "Neutral",
            "Nøytral",
            "Neutraali",
            "Neutraal",
            "Нейтральная",
            "Neutral",
        ),
        "negative": _c(
            "Negative",
            "Negativ",
            "Negativ",
            "Kielteinen",
            "Negatief",
            "Отрицательная",
            "Negativ",
        ),
        "very_negative": _c(
            "Very Negative",
            "Mycket negativ",
            "Svært negativ",
            "Erittäin kielteinen",
            "Zeer negatief",
            "Очень отрицательная",
            "Meget negativ",
        ),
    },
    "correspondence_type": {
        "hard_copy": _c(
            "Hard Copy",
            "Papperskopia",
            "Papirkopi",
            "Paperikopio",
            "Afdruk",
            "Бумажная копия",
            "Papirformat",
        ),
        "email": _c(
            ["Email", "E-Mail", "E-mail"],
            "E-post",
            "E-post",
            "Sähköposti",
            "E-mail",
            ["Эл. почта", "Электронная почта"],
            "Mail",
        ),
        # NAV's fax letters: no fax here, the letter went out on paper
        "fax": _c("Fax", "Fax", "Faks", "Faksi", "Fax", "Факс", "Telefax"),
    },
    "delivery_status": {
        "in_progress": _c(
            "In Progress",
            "Pågår",
            "Pågår",
            "Käynnissä",
            "Wordt uitgevoerd",
            "Выполняется",
            "I gang",
        ),
        "error": _c("Error", "Fel", "Feil", "Virhe", "Fout", "Ошибка", "Fejl"),
    },
}
# a fax of NAV is a hard copy here (a letter handed out, not an e-mail)
OPTION_ALIASES = {("correspondence_type", "fax"): "hard_copy"}

BOOLEANS = {
    True: _c(
        ["Yes", "True", "1"],
        "Ja",
        "Ja",
        "Kyllä",
        "Ja",
        "Да",
        "Ja",
    ),
    False: _c(
        ["No", "False", "0"],
        "Nej",
        "Nei",
        "Ei",
        "Nee",
        "Нет",
        "Nej",
    ),
}

# The Document Type of an entry (enum 5099), in English as NAV and BC
# export it: the code of our document type it is, when Odoo has one.
# Other values (a reminder, a service order ...) are kept as text.
DOCUMENT_TYPES = {
    "Sales Qte.": "sales_quote",
    "Sales Ord. Cnfrmn.": "sales_order",
    "Sales Inv.": "sales_invoice",
    "Sales Cr. Memo": "sales_credit_note",
    "Sales Shpt. Note": "delivery",
    "Purch.Qte.": "purchase_quote",
    "Purch. Ord.": "purchase_order",
    "Purch. Inv.": "purchase_invoice",
    "Purch. Cr. Memo": "purchase_credit_note",
    "Purch. Rcpt.": "receipt",
    "Sales Return Receipt": "sales_return",
    "Purch. Return Shipment": "purchase_return",
    # with the purchase agreements' bridge installed; kept as text without it
    "Purch. Blnkt. Ord.": "purchase_agreement",
}

# NAV/BC language codes (Windows' three letters) and Odoo's languages
LANGUAGE_CODES = {
    "ENU": "en_US",
    "ENG": "en_GB",
    "SVE": "sv_SE",
    "NOR": "nb_NO",
    "FIN": "fi_FI",
    "NLD": "nl_NL",
    "NLB": "nl_BE",
    "RUS": "ru_RU",
    "DAN": "da_DK",
    "DEU": "de_DE",
    "DES": "de_CH",
    "FRA": "fr_FR",
    "FRB": "fr_BE",
    "ESP": "es_ES",
    "ITA": "it_IT",
    "ISL": "is_IS",
    "PLK": "pl_PL",
    "CSY": "cs_CZ",
}

# the date formats of the exporting locales; the language's first
DATE_FORMATS = ("%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%y")
LANGUAGE_DATE_FORMATS = {
    "en": ("%m/%d/%Y", "%d/%m/%Y"),
    "sv": ("%Y-%m-%d",),
    "nb": ("%d.%m.%Y",),
    "fi": ("%d.%m.%Y",),
    "nl": ("%d-%m-%Y",),
    "ru": ("%d.%m.%Y",),
    "da": ("%d-%m-%Y",),
}
# the decimal separator of the exporting locales
LANGUAGE_DECIMALS = {"en": "."}
