"""A small template grammar for report prose (our own wording, varied by the seeded RNG).

Every "N out of M cases (P%)" phrase is computed here, so clean prose always agrees with
itself; defects are injected by the caller passing explicit numbers.
"""

from __future__ import annotations

import datetime as dt
import random

from .rules import vocab

# Number words from zero to twenty (patterns/vocab.yaml), by value.
NUMBER_WORDS: tuple[str, ...] = tuple(
    word for word, n in sorted((vocab()["number_words"] | vocab()["tens"]).items(), key=lambda item: item[1]) if n <= 20
)

ACTORS = (
    "Practitioners", "Senior probation officers", "Managers", "The leadership team", "Staff",
    "Middle managers", "Probation services officers", "Case administrators", "Team leaders",
    "Newly qualified officers", "Quality development officers", "The head of service",
)
POS_VERBS = (
    "paid close attention to", "gave priority to", "made good use of", "took a thoughtful approach to",
    "showed a clear grasp of", "worked hard to improve", "were confident about", "invested time in",
    "spoke positively about", "had developed", "kept a steady focus on", "led improvements in",
)
NEG_VERBS = (
    "pay enough attention to", "record", "follow up", "give enough weight to", "make consistent use of",
    "revisit", "take ownership of", "plan properly for", "make time for", "check the quality of",
)
QUALIFIERS = (
    "", " in most of the cases we looked at", " across the teams we met", " during the fieldwork period",
    " in the majority of cases", " at the start of the sentence", " throughout the inspection period",
    " in the cases we inspected",
)
POS_QUALIFIERS = (*QUALIFIERS, ", although practice varied between teams", ", and this was recognised by partners",
                  " despite high workloads", ", which was encouraging")
OFTEN = ("often enough", "consistently", "in a timely way", "in enough cases", "as well as they should")
CONSEQUENCES = (
    "left gaps in the picture of risk", "meant opportunities to intervene were missed",
    "weakened the plan of work", "made it harder to judge progress", "reduced the value of the work",
    "limited what could be learned from the case", "left some people without the support they needed",
)
CONNECTORS = ("However,", "In addition,", "Similarly,", "At the same time,", "By contrast,", "Overall,",
              "As a result,", "Encouragingly,", "Despite this,", "In practice,")

