"""Word lists of the extraction rules: triggers per claim type, licensing verbs, blockers.

Everything here is lower-case lemmas (spaCy ``token.lemma_.lower()``), so rules read
``token.lemma_`` and never the sample corpus. Keep the lists general: the product is
scored on wars, unrest and ordinary news it has never seen.
"""

from __future__ import annotations

from geo.claimants.attribution import SPEECH_VERBS, STATEMENT_NOUNS

__all__ = ["SPEECH_VERBS", "STATEMENT_NOUNS"]

# --- verbs that make a claim type by themselves (conditions are checked in rules.py) ---
VERB_TRIGGERS: dict[str, str] = {
    # control
    "capture": "control", "seize": "control", "take": "control", "retake": "control",
    "recapture": "control", "regain": "control", "occupy": "control", "liberate": "control",
    "control": "control", "hold": "control", "overrun": "control", "conquer": "control",
    "lose": "control", "fall": "control", "clear": "control", "secure": "control",
    "annex": "control",
    # advance
    "advance": "advance", "push": "advance", "enter": "advance", "penetrate": "advance",
    "press": "advance", "move": "advance", "reach": "advance", "gain": "advance",
    "invade": "advance", "break": "advance", "roll": "advance", "walk": "advance",
    "sweep": "advance",
    # clash
    "fight": "clash", "clash": "clash", "battle": "clash", "besiege": "clash",
    "assault": "clash", "attack": "clash", "encircle": "clash", "surround": "clash",
    "ambush": "clash", "raid": "clash", "storm": "clash", "engage": "clash",
    # repelled
    "repel": "repelled", "repulse": "repelled", "foil": "repelled", "thwart": "repelled",
    "fend": "repelled", "intercept": "repelled", "down": "repelled", "shoot": "repelled",
    "beat": "repelled", "stop": "repelled", "halt": "repelled",
    "destroy": "repelled", "neutralize": "repelled", "neutralise": "repelled",
    # strike
    "bomb": "strike", "bombard": "strike", "shell": "strike", "strike": "strike",
    "hit": "strike", "target": "strike", "pound": "strike", "fire": "strike",
    "launch": "strike", "blast": "strike", "airstrike": "strike",
    # casualties
    "kill": "casualties", "die": "casualties", "injure": "casualties", "wound": "casualties",
    "massacre": "casualties", "slaughter": "casualties", "execute": "casualties",
    # displacement
    "flee": "displacement", "evacuate": "displacement", "displace": "displacement",
    "cross": "displacement",  # "hundreds of refugees are crossing the border" (checked)
    "uproot": "displacement", "relocate": "displacement",
    # restriction
    "close": "restriction", "shut": "restriction", "ban": "restriction",
    "suspend": "restriction", "blockade": "restriction", "restrict": "restriction",
    # unrest
    "protest": "unrest", "riot": "unrest", "demonstrate": "unrest", "rally": "unrest",
    "loot": "unrest", "ransack": "unrest", "smash": "unrest", "torch": "unrest",
    "vandalize": "unrest", "vandalise": "unrest", "march": "unrest", "gather": "unrest",
    # detention
    "arrest": "detention", "detain": "detention", "abduct": "detention",
    "kidnap": "detention",
    "round": "detention",
    # control lost by withdrawing ("withdrew from Hama"), handed over
    "withdraw": "control", "retreat": "control", "pull": "control", "hand": "control",
    "cede": "control", "abandon": "control",
    # unrest by crowds
    "burn": "unrest", "block": "unrest", "barricade": "unrest",
    # clash
    "exchange": "clash", "confront": "clash", "force": "repelled", "set": "unrest",
    "cut": "restriction",
    # displacement ("took refuge", "sought shelter")
    "seek": "displacement",
    "leave": "casualties",
    # casualties in the words of real reporting ("murdered", "assassinated", "gunned down")
    "murder": "casualties", "assassinate": "casualties", "behead": "casualties",
    "gun": "casualties", "stab": "attack",
    # one-sided violence: an armed side attacks civilians, a village or a site
    "open": "attack", "firebomb": "attack", "terrorize": "attack", "terrorise": "attack",
    # explosive devices: "a bomb explodes", "detonated an IED", "went off", "blew himself up"
    "explode": "strike", "detonate": "strike", "go": "strike", "blow": "strike",
    # deployments: forces sent, arriving, stationed or massed
    "deploy": "deployment", "redeploy": "deployment", "station": "deployment",
    "dispatch": "deployment", "send": "deployment", "arrive": "deployment",
    "mass": "deployment",
}

