"""Demo content for The Masthead Courier.

A pure-data module: sections, authors, 42 articles (newest first) and the
editors' picks. Every person quoted in these pages is invented; real public
events are reported in the newsroom's own words. Hero and body images are
generated locally from the "colours" given for each picture.
"""

SECTIONS = [
    {
        "slug": "news",
        "title": "News",
        "description": "Reporting from Europe and beyond: politics, public services, climate and the stories behind the headlines.",
    },
    {
        "slug": "opinion",
        "title": "Opinion",
        "description": "Argued columns and commentary from Courier writers. Opinion pieces are clearly labelled and kept apart from our news reporting.",
    },
    {
        "slug": "business",
        "title": "Business",
        "description": "Markets, companies, energy and the economy, explained for readers who pay the bills rather than trade the bonds.",
    },
    {
        "slug": "culture",
        "title": "Culture",
        "description": "Books, film, stages and sport: reviews, interviews and reporting on the people who make Europe's cultural life.",
    },
]

AUTHORS = [
    {
        "slug": "maren-holt",
        "name": "Maren Holt",
        "role": "Editor",
        "bio": "Maren Holt founded The Masthead Courier after fifteen years as a regional reporter in Norway and the Netherlands. She edits the daily report and writes about housing, public health and how cities are governed.",
    },
    {
        "slug": "ines-kowalczyk",
        "name": "Ines Kowalczyk",
        "role": "Europe correspondent, Brussels",
        "bio": "Ines Kowalczyk covers the EU institutions, elections and technology regulation from Brussels. Before joining the Courier she spent six years at a Polish business daily in Warsaw.",
    },
    {
        "slug": "tomas-reyes",
        "name": "Tomás Reyes",
        "role": "Business editor",
        "bio": "Tomás Reyes writes about central banks, trade and the companies that keep Europe's economy moving. He trained as an economist in Valencia and still prefers a spreadsheet to a press release.",
    },
    {
        "slug": "oleh-marchenko",
        "name": "Oleh Marchenko",
        "role": "Ukraine correspondent",
        "bio": "Oleh Marchenko reports from Kyiv on civilian life, reconstruction and energy in wartime Ukraine. He writes in Ukrainian and English and previously worked as a fixer for foreign broadcasters.",
    },
    {
        "slug": "priya-nair",
        "name": "Priya Nair",
        "role": "Culture editor",
        "bio": "Priya Nair edits the Courier's culture pages and reviews fiction and film. She has judged two translation prizes and lives in Edinburgh with more books than shelves.",
    },
    {
        "slug": "declan-frost",
        "name": "Declan Frost",
        "role": "Climate and energy reporter",
        "bio": "Declan Frost covers power grids, gas markets and climate diplomacy, and has reported from four UN climate conferences. He is based in Copenhagen and commutes, when he can, by night train.",
    },
]

