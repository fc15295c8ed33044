"""Enter the demo content: the Kunming roundtable press release (shared/seed) and a forum.

The forum is of our own writing, not a real event: it shows what real releases
hold beyond the seed (hybrid format, days with sub-forums, a group speaker, a
title as stated, two sources disagreeing).

The Kunming roundtable is in English, Russian and Chinese, the forum in English
and Russian (events/management/demo_translations.py).

Idempotent: every record is looked up by its natural key first and left alone
if it exists, so a second run creates nothing and overwrites no staff edit; a
translation is only written into a language's empty field.
"""

import datetime
import os
import secrets
from zoneinfo import ZoneInfo

import reversion
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from events.management import demo_translations as texts
from events.models import (
    Event,
    EventOrganisation,
    EventSource,
    OrganisationRole,
    Participation,
    Quote,
    Role,
    Session,
    Visit,
)
from people.models import Organisation, OrganisationName, Person, PersonName, Position
from secretariat.languages import text_in
from tags.models import Tag

KUNMING_SLUG = "kunming-roundtable-vocational-education-2020"
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

# Statements the release attributes to groups, not to a person.
GROUP_QUOTES = [
    (
        "Representatives of the diplomatic missions of the SCO countries",
        "They told the audience about the status of vocational education and youth business and "
        "the measures taken by their governments to promote them.",
    ),
    (
        "Government officials of Kunming",
        "They shared their ideas on upgrading education methods and creating favourable "
        "conditions for youth entrepreneurship, and suggested ideas on deepening SCO cooperation "
        "in these areas.",
    ),
]

AUDIENCE = (
    "City officials, representatives of SCO diplomatic missions, Chinese research institutes "
    "and youth organisations"
)

FORUM_SLUG = "sco-youth-digital-education-forum-2021"
FORUM_DAYS = (datetime.date(2021, 5, 26), datetime.date(2021, 5, 27))

FORUM_BODY = """\
The SCO Forum on Youth and Digital Education met in Tashkent and online over two days. \
Secretary-General Vladimir Norov opened the plenary session; two sub-forums followed, one on \
each day. Pupils of School No. 55 in Tashkent presented their robotics project, and the \
delegates visited the school on the second day."""

FORUM_SESSIONS = [
    # title, kind, date, start, end
    ("Opening plenary session", Session.Kind.PLENARY, FORUM_DAYS[0], (10, 0), (12, 0)),
    (
        "Sub-forum: digital skills at school",
        Session.Kind.SUB_FORUM,
        FORUM_DAYS[0],
        (14, 0),
        (17, 0),
    ),
    ("Sub-forum: young entrepreneurs online", Session.Kind.SUB_FORUM, FORUM_DAYS[1], (10, 0), None),
]