TOPICS: dict[str, tuple[str, ...]] = {
    "Leadership": (
        "the local business plan", "communication with frontline staff", "governance meetings",
        "links with community safety partners", "the vision for the service", "staff engagement forums",
        "oversight of performance data", "the response to workload pressures", "plans for estates work",
        "relationships with sentencers", "equality and inclusion work", "learning from serious incidents",
    ),
    "Staff": (
        "recruitment of probation officers", "induction for new starters", "workload balancing",
        "reflective supervision", "training on domestic abuse", "support for trainee officers",
        "the allocation of cases", "staff wellbeing", "management oversight of casework",
        "recognition of good practice", "reasonable adjustments for staff", "access to learning time",
    ),
    "Services": (
        "the directory of local services", "accommodation support", "referrals to commissioned services",
        "work with the youth justice service", "access to accredited programmes", "women's services",
        "mental health pathways", "links with substance misuse providers", "mentoring schemes",
        "support with finance and debt", "education and employment support", "the needs analysis",
    ),
    "Information and facilities": (
        "guidance on local processes", "the case management system", "performance reports",
        "the condition of offices", "interview rooms", "quality assurance tools", "access to IT equipment",
        "information from audits", "the reception area", "local policy documents",
    ),
    "Assessment": (
        "the analysis of offending-related factors", "domestic abuse enquiries", "safeguarding checks",
        "the use of previous records", "the person's own views", "the analysis of risk to children",
        "strengths and protective factors", "diversity and personal circumstances",
        "information from the police", "the analysis of potential victims", "self-assessment questionnaires",
        "the timeliness of first assessments", "the analysis of motivation to change", "the use of risk tools",
    ),
    "Planning": (
        "contingency planning", "the sequencing of interventions", "the level of contact",
        "links with multi-agency plans", "plans to manage risk of harm", "the person's goals",
        "restrictive measures", "plans for accommodation", "the involvement of family members",
        "the timescales for each requirement", "plans for employment and training", "victim safety planning",
        "the use of licence conditions", "plans agreed with the person",
    ),
    "Implementation and delivery": (
        "home visits", "the pattern of appointments", "work with victims", "enforcement action",
        "the delivery of structured interventions", "joint work with the police", "the use of toolkits",
        "referrals to local services", "the response to non-compliance", "multi-agency coordination",
        "the quality of supervision sessions", "work with approved premises", "MAPPA meetings",
        "support for women on probation",
    ),
    "Reviewing": (
        "formal reviews", "the response to changes in circumstances", "input from other agencies",
        "reviews of risk of harm", "the person's view of their progress", "updates to the plan",
        "reviews after a change of practitioner", "the recording of progress", "reviews after a recall",
        "three-way meetings with managers", "the use of case audits",
    ),
    "Court work": (
        "pre-sentence reports", "advice to magistrates", "the allocation of cases after sentence",
        "checks before sentence", "the handover to case managers", "oral reports on the day",
    ),
    "Statutory victim work": (
        "first letters to victims", "contact before release", "victim liaison work",
        "requests for licence conditions", "information shared with practitioners",
    ),
    "Unpaid work": (
        "placement choice", "the backlog of hours", "supervision on site", "group placements",
        "education and training credit",
    ),
    "Through the Gate": (
        "resettlement plans", "accommodation on release", "handover to community teams",
        "referrals before release", "work with prison staff",
    ),
}
TOPICS["Staffing"] = TOPICS["Staff"]
TOPICS["Court reports and case allocation"] = TOPICS["Court work"]
TOPICS["Services and interventions"] = TOPICS["Services"]
TOPICS["general"] = TOPICS["Leadership"] + TOPICS["Services"]

SURVEY_CLAIMS = (
    "their caseload was manageable", "they felt supported by their manager",
    "they had enough time for reflective supervision", "they could raise concerns openly",
    "training had prepared them for their role", "their office felt safe",
    "they knew where to find local guidance",
)

STANDARD_AIMS = {
    "Leadership": "Leaders set a clear direction for good-quality, individual work with people on probation.",
    "Staff": "The workforce has the skills, time and support to work well with each person.",
    "Staffing": "The workforce has the skills, time and support to work well with each person.",
    "Services": "People on probation can reach a wide range of suitable services.",
    "Information and facilities": "Policies, information and buildings support good work with each person.",
    "Court work": "Advice to court is timely and well informed, and cases are allocated correctly.",
    "Court reports and case allocation": (
        "Advice to court is timely and well informed, and cases are allocated correctly."
    ),
    "Assessment": "Assessment is thorough and analytical, and the person takes part in it.",
    "Planning": "Plans are specific to the person and are drawn up with their involvement.",
    "Implementation and delivery": "Services are delivered in a coordinated way that keeps the person engaged.",
    "Reviewing": "Progress is reviewed carefully, and plans change when circumstances change.",
    "Statutory victim work": "Victims receive timely contact and are able to influence release arrangements.",
    "Unpaid work": "Unpaid work is arranged promptly and is safe, purposeful and well supervised.",
    "Through the Gate": "Resettlement work before release meets the needs of each prisoner.",
    "Governance and leadership": "Governance and leadership support a high-quality, personalised service for children.",
    "Partnerships and services": "A wide range of services and partnerships meets the needs of every child.",
    "Joint working": "The service and the police work together well on out-of-court decisions.",
    "Out-of-court disposal policy and provision": (
        "Policy and provision for out-of-court disposals are well founded and meet children's needs."
    ),
    "Resettlement policy and provision": "Policy and provision help children to resettle after custody.",
}

