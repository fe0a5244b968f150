"""Key questions and prompts per case-based standard, in our own wording.

Key questions keep the short framework form where it is a label ("Does assessment focus
sufficiently on keeping other people safe?"); prompts are written for this generator.
"""

from __future__ import annotations

# Which key question is answered on a risk-of-harm sub-sample (third question of the stages).
SUBSAMPLE_INDEX = 2

_STAGE = {
    "Assessment": (
        "Does assessment focus sufficiently on engaging {who}?",
        "Does assessment focus sufficiently on factors linked to offending and desistance?",
        "Does assessment focus sufficiently on keeping other people safe?",
    ),
    "Planning": (
        "Does planning focus sufficiently on engaging {who}?",
        "Does planning focus sufficiently on reducing reoffending and supporting desistance?",
        "Does planning focus sufficiently on keeping other people safe?",
    ),
    "Implementation and delivery": (
        "Is the sentence implemented effectively, with a focus on engagement?",
        "Does the implementation and delivery of services effectively support desistance?",
        "Does the delivery of services effectively support the safety of others?",
    ),
    "Reviewing": (
        "Does reviewing focus sufficiently on supporting compliance and engagement?",
        "Does reviewing focus sufficiently on supporting desistance?",
        "Does reviewing focus sufficiently on keeping other people safe?",
    ),
    "Court work": (
        "Is advice to court sufficiently analytical and personalised?",
        "Is the case allocated promptly, accurately and on sufficient information?",
    ),
    "Court reports and case allocation": (
        "Is advice to court sufficiently analytical and personalised?",
        "Is the case allocated promptly, accurately and on sufficient information?",
    ),
    "Statutory victim work": (
        "Does first contact encourage victims to join the contact scheme?",
        "Does information exchange support the safety of victims?",
        "Can victims contribute appropriately to conditions of release?",
    ),
    "Unpaid work": (
        "Does unpaid work start promptly and engage {who}?",
        "Does the delivery of unpaid work support desistance?",
        "Does unpaid work delivery support the safety of others?",
    ),
    "Through the Gate": (
        "Does resettlement planning address the needs of the prisoner?",
        "Are resettlement services delivered in time for release?",
    ),
}

_PROMPTS = {
    "Assessment": (
        ("Is {who} involved in the assessment, with their views recorded?",
         "Does the assessment weigh motivation and readiness to comply?",
         "Are diversity needs and personal circumstances analysed?",
         "Were barriers to attending appointments identified?"),
        ("Are the factors behind the offending identified and analysed?",
         "Are strengths and protective factors recorded?",
         "Were previous records and other sources drawn upon?"),
        ("Is the risk of harm to others identified and analysed?",
         "Are the people at risk, and the nature of that risk, named?",
         "Were domestic abuse enquiries made with the police?",
         "Were safeguarding enquiries made with children's services?",
         "Were past behaviour and convictions taken into account?"),
    ),
    "Planning": (
        ("Was {who} involved in drawing up the plan?",
         "Does the plan allow for personal circumstances and diversity?",
         "Does the plan set a suitable pattern of contact?",
         "Does the plan show how each requirement will be delivered?"),
        ("Does the plan prioritise the most pressing offending-related factors?",
         "Does the plan build on strengths and sources of support?",
         "Does the plan name services likely to help desistance?"),
        ("Does the plan address the most serious risk of harm factors?",
         "Are protective and restrictive measures set out?",
         "Does the plan link to the work of other agencies?",
         "Are contingency arrangements clear and specific?"),
    ),
    "Implementation and delivery": (
        ("Did requirements start promptly or at a suitable time?",
         "Was a constructive working relationship maintained?",
         "Were risks of non-compliance picked up quickly?",
         "Was enforcement action taken when it was needed?"),
        ("Were the services delivered those most likely to help desistance?",
         "Did delivery build on strengths and protective factors?",
         "Were family members or other key people involved where helpful?",
         "Were local services used to sustain progress?"),
        ("Was contact enough to manage the risk of harm?",
         "Were actual and potential victims given enough protection?",
         "Was work with other agencies well coordinated?",
         "Were home visits made where they were needed?"),
    ),
    "Reviewing": (
        ("Did reviewing consider compliance and any barriers to it?",
         "Was the plan adjusted after changes in engagement?",
         "Was {who} involved in reviewing their progress?"),
        ("Did reviewing pick up changes in offending-related factors?",
         "Did reviewing draw on input from other agencies?",
         "Was progress towards desistance recorded in a written review?"),
        ("Did reviewing identify changes in risk of harm and respond?",
         "Were other agencies consulted when reviewing risk?",
         "Was a written review of risk completed where needed?"),
    ),
    "Court work": (
        ("Did the advice use domestic abuse and safeguarding information?",
         "Was {who} involved in preparing the report?",
         "Was the proposal to court appropriate?"),
        ("Was the case sent promptly to the correct team?",
         "Was a risk of serious harm assessment completed before allocation?"),
    ),
    "Statutory victim work": (
        ("Was first contact made soon after sentence?",
         "Were the first letters personalised?",
         "Were victims told what to expect during the sentence?"),
        ("Did victim liaison staff share information with practitioners?",
         "Were the concerns of victims reflected in release planning?"),
        ("Were victims able to suggest licence conditions?",
         "Were victims told about release arrangements in good time?"),
    ),
    "Unpaid work": (
        ("Did the first session take place promptly?",
         "Were placements suited to personal circumstances?"),
        ("Did unpaid work include learning or skills where possible?",
         "Were hours completed at a reasonable pace?"),
        ("Were placements checked for risk to others?",
         "Was information on risk shared with supervisors?"),
    ),
    "Through the Gate": (
        ("Was a resettlement plan completed before release?",
         "Did the plan address accommodation and finance?"),
        ("Were referrals made in good time before release?",
         "Was information passed to the community team?"),
    ),
}
_PROMPTS["Court reports and case allocation"] = _PROMPTS["Court work"]


