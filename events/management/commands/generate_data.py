"""Fill the database with synthetic records at scale, for performance and search work.

    python manage.py generate_data                # 20,000 events, 100,000 quotes…
    python manage.py generate_data --clear        # replace what an earlier run made

Generated slugs start `gen-`: a later run finds them, refuses a second set,
or clears them with --clear. One transaction: a failed run changes nothing.
Texts are English, Russian and Chinese; tag use is Zipf-skewed; about a tenth
of events are drafts or scheduled. The same --seed gives the same data, but
publication times, relative to the run.

Written with bulk_create, which skips save(): tag names, keys and slugs are set
here through tags/models.py.
"""

import bisect
import datetime
import itertools
import random
import time
from collections import namedtuple
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation

from events.models import (
    Event,
    EventOrganisation,
    Participation,
    Quote,
    Role,
    Session,
    TaggedEvent,
    TaggedQuote,
    TaggedVisit,
    Visit,
)
from people.models import (
    Organisation,
    OrganisationName,
    Person,
    PersonName,
    Position,
    TaggedOrganisation,
    TaggedPerson,
)
from secretariat import page_cache
from tags.models import Tag, normalise_tag_name, tag_key

try:
    from faker import Faker
    from unidecode import unidecode
except ImportError:  # test/dev extras; handle() explains
    Faker = None

PREFIX = "gen-"
SLUG_PREFIXES = {
    Event: f"{PREFIX}event-",
    Person: f"{PREFIX}person-",
    Organisation: f"{PREFIX}org-",
    Tag: f"{PREFIX}tag-",
}
BATCH_SIZE = 1000  # rows per INSERT; Django lowers it where SQLite needs fewer parameters
CHUNK_SIZE = 5000  # objects built in Python before they are written and dropped

LANGUAGES = ["en", "ru", "zh"]
LANGUAGE_CODES = {"en": "en", "ru": "ru", "zh": "zh-hans"}
# Of events, the share with their title and summary in each other language.
TRANSLATED_SHARE = 0.75
LOCALES = {"en": "en_US", "ru": "ru_RU", "zh": "zh_CN"}

# Vocabulary tables, kept compact: the formatter would give every word its own line.
# fmt: off

# SCO members, observers and partners: how often they host, their cities, and their names
# in English, in Russian (genitive, for "Посольство …") and in Chinese.
Country = namedtuple("Country", "weight cities names")
COUNTRIES = {
    "CN": Country(14, ["Beijing", "Shanghai", "Kunming", "Qingdao", "Xi'an", "Urumqi", "Chengdu"],
                  ("China", "Китая", "中国")),
    "RU": Country(12, ["Moscow", "Saint Petersburg", "Yekaterinburg", "Ufa", "Kazan", "Sochi"],
                  ("Russia", "России", "俄罗斯")),
    "KZ": Country(8, ["Astana", "Almaty", "Shymkent", "Aktau"],
                  ("Kazakhstan", "Казахстана", "哈萨克斯坦")),
    "KG": Country(6, ["Bishkek", "Osh", "Cholpon-Ata"], ("Kyrgyzstan", "Киргизии", "吉尔吉斯斯坦")),
    "TJ": Country(6, ["Dushanbe", "Khujand"], ("Tajikistan", "Таджикистана", "塔吉克斯坦")),
    "UZ": Country(8, ["Tashkent", "Samarkand", "Bukhara", "Khiva"],
                  ("Uzbekistan", "Узбекистана", "乌兹别克斯坦")),
    "IN": Country(6, ["New Delhi", "Mumbai", "Bengaluru", "Goa"], ("India", "Индии", "印度")),
    "PK": Country(5, ["Islamabad", "Karachi", "Lahore"], ("Pakistan", "Пакистана", "巴基斯坦")),
    "IR": Country(3, ["Tehran", "Isfahan", "Mashhad"], ("Iran", "Ирана", "伊朗")),
    "BY": Country(3, ["Minsk", "Brest", "Gomel"], ("Belarus", "Беларуси", "白俄罗斯")),
    "MN": Country(2, ["Ulaanbaatar"], ("Mongolia", "Монголии", "蒙古")),
    "AZ": Country(1, ["Baku"], ("Azerbaijan", "Азербайджана", "阿塞拜疆")),
    "AM": Country(1, ["Yerevan"], ("Armenia", "Армении", "亚美尼亚")),
    "TR": Country(1, ["Ankara", "Istanbul"], ("Türkiye", "Турции", "土耳其")),
    "KH": Country(1, ["Phnom Penh"], ("Cambodia", "Камбоджи", "柬埔寨")),
    "NP": Country(1, ["Kathmandu"], ("Nepal", "Непала", "尼泊尔")),
    "LK": Country(1, ["Colombo"], ("Sri Lanka", "Шри-Ланки", "斯里兰卡")),
    "EG": Country(1, ["Cairo"], ("Egypt", "Египта", "埃及")),
    "QA": Country(1, ["Doha"], ("Qatar", "Катара", "卡塔尔")),
    "SA": Country(1, ["Riyadh"], ("Saudi Arabia", "Саудовской Аравии", "沙特阿拉伯")),
    "AE": Country(1, ["Abu Dhabi", "Dubai"], ("the United Arab Emirates", "ОАЭ", "阿联酋")),
}
# Where people who write their names in each script come from, roughly.
COUNTRIES_BY_LANGUAGE = {
    "en": ["IN", "PK", "IR", "KZ", "UZ", "MN", "AZ", "TR", "NP", "LK", "EG", "QA"],
    "ru": ["RU", "RU", "BY", "KZ", "KG", "TJ", "UZ"],
    "zh": ["CN"],
}

