# ruff: noqa: E501
"""Reports without conflict for the no-conflict development pool ("quiet"), batch A.

Wikipedia Current events portal, CC BY-SA 4.0 (see README.md). Same format as
``reports_a.py``; every report here is news with no conflict claim (label: no claim):
business, sport, science, politics, diplomacy, accidents. Only such items of each day
are taken (the day's conflict items are left out). Tuned on.
"""

REPORTS = [
    # Portal:Current events/2017 February 9 (revision 1076115400; repository commit 20af02a)
    ("2017-02-09", "A fire at the Flamanville Nuclear Power Plant in northwest France caused an explosion in a \"non-nuclear\" part of the station. One reactor was taken offline and five people were affected by fumes. The accident did not cause a radioactive leak.", []),
    ("2017-02-09", "A major blizzard hits the northeastern United States, cancelling more than 2,400 flights.", []),
    ("2017-02-09", "A power outage plunges the Belgian capital of Brussels into darkness.", []),
    ("2017-02-09", "Donald Trump, the President of the United States, agrees to continue the One China Policy after a discussion with Chinese President Xi Jinping.", []),
    ("2017-02-09", "When Russian President Vladimir Putin, during the January telephone conversation with President Donald Trump, raised the possibility of extending the 2010 New START treaty that caps U.S. and Russian deployment of nuclear warheads, President Trump declined, stating that this treaty is a bad deal for the United States.", []),
    ("2017-02-09", "The appeal of the Trump administration is denied as the 9th US Circuit Court of Appeals said it would not block a lower-court ruling that brought the president's executive order to a halt.", []),
    ("2017-02-09", "A high court in Kenya blocks a government bid to close the Dadaab refugee camp and repatriate over 260,000 Somali refugees back to Somalia. The government said it will appeal against the ruling.", []),
    ("2017-02-09", "Romanian Justice Minister Florin Iordache resigns after losing the support of Prime-Minister Sorin Grindeanu.", []),
    ("2017-02-09", "President of the Senate Călin Popescu-Tăriceanu notifies the Constitutional Court claiming a judicial conflict of a constitutional nature between the Government of Romania and the Public Ministry, through the National Anticorruption Directorate (DNA).", []),
    ("2017-02-09", "Democrat Congressman Jerrold Nadler files a Resolution of Inquiry motion aimed at clarifying Donald Trump's relationship to Russia as well as potential conflicts of interest arising from his businesses.", []),
    # Portal:Current events/2019 March 20 (revision 1087754935; repository commit 54ecf6a)
    ("2019-03-20", "The Walt Disney Company completes its $71.3 billion acquisition of 21st Century Fox's film and TV assets (with the exception of the business, broadcasting network, news, and sports assets owned by the newly-formed Fox Corporation).", []),
    ("2019-03-20", "European Union regulators fine Google €1.49 billion for bundling Google Custom Search with its AdSense program which the regulators find as illegal under EU antitrust rules.", []),
    ("2019-03-20", "The European People's Party votes to suspend Hungary's ruling Fidesz party citing its anti-immigration stance, and personal attacks on Jean-Claude Juncker and George Soros. Hungarian Prime Minister and Fidesz leader Viktor Orbán had threatened to pull out of the EPP if it was suspended.", []),
    ("2019-03-20", "The second President of Kazakhstan, Kassym-Jomart Tokayev, is sworn into office, after the resignation of Nursultan Nazarbayev.", []),
    ("2019-03-20", "Astana, the capital of Kazakhstan, is renamed Nursultan, after the former President.", []),
    ("2019-03-20", "UK Prime Minister Theresa May formally writes a letter to European Council President Donald Tusk requesting for a delay of Brexit until June 30.", []),
    ("2019-03-20", "Mike Trout and the Los Angeles Angels finalize a record-breaking 12-year, $430 million contract, the largest in the history of Major League Baseball.", []),
    # Portal:Current events/2015 September 9 (repository commit d6c5e65)
    ("2015-09-09", "Queen Elizabeth II becomes Britain's longest-reigning monarch (63 years and seven months), surpassing the record set by Queen Victoria, her great-great-grandmother.", []),
    ("2015-09-09", "A German court issues an injunction ordering a halt to a Lufthansa airline pilots' strike. Earlier, Germany's biggest airline announced it had canceled 1,000 flights while about 500 would still operate.", []),
    ("2015-09-09", "Australia announces that it will accept an additional 12,000 Syrian migrants, mostly from persecuted minorities.", []),
]