ARTICLES = [
    # 1
    {
        "slug": "lisbon-council-votes-to-cap-short-term-rentals",
        "section": "news",
        "kind": "news",
        "language": "en",
        "headline": "Lisbon council votes to freeze new holiday-let licences in seven central parishes",
        "standfirst": "The measure, passed by a single vote, halts new short-term rental registrations for three years in the districts where tourist flats already outnumber long-term homes.",
        "authors": ["maren-holt"],
        "tags": ["Housing"],
        "hours_ago": 2,
        "image": {
            "title": "Alfama rooftops",
            "caption": "Rooftops of the Alfama district seen from a public viewpoint in Lisbon, Portugal, on a weekday morning.",
            "credit": "Rui Carvalho / Courier Photo Desk",
            "colours": ["#1f3a5f", "#e0a458"],
        },
        "body": [
            [
                "paragraph",
                "<p>Lisbon's municipal assembly voted late on Tuesday to stop issuing new short-term rental licences in seven central parishes for three years, the city's most significant attempt yet to return holiday flats to residents. The motion passed by 38 votes to 37 after a session that ran past midnight.</p>",
            ],
            [
                "paragraph",
                "<p>Under the measure, no new registrations will be accepted in parishes where holiday lets make up more than 20% of the housing stock. Existing licences remain valid but can no longer be transferred when a property is sold, a change the council expects to reduce the number of tourist flats by roughly 1,500 over the period.</p>",
            ],
            [
                "paragraph",
                "<p>Rents in central Lisbon have risen by about 60% since 2019, according to figures presented to the assembly, while the median monthly wage in Portugal remains a little over €1,000 after tax. “My landlord told me the flat was worth more to him empty for half the year than rented to me all year,” said Carla Mendes, a 34-year-old nurse who left the Graça district in the spring.</p>",
            ],
            ["subheading", "Owners promise a challenge"],
            [
                "paragraph",
                "<p>An association representing small holiday-let owners said it would contest the decision in the administrative courts. Its spokesman, Nuno Farinha, argued that many owners are retirees who depend on the income — and that the city had “blamed the smallest players for a shortage created by decades of underbuilding.”</p>",
            ],
            [
                "paragraph",
                "<p>The freeze follows similar moves elsewhere in southern Europe. Barcelona has said it intends to phase out all of its roughly 10,000 tourist-flat licences by 2028, and several Italian cities are debating limits of their own. Housing campaigners in Lisbon welcomed the vote but said the 3-year window was too short to change investment decisions.</p>",
            ],
            ["related", {"slug": "short-term-rental-caps-are-not-enough", "excerpt": ""}],
            [
                "paragraph",
                "<p>The council's housing department will publish the final list of affected streets within 30 days. Applications submitted before the vote will still be processed under the old rules.</p>",
            ],
        ],
    },
    # 2
    {
        "slug": "ecb-holds-rates-as-inflation-settles",
        "section": "business",
        "kind": "news",
        "language": "en",
        "headline": "ECB holds deposit rate at 2% as eurozone inflation settles near target",
        "standfirst": "Frankfurt kept borrowing costs unchanged for another meeting, signalling that the cutting cycle which began in mid-2024 may be over for now.",
        "authors": ["tomas-reyes"],
        "tags": ["Markets", "European Union"],
        "hours_ago": 5,
        "image": {
            "title": "Frankfurt skyline",
            "caption": "Office towers in Frankfurt's banking district, Germany, photographed from the south bank of the river Main at dusk.",
            "credit": "Jonas Friis / Northlight Images",
            "colours": ["#14213d", "#fca311"],
        },
        "body": [
            [
                "paragraph",
                "<p>The European Central Bank left its deposit rate at 2% on Thursday, keeping policy on hold as inflation in the eurozone hovers close to its 2% target. It was the latest in a run of unchanged decisions since the bank completed a series of eight quarter-point cuts that took the rate down from a record 4%.</p>",
            ],
            [
                "paragraph",
                "<p>In its statement, the Governing Council said the outlook was “broadly balanced” but flagged uncertainty around global trade, energy prices and the strength of the euro. Markets had priced in almost no chance of a move, and the euro was little changed at around $1.16 after the announcement.</p>",
            ],
            ["subheading", "What it means for borrowers"],
            [
                "paragraph",
                "<p>For households, the pause means mortgage rates are likely to stay where they are for the coming months. The average rate on a new 10-year fixed mortgage in the eurozone is about 3.3%, down from more than 4% at the peak, according to a comparison by the Brussels-based consumer group Fair Credit Europe.</p>",
            ],
            [
                "paragraph",
                "<p>“The easy part of the journey is done,” said Dr. Anneke Visser, chief economist at the Rotterdam asset manager Delta Kapitaal. “Inflation is back near 2%, but services prices are still sticky, and no one in Frankfurt wants to declare victory only to see it slip away in the 2nd half of next year.”</p>",
            ],
            [
                "paragraph",
                "<p>Some economists argue the bank has room for one more cut if growth weakens further. Germany's economy barely expanded over the past year, while Spain grew by more than 2.5%, a divergence that makes a single policy for the whole currency area harder to set.</p>",
            ],
            [
                "related",
                {
                    "slug": "steady-rates-are-not-a-strategy",
                    "excerpt": "Our business editor argues that holding rates is the easy part; the ECB still owes savers and borrowers a clearer map.",
                },
            ],
            [
                "paragraph",
                "<p>The next policy meeting is scheduled for six weeks' time, when the bank will also publish updated staff forecasts for growth and inflation through 2027.</p>",
            ],
        ],
    },
    # 3
    {
        "slug": "kharkiv-library-reopens-underground",
        "section": "news",
        "kind": "news",
        "language": "uk",
        "headline": "У Харкові відкрили районну бібліотеку в укритті",
        "standfirst": "Бібліотека в Салтівському районі знову приймає читачів — тепер у підвальному приміщенні, облаштованому як укриття.",
        "authors": ["oleh-marchenko"],
        "tags": ["Ukraine", "Books"],
        "hours_ago": 8,
        "image": {
            "title": "Читальна зала в укритті",
            "caption": "Читачі в новій читальній залі районної бібліотеки, облаштованій у підвалі житлового будинку, Харків, Україна.",
            "credit": "Yaroslav Dub / Courier Photo Desk",
            "colours": ["#0057b7", "#ffd700"],
        },
        "body": [
            [
                "paragraph",
                "<p>У Салтівському районі Харкова у вівторок знову запрацювала районна бібліотека, яку було пошкоджено під час обстрілу у 2022 році. Тепер вона розміщується в підвальному приміщенні площею близько 300 квадратних метрів, яке одночасно слугує укриттям для мешканців сусідніх будинків.</p>",
            ],
            [
                "paragraph",
                "<p>За словами завідувачки бібліотеки Наталії Гребенюк, фонд налічує понад 12 000 книжок, значну частину яких передали мешканці міста та видавництва з Києва і Львова. «Люди приходять не лише по книжки. Тут тепло, є світло та інтернет, і можна спокійно посидіти з дітьми під час тривоги», — розповіла вона.</p>",
            ],
            [
                "paragraph",
                "<p>Ремонт тривав вісім місяців і коштував близько 4,5 мільйона гривень. Кошти надали міський бюджет і благодійний фонд із Польщі. У приміщенні встановили генератор, систему вентиляції та окрему кімнату для дитячих занять.</p>",
            ],
            [
                "paragraph",
                "<p>До повномасштабного вторгнення бібліотекою щомісяця користувалися близько 900 читачів. Зараз, за словами працівників, записалося вже понад 350 людей, переважно пенсіонери та родини з дітьми, які залишилися в районі попри регулярні обстріли.</p>",
            ],
            [
                "paragraph",
                "<p>Бібліотека працюватиме щодня, крім понеділка, з 10:00 до 18:00. Найближчими тижнями тут планують відкрити розмовний клуб англійської мови та гурток для школярів.</p>",
            ],
        ],
    },
    # 4
    {
        "slug": "short-term-rental-caps-are-not-enough",
        "section": "opinion",
        "kind": "opinion",
        "language": "en",
        "headline": "Capping holiday lets is the easy part. Building homes is the hard one",
        "standfirst": "Lisbon's licence freeze is popular and overdue, but Europe's cities will not rent their way out of a shortage they have spent twenty years creating.",
        "authors": ["maren-holt"],
        "tags": ["Housing"],
        "hours_ago": 12,
        "image": {
            "title": "Keys on a hook",
            "caption": "A key box used by a holiday-let operator, mounted beside a front door in central Lisbon, Portugal.",
            "credit": "Rui Carvalho / Courier Photo Desk",
            "colours": ["#3d405b", "#f2cc8f"],
        },
        "body": [
            [
                "paragraph",
                "<p>Every summer the same photograph does the rounds: a historic street in Lisbon, Barcelona or Florence, a row of key boxes screwed into the walls, and not a single name on the doorbells. It is a powerful image, and it explains why councils across southern Europe are now racing to cap holiday lets. Lisbon's decision this week to freeze new licences in seven central parishes is the latest example, and it is the right call.</p>",
            ],
            [
                "paragraph",
                "<p>But it is worth being honest about what such caps can and cannot do. In Lisbon, the council itself expects the measure to return perhaps 1,500 flats to the long-term market over three years. The city has a waiting list for affordable housing many times that size. A cap slows the leak; it does not refill the tank.</p>",
            ],
            ["related", {"slug": "lisbon-council-votes-to-cap-short-term-rentals", "excerpt": ""}],
            ["subheading", "The shortage came first"],
            [
                "paragraph",
                "<p>Southern Europe's housing squeeze did not start with online booking platforms. Portugal, Spain and Italy all saw construction collapse after the 2008 financial crisis, and in several regions it has never recovered. Spain now completes fewer than 100,000 homes a year, against more than 600,000 at the height of the boom. Tourist flats grabbed the spare capacity that was left — they did not create the scarcity.</p>",
            ],
            [
                "pull_quote",
                {"quote": "A cap slows the leak; it does not refill the tank.", "attribution": "Maren Holt, Editor"},
            ],
            [
                "paragraph",
                "<p>That is why the debate needs to move quickly from restriction to construction. Vienna, which still houses roughly half of its residents in municipal or subsidised flats, shows that a city can keep rents in check when it owns land and builds continuously, decade after decade. Few capitals have the patience or the balance sheet to copy it in full, but they can copy its habits: public land kept public, planning permissions granted in months rather than years, and a steady pipeline that does not stop every time interest rates rise.</p>",
            ],
            [
                "paragraph",
                "<p>None of this is as satisfying as a vote at midnight. It will not produce a photograph. But if the freeze in Lisbon is the only thing that happens, the key boxes will simply move to the next neighbourhood — and in three years' time the council will be voting again.</p>",
            ],
        ],
    },
    # 5
    {
        "slug": "what-the-ai-act-asks-of-general-purpose-models",
        "section": "news",
        "kind": "explainer",
        "language": "en",
        "headline": "What the EU's AI Act now asks of the companies behind chatbots",
        "standfirst": "Rules for general-purpose AI models have applied since August 2025. Here is what providers must do, who checks, and what happens if they don't.",
        "authors": ["ines-kowalczyk"],
        "tags": ["Technology", "European Union"],
        "hours_ago": 18,
        "image": {
            "title": "Server racks",
            "caption": "Rows of server racks in a data centre on the outskirts of Dublin, Ireland.",
            "credit": "Aoife Brennan / Northlight Images",
            "colours": ["#0b132b", "#5bc0be"],
        },
        "body": [
            [
                "paragraph",
                "<p>The EU's Artificial Intelligence Act is being switched on in stages. It entered into force on 1 August 2024; a ban on a short list of “unacceptable” uses, such as social scoring, followed in February 2025. The stage that matters most for the makers of large chatbots — the obligations on so-called general-purpose AI models — began on 2 August 2025.</p>",
            ],
            [
                "paragraph",
                "<p>A general-purpose model is one that can perform a wide range of tasks and be built into many different products: the large language models behind popular assistants are the obvious example. Any company placing such a model on the EU market is covered, wherever it is based, whether in the U.S., China or Europe.</p>",
            ],
            ["subheading", "What must they do?"],
            [
                "paragraph",
                "<p>Providers must keep technical documentation about how a model was built and tested, give downstream developers enough information to use it lawfully, put in place a policy to respect EU copyright law, and publish a summary of the content used for training. Models considered to pose “systemic risk” — by default, those trained with more than 10²⁵ floating-point operations of computing power — face extra duties, including adversarial testing, incident reporting and cybersecurity safeguards.</p>",
            ],
            [
                "paragraph",
                '<p>To help companies comply, the European Commission published a voluntary <a href="https://example.org/ai-code-of-practice">code of practice</a> in July 2025. Signing it is not mandatory, but firms that do can point to it as evidence they are meeting the law. Most large U.S. and European developers signed at least part of it; a few declined.</p>',
            ],
            ["subheading", "Who enforces it, and how hard?"],
            [
                "paragraph",
                "<p>A new AI Office inside the Commission supervises general-purpose models directly. Its powers to fine only start in August 2026, and models already on the market before August 2025 have until 2027 to fall in line. Fines for breaches of the model rules can reach €15 million or 3% of global annual turnover, whichever is higher.</p>",
            ],
            [
                "paragraph",
                "<p>“For the first year, this is a documentation exercise more than a policing one,” said Dr. Helena Brandt, a technology lawyer in Brussels who advises mid-sized software firms. “The real test comes when the AI Office has to decide whether a company's paperwork is good enough.”</p>",
            ],
            ["related", {"slug": "the-ai-act-deserves-patience", "excerpt": ""}],
        ],
    },
    # 6
    {
        "slug": "review-the-salt-road",
        "section": "culture",
        "kind": "review",
        "language": "en",
        "headline": "The Salt Road follows three generations of Baltic herring fishers, and never looks away",
        "standfirst": "Estonian director Kadri Lepp's patient documentary is the most quietly devastating film about work and climate this year.",
        "authors": ["priya-nair"],
        "tags": ["Film", "Climate"],
        "hours_ago": 23,
        "image": {
            "title": "Fishing boat at dawn",
            "caption": "A still from The Salt Road showing a trawler leaving harbour at dawn on the island of Saaremaa, Estonia.",
            "credit": "Still courtesy of Lõuna Films / Courier Photo Desk",
            "colours": ["#2b4162", "#b8c4bb"],
        },
        "body": [
            [
                "paragraph",
                "<p>The first words in <i>The Salt Road</i> arrive eleven minutes in. Until then, Kadri Lepp's camera simply watches: a trawler nosing out of a harbour on Saaremaa in the half-light, nets being mended on a kitchen table, a grandmother counting money into an envelope. When the talking starts, it is about numbers — catch quotas, diesel prices, the cost of a new winch — and it does not stop being about numbers for the next 98 minutes.</p>",
            ],
            [
                "paragraph",
                "<p>That is the film's quiet radicalism. Lepp, whose previous work was a short about a closing bus depot, has made a documentary about climate change in which the phrase “climate change” is barely spoken. Instead, we watch the Tamm family adapt to a sea that is warmer, saltier in the wrong places and emptier every year. Herring quotas in the central Baltic have been cut sharply over the past decade, and the film shows what that means in a single household: a son who leaves for Tallinn, a boat sold to a Finnish buyer, a father who starts driving a delivery van on his days off.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "You don't fish for the fish any more. You fish for the paperwork, and then maybe there are fish.",
                    "attribution": "Arvo Tamm, fisherman, in The Salt Road",
                },
            ],
            [
                "paragraph",
                "<p>The film has flaws. A middle section about a regional fisheries meeting drags, and a late, wordless montage of empty nets leans too hard on the score. But Lepp earns her ending, in which the youngest Tamm — a 9-year-old who has spent the whole film asking to go out on the boat — finally does so, on what may be the family's last season.</p>",
            ],
            [
                "paragraph",
                "<p><i>The Salt Road</i> opens in selected cinemas in the UK and Ireland on Friday and is touring festivals across the Nordic countries. It deserves a wider audience than a documentary about herring quotas is likely to get.</p>",
            ],
        ],
    },
    # 7
    {
        "slug": "night-train-operator-orders-sleeper-carriages",
        "section": "business",
        "kind": "news",
        "language": "en",
        "headline": "Start-up night train operator orders 30 sleeper carriages in €210 million deal",
        "standfirst": "Nordlicht Rail plans to run nightly services between Copenhagen, Berlin and Vienna from 2028, but says track access charges remain its biggest risk.",
        "authors": ["tomas-reyes", "declan-frost"],
        "tags": ["Transport", "Climate"],
        "hours_ago": 29,
        "image": {
            "title": "Sleeper carriage interior",
            "caption": "A mock-up of a sleeper compartment displayed at a rail industry fair in Berlin, Germany.",
            "credit": "Lena Markus / Northlight Images",
            "colours": ["#283618", "#dda15e"],
        },
        "body": [
            [
                "paragraph",
                "<p>Nordlicht Rail, a Copenhagen-based start-up, has ordered 30 new sleeper carriages from a Czech manufacturer in a deal worth about €210 million, the company said on Monday. It plans to use them on nightly routes linking Copenhagen with Berlin and Vienna from the spring of 2028.</p>",
            ],
            [
                "paragraph",
                "<p>The order is financed by a mix of private equity and a loan from a Nordic public investment bank, which is covering roughly 40% of the cost. Nordlicht said each train would carry up to 400 passengers in compartments ranging from six-berth couchettes to private cabins with their own shower.</p>",
            ],
            [
                "paragraph",
                "<p>“Demand is not our problem,” said Sofie Lund, Nordlicht's chief executive. “Every survey we run tells us people would rather sleep through the journey than fly. Our problem is that running a train at night across three countries costs us more in track fees than an airline pays in airport charges.”</p>",
            ],
            [
                "image",
                {
                    "title": "Couchette berths",
                    "caption": "Folding couchette berths in a refurbished carriage stabled at a depot in Copenhagen, Denmark.",
                    "credit": "Jonas Friis / Northlight Images",
                    "colours": ["#3d405b", "#e07a5f"],
                },
            ],
            ["subheading", "Fees and rolling stock"],
            [
                "paragraph",
                "<p>Track access charges, set separately by each national rail network, can make up a quarter of a night train's operating costs. Operators have long complained that the fees are calculated for short daytime services and penalise long, slow overnight runs. The EU has promised a review, but no binding changes have been agreed.</p>",
            ],
            [
                "paragraph",
                "<p>A shortage of carriages has also held the sector back. Several operators launched night services in the early 2020s using refurbished stock, only to cancel trains when ageing coaches broke down. New carriages typically take four to five years from order to delivery.</p>",
            ],
            ["related", {"slug": "europe-should-subsidise-night-trains", "excerpt": ""}],
            [
                "paragraph",
                "<p>Nordlicht said it expected ticket prices to start at about €69 for a couchette berth and to break even in its 3rd full year of operation.</p>",
            ],
        ],
    },
    # 8
    {
        "slug": "steady-rates-are-not-a-strategy",
        "section": "opinion",
        "kind": "opinion",
        "language": "en",
        "headline": "Holding rates is easy. The ECB still owes us a map",
        "standfirst": "Inflation is back near target, but Europe's central bank has not explained how it will respond to the next shock, and savers and borrowers deserve to know.",
        "authors": ["tomas-reyes"],
        "tags": ["Markets", "European Union"],
        "hours_ago": 35,
        "image": {
            "title": "Euro coins",
            "caption": "Euro coins from several member states on a café table in Valencia, Spain.",
            "credit": "Marta Ibarra / Northlight Images",
            "colours": ["#1d3557", "#a8dadc"],
        },
        "body": [
            [
                "paragraph",
                "<p>There was no drama in Frankfurt this week, and that is to the European Central Bank's credit. In October 2022 eurozone inflation touched 10.6%, the highest since the single currency was created. Today it sits close to 2%, the deposit rate is 2%, and the bank can afford to hold still. Few people expected the landing to be this soft.</p>",
            ],
            ["related", {"slug": "ecb-holds-rates-as-inflation-settles", "excerpt": ""}],
            [
                "paragraph",
                "<p>But holding still is not the same as having a plan. The ECB's message at each recent meeting has been that it is “data-dependent” and will decide “meeting by meeting”. That is a sensible way to avoid promises it cannot keep. It is also a way of saying very little at all, and it leaves households to guess.</p>",
            ],
            ["subheading", "The next shock is already visible"],
            [
                "paragraph",
                "<p>The risks are not hypothetical. Trade tensions with the U.S. could push prices down by weakening demand for European exports, or up if supply chains are disrupted. Energy markets remain one cold winter away from another spike. And governments, particularly in Germany, are about to spend hundreds of billions of euros on defence and infrastructure, which will test how much fiscal stimulus the economy can absorb without overheating.</p>",
            ],
            [
                "paragraph",
                "<p>Each of these shocks calls for a different response, and the ECB has the tools to explain, in plain language, how it would weigh them. The Bank of England and Sweden's Riksbank both publish scenarios alongside their main forecasts. The ECB does too, but buries them deep in technical documents that almost no one outside the markets reads.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "A mortgage holder in Porto deserves the same forward guidance as a bond trader in London.",
                    "attribution": "Tomás Reyes, Business editor",
                },
            ],
            [
                "paragraph",
                "<p>This is not an argument for cutting or raising rates. It is an argument for treating the public as an audience. A mortgage holder in Porto deserves the same forward guidance as a bond trader in London. The calm of the past few months is the best possible moment to build that habit — before the next storm makes every word from Frankfurt sound like an emergency.</p>",
            ],
        ],
    },
    # 9
    {
        "slug": "tampere-heat-pump-plant-switches-on",
        "section": "news",
        "kind": "news",
        "language": "en",
        "headline": "Finnish city switches on heat pump that warms 20,000 homes with treated wastewater",
        "standfirst": "Tampere's municipal utility says the 60-megawatt plant will cut the carbon emissions of its district heating network by about a fifth.",
        "authors": ["declan-frost"],
        "tags": ["Energy", "Climate"],
        "hours_ago": 41,
        "image": {
            "title": "Heat pump hall",
            "caption": "Engineers inspect compressors inside the new heat pump plant at a wastewater treatment site in Tampere, Finland.",
            "credit": "Hanna Soini / Eastbound Pictures",
            "colours": ["#1b4332", "#95d5b2"],
        },
        "body": [
            [
                "paragraph",
                "<p>A 60-megawatt heat pump that draws warmth from the city's treated wastewater began supplying Tampere's district heating network on Wednesday, making it one of the largest installations of its kind in the Nordic countries. The municipal utility, Tampereen Lämpö, said the plant would heat the equivalent of about 20,000 apartments during the coldest months.</p>",
            ],
            [
                "paragraph",
                "<p>The €85 million project takes water leaving the treatment works at between 10°C and 15°C, extracts heat from it and raises the temperature of the network's supply water to about 85°C. The utility estimates that it will reduce the network's annual carbon dioxide emissions by roughly 20%, mainly by replacing heat that is currently produced by burning wood chips and peat.</p>",
            ],
            [
                "image",
                {
                    "title": "Outflow channel",
                    "caption": "Treated water leaves the heat exchanger building before returning to Lake Pyhäjärvi, Tampere, Finland.",
                    "credit": "Hanna Soini / Eastbound Pictures",
                    "colours": ["#184e77", "#d9ed92"],
                },
            ],
            [
                "paragraph",
                "<p>“Wastewater is the most reliable heat source a city has,” said Mikko Rantanen, the utility's technical director. “It is there every day, it is warmer than the lake in winter, and nobody has to ship it to us.”</p>",
            ],
            ["subheading", "Cheap power makes the numbers work"],
            [
                "paragraph",
                "<p>Large heat pumps have spread quickly in Finland and Denmark, where wind power often pushes electricity prices very low, and sometimes below zero, at night. The plant is designed to run hardest when power is cheapest and to store surplus heat in a 40,000 cubic metre water tank for use during price peaks.</p>",
            ],
            [
                "paragraph",
                "<p>Critics point out that the approach depends on a steady supply of low-cost electricity. A period of high power prices, as in the winter of 2022–23, could make the heat pump more expensive to run than the boilers it replaces. The utility said it would keep two biomass boilers on standby until at least 2030.</p>",
            ],
        ],
    },
    # 10
    {
        "slug": "after-the-blackout-iberias-grid-questions",
        "section": "news",
        "kind": "analysis",
        "language": "en",
        "headline": "The day Iberia went dark, and the grid questions it left behind",
        "standfirst": "The April 2025 blackout in Spain and Portugal was not caused by renewables, investigators say, but it exposed how Europe's power systems have been slow to adapt to them.",
        "authors": ["declan-frost"],
        "tags": ["Energy", "European Union"],
        "hours_ago": 47,
        "image": {
            "title": "Traffic lights out",
            "caption": "Police direct traffic at a junction in central Madrid, Spain, after a nationwide power cut on 28 April 2025.",
            "credit": "Marta Ibarra / Northlight Images",
            "colours": ["#22223b", "#f4a261"],
        },
        "body": [
            [
                "paragraph",
                "<p>At 12:33 on 28 April 2025, the electricity system of mainland Spain and Portugal collapsed in a matter of seconds. Trains stopped between stations, traffic lights went out across Madrid and Lisbon, and hospitals switched to generators. Roughly 15 gigawatts of generation — around 60% of Spain's demand at that moment — disappeared from the grid almost at once. For most of the 55 million people affected, power returned within 10 to 18 hours. It was the most serious blackout in Europe in two decades. Mobile networks failed within hours as backup batteries ran down, cash machines stopped working and thousands of people spent the night in stations or walked home across cities without street lighting. Spain's government declared a state of emergency in several regions, and some residents of rural Portugal did not see their lights return until the following afternoon.</p>",
            ],
            [
                "paragraph",
                "<p>In the days that followed, the event became a proxy war. Some commentators blamed Spain's high share of solar power, which was supplying well over half of demand on a bright spring afternoon. Others blamed the grid operator, Red Eléctrica, or the owners of conventional power plants, who in turn blamed each other. Politicians in Madrid and Lisbon traded accusations about who had known what, and when. The official reports published since then have complicated every one of those stories.</p>",
            ],
            ["subheading", "What the investigations found"],
            [
                "paragraph",
                "<p>The Spanish government's inquiry, published in June 2025, described a cascade that began with unusual voltage swings in the south of the country. As voltage rose, protection systems at several generating sites disconnected them, which pushed voltage higher still and triggered further disconnections. The report concluded that the system did not have enough capacity in place to control voltage that day, and that some plants that were supposed to help absorb the surge did not do so as required. In other words, investigators did not find that solar panels “caused” the blackout. They found that the rules and equipment for keeping voltage stable had not kept pace with a grid in which fewer large spinning generators are running at any given moment. A separate technical review by ENTSO-E, the association of European grid operators, has examined the sequence second by second and is expected to shape future network codes.</p>",
            ],
            [
                "paragraph",
                "<p>Iberia is unusually exposed. Its connection to France amounts to only about 3% of its generating capacity, far below the EU's target of 15% by 2030, so when the system fails it cannot lean on its neighbours. But engineers elsewhere say the underlying issue is universal. “Every grid in Europe is moving from a few hundred big machines to millions of small inverters,” said Dr. Lucía Ferrer, a power systems engineer at the University of Zaragoza. “The physics did not change on 28 April. What changed is that we finally had to look at it.”</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "The physics did not change on 28 April. What changed is that we finally had to look at it.",
                    "attribution": "Dr. Lucía Ferrer, power systems engineer, University of Zaragoza",
                },
            ],
            [
                "paragraph",
                "<p>The technical fixes are known. Modern inverters can provide voltage control, and even a form of synthetic inertia, if grid codes require them to. Synchronous condensers — essentially heavy flywheels connected to the grid — can stabilise the system without burning fuel. Batteries can respond in milliseconds. Spain has since approved changes requiring renewable plants to take part in voltage control, and its cabinet has backed faster permitting for storage. Portugal, which imported much of its power from Spain at the moment of the collapse, has announced plans to strengthen its own ability to restart the grid without help from across the border.</p>",
            ],
            [
                "paragraph",
                "<p>What remains harder is the money. Europe's grid operators will need to invest around €584 billion in electricity networks this decade, according to the European Commission's 2023 grid action plan. Much of that will end up on household bills, and little of it produces anything voters can see. “Nobody cuts a ribbon for a voltage controller,” said Ferrer. For now, the lesson most engineers draw is a modest one. The Iberian blackout was not the price of clean energy; it was the price of running a 21st-century power system on rules written for the 20th.</p>",
            ],
            [
                "related",
                {
                    "slug": "grids-are-the-unglamorous-priority",
                    "excerpt": "Declan Frost argues that Europe should spend less time arguing about generation and more on the wires.",
                },
            ],
        ],
    },
    # 11
    {
        "slug": "edinburgh-bookshop-cooperative-first-year",
        "section": "culture",
        "kind": "news",
        "language": "en",
        "headline": "Edinburgh's worker-owned bookshop turns a profit in its first year",
        "standfirst": "Staff who bought the Leith shop from its retiring owner say community events, not discounts, kept the tills ringing.",
        "authors": ["priya-nair"],
        "tags": ["Books"],
        "hours_ago": 54,
        "image": {
            "title": "Bookshop window",
            "caption": "The window display at the Leith Books cooperative on Great Junction Street, Edinburgh, Scotland.",
            "credit": "Callum Reid / Courier Photo Desk",
            "colours": ["#6d597a", "#eaac8b"],
        },
        "body": [
            [
                "paragraph",
                "<p>A bookshop in Leith that was bought by its own staff last year has ended its first full year in profit, one of a small but growing number of independent shops in the UK to adopt a cooperative model. Leith Books reported sales of £412,000 and a surplus of just over £9,000, which its five worker-owners have voted to put towards a children's reading programme.</p>",
            ],
            [
                "paragraph",
                "<p>The shop's previous owner, who ran it for 27 years, had planned to close when he retired. Instead the staff raised about £60,000 through a community share offer, with more than 700 local residents each buying a stake of at least £25.</p>",
            ],
            [
                "paragraph",
                "<p>“People didn't invest because they thought they'd get rich,” said Morag Kerr, who has worked at the shop since 2016 and now chairs its board. “They invested because they didn't want another empty unit on the street. That sense of ownership changes how often they come in.”</p>",
            ],
            ["subheading", "Events over discounts"],
            [
                "paragraph",
                "<p>The cooperative has avoided competing on price. Instead it runs around 120 events a year, from author readings to a monthly translated-fiction book club and a Saturday story hour that regularly draws 40 children. Event tickets and related sales now account for about 18% of turnover.</p>",
            ],
            [
                "paragraph",
                "<p>The Booksellers Association reports that the number of independent bookshops in the UK and Ireland has grown for several years running, after falling steadily through the 2000s. Leith Books said it had been contacted by staff at four other shops considering a similar buy-out.</p>",
            ],
        ],
    },
    # 12
    {
        "slug": "europe-should-subsidise-night-trains",
        "section": "opinion",
        "kind": "opinion",
        "language": "en",
        "headline": "Europe subsidises airports without blinking. It should do the same for night trains",
        "standfirst": "Sleeper services are popular, low-carbon and stuck in a pricing system designed against them. Fixing that would cost less than a single regional airport.",
        "authors": ["declan-frost"],
        "tags": ["Transport", "Climate"],
        "hours_ago": 60,
        "image": {
            "title": "Night platform",
            "caption": "Passengers board an overnight service at Vienna Central Station, Austria, shortly before 22:00.",
            "credit": "Lena Markus / Northlight Images",
            "colours": ["#0d1b2a", "#e0e1dd"],
        },
        "body": [
            [
                "paragraph",
                "<p>I have taken more than 40 night trains in the past five years, and I can report that the experience is the same whichever country you start in. The train is full. The staff are tired and kind. And somewhere around 2 a.m., at a border you cannot see in the dark, the carriage stands still for an hour while a new locomotive and a new crew are attached — and a new national rail company starts charging the operator for the privilege of using its tracks.</p>",
            ],
            [
                "paragraph",
                "<p>That hidden hour explains most of what is wrong with Europe's night trains. Demand is not the problem: operators report occupancy rates that airlines would envy. The problem is that every national network prices access as if a 14-hour overnight service were a commuter train, charging by the kilometre and by the slot, often at rates that rise at exactly the times sleepers need to run.</p>",
            ],
            ["related", {"slug": "night-train-operator-orders-sleeper-carriages", "excerpt": ""}],
            ["subheading", "A fair comparison"],
            [
                "paragraph",
                "<p>Compare this with aviation. Airlines pay no fuel tax on international flights, no VAT on international tickets, and many regional airports survive only because local governments cover their losses. Nobody calls this a subsidy; it is simply how flying works. A night train from Copenhagen to Vienna, by contrast, pays full freight for every kilometre, and its passengers pay VAT on their tickets in several countries.</p>",
            ],
            [
                "paragraph",
                "<p>The fix is not complicated. The EU could set a reduced, harmonised track access charge for international overnight services, and let member states compensate their rail networks from the revenues of the emissions trading system. A few hundred million euros a year would transform the economics of the sector. That is less than the cost of a single new airport terminal.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "Nobody calls it a subsidy when an airport is rescued. It is simply how flying works.",
                    "attribution": "Declan Frost, Climate and energy reporter",
                },
            ],
            [
                "paragraph",
                "<p>Start-ups such as Nordlicht Rail are betting hundreds of millions of euros that politicians will eventually do the obvious thing. They should not have to bet. If Europe is serious about cutting emissions from short-haul travel, the cheapest policy it has is to stop charging night trains more than it charges planes.</p>",
            ],
        ],
    },
    # 13
    {
        "slug": "eu-approves-first-defence-loan-plans",
        "section": "news",
        "kind": "news",
        "language": "en",
        "headline": "EU clears first national plans under €150 billion defence loan scheme",
        "standfirst": "Poland is set to be the biggest borrower, as governments use cheap EU credit to buy air defence, ammunition and drones together.",
        "authors": ["ines-kowalczyk"],
        "tags": ["European Union", "Ukraine"],
        "hours_ago": 67,
        "image": {
            "title": "Berlaymont flags",
            "caption": "Flags outside the Berlaymont building, headquarters of the European Commission, in Brussels, Belgium.",
            "credit": "Pieter De Smet / Northlight Images",
            "colours": ["#003399", "#ffcc00"],
        },
        "body": [
            [
                "paragraph",
                "<p>The European Commission has approved the first national spending plans under SAFE, the EU's €150 billion loan instrument for defence, opening the way for governments to start drawing on money borrowed jointly on financial markets. The scheme, agreed by member states in May 2025, lends to governments at the EU's own borrowing costs, which are lower than those many capitals would pay on their own.</p>",
            ],
            [
                "paragraph",
                "<p>Poland, which already spends more than 4% of its GDP on defence, is due to receive the largest share, more than €40 billion. Other significant borrowers include Romania, France, Hungary and Italy. Loans must mostly be spent on equipment in which at least 65% of the value of components comes from the EU, the wider European Economic Area or Ukraine.</p>",
            ],
            [
                "paragraph",
                "<p>Priority areas include air and missile defence, artillery ammunition, drones and counter-drone systems, and military mobility. Purchases made jointly by two or more countries are favoured, and Ukraine can take part in common procurement.</p>",
            ],
            ["subheading", "Questions over scrutiny"],
            [
                "paragraph",
                "<p>The loans are part of a broader package the Commission has said could mobilise up to €800 billion for defence by 2030, largely by allowing countries to spend more without breaching EU deficit rules. Some members of the European Parliament have complained that the scheme was adopted under an emergency legal basis that gave them no vote.</p>",
            ],
            [
                "paragraph",
                "<p>“We are talking about one of the largest common borrowing programmes in the EU's history, and the people's representatives were told to watch from the gallery,” said Elin Vesterberg, a Swedish MEP on the budget committee. A Commission official, speaking on background, said speed was essential given the security situation and that Parliament would be kept informed at every stage.</p>",
            ],
            ["related", {"slug": "defence-spending-needs-a-public-argument", "excerpt": ""}],
            [
                "paragraph",
                "<p>First payments, worth up to 15% of each country's allocation, are expected within weeks.</p>",
            ],
        ],
    },
    # 14
    {
        "slug": "why-european-airlines-are-flush-but-nervous",
        "section": "business",
        "kind": "analysis",
        "language": "en",
        "headline": "Europe's airlines have never been fuller. So why are their bosses nervous?",
        "standfirst": "Record passenger numbers mask tight aircraft supply, rising green-fuel mandates and a price war on the horizon.",
        "authors": ["tomas-reyes"],
        "tags": ["Transport", "Markets"],
        "hours_ago": 75,
        "image": {
            "title": "Departures board",
            "caption": "Passengers check a departures board at Brussels Airport in Zaventem, Belgium, during the summer peak.",
            "credit": "Pieter De Smet / Northlight Images",
            "colours": ["#3a0ca3", "#f72585"],
        },
        "body": [
            [
                "paragraph",
                "<p>By almost any measure, European aviation has recovered from the pandemic. Airports in the EU handled more passengers last summer than in 2019, planes flew with more than 85% of seats filled, and average fares remain well above pre-pandemic levels. Several of the continent's biggest carriers have reported record profits.</p>",
            ],
            [
                "paragraph",
                "<p>Yet the mood at industry conferences is closer to anxiety than celebration. Three pressures explain why.</p>",
            ],
            ["subheading", "Not enough planes"],
            [
                "paragraph",
                "<p>The first is aircraft supply. Airbus and Boeing are years behind on deliveries, and problems with some engine types have forced airlines to ground hundreds of jets for inspections. High fares are partly a symptom of that shortage: carriers simply cannot add capacity fast enough. “We could sell 10% more seats tomorrow if someone gave us the planes,” said the finance director of one mid-sized European carrier, who asked not to be named because he was not authorised to speak publicly.</p>",
            ],
            ["subheading", "Green fuel costs"],
            [
                "paragraph",
                "<p>The second is fuel. Under the EU's ReFuelEU rules, jet fuel supplied at European airports must contain at least 2% sustainable aviation fuel from 2025, rising to 6% in 2030 and 70% by 2050. Sustainable fuel currently costs between two and five times as much as the fossil kind. Airlines expect to pass much of that on to passengers, but worry that carriers flying through hubs outside the EU will gain a price advantage.</p>",
            ],
            ["subheading", "The next price war"],
            [
                "paragraph",
                "<p>The third is the cycle itself. When the delivery backlog eases, perhaps by 2027, airlines will all receive new aircraft at once. Analysts at the Madrid consultancy Altavista Transport estimate that European short-haul capacity could grow by 6% to 8% a year for several years — faster than demand. Fares would fall, and the weakest carriers could struggle.</p>",
            ],
            [
                "paragraph",
                "<p>For now, passengers are paying more for fuller flights. For the airlines, the risk is that today's scarcity turns into tomorrow's glut, just as the bill for cleaner fuel starts to arrive.</p>",
            ],
        ],
    },
    # 15
    {
        "slug": "measles-cases-prompt-school-vaccination-drive",
        "section": "news",
        "kind": "news",
        "language": "en",
        "headline": "Romanian county sends mobile clinics to schools after measles cases rise",
        "standfirst": "Health officials in Cluj say 46 children have been treated in hospital this autumn, nearly all of them unvaccinated.",
        "authors": ["maren-holt"],
        "tags": ["Health"],
        "hours_ago": 82,
        "image": {
            "title": "School clinic",
            "caption": "A nurse prepares vaccination records at a mobile clinic parked outside a primary school in Cluj-Napoca, Romania.",
            "credit": "Andrei Pop / Courier Photo Desk",
            "colours": ["#264653", "#2a9d8f"],
        },
        "body": [
            [
                "paragraph",
                "<p>Health authorities in the Romanian county of Cluj have begun sending mobile vaccination clinics to schools after a rise in measles cases, with 46 children admitted to hospital since September. All but three had not received the two recommended doses of the measles, mumps and rubella (MMR) vaccine, the county public health directorate said.</p>",
            ],
            [
                "paragraph",
                "<p>The clinics will visit 85 primary schools over six weeks, offering free catch-up doses to pupils whose parents give consent. Family doctors will also contact the parents of about 4,000 children whose records show a missed dose.</p>",
            ],
            [
                "paragraph",
                "<p>Romania has been at the centre of Europe's measles resurgence. The WHO's European region recorded more than 120,000 cases in 2024, the highest figure in over 25 years, and Romania accounted for a large share of them. Coverage with the 2nd dose of MMR in the country has fallen well below the 95% needed to stop the virus spreading.</p>",
            ],
            [
                "paragraph",
                "<p>“Most parents are not against vaccines — they are tired, they work far from home, or the doctor's office is an hour away by bus,” said Dr. Ioana Mureșan, a paediatrician at the county's children's hospital. “If we bring the vaccine to the school gate, a lot of those doses happen.”</p>",
            ],
            ["subheading", "Trust and access"],
            [
                "paragraph",
                "<p>The drive will be accompanied by information sessions led by local doctors and, in some villages, by priests and teachers. Officials said a similar campaign in a neighbouring county last year raised coverage among targeted children by 12 percentage points.</p>",
            ],
            ["related", {"slug": "vaccine-trust-is-built-locally", "excerpt": ""}],
            [
                "paragraph",
                "<p>Measles is one of the most contagious diseases known and can cause pneumonia, brain swelling and death, particularly in young children. Most cases in Cluj this year have been in children under five.</p>",
            ],
        ],
    },
    # 16
    {
        "slug": "grids-are-the-unglamorous-priority",
        "section": "opinion",
        "kind": "opinion",
        "language": "en",
        "headline": "Stop arguing about power stations. Europe's real energy fight is over wires",
        "standfirst": "The Iberian blackout should end the tired debate over which kind of generation is to blame, and start a serious one about who pays for the grid.",
        "authors": ["declan-frost"],
        "tags": ["Energy", "Climate"],
        "hours_ago": 90,
        "image": {
            "title": "Pylons in fog",
            "caption": "High-voltage transmission lines cross farmland near Zaragoza, Spain, on a foggy morning.",
            "credit": "Marta Ibarra / Northlight Images",
            "colours": ["#495057", "#ffba08"],
        },
        "body": [
            [
                "paragraph",
                "<p>Europe loves to argue about power stations. Nuclear or wind? Gas as a bridge or a trap? Rooftop solar or offshore farms? These debates fill op-ed pages and election manifestos, and they are, increasingly, beside the point. The decisive infrastructure of the energy transition is not the thing that makes electricity. It is the thing that moves it.</p>",
            ],
            [
                "paragraph",
                "<p>The investigations into the Iberian blackout make this plain. The system did not fail because there was too much sun. It failed because the rules and equipment for keeping voltage stable had not been updated for a grid where solar and wind do most of the work on a spring afternoon. That is a problem of networks, not of generation — and networks are where Europe has underinvested for 20 years.</p>",
            ],
            ["related", {"slug": "after-the-blackout-iberias-grid-questions", "excerpt": ""}],
            ["subheading", "The queue nobody sees"],
            [
                "paragraph",
                "<p>Across the EU, hundreds of gigawatts of wind, solar and storage projects are waiting to be connected to the grid, some for the best part of a decade. Interconnectors between countries, which let a windy North Sea help a calm Mediterranean, take ten years or more to permit and build. Spain's link to France is still tiny relative to its size. These are not technological mysteries; they are planning and financing failures.</p>",
            ],
            [
                "paragraph",
                "<p>The reason is simple. Grids are paid for through household and business bills, and regulators are rightly reluctant to raise bills. But the cost of not building them is also paid by consumers, through curtailed wind farms, congested lines, expensive gas plants kept on standby and, occasionally, a day without power at all.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "The decisive infrastructure of the energy transition is not the thing that makes electricity. It is the thing that moves it.",
                    "attribution": "Declan Frost, Climate and energy reporter",
                },
            ],
            [
                "paragraph",
                "<p>Europe should treat cross-border grids the way it once treated motorways: as shared public works financed partly at EU level, with common borrowing if necessary. Governments found €150 billion for defence loans in a matter of months. A comparable facility for interconnectors and grid stability would do more for energy security than any new power station.</p>",
            ],
        ],
    },
    # 17
    {
        "slug": "review-the-ferry-year",
        "section": "culture",
        "kind": "review",
        "language": "en",
        "headline": "The Ferry Year is a small novel about a long crossing, and it is superb",
        "standfirst": "Ilse Marnix's third book, newly translated from Dutch, turns twelve months on a North Sea ferry into a portrait of a continent in transit.",
        "authors": ["priya-nair"],
        "tags": ["Books"],
        "hours_ago": 98,
        "image": {
            "title": "Ferry deck",
            "caption": "The open deck of an overnight ferry crossing the North Sea between IJmuiden, the Netherlands, and Newcastle, England.",
            "credit": "Callum Reid / Courier Photo Desk",
            "colours": ["#457b9d", "#f1faee"],
        },
        "body": [
            [
                "paragraph",
                "<p>Ilse Marnix's narrator, Wim, works in the purser's office of an overnight ferry between the Netherlands and the north of England. He has done so for 19 years. Over the course of the twelve months covered by <i>The Ferry Year</i>, which arrives this month in a crisp English translation by Ruth Okafor, he checks in lorry drivers and school trips, stag parties and widows, and barely sets foot on dry land for more than a day at a time.</p>",
            ],
            [
                "paragraph",
                "<p>Not much happens, and that is the point. Marnix is interested in the people who live in the gaps between countries: the Lithuanian driver who sleeps in his cab to save the price of a cabin, the retired couple who book the same crossing every anniversary, the young Syrian engineer whose paperwork Wim must examine with a politeness that slowly curdles into shame. Each chapter is a single crossing, and each is around 15 pages long — short enough to read between ports.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "At sea everyone is a little bit foreign, and so for eighteen hours nobody is.",
                    "attribution": "From The Ferry Year, translated by Ruth Okafor",
                },
            ],
            [
                "paragraph",
                "<p>What makes the book more than a collection of vignettes is the slow drift of Wim's own life. His marriage is ending, quietly, by email. His employer is replacing the purser's office with self-service kiosks. The ship itself, we learn in the final chapters, is due to be sold to an operator in the Mediterranean. Marnix never underlines any of this; she lets the reader notice, as Wim does, a beat too late.</p>",
            ],
            [
                "paragraph",
                "<p>The translation deserves praise of its own. Okafor keeps Marnix's dry Dutch humour intact and resists the temptation to smooth over the oddities of the ship's many languages. At 212 pages, <i>The Ferry Year</i> is one of the shortest novels I have reviewed this year. It is also one of the very few I expect to reread.</p>",
            ],
            [
                "paragraph",
                "<p><i>The Ferry Year</i> by Ilse Marnix, translated by Ruth Okafor, is published by Harbour Lane Press at £14.99.</p>",
            ],
        ],
    },
    # 18
    {
        "slug": "climate-finance-after-baku-explained",
        "section": "news",
        "kind": "explainer",
        "language": "en",
        "headline": "The $300 billion question at the heart of the climate talks",
        "standfirst": "Rich countries promised in Baku to mobilise at least $300 billion a year for developing nations by 2035. What does that number mean, who pays, and why is everyone still arguing about it?",
        "authors": ["declan-frost"],
        "tags": ["Climate"],
        "hours_ago": 107,
        "image": {
            "title": "Conference hall",
            "caption": "Delegates in the plenary hall during the closing session of the COP29 climate conference in Baku, Azerbaijan, in November 2024.",
            "credit": "Declan Frost / Courier Photo Desk",
            "colours": ["#03045e", "#48cae4"],
        },
        "body": [
            [
                "paragraph",
                "<p>Every UN climate conference ends with a fight about money, but the fight has rarely been as explicit as it was at COP29 in Baku in November 2024. After two weeks of talks and an overnight session that ran well past the official deadline, nearly 200 countries agreed a new climate finance goal: developed countries would take the lead in mobilising at least $300 billion a year for developing nations by 2035. The deal was greeted with applause by some delegations and open anger by others, several of which said it fell far short of what science and fairness demanded.</p>",
            ],
            ["subheading", "Where did the number come from?"],
            [
                "paragraph",
                "<p>The $300 billion target replaced an older promise, made in Copenhagen in 2009, to mobilise $100 billion a year by 2020. That earlier goal was missed for several years and, according to the OECD, met only in 2022. Developing countries had argued that their real needs for cutting emissions and adapting to climate impacts were closer to $1 trillion a year or more. Independent economists advising the UN put the external finance needed by emerging and developing economies, excluding China, at about $1 trillion a year by 2030. The final text therefore also called on “all actors” — governments, development banks and private investors — to scale up finance to at least $1.3 trillion a year by 2035, and launched a follow-up process, the Baku to Belém Roadmap, to explain how that larger figure might be reached.</p>",
            ],
            ["subheading", "Who actually pays?"],
            [
                "paragraph",
                "<p>This is where the arguments begin. The $300 billion does not all come from national budgets. It includes loans from multilateral development banks such as the World Bank, export credits, and private investment that public money helps to “mobilise”. Critics say counting loans at face value overstates the real transfer, since much of the money must be repaid with interest. There is also a long-running dispute about who counts as a donor. Under the 1992 UN climate convention, only a list of mostly Western industrialised countries is obliged to provide finance. Some of them want wealthy emerging economies and large oil producers to contribute too. The Baku deal encouraged developing countries to contribute on a voluntary basis, without changing anyone's legal obligations. China, for example, already reports billions of dollars in climate-related lending to other developing countries, but insists that it remains a developing nation itself and that such support is voluntary. Gulf oil producers have taken a similar line. For European negotiators, persuading these countries to count their contributions openly has become almost as important as the headline figure.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "A number is not a cheque. The question is how much of that $300 billion ever reaches a village that is flooding.",
                    "attribution": "Amara Osei, climate finance researcher, Accra",
                },
            ],
            ["subheading", "Why does it matter in Europe?"],
            [
                "paragraph",
                "<p>The EU and its member states are the world's largest contributors of public climate finance, providing around €30 billion a year from public budgets in recent years. With governments cutting aid budgets to pay for defence — the UK, France, Germany and the Netherlands have all announced reductions — campaigners fear that the new goal will be met, if at all, through accounting rather than new money. “A number is not a cheque,” said Amara Osei, a climate finance researcher at a policy institute in Accra, Ghana. “The question is how much of that $300 billion ever reaches a village that is flooding, and how much is a loan that country will be repaying in 2050.”</p>",
            ],
            [
                "paragraph",
                "<p>Negotiators will spend the coming years arguing about definitions: what counts as climate finance, how loans are valued and how progress is reported. Those arguments sound technical, but they will decide whether the Baku goal becomes a turning point or another promise that is quietly missed. The next formal stocktake of the Paris Agreement, which measures whether the world is on track, is due in 2028. By then, the first reliable data on how much money is actually flowing under the new goal should be available, and the gap between promises and reality will be measurable rather than a matter of competing press releases. Small island states and the least developed countries, which have the smallest emissions and the highest exposure to rising seas and extreme weather, have said they will judge the deal on one test alone: whether grants for adaptation, rather than loans, finally increase.</p>",
            ],
        ],
    },
    # 19
    {
        "slug": "defence-spending-needs-a-public-argument",
        "section": "opinion",
        "kind": "opinion",
        "language": "en",
        "headline": "Europe is rearming by emergency decree. It needs to make the case in public",
        "standfirst": "The threat is real and the money is necessary. But borrowing hundreds of billions without a parliamentary vote stores up a legitimacy problem for later.",
        "authors": ["ines-kowalczyk"],
        "tags": ["European Union", "Ukraine"],
        "hours_ago": 116,
        "image": {
            "title": "Parliament hemicycle",
            "caption": "The empty hemicycle of the European Parliament in Strasbourg, France, before a plenary session.",
            "credit": "Pieter De Smet / Northlight Images",
            "colours": ["#2b2d42", "#8d99ae"],
        },
        "body": [
            [
                "paragraph",
                "<p>Let me begin with what I do not dispute. Russia's full-scale invasion of Ukraine, now more than three years old, has ended any illusion that war on the European continent belongs to the history books. Europe's armies are short of ammunition, air defence and the ability to move quickly across borders. Spending more, and spending it together, is not militarism; it is prudence.</p>",
            ],
            [
                "paragraph",
                "<p>That makes the way the EU has chosen to raise the money all the more worrying. The €150 billion SAFE loan scheme, now paying out to national governments, was adopted under Article 122 of the EU treaties — an emergency clause that lets the Council act without the European Parliament's consent. The same clause was used during the pandemic. It was meant for earthquakes and sudden crises, not for a multi-year rearmament programme.</p>",
            ],
            ["related", {"slug": "eu-approves-first-defence-loan-plans", "excerpt": ""}],
            ["subheading", "Speed has a price"],
            [
                "paragraph",
                "<p>The argument for haste is understandable. Normal legislation can take two years. But the result is that one of the largest joint borrowing programmes in EU history has been approved without a single recorded vote by the only directly elected EU institution. National parliaments, too, have mostly been presented with a fait accompli.</p>",
            ],
            [
                "paragraph",
                "<p>This matters because the bills will arrive long after the emergency has faded from the headlines. Loans must be repaid. Budgets for schools, pensions and climate programmes will be squeezed to do so. When that moment comes, voters will ask who decided this and when. “Brussels, in a hurry” is the answer populists are waiting to give.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "A decision that cannot survive a public vote will not survive the first budget squeeze either.",
                    "attribution": "Ines Kowalczyk, Europe correspondent",
                },
            ],
            [
                "paragraph",
                "<p>There is a better way. The Parliament could be given a formal role in approving national plans and monitoring spending. Governments could put their SAFE plans to a vote in their own legislatures. And leaders could do what they have mostly avoided: explain, in speeches and in plain numbers, what the money buys and what it costs. A decision that cannot survive a public vote will not survive the first budget squeeze either.</p>",
            ],
        ],
    },
    # 20
    {
        "slug": "dutch-chip-supplier-raises-forecast",
        "section": "business",
        "kind": "news",
        "language": "en",
        "headline": "Dutch chip-equipment supplier raises outlook on AI data-centre demand",
        "standfirst": "Brabant Optics now expects revenue of €1.9 billion this year, up from €1.7 billion, but warns that export controls cloud its China business.",
        "authors": ["tomas-reyes"],
        "tags": ["Technology", "Markets"],
        "hours_ago": 125,
        "image": {
            "title": "Clean room",
            "caption": "Technicians in protective suits assemble optical modules in a clean room near Eindhoven, the Netherlands.",
            "credit": "Anja Veld / Northlight Images",
            "colours": ["#370617", "#e85d04"],
        },
        "body": [
            [
                "paragraph",
                "<p>Brabant Optics, a Dutch maker of precision lenses and sensors used in semiconductor manufacturing, raised its full-year revenue forecast on Wednesday after a 23% jump in third-quarter orders, driven by chipmakers expanding capacity for artificial intelligence data centres. Shares in the Eindhoven-based company rose 9.4% in Amsterdam.</p>",
            ],
            [
                "paragraph",
                "<p>The company now expects revenue of about €1.9 billion for the year, compared with a previous forecast of €1.7 billion. Its order backlog reached a record €2.6 billion at the end of September. Operating margin improved to 21.5% from 18.2% a year earlier.</p>",
            ],
            [
                "paragraph",
                "<p>“Every new AI chip factory needs more inspection steps than the last generation, and that is our business,” said Pieter van Dam, the chief executive, on a call with analysts. He added that customers in Taiwan, South Korea and the U.S. accounted for more than 70% of new orders.</p>",
            ],
            ["subheading", "China uncertainty"],
            [
                "paragraph",
                "<p>The company warned, however, that sales to China could fall by as much as a third next year because of tighter Dutch and U.S. export controls on advanced chipmaking equipment. China accounted for about 19% of revenue last year. Brabant Optics said it was still awaiting decisions on several export licences.</p>",
            ],
            [
                "paragraph",
                "<p>Analysts welcomed the upgrade but noted that the company is heavily exposed to a handful of large customers. “If two of the big fabs pause their build-out for a quarter, you would see it in these numbers immediately,” said Hanneke de Groot, a technology analyst at the Utrecht brokerage Kanaal Securities.</p>",
            ],
        ],
    },
    # 21
    {
        "slug": "ukraine-engineers-race-to-repair-grid-before-winter",
        "section": "news",
        "kind": "news",
        "language": "en",
        "headline": "Ukraine's repair crews race to patch the grid before winter",
        "standfirst": "Engineers in the Kyiv region are rebuilding substations that have been hit repeatedly, while households stock up on batteries and generators.",
        "authors": ["oleh-marchenko"],
        "tags": ["Ukraine", "Energy"],
        "hours_ago": 134,
        "image": {
            "title": "Substation repairs",
            "caption": "Repair workers replace damaged equipment at an electricity substation in the Kyiv region, Ukraine.",
            "credit": "Yaroslav Dub / Courier Photo Desk",
            "colours": ["#3c096c", "#ff9e00"],
        },
        "body": [
            [
                "paragraph",
                "<p>On a muddy site about 40 kilometres south of Kyiv, a crew of 14 engineers is rebuilding an electricity substation for the third time since 2022. The transformers they are installing arrived by lorry from Lithuania a week ago; the concrete walls around them, more than two metres thick, are new this year.</p>",
            ],
            [
                "paragraph",
                "<p>“We used to measure a repair in months,” said Serhii Kovalenko, the crew's 51-year-old foreman. “Now we measure it in how many days until the next attack. The walls will not stop a direct hit, but they stop the shrapnel, and shrapnel is what kills most transformers.”</p>",
            ],
            [
                "paragraph",
                "<p>Russian missile and drone strikes have destroyed or damaged a large share of Ukraine's power generation since the full-scale invasion began, and the grid operator has spent much of the past two years improvising. Western governments and the EU have delivered thousands of pieces of equipment, from transformers to gas turbines, through a support fund run with the Energy Community, a Vienna-based body.</p>",
            ],
            ["subheading", "Households prepare"],
            [
                "paragraph",
                "<p>In Kyiv itself, residents are preparing for the possibility of long scheduled outages. Shops report strong sales of portable power stations, and many apartment buildings have pooled money to buy generators for lifts and water pumps. A resident of the Obolon district, Olena Tkachuk, said her building of 120 flats had collected about 180,000 hryvnia — roughly €3,700 — for a diesel generator and solar panels on the roof.</p>",
            ],
            [
                "paragraph",
                "<p>Energy officials say decentralisation is now the main strategy: smaller gas engines, rooftop solar and batteries spread across cities are harder to knock out than a few large power plants.</p>",
            ],
            ["related", {"slug": "kyiv-schools-add-shelter-classrooms", "excerpt": ""}],
        ],
    },
    # 22
    {
        "slug": "arthouse-cinemas-report-best-summer-in-a-decade",
        "section": "culture",
        "kind": "news",
        "language": "en",
        "headline": "Small cinemas report their best summer in a decade as audiences seek out the big screen",
        "standfirst": "Independent venues in six countries say festival winners and restored classics drew younger audiences than at any time since before the pandemic.",
        "authors": ["priya-nair", "maren-holt"],
        "tags": ["Film"],
        "hours_ago": 143,
        "image": {
            "title": "Cinema foyer",
            "caption": "Audiences queue in the foyer of a single-screen cinema in Ghent, Belgium, before an evening screening.",
            "credit": "Anja Veld / Northlight Images",
            "colours": ["#9d0208", "#ffba08"],
        },
        "body": [
            [
                "paragraph",
                "<p>Independent cinemas across Europe have reported their strongest summer attendance in ten years, according to a survey of 310 venues in six countries by the arthouse network CineRegio Europa. Admissions between June and August were up 14% on last year and 6% above the summer of 2019.</p>",
            ],
            [
                "paragraph",
                "<p>The survey, covering venues in Belgium, Denmark, Germany, Ireland, the Netherlands and Portugal, found that the share of tickets bought by people aged 18 to 29 rose to 31%, from 24% two years ago. Festival prize-winners, including films from Cannes and Berlin, and restored prints of older classics drove much of the increase.</p>",
            ],
            [
                "paragraph",
                "<p>“Young people are treating the cinema the way our parents treated a concert,” said Lotte Desmet, who programmes a 180-seat cinema in Ghent. “They come for a specific film, they dress up a little, they stay for the talk afterwards. It's an event, not a default.”</p>",
            ],
            ["subheading", "Costs still bite"],
            [
                "paragraph",
                "<p>The good news comes with caveats. Energy and staff costs remain far higher than before 2022, and several venues said higher ticket sales had only just covered them. The average ticket price in the survey was €10.20, up from €8.90 in 2019.</p>",
            ],
            [
                "paragraph",
                "<p>CineRegio Europa is calling on national governments to extend support schemes for small venues, many of which were set up during the pandemic and are due to expire next year.</p>",
            ],
            ["related", {"slug": "cinemas-should-price-like-libraries", "excerpt": ""}],
        ],
    },
    # 23
    {
        "slug": "vaccine-trust-is-built-locally",
        "section": "opinion",
        "kind": "opinion",
        "language": "en",
        "headline": "Vaccine trust is not won on television. It is won at the school gate",
        "standfirst": "Europe's measles resurgence is often blamed on misinformation. The evidence from Romania suggests convenience and a familiar face matter just as much.",
        "authors": ["maren-holt"],
        "tags": ["Health"],
        "hours_ago": 152,
        "image": {
            "title": "Waiting room",
            "caption": "Parents and children wait at a family doctor's surgery in a village outside Cluj-Napoca, Romania.",
            "credit": "Andrei Pop / Courier Photo Desk",
            "colours": ["#006d77", "#ffddd2"],
        },
        "body": [
            [
                "paragraph",
                "<p>When measles returns, the instinct of public health officials and of journalists like me is to look for a villain. Usually we find one online: a viral video, a conspiracy theory, an influencer selling supplements. Misinformation is real, and it does damage. But it is a convenient explanation, because it suggests that the solution is better messaging from the top.</p>",
            ],
            [
                "paragraph",
                "<p>The story coming out of Cluj county this autumn points somewhere less comfortable. Local doctors say most of the parents of unvaccinated children are not ideologically opposed to vaccines. They are shift workers who cannot take a morning off. They live in villages with one bus a day. They have moved between countries for work and lost track of the records. In other words, the system made vaccination hard, and people took the path of least resistance.</p>",
            ],
            ["related", {"slug": "measles-cases-prompt-school-vaccination-drive", "excerpt": ""}],
            ["subheading", "Familiar faces work"],
            [
                "paragraph",
                "<p>Research across Europe supports this. Parents trust the nurse they know, the teacher who sees their child every day, the priest who baptised them, far more than a ministry campaign. Programmes that bring doses to schools and community centres, and that send reminders in plain language, routinely lift coverage by several percentage points within months.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "The system made vaccination hard, and people took the path of least resistance.",
                    "attribution": "Maren Holt, Editor",
                },
            ],
            [
                "paragraph",
                "<p>None of this is expensive. A mobile clinic costs less per year than a single week of intensive care for a child with measles pneumonia. What it requires is a shift in mindset: from persuading the public to serving it. Health ministries across Europe should stop treating vaccine hesitancy as a communications problem and start treating it as a logistics one.</p>",
            ],
            [
                "paragraph",
                "<p>There will always be a committed minority that refuses. They are not the reason coverage has fallen below 95% in so many places. The reason is that we stopped making it easy — and we can start again tomorrow.</p>",
            ],
        ],
    },
    # 24
    {
        "slug": "what-the-digital-markets-act-fines-mean",
        "section": "business",
        "kind": "explainer",
        "language": "en",
        "headline": "What the EU's first Digital Markets Act fines mean for Big Tech",
        "standfirst": "Brussels fined Apple €500 million and Meta €200 million in April 2025. The sums are small by the companies' standards, but the rules behind them are not.",
        "authors": ["tomas-reyes", "ines-kowalczyk"],
        "tags": ["Technology", "European Union"],
        "hours_ago": 162,
        "image": {
            "title": "Phone screens",
            "caption": "A customer browses apps on a smartphone at an electronics shop in Brussels, Belgium.",
            "credit": "Pieter De Smet / Northlight Images",
            "colours": ["#240046", "#7b2cbf"],
        },
        "body": [
            [
                "paragraph",
                "<p>In April 2025 the European Commission issued the first penalties under the Digital Markets Act, the EU's law for the largest online platforms. Apple was fined €500 million for preventing app developers from telling users about cheaper offers outside its App Store. Meta was fined €200 million over its “pay or consent” model, which asked Facebook and Instagram users in the EU either to accept personalised advertising or to pay a monthly subscription.</p>",
            ],
            ["subheading", "What is the DMA?"],
            [
                "paragraph",
                "<p>The Digital Markets Act, which began to apply in 2023, sets rules for “gatekeepers” — companies whose platforms sit between businesses and consumers at enormous scale. Alphabet, Amazon, Apple, ByteDance, Meta and Microsoft were designated first; Booking was added in 2024. Gatekeepers must, among other things, allow rival app stores and payment systems, let users uninstall pre-loaded apps, and not favour their own services in rankings.</p>",
            ],
            ["subheading", "Why were the fines so small?"],
            [
                "paragraph",
                "<p>The law allows fines of up to 10% of a company's worldwide annual turnover, or 20% for repeat offences. For Apple, that could theoretically mean tens of billions of dollars. The Commission said it had taken into account the relatively short duration of the breaches and the fact that they occurred in the early days of a new law. Officials also stressed that the main goal was compliance, not punishment.</p>",
            ],
            [
                "paragraph",
                "<p>“The fine is the headline, but the order to change behaviour is the story,” said Dr. Marc Lemaire, a competition economist at a Brussels think tank. “If Apple has to let developers steer users to cheaper deals, that could shift billions in revenue over time.”</p>",
            ],
            ["subheading", "What happens next?"],
            [
                "paragraph",
                "<p>Both companies said they would appeal, and the cases are likely to spend years in the EU courts. Meanwhile, the DMA has become a point of friction with the U.S. government, which has described European digital rules as unfair to American firms. Brussels insists the law applies equally to any company that meets the size thresholds, wherever it is based.</p>",
            ],
            [
                "related",
                {
                    "slug": "the-ai-act-deserves-patience",
                    "excerpt": "Ines Kowalczyk on why Europe's tech rulebook should be judged over years, not quarters.",
                },
            ],
        ],
    },
    # 25
    {
        "slug": "vienna-opens-applications-for-new-council-flats",
        "section": "news",
        "kind": "news",
        "language": "en",
        "headline": "Vienna opens applications for 1,200 new council flats, with rents capped at €7.50 a square metre",
        "standfirst": "The city's latest municipal housing blocks, on a former railway yard, will be let to residents on middle and lower incomes who have lived in Vienna for at least two years.",
        "authors": ["maren-holt"],
        "tags": ["Housing"],
        "hours_ago": 172,
        "image": {
            "title": "New housing blocks",
            "caption": "Newly completed municipal housing on a former railway site in Vienna's Favoriten district, Austria.",
            "credit": "Lena Markus / Northlight Images",
            "colours": ["#6a040f", "#f8f9fa"],
        },
        "body": [
            [
                "paragraph",
                "<p>Vienna began accepting applications on Monday for 1,200 new council flats on a former railway yard in the Favoriten district, the largest single release of municipal housing in the Austrian capital in more than a decade. Rents will be capped at €7.50 per square metre, excluding heating, roughly half the going rate for new private lettings in the city.</p>",
            ],
            [
                "paragraph",
                "<p>The flats, ranging from one-room studios to four-bedroom family homes, are due to be ready for occupation in phases from next spring. Applicants must have lived at a Vienna address for at least two years and earn below the city's income ceiling, which for a single person is about €58,000 a year after tax — high enough that many teachers, nurses and tradespeople qualify. No deposit or agency fee is charged, and tenancies are unlimited in time.</p>",
            ],
            [
                "paragraph",
                "<p>Vienna owns around 220,000 municipal flats, and a similar number are run by non-profit housing associations that receive public subsidies. Together they house roughly half of the city's population. The city stopped building council housing directly in 2004 but resumed in 2015, and officials say they now plan to complete about 1,500 new municipal units a year.</p>",
            ],
            [
                "paragraph",
                "<p>“People assume council housing means poor housing,” said Katharina Wimmer, a 41-year-old architect who grew up in a 1920s municipal block in Ottakring. “In Vienna it just means housing. My neighbours were a bus driver, a judge and a cellist.”</p>",
            ],
            ["subheading", "Model under strain"],
            [
                "paragraph",
                "<p>The system is not without critics. Waiting times for a council flat can exceed two years, and the residency rule has been criticised for excluding recent arrivals. Higher construction and land costs have also squeezed the budgets of the non-profit associations, and output of subsidised homes fell last year.</p>",
            ],
            [
                "paragraph",
                "<p>Housing ministers and mayors from other European cities regularly visit Vienna to study the model. Few have tried to copy it at scale, largely because it depends on public land and steady investment maintained over a century.</p>",
            ],
            [
                "related",
                {
                    "slug": "short-term-rental-caps-are-not-enough",
                    "excerpt": "Maren Holt on why capping holiday lets is the easy part, and building homes the hard one.",
                },
            ],
        ],
    },
    # 26
    {
        "slug": "the-ai-act-deserves-patience",
        "section": "opinion",
        "kind": "opinion",
        "language": "en",
        "headline": "The AI Act is not strangling innovation. Give it time to work",
        "standfirst": "Calls to pause or water down Europe's AI rules confuse a slow start with a failure. The law's real test is still a year away.",
        "authors": ["ines-kowalczyk"],
        "tags": ["Technology", "European Union"],
        "hours_ago": 182,
        "image": {
            "title": "Code on screen",
            "caption": "A software developer works on a laptop at a start-up incubator in Lisbon, Portugal.",
            "credit": "Rui Carvalho / Courier Photo Desk",
            "colours": ["#10002b", "#e0aaff"],
        },
        "body": [
            [
                "paragraph",
                "<p>It has become fashionable in Brussels, and even more so in Silicon Valley, to describe the EU's Artificial Intelligence Act as a mistake. Europe, the argument goes, has regulated an industry before building one, and is now watching the U.S. and China race ahead while its own start-ups drown in compliance paperwork. Some governments and industry groups have called for parts of the law to be paused.</p>",
            ],
            [
                "paragraph",
                "<p>I understand the frustration. Implementation has been messy. Technical standards that companies were promised have arrived late. The code of practice for general-purpose models was published only weeks before the rules took effect. Small firms have a right to be annoyed.</p>",
            ],
            ["related", {"slug": "what-the-ai-act-asks-of-general-purpose-models", "excerpt": ""}],
            ["subheading", "Regulation did not cause the gap"],
            [
                "paragraph",
                "<p>But the case against the law rests on a confusion of cause and effect. Europe's AI sector lags behind America's because of capital, not rules. European start-ups raise a fraction of the venture funding their U.S. rivals do, and the continent has far fewer hyperscale data centres. None of that was caused by a law whose main obligations have barely started to apply.</p>",
            ],
            [
                "paragraph",
                "<p>What the Act does offer is something Europe's businesses and citizens have long asked for: predictability. A hospital buying a diagnostic tool, a bank using software to assess loans, a city deploying cameras in public spaces — all of them will soon know what is allowed and what must be checked. That is not a barrier to adoption. For many cautious buyers, it is the precondition.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "Europe's AI sector lags behind America's because of capital, not rules.",
                    "attribution": "Ines Kowalczyk, Europe correspondent",
                },
            ],
            [
                "paragraph",
                "<p>The fair criticism is about execution, and it has a fair remedy: publish the standards, fund the national authorities, and give small companies templates rather than lawyers' bills. Delaying deadlines where guidance is missing is reasonable. Tearing up the framework before its first enforcement year would simply reward those who lobbied hardest — and tell the world that European rules last only until someone complains.</p>",
            ],
        ],
    },
    # 27
    {
        "slug": "alpine-valleys-map-glacier-hazards-after-blatten",
        "section": "news",
        "kind": "news",
        "language": "en",
        "headline": "Alpine valleys step up glacier monitoring after the destruction of Blatten",
        "standfirst": "Swiss cantons are installing radar and early-warning systems above dozens of villages, months after a collapsing glacier buried most of a Valais community.",
        "authors": ["declan-frost"],
        "tags": ["Climate"],
        "hours_ago": 192,
        "image": {
            "title": "Debris field",
            "caption": "The debris field left by the collapse of the Birch glacier above the village of Blatten in the Lötschental valley, Switzerland.",
            "credit": "Jonas Friis / Northlight Images",
            "colours": ["#6c757d", "#caf0f8"],
        },
        "body": [
            [
                "paragraph",
                "<p>Cantonal authorities across the Swiss Alps are installing radar, laser scanners and automated alarm systems above dozens of mountain villages, in the most extensive expansion of glacier monitoring the country has seen. The programme follows the collapse of the Birch glacier in May 2025, which sent millions of cubic metres of ice, mud and rock onto the village of Blatten in the Lötschental valley.</p>",
            ],
            [
                "paragraph",
                "<p>Blatten's roughly 300 residents had been evacuated days before the collapse, after geologists detected rockfall and movement on the slope above. That early warning is widely credited with preventing a far higher death toll. Almost the entire village was nevertheless buried or destroyed.</p>",
            ],
            [
                "image",
                {
                    "title": "Radar station",
                    "caption": "A solar-powered radar unit monitoring a glacier above a village in the canton of Valais, Switzerland.",
                    "credit": "Jonas Friis / Northlight Images",
                    "colours": ["#023e8a", "#e9ecef"],
                },
            ],
            [
                "paragraph",
                "<p>Officials in Valais say 23 additional sites are now under continuous surveillance, up from a handful before last spring. In Graubünden and the Bernese Oberland, similar programmes are under way. The federal government has approved CHF 45 million in extra funding over four years for natural hazard monitoring.</p>",
            ],
            [
                "paragraph",
                "<p>“Ten years ago we watched a glacier once a summer, with binoculars and a notebook,” said Dr. Reto Imboden, a glaciologist who advises several mountain communes. “Now we have instruments sending data every ten minutes. The mountains are changing faster than our maps.”</p>",
            ],
            ["subheading", "A warming Alps"],
            [
                "paragraph",
                "<p>Swiss glaciers have lost about a quarter of their volume in the past decade, according to the national monitoring network, and thawing permafrost is loosening rock faces that have held for centuries. Scientists caution that not every collapse can be attributed directly to climate change, but say warming makes such events more likely.</p>",
            ],
            ["related", {"slug": "adaptation-is-not-surrender", "excerpt": ""}],
        ],
    },
    # 28
    {
        "slug": "womens-football-clubs-report-surge-after-euro",
        "section": "culture",
        "kind": "news",
        "language": "en",
        "headline": "Girls' football clubs report waiting lists after summer of record crowds",
        "standfirst": "Grassroots clubs in England, Spain and Switzerland say the Women's Euro lifted registrations, but pitches and coaches are in short supply.",
        "authors": ["priya-nair"],
        "tags": ["Sport"],
        "hours_ago": 202,
        "image": {
            "title": "Training session",
            "caption": "Under-11 players at an evening training session on an artificial pitch in Basel, Switzerland.",
            "credit": "Jonas Friis / Northlight Images",
            "colours": ["#2d6a4f", "#ffffff"],
        },
        "body": [
            [
                "paragraph",
                "<p>Grassroots football clubs in several European countries say demand from girls has outstripped their ability to provide places since the Women's Euro in Switzerland this summer, which England won by beating Spain on penalties in the final in Basel. The tournament drew record crowds for a women's European Championship.</p>",
            ],
            [
                "paragraph",
                "<p>In a survey of 140 amateur clubs conducted by the Courier with a volunteer coaches' network, 61% said registrations from girls aged 6 to 14 had risen since July, and 38% said they had started waiting lists. The most common reasons given for turning players away were a lack of pitch time (cited by 72%) and a lack of qualified coaches (58%).</p>",
            ],
            [
                "paragraph",
                "<p>“We had 12 girls in September last year. This year we had 47 turn up on the first night,” said Fabienne Gerber, a volunteer coach at a club in a Basel suburb. “We split them into three groups, borrowed two dads and a teenager, and still sent some home.”</p>",
            ],
            ["subheading", "Lasting effect?"],
            [
                "paragraph",
                "<p>Previous tournaments have produced similar spikes. England's victory at the 2022 Euros was followed by a rise in girls' participation, though researchers found that many new players dropped out within two years where facilities were poor. National associations in England, Spain and Switzerland have announced funding for coaching courses, but clubs say the money is slow to arrive.</p>",
            ],
            [
                "paragraph",
                "<p>Several clubs said the most effective step would be cheaper access to municipal pitches in the evenings, which are often reserved for adult men's teams on long-standing contracts.</p>",
            ],
        ],
    },
    # 29
    {
        "slug": "adaptation-is-not-surrender",
        "section": "opinion",
        "kind": "opinion",
        "language": "en",
        "headline": "Preparing for a hotter Europe is not giving up on stopping it",
        "standfirst": "From Alpine villages to Andalusian towns, adaptation is saving lives. Treating it as a distraction from cutting emissions is a luxury we can no longer afford.",
        "authors": ["maren-holt"],
        "tags": ["Climate", "Health"],
        "hours_ago": 212,
        "image": {
            "title": "Shaded square",
            "caption": "Canvas shades stretched across a square in Seville, Spain, during a summer heatwave.",
            "credit": "Marta Ibarra / Northlight Images",
            "colours": ["#bc6c25", "#fefae0"],
        },
        "body": [
            [
                "paragraph",
                "<p>For years, talking about adapting to climate change was faintly embarrassing in environmental circles. To plan for floods and heatwaves, the thinking went, was to accept that they were coming — and to give polluters an excuse to slow down. Every euro spent on sea walls was a euro not spent on wind farms.</p>",
            ],
            [
                "paragraph",
                "<p>That argument has not survived contact with reality. Europe is the fastest-warming continent, heating at roughly twice the global average. Tens of thousands of people have died in each of the recent hot summers, mostly older people in cities. In the Alps, a glacier buried a village last spring; the only reason the death toll was not far worse is that someone was watching the mountain.</p>",
            ],
            ["related", {"slug": "alpine-valleys-map-glacier-hazards-after-blatten", "excerpt": ""}],
            ["subheading", "Both, not either"],
            [
                "paragraph",
                "<p>Cutting emissions determines how bad the end of this century will be. Adaptation determines how many people die in the next ten years. These are not competing goals, and no serious government should pretend it must choose. The money required for adaptation is also modest by comparison: shade, trees, early-warning systems and well-ventilated schools cost a fraction of what a single lost harvest or flooded town does.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "Cutting emissions determines how bad the end of this century will be. Adaptation determines how many people die in the next ten years.",
                    "attribution": "Maren Holt, Editor",
                },
            ],
            [
                "paragraph",
                "<p>What holds adaptation back is not ideology any more but dullness. It has no ribbon to cut. A heat plan that works produces nothing but an absence of deaths, which no politician can photograph. That is precisely why it needs legal obligations and ring-fenced budgets, rather than goodwill.</p>",
            ],
            [
                "paragraph",
                "<p>The EU's own climate risk assessment has warned that Europe is not prepared for what is already locked in. Governments should take that warning as seriously as they take their emissions targets. Preparing for the heat is not surrender. It is what responsible people do when they can see the weather coming.</p>",
            ],
        ],
    },
    # 30
    {
        "slug": "spanish-solar-developers-face-curtailment-squeeze",
        "section": "business",
        "kind": "news",
        "language": "en",
        "headline": "Spanish solar developers pivot to batteries as midday power prices collapse",
        "standfirst": "With prices regularly at zero or below on sunny afternoons, companies are adding storage to projects to sell their power in the evening instead.",
        "authors": ["tomas-reyes", "declan-frost"],
        "tags": ["Energy", "Markets"],
        "hours_ago": 222,
        "image": {
            "title": "Solar farm",
            "caption": "Rows of solar panels at a plant near Mérida in the Extremadura region, Spain.",
            "credit": "Marta Ibarra / Northlight Images",
            "colours": ["#f48c06", "#03071e"],
        },
        "body": [
            [
                "paragraph",
                "<p>Spanish solar developers are rushing to add batteries to their plants as a glut of midday electricity drives wholesale prices to zero or below for hundreds of hours a year. Sol de Castilla, a Madrid-based developer with 1.4 gigawatts of solar capacity, said on Tuesday that it would invest €320 million in storage at six of its existing sites over the next two years.</p>",
            ],
            [
                "paragraph",
                "<p>Spain has added solar capacity faster than almost any other European country and now has more than 30 gigawatts of utility-scale panels. On sunny spring afternoons, that is often more than the country can use or export. The result has been a sharp fall in what analysts call “capture prices”, the average price solar plants actually receive, which have dropped well below the average for all hours.</p>",
            ],
            [
                "paragraph",
                "<p>“Five years ago the sun was our best friend. Now the sun is everyone's friend, and that is the problem,” said Beatriz Olmedo, Sol de Castilla's chief financial officer. “Storage lets us take power we would have given away at 1 p.m. and sell it at 9 p.m., when people come home and turn the oven on.”</p>",
            ],
            ["subheading", "Policy catch-up"],
            [
                "paragraph",
                "<p>The government has backed faster permitting for battery projects and is preparing a capacity market that would pay storage operators to be available at peak times. The Iberian blackout of April 2025 added urgency, as batteries can also help stabilise grid voltage and frequency.</p>",
            ],
            [
                "paragraph",
                "<p>Industry groups warn, however, that developers face a squeeze in the meantime. Several smaller solar firms have put projects up for sale, and banks have become more cautious about lending to plants without long-term power purchase agreements.</p>",
            ],
            ["related", {"slug": "grids-are-the-unglamorous-priority", "excerpt": ""}],
        ],
    },
    # 31
    {
        "slug": "kyiv-schools-add-shelter-classrooms",
        "section": "news",
        "kind": "news",
        "language": "en",
        "headline": "Kyiv schools move lessons underground as more pupils return to classrooms",
        "standfirst": "City authorities say 62 schools now have shelters large enough to hold full lessons, letting them reopen for in-person teaching for the first time since 2022.",
        "authors": ["oleh-marchenko"],
        "tags": ["Ukraine"],
        "hours_ago": 233,
        "image": {
            "title": "Underground classroom",
            "caption": "Pupils attend a maths lesson in a converted basement shelter at a school in Kyiv's Darnytskyi district, Ukraine.",
            "credit": "Yaroslav Dub / Courier Photo Desk",
            "colours": ["#3a86ff", "#ffbe0b"],
        },
        "body": [
            [
                "paragraph",
                "<p>Sixty-two schools in Kyiv now have shelters big enough to hold full lessons, the city's education department said on Thursday, allowing thousands of pupils who have studied mainly online since 2022 to return to their classrooms. Another 40 schools are due to complete similar works before the end of the school year.</p>",
            ],
            [
                "paragraph",
                "<p>Under Ukrainian rules, a school may only teach in person if it has a shelter able to hold all of its pupils and staff at once. When air-raid sirens sound — sometimes several times a day — classes move downstairs and, in the newly converted shelters, carry on with desks, whiteboards and ventilation rather than simply waiting.</p>",
            ],
            [
                "paragraph",
                "<p>“The first week, the children were excited just to see each other's faces without a screen,” said Iryna Bondar, who teaches 4th-grade pupils at a school on the city's left bank. “Now they complain about homework again. That is how I know things are normal, or as normal as they can be.”</p>",
            ],
            [
                "image",
                {
                    "title": "Shelter corridor",
                    "caption": "Pupils walk to class along a reinforced basement corridor at a school in Kyiv, Ukraine, during an air-raid alert.",
                    "credit": "Yaroslav Dub / Courier Photo Desk",
                    "colours": ["#1d3557", "#f4a261"],
                },
            ],
            ["subheading", "Cost and priorities"],
            [
                "paragraph",
                "<p>Converting a basement into a usable shelter costs between 8 million and 25 million hryvnia, roughly €165,000 to €515,000, depending on size, according to the city. Part of the money has come from international donors, including municipalities in Poland, Germany and the Netherlands that have partnered with Kyiv districts.</p>",
            ],
            [
                "paragraph",
                "<p>Education experts say three years of disrupted schooling have left many children behind, especially in mathematics and reading. A recent assessment by a Kyiv education charity estimated learning losses equivalent to more than a full school year for some pupils.</p>",
            ],
            ["related", {"slug": "temporary-protection-needs-a-long-term-plan", "excerpt": ""}],
        ],
    },
    # 32
    {
        "slug": "temporary-protection-needs-a-long-term-plan",
        "section": "opinion",
        "kind": "opinion",
        "language": "en",
        "headline": "Europe's welcome for Ukrainians was temporary by design. It cannot stay that way",
        "standfirst": "Millions of Ukrainians in the EU have lived for years on a status that must be renewed like a visa. They need a route to something more permanent, whatever happens at the front.",
        "authors": ["oleh-marchenko"],
        "tags": ["Ukraine", "European Union"],
        "hours_ago": 244,
        "image": {
            "title": "Language class",
            "caption": "Ukrainian adults attend an evening language class at a community centre in Kraków, Poland.",
            "credit": "Tomasz Wilk / Courier Photo Desk",
            "colours": ["#005f73", "#ee9b00"],
        },
        "body": [
            [
                "paragraph",
                "<p>In March 2022, the EU did something unprecedented. For the first time it activated its Temporary Protection Directive, giving people fleeing Russia's invasion of Ukraine the right to live, work, study and receive medical care anywhere in the Union without going through asylum procedures. It was a humane and practical decision, and it worked.</p>",
            ],
            [
                "paragraph",
                "<p>More than four million Ukrainians still live in the EU under that status. The member states have extended it year after year, most recently until March 2027. Each extension is welcome. Each is also a reminder that these families — many of whom now have jobs, mortgages and children in local schools — are living on a permit that could end on a single political decision.</p>",
            ],
            ["subheading", "Temporary for how long?"],
            [
                "paragraph",
                "<p>I have met Ukrainians in Kraków, Prague and Berlin who cannot get a long-term tenancy because landlords look at the expiry date on their papers. Employers hesitate to invest in training them. Some have turned down promotions that would require them to move countries, because it is unclear how their status would transfer. Temporary protection was designed for a few years. It was never designed for a decade.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "Temporary protection was designed for a few years. It was never designed for a decade.",
                    "attribution": "Oleh Marchenko, Ukraine correspondent",
                },
            ],
            [
                "paragraph",
                "<p>Some argue that offering permanent residence would encourage Ukrainians to stay abroad when their country needs them to rebuild. I understand that fear; I share it. But uncertainty does not send people home. It sends them into limbo. People return when they feel safe and when there is something to return to — schools, work, homes with electricity. The reporting from Kyiv's underground classrooms shows how much effort that takes.</p>",
            ],
            ["related", {"slug": "kyiv-schools-add-shelter-classrooms", "excerpt": ""}],
            [
                "paragraph",
                "<p>The EU should offer a clear, optional route from temporary protection to national residence permits, with rights that travel between member states, while keeping the door open for those who choose to return. Certainty, not expiry dates, is what allows people to make real choices about where their future lies.</p>",
            ],
        ],
    },
    # 33
    {
        "slug": "riga-festival-celebrates-translated-fiction",
        "section": "culture",
        "kind": "news",
        "language": "en",
        "headline": "Riga festival puts translators, not authors, on the main stage",
        "standfirst": "The third Baltic Translation Days drew 4,500 visitors to readings where the people who carry books between languages took top billing.",
        "authors": ["priya-nair"],
        "tags": ["Books"],
        "hours_ago": 255,
        "image": {
            "title": "Reading in a library",
            "caption": "A translator reads to an audience in the atrium of the National Library of Latvia in Riga.",
            "credit": "Hanna Soini / Eastbound Pictures",
            "colours": ["#5f0f40", "#fb8b24"],
        },
        "body": [
            [
                "paragraph",
                "<p>The third edition of Baltic Translation Days ended in Riga on Sunday after four days of readings, workshops and debates that drew about 4,500 visitors, organisers said, up from 2,800 last year. The festival is unusual in giving top billing to literary translators rather than the authors whose books they translate.</p>",
            ],
            [
                "paragraph",
                "<p>Events included a live “translation duel”, in which two translators rendered the same Latvian short story into English on screen in front of an audience, and a panel on translating humour between Estonian, Lithuanian and Polish. The festival's closing prize, worth €5,000, went to Anna Bērziņa for her Latvian translation of an Irish novel.</p>",
            ],
            [
                "paragraph",
                "<p>“Readers have started to notice that a book in translation is a collaboration,” said Dace Ozola, the festival's director. “Twenty years ago, publishers did not even put the translator's name on the cover. Now people come to hear them read.”</p>",
            ],
            [
                "paragraph",
                "<p>Translated fiction has been one of the fastest-growing categories in several European book markets in recent years, helped by prizes such as the International Booker and by social media communities devoted to world literature. Latvian, Lithuanian and Estonian publishers have also benefited from EU translation grants under the Creative Europe programme.</p>",
            ],
            [
                "paragraph",
                "<p>Organisers said next year's festival would add a programme for secondary school pupils and a day devoted to Ukrainian literature in translation.</p>",
            ],
        ],
    },
    # 34
    {
        "slug": "polands-president-and-the-coalition",
        "section": "news",
        "kind": "analysis",
        "language": "en",
        "headline": "Poland's government and president are locked in a stalemate. Who blinks first?",
        "standfirst": "A narrow presidential result in 2025 handed the opposition a veto over Donald Tusk's agenda. Two years before the next parliamentary election, both sides are counting on voters to punish the other.",
        "authors": ["ines-kowalczyk"],
        "tags": ["Elections", "European Union"],
        "hours_ago": 266,
        "image": {
            "title": "Presidential palace",
            "caption": "The Presidential Palace on Krakowskie Przedmieście in Warsaw, Poland, on an autumn afternoon.",
            "credit": "Tomasz Wilk / Courier Photo Desk",
            "colours": ["#dc2f02", "#f8f9fa"],
        },
        "body": [
            [
                "paragraph",
                "<p>When Karol Nawrocki won Poland's presidential run-off in June 2025, by a margin of less than two percentage points, it was clear that governing would become harder for Donald Tusk's centrist coalition. What has become clear since is just how much harder. The new president, backed by the conservative Law and Justice party, has used his veto against a series of government bills, and the coalition lacks the three-fifths majority in the Sejm needed to override him.</p>",
            ],
            [
                "paragraph",
                "<p>The result is a form of cohabitation familiar from France, but with sharper edges. Poland's president cannot propose a budget or appoint ministers, but he can block almost any ordinary law and send others to a Constitutional Tribunal whose legitimacy the government itself disputes. Several of the coalition's flagship plans, including changes to the rules on siting onshore wind farms and reforms to the judiciary, have stalled. Government ministers have responded by governing where they can without legislation — through regulations, budget allocations and appointments — which the president's office describes as an attempt to get around the constitution. Lawyers on both sides now spend as much time arguing over procedure as over policy, and the state's institutions, from the public broadcaster to the prosecution service, remain contested ground.</p>",
            ],
            [
                "paragraph",
                "<p>Each side appears to believe that the stalemate will eventually hurt the other. The government's bet is that voters will tire of vetoes and reward it in the parliamentary election due in autumn 2027 for having tried. Tusk won a confidence vote in the Sejm days after the presidential result and reshuffled his cabinet in the summer, promising a sharper focus on housing, health care and security. The president's camp is betting on the opposite: that a government unable to deliver will look weak, and that Law and Justice — or a broader right-wing alliance including the more radical Confederation — can return to power. Nawrocki has presented himself as a guardian against what he calls excessive influence from Brussels and Berlin, while keeping Poland's firm line on support for Ukraine's defence against Russia.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "Both camps think the voters are keeping score. The risk is that the voters simply stop watching.",
                    "attribution": "Dr. Marta Zielińska, political scientist, University of Wrocław",
                },
            ],
            [
                "paragraph",
                "<p>“Both camps think the voters are keeping score,” said Dr. Marta Zielińska, a political scientist at the University of Wrocław. “The risk is that the voters simply stop watching. Turnout in Poland has been high in recent elections because people felt the stakes were enormous. A long, grinding deadlock could change that — and low turnout has historically helped whichever side has the more disciplined base.”</p>",
            ],
            ["subheading", "What it means for Brussels"],
            [
                "paragraph",
                "<p>For the EU, the stalemate matters in two ways. First, the restoration of judicial independence — which unlocked tens of billions of euros in EU recovery funds in 2024 — remains incomplete, because key laws cannot pass. The European Commission has so far chosen to judge Warsaw on its intentions rather than its results, but officials privately acknowledge that patience is finite. Second, Poland is now one of the EU's most important players on defence and Ukraine. It spends more than 4% of its GDP on its armed forces, the highest share in NATO, and is the largest borrower under the EU's new defence loan scheme. On those issues, government and president broadly agree, which has kept foreign policy largely insulated from the domestic feud. Diplomats in Brussels say Warsaw's voice in debates on defence, enlargement and Russia sanctions remains as loud as ever, whatever the quarrel at home.</p>",
            ],
            [
                "paragraph",
                "<p>There are small signs of pragmatism. The two sides have reached compromises on some budget and security bills, and the president has signed the majority of laws placed before him. But on the issues that define the coalition's identity — courts, abortion rights, the energy transition — there is little sign of movement. Until the 2027 election, Poland seems set for two more years of government by negotiation or, on the worst days, by veto.</p>",
            ],
            ["related", {"slug": "polls-are-snapshots-not-forecasts", "excerpt": ""}],
        ],
    },
    # 35
    {
        "slug": "why-europes-housebuilders-are-stalling",
        "section": "business",
        "kind": "analysis",
        "language": "en",
        "headline": "Interest rates have fallen. Why are Europe's housebuilders still not building?",
        "standfirst": "Cheaper mortgages have revived demand, but construction costs, slow permits and a shortage of skilled workers keep new supply near record lows.",
        "authors": ["tomas-reyes"],
        "tags": ["Housing", "Markets"],
        "hours_ago": 277,
        "image": {
            "title": "Idle crane",
            "caption": "A tower crane stands idle over an unfinished residential development on the outskirts of Leipzig, Germany.",
            "credit": "Lena Markus / Northlight Images",
            "colours": ["#343a40", "#ffc300"],
        },
        "body": [
            [
                "paragraph",
                "<p>When the European Central Bank began cutting interest rates in June 2024, housebuilders hoped the worst was behind them. Mortgage rates have since fallen by roughly a percentage point, buyers have returned and house prices in most eurozone countries are rising again. Yet the cranes have not come back. Building permits across the EU remain about a fifth below their 2021 peak, and completions in several large markets are still falling.</p>",
            ],
            [
                "paragraph",
                "<p>Germany illustrates the gap most starkly. The country completed about 250,000 homes in 2024, far short of a government target of 400,000 a year, and permits point to fewer still in the coming years. The Netherlands, Sweden and Ireland face similar shortfalls relative to their own goals.</p>",
            ],
            ["subheading", "Three bottlenecks"],
            [
                "paragraph",
                "<p>The first is cost. Building materials and labour are roughly 40% more expensive than five years ago in many countries. Even with cheaper credit, developers say the prices buyers can afford often do not cover the cost of construction plus land. “The maths only works at the top of the market,” said Jürgen Albers, managing director of a mid-sized developer in Saxony. “We can build flats for dentists. We cannot build them for nurses.”</p>",
            ],
            [
                "paragraph",
                "<p>The second is regulation. Planning approvals in Germany, the Netherlands and Ireland can take two to four years, and each new energy or accessibility standard, however worthy, adds cost. Governments have promised simplification: Germany has proposed a fast-track procedure for residential building, and the EU has appointed its first commissioner with housing in the portfolio. Developers say the effects have yet to reach the site office.</p>",
            ],
            [
                "paragraph",
                "<p>The third is people. The construction workforce is ageing, and many Eastern European workers who filled gaps in the 2010s now find well-paid work at home. Industry groups in Germany estimate a shortage of more than 100,000 skilled tradespeople.</p>",
            ],
            ["subheading", "What could change"],
            [
                "paragraph",
                "<p>Economists point to a few promising shifts: factory-built modular housing, public land released at below-market prices in exchange for affordable rents, and streamlined permits for building on top of existing structures. None is a quick fix. For now, Europe's housing market is in the odd position of having buyers, credit and political will, but not enough homes.</p>",
            ],
            ["related", {"slug": "vienna-opens-applications-for-new-council-flats", "excerpt": ""}],
        ],
    },
    # 36
    {
        "slug": "cinemas-should-price-like-libraries",
        "section": "opinion",
        "kind": "opinion",
        "language": "en",
        "headline": "Small cinemas are civic spaces. Fund them like libraries",
        "standfirst": "Young audiences are flocking back to independent screens, but a model built on €10 tickets cannot survive the next energy shock. Cities should treat their cinemas as public infrastructure.",
        "authors": ["priya-nair"],
        "tags": ["Film"],
        "hours_ago": 288,
        "image": {
            "title": "Projection booth",
            "caption": "A projectionist threads a 35mm print in the booth of a community cinema in Cork, Ireland.",
            "credit": "Aoife Brennan / Northlight Images",
            "colours": ["#4a4e69", "#c9ada7"],
        },
        "body": [
            [
                "paragraph",
                "<p>This summer, something remarkable happened in Europe's small cinemas. Young people came back — not for superhero sequels, but for festival winners, restored classics and three-hour art films. In some venues, people under 30 now buy almost a third of the tickets. After years of being told that streaming would finish off the single-screen cinema, the opposite seems to be happening.</p>",
            ],
            ["related", {"slug": "arthouse-cinemas-report-best-summer-in-a-decade", "excerpt": ""}],
            [
                "paragraph",
                "<p>And yet the same venues report that record audiences have only just covered their costs. The average ticket in independent cinemas has risen to more than €10, heating and projection bills remain far above pre-2022 levels, and the pandemic-era support schemes that kept many afloat are due to end. One bad winter could close dozens of them.</p>",
            ],
            ["subheading", "A third place"],
            [
                "paragraph",
                "<p>I would argue that the problem lies in how we categorise these places. We think of a cinema as a shop that sells films. But the small cinema in a market town or a city neighbourhood does much more: it is a warm, cheap place to spend an evening, a venue for school screenings and film clubs, somewhere to sit in the dark with strangers and share an experience. In that sense, it is closer to a library or a swimming pool than to a retailer.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "We think of a cinema as a shop that sells films. It is closer to a library or a swimming pool.",
                    "attribution": "Priya Nair, Culture editor",
                },
            ],
            [
                "paragraph",
                "<p>Libraries are not expected to cover their costs from late fees. Swimming pools receive municipal subsidies because a town without one is poorer in ways that do not show up in a balance sheet. A modest, stable grant — perhaps tied to commitments on school programmes, accessible screenings and low-price tickets for young people — would give independent cinemas the security to plan beyond the next season.</p>",
            ],
            [
                "paragraph",
                "<p>Some countries already do a version of this. France's network of municipal and associative cinemas, supported by a levy on every ticket sold, is the envy of the continent. It need not be copied exactly. But the principle is sound: a film culture is something a society chooses to pay for, or chooses to lose.</p>",
            ],
        ],
    },
    # 37
    {
        "slug": "andalusian-towns-open-climate-shelters",
        "section": "news",
        "kind": "news",
        "language": "en",
        "headline": "Andalusian towns open 'climate shelters' in schools and libraries as heat season lengthens",
        "standfirst": "A network of 140 cooled public buildings will stay open into the autumn for the first time, after temperatures above 40°C were recorded as late as September.",
        "authors": ["declan-frost"],
        "tags": ["Climate", "Health"],
        "hours_ago": 300,
        "image": {
            "title": "Library reading room",
            "caption": "Residents escape the afternoon heat in a municipal library designated as a climate shelter in Écija, Andalusia, Spain.",
            "credit": "Marta Ibarra / Northlight Images",
            "colours": ["#d00000", "#ffba08"],
        },
        "body": [
            [
                "paragraph",
                "<p>Forty-two towns in the Spanish region of Andalusia have agreed to keep a network of 140 air-conditioned public buildings open as “climate shelters” until the end of October, the regional health service said on Friday. It is the first time the scheme, which normally runs from June to mid-September, has been extended into the autumn.</p>",
            ],
            [
                "paragraph",
                "<p>The shelters — libraries, schools, civic centres and sports halls — offer free access to cool rooms, drinking water and seating during the hottest hours of the day. They are aimed particularly at older people, families with young children and residents of poorly insulated homes. Several towns recorded temperatures above 40°C in September this year.</p>",
            ],
            [
                "paragraph",
                "<p>“For a lot of older people here, the house is the most dangerous place to be in the afternoon,” said Rocío Navarro, a social worker in the town of Écija, one of the hottest in the country. “They will not spend money on air conditioning, so we bring them to the air conditioning.”</p>",
            ],
            ["subheading", "Learning from Barcelona"],
            [
                "paragraph",
                "<p>The idea is borrowed from Barcelona, which has built up a network of several hundred climate shelters since 2019, including parks, museums and libraries, most within a ten-minute walk of any resident. Public health researchers estimate that heat contributed to tens of thousands of deaths across Europe in each of the past few summers, with Spain among the hardest-hit countries.</p>",
            ],
            [
                "paragraph",
                "<p>The regional government is spending €6.8 million on the extended programme, including longer opening hours and staff trained to recognise heat exhaustion. Critics on the town councils said the money would be better spent insulating social housing, so that people were not forced to leave their homes.</p>",
            ],
            [
                "related",
                {
                    "slug": "adaptation-is-not-surrender",
                    "excerpt": "Maren Holt argues that preparing for a hotter Europe is not the same as giving up on stopping it.",
                },
            ],
        ],
    },
    # 38
    {
        "slug": "how-germanys-deutschlandticket-is-funded",
        "section": "business",
        "kind": "explainer",
        "language": "en",
        "headline": "Who pays for Germany's nationwide transit ticket?",
        "standfirst": "The Deutschlandticket lets subscribers ride almost all local buses and trains for €58 a month. Its popularity is not in doubt; its funding is.",
        "authors": ["tomas-reyes"],
        "tags": ["Transport"],
        "hours_ago": 312,
        "image": {
            "title": "Regional train",
            "caption": "A regional train arrives at Hamburg Central Station, Germany, during the morning rush hour.",
            "credit": "Lena Markus / Northlight Images",
            "colours": ["#c1121f", "#fdf0d5"],
        },
        "body": [
            [
                "paragraph",
                "<p>The Deutschlandticket, launched in May 2023 at €49 a month, allows holders to use local and regional public transport across Germany — buses, trams, underground lines and regional trains, but not long-distance intercity services. It rose to €58 in January 2025, and federal and state governments have agreed a further increase for 2026. Around 13 million people hold one.</p>",
            ],
            ["subheading", "How is it funded?"],
            [
                "paragraph",
                "<p>Ticket revenue does not cover the full cost of running local transport, and it never did. Before the Deutschlandticket, regional transport associations sold hundreds of different monthly passes, many of them much more expensive. The flat national price means those associations lose revenue. To compensate them, the federal government and the 16 states each contribute €1.5 billion a year, a total of €3 billion.</p>",
            ],
            [
                "paragraph",
                "<p>The exact shortfall is disputed. Transport companies say costs for energy, staff and vehicles have risen faster than expected, and that €3 billion a year is no longer enough without further price increases. States have accused the federal government of trying to cap its contribution; Berlin argues that regions should find efficiencies.</p>",
            ],
            ["subheading", "Has it worked?"],
            [
                "paragraph",
                "<p>Studies by transport researchers suggest the ticket has shifted some journeys from car to public transport, particularly for commuters in and around cities, and saved households money. The effect on emissions has been positive but modest, because rural services remain sparse and many subscribers were already regular passengers.</p>",
            ],
            [
                "paragraph",
                "<p>“The ticket solved the price problem. It did not solve the supply problem,” said Dr. Felix Hartmann, a transport economist in Kassel. “If your village has two buses a day, a cheaper ticket for those two buses does not change your life.”</p>",
            ],
            [
                "paragraph",
                "<p>Governments have discussed a formula that would link the price to costs automatically from 2027, removing the annual political fight. Passenger groups warn that repeated rises could erode the ticket's appeal, especially for lower-income users who joined because of the original €49 price.</p>",
            ],
            ["related", {"slug": "europe-should-subsidise-night-trains", "excerpt": ""}],
        ],
    },
    # 39
    {
        "slug": "review-the-quiet-harbour",
        "section": "culture",
        "kind": "review",
        "language": "en",
        "headline": "The Quiet Harbour is a debut that trusts its actors and its audience",
        "standfirst": "Niamh Costello's first feature, set in a Donegal fishing town during one wet November, is slow, funny and quietly furious about what happens to places the economy forgets.",
        "authors": ["priya-nair"],
        "tags": ["Film"],
        "hours_ago": 325,
        "image": {
            "title": "Harbour wall",
            "caption": "A still from The Quiet Harbour showing two characters on a harbour wall in Killybegs, County Donegal, Ireland.",
            "credit": "Still courtesy of Tidewater Pictures / Courier Photo Desk",
            "colours": ["#1d2d44", "#748cab"],
        },
        "body": [
            [
                "paragraph",
                "<p>Nothing much happens in the first half hour of <i>The Quiet Harbour</i>, and Niamh Costello makes sure we notice. A woman in her sixties, Bríd, opens her late husband's chandlery each morning, sells almost nothing, and closes it again. Her adult son, home from Dublin after losing his job, sleeps until noon. The rain does not stop.</p>",
            ],
            [
                "paragraph",
                "<p>Then a developer arrives with an offer to turn the chandlery and the derelict fish store next to it into holiday flats, and the film becomes, almost without raising its voice, a study of what a town is worth. Costello, who grew up in the area, refuses to make the developer a villain — he is a polite man from Galway with a reasonable spreadsheet — or the locals saints. Everyone has a price, and most of them are embarrassed by it.</p>",
            ],
            [
                "paragraph",
                "<p>The performances are uniformly excellent. As Bríd, the stage veteran Maeve Gallagher does more with a raised eyebrow than most actors do with a monologue, and there is a lovely, unshowy turn from newcomer Ciarán Boyle as the son who slowly realises his mother is cleverer than he is.</p>",
            ],
            [
                "paragraph",
                "<p>At 94 minutes, the film is lean, though a subplot about a missing dog never quite earns its place. The final scene — which I will not spoil — is the best ending to an Irish film I have seen in years.</p>",
            ],
            ["paragraph", "<p><i>The Quiet Harbour</i> is in cinemas in Ireland and the UK from Friday.</p>"],
        ],
    },
    # 40
    {
        "slug": "polls-are-snapshots-not-forecasts",
        "section": "opinion",
        "kind": "opinion",
        "language": "en",
        "headline": "Europe's recent elections have one lesson for the media: polls are snapshots, not forecasts",
        "standfirst": "From Warsaw to Bucharest, close races were reported as certainties. Newsrooms, including ours, should change how we write about opinion polls.",
        "authors": ["maren-holt"],
        "tags": ["Elections"],
        "hours_ago": 350,
        "image": {
            "title": "Ballot box",
            "caption": "A voter casts a ballot at a polling station in a school gymnasium in Gdańsk, Poland.",
            "credit": "Tomasz Wilk / Courier Photo Desk",
            "colours": ["#0f4c5c", "#e36414"],
        },
        "body": [
            [
                "paragraph",
                "<p>On the evening of Poland's presidential run-off in June 2025, the first exit poll showed one candidate narrowly ahead. By the next morning the count showed the other had won. Nobody had lied and nobody had failed at arithmetic; the race was simply within the margin of error, as the pollsters had said all along. But that is not how much of the coverage had read.</p>",
            ],
            [
                "paragraph",
                "<p>The same pattern has repeated across Europe. Polls indicate a close race; headlines turn “slightly ahead” into “on course to win”; the result lands on the other side of the line; and readers conclude that polls are broken. They are not broken. We are reading them wrongly.</p>",
            ],
            ["related", {"slug": "polands-president-and-the-coalition", "excerpt": ""}],
            ["subheading", "What we will do differently"],
            [
                "paragraph",
                "<p>At the Courier, we are changing three things. First, we will report the margin of error alongside any poll figure, in the text, not in a footnote. A lead of two points in a poll of 1,000 people is not a lead; it is a tie. Second, we will stop using verbs of motion — “surging”, “collapsing”, “closing in” — for changes smaller than the poll's own uncertainty. Third, we will give at least as much space to what voters say they care about as to who they say they will vote for.</p>",
            ],
            [
                "pull_quote",
                {
                    "quote": "A lead of two points in a poll of 1,000 people is not a lead; it is a tie.",
                    "attribution": "Maren Holt, Editor",
                },
            ],
            [
                "paragraph",
                "<p>None of this is new advice. Statisticians have been saying it for decades. But newsrooms operate under pressure to produce a story every day, and “the race remains close and uncertain” is not a headline anyone wants to write twice in one week. That pressure is real; it is also no excuse.</p>",
            ],
            [
                "paragraph",
                "<p>Polls are valuable. They tell us what a sample of people thought at a particular moment, and good ones are remarkably accurate on average. The mistake is to treat a photograph as a film. If readers lose trust in polling, part of the blame lies with us — and part of the fix does too.</p>",
            ],
        ],
    },
    # 41
    {
        "slug": "pandemic-agreement-annex-talks-resume",
        "section": "news",
        "kind": "news",
        "language": "en",
        "headline": "Negotiators return to Geneva to finish the missing piece of the WHO pandemic agreement",
        "standfirst": "Countries adopted a global pandemic treaty in May 2025, but it cannot open for signature until they agree how to share virus samples and the medicines made from them.",
        "authors": ["ines-kowalczyk", "maren-holt"],
        "tags": ["Health"],
        "hours_ago": 390,
        "image": {
            "title": "Palais des Nations",
            "caption": "The flags of member states outside the Palais des Nations in Geneva, Switzerland.",
            "credit": "Jonas Friis / Northlight Images",
            "colours": ["#0077b6", "#edf2f4"],
        },
        "body": [
            [
                "paragraph",
                "<p>Government negotiators resumed talks in Geneva on Monday on the final and most contested part of the World Health Organization's pandemic agreement: a system for sharing samples of dangerous pathogens and the vaccines, tests and treatments developed from them. The agreement itself was adopted by the World Health Assembly in May 2025, after more than three years of negotiations prompted by the COVID-19 pandemic.</p>",
            ],
            [
                "paragraph",
                "<p>The treaty cannot be opened for signature until the annex on “pathogen access and benefit sharing”, known as PABS, is agreed. Once it is, the agreement needs ratification by 60 countries to enter into force.</p>",
            ],
            ["subheading", "The core bargain"],
            [
                "paragraph",
                "<p>The principle is straightforward. Countries that detect a new pathogen would share samples and genetic data quickly with the international scientific community. In return, manufacturers that use those samples would commit to making part of their production — the current draft discusses 20% of real-time output of vaccines, treatments and diagnostics in an emergency — available to the WHO for distribution to poorer countries.</p>",
            ],
            [
                "paragraph",
                "<p>The details are where it gets hard. Pharmaceutical companies, many of them based in Europe, warn that legally binding contracts attached to every sample could slow down research. Many African, Asian and Latin American governments argue that without binding commitments, they will again be left at the back of the queue, as they were for COVID-19 vaccines in 2021.</p>",
            ],
            [
                "paragraph",
                "<p>“We were asked to share everything in 2020, and then we waited a year for doses,” said Dr. Grace Mwangi, a public health specialist who has advised several African delegations. “This annex is the difference between a treaty and a press release.”</p>",
            ],
            [
                "paragraph",
                "<p>The U.S., which announced its withdrawal from the WHO in January 2025, is not taking part. The EU negotiates as a bloc and has positioned itself as a broker between manufacturers and developing countries. Negotiators aim to present a text to the next World Health Assembly in May.</p>",
            ],
        ],
    },
    # 42
    {
        "slug": "eu-us-tariff-deal-and-car-parts-suppliers",
        "section": "business",
        "kind": "analysis",
        "language": "en",
        "headline": "The EU-U.S. tariff truce spared Europe's carmakers the worst. Their suppliers are not so sure",
        "standfirst": "A 15% ceiling on U.S. tariffs gave big manufacturers certainty. For the small firms that make their parts, thinner margins and shifting orders are already biting.",
        "authors": ["tomas-reyes"],
        "tags": ["Markets", "Transport"],
        "hours_ago": 462,
        "image": {
            "title": "Parts factory",
            "caption": "Workers on the production line at a car components factory near Žilina, Slovakia.",
            "credit": "Tomasz Wilk / Courier Photo Desk",
            "colours": ["#335c67", "#e09f3e"],
        },
        "body": [
            [
                "paragraph",
                "<p>When the EU and the U.S. agreed the outline of a trade deal in July 2025, Europe's largest carmakers breathed a cautious sigh of relief. Under the arrangement, U.S. tariffs on most EU goods, including cars, were capped at 15%, down from the 27.5% that had applied to European vehicles since the spring. It was still far higher than the 2.5% that applied before, but it ended months of uncertainty.</p>",
            ],
            [
                "paragraph",
                "<p>For the companies further down the supply chain, the picture is less comfortable. Europe has thousands of small and medium-sized firms that make seats, wiring, brakes and electronics for the big brands, concentrated in Germany, Czechia, Slovakia, Hungary, Poland and northern Spain. Many operate on margins of 3% to 5%. A 15% tariff on the finished vehicle is, in practice, a cost that carmakers try to share with their suppliers.</p>",
            ],
            ["subheading", "Pressure flows downstream"],
            [
                "paragraph",
                "<p>“The brand calls us and says: the tariff is 15%, we need 4% off your price,” said Milan Hudec, managing director of a Slovak maker of wiring harnesses that employs 620 people. “We cannot say no to our biggest customer. So we look for the 4% in our own costs, and that means energy, and that means people.”</p>",
            ],
            [
                "paragraph",
                "<p>Industry associations report that a growing number of suppliers are considering opening plants in the U.S. or Mexico to stay close to customers who are shifting production there. That is exactly what the tariffs were designed to encourage. For regions such as northern Slovakia, where the car industry accounts for a large share of manufacturing employment, each such decision is felt locally.</p>",
            ],
            ["subheading", "Electric shift adds strain"],
            [
                "paragraph",
                "<p>Tariffs are arriving on top of a deeper transformation. Electric cars need fewer parts than combustion engines, and many of those parts — batteries above all — are made by Asian companies. Suppliers that specialise in gearboxes, exhausts or fuel systems face a shrinking market regardless of trade policy.</p>",
            ],
            [
                "paragraph",
                "<p>The EU has promised support through its industrial action plan for the automotive sector, including funding for battery production and retraining. Suppliers say what they need most is time: stable rules, predictable orders and a few years to adapt. The tariff deal has given them the first of those. The other two remain out of reach.</p>",
            ],
        ],
    },
]

