"""The DCAT-AP catalogue (/dati/catalog.ttl, /dati/catalog.jsonld), read back with rdflib as a harvester would."""

from urllib.parse import urlsplit

from django.test import TestCase, override_settings
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from opendata import catalogue
from opendata.exports import EXPORTS
from opendata.testing import make_world

SITE = "https://portal.example.invalid"
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
EU = "http://publications.europa.eu/resource/authority/"


@override_settings(PAGE_CACHE_ENABLED=False, SITE_URL=SITE)
class CatalogueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_world()

    def graph(self, path: str, fmt: str, licence: URIRef = CC_BY) -> Graph:
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Link"], f'<{licence}>; rel="license"')
        return Graph().parse(data=response.content, format=fmt)

    def test_turtle_and_json_ld_say_the_same(self):
        turtle = self.graph("/dati/catalog.ttl", "turtle")
        jsonld = self.graph("/dati/catalog.jsonld", "json-ld")
        self.assertGreater(len(turtle), 500)
        self.assertEqual(len(turtle), len(jsonld))
        self.assertEqual(
            set(turtle.subjects(ns.RDF.type, ns.DCAT.Dataset)), set(jsonld.subjects(ns.RDF.type, ns.DCAT.Dataset))
        )

    def test_the_catalogue_names_publisher_licence_languages_and_every_dataset(self):
        graph = self.graph("/dati/catalog.ttl", "turtle")
        (catalogue,) = graph.subjects(ns.RDF.type, ns.DCAT.Catalog)
        self.assertEqual(graph.value(catalogue, ns.DCTERMS.license), CC_BY)
        self.assertEqual(graph.value(catalogue, ns.FOAF.homepage), URIRef(f"{SITE}/dati/"))
        publisher = graph.value(catalogue, ns.DCTERMS.publisher)
        self.assertEqual(graph.value(publisher, ns.FOAF.name), Literal("Valsts kanceleja"))
        self.assertEqual(
            set(graph.objects(catalogue, ns.DCTERMS.language)),
            {URIRef(EU + "language/LAV"), URIRef(EU + "language/ENG")},
        )
        titles = {literal.language for literal in graph.objects(catalogue, ns.DCTERMS.title)}
        self.assertEqual(titles, {"lv", "en"})
        identifiers = {str(graph.value(d, ns.DCTERMS.identifier)) for d in graph.objects(catalogue, ns.DCAT.dataset)}
        self.assertEqual(identifiers, set(EXPORTS))

    def test_each_dataset_is_described_in_both_languages(self):
        graph = self.graph("/dati/catalog.ttl", "turtle")
        dataset = URIRef(f"{SITE}/dati/#dataset-measures")
        titles = {literal.language: str(literal) for literal in graph.objects(dataset, ns.DCTERMS.title)}
        self.assertEqual(titles, {"lv": "Pasākumi", "en": "Measures"})
        self.assertEqual({lit.language for lit in graph.objects(dataset, ns.DCTERMS.description)}, {"lv", "en"})
        self.assertEqual(graph.value(dataset, ns.DCAT.theme), URIRef(EU + "data-theme/GOVE"))
        self.assertIn(Literal("open government", lang="en"), set(graph.objects(dataset, ns.DCAT.keyword)))
        self.assertIsNotNone(graph.value(dataset, ns.DCTERMS.modified))
        contact = graph.value(dataset, ns.DCAT.contactPoint)
        self.assertEqual(graph.value(contact, catalogue.VCARD.fn), Literal("Valsts kanceleja"))
        self.assertIsNone(graph.value(contact, catalogue.VCARD.hasEmail), "no e-mail is invented")

    @override_settings(OPENDATA_CONTACT_EMAIL="dati@example.invalid")
    def test_the_contact_e_mail_is_a_setting(self):
        graph = self.graph("/dati/catalog.ttl", "turtle")
        contact = graph.value(URIRef(f"{SITE}/dati/#dataset-plans"), ns.DCAT.contactPoint)
        self.assertEqual(graph.value(contact, catalogue.VCARD.hasEmail), URIRef("mailto:dati@example.invalid"))

    def test_every_distribution_answers_with_its_format_and_licence(self):
        graph = self.graph("/en/dati/catalog.jsonld", "json-ld")
        distributions = set(graph.subjects(ns.RDF.type, ns.DCAT.Distribution))
        self.assertEqual(len(distributions), len(EXPORTS) * 3 * 2)  # three formats, two languages
        formats = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}
        for distribution in distributions:
            url = graph.value(distribution, ns.DCAT.downloadURL)
            self.assertEqual(graph.value(distribution, ns.DCAT.accessURL), url)
            self.assertEqual(graph.value(distribution, ns.DCTERMS.license), CC_BY)
            extension = str(url).rsplit(".", 1)[1]
            self.assertEqual(
                graph.value(distribution, ns.DCTERMS.format), URIRef(EU + "file-type/" + formats[extension])
            )
            self.assertIsNotNone(graph.value(distribution, ns.DCAT.mediaType))
            with self.subTest(url=str(url)):
                self.assertTrue(str(url).startswith(SITE))
                response = self.client.get(urlsplit(str(url)).path)
                self.assertEqual(response.status_code, 200)
                self.assertIn(
                    str(graph.value(distribution, ns.DCAT.mediaType)).split("media-types/")[1], response["Content-Type"]
                )

    @override_settings(
        OPENDATA_LICENCE_ID="CC0-1.0", OPENDATA_LICENCE_URL="https://creativecommons.org/publicdomain/zero/1.0/"
    )
    def test_the_licence_follows_the_setting(self):
        graph = self.graph("/dati/catalog.ttl", "turtle", URIRef("https://creativecommons.org/publicdomain/zero/1.0/"))
        (catalogue,) = graph.subjects(ns.RDF.type, ns.DCAT.Catalog)
        self.assertEqual(
            graph.value(catalogue, ns.DCTERMS.license), URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
        )

    def test_the_catalogue_takes_one_query_per_dataset_whatever_the_data(self):
        with self.assertNumQueries(len(EXPORTS)):
            self.client.get("/dati/catalog.ttl")
        make_world(n_measures=4)
        with self.assertNumQueries(len(EXPORTS)):
            self.client.get("/dati/catalog.ttl")
        with self.assertNumQueries(0):
            self.client.get("/dati/datapackage.json")
