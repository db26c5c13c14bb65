#!/usr/bin/env python3
"""Deterministic generator of business-like CRM text for the search load benchmarks (standard library only).

  gen_corpus.py --chunks 100000 [--seed 7] [--out corpus.jsonl]   writes POST /shards bodies, one per line
  gen_corpus.py --queries 200 [--seed 7]                          writes search queries, one per line

Shards are notes, emails, meetings, calls, documents, accounts and opportunities of fictional
industrial customers, each with 1-8 paragraphs of about 120 words in unstructuredData.text. --chunks is met by counting
chunks the way the server's TextChunker cuts them (150 words, 30 overlapping, at sentence ends);
the runner reports the number of chunks the server really stored. Shard i depends only on
(seed, i), so a run with more chunks starts with the same shards as one with fewer.
"""
import argparse
import json
import re
import random
import sys

COMPANIES = ["Arden", "Bellmont", "Calder", "Dunmore", "Elmstead", "Farrow", "Glenhaven", "Holloway", "Ivybridge",
             "Juniper", "Kingsley", "Larkspur", "Marlow", "Norwood", "Oakhurst", "Penrose", "Quarry Hill", "Rosedale",
             "Sherwood", "Thornbury", "Upton", "Valemont", "Whitlock", "Yardley", "Ashcombe", "Brackenridge"]
SECTORS = [("Foods", "Food Processing"), ("Logistics", "Logistics"), ("Pharma", "Pharmaceuticals"),
           ("Metals", "Manufacturing"), ("Paper", "Pulp & Paper"), ("Energy", "Energy"), ("Water", "Utilities"),
           ("Health", "Healthcare"), ("Mining", "Mining"), ("Plastics", "Manufacturing"), ("Cold Storage", "Warehousing"),
           ("Rail", "Transportation"), ("Chemicals", "Chemicals"), ("Dairy", "Dairy"), ("Brewing", "Food & Beverage")]
CITIES = [("Lyon", "FR"), ("Turin", "IT"), ("Rotterdam", "NL"), ("Gothenburg", "SE"), ("Porto", "PT"), ("Kraków", "PL"),
          ("Leipzig", "DE"), ("Sheffield", "GB"), ("Cork", "IE"), ("Aarhus", "DK"), ("Tampere", "FI"), ("Bilbao", "ES"),
          ("Pittsburgh", "US"), ("Denver", "US"), ("Calgary", "CA"), ("Perth", "AU"), ("Osaka", "JP"), ("Monterrey", "MX")]
PEOPLE = ["Alice Moreau", "Bruno Keller", "Chiara Rossi", "Dmitri Ivanov", "Emma Lindgren", "Farid Nasser", "Greta Holm",
          "Hannah Becker", "Ivan Horvat", "Julia Santos", "Karl Weber", "Lena Novak", "Mateo García", "Nora Olsen",
          "Oscar Duarte", "Pia Jensen", "Rahul Mehta", "Sofia Costa", "Tomasz Wójcik", "Ulla Virtanen", "Victor Lam",
          "Wen Li", "Yara Haddad", "Zoe Turner"]
ROLES = ["maintenance manager", "plant director", "head of quality", "IT security lead", "procurement manager",
         "operations director", "reliability engineer", "warehouse manager", "CFO", "energy manager"]
PRODUCTS = ["GW-7 gateways", "TL-45 temperature loggers", "VS-310 vibration sensors", "Corvane Track tags",
            "Corvane Insights dashboards", "BLE asset tags", "door-open sensors", "energy meters"]
ASSETS = ["compressors", "conveyor bearings", "cold rooms", "forklifts", "pumps", "chillers", "boilers", "mixers",
          "reefer trailers", "roll cages", "transformers", "extruders", "kilns", "ventilation fans"]
PROBLEMS = ["alarms that nobody acknowledges at night", "batteries draining faster than the data sheet promises",
            "gateways dropping off the network after firmware updates", "duplicate readings in the weekly report",
            "a dashboard that takes too long to load on the shop floor tablets", "tags lost when assets leave the yard",
            "false temperature alerts during defrost cycles", "missing data after a power cut",
            "confusion about which site owns which sensors", "invoices that do not match the delivered quantities",
            "slow answers from second-level support", "a security questionnaire with open items",
            "an integration with SAP that posts work orders twice", "poor radio coverage inside steel buildings"]
OUTCOMES = ["unplanned downtime fell by a third", "spoilage claims dropped to nearly zero", "the audit passed without findings",
            "technicians spend less time walking the site", "energy use in the cold rooms went down 12 %",
            "the number of lost assets halved", "maintenance moved from fixed intervals to actual condition"]
