#!/usr/bin/env python3
"""Writes bench/search/eval/shards.json, the search evaluation corpus (standard library only).

The corpus is the CRM of Corvane, a fictional B2B company that sells asset tracking and
condition monitoring (sensors, gateways, software) to industrial customers. It has two parts:

- STORIES: about a hundred hand-written shards (accounts, contacts, opportunities, meetings,
  notes, emails, calls, products, competitors), each with distinct facts. Every query in
  queries.json points at some of these by key.
- filler(): about 230 shards generated from templates with a fixed seed (other customers, their
  people, deals and routine notes). They share the vocabulary of the stories (sensors, sites,
  renewals, Corvane product names) so that keyword overlap alone does not find the answer, but
  they carry no fact any query asks about: the pools below were checked against queries.json.

Every entry is {"key": "acct-001", "shard": <POST /shards body>}; an opportunity may carry
"accountKey", which eval.py replaces with the account's id (structuredData.accountId) once the
account exists. Run it again after editing: the output is deterministic.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def account(key, name, industry, country, employees, revenue, website, text):
    return {"key": key, "shard": {"shardType": "c_account", "structuredData": {
        "name": name, "industry": industry, "country": country, "employees": employees,
        "annualRevenue": revenue, "website": website}, "unstructuredData": {"text": text}}}


def contact(key, first, last, title, email, phone, text):
    return {"key": key, "shard": {"shardType": "c_contact", "structuredData": {
        "firstName": first, "lastName": last, "name": f"{first} {last}", "title": title, "email": email,
        "phone": phone}, "unstructuredData": {"text": text}}}


def opportunity(key, account_key, name, amount, currency, stage, close, probability, text):
    return {"key": key, "accountKey": account_key, "shard": {"shardType": "c_opportunity", "structuredData": {
        "name": name, "amount": amount, "currency": currency, "stage": stage, "closeDate": close,
        "probability": probability}, "unstructuredData": {"text": text}}}


def meeting(key, subject, starts, ends, attendees, summary, text):
    return {"key": key, "shard": {"shardType": "c_meeting", "structuredData": {
        "subject": subject, "startsAt": starts, "endsAt": ends, "attendees": attendees, "summary": summary},
        "unstructuredData": {"text": text}}}


def note(key, title, body):
    return {"key": key, "shard": {"shardType": "c_note", "structuredData": {"title": title, "body": body}}}


def email(key, subject, sender, to, sent, body):
    return {"key": key, "shard": {"shardType": "c_email", "structuredData": {
        "subject": subject, "from": sender, "to": to, "sentAt": sent, "body": body}}}


def call(key, subject, seconds, occurred, summary):
    return {"key": key, "shard": {"shardType": "c_call", "structuredData": {
        "subject": subject, "durationSeconds": seconds, "occurredAt": occurred, "summary": summary}}}


def product(key, name, sku, price, category, text):
    return {"key": key, "shard": {"shardType": "c_product", "structuredData": {
        "name": name, "sku": sku, "price": price, "category": category}, "unstructuredData": {"text": text}}}


def competitor(key, name, website, strengths, weaknesses, text):
    return {"key": key, "shard": {"shardType": "c_competitor", "structuredData": {
        "name": name, "website": website, "strengths": strengths, "weaknesses": weaknesses},
        "unstructuredData": {"text": text}}}


STORIES = [
    # --- accounts -------------------------------------------------------------------------------
    account("acct-001", "Hallstatt Logistik GmbH", "Logistics", "AT", 1850, 240000000, "https://hallstatt-logistik.example.at",
            "Third-party logistics operator running 14 cross-dock warehouses around Linz and Graz. Corvane Track is "
            "installed on 2,300 forklifts and roll cages. Their recurring pain is pallets that go missing between docks "
            "during the night-shift hand-over. Contract renewal is due in March 2027; the COO insists on payback inside a year."),
    account("acct-002", "Fjordlaks AS", "Aquaculture", "NO", 620, 180000000, "https://fjordlaks.example.no",
            "Salmon farming company with sea pens along the Hardanger fjord and a processing plant in Bergen. They want TL-45 "
            "temperature loggers in the plant to prove an unbroken cold chain to supermarket buyers in France. Very price "
            "sensitive after a season with heavy sea lice losses."),
    account("acct-003", "Brightwater Breweries", "Food & Beverage", "GB", 240, 31000000, "https://brightwater-brewing.example.co.uk",
            "Craft brewing group with four breweries in and around Manchester. Uses Corvane Sense probes on fermentation "
            "vessels and the glycol chillers, with alerts pushed to the brewers' phones. Happy, referenceable customer."),
    account("acct-004", "Ostara Pharma B.V.", "Pharmaceuticals", "NL", 900, 410000000, "https://ostara-pharma.example.nl",
            "Contract manufacturer of vaccines in Leiden. Operates GDP-compliant cold rooms at 2-8 °C and ultra-low freezers. "
            "Nothing goes live before the validation documents (IQ/OQ/PQ) are signed by their quality department."),
    account("acct-005", "Kestrel Mining Ltd", "Mining", "AU", 3100, 1250000000, "https://kestrel-mining.example.com.au",
            "Open-pit gold mine near Kalgoorlie, Western Australia. VS-310 vibration sensors on the primary crusher and the "
            "overland conveyor bearings. Harsh site: red dust, 45 °C summers, no cellular coverage in the pit, so data goes "
            "out over a satellite link."),
    account("acct-006", "Tanaka Precision Components", "Manufacturing", "JP", 1400, 52000000000, "https://tanaka-precision.example.jp",
            "Automotive supplier in Nagoya machining transmission parts on 180 CNC centres. Interested in predictive "
            "maintenance of machine spindles. Hard requirements: everything runs inside the factory network with no cloud "
            "connection, and the operator screens must be in Japanese."),
    account("acct-007", "Cascadia Health Network", "Healthcare", "US", 12000, 2100000000, "https://cascadia-health.example.org",
            "Three hospitals in Portland, Oregon and Vancouver, Washington. Nurses lose up to an hour per shift hunting for "
            "infusion pumps and wheelchairs; biomedical engineering cannot find devices due for preventive maintenance. "
            "Any vendor must pass their information security review and sign a HIPAA business associate agreement."),
    account("acct-008", "Sol Verde Agrícola", "Agriculture", "BR", 780, 96000000, "https://solverde.example.com.br",
            "Orange and lemon grower in the interior of São Paulo state. Wants to watch the irrigation pumps and water "
            "levels of its reservoirs; the groves have no mobile signal, so the design uses long-range LoRaWAN radios."),
    account("acct-009", "Meridian Rail Services", "Transportation", "GB", 2600, 380000000, "https://meridian-rail.example.co.uk",
            "Maintains passenger trains at a depot in Derby. Monitors wheelset bearings and tracks expensive torque tools "
            "across the sheds. The trade union has been wary of anything that could be used to watch staff."),
    account("acct-010", "Polaris Cold Storage Inc.", "Warehousing", "CA", 430, 64000000, "https://polaris-cold.example.ca",
            "Frozen-food warehouses in Winnipeg and Regina kept at -25 °C. Uses TL-45 loggers in the blast freezers and the "
            "reefer docks."),
    account("acct-011", "Nimbus Data Centres", "Data Centers", "IE", 350, 150000000, "https://nimbus-dc.example.ie",
            "Colocation provider with two halls in Dublin. Uses Corvane Sense on the computer room air conditioning units "
            "and the battery rooms; their engineers live in ServiceNow and want everything to land there."),
    account("acct-012", "Alder & Finch Furniture", "Retail", "US", 2900, 610000000, "https://alderandfinch.example.com",
            "Furniture retailer with 60 showrooms in the Midwest and its own fleet of 140 delivery trucks tracked with "
            "Corvane Track. Relationship strained in 2026 by slow support."),
    account("acct-013", "Rhein-Chemie Werke AG", "Chemicals", "DE", 5400, 3300000000, "https://rhein-chemie.example.de",
            "Chemical plant in Ludwigshafen producing solvents and resins. Most process areas are classified hazardous "
            "(ATEX zone 1 and 2), so any device installed there must carry the matching certification."),
    account("acct-014", "Viña Santa Lucía", "Beverage", "CL", 310, 45000000, "https://santalucia-wines.example.cl",
            "Winery in the Colchagua valley ageing red wine in 4,000 oak barrels. Interested in humidity and temperature "
            "sensors for the barrel cellar to reduce evaporation losses."),
    account("acct-015", "Ironbridge Construction", "Construction", "GB", 1100, 290000000, "https://ironbridge-build.example.co.uk",
            "General contractor building schools and hospitals in the West Midlands. Looked at Corvane Track for plant and "
            "power tools on building sites."),
    account("acct-016", "Qadira Airport Services", "Aviation", "AE", 4800, 720000000, "https://qadira-aviation.example.ae",
            "Ground handling company at Dubai International. Operates about 900 baggage tugs, dollies and belt loaders across "
            "three terminals, around the clock; summer apron temperatures exceed 50 °C."),
    account("acct-017", "Lindqvist Bruk AB", "Pulp & Paper", "SE", 1650, 5400000000, "https://lindqvist-bruk.example.se",
            "Family-owned paper mill company with mills in Ortviken and Sundsvall. Ran a six-month VS-310 pilot on paper "
            "machine PM2 rolls in 2026."),
    account("acct-018", "Greenfield Dairy Co-operative", "Dairy", "NZ", 2200, 1900000000, "https://greenfield-dairy.example.co.nz",
            "Farmer-owned dairy co-operative in the Waikato collecting milk with its own fleet of tanker trucks. Uses TL-45 "
            "loggers in the tankers."),
    account("acct-019", "Atlas Municipal Water", "Utilities", "US", 640, 0, "https://atlaswater.example.gov",
            "Public water utility of a city in southern Arizona with 38 pumping stations and four reservoirs. Buys through "
            "formal public tenders; every purchase above 50,000 USD goes to a city council vote."),
    account("acct-020", "Helios Solar Parks S.L.", "Energy", "ES", 190, 88000000, "https://helios-solar.example.es",
            "Operates three photovoltaic plants near Seville, 140 MW in total. Looking for independent monitoring of its "
            "central inverters and transformer stations."),
    # --- contacts ------------------------------------------------------------------------------
    contact("cont-001", "Ingrid", "Halvorsen", "Head of Quality", "ingrid.halvorsen@fjordlaks.example.no", "+47 55 20 14 90",
            "Head of Quality at Fjordlaks and the decision maker for the Bergen cold chain project. A former food-safety "
            "inspector. Prefers a phone call before 9 am; distrusts storing production data with American cloud providers."),
    contact("cont-002", "Markus", "Brandstätter", "Chief Operating Officer", "m.brandstaetter@hallstatt-logistik.example.at", "+43 732 118 400",
            "COO of Hallstatt Logistik, ex-DHL. The economic buyer: signs everything above 100k EUR. Only cares about "
            "payback period and the night-shift pallet losses."),
    contact("cont-003", "Priya", "Raman", "IT Security Director", "priya.raman@cascadia-health.example.org", "+1 503 555 0182",
            "Runs the vendor risk process at Cascadia Health. Asked for our SOC 2 Type II report, a recent penetration test, "
            "and redlines on the BAA. Thorough, fair, slow."),
    contact("cont-004", "Kenji", "Watanabe", "Plant Manager", "k.watanabe@tanaka-precision.example.jp", "+81 52 555 3010",
            "Plant manager at Tanaka's Nagoya works and our champion there. Limited English: meetings go through Aiko Mori, "
            "our sales engineer in Osaka, who translates."),
    contact("cont-005", "Tom", "Okonkwo", "Maintenance Superintendent", "tom.okonkwo@kestrel-mining.example.com.au", "+61 8 9021 5550",
            "Maintenance superintendent at the Kestrel mine and the internal sponsor of the vibration monitoring project. "
            "Announced he will resign at the end of January."),
    contact("cont-006", "Sophie", "Verhoeven", "Validation Lead", "s.verhoeven@ostara-pharma.example.nl", "+31 71 555 2270",
            "Leads computerised system validation at Ostara. Writes the IQ/OQ protocols and needs our audit trail and "
            "electronic signature documentation for 21 CFR Part 11."),
    contact("cont-007", "Gareth", "Pryce", "Head Brewer", "gareth@brightwater-brewing.example.co.uk", "+44 161 555 0123",
            "Head brewer at Brightwater, enthusiastic user of the mobile alerts. Offered to tell his story on stage at our "
            "user conference."),
    contact("cont-008", "Daniela", "Costa", "Procurement Manager", "daniela.costa@solverde.example.com.br", "+55 16 5555 4411",
            "Negotiates all technology purchases at Sol Verde. Tough on payment terms."),
    contact("cont-009", "Liam", "O'Sullivan", "Facilities Engineer", "liam.osullivan@nimbus-dc.example.ie", "+353 1 555 8820",
            "Senior facilities engineer at Nimbus. Technical, reads API documentation before meetings, asks about webhooks "
            "and rate limits."),
    contact("cont-010", "Rachel", "Kim", "VP Operations", "rachel.kim@alderandfinch.example.com", "+1 312 555 0147",
            "VP Operations at Alder & Finch, owns the delivery fleet. Frustrated by support tickets left open for days."),
    contact("cont-011", "Heike", "Vogel", "Process Safety Engineer", "heike.vogel@rhein-chemie.example.de", "+49 621 555 7300",
            "Process safety engineer at Rhein-Chemie who reviews every device that enters the hazardous areas of the plant."),
    contact("cont-012", "Malik", "Haddad", "Director of Ground Operations", "malik.haddad@qadira-aviation.example.ae", "+971 4 555 6100",
            "Director of ground operations at Qadira. Needs dashboards readable in Arabic for shift supervisors."),
    contact("cont-013", "Erik", "Lindqvist", "Chief Executive Officer", "erik.lindqvist@lindqvist-bruk.example.se", "+46 60 555 1900",
            "CEO of Lindqvist Bruk, third generation of the founding family. Personally followed the PM2 pilot."),
    contact("cont-014", "Aroha", "Ngata", "Logistics Coordinator", "aroha.ngata@greenfield-dairy.example.co.nz", "+64 7 555 3380",
            "Coordinates the milk tanker fleet at Greenfield and receives the temperature alerts."),
    contact("cont-015", "Carlos", "Mendoza", "Procurement Officer", "cmendoza@atlaswater.example.gov", "+1 520 555 0199",
            "Procurement officer at Atlas Municipal Water and the only permitted point of contact during the tender "
            "period."),
    contact("cont-016", "Beatriz", "Romero", "Asset Manager", "beatriz.romero@helios-solar.example.es", "+34 954 555 210",
            "Asset manager responsible for the availability of the three Helios plants near Seville."),
    contact("cont-017", "Dave", "Whitcombe", "Site Manager", "dave.whitcombe@ironbridge-build.example.co.uk", "+44 121 555 0190",
            "Site manager at Ironbridge who asked for a way to stop tools disappearing from sites."),
    contact("cont-018", "Nadia", "Petrova", "Fleet Engineering Manager", "nadia.petrova@meridian-rail.example.co.uk", "+44 1332 555 071",
            "Fleet engineering manager at the Derby depot; sponsor of bearing monitoring on the trains."),
    contact("cont-019", "Sarah", "Blake", "Reliability Engineer", "sarah.blake@kestrel-mining.example.com.au", "+61 8 9021 5577",
            "Reliability engineer at the Kestrel mine, works for Tom Okonkwo on the crusher and conveyor condition program."),
    # --- opportunities -------------------------------------------------------------------------
    opportunity("opp-001", "acct-001", "Hallstatt - night shift pallet tracking expansion", 184000, "EUR", "negotiation", "2027-02-15", 60,
                "Extend Corvane Track to roll cages at all 14 sites and add 30 GW-7 gateways. The customer asked for a 30 % "
                "discount, which needs CFO approval."),
    opportunity("opp-002", "acct-002", "Fjordlaks - Bergen plant cold chain", 520000, "NOK", "proposal", "2027-03-31", 40,
                "120 TL-45 loggers for the Bergen processing plant plus Corvane Insights reports for retail buyers."),
    opportunity("opp-003", "acct-005", "Kestrel - crusher and conveyor monitoring phase 2", 310000, "AUD", "qualification", "2027-04-30", 30,
                "Phase 2 adds 400 VS-310 sensors on the overland conveyor. Risk: our sponsor is leaving the company, no "
                "replacement sponsor confirmed yet."),
    opportunity("opp-004", "acct-004", "Ostara - GDP cold room monitoring and validation package", 95000, "EUR", "closed_won", "2026-09-30", 100,
                "Won in September 2026. Includes 60 TL-45 loggers and our validation documentation package."),
    opportunity("opp-005", "acct-007", "Cascadia - infusion pump and wheelchair tracking", 420000, "USD", "proposal", "2027-06-30", 35,
                "Corvane Track with BLE tags on 6,000 mobile medical devices in three hospitals. Blocked until the "
                "information security review and the BAA are complete."),
    opportunity("opp-006", "acct-013", "Rhein-Chemie - reactor pump monitoring", 260000, "EUR", "closed_lost", "2026-07-31", 0,
                "Lost in July 2026."),
    opportunity("opp-007", "acct-012", "Alder & Finch - fleet tracking renewal 2027", 150000, "USD", "negotiation", "2027-01-31", 45,
                "Renewal of 140 truck trackers. Customer threatened to move to TrackWise, which quoted 35 % less."),
    opportunity("opp-008", "acct-017", "Lindqvist - Sundsvall mill rollout", 1200000, "SEK", "negotiation", "2027-03-15", 70,
                "Roll out VS-310 sensors and Corvane Insights to the paper machines of the Sundsvall mill after the PM2 pilot."),
    opportunity("opp-009", "acct-016", "Qadira - baggage tug tracking", 650000, "AED", "prospecting", "2027-09-30", 15,
                "Track 900 tugs, dollies and belt loaders; pilot proposed at Terminal 3."),
    opportunity("opp-010", "acct-019", "Atlas Water - RFP 2026-114 pump station telemetry", 275000, "USD", "proposal", "2027-02-28", 30,
                "Response to public tender RFP 2026-114 for telemetry at 38 pumping stations."),
    opportunity("opp-011", "acct-006", "Tanaka - on-premises Insights deployment", 18000000, "JPY", "qualification", "2027-05-31", 25,
                "Corvane Insights installed on Tanaka's own servers, VS-310 sensors on 40 spindles as a first step."),
    opportunity("opp-012", "acct-018", "Greenfield - tanker temperature pilot", 60000, "NZD", "closed_won", "2026-08-15", 100,
                "Pilot on 12 tankers, won in August 2026."),
    opportunity("opp-013", "acct-020", "Helios - inverter monitoring for three parks", 140000, "EUR", "prospecting", "2027-06-30", 20,
                "Independent monitoring of central inverters and transformer stations at the three Seville plants."),
    opportunity("opp-014", "acct-015", "Ironbridge - site tool tracking", 38000, "GBP", "closed_lost", "2026-10-31", 0,
                "Lost in October 2026."),
    # --- meetings, notes, emails, calls ---------------------------------------------------------
    meeting("mtg-001", "Hallstatt Logistik quarterly business review", "2026-11-04T09:00:00Z", "2026-11-04T11:00:00Z",
            ["Markus Brandstätter", "Julia Steiner", "Corvane account team"],
            "QBR at the Linz head office.",
            "37 pallets were unaccounted for in October, all during the night-shift hand-over. Root cause found: the "
            "gateway at dock 9 loses power whenever the roller-door heater trips the shared circuit, so scans in that "
            "zone are never uploaded. Actions: Hallstatt's electrician puts the gateway on its own circuit; Corvane ships "
            "a GW-7 with the battery backup module."),
    email("email-001", "TL-45 and our nightly washdown", "ingrid.halvorsen@fjordlaks.example.no", "sales@corvane.example.com",
          "2026-10-21T07:12:00Z",
          "Hello, before we go further: our processing hall is hosed down every night with hot water at high pressure and "
          "caustic foam. Your data sheet says the TL-45 is IP67. Is that enough, or do you have a version rated IP69K? If "
          "the loggers fail after a month we will be the ones explaining it to our buyers. Regards, Ingrid"),
    call("call-001", "Catch-up with Tom Okonkwo (Kestrel)", 1260, "2026-11-12T01:30:00Z",
         "Tom told me in confidence that he is resigning at the end of January to join a gold producer in Nevada. Phase 2 "
         "has no other sponsor today. He suggested we build a relationship with Sarah Blake, the reliability engineer, and "
         "he will introduce us before he leaves."),
    note("note-001", "Cascadia security review status",
         "Their questionnaire has 212 questions; we answered 190. Open items: they want a penetration test report less than "
         "12 months old, and legal redlined the BAA to require breach notification within 24 hours instead of our standard "
         "72 hours. Our counsel is reviewing."),
    meeting("mtg-002", "Ostara validation kick-off", "2026-10-02T08:00:00Z", "2026-10-02T10:30:00Z",
            ["Sophie Verhoeven", "Corvane professional services"],
            "Kick-off of the computerised system validation for the cold room monitoring.",
            "Agreed the validation plan: installation and operational qualification protocols written by Ostara, executed "
            "with our engineer on site. They need evidence that readings cannot be changed without a trace and that "
            "acknowledging an alarm requires an electronic signature."),
    email("email-002", "Unacceptable support response", "rachel.kim@alderandfinch.example.com", "support@corvane.example.com",
          "2026-10-28T15:40:00Z",
          "Three tickets have been open for more than a week. Our dispatchers see trucks on the map in the wrong city, and "
          "nobody from your side has called us back. If this is the service we get, I will not recommend renewing next year. "
          "Rachel Kim"),
    note("note-002", "Rhein-Chemie loss review",
         "We lost the reactor pump deal because none of our sensors is certified for use in explosive atmospheres, and "
         "Heike Vogel would not allow uncertified devices in zone 1. Price and software were not the issue. Revisit when "
         "the Ex version of the VS-310 is certified (planned 2027)."),
    call("call-002", "Gareth Pryce - chiller alert story", 840, "2026-09-18T13:00:00Z",
         "At 2 am on a Sunday the glycol chiller of fermenter 6 failed; the alert woke the duty brewer, who switched to the "
         "backup unit within 20 minutes. The batch, 8,000 litres of IPA, was saved. Gareth is happy to present this at the "
         "user conference in May."),
    meeting("mtg-003", "Site visit Tanaka Nagoya works", "2026-10-15T01:00:00Z", "2026-10-15T06:00:00Z",
            ["Kenji Watanabe", "Aiko Mori", "Corvane solutions architect"],
            "Visit of the machining halls with Kenji Watanabe; Aiko Mori translated.",
            "Their IT policy forbids any machine data leaving the plant, so Insights would have to run on servers in their "
            "own data room. Operators need the screens in Japanese. Spindle vibration limits differ per machine model; they "
            "will send the manufacturer's thresholds."),
    email("email-003", "RFP 2026-114 - clarifications", "cmendoza@atlaswater.example.gov", "bids@corvane.example.com",
          "2026-11-20T17:05:00Z",
          "All vendors: written questions are accepted until 12 December. Proposals are due 14 January at 2 pm local time and "
          "must include a certificate of insurance and a bid bond of 5 %. Late submissions will not be opened. Carlos Mendoza, "
          "Procurement"),
    note("note-003", "Polaris: loggers dying in the freezers",
         "TL-45 units in the -25 °C blast freezers run flat after about five months instead of the three years on the data "
         "sheet. Alkaline cells lose most of their capacity at that temperature. Engineering proposes lithium thionyl "
         "chloride cells and a longer reporting interval; replacements at no charge."),
    meeting("mtg-004", "Lindqvist PM2 pilot results", "2026-09-09T08:00:00Z", "2026-09-09T09:30:00Z",
            ["Erik Lindqvist", "mill maintenance team", "Corvane account team"],
            "Review of the six-month pilot on paper machine PM2.",
            "The sensors flagged three bearing failures weeks in advance; planned replacements avoided about 40 hours of "
            "unplanned downtime. Erik wants the same on every machine at the Sundsvall mill next year."),
    call("call-003", "Sol Verde commercial terms", 1500, "2026-11-03T13:00:00Z",
         "Daniela insists on paying 90 days after delivery and on prices fixed in reais, because the dollar has swung so much "
         "this year. Finance can accept 60 days; BRL pricing needs approval."),
    email("email-004", "Raising ServiceNow incidents from Corvane alerts", "liam.osullivan@nimbus-dc.example.ie", "support@corvane.example.com",
          "2026-10-09T10:22:00Z",
          "Hi, when a CRAC unit's supply air goes above 27 °C we want an incident opened in ServiceNow automatically, with the "
          "hall and rack in it. Can your alerts call a webhook, and what rate limits apply to your API? Thanks, Liam"),
    note("note-004", "Meridian Rail: works council concerns",
         "Union representatives fear that tags on torque tools could be used to follow individual technicians around the "
         "depot. We agreed to show tool locations per shed only, never per person, and to present this to the works council "
         "on 2 December."),
    meeting("mtg-005", "Qadira discovery workshop", "2026-11-17T06:00:00Z", "2026-11-17T09:00:00Z",
            ["Malik Haddad", "Qadira IT", "Corvane account team"],
            "Discovery of requirements for the tug and dolly fleet.",
            "Batteries and electronics must survive apron heat above 50 °C in summer. The board approves next year's capital "
            "budget in April; Malik wants a pilot at Terminal 3 before that to make the case."),
    email("email-005", "Temperature spike on the Desert Road run", "aroha.ngata@greenfield-dairy.example.co.nz", "support@corvane.example.com",
          "2026-08-30T22:45:00Z",
          "Tanker 14 raised a high temperature alarm on the Desert Road route last night, but the milk was fine at the "
          "factory. The driver says the logger is mounted right next to the exhaust. Can you help us move it?"),
    call("call-004", "Helios - competitive situation", 900, "2026-11-10T09:00:00Z",
         "Beatriz says the inverter maker's own portal comes free with the equipment, so she has to justify paying for us. "
         "Our argument: one independent view across all three parks and transformer stations, plus early warning of "
         "overheating."),
    note("note-005", "Ironbridge loss review",
         "Ironbridge chose cheap consumer Bluetooth tags of the kind people put on keys, about 30 GBP each, no gateways. "
         "Dave Whitcombe said they were good enough for power tools. We could not compete on price for small items."),
    meeting("mtg-006", "Viña Santa Lucía cellar walk-through", "2026-03-05T13:00:00Z", "2026-03-05T15:00:00Z",
            ["cellar master", "Corvane partner in Santiago"],
            "Walk-through of the barrel cellar.",
            "They lose roughly 4 % of the wine volume a year to evaporation from the barrels and suspect dry spots near "
            "the doors. The harvest keeps everyone busy until the end of April; follow up in May."),
    email("email-006", "Backhaul cost at the pit", "sarah.blake@kestrel-mining.example.com.au", "support@corvane.example.com",
          "2026-10-30T04:10:00Z",
          "The satellite bill for the sensor data was 4,800 AUD last month. We are trialling Starlink at the pit; can the "
          "gateways use it, and can they batch uploads to cut the volume?"),
    note("note-006", "Discount approval rules",
         "Reminder from finance: discounts up to 15 % are approved by the regional sales director, 15-25 % by the VP Sales, "
         "and anything above 25 % needs sign-off from the CFO. Hallstatt's request for 30 % therefore goes to the CFO."),
    email("email-007", "SOC 2 Type II report (NDA)", "security@corvane.example.com", "priya.raman@cascadia-health.example.org",
          "2026-11-14T18:00:00Z",
          "Priya, attached is our SOC 2 Type II report for the period ending 30 June 2026, shared under the mutual NDA. The "
          "penetration test summary from September will follow once the retest completes."),
    meeting("mtg-007", "Alder & Finch escalation", "2026-11-06T16:00:00Z", "2026-11-06T17:00:00Z",
            ["Rachel Kim", "Corvane VP Customer Success", "Corvane account executive"],
            "Escalation meeting after the support complaints.",
            "We apologised for the slow tickets. Root cause of the wrong-city trucks: a GPS firmware bug in older trackers, "
            "fix rolling out. Offered a named customer success manager and a one-month service credit. Rachel will decide "
            "on the renewal after seeing December's ticket times."),
    note("note-007", "Fjordlaks budget cut",
         "Sea lice treatment costs blew up this season; management cut every non-critical project budget by 20 %. The Bergen "
         "cold chain project may slip into the next fiscal year."),
    email("email-008", "Invoice 2026-0931 - quantity", "accounts@brightwater-brewing.example.co.uk", "billing@corvane.example.com",
          "2026-10-05T09:30:00Z",
          "Invoice 2026-0931 charges us for 40 probes but only 32 arrived at the Salford brewery. Please send a corrected "
          "invoice or the missing eight."),
    call("call-005", "Ostara - inspection date moved", 600, "2026-11-19T08:30:00Z",
         "Sophie called: the Dutch health and youth care inspectorate moved its inspection forward to March, so the complete "
         "validation package must be signed by the end of February instead of April."),
    note("note-008", "Greenfield pilot outcome",
         "The 12-tanker pilot caught two loads that warmed above 7 °C before reaching the factory. Greenfield wants all 80 "
         "tankers equipped for the next milk season starting in August."),
    meeting("mtg-008", "Atlas Water cyber security review", "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z",
            ["Carlos Mendoza", "City IT security", "Corvane solutions architect"],
            "Pre-bid security session.",
            "The city requires all data to be stored in the United States, multi-factor login for every user and a yearly "
            "third-party penetration test. No federal authorisation is required for this tender."),
    email("email-009", "Nimbus renewal - multi-year", "liam.osullivan@nimbus-dc.example.ie", "sales@corvane.example.com",
          "2026-11-22T11:00:00Z",
          "Our finance team would sign for three years if the annual price drops. What could you do for a 36-month term?"),
    call("call-006", "Qadira - dashboard language", 720, "2026-11-24T07:00:00Z",
         "Malik asked whether the dashboards and the mobile app can be switched to Arabic, including right-to-left layout, "
         "because most shift supervisors read Arabic more comfortably than English."),
    email("email-010", "Business case", "m.brandstaetter@hallstatt-logistik.example.at", "sales@corvane.example.com",
          "2026-11-08T06:50:00Z",
          "Send me a business case showing the expansion pays for itself within twelve months. Without that my board will not "
          "approve it. Markus"),
    meeting("mtg-009", "Helios Seville site visit", "2026-10-27T08:00:00Z", "2026-10-27T14:00:00Z",
            ["Beatriz Romero", "plant technicians"],
            "Visit of the largest of the three plants.",
            "Two central inverters tripped on overheating in August. Dust from nearby olive groves clogs the cabinet filters; "
            "they clean them monthly by hand. Temperature sensors on the inverter cabinets would give early warning."),
    note("note-009", "Meridian bearing monitoring scope",
         "Nadia wants temperature and vibration sensors on the axle-box bearings of 24 trains, data read when trains "
         "return to the Derby depot each night."),
    note("note-010", "Santa Lucía: partner pricing question",
         "Our Santiago partner asks for a 20 % reseller margin on the cellar sensors; standard partner margin is 15 %."),
    call("call-007", "Polaris - freezer dock sensors", 540, "2026-10-12T15:00:00Z",
         "Polaris asked for a quote for 40 more loggers for the reefer docks in Regina, once the battery fix is proven."),
    email("email-011", "User conference speakers", "marketing@corvane.example.com", "sales@corvane.example.com",
          "2026-11-02T10:00:00Z",
          "We still need two customer speakers for the May user conference in Lisbon. Any happy customers with a good story?"),
    note("note-011", "Tanaka seismic mounting",
         "Kenji asked that every gateway and sensor bracket in the Nagoya plant be rated for earthquake loads, following "
         "their facility standard after the 2024 tremors. Engineering to confirm the bracket test results."),
    meeting("mtg-010", "Cascadia clinical workflow session", "2026-10-20T17:00:00Z", "2026-10-20T18:30:00Z",
            ["charge nurses", "biomedical engineering", "Corvane clinical specialist"],
            "Workshop on how nurses would find equipment.",
            "Nurses want to search a device on a ward tablet and see the nearest clean, available pump. Biomed wants a list of "
            "devices overdue for preventive maintenance with their last known room."),
    # --- products and competitors -----------------------------------------------------------------
    product("prod-001", "Corvane GW-7 Gateway", "GW-7", 1450, "Hardware",
            "Industrial gateway with LTE, Wi-Fi and Ethernet uplinks; optional battery backup module keeps it running for "
            "8 hours without mains power."),
    product("prod-002", "Corvane TL-45 Temperature Logger", "TL-45", 89, "Hardware",
            "Battery-powered temperature logger, -40 to +85 °C, IP67 enclosure, 3-year battery life at room temperature."),
    product("prod-003", "Corvane VS-310 Vibration Sensor", "VS-310", 420, "Hardware",
            "Triaxial vibration and temperature sensor for rotating machinery; magnetic mount; wireless to a gateway."),
    product("prod-004", "Corvane Insights", "INS-PRO", 12000, "Software",
            "Analytics add-on: anomaly detection, maintenance forecasts, compliance reports. Cloud or on-premises."),
    competitor("comp-001", "TrackWise", "https://trackwise.example.com", ["low price", "simple setup"],
               ["no industrial sensors", "weak API"],
               "US vendor of GPS fleet trackers; undercuts on price for vehicle tracking, rarely competes in factories."),
    competitor("comp-002", "SensiFlow", "https://sensiflow.example.com", ["ATEX-certified sensors", "strong in chemicals"],
               ["expensive", "no asset tracking"],
               "German condition-monitoring specialist, the usual winner in hazardous-area deals."),
]

# --- filler --------------------------------------------------------------------------------------
# Pools are disjoint from the names, places and problems of STORIES and of the queries.
COMPANY_A = ["Northgate", "Bluestone", "Redmoor", "Silverline", "Oakridge", "Westbrook", "Harbourview", "Stonefield",
             "Clearwater", "Pinecrest", "Eastwood", "Highmark", "Riverside", "Summit", "Granite", "Copperfield"]
COMPANY_B = ["Plastics", "Packaging", "Foods", "Textiles", "Distribution", "Printing", "Glassworks", "Timber",
             "Ceramics", "Electronics", "Fasteners", "Coatings"]
SUFFIX = {"US": "Inc.", "GB": "Ltd", "DE": "GmbH", "FR": "SAS", "IT": "S.p.A.", "PL": "Sp. z o.o.", "CA": "Corp.",
          "DK": "A/S", "BE": "NV", "CZ": "s.r.o."}
CITIES = {"US": ["Columbus", "Louisville", "Omaha"], "GB": ["Leeds", "Bristol", "Norwich"],
          "DE": ["Kassel", "Bielefeld", "Ulm"], "FR": ["Lille", "Rennes", "Dijon"], "IT": ["Bergamo", "Modena", "Padua"],
          "PL": ["Poznań", "Łódź", "Gdańsk"], "CA": ["Hamilton", "London, Ontario", "Kitchener"],
          "DK": ["Odense", "Aarhus", "Vejle"], "BE": ["Ghent", "Liège", "Mechelen"], "CZ": ["Brno", "Plzeň", "Ostrava"]}
INDUSTRY_OF = {"Plastics": "Manufacturing", "Packaging": "Manufacturing", "Foods": "Food Processing",
               "Textiles": "Manufacturing", "Distribution": "Wholesale", "Printing": "Printing",
               "Glassworks": "Manufacturing", "Timber": "Building Materials", "Ceramics": "Manufacturing",
               "Electronics": "Electronics", "Fasteners": "Manufacturing", "Coatings": "Manufacturing"}
FIRST = ["Anna", "Ben", "Clara", "David", "Elena", "Felix", "Grace", "Hugo", "Isabel", "Jonas", "Katrin", "Lucas",
         "Maria", "Noah", "Olivia", "Paul", "Rosa", "Simon", "Theresa", "Victor", "Wendy", "Yusuf", "Zofia", "Omar"]
LAST = ["Becker", "Carter", "Dubois", "Eriksen", "Fischer", "Grant", "Hughes", "Jansen", "Kowalski", "Lambert",
        "Moretti", "Novak", "Olsen", "Parker", "Quinn", "Richter", "Schmidt", "Turner", "Vargas", "Walsh", "Young", "Zimmer"]
TITLES = ["Maintenance Manager", "Plant Director", "Operations Manager", "IT Manager", "Purchasing Manager",
          "Production Engineer", "Warehouse Manager", "Controller", "Quality Engineer", "Supply Chain Analyst"]
CONTACT_LINES = [
    "Met at the {fair} trade fair; asked for a product sheet and a price list.",
    "Attends the quarterly review; prefers written summaries afterwards.",
    "Main day-to-day contact for the rollout at {city}.",
    "Receives the monthly usage report and forwards it to management.",
    "Joined the company in {year}; previously worked at a competitor of theirs.",
    "Signs purchase orders up to 20,000 EUR without further approval.",
]
FAIRS = ["Hannover Messe", "LogiMAT", "SPS Nuremberg", "ProMat", "FachPack"]
ACCOUNT_LINES = [
    "Customer since {year}. Uses Corvane Track at {n} sites around {city}; quarterly business reviews with the operations team.",
    "Uses VS-310 sensors on {n} compressors and pumps at the {city} plant. Data reviewed weekly by the maintenance planner.",
    "Runs Corvane Insights reports for {n} production lines in {city}. Renewal is annual, usually signed in {month}.",
    "Prospect from the {fair} trade fair. Runs {n} sites around {city}; evaluating asset tracking for returnable containers.",
    "Small customer in {city} with {n} GW-7 gateways; self-service, rarely contacts support.",
]
OPP_LINES = [
    "Add {n} sensors at the {city} site. Standard terms; no blockers known.",
    "Annual renewal of {n} licences. Price list increase of 4 % accepted.",
    "New site in {city}: {n} tags and two gateways. Waiting for the customer's purchase order.",
    "Upgrade to Corvane Insights for {n} users. Demo done, proposal sent.",
]
STAGES = [("prospecting", 10), ("qualification", 25), ("proposal", 45), ("negotiation", 65), ("closed_won", 100)]
CURRENCY = {"US": "USD", "GB": "GBP", "DE": "EUR", "FR": "EUR", "IT": "EUR", "PL": "PLN", "CA": "CAD", "DK": "DKK",
            "BE": "EUR", "CZ": "CZK"}
ROUTINE = [
    ("Weekly sync with {acct}", "Reviewed the open support tickets ({n}); all within service levels. Next sync in a week."),
    ("Onsite training at {acct}", "Trained {n} users on the dashboard and report exports. Slides shared afterwards."),
    ("{acct}: order confirmation", "Purchase order received for {n} units; delivery planned in three weeks."),
    ("{acct}: invoice sent", "Invoice for {n} units sent to their accounts payable mailbox; payment terms 30 days."),
    ("{acct}: user added", "{n} new dashboard users requested by their operations team; accounts created."),
]
MONTHS = ["January", "March", "June", "September", "November"]


def filler(rng):
    out = []
    countries = list(SUFFIX)
    names = set()
    accounts = []
    while len(accounts) < 70:
        a, b = rng.choice(COMPANY_A), rng.choice(COMPANY_B)
        country = rng.choice(countries)
        name = f"{a} {b} {SUFFIX[country]}"
        if name in names:
            continue
        names.add(name)
        city = rng.choice(CITIES[country])
        key = f"acct-f{len(accounts) + 1:03d}"
        text = rng.choice(ACCOUNT_LINES).format(year=rng.randint(2018, 2025), n=rng.randint(2, 40), city=city,
                                                month=rng.choice(MONTHS), fair=rng.choice(FAIRS))
        slug = f"{a}{b}".lower()
        accounts.append((key, name, city, country))
        out.append(account(key, name, INDUSTRY_OF[b], country, rng.randint(40, 6000), rng.randint(5, 900) * 1000000,
                           f"https://{slug}.example.com", text))
    people = set()
    for i in range(90):
        while True:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            if (first, last) not in people:
                people.add((first, last))
                break
        key, name, city, country = rng.choice(accounts)
        line = rng.choice(CONTACT_LINES).format(fair=rng.choice(FAIRS), city=city, year=rng.randint(2015, 2025))
        domain = name.split()[0].lower() + name.split()[1].lower()
        title = rng.choice(TITLES)
        out.append(contact(f"cont-f{i + 1:03d}", first, last, title,
                           f"{first.lower()}.{last.lower()}@{domain}.example.com", f"+{rng.randint(30, 49)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                           f"{title} at {name}. " + line))
    for i in range(45):
        key, name, city, country = rng.choice(accounts)
        stage, probability = rng.choice(STAGES)
        n = rng.randint(5, 200)
        out.append(opportunity(f"opp-f{i + 1:03d}", key, f"{name.split()[0]} {name.split()[1]} - {rng.choice(['expansion', 'renewal', 'new site', 'upgrade'])} {2026 + i % 2}",
                               n * rng.choice([90, 420, 1450]), CURRENCY[country], stage,
                               f"{2026 + rng.randint(0, 1)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", probability,
                               rng.choice(OPP_LINES).format(n=n, city=city)))
    for i in range(30):
        key, name, city, country = rng.choice(accounts)
        title, body = rng.choice(ROUTINE)
        out.append(note(f"note-f{i + 1:03d}", title.format(acct=name), body.format(n=rng.randint(2, 30))))
    return out


def main():
    shards = STORIES + filler(random.Random(20261126))
    keys = [s["key"] for s in shards]
    assert len(keys) == len(set(keys)), "duplicate keys"
    with open(os.path.join(HERE, "shards.json"), "w") as f:
        json.dump(shards, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(shards)} shards ({len(STORIES)} hand-written, {len(shards) - len(STORIES)} generated)")


if __name__ == "__main__":
    main()
