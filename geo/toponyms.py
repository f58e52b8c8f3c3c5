"""Toponym recognition driven by the gazetteer.

spaCy's small English model mis-tags many local toponyms (villages in Donetsk,
Darfur towns), so recognition here looks names up directly: the text is split
into word tokens, folded (see :func:`geo.gazetteer.fold`) and the longest run
of tokens that is a gazetteer key wins. Around that core:

- Region forms: "Kursk region", "Kurskaya oblast", "the region of Belgorod",
  "Kharkiv and Sumy regions", "Gezira state", "North Kivu province".
- Parts: "southern Lebanon", "northeastern Syria", "eastern Kharkiv region".
- Adjectival forms of countries with a geographic noun: "Russian territory",
  "Ukrainian soil", "Russian border regions"; "the Ukrainian capital".
- Unknown places named by a cue ("the village of Xyz" where Xyz is not in the
  gazetteer): kind ``unknown``; the geocoder falls back to the region or
  country the text names.

Negatives: names must be capitalised; common words that are also place names
("South", "Mobile", "Police", "March") are stopped; person names win: a
capitalised name right after a title ("President", "Governor") or a first
name ("Vladimir Putin", "Santiago Pena"), a first name followed by a
surname, and later bare uses of a surname seen in such a pattern are not
places. Tiny places reached only through an alternate name, or a capitalised
word at the start of a sentence that is not a well-known place, are marked
``weak``: the geocoder keeps them only when the article's context supports them.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo import settings
from geo.gazetteer import (
    ADJECTIVALS,
    COUNTRY,
    COUNTRY_ALIASES,
    MAIN_NAME,
    Gazetteer,
    fold,
    read_user_places,
)

MAX_NGRAM = 6

TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

#: Region words that follow a name ("Kursk region") or introduce it ("region of Kursk").
REGION_WORDS = frozenset(
    {
        "region",
        "oblast",
        "province",
        "governorate",
        "state",
        "krai",
        "kray",
        "district",
        "county",
        "prefecture",
        "department",
        "territory",
        "republic",
        "voivodeship",
        "canton",
        "emirate",
        "municipality",
        "raion",
        "rayon",
        "okrug",
        "wilaya",
        "mohafazat",
    }
)
REGION_PLURALS = frozenset(
    {"regions", "oblasts", "provinces", "governorates", "states", "districts", "counties"}
)
#: Words between a name and a region word that keep the region form ("Kursk border region").
REGION_FILLERS = frozenset({"border", "frontline", "front", "line"})

DIRECTIONS = {
    "north": "north",
    "northern": "north",
    "south": "south",
    "southern": "south",
    "east": "east",
    "eastern": "east",
    "west": "west",
    "western": "west",
    "northeast": "northeast",
    "northeastern": "northeast",
    "north east": "northeast",
    "northwest": "northwest",
    "northwestern": "northwest",
    "southeast": "southeast",
    "southeastern": "southeast",
    "southwest": "southwest",
    "southwestern": "southwest",
    "central": "center",
    "centre": "center",
}

#: Nouns after an adjectival that make it a place ("Russian territory").
GEO_NOUNS = frozenset(
    {
        "territory",
        "territories",
        "soil",
        "land",
        "lands",
        "border",
        "borders",
        "region",
        "regions",
        "cities",
        "towns",
        "villages",
        "settlements",
        "airspace",
        "coast",
        "coastline",
        "waters",
        "frontier",
        "countryside",
        "mainland",
        "side",
        "hinterland",
        "provinces",
        "oblasts",
        "heartland",
    }
)

#: Cue words before a name that say what it is ("the village of X").
SETTLEMENT_CUES = frozenset(
    {
        "village",
        "town",
        "city",
        "settlement",
        "hamlet",
        "township",
        "locality",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "district",
        "camp",
    }
)

#: Titles and roles that make the next capitalised name a person.
TITLES = frozenset(
    {
        "president",
        "governor",
        "gov",
        "minister",
        "premier",
        "chancellor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "general",
        "gen",
        "colonel",
        "col",
        "lt",
        "lieutenant",
        "sgt",
        "sergeant",
        "captain",
        "capt",
        "commander",
        "admiral",
        "marshal",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "sen",
        "rep",
        "representative",
        "secretary",
        "mayor",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "emir",
        "pope",
        "ambassador",
        "envoy",
        "pastor",
        "rabbi",
        "imam",
        "bishop",
        "archbishop",
        "patriarch",
        "cardinal",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "adviser",
        "advisor",
        "analyst",
        "correspondent",
        "reporter",
        "journalist",
        "lawyer",
        "private",
        "pvt",
        "corporal",
        "cpl",
        "brigadier",
        "officer",
        "commissioner",
        "speaker",
        "deputy",
        "head",
        "chief",
        "leader",
        "mullah",
        "ayatollah",
        "sir",
        "lord",
        "lady",
        "dame",
        "mp",
        "mep",
        "ceo",
        "founder",
        "author",
        "writer",
        "actor",
        "singer",
        "coach",
        "striker",
        "player",
    }
)

#: Common first names (news figures and frequent names across the regions covered).
FIRST_NAMES = frozenset(
    fold(n)
    for n in """
    Vladimir Volodymyr Oleksandr Alexander Aleksandr Alexei Alexey Oleksiy Oleksii Sergei Sergey
    Serhiy Serhii Dmitry Dmytro Andriy Andrii Andrei Andrey Mykola Nikolai Nikolay Yuriy Yuri
    Ivan Igor Ihor Mikhail Mykhailo Viktor Victor Vitali Vitaliy Vyacheslav Yevgeny Yevhen
    Evgeny Anatoly Valery Valeriy Ramzan Denis Denys Pavel Pavlo Petro Petr Pyotr Kyrylo Kirill
    Roman Ruslan Rustem Oleh Oleg Vadym Vadim Maxim Maksym Anton Boris Leonid Gennady Arseniy
    Yulia Yuliia Olena Elena Maria Mariya Iryna Irina Natalia Natalya Tetiana Tatiana Svetlana
    Anna Olga Ekaterina Kateryna Vasyl Vasily Taras Bohdan Borys Stepan Yaroslav Herman
    Georgiy Heorhiy Georgy Konstantin Kostiantyn Emmanuel Olaf Rishi Keir Boris Joe Joseph
    Donald Kamala Barack Hillary Antony Anthony Lloyd Jake John Jon James Mike Michael Mark
    Marco Kevin Kim Jens Ursula Josep Charles Giorgia Pedro Recep Tayyip Mevlut Hakan Ilham
    Nikol Benjamin Benny Yoav Isaac Yair Naftali Gideon Itamar Bezalel Herzi Avi Moshe Yahya
    Ismail Mohammed Mohammad Muhammad Mohamed Mahmoud Mahmud Ahmed Ahmad Ali Hassan Hasan
    Hussein Husain Abdel Abdul Abdullah Abu Omar Umar Khalid Khaled Osama Bashar Hafez Ibrahim
    Yusuf Youssef Salman Tamim Abdulaziz Abdel-Fattah Fattah Najib Nabih Walid Saad Michel
    Naim Ayman Yasser Rashid Hamid Hamad Abdelaziz Mustafa Mustapha Faisal Fahd Ismael Idriss
    Abiy Isaias Hemedti Mohamed Hamdan Abdel Burhan Yasir Kiir Salva Riek Felix Paul Yoweri
    Uhuru William Cyril Jacob Bola Muhammadu Emmerson Assimi Ibrahim Mahamat Faure Ousmane
    Santiago Javier Gustavo Nicolas Luiz Lula Andres Manuel Claudia Daniel Gabriel Nayib
    Xi Li Wang Narendra Imran Shehbaz Nawaz Asim Sheikh Ashraf Hamid Min Aung Hun Prabowo
    Joko Ferdinand Rodrigo Fumio Shigeru Yoon Moon Lee Justin Anthony Scott Jacinda
    Volker Annalena Frank Friedrich Alice Geert Viktor Robert Andrzej Donald Gitanas Edgars
    Kaja Alar Alexander Sauli Ulf Mette Jonas Petteri Antonio Emmanuelle Francois Francoise
    Jean Pierre Jacques Marine Gerald Olivier Catherine Sebastien Gabriel Elisabeth Giuseppe
    Matteo Sergio Silvio Mario Luigi Enrico Pope Tom Tim Ben Sam Dan David Peter Richard
    George Henry Edward Thomas Steve Steven Stephen Andrew Chris Christopher Matthew Nick
    Nicholas Patrick Brian Bill Hunter Ron Rick Rand Ted Mitch Chuck Nancy Hakeem Elon Jeff
    Jared Ivanka Melania Jill Hillary Sarah Laura Emma Emily Sophie Kate Helen Mary Elizabeth
    Margaret Linda Susan Karen Lisa Jennifer Jessica Rachel Rebecca Hannah Julia Alexandra
    Natasha Fiona Rosa Ana Carlos Juan Luis Jose Jorge Diego Alberto Fernando Ricardo Miguel
    Rafael Angel Hugo Evo Alvaro Dilma Jair Cristina Mauricio Javier Sebastian Gabriel Nestor
    Vicente Salvador Florentino Felipe Martin Marta Lucia Isabel Carmen Dolores Guadalupe
    Abdel Amir Ammar Anas Bassel Fadi Firas Ghassan Hadi Hani Hisham Imad Jamal Karim Mahdi
    Majid Malik Marwan Nabil Nasser Nizar Qasim Rami Saeed Said Salim Samir Sami Tariq Wael
    Yasin Yassin Zaid Ziad Masoud Massoud Ebrahim Hossein Javad Mojtaba Qassem Esmail Abbas
    Kamal Clara Pep Jurgen Mikel Erik Carlo Lyndon Dwight Franklin Ulysses Woodrow Calvin
    Herbert Harry Gerald Jimmy Morgan Taylor Jordan Victoria Paris Chelsea Florence Austin
    Madison Savannah Sydney Brooklyn Dallas Aurora Charlotte Eugene Tyler Troy Orlando Georgia
    Giorgia Regina Adelaide Lincoln Houston Denver Phoenix Camden Kingsley
    """.split()
)

#: Single words that are place names somewhere but mostly something else in English news.
STOPWORDS = frozenset(
    fold(w)
    for w in """
    South North East West Southern Northern Eastern Western Central Centre Center Middle Upper
    Lower Mobile Police Court March May June July August April January February September
    October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Best Buffalo Of Army Navy Air Force Forces President Governor Government Minister Ministry
    State States City Capital Union National International Republic General Defense Defence
    Security Council Party Congress Parliament Senate Military Border Region District Province
    Village Town Centre News Times Post Reuters Said Says God Allah Christ Christian Jewish
    Muslim Arab Kurdish Hamas Hezbollah Houthi Houthis Wagner Nato Telegram Twitter Facebook
    Google Apple Amazon Microsoft Tesla Mercedes Patriot Bradley Abrams Leopard Iskander
    Kalibr Shahed Storm Shadow Himars Kinzhal Lancet Bayraktar Javelin Stinger Tiger Eagle
    Hawk Falcon Victory Liberty Freedom Independence Peace Hope Unity Justice Paradise
    Providence Concord Harmony Progress Enterprise Commerce Industry Truth Glory Honor Honour
    Pride Eden Zion Sharon Bethel Shiloh Salem Goshen Canaan Goodwill Welcome Faith Charity
    Grace Mercy Home Lincoln Jefferson Franklin Madison Jackson Monroe Hamilton
    Clinton Harrison Wilson Kennedy Johnson Nixon Carter Obama Bush Trump Biden Harris Vance
    Reagan Obama Putin Zelensky Zelenskiy Zelenskyy Netanyahu Erdogan Macron Scholz Sunak
    Starmer Truss Johnson Orban Lukashenko Assad Sisi Khamenei Raisi Burhan Dagalo Hemedti
    Sinwar Haniyeh Nasrallah Deif Gladkov Smirnov Syrsky Shoigu Gerasimov Lavrov Peskov
    Zakharova Kadyrov Prigozhin Navalny Medvedev Tykhy Budanov Zaluzhny Umerov Yermak Kuleba
    Sybiha Shmyhal Klitschko Pena Peña Milei Lula Maduro Petro Bukele Modi Sharif Khan
    Xi Jinping Kim Biden Blinken Austin Sullivan Kirby Miller Rubio Hegseth Waltz Witkoff
    Kellogg Guterres Grossi Stoltenberg Rutte Borrell Kallas Leyen Michel Tusk Duda Fico Nauseda
    Meloni Sanchez Mitsotakis Starmer Lammy Healey Barrot Sejourne Baerbock Pistorius Wadephul
    Ahmed Mohammed Muhammad Mohamed Ali Hassan Hussein Abdullah Omar Khalid Ibrahim Yusuf
    Monday Today Tonight Yesterday Tomorrow Week Month Year Day Night Morning Evening
    Photo Video Image Update Breaking Live Analysis Opinion Editorial Report Reporting
    Source Sources Official Officials Spokesman Statement Agency Press Media Network Channel
    Staff Headquarters Command Brigade Battalion Regiment Division Corps Unit Units Group
    Company Bank Fund Institute University College School Academy Hospital Church Mosque
    Temple Cathedral Museum Palace Tower Bridge Station Airport Port Harbour Harbor Square
    Street Road Avenue Park Garden Gardens Hill Hills Valley River Lake Sea Ocean Bay Gulf
    Island Islands Mount Mountain Mountains Desert Forest Field Fields Plain Plains Coast
    Beach Cape Point Rock Stone Spring Springs Falls Well Wells Creek Brook Bay Grove Wood
    Woods Lake Pond Marsh Farm Mill Castle Fort Camp Gate Gates Cross Crossing Junction
    Market Hall House Court Lodge Manor Villa Plaza Centre Mall Strip Bank Banks Line Front
    Frontline Zone Area Areas Sector Side Heights Ridge Pass Corridor Crossroads Outpost
    Base Bases Depot Plant Factory Mine Mines Dam Canal Pipeline Refinery Terminal
    English French German Russian Ukrainian Israeli Palestinian Lebanese Syrian Iraqi Iranian
    American British Chinese Turkish Sudanese Polish Georgian Armenian Indian Pakistani
    Afghan Egyptian Saudi Yemeni Libyan Somali Ethiopian Kenyan Nigerian Congolese
    Europe European Asia Asian Africa African America Americas Western Eastern Orient
    The A An And Or But If In On At To For From With By As Is Was Be Are Were It Its This
    That These Those He She They We You I His Her Their Our Your Them Us Him Me My
    Not No Yes All Any Some Many Most Much More Less Few Several Each Every Both Either
    Neither Other Another Such Only Also Just Even Still Yet Already Again Ever Never Always
    Here There Where When Why How What Which Who Whom Whose While After Before Since Until
    During Over Under Above Below Between Among Through Across Along Around Near Inside
    Outside Within Without Against Toward Towards Into Onto Upon About Like Unlike Despite
    One Two Three Four Five Six Seven Eight Nine Ten First Second Third Last Next Final
    New Old Great Big Little Small Long High Low Good Bad Free Fair Green Red Blue White
    Black Brown Gold Golden Silver Grand Royal Holy Saint Sainte Santa Lucky Happy Pleasant
    Plenty Rich Rio Sun Moon Star Cloud Rain Snow Ice Fire Water Wind Storm Thunder Lightning
    Man Woman Men Women Child Children People Person Family Friend Friends Father Mother
    Brother Sister Son Daughter King Queen Prince Princess Lord Lady Sir Madam Miss
    Kingdom Empire Federation Commonwealth Alliance Coalition Movement Front Resistance
    Liberation Revolution Revolutionary Islamic Islamist Jihad Jihadist Christian Catholic
    Orthodox Protestant Sunni Shia Shiite Druze Alawite Kurds Yazidi Jews Arabs Turks
    Russians Ukrainians Israelis Palestinians Americans Europeans
    Crisis War Wars Battle Battles Attack Attacks Strike Strikes Offensive Operation
    Ceasefire Truce Deal Agreement Accord Treaty Talks Summit Conference Meeting Session
    Vote Election Elections Poll Polls Campaign Protest Protests Rally Riot Riots
    Emergency Curfew Law Laws Order Orders Decree Rule Rules Act Bill Budget Tax Trade
    Oil Gas Energy Power Grid Water Food Aid Relief Health Care Service Services Support
    Help Rescue Recovery Reconstruction Development Growth Economy Market Markets Prices
    Summer Winter Autumn Fall Spring Easter Christmas Ramadan Eid Passover Hanukkah
    Deputy Chief Head Leader Director Secretary Commissioner Ambassador Envoy Adviser
    Commander Colonel Major Captain Lieutenant Sergeant Private Soldier Soldiers Troops
    Officer Officers Guard Guards Militia Militias Rebels Rebel Fighters Insurgents
    Said Told Added Noted Stated Claimed Reported Announced Confirmed Denied Warned
    Union Democrat Democrats Republican Republicans Labour Labor Conservative Conservatives
    Liberal Liberals Green Greens Socialist Socialists Communist Communists
    Nothing Everything Something Anything Everyone Someone Anyone Nobody Everybody
    Due Per Via Amid Amidst Ahead Behind Beyond Beside Besides Following Including
    Pending Regarding Concerning Considering Given Thanks Because Although Though Unless
    Whether Meanwhile However Moreover Furthermore Nevertheless Nonetheless Therefore Thus
    Hence Indeed Instead Otherwise Perhaps Maybe Probably Possibly Certainly Surely
    Mr Mrs Ms Dr Prof Gen Col Lt Sgt Capt Sen Rep Gov
    Sky Bloomberg Guardian Telegraph Independent Observer Economist Mirror Sun Express
    Herald Tribune Journal Gazette Chronicle Daily Weekly Monthly Associated Agence
    Interfax Tass Ria Novosti Ukrinform Ukrainska Pravda Kyiv Independent Meduza Al Jazeera
    Arabiya Anadolu Xinhua Kyodo Yonhap Politico Axios Atlantic Vox Slate Wired Verge
    Time Fortune Forbes Newsweek Vice Insider Business Financial Wall
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun
    Pacific Atlantic Arctic Antarctic Mediterranean Caribbean Baltic Adriatic Aegean
    Lin Wei Wang Zhang Liu Chen Yang Huang Zhao Zhou Xu Sun Ma Zhu Hu Guo He Luo Zheng
    Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu
    Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin Lee Park Choi Jung Kang Cho Yoon Jang Lim
    Nguyen Tran Le Pham Hoang Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Suzuki Tanaka Watanabe
    Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue
    Lead Reserve Junior Senior Federal Maritime Coastal Highland Highlands Lowland Lowlands
    Plateau Lakes Savanes Littoral
    Junta Pro Anti Ex Vice Co Team Squad League Premier Cup Final Finals Match Game Games
    """.split()
) - {"kyiv"}

#: Words after a name that make it part of an organisation or title, not a place.
ORG_FOLLOWERS = frozenset(
    fold(w)
    for w in """
    Post Times Journal Herald Tribune Gazette Chronicle Daily News Institute University
    College School Bills Sabres Club FC United Rovers Wanderers Athletic Dynamo Shakhtar
    Corp Corporation Inc Ltd Company Group Holdings Bank Fund Foundation Society Association
    Agency Airlines Airways Records Studios Entertainment Motors Energy Oil Petroleum
    Accord Accords Agreement Agreements Protocol Convention Declaration Memorandum Format
    Process Talks Summit Conference Initiative Platform Formula Plan Treaty Doctrine
    Syndrome Effect Model Police Scale Index Prize Award Marathon Open Cup Games Olympics
    Symphony Orchestra Philharmonic Ballet Opera Theater Theatre Museum Zoo
    Stock Exchange Star Observer Express Mirror Standard Telegraph Independent Review
    Stadium Arena Airport Airlines Hospital Clinic
    Street Avenue Boulevard Road Square Prospekt Highway Motorway Court Courts Tribunal
    Presse Press Post Office Ministry Council Assembly Parliament Government
    """.split()
)

#: Words before a name that make it part of an organisation ("Kyiv Independent" is handled
#: by ORG_FOLLOWERS; "Al Jazeera" is a stopword).
ORG_PRECEDERS = frozenset(
    fold(w) for w in "Radio Free Voice Bank Club Team Hotel Camp Agence Agenzia".split()
)

_DATELINE = re.compile(r"(?:,\s*[A-Za-z. ]{2,30})?\s*(?:\([^)]{1,30}\)\s*)?[—–-]\s")
#: Verbs whose object, when a capitalised unknown name, is a place ("captured Xyz").
_TAKING_VERBS = frozenset(
    "captured seized liberated recaptured retook entered shelled bombed bombarded stormed "
    "overran encircled surrounded besieged evacuated".split()
)
#: "<noun> <preposition> Xyz" phrases that introduce a place.
_PLACE_OF = frozenset(
    {("outskirts", "of"), ("control", "of"), ("approaches", "to"), ("centre", "of"),
     ("center", "of"), ("streets", "of"), ("edge", "of"), ("direction", "of")}
)

#: Region words that still mean a region when capitalised ("Ituri Province").
_PROPER_REGION_WORDS = frozenset(
    {"province", "oblast", "governorate", "region", "raion", "rayon", "krai", "okrug",
     "prefecture", "voivodeship"}
)

#: Region words that usually name part of a city.
_URBAN_WORDS = frozenset({"district", "neighbourhood", "neighborhood", "quarter"})

#: Words after a first-name-like place that keep it a place ("Jordan Valley").
_GEO_FOLLOWERS = frozenset(
    "valley river lake falls beach bay city county street road hills heights springs park "
    "harbour harbor port island islands mountains mountain coast bridge station airport square "
    "police governor saint sainte st border crossing province region state district".split()
)
_POSTFIX_CUES = frozenset({"camp", "village", "town", "settlement", "refugee", "displacement"})
_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "at", "az", "ar", "an", "bin", "ibn", "de",
                        "la", "le", "du", "van", "von", "der", "di", "da"})
_JOINERS = re.compile(r"[ \-‐‑–'’.]{1,3}")
_PROXIMITY = frozenset({"near", "around", "outside", "into", "toward", "towards"})
_LEADING_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "in", "on", "at", "to", "for"})
_AGENCY_AFTER_DATELINE = re.compile(r"(?:^|\n)[A-Z][A-Z/ .'-]{1,40}\s\($")
_TRAILING_ARTICLES = frozenset({"the", "al", "el", "ad", "an", "ar", "as", "ash", "at", "az"})
#: country aliases that are acronyms ("CAR", "DRC"): names only in capitals
_ACRONYM_KEYS = frozenset(
    fold(a) for aliases in COUNTRY_ALIASES.values() for a in aliases
    if a.isalpha() and a.isupper()
)
#: small words capitalised only inside title-cased names ("Doctors Without Borders")
_TITLE_CASE_WORDS = frozenset(
    {"without", "for", "against", "with", "on", "of", "in", "at", "to", "from", "by", "into"}
)
#: direction words that open names sharing a tail ("North and South Kordofan")
_ELIDABLE_HEADS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "central", "upper", "lower"}
)
_ELIDED_BEFORE = re.compile(r"\b([A-Z][a-z]+)(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$")
_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})

#: Russian/Ukrainian adjectival endings of region names and what to put back.
_ADJ_SUFFIXES = (
    ("skaya", "sk"),
    ("skaia", "sk"),
    ("ska", "sk"),
    ("aya", ""),
    ("ska", ""),
    ("skaya", ""),
    ("ka", ""),
    ("a", ""),
    ("skiy", "sk"),
    ("skyi", "sk"),
    ("sky", "sk"),
    ("skii", "sk"),
    ("ya", "ia"),
    ("ska", "s"),
    ("ska", "ia"),
    ("ska", "a"),
    ("ka", "a"),
)

#: Minimum population for a weak single-word match to count as strong.
STRONG_POPULATION = 50_000


@dataclass(frozen=True)
class Mention:
    """A toponym found in text.

    Parameters
    ----------
    start, end : int
        Character offsets of the whole mention in the text (``text[start:end]``).
    text : str
        The mention as written ("Kursk region", "southern Lebanon").
    kind : str
        ``name``, ``region_form``, ``country``, ``part`` (a direction and a
        place), ``adjectival`` ("Russian territory"), ``capital`` ("the
        Ukrainian capital") or ``unknown`` (cued but not in the gazetteer).
    name : str
        The toponym proper inside the mention ("Kursk" for "Kursk region").
    key : str
        Folded key of ``name`` in the gazetteer (empty for ``unknown``).
    direction : str or None
        For ``part``: ``north``, ``southeast``, ``center``...
    hint : str or None
        Feature class suggested by the wording: ``settlement`` ("the village of"),
        ``admin1`` (region forms) or ``country``; ``district`` for an unknown
        "X district" (usually a quarter of a city named nearby).
    country_code : str or None
        For ``adjectival`` and ``capital``: the country.
    weak : bool
        True when recognition rests on thin evidence (a tiny place or alternate
        name, or a sentence-initial word); the geocoder keeps weak mentions only
        when the context supports them.
    loose : bool
        True when ``key`` was matched through its loose spelling.
    """

    start: int
    end: int
    text: str
    kind: str
    name: str = ""
    key: str = ""
    direction: str | None = None
    hint: str | None = None
    country_code: str | None = None
    weak: bool = False
    loose: bool = False


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    key: str
    cap: bool
    upper: bool
    initial: bool  # first word of a sentence (or after a quote at sentence start)


def tokenize(text: str) -> list[_Tok]:
    """Split text into word tokens with folded keys; possessive ``'s`` is dropped.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list
        Tokens with offsets, folded key, capitalisation and sentence-initial flags.
    """
    toks: list[_Tok] = []
    prev_end = 0
    for m in TOKEN_RE.finditer(text):
        s, e = m.span()
        word = m.group()
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word = word[:-2]
            e -= 2
        between = text[prev_end:s]
        initial = (
            not toks
            or bool(re.search(r"[.!?:\n]\s*[\"“‘'(\[]*\s*$", between))
            or (toks and "\n" in between)
        )
        first = word[0]
        toks.append(
            _Tok(
                start=s,
                end=e,
                text=word,
                key=fold(word),
                cap=first.isupper(),
                upper=word.isupper() and len(word) > 1,
                initial=bool(initial),
            )
        )
        prev_end = m.end()
    return toks


class ToponymMatcher:
    """Find toponyms in text by longest match against the gazetteer's name index.

    Parameters
    ----------
    gazetteer : Gazetteer
        The loaded gazetteer.
    user_places : str, Path or list of Place, optional
        Analysts' places (CSV of name, lat, lon, country, admin1, or places
        already read), recognised by name even where the gazetteer lacks them.
        Default: the ``user_places`` setting, if set.
    """

    def __init__(self, gazetteer: Gazetteer, user_places: Any = None) -> None:
        self.gaz = gazetteer
        if user_places is None:
            user_places = settings.get("user_places") or None
        if isinstance(user_places, str | Path):
            user_places = read_user_places(user_places)
        #: folded names of analysts' places: recognised even when the gazetteer lacks them
        self.user_keys: frozenset[str] = frozenset(fold(p.name) for p in user_places or ())
        self._adjectivals = {fold(k): v for k, v in ADJECTIVALS.items()}
        self._strength: dict[tuple[str, bool], tuple[bool, bool]] = {}
        self._local = threading.local()  # the text being matched, per thread
        self._country_alias_upper = {"US", "UK", "USA", "UAE", "DRC", "DPRK", "U.S", "U.K"}

    @property
    def _text(self) -> str:
        """The text of the current :meth:`find` call in this thread."""
        return getattr(self._local, "text", "")

    # -- evidence about a key

    def _key_info(self, key: str, is_loose: bool) -> tuple[bool, bool, bool, bool]:
        """Return ``(regional, strong, middling, named)`` evidence for a key.

        ``regional``: some candidate is a region or country under its own name.
        ``strong``: that, or a settlement of at least 50,000 people under its own name.
        ``middling``: a settlement of at least 1,000 under its own name, or of at least
        20,000 under an alternate name.
        ``named``: some candidate has the key as its own (main) name.
        """
        cached = self._strength.get((key, is_loose))
        if cached is not None:
            return cached
        gaz = self.gaz
        cands = gaz.loose_candidates(key) if is_loose else gaz.candidates(key)
        regional = strong = middling = named = False
        for idx, flag in cands:
            named = named or flag == MAIN_NAME
            fc = int(gaz.fclass[idx])
            pop = int(gaz.pop[idx])
            if fc != 0:
                if flag == MAIN_NAME or fc == COUNTRY:
                    regional = strong = middling = True
                else:
                    middling = True
            elif flag == MAIN_NAME:
                strong = strong or pop >= STRONG_POPULATION
                middling = middling or pop >= 1000
            else:
                middling = middling or pop >= 20_000
        out = (regional, strong, middling, named)
        self._strength[(key, is_loose)] = out
        return out

    def _lookup_span(self, toks: list[_Tok], i: int, n: int) -> tuple[str, bool] | None:
        """Return ``(key, loose)`` if tokens ``i..i+n`` form a gazetteer key."""
        key = " ".join(t.key for t in toks[i : i + n])
        if n > 1 and toks[i + n - 1].key in _TRAILING_ARTICLES:
            return None  # no name ends in an article: "YANGON - The junta ..."
        if self.gaz.has_key(key) or key in self.user_keys:
            return key, False
        if len(key) >= 5 and self.gaz.has_loose(key):
            return key, True
        return None

    # -- main entry

    def find(self, text: str) -> list[Mention]:
        """Find toponym mentions in a text.

        Parameters
        ----------
        text : str
            Article text (any length).

        Returns
        -------
        list of Mention
            Non-overlapping mentions in text order.
        """
        toks = tokenize(text)
        self._local.text = text
        persons = self._person_surnames(toks)
        out: list[Mention] = []
        i = 0
        n_tok = len(toks)
        while i < n_tok:
            t = toks[i]
            if not t.cap or (t.initial and t.key in _TITLE_CASE_WORDS):
                # a sentence-initial preposition never opens a place name: "In Rafah, ..."
                # is Rafah, not a loosely spelled "Ein Rafa"
                i += 1
                continue
            adj = self._adjectival(text, toks, i)
            if adj is not None:
                out.append(adj[0])
                i = adj[1]
                continue
            hit = None
            for n in range(min(MAX_NGRAM, n_tok - i), 0, -1):
                last = toks[i + n - 1]
                if not last.cap and not last.key.isdigit():
                    continue
                if n > 1 and any(
                    not _JOINERS.fullmatch(text[toks[j - 1].end : toks[j].start])
                    for j in range(i + 1, i + n)
                ):
                    continue  # names do not run across commas, brackets or lines
                found = self._lookup_span(toks, i, n)
                if found is not None:
                    hit = (n, found[0], found[1])
                    break
            if hit is None:
                radj = self._region_adjective(text, toks, i)
                if radj is not None:
                    out.append(radj[0])
                    i = radj[1]
                    continue
                unk = self._unknown(text, toks, i)
                if unk is not None:
                    out.append(unk[0])
                    i = unk[1]
                else:
                    i += 1
                continue
            n, key, is_loose = hit
            if i + n < n_tok and toks[i + n].cap and text[toks[i + n - 1].end : toks[i + n].start] \
                    == " ":
                # "the Nur Shams camp", "the Wadi Abu Hindi camp": an unknown name that
                # merely opens with a known word is one place, cued by what follows it
                unk = self._unknown(text, toks, i)
                if unk is not None and unk[1] > i + n and self._postfix_settlement(toks, unk[1]):
                    out.append(unk[0])
                    i = unk[1]
                    continue
            verdict = self._accept(toks, i, n, key, is_loose, persons)
            if verdict == "person":
                # skip the whole capitalised run so "Vladimir Putin" does not leave "Putin"
                j = i + n
                while j < n_tok and toks[j].cap and toks[j].key not in REGION_WORDS:
                    j += 1
                i = j
                continue
            if verdict is None:
                i += n
                continue
            mention, j = self._expand(text, toks, i, n, key, is_loose, verdict)
            out.append(mention)
            i = j
        self._plural_regions(text, toks, out)
        self._elided_heads(text, out)
        return out

    # -- pieces

    def _is_person_start(self, toks: list[_Tok], i: int, persons: set[str]) -> bool:
        t = toks[i]
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and prev.key in TITLES and prev.cap:
            return True
        return t.key in FIRST_NAMES or t.key in persons

    def _person_surnames(self, toks: list[_Tok]) -> set[str]:
        """Surnames seen after a first name or a title anywhere in the text."""
        out: set[str] = set()
        for i in range(1, len(toks)):
            t, p = toks[i], toks[i - 1]
            if not t.cap or t.upper or self._text[p.end : t.start] != " ":
                continue
            if t.key in STOPWORDS or t.key in REGION_WORDS:
                continue
            if (p.cap and p.key in FIRST_NAMES) or (p.cap and p.key in TITLES):
                # the surname is the last capitalised token of the run
                j = i
                while (
                    j + 1 < len(toks)
                    and toks[j + 1].cap
                    and self._text[toks[j].end : toks[j + 1].start] in (" ", "-")
                ):
                    if toks[j + 1].key in REGION_WORDS:
                        break
                    j += 1
                if toks[j].key not in REGION_WORDS and toks[j].key not in self._adjectivals:
                    out.add(toks[j].key)
        return out

    def _accept(
        self,
        toks: list[_Tok],
        i: int,
        n: int,
        key: str,
        is_loose: bool,
        persons: set[str],
    ) -> dict | str | None:
        """Decide whether a matched span is a place: its flags, ``"person"`` or None."""
        t = toks[i]
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[i + n] if i + n < len(toks) else None
        if key in self.user_keys:
            return {"weak": False, "regional": False}  # the analyst says it is a place
        if t.start and self._text[t.start - 1] == "(" and \
                self._text.startswith(")", toks[i + n - 1].end) and \
                _AGENCY_AFTER_DATELINE.search(self._text, max(0, t.start - 44), t.start):
            return None  # "KYIV (Meridian) -": the news agency of a dateline
        regional, strong, middling, named = self._key_info(key, is_loose)
        if n == 1:
            if (
                t.upper
                and t.text not in self._country_alias_upper
                and not regional
                and not (strong and self._dateline(t))
            ):
                return None  # acronyms; "MARYLAND —" and "ATLANTA —" datelines are kept
            if key in _ACRONYM_KEYS and not t.upper:
                return None  # "Car bombs" is not CAR, the Central African Republic
            if (
                key in STOPWORDS
                and t.text not in self._country_alias_upper
                and not (key in DIRECTIONS and nxt is not None and nxt.key in REGION_WORDS)
            ):
                return None  # "Northern State" stays
            if key in self._adjectivals and not regional:
                return None  # "Thai" without a geographic noun is not a place
            if key in persons:
                return "person"
            if len(key) < 3:
                return None
        # person: title or first name before it
        if prev is not None and self._text[prev.end : t.start] == " ":
            if prev.key in TITLES or (prev.cap and prev.key in FIRST_NAMES):
                return "person"
            if prev.cap and prev.key in ORG_PRECEDERS:
                return None
        if n > 1:
            words = [x.key for x in toks[i : i + n]]
            if words[0] in _LEADING_FUNCTION_WORDS:
                return None
            if not regional and all(w in STOPWORDS or w in _ROMAN for w in words):
                return None  # "World War II"; "West Bank" is a region and stays
            if not regional and all(x.upper for x in toks[i : i + n]):
                return None
        # first name followed by a capitalised non-place word: a person
        if n == 1 and key in FIRST_NAMES and nxt is not None and nxt.cap and not nxt.upper:
            if (
                self._text[t.end : nxt.start] == " "
                and nxt.key not in REGION_WORDS
                and nxt.key not in _GEO_FOLLOWERS
            ):
                return "person"
        # followed by a surname the text uses for a person: "Victoria Beckham"
        if (
            nxt is not None
            and nxt.cap
            and nxt.key in persons
            and self._text[t.end : nxt.start] == " "
        ):
            return "person"
        if (
            nxt is not None
            and nxt.cap
            and nxt.key in ORG_FOLLOWERS
            and nxt.start - toks[i + n - 1].end <= 2
        ):
            return None
        weak = not strong and (t.initial or not middling)
        last = toks[i + n - 1]
        # the tail of a longer proper name: "Hayat Tahrir al-Sham", "Greater Xyz"
        joined = prev is not None and _JOINERS.fullmatch(self._text[prev.end : t.start])
        if joined and not prev.initial and not t.initial:
            if prev.cap and self._foreign_word(prev):
                return None
            if (
                not prev.cap
                and prev.key in _PARTICLES
                and i >= 2
                and toks[i - 2].cap
                and not toks[i - 2].initial
                and self._foreign_word(toks[i - 2])
            ):
                return None
        # a title-cased name with a capitalised function word inside: "Doctors Without
        # Borders", "Alliance For Peace" (a place name keeps its small words lower-case)
        if (
            prev is not None
            and prev.cap
            and not prev.initial
            and prev.key in _TITLE_CASE_WORDS
            and self._text[prev.end : t.start] == " "
        ):
            return None
        # the head of a longer proper name: "Rapid Support Forces", "Human Rights Watch"
        if (
            n == 1
            and nxt is not None
            and nxt.cap
            and (weak or not named)
            and nxt.key not in REGION_WORDS
            and nxt.key not in ("governor",)
            and not nxt.initial
            and _JOINERS.fullmatch(self._text[last.end : nxt.start])
        ):
            return None
        return {"weak": weak, "regional": regional}

    def _dateline(self, tok: _Tok) -> bool:
        """Whether an all-capitals token opens a dateline ("ATLANTA —", "KYIV, Ukraine —")."""
        return bool(_DATELINE.match(self._text, tok.end))

    def _foreign_word(self, tok: _Tok) -> bool:
        """Whether a capitalised token is part of a proper name that is not a place."""
        k = tok.key
        return not (
            k in STOPWORDS
            or k in TITLES
            or k in DIRECTIONS
            or k in self._adjectivals
            or k in FIRST_NAMES
            or k in REGION_WORDS
            or self.gaz.has_key(k)
        )

    def _expand(
        self,
        text: str,
        toks: list[_Tok],
        i: int,
        n: int,
        key: str,
        is_loose: bool,
        verdict: dict,
    ) -> tuple[Mention, int]:
        """Build the mention for a matched name, taking in region words and directions."""
        gaz = self.gaz
        start, end = toks[i].start, toks[i + n - 1].end
        name = text[start:end]
        j = i + n
        kind = "name"
        hint = None
        direction = None
        # "Kursk region", "Kursk border region", "Gezira state"
        k = j
        while k < len(toks) and toks[k].key in REGION_FILLERS and k - j < 2:
            k += 1
        joined = k < len(toks) and text[toks[k - 1].end : toks[k].start] == " "
        if joined and toks[k].key in REGION_WORDS:
            kind, hint = "region_form", "admin1"
            end = toks[k].end
            j = k + 1
        # "the region of Belgorod", "Donetsk People's Republic" handled by names
        elif (
            i >= 2
            and toks[i - 1].key == "of"
            and toks[i - 2].key in REGION_WORDS
            and toks[i - 2].key not in _URBAN_WORDS  # "the Mogran district of Khartoum"
        ):
            kind, hint = "region_form", "admin1"
        elif i >= 2 and toks[i - 1].key == "of" and toks[i - 2].key in SETTLEMENT_CUES:
            hint = "settlement"
        elif j < len(toks) and toks[j].key in ("governor", "governorate"):
            kind, hint = "region_form", "admin1"  # "Kursk Governor Alexei Smirnov"
        elif (
            j + 1 < len(toks)
            and toks[j].key in ("people", "peoples")
            and toks[j + 1].key == "republic"
        ):
            kind, hint = "region_form", "admin1"  # "Donetsk People's Republic"
            end = toks[j + 1].end
            j += 2
        elif self._appositive_settlement(toks, j):
            hint = "settlement"  # "Lyman, a town in Donetsk region"
        # direction before: "southern Lebanon", "eastern Kharkiv region"
        if (
            i >= 1
            and toks[i - 1].key in DIRECTIONS
            and text[toks[i - 1].end : toks[i].start] in (" ", "-")
        ):
            d = toks[i - 1]
            if not (d.cap and self.gaz.has_key(d.key + " " + toks[i].key)):
                direction = DIRECTIONS[d.key]
                start = d.start
        cands = gaz.loose_candidates(key) if is_loose else gaz.candidates(key)
        is_country = any(gaz.fc_l[c] == COUNTRY for c, _ in cands)
        if kind == "name" and is_country:
            kind, hint = "country", "country"
        if direction is not None:
            kind = "part"
            if hint is None and is_country:
                hint = "country"
        mention = Mention(
            start=start,
            end=end,
            text=text[start:end],
            kind=kind,
            name=name,
            key=key,
            direction=direction,
            hint=hint,
            weak=bool(verdict["weak"]) and kind == "name" and hint is None,
            loose=is_loose,
        )
        return mention, j

    def _adjectival(self, text: str, toks: list[_Tok], i: int) -> tuple[Mention, int] | None:
        """Match "Russian territory", "Ukrainian border regions", "the Ukrainian capital"."""
        t = toks[i]
        key = t.key
        n = 1
        if i + 1 < len(toks) and f"{key} {toks[i + 1].key}" in self._adjectivals:
            key = f"{key} {toks[i + 1].key}"
            n = 2
        cc = self._adjectivals.get(key)
        if cc is None:
            return None
        j = i + n
        # skip one filler ("Russian border regions", "Russian-held territory" is not ours)
        k = j
        if k < len(toks) and toks[k].key in ("border", "frontier") and k + 1 < len(toks):
            if toks[k + 1].key in GEO_NOUNS:
                k += 1
        if k >= len(toks) or toks[k].cap or toks[k].start - toks[k - 1].end > 2:
            return None
        noun = toks[k].key
        if noun == "capital":
            # "the Ukrainian capital" (not "the Ukrainian capital, Kyiv" / "capital of")
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is not None and (nxt.key == "of" or (nxt.cap and nxt.start - toks[k].end <= 3)):
                return None
            m = Mention(
                t.start,
                toks[k].end,
                text[t.start : toks[k].end],
                "capital",
                name=text[t.start : toks[k].end],
                key=noun,
                hint="settlement",
                country_code=cc,
            )
            return m, k + 1
        if noun not in GEO_NOUNS:
            return None
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and nxt.key == "of" and k + 2 < len(toks) and toks[k + 2].cap:
            return None  # "the Ukrainian city of Kharkiv": the name is the place
        m = Mention(
            t.start,
            toks[k].end,
            text[t.start : toks[k].end],
            "adjectival",
            name=text[t.start : toks[k].end],
            key=noun,
            hint="country",
            country_code=cc,
        )
        return m, k + 1

    def _region_adjective(self, text: str, toks: list[_Tok], i: int) -> tuple[Mention, int] | None:
        """Match "Kurskaya oblast", "Donetska oblast", "Kharkivska oblast"."""
        if i + 1 >= len(toks) or toks[i + 1].key not in REGION_WORDS:
            return None
        t = toks[i]
        for suffix, repl in _ADJ_SUFFIXES:
            if t.key.endswith(suffix) and len(t.key) - len(suffix) >= 3:
                key = t.key[: len(t.key) - len(suffix)] + repl
                if self.gaz.has_key(key):
                    start, end = t.start, toks[i + 1].end
                    m = Mention(
                        start,
                        end,
                        text[start:end],
                        "region_form",
                        name=t.text,
                        key=key,
                        hint="admin1",
                    )
                    return m, i + 2
        return None

    def _appositive_settlement(self, toks: list[_Tok], j: int) -> bool:
        """Whether tokens from ``j`` read ", a (small) town ..." / ", the largest camp ..."."""
        if j >= len(toks) or j == 0:
            return False
        t0 = toks[j]
        if t0.key not in ("a", "an", "the") or t0.cap:
            return False
        gap = self._text[toks[j - 1].end : t0.start]
        if gap.strip() != ",":
            return False
        for k in range(j + 1, min(j + 6, len(toks))):
            if toks[k].key in SETTLEMENT_CUES:
                return True
            if toks[k].cap:
                return False
        return False

    def _postfix_settlement(self, toks: list[_Tok], j: int) -> bool:
        """Whether tokens from ``j`` are a settlement word, maybe after one qualifier."""
        for k in range(j, min(j + 2, len(toks))):
            if toks[k].cap:
                return False
            if toks[k].key in _POSTFIX_CUES:
                return True
        return False

    def _unknown(self, text: str, toks: list[_Tok], i: int) -> tuple[Mention, int] | None:
        """Match a name the gazetteer does not know, by its wording.

        "the village of Xyz", "Xyz, a town in ...", "the Xyz refugee camp",
        "captured Xyz", "the outskirts of Xyz", "Xyz province" (an unknown region),
        "the Xyz district" (a quarter of a city), and (weakly) "near Xyz",
        "around Xyz", "outside Xyz", "into Xyz", "toward Xyz".
        """
        t = toks[i]
        if (
            t.key in STOPWORDS
            or t.upper
            or t.key in FIRST_NAMES
            or t.key in TITLES
            or t.key in self._adjectivals
            or len(t.key) < 3
        ):
            return None
        prev = toks[i - 1] if i else None
        j = i + 1
        while (
            j < len(toks)
            and toks[j].cap
            and text[toks[j - 1].end : toks[j].start] in (" ", "-")
            and j - i < 3
        ):
            j += 1
        if any(toks[k].key in STOPWORDS or toks[k].key in REGION_WORDS for k in range(i + 1, j)):
            j = i + 1
        start, end = t.start, toks[j - 1].end
        weak = False
        cue = toks[i - 2] if i >= 2 else None
        region_next = (
            j < len(toks)
            and toks[j].key in REGION_WORDS
            and toks[j].key != "republic"
            # "Ituri Province" yes; "Meteorological Department" is an office
            and (not toks[j].cap or toks[j].key in _PROPER_REGION_WORDS)
        )
        if region_next and not t.initial and text[toks[j - 1].end : toks[j].start] == " ":
            # "Ituri province": a region the gazetteer does not have; "the Al-Mogran
            # district": more often a quarter of a city named nearby
            end = toks[j].end
            hint = "district" if toks[j].key in _URBAN_WORDS else "admin1"
            m = Mention(start, end, text[start:end], "unknown", name=text[start:toks[j - 1].end],
                        hint=hint)
            return m, j + 1
        village_of = (
            cue is not None and prev.key == "of" and cue.key in SETTLEMENT_CUES and not cue.cap
        )
        cued = (
            village_of  # "the village of Xyz"
            or (self._appositive_settlement(toks, j) and not t.initial)  # "Xyz, a town in"
            or self._postfix_settlement(toks, j)  # "the Zamzam displacement camp"
            or (  # "captured Xyz", "the outskirts of Xyz", "the approaches to Xyz"
                prev is not None
                and not prev.cap
                and not t.initial
                and (
                    prev.key in _TAKING_VERBS
                    or (cue is not None and (cue.key, prev.key) in _PLACE_OF)
                )
            )
        )
        if not cued:
            if prev is None or prev.key not in _PROXIMITY or prev.cap or t.initial:
                return None
            weak = True  # "near Xyz": probably a place, not certainly
        m = Mention(
            start, end, text[start:end], "unknown", name=text[start:end], hint="settlement",
            weak=weak,
        )
        return m, j

    def _elided_heads(self, text: str, out: list[Mention]) -> None:
        """Add the elided names of "North and South Kordofan" ("North" = North Kordofan).

        A mention whose name opens with a direction word ("South Kordofan", "West
        Java", "South Korea"), preceded by other capitalised direction words joined by
        "and"/"or"/commas, shares its tail with them; each becomes a mention of its own
        when the gazetteer knows the full name.
        """
        added: list[Mention] = []
        for m in out:
            words = m.key.split()
            if m.kind not in ("name", "region_form", "country") or len(words) < 2 or \
                    words[0] not in _ELIDABLE_HEADS:
                continue
            tail = " ".join(words[1:])
            pos = m.start
            while True:
                hit = _ELIDED_BEFORE.search(text, max(0, pos - 30), pos)
                if hit is None or hit.end() != pos:
                    break
                head = hit.group(1)
                key = f"{head.lower()} {tail}"
                if head.lower() not in _ELIDABLE_HEADS or not self.gaz.has_key(key):
                    break
                cands = self.gaz.candidates(key)
                country = any(self.gaz.fc_l[c] == COUNTRY for c, _ in cands)
                added.append(Mention(
                    start=hit.start(1), end=hit.end(1), text=head,
                    kind="country" if country else "name", name=f"{head} {tail}", key=key,
                    hint="country" if country else ("admin1" if m.kind == "region_form"
                                                    else None),
                ))
                pos = hit.start(1)
        if not added:
            return
        spans = [(a.start, a.end) for a in added]
        keep = [m for m in out if not any(m.start < e and s < m.end for s, e in spans)]
        out[:] = sorted(keep + added, key=lambda m: m.start)

    def _plural_regions(self, text: str, toks: list[_Tok], out: list[Mention]) -> None:
        """Turn "Kharkiv and Sumy regions" into two region forms."""
        if not out:
            return
        ends = {}
        for n, m in enumerate(out):
            ends[m.end] = n
        for idx, t in enumerate(toks):
            if t.key not in REGION_PLURALS or idx == 0:
                continue
            prev = toks[idx - 1]
            n = ends.get(prev.end)
            if n is None:
                continue
            chain = [n]
            k = n
            while k > 0:
                gap = text[out[k - 1].end : out[k].start].strip().lower()
                if gap in (",", "and", ", and", "or", "as well as"):
                    chain.append(k - 1)
                    k -= 1
                else:
                    break
            for c in chain:
                m = out[c]
                if m.kind in ("name", "region_form"):
                    end = t.end if c == n else m.end
                    out[c] = Mention(
                        m.start,
                        end,
                        text[m.start : end],
                        "region_form",
                        name=m.name,
                        key=m.key,
                        direction=m.direction,
                        hint="admin1",
                        loose=m.loose,
                    )