FORUM_SOURCES = [
    # The addresses are examples: the forum is not a real event.
    (
        "https://example.org/en/press/2021-05-27-youth-digital-education-forum",
        "Press release",
        "en",
    ),
    (
        "https://example.org/ru/press/2021-05-28-forum-molodezh-cifrovoe-obrazovanie",
        "Пресс-релиз",
        "ru",
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
        self.created = self.translated = 0
        # What is created here is each record's first revision in its history.
        with reversion.create_revision():
            reversion.set_comment("Demo content: the Kunming roundtable press release.")
            organisations = self.load_organisations()
            norov, chung = self.load_people(organisations)
            kunming = self.load_event(organisations, norov, chung)
            forum = self.load_forum(organisations, norov)
            self.load_translations(kunming, forum)
        verb = "Created" if self.created else "Nothing new:"
        self.stdout.write(self.style.SUCCESS(f"{verb} {self.created} demo records."))
        if self.translated:
            self.stdout.write(f"Added {self.translated} demo translations.")
        self.ensure_admin()

    def get_or_create(self, model, defaults=None, **lookup):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        self.created += created
        return obj

    def translate(self, obj, language, **fields):
        """Write `fields` in `language` where that language's field is empty; save if any was."""
        changed = []
        for field, value in fields.items():
            if value and not text_in(obj, field, language):
                column = f"{field}_{language.replace('-', '_')}"
                setattr(obj, column, value)
                changed.append(column)
        if changed:
            obj.save(update_fields=changed)
            self.translated += 1

    def load_translations(self, kunming, forum):
        for slug, languages in texts.ORGANISATIONS.items():
            organisation = Organisation.objects.get(slug=slug)
            for language, (name, short_name) in languages.items():
                self.translate(organisation, language, name=name, short_name=short_name)
        for slug, languages in texts.PEOPLE.items():
            person = Person.objects.get(slug=slug)
            for language, fields in languages.items():
                self.translate(person, language, **fields)
        for title, languages in texts.POSITIONS.items():
            for position in Position.objects.filter(title_en=title):
                for language, fields in languages.items():
                    self.translate(position, language, **fields)
        for name, (russian, chinese) in texts.TAGS.items():
            tag = Tag.objects.filter(name_en=name).first()
            if tag is not None:
                self.translate(tag, "ru", name=russian)
                self.translate(tag, "zh-hans", name=chinese)
        for language, fields in texts.KUNMING["event"].items():
            self.translate(kunming, language, **fields)
        for language, fields in texts.KUNMING["visit"].items():
            self.translate(kunming.visits.get(order=0), language, **fields)
        for order, (russian, chinese) in texts.KUNMING["sessions"].items():
            session = kunming.sessions.get(order=order)
            self.translate(session, "ru", title=russian)
            self.translate(session, "zh-hans", title=chinese)
        for order, (russian, chinese) in texts.KUNMING["quotes"].items():
            quote = kunming.quotes.get(order=order)
            group_ru, group_zh = texts.KUNMING["groups"].get(order, ("", ""))
            self.translate(quote, "ru", text=russian, speaker_group=group_ru)
            self.translate(quote, "zh-hans", text=chinese, speaker_group=group_zh)

        for language, fields in texts.FORUM["event"].items():
            self.translate(forum, language, **fields)
        for language, fields in texts.FORUM["visit"].items():
            self.translate(forum.visits.get(order=0), language, **fields)
        for order, title in texts.FORUM["sessions"].items():
            self.translate(forum.sessions.get(order=order), "ru", title=title)
        for order, fields in texts.FORUM["quotes"].items():
            self.translate(forum.quotes.get(order=order), "ru", **fields)
        for participation in forum.participations.all():
            stated = texts.FORUM["stated_titles"].get(participation.stated_title_en)
            self.translate(participation, "ru", stated_title=stated)

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
                "public_note": "Sources give the term as 2019 to 2021 without the days.",
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
            slug=KUNMING_SLUG,
            defaults={
                "kind": Event.Kind.ROUNDTABLE,
                "title": "Development of SCO Vocational Education, Innovation and Entrepreneurship",
                "start_date": DATE,
                "end_date": DATE,
                "city": "Kunming",
                "country": "CN",
                "audience": AUDIENCE,
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
        for order, (group, text) in enumerate(GROUP_QUOTES, start=len(NOROV_QUOTES) + 1):
            self.get_or_create(
                Quote,
                event=event,
                order=order,
                defaults={"kind": Quote.Kind.REPORTED, "speaker_group": group, "text": text},
            )
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
        return event

    def load_forum(self, organisations, norov):
        """The forum of our own writing: hybrid, two days, sub-forums, two sources."""
        ministry = self.get_or_create(
            Organisation,
            slug="ministry-of-public-education-uzbekistan",
            defaults={
                "name": "Ministry of Public Education of the Republic of Uzbekistan",
                "kind": Organisation.Kind.GOVERNMENT,
                "country": "UZ",
            },
        )
        karimova = self.get_or_create(
            Person,
            slug="dilnoza-karimova",
            defaults={
                "name": "Dilnoza Karimova",
                "country": "UZ",
                "public_note": "The Russian release spells her surname Каримова, the English "
                "one Karimova; the programme has Karimowa.",
            },
        )
        event = self.get_or_create(
            Event,
            slug=FORUM_SLUG,
            defaults={
                "kind": Event.Kind.FORUM,
                "title": "SCO Forum on Youth and Digital Education",
                "start_date": FORUM_DAYS[0],
                "end_date": FORUM_DAYS[1],
                "format": Event.Format.HYBRID,
                "platform": "Zoom",
                "city": "Tashkent",
                "country": "UZ",
                "audience": "Pupils, teachers and youth organisations of the SCO countries",
                "audience_size": 300,
                "summary": (
                    "A two-day forum in Tashkent and online on digital skills at school and "
                    "young entrepreneurs, opened by Secretary-General Vladimir Norov."
                ),
                "body": FORUM_BODY,
                "public_note": (
                    "The Russian release gives 28 May 2021 as the last day; the English release "
                    "and the programme give 27 May."
                ),
                "editorial_note": "Demo content of our own writing, not a real event.",
                "status": Event.Status.PUBLISHED,
                "published_at": datetime.datetime(
                    2021, 5, 27, 18, 0, tzinfo=ZoneInfo("Asia/Tashkent")
                ),
            },
        )
        event.tags.add("youth", "digital education", "entrepreneurship")
        for order, (url, title, language) in enumerate(FORUM_SOURCES):
            self.get_or_create(
                EventSource,
                event=event,
                url=url,
                defaults={"title": title, "language": language, "order": order},
            )
        for order, (organisation, role) in enumerate(
            [
                (organisations["sco-secretariat"], OrganisationRole.ORGANISER),
                (ministry, OrganisationRole.CO_ORGANISER),
                (organisations["scholar"], OrganisationRole.PARTNER),
            ]
        ):
            self.get_or_create(
                EventOrganisation,
                event=event,
                organisation=organisation,
                role=role,
                defaults={"order": order},
            )
        sessions = []
        for order, (title, kind, day, start, end) in enumerate(FORUM_SESSIONS, start=1):
            sessions.append(
                self.get_or_create(
                    Session,
                    event=event,
                    order=order,
                    defaults={
                        "title": title,
                        "kind": kind,
                        "date": day,
                        "start_time": datetime.time(*start),
                        "end_time": datetime.time(*end) if end else None,
                    },
                )
            )
        plenary, school, online = sessions
        # The release calls him "SCO Secretary-General": his dated position is what is shown.
        self.get_or_create(
            Participation,
            event=event,
            person=norov,
            role=Role.CHAIR,
            session=None,
            defaults={"order": 0, "stated_title": "SCO Secretary-General"},
        )
        self.get_or_create(
            Participation,
            event=event,
            person=karimova,
            role=Role.SPEAKER,
            session=school,
            defaults={"order": 1, "stated_title": "Deputy Minister of Public Education"},
        )
        quotes = [
            {
                "speaker": norov,
                "session": plenary,
                "kind": Quote.Kind.DIRECT,
                "text": "Digital skills are the new literacy of the SCO's young generation.",
            },
            {
                "speaker_group": "Pupils of School No. 55, Tashkent",
                "session": school,
                "kind": Quote.Kind.REPORTED,
                "text": "They presented a robot that sorts waste for recycling, built in the "
                "school's robotics club.",
            },
            {
                "speaker_organisation": organisations["scholar"],
                "session": online,
                "kind": Quote.Kind.REPORTED,
                "text": "The platform offered young entrepreneurs of the SCO countries free "
                "online courses on starting a business.",
            },
            {
                "attribution_note": "A participant; the release does not name the speaker.",
                "session": online,
                "kind": Quote.Kind.REPORTED,
                "text": "Online meetings should remain part of SCO youth events after the "
                "pandemic.",
            },
        ]
        for order, fields in enumerate(quotes):
            self.get_or_create(Quote, event=event, order=order, defaults=fields)
        self.get_or_create(
            Visit,
            event=event,
            order=0,
            defaults={
                "place": "School No. 55, Tashkent",
                "place_kind": Visit.PlaceKind.SCHOOL,
                "date": FORUM_DAYS[1],
                "description": "The delegates saw the school's robotics club at work.",
            },
        )
        return event

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
