"""Enter the Kunming roundtable press release (shared/seed) as structured records.

Idempotent: every record is looked up by its natural key first and left alone
if it exists, so a second run creates nothing and overwrites no staff edit.
"""

import datetime
import os
import secrets
from zoneinfo import ZoneInfo

import reversion
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from events.models import Event, EventOrganisation, Participation, Quote, Role, Session, Visit
from people.models import Organisation, OrganisationName, Person, PersonName, Position

DATE = datetime.date(2020, 12, 5)

BODY = """\
The SCO Secretariat delegation headed by SCO Secretary-General Vladimir Norov took part in a \
roundtable discussion called, Development of SCO Vocational Education, Innovation and \
Entrepreneurship, in Kunming on 5 December 2020. The event was held by the People's Government of \
the city of Kunming. The discussion was attended by city officials, representatives from SCO \
diplomatic missions, Chinese research institutes and youth organisations.

The SCHOLAR youth platform at the SCO Secretariat is making a tangible contribution to involving \
the youth in SCO activities, and helping them reach proper professional skills in conformity with \
the requirements of last-minute IT and the digital economy. This platform offers the SCO Model \
interactive game and online and offline AGORA academic and research conferences. The recently \
created online SCHOLAR Academy also deserves attention in this respect.

During the event, representatives from the diplomatic missions of the SCO countries told the \
audience about the status of vocational education and youth business and the measures taken by \
their governments to promote them.

During the roundtable discussion government officials of Kunming shared their ideas on upgrading \
education methods and creating favourable conditions for youth entrepreneurship. They suggested \
ideas on deepening SCO cooperation in the above areas.

During the event the delegations visited two education centres that train personnel for \
aviation, machine-building, services, arts and agriculture."""

ORGANISATIONS = [
    # slug, name, short name, kind, country, parent slug, tags, alternative names
    (
        "sco",
        "Shanghai Cooperation Organisation",
        "SCO",
        "intergovernmental",
        "",
        None,
        [],
        [("Шанхайская организация сотрудничества", "ru"), ("上海合作组织", "zh-hans")],
    ),
    (
        "sco-secretariat",
        "SCO Secretariat",
        "",
        "body",
        "",
        "sco",
        [],
        [("Секретариат ШОС", "ru"), ("上海合作组织秘书处", "zh-hans")],
    ),
    (
        "peoples-government-of-kunming",
        "People's Government of Kunming",
        "",
        "local_government",
        "CN",
        None,
        ["Kunming"],
        [("昆明市人民政府", "zh-hans")],
    ),
    (
        "sco-diplomatic-missions",
        "Diplomatic missions of the SCO countries",
        "",
        "diplomatic_mission",
        "",
        None,
        [],
        [],
    ),
    (
        "chinese-research-institutes",
        "Chinese research institutes",
        "",
        "research",
        "CN",
        None,
        [],
        [],
    ),
    ("kunming-youth-organisations", "Youth organisations", "", "youth", "CN", None, ["youth"], []),
    (
        "scholar",
        "SCHOLAR youth platform",
        "SCHOLAR",
        "platform",
        "",
        "sco-secretariat",
        ["youth", "digital economy"],
        [],
    ),
    ("sco-model", "SCO Model interactive game", "", "programme", "", "scholar", ["youth"], []),
    (
        "agora",
        "AGORA academic and research conferences",
        "AGORA",
        "programme",
        "",
        "scholar",
        ["youth", "research"],
        [],
    ),
    (
        "scholar-academy",
        "SCHOLAR Academy",
        "",
        "programme",
        "",
        "scholar",
        ["youth", "online learning"],
        [],
    ),
]

EVENT_ORGANISATIONS = [
    ("peoples-government-of-kunming", Role.HOST),
    ("sco-secretariat", Role.DELEGATION),
    ("sco-diplomatic-missions", Role.PARTICIPANT),
    ("chinese-research-institutes", Role.PARTICIPANT),
    ("kunming-youth-organisations", Role.PARTICIPANT),
]

