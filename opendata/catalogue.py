"""The DCAT-AP catalogue of the datasets (/dati/catalog.ttl, /dati/catalog.jsonld), for CKAN's ckanext-dcat.

One rdflib graph, serialised as Turtle and as JSON-LD. Each dataset is described
in both languages (language-tagged literals) with one distribution per format and
language: the very download addresses the open-data page links to.
"""

from django.urls import reverse
from django.utils import translation
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from . import conf
from .exports import EXPORTS, FORMATS
from .package import DESCRIPTION, TITLE, dataset_modified

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEME_GOVERNMENT = URIRef(EU + "data-theme/GOVE")
LANGUAGES = {"lv": URIRef(EU + "language/LAV"), "en": URIRef(EU + "language/ENG")}
FILE_TYPES = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
KEYWORDS = {
    "lv": ("atvērtā pārvaldība", "Atvērtās pārvaldības partnerība", "rīcības plāns"),
    "en": ("open government", "Open Government Partnership", "action plan"),
}


def _in_both(text) -> list[Literal]:
    """A lazy translation as two language-tagged literals."""
    literals = []
    for language in LANGUAGES:
        with translation.override(language):
            literals.append(Literal(str(text), lang=language))
    return literals


def _url(name: str, language: str, **kwargs) -> URIRef:
    with translation.override(language):
        return URIRef(conf.site_url() + reverse(name, kwargs=kwargs))


def catalogue_graph() -> Graph:
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    licence = URIRef(conf.licence().url) if conf.licence().url else None
    home = _url("opendata:index", "lv")
    catalogue = URIRef(home + "#catalog")
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    for literal in _in_both(TITLE):
        graph.add((catalogue, DCTERMS.title, literal))
    for literal in _in_both(DESCRIPTION):
        graph.add((catalogue, DCTERMS.description, literal))
    publisher = _publisher(graph)
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, FOAF.homepage, home))
    for language in LANGUAGES.values():
        graph.add((catalogue, DCTERMS.language, language))
    if licence is not None:
        graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
        graph.add((catalogue, DCTERMS.license, licence))
    contact = _contact_point(graph)
    for identifier, export_class in EXPORTS.items():
        dataset = URIRef(f"{home}#dataset-{identifier}")
        graph.add((catalogue, DCAT.dataset, dataset))
        _describe_dataset(graph, dataset, identifier, export_class, publisher=publisher, contact=contact)
        for language in LANGUAGES:
            for fmt in FORMATS:
                _add_distribution(graph, dataset, identifier, fmt, language, licence)
    return graph


def _publisher(graph: Graph) -> BNode:
    agent = BNode("publisher")
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, Literal(conf.publisher())))
    return agent


def _contact_point(graph: Graph) -> BNode:
    """The publisher as the contact; its e-mail only when the deployment gives one (OPENDATA_CONTACT_EMAIL)."""
    contact = BNode("contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(conf.publisher())))
    if email := conf.contact_email():
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))
    return contact


def _describe_dataset(graph: Graph, dataset: URIRef, identifier: str, export_class, *, publisher, contact) -> None:
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.identifier, Literal(identifier)))
    for literal in _in_both(export_class.verbose_name):
        graph.add((dataset, DCTERMS.title, literal))
    for literal in _in_both(export_class.description):
        graph.add((dataset, DCTERMS.description, literal))
    for language, words in KEYWORDS.items():
        for word in words:
            graph.add((dataset, DCAT.keyword, Literal(word, lang=language)))
    graph.add((dataset, DCAT.theme, THEME_GOVERNMENT))
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((dataset, DCAT.contactPoint, contact))
    graph.add((dataset, DCAT.landingPage, _url("opendata:index", "lv")))
    for language in LANGUAGES.values():
        graph.add((dataset, DCTERMS.language, language))
    modified = dataset_modified(export_class)
    if modified is not None:
        graph.add((dataset, DCTERMS.modified, Literal(modified.isoformat(timespec="seconds"), datatype=XSD.dateTime)))


def _add_distribution(graph: Graph, dataset, identifier: str, fmt: str, language: str, licence) -> None:
    url = _url("opendata:download", language, dataset=identifier, fmt=fmt)
    distribution = url  # the download address names the distribution
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    with translation.override(language):
        title = f"{EXPORTS[identifier].verbose_name} ({FORMATS[fmt].label})"
    graph.add((distribution, DCTERMS.title, Literal(title, lang=language)))
    graph.add((distribution, DCAT.accessURL, url))
    graph.add((distribution, DCAT.downloadURL, url))
    graph.add((distribution, DCTERMS.format, URIRef(EU + "file-type/" + FILE_TYPES[fmt])))
    graph.add(
        (distribution, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + MEDIA_TYPES[fmt]))
    )
    graph.add((distribution, DCTERMS.language, LANGUAGES[language]))
    if licence is not None:
        graph.add((distribution, DCTERMS.license, licence))


CONTEXT = {"dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD), "xsd": str(XSD)}


def catalogue_turtle() -> bytes:
    return catalogue_graph().serialize(format="turtle", encoding="utf-8")


def catalogue_jsonld() -> bytes:
    return catalogue_graph().serialize(format="json-ld", context=CONTEXT, indent=1, encoding="utf-8")
