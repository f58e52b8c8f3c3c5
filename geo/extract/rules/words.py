"""Word lists of the claim rules.

What counts as a crowd, a weapon, a closable site, a seat of authority, a disaster or
a crime (entries come from news text the rules were developed on; see the tests and
the development sets).
"""

from __future__ import annotations

CIVIL_CROWD = {"supporter", "protester", "protestor", "demonstrator", "crowd", "mob",
               "rioter", "people", "student", "resident", "activist", "fan", "worker",
               "thousand", "hundred", "dozen", "youth", "man", "woman", "villager", "citizen",
               "opponent", "follower", "voter", "farmer", "group", "settler", "looter"}


ACCIDENT_WORDS = {"crash", "accident", "flood", "flooding", "earthquake", "quake", "storm",
                  "hurricane", "typhoon", "cyclone", "landslide", "avalanche", "disease",
                  "cancer", "illness", "covid", "virus", "outbreak", "heatwave", "collision",
                  "derail", "drown", "overdose", "wildfire", "tornado", "tsunami", "epidemic",
                  "pandemic", "cholera", "fever", "stampede", "collapse", "blaze", "flame",
                  "heat", "drought", "smoke", "measles", "snow", "blizzard", "eruption"}


FICTION = {"film", "movie", "novel", "book", "series", "documentary", "game", "play", "show",
           "story", "exhibition", "drama", "episode", "memoir", "musical", "opera", "video"}


ATTACKISH = {"attack", "assault", "offensive", "attempt", "raid", "incursion", "advance",
             "push", "force", "troop", "group", "unit", "drone", "missile", "attacker",
             "wave", "breakthrough", "counteroffensive", "counter-offensive", "strike",
             "rocket", "fighter", "soldier", "infiltration", "sabotage", "landing", "storming"}


AIR_TARGETS = {"drone", "missile", "rocket", "aircraft", "jet", "uav", "projectile",
               "helicopter", "warplane", "plane", "munition", "bomb", "shahed", "balloon",
               "gunship", "warship", "bomber"}


COMMS = {"internet", "access", "network", "communication", "telecommunication", "phone",
         "mobile", "messaging", "service", "signal", "connection", "broadband", "data"}


CLOSABLE = {"border", "crossing", "airspace", "airport", "road", "highway", "port",
            "checkpoint", "bridge", "school", "university", "market", "shop", "business",
            "mosque", "church", "office", "embassy", "consulate", "route", "corridor",
            "gate", "frontier", "station", "terminal", "access"}


BANNABLE = {"gathering", "protest", "rally", "demonstration", "travel", "movement", "entry",
            "flight", "assembly", "march", "meeting", "event", "traffic", "sale", "fishing"}


RESTRICTABLE = {"movement", "access", "travel", "entry", "traffic", "flight", "gathering"}


#: armed nouns that sport also uses for a team ("Madrid's squad", "City's attackers")
SPORTING_SIDES = {"squad", "attacker", "unit", "contingent", "defender"}


#: people a casualty verb may have as its victim besides :data:`PERSON_TARGET_NOUNS`
VICTIM_NOUNS = {
    "family", "household", "relative", "baby", "infant", "boy", "girl", "wife", "husband",
    "son", "daughter", "mother", "father", "brother", "sister", "toddler", "teenager",
    "adult", "elder", "guard", "employee", "staff", "shepherd", "fisherman", "refugee",
    "patient", "doctor", "nurse", "medic", "teacher", "policeman", "police", "gunman",
    "attacker", "bomber", "assailant", "militiaman", "jihadist", "insurgent", "terrorist",
    "victim", "passenger", "driver", "pedestrian", "bystander", "worshipper", "pilgrim",
    "migrant", "occupant", "inmate", "detainee", "guest", "spectator", "tourist", "visitor",
    "colleague", "neighbour", "neighbor", "pupil", "kid", "deputy", "chief", "head",
    "minister", "mayor", "governor", "general", "colonel", "major", "captain", "sergeant",
    "lieutenant", "agent", "spy", "contractor", "volunteer", "recruit", "cadet", "couple",
    "journalist", "reporter", "photographer", "aid", "activist", "priest", "cleric", "imam",
}


#: buildings whose storming is unrest ("stormed the parliament", "the governor's office")
AUTHORITY_SEATS = {"parliament", "office", "headquarters", "headquarter", "ministry",
                   "palace", "embassy", "court", "courthouse", "assembly", "council",
                   "residence", "broadcaster", "capitol", "congress", "legislature", "prison",
                   "jail", "police", "compound", "consulate", "building", "senate", "hall",
                   "mansion", "secretariat", "governorate", "precinct"}


OCCUPIABLE = {"building", "parliament", "office", "headquarters", "headquarter", "ministry",
              "rectorate", "campus", "university", "faculty", "square", "street", "road",
              "highway", "bridge", "airport", "station", "palace", "hall", "embassy",
              "court", "courthouse", "assembly", "council", "residence", "broadcaster",
              "studio", "plant", "factory", "mine", "port", "compound", "house"}


#: event nouns with no common figurative sense: "heavy fighting raged in Goma" is a claim
#: without further signs of violence (unlike "attack", "battle", "clash", "push")
LITERAL_WAR_NOUNS = {"fighting", "firefight", "gunfight", "gunbattle", "shelling",
                     "bombardment", "airstrike", "skirmish", "hostility", "airstrikes"}


