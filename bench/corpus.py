"""Deterministic generator of realistic clinic Markdown for the benchmarks.

Every file is built from one ``random.Random`` seeded with ``seed * 1_000_003 + index``, so file ``i`` is the same
whatever the corpus size (the 100-file corpus is the first 100 files of the 1,000-file one) and nothing depends on
hash ordering: every choice is made from a list or tuple. A file has optional YAML front matter, a title, sections
with headings, paragraphs, bullet and numbered lists, links, and a closing call to action; its sentences mix neutral
patient information, careful (cited, hedged) statements, claims that irlint flags ("painless", "guaranteed results",
"best clinic in town", uncited percentages), copy-hygiene slips ("Leave a Reply", placeholders) and grammar mistakes.
Each file has 300 to 1,500 words as counted by :func:`count_words`.

Usage::

    python bench/corpus.py --files 1000 --out bench/.work/corpora/n1000 [--seed 20240611]

The directory is rewritten only when its marker (``<out>.json``, beside the directory so that no linter reads it)
does not record the same parameters.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random

GENERATOR_VERSION = 1
DEFAULT_SEED = 20240611
MIN_WORDS = 300
MAX_WORDS = 1500
FILES_PER_DIRECTORY = 500

# --- vocabulary -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Procedure:
    """A procedure a clinic page can be about, with the conditions it treats and where it is done."""

    name: str
    short: str
    conditions: tuple[str, ...]
    body: tuple[str, ...]
    specialist: str
    imaging: tuple[str, ...]


PROCEDURES: tuple[Procedure, ...] = (
    Procedure(
        "genicular nerve ablation",
        "nerve ablation",
        ("knee osteoarthritis", "chronic knee pain", "pain after knee replacement"),
        ("knee", "joint"),
        "interventional radiologist",
        ("fluoroscopy", "ultrasound"),
    ),
    Procedure(
        "radiofrequency ablation",
        "RFA",
        ("facet joint pain", "chronic low back pain", "neck pain", "sacroiliac joint pain"),
        ("lower back", "neck", "spine"),
        "pain medicine physician",
        ("fluoroscopy", "X-ray guidance"),
    ),
    Procedure(
        "epidural steroid injection",
        "epidural injection",
        ("sciatica", "a herniated disc", "spinal stenosis", "radiating leg pain"),
        ("lower back", "spine", "leg"),
        "pain specialist",
        ("fluoroscopy", "CT guidance"),
    ),
    Procedure(
        "uterine fibroid embolization",
        "fibroid embolization",
        ("uterine fibroids", "heavy menstrual bleeding", "pelvic pressure"),
        ("uterus", "pelvis"),
        "interventional radiologist",
        ("angiography", "fluoroscopy"),
    ),
    Procedure(
        "endovenous laser ablation",
        "vein ablation",
        ("varicose veins", "chronic venous insufficiency", "leg swelling"),
        ("leg", "calf", "thigh"),
        "vein specialist",
        ("duplex ultrasound", "ultrasound"),
    ),
    Procedure(
        "sclerotherapy",
        "sclerotherapy",
        ("spider veins", "small varicose veins", "reticular veins"),
        ("leg", "ankle"),
        "vascular physician",
        ("ultrasound", "transillumination"),
    ),
    Procedure(
        "kyphoplasty",
        "kyphoplasty",
        ("vertebral compression fractures", "osteoporotic fractures", "spinal fractures"),
        ("spine", "mid back"),
        "spine interventionalist",
        ("fluoroscopy", "CT guidance"),
    ),
    Procedure(
        "prostate artery embolization",
        "PAE",
        ("an enlarged prostate", "benign prostatic hyperplasia", "urinary symptoms"),
        ("prostate", "pelvis"),
        "interventional radiologist",
        ("angiography", "cone-beam CT"),
    ),
    Procedure(
        "genicular artery embolization",
        "GAE",
        ("knee osteoarthritis", "knee pain", "inflammation of the knee lining"),
        ("knee",),
        "interventional radiologist",
        ("angiography", "fluoroscopy"),
    ),
    Procedure(
        "platelet-rich plasma injection",
        "PRP injection",
        ("tennis elbow", "tendon injuries", "plantar fasciitis", "partial rotator cuff tears"),
        ("elbow", "heel", "shoulder", "tendon"),
        "sports medicine physician",
        ("ultrasound",),
    ),
    Procedure(
        "occipital nerve block",
        "nerve block",
        ("migraines", "occipital neuralgia", "cluster headaches"),
        ("scalp", "back of the head"),
        "headache specialist",
        ("ultrasound", "landmark guidance"),
    ),
    Procedure(
        "spinal cord stimulation",
        "spinal cord stimulator",
        ("nerve pain after back surgery", "complex regional pain syndrome", "diabetic neuropathy"),
        ("spine", "legs", "feet"),
        "pain medicine physician",
        ("fluoroscopy",),
    ),
    Procedure(
        "image-guided biopsy",
        "biopsy",
        ("a suspicious lump", "an abnormal scan", "an enlarged lymph node"),
        ("liver", "lung", "lymph node", "breast"),
        "interventional radiologist",
        ("CT guidance", "ultrasound"),
    ),
    Procedure(
        "abscess drainage",
        "drainage",
        ("a deep abscess", "a fluid collection after surgery", "an infected cyst"),
        ("abdomen", "pelvis", "liver"),
        "interventional radiologist",
        ("CT guidance", "ultrasound"),
    ),
    Procedure(
        "hyaluronic acid knee injection",
        "gel injection",
        ("knee osteoarthritis", "stiff knees", "mild cartilage wear"),
        ("knee",),
        "orthopedic physician",
        ("ultrasound", "landmark guidance"),
    ),
    Procedure(
        "trigger point injection",
        "trigger point injection",
        ("myofascial pain", "tight muscle knots", "tension-type neck pain"),
        ("shoulder", "neck", "upper back"),
        "physiatrist",
        ("ultrasound", "palpation"),
    ),
    Procedure(
        "dental implant placement",
        "dental implant",
        ("a missing tooth", "several missing teeth", "loose dentures"),
        ("jaw", "gums"),
        "oral surgeon",
        ("cone-beam CT", "digital X-rays"),
    ),
    Procedure(
        "fractional laser resurfacing",
        "laser resurfacing",
        ("acne scars", "fine lines", "sun damage", "uneven skin texture"),
        ("face", "neck", "skin"),
        "dermatologist",
        ("skin analysis imaging",),
    ),
    Procedure(
        "botulinum toxin injection",
        "Botox treatment",
        ("chronic migraines", "excessive sweating", "neck muscle spasms"),
        ("forehead", "neck", "underarms"),
        "neurologist",
        ("EMG guidance", "landmark guidance"),
    ),
    Procedure(
        "carpal tunnel release",
        "carpal tunnel release",
        ("carpal tunnel syndrome", "numb fingers", "hand weakness"),
        ("wrist", "hand"),
        "hand surgeon",
        ("ultrasound",),
    ),
    Procedure(
        "thyroid nodule ablation",
        "thyroid ablation",
        ("benign thyroid nodules", "a visible neck lump", "pressure when swallowing"),
        ("neck", "thyroid"),
        "endocrine radiologist",
        ("ultrasound",),
    ),
    Procedure(
        "shockwave therapy",
        "shockwave therapy",
        ("plantar fasciitis", "calcific shoulder tendinitis", "Achilles tendinopathy"),
        ("heel", "shoulder", "ankle"),
        "physical therapist",
        ("ultrasound",),
    ),
)

CLINIC_FIRST = (
    "Riverside",
    "Lakeview",
    "Summit",
    "Northgate",
    "Harbor",
    "Cedar Park",
    "Willow Creek",
    "Maple Grove",
    "Bayside",
    "Oakridge",
    "Pinecrest",
    "Westfield",
    "Highland",
    "Stonebridge",
    "Clearwater",
    "Fairview",
    "Meadowbrook",
    "Silver Lake",
    "Granite Hills",
    "Brookside",
)
CLINIC_KIND = (
    "Pain Clinic",
    "Vein Center",
    "Interventional Radiology",
    "Spine and Pain Institute",
    "Vascular Associates",
    "Orthopedic Group",
    "Health Partners",
    "Medical Group",
    "Dermatology",
    "Dental Studio",
    "Women's Health Center",
    "Sports Medicine",
)
CITIES = (
    "Springfield",
    "Portland",
    "Madison",
    "Austin",
    "Columbus",
    "Raleigh",
    "Boise",
    "Tucson",
    "Albany",
    "Savannah",
    "Eugene",
    "Fort Collins",
    "Ann Arbor",
    "Greenville",
    "Santa Rosa",
    "Burlington",
    "Bend",
    "Asheville",
    "Lancaster",
    "Bellingham",
)
DOCTOR_FIRST = (
    "Maria",
    "James",
    "Aisha",
    "Daniel",
    "Priya",
    "Thomas",
    "Elena",
    "Kwame",
    "Sarah",
    "Hiroshi",
    "Fatima",
    "Lucas",
    "Grace",
    "Omar",
    "Ingrid",
    "Mateo",
)
DOCTOR_LAST = (
    "Alvarez",
    "Chen",
    "Okafor",
    "Nguyen",
    "Patel",
    "Kowalski",
    "Rossi",
    "Haddad",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Brennan",
    "Schmidt",
    "Osei",
    "Ramirez",
    "Fischer",
)
RISKS = (
    "bleeding",
    "infection",
    "bruising",
    "soreness where the needle went in",
    "a temporary increase in pain",
    "an allergic reaction to the contrast dye",
    "numbness that usually fades",
    "nerve irritation",
    "a headache",
    "swelling",
    "skin discoloration",
    "a small blood clot",
    "flushing or a raised blood sugar for a day or two",
    "radiation exposure from the imaging",
)
ACTIVITIES = (
    "walking the dog",
    "gardening",
    "climbing stairs",
    "playing with your grandchildren",
    "sitting through a workday",
    "driving",
    "sleeping through the night",
    "getting back on the tennis court",
    "lifting groceries",
    "standing at work",
    "cycling",
    "cooking a family meal",
)
DURATIONS = (
    "about 30 minutes",
    "45 to 60 minutes",
    "less than an hour",
    "about two hours",
    "20 to 40 minutes",
    "about an hour",
    "up to 90 minutes",
)
JOURNALS = (
    "J Vasc Interv Radiol",
    "Pain Physician",
    "Radiology",
    "Spine",
    "Reg Anesth Pain Med",
    "Cardiovasc Intervent Radiol",
    "Arthritis Care Res",
    "J Am Acad Dermatol",
    "BMJ",
    "Lancet",
)
LINK_PAGES = (
    ("book a consultation", "/contact"),
    ("our insurance page", "/insurance"),
    ("what to bring to your visit", "/patients/first-visit"),
    ("meet our doctors", "/about/doctors"),
    ("patient forms", "/patients/forms"),
    ("directions and parking", "/locations"),
    ("our price list", "/pricing"),
    ("the patient portal", "https://portal.example.org/login"),
    ("request your records", "/patients/records"),
    ("financing options", "/billing/financing"),
)
EXTERNAL_SOURCES = (
    ("the Society of Interventional Radiology", "https://www.sirweb.org/patient-center/"),
    ("MedlinePlus", "https://medlineplus.gov/"),
    ("the NHS website", "https://www.nhs.uk/conditions/"),
    ("the American College of Radiology", "https://www.radiologyinfo.org/"),
    ("the Arthritis Foundation", "https://www.arthritis.org/"),
    ("the American Academy of Dermatology", "https://www.aad.org/public"),
)
TAGS = (
    "pain",
    "back pain",
    "knee pain",
    "veins",
    "women's health",
    "spine",
    "minimally invasive",
    "patient education",
    "recovery",
    "imaging",
    "sports injuries",
    "skin",
    "dental",
)
CONTENT_TYPES = ("blog", "service", "faq", "landing", "testimonial", "news")

# --- sentence templates ------------------------------------------------------------------------------------------
# ``{slot}`` is filled from the document context; ``[a|b|c]`` picks one alternative (alternatives may contain slots).

NEUTRAL = (
    "{Proc} is a [procedure|treatment|minimally invasive procedure] for [people|adults|patients] with {cond}.",
    "During {proc}, the {spec} uses {imaging} to guide [a thin needle|a small catheter|a narrow probe] to the {body}.",
    "{Cond} can make everyday things like {activity} [hard|painful|tiring], and it often affects sleep and mood.",
    "[Most|Many] people [go home|leave] the same day, [and|but] you will need someone to drive you home.",
    "The procedure itself [usually takes|takes] {duration}, [plus time to check in and recover|not counting "
    "check-in and recovery].",
    "Before your visit, [we will|our nurse will] [call you|send you a message] to go over your medicines.",
    "[Tell us|Let us know] if you take blood thinners, because some need to be paused [for a few days|beforehand].",
    "[Wear loose clothing|Wear comfortable clothes] and leave jewelry at home on the day of your appointment.",
    "[A nurse|Our team] will [check your blood pressure|take your vital signs] and answer any last questions.",
    "You [will|may] get [a local anesthetic|numbing medicine|light sedation] so that you stay comfortable.",
    "Your [doctor|{spec}] will explain what the [scans|images|tests] show and [what the options are|which options "
    "fit your situation].",
    "Not every {body} problem needs a procedure; [physical therapy|exercise|weight management|medication] comes first "
    "for many people.",
    "[Afterwards|After the procedure], you will rest [in the recovery area|for a short while] while the nurse checks "
    "the {body}.",
    "{Cond} can have [several|many|different] causes, so the first visit [focuses on|is about] [finding out what is "
    "going on|a careful history and exam].",
    "[Bring|Please bring] a list of your medicines, your insurance card and any recent [scans|imaging reports].",
    "The {spec} [makes|uses] a [small nick|tiny opening] in the skin, [about the size of|no bigger than] a grain of "
    "rice.",
    "[Insurance|Medicare and most private plans] [often cover|may cover] {proc} when [certain criteria are met|other "
    "treatments have been tried first].",
    "Our front desk can [check your benefits|look up your coverage] before you [book|schedule].",
    "[Most|Some] people notice a change [after a few days|over the following weeks], while others notice little "
    "difference.",
    "You can [call|phone] the clinic at any time if you have questions about your [recovery|care plan|bill].",
    "{Imaging} lets the doctor see the {body} [in real time|as they work] during the procedure.",
    "Some people need a second [session|treatment] [after several months|later on], depending on how they respond.",
    "[Keep the bandage dry|Keep the dressing clean and dry] for [24 hours|the first day] after the procedure.",
    "[Light walking|Gentle movement] is usually encouraged [the next day|soon after], but avoid heavy lifting "
    "[for a week|for several days].",
    "Our clinic in {city} has [free parking|parking on site|step-free access] and [a quiet waiting room|a "
    "wheelchair-accessible entrance].",
    "Dr. {doctor} trained in [interventional radiology|pain medicine|vascular medicine] and has worked in {city} for "
    "[several|many|over ten] years.",
    "Your follow-up [visit|call] is usually [two to six weeks|a few weeks] after the procedure.",
    "[Ask|Feel free to ask] your doctor how {proc} compares with other options for {cond}.",
    "The {body} may feel [sore|tender|stiff] for a day or two, and an ice pack can help.",
    "We send a written summary of the procedure to your [family doctor|primary care physician|referring doctor].",
    "[Children|Teenagers] and pregnant patients may need a different approach, which your doctor will discuss.",
    "Many people with {cond} [try|start with] [rest|ice|over-the-counter pain relievers|a brace] before considering "
    "{proc}.",
)

CAREFUL = (
    "In a [study|trial|randomized trial] of {n} adults, about {pct}% reported less pain at {months} months [{ref}].",
    "Results differ from person to person, and some people get little or no relief.",
    "Like any procedure, {proc} carries risks, such as {risk}, {risk2} or, rarely, {risk3}.",
    "The most common side effects are {risk} and {risk2}, which usually settle within a few days.",
    "Relief after {proc} is often temporary, and some people need repeat treatments.",
    "Individual results may vary, and your doctor will talk through realistic goals with you.",
    "For some people, {proc} may reduce pain for several months; how long it lasts varies [{ref}].",
    "Published data suggest that serious complications are uncommon, but they can happen [{ref}].",
    "{Proc} is not right for everyone, and your doctor may suggest a different treatment.",
    "The device we use is FDA-cleared for [certain|specific] uses; your doctor will explain whether it fits your "
    "condition.",
    "In one review, about {pct}% of patients [were satisfied|reported improvement] a year later ({author}, {year}).",
    "Complications such as {risk} happen in about {small} in 100 procedures, according to {source_name}.",
    "Some people feel worse for a day or two before they feel better, which is expected.",
    "There is no cure for {cond}, but some treatments can ease symptoms for a while.",
)

CLAIMS = (
    "{Proc} is completely painless and has no side effects.",
    "We offer guaranteed results for {cond}, or your money back.",
    "Our team is the best clinic in town for {cond}.",
    "[Over|More than] {pct}% of our patients are pain-free after one visit.",
    "{Proc} is a revolutionary [breakthrough|treatment] that [changes lives|is changing lives].",
    "There is no downtime, so you can go straight back to work.",
    "Most patients are back to [work|normal life] within {small} days.",
    "{Proc} is clinically proven to [end|eliminate] {cond}.",
    "Say goodbye to {cond} once and for all.",
    "Our {spec}s are world-class experts in {proc}.",
    "Unlike traditional surgery, {proc} treats the root cause of your pain.",
    "Studies show our method works better than surgery.",
    "{Proc} is a safe and effective option for everyone.",
    "Thousands of happy patients trust {clinic}.",
    "Our FDA-approved [procedure|treatment] is safe for all ages.",
    "Advanced imaging ensures that every injection is as precise as possible.",
    "We are the only clinic in {city} that offers this [exclusive|proprietary] technique.",
    "Enjoy long-lasting relief after a single visit.",
    "{Proc} has a 100% success rate at our clinic.",
    "This [procedure|treatment] is 100% safe and risk-free.",
    "Our doctors pinpoint the exact source of your pain.",
    "{Proc} provides relief [rather than simply masking symptoms|instead of just masking symptoms].",
    "You will be pain-free for life.",
    "It is the [preferred|most popular] option for people with {cond}.",
    "{Clinic} is the #1 rated [practice|provider] in {city}.",
    "{pct} percent of patients [see|notice] results in the first week.",
    "With our [signature|patented] protocol, {cond} never comes back.",
    "This [miracle|groundbreaking] treatment works for everyone.",
    "Patients recover in {small} hours and feel better within a day.",
    "We guarantee you will walk without pain after one session.",
)

GRAMMAR_SLIPS = (
    "This can relief the pressure on the [nerve|joint|vein] for [several weeks|some time].",
    "The doctor gives a injection into the {body}.",
    "You may need a MRI [first|before the procedure].",
    "An procedure like this [takes|usually takes] {duration}.",
    "Our [nurses|staff] is happy to answer you're questions.",
    "Patients should not effect the bandage for [a day|24 hours].",
    "Talk to the the doctor about [your medicines|any allergies].",
    "Their are [several|a few] ways to prepare for {proc}.",
    "Most people feels [a little|some] pressure during the procedure.",
    "The clinic have [two|three] locations in {city}.",
    "Its important to [rest|take it easy] for the first [day|24 hours].",
    "Pain may [affect|effect] you're sleep, and this can effect your mood.",
    "Recovery is quicker then [open surgery|a hospital stay] for many people.",
    "We will [advice|adviced] you on [what to eat|which medicines to stop] before the procedure.",
    "You should avoid to lift heavy objects [for a week|for several days].",
    "Each patients receive a written care plan.",
)

HYGIENE = (
    "Call [CLINIC NAME] today to book your appointment.",
    "TODO: add the doctor's bio here.",
    "Click here to [download|see] our patient guide.",
    "Dr. {{doctor_name}} will see you at your first visit.",
    "Call us at XXX-XXX-XXXX to [book|schedule].",
    "Recovery takes TK weeks for most people.",
    "NOTE TO EDITOR: check this statistic with the clinical team.",
)

BOILERPLATE = (
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Post Comment",
    "Share this:",
    "Related posts",
    "Posted in {tag}",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Comments are closed.",
)

DISCLAIMERS = (
    "This article is general information, not medical advice. Talk with your own doctor about your symptoms and "
    "treatment options.",
    "The content on this page is for informational purposes only and does not replace a visit with your doctor.",
    "This page is general health information and not a substitute for professional medical advice.",
)

TITLES = (
    "{Proc} in {city}: What to Expect",
    "How {Proc} Can Help With {Cond_title}",
    "{Proc}: Questions and Answers",
    "Understanding {Cond_title}",
    "Is {Proc} Right for You?",
    "{Cond_title}: Treatment Options at {clinic}",
    "Your Guide to {Proc}",
    "Living With {Cond_title}",
    "{Proc} at {clinic}",
    "What Patients Ask Us About {Proc}",
)

SECTION_HEADINGS = (
    "What is {proc}?",
    "Who might benefit",
    "Who is a good candidate?",
    "How the procedure works",
    "What to expect on the day",
    "Before your appointment",
    "Recovery and aftercare",
    "Risks and side effects",
    "Why choose {clinic}",
    "Cost and insurance",
    "Results",
    "About {cond}",
    "Other treatment options",
    "Meet the team",
    "Preparing for {proc}",
    "When to call us",
    "What the research says",
    "Patient stories",
)

FAQ_QUESTIONS = (
    "Does {proc} hurt?",
    "How long does {proc} take?",
    "When can I drive again?",
    "Will my insurance cover it?",
    "How soon will I feel a difference?",
    "Can I have {proc} more than once?",
    "Do I need a referral?",
    "What should I wear?",
    "Is {proc} safe?",
    "How long does the relief last?",
)

LISTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "[Before|Ahead of] your visit, [please|remember to]:",
        (
            "[bring|have ready] your insurance card and photo ID",
            "stop eating [six hours|eight hours] before the procedure unless told otherwise",
            "arrange for someone to drive you home",
            "wear loose, comfortable clothing",
            "tell us about any allergies, especially to [contrast dye|iodine|latex]",
            "write down your questions for the doctor",
            "check with your doctor before stopping any medicine",
        ),
    ),
    (
        "What you may notice afterwards:",
        (
            "[Mild|Some] soreness around the {body}",
            "A small bruise where the needle went in",
            "Tiredness for a day or so",
            "A brief flare of the usual pain",
            "Numbness that fades within a few hours",
        ),
    ),
    (
        "Call us [right away|straight away] if you notice:",
        (
            "Fever above 38 °C (100.4 °F)",
            "Redness, warmth or discharge at the puncture site",
            "Sudden weakness or numbness in the {body}",
            "Bleeding that does not stop with gentle pressure",
            "Severe pain that is getting worse",
        ),
    ),
    (
        "Why patients choose us:",
        (
            "Same-day [appointments|consultations] in {city}",
            "[Board-certified|Fellowship-trained] doctors",
            "Painless procedures with no downtime",
            "Guaranteed results",
            "{pct}% success rate",
            "Short waiting times",
            "Evening and weekend hours",
            "On-site {imaging}",
            "A follow-up call the day after your procedure",
            "The best care in {city}",
        ),
    ),
    (
        "The procedure, step by step:",
        (
            "You check in and change into a gown",
            "The {spec} cleans and numbs the skin",
            "{Imaging} guides the needle to the {body}",
            "The treatment itself takes {duration}",
            "You rest for [30 minutes|an hour] before going home",
        ),
    ),
    (
        "Common reasons people [choose|ask about] {proc}:",
        (
            "[Pain|Stiffness] in the {body} that lasts more than three months",
            "Trouble with {activity}",
            "[Pain|Symptoms] that did not improve with physical therapy",
            "Wanting to avoid [open surgery|a hospital stay]",
            "A diagnosis of {cond}",
        ),
    ),
)

CALLS_TO_ACTION = (
    "Ready to take the next step? [Book a consultation](/contact) with our team in {city}.",
    "To find out whether {proc} is an option for you, call us or [request an appointment online](/appointments).",
    "Questions? Our patient coordinators are happy to help: [contact us](/contact).",
    "[Schedule your visit](/book) with Dr. {doctor} at {clinic}.",
)


class _Context:
    """The people, places and procedure one document is about, and the slot values drawn from them."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.procedure = rng.choice(PROCEDURES)
        self.clinic = f"{rng.choice(CLINIC_FIRST)} {rng.choice(CLINIC_KIND)}"
        self.city = rng.choice(CITIES)
        self.doctor = f"{rng.choice(DOCTOR_FIRST)} {rng.choice(DOCTOR_LAST)}"
        self.next_ref = 1
        self.references: list[str] = []
        self.recent_risks: list[str] = []
        self.used: set[str] = set()
        rng = self.rng
        proc = self.procedure
        self._values: dict[str, Callable[[], str]] = {
            "proc": lambda: rng.choice((proc.name, proc.name, proc.short)),
            "cond": lambda: rng.choice(proc.conditions),
            "cond_title": lambda: _title_case(rng.choice(proc.conditions)),
            "body": lambda: rng.choice(proc.body),
            "spec": lambda: proc.specialist,
            "imaging": lambda: rng.choice(proc.imaging),
            "clinic": lambda: self.clinic,
            "city": lambda: self.city,
            "doctor": lambda: self.doctor,
            "activity": lambda: rng.choice(ACTIVITIES),
            "duration": lambda: rng.choice(DURATIONS),
            "risk": self._risk,
            "risk2": self._risk,
            "risk3": self._risk,
            "n": lambda: str(rng.randrange(40, 900, 10)),
            "pct": lambda: str(rng.randrange(55, 99)),
            "small": lambda: str(rng.randint(1, 5)),
            "months": lambda: str(rng.choice((3, 6, 12, 24))),
            "year": lambda: str(rng.randint(2008, 2024)),
            "author": lambda: f"{rng.choice(DOCTOR_LAST)} et al.",
            "ref": self._reference,
            "source_name": lambda: rng.choice(EXTERNAL_SOURCES)[0],
            "tag": lambda: rng.choice(TAGS),
        }

    def slot(self, name: str) -> str:
        """The value of ``{name}``; a capitalised name capitalises the value."""
        value = self._values[name[0].lower() + name[1:]]()
        return value[0].upper() + value[1:] if name[0].isupper() else value

    def _risk(self) -> str:
        """A risk other than the two drawn last, so that one sentence never lists the same risk twice."""
        risk = self.rng.choice([risk for risk in RISKS if risk not in self.recent_risks])
        self.recent_risks = [*self.recent_risks[-1:], risk]
        return risk

    def pick(self, templates: Sequence[str]) -> str:
        """A template from ``templates``, avoiding (three tries) one this document already used."""
        template = self.rng.choice(templates)
        for _ in range(3):
            if template not in self.used:
                break
            template = self.rng.choice(templates)
        self.used.add(template)
        return template

    def _reference(self) -> str:
        number = self.next_ref
        self.next_ref += 1
        rng = self.rng
        self.references.append(
            f"{number}. {rng.choice(DOCTOR_LAST)} {rng.choice('ABCDEFGHJKLMNPRST')}, et al. {rng.choice(JOURNALS)}. "
            f"{rng.randint(2008, 2024)};{rng.randint(10, 60)}({rng.randint(1, 12)}):{rng.randint(100, 1900)}. "
            f"[PubMed](https://pubmed.ncbi.nlm.nih.gov/{rng.randint(10_000_000, 39_999_999)}/)"
        )
        return str(number)


