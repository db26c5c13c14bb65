#!/usr/bin/env python3
"""Validates the hard search evaluation set (shards.json, queries.json next to this file) and prints
how much of each question's wording appears in its answer (standard library only, runs in well
under a second).

Checks (any failure makes the exit status 1):
- both files parse; shard keys and question ids are unique and keys start with "h-";
- shard types are the seven CRM types, and every structuredData field name is one the original
  set (../shards.json) uses for that type; every record has 40-120 words of unstructuredData.text;
- the schema constraints this data could break (label fields, ISO dates, currency codes,
  probability range, contact email shape, meeting end after start); every accountKey names a
  c_account;
- every relevant and distractor key exists, no key is both, each question has 1-2 relevant keys
  and at least 2 distractors;
- at least 260 records, 75 questions, 35 companies each with an account and at least 4 further
  records naming it, and the kinds detail / contrast / paraphrase only;
- a question that names a company has a distractor naming the same company.

Overlap: a question's content words are its words, lowercased, without stopwords and without the
words of any company name, lightly stemmed (possessive, -s, -es, -ed, -ing). Its overlap is the
share of those that also occur (same stem) in the answer's text (all structuredData strings plus
unstructuredData.text). Printed per question with the best distractor's share for comparison,
then the average and the maximum; the target is an average below 0.25.
"""
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = ["c_account", "c_contact", "c_opportunity", "c_note", "c_email", "c_call", "c_meeting"]
KINDS = ["detail", "contrast", "paraphrase"]
TARGET = 0.25

STOPWORDS = set("""
a about above after again against all am an and any are aren't as at be because been before being below between
both but by can cannot could couldn't did didn't do does doesn't doing don't down during each few for from further
had hadn't has hasn't have haven't having he her here hers herself him himself his how i if in into is isn't it its
itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same
she should shouldn't so some such than that the their theirs them themselves then there these they this those
through to too under until up very was wasn't we were weren't what when where which while who whom whose why will
with won't would wouldn't you your yours yourself yourselves s t d ll m re ve y
also although even ever get gets got getting may might must much many shall since still though us yet
""".split())
SUFFIXES = ("ing", "es", "ed", "s")


def words(text):
    return re.findall(r"[^\W_]+", text.lower().replace("\u2019", "'").replace("'s ", " ").replace("'s", ""))


def stem(word):
    if len(word) > 4:
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[:-len(suffix)]
    return word


def record_text(shard):
    parts = []

    def walk(value):
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
    walk(shard.get("structuredData") or {})
    parts.append((shard.get("unstructuredData") or {}).get("text", ""))
    return " ".join(parts)


def field_problems(shard):
    """The constraints of the system shard types' schemas that this data could plausibly break."""
    data, out = shard.get("structuredData") or {}, []

    def moment(field, date_only=False):
        value = data.get(field)
        try:
            return (datetime.date.fromisoformat(value) if date_only
                    else datetime.datetime.fromisoformat(value.replace("Z", "+00:00")))
        except (TypeError, ValueError, AttributeError):
            out.append(f"{field} {value!r} is not an ISO {'date' if date_only else 'date-time'}")
    kind = shard.get("shardType")
    label = {"c_account": "name", "c_contact": "lastName", "c_opportunity": "name", "c_note": "title",
             "c_email": "subject", "c_call": "subject", "c_meeting": "subject"}.get(kind)
    if label and not data.get(label):
        out.append(f"missing {label}")
    if kind == "c_opportunity":
        if not re.fullmatch(r"[A-Z]{3}", str(data.get("currency"))):
            out.append(f"currency {data.get('currency')!r}")
        if not 0 <= data.get("probability", -1) <= 100 or data.get("amount", -1) < 0:
            out.append("probability or amount out of range")
        moment("closeDate", date_only=True)
    elif kind == "c_contact" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", data.get("email", "")):
        out.append(f"email {data.get('email')!r}")
    elif kind == "c_email":
        moment("sentAt")
    elif kind == "c_call":
        moment("occurredAt")
        if not isinstance(data.get("durationSeconds"), int):
            out.append("durationSeconds is not an integer")
    elif kind == "c_meeting":
        starts, ends = moment("startsAt"), moment("endsAt")
        if starts and ends and ends <= starts:
            out.append("meeting ends before it starts")
    return out