# --- nouns that make a claim type when licensed (object of a light verb, subject of an
# event verb, "there was ...", "come under ...", "due to ...") ---
NOUN_TRIGGERS: dict[str, str] = {
    "control": "control", "capture": "control", "seizure": "control", "takeover": "control",
    "occupation": "control", "fall": "control", "liberation": "control",
    "offensive": "advance", "advance": "advance", "incursion": "advance", "push": "advance",
    "breakthrough": "advance", "invasion": "advance", "counteroffensive": "advance",
    "counter-offensive": "advance", "thrust": "advance",
    "fighting": "clash", "fight": "clash", "clash": "clash", "battle": "clash", "siege": "clash",
    "assault": "clash", "attack": "clash", "firefight": "clash", "skirmish": "clash",
    "hostility": "clash", "gunfight": "clash", "combat": "clash", "ambush": "clash",
    "raid": "clash", "offensives": "advance", "gunbattle": "clash",
    "shootout": "clash", "shoot-out": "clash",
    "strike": "strike", "airstrike": "strike", "bombardment": "strike", "shelling": "strike",
    "barrage": "strike", "bombing": "strike", "explosion": "strike", "blast": "strike",
    "missile": "strike", "drone": "strike", "rocket": "strike", "shell": "strike",
    "bomb": "strike",
    "airstrikes": "strike",
    "death": "casualties", "casualty": "casualties", "fatality": "casualties",
    "toll": "casualties", "killing": "casualties", "injury": "casualties",
    "evacuation": "displacement", "exodus": "displacement", "displacement": "displacement",
    "emergency": "emergency", "law": "emergency",  # martial law, checked in rules
    # "a state of alarm" (Spain), "a state of exception" (Latin America), checked in rules
    "alarm": "emergency", "exception": "emergency",
    "curfew": "restriction", "lockdown": "restriction", "restriction": "restriction",
    "closure": "restriction", "ban": "restriction", "blockade": "restriction",
    "protest": "unrest", "riot": "unrest", "demonstration": "unrest", "unrest": "unrest",
    "rioting": "unrest", "looting": "unrest", "rally": "unrest", "sit-in": "unrest",
    "arrest": "detention", "detention": "detention",
    "operation": "clash", "gunfire": "clash", "crossfire": "clash", "fire": "strike",
    "gain": "advance", "massacre": "casualties",
    # issue 9: nominal forms of real reporting
    "withdrawal": "control", "pullout": "control", "handover": "control",
    "murder": "casualties", "assassination": "casualties",
    "stabbing": "attack", "shooting": "attack", "arson": "attack",
    "kidnapping": "detention", "abduction": "detention",
    "deployment": "deployment", "reinforcement": "deployment", "buildup": "deployment",
    "build-up": "deployment",
}

