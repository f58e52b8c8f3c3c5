"""Words about people and organisations around names: titles, first names, org words.

Moved out of :mod:`geo.places.lexicon` (which re-exports them). Where entries come from:
titles and roles as English news writes them before a person's name; common first names
of news figures and frequent names across the regions the product covers; words that
follow or precede a name in the names of newspapers, companies, clubs, agreements and
institutions in English news.
"""

from __future__ import annotations

from geo.places.keys import fold

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
    Herbert Harry Gerald Jimmy Morgan Taylor Jordan Victoria Paris Chelsea Florence Austin Bernard
    Madison Savannah Sydney Brooklyn Dallas Aurora Charlotte Eugene Tyler Troy Orlando Georgia
    Giorgia Regina Adelaide Lincoln Houston Denver Phoenix Camden Kingsley
    """.split()
)

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
