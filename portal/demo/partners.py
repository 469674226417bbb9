"""The 17 Partners of ToR Annex II. ITU, UNECE and UN-Habitat operate the Secretariat (ToR 23)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

LAUNCH = dt.date(2016, 5, 18)  # ToR 2: the initiative was launched on 18 May 2016


class PartnerData(NamedTuple):
    acronym: str
    name: str
    website: str
    description: str
    secretariat: bool = False
    joined_on: dt.date | None = LAUNCH


PARTNERS: list[PartnerData] = [
    PartnerData(
        "ITU",
        "International Telecommunication Union",
        "https://www.itu.int/",
        "The United Nations specialized agency for information and communication technologies. "
        "Its Telecommunication Standardization Bureau co-operates the U4SSC Secretariat and "
        "ITU-T Study Group 20 develops the standards for IoT and smart cities and communities.",
        secretariat=True,
    ),
    PartnerData(
        "UNECE",
        "United Nations Economic Commission for Europe",
        "https://unece.org/",
        "One of the five regional commissions of the United Nations. Its Housing and Land "
        "Management Unit co-operates the U4SSC Secretariat and has applied the U4SSC KPIs in "
        "cities of the UNECE region through Smart Sustainable City Profiles.",
        secretariat=True,
    ),
    PartnerData(
        "CBD",
        "Secretariat of the Convention on Biological Diversity",
        "https://www.cbd.int/",
        "Supports the implementation of the Convention on Biological Diversity, including its work with cities.",
    ),
    PartnerData(
        "FAO",
        "Food and Agriculture Organization of the United Nations",
        "https://www.fao.org/",
        "Leads international efforts to defeat hunger, including urban food systems.",
    ),
    PartnerData(
        "UN-Women",
        "United Nations Entity for Gender Equality and the Empowerment of Women",
        "https://www.unwomen.org/",
        "The United Nations entity dedicated to gender equality and the empowerment of women.",
    ),
    PartnerData(
        "UNECA",
        "United Nations Economic Commission for Africa",
        "https://www.uneca.org/",
        "The regional commission that promotes the economic and social development of Africa.",
    ),
    PartnerData(
        "ECLAC",
        "United Nations Economic Commission for Latin America and the Caribbean",
        "https://www.cepal.org/en",
        "The regional commission for the economic and social development of Latin America and the Caribbean.",
    ),
    PartnerData(
        "UNDP",
        "United Nations Development Programme",
        "https://www.undp.org/",
        "The United Nations' global development network, working in some 170 countries and territories.",
    ),
    PartnerData(
        "UN-Habitat",
        "United Nations Human Settlements Programme",
        "https://unhabitat.org/",
        "The United Nations programme for sustainable urban development. It co-operates the U4SSC "
        "Secretariat and runs the flagship programme on People-focused Smart Cities.",
        secretariat=True,
    ),
    PartnerData(
        "UNEP",
        "United Nations Environment Programme",
        "https://www.unep.org/",
        "The leading global environmental authority of the United Nations system.",
    ),
    PartnerData(
        "UNEP-FI",
        "United Nations Environment Programme Finance Initiative",
        "https://www.unepfi.org/",
        "A partnership between UNEP and the financial sector to mobilise private finance for sustainable development.",
    ),
    PartnerData(
        "UNFCCC",
        "Secretariat of the United Nations Framework Convention on Climate Change",
        "https://unfccc.int/",
        "Supports the global response to the threat of climate change, including the Paris Agreement.",
    ),
    PartnerData(
        "UNIDO",
        "United Nations Industrial Development Organization",
        "https://www.unido.org/",
        "Promotes inclusive and sustainable industrial development.",
    ),
    PartnerData(
        "UNU-EGOV",
        "United Nations University Operating Unit on Policy-Driven Electronic Governance",
        "https://egov.unu.edu/",
        "A think tank of the United Nations University on electronic governance; it leads the "
        "Thematic Groups on Blockchain 4 Cities and Simple Ways to be Smart.",
    ),
    PartnerData(
        "UNESCO",
        "United Nations Educational, Scientific and Cultural Organization",
        "https://www.unesco.org/",
        "Builds peace through international cooperation in education, the sciences and culture.",
    ),
    PartnerData(
        "WMO",
        "World Meteorological Organization",
        "https://wmo.int/",
        "The United Nations specialized agency for weather, climate and water, including urban services.",
    ),
    PartnerData(
        "UNOP",
        "United Nations Office for Partnerships",
        "https://www.un.org/partnerships/",
        "The gateway for collaboration between the private sector, foundations and the United Nations system.",
        joined_on=None,
    ),
]