# light verbs whose object noun is the event ("launched an offensive", "declared a state of
# emergency", "imposed a curfew", "came under attack")
LIGHT_VERBS = {
    "launch", "carry", "conduct", "mount", "stage", "press", "continue", "intensify", "step",
    "declare", "impose", "introduce", "announce", "extend", "order", "report", "wage",
    "unleash", "resume", "begin", "start", "hold", "suffer", "witness", "subject", "see",
    "record", "claim", "execute",
    "deliver", "make", "perform", "undertake", "enforce", "reimpose", "issue", "expand",
    "face", "endure", "sustain", "inflict", "cause", "trigger", "spark", "lead", "organize",
    "organise", "break", "ignite", "use", "take", "gain", "establish", "seize",
    "retake", "regain", "lose", "cede", "assume", "exercise", "maintain", "keep", "restore",
    "put", "tighten", "lay", "escalate", "initiate", "complete", "commence", "finish",
    "result",
}
# verbs whose subject noun is the event ("fighting erupted", "a strike killed ten")
EVENT_VERBS = {
    "erupt", "break", "rage", "continue", "intensify", "escalate", "resume", "spread",
    "hit", "kill", "injure", "wound", "destroy", "damage", "target", "strike", "occur",
    "happen", "sweep", "leave", "flare", "rock", "shake", "claim", "take", "force",
    "displace", "devastate", "level", "raze", "set", "ravage", "engulf", "grip", "paralyse",
    "paralyze", "go", "begin", "start", "enter", "reach", "rise", "climb", "stand", "exceed",
    "remain", "come", "cause", "trigger", "prompt", "spark", "follow", "last", "land",
    "fall", "rain", "explode", "slam", "pound", "turn",
    "result",  # "an attack ... has resulted in the deaths of several people"
}
# prepositions that license an event noun when attached to a verb: "killed in a strike",
# "due to shelling", "came under attack"
LICENSING_PREPS = {"in", "by", "during", "from", "under", "due", "because", "amid", "with"}

