"""The Thematic Groups named in the Fifth meeting report (MR 3.4-3.5) and their deliverables,
at least one in every lifecycle state (DESIGN.md)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class GroupData(NamedTuple):
    slug: str
    title: str
    objectives: str
    scope: str = ""
    started_on: dt.date | None = None
    working_groups: tuple[str, ...] = ()
    leaders: str = ""  # as the report names them (the mandates are only the demo `leader`'s)


GROUPS: list[GroupData] = [
    GroupData(
        "city-platforms",
        "City Platforms",
        "Describe the best practices in integrated city management using city platforms, the state of "
        "ICT in intelligent public health management, a new architecture of city platforms predicated "
        "on emerging technologies, and the prospects of implementation in different environments.",
        "Over 100 submissions are expected from experts including researchers, technical experts, "
        "relevant professionals, regulations and standards, and smart cities.",
        dt.date(2020, 3, 1),
        (
            "Best practices in integrated city management using city platforms",
            "The state of ICT in intelligent public health management",
            "New architecture of city platforms predicated on emerging technologies",
            "Prospects of implementation in different environments, including health management",
        ),
        "Ramón Ferri, Smart City Officer, City of València",
    ),
    GroupData(
        "economic-recovery-covid-19",
        "Economic Recovery in Cities and Urban Resilience Building in the Time of COVID-19",
        "Facilitate the exchange of experiences and information on economic recovery in cities and "
        "building urban resilience in the time of COVID-19 and post-COVID-19.",
        "The group functions between 2020 and 2021 and develops a report with case studies on city "
        "action plans for economic recovery and urban resilience building during COVID-19 times.",
        dt.date(2020, 6, 1),
        leaders="Gulnara Roll, UNECE",
    ),
    GroupData(
        "innovative-financing-instruments",
        "Innovative Financing Instruments for Smart Sustainable Cities",
        "Outline SSC projects, the SSC investor framework and its objectives, investable projects for "
        "sustainable development, and the impact of COVID-19 on SSC investments.",
        "A Compendium of Best Practices of Financing Sustainable Smart Cities Projects.",
        dt.date(2019, 1, 1),
        leaders="Nadia Yeremenko (coordinator) and Raul Garcia, UNECE",
    ),
    GroupData(
        "guiding-principles-ai-in-cities",
        "Guiding Principles for Artificial Intelligence in Cities",
        "Develop principle-based frameworks for the adoption of AI in cities: governance principles, "
        "implementation methodologies and case studies on AI integration in SSCs.",
        "A unified draft document on the working groups' deliverables, finalised in Q2 2021.",
        dt.date(2020, 1, 1),
        leaders="Okan Geray, Smart Dubai Office",
    ),
    GroupData(
        "simple-ways-to-be-smart",
        "Simple Ways to be Smart",
        "Underscore smart solutions to improve city administration, decision-making, infrastructure, "
        "quality of life, economic success and communication.",
        "Cost-effective solutions for SSC transitions and a step-by-step approach for stakeholders to "
        "conceive their own SSC solutions.",
        dt.date(2019, 6, 1),
        leaders="Soumaya Ben Dhaou and Judy Backhouse, UNU-EGOV",
    ),
    GroupData(
        "practitioner-guide-measure-ssc",
        "The Practitioner Guide to Measure Smart Sustainable Cities",
        "Guide practitioners in measuring the performance of smart sustainable cities.",
        started_on=dt.date(2019, 6, 1),
        leaders="Soumaya Ben Dhaou and Judy Backhouse, UNU-EGOV",
    ),
    GroupData(
        "practitioner-guide-monitor-ssc",
        "Practitioner Guide to Monitor Smart Sustainable Cities",
        "Guide practitioners in monitoring the progress of smart sustainable cities.",
        started_on=dt.date(2019, 6, 1),
        leaders="Soumaya Ben Dhaou and Judy Backhouse, UNU-EGOV",
    ),
    GroupData(
        "procurement-guidelines",
        "Procurement Guidelines for Smart Sustainable Cities",
        "Explore public procurement of ICTs (digital buying) as a catalyst for achieving the SDGs.",
        "A roadmap of new features and user needs that emerged during research and testing with "
        "cities across 16 countries.",
        dt.date(2019, 6, 1),
        leaders="Warren Smith, Government Digital Service, UK",
    ),
    GroupData(
        "u4ssc-index",
        "U4SSC Index",
        "Build a global city ranking based on the U4SSC KPIs for benchmarking a city's performance "
        "against its strategic goals and the SDGs.",
        "Developed from feedback of the U4SSC KPI pilots in over 100 cities and inputs from key experts.",
        dt.date(2019, 6, 1),
        leaders="Barbara Kolm, Austrian Economics Centre",
    ),
    GroupData(
        "blockchain-4-cities",
        "Blockchain 4 Cities",
        "Explore the role of blockchain technologies in designing efficient, secure and scalable "
        "distributed architectures for smart sustainable cities.",
        started_on=dt.date(2018, 10, 1),
        leaders="Soumaya Ben Dhaou, UNU-EGOV",
    ),
    GroupData(
        "frontier-technologies",
        "Impact of Frontier Technologies in Cities",
        "Examine the transformative potential of frontier technologies in cities and the role of standardization.",
        started_on=dt.date(2018, 10, 1),
        leaders="Sang Ziqin (CICT, China) and Tomás Llorente (Collado Villalba, Spain)",
    ),
    GroupData(
        "circular-cities",
        "Guidelines on Strategies for Circular Cities",
        "Guide cities that want to promote circularity and urban sustainability.",
        started_on=dt.date(2018, 10, 1),
        leaders="Okan Geray, Smart Dubai Office",
    ),
]


class DeliverableData(NamedTuple):
    slug: str
    group: str  # the group's slug
    title: str
    type: str
    status: str
    summary: str
    body: str = ""
    working_group: int | None = None
    proposed_on: dt.date | None = None
    approved_on: dt.date | None = None
    published_on: dt.date | None = None
    withdrawn_on: dt.date | None = None
    withdrawal_note: str = ""
    team: tuple[tuple[str, str], ...] = ()  # (username, role)
    days_to_final_review: int | None = None  # final-draft review deadline, relative to today


PUBLISHED: list[DeliverableData] = [
    DeliverableData(
        "accelerating-city-transformation-frontier-technologies",
        "frontier-technologies",
        "Accelerating city transformation using frontier technologies",
        "report",
        "published",
        "How frontier technologies such as AI, IoT, digital twins, drones, wearables and virtual or "
        "augmented reality can transform cities, the technical challenges met in practice, and the role "
        "of standardization.",
        "This report delves into the transformative potential of frontier technologies in cities: "
        "artificial intelligence, the Internet of Things, digital twins, unmanned aerial vehicles and "
        "drones, wearable technologies, and virtual and augmented reality.\n\n"
        "Through a series of case studies it highlights the technical urban challenges encountered when "
        "implementing these technologies, from data governance and interoperability to skills and "
        "financing, and the ways cities have overcome them.\n\n"
        "It concludes with a brief examination of the vital role of standardization in addressing the "
        "challenges associated with the incorporation of frontier technologies in cities, with a view to "
        "achieving the Sustainable Development Goals and the targets of the New Urban Agenda.",
        proposed_on=dt.date(2018, 10, 1),
        approved_on=dt.date(2019, 3, 1),
        published_on=dt.date(2020, 9, 15),
        team=(("sang.ziqin", "author"), ("tomas.llorente", "author")),
    ),
    DeliverableData(
        "a-guide-to-circular-cities",
        "circular-cities",
        "A Guide to Circular Cities",
        "guideline",
        "published",
        "A four-step methodology for cities that want to promote circularity and urban sustainability.",
        "Cities consume most of the world's resources and produce most of its waste. A circular city "
        "keeps resources in use for as long as possible, extracts the maximum value from them while in "
        "use, and recovers and regenerates products and materials at the end of their service life.\n\n"
        "This guide proposes a four-step methodology for cities looking to promote circularity: assess "
        "the city's current resource flows, set circular objectives aligned with its strategy, select and "
        "implement enablers and interventions, and monitor progress with indicators.\n\n"
        "Case studies illustrate each step and show how ICTs and digital platforms support the transition "
        "from a linear to a circular urban economy.",
        proposed_on=dt.date(2018, 10, 1),
        approved_on=dt.date(2019, 3, 1),
        published_on=dt.date(2020, 6, 30),
        team=(("okan.geray", "author"),),
    ),
    DeliverableData(
        "blockchain-for-smart-sustainable-cities",
        "blockchain-4-cities",
        "Blockchain for Smart Sustainable Cities",
        "report",
        "published",
        "The role of blockchain technologies in designing efficient, secure and scalable distributed "
        "architectures for cities, with the '4S' framework and recommendations.",
        "Aspiring smart cities face significant challenges related to interoperability protocols, "
        "security and privacy, data collection and sharing, data analytics and latency. This report "
        "explores the role blockchain technologies can play in designing an efficient, secure and "
        "scalable distributed architecture to address them.\n\n"
        "Through the analysis of various use cases, the report proposes the '4S' framework: Situation, "
        "Sustainability, Smartness and Suitability.\n\n"
        "It closes with a series of recommendations for city decision-makers to consider before using "
        "blockchain technologies in smart cities.",
        proposed_on=dt.date(2018, 10, 1),
        approved_on=dt.date(2019, 3, 1),
        published_on=dt.date(2020, 10, 1),
        team=(("soumaya.bendhaou", "author"),),
    ),
]

IN_PROGRESS: list[DeliverableData] = [
    DeliverableData(
        "compendium-financing-ssc-projects",
        "innovative-financing-instruments",
        "Compendium of Best Practices of Financing Sustainable Smart Cities Projects",
        "report",
        "proposed",
        "Best practices of financing smart sustainable city projects, underscoring the importance of "
        "SSC financing instruments for recovery from the pandemic.",
        proposed_on=dt.date(2020, 10, 9),
    ),
    DeliverableData(
        "u4ssc-index-methodology",
        "u4ssc-index",
        "U4SSC Index: methodology of a global city ranking",
        "framework",
        "approved",
        "A transparent ranking methodology based on the U4SSC KPIs, so that cities can learn from each other.",
        proposed_on=dt.date(2020, 2, 1),
        approved_on=dt.date(2020, 10, 9),
    ),
    DeliverableData(
        "integrated-city-management-city-platforms",
        "city-platforms",
        "Integrated city management using city platforms: best practices",
        "report",
        "drafting",
        "Best practices in integrated city management using city platforms (Working Group 1).",
        working_group=1,
        proposed_on=dt.date(2020, 3, 1),
        approved_on=dt.date(2020, 5, 15),
        team=(("leader", "editor"), ("participant", "author")),
    ),
    DeliverableData(
        "economic-recovery-case-studies",
        "economic-recovery-covid-19",
        "City action plans for economic recovery and urban resilience building during COVID-19",
        "case_study",
        "drafting",
        "Case studies on city action plans for economic recovery in cities and urban resilience building.",
        proposed_on=dt.date(2020, 6, 1),
        approved_on=dt.date(2020, 10, 9),
        team=(("focal-unece", "editor"),),
    ),
    DeliverableData(
        "simple-ways-to-be-smart",
        "simple-ways-to-be-smart",
        "Simple Ways to be Smart",
        "guideline",
        "final_draft",
        "Cost-effective solutions for SSC transitions and a step-by-step approach for stakeholders to "
        "conceive their own smart solutions.",
        proposed_on=dt.date(2019, 6, 1),
        approved_on=dt.date(2019, 10, 1),
        team=(("soumaya.bendhaou", "author"), ("judy.backhouse", "author")),
        days_to_final_review=21,
    ),
    DeliverableData(
        "guiding-principles-ai-in-cities",
        "guiding-principles-ai-in-cities",
        "Guiding Principles for Artificial Intelligence in Cities",
        "framework",
        "editorial_review",
        "Governance principles, implementation methodologies and case studies on AI integration in cities.",
        proposed_on=dt.date(2020, 1, 15),
        approved_on=dt.date(2020, 3, 1),
        team=(("okan.geray", "author"),),
    ),
    DeliverableData(
        "digital-buying-roadmap",
        "procurement-guidelines",
        "Digital buying roadmap for city procurement teams",
        "policy_paper",
        "withdrawn",
        "A roadmap of digital buying features for city procurement teams.",
        proposed_on=dt.date(2019, 9, 1),
        approved_on=dt.date(2019, 12, 1),
        withdrawn_on=dt.date(2020, 10, 9),
        withdrawal_note="Merged into the Procurement Guidelines for Smart Sustainable Cities.",
        team=(("warren.smith", "author"),),
    ),
]

DELIVERABLES = PUBLISHED + IN_PROGRESS
