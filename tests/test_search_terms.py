"""The search tables built from the cross-reference model (hooks/vaultlib/search_terms.py)."""
from __future__ import annotations

from vaultlib.browser.search_tables import search_tables, section_keywords, spellings, synonym_groups, words
from vaultlib.xref.glossary import Acronym
from vaultlib.xref.model import CrossReference
from vaultlib.xref.terms import Place, Term, TermRules

RULES = TermRules(prefixes=("Amazon", "AWS"), aliases=(("Amazon ElastiCache", ("Amazon ElasticCache", "ElasticCache")),))


def model() -> CrossReference:
    ec2 = Term("elastic compute cloud", "Amazon Elastic Compute Cloud", acronym="EC2",
               names={"Amazon Elastic Compute Cloud", "Amazon EC2", "EC2"},
               definition=Place("ec2.md", "amazon-elastic-compute-cloud-ec2", 4, "Amazon Elastic Compute Cloud (EC2)"))
    cache = Term("elasticache", "Amazon ElastiCache", names={"Amazon ElasticCache", "ElasticCache"},
                 definition=Place("storage.md", "amazon-elasticcache", 81, "Amazon ElasticCache"))
    route = Term("route 53", "Amazon Route 53", names={"Amazon Route 53"},
                 definition=Place("network.md", "amazon-route-53", 88, "Amazon Route 53"))
    unpublished = Term("braket", "Amazon Braket", names={"Amazon Braket"},
                       definition=Place("gone.md", "amazon-braket", 1, "Amazon Braket"))
    acronyms = {"EC2": Acronym("EC2", "Elastic Compute Cloud", "ec2.md", "amazon-elastic-compute-cloud-ec2", 5),
                "DNS": Acronym("DNS", "Domain Name System", "network.md", "dns-internets-address-book", 86)}
    return CrossReference(terms=[ec2, cache, route, unpublished], acronyms=acronyms)


def url(note_path: str, anchor: str) -> str | None:
    pages = {"ec2.md": "ec2/", "storage.md": "storage/", "network.md": "network/"}
    return f"{pages[note_path]}#{anchor}" if note_path in pages else None


def group_with(groups: list[list[str]], phrase: str) -> list[str]:
    found = [g for g in groups if phrase in g]
    assert len(found) == 1, (phrase, groups)
    return found[0]


def test_words_are_cut_as_the_worker_cuts_them():
    assert words("Amazon Route 53 (DNS), EC2-hosted") == "amazon route 53 dns ec2 hosted"
    assert words("Équipe Überblick") == "équipe überblick"


def test_spellings_join_and_split_names_but_not_acronyms():
    assert spellings("DynamoDB") == {"dynamodb", "dynamo db"}
    assert spellings("Route 53") == {"route 53", "route53"}
    assert spellings("ACLs") == {"acls"}
    assert spellings("IoT Core") == {"iot core", "iotcore"}


def test_an_acronym_and_its_expansion_are_one_group_merged_with_the_term():
    groups = synonym_groups(model(), RULES)
    ec2 = group_with(groups, "ec2")
    assert "elastic compute cloud" in ec2
    assert group_with(groups, "elastic compute cloud") is ec2  # both ways: one group
    assert {"dns", "domain name system"} <= set(group_with(groups, "domain name system"))


def test_spelling_variants_of_a_term_find_each_other():
    groups = synonym_groups(model(), RULES)
    assert {"elasticache", "elasticcache", "elastic cache"} <= set(group_with(groups, "elasticache"))
    assert {"route 53", "route53"} <= set(group_with(groups, "route53"))
    assert all("amazon" not in phrase.split() for group in groups for phrase in group)  # prefixes are stripped


def test_a_name_with_one_spelling_makes_no_group():
    assert not [g for g in synonym_groups(model(), RULES) if "braket" in g]


def test_sections_get_the_names_they_define_and_unpublished_notes_are_left_out():
    keywords = section_keywords(model(), url)
    assert set(keywords) == {"ec2/#amazon-elastic-compute-cloud-ec2", "storage/#amazon-elasticcache",
                             "network/#amazon-route-53", "network/#dns-internets-address-book"}
    ec2 = keywords["ec2/#amazon-elastic-compute-cloud-ec2"]
    assert "elastic compute cloud" in ec2 and "ec2" in ec2.split()
    assert ec2.count("amazon elastic compute cloud") == 1  # each name once
    assert keywords["network/#dns-internets-address-book"] == "dns domain name system"


def test_tables_are_what_the_index_carries():
    tables = search_tables(model(), RULES, url)
    assert set(tables) == {"synonyms", "keywords"}
    assert tables == search_tables(model(), RULES, url)  # stable: same model, same tables


def test_a_joined_word_inside_a_longer_name_is_found_split():
    memory = Term("memorydb for redis", "MemoryDB for Redis", names={"MemoryDB for Redis"},
                 definition=Place("db.md", "memorydb-for-redis", 65, "MemoryDB for Redis"))
    groups = synonym_groups(CrossReference(terms=[memory]), RULES)
    assert {"memorydb", "memory db"} <= set(group_with(groups, "memory db"))