# people who fight, for verbs that need an armed subject ("advance", "enter", "push")
ARMED_NOUNS = {
    "force", "troop", "army", "soldier", "unit", "fighter", "militant", "rebel", "militia",
    "brigade", "battalion", "regiment", "paramilitary", "insurgent", "jihadist",
    "military", "armed", "infantry", "marine", "commando", "guerrilla", "gunman",
    "combatant", "mercenary", "contingent", "armor", "armour", "militiaman", "militiamen",
    "tank", "convoy", "detachment", "squad", "platoon", "navy", "peshmerga",
    "airforce", "artillery", "attacker", "assailant", "occupier", "gang", "enemy",
    "adversary",
    "invader", "sniper", "partisan", "jet", "warplane", "aircraft", "helicopter",
    "junta",
}
WEAPON_NOUNS = {
    "missile", "drone", "rocket", "shell", "bomb", "airstrike", "strike", "artillery",
    "mortar", "projectile", "munition", "warplane", "jet", "aircraft", "helicopter",
    "shahed", "uav", "barrage", "fire", "shelling", "bombardment", "grenade", "explosive",
    "ied", "gunfire", "salvo", "weapon", "bombing", "attack", "raid", "blast", "explosion",
}
# nouns that count as territory for control claims ("took dozens of settlements")
TERRITORY_NOUNS = {
    "territory", "land", "settlement", "village", "town", "city", "area", "region",
    "district", "position", "stronghold", "base", "airport", "airfield", "hill", "bridge",
    "neighbourhood", "neighborhood", "outskirt", "crossing", "port", "island", "province",
    "capital", "headquarters", "garrison", "locality", "hamlet", "km2", "kilometer",
    "kilometre", "mile", "zone", "camp", "checkpoint", "outpost",
    "frontline", "suburb", "quarter", "county", "oblast", "governorate", "border",
    "coast", "valley", "plant", "dam", "mine", "height", "road", "highway", "route",
    "junction", "station", "enclave", "pocket", "salient", "shore", "strip",
    "community", "sector", "soil", "palace", "building",
    "compound", "hospital", "prison", "barracks", "barrack", "facility",
    "headquarter", "airbase", "depot", "township", "municipality", "commune", "parish",
    "subdistrict", "canton", "prefecture", "village-tract",
}
# nouns that make an adjectival country mention a place ("Russian territory")
GEO_NOUNS = {
    "territory", "soil", "land", "city", "cities", "town", "village", "region", "border",
    "side", "coast", "airspace", "water", "port", "capital", "countryside", "area",
    "province", "frontier", "settlement", "state", "oblast", "district", "island",
    "mainland", "interior", "heartland", "hinterland", "enclave", "camp", "infrastructure",
    "target", "position", "base", "airfield", "facility", "refinery", "depot",
}
PERSON_TARGET_NOUNS = {
    "soldier", "troop", "fighter", "people", "person", "civilian", "man", "woman",
    "serviceman", "prisoner", "militant", "rebel", "officer", "member", "commander",
    "leader", "protester", "demonstrator", "journalist", "activist", "suspect", "child",
    "student", "resident", "worker", "dozen", "hundred", "personnel", "crew", "pilot",
    "mercenary", "hostage", "national", "citizen", "official",
}
# words that show violence in a sentence (for casualties, displacement and detention)
VIOLENCE_WORDS = {
    "attack", "strike", "airstrike", "shelling", "shell", "bombing", "bomb", "bombard",
    "bombardment", "fighting", "fight", "clash", "gunman", "gunfire", "shoot", "shooting",
    "shot", "explosion", "blast", "missile", "drone", "rocket", "artillery", "militant",
    "force", "troop", "soldier", "army", "military", "rebel", "militia", "war", "conflict",
    "violence", "raid", "massacre", "riot", "protest", "protester", "offensive", "invasion",
    "insurgent", "terrorist", "hostility", "combat", "battle", "siege", "mortar", "sniper",
    "ambush", "unrest", "crackdown", "police", "gunmen", "jihadist", "paramilitary",
    "occupation", "incursion", "assault", "storm", "demonstration", "demonstrator",
    "rioter", "curfew", "martial", "insurgency", "coup", "junta", "hamas", "hezbollah",
    "rioting", "looting", "arson", "gunshot", "teargas", "grenade", "explosive",
    "shrapnel", "projectile", "interceptor", "looter", "assassination", "assassinate",
    "assailant", "attacker", "bomber", "kidnapper", "kidnapping", "kidnap", "abduction",
    "abduct", "hostage", "stabbing", "stab", "militiaman", "murder", "bandit", "ied",
}
# strong signs of armed conflict or unrest in an article (gate for detention, displacement)
CONFLICT_WORDS = {
    "airstrike", "shelling", "bombardment", "missile", "drone", "artillery", "rocket",
    "militant", "rebel", "militia", "troop", "soldier", "army", "war", "insurgent",
    "insurgency", "jihadist", "paramilitary", "invasion", "frontline", "ceasefire", "hostage",
    "massacre", "riot", "rioter", "protester", "demonstrator", "unrest", "curfew", "martial",
    "junta", "coup", "gunfire", "ambush", "siege", "mortar", "sniper", "militiaman",
    "guerrilla", "shell", "airstrikes", "rioting", "looting", "crackdown", "fighter",
    "bandit", "terrorist", "kidnapper", "bombing", "warplane", "protest", "demonstration",
}
# verbs and nouns over a trigger that make it non-factual (intent, wish, denial, ability)
BLOCKERS = {
    "want", "plan", "intend", "threaten", "aim", "seek", "try", "attempt", "hope", "vow",
    "pledge", "promise", "prepare", "refuse", "deny", "fail", "propose", "urge",
    "demand", "ask", "prevent", "avoid", "warn", "fear", "threat", "risk", "possibility",
    "interested", "ready", "likely", "possible", "consider", "discuss", "negotiate", "offer",
    "expect", "predict", "need", "wish", "dream", "imagine", "unlikely", "able", "unable",
    "would", "could", "might", "may", "should", "must", "call", "rule", "forbid", "prohibit",
    "allow", "permit", "scenario", "plot", "conspire", "chance", "bid", "effort",
    "intention", "goal", "push", "readiness", "capable", "capability", "potential",
    "condemn", "denounce", "criticize", "criticise", "mourn", "commemorate", "anniversary",
    "memorial", "film", "movie", "game", "novel", "book", "exercise", "drill", "simulate",
    "rehearse", "train", "training", "hypothetical", "imaginary", "advise", "recommend",
    "question", "investigate", "probe", "allegation", "rumor", "rumour",
    "unclear", "doubt", "dismiss", "reject",
    # what was foiled or requested did not happen ("foiled a plot to blow up", "a request
    # to deploy"); an operation or campaign "to capture" states its aim
    "foil", "thwart", "avert", "frustrate", "request", "operation", "campaign", "mission",
}
MODAL_AUX = {"would", "could", "might", "may", "should", "will", "shall", "can", "must",
             "wo", "ca", "'ll", "’ll", "'d", "’d"}
