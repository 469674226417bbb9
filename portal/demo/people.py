"""People of the demo: the demo accounts (who can sign in) and the people named in the
Fifth meeting report (who cannot: their accounts have no usable password)."""

from __future__ import annotations

from typing import NamedTuple


class PersonData(NamedTuple):
    username: str
    first_name: str
    last_name: str
    organisation: str
    country: str = ""
    title: str = ""


class DemoAccount(NamedTuple):
    person: PersonData
    role: str  # what the account shows, printed by `load_demo` and listed in the README


DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount(
        PersonData(
            "secretariat", "Secretariat", "Officer", "ITU", "Switzerland", "U4SSC Secretariat, ITU/TSB"
        ),
        "Secretariat staff (ITU focal point, admin access at /admin/)",
    ),
    DemoAccount(
        PersonData(
            "chair", "Nasser Saleh", "Al Marzouqi", "U4SSC", "United Arab Emirates", "Chairman of the U4SSC"
        ),
        "Chair of U4SSC (active mandate)",
    ),
    DemoAccount(
        PersonData(
            "vicechair",
            "Tania",
            "Marcos",
            "Spanish Association for Standardization (UNE)",
            "Spain",
            "Head of Quality and Smart Cities",
        ),
        "Vice-Chair (active mandate; first appointed at the Fifth meeting)",
    ),
    DemoAccount(
        PersonData(
            "focal-itu",
            "Cristina",
            "Bueti",
            "ITU",
            "Switzerland",
            "ITU Focal Point on Smart Sustainable Cities",
        ),
        "Focal point of ITU (votes for ITU; no admin access)",
    ),
    DemoAccount(
        PersonData(
            "focal-unece",
            "Gulnara",
            "Roll",
            "UNECE",
            "Switzerland",
            "Secretary to the Committee on Urban Development, Housing and Land Management",
        ),
        "Focal point of UNECE",
    ),
    DemoAccount(
        PersonData(
            "focal-wmo", "Alexandra", "Weber", "WMO", "Switzerland", "Urban services programme officer"
        ),
        "Focal point of WMO",
    ),
    DemoAccount(
        PersonData("leader", "Ramón", "Ferri", "City of València", "Spain", "Smart City Officer"),
        "Leader of the City Platforms Thematic Group (active mandate)",
    ),
    DemoAccount(
        PersonData(
            "participant", "Alberto", "Bernal", "City of València", "Spain", "Expert, City Platforms WG1"
        ),
        "An expert participant (member of City Platforms, on a drafting team)",
    ),
    DemoAccount(
        PersonData("ipleader", "Kari", "Eik", "OiER", "Switzerland", "Secretary-General of the OiER"),
        "IP Leader of the U4SSC Implementation Programme (active mandate)",
    ),
    DemoAccount(
        PersonData(
            "steward", "Dana", "Steward", "Lakeside City Statistics (demo)", "Norway", "City data steward"
        ),
        "City data steward of the three illustrative demo cities (KPI web-tool)",
    ),
    DemoAccount(
        PersonData(
            "verifier", "Victor", "Verifier", "Independent verifier (demo)", "Switzerland", "KPI verifier"
        ),
        "Verifier of two demo cities' reporting cycles (KPI web-tool)",
    ),
]

# People named in the report who hold no demo login.
REPORT_PEOPLE: dict[str, PersonData] = {
    person.username: person
    for person in [
        PersonData(
            "robert.lewis-lettington",
            "Robert",
            "Lewis-Lettington",
            "UN-Habitat",
            "Kenya",
            "Chief of Land, Housing and Shelter Section, Urban Practices Branch",
        ),
        PersonData(
            "katrina.naut",
            "Katrina",
            "Naut",
            "Mission of the Dominican Republic to the UN in Geneva",
            "Dominican Republic",
            "Ambassador, Permanent Representative",
        ),
        PersonData(
            "giampiero.bambagioni",
            "Giampiero",
            "Bambagioni",
            "UNECE Committee on Urban Development, Housing and Land Management",
            "Italy",
            "Vice-Chair of the Committee",
        ),
        PersonData(
            "paola.deda",
            "Paola",
            "Deda",
            "UNECE",
            "Switzerland",
            "Director, Forests, Land and Housing Division",
        ),
        PersonData(
            "soumaya.bendhaou", "Soumaya", "Ben Dhaou", "UNU-EGOV", "Portugal", "Research Coordinator"
        ),
        PersonData("judy.backhouse", "Judy", "Backhouse", "UNU-EGOV", "Portugal", "Senior Academic Fellow"),
        PersonData(
            "okan.geray",
            "Okan",
            "Geray",
            "Smart Dubai Office",
            "United Arab Emirates",
            "Strategic Planning Adviser",
        ),
        PersonData("nadia.yeremenko", "Nadia", "Yeremenko", "UNECE", "Switzerland", "Coordinator"),
        PersonData(
            "warren.smith",
            "Warren",
            "Smith",
            "Government Digital Service",
            "United Kingdom",
            "Global Digital Marketplace Programme Director",
        ),
        PersonData("barbara.kolm", "Barbara", "Kolm", "Austrian Economics Centre", "Austria", "Director"),
        PersonData(
            "sang.ziqin", "Ziqin", "Sang", "China Information Communication Technologies Group", "China"
        ),
        PersonData("tomas.llorente", "Tomás", "Llorente", "Collado Villalba town", "Spain"),
        PersonData(
            "agata.krause",
            "Agata",
            "Krause",
            "UNECE",
            "Switzerland",
            "Consultant, Housing and Land Management Unit",
        ),
    ]
}