REPORT_VERBS = {"report", "hear", "see", "record", "observe"}


SAFE_PLACES = {"shelter", "safety", "camp", "bunker", "refuge"}


PROTEST_CUES = {"protest", "protester", "protestor", "demonstrator", "demonstration",
                "riot", "rioter", "unrest", "opposition"}


ATTEMPT_VERBS = {"try", "attempt", "seek"}


#: claim types whose verbs and nouns are common metaphors in business, sport and politics
#: ("fired the first shot", "came under attack from sellers", "conquered the capital")
METAPHOR_PRONE = {"strike", "clash", "control", "advance", "repelled", "attack"}


#: the words of those types that business, sport and politics use figuratively
METAPHOR_LEMMAS = {
    "attack", "siege", "besiege", "fire", "shot", "hit", "strike", "target", "capture",
    "conquer", "seize", "take", "storm", "battle", "fight", "raid", "push", "advance",
    "retreat", "hold", "invade", "invasion", "clash", "bombard", "pound", "surround",
    "encircle", "ambush", "offensive", "assault", "lose", "gain", "control", "blast",
    "launch", "break", "sweep", "roll", "march", "move", "press", "overrun", "beat",
    "stop", "halt", "thwart", "foil", "repel", "repulse", "fend", "engage", "confront",
    "exchange", "secure", "clear", "occupy", "takeover", "fall", "thrust",
    "breakthrough", "incursion", "withdraw", "pull", "cede", "abandon", "hand", "regain",
    "retake", "recapture", "bomb", "shell", "explosion", "shoot", "down", "destroy",
    "barrage", "salvo", "volley",
}


#: natural disasters: closures, evacuations, emergencies and deaths they cause are not
#: conflict claims
DISASTER_WORDS = {"hurricane", "typhoon", "cyclone", "flood", "flooding", "earthquake", "quake",
                  "tornado", "tsunami", "wildfire", "blizzard", "eruption", "landslide",
                  "mudslide", "avalanche", "snowstorm", "heatwave", "drought", "rainfall",
                  "blaze", "bushfire", "inferno", "firefighter", "rain", "downpour",
                  "monsoon", "deluge", "rainstorm", "thunderstorm", "hailstorm", "windstorm"}


#: ordinary crime: its arrests and injuries are not conflict claims
CRIME_WORDS = {"robbery", "robber", "burglary", "burglar", "theft", "thief", "heist",
               "mugging", "shoplifting", "fraud", "smuggling", "carjacking", "vandalism",
               "murder", "homicide", "stabbing", "manslaughter", "burgle"}


#: signs that a strike or walkout is also a protest or a riot
PROTEST_SIGNS = {"protest", "protester", "protestor", "demonstrator", "demonstration", "riot",
                 "rioter", "rioting", "march", "marcher", "barricade", "clash", "teargas",
                 "unrest"}
#: violence words that an accident shares with an attack ("killed in an explosion"): in a
#: story with no other sign of conflict they make no casualty claim
AMBIGUOUS_HARM = {"explosion", "blast", "fire"}
#: accidents told with a verb ("the jet crashes", "a boat capsizes"): people killed in them
#: are not casualties of conflict unless the sentence also names a hostile act
ACCIDENT_VERBS = {"crash", "collide", "capsize", "derail", "overturn", "plunge", "sink",
                  "collapse"}
HOSTILE_WORDS = {"shoot", "shot", "attack", "strike", "missile", "bomb", "drone", "hit",
                 "down", "fire", "rocket", "ambush", "shell", "target"}
#: words that make an arrest part of a conflict story ("suspected of terror links",
#: "linked to an explosion", "alleged Islamic State fighters")
DETENTION_CUES = {"terror", "terrorism", "terrorist", "explosion", "bomb", "bombing", "attack",
                  "militant", "jihadist", "extremist", "fighter", "raid", "insurgent", "plot",
                  "protester", "demonstrator", "protest", "demonstration", "coup", "rebel",
                  # political detentions: who is held says it is not a common crime
                  "activist", "journalist", "dissident", "opposition", "opponent"}
#: states a government declares that are a state of emergency under another name
EMERGENCY_STATES = {"emergency", "siege", "alarm", "exception"}
#: what "emergency" names as a measure ("imposed emergency rule", "emergency powers")
EMERGENCY_MEASURES = {"rule", "power", "decree", "law"}


#: past tense of the trigger verbs that are not "+ed" / "+d" (headline present tense is
#: re-read in the past: "Russian gunships bombard X" -> "bombarded", "rebels overrun X")
IRREGULAR_PAST = {"take": "took", "retake": "retook", "overrun": "overran", "hold": "held",
                  "fight": "fought", "strike": "struck", "hit": "hit", "shoot": "shot",
                  "seize": "seized", "lose": "lost", "fall": "fell", "beat": "beat",
                  "break": "broke", "shut": "shut", "set": "set", "blow": "blew",
                  "leave": "left", "flee": "fled", "go": "went", "drive": "drove",
                  "withdraw": "withdrew", "sweep": "swept", "win": "won", "begin": "began",
                  "open": "opened", "kidnap": "kidnapped", "ambush": "ambushed",
                  "stab": "stabbed", "gun": "gunned", "plan": "planned"}
