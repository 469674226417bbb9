"""The Fifth meeting of the U4SSC (9 October 2020), from its report of 9 November 2020."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

SLUG = "fifth-u4ssc-meeting-2020"
TITLE = "Fifth meeting of the United for Smart Sustainable Cities initiative"
DAY = dt.date(2020, 10, 9)
STARTS = dt.time(10, 0)
ENDS = dt.time(16, 5)
REPORT_VERSION = dt.date(2020, 11, 9)
PLACE = "Virtual meeting"  # as the report's title block says; MR 1 tells of WebEx and the Palais
ORGANISERS = ("UNECE", "ITU", "UN-Habitat")

# The report's first paragraph (who coordinates and supports U4SSC) and the Annex 1 sentence are
# written by the report itself from the registers; this is the rest of MR 1, as in the source.
INTRODUCTION = (
    'U4SSC was conceptualized to achieve Sustainable Development Goal 11: "Make cities and human settlements '
    'inclusive, safe, resilient and sustainable". Since its inception in 2016, it has been a global platform '
    "advocating for public policy and encouraging the use of ICTs to facilitate and ease the transition to "
    "Smart Sustainable Cities (SSCs).\n\n"
    "The Fifth meeting of the U4SSC Initiative was organized by the United Nations Economic Commission for "
    "Europe – UNECE, the International Telecommunication Union – ITU and the United Nations Human Settlement "
    "Programme - UN-Habitat on 9 October 2020, from 10:00 to 16:05 CET (Geneva time). The meeting took place "
    "online on WebEx with a limited onsite participation at the Palais des Nations, Geneva, Switzerland. This "
    "meeting brought together leading specialists in the field, such as city planners, engineers, designers, "
    "policymakers, government officials, regulators, academia, and standards experts."
)

OBJECTIVES = "\n".join(
    [
        "Discuss the application of KPIs for smart sustainable cities to support achieving SDG11 and other "
        "urban related SDGs;",
        "Provide updates on the U4SSC activities;",
        "Provide updates on the work of the U4SSC thematic groups; and",
        "Discuss U4SSC working methods, the draft Terms of References and the draft Work Plan 2020-2021.",
    ]
)

AGENDA = "\n".join(
    [
        "Opening of the meeting",
        "Welcome remarks",
        "Session 1: Application of U4SSC KPIs for smart sustainable cities to support achieving SDG11 and "
        "other urban related SDGs",
        "Session 2: Update on U4SSC activities",
        "Session 3: Update on the work of the U4SSC thematic groups",
        "Session 4: U4SSC working methods and Terms of References and Annual Work Plan (U4SSC Partners only)",
        "Closure",
    ]
)

CLOSURE = (
    "Ms. Paola Deda thanked the U4SSC participants for their dedication towards the initiative and expressed "
    "her gratitude to them in taking the work further through the various Thematic Groups and deliverables.\n\n"
    "Ms. Paola Deda reiterated that discussions on the Work Plan and the Terms of Reference will continue in a "
    "session to be organized by the end of 2020 with the participation of the U4SSC Partners and the "
    "Management Board."
)


class SpeakerData(NamedTuple):
    name: str
    affiliation: str
    summary: str
    username: str = ""  # the Person, when the demo has one


class SessionData(NamedTuple):
    kind: str
    title: str
    moderator_name: str = ""
    moderator_username: str = ""
    audience: str = "open"
    questions: str = ""
    highlights: str = ""
    speakers: tuple[SpeakerData, ...] = ()


SESSIONS: list[SessionData] = [
    SessionData(
        "opening",
        "Opening of the Meeting",
        speakers=(
            SpeakerData(
                "Ms. Olga Algayerova",
                "Executive Secretary, UNECE",
                "Underlined the importance of the U4SSC as a global platform for the exchange of best practices "
                "and knowledge to assist cities with the implementation of the 2030 Agenda and achieving "
                "urban-related SDGs. UNECE has applied the U4SSC KPIs in 23 cities of the UNECE region and "
                'convened the First UN Forum of Mayors on "City Action for a Resilient Future" (Geneva, '
                "6 October 2020), which culminated in the adoption of the Geneva Declaration of Mayors.",
            ),
            SpeakerData(
                "Mr. Chaesub Lee",
                "Director of the ITU Telecommunication Standardization Bureau",
                "Congratulated the U4SSC for creating an ecosystem which urban stakeholders can turn to for "
                "guidance on SSC transitions, and highlighted the role of ITU-T Study Group 20 on the Internet "
                "of Things and Smart Cities & Communities in standardization for overarching urban goals, key "
                "measures to monitor SSC progress and critical capabilities for the incorporation of technologies.",
            ),
            SpeakerData(
                "Mr. Raf Tuts",
                "Director, Global Solutions Division, UN-Habitat",
                "Outlined UN-Habitat's commitment to utilizing technology for all facets of life in cities, "
                "especially during the COVID-19 pandemic, and announced the creation of the flagship programme "
                'on "People-focused Smart Cities".',
            ),
            SpeakerData(
                "Mr. Nasser Saleh Al Marzouqi",
                "Chairman of the U4SSC",
                "Thanked the partners, members and participants for supporting the U4SSC throughout the "
                "pandemic, with the U4SSC KPIs now implemented in over 100 cities; commended the Thematic Group "
                "on Economic Recovery in Cities and Urban Resilience-Building in the Time of COVID-19; and noted "
                "the launch of three deliverables: Accelerating city transformation using frontier technologies; "
                "A Guide to Circular Cities; and Blockchain for Smart Sustainable Cities.",
                "chair",
            ),
        ),
    ),
    SessionData(
        "welcome",
        "Welcome Remarks",
        speakers=(
            SpeakerData(
                "Ms. Beatrice Ferrari",
                "Director International Geneva, Canton of Geneva; Board Member of the Geneva Cities Hub",
                "Highlighted the importance of U4SSC meetings in fostering collaboration between local "
                "governments and international bodies, raising awareness of data transparency and storage for "
                "SSCs, and encouraging citizen engagement.",
            ),
        ),
    ),
    SessionData(
        "session",
        "Session 1: Application of U4SSC KPIs for smart sustainable cities to support achieving SDG11 and "
        "other urban related SDGs",
        moderator_name="Ms. Kari Eik, Secretary-General of the OiER",
        moderator_username="ipleader",
        questions="\n".join(
            [
                "How can the application of KPIs for smart sustainable cities help cities to achieve SDGs and "
                "promote the implementation of the 2030 Agenda on Sustainable Development?",
                "What are the experiences and good practices?",
                "What are the recommendations that urban stakeholders can adopt in the future based on existing "
                "SSC practices?",
            ]
        ),
        highlights=(
            "The U4SSC KPIs are expected to be refined based on feedback received from city implementation "
            "experiences. To expedite reporting, a web-tool will be developed by ITU in 2021, using which cities "
            "can directly provide data for verification; it will secure sensitive data (as per GDPR and other "
            "privacy rules) while allowing certain types of data to be made public with the city's consent. "
            "WMO pointed to the need to review the U4SSC KPIs based on the experience of cities that have "
            "implemented them and called for a joint UN effort to achieve this goal."
        ),
        speakers=(
            SpeakerData(
                "Ms. Cristina Bueti",
                "ITU Focal Point on Smart Sustainable Cities",
                "Gave an overview of ITU's role in the global SSC standards landscape and of ITU-T Study Group 20 "
                "in developing ITU-T Recommendations on urban operations interoperability, planning, guidance for "
                "city leaders, stakeholder management, security, accessibility and emergency response. ITU works "
                "with the U4SSC on the implementation and updating of the U4SSC KPIs and on all Thematic Groups, "
                "including City Platforms and U4SSC Index.",
                "focal-itu",
            ),
            SpeakerData(
                "Ms. Agata Krause",
                "Consultant, UNECE Housing and Land Management Unit",
                "Underscored the development of Smart Sustainable City Profiles for 17 cities, including in "
                "Norway, Nur-Sultan and Almaty (Kazakhstan), Bishkek (Kyrgyzstan), Grodno (Belarus), Tbilisi "
                "(Georgia) and Podgorica (Montenegro), and UNECE's encouragement of Voluntary Local Reviews.",
                "agata.krause",
            ),
            SpeakerData(
                "Mr. Kristian Mjøen",
                "Head of the Geneva UN Charter Centre of Excellence on SDG City Transitions, Trondheim",
                "Presented the first national U4SSC KPIs project in Norway, run with the U4SSC Implementation "
                "Programme: ten Norwegian cities evaluated and 20 more expected, recognised by the European "
                "Commission and paving the way to the first city network of excellence.",
            ),
            SpeakerData(
                "Mr. Zhassulan Kenzhagaliyev",
                "Head of the Centre for the Development of Innovation Ecosystem and International Cooperation, "
                '"Astana Innovations", City of Nur-Sultan, Kazakhstan',
                "Presented the implementation of the U4SSC KPIs in Nur-Sultan, from a UNECE pilot to an SSC "
                "profile of the city; the 2019 data was collected and the results presented at the 81st session "
                "of the UNECE Committee on Urban Development, Housing and Land Management.",
            ),
        ),
    ),
    SessionData(
        "session",
        "Session 2: Update on U4SSC activities",
        moderator_name="Ms. Cristina Bueti, ITU Focal Point on Smart Sustainable Cities",
        moderator_username="focal-itu",
        highlights="The session provided an overview of the different U4SSC deliverables.",
        speakers=(
            SpeakerData(
                "Ms. Soumaya Ben Dhaou",
                "Research Coordinator, UNU-EGOV; Leader of the Thematic Group on Blockchain 4 Cities",
                "Presented the report \"Blockchain for Smart Sustainable Cities\", its '4S' framework "
                "(Situation, Sustainability, Smartness and Suitability) and its recommendations.",
                "soumaya.bendhaou",
            ),
            SpeakerData(
                "Mr. Sang Ziqin and Mr. Tomás Llorente",
                "China Information Communication Technologies Group, China; Collado Villalba town, Spain; "
                "Leaders of the Thematic Group on the impact of frontier technologies in cities",
                'Presented the findings of "Accelerating city transformation using frontier technologies" '
                "(published in September 2020): AI, IoT, digital twins, drones, wearables and virtual or "
                "augmented reality in cities, and the role of standardization.",
                "sang.ziqin",
            ),
            SpeakerData(
                "Mr. Okan Geray",
                "Strategic Planning Adviser, Smart Dubai Office, UAE; Leader of the Thematic Group on "
                "Guidelines on strategies for circular cities",
                'Presented "A Guide to Circular Cities" (published in June 2020) and its four-step methodology.',
                "okan.geray",
            ),
            SpeakerData(
                "Ms. Kari Eik",
                "Secretary General, OiER",
                "Highlighted the aim of the U4SSC Implementation Programme and the 5-year U4SSC project in "
                "Norway, from which national hubs will be established.",
                "ipleader",
            ),
        ),
    ),
    SessionData(
        "session",
        "Session 3: Update on the work of the U4SSC thematic groups",
        moderator_name="Mr. Robert Lewis-Lettington, Chief of Land, Housing, and Shelter Section, Urban "
        "Practices Branch, Global Solutions Division, UN-Habitat",
        moderator_username="robert.lewis-lettington",
        highlights="The session presented the latest updates on the U4SSC Thematic Groups for the coming year.",
        speakers=(
            SpeakerData(
                "Mr. Alberto Bernal",
                "City of València, Spain",
                "Presented the progress of the Thematic Group on City Platforms on behalf of its Leader, Ramón "
                "Ferri, and its four working groups; over 100 submissions are expected from experts.",
                "participant",
            ),
            SpeakerData(
                "Ms. Gulnara Roll",
                "Secretary to the Committee on Urban Development, Housing and Land Management, UNECE; Leader of "
                "the Thematic Group on Economic Recovery in Cities and Urban Resilience Building in the Time of "
                "COVID-19",
                "Informed participants of the new Thematic Group, which will function in 2020-2021 and develop a "
                "report with case studies on city action plans for economic recovery and urban resilience.",
                "focal-unece",
            ),
            SpeakerData(
                "Ms. Nadia Yeremenko and Mr. Raul Garcia",
                "Coordinator of the Thematic Group on Innovative Financing Instruments for Smart Sustainable "
                "Cities; UNECE expert on innovative financing",
                'Presented the Guidelines prepared by the group and its plan for a "Compendium of Best Practices '
                'of Financing Sustainable Smart Cities Projects".',
                "nadia.yeremenko",
            ),
            SpeakerData(
                "Mr. Okan Geray",
                "Strategic Planning Advisor, Smart Dubai Office, UAE; Leader of the Thematic Group on Guiding "
                "Principles for Artificial Intelligence in Cities",
                "Presented the principle-based frameworks for the adoption of AI in cities; a unified draft will "
                "be compiled and finalised in Q2 2021.",
                "okan.geray",
            ),
            SpeakerData(
                "Ms. Soumaya Ben Dhaou and Ms. Judy Backhouse",
                "UNU-EGOV; Leaders of the Thematic Groups on Simple Ways to be Smart, The Practitioner Guide to "
                "Measure Smart Sustainable Cities and Practitioner Guide to Monitor Smart Sustainable Cities",
                "Presented Simple Ways to be Smart, whose draft is expected by the end of October 2020 for "
                "finalization.",
                "judy.backhouse",
            ),
            SpeakerData(
                "Mr. Warren Smith",
                "Global Digital Marketplace Programme Director, Government Digital Service, UK; Leader of the "
                "Thematic Group on Procurement Guidelines for Smart Sustainable Cities",
                "Reported on public procurement of ICTs as a catalyst for the SDGs, with cities across 16 "
                "countries, and the roadmap the group will create.",
                "warren.smith",
            ),
            SpeakerData(
                "Ms. Barbara Kolm",
                "Director of Austrian Economics Centre; Leader of the Thematic Group on U4SSC Index",
                "Presented the global city ranking based on the U4SSC KPIs, developed from the pilots in over 100 "
                "cities.",
                "barbara.kolm",
            ),
        ),
    ),
    SessionData(
        "session",
        "Session 4: U4SSC working methods and Terms of References and Annual Work Plan",
        moderator_name="Ms. Paola Deda, Director, Forests, Land and Housing Division",
        moderator_username="paola.deda",
        audience="partners",
        highlights="\n\n".join(
            [
                "UNECE informed the participants that this session was open to U4SSC Partners only.",
                "Management Team: proposals for new Vice-Chairs were circulated by the U4SSC Secretariat prior "
                "to the meeting. ITU proposed the appointment of H.E. Ms. Katrina Naut, Ambassador, Permanent "
                "Representative, Mission of the Dominican Republic to the UN in Geneva, and Ms. Tania Marcos, "
                "Head of Quality and Smart Cities, Spanish Association for Standardization. UNECE proposed "
                "Mr. Giampiero Bambagioni, Vice-Chair of the Committee on Urban Development, Housing and Land "
                "Management of UNECE, Italy. Partners agreed with the aforementioned appointments and welcomed "
                "the new Vice-Chairs to the U4SSC.",
                "Feedback on U4SSC processes: UNU-EGOV raised concerns on the receipt of comments and inputs on "
                "the scope of deliverables during the finalization process. The meeting agreed to invite UN "
                "entities to provide their input during the initial drafting phases; comments on the final "
                "draft are reserved for correcting factual mistakes or editorial oversight. Due to connection "
                "issues, UNU-EGOV provided additional comments via email.",
                "U4SSC Partners list: the email list of U4SSC partners needs to be updated based on active "
                "representatives; partners were invited to confirm their focal points.",
                "U4SSC Terms of Reference: the updated draft was circulated on 8 October 2020. ITU raised "
                "concerns on concluding the meeting without approving the ToR; given the limited time for "
                "review, UNECE invited members to provide feedback by 9 November 2020, after which an online "
                "meeting with all partners will adopt the revised Terms of Reference.",
                "Annual Work Plan: no work plan document was prepared; it was agreed to develop the annual work "
                "plan shortly after the meeting and circulate it to all partners (Annex 2 of this report).",
            ]
        ),
    ),
    SessionData(
        "closing",
        "Closure of the session",
        moderator_name="Ms. Paola Deda, Director, Forests, Land and Housing Division",
        moderator_username="paola.deda",
    ),
]

# The Vice-Chairs appointed in Session 4: (username, proposed by).
VICE_CHAIRS: list[tuple[str, str]] = [
    ("katrina.naut", "ITU"),
    ("vicechair", "ITU"),
    ("giampiero.bambagioni", "UNECE"),
]

OTHER_DECISIONS: list[tuple[str, str]] = [
    (
        "other",
        "UN entities are invited to provide their input during the initial drafting phases of deliverables; "
        "comments on the final draft are reserved for correcting factual mistakes or editorial oversight.",
    ),
    (
        "other",
        "The quality of deliverables and their development is the responsibility of the sponsor(s) and "
        "author(s).",
    ),
    (
        "other",
        "Henceforth the U4SSC disclaimer states that the deliverables have been through an editorial review "
        "to ensure quality control and factual correctness of the content.",
    ),
    (
        "other",
        "Partners provide feedback on the draft Terms of Reference by 9 November 2020; an online meeting "
        "with all partners will then adopt the revised Terms of Reference.",
    ),
    (
        "workplan",
        "The annual work plan is developed shortly after the meeting and circulated to all partners "
        "(Annex 2 of this report).",
    ),
]

# Annex 1: the participants (name, organisation, country, attendance, username or "").
PARTICIPANTS: list[tuple[str, str, str, str, str]] = [
    ("Olga Algayerova", "UNECE", "Switzerland", "onsite", ""),
    ("Paola Deda", "UNECE", "Switzerland", "onsite", "paola.deda"),
    ("Gulnara Roll", "UNECE", "Switzerland", "onsite", "focal-unece"),
    ("Nadia Yeremenko", "UNECE", "Switzerland", "onsite", "nadia.yeremenko"),
    ("Agata Krause", "UNECE", "Switzerland", "online", "agata.krause"),
    ("Raul Garcia", "UNECE", "Spain", "online", ""),
    ("Chaesub Lee", "ITU", "Switzerland", "onsite", ""),
    ("Cristina Bueti", "ITU", "Switzerland", "onsite", "focal-itu"),
    ("Raf Tuts", "UN-Habitat", "Kenya", "online", ""),
    ("Robert Lewis-Lettington", "UN-Habitat", "Kenya", "online", "robert.lewis-lettington"),
    ("Beatrice Ferrari", "Canton of Geneva", "Switzerland", "onsite", ""),
    ("Nasser Saleh Al Marzouqi", "U4SSC", "United Arab Emirates", "online", "chair"),
    (
        "Katrina Naut",
        "Mission of the Dominican Republic to the UN in Geneva",
        "Dominican Republic",
        "onsite",
        "katrina.naut",
    ),
    ("Tania Marcos", "Spanish Association for Standardization (UNE)", "Spain", "online", "vicechair"),
    (
        "Giampiero Bambagioni",
        "UNECE Committee on Urban Development, Housing and Land Management",
        "Italy",
        "online",
        "giampiero.bambagioni",
    ),
    ("Kari Eik", "OiER", "Switzerland", "onsite", "ipleader"),
    ("Kristian Mjøen", "UN Charter Centre of Excellence on SDG City Transitions", "Norway", "online", ""),
    ("Zhassulan Kenzhagaliyev", "Astana Innovations", "Kazakhstan", "online", ""),
    ("Soumaya Ben Dhaou", "UNU-EGOV", "Portugal", "online", "soumaya.bendhaou"),
    ("Judy Backhouse", "UNU-EGOV", "Portugal", "online", "judy.backhouse"),
    ("Sang Ziqin", "China Information Communication Technologies Group", "China", "online", "sang.ziqin"),
    ("Tomás Llorente", "Collado Villalba town", "Spain", "online", "tomas.llorente"),
    ("Okan Geray", "Smart Dubai Office", "United Arab Emirates", "online", "okan.geray"),
    ("Alberto Bernal", "City of València", "Spain", "online", "participant"),
    ("Ramón Ferri", "City of València", "Spain", "online", "leader"),
    ("Warren Smith", "Government Digital Service", "United Kingdom", "online", "warren.smith"),
    ("Barbara Kolm", "Austrian Economics Centre", "Austria", "online", "barbara.kolm"),
    ("Alexandra Weber", "WMO", "Switzerland", "online", "focal-wmo"),
]