# Event and tag subjects in en, ru, zh. The first ones head the tag popularity ranking.
TOPICS = [
    ("youth", "молодёжь", "青年"),
    ("education", "образование", "教育"),
    ("digital economy", "цифровая экономика", "数字经济"),
    ("security", "безопасность", "安全"),
    ("trade", "торговля", "贸易"),
    ("vocational education", "профессиональное образование", "职业教育"),
    ("innovation", "инновации", "创新"),
    ("energy", "энергетика", "能源"),
    ("culture", "культура", "文化"),
    ("tourism", "туризм", "旅游"),
    ("transport", "транспорт", "交通"),
    ("public health", "здравоохранение", "公共卫生"),
    ("agriculture", "сельское хозяйство", "农业"),
    ("counter-terrorism", "противодействие терроризму", "反恐"),
    ("investment", "инвестиции", "投资"),
    ("science and technology", "наука и технологии", "科学技术"),
    ("environment", "экология", "环境保护"),
    ("media", "средства массовой информации", "媒体"),
    ("sport", "спорт", "体育"),
    ("women's leadership", "женское лидерство", "妇女领导力"),
    ("poverty reduction", "сокращение бедности", "减贫"),
    ("connectivity", "взаимосвязанность", "互联互通"),
    ("regional cooperation", "региональное сотрудничество", "区域合作"),
    ("small business", "малый бизнес", "小企业"),
    ("artificial intelligence", "искусственный интеллект", "人工智能"),
    ("green development", "зелёное развитие", "绿色发展"),
    ("food security", "продовольственная безопасность", "粮食安全"),
    ("people-to-people exchange", "гуманитарные обмены", "人文交流"),
    ("emergency relief", "чрезвычайные ситуации", "紧急救援"),
    ("customs", "таможня", "海关"),
    ("finance", "финансы", "金融"),
    ("space", "космос", "航天"),
    ("traditional medicine", "традиционная медицина", "传统医学"),
    ("startups", "стартапы", "初创企业"),
    ("5G", "5G", "5G网络"),
]

KIND_WORDS = {
    Event.Kind.ROUNDTABLE: ("Roundtable", "Круглый стол", "圆桌会议"),
    Event.Kind.MEETING: ("Meeting", "Встреча", "会议"),
    Event.Kind.CONFERENCE: ("Conference", "Конференция", "研讨会"),
    Event.Kind.FORUM: ("Forum", "Форум", "论坛"),
    Event.Kind.SUMMIT: ("Summit", "Саммит", "峰会"),
    Event.Kind.VISIT: ("Visit", "Визит", "访问"),
    Event.Kind.OTHER: ("Event", "Мероприятие", "活动"),
}
KIND_WEIGHTS = [18, 35, 15, 12, 3, 12, 5]

VENUES = ["Congress Hall", "International Press Centre", "SCO Secretariat", "State Guest House",
          "Palace of Independence", "University Main Hall", "Exhibition Centre"]

