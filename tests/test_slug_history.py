import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from people.models import Person
from tags.models import Tag
from tests import factories
from tests.admin_helpers import admin_url, in_english, loaded_version

pytestmark = pytest.mark.django_db

MIDDLEWARE = "slug_history.middleware.SlugRedirectMiddleware"


@pytest.fixture(autouse=True)
def _site_cache():
    """The current Site is cached for the process; a test that changes it must not leak."""
    Site.objects.clear_cache()
    yield
    Site.objects.clear_cache()


def redirects():
    """The stored redirects, as the English addresses they answer (stored without a prefix)."""
    return {
        (f"/en{old}", f"/en{new}" if new else new)
        for old, new in Redirect.objects.values_list("old_path", "new_path")
    }


def rename(record, slug):
    record.slug = slug
    record.save()
    return record


def public_tag(slug):
    """A tag with a public page: a published event carries it."""
    tag = factories.TagFactory(slug=slug)
    factories.EventFactory().tags.add(tag)
    return tag


RECORDS = {
    "event": (lambda slug: factories.EventFactory(slug=slug), "/en/events/"),
    "person": (lambda slug: factories.PersonFactory(slug=slug), "/en/people/"),
    "organisation": (lambda slug: factories.OrganisationFactory(slug=slug), "/en/organisations/"),
    "tag": (public_tag, "/en/tags/"),
}


@pytest.mark.parametrize(("make", "prefix"), RECORDS.values(), ids=RECORDS.keys())
def test_renamed_record_old_address_answers_301_with_the_new_one(client, make, prefix):
    record = make("old-slug")
    untouched = make("untouched")

    rename(record, "new-slug")
    response = client.get(f"{prefix}old-slug/")

    assert response.status_code == 301
    assert response["Location"] == f"{prefix}new-slug/"
    assert response.content == b""
    assert client.get(f"{prefix}new-slug/").status_code == 200
    assert client.get(f"{prefix}untouched/").status_code == 200
    assert redirects() == {(f"{prefix}old-slug/", f"{prefix}new-slug/")}
    assert untouched.get_absolute_url() == f"{prefix}untouched/"


def test_an_old_address_answers_in_every_language_and_without_one(client):
    event = factories.EventFactory(slug="old-slug")
    rename(event, "new-slug")

    assert Redirect.objects.get().old_path == "/events/old-slug/"
    for language in ("en", "ru", "zh-hans"):
        response = client.get(f"/{language}/events/old-slug/")
        assert (response.status_code, response["Location"]) == (
            301,
            f"/{language}/events/new-slug/",
        )
    # A link from before the language prefixes: to the visitor's language, then on.
    response = client.get("/events/old-slug/", headers={"accept-language": "ru"}, follow=True)
    assert response.redirect_chain == [("/ru/events/old-slug/", 302), ("/ru/events/new-slug/", 301)]
    assert response.context["event"] == event


def test_chinese_slug_rename_redirects_from_the_percent_encoded_path(client):
    old = "/en/events/%E8%81%8C%E4%B8%9A%E6%95%99%E8%82%B2%E5%9C%86%E6%A1%8C/"
    new = "/en/events/%E6%98%86%E6%98%8E%E8%81%8C%E4%B8%9A%E6%95%99%E8%82%B2%E5%9C%86%E6%A1%8C/"
    event = factories.EventFactory(slug="职业教育圆桌")

    rename(event, "昆明职业教育圆桌")
    encoded = client.get(old)
    unicode = client.get("/en/events/职业教育圆桌/")

    # Stored as get_absolute_url() gives it (less the language), which is what the
    # middleware looks up:
    # request.get_full_path(), percent-encoded; request.path itself is Unicode.
    assert redirects() == {(old, new)}
    assert event.get_absolute_url() == new
    assert unicode.wsgi_request.path == "/en/events/职业教育圆桌/"
    assert unicode.wsgi_request.get_full_path() == old
    assert (encoded.status_code, encoded["Location"]) == (301, new)
    assert (unicode.status_code, unicode["Location"]) == (301, new)
    assert client.get(new).context["event"] == event


def test_long_chinese_slug_rename_is_recorded_in_full(client):
    # 200 letters, the longest slug: a path of 1,812 characters, which Django's
    # 200-character redirect columns could not hold (slug_history migration 0001).
    event = factories.EventFactory(slug="职" * 200)

    rename(event, "教" * 200)
    response = client.get("/en/events/" + "%E8%81%8C" * 200 + "/")

    assert response.status_code == 301
    assert response["Location"] == "/en/events/" + "%E6%95%99" * 200 + "/"
    assert len(response["Location"]) == 1812


def test_chain_of_renames_collapses_to_one_hop(client):
    event = factories.EventFactory(slug="a")

    rename(event, "b")
    rename(event, "c")

    assert redirects() == {("/en/events/a/", "/en/events/c/"), ("/en/events/b/", "/en/events/c/")}
    assert client.get("/en/events/a/")["Location"] == "/en/events/c/"
    assert client.get("/en/events/b/")["Location"] == "/en/events/c/"


def test_browsers_check_an_old_address_again_on_each_use(client):
    # An address may be given back later (a -> b, then b -> a): a browser that
    # kept a -> b for ever would then go round between the two.
    event = factories.EventFactory(slug="a")
    rename(event, "b")

    response = client.get("/en/events/a/")

    assert response.status_code == 301
    assert response["Cache-Control"] == "no-cache"


def test_renaming_back_drops_the_redirect_away_from_the_address_in_use(client):
    # Kept, a redirect /a/ -> /b/ would send the public from a draft's /a/ (a 404
    # for them) to /b/, and /b/ back to /a/: a loop.
    event = factories.EventFactory(slug="a", draft=True)

    rename(event, "b")
    rename(event, "a")

    assert redirects() == {("/en/events/b/", "/en/events/a/")}
    assert client.get("/en/events/b/")["Location"] == "/en/events/a/"
    assert client.get("/en/events/a/").status_code == 404


