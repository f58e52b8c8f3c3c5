"""Word lists for finding places in text: region words, cues, stopwords, name parts.

Words are data: each list says where its entries come from (English news usage
around the wars covered; words that are place names somewhere but mostly something
else in English). Titles, first names and organisation words live in
:mod:`geo.places.lexicon_people` (re-exported here).
"""

from __future__ import annotations

import re

from geo.places.countries import COUNTRY_ALIASES
from geo.places.keys import fold
from geo.places.lexicon_people import (  # noqa: F401  (re-exported: importers use lexicon)
    FIRST_NAMES,
    ORG_FOLLOWERS,
    ORG_PRECEDERS,
    TITLES,
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
        # second-level areas of event reports: "Zurmi LGA", "Bara tehsil", "Fik woreda",
        # "Ansongo cercle", "Chintapalli mandal"
        "lga",
        "tehsil",
        "woreda",
        "cercle",
        "upazila",
        "mandal",
        "taluk",
        "taluka",
        "subdistrict",
        # Ethiopia's zones ("Degehabur zone"), Pakistan's former tribal agencies
        # ("Orakzai agency")
        "zone",
        "agency",
        "township",  # Myanmar's ("Katha township"): the area around its town
    }
)
REGION_PLURALS = frozenset(
    {"regions", "oblasts", "provinces", "governorates", "states", "districts", "counties"}
)
#: Words between a name and a region word that keep the region form ("Kursk border region").
REGION_FILLERS = frozenset({"border", "frontline", "front", "line",
                            "sub"})  # "Qayyarah sub-district"

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


DATELINE = re.compile(r"(?:,\s*[A-Za-z. ]{2,30})?\s*(?:\([^)]{1,30}\)\s*)?[—–-]\s")
#: Verbs whose object, when a capitalised unknown name, is a place ("captured Xyz").
TAKING_VERBS = frozenset(
    "captured seized liberated recaptured retook entered shelled bombed bombarded stormed "
    "overran encircled surrounded besieged evacuated".split()
)
#: "<noun> <preposition> Xyz" phrases that introduce a place.
PLACE_OF = frozenset(
    {("outskirts", "of"), ("control", "of"), ("approaches", "to"), ("centre", "of"),
     ("center", "of"), ("streets", "of"), ("edge", "of"), ("direction", "of")}
)

#: Region words that still mean a region when capitalised ("Ituri Province").
PROPER_REGION_WORDS = frozenset(
    {"province", "oblast", "governorate", "region", "raion", "rayon", "krai", "okrug",
     "prefecture", "voivodeship", "lga", "tehsil", "woreda", "cercle", "upazila", "mandal",
     "taluk", "taluka", "subdistrict"}
)

#: Capitalised region words that name an area when an address goes on after them
#: ("Kurram District, Khyber Pakhtunkhwa"; Wikipedia and event reports write them so).
ADDRESS_REGION_WORDS = frozenset({"district", "zone", "agency", "county", "municipality"})

#: Region words that usually name part of a city.
URBAN_WORDS = frozenset({"district", "neighbourhood", "neighborhood", "quarter"})

#: Words after a first-name-like place that keep it a place ("Jordan Valley").
GEO_FOLLOWERS = frozenset(
    "valley river lake falls beach bay city county street road hills heights springs park "
    "harbour harbor port island islands mountains mountain coast bridge station airport square "
    "police governor saint sainte st border crossing province region state district".split()
)
POSTFIX_CUES = frozenset({"camp", "village", "town", "settlement", "refugee", "displacement"})
#: Words that open Arabic and Berber place names ("Tall Abyad", "Kafr Nabl", "Ain Issa",
#: "Deir Hafer"): alone before another capitalised word they are not the place of that
#: spelling ("Tal" is At Tall near Damascus, not "Tal Maarouf" in Hasakah).
NAME_HEADS = frozenset({"tal", "tall", "tell", "tel", "kafr", "kfar", "kafar", "deir", "dayr",
                        "ain", "ayn", "ras", "wadi", "jabal", "jebel", "beit", "bayt", "bir",
                        "khirbet", "khirbat", "qasr", "umm", "abu", "sidi", "ouled", "oulad",
                        "hassi", "bab", "marj", "nahr", "mazraat"})

#: Heads of water bodies named after a town: "the Gulf of Aden", "the Sea of Azov".
WATER_HEADS = frozenset({"gulf", "sea", "strait", "straits", "bay", "bight", "lake"})

#: Participles after a hyphen that make a town's name a modifier, not a place of events:
#: "the Cairo-brokered truce", "a Doha-mediated deal", "the Kyiv-based group".
MODIFIER_HEADS = frozenset({"brokered", "mediated", "based", "backed", "led", "sponsored",
                            "funded", "hosted", "allied", "aligned", "born", "made",
                            "headquartered", "registered", "facilitated", "negotiated"})
PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "at", "az", "ar", "an", "bin", "ibn", "de",
                        "la", "le", "du", "van", "von", "der", "di", "da"})
JOINERS = re.compile(r"[ \-‐‑–'’.]{1,3}")
PROXIMITY = frozenset({"near", "around", "outside", "into", "toward", "towards"})
LEADING_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "in", "on", "at", "to", "for"})
AGENCY_AFTER_DATELINE = re.compile(r"(?:^|\n)[A-Z][A-Z/ .'-]{1,40}\s\($")
TRAILING_ARTICLES = frozenset({"the", "al", "el", "ad", "an", "ar", "as", "ash", "at", "az"})
#: country aliases that are acronyms ("CAR", "DRC"): names only in capitals
ACRONYM_KEYS = frozenset(
    fold(a) for aliases in COUNTRY_ALIASES.values() for a in aliases
    if a.isalpha() and a.isupper()
)
#: small words capitalised only inside title-cased names ("Doctors Without Borders")
TITLE_CASE_WORDS = frozenset(
    {"without", "for", "against", "with", "on", "of", "in", "at", "to", "from", "by", "into"}
)
#: direction words that open names sharing a tail ("North and South Kordofan")
ELIDABLE_HEADS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "central", "upper", "lower"}
)
ELIDED_BEFORE = re.compile(r"\b([A-Z][a-z]+)(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$")
ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})

#: Russian/Ukrainian adjectival endings of region names and what to put back.
ADJ_SUFFIXES = (
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