BACKGROUND_PREPS = {"since", "after", "before", "until", "despite", "amid", "following",
                    "prior", "ahead", "unlike", "like", "than", "against"}
# background even across clause boundaries ("since the war began")
HARD_BACKGROUND_PREPS = {"since", "unlike", "like", "than"}
#: verbs of a court or prosecutor: what someone is fined, convicted or charged "for" /
#: "with" is the charge, an old act retold, not an event reported now ("fined by a court
#: for hijacking a tanker and holding the crew hostage"); accusations between sides
#: ("accused Russia of shelling") stay claims; "fin" is the small model's lemma of "fined"
LEGAL_CHARGE_VERBS = {"fine", "fin", "convict", "sentence", "charge", "indict", "acquit",
                      "prosecute", "jail", "imprison"}
BACKGROUND_MARKS = {"if", "unless", "whether", "once", "lest", "until", "before", "since",
                    "though", "although"}
SUPERLATIVE_WORDS = {"first", "biggest", "largest", "worst", "deadliest", "heaviest",
                     "bloodiest", "greatest", "most", "longest", "fiercest", "similar", "such"}
LABOUR_STRIKE_CUES = {"worker", "union", "employee", "staff", "teacher", "doctor", "nurse",
                      "driver", "miner", "pilot", "labour", "labor", "wage", "pay", "walkout"}
STRIKE_MODIFIERS = {"air", "missile", "drone", "rocket", "artillery", "aerial", "military",
                    "precision", "retaliatory", "israeli", "russian", "ukrainian", "us",
                    "american", "airstrike", "naval", "kamikaze", "mortar", "guided",
                    "cruise", "ballistic", "strategic", "deadly", "fresh", "new", "massive",
                    "overnight", "heavy", "suspected", "preemptive", "pre-emptive",
                    "targeted", "punitive", "multiple", "several", "repeated"}

#: explosive devices whose going off is a strike by itself ("a car bomb went off", "an IED
#: exploded"); air-dropped bombs are strikes by the air-strike rules
EXPLOSIVE_DEVICES = {"bomb", "ied", "explosive", "device", "landmine", "grenade",
                     "bomber", "car-bomb", "vbied", "bombing"}
#: modifiers that make an "attack" something other than violence between people
NON_HUMAN_ATTACKS = {"shark", "dog", "bear", "crocodile", "wolf", "lion", "tiger", "snake",
                     "bee", "animal", "elephant", "heart", "panic", "anxiety", "asthma",
                     "cyber", "ransomware", "hacker", "phishing", "malware", "ddos"}
#: attackers the text does not name: their claims get a generic actor
UNNAMED_ATTACKERS = {"gunman", "gunmen", "assailant", "attacker", "bandit", "kidnapper",
                     "bomber", "militant", "insurgent", "jihadist", "terrorist", "man", "men",
                     "raider", "abductor", "extremist", "islamist"}
#: state forces the text names by role ("security forces", "the army", "police")
STATE_FORCE_NOUNS = {"army", "military", "police", "policeman", "troop", "soldier", "force",
                     "navy", "airforce", "gendarmerie", "gendarme", "guard", "officer"}