def test_new_record_taking_an_old_slug_gets_the_address(client):
    renamed = rename(factories.EventFactory(slug="kunming-2020", title="Renamed"), "kunming")

    newcomer = factories.EventFactory(slug="kunming-2020", title="Newcomer")
    response = client.get("/en/events/kunming-2020/")

    assert response.status_code == 200
    assert response.context["event"] == newcomer
    assert client.get("/en/events/kunming/").context["event"] == renamed
    assert redirects() == set()


def test_new_tag_taking_an_old_slug_gets_the_address(client):
    event = factories.EventFactory(tags=["Kunming"])
    tag = Tag.objects.get(slug="kunming")
    tag.name, tag.slug = "Kunming city", "kunming-city"
    tag.save()

    event.tags.add("Kunming")
    response = client.get("/en/tags/kunming/")

    assert Tag.objects.get(slug="kunming").name == "Kunming"
    assert client.get("/en/tags/kunming-city/").context["tag"].name == "Kunming city"
    assert response.status_code == 200
    assert response.context["tag"].name == "Kunming"
    assert redirects() == set()


def test_renamed_draft_old_address_reveals_only_the_new_address(client, admin_client):
    factories.EventFactory(slug="draft", title="Secret negotiation", draft=True)
    rename(Event.objects.get(slug="draft"), "secret-negotiation")

    response = client.get("/en/events/draft/")
    followed = client.get(response["Location"])
    staff = admin_client.get("/en/events/draft/", follow=True)

    assert response.status_code == 301
    assert response["Location"] == "/en/events/secret-negotiation/"
    assert response.content == b""
    assert followed.status_code == 404
    assert "<h1>Page not found</h1>" in followed.text
    assert "Secret negotiation" not in followed.text
    assert staff.redirect_chain == [("/en/events/secret-negotiation/", 301)]
    assert "Secret negotiation" in staff.text


def test_unrelated_404s_stay_404_in_the_site_look(client):
    rename(factories.EventFactory(slug="a"), "b")

    for path in ["/en/events/c/", "/en/people/a/", "/no/such/page/", "/en/events/a/extra/"]:
        response = client.get(path)

        assert response.status_code == 404, path
        assert "<h1>Page not found</h1>" in response.text


def test_saving_without_changing_the_slug_records_nothing(client):
    event = factories.EventFactory(slug="a")
    person = factories.PersonFactory(slug="p")

    event.title = "A new title"
    event.save()
    person.name = "A new name"
    with CaptureQueriesContext(connection) as queries:
        person.save(update_fields=["name"])

    assert redirects() == set()
    # With update_fields that leave the slug alone, not even a look-up.
    assert len(queries) == 1 and queries[0]["sql"].startswith("UPDATE")


def test_slug_changed_in_the_admin_redirects(admin_client, client):
    tag = public_tag("kunming")

    response = admin_client.post(
        admin_url(Tag, "change", tag.pk),
        in_english(
            Tag, {"name": tag.name, "slug": "kunming-city", "loaded_version": loaded_version(tag)}
        ),
    )

    assert response.status_code == 302
    assert redirects() == {("/en/tags/kunming/", "/en/tags/kunming-city/")}
    assert client.get("/en/tags/kunming/")["Location"] == "/en/tags/kunming-city/"


def test_slug_changed_by_queryset_update_is_not_recorded():
    # update() sends no signals: documented in slug_history.redirects.
    factories.PersonFactory(slug="p")

    Person.objects.filter(slug="p").update(slug="q")

    assert redirects() == set()


def count_queries(client, url, status):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == status
    return len(queries)


def test_pages_cost_no_more_queries_and_a_404_costs_one(settings):
    event = factories.EventFactory(slug="event", tags=["youth"])
    person = factories.PersonFactory(slug="person", tags=["youth"])
    factories.QuoteFactory(event=event, speaker=person)
    organisation = factories.OrganisationFactory(slug="organisation")
    rename(factories.EventFactory(slug="a"), "b")
    Site.objects.get_current()  # cached for the process, as in production
    urls = ["/en/", "/en/events/", event.get_absolute_url(), person.get_absolute_url()]
    urls += [organisation.get_absolute_url(), "/en/tags/", "/en/tags/youth/", "/en/events/unknown/"]
    statuses = [200] * 7 + [404]

    # A client loads the middleware on its first request: one client per setting.
    client = Client()
    with_redirects = [count_queries(client, u, s) for u, s in zip(urls, statuses, strict=True)]
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]
    client = Client()
    without = [count_queries(client, u, s) for u, s in zip(urls, statuses, strict=True)]

    assert with_redirects[:7] == without[:7]
    assert with_redirects[7] == without[7] + 1


def test_site_domain_follows_the_setting_on_migrate(settings):
    settings.SITE_DOMAIN = "record.example.org"

    call_command("migrate", verbosity=0)

    assert Site.objects.get_current().domain == "record.example.org"
    assert Site.objects.get().pk == django_settings.SITE_ID


def test_admin_view_on_site_goes_to_the_site_domain(admin_client):
    event = factories.EventFactory(slug="kunming")
    content_type = ContentType.objects.get_for_model(Event)

    response = admin_client.get(reverse("admin:view_on_site", args=[content_type.pk, event.pk]))

    assert response.status_code == 302
    assert response["Location"] == f"http://{Site.objects.get_current().domain}/en/events/kunming/"
    assert Site.objects.get_current().domain == django_settings.SITE_DOMAIN
