#!/usr/bin/env python3
"""Writes bench/search/eval/hard/shards.json and queries.json, the HARD search evaluation set
(standard library only, deterministic, runs in milliseconds).

The corpus is the CRM of Loomwork, a fictional vendor of a multi-site operations platform for
service businesses: Rota (staff scheduling), Stockroom (inventory), Bookings (customer
appointments), Lens (analytics) and the Loomwork Go mobile app. Forty fictional customers, each
with an account and four to eight further records on different subjects, so that a company name
never identifies an answer on its own.

Records are written below with symbolic ids ("quill.renew"); main() numbers them per type in the
order written ("h-opp-001", "h-note-017", ...) and rewrites the questions' ids to those keys.
Every question has one answer record ("relevant") and two or three hand-picked hard distractors
("distractors": the same company on another subject, or the same subject with a different
decisive fact). Run check.py afterwards.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
US = "loomwork.example.com"

RECORDS = []     # (sid, type prefix, entry without key)
QUESTIONS = []   # (kind, query, relevant sids, distractor sids)


def _add(sid, prefix, entry):
    RECORDS.append((sid, prefix, entry))


def acct(sid, name, industry, country, employees, revenue, website, text):
    _add(sid, "acct", {"shard": {"shardType": "c_account", "structuredData": {
        "name": name, "industry": industry, "country": country, "employees": employees,
        "annualRevenue": revenue, "website": website}, "unstructuredData": {"text": text}}})


def contact(sid, first, last, title, email_address, phone, text):
    _add(sid, "cont", {"shard": {"shardType": "c_contact", "structuredData": {
        "firstName": first, "lastName": last, "name": f"{first} {last}", "title": title,
        "email": email_address, "phone": phone}, "unstructuredData": {"text": text}}})


def opp(sid, account_sid, name, amount, currency, stage, close, probability, text):
    _add(sid, "opp", {"accountKey": account_sid, "shard": {"shardType": "c_opportunity", "structuredData": {
        "name": name, "amount": amount, "currency": currency, "stage": stage, "closeDate": close,
        "probability": probability}, "unstructuredData": {"text": text}}})


def note(sid, title, text):
    _add(sid, "note", {"shard": {"shardType": "c_note", "structuredData": {"title": title},
                                 "unstructuredData": {"text": text}}})


def email(sid, subject, sender, to, sent, text):
    _add(sid, "email", {"shard": {"shardType": "c_email", "structuredData": {
        "subject": subject, "from": sender, "to": to, "sentAt": sent}, "unstructuredData": {"text": text}}})


def call(sid, subject, seconds, occurred, text):
    _add(sid, "call", {"shard": {"shardType": "c_call", "structuredData": {
        "subject": subject, "durationSeconds": seconds, "occurredAt": occurred}, "unstructuredData": {"text": text}}})


def mtg(sid, subject, starts, ends, attendees, summary, text):
    _add(sid, "mtg", {"shard": {"shardType": "c_meeting", "structuredData": {
        "subject": subject, "startsAt": starts, "endsAt": ends, "attendees": attendees, "summary": summary},
        "unstructuredData": {"text": text}}})


def Q(kind, query, relevant, distractors):
    QUESTIONS.append((kind, query, relevant, distractors))


# ================================================================================================
# 1. Quillfeather Bakeries
acct("quill.acct", "Quillfeather Bakeries Ltd", "Food Retail", "GB", 610, 41000000, "https://quillfeather.example.co.uk",
     "Family-run craft bakery chain with 38 shops across West Yorkshire and a central production bakery in Leeds where "
     "the first shift starts at 3 am. Customer since 2023: Loomwork Rota schedules about 610 bakers, van drivers and "
     "counter staff, and Stockroom handles flour, butter and packaging. Harriet Moss, daughter of the founder, runs "
     "finance and signs every contract; Dev Mistry is head of operations.")
contact("quill.harriet", "Harriet", "Moss", "Finance Director", "harriet.moss@quillfeather.example.co.uk", "+44 113 555 0142",
        "Finance Director of Quillfeather Bakeries and the person who signs. Trained as a chartered accountant before "
        "joining the family business in 2019. Reads every line of an order form, prefers email to calls and compares our "
        "price per employee with what their payroll bureau charges. Friendly, but always asks what she gets in return "
        "for any commitment.")
opp("quill.renew", "quill.acct", "Quillfeather - Rota and Stockroom renewal", 86400, "GBP", "closed_won", "2026-10-28", 100,
    "Signed on 28 October. Harriet agreed to lock in Rota and Stockroom until the end of 2029, and in return the "
    "licences are priced 12 % below list, fixed for the whole period with no yearly uplift. She opened at 15 %; Jonah "
    "Pike approved 12 % as the ceiling for a 36-month commitment without new modules. Invoicing stays annual, every "
    "January.")
mtg("quill.waste", "Quillfeather quarterly business review", "2026-09-17T09:00:00Z", "2026-09-17T10:30:00Z",
    ["Harriet Moss", "Dev Mistry", "Farah Quint"], "Q3 review at the Leeds production bakery.",
    "Unsold loaves and rolls went from 9 % of what the bakery turns out to 6 % since the Stockroom forecast started "
    "setting the overnight bake quantities in May. Harriet puts the saving at about £40,000 a year. Actions: feed local "
    "weather into the forecast, and retrain the Wakefield shop managers, who still override the suggested quantities "
    "most mornings.")
note("quill.xmas", "Quillfeather: seasonal staff for December",
     "For the December peak Quillfeather takes on about 140 temporary counter assistants. Last year shop managers keyed "
     "each one into Rota by hand and it took a week. This year Dev used the bulk CSV import with our template and had "
     "all 140 in the system in one afternoon. Open request: archive temporary staff automatically in January so they "
     "stop counting as active seats on the invoice.")
email("quill.billing", "Switching to monthly invoices", "harriet.moss@quillfeather.example.co.uk", f"farah.quint@{US}",
      "2026-11-19T08:05:00Z",
      "Hi Farah, could we move from one annual invoice to monthly direct debits from January? Cash is tight in the first "
      "quarter, when bread sales fall away after Christmas and we pay the flour contract upfront. I know the renewal "
      "says annual billing, so I am happy to pay a small admin fee if that helps you say yes. Thanks, Harriet")
call("quill.sage", "Dev Mistry - wholesale orders", 840, "2026-11-05T14:00:00Z",
     "Dev explained that about 60 cafés buy wholesale from Quillfeather and their orders arrive in Sage 200. Today "
     "someone re-types them into Stockroom each evening, which caused two missed deliveries in October. He asked "
     "whether Stockroom can pull the orders from Sage automatically. Tobias Marsh will check the Sage connector on our "
     "marketplace and send a short proposal.")

# ================================================================================================
# 2. Velvetine Hotels
acct("velv.acct", "Velvetine Hotels S.p.A.", "Hospitality", "IT", 900, 96000000, "https://velvetine-hotels.example.it",
     "Group of 14 boutique hotels in Milan, Florence and around Lake Como with about 900 employees. Uses Loomwork Rota "
     "for housekeeping, reception and kitchen shifts since 2024. Owned by the Ferri family; the CFO Paolo Ferri "
     "approves all spending above €20,000. Interested in Bookings for the spas of two lake hotels.")
contact("velv.marco", "Marco", "Fenzi", "Director of Operations", "marco.fenzi@velvetine-hotels.example.it", "+39 02 5550 1187",
        "Director of operations at Velvetine Hotels since November 2026, hired from a large international hotel "
        "chain. Has not used Rota before and wants to see it running in a hotel before forming an opinion. Speaks "
        "fluent English; reports to Paolo Ferri.")
opp("velv.discount", "velv.acct", "Velvetine - group agreement 2027", 124000, "EUR", "negotiation", "2027-01-31", 55,
    "Paolo Ferri will commit Velvetine for three years only if we take 15 % off list. That is above the 10 % a sales "
    "director can give for a multi-year term, so the request is with Jonah Pike and nothing has been approved yet. "
    "Paolo's fallback is a one-year renewal at today's price, which he says he is equally happy with.")
call("velv.champion", "Velvetine - new operations director", 1500, "2026-11-10T10:00:00Z",
     "Chiara Lodi, who picked Loomwork two years ago and drove the housekeeping rollout, has left Velvetine to join a "
     "competing hotel group in Rome. Her replacement, Marco Fenzi, started last week, has never used Rota and wants a "
     "full demo before he decides whether the kitchen expansion goes ahead. Everything on the expansion is paused "
     "until he has seen it in January.")
email("velv.dst", "Night porter shifts wrong after the clock change", "giulia.sala@velvetine-hotels.example.it",
      f"support@{US}", "2026-10-27T07:40:00Z",
      "Good morning, since Sunday the night porter shifts at Villa Ortensia show one hour later than planned. The change "
      "from summer time seems to have moved every shift that crosses 3 am. Two porters arrived late on Sunday night "
      "because of it. Could you correct the schedules and tell us whether the other thirteen hotels are affected? "
      "Best regards, Giulia Sala, front office manager")
note("velv.spa", "Velvetine spa bookings trial",
     "Paolo Ferri gave the go-ahead for a three-month trial of Bookings at the spa of Villa Ortensia, starting 1 March "
     "2027. Guests will reserve massages and treatments from the hotel app; therapists' hours come from Rota. Success "
     "criteria: fewer than 5 % empty treatment slots and no double bookings. The trial is free; the licence starts "
     "only if they continue.")
mtg("velv.hosting", "Velvetine data protection review", "2026-06-18T13:00:00Z", "2026-06-18T14:00:00Z",
    ["Velvetine legal counsel", "Paolo Ferri", "Loomwork legal"], "Review of hosting and the processing agreement.",
    "Velvetine's legal counsel needs guest and employee records to remain inside the European Union. We confirmed the "
    "account runs in our Frankfurt region with backups in Dublin, and that the US support team only accesses data "
    "under the standard contractual clauses. The data processing agreement was signed at the end of the meeting.")

# ================================================================================================
# 3. Marrowgate Veterinary Group
acct("marrow.acct", "Marrowgate Veterinary Group Ltd", "Veterinary Care", "GB", 480, 38000000, "https://marrowgate-vets.example.co.uk",
     "Veterinary group with 22 small-animal clinics across Devon and Cornwall and an out-of-hours hospital in Exeter, "
     "about 480 vets, nurses and receptionists. Uses Loomwork Bookings for consultations and vaccination reminders and "
     "Rota for the out-of-hours cover. Growing by acquisition: bought six independent practices in 2026.")
contact("marrow.pryor", "Ewan", "Pryor", "Clinical Director", "ewan.pryor@marrowgate-vets.example.co.uk", "+44 1392 555 017",
        "Clinical director and co-founder of Marrowgate Veterinary Group. A practising small-animal vet who still works "
        "two days a week in the Exeter hospital. Judges software by whether it keeps appointments full and has no "
        "interest in dashboards. Signs renewals himself and dislikes long negotiations.")
note("marrow.renew", "Marrowgate renewal signed",
     "Dr Ewan Pryor signed the two-year renewal on 2 October at the existing price and without asking for anything "
     "extra. This after a bumpy third quarter in which his clinics raised 31 tickets, mostly about duplicate reminder "
     "texts and slow calendar loading. His reasoning: missed appointments dropped by a third since clients get "
     "reminders, and that matters more to him than the front-desk irritation.")
email("marrow.sms", "Duplicate vaccination reminders - Truro", "jess.pengelly@marrowgate-vets.example.co.uk",
      f"support@{US}", "2026-08-14T09:12:00Z",
      "Hello, for the second week running our clients in Truro have received every booster reminder twice, a few "
      "minutes apart. Several owners phoned to ask whether their pet needed two injections. Ticket 48213 has been open "
      "for six days without a reply beyond the automatic one. Please escalate; Dr Pryor has asked me to keep him "
      "updated daily. Kind regards, Jess Pengelly, practice manager")
call("marrow.terms", "Marrowgate procurement - payment terms", 780, "2026-09-22T11:00:00Z",
     "Lucy Tremayne from Marrowgate procurement asked to pay our invoices 60 days after receipt, the standard they "
     "impose on suppliers since the acquisitions. Our policy tops out at 30 days for an account this size; Imogen Reyes "
     "agreed to 45 days as a compromise and Lucy accepted on the call. Finance will update the billing profile before "
     "the October invoice run.")
opp("marrow.expand", "marrow.acct", "Marrowgate - six acquired practices", 38000, "GBP", "proposal", "2027-02-28", 50,
    "Bring the six practices bought in 2026 (Bude, Launceston, Tavistock and three in Plymouth) onto Bookings and Rota. "
    "Their current system contract ends in February. Pricing at the group's existing per-clinic rate; migration of "
    "client and pet records from the old system quoted separately at £4,500.")
mtg("marrow.training", "Marrowgate receptionist training", "2026-06-11T08:30:00Z", "2026-06-11T12:30:00Z",
    ["Devon receptionists", "Farah Quint"], "Half-day Bookings training in Exeter.",
    "Half-day session in Exeter for 26 receptionists from the Devon clinics. Covered moving appointments between vets, "
    "the waiting-list feature and sending a one-off reminder. Several asked for a way to block a vet's diary for "
    "surgery days across several weeks at once. The Cornwall receptionists will be trained online in July.")

# ================================================================================================
# 4. Tidewright Ferries
acct("tide.acct", "Tidewright Ferries AS", "Maritime Transport", "NO", 420, 610000000, "https://tidewright.example.no",
     "Coastal ferry operator running nine car ferries and two fast passenger boats out of Stavanger, with about 420 "
     "crew working two weeks on and two weeks off. Uses Loomwork Rota for crew scheduling since 2025. Norwegian "
     "maritime rules on hours of rest drive most of their requirements. Sponsor: Sigrid Aune.")
contact("tide.sigrid", "Sigrid", "Aune", "Chief Operating Officer", "sigrid.aune@tidewright.example.no", "+47 51 55 50 20",
        "Chief operating officer of Tidewright Ferries since October 2026, previously director of the southern route "
        "division. A former ship master. Practical, answers emails from the bridge at odd hours, and has championed "
        "Loomwork since the 2025 purchase."
    " Prefers a short call to a long email.")
call("tide.sponsor", "Sigrid Aune - reorganisation", 1100, "2026-10-06T08:00:00Z",
     "Tidewright reorganised after merging its two route divisions. Sigrid Aune, who sponsored the Rota purchase, was "
     "promoted to chief operating officer instead of leaving as rumoured, and she confirmed she keeps ownership of "
     "crew planning. She wants the engine crews added next year and asked for a proposal before Christmas. Good news "
     "for the renewal.")
mtg("tide.golive", "Tidewright winter timetable planning", "2026-06-03T09:00:00Z", "2026-06-03T11:00:00Z",
    ["Sigrid Aune", "ship masters", "Owen Tully"], "Planning the crew schedules for the winter timetable.",
    "The new regulation on hours of rest takes effect on 1 October rather than 1 January as first announced, so Sigrid "
    "wants the winter crew schedules running in Rota from 1 October instead of the planned November start. We agreed "
    "to hold the training for ship masters in the first two weeks of September and to import crew certificates in "
    "August.")
email("tide.rest", "Rest hours report for the Maritime Authority", "sigrid.aune@tidewright.example.no", f"owen.tully@{US}",
      "2026-09-08T18:22:00Z",
      "Owen, we need a monthly report per vessel showing each crew member's hours of rest per 24 hours and per 7 days, "
      "in the format the Norwegian Maritime Authority accepts at inspections. Can Rota export this, or do we need Lens? "
      "Our last inspection flagged two handwritten records on MF Hidle. Sigrid")
note("tide.offline", "Tidewright: using the app on board",
     "Crew use the Loomwork Go app on the car deck and the bridge, where there is no mobile signal inside the fjords for "
     "up to 40 minutes per crossing. Clock-ins made offline are queued and synced at the quay, which works, but swaps "
     "requested offline fail silently. Logged as defect LW-8812; fix planned in the February mobile release.")
opp("tide.engine", "tide.acct", "Tidewright - engine crew scheduling", 520000, "NOK", "proposal", "2027-04-30", 45,
    "Add the 130 engine-room crew to Rota, with expiry tracking for engineers' certificates. Sigrid sponsors; proposal "
    "due before Christmas. Pricing per crew member as in the current contract, with a one-off setup fee for the "
    "certificate import."
    " Engine crews work a different rotation from deck crews, so a second shift pattern is needed.")

# ================================================================================================
# 5. Ombrelle Opticiens
acct("ombr.acct", "Ombrelle Opticiens SAS", "Optical Retail", "FR", 260, 34000000, "https://ombrelle-optique.example.fr",
     "Chain of 31 optician stores in the Lyon and Grenoble areas with about 260 opticians, optometrists and sales staff. "
     "Uses Loomwork Rota since 2024. Eye examinations are booked in their specialist optometry software, Optimis, which "
     "is why Bookings has been a hard sell. Head of retail: Élodie Marchand.")
contact("ombr.elodie", "Élodie", "Marchand", "Head of Retail", "elodie.marchand@ombrelle-optique.example.fr", "+33 4 55 50 21 90",
        "Head of retail at Ombrelle Opticiens and our main contact since the Rota purchase. Former store manager in "
        "Lyon Part-Dieu. Decides on anything that touches the stores; finance follows her recommendation. On leave "
        "from December 2026 to June 2027."
    " Speaks good English but prefers French in writing.")
opp("ombr.pilot", "ombr.acct", "Ombrelle - Bookings pilot in five stores", 18000, "EUR", "closed_lost", "2026-09-14", 0,
    "The board voted against the pilot on 14 September. Eye tests are booked in Optimis, and opticians would have had "
    "to check two calendars; the board judged the risk of double-booked examination rooms too high. Rota is not "
    "affected. We may revisit if Optimis opens its appointment API, which they promised for 2027.")
note("ombr.upfront", "Ombrelle prepayment arrangement",
     "From 2027 Ombrelle pays the whole year of Rota in advance, in the first week of January. In exchange we agreed "
     "an 8 % reduction on the licence fees. Their finance team prefers one transfer a year, and the reduction is "
     "within Imogen's authority. It applies for as long as they keep paying in advance; no change to the contract "
     "length.")
call("ombr.leave", "Ombrelle - Élodie going on leave", 600, "2026-11-20T15:30:00Z",
     "Élodie Marchand starts maternity leave on 5 December and returns in June. Bastien Roy, regional manager for "
     "Grenoble, covers her role but cannot approve new spending; anything new, including the two stores opening in "
     "spring, waits for her return. She asked us to keep sending the monthly usage summary to both of them.")
email("ombr.sms", "Accents in SMS reminders", "bastien.roy@ombrelle-optique.example.fr", f"support@{US}",
      "2026-10-02T12:10:00Z",
      "Bonjour, the shift reminder texts sent to our staff show broken characters wherever there is an accent: "
      "'équipe' arrives as 'Ã©quipe'. It looks unprofessional and several opticians thought the message was spam. "
      "Could you fix the encoding, or let us edit the templates ourselves? Merci, Bastien Roy")
mtg("ombr.sunday", "Ombrelle store managers meeting", "2026-04-09T08:00:00Z", "2026-04-09T10:00:00Z",
    ["Élodie Marchand", "store managers", "Nadia Brook"], "Sunday opening in the Lyon shopping centres.",
    "Three Lyon stores in shopping centres will open on Sundays from May. Under French rules only staff who volunteered "
    "in writing may work those days, and they earn double pay. Store managers asked that Rota flag any Sunday shift "
    "given to someone without a signed volunteer form, and show Sunday hours separately for payroll.")

# ================================================================================================
# 6. Kettlewick Cider Works
acct("kettle.acct", "Kettlewick Cider Works Ltd", "Beverage Production", "GB", 140, 19000000, "https://kettlewick-cider.example.co.uk",
     "Cider maker in Herefordshire with its own orchards, a press house, a bottling warehouse and a tasting room; about "
     "140 permanent staff plus seasonal pickers in autumn. Uses Rota since 2025 and trialled Stockroom in 2026. "
     "Managing director Owain Price makes the decisions; his brother runs the orchards.")
contact("kettle.owain", "Owain", "Price", "Managing Director", "owain.price@kettlewick-cider.example.co.uk", "+44 1432 555 088",
        "Managing director of Kettlewick Cider Works and grandson of the founder. Decides quickly once he has seen "
        "numbers from his own site; does not like long proposals. Prefers calls in the early morning before the press "
        "house opens."
    " Sits on the board of the regional cider makers' association.")
note("kettle.pilot", "Kettlewick Stockroom trial - outcome",
     "Six weeks in the bottling warehouse, ending 30 June. A full count of bottles, cases and labels went from two days "
     "with four people to about four hours with two, and the number of pallets nobody could find fell to zero. Owain "
     "Price approved rolling Stockroom out to the press house and tasting room shop from August. Order form signed "
     "the same week.")
email("kettle.invoice", "Invoice LW-26-4471: seat count", "accounts@kettlewick-cider.example.co.uk", f"billing@{US}",
      "2026-11-28T10:02:00Z",
      "Hello, invoice LW-26-4471 charges Kettlewick for 60 Rota users, but since the pickers left in November only 45 "
      "people are active. Our contract says we pay for active users each quarter. Please issue a corrected invoice or "
      "a credit note for the 15 seats. Regards, Accounts team")
note("kettle.credit", "Kettlewick credit note CN-0318",
     "Checked the usage log: Kettlewick had 45 active Rota users from 14 November, not 60. Finance issued credit note "
     "CN-0318 for £1,350 against invoice LW-26-4471 on 2 December and apologised. The quarterly active-user count had "
     "been switched off for their account by mistake during the Stockroom upgrade; it is back on.")
call("kettle.harvest", "Owain Price (Kettlewick) - harvest staffing", 720, "2026-07-15T06:45:00Z",
     "Owain expects about 35 pickers from mid-September to the end of October. He wants them in Rota for the harvest "
     "only and not to pay for them the rest of the year. We agreed temporary users billed per month of activity. He "
     "also asked about a Polish version of the mobile app, because most pickers come from Poland.")
opp("kettle.opp", "kettle.acct", "Kettlewick - Stockroom rollout", 14500, "GBP", "closed_won", "2026-07-08", 100,
    "Stockroom for the bottling warehouse, the press house and the tasting room shop. Twelve users and two barcode "
    "scanners per site. Go-live in August 2026; Owain wants the first full count on the new system before the harvest "
    "starts in September.")

# ================================================================================================
# 7. Saffronhill Dental Partners
acct("saff.acct", "Saffronhill Dental Partners LLC", "Dental Care", "US", 320, 74000000, "https://saffronhill-dental.example.com",
     "Dental service organisation with 17 practices around Denver and Colorado Springs; about 320 dentists, "
     "hygienists and front-office staff. Prospect since spring 2026 for Rota and Bookings. Hygienists float between "
     "practices, which is the scheduling problem they want solved. CFO Brent Odom controls the budget.")
contact("saff.brent", "Brent", "Odom", "Chief Financial Officer", "brent.odom@saffronhill-dental.example.com", "+1 303 555 0161",
        "CFO of Saffronhill Dental Partners and the economic buyer. Came from private equity, which owns 60 % of the "
        "group. Negotiates every line and compares each quote with at least one dental-specific vendor. Responds "
        "best to written proposals with a clear cost per practice.")
call("saff.discount", "Brent Odom (Saffronhill) - pricing", 960, "2026-10-14T16:00:00Z",
     "Brent asked for 10 % off the Rota and Bookings quote, citing a cheaper offer from a dental-specific vendor. We "
     "said no to a lower price; Jonah's view is that the quote is already at the floor for 320 users. Instead we "
     "offered two extra onsite training days and a named onboarding manager at no charge. Brent accepted that package "
     "and will send the order form this month.")
email("saff.delay", "Go-live moving to April", "brent.odom@saffronhill-dental.example.com", f"nadia.brook@{US}",
      "2026-11-16T22:05:00Z",
      "Hi Nadia, we have to move the Rota go-live from 1 February to 12 April. All 17 practices are switching to a new "
      "practice management system in February and March, and the office managers cannot take on two changes at once. "
      "Nothing else changes on our side; the order form will still come this month. Brent")
note("saff.baa", "Saffronhill BAA countersigned",
     "The HIPAA business associate agreement was countersigned on 3 September after two rounds of edits. Their counsel "
     "accepted our 72-hour breach notification window in exchange for a named security contact. Bookings will hold "
     "patient names and phone numbers, so this had to be done before any data import. Copy filed in the legal folder.")
opp("saff.opp", "saff.acct", "Saffronhill - Rota and Bookings, 17 practices", 96000, "USD", "negotiation", "2026-11-30", 75,
    "Rota for 320 staff and Bookings for hygiene appointments at all 17 practices. Verbal yes from Brent; order form "
    "expected before the end of November. Implementation plan to be rebuilt around the practice management "
    "migration."
    " Contract value covers the first year; Bookings priced per practice, Rota per user, with onboarding included.")
mtg("saff.float", "Saffronhill hygienist scheduling workshop", "2026-07-21T15:00:00Z", "2026-07-21T17:00:00Z",
    ["office managers", "Brent Odom", "Tobias Marsh"], "How hygienists move between practices.",
    "Worked through how the 48 hygienists float between practices. Each practice needs hygiene cover matched to its "
    "dentist chairs, and the gap between a Denver and a Colorado Springs assignment must be at least 90 minutes for "
    "driving. Office managers want one screen showing who is floating where and a way to request cover from another "
    "practice.")

# ================================================================================================
# 8. Brackenmoor Outdoor Gear
acct("brack.acct", "Brackenmoor Outdoor Gear Ltd", "Sporting Goods Retail", "GB", 540, 88000000, "https://brackenmoor.example.co.uk",
     "Outdoor clothing and equipment retailer with 26 stores in the Lake District, the Peak District and Scotland, plus "
     "a webshop on Shopify. About 540 staff, many of them seasonal. Signed for Rota and Stockroom in 2026 after a "
     "four-month evaluation. CFO Fiona Greaves; head office in Kendal.")
contact("brack.fiona", "Fiona", "Greaves", "Chief Financial Officer", "fiona.greaves@brackenmoor.example.co.uk", "+44 1539 555 402",
        "CFO of Brackenmoor Outdoor Gear and our sponsor since the autumn of 2026. A keen fell runner who knows most "
        "store managers personally. Careful with public statements about the company's figures; approves all "
        "marketing that names Brackenmoor."
    " Joined Brackenmoor from a brewery group in 2021.")
opp("brack.signed", "brack.acct", "Brackenmoor - Rota and Stockroom for 26 stores", 112000, "GBP", "closed_won", "2026-09-30", 100,
    "Signed on 30 September for all 26 stores. Rhys Caddick, the retail operations manager who ran the whole "
    "evaluation, resigned in August to join a rival chain in Manchester. Fiona Greaves took over as sponsor, re-checked "
    "the business case herself and signed on the original timeline with no change to scope or price.")
call("brack.ref", "Fiona Greaves - reference request", 540, "2026-11-12T13:00:00Z",
     "Asked Fiona whether Brackenmoor would act as a reference for outdoor and sports retail prospects. She agreed: up "
     "to two reference calls per quarter and a written case study, as long as marketing sends her the text for "
     "approval and no revenue figures are published. She suggested the Keswick store manager as a second speaker.")
email("brack.sync", "Stock levels not matching Shopify", "ops@brackenmoor.example.co.uk", f"support@{US}",
      "2026-11-03T09:48:00Z",
      "Since Tuesday the quantities in Stockroom and on our webshop disagree for about 200 products, mainly boots sold "
      "in half sizes. Customers have ordered items that were already gone. It looks like size variants are not being "
      "matched. We have switched off the automatic sync and are adjusting by hand. Please treat as urgent. Ops team, "
      "Brackenmoor")
mtg("brack.peak", "Brackenmoor Black Friday staffing", "2026-10-29T10:00:00Z", "2026-10-29T11:00:00Z",
    ["store managers", "Fiona Greaves", "Farah Quint"], "Planning extra shifts for Black Friday week.",
    "Planned 180 extra shifts across the 26 stores for the week of Black Friday, mostly in Kendal, Keswick and "
    "Aviemore. Store managers will post open shifts in Rota for seasonal staff to claim. Head office wants a daily "
    "report of unfilled shifts from 15 November. Rhys's replacement, Callum Doyle, starts on 1 December and will "
    "inherit the process.")

# ================================================================================================
# 9. Corriebank Care Homes
acct("corrie.acct", "Corriebank Care Homes Ltd", "Residential Care", "GB", 700, 46000000, "https://corriebank-care.example.co.uk",
     "Operator of 12 residential care homes in Perthshire and Fife with about 700 carers, nurses and kitchen staff. "
     "Uses Rota for round-the-clock shift patterns since 2025. Roughly 60 % of income comes from local councils, so "
     "budgets follow council funding. HR director Moira Lennox leads the relationship.")
contact("corrie.moira", "Moira", "Lennox", "HR Director", "moira.lennox@corriebank-care.example.co.uk", "+44 1738 555 310",
        "HR director of Corriebank Care Homes. Started as a carer and qualified as a nurse before moving into HR. "
        "Measures everything in agency spend and staff turnover. Needs board approval for any new contract and "
        "prepares the board papers herself.")
call("corrie.freeze", "Moira Lennox - funding cut", 900, "2026-11-03T10:30:00Z",
     "Fife council cut its care-home fee uplift for next year, and Corriebank's board has frozen all new spending until "
     "April. The four homes they planned to add to Rota in January cannot be signed before the new financial year. "
     "Moira still wants the rollout and asked us to hold the quoted price until the end of May. Existing licences are "
     "not affected.")
email("corrie.retention", "Record keeping for the Care Inspectorate", "moira.lennox@corriebank-care.example.co.uk",
      f"farah.quint@{US}", "2026-09-29T14:40:00Z",
      "Hello Farah, the Care Inspectorate expects us to produce staffing rotas and records of who was on duty for at "
      "least seven years. Can you confirm how long Rota keeps published rotas and timesheets, and whether we can export "
      "older years if we ever leave? Our current contract is silent on this. Moira Lennox, HR Director")
note("corrie.swap", "Corriebank: shift swap approval",
     "Carers swap shifts among themselves in Loomwork Go, and the swap currently goes straight through. Corriebank "
     "needs the nurse in charge of each home to approve any swap that changes the number of trained nurses on a night. "
     "Logged as feature request FR-2291; product says approval rules per role are on the roadmap for Q2 2027.")
opp("corrie.opp", "corrie.acct", "Corriebank - four additional homes", 41000, "GBP", "qualification", "2027-05-31", 40,
    "Add four homes in Fife with about 230 staff to Rota. Close date moved from 15 December 2026 to 31 May 2027 at the "
    "customer's request; price held as quoted in October. Moira Lennox is the sponsor and will take it to the board "
    "in April.")
mtg("corrie.agency", "Corriebank six-month review", "2026-08-26T10:00:00Z", "2026-08-26T11:30:00Z",
    ["Moira Lennox", "home managers", "Farah Quint"], "Review of the first six months on Rota.",
    "Spending on agency nurses fell 18 % in the first half-year on Rota, because open shifts are now offered to the "
    "group's own bank staff before an agency is called. Moira wants the same report split by home for the board, and "
    "asked whether Lens can show overtime by home and month.")

# ================================================================================================
# 10. Lanternfold Books
acct("lant.acct", "Lanternfold Books Inc.", "Book Retail", "US", 150, 16000000, "https://lanternfold-books.example.com",
     "Independent bookshop chain with 11 shops in Maine and New Hampshire and about 150 booksellers. Uses Rota, and "
     "Bookings for author events and reading groups, since 2023. Owner Miriam Stowe is hands-on, watches costs closely "
     "and is very private about the business.")
contact("lant.miriam", "Miriam", "Stowe", "Owner", "miriam.stowe@lanternfold-books.example.com", "+1 207 555 0133",
        "Owner of Lanternfold Books, which she took over from her father in 2011. Still works the till in the "
        "Portland shop on Saturdays. Decides everything herself, reads contracts closely and dislikes being named in "
        "anyone's marketing."
    " Answers email in the evening, usually in two lines.")
note("lant.ref", "Lanternfold reference request",
     "Asked Miriam whether Lanternfold could be a reference for other bookshops and appear with its logo on our "
     "website. She declined politely: she does not let suppliers use the shop name in marketing and would rather not "
     "take calls from other retailers. She is happy with the service otherwise and says we may mention 'a New England "
     "bookshop chain' without naming them.")
email("lant.price", "Renewal uplift", "miriam.stowe@lanternfold-books.example.com", f"nadia.brook@{US}",
      "2026-11-02T20:15:00Z",
      "Nadia, the renewal quote shows a 7 % increase. Bookshop margins do not allow for that, and nothing in the "
      "product has changed for us this year. I can live with something in line with inflation, but not 7 %. Please "
      "come back with a better number before the 15th or I will look at alternatives. Miriam")
opp("lant.renewal", "lant.acct", "Lanternfold - renewal 2027", 21600, "USD", "closed_won", "2026-12-12", 100,
    "Renewed for one year. The list uplift was 7 %; Miriam pushed back hard and we settled at 3 %, approved by Imogen "
    "Reyes. Bookings stays on the same plan. Miriam paid by cheque within a week, as usual."
    " No change to the number of users; two shop managers were added as administrators.")
call("lant.events", "Miriam - author events", 660, "2026-09-10T17:00:00Z",
     "Lanternfold runs about 40 author readings a year. Miriam wants the event sign-ups in Bookings to show on each "
     "shop's public calendar and to cap attendance by room size. Today staff copy events into the website by hand. "
     "Tobias will demo the embeddable calendar widget next week.")
mtg("lant.holiday", "Lanternfold holiday staffing", "2026-10-20T14:00:00Z", "2026-10-20T15:00:00Z",
    ["Miriam Stowe", "shop managers", "Nadia Brook"], "December staffing plan.",
    "Planned the December staffing: opening until 9 pm in the three largest shops, 22 seasonal booksellers, and "
    "gift-wrapping stations staffed at weekends. Miriam asked for a Rota view that shows weekly labour hours against "
    "each shop's sales target, so she can cut hours early in January.")

# ================================================================================================
# 11. Ashgrove Laundries
acct("ashg.acct", "Ashgrove Laundries Ltd", "Commercial Laundry", "IE", 380, 29000000, "https://ashgrove-laundries.example.ie",
     "Commercial laundry serving hotels and hospitals from four plants around Dublin and Cork, with about 380 staff on "
     "three shifts and a fleet of 30 delivery vans. Uses Rota since 2024. The relationship was tested by the March "
     "2026 outage; a new CFO joined in the autumn.")
contact("ashg.declan", "Declan", "Moriarty", "Chief Financial Officer", "declan.moriarty@ashgrove-laundries.example.ie", "+353 1 555 7702",
        "CFO of Ashgrove Laundries since October 2026, previously finance director at a hotel group. Reviewing every "
        "software contract with a view to consolidating tools. Wants usage figures rather than product demos."
    " Sceptical of per-user pricing for shift workers who only use the app a few minutes a day. Expects answers in writing within the week.")
mtg("ashg.outage", "Ashgrove incident review", "2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z",
    ["Ashgrove plant managers", "Amara Osei", "Farah Quint"], "Review of the 3 March incident.",
    "Review of the 3 March incident: Rota and the mobile app were unavailable for five hours from 05:40, so the early "
    "shift at the Cork plant could not see assignments and clock-ins were lost. Root cause was a failed database "
    "failover on our side. We agreed a service credit of 10 % of the monthly fee and a written incident report within "
    "five working days.")
email("ashg.cfo", "Software contract review", "declan.moriarty@ashgrove-laundries.example.ie", f"farah.quint@{US}",
      "2026-11-09T09:30:00Z",
      "Dear Loomwork team, I joined Ashgrove as CFO last month and am reviewing every software contract above €10,000. "
      "Please send the number of active users per plant for the last 12 months and your renewal terms. I will decide "
      "in January which tools we consolidate. Regards, Declan Moriarty")
opp("ashg.renew", "ashg.acct", "Ashgrove - renewal 2026", 52000, "EUR", "closed_won", "2026-05-31", 100,
    "Renewed, but for one year instead of the three-year term that was on the table before March. Price unchanged; "
    "the service credit was applied to the April invoice. The customer wants to see a full year without incidents "
    "before committing longer.")
note("ashg.routes", "Ashgrove van routes",
     "Ashgrove's transport manager asked whether Rota could also plan delivery routes for the 30 vans, since drivers' "
     "shifts depend on the hotels' pickup windows. We do not do route optimisation; suggested they keep their routing "
     "tool and let route times create driver shifts through the API. Not a deal blocker.")
call("ashg.badges", "Ashgrove - clock-in terminals", 480, "2026-07-02T12:00:00Z",
     "The Cork plant wants staff to clock in with their existing RFID badges rather than phones, because phones are not "
     "allowed on the ironing floor. We support two badge terminal brands; their readers are a third. Tobias will check "
     "whether the readers can post to our clock-in API.")

# ================================================================================================
# 12. Halcyra Farmacias
acct("halc.acct", "Halcyra Farmacias S.L.", "Pharmacy", "ES", 520, 83000000, "https://halcyra.example.es",
     "Pharmacy group with 45 pharmacies in Valencia and Alicante and about 520 pharmacists and assistants, growing "
     "through acquisitions. Uses Rota since 2025. Regional rules require a rotating duty pharmacy at night and on "
     "holidays in each area, which Rota schedules. Managing director: Alba Ferrer.")
contact("halc.alba", "Alba", "Ferrer", "Managing Director", "alba.ferrer@halcyra.example.es", "+34 96 555 4410",
        "Managing director of Halcyra Farmacias and a pharmacist by training. Drives the acquisition strategy and signs "
        "all contracts. Prefers meetings in Valencia and in Spanish; replies to email late in the evening."
    " Her deputy, the operations manager Jordi Casals, handles day-to-day questions about the duty rotation.")
opp("halc.volume", "halc.acct", "Halcyra - expansion to 60 pharmacies", 148000, "EUR", "closed_won", "2026-10-15", 100,
    "Adds 15 newly acquired pharmacies. Because the group now passes 600 users, the volume band applies: 18 % below "
    "list on all Rota licences, including the existing 45 pharmacies, from the next invoice. Signed by the managing "
    "director Alba Ferrer on 15 October.")
email("halc.guardia", "Duty pharmacy calendar 2027", "alba.ferrer@halcyra.example.es", f"owen.tully@{US}",
      "2026-12-01T21:40:00Z",
      "Hello Owen, the regional health authority has published the 2027 night and holiday duty calendar for Valencia. "
      "Each pharmacy on duty must have a licensed pharmacist on site all night. Can Rota import the official calendar "
      "and block those nights for a pharmacist automatically? Last year we built it by hand and made two mistakes. "
      "Alba Ferrer")
call("halc.pilotext", "Halcyra - Stockroom trial", 600, "2026-07-28T09:00:00Z",
     "The Stockroom trial in six Alicante pharmacies was due to end on 31 July, but in August half the pharmacists are "
     "away on holiday and the results would not be representative. Alba agreed to extend the trial by one month, to 31 "
     "August, at no cost. A decision on buying is expected in September.")
note("halc.hosting", "Halcyra data location",
     "Halcyra's data protection officer asked where employee data is stored. Our EU region (Frankfurt, backups in "
     "Dublin) is acceptable; they do not need hosting in Spain. They asked for the list of sub-processors and a Spanish "
     "translation of the data processing agreement, which legal sent on 12 May.")

# ================================================================================================
# 13. Drummelin Golf Resorts
acct("drum.acct", "Drummelin Golf Resorts LLC", "Leisure", "US", 350, 112000000, "https://drummelin-golf.example.com",
     "Five golf resorts in Arizona with hotels, restaurants and pro shops; about 350 staff in the winter high season "
     "and roughly 120 in summer, when temperatures pass 45 °C. Uses Rota since 2024. Tee times are booked in a "
     "specialist tee-sheet system. Head office in Scottsdale.")
email("drum.seasonal", "Summer user count", "hr@drummelin-golf.example.com", f"owen.tully@{US}", "2026-04-02T16:20:00Z",
      "Hi Owen, as every year our seasonal staff leave in May. Can we drop from 350 Rota users to 120 for June to "
      "September and go back up in October? Last year we paid for the full count all summer, which the new general "
      "manager will not accept again. Thanks, Drummelin HR")
note("drum.seasonalok", "Drummelin seasonal user plan",
     "Approved a seasonal plan for Drummelin: 350 users from October to May and 120 from June to September, billed "
     "monthly. Imogen signed off because the yearly total still stays above their previous contract value. The "
     "contract amendment went out on 20 April and came back signed two days later.")
call("drum.sponsor", "Drummelin - new general manager", 720, "2026-10-01T18:00:00Z",
     "Hank Delgado, the general manager who bought Rota in 2024, retired at the end of September. His successor, "
     "Renata Cole, came from a hotel group that used Loomwork and told us she wants to add Bookings for the spa and "
     "golf lessons. She takes over as our sponsor and asked for pricing by November.")
note("drum.teetime", "Drummelin tee sheet",
     "Drummelin will keep their tee-sheet system for golf bookings: Bookings has no handicap or cart assignment, and "
     "the pro shop tills are tied to the tee sheet. We should not pitch Bookings for tee times again. Golf lessons and "
     "spa treatments remain open.")
mtg("drum.heat", "Drummelin summer heat policy", "2026-05-12T15:00:00Z", "2026-05-12T16:00:00Z",
    ["Drummelin course superintendents", "Owen Tully"], "Outdoor work rules for July and August.",
    "Heat rules for the summer: groundskeepers' outdoor shifts in July and August must end by 11 am, with a 15-minute "
    "shade break every hour. Drummelin wants Rota to refuse outdoor shifts after 11 am in those months and to print the "
    "break schedule for the crews each morning.")
opp("drum.opp", "drum.acct", "Drummelin - Bookings for spa and lessons", 36000, "USD", "qualification", "2027-03-31", 30,
    "Bookings for the spas at two resorts and for golf lessons with the teaching pros. Tee times excluded. Renata Cole "
    "sponsors; pricing requested for November."
    " Spa therapists already work in Rota, so only the booking side is new. Budget would come from the resort food and beverage line, which Renata controls.")

# ================================================================================================
# 14. Wrenfield Garden Centres
acct("wren.acct", "Wrenfield Garden Centres Ltd", "Garden Retail", "GB", 800, 71000000, "https://wrenfield-garden.example.co.uk",
     "Chain of 19 garden centres in the English Midlands, each with a plant area, a shop and a café; about 800 staff, "
     "peaking in spring. Signed for Rota in January 2026 and considering Stockroom for plants. Operations director "
     "Tamsin Hollis leads the project.")
contact("wren.tamsin", "Tamsin", "Hollis", "Operations Director", "tamsin.hollis@wrenfield-garden.example.co.uk", "+44 1530 555 260",
        "Operations director of Wrenfield Garden Centres, ex-supermarket area manager. Runs the project herself and "
        "expects weekly written updates. Direct in negotiation and quick to confirm agreements in writing."
    " Keeps a tight grip on labour costs, which are the largest expense after plants. Reports to the family that owns the chain.")
email("wren.discount", "Re: Rota proposal", "tamsin.hollis@wrenfield-garden.example.co.uk", f"nadia.brook@{US}",
      "2026-01-12T17:30:00Z",
      "Thanks for the revised proposal. To be clear about where we landed on Friday's call: we asked for 10 %, you "
      "offered 5 % if we sign before the end of January, and we accept the 5 %. Please send the final order form with "
      "that figure and a go-live in early March. Tamsin")
mtg("wren.earlier", "Wrenfield go-live planning", "2026-01-20T10:00:00Z", "2026-01-20T11:30:00Z",
    ["Tamsin Hollis", "centre managers", "Nadia Brook"], "Go-live date and training plan.",
    "Tamsin wants Rota live two weeks earlier than planned, on 16 February instead of 2 March, so that schedules for "
    "the Easter weekend and the spring planting rush are built in the new system rather than on paper. We agreed to "
    "squeeze training into three regional sessions and to import staff data from the payroll export by 6 February.")
note("wren.waste", "Wrenfield plant losses",
     "Wrenfield writes off about 14 % of bedding plants each spring because stock is not moved to the sale benches in "
     "time. They would like Stockroom to track plant batches by age and flag what needs reducing. No project yet: "
     "Tamsin wants Rota bedded in first and will revisit in the autumn.")
call("wren.cafe", "Wrenfield café staffing", 540, "2026-03-24T13:00:00Z",
     "The cafés are run by separate managers who want their own Rota templates, with food hygiene certificates checked "
     "before anyone is put on a kitchen shift. Confirmed that certificate expiry can be tracked as a qualification with "
     "an expiry date, and that Rota warns when an expired certificate is assigned.")
opp("wren.opp", "wren.acct", "Wrenfield - Rota for 19 centres", 58000, "GBP", "closed_won", "2026-01-30", 100,
    "Rota for about 800 staff across 19 garden centres, including the cafés. Signed on 28 January. Staff data comes "
    "from the payroll export; Stockroom for plants is a possible second phase in the autumn."
    " Twelve centre managers attended the first training; the cafés were included at no extra cost.")

# ================================================================================================
# 15. Zephyrine Fitness
acct("zeph.acct", "Zephyrine Fitness GmbH", "Fitness", "DE", 650, 58000000, "https://zephyrine-fitness.example.de",
     "Chain of 28 fitness clubs in Bavaria and Baden-Württemberg with about 650 employees and 300 freelance trainers. "
     "Uses Bookings for classes since 2024 and is evaluating Rota for employed staff. Any tool that schedules employees "
     "needs the agreement of the works council. HR lead: Jana Albrecht.")
contact("zeph.jana", "Jana", "Albrecht", "Head of HR", "jana.albrecht@zephyrine-fitness.example.de", "+49 89 555 31 20",
        "Head of HR at Zephyrine Fitness, responsible for the Rota evaluation and the negotiation with the works "
        "council. Very precise about German labour law; wants every configuration decision documented."
    " Reports to the managing director and sits in every works council meeting. Prefers meetings in German with written minutes afterwards.")
note("zeph.council", "Zephyrine works council decision",
     "The works council agreed on 9 October to the introduction of Rota for employed staff, on three conditions: no "
     "individual performance reports, shift data deleted after 24 months unless payroll needs it, and no manager access "
     "to the location of the mobile app. Our configuration can meet all three; the agreement now goes to management for "
     "signature.")
email("zeph.noshow", "No-show fee for classes", "marketing@zephyrine-fitness.example.de", f"support@{US}",
      "2026-09-15T08:55:00Z",
      "Hello, many members reserve a place in a popular class and then do not come, while others sit on the waiting "
      "list. We would like to charge a €5 fee when someone misses a class without cancelling at least two hours before. "
      "Can Bookings do this automatically with the stored payment method? Zephyrine marketing team")
call("zeph.trainers", "Zephyrine - freelance trainers", 840, "2026-08-19T11:00:00Z",
     "Jana explained that the 300 freelance trainers must not be scheduled like employees, or Zephyrine risks a finding "
     "of disguised employment. Trainers offer their availability and accept or decline classes; managers may not "
     "assign them. We agreed to keep freelancers in Bookings as class hosts only and put only employees into Rota.")
opp("zeph.opp", "zeph.acct", "Zephyrine - Rota for employed staff", 84000, "EUR", "proposal", "2027-02-28", 50,
    "Rota for 650 employees in 28 clubs. The works council agreement is in place; management signature expected in "
    "November. Freelance trainers excluded from scope."
    " Bookings for classes continues under the existing contract; this adds employee scheduling with a separate order form.")

# ================================================================================================
# 16. Birchlight Cafés
acct("birch.acct", "Birchlight Cafés Inc.", "Food Service", "CA", 900, 64000000, "https://birchlight-cafes.example.ca",
     "Chain of 52 coffee shops in Toronto and Ottawa with about 900 baristas and shift leads. Used Rota since 2022. "
     "Acquired in August 2026 by Maple & Crumb Holdings, which runs 300 cafés on a competing workforce system. Former "
     "head of operations: Leah Park.")
note("birch.churn", "Birchlight will not renew",
     "Confirmed with the new owners: Birchlight moves to Maple & Crumb's workforce system when our contract ends on 31 "
     "January 2027, and will not renew. Nothing to do with our service: the parent company puts all its brands on one "
     "system. We offered a CSV export and a 60-day read-only period. Relationship ended on good terms; Leah Park will "
     "happily act as a personal reference.")
email("birch.tips", "Tip pooling report", "leah.park@birchlight-cafes.example.ca", f"support@{US}", "2026-05-06T13:25:00Z",
      "Hi, Ontario rules changed how we must document the tip pool. We need a report per café and week showing hours "
      "worked by each barista, so that tips can be split by hours. Rota has the hours; can you add the export, or "
      "should we build it from the API? Leah Park, Head of Operations")
opp("birch.opp", "birch.acct", "Birchlight - renewal 2027", 118000, "CAD", "closed_lost", "2027-01-31", 0,
    "Renewal of about 900 Rota users in 52 cafés. Marked lost on 2 December; see account notes. Export and read-only "
    "access to be arranged by customer success."
    " Customer success to confirm the final invoice date with the parent company's finance team and close the support contract at the end of January.")
call("birch.ottawa", "Birchlight - Ottawa opening hours", 420, "2026-03-18T15:00:00Z",
     "The eight Ottawa cafés will open at 6 am instead of 7 am from April to catch commuters at the new LRT stations. "
     "Leah asked us to copy the Toronto early-shift templates to Ottawa and to check that the minimum three-hour "
     "shift rule in Ontario is applied.")
mtg("birch.barista", "Birchlight barista certification", "2026-02-11T14:00:00Z", "2026-02-11T15:00:00Z",
    ["Leah Park", "area managers", "Farah Quint"], "Tracking the internal barista levels in Rota.",
    "Birchlight has three internal barista levels and wants at least one level-3 barista on every weekend morning "
    "shift. Set up the levels as qualifications in Rota and a coverage rule per café. Area managers asked for a "
    "weekly list of cafés missing a level-3 on Saturday or Sunday.")

# ================================================================================================
# 17. Glimmerdown Cinemas
acct("glim.acct", "Glimmerdown Cinemas Pty Ltd", "Entertainment", "AU", 310, 27000000, "https://glimmerdown.example.com.au",
     "Independent cinema chain with eight sites in Brisbane and on the Gold Coast, about 310 casual staff working "
     "evenings and weekends. Uses Rota since 2025. Casual pay rates under the award change after midnight and on "
     "public holidays. Finance manager Liam Tran is the main contact.")
note("glim.pilot", "Glimmerdown open-shift trial ended",
     "The four-week trial of open-shift claiming at the Southbank and Carindale cinemas ended on 20 October. Duty "
     "managers liked it, but staff found the claim-and-approve steps confusing and several double shifts were claimed "
     "by the same person. Glimmerdown decided not to switch it on across the chain; they will look again after our "
     "redesigned mobile flow ships.")
email("glim.penalty", "Penalty rates after midnight", "liam.tran@glimmerdown.example.com.au", f"support@{US}",
      "2026-08-03T02:10:00Z",
      "Hi, our late sessions finish around 1 am. Under the award, casual staff earn a higher rate for time after midnight "
      "and on public holidays. Rota's cost estimate uses a flat hourly rate, so our labour budget comes out 8 % lower "
      "than what payroll actually pays. Can you apply time-of-day rates? Regards, Liam Tran, Finance")
call("glim.sso", "Glimmerdown - single sign-on", 420, "2026-06-09T00:30:00Z",
     "Liam asked for managers to log in to Rota with their Microsoft Entra accounts. Casual staff do not have company "
     "email addresses and will keep signing in to the mobile app with a phone number and code. SSO is included in "
     "their plan; Tobias will send the setup guide for Entra.")
opp("glim.opp", "glim.acct", "Glimmerdown - Rota renewal 2027", 32000, "AUD", "proposal", "2027-03-31", 60,
    "Annual renewal for 310 casual staff at eight cinemas. Liam wants time-of-day pay rates fixed before he signs; "
    "product has them on the December release. Price as last year plus the standard uplift."
    " Liam also asked to move the renewal date to the start of the Australian financial year.")

# ================================================================================================
# 18. Thistleroot Organic Grocers
acct("thist.acct", "Thistleroot Organic Grocers Ltd", "Grocery Retail", "NZ", 230, 42000000, "https://thistleroot.example.co.nz",
     "Organic grocery chain with nine stores in Wellington and the Hutt Valley and about 230 staff. Uses Rota since "
     "2024 and Stockroom for fresh produce since 2025. Store operations are run by Ana Whitiora. Loyal customer that "
     "rarely negotiates."
    " Head office sits above the largest store in Wellington.")
contact("thist.ana", "Ana", "Whitiora", "General Manager", "ana.whitiora@thistleroot.example.co.nz", "+64 4 555 8120",
        "General manager of Thistleroot Organic Grocers since September 2026; before that she ran store operations "
        "and chose Loomwork in 2024. Keen on anything that reduces food waste and speaks at local sustainability "
        "events."
    " Has asked twice whether Loomwork publishes sustainability data about its own hosting.")
opp("thist.uplift", "thist.acct", "Thistleroot - renewal 2027", 27500, "NZD", "closed_won", "2026-11-20", 100,
    "Renewed for one year with the standard 5 % list increase, signed without any negotiation: Ana said the produce "
    "savings pay for the platform several times over. Stockroom and Rota on the same order form."
    " Sam Te Aho will be the administrator from now on.")
call("thist.promo", "Ana Whitiora - new role", 600, "2026-09-08T21:00:00Z",
     "Ana Whitiora has been promoted to general manager of Thistleroot. She keeps the Loomwork relationship and wants "
     "her replacement in store operations, Sam Te Aho, trained on Rota and Stockroom by the end of October. No change "
     "to the renewal plans.")
note("thist.produce", "Thistleroot produce shrink",
     "Since Stockroom started tracking best-before dates on fresh produce, Thistleroot's shrink on fruit and vegetables "
     "fell from 11 % to 7 % of sales. Staff get a list each morning of lines to mark down or send to the food rescue "
     "charity. Ana wants the same for the chilled dairy range next.")
email("thist.dock", "Tuesday and Friday deliveries", "sam.teaho@thistleroot.example.co.nz", f"farah.quint@{US}",
      "2026-10-21T19:30:00Z",
      "Hi Farah, our produce supplier is moving to two deliveries a week, Tuesdays and Fridays before 6 am. Each store "
      "needs two extra people on those mornings to receive and put away. Can Rota generate those shifts automatically "
      "from the delivery calendar? Cheers, Sam")

# ================================================================================================
# 19. Nightjar Security Services
acct("night.acct", "Nightjar Security Services (Pty) Ltd", "Security Services", "ZA", 2400, 310000000, "https://nightjar-security.example.co.za",
     "Guarding company in Johannesburg and Pretoria with about 2,400 guards at 200 client sites, on 12-hour day and "
     "night shifts. Uses Rota and the mobile app for guard scheduling and clock-in since 2025. Power cuts from load "
     "shedding are a daily operating reality. Finance director: Thabo Nkosi.")
call("night.terms", "Thabo Nkosi - payment terms", 900, "2026-06-17T08:00:00Z",
     "Thabo asked to pay our invoices 90 days after receipt because his own clients pay Nightjar late. We could not "
     "agree to that: terms stay at 30 days, but we offered quarterly instead of monthly invoicing so his team processes "
     "fewer payments. Thabo accepted the quarterly schedule on the call.")
note("night.offline", "Nightjar: clock-in during power cuts",
     "During load shedding the mobile network at many sites drops for two to four hours. Guards' clock-ins made in the "
     "app during those outages are stored on the phone and uploaded when the network returns; tested at three sites in "
     "Soweto with no losses. Client reports now show the original time of each clock-in, not the upload time.")
email("night.overtime", "Overtime limits for guards", "thabo.nkosi@nightjar-security.example.co.za", f"owen.tully@{US}",
      "2026-09-03T06:40:00Z",
      "Owen, labour inspectors visited two of our sites and questioned overtime. The sectoral determination caps "
      "overtime per week for guards. Can Rota warn a supervisor before a guard is scheduled beyond the weekly limit, "
      "rather than us finding out at payroll? Thabo")
opp("night.opp", "night.acct", "Nightjar - Durban sites", 1450000, "ZAR", "negotiation", "2027-03-31", 65,
    "Extend Rota and the mobile app to 60 client sites in Durban after Nightjar's acquisition of a local guarding firm. "
    "About 700 guards. Same price per guard as Johannesburg; quarterly invoicing as agreed in June."
    " Thabo wants the Durban supervisors trained on the mobile app before the first shifts move over in March.")
mtg("night.patrol", "Nightjar client audit requirements", "2026-10-14T09:00:00Z", "2026-10-14T10:30:00Z",
    ["Thabo Nkosi", "Nightjar operations managers", "Tobias Marsh"], "Proof of presence for clients.",
    "Two large clients want proof that guards actually walked their patrol routes, not just that they clocked in. "
    "Nightjar proposes QR codes at checkpoints scanned with the Loomwork Go app. We showed the checkpoint feature; "
    "Nightjar will pilot it at a shopping centre in Sandton.")

# ================================================================================================
# 20. Fennimore Property Management
acct("fenn.acct", "Fennimore Property Management Inc.", "Real Estate Services", "US", 410, 55000000, "https://fennimore-pm.example.com",
     "Manages 60 apartment buildings in Chicago and Evanston with about 410 maintenance technicians, concierges and "
     "leasing agents. Signed for Rota in 2026; go-live planned for early 2027. Every new system must pass their IT "
     "team's identity and security checks. VP Operations: Dana Whitlock.")
contact("fenn.dana", "Dana", "Whitlock", "VP Operations", "dana.whitlock@fennimore-pm.example.com", "+1 312 555 0184",
        "VP Operations at Fennimore Property Management and owner of the Rota project. Former building engineer. "
        "Wants clear escalation paths and hates surprises in project plans."
    " Sends a weekly list of open points to the project team every Friday afternoon and expects each one closed or explained by Monday.")
email("fenn.freeze", "Go-live date", "dana.whitlock@fennimore-pm.example.com", f"owen.tully@{US}", "2026-11-24T15:50:00Z",
      "Owen, bad news on timing. Our IT department has declared a change freeze from mid-December to the end of "
      "February while they replace the building access system. Rota can't go live in January as planned; the earliest "
      "slot is 15 March. Please move the training dates accordingly. Dana")
call("fenn.sso", "Fennimore IT - Okta requirement", 720, "2026-10-07T19:00:00Z",
     "Fennimore IT will not allow any system with separate passwords. Every user, including technicians on the mobile "
     "app, must sign in through Okta, and accounts must be deactivated automatically when HR ends employment. We "
     "confirmed SAML sign-in and SCIM provisioning; IT will test both in the sandbox.")
note("fenn.oncall", "Fennimore after-hours call-outs",
     "Technicians take turns being on call at night and at weekends for burst pipes and lockouts. Today the "
     "supervisors keep the call-out list in a spreadsheet and some technicians end up with twice as many nights as "
     "others. Dana wants Rota to rotate on-call duty evenly per building cluster and show the count per person.")
opp("fenn.opp", "fenn.acct", "Fennimore - Rota for 60 buildings", 68000, "USD", "closed_won", "2026-09-30", 100,
    "Rota for 410 staff across 60 buildings, including on-call rotation for technicians. Signed in September. IT "
    "security checks required before go-live."
    " Dana Whitlock is the sponsor; the go-live plan covers all buildings in one wave, with the Evanston buildings as the first cluster.")

# ================================================================================================
# 21. Orrinhall Schools Trust
acct("orr.acct", "Orrinhall Schools Trust", "Education", "GB", 640, 39000000, "https://orrinhall-trust.example.org.uk",
     "Multi-academy trust running seven primary and secondary schools in Norfolk with about 640 teachers and support "
     "staff. Prospect for Rota to manage cover for absent teachers. Buys through public sector frameworks. Chief "
     "operating officer: Graham Oduya."
    " Trustees meet twice a term, so decisions take time.")
contact("orr.graham", "Graham", "Oduya", "Chief Operating Officer", "graham.oduya@orrinhall-trust.example.org.uk", "+44 1603 555 219",
        "Chief operating officer of Orrinhall Schools Trust, responsible for finance, estates and HR across seven "
        "schools. Former school business manager. Cautious buyer who needs the trustees' approval for new systems."
    " Reads every clause about data on children and staff. Asks for references from other school trusts before any meeting with his trustees.")
note("orr.pilot", "Orrinhall cover pilot approved",
     "The trustees approved a one-term pilot of Rota for arranging cover for absent teachers at two schools, Dereham "
     "High and Swaffham Primary, from January. Success means cover arranged before 8 am on at least 90 % of absence "
     "days. The pilot is paid at a reduced fixed fee of £2,000, credited against the first year if they buy.")
email("orr.procure", "Purchasing route", "graham.oduya@orrinhall-trust.example.org.uk", f"nadia.brook@{US}",
      "2026-10-05T16:10:00Z",
      "Nadia, for a contract of this size the trust cannot sign a direct order with you. We have to buy through an "
      "approved public sector framework, or run a tender. Are you listed on any of the education or digital "
      "frameworks? If not, a reseller who is would work for us. Graham")
call("orr.checks", "Orrinhall - vetting of supply teachers", 660, "2026-11-11T16:00:00Z",
     "Graham explained that no supply teacher may be booked unless their criminal record check and identity have been "
     "verified by the school office. Rota must block assigning a cover teacher whose check is missing or older than "
     "three years. We can do this with a qualification that has an expiry date and is required for cover shifts.")
opp("orr.opp", "orr.acct", "Orrinhall - cover management for seven schools", 24000, "GBP", "qualification", "2027-07-31", 35,
    "Full rollout to seven schools after the spring pilot. Buying route still being clarified with Graham; see his "
    "email from October."
    " Price covers about 640 staff. A three-year term is usual for the trust, with an option to leave after the first year if results are poor.")

# ================================================================================================
# 22. Marlowe Quay Marinas
acct("marl.acct", "Marlowe Quay Marinas Ltd", "Marinas", "GB", 120, 14000000, "https://marlowe-quay.example.co.uk",
     "Operator of four marinas on the south coast of England with about 120 dock hands, fuel attendants and office "
     "staff. Customer of Rota from 2024 to 2026. Harbour master Nick Penhaligon was the main contact."
    " Berth holders and visiting yachts are handled in separate marina software.")
note("marl.churn", "Marlowe Quay cancellation",
     "Marlowe Quay gave notice and will not renew in February. Nick was clear that they are happy with Rota itself, but "
     "a marina management suite they bought for berth billing includes basic staff scheduling at no extra cost, and "
     "the owners will not pay for two systems. Price was the only reason; we could not match free.")
mtg("marl.storm", "Marlowe Quay storm call-out rota", "2026-01-14T10:00:00Z", "2026-01-14T11:00:00Z",
    ["Nick Penhaligon", "duty dock masters", "Owen Tully"], "Standby cover for storm warnings.",
    "When the Met Office issues an amber wind warning, two dock hands per marina must be on standby overnight to check "
    "mooring lines. Set up a standby shift type in Rota that supervisors can publish at short notice, with an SMS to "
    "everyone on the standby list.")
email("marl.fuel", "Fuel berth opening hours", "nick.penhaligon@marlowe-quay.example.co.uk", f"support@{US}",
      "2025-05-02T07:15:00Z",
      "Hello, from June the fuel berths will open from 6 am to 9 pm instead of 8 am to 6 pm. Attendants must hold the "
      "fuel handling certificate. Could you help me set up the new shift pattern so that no uncertified person can be "
      "put on the fuel berth? Nick Penhaligon, Harbour Master")
opp("marl.opp", "marl.acct", "Marlowe Quay - renewal 2026", 11800, "GBP", "closed_lost", "2026-02-28", 0,
    "Annual renewal for 120 users at four marinas. Closed lost; the customer moved scheduling into another product. "
    "Offboarding completed in March."
    " Account marked as former customer; marketing may contact Nick again in 2028 when the marina suite is up for renewal.")

# ================================================================================================
# 23. Brindlecombe Pet Supplies
acct("brind.acct", "Brindlecombe Pet Supplies Ltd", "Pet Retail", "GB", 260, 33000000, "https://brindlecombe-pets.example.co.uk",
     "Pet store chain with 14 shops in the South West of England, eight of them with a grooming salon; about 260 "
     "staff. Uses Rota and Stockroom since 2025 and Bookings for grooming since spring 2026. Head of stores: Kerry "
     "Vane.")
note("brind.grooming", "Brindlecombe grooming results",
     "Six months after moving the grooming salons to Bookings, no-shows dropped from 12 % to 4 % of appointments. Owners "
     "now pay a £10 deposit when booking online, refunded at the appointment. Kerry Vane wants grooming in the six "
     "shops that do not have it yet, starting with Yeovil and Taunton.")
email("brind.recall", "Dog food recall - find the batch", "kerry.vane@brindlecombe-pets.example.co.uk", f"support@{US}",
      "2026-07-22T08:05:00Z",
      "Urgent: a supplier has recalled one batch of a grain-free dog food. We need to know which shops hold that batch "
      "number today and how many bags each has sold since delivery. Stockroom records the batch at receiving, but I "
      "cannot find a report by batch. Can you run it for us this morning? Kerry")
call("brind.dd", "Brindlecombe - failed direct debit", 420, "2026-09-04T10:00:00Z",
     "The September direct debit failed because Brindlecombe changed banks in August and the new mandate was never "
     "sent to us. Their finance team apologised and paid by bank transfer the same day. New mandate form sent; no late "
     "fee charged.")
opp("brind.opp", "brind.acct", "Brindlecombe - grooming in six more shops", 9600, "GBP", "proposal", "2027-03-31", 55,
    "Bookings for six new grooming salons opening in 2027, starting with Yeovil and Taunton. Priced per salon as the "
    "existing eight."
    " Kerry Vane sponsors and wants the first new salon taking appointments by March. Deposit rules and reminder texts will be copied from the existing salons.")

# ================================================================================================
# 24. Sorrelwood Florists
acct("sorrel.acct", "Sorrelwood Bloemen B.V.", "Florists", "NL", 190, 21000000, "https://sorrelwood.example.nl",
     "Florist chain with 23 shops in Amsterdam, Utrecht and The Hague and its own delivery drivers; about 190 staff. "
     "Uses Rota since 2025. Two days decide their year: Valentine's Day and Mother's Day. Operations manager: Daan de "
     "Wit."
    " Finance is handled by an external accountant.")
mtg("sorrel.peak", "Sorrelwood Valentine's Day planning", "2026-01-22T09:00:00Z", "2026-01-22T10:00:00Z",
    ["Daan de Wit", "shop managers", "Nadia Brook"], "Staffing for 12-14 February.",
    "For 12 to 14 February every shop doubles its florists and adds two drivers. Last year shifts were arranged by "
    "phone and three shops were short. This year the extra shifts go into Rota as open shifts on 25 January, and "
    "students from last year get first choice.")
note("sorrel.drivers", "Sorrelwood delivery drivers",
     "Sorrelwood's drivers are partly employees and partly self-employed couriers paid per drop. Only the employees "
     "belong in Rota; the couriers are booked through a courier platform. Daan asked for a single day view showing both, "
     "which would need an import from the courier platform. Parked for now.")
email("sorrel.vat", "VAT number on invoices", "finance@sorrelwood.example.nl", f"billing@{US}", "2026-03-03T11:00:00Z",
      "Goedemiddag, the last three invoices show our old VAT number from before the company was restructured. Our "
      "accountant cannot deduct the VAT until they are corrected. Please reissue invoices LW-25-9921, LW-26-0412 and "
      "LW-26-1187 with the new number. Dank u, Sorrelwood finance")
call("sorrel.freeze", "Daan de Wit (Sorrelwood) - price for 2027", 540, "2026-10-29T14:00:00Z",
     "Daan asked whether we would keep the price flat for 2027 because two shops are closing. We agreed: no uplift for "
     "2027 provided they stay on the annual plan, and the two closing shops' users are removed from the January "
     "invoice.")

# ================================================================================================
# 25. Gannetshore Restaurants
acct("gann.acct", "Gannetshore Restaurantes Lda", "Restaurants", "PT", 420, 31000000, "https://gannetshore.example.pt",
     "Group of 12 seafood restaurants in Lisbon, Cascais and Porto with about 420 staff, many of them seasonal waiters "
     "in summer. Uses Rota since 2025; evaluated Bookings for table reservations in 2026. Operations director: Rui "
     "Antunes."
    " Summer is the busiest season by far.")
call("gann.summer", "Rui Antunes (Gannetshore) - summer terraces", 600, "2026-04-15T16:00:00Z",
     "Rui expects to hire about 60 seasonal waiters for the summer terraces from June to September. We agreed they are "
     "added as temporary users billed only for the months they work. He also asked for the staff app in Portuguese; it "
     "is available and switched on.")
opp("gann.tables", "gann.acct", "Gannetshore - Bookings for table reservations", 22000, "EUR", "closed_lost", "2026-07-31", 0,
    "Lost to MesaPronta, a restaurant reservation network. Guests already find the restaurants through their app, which "
    "brings in about a fifth of the bookings; our Bookings module has no diner-facing marketplace. Rota not affected."
    " Rui still recommends us to other restaurant owners for staff scheduling.")
note("gann.hygiene", "Gannetshore food safety training",
     "Portuguese food safety law requires kitchen staff to hold valid hygiene training. Rui wants Rota to show when each "
     "cook's certificate expires and to stop managers assigning kitchen shifts to anyone expired. Set up as a "
     "qualification; 14 cooks are due to renew before June.")
email("gann.split", "Split shifts", "rui.antunes@gannetshore.example.pt", f"support@{US}", "2026-05-20T10:45:00Z",
      "Hello, our waiters often work lunch from 12 to 4 and dinner from 7 to 11. Rota counts this as two shifts and the "
      "weekly hours report double-counts the break. Can a split shift be one shift with an unpaid gap? Obrigado, Rui "
      "Antunes")

# ================================================================================================
# 26. Larkspur Physiotherapy
acct("lark.acct", "Larkspur Physiotherapy Pty Ltd", "Allied Health", "AU", 210, 24000000, "https://larkspur-physio.example.com.au",
     "Physiotherapy group with 15 clinics in Perth and Fremantle, about 210 physiotherapists and reception staff. Prospect "
     "for Bookings and Rota. Patients often claim through private health funds. Practice director: Dr Mei Lin Howe."
    " Clinics are open six days a week, with early sessions for shift workers.")
email("lark.july", "Start date", "meilin.howe@larkspur-physio.example.com.au", f"owen.tully@{US}", "2026-11-27T03:20:00Z",
      "Hi Owen, our board has decided that new software contracts must start with the financial year, so we cannot begin "
      "in February as discussed. Please plan the contract and the rollout from 1 July 2027. Our interest has not "
      "changed. Best, Mei Lin")
note("lark.online", "Larkspur online booking requirements",
     "Larkspur wants patients to book the first appointment online but only with a physiotherapist who treats their "
     "condition: sports injuries, women's health, or back pain. Follow-up appointments are booked at reception. Bookings "
     "can filter practitioners by skill; the intake questions need a custom form.")
opp("lark.opp", "lark.acct", "Larkspur - Bookings and Rota, 15 clinics", 78000, "AUD", "proposal", "2027-06-30", 50,
    "Bookings for first appointments and Rota for 210 staff in 15 clinics. Contract start date still to be confirmed by "
    "the customer. Dr Mei Lin Howe sponsors."
    " Reception staff at the two Fremantle clinics will be the first users. Intake form for new patients to be built during setup.")
call("lark.telehealth", "Larkspur - video consultations", 480, "2026-10-13T01:00:00Z",
     "About a tenth of Larkspur's follow-ups are video calls for patients in rural Western Australia. Mei Lin asked whether "
     "Bookings can add a video link to those appointments. It can, through the Zoom integration; the physio's calendar "
     "shows the slot as remote.")

# ================================================================================================
# 27. Inkwhistle Print Studios
acct("ink.acct", "Inkwhistle Print Studios Inc.", "Printing", "US", 85, 9000000, "https://inkwhistle.example.com",
     "Print shop group with three studios in Brooklyn and Queens, about 85 press operators, designers and counter staff. "
     "Uses Rota since 2025. Small account; the owner, Desmond Achebe, handles everything himself."
    " Pays by card and rarely contacts support. Busiest before elections and the holidays.")
call("ink.discount", "Desmond Achebe (Inkwhistle) - small business pricing", 480, "2026-08-25T20:00:00Z",
     "Desmond asked for the 25 % small business discount he saw advertised by another scheduling vendor. We do not have a "
     "small business programme and his price is already on the lowest band, so the answer was no. He was disappointed "
     "but renewed at the list price the following week.")
note("ink.press", "Inkwhistle press certifications",
     "Only operators trained on the large-format presses may run night jobs alone. Desmond wants Rota to check the "
     "press training before assigning anyone to the night shift at the Long Island City studio. Set up two "
     "qualifications and a rule for the night shift.")
opp("ink.opp", "ink.acct", "Inkwhistle - renewal 2026", 7800, "USD", "closed_won", "2026-09-01", 100,
    "Annual renewal for 85 users in three studios at list price. No add-ons. Desmond pays by card."
    " Desmond added a fourth administrator for the new evening supervisor. Renewal handled by phone; no meeting needed. The three studio managers remain administrators.")
email("ink.holiday", "Holiday requests", "desmond.achebe@inkwhistle.example.com", f"support@{US}", "2026-06-12T14:00:00Z",
      "Hi, staff keep asking for time off by text message and I lose track. Can they request holidays in the app and can "
      "I see everyone's approved days off on one calendar before I plan the presses for the week? Desmond")

# ================================================================================================
# 28. Cobaltine Car Washes
acct("cob.acct", "Cobaltine Car Washes LLC", "Automotive Services", "US", 520, 47000000, "https://cobaltine-wash.example.com",
     "Chain of 34 express car washes around Houston and San Antonio with about 520 attendants and site managers. Uses "
     "Rota since 2025. Demand depends heavily on the weather. Regional director: Marisol Vega."
    " Sites are unstaffed at night and open from 7 am to 8 pm.")
note("cob.rain", "Cobaltine rainy day staffing",
     "On rainy days volume at the washes drops by up to 70 %. Site managers want Rota to suggest shortening or cancelling "
     "afternoon shifts when the forecast shows rain, with a message to the attendants by 10 am. We do not use weather "
     "data yet; logged as FR-2310 and shared with the product team.")
email("cob.spanish", "App language", "marisol.vega@cobaltine-wash.example.com", f"support@{US}", "2026-03-09T15:30:00Z",
      "Hi, most of our attendants prefer Spanish. Can the mobile app and the shift notifications be in Spanish while "
      "the managers keep English? Some attendants have been missing shift changes because they did not understand the "
      "message. Thanks in advance, Marisol Vega")
opp("cob.opp", "cob.acct", "Cobaltine - 12 new sites", 16000, "USD", "negotiation", "2027-01-31", 70,
    "Add 12 washes opening in Austin in 2027, about 180 attendants. Same price per user. Marisol wants the new sites live "
    "before the spring pollen season."
    " Site managers for Austin will be trained in Houston in January. Marisol asked for the Spanish app language to be the default for the new attendants.")
call("cob.overtime", "Marisol Vega - overtime", 540, "2026-07-30T17:00:00Z",
     "Overtime costs at Cobaltine rose 22 % in June because attendants swap into extra shifts without anyone noticing. "
     "Marisol asked for swaps to be blocked if they push someone over 40 hours in the week. Turned on the weekly hours "
     "limit for swaps for all 34 sites.")

# ================================================================================================
# 29. Hazelrigg Cykler
acct("haz.acct", "Hazelrigg Cykler ApS", "Bicycle Retail", "DK", 120, 13000000, "https://hazelrigg-cykler.example.dk",
     "Bicycle shop chain with nine shops in Copenhagen and Aarhus, each with a repair workshop; about 120 mechanics and "
     "sales staff. Uses Bookings for repairs and Rota since 2025. Owner: Mette Hazelrigg."
    " Spring is the busiest season for repairs, when commuters bring their bikes back out.")
note("haz.repairs", "Hazelrigg repair waiting times",
     "Since repair appointments moved to Bookings in April, the wait for a service slot in Copenhagen fell from nine "
     "working days to three, because mechanics' hours are now matched to the slots customers can choose. Mette wants "
     "to offer a paid express slot for commuters, bookable until 8 am the same day.")
email("haz.ebike", "E-bike mechanics", "mette.hazelrigg@hazelrigg-cykler.example.dk", f"support@{US}", "2026-05-27T06:50:00Z",
      "Hello, only four of our mechanics are certified by the motor manufacturer to repair e-bike motors. Customers "
      "booking an e-bike repair must get one of them. Can Bookings match the repair type to the mechanic's "
      "certification? It would save us many angry phone calls. Mette")
opp("haz.opp", "haz.acct", "Hazelrigg - Aarhus shops", 9400, "DKK", "closed_won", "2026-08-15", 100,
    "Bookings and Rota for the three Aarhus shops opened in 2026. Signed in August; go-live in September."
    " Mette asked for the same repair types and mechanic certifications as in Copenhagen. The Aarhus shop managers were trained on site in early September.")
call("haz.holiday", "Hazelrigg - summer holiday planning", 480, "2026-02-17T09:00:00Z",
     "Danish staff are entitled to three consecutive weeks of holiday in the summer period. Mette wants Rota to check "
     "that each shop keeps at least two mechanics in July while people take their three weeks. Showed the minimum "
     "staffing rule per role.")

# ================================================================================================
# 30. Mistral Bay Yoga
acct("mist.acct", "Mistral Bay Yoga SARL", "Wellness", "FR", 60, 4200000, "https://mistralbay-yoga.example.fr",
     "Six yoga studios in Marseille and Aix-en-Provence with about 60 teachers, most of them freelance. Uses Bookings for "
     "classes since 2025. Founder: Camille Arnaud."
    " Teachers set their own class schedule each term, and studios are small, with 15 to 25 mats each. Most members buy ten-class passes.")
note("mist.pause", "Mistral Bay - subscription paused",
     "Camille asked to pause the Bookings subscription for July and August, when four of the six studios close. We "
     "agreed a summer pause at no charge for two months, with classes and member data kept. The subscription restarts "
     "automatically on 1 September.")
email("mist.refunds", "Mistral Bay: class pass refunds", "camille.arnaud@mistralbay-yoga.example.fr", f"support@{US}", "2026-04-14T12:00:00Z",
      "Bonjour, when a teacher is ill and we cancel a class, members with a ten-class pass should get their class back "
      "automatically. At the moment staff do it by hand and some members complain. Is there a setting for this? Camille")
opp("mist.opp", "mist.acct", "Mistral Bay - annual plan 2027", 3600, "EUR", "proposal", "2027-01-15", 70,
    "Bookings for six studios on the annual plan, with the summer pause written into the contract. Camille wants the "
    "price per studio unchanged."
    " Camille pays once a year by bank transfer. The contract also keeps the class pass refund setting turned on for cancelled classes.")
call("mist.teachers", "Camille Arnaud (Mistral Bay) - teacher pay", 420, "2026-10-06T10:00:00Z",
     "Camille pays freelance teachers per class, with a bonus when more than 20 students attend. She wants a monthly "
     "report per teacher with classes taught and attendance, to calculate the bonus. The standard attendance export "
     "covers it; sent instructions."
    " Camille is pleased.")

# ================================================================================================
# 31. Underbough Childcare
acct("under.acct", "Underbough Childcare Society", "Childcare", "CA", 340, 26000000, "https://underbough.example.ca",
     "Non-profit society running 16 childcare centres in Vancouver and Burnaby with about 340 early childhood educators. "
     "Uses Rota since 2024. Provincial licensing sets strict ratios of educators to children by age group. Executive "
     "director: Priscilla Nakamura."
    " Waiting lists are long in every centre.")
note("under.ratio", "Underbough ratio warnings",
     "British Columbia licensing requires one educator for every four infants and one for every eight children aged "
     "three to five. Underbough wants Rota to warn a centre manager whenever the planned educators in a room fall below "
     "the ratio for the enrolled children. Built with room-level minimum staffing rules fed by enrolment numbers.")
email("under.grant", "Non-profit pricing", "priscilla.nakamura@underbough.example.ca", f"nadia.brook@{US}", "2026-02-09T18:00:00Z",
      "Hi Nadia, as a registered non-profit we receive provincial operating grants that cap what we may spend on "
      "administration. Do you offer charity pricing? Other vendors give us 20 %. Our board meets on the 20th and I "
      "need to bring a number. Thanks, Priscilla")
note("under.grantok", "Underbough non-profit rate",
     "Confirmed Underbough's registered charity number and applied our non-profit rate of 15 % below list from the March "
     "invoice. Priscilla had asked for 20 %, which other vendors give her; 15 % is our standard for registered charities "
     "and Imogen did not want an exception.")
call("under.sub", "Underbough - substitute educators", 600, "2026-10-20T22:00:00Z",
     "Underbough keeps a pool of about 40 on-call substitute educators. Priscilla wants managers to see which "
     "substitutes have the infant-toddler certificate before calling them. The certificate is tracked as a "
     "qualification; a filter on the open-shift offer sends it only to qualified substitutes.")
opp("under.opp", "under.acct", "Underbough - renewal 2027", 31000, "CAD", "proposal", "2027-02-28", 80,
    "Annual renewal for 340 users in 16 centres at the non-profit rate. Priscilla wants the two new Burnaby centres "
    "set up the same way before they open."
    " Board approval expected at the February board meeting; Priscilla will present the ratio reports as the main benefit.")

# ================================================================================================
# 32. Ravenscar Hardware
acct("rav.acct", "Ravenscar Hardware Ltd", "Hardware Retail", "GB", 110, 15000000, "https://ravenscar-hardware.example.co.uk",
     "Hardware and DIY chain with eight shops on the North Yorkshire coast and about 110 staff. Uses Rota since 2025. "
     "Evaluated Stockroom in 2026. Owner: Bryony Scarth."
    " The shops serve tradespeople in the mornings and holiday-makers in summer. Bryony's son manages the Scarborough shop.")
opp("rav.stock", "rav.acct", "Ravenscar - Stockroom", 12000, "GBP", "closed_lost", "2026-06-30", 0,
    "Lost. Their till supplier upgraded its point-of-sale system and now includes stock counts and reordering at no "
    "extra cost. Bryony liked Stockroom better but could not justify paying twice. Rota stays."
    " Bryony said she would recommend Stockroom to other independent shops.")
call("rav.trial", "Bryony Scarth (Ravenscar) - Stockroom trial", 540, "2026-04-21T08:30:00Z",
     "Bryony agreed to a four-week Stockroom trial in the Whitby shop starting 4 May. Success criteria: fewer emergency "
     "orders for fast-moving lines such as screws and sandpaper, and a full count in under a day. Trial free of charge."
    " Bryony will run it with her son at Whitby.")
email("rav.sunday", "Sunday trading hours", "bryony.scarth@ravenscar-hardware.example.co.uk", f"support@{US}", "2026-03-30T09:00:00Z",
      "Hello, from Easter our shops open 10 to 4 on Sundays. Staff must agree to Sunday work and can opt out with three "
      "months' notice. Can Rota keep track of who has opted out so managers don't schedule them? Bryony")
note("rav.keys", "Ravenscar key-cutting training",
     "Only staff trained on the key-cutting and engraving machines may work the service counter alone. Bryony wants a "
     "trained person on every Saturday shift in each shop. Set up a qualification and a coverage rule; three shops "
     "currently have only one trained person.")

# ================================================================================================
# 33. Juniperlake Hearing Centers
acct("jun.acct", "Juniperlake Hearing Centers Inc.", "Audiology", "US", 190, 36000000, "https://juniperlake-hearing.example.com",
     "Group of 20 hearing care centers in Minnesota and Wisconsin with about 190 audiologists, hearing aid specialists and "
     "front desk staff. Uses Bookings and Rota since 2024. COO: Gwen Halvorsen-Beck."
    " Most patients are over 65, and centers are busiest on weekday mornings.")
opp("jun.renew", "jun.acct", "Juniperlake - renewal 2027", 44000, "USD", "closed_won", "2026-11-15", 100,
    "Renewed for two years. Gwen asked for the 6 % uplift to be waived; we met her halfway at 3 % because Juniperlake "
    "added the Wisconsin centers to Bookings. Signed on 12 November."
    " Bookings now runs at all centers in both states; Rota unchanged.")
note("jun.hearing", "Juniperlake appointment lengths",
     "A hearing test takes 60 minutes, a hearing aid fitting 90, a repair drop-off 15. Front desk staff kept booking "
     "fittings into 60-minute slots. Configured appointment types with fixed durations and rooms with a sound booth "
     "for tests only."
    " Reception staff were shown the new appointment types in a 30-minute call.")
call("jun.champion", "Gwen Halvorsen-Beck - staffing news", 600, "2026-10-28T20:00:00Z",
     "Our day-to-day champion, clinic operations manager Tyler Brandt, is leaving Juniperlake at the end of November to "
     "start his own practice. Gwen will handle the renewal herself and wants a new administrator trained before he "
     "goes. Tyler offered to write handover notes on the Bookings setup.")
email("jun.reminders", "Reminder calls for older patients", "gwen.hb@juniperlake-hearing.example.com", f"support@{US}",
      "2026-06-30T13:40:00Z",
      "Hello, many of our patients are over 75 and do not read text messages. Can Bookings place an automated voice call "
      "as a reminder instead of an SMS, chosen per patient? Missed appointments cost us a lot. Thank you, Gwen")

# ================================================================================================
# 34. Oakumber Funeral Services
acct("oak.acct", "Oakumber Funeral Services Ltd", "Funeral Services", "GB", 150, 18000000, "https://oakumber-funerals.example.co.uk",
     "Independent funeral director with 11 branches in Lincolnshire and about 150 funeral arrangers, drivers and bearers. "
     "Uses Rota since 2025 for a round-the-clock service. Managing director: Simon Oakumber."
    " Funeral arrangers also work some weekends. Branch managers plan their own staff, but night collections are covered across neighbouring branches.")
note("oak.oncall", "Oakumber night collections",
     "Oakumber must be able to collect from homes, hospitals and care homes at any hour. Two staff are on call each night "
     "per area. Simon wants Rota to share night duty fairly and to stop anyone doing more than two nights in a row, "
     "which the old paper system could not.")
email("oak.wording", "Wording of automatic messages", "simon@oakumber-funerals.example.co.uk", f"support@{US}", "2026-02-02T10:20:00Z",
      "Hello, a bearer received a cheerful automatic text about a shift at a funeral: 'Great news, you have a new shift!'. "
      "Given our work this is not acceptable. Please help us change all notification texts to neutral wording, and tell "
      "me if any other automatic messages are sent to staff. Simon Oakumber")
opp("oak.opp", "oak.acct", "Oakumber - two new branches", 4800, "GBP", "negotiation", "2027-01-31", 75,
    "Add the branches in Boston and Spalding, acquired in 2026, with about 20 staff. Simon wants them on Rota before the "
    "winter, which is the busiest season."
    " Price per user as for the other branches. The two branches still use paper rotas, so staff data will be entered from their spreadsheets.")
call("oak.funerals", "Simon Oakumber - linking funerals and shifts", 600, "2026-09-15T12:00:00Z",
     "Funerals are arranged in their own case software. Simon asked whether each funeral could create the bearer and "
     "driver shifts in Rota automatically, with the venue and time. Possible through our API; their software vendor "
     "quoted £3,000 for the integration.")

# ================================================================================================
# 35. Featherstep Dance Academies
acct("feath.acct", "Featherstep Dance Academies Ltd", "Education", "IE", 70, 5100000, "https://featherstep.example.ie",
     "Dance schools in Dublin, Galway and Limerick with about 70 teachers and 2,600 pupils. Uses Bookings for classes and "
     "Rota for teachers since 2025. Director: Niamh Kilbride."
    " Most classes run after school and on Saturdays, so teachers work part-time in the afternoons and evenings.")
note("feath.term", "Featherstep term structure",
     "Featherstep sells classes by school term, not by month: twelve weeks in autumn, ten in spring and eight in summer. "
     "Bookings was set up with term-based packages and a waiting list per class. Parents can pay in two instalments."
    " Term dates follow the school calendar.")
call("feath.exams", "Niamh Kilbride (Featherstep) - exam season", 480, "2026-03-11T11:00:00Z",
     "In May the ballet exams take over the big studios for two weeks. Niamh wants regular classes moved to the smaller "
     "rooms automatically and parents notified. We showed room changes in bulk; notification goes with the schedule "
     "change."
    " Niamh was happy with it.")
opp("feath.opp", "feath.acct", "Featherstep - Limerick school", 3900, "EUR", "closed_won", "2026-08-20", 100,
    "Bookings and Rota for the new Limerick school, about 400 pupils and 12 teachers. Signed in August for the "
    "autumn term."
    " Niamh Kilbride sponsors. Term packages, the waiting lists and the instalment option were copied from the Galway school. Two of the teachers also teach in Galway one day a week.")
email("feath.photos", "Photo consent", "niamh@featherstep.example.ie", f"support@{US}", "2026-09-01T19:00:00Z",
      "Hi, for child safeguarding we must record whether parents consent to photos at shows. Could the booking form ask "
      "this and show a symbol on the class list for children without consent? Sorry for the short notice before the Christmas show. Many thanks, Niamh")

# ================================================================================================
# 36. Tamarisk Coworking
acct("tam.acct", "Tamarisk Coworking Pte Ltd", "Real Estate Services", "SG", 95, 22000000, "https://tamarisk-cowork.example.sg",
     "Operator of seven coworking spaces in Singapore and one in Kuala Lumpur, with about 95 community and facilities "
     "staff. Uses Bookings for meeting rooms and Rota for staff since 2025. Managing director: Wei Jie Tan."
    " Members can book meeting rooms from the member app.")
note("tam.rooms", "Tamarisk meeting room credits",
     "Members get a monthly allowance of meeting room hours depending on their plan. Tamarisk wants Bookings to deduct "
     "hours from the allowance and charge the card on file beyond it. Configured credits per plan; unused hours do not "
     "roll over.")
email("tam.currency", "Invoices for Kuala Lumpur", "finance@tamarisk-cowork.example.sg", f"billing@{US}", "2026-07-07T03:00:00Z",
      "Hello, our Kuala Lumpur entity must receive its own invoice in Malaysian ringgit with the local company "
      "details; Singapore stays in SGD. Please split the account billing from August. Amounts should stay the same as "
      "today, converted at the contract rate. Tamarisk finance")
opp("tam.opp", "tam.acct", "Tamarisk - Kuala Lumpur expansion", 18500, "SGD", "negotiation", "2027-02-28", 60,
    "Two more spaces opening in Kuala Lumpur in 2027 with about 30 staff; Bookings for meeting rooms and Rota. Separate "
    "billing entity in Malaysia."
    " Wei Jie Tan sponsors. Staff for the new spaces will be hired locally in January, and the community hosts will be trained by the Singapore team.")
call("tam.hours", "Wei Jie Tan - staffed hours", 420, "2026-11-04T02:00:00Z",
     "Tamarisk wants every space staffed from 8 am to 8 pm on weekdays with one community host, and a facilities "
     "technician shared between two nearby spaces. Showed coverage rules across locations; Wei Jie will pilot at "
     "Tanjong Pagar and Raffles Place.")

# ================================================================================================
# 37. Bellhaven Hair & Beauty
acct("bell.acct", "Bellhaven Hair & Beauty Ltd", "Personal Services", "GB", 330, 24000000, "https://bellhaven-salons.example.co.uk",
     "Chain of 21 hair and beauty salons in the North East of England with about 330 stylists and therapists. Uses "
     "Bookings and Rota since 2024. Stylists earn commission on services and retail sales. Operations manager: Jade "
     "Rutherford."
    " Saturdays are the busiest day in every salon.")
email("bell.commission", "Commission report", "jade.rutherford@bellhaven-salons.example.co.uk", f"support@{US}",
      "2026-04-28T17:10:00Z",
      "Hi, we pay stylists 10 % commission on services and 5 % on retail products. At the end of each month I export "
      "bookings and add up the figures in a spreadsheet, which takes two days. Can Bookings produce a commission report "
      "per stylist? Jade")
note("bell.deposits", "Bellhaven deposit policy",
     "After a bad spring with many empty chairs, Bellhaven now asks for a £15 deposit on colour appointments booked "
     "online. Jade reports missed colour appointments down by more than half, with no drop in new bookings. They may "
     "extend deposits to bridal packages.")
opp("bell.opp", "bell.acct", "Bellhaven - renewal 2027", 39000, "GBP", "negotiation", "2027-01-31", 70,
    "Two-year renewal for 330 users. Jade wants the commission report included before signing; product committed it "
    "for the January release."
    " Commission report is the only open point. Price per user unchanged from the current term; two new salons in Durham added to the count.")
call("bell.training", "Jade Rutherford - apprentices", 480, "2026-09-22T09:00:00Z",
     "Bellhaven trains about 30 apprentices a year. Apprentices may only do certain services without a senior stylist "
     "present. Jade asked whether Bookings can hide those services from online booking when no senior is on shift. "
     "Possible with service rules linked to Rota; configured for two pilot salons.")

# ================================================================================================
# 38. Stormcrest Climbing Gyms
acct("storm.acct", "Stormcrest Climbing Gyms Inc.", "Fitness", "US", 240, 19000000, "https://stormcrest-climbing.example.com",
     "Climbing gym chain with six gyms in Salt Lake City, Denver and Las Vegas, about 240 route setters, instructors and "
     "front desk staff. Uses Rota and Bookings since 2025. General manager: Trevor Lindgren."
    " Gyms are open from 6 am to 11 pm.")
email("storm.tz", "Las Vegas schedule an hour off", "trevor.lindgren@stormcrest-climbing.example.com", f"support@{US}",
      "2026-04-07T16:00:00Z",
      "Hi, every shift at our Las Vegas gym shows one hour later in the app than on the schedule we built. Staff came in "
      "at the wrong time twice this week. Salt Lake and Denver are fine. I think the Vegas location was created with "
      "Mountain time instead of Pacific. Can you check? Trevor")
note("storm.setters", "Stormcrest route setting schedule",
     "Route setters reset a quarter of the walls in each gym every week, and walls must be closed while they work. "
     "Trevor wants setting shifts in Rota to close the matching walls in Bookings so that no class is booked there. "
     "Built with a linked resource per wall section.")
opp("storm.opp", "storm.acct", "Stormcrest - Phoenix gym", 6200, "USD", "qualification", "2027-05-31", 40,
    "New gym opening in Phoenix in 2027 with about 40 staff. Rota and Bookings on the same terms as the other six. "
    "Depends on the lease being signed."
    " Trevor Lindgren sponsors. The route setting and wall closure setup will be copied from Denver, and the front desk team will be hired in spring.")
call("storm.waiver", "Trevor Lindgren (Stormcrest) - waivers", 420, "2026-08-11T22:00:00Z",
     "Every climber must sign a liability waiver before the first visit. Trevor wants Bookings to refuse an intro class "
     "booking until the waiver is signed online. Turned on the required document step for intro classes."
    " Trevor said this should cut queues at the front desk on Saturday mornings.")

# ================================================================================================
# 39. Greyling Autoservice
acct("grey.acct", "Greyling Autoservice GmbH", "Automotive Services", "DE", 230, 28000000, "https://greyling-auto.example.de",
     "Independent car repair chain with 11 workshops in Hamburg and Schleswig-Holstein and about 230 mechanics and "
     "service advisers. Uses Bookings for service appointments and Rota since 2025. Managing director: Lars Greyling."
    " Customers book service appointments online or by phone, mostly on Mondays.")
note("grey.council", "Greyling works council - location clock-in",
     "The works council rejected clocking in through the mobile app with location checks: members see it as "
     "surveillance, and the agreement gives them a veto. Greyling will use fixed terminals at each workshop instead. "
     "Rota itself was approved; only the app-based clock-in is off.")
email("grey.tyres", "Tyre change season", "lars.greyling@greyling-auto.example.de", f"support@{US}", "2026-09-21T07:30:00Z",
      "Hello, in October and April customers change between summer and winter tyres and our bookings triple. We want "
      "20-minute tyre slots bookable online only in those weeks, with extra mechanics scheduled automatically. Can "
      "Bookings and Rota do that together? Lars Greyling")
opp("grey.opp", "grey.acct", "Greyling - Kiel workshops", 21000, "EUR", "proposal", "2027-03-31", 50,
    "Two workshops in Kiel acquired in 2026, about 35 staff. Bookings and Rota with terminals for clock-in, as at the "
    "other workshops."
    " Lars Greyling sponsors. The Kiel staff come from a company that used paper rotas, so training will take longer than usual. Terminals ordered for both sites.")
call("grey.loaners", "Lars Greyling - courtesy cars", 360, "2026-06-23T12:00:00Z",
     "Greyling has 25 courtesy cars. Lars asked whether Bookings can reserve a courtesy car together with a service "
     "appointment and block it for the duration. Yes, as a linked resource; set up for the Hamburg-Altona workshop "
     "first."
    " Lars wants all workshops on it by spring.")

# ================================================================================================
# 40. Pipistrelle Escape Rooms
acct("pip.acct", "Pipistrelle Escape Rooms B.V.", "Entertainment", "NL", 75, 4800000, "https://pipistrelle-escape.example.nl",
     "Escape room operator with five venues in Utrecht, Amersfoort and Eindhoven and about 75 game masters, mostly "
     "students. Uses Bookings for room reservations and Rota since 2025. Founder: Joris Veldkamp."
    " Weekends and evenings are fully booked most weeks, and December is the peak.")
call("pip.video", "Joris Veldkamp - testimonial", 360, "2026-10-09T13:00:00Z",
     "Joris agreed to record a two-minute video about how Pipistrelle fills late-evening slots with Bookings, for our "
     "website and social channels. Filming at the Utrecht venue in November; he asked to review the final cut."
    " Marketing will write the script with him.")
note("pip.students", "Pipistrelle student availability",
     "Game masters are students whose availability changes every semester. Joris wants them to enter availability for "
     "the next four weeks in the app, and managers to build the schedule from that. Showed availability requests with a "
     "deadline every Sunday."
    " Joris agreed to try it in January.")
opp("pip.opp", "pip.acct", "Pipistrelle - Eindhoven venue", 2900, "EUR", "closed_won", "2026-05-30", 100,
    "Bookings and Rota for the new Eindhoven venue with four rooms. Signed in May; live in June."
    " Joris Veldkamp signed. The Eindhoven game masters are students at the local university; the same availability process as in Utrecht applies. Four rooms bookable online from the first weekend.")
email("pip.groups", "Company team outings", "joris@pipistrelle-escape.example.nl", f"support@{US}", "2026-02-24T11:00:00Z",
      "Hi, companies book several rooms at once for team outings, sometimes 40 people. Today they email us and we enter "
      "each room separately. Can a company book several rooms at the same time in one booking and pay one invoice? "
      "Joris")

# ================================================================================================
# More contacts and meetings for companies 13-40
contact("drum.renata", "Renata", "Cole", "General Manager", "renata.cole@drummelin-golf.example.com", "+1 480 555 0177",
        "General manager of Drummelin Golf Resorts since October 2026. Previously ran the spa division of a hotel group "
        "that used Loomwork, so she knows Rota and Bookings well. Wants to simplify the resort's software and has "
        "budget authority up to $50,000.")
contact("birch.leah", "Leah", "Park", "Head of Operations", "leah.park@birchlight-cafes.example.ca", "+1 416 555 0108",
        "Head of operations at Birchlight Cafés until the acquisition; now integrating the cafés into Maple & Crumb. "
        "Was our main user and trained every area manager on Rota herself. Friendly and direct; has moved to the parent "
        "company's integration team.")
contact("glim.liam", "Liam", "Tran", "Finance Manager", "liam.tran@glimmerdown.example.com.au", "+61 7 5550 2231",
        "Finance manager at Glimmerdown Cinemas and the person who owns Rota internally. Works late because of the "
        "cinema hours and often writes to support after midnight. Cares about payroll accuracy and the labour budget "
        "per session."
    " Reports to the two owners, who rarely get involved.")
mtg("glim.holidays", "Glimmerdown school holiday planning", "2026-06-16T00:00:00Z", "2026-06-16T01:00:00Z",
    ["Liam Tran", "cinema managers", "Owen Tully"], "Staffing for the July school holidays.",
    "During the Queensland school holidays the cinemas add morning sessions for families, so each site needs about "
    "eight extra casuals per day. Managers will publish the holiday shifts three weeks ahead. Liam asked for a "
    "comparison of planned hours against ticket sales per session after the holidays.")
contact("night.thabo", "Thabo", "Nkosi", "Finance Director", "thabo.nkosi@nightjar-security.example.co.za", "+27 11 555 0192",
        "Finance director of Nightjar Security Services. Chartered accountant who joined from a mining company in 2023. "
        "Manages cash flow tightly because large clients pay late, and negotiates every supplier's terms himself."
    " Also signs off any change to the guards' shift patterns that affects overtime costs.")
contact("marl.nick", "Nick", "Penhaligon", "Harbour Master", "nick.penhaligon@marlowe-quay.example.co.uk", "+44 1326 555 440",
        "Harbour master at Marlowe Quay's largest marina in Falmouth and our main contact while they were a customer. "
        "Former Royal Navy officer. Liked Rota and said so openly, even when the owners decided to stop paying for it."
    " Open to being contacted again later.")
contact("brind.kerry", "Kerry", "Vane", "Head of Stores", "kerry.vane@brindlecombe-pets.example.co.uk", "+44 1823 555 310",
        "Head of stores at Brindlecombe Pet Supplies, responsible for the shops and the grooming salons. Former dog "
        "groomer who built the grooming side of the business. Quick to escalate when something blocks the shops."
    " Visits every shop at least once a month and prefers to see new features there.")
contact("sorrel.daan", "Daan", "de Wit", "Operations Manager", "daan.dewit@sorrelwood.example.nl", "+31 20 555 7781",
        "Operations manager at Sorrelwood Bloemen and the only person who administers Rota. Runs the shops and the "
        "delivery drivers. Practical and informal; prefers a phone call to email and plans every peak day months ahead."
    " Has worked for the company for fifteen years.")
contact("gann.rui", "Rui", "Antunes", "Operations Director", "rui.antunes@gannetshore.example.pt", "+351 21 555 4410",
        "Operations director of Gannetshore Restaurantes. Started as a waiter in the first Cascais restaurant. Hires "
        "and schedules the seasonal staff for the summer terraces and negotiates all supplier contracts."
    " Speaks English and Spanish as well as Portuguese. Prefers meetings at the Lisbon head office.")
contact("lark.meilin", "Mei Lin", "Howe", "Practice Director", "meilin.howe@larkspur-physio.example.com.au", "+61 8 5550 6620",
        "Practice director and co-owner of Larkspur Physiotherapy. Sports physiotherapist who still treats patients two "
        "days a week. Sponsor of the Bookings and Rota project, but the board decides on contract timing."
    " Replies quickly and prefers early-morning calls, Perth time, before clinics open.")
contact("ink.desmond", "Desmond", "Achebe", "Owner", "desmond.achebe@inkwhistle.example.com", "+1 718 555 0146",
        "Owner of Inkwhistle Print Studios. Runs the three studios himself and answers every email personally, often "
        "late at night. Compares prices across vendors carefully because margins in printing are thin."
    " Started the business as a single studio in 2008 and still runs the large presses on busy nights.")
contact("cob.marisol", "Marisol", "Vega", "Regional Director", "marisol.vega@cobaltine-wash.example.com", "+1 713 555 0129",
        "Regional director of Cobaltine Car Washes for Houston and San Antonio, and the sponsor of Rota. Bilingual. "
        "Watches labour cost per car washed every week and expects site managers to react to the weather."
    " Visits a few sites each week unannounced.")
mtg("cob.qbr", "Cobaltine quarterly business review", "2026-10-08T15:00:00Z", "2026-10-08T16:30:00Z",
    ["Marisol Vega", "site managers", "Owen Tully"], "Q3 review in Houston.",
    "Labour cost per car washed fell from $1.90 to $1.62 since the swap limit was switched on in July. Attendant "
    "turnover remains high at about 60 % a year. Marisol wants a report of shifts dropped at short notice per site, "
    "and the Austin sites onboarded before March.")
contact("haz.mette", "Mette", "Hazelrigg", "Owner", "mette.hazelrigg@hazelrigg-cykler.example.dk", "+45 33 55 50 19",
        "Owner of Hazelrigg Cykler and a trained bicycle mechanic. Opened the first shop in Nørrebro in 2009. Makes all "
        "decisions herself and likes to test new features in one shop before rolling them out."
    " Answers email early in the morning. Prefers Danish but happy in English.")
contact("mist.camille", "Camille", "Arnaud", "Founder", "camille.arnaud@mistralbay-yoga.example.fr", "+33 4 91 55 50 72",
        "Founder of Mistral Bay Yoga and teacher at the Marseille Vieux-Port studio. Runs the business with one "
        "administrator. Very attached to her teachers and careful that freelance teachers are treated fairly."
    " Prefers email and takes time to reply during the summer.")
contact("under.priscilla", "Priscilla", "Nakamura", "Executive Director", "priscilla.nakamura@underbough.example.ca", "+1 604 555 0157",
        "Executive director of Underbough Childcare Society. Former early childhood educator and centre manager. "
        "Reports to a volunteer board and has to justify every administration cost against the provincial grants."
    " Careful with any change that affects educators' working conditions; consults the union steward first.")
mtg("under.inspection", "Underbough licensing inspection debrief", "2026-11-18T22:00:00Z", "2026-11-18T23:00:00Z",
    ["Priscilla Nakamura", "centre managers", "Farah Quint"], "What the licensing officer looked at.",
    "The licensing officer checked staffing records at the Burnaby centre and accepted the Rota export showing "
    "educators per room per hour as evidence. No findings. Priscilla wants the same export scheduled monthly for all "
    "16 centres and stored in their document system.")
contact("rav.bryony", "Bryony", "Scarth", "Owner", "bryony.scarth@ravenscar-hardware.example.co.uk", "+44 1947 555 230",
        "Owner of Ravenscar Hardware, which her grandfather founded. Runs the Whitby shop herself. Pragmatic, counts "
        "every pound and does not pay twice for the same function."
    " Prefers to be visited in person rather than called. Keen on anything that helps her small team.")
contact("jun.gwen", "Gwen", "Halvorsen-Beck", "Chief Operating Officer", "gwen.hb@juniperlake-hearing.example.com", "+1 612 555 0163",
        "COO of Juniperlake Hearing Centers and the economic buyer. Audiologist by training. Negotiates firmly but "
        "fairly and values stability; has worked with Loomwork since 2024."
    " Meets her suppliers once a quarter and expects a short written agenda a few days in advance.")
mtg("jun.qbr", "Juniperlake quarterly review", "2026-08-13T19:00:00Z", "2026-08-13T20:00:00Z",
    ["Gwen Halvorsen-Beck", "Tyler Brandt", "Farah Quint"], "Q2 review.",
    "Missed appointments across the 20 centers stood at 9 %, highest in the Wisconsin centers, which were not yet on "
    "Bookings. Gwen wants them moved over before the renewal. Tyler asked for a waiting list so cancelled fittings can "
    "be offered to other patients.")
contact("oak.simon", "Simon", "Oakumber", "Managing Director", "simon@oakumber-funerals.example.co.uk", "+44 1522 555 118",
        "Managing director of Oakumber Funeral Services, fourth generation of the family. Careful about tone in everything "
        "the company sends, to staff as well as to families. Decides quickly when the case is clear."
    " Prefers letters and phone calls to chat messages.")
contact("feath.niamh", "Niamh", "Kilbride", "Director", "niamh@featherstep.example.ie", "+353 1 555 2290",
        "Director and founder of Featherstep Dance Academies, and a former professional ballet dancer. Handles the "
        "relationship with parents personally and is strict about child safeguarding rules."
    " Works from the Dublin school most days and travels to Galway and Limerick once a week.")
contact("tam.weijie", "Wei Jie", "Tan", "Managing Director", "weijie.tan@tamarisk-cowork.example.sg", "+65 6555 0142",
        "Managing director of Tamarisk Coworking. Former hotel manager. Thinks of the spaces as hospitality and measures "
        "member satisfaction monthly. Expanding into Malaysia and wants one system for both countries."
    " Prefers short video calls early in the morning, Singapore time, with an agenda.")
mtg("tam.kl", "Tamarisk Kuala Lumpur kick-off", "2026-12-02T02:00:00Z", "2026-12-02T03:30:00Z",
    ["Wei Jie Tan", "Tamarisk finance", "Nadia Brook"], "Planning the Malaysian rollout.",
    "Agreed the plan for the Malaysian spaces: separate billing entity from January, Bookings for meeting rooms with "
    "credits as in Singapore, and community hosts hired locally. Public holidays differ between the two countries, so "
    "each location needs its own holiday calendar in Rota.")
contact("bell.jade", "Jade", "Rutherford", "Operations Manager", "jade.rutherford@bellhaven-salons.example.co.uk", "+44 191 555 0175",
        "Operations manager at Bellhaven Hair & Beauty. Former salon manager in Newcastle. Spends too much time on "
        "spreadsheets at the end of each month and pushes hard for anything that automates reporting."
    " Sponsor of the renewal and the person who decides on new features.")
contact("storm.trevor", "Trevor", "Lindgren", "General Manager", "trevor.lindgren@stormcrest-climbing.example.com", "+1 801 555 0139",
        "General manager of Stormcrest Climbing Gyms and a former competition climber. Manages the route setting team "
        "personally. Informal, quick to report problems, and patient while they are fixed."
    " Often replies from the gym floor. Splits his time between Salt Lake City and Denver.")
contact("grey.lars", "Lars", "Greyling", "Managing Director", "lars.greyling@greyling-auto.example.de", "+49 40 555 81 20",
        "Managing director of Greyling Autoservice and master mechanic. Took over from his father in 2015. Works closely "
        "with the works council and will not introduce anything they oppose."
    " Prefers German for contracts and English for day-to-day questions. Visits a different workshop every day.")
contact("pip.joris", "Joris", "Veldkamp", "Founder", "joris@pipistrelle-escape.example.nl", "+31 30 555 6120",
        "Founder of Pipistrelle Escape Rooms, designs most of the rooms himself. Enthusiastic about Bookings and happy "
        "to talk about it. Employs mostly students and tries to keep scheduling flexible for them."
    " Happy to meet in the Utrecht venue, ideally on a weekday morning.")
mtg("pip.review", "Pipistrelle yearly review", "2026-06-24T12:00:00Z", "2026-06-24T13:00:00Z",
    ["Joris Veldkamp", "venue managers", "Nadia Brook"], "First year on Bookings and Rota.",
    "Occupancy of late-evening slots rose from 55 % to 78 % after the rooms became bookable online until 30 minutes "
    "before start. Joris wants last-minute discounts for empty slots and a report of game masters' hours per venue for "
    "the student payroll.")

# ================================================================================================
# Questions: kind, question, answer(s), hard distractors.

# --- detail: a number, a date, a person ----------------------------------------------------------
Q("detail", "How big a price reduction did Quillfeather Bakeries get for committing to a multi-year contract?",
  ["quill.renew"], ["velv.discount", "wren.discount", "quill.billing"])
Q("detail", "What percentage is Velvetine's finance chief demanding before agreeing to a longer deal?",
  ["velv.discount"], ["quill.renew", "halc.volume", "velv.champion"])
Q("detail", "What settlement period did we concede to Marrowgate's purchasing team?",
  ["marrow.terms"], ["night.terms", "marrow.renew", "quill.billing"])
Q("detail", "To what date has Saffronhill pushed their launch?",
  ["saff.delay"], ["tide.golive", "fenn.freeze", "saff.discount"])
Q("detail", "How much money did we hand back to the cider maker for charging too many users?",
  ["kettle.credit"], ["kettle.invoice", "ashg.outage", "sorrel.vat"])
Q("detail", "What compensation did Ashgrove receive after our platform went down for a morning?",
  ["ashg.outage"], ["ashg.renew", "kettle.credit", "ashg.cfo"])
Q("detail", "For how long must Corriebank be able to show who worked each shift?",
  ["corrie.retention"], ["corrie.swap", "tide.rest", "under.inspection"])
Q("detail", "What price rise did Lanternfold finally agree to?",
  ["lant.renewal"], ["lant.price", "thist.uplift", "jun.renew"])
Q("detail", "What percentage off does Halcyra pay now that they crossed a size threshold?",
  ["halc.volume"], ["quill.renew", "under.grantok", "halc.pilotext"])
Q("detail", "What reduction did Wrenfield actually end up with, as opposed to their opening demand?",
  ["wren.discount"], ["quill.renew", "saff.discount", "wren.earlier"])
Q("detail", "From which date will Tidewright's seafarers be rostered with us, given the new legal requirement?",
  ["tide.golive"], ["tide.sponsor", "wren.earlier", "saff.delay"])
Q("detail", "How large a reduction did the Vancouver nursery operator secure thanks to its charitable status?",
  ["under.grantok"], ["under.grant", "halc.volume", "under.opp"])
Q("detail", "How much did Juniperlake's prices go up at their latest contract extension?",
  ["jun.renew"], ["lant.renewal", "thist.uplift", "jun.champion"])
Q("detail", "Until what date did Halcyra push out the end of their stock-control test?",
  ["halc.pilotext"], ["kettle.pilot", "rav.trial", "halc.volume"])
Q("detail", "How much are we charging to move data across for the clinics Marrowgate took over?",
  ["marrow.expand"], ["marrow.training", "halc.volume", "grey.opp"])
Q("detail", "What alternative did we put forward when Nightjar wanted a much longer credit period?",
  ["night.terms"], ["marrow.terms", "night.opp", "quill.billing"])
Q("detail", "What does Cobaltine now spend on wages for every vehicle it cleans?",
  ["cob.qbr"], ["cob.overtime", "cob.rain", "pip.review"])
Q("detail", "What share of Pipistrelle's night-time sessions get sold since customers could reserve right up to the start?",
  ["pip.review"], ["pip.video", "bell.deposits", "pip.opp"])
Q("detail", "How much has spoilage of greengrocery at Thistleroot dropped as a share of turnover?",
  ["thist.produce"], ["quill.waste", "wren.waste", "thist.uplift"])
Q("detail", "At Brindlecombe, what fraction of pet-pampering visits end up being skipped these days?",
  ["brind.grooming"], ["bell.deposits", "jun.qbr", "brind.opp"])
Q("detail", "How much must Bellhaven clients pay in advance to reserve a dye job on the web?",
  ["bell.deposits"], ["brind.grooming", "bell.commission", "bell.training"])
Q("detail", "By what percentage is Glimmerdown's projected wage bill short of the real payroll?",
  ["glim.penalty"], ["glim.sso", "cob.overtime", "glim.opp"])
Q("detail", "What's the current lead time before a cyclist can get their bike fixed at Hazelrigg in the Danish capital?",
  ["haz.repairs"], ["haz.ebike", "haz.holiday", "grey.tyres"])
Q("detail", "What headcount will Drummelin be charged for in the hot season under the arrangement we approved?",
  ["drum.seasonalok"], ["drum.seasonal", "kettle.harvest", "drum.heat"])
Q("detail", "What share of days must Orrinhall find a stand-in by the morning bell for the trial to count as a win?",
  ["orr.pilot"], ["orr.checks", "halc.pilotext", "orr.procure"])
Q("detail", "What did Ombrelle get off for settling the full year ahead of time?",
  ["ombr.upfront"], ["quill.renew", "quill.billing", "ombr.pilot"])
Q("detail", "Who is standing in for Ombrelle's retail chief during her months off?",
  ["ombr.leave"], ["ombr.elodie", "ombr.sms", "velv.champion"])
Q("detail", "How much does Zephyrine plan to charge gym-goers who don't turn up for a session they reserved?",
  ["zeph.noshow"], ["bell.deposits", "brind.grooming", "zeph.trainers"])
Q("detail", "How much less is Corriebank paying for hired-in nurses since using us?",
  ["corrie.agency"], ["corrie.freeze", "cob.qbr", "corrie.opp"])
Q("detail", "What minimum travel gap between the two cities does Saffronhill need?",
  ["saff.float"], ["saff.delay", "saff.baa", "tam.hours"])

# --- contrast: the decisive fact, or a negation ---------------------------------------------------
Q("contrast", "Which prospect still closed with us although the person who evaluated our product quit before the signature?",
  ["brack.signed"], ["velv.champion", "tide.sponsor", "brack.peak"])
Q("contrast", "Which client extended their contract even though their branches had been flooding us with support tickets?",
  ["marrow.renew"], ["marrow.sms", "ashg.renew", "birch.churn"])
Q("contrast", "Which departing customer left for reasons that had nothing to do with cost or our service?",
  ["birch.churn"], ["marl.churn", "marrow.renew", "birch.acct"])
Q("contrast", "Which customer dropped us purely on money even though they liked the product?",
  ["marl.churn"], ["birch.churn", "rav.stock", "ashg.renew"])
Q("contrast", "Which customer's leadership turned down a try-out of online reservations rather than run parallel schedules?",
  ["ombr.pilot"], ["velv.spa", "glim.pilot", "kettle.pilot"])
Q("contrast", "Which trial of customer self-scheduling for pampering services was approved instead of refused?",
  ["velv.spa"], ["ombr.pilot", "kettle.pilot", "brind.grooming"])
Q("contrast", "Where did a trial of letting employees grab unfilled work fall flat with the workforce though supervisors liked it?",
  ["glim.pilot"], ["ombr.pilot", "brack.peak", "rav.trial"])
Q("contrast", "Which customer's internal advocate was expected to walk out but ended up with a bigger title?",
  ["tide.sponsor"], ["thist.promo", "velv.champion", "tide.golive"])
Q("contrast", "Which customer is losing its everyday admin champion to his own startup, rather than to a rival?",
  ["jun.champion"], ["velv.champion", "brack.signed", "drum.sponsor"])
Q("contrast", "Where did our original purchaser stop working for good, but the newcomer arrives already familiar with us and keen to buy more?",
  ["drum.sponsor"], ["velv.champion", "jun.champion", "drum.renata"])
Q("contrast", "Which account stayed on board after an incident but refused a longer commitment until we prove reliability?",
  ["ashg.renew"], ["ashg.outage", "marrow.renew", "birch.churn"])
Q("contrast", "Which customer brought their start forward for a seasonal rush rather than for a legal deadline?",
  ["wren.earlier"], ["tide.golive", "saff.delay", "wren.discount"])
Q("contrast", "Who gave up on getting a reduction once we threw in complimentary coaching sessions?",
  ["saff.discount"], ["wren.discount", "ink.discount", "saff.delay"])
Q("contrast", "Which tiny account got a flat no on its request for money off but signed again anyway?",
  ["ink.discount"], ["saff.discount", "under.grantok", "ink.opp"])
Q("contrast", "Which workforce body vetoed GPS check-ins from handsets, even though it accepted the scheduling product itself?",
  ["grey.council"], ["zeph.council", "fenn.sso", "grey.lars"])
Q("contrast", "Which customer swallowed the standard price rise without any haggling?",
  ["thist.uplift"], ["lant.renewal", "jun.renew", "sorrel.freeze"])
Q("contrast", "Where did we lose an add-on sale to something bundled at no charge, despite the buyer preferring our module?",
  ["rav.stock"], ["marl.churn", "rav.trial", "gann.tables"])
Q("contrast", "Where do shift trades made without reception get lost, even though attendance stamps sync fine?",
  ["tide.offline"], ["night.offline", "tide.rest", "glim.pilot"])
Q("contrast", "Which contented customer won't permit their brand in our promotional material?",
  ["lant.ref"], ["brack.ref", "pip.video", "lant.miriam"])
Q("contrast", "Which resort kept its existing golf reservation system instead of adopting ours?",
  ["drum.teetime"], ["gann.tables", "ombr.pilot", "drum.opp"])

# --- paraphrase: the situation in other words ----------------------------------------------------
Q("paraphrase", "Where has end-of-day leftover stock shrunk since demand predictions began driving how much gets made?",
  ["quill.waste"], ["thist.produce", "wren.waste", "quill.xmas"])
Q("paraphrase", "At Quillfeather, what gets transcribed by hand from the finance system after close of business, and what went wrong because of it?",
  ["quill.sage"], ["pip.groups", "oak.funerals", "quill.billing"])
Q("paraphrase", "Whose night workers came in at the wrong moment after the autumn DST switch?",
  ["velv.dst"], ["storm.tz", "velv.hosting", "glim.penalty"])
Q("paraphrase", "Where are employees at one branch turning up sixty minutes out because the location was configured for a neighbouring time band?",
  ["storm.tz"], ["velv.dst", "storm.setters", "tam.kl"])
Q("paraphrase", "Which hospitality client demanded that personal data never be stored outside the EU?",
  ["velv.hosting"], ["halc.hosting", "saff.baa", "velv.spa"])
Q("paraphrase", "Where did a short try-out cut inventory counting from days to hours and convince the boss to go ahead?",
  ["kettle.pilot"], ["halc.pilotext", "rav.trial", "kettle.opp"])
Q("paraphrase", "Why did Corriebank put every new purchase on ice?",
  ["corrie.freeze"], ["corrie.opp", "ashg.cfo", "under.grant"])
Q("paraphrase", "Under what monitoring limits did Zephyrine's employee representatives sign off on staff planning?",
  ["zeph.council"], ["grey.council", "zeph.trainers", "zeph.opp"])
Q("paraphrase", "Where must self-employed instructors be offered work rather than rostered, so they aren't deemed staff?",
  ["zeph.trainers"], ["sorrel.drivers", "mist.teachers", "zeph.council"])
Q("paraphrase", "Who has to document gratuity sharing by time on the clock for each server?",
  ["birch.tips"], ["mist.teachers", "bell.commission", "birch.churn"])
Q("paraphrase", "Who pays hairdressers different bonus percentages on treatments and on merchandise, and wants that calculated for them?",
  ["bell.commission"], ["mist.teachers", "birch.tips", "bell.opp"])
Q("paraphrase", "Whose governance rule ties any new supplier agreement to their accounting calendar, delaying us by months?",
  ["lark.july"], ["fenn.freeze", "saff.delay", "lark.opp"])
Q("paraphrase", "Why has Fennimore's launch slipped into spring?",
  ["fenn.freeze"], ["lark.july", "saff.delay", "fenn.sso"])
Q("paraphrase", "What identity requirement does Fennimore's IT impose on everyone who signs in, including cleanup when people quit?",
  ["fenn.sso"], ["glim.sso", "fenn.freeze", "fenn.opp"])
Q("paraphrase", "Where are out-of-hours emergency callouts unevenly shared among repair staff?",
  ["fenn.oncall"], ["oak.oncall", "marl.storm", "fenn.opp"])
Q("paraphrase", "Which customer was upset by upbeat automated texts given how sombre their work is?",
  ["oak.wording"], ["ombr.sms", "oak.oncall", "jun.reminders"])
Q("paraphrase", "What should happen at Underbough when the carer-to-toddler proportion is breached?",
  ["under.ratio"], ["under.inspection", "corrie.swap", "under.sub"])
Q("paraphrase", "Who'd like the schedule to shrink on drizzly days because fewer vehicles come through?",
  ["cob.rain"], ["drum.heat", "sorrel.peak", "cob.overtime"])
Q("paraphrase", "What must Drummelin do to keep lawn-care teams out of the sun in the hottest weeks?",
  ["drum.heat"], ["cob.rain", "drum.seasonalok", "storm.setters"])
Q("paraphrase", "Who is barred from simply placing an order with us and needs a government purchasing agreement or a partner instead?",
  ["orr.procure"], ["orr.opp", "under.grant", "orr.checks"])
Q("paraphrase", "At Orrinhall, what must be confirmed before a temporary classroom replacement can be scheduled?",
  ["orr.checks"], ["under.sub", "orr.pilot", "wren.cafe"])
Q("paraphrase", "At Hazelrigg, which jobs may only go to the few technicians approved by the engine maker?",
  ["haz.ebike"], ["haz.repairs", "ink.press", "wren.cafe"])
Q("paraphrase", "Which retailer urgently needed to trace a withdrawn product lot across its branches?",
  ["brind.recall"], ["brack.sync", "brind.grooming", "thist.produce"])
Q("paraphrase", "Why does Tamarisk need separate bills in a second currency?",
  ["tam.currency"], ["tam.kl", "tam.opp", "sorrel.vat"])
Q("paraphrase", "What does Pipistrelle want for corporate outings that need multiple puzzle chambers on a single bill?",
  ["pip.groups"], ["pip.students", "tam.rooms", "pip.review"])
Q("paraphrase", "How would Juniperlake rather remind elderly clients, since they ignore texts?",
  ["jun.reminders"], ["marrow.sms", "oak.wording", "jun.hearing"])
Q("paraphrase", "Which customer got us to hold prices steady next year because they're shrinking?",
  ["sorrel.freeze"], ["thist.uplift", "lant.renewal", "sorrel.vat"])
Q("paraphrase", "Which customer's waiting staff have a midday and an evening stint that get double-counted?",
  ["gann.split"], ["tide.rest", "gann.summer", "glim.penalty"])
Q("paraphrase", "Where are mobiles forbidden at the workstations, so attendance must come from existing access tags?",
  ["ashg.badges"], ["grey.council", "night.offline", "fenn.sso"])
Q("paraphrase", "When does Mistral Bay stop paying us while their locations shut?",
  ["mist.pause"], ["drum.seasonalok", "kettle.harvest", "mist.refunds"])
Q("paraphrase", "Where has growth of the account frozen since the woman who picked us defected to a rival?",
  ["velv.champion"], ["brack.signed", "jun.champion", "velv.marco"])
Q("paraphrase", "Which shop chain will vouch for us to potential buyers, as long as its finances stay private?",
  ["brack.ref"], ["lant.ref", "pip.video", "brack.fiona"])
Q("paraphrase", "How do Nightjar staff register the start of their duty when rolling blackouts kill mobile coverage?",
  ["night.offline"], ["tide.offline", "night.patrol", "night.overtime"])


# ================================================================================================
def main():
    counters = {}
    key_of = {}
    for sid, prefix, _ in RECORDS:
        assert sid not in key_of, f"duplicate id {sid}"
        counters[prefix] = counters.get(prefix, 0) + 1
        key_of[sid] = f"h-{prefix}-{counters[prefix]:03d}"
    shards = []
    for sid, prefix, entry in RECORDS:
        out = {"key": key_of[sid]}
        if "accountKey" in entry:
            out["accountKey"] = key_of[entry["accountKey"]]
        out["shard"] = entry["shard"]
        shards.append(out)
    queries = []
    for n, (kind, query, relevant, distractors) in enumerate(QUESTIONS, 1):
        queries.append({"id": f"h{n:02d}", "kind": kind, "query": query,
                        "relevant": [key_of[s] for s in relevant],
                        "distractors": [key_of[s] for s in distractors]})
    for name, data in (("shards.json", shards), ("queries.json", queries)):
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
            f.write("\n")
    print(f"wrote {len(shards)} shards and {len(queries)} questions")


if __name__ == "__main__":
    main()