STAGES = [("prospecting", 10), ("qualification", 25), ("proposal", 45), ("negotiation", 65), ("closed_won", 100),
          ("closed_lost", 0)]
CURRENCIES = {"FR": "EUR", "IT": "EUR", "NL": "EUR", "SE": "SEK", "PT": "EUR", "PL": "PLN", "DE": "EUR", "GB": "GBP",
              "IE": "EUR", "DK": "DKK", "FI": "EUR", "ES": "EUR", "US": "USD", "CA": "CAD", "AU": "AUD", "JP": "JPY",
              "MX": "MXN"}

SENTENCES = [
    "{person}, the {role} at {company}, explained that {problem} had cost them several hours in {month}.",
    "We agreed to install {n} {product} on the {asset} at the {city} site before the end of {month}.",
    "The team in {city} reported {problem}; our support engineer reproduced it and opened a ticket.",
    "After three months with the {product}, {company} says {outcome}.",
    "{person} wants a proposal that covers {n} sites and includes training for the night shift.",
    "Budget for next year is not yet approved; the {role} expects a decision in {month}.",
    "The {asset} in hall {n} run hotter than the others, and {person} asked for tighter alert thresholds.",
    "Procurement asked for a discount of {pct} % and payment terms of {days} days.",
    "A competitor offered cheaper hardware, but {person} values our analytics and the local service team.",
    "The pilot on {n} {asset} will be reviewed with the {role} in {month}.",
    "Their IT department requires single sign-on and wants the data stored in {region}.",
    "We walked the {city} plant with {person}; the {asset} are spread over {n} buildings with thick concrete walls.",
    "Open question: who at {company} owns the sensors once the project team hands over to operations?",
    "{company} plans to extend the rollout to its {city} warehouse if {outcome2}.",
    "Our field engineer replaced {n} {product} that had failed after water got into the housing.",
    "The monthly report showed {n} alerts on the {asset}, most of them during weekend production.",
    "{person} will present the business case to the board, focusing on how {outcome}.",
    "Action items: send the updated quote, schedule a call with the {role}, and check the firmware version in {city}.",
    "They compared us with two other vendors and liked that the {product} work without mains power.",
    "Legal is reviewing the data processing agreement; the main concern is access by subcontractors.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
REGIONS = ["the EU", "their own data centre", "Germany", "the United States", "Australia", "Canada"]
PARAGRAPH_COUNTS = [1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 8]      # mean 2.9 paragraphs of ~120 words
WORDS_PER_PARAGRAPH = 110


def sentence(rng, company, city):
    return rng.choice(SENTENCES).format(
        person=rng.choice(PEOPLE), role=rng.choice(ROLES), company=company, problem=rng.choice(PROBLEMS),
        month=rng.choice(MONTHS), n=rng.randint(2, 60), product=rng.choice(PRODUCTS), asset=rng.choice(ASSETS),
        city=city, outcome=rng.choice(OUTCOMES), outcome2=rng.choice(OUTCOMES), pct=rng.choice([5, 10, 12, 15, 20, 25]),
        days=rng.choice([30, 45, 60, 90]), region=rng.choice(REGIONS))


def paragraph(rng, company, city):
    words, out = 0, []
    while words < WORDS_PER_PARAGRAPH:
        s = sentence(rng, company, city)
        out.append(s)
        words += len(s.split())
    return " ".join(out)


def chunk_count(text, max_words=150, overlap=30):
    """The number of chunks the server's TextChunker makes of text (castiel.ai.embedding.chunk-words
    and chunk-overlap at their defaults): sentences packed into chunks of at most max_words words,
    each chunk starting with the last overlap words of the one before."""
    chunks, current, fresh = 0, 0, 0
    for sentence in re.split(r"(?<=[.!?;:])\s+|\n\s*\n", text.strip()):
        words = len(sentence.split())
        if not words:
            continue
        if current and current + words > max_words and fresh:
            chunks, current, fresh = chunks + 1, min(current, overlap), 0
        for _ in range(words):
            if current >= max_words:
                chunks, current, fresh = chunks + 1, min(current, overlap), 0
            current, fresh = current + 1, fresh + 1
    return chunks + (1 if fresh else 0) or 1


def estimate_chunks(body):
    """Chunks of the shard: its body is a line of its scalar fields and then the text."""
    fields = "; ".join(f"{k}: {v}" for k, v in body["structuredData"].items() if isinstance(v, (str, int, float)))
    return chunk_count(fields + ".\n\n" + body["unstructuredData"]["text"])


def shard(seed, i):
    """Shard i of the corpus and its estimated number of chunks."""
    rng = random.Random(seed * 1_000_003 + i)
    company_name, (sector, industry) = rng.choice(COMPANIES), rng.choice(SECTORS)
    company = f"{company_name} {sector}"
    city, country = rng.choice(CITIES)
    text = "\n\n".join(paragraph(rng, company, city) for _ in range(rng.choice(PARAGRAPH_COUNTS)))
    kind = rng.random()
    day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind < 0.30:
        body = {"shardType": "c_note", "structuredData": {"title": f"{company}: {rng.choice(ASSETS)} follow-up"}}
    elif kind < 0.50:
        body = {"shardType": "c_email", "structuredData": {
            "subject": f"{rng.choice(['Re: ', 'Fwd: ', ''])}{rng.choice(PRODUCTS)} at {city}",
            "from": f"{rng.choice(PEOPLE).split()[0].lower()}@{company_name.lower().replace(' ', '')}.example.com",
            "to": "sales@corvane.example.com", "sentAt": f"{day}T{rng.randint(6, 19):02d}:{rng.randint(0, 59):02d}:00Z"}}
    elif kind < 0.65:
        body = {"shardType": "c_meeting", "structuredData": {
            "subject": f"{company} {rng.choice(['review', 'workshop', 'site visit', 'kick-off'])}",
            "startsAt": f"{day}T09:00:00Z", "endsAt": f"{day}T10:30:00Z",
            "attendees": rng.sample(PEOPLE, 3)}}
    elif kind < 0.75:
        body = {"shardType": "c_call", "structuredData": {
            "subject": f"Call with {rng.choice(PEOPLE)} ({company})", "durationSeconds": rng.randint(120, 3600),
            "occurredAt": f"{day}T14:00:00Z"}}
    elif kind < 0.85:
        body = {"shardType": "c_document", "structuredData": {
            "title": f"{company} {rng.choice(['site survey', 'proposal', 'rollout plan', 'requirements'])} {day}",
            "mimeType": "text/plain"}}
    elif kind < 0.93:
        body = {"shardType": "c_account", "structuredData": {
            "name": f"{company} {city} {i}", "industry": industry, "country": country,
            "employees": rng.randint(20, 20000)}}
    else:
        stage, probability = rng.choice(STAGES)
        body = {"shardType": "c_opportunity", "structuredData": {
            "name": f"{company} - {rng.choice(PRODUCTS)} {city}", "amount": rng.randint(5, 900) * 1000,
            "currency": CURRENCIES[country], "stage": stage, "probability": probability, "closeDate": day}}
    body["unstructuredData"] = {"text": text}
    return body, estimate_chunks(body)


def corpus(seed, chunks):
    """Yields (index, body, estimated chunks) until the estimate reaches chunks."""
    total, i = 0, 0
    while total < chunks:
        body, n = shard(seed, i)
        yield i, body, n
        total += n
        i += 1


QUERY_TEMPLATES = [
    "which customer had {problem}?", "who complained about {problem}", "{product} in {city}",
    "accounts where {outcome}", "problems with {asset} at night", "{person}", "discount and payment terms for {company}",
    "data residency in {region}", "pilot review with the {role}", "why are the {asset} overheating?",
    "{company} budget decision", "water damage in sensor housing", "who owns the sensors after handover?",
]


def queries(seed, n):
    rng = random.Random(seed + 99)
    out = []
    for _ in range(n):
        company = f"{rng.choice(COMPANIES)} {rng.choice(SECTORS)[0]}"
        out.append(rng.choice(QUERY_TEMPLATES).format(
            problem=rng.choice(PROBLEMS), product=rng.choice(PRODUCTS), city=rng.choice(CITIES)[0],
            outcome=rng.choice(OUTCOMES), asset=rng.choice(ASSETS), person=rng.choice(PEOPLE), company=company,
            region=rng.choice(REGIONS), role=rng.choice(ROLES)))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", type=int)
    parser.add_argument("--queries", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out")
    args = parser.parse_args()
    out = open(args.out, "w") if args.out else sys.stdout
    if args.queries:
        for q in queries(args.seed, args.queries):
            out.write(q + "\n")
        return
    shards = chunks = 0
    for _, body, n in corpus(args.seed, args.chunks or 1000):
        out.write(json.dumps(body, ensure_ascii=False) + "\n")
        shards += 1
        chunks += n
    print(f"{shards} shards, about {chunks} chunks", file=sys.stderr)


if __name__ == "__main__":
    main()