def main():
    problems = []
    with open(os.path.join(HERE, "shards.json")) as f:
        shards = json.load(f)
    with open(os.path.join(HERE, "queries.json")) as f:
        queries = json.load(f)
    original_fields = {}
    original = os.path.join(HERE, "..", "shards.json")
    if os.path.exists(original):
        with open(original) as f:
            for entry in json.load(f):
                original_fields.setdefault(entry["shard"]["shardType"], set()).update(entry["shard"].get("structuredData", {}))

    by_key = {}
    for entry in shards:
        key = entry.get("key", "")
        if key in by_key:
            problems.append(f"duplicate key {key}")
        if not key.startswith("h-"):
            problems.append(f"key {key} does not start with h-")
        by_key[key] = entry
        shard = entry["shard"]
        if shard.get("shardType") not in TYPES:
            problems.append(f"{key}: unexpected shardType {shard.get('shardType')}")
        unknown = set(shard.get("structuredData", {})) - original_fields.get(shard.get("shardType"), set())
        if original_fields and unknown:
            problems.append(f"{key}: structuredData fields not used by the original set: {sorted(unknown)}")
        n = len((shard.get("unstructuredData") or {}).get("text", "").split())
        if not 40 <= n <= 120:
            problems.append(f"{key}: {n} words of text (want 40-120)")
    for entry in shards:
        problems.extend(f"{entry.get('key')}: {p}" for p in field_problems(entry["shard"]))
        if "accountKey" in entry:
            target = by_key.get(entry["accountKey"])
            if not target or target["shard"]["shardType"] != "c_account":
                problems.append(f"{entry['key']}: accountKey {entry['accountKey']} is not an account")

    texts = {key: record_text(e["shard"]) for key, e in by_key.items()}
    accounts = [e for e in shards if e["shard"]["shardType"] == "c_account"]
    companies = {}   # account key -> (full name, distinctive first word)
    for a in accounts:
        name = a["shard"]["structuredData"]["name"]
        companies[a["key"]] = (name, name.split()[0])
    name_stems = {stem(w) for name, _ in companies.values() for w in words(name)}
    mentions = {}
    for akey, (name, first) in companies.items():
        pattern = re.compile(r"\b" + re.escape(first) + r"\b", re.I)
        mentions[akey] = {k for k, t in texts.items() if pattern.search(t)}
        linked = {e["key"] for e in shards if e.get("accountKey") == akey}
        others = (mentions[akey] | linked) - {akey}
        if len(others) < 4:
            problems.append(f"{name}: only {len(others)} records besides the account name it")

    ids = set()
    shares, rows = [], []
    named = 0
    for q in queries:
        qid = q.get("id")
        if qid in ids:
            problems.append(f"duplicate question id {qid}")
        ids.add(qid)
        if q.get("kind") not in KINDS:
            problems.append(f"{qid}: unexpected kind {q.get('kind')}")
        relevant, distractors = q.get("relevant", []), q.get("distractors", [])
        for key in relevant + distractors:
            if key not in by_key:
                problems.append(f"{qid}: unknown key {key}")
        if not 1 <= len(relevant) <= 2:
            problems.append(f"{qid}: {len(relevant)} relevant keys")
        if len(distractors) < 2:
            problems.append(f"{qid}: only {len(distractors)} distractors")
        if set(relevant) & set(distractors):
            problems.append(f"{qid}: a key is both relevant and a distractor")
        in_question = [akey for akey, (_, first) in companies.items()
                       if re.search(r"\b" + re.escape(first) + r"\b", q["query"], re.I)]
        if in_question:
            named += 1
            for akey in in_question:
                if not any(d in mentions[akey] or by_key.get(d, {}).get("accountKey") == akey for d in distractors):
                    problems.append(f"{qid}: names {companies[akey][0]} but no distractor is about it")
        content = {stem(w) for w in words(q["query"]) if w not in STOPWORDS} - name_stems
        if not content:
            problems.append(f"{qid}: no content words")
            continue

        def share(key):
            if key not in texts:
                return 0.0
            have = {stem(w) for w in words(texts[key])}
            return len(content & have) / len(content)
        answer = max(share(k) for k in relevant) if relevant else 0.0
        best_distractor = max((share(k) for k in distractors), default=0.0)
        shares.append(answer)
        rows.append((qid, q["kind"], answer, best_distractor, len(content), q["query"]))

    kinds = {k: sum(q.get("kind") == k for q in queries) for k in KINDS}
    answers = {k for q in queries for k in q.get("relevant", [])}
    types = {t: sum(e["shard"]["shardType"] == t for e in shards) for t in TYPES}
    print(f"records: {len(shards)} ({', '.join(f'{t[2:]} {n}' for t, n in types.items())})")
    print(f"companies: {len(companies)}; records naming each besides its account: "
          f"min {min(len((mentions[a] | {e['key'] for e in shards if e.get('accountKey') == a}) - {a}) for a in companies)}, "
          f"max {max(len((mentions[a] | {e['key'] for e in shards if e.get('accountKey') == a}) - {a}) for a in companies)}")
    print(f"questions: {len(queries)} ({', '.join(f'{k} {n}' for k, n in kinds.items())}); "
          f"{named} name a company ({named / max(len(queries), 1):.0%})")
    distractor_keys = {k for q in queries for k in q.get("distractors", [])} - answers
    pure = len(shards) - len(answers) - len(distractor_keys)
    print(f"records that answer some question: {len(answers)}; no answer: {len(shards) - len(answers)} "
          f"({(len(shards) - len(answers)) / len(shards):.0%}), of which {len(distractor_keys)} are distractors only "
          f"and {pure} ({pure / len(shards):.0%}) are neither answer nor distractor")
    print()
    print("id   kind        answer  best-distractor  words  question")
    for qid, kind, answer, distractor, n, query in rows:
        print(f"{qid:<4} {kind:<10} {answer:6.2f}  {distractor:15.2f}  {n:5d}  {query}")
    average = sum(shares) / len(shares) if shares else 0.0
    maximum = max(shares) if shares else 0.0
    above = sum(1 for r in rows if r[3] >= r[2])
    print()
    print(f"overlap with the answer: average {average:.3f}, max {maximum:.3f} (target: average below {TARGET})")
    print("by kind: " + ", ".join(f"{k} {sum(r[2] for r in rows if r[1] == k) / max(1, sum(r[1] == k for r in rows)):.3f}"
                                  for k in KINDS))
    company_of = {}
    for akey, keys in mentions.items():
        for key in keys | {akey} | {e["key"] for e in shards if e.get("accountKey") == akey}:
            company_of.setdefault(key, set()).add(akey)
    same = other = 0
    for q in queries:
        answer_companies = set().union(*(company_of.get(k, set()) for k in q["relevant"]))
        kinds_of = [bool(company_of.get(d, set()) & answer_companies) for d in q["distractors"]]
        same += any(kinds_of)
        other += not all(kinds_of)
    print(f"questions with a distractor about the answer's company: {same} of {len(queries)}; "
          f"with a distractor about another company: {other} of {len(queries)}")
    print(f"questions whose best distractor shares at least as many of their words as the answer: {above} of {len(rows)}")
    if len(shards) < 260:
        problems.append(f"only {len(shards)} records (want >= 260)")
    if len(queries) < 75:
        problems.append(f"only {len(queries)} questions (want >= 75)")
    if len(companies) < 35:
        problems.append(f"only {len(companies)} companies (want about 40)")
    if average >= TARGET:
        problems.append(f"average overlap {average:.3f} is not below {TARGET}")
    if problems:
        print()
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