SESSIONS = [
    "A chance and a challenge for vocational education in the information century",
    "Experience in cooperation between universities and companies — skills training in "
    "innovative industries",
    "The practice of production, instruction and study of 5G and Big Data",
]

NOROV_QUOTES = [
    # kind, text, tags
    (
        Quote.Kind.REPORTED,
        "Kunming provides high quality and accessible professional education in many specialties, "
        "thereby helping Yunnan Province to be one of the flagship areas for China's technological "
        "development.",
        ["vocational education", "Kunming"],
    ),
    (
        Quote.Kind.REPORTED,
        "Cooperation in vocational training, science and technology is one of the main areas "
        "of SCO activity.",
        ["vocational education", "science and technology"],
    ),
    (
        Quote.Kind.DIRECT,
        "The SCO member countries cooperate in professional education by exchanging experience "
        "and best practices and by facilitating direct contact between education institutions. "
        "They are currently considering creating an SCO association of secondary vocational "
        "education.",
        ["vocational education"],
    ),
    (
        Quote.Kind.REPORTED,
        "Mr Norov told the audience about the agreements reached at the recent meetings of the "
        "Heads of State and Heads of Government Councils that are aimed at further developing "
        "cooperation in education and science and about the SCO events on youth affairs, "
        "startups, innovation and business.",
        ["education", "youth", "innovation"],
    ),
    (
        Quote.Kind.REPORTED,
        "It would be very useful for the participants in the discussion and representatives of "
        "the SCO member countries to learn about the experience of organising and developing "
        "vocational education clusters and innovative high-tech parks in Yunnan Province. "
        "This would lay a foundation for implementing the initiative by the province and the "
        "city of Kunming on creating a platform for the SCO countries to exchange experience in "
        "this area of education for the recovery and further economic advance of our countries.",
        ["vocational education", "innovation"],
    ),
    (
        Quote.Kind.REPORTED,
        "One of the main tasks of the roundtable discussion was to create the groundwork for SCO "
        "cooperation in developing vocational education.",
        ["vocational education"],
    ),
    (
        Quote.Kind.REPORTED,
        "The SCO countries could continue doing much for building a society in the SCO space where "
        "young people will be able to reveal their potential and which will appreciate their "
        "contribution to the progress of their countries.",
        ["youth"],
    ),
]

CHUNG_QUOTE = (
    "The city intends to create a data base for innovations and business in the field of "
    "professional education for SCO youth."
)