_REC_VERBS = ("improve", "strengthen", "review", "ensure that", "develop", "embed", "agree", "monitor")
_REC_OBJECTS = (
    "the quality of risk of harm assessments", "management oversight of casework",
    "information sharing with children's services", "contingency planning in risk management plans",
    "the use of structured interventions", "access to accredited programmes",
    "induction for administrative staff", "the safety of reporting areas", "workload distribution",
    "home visits in domestic abuse cases", "the involvement of people on probation in service design",
    "waiting lists for accredited programmes", "the analysis of diversity data",
    "arrangements for reasonable adjustments", "the quality of pre-sentence advice",
    "links with local health services", "the recording of reviews", "support for trainee officers",
)
_REC_PURPOSES = (
    "so that risk is managed well", "to support desistance", "across all teams",
    "and report progress to the leadership team", "so that victims are better protected",
    "within the next twelve months", "in line with the regional plan", "",
)


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def percent_of(yes: int, total: int) -> int:
    return (200 * yes + total) // (2 * total)


def count_phrase(yes: int, total: int, printed_percent: int | None = None, noun: str = "cases") -> str:
    pct = percent_of(yes, total) if printed_percent is None else printed_percent
    return f"{yes} out of {total} {noun} ({pct}%)"


def format_date(day: dt.date, zero_pad: bool = False) -> str:
    return f"{day.day:02d} {day:%B %Y}" if zero_pad else f"{day.day} {day:%B %Y}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _topic(rng: random.Random, topic: str) -> str:
    return rng.choice(TOPICS.get(topic, TOPICS["general"]))


_POS_FRAMES = (
    "{actor} {pos_verb} {obj}{qual}.",
    "{Obj} had improved since the previous inspection{qual}.",
    "We found that work on {obj} was a real strength{qual}.",
    "Work on {obj} was well organised, and {other} received proper attention.",
    "Partners told us that {obj} had helped them to work with {team}.",
    "{actor} described {obj} as one of the things the {unit} did best.",
    "There was good evidence of {obj}{qual}, and {actor_l} could explain why it mattered.",
    "Inspectors saw thoughtful work on {obj}, often supported by {other}.",
    "{actor} had a shared understanding of {obj}{qual}.",
    "The approach to {obj} was consistent, which helped {actor_l} to plan their time.",
    "Recent changes to {obj} were beginning to make a difference{qual}.",
    "People on probation told us that {obj} had made a difference to them.",
)
_NEG_FRAMES = (
    "{actor} did not {neg_verb} {obj} {often}.",
    "Weak practice in {obj} {consequence}.",
    "Too little attention was paid to {obj}, which {consequence}.",
    "We were told that {obj} had been delayed by vacancies{qual}.",
    "There was no clear plan for {obj}, and this {consequence}.",
    "Gaps in {obj} were common{qual}, and this {consequence}.",
    "{actor} were unsure about {obj}, and practice differed from one team to the next.",
    "Work on {obj} had not kept pace with demand{qual}.",
    "In too many cases, {obj} had been left to {actor_l} without enough support.",
    "Leaders knew that {obj} needed attention, but the planned changes had not yet taken effect.",
    "The quality of {obj} varied widely, which {consequence}.",
)
_TEAMS = ("the PDU", "staff", "managers", "practitioners", "the probation service")
_UNIT_WORDS = ("PDU", "service", "team", "region")


def _fill_frame(rng: random.Random, frame: str, topic: str, good: bool) -> str:
    actor = rng.choice(ACTORS)
    return frame.format(
        actor=actor, actor_l=actor[:1].lower() + actor[1:] if not actor.startswith("The head") else actor.lower(),
        pos_verb=rng.choice(POS_VERBS), neg_verb=rng.choice(NEG_VERBS), obj=_topic(rng, topic),
        Obj=_cap(_topic(rng, topic)), other=_topic(rng, topic),
        qual=rng.choice(POS_QUALIFIERS if good else QUALIFIERS),
        often=rng.choice(OFTEN), consequence=rng.choice(CONSEQUENCES), team=rng.choice(_TEAMS),
        unit=rng.choice(_UNIT_WORDS),
    )