_TOKEN = re.compile(r"\{\{[^}]*\}\}|\{([A-Za-z_0-9]+)\}|\[([^\[\]]*\|[^\[\]]*)\]")


def _title_case(text: str) -> str:
    small = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "after", "at"}
    words = text.split()
    return " ".join(w if (i and w in small) or w[:1].isupper() else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _expand(template: str, ctx: _Context) -> str:
    """Fill ``{slot}`` and ``[a|b]`` in one left-to-right pass (``{{...}}`` placeholders are kept as they are)."""

    def replace(match: re.Match[str]) -> str:
        if match.group(0).startswith("{{"):
            return match.group(0)
        if match.group(1) is not None:
            return ctx.slot(match.group(1))
        return _expand(ctx.rng.choice(match.group(2).split("|")), ctx)

    return _TOKEN.sub(replace, template)


def count_words(text: str) -> int:
    """Words in ``text``: whitespace-separated tokens with at least one letter or digit (the benchmark's measure)."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


@dataclass(frozen=True)
class _Profile:
    """How a document's sentences are mixed: weights of each sentence family."""

    neutral: int
    careful: int
    claims: int
    grammar: int
    hygiene: int


_PROFILES = (
    _Profile(neutral=10, careful=5, claims=0, grammar=0, hygiene=0),  # carefully reviewed copy
    _Profile(neutral=10, careful=3, claims=2, grammar=1, hygiene=0),
    _Profile(neutral=8, careful=1, claims=5, grammar=2, hygiene=1),  # typical marketing copy
    _Profile(neutral=6, careful=0, claims=8, grammar=3, hygiene=1),  # aggressive copy
)


def _sentence(ctx: _Context, profile: _Profile) -> str:
    families: tuple[tuple[Sequence[str], int], ...] = (
        (NEUTRAL, profile.neutral),
        (CAREFUL, profile.careful),
        (CLAIMS, profile.claims),
        (GRAMMAR_SLIPS, profile.grammar),
        (HYGIENE, profile.hygiene),
    )
    weights = [weight for _, weight in families]
    family = ctx.rng.choices([templates for templates, _ in families], weights=weights)[0]
    return _expand(ctx.pick(family), ctx)


def _paragraph(ctx: _Context, profile: _Profile, sentences: int) -> str:
    parts = [_sentence(ctx, profile) for _ in range(sentences)]
    if ctx.rng.random() < 0.25:
        text, url = ctx.rng.choice(LINK_PAGES)
        parts.append(f"See [{text}]({url}) for more.")
    if ctx.rng.random() < 0.12:
        name, url = ctx.rng.choice(EXTERNAL_SOURCES)
        parts.append(f"You can read more about {ctx.slot('cond')} from [{name}]({url}).")
    return " ".join(parts)


def _bullet_list(ctx: _Context) -> str:
    intro, choices = ctx.rng.choice(LISTS)
    count = ctx.rng.randint(3, min(6, len(choices)))
    items = [_expand(item, ctx) for item in ctx.rng.sample(choices, count)]
    intro = _expand(intro, ctx)
    if ctx.rng.random() < 0.3:
        return intro + "\n\n" + "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))
    marker = ctx.rng.choice(("-", "*", "-"))
    return intro + "\n\n" + "\n".join(f"{marker} {item}" for item in items)


def _faq(ctx: _Context, profile: _Profile) -> list[str]:
    blocks = ["## " + ctx.rng.choice(("Frequently asked questions", "FAQ", "Common questions"))]
    for question in ctx.rng.sample(FAQ_QUESTIONS, ctx.rng.randint(2, 4)):
        blocks.append("### " + _expand(question, ctx))
        blocks.append(_paragraph(ctx, profile, ctx.rng.randint(1, 3)))
    return blocks


def _front_matter(ctx: _Context, title: str) -> str:
    rng = ctx.rng
    tags = rng.sample(TAGS, rng.randint(1, 3))
    lines = [
        "---",
        f'title: "{title}"',
        f"type: {rng.choice(CONTENT_TYPES)}",
        f"date: {rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"author: Dr. {ctx.doctor}",
        "tags: [" + ", ".join(f'"{tag}"' for tag in tags) + "]",
        "---",
    ]
    return "\n".join(lines)


def generate_document(seed: int, index: int) -> str:
    """The Markdown of file ``index`` of the corpus with ``seed`` (300 to 1,500 words)."""
    rng = Random(seed * 1_000_003 + index)
    ctx = _Context(rng)
    profile = rng.choice(_PROFILES)
    target = rng.randint(MIN_WORDS, MAX_WORDS)

    title = _expand(rng.choice(TITLES), ctx)
    head: list[str] = []
    if rng.random() < 0.6:
        head.append(_front_matter(ctx, title))
    head.append("# " + title)
    head.append(_paragraph(ctx, profile, rng.randint(2, 4)))

    tail: list[str] = [_expand(rng.choice(CALLS_TO_ACTION), ctx)]
    if rng.random() < 0.45:
        tail.append("*" + rng.choice(DISCLAIMERS) + "*")
    if profile.hygiene and rng.random() < 0.5:
        tail.extend(_expand(line, ctx) for line in rng.sample(BOILERPLATE, rng.randint(1, 3)))

    fixed = sum(count_words(block) for block in head + tail)
    body: list[tuple[str, int]] = []  # (block, words)
    body_words = 0
    headings = rng.sample(SECTION_HEADINGS, len(SECTION_HEADINGS))
    while fixed + body_words < target:
        section = ["## " + _expand(headings.pop() if headings else "More about {proc}", ctx)]
        for _ in range(rng.randint(1, 3)):
            section.append(_paragraph(ctx, profile, rng.randint(2, 6)))
        if rng.random() < 0.45:
            section.append(_bullet_list(ctx))
        if rng.random() < 0.12 and not any(block.startswith("## F") for block, _ in body):
            section.extend(_faq(ctx, profile))
        for block in section:
            words = count_words(block)
            body.append((block, words))
            body_words += words

    references = ["## References", *ctx.references[:5]] if ctx.references else []
    fixed += sum(count_words(block) for block in references)
    # Trim whole blocks from the end of the body until the document fits; then pad back above the minimum.
    while body and fixed + body_words > MAX_WORDS:
        body_words -= body.pop()[1]
    while fixed + body_words < MIN_WORDS:
        block = _paragraph(ctx, profile, 2)
        words = count_words(block)
        if fixed + body_words + words > MAX_WORDS:
            continue
        body.append((block, words))
        body_words += words
    if body and body[-1][0].startswith("#"):
        body_words -= body.pop()[1]  # no heading left without its text
    blocks = head + [block for block, _ in body] + tail + references
    return "\n\n".join(blocks) + "\n"


def _relative_path(index: int) -> Path:
    return Path(f"section-{index // FILES_PER_DIRECTORY:03d}") / f"page-{index:05d}.md"


def marker_path(out: Path) -> Path:
    """The marker recording what ``out`` holds: ``<out>.json``, beside the directory."""
    return out.parent / (out.name + ".json")


def generate(out: Path, files: int, seed: int = DEFAULT_SEED, *, quiet: bool = False) -> dict[str, int]:
    """Write ``files`` documents under ``out``; skip when its marker records the same parameters.

    Returns the marker: seed, files, generator version, total words and bytes.
    """
    marker = marker_path(out)
    wanted = {"seed": seed, "files": files, "generator_version": GENERATOR_VERSION}
    if marker.is_file() and out.is_dir():
        try:
            recorded = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            recorded = {}
        if all(recorded.get(key) == value for key, value in wanted.items()):
            if not quiet:
                print(f"corpus {out}: up to date ({files} files, seed {seed})", file=sys.stderr)
            return {key: int(value) for key, value in recorded.items()}

    staging = out.parent / (out.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    total_words = 0
    total_bytes = 0
    for index in range(files):
        text = generate_document(seed, index)
        path = staging / _relative_path(index)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total_words += count_words(text)
        total_bytes += len(data)
    marker.unlink(missing_ok=True)
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    result = {**wanted, "words": total_words, "bytes": total_bytes}
    marker.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if not quiet:
        print(f"corpus {out}: wrote {files} files, {total_words} words (seed {seed})", file=sys.stderr)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``corpus.py --files N --out DIR [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, required=True, help="number of files to write")
    parser.add_argument("--out", type=Path, required=True, help="directory to write them into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    if args.files < 1:
        parser.error("--files must be at least 1")
    generate(args.out, args.files, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