#: what an armed side attacks in one-sided violence (besides people who are not armed)
CIVILIAN_SITES = {
    "market", "school", "church", "mosque", "temple", "synagogue", "hospital",
    "clinic", "bus", "train", "vehicle", "car", "truck", "home", "house", "camp", "wedding",
    "funeral", "festival", "shop", "restaurant", "hotel", "farm", "field", "site",
    "residence", "office", "building", "station", "stadium",
    "concert", "party", "gathering", "motorist", "traveller", "traveler", "passenger",
    "worshipper", "convoy", "boat", "ship", "tanker", "vessel", "plant", "facility",
    "university", "college", "prison", "bank", "club", "cafe", "bar", "shrine", "monastery",
    # the places of daily life where real reports set one-sided attacks
    "supermarket", "store", "mall", "nightclub", "cinema", "theatre", "theater", "kindergarten",
    "class", "classroom", "dormitory", "apartment", "hostel", "pharmacy", "bakery",
    "cathedral", "parade", "procession", "rally", "crowd", "queue", "beach",
    "park", "square", "minibus", "taxi",
    "ambulance", "aid", "warehouse", "orphanage", "marketplace", "bazaar", "fair", "ceremony",
}

#: settlements: attacking one is one-sided when the attackers are named by role ("gunmen
#: stormed the village"), a battle when they are an army ("troops stormed the town")
SETTLEMENT_NOUNS = {"village", "town", "settlement", "hamlet", "community", "city",
                    "neighbourhood", "neighborhood", "locality", "district"}

# nouns and verbs that show a war story besides the trigger itself, for the metaphor guard
# ("Ryanair fired the first shot", "came under attack from sellers" have none of them)
CONFLICT_EVIDENCE = (CONFLICT_WORDS | WEAPON_NOUNS | ARMED_NOUNS | {
    "territory", "settlement", "village", "position", "stronghold", "trench", "frontline",
    "offensive", "invasion", "bombard", "counteroffensive", "incursion", "oblast",
    "governorate", "garrison", "outpost", "checkpoint", "ceasefire", "occupied",
    "brigade", "battalion", "casualty", "civilian", "refugee", "displaced", "fighting",
    "shelling", "airstrike", "gunfire",
}) - {"force", "fire", "attack", "strike", "unit", "enemy", "adversary", "attacker", "gang",
      "contingent", "squad", "armor", "armour", "convoy", "tank", "jet", "aircraft",
      "navy", "raid", "assault", "battle", "combat", "siege", "war", "weapon", "blast",
      "explosion", "shot", "bombing", "protest", "demonstration"}
# evidence words that business, sport and politics also use figuratively ("a barrage of
# criticism", "shelled out", "a price offensive", "defend their territory"): they add to a
# war story's evidence but cannot make one on their own
FIGURATIVE_EVIDENCE = {"barrage", "offensive", "shell", "territory", "bombard", "position",
                       "counteroffensive", "stronghold", "frontline"}

#: words that make a story a sports report ("the battle of Anfield", "Klopp's troops")
SPORT_WORDS = {
    "match", "goal", "league", "tournament", "coach", "half-time", "halftime", "penalty",
    "referee", "stadium", "fixture", "championship", "semi-final", "semifinal", "kick-off",
    "midfielder", "striker", "goalkeeper", "innings", "wicket", "lap", "medal", "derby",
    "playoff", "play-off", "touchdown", "quarterback", "inning", "scorer", "teammate",
    "footballer", "cricketer", "rugby", "football", "tennis", "cricket", "basketball",
    "baseball", "hockey", "golf", "olympic", "olympics", "grand", "prix", "podium", "scoreline",
    "equaliser", "equalizer", "hat-trick", "try", "lineout", "scrum", "umpire", "pitch",
}
#: signs of real arms in a story that sports reports do not use figuratively
HARD_CONFLICT_WORDS = {
    "missile", "drone", "rocket", "artillery", "mortar", "airstrike", "airstrikes", "shelling",
    "bombardment", "grenade", "explosive", "ied", "gunfire", "warplane", "munition", "uav",
    "ceasefire", "civilian", "refugee", "militant", "rebel", "militia", "insurgent",
    "jihadist", "paramilitary", "soldier", "hostage", "frontline", "occupied", "militiaman",
}