def positive(rng: random.Random, topic: str) -> str:
    return _fill_frame(rng, rng.choice(_POS_FRAMES), topic, True)


def negative(rng: random.Random, topic: str) -> str:
    return _fill_frame(rng, rng.choice(_NEG_FRAMES), topic, False)


def numeric(rng: random.Random, topic: str) -> str:
    frame = rng.randrange(5)
    total = rng.randint(12, 60)
    yes = rng.randint(max(1, total // 5), total)
    if frame == 0:
        return f"In our survey, {count_phrase(yes, total, noun='respondents')} said that {rng.choice(SURVEY_CLAIMS)}."
    if frame == 1:
        return f"We judged work on {_topic(rng, topic)} to be sufficient in {count_phrase(yes, total)}."
    if frame == 2:
        return f"Inspectors saw effective work on {_topic(rng, topic)} in {percent_of(yes, total)} per cent of cases."
    if frame == 3:
        return f"Good work on {_topic(rng, topic)} was evident in {yes} of the {total} relevant cases."
    return (f"Of the {total} practitioners we asked, {number_word(yes) if yes <= 20 else yes} said that "
            f"{rng.choice(SURVEY_CLAIMS)}.")


_EXAMPLE_NAMES = ("Adam", "Bev", "Callum", "Dee", "Errol", "Fiona", "Gus", "Hina", "Jay", "Kerry", "Lee", "Mo")
_ORDERS = ("a community order with a rehabilitation activity requirement", "a suspended sentence order",
           "licence after a custodial sentence", "a community order with unpaid work",
           "post-sentence supervision")
_EVENTS = ("lost his accommodation", "missed two appointments", "started a new relationship",
           "was referred for mental health support", "found work with a local employer",
           "disclosed drug use", "moved to a new address", "became a parent")


def case_example(rng: random.Random, good: bool) -> str:
    name = rng.choice(_EXAMPLE_NAMES)
    age = rng.randint(19, 58)
    event = rng.choice(_EVENTS)
    if good:
        follow = (f"The practitioner acted quickly: they spoke to {name}'s family, updated the plan and "
                  "agreed extra contact for a few weeks. The case record showed a clear rationale for each step.")
    else:
        follow = ("The change was noted in the case record, but nobody reviewed the plan or contacted the other "
                  "agencies involved, and the risk assessment was left as it was for several months.")
    order = rng.choice(_ORDERS)
    return f"{name} is {age} and was subject to {order}. Part way through the sentence, {name} {event}. {follow}"


def sentence(rng: random.Random, topic: str, tone: float) -> str:
    roll = rng.random()
    if roll < 0.2:
        return numeric(rng, topic)
    return positive(rng, topic) if rng.random() < tone else negative(rng, topic)


def paragraph(rng: random.Random, topic: str, tone: float, sentences: tuple[int, int] = (3, 6)) -> str:
    parts = []
    for i in range(rng.randint(*sentences)):
        text = sentence(rng, topic, tone)
        if i and rng.random() < 0.25:
            text = f"{rng.choice(CONNECTORS)} {text[:1].lower()}{text[1:]}"
        parts.append(text)
    return " ".join(parts)


def bullet(rng: random.Random, topic: str, good: bool) -> str:
    first = positive(rng, topic) if good else negative(rng, topic)
    if rng.random() < 0.5:
        return first
    return f"{first} {sentence(rng, topic, 0.8 if good else 0.2)}"


def recommendation_text(rng: random.Random, short: str) -> str:
    verb = rng.choice(_REC_VERBS)
    obj = rng.choice(_REC_OBJECTS)
    purpose = rng.choice(_REC_PURPOSES)
    body = f"{obj} is improved" if verb == "ensure that" else obj
    text = f"{verb} {body}"
    return f"{text} {purpose}".strip()


def rating_word_for(standard: str) -> str:
    return standard.lower()


def rated_as(unit_short: str, rating: str, standard: str) -> str:
    return f"{_cap(unit_short)} was rated as '{rating}' for {rating_word_for(standard)}."
