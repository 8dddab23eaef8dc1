"""Registry rows for the parties, companies, media and public bodies of modern European and
international news: each is found in a sentence of the kind the press writes, with the right id,
and a risky acronym is not matched where it means something else."""

from __future__ import annotations

import pytest

from tui_reader.entities import default_tagger


def ids(text: str, lang: str) -> list[str]:
    return [m.id for m in default_tagger().tag(text, lang) if m.id.startswith("org:")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "The interim government was agreed on by the ODS, ČSSD and KSČM.",
            "en",
            ["org:cz-ods", "org:cz-cssd", "org:cz-kscm"],
        ),
        ("The PRI was ousted in 2000 after 71 years in power.", "en", ["org:mx-pri"]),
        # the African Union's council, not the UN's Security Council inside its name
        ("The African Union's Peace and Security Council met.", "en", ["org:au", "org:au-psc"]),
        ("Le Conseil de paix et de sécurité de l'UA s'est réuni.", "fr", ["org:au-psc"]),
        (
            "Georgia's ruling Georgian Dream party beat the UNM; the PML-N won in Pakistan.",
            "en",
            ["org:ge-georgian-dream", "org:ge-unm", "org:pk-pmln"],
        ),
        ("the Pheu Thai Party and the Move Forward Party", "en", ["org:th-pheu-thai", "org:th-move-forward"]),
        ("The TPLF fought the Tatmadaw's allies.", "en", ["org:et-tplf", "org:mm-tatmadaw"]),
        (
            "Gavi and the Global Fund to Fight AIDS, Tuberculosis and Malaria, not the Global Fund for Women",
            "en",
            ["org:gavi", "org:global-fund"],
        ),
        (
            "The Scottish Government and the Welsh Government disagreed with WestLB and Helaba.",
            "en",
            ["org:gb-scottish-government", "org:gb-welsh-government", "org:westlb", "org:helaba"],
        ),
        (
            "Goldman Sachs, JP Morgan Chase and Mattel",
            "en",
            ["org:goldman-sachs", "org:jpmorgan", "org:mattel"],
        ),
        (
            "Il a étudié à l'université Harvard puis à l'université d'Oxford.",
            "fr",
            ["org:harvard", "org:oxford-university"],
        ),
        ("They say the Mahdi army stopped killing people.", "en", ["org:iq-mahdi-army"]),
        ("a recent BBC Two documentary and clips on You Tube", "en", ["org:bbc", "org:youtube"]),
        (
            "The Finnish national airline Finnair said. Akzo and Guinness PLC rose.",
            "en",
            ["org:finnair", "org:akzonobel", "org:guinness"],
        ),
        ("said an analyst at Donaldson, Lufkin and Jenrette.", "en", ["org:dlj"]),
        (
            "Ford shares rose while GM fell, as Ford sold more trucks.",
            "en",
            ["org:ford", "org:general-motors", "org:ford"],
        ),
        ("Baker and Greenspan worked together in the Ford administration.", "en", []),
        ("Former News of the World editor Andy Coulson; the NotW said", "en", ["org:news-of-the-world"] * 2),
        (
            "researchers at Bell Labs and a Harvard Business School Professor",
            "en",
            ["org:bell-labs", "org:harvard-business-school"],
        ),
        (
            "l'Agence française de lutte contre le dopage (AFLD) a suspendu",
            "fr",
            ["org:fr-afld", "org:fr-afld"],
        ),
        (
            "Le Vlaams Belang et la N-VA progressent en Flandre.",
            "fr",
            ["org:be-vlaams-belang", "org:be-n-va"],
        ),
        (
            "Jörg Haider, leader of the Alliance for the Future of Austria (BZÖ), spoke.",
            "en",
            ["org:at-bzo", "org:at-bzo"],
        ),
        (
            "Renfe et Vodafone ont signé un contrat avec Syngenta.",
            "fr",
            ["org:renfe", "org:vodafone", "org:syngenta"],
        ),
        ("Shares in ČEZ fell after Northern Rock was nationalised.", "en", ["org:cez", "org:northern-rock"]),
        (
            "Selon Le Dauphiné libéré, la Fnac ferme son magasin.",
            "fr",
            ["org:le-dauphine-libere", "org:fnac"],
        ),
        ("German public broadcaster MDR and China Daily reported it.", "en", ["org:mdr", "org:china-daily"]),
        ("L'INE a publié l'indicateur avancé, selon Europa Press.", "fr", ["org:es-ine", "org:europa-press"]),
        ("Les Mossos d'Esquadra ont arrêté deux suspects.", "fr", ["org:es-mossos"]),
        ("The SEDENA said Los Zetas were behind the attack.", "en", ["org:mx-sedena", "org:los-zetas"]),
        (
            "Le conseil de l'ordre des médecins a sanctionné le praticien.",
            "fr",
            ["org:fr-ordre-des-medecins"],
        ),
        ("Les islamistes d'al-Chebab ont revendiqué l'attentat.", "fr", ["org:al-shabaab"]),
        ("SPIEGEL ONLINE reported the story first.", "en", ["org:der-spiegel"]),
        ("L'ESTAC Troyes reçoit le FC Porto.", "fr", ["org:estac-troyes", "org:fc-porto"]),
        ("Marks & Spencer and AT&T reported higher sales.", "en", ["org:marks-and-spencer", "org:att"]),
        ("Le financier bavarois Hypo Real Estate (HRE) est coté au DAX.", "fr", ["org:hypo-real-estate"] * 2),
        ("rapportés par La Presse Canadienne mercredi", "fr", ["org:canadian-press"]),
        ("Ferrovial, via Swissport, and Geely bid.", "en", ["org:ferrovial", "org:swissport", "org:geely"]),
        ("Les FARDC et la Monusco ont repris Goma.", "fr", ["org:cd-fardc", "org:monusco"]),
        ("the gunmen are part of the New People's Army (NPA)", "en", ["org:ph-npa"] * 2),
        (
            "selon un sondage Ifop pour le JDD, et l'institut Levada",
            "fr",
            ["org:ifop", "org:jdd", "org:levada-center"],
        ),
        ("The Awami League and Gallup agreed.", "en", ["org:bd-awami-league", "org:gallup"]),
        # the French press's word form of an acronym: "l'Onu" beside "l'Otan"
        ("Au siège de l'Onu, l'Otan et l'Unesco ont signé.", "fr", ["org:un", "org:nato", "org:unesco"]),
        (
            "Le Fonds européen de stabilité financière (FESF) emprunte; the EFSF lends.",
            "und",
            ["org:efsf", "org:efsf", "org:efsf"],
        ),
        # a sign that ends a name is part of it
        ("CANAL+ a perdu des abonnés; le Canal de Suez est ouvert.", "fr", ["org:canal-plus"]),
        # press forms beside the official names
        ("a study by the European Food Safety Agency", "en", ["org:efsa"]),
        ("les urgences de l'APHP et de l'AP-HP", "fr", ["org:fr-aphp", "org:fr-aphp"]),
        ("the Antenne 2 team and the National Trust", "en", ["org:france-2", "org:national-trust"]),
        ("Louis Vuitton, a brand of LVMH", "en", ["org:louis-vuitton", "org:lvmh"]),
        ("the Australian Labor Party won", "en", ["org:au-alp"]),
        # an acronym in brackets that fits the registry body's name in another language
        (
            "Le Parti pour une société démocratique (DTP) est dissous; le DTP fait appel.",
            "fr",
            ["org:tr-dtp"] * 3,
        ),
        ("le Parti démocrate-progressiste (DPP) a gagné; le DPP gouverne", "fr", ["org:tw-dpp"] * 3),
        (
            "the main economist of ABN Amro said, Olivetti chairman Carlo de Benedetti told Yedioth Ahronoth",
            "en",
            ["org:abn-amro", "org:olivetti", "org:yedioth-ahronoth"],
        ),
        (
            "la Concacaf, Capital One et le magazine Time",
            "fr",
            ["org:concacaf", "org:capital-one", "org:time-magazine"],
        ),
        ("ties between politics and ‘ndrangheta in Calabria", "en", ["org:ndrangheta"]),
        ("Les Chemins de fer tchèques vont supprimer des trains.", "fr", ["org:cz-ceske-drahy"]),
        # national statistics agencies, named "Statistics" and their country
        (
            "Statistics Canada said; Statistics Norway and Statistique Canada agreed",
            "en",
            ["org:ca-statcan", "org:no-statistics", "org:ca-statcan"],
        ),
        (
            "Petroleos de Venezuela (PDVSA) and Comex gold futures",
            "en",
            ["org:pdvsa", "org:pdvsa", "org:comex"],
        ),
        # Canada's federal agencies, named by a word and the country
        (
            "Santé Canada a émis un rappel; Health Canada, Transport Canada et Postes Canada",
            "fr",
            ["org:ca-health-canada", "org:ca-health-canada", "org:ca-transport-canada", "org:ca-canada-post"],
        ),
        # the dotted acronym the French press of the time wrote
        ("L'action de la S.D.N. et de la S. D. N.", "fr", ["org:league-of-nations"] * 2),
        (
            "La BASD incite l'Asie, selon le Fond Monétaire International; l'ADQ, la Finma et l'EFF",
            "fr",
            ["org:adb", "org:imf", "org:ca-adq", "org:ch-finma", "org:eff"],
        ),
        (
            "Burger King, Taco Bell and Kentucky Fried Chicken; Pixar, El Corte Inglés and Cogeco Cable",
            "en",
            ["org:burger-king", "org:taco-bell", "org:kfc", "org:pixar", "org:el-corte-ingles", "org:cogeco"],
        ),
        (
            "Human Rights First and the Ladies in White, les Dames en blanc, as The Sun wrote",
            "en",
            ["org:human-rights-first", "org:ladies-in-white", "org:ladies-in-white", "org:the-sun"],
        ),
        # the House of Commons and the Tories in British news
        (
            "The Commons authorities approved it, said two Tory MPs and a Tory minister in Britain.",
            "en",
            ["org:gb-house-of-commons", "org:gb-conservatives", "org:gb-conservatives"],
        ),
    ],
)
def test_new_rows_are_found(text: str, lang: str, expected: list[str]) -> None:
    assert ids(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "absent"),
    [
        # "UPS" in an all-caps headline is the word "ups", not the parcel company
        ("BROWN-FORMAN SETS STOCK SPLIT, UPS PAYOUT", "en", "org:ups"),
        # "PAN" in capitals is the word "pan", not Mexico's National Action Party
        ("NON-STICK FRYING PAN SALES RISE", "en", "org:mx-pan"),
        # the matcher reads "&" like a dot: "H.M.S." is no H&M, which the registry lists by name only
        ("He will commission H.M.S. Galatea at Devonport.", "en", "org:h-and-m"),
        # "Troyes" is the city, not its club, outside a match report
        ("Il habite à Troyes depuis dix ans.", "fr", "org:estac-troyes"),
        # the province of Dauphiné, not the newspaper
        ("Il est né dans le Dauphiné en 1850.", "fr", "org:le-dauphine-libere"),
        # a firm named after its founders, not the magazine
        ("MacAndrews and Forbes, owned by Ronald Perelman, offered 18.50 dlrs.", "en", "org:forbes"),
        # a Nigerian surname, in English and after a first name in French
        ("Peter Onu, the Nigerian envoy, said.", "en", "org:un"),
        ("Le ministre Ogbonnaya Onu est arrivé.", "fr", "org:un"),
        # the end of a bank's name
        (
            "The trustee is Bank of America National Trust and Savings Association.",
            "en",
            "org:national-trust",
        ),
        # a first name, the end of another name, a word
        ("Tory Burch opened a store in Paris.", "en", "org:gb-conservatives"),
        ("The images are under a Creative Commons licence.", "en", "org:gb-house-of-commons"),
        ("Time will tell, he said at the time.", "en", "org:time-magazine"),
        ("The sun rose over the harbour.", "en", "org:the-sun"),
    ],
)
def test_risky_forms_are_not_matched_where_they_mean_something_else(
    text: str, lang: str, absent: str
) -> None:
    assert absent not in ids(text, lang)