EDITORS_PICKS = [
    "after-the-blackout-iberias-grid-questions",
    "short-term-rental-caps-are-not-enough",
    "review-the-ferry-year",
    "kyiv-schools-add-shelter-classrooms",
    "climate-finance-after-baku-explained",
]

# The newsroom's own pages, linked from every page's footer (MastheadSettings).
TAGLINE = "Independent reporting on Europe and the world."
PUBLISHER = "Masthead Courier Media (a demo publisher)"
LEGAL_LINES = [
    "Editor in chief: Ana Demo. Registered office: 1 Example Street, Demo Town.",
    "A demonstration newsroom: every story, person and photo on this site is invented.",
]
INFO_PAGES = [
    {
        "slug": "about",
        "title": "About us",
        "role": "about_page",
        "intro": "The Masthead Courier is an independent newsroom covering Europe and the world.",
        "body": [
            ("paragraph", "<p>We are a small team of reporters and editors. We answer to our readers, not owners.</p>"),
            ("paragraph", "<p>Our reporting is free to read. Our newsletters bring it to your inbox.</p>"),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "role": "contact_page",
        "intro": "How to reach the newsroom, send us a tip, or ask for a correction.",
        "body": [
            ("paragraph", "<p>Write to the newsroom at newsroom@example.org. We read every message.</p>"),
            ("subheading", "Sending us a tip"),
            ("paragraph", "<p>Tell us what you know and how we can reach you. We protect our sources.</p>"),
        ],
    },
    {
        "slug": "corrections",
        "title": "Corrections",
        "role": "corrections_page",
        "intro": "When we get something wrong, we say so here and on the story.",
        "body": [
            (
                "paragraph",
                "<p>We correct errors of fact quickly and openly, with a note on the story saying what changed.</p>",
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "role": "privacy_page",
        "intro": "What we keep about you, and why: very little.",
        "body": [
            ("paragraph", "<p>We do not track you. No page loads anything from another company's servers.</p>"),
            ("paragraph", "<p>If you sign up for a newsletter we keep your email address until you leave.</p>"),
        ],
    },
]

# The front page as an editor arranged it: the lead pinned, an opinion pinned beside it, a block per section,
# and one for a running topic.
FRONT_PAGE = [
    ("lead", {"article": "lisbon-council-votes-to-cap-short-term-rentals"}),
    ("secondary", {"pinned": ["short-term-rental-caps-are-not-enough"], "count": 4}),
    ("section", {"section": "news", "title": "", "pinned": [], "count": 4}),
    ("section", {"section": "business", "title": "", "pinned": [], "count": 4}),
    ("tag", {"tag": "Climate", "title": "Climate: the running story", "pinned": [], "count": 4}),
    ("section", {"section": "opinion", "title": "Opinion and analysis", "pinned": [], "count": 4}),
    ("section", {"section": "culture", "title": "", "pinned": [], "count": 4}),
]