# Organisation names: a pattern per kind in en / ru / zh, filled with a field of work.
FIELDS = [
    ("Education", "образования", "教育"),
    ("Foreign Affairs", "иностранных дел", "外交"),
    ("Economy", "экономики", "经济"),
    ("Culture", "культуры", "文化"),
    ("Health", "здравоохранения", "卫生"),
    ("Transport", "транспорта", "交通"),
    ("Energy", "энергетики", "能源"),
    ("Agriculture", "сельского хозяйства", "农业"),
    ("Digital Development", "цифрового развития", "数字发展"),
    ("Science", "науки", "科学"),
    ("Tourism", "туризма", "旅游"),
    ("Trade", "торговли", "贸易"),
    ("Youth Policy", "молодёжной политики", "青年政策"),
    ("Emergency Management", "чрезвычайных ситуаций", "应急管理"),
]
ORGANISATION_PATTERNS = {
    Organisation.Kind.GOVERNMENT: ("Ministry of {}", "Министерство {}", "{}部"),
    Organisation.Kind.RESEARCH: ("Institute of {}", "Институт {}", "{}研究所"),
    Organisation.Kind.EDUCATION: ("Academy of {}", "Академия {}", "{}学院"),
    Organisation.Kind.BODY: ("Department of {}", "Департамент {}", "{}司"),
    Organisation.Kind.YOUTH: ("Youth Council on {}", "Молодёжный совет {}", "{}青年委员会"),
    Organisation.Kind.PROGRAMME: ("Programme for {}", "Программа развития {}", "{}发展计划"),
    Organisation.Kind.PLATFORM: ("Platform for {}", "Платформа {}", "{}合作平台"),
    Organisation.Kind.LOCAL_GOVERNMENT: ("City Department of {}", "Департамент {} мэрии",
                                         "市{}局"),
    Organisation.Kind.INTERGOVERNMENTAL: ("Council of Ministers of {}", "Совет министров {}",
                                          "{}部长理事会"),
}
# In Organisation.Kind's order: governments, research and education most common.
ORGANISATION_KIND_WEIGHTS = [2, 3, 14, 6, 5, 8, 8, 5, 10, 6, 3, 4, 4]

POSITION_TITLES = {
    "en": ["Secretary-General", "Deputy Secretary-General", "Minister", "Deputy Minister",
           "Ambassador", "Permanent Representative", "Director", "Head of Department",
           "Counsellor", "Professor", "Rector", "Chairman", "Vice Mayor", "Senior Researcher",
           "Adviser", "Editor-in-Chief"],
    "ru": ["Генеральный секретарь", "Министр", "Заместитель министра", "Посол",
           "Постоянный представитель", "Директор", "Начальник отдела", "Советник", "Профессор",
           "Ректор", "Председатель", "Заместитель мэра", "Старший научный сотрудник"],
    "zh": ["秘书长", "部长", "副部长", "大使", "常驻代表", "主任", "司长", "参赞", "教授", "校长",
           "主席", "副市长", "研究员"],
}
HONORIFICS = {"male": ["", "", "Mr", "Mr", "Dr", "H.E.", "Prof."],
              "female": ["", "", "Ms", "Ms", "Dr", "H.E.", "Prof."],
              None: ["", "", "", "Dr", "H.E.", "Prof."]}

VISIT_PLACES = {
    "en": ["vocational education centre", "technology park", "history museum",
           "university campus", "agricultural research station", "international airport",
           "logistics hub", "aircraft plant", "youth centre", "old town"],
    "ru": ["Центр профессионального образования", "Технопарк", "Исторический музей",
           "Университетский кампус", "Сельскохозяйственная опытная станция",
           "Логистический центр", "Авиационный завод", "Молодёжный центр"],
    "zh": ["职业教育中心", "科技园", "历史博物馆", "大学校园", "农业研究站", "物流中心",
           "飞机制造厂", "青年中心"],
}

# Common Chinese surnames and given-name characters, with their pinyin.
CHINESE_SURNAMES = {
    "王": "Wang", "李": "Li", "张": "Zhang", "刘": "Liu", "陈": "Chen", "杨": "Yang",
    "黄": "Huang", "赵": "Zhao", "吴": "Wu", "周": "Zhou", "徐": "Xu", "孙": "Sun", "马": "Ma",
    "朱": "Zhu", "胡": "Hu", "郭": "Guo", "何": "He", "林": "Lin", "高": "Gao", "罗": "Luo",
    "郑": "Zheng", "梁": "Liang",
}
CHINESE_GIVEN = {
    "伟": "wei", "芳": "fang", "娜": "na", "敏": "min", "静": "jing", "丽": "li", "强": "qiang",
    "磊": "lei", "军": "jun", "洋": "yang", "勇": "yong", "艳": "yan", "杰": "jie", "涛": "tao",
    "明": "ming", "超": "chao", "秀": "xiu", "霞": "xia", "平": "ping", "刚": "gang", "华": "hua",
    "建": "jian", "国": "guo", "文": "wen", "志": "zhi", "海": "hai", "晓": "xiao", "红": "hong",
    "玉": "yu", "林": "lin",
}

# fmt: on

KINDS = list(KIND_WORDS)
NATIVE_LANGUAGE = {"CN": "zh", "RU": "ru", "BY": "ru"}
SMALL_WORDS = {"and", "of", "on", "to"}  # left lower case in title-case English
QUOTE_KINDS = [Quote.Kind.DIRECT, Quote.Kind.REPORTED]
ORGANISATION_KINDS = list(Organisation.Kind)
FIRST_DAY = datetime.date(2015, 1, 1)
LAST_DAY = datetime.date(2027, 12, 31)