class Command(BaseCommand):
    help = "Load the Kunming roundtable (5 December 2020) as demo content and create an admin user."

    @transaction.atomic
    def handle(self, *args, **options):
        self.created = 0
        # What is created here is each record's first revision in its history.
        with reversion.create_revision():
            reversion.set_comment("Demo content: the Kunming roundtable press release.")
            organisations = self.load_organisations()
            norov, chung = self.load_people(organisations)
            self.load_event(organisations, norov, chung)
        verb = "Created" if self.created else "Nothing new:"
        self.stdout.write(self.style.SUCCESS(f"{verb} {self.created} demo records."))
        self.ensure_admin()

    def get_or_create(self, model, defaults=None, **lookup):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        self.created += created
        return obj

    def load_organisations(self):
        organisations = {}
        for slug, name, short, kind, country, parent, tags, alt_names in ORGANISATIONS:
            org = self.get_or_create(
                Organisation,
                slug=slug,
                defaults={
                    "name": name,
                    "short_name": short,
                    "kind": kind,
                    "country": country,
                    "parent": organisations.get(parent),
                },
            )
            org.tags.add(*tags)
            for alt, language in alt_names:
                self.get_or_create(
                    OrganisationName, organisation=org, name=alt, defaults={"language": language}
                )
            organisations[slug] = org
        return organisations

    def load_people(self, organisations):
        norov = self.get_or_create(
            Person,
            slug="vladimir-norov",
            defaults={"name": "Vladimir Norov", "honorific": "Mr", "country": "UZ"},
        )
        for alt, language in [
            ("Владимир Норов", "ru"),
            ("Vladimir Imamovich Norov", "en"),
            ("Norov Vladimir", "en"),
        ]:
            self.get_or_create(PersonName, person=norov, name=alt, defaults={"language": language})
        self.get_or_create(
            Position,
            person=norov,
            organisation=organisations["sco-secretariat"],
            title="Secretary-General",
            defaults={
                "start_date": datetime.date(2019, 1, 1),
                "end_date": datetime.date(2021, 12, 31),
            },
        )
        chung = self.get_or_create(
            Person, slug="sung-chung", defaults={"name": "Sung Chung", "country": "CN"}
        )
        # The release gives the title on the day only; its start and end are unknown.
        self.get_or_create(
            Position,
            person=chung,
            organisation=organisations["peoples-government-of-kunming"],
            title="Vice Mayor of Kunming",
        )
        return norov, chung

    def load_event(self, organisations, norov, chung):
        event = self.get_or_create(
            Event,
            slug="kunming-roundtable-vocational-education-2020",
            defaults={
                "kind": Event.Kind.ROUNDTABLE,
                "title": "Development of SCO Vocational Education, Innovation and Entrepreneurship",
                "start_date": DATE,
                "end_date": DATE,
                "city": "Kunming",
                "country": "CN",
                "summary": (
                    "A roundtable held by the People's Government of Kunming, with the SCO "
                    "Secretariat delegation headed by Secretary-General Vladimir Norov, on "
                    "vocational education, innovation and youth entrepreneurship in the SCO."
                ),
                "body": BODY,
                "status": Event.Status.PUBLISHED,
                "published_at": datetime.datetime(
                    2020, 12, 5, 18, 0, tzinfo=ZoneInfo("Asia/Shanghai")
                ),
            },
        )
        event.tags.add(
            "vocational education",
            "innovation",
            "entrepreneurship",
            "youth",
            "5G",
            "Big Data",
            "Kunming",
            "education",
        )
        for order, (slug, role) in enumerate(EVENT_ORGANISATIONS):
            self.get_or_create(
                EventOrganisation,
                event=event,
                organisation=organisations[slug],
                role=role,
                defaults={"order": order},
            )
        self.get_or_create(
            Participation,
            event=event,
            person=norov,
            role=Role.DELEGATION_HEAD,
            session=None,
            defaults={"order": 0},
        )
        self.get_or_create(
            Participation,
            event=event,
            person=chung,
            role=Role.SPEAKER,
            session=None,
            defaults={"order": 1},
        )
        for order, title in enumerate(SESSIONS, start=1):
            self.get_or_create(Session, event=event, order=order, defaults={"title": title})
        for order, (kind, text, tags) in enumerate(NOROV_QUOTES):
            quote = self.get_or_create(
                Quote,
                event=event,
                speaker=norov,
                order=order,
                defaults={"kind": kind, "text": text},
            )
            quote.tags.add(*tags)
        quote = self.get_or_create(
            Quote,
            event=event,
            speaker=chung,
            order=len(NOROV_QUOTES),
            defaults={"kind": Quote.Kind.REPORTED, "text": CHUNG_QUOTE},
        )
        quote.tags.add("youth", "entrepreneurship", "Kunming")
        visit = self.get_or_create(
            Visit,
            event=event,
            order=0,
            defaults={
                "place": "Two education centres in Kunming",
                "description": (
                    "The delegations visited two education centres that train personnel for "
                    "aviation, machine-building, services, arts and agriculture."
                ),
                "date": DATE,
            },
        )
        visit.tags.add(
            "vocational education",
            "aviation",
            "machine-building",
            "services",
            "arts",
            "agriculture",
        )

    def ensure_admin(self):
        username = os.environ.get("DEMO_ADMIN_USERNAME", "admin")
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin user “{username}” exists; its password is unchanged "
                f"(reset it with: python manage.py changepassword {username})."
            )
            return
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(f"Admin login — username: {username}  password: {password}")
        )