# Youth justice (youth-2018): court disposals (2.x) and out-of-court disposals (3.x) are asked
# about in different words, so that no question is printed under two standards.
_YOUTH = {
    "2.1": ("Does assessment sufficiently analyse how to support the child's desistance?",
            "Does assessment sufficiently analyse how to keep the child safe?",
            "Does assessment sufficiently analyse how to keep other people safe?"),
    "2.2": ("Does planning focus on supporting the child's desistance?",
            "Does planning focus on keeping the child safe?",
            "Does planning focus on keeping other people safe?"),
    "2.3": ("Does the delivery of services effectively support the child's desistance?",
            "Does the delivery of services effectively support the safety of the child?",
            "Does the delivery of services effectively support the safety of other people?"),
    "2.4": ("Does reviewing focus sufficiently on supporting the child's desistance?",
            "Does reviewing focus sufficiently on keeping the child safe?",
            "Does reviewing focus sufficiently on keeping other people safe?"),
    "3.1": ("Does out-of-court assessment analyse how to support the child's desistance?",
            "Does out-of-court assessment analyse how to keep the child safe?",
            "Does out-of-court assessment analyse how to keep other people safe?"),
    "3.2": ("Does out-of-court planning focus on supporting the child's desistance?",
            "Does out-of-court planning focus on keeping the child safe?",
            "Does out-of-court planning focus on keeping other people safe?"),
    "3.3": ("Does out-of-court delivery effectively support the child's desistance?",
            "Does out-of-court delivery effectively support the safety of the child?",
            "Does out-of-court delivery effectively support the safety of other people?"),
}
_YOUTH_PROMPTS = (
    ("Were the child and their parents or carers meaningfully involved?",
     "Were the child's strengths and protective factors taken into account?",
     "Were diversity needs and the child's wider circumstances considered?"),
    ("Were concerns about the child's own safety and wellbeing identified?",
     "Was information from children's social care used?",
     "Were any child exploitation concerns addressed?"),
    ("Were the risks the child poses to others clearly identified?",
     "Were the people at risk named?",
     "Was information shared with the police and other agencies?"),
)
YOUTH_WHO = "the child"


def key_questions(standard: str, who: str, code: str | None = None) -> list[str]:
    if who == YOUTH_WHO and code in _YOUTH:
        return list(_YOUTH[code])
    return [q.format(who=who) for q in _STAGE[standard]]


def prompts(standard: str, index: int, who: str, code: str | None = None) -> list[str]:
    if who == YOUTH_WHO and code in _YOUTH:
        domain = "court" if code.startswith("2.") else "out-of-court"
        return [f"{p[:-1]} ({domain} work)?" for p in _YOUTH_PROMPTS[index]]
    return [p.format(who=who) for p in _PROMPTS[standard][index]]