def test_a_risky_acronym_still_names_its_body_in_running_text() -> None:
    assert ids("UPS said quarterly profit rose.", "en") == ["org:ups"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the financial sector watchdog BaFin searched 10 premises, the DIHK chambers of commerce said",
            ["org:de-bafin", "org:de-dihk"],
        ),
        (
            "the Mechanical Engineering Industry Association's (VDMA) expert said, according to the GTZ",
            ["org:de-vdma", "org:de-vdma", "org:de-giz"],
        ),
        ("Ifo said the reduction would help, and the DIW agreed.", ["org:ifo-institute", "org:diw"]),
        (
            "E.ON, RWE and Vattenfall sue the government, a spokeswoman for Fraport said",
            ["org:eon", "org:rwe", "org:vattenfall", "org:fraport"],
        ),
        (
            "the newspaper Welt am Sonntag and the Sueddeutsche Zeitung, broadcasters RBB, NDR and SWR",
            ["org:welt-am-sonntag", "org:sueddeutsche", "org:rbb", "org:ndr", "org:swr"],
        ),
        (
            "told Norwegian broadcaster NRK, the Expressen tabloid and the pro-government Daily Sabah",
            ["org:nrk", "org:expressen", "org:daily-sabah"],
        ),
        (
            "Kimi Raikkonen of McLaren, Hulkenberg in a Force India and Sainz in a Toro Rosso",
            ["org:mclaren", "org:force-india", "org:toro-rosso"],
        ),
    ],
)
def test_german_bodies_and_the_media_and_teams_of_international_news(text: str, expected: list[str]) -> None:
    assert ids(text, "en") == expected


def test_a_peoples_adjective_after_a_groups_name_is_a_demonym() -> None:
    text = "Le Hezbollah libanais et le Hamas palestinien"
    found = [(m.text, m.id, m.form) for m in default_tagger().tag(text, "fr")]
    assert found == [
        ("Hezbollah", "org:hezbollah", "name"),
        ("libanais", "country:LB", "demonym"),
        ("Hamas", "org:hamas", "name"),
        ("palestinien", "country:PS", "demonym"),
    ]