# What later steps need to know about an event, without holding the model instance.
EventRow = namedtuple("EventRow", "pk start end language city sessions people")


def chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class Zipf:
    """Draw items with probability falling as 1/rank**s: a few very often, most rarely."""

    def __init__(self, rng, items, s=1.0):
        self.rng, self.items = rng, list(items)
        self.cumulative = list(
            itertools.accumulate(1 / rank**s for rank in range(1, len(items) + 1))
        )

    def one(self):
        point = self.rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect(self.cumulative, point)]

    def distinct(self, k):
        picked = {}
        k = min(k, len(self.items))
        while len(picked) < k:
            item = self.one()
            picked[item] = None
        return list(picked)


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic events, people, organisations, quotes and tags "
        f"(slugs starting '{PREFIX}') for performance and search work."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=20000)
        parser.add_argument("--people", type=int, default=5000)
        parser.add_argument("--organisations", type=int, default=1000)
        parser.add_argument("--sessions", type=int, default=50000, help="Total, over all events.")
        parser.add_argument("--quotes", type=int, default=100000, help="Total, over all events.")
        parser.add_argument("--tags", type=int, default=500)
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same data.")
        parser.add_argument(
            "--clear", action="store_true", help="Delete previously generated data first."
        )

    def handle(self, *args, **options):
        if Faker is None:
            raise CommandError(
                "generate_data needs Faker and Unidecode, development extras: "
                "pip install -e '.[dev]'"
            )
        for name in ("events", "people", "organisations", "tags"):
            if options[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        for name in ("sessions", "quotes"):
            if options[name] < 0:
                raise CommandError(f"--{name} cannot be negative.")

        # Reproducible sample data, not secrets: a seeded generator is the point.
        self.rng = random.Random(options["seed"])  # nosec B311
        self.fakers = {}
        for index, language in enumerate(LANGUAGES):
            self.fakers[language] = Faker(LOCALES[language])
            self.fakers[language].seed_instance(options["seed"] * 10 + index)
        self.now = timezone.now()
        self.started = time.perf_counter()

        with transaction.atomic():
            if self.generated_data_exists():
                if not options["clear"]:
                    raise CommandError(
                        f"Generated data (slugs starting '{PREFIX}') is already present. "
                        "Run with --clear to replace it."
                    )
                self.clear()
            self.tags = Zipf(self.rng, self.create_tags(options["tags"]), s=1.1)
            self.organisations = Zipf(
                self.rng, self.create_organisations(options["organisations"]), s=0.8
            )
            self.people = Zipf(self.rng, self.create_people(options["people"]), s=0.7)
            events = self.create_events(options["events"])
            self.create_sessions(events, options["sessions"])
            self.create_participations(events)
            self.create_event_organisations(events)
            self.create_quotes(events, options["quotes"])
            self.create_visits(events)

        # bulk_create sends no signals: rebuild the index and clear cached pages.
        call_command("search_reindex", stdout=self.stdout)
        page_cache.clear()
        if connection.vendor == "postgresql":
            # Until autovacuum comes, the planner takes the big tables for small ones.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Done in {time.perf_counter() - self.started:.1f} seconds.")
        )

    # Finding and clearing earlier runs

    def generated_data_exists(self):
        return any(
            model.objects.filter(slug__startswith=prefix).exists()
            for model, prefix in SLUG_PREFIXES.items()
        )

    def clear(self):
        def generated(model):
            return model.objects.filter(slug__startswith=SLUG_PREFIXES[model])

        try:
            for model in (Event, Person):
                deleted, _ = generated(model).delete()
                self.progress(f"Deleted {model._meta.verbose_name_plural} and their rows", deleted)
            # Parents are generated too; unhook them so PROTECT does not stop the delete.
            generated(Organisation).update(parent=None)
            deleted, _ = generated(Organisation).delete()
            self.progress("Deleted organisations and their rows", deleted)
            deleted, _ = generated(Tag).delete()
            self.progress("Deleted tags and their links", deleted)
        except ProtectedError as error:
            raise CommandError(
                "Cannot clear: records not made by generate_data refer to generated ones, "
                f"e.g. {next(iter(error.protected_objects))!r}."
            ) from error

    # Writing

    def progress(self, label, count):
        elapsed = time.perf_counter() - self.started
        self.stdout.write(f"{label:<42} {count:>9,}   {elapsed:6.1f}s")

    def write(self, model, objects, label=None):
        """Insert `objects` (any iterable) in chunks."""
        count = 0
        for chunk in chunks(objects, CHUNK_SIZE):
            model.objects.bulk_create(chunk, batch_size=BATCH_SIZE)
            count += len(chunk)
        self.progress(label or str(model._meta.verbose_name_plural).capitalize(), count)

    def write_tagged(self, model, through, pairs):
        """Insert (object, tag pks) pairs in chunks, then their tag links."""
        count = links = 0
        for chunk in chunks(pairs, CHUNK_SIZE):
            model.objects.bulk_create([obj for obj, _ in chunk], batch_size=BATCH_SIZE)
            rows = [
                through(content_object_id=obj.pk, tag_id=tag_pk)
                for obj, tag_pks in chunk
                for tag_pk in tag_pks
            ]
            through.objects.bulk_create(rows, batch_size=BATCH_SIZE)
            count += len(chunk)
            links += len(rows)
        self.progress(str(model._meta.verbose_name_plural).capitalize(), count)
        self.progress(f"  {through.__name__} links", links)

    def some_tags(self, share, most):
        """Tag pks for an object: none with probability 1 - share, else 1 to `most`."""
        if self.rng.random() >= share:
            return []
        return self.tags.distinct(self.rng.randint(1, most))

    # Text

    @staticmethod
    def written_in(language):
        """Texts given to a model's constructor in here go to `language`'s columns."""
        return translation.override(LANGUAGE_CODES[language])

    def translations(self, event, language):
        """`event`'s title and summary in the other languages, as most releases have them."""
        for other in LANGUAGES:
            if other != language and self.rng.random() < TRANSLATED_SHARE:
                suffix = LANGUAGE_CODES[other].replace("-", "_")
                setattr(event, f"title_{suffix}", self.sentence(other, 9).rstrip(".。")[:300])
                setattr(event, f"summary_{suffix}", self.sentence(other, 20)[:600])

    def language(self, weights=(50, 30, 20), country=None):
        """A language for a row's text; where the country is given, often its own."""
        if country in NATIVE_LANGUAGE and self.rng.random() < 0.5:
            return NATIVE_LANGUAGE[country]
        return self.rng.choices(LANGUAGES, weights)[0]

    def sentence(self, language, words=8):
        text = self.fakers[language].sentence(nb_words=words)
        return text.replace(".", "。") if language == "zh" else text

    def text(self, language, sentences):
        text = self.fakers[language].paragraph(nb_sentences=sentences)
        return text.replace(".", "。") if language == "zh" else text

    def paragraphs(self, language, count):
        return "\n\n".join(self.text(language, self.rng.randint(3, 6)) for _ in range(count))

    def country(self):
        codes = list(COUNTRIES)
        return self.rng.choices(codes, [COUNTRIES[code].weight for code in codes])[0]

    # Tags

    def create_tags(self, count):
        """Topics in three languages first (the popular ones), then Faker words."""
        named = [(topic[i], LANGUAGES[i]) for i in range(3) for topic in TOPICS]
        names = [name for name, _language in named]
        # A name is taken in any language: the demo's "youth" is also «молодёжь».
        labels = [f"name_{code.replace('-', '_')}" for code in LANGUAGE_CODES.values()]
        taken = set(Tag.objects.values_list("key", flat=True))
        taken |= {tag_key(name) for row in Tag.objects.values_list(*labels) for name in row if name}
        tags = []
        candidates = itertools.chain(named, self.filler_tag_names())
        for name, language in candidates:
            name = normalise_tag_name(name)[:100]
            key = tag_key(name)
            if not key or key in taken:
                continue
            taken.add(key)
            slug = f"{SLUG_PREFIXES[Tag]}{len(tags) + 1}"
            with self.written_in(language):
                tags.append(Tag(name=name, key=key, slug=slug))
            if len(tags) == count:
                break
        Tag.objects.bulk_create(tags, batch_size=BATCH_SIZE)
        self.progress("Tags", len(tags))
        topic_names = set(names)
        self.topic_tags = {tag.name: tag.pk for tag in tags if tag.name in topic_names}
        return [tag.pk for tag in tags]

    def filler_tag_names(self):
        while True:
            language = self.language()
            words = self.fakers[language].words(self.rng.randint(1, 2), unique=True)
            yield ("" if language == "zh" else " ").join(words), language

    # Organisations and people

    def create_organisations(self, count):
        organisations, alternative_names, tag_pairs = [], [], []
        for n in range(1, count + 1):
            kind = self.rng.choices(ORGANISATION_KINDS, ORGANISATION_KIND_WEIGHTS)[0]
            country = "" if kind == Organisation.Kind.INTERGOVERNMENTAL else self.country()
            language = self.language(country=country)
            names = self.organisation_names(kind, country)
            name = names[LANGUAGES.index(language)] if names else self.fakers[language].company()
            slug = f"{SLUG_PREFIXES[Organisation]}{n}"
            with self.written_in(language):
                org = Organisation(
                    name=name[:300],
                    slug=slug,
                    kind=kind,
                    country=country,
                    short_name=self.acronym(name) if self.rng.random() < 0.3 else "",
                    website=f"https://{slug}.example.org" if self.rng.random() < 0.4 else "",
                    description=self.paragraphs(language, 1) if self.rng.random() < 0.5 else "",
                )
            organisations.append(org)
            tag_pairs.append((org, self.some_tags(0.3, 3)))
            if names and self.rng.random() < 0.5:
                other = self.rng.choice([lang for lang in LANGUAGES if lang != language])
                alternative_names.append(
                    (org, names[LANGUAGES.index(other)], LANGUAGE_CODES[other])
                )

        self.write_tagged(Organisation, TaggedOrganisation, tag_pairs)
        self.write(
            OrganisationName,
            (
                OrganisationName(organisation=org, name=name, language=code)
                for org, name, code in alternative_names
            ),
            label="  Organisation alternative names",
        )
        # Some belong to an earlier one; set after insert, when the parents have pks.
        children = []
        for index, org in enumerate(organisations[1:], start=1):
            if self.rng.random() < 0.2:
                org.parent = organisations[self.rng.randrange(index)]
                children.append(org)
        Organisation.objects.bulk_update(children, ["parent"], batch_size=BATCH_SIZE)
        self.progress("  Organisations with a parent", len(children))
        return [org.pk for org in organisations]

    def organisation_names(self, kind, country):
        """The name in en, ru and zh, or None where Faker's company names serve."""
        if kind == Organisation.Kind.DIPLOMATIC_MISSION and country:
            en, ru, zh = COUNTRIES[self.rng.choice(list(COUNTRIES))].names
            return (f"Embassy of {en}", f"Посольство {ru}", f"{zh}大使馆")
        if kind not in ORGANISATION_PATTERNS:
            return None
        field = self.rng.choice(FIELDS)
        return tuple(
            pattern.format(word)
            for pattern, word in zip(ORGANISATION_PATTERNS[kind], field, strict=True)
        )

    @staticmethod
    def acronym(name):
        letters = "".join(word[0] for word in name.split() if word[:1].isupper())
        return letters[:10] if len(letters) > 1 else ""

    def person_names(self, language):
        """(name, alternative name or None, its language code, gender if known)."""
        fake = self.fakers[language]
        gender = self.rng.choice(["male", "female"])
        if language == "en":
            first = fake.first_name_male() if gender == "male" else fake.first_name_female()
            return f"{first} {fake.last_name()}", None, "", gender
        if language == "ru":
            if gender == "male":
                cyrillic = f"{fake.first_name_male()} {fake.last_name_male()}"
            else:
                cyrillic = f"{fake.first_name_female()} {fake.last_name_female()}"
            latin = unidecode(cyrillic)
            if self.rng.random() < 0.5:
                return cyrillic, latin, "en", gender
            return latin, cyrillic, "ru", gender
        surname = self.rng.choice(list(CHINESE_SURNAMES))
        given = "".join(self.rng.choices(list(CHINESE_GIVEN), k=self.rng.randint(1, 2)))
        hanzi = surname + given
        pinyin = (
            f"{CHINESE_SURNAMES[surname]} " + "".join(CHINESE_GIVEN[c] for c in given).capitalize()
        )
        if self.rng.random() < 0.5:
            return hanzi, pinyin, "en", None
        return pinyin, hanzi, "zh-hans", None

    def create_people(self, count):
        people, alternative_names, tag_pairs, positions = [], [], [], []
        organisation_pks = self.organisations.items
        for n in range(1, count + 1):
            language = self.language((40, 35, 25))
            name, alternative, code, gender = self.person_names(language)
            with self.written_in(language):
                person = Person(
                    name=name,
                    slug=f"{SLUG_PREFIXES[Person]}{n}",
                    honorific=self.rng.choice(HONORIFICS[gender]),
                    country=self.rng.choice(COUNTRIES_BY_LANGUAGE[language]),
                    bio=self.paragraphs(language, 1) if self.rng.random() < 0.4 else "",
                )
            if alternative:
                # The name in the other script is the name in that language too.
                setattr(person, f"name_{code.replace('-', '_')}", alternative)
            people.append(person)
            tag_pairs.append((person, self.some_tags(0.15, 3)))
            if alternative and self.rng.random() < 0.7:
                alternative_names.append((person, alternative, code))
            positions.append((person, language))

        self.write_tagged(Person, TaggedPerson, tag_pairs)
        self.write(
            PersonName,
            (PersonName(person=p, name=name, language=c) for p, name, c in alternative_names),
            label="  Person alternative names",
        )
        self.write(
            Position,
            (
                position
                for person, language in positions
                for position in self.positions(person, language, organisation_pks)
            ),
            label="  Positions",
        )
        return [person.pk for person in people]

    def positions(self, person, language, organisation_pks):
        """One to three successive positions; the last often still held."""
        today = self.now.date()
        start = FIRST_DAY - datetime.timedelta(days=self.rng.randint(0, 15 * 365))
        for remaining in range(self.rng.randint(1, 3), 0, -1):
            end = start + datetime.timedelta(days=self.rng.randint(365, 6 * 365))
            last = remaining == 1
            if end >= today or (last and self.rng.random() < 0.7):
                end = None
            with self.written_in(language):
                position = Position(
                    person=person,
                    organisation_id=self.rng.choice(organisation_pks),
                    title=self.rng.choice(POSITION_TITLES[language]),
                    start_date=start,
                    end_date=end,
                )
            yield position
            if end is None:
                return
            start = end + datetime.timedelta(days=self.rng.randint(1, 90))

    # Events and what hangs from them

    def create_events(self, count):
        span = (LAST_DAY - FIRST_DAY).days
        rows = []

        def build():
            for n in range(1, count + 1):
                kind = self.rng.choices(KINDS, KIND_WEIGHTS)[0]
                country = self.country()
                language = self.language(country=country)
                start = FIRST_DAY + datetime.timedelta(days=self.rng.randint(0, span))
                end = start
                if self.rng.random() < 0.2:
                    end += datetime.timedelta(days=self.rng.randint(1, 4))
                topic = self.topic()
                status, published_at = self.publication(end)
                format = self.rng.choices(list(Event.Format), weights=(90, 5, 5))[0]
                # An online event met nowhere: no city or venue (its country is the host's).
                in_person = format != Event.Format.ONLINE
                with self.written_in(language):
                    event = Event(
                        kind=kind,
                        original_language=LANGUAGE_CODES[language],
                        title=self.event_title(language, kind, topic, start)[:300],
                        slug=f"{SLUG_PREFIXES[Event]}{n}",
                        start_date=start,
                        end_date=end,
                        # The tables' place names are English.
                        city_en=self.rng.choice(COUNTRIES[country].cities) if in_person else "",
                        country=country,
                        venue_en=self.rng.choice(VENUES)
                        if in_person and self.rng.random() < 0.5
                        else "",
                        format=format,
                        summary=self.sentence(language, 20)[:600],
                        body=self.paragraphs(language, self.rng.randint(1, 4)),
                        status=status,
                        published_at=published_at,
                    )
                self.translations(event, language)
                tag_pks = self.tags.distinct(self.rng.randint(1, 5))
                topic_tag = self.topic_tags.get(TOPICS[topic][LANGUAGES.index(language)])
                if topic_tag and topic_tag not in tag_pks:
                    tag_pks[-1] = topic_tag
                rows.append((event, language))
                yield event, tag_pks

        self.write_tagged(Event, TaggedEvent, build())
        return [
            EventRow(event.pk, event.start_date, event.end_date, language, event.city_en, [], [])
            for event, language in rows
        ]

    def topic(self):
        """A topic index: mostly the popular first ones, as with tags, sometimes any."""
        if self.rng.random() < 0.3:
            return self.rng.randrange(len(TOPICS))
        return min(int(self.rng.paretovariate(1.2)) - 1, len(TOPICS) - 1)

    def event_title(self, language, kind, topic, start):
        kind_word = KIND_WORDS[kind][LANGUAGES.index(language)]
        subject = TOPICS[topic][LANGUAGES.index(language)]
        style = self.rng.random()
        if language == "en":
            if style < 0.4:
                return f"{kind_word} on {subject}"
            if style < 0.7:
                subject = " ".join(
                    word if word in SMALL_WORDS else word[:1].upper() + word[1:]
                    for word in subject.split()
                )
                return f"SCO {subject} {kind_word} {start.year}"
            return f"{kind_word} on {subject}: {self.sentence('en', 5).rstrip('.').lower()}"
        if language == "ru":
            if style < 0.5:
                return f"{kind_word} ШОС: {subject}"
            if style < 0.7:
                return f"{kind_word} «{subject.capitalize()}» {start.year}"
            return f"{kind_word}: {subject}. {self.sentence('ru', 5).rstrip('.')}"
        if style < 0.6:
            return f"上合组织{subject}{kind_word}"
        return f"{start.year}年上合组织{subject}{kind_word}"

    def publication(self, end):
        """(status, published_at): 5 % drafts, 5 % scheduled, the rest already public."""
        roll = self.rng.random()
        if roll < 0.05:
            return Event.Status.DRAFT, None
        if roll < 0.10:
            later = datetime.timedelta(days=1, seconds=self.rng.randint(0, 90 * 86400))
            return Event.Status.PUBLISHED, self.now + later
        published = datetime.datetime.combine(
            end + datetime.timedelta(days=self.rng.randint(0, 3)),
            datetime.time(self.rng.randint(6, 20), self.rng.randint(0, 59)),
            tzinfo=ZoneInfo("UTC"),
        )
        if published > self.now:  # an upcoming event, announced in advance
            published = self.now - datetime.timedelta(seconds=self.rng.randint(60, 60 * 86400))
        return Event.Status.PUBLISHED, published

    def spread(self, total, count, most):
        """`count` random numbers from 0 to about `most` that add up to exactly `total`."""
        most = max(most, -(-total // count))
        counts = [self.rng.randint(0, most) for _ in range(count)]
        difference = total - sum(counts)
        step = 1 if difference > 0 else -1
        while difference:
            i = self.rng.randrange(count)
            if 0 <= counts[i] + step <= most:
                counts[i] += step
                difference -= step
        return counts

    def create_sessions(self, events, total):
        counts = self.spread(total, len(events), 5)
        sessions = []

        def build():
            for event, count in zip(events, counts, strict=True):
                for order in range(1, count + 1):
                    with self.written_in(event.language):
                        session = Session(
                            event_id=event.pk,
                            order=order,
                            title=self.sentence(event.language, 7).rstrip(".。"),
                            description=self.sentence(event.language, 20)
                            if self.rng.random() < 0.5
                            else "",
                        )
                    sessions.append((event, session))
                    yield session

        self.write(Session, build())
        for event, session in sessions:
            event.sessions.append(session.pk)

    def create_participations(self, events):
        def build():
            for event in events:
                people = self.people.distinct(self.rng.randint(2, 8))
                event.people.extend(people)
                head_role = self.rng.choice([Role.DELEGATION_HEAD, Role.HOST])
                other_roles = [Role.PARTICIPANT, Role.PARTICIPANT, Role.DELEGATION, Role.SPEAKER]
                for order, person in enumerate(people):
                    role = head_role if order == 0 else self.rng.choice(other_roles)
                    yield Participation(event_id=event.pk, person_id=person, role=role, order=order)
                # Speakers and moderators of single sessions: distinct people per session.
                for session in event.sessions:
                    for person in self.rng.sample(people, min(len(people), self.rng.randint(0, 2))):
                        role = self.rng.choice([Role.SPEAKER, Role.SPEAKER, Role.MODERATOR])
                        yield Participation(
                            event_id=event.pk, person_id=person, role=role, session_id=session
                        )

        self.write(Participation, build(), label="Participations")

    def create_event_organisations(self, events):
        def build():
            for event in events:
                organisations = self.organisations.distinct(self.rng.randint(1, 3))
                for order, organisation in enumerate(organisations):
                    roles = (
                        [Role.HOST, Role.ORGANISER]
                        if order == 0
                        else [Role.PARTICIPANT, Role.DELEGATION]
                    )
                    role = self.rng.choice(roles)
                    yield EventOrganisation(
                        event_id=event.pk, organisation_id=organisation, role=role, order=order
                    )

        self.write(EventOrganisation, build(), label="Event organisations")

    def create_quotes(self, events, total):
        counts = self.spread(total, len(events), 10)

        def build():
            for event, count in zip(events, counts, strict=True):
                for order in range(count):
                    if event.people and self.rng.random() < 0.85:
                        speaker = self.rng.choice(event.people)
                    else:
                        speaker = self.people.one()
                    session = None
                    if event.sessions and self.rng.random() < 0.6:
                        session = self.rng.choice(event.sessions)
                    with self.written_in(event.language):
                        quote = Quote(
                            event_id=event.pk,
                            session_id=session,
                            speaker_id=speaker,
                            kind=self.rng.choices(QUOTE_KINDS, (60, 40))[0],
                            text=self.text(event.language, self.rng.randint(1, 4)),
                            order=order,
                        )
                    yield quote, self.some_tags(0.3, 2)

        self.write_tagged(Quote, TaggedQuote, build())

    def create_visits(self, events):
        def build():
            for event in events:
                if not event.city:
                    continue  # online: nowhere to visit
                for order in range(self.rng.choices([0, 1, 2], [55, 30, 15])[0]):
                    place = self.rng.choice(VISIT_PLACES[event.language])
                    if event.language == "en":
                        place = f"{event.city} {place}"
                    day = self.rng.randint(0, (event.end - event.start).days)
                    with self.written_in(event.language):
                        visit = Visit(
                            event_id=event.pk,
                            place=place,
                            description=self.sentence(event.language, 15),
                            date=event.start + datetime.timedelta(days=day),
                            order=order,
                        )
                    yield visit, self.some_tags(0.3, 1)

        self.write_tagged(Visit, TaggedVisit, build())
