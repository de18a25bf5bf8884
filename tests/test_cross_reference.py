"""The cross-reference pages on the real notes, and on a vault that grows."""
from __future__ import annotations

import re

import pytest

from sitebuild import ROOT, article, build, make_project, unresolved_links
from vaultlib.xref.glossary import expansion_of

REQUIRED_SERVICES = [
    "EC2", "EC2 Auto Scaling", "ECS", "EKS", "Lambda", "Fargate", "RDS", "Aurora", "DynamoDB", "DocumentDB",
    "MemoryDB for Redis", "Database Migration Service", "Snow Family", "DataSync", "Schema Conversion Tool",
    "VPC", "PrivateLink", "VPN", "Direct Connect", "Route 53", "CloudFront", "S3", "EBS", "EFS", "ElastiCache",
    "AWS Backup", "Translate", "Polly", "Lex", "Comprehend", "Forecast", "Rekognition", "CodeGuru",
    "SageMaker", "CodeWhisperer", "Athena", "QuickSight", "Kinesis", "Redshift", "Macie", "Glue",
    "EventBridge", "SQS", "SNS", "Connect", "SES", "CodePipeline", "CodeCommit", "IoT Core", "Braket",
    "Session Manager", "EC2 Instance Connect",
]


def entries(site) -> dict[str, object]:
    page = article(site / "reference" / "services" / "index.html")
    return {" ".join(h3.get_text().replace("¶", "").split()): h3 for h3 in page.select("h3")}


def test_every_required_service_is_one_entry(real_site):
    names = list(entries(real_site))
    for service in REQUIRED_SERVICES:
        matching = [n for n in names if re.search(rf"(?<![\w-]){re.escape(service)}(?![\w-])", n)]
        assert matching, service
    for variant in ("Amazon ElasticCache", "MxNet", "Amazon VPC", "Amazon connect"):
        assert variant not in names, f"{variant} should join its entry"
    assert "Amazon ElastiCache" in names and "Amazon Virtual Private Cloud (VPC)" in names
    assert sum("Glue" in n for n in names) == 1 and sum("Athena" in n for n in names) == 1


def test_entries_link_to_definition_and_mentions(real_site):
    s3 = entries(real_site)["Amazon S3"]
    block = []
    for sibling in s3.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        block.append(sibling)
    text = " ".join(b.get_text(" ") for b in block)
    assert text.startswith("A highly scalable and durable object storage service offered by AWS")
    hrefs = [a["href"] for b in block for a in b.select("a[href]")]
    assert "../../mastering-aws-storage-solutions/#amazon-s3" in hrefs
    assert "../../ai-ml-services-and-machine-learning-process/#sampel-ml-pipeline" in hrefs
    assert "../../analytics-and-bi-services/#creating-end-to-end-data-workflow" in hrefs


@pytest.mark.parametrize("page, section", [
    ("ai-ml-services-and-machine-learning-process", "sampel-ml-pipeline"),
    ("analytics-and-bi-services", "creating-end-to-end-data-workflow"),
])
def test_first_mention_in_a_section_links_to_the_definition(real_site, page, section):
    content = article(real_site / page / "index.html")
    heading = content.find(id=section)
    links = []
    for sibling in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name):
            break
        links += [a for a in sibling.select("a[href]") if "mastering-aws-storage-solutions/#amazon-s3" in a["href"]]
    assert len(links) == 1 and links[0].get_text() == "S3"


def test_mentions_are_not_linked_in_headings_or_code(real_site):
    for page in real_site.glob("*/index.html"):
        content = article(page)
        assert not content.select("h1 a:not(.headerlink), h2 a:not(.headerlink), h3 a:not(.headerlink), "
                                  "h4 a:not(.headerlink), code a")


def test_use_case_finder(real_site):
    rows = [[" ".join(td.get_text().split()) for td in tr.select("td")]
            for tr in article(real_site / "reference" / "use-cases" / "index.html").select("tbody tr")]
    fits = {row[0]: row[1] for row in rows}
    assert fits["Deep learning"] == "Accelerated computing instances"
    assert fits["Chatbots and voice assistants"] == "serverless compute"
    assert fits["Caching frequently accessed data"] == "Memory-based databases"
    lists = {(row[1], row[2]) for row in rows}
    assert 18 <= len(lists) <= 24 and len(rows) >= 40


def test_glossary_has_every_form_and_tooltips(real_site):
    rows = {tr.select("td")[0].get_text(): tr.select("td")[1].get_text()
            for tr in article(real_site / "reference" / "glossary" / "index.html").select("tbody tr")}
    assert rows["EC2"] == "Elastic Compute Cloud"  # "Amazon Elastic Compute Cloud, or EC2" and "(EC2)"
    assert rows["IAM"] == "Identity and Access Management"  # IAM(Identity and Access Management)
    assert rows["ECS"] == "Elastic Container Service"  # ( Elastic Container Service) with its stray space
    assert rows["RDS"] == "Relational Database Service"  # ACR (Full Name)
    assert rows["DNS"] == "Domain Name System"  # DNS, or Domain Name System
    assert rows["AMI"] == "Amazon Machine Image"
    page = article(real_site / "serverless-compute" / "index.html")
    assert page.select_one('abbr[title="Elastic Compute Cloud"]').get_text() == "EC2"


def test_figures_page_lists_every_embed(real_site):
    page = article(real_site / "reference" / "figures" / "index.html")
    rows = page.select("tbody tr")
    assert len(rows) == 87
    assert sum(1 for tr in rows if tr.select("td")[2].get_text() == "missing") == 87
    assert "87 are not in the vault yet" in page.get_text()
    assert len(page.select("h2")) == 10


def test_backlinks_end_each_referenced_note(real_site):
    block = article(real_site / "mastering-aws-storage-solutions" / "index.html").select_one(".vault-backlinks")
    text = " ".join(block.get_text().split())
    assert "Referenced from" in text
    assert "AI & ML services and Machine Learning Process › Sampel ML Pipeline — mentions Amazon S3" in text


def test_generated_pages_link_only_to_existing_anchors(real_site):
    assert unresolved_links(real_site) == []


def test_expansion_rules():
    assert expansion_of("DBaas", "Introduction to Database as a Service") == "Database as a Service"
    assert expansion_of("ACLs", "network access control lists") == "access control lists"
    assert expansion_of("EC2", "Amazon Elastic Compute Cloud") == "Elastic Compute Cloud"
    assert expansion_of("S3", "some words here") is None


def test_a_new_note_updates_the_pages(tmp_path):
    notes = {
        "Queues.md": "# Queues\n## Amazon Widget Queue\n- Amazon Widget Queue moves widgets between services.\n"
                     "- Use cases:\n\t- Smoothing widget bursts\n",
        "Other.md": "# Other\nWe put the parts in Amazon Widget Queue (AWQ) first.\n",
        "Evil.md": "# Heading <script>alert(1)</script>\n## Amazon <b>Bold</b> Service\ntext\n",
    }
    project = make_project(tmp_path, notes)
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert "Amazon Widget Queue (AWQ)" in entries(site)
    cases = article(site / "reference" / "use-cases" / "index.html").get_text()
    assert "Smoothing widget bursts" in cases and "Amazon Widget Queue" in cases
    other = article(site / "other" / "index.html")
    assert other.select_one("a[href='../queues/#amazon-widget-queue']").get_text() == "Amazon Widget Queue"
    for page in site.rglob("*.html"):
        html = page.read_text()
        assert "<script>alert(1)" not in html, page
    assert "<script>alert(1)" not in (site / "search" / "search_index.json").read_text()
