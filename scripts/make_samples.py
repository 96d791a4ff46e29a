"""Build the example cases in samples/ with the model API and save them as .gsnx.

Run from anywhere:  python scripts/make_samples.py

The output is deterministic: running the script twice gives the same bytes. After saving,
each file is read back (which validates it against the schema) and saved again in memory to
check that the round trip is exact.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path
from typing import Any

from gsn_studio.analysis.acceptance import accepting
from gsn_studio.io.gsnx_read import read_gsnx
from gsn_studio.io.gsnx_write import save_gsnx, to_bytes
from gsn_studio.io.trace_sets import READERS
from gsn_studio.model import (
    Case,
    DefeaterStatus,
    Evidence,
    LinkKind,
    Measure,
    NodeType,
    Verification,
)
from gsn_studio.model.acceptance import Accept
from gsn_studio.model.traces import LoadedSet, Trace, TraceSet

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def evidence(reference: str, date: str, valid_until: str | None = None) -> Evidence:
    return Evidence(
        reference=reference,
        date=dt.date.fromisoformat(date),
        valid_until=dt.date.fromisoformat(valid_until) if valid_until else None,
    )


ARTIFACTS: dict[str, str] = {}
"""Evidence files the samples ship with, by path relative to samples/: main() writes them."""


def artifact(reference: str, text: str) -> str:
    """A small stand-in for a real report, so verification and drift can be tried on it."""
    ARTIFACTS[reference] = text
    return reference


def verified(reference: str, on: str, by: str, text: str | None = None) -> Verification:
    """A verification of the artifact as it was then: `text` when it has changed since."""
    content = (text if text is not None else ARTIFACTS[reference]).encode()
    return Verification(
        on=dt.date.fromisoformat(on), by=by, sha256=hashlib.sha256(content).hexdigest()
    )


def report(title: str, *lines: str) -> str:
    return "\n".join((f"# {title}", "", *lines, "")) + "\n"


class Builder:
    """Adds nodes with automatic ids (G1, S1, Sn1...) and links each to its parents."""

    def __init__(self, name: str, description: str) -> None:
        self.case = Case(name=name, description=description)

    def _add(self, node_type: NodeType, text: str, parents: tuple[str, ...], **fields: Any) -> str:
        node = self.case.add_node(node_type, text, **fields)
        for parent in parents:
            self.case.connect(parent, node.id)
        return node.id

    def goal(self, text: str, *parents: str, **fields: Any) -> str:
        return self._add(NodeType.GOAL, text, parents, **fields)

    def strategy(self, text: str, *parents: str, **fields: Any) -> str:
        return self._add(NodeType.STRATEGY, text, parents, **fields)

    def solution(self, text: str, *parents: str, **fields: Any) -> str:
        return self._add(NodeType.SOLUTION, text, parents, **fields)

    def context(self, text: str, *parents: str, **fields: Any) -> str:
        return self._add(NodeType.CONTEXT, text, parents, **fields)

    def assumption(self, text: str, *parents: str, **fields: Any) -> str:
        return self._add(NodeType.ASSUMPTION, text, parents, **fields)

    def justification(self, text: str, *parents: str, **fields: Any) -> str:
        return self._add(NodeType.JUSTIFICATION, text, parents, **fields)

    def defeater(self, text: str, *challenged: str, **fields: Any) -> str:
        """A counter claim that challenges the given elements (GSN dialectic extension)."""
        node = self.case.add_node(NodeType.COUNTER_GOAL, text, **fields)
        for target in challenged:
            self.case.connect(node.id, target, LinkKind.CHALLENGES)
        return node.id

    def support(self, parent: str, *children: str) -> None:
        """Extra SupportedBy links, for a node that supports more than one parent."""
        for child in children:
            self.case.connect(parent, child)


# -- (a) an AI system that makes consequential decisions about people -------------------------


def loan_approval() -> Case:
    b = Builder(
        "Loan approval model LAM 4.2",
        "Assurance case for LAM 4.2, the gradient-boosted model that decides retail applications "
        "for unsecured personal loans, in production since March 2025. It argues fairness, "
        "accuracy, safe operation and human oversight for the population the model actually "
        "decides on. The Model Risk Committee reviews it every quarter and after every model "
        "change.",
    )
    g1 = b.goal(
        "The loan approval model is acceptably fair, accurate and safe to operate for its "
        "deployed population",
        owner="Head of Model Risk",
    )
    b.context(
        "Deployment scope: LAM 4.2 decides applications for unsecured personal loans of "
        "EUR 1,000–50,000 from retail applicants in Germany, Austria and the Netherlands, "
        "about 41,000 decisions a month",
        g1,
        tags=("scope",),
    )
    b.context(
        "Regulatory category: creditworthiness assessment of natural persons is a high-risk AI "
        "system under the EU AI Act (Annex III, point 5(b)); the model is governed by the "
        "bank's ISO/IEC 42001 AI management system",
        g1,
        tags=("regulatory",),
    )
    s1 = b.strategy(
        "Argument over the properties the top claim asserts (fairness, accuracy, safe "
        "operation) and over human oversight of the model's decisions",
        g1,
    )
    b.justification(
        "Human oversight is argued as a property of its own because EU AI Act Article 14 "
        "requires it of high-risk systems regardless of how accurate the model is",
        s1,
        tags=("regulatory",),
    )

    # Fairness
    g2 = b.goal(
        "The model's decisions are fair to every tracked protected group",
        s1,
        owner="Fair Lending Officer",
        tags=("fairness",),
    )
    b.context(
        "Protected attributes: sex, age, nationality and disability, as defined in the Fair "
        "Lending Policy FLP-07; none of them is a model input",
        g2,
        tags=("fairness",),
    )
    b.context(
        "Tracked groups: women; applicants aged 18–25; applicants over 65; non-EU nationals; "
        "applicants declaring a disability",
        g2,
        tags=("fairness",),
    )
    s2 = b.strategy("Argument over each tracked protected group", g2, tags=("fairness",))
    b.assumption(
        "Protected attributes, self-declared by applicants for monitoring only (93% "
        "completion), are accurate enough to estimate outcomes per group",
        s2,
        tags=("fairness",),
        description="If completion falls below 85% the group estimates are no longer "
        "reliable and this assumption must be revisited.",
    )
    group_goals = [
        b.goal(text, s2, tags=("fairness",))
        for text in (
            "Women are not disadvantaged: approval rates and calibration match those of men "
            "within the tolerances of FLP-07",
            "Applicants aged 18–25 and over 65 are not disadvantaged relative to applicants "
            "aged 26–65",
            "Non-EU nationals are not disadvantaged relative to EU nationals",
            "Applicants declaring a disability are not disadvantaged relative to other applicants",
        )
    ]
    g_di = b.goal(
        "Disparate impact ratio stays above 0.9 for every tracked group",
        g2,
        tags=("fairness", "monitoring"),
        description="Disparate impact ratio: approval rate of the tracked group divided by "
        "the approval rate of its reference group, computed monthly on all decisions.",
    )
    b.justification(
        "A threshold of 0.9 is stricter than the four-fifths rule (0.8) and leaves margin for "
        "sampling noise between the monthly measurements",
        g_di,
        tags=("fairness",),
    )
    g_proxy = b.goal(
        "No protected attribute, or a close proxy for one, is an input to the model",
        g2,
        tags=("fairness",),
    )
    audit_ref = artifact(
        "evidence/bias-audit-2025-q1.md",
        report(
            "Independent bias audit, Q1 2025",
            "Scope: 118,000 automated decisions, January to March 2025, direct channel.",
            "Lowest approval-rate ratio: 0.91 (applicants aged 18-25), 95% CI 0.89-0.93.",
        ),
    )
    audit = b.solution(
        "Independent bias audit Q1 2025: approval-rate ratios and calibration per tracked "
        "group, with 95% confidence intervals",
        *group_goals,
        tags=("fairness",),
        evidence=evidence(audit_ref, "2025-05-28", "2025-11-30").model_copy(
            update={"verified": verified(audit_ref, "2025-06-02", "M. Keller, 2nd line")}
        ),
        description="Performed by an external auditor on 118,000 decisions from January to "
        "March 2025. Valid for six months under FLP-07.",
    )
    b.defeater(
        "The audit sample left out broker-channel applications (12% of volume), so its "
        "ratios may not hold for them",
        audit,
        tags=("fairness",),
        description="Raised by the Q3 2026 internal audit. Open until the Q1 2027 audit "
        "covers the broker channel.",
    )
    fairness_ref = artifact(
        "evidence/monitoring/fairness-monthly.csv",
        "month,lowest_group,lowest_disparate_impact\n"
        "2026-07,applicants aged 18-25,0.95\n"
        "2026-08,applicants aged 18-25,0.94\n"
        "2026-09,applicants aged 18-25,0.94\n"
        "2026-10,applicants aged 18-25,0.93\n",
    )
    b.solution(
        "Monthly fairness monitoring: lowest disparate impact ratio across tracked groups, "
        "appended by the monitoring job each month",
        g_di,
        tags=("fairness", "monitoring"),
        evidence=evidence(fairness_ref, "2026-11-04", "2027-02-28").model_copy(
            update={
                "measure": Measure.parse("disparate impact >= 0.9", key="lowest_disparate_impact")
            }
        ),
        description="Full report: https://mrm.example-bank.eu/reports/lam-4.2/fairness",
    )
    b.solution(
        "Feature proxy analysis: no input predicts a protected attribute with an AUC above 0.60",
        g_proxy,
        tags=("fairness",),
        evidence=evidence(
            artifact(
                "evidence/feature-proxy-analysis-lam-4.2.md",
                report(
                    "Feature proxy analysis, LAM 4.2",
                    "Highest AUC of any input predicting a protected attribute: 0.57 "
                    "(postcode region, predicting nationality).",
                ),
            ),
            "2025-02-14",
            "2027-02-28",
        ).model_copy(
            update={
                "verified": verified(
                    "evidence/feature-proxy-analysis-lam-4.2.md", "2025-03-03", "M. Keller"
                )
            }
        ),
    )

    # Accuracy
    g3 = b.goal(
        "The model is accurate enough for the decisions it makes on its deployed population",
        s1,
        owner="Head of Model Risk",
        tags=("accuracy",),
    )
    b.context(
        "Risk appetite MRAS-2025: Gini coefficient at least 0.55 on the out-of-time sample; "
        "observed 12-month default rate within 1.5 percentage points of the predicted rate",
        g3,
        tags=("accuracy",),
    )
    s3 = b.strategy(
        "Argument over the model lifecycle: data, training, validation, monitoring",
        g3,
        tags=("accuracy",),
    )
    b.assumption(
        "Default within 12 months of booking is a sound label of creditworthiness for "
        "unsecured personal loans",
        s3,
        tags=("accuracy",),
    )
    g_data = b.goal(
        "Training data represent the deployed applicant population and meet the data-quality "
        "standard DQS-3",
        s3,
        tags=("accuracy",),
    )
    g_valid = b.goal(
        "Independent validation confirms that discrimination and calibration meet the risk "
        "appetite",
        s3,
        tags=("accuracy",),
    )
    g_drift = b.goal(
        "Production monitoring detects population drift and performance decay before the risk "
        "appetite is breached",
        s3,
        tags=("accuracy", "monitoring"),
    )
    b.solution(
        "Data representativeness and quality report for the 2021–2024 development sample",
        g_data,
        tags=("accuracy",),
        # Edited after it was verified: the sample shows how that drift is caught.
        evidence=evidence(
            artifact(
                "evidence/data-quality-report-lam-4.2.md",
                report(
                    "Data quality report, LAM 4.2 development sample 2021-2024",
                    "Completeness 99.2%; representativeness checked on 14 segments.",
                    "Revised 2026-10: segment 'self-employed' excluded from the comparison.",
                ),
            ),
            "2024-12-09",
            "2027-03-31",
        ).model_copy(
            update={
                "verified": verified(
                    "evidence/data-quality-report-lam-4.2.md",
                    "2024-12-20",
                    "J. Osei, data governance",
                    report(
                        "Data quality report, LAM 4.2 development sample 2021-2024",
                        "Completeness 99.2%; representativeness checked on 14 segments.",
                    ),
                )
            }
        ),
    )
    b.solution(
        "Model validation report LAM 4.2 by the second-line validation team: Gini 0.61 out of "
        "time, calibration within 0.8 points",
        g_valid,
        tags=("accuracy",),
        evidence=evidence(
            "evidence/model-validation-report-lam-4.2.pdf", "2025-02-27", "2026-06-30"
        ),
        description="Annual revalidation was due by 30 June 2026.",
    )
    b.solution(
        "Monthly population stability and performance report, October 2026: PSI 0.06, "
        "Gini 0.58 on matured vintages",
        g_drift,
        tags=("accuracy", "monitoring"),
        evidence=evidence(
            "evidence/monitoring/psi-performance-2026-10.pdf", "2026-11-06", "2027-01-31"
        ).model_copy(
            update={"measure": Measure.parse("population stability index <= 0.1", value=0.06)}
        ),
    )

    # Safe operation
    g4 = b.goal(
        "The model is safe to operate in production: failures are detected, contained and "
        "recovered from",
        s1,
        owner="Head of Lending Platform",
        tags=("operations",),
    )
    g_fallback = b.goal(
        "When the model is unavailable or an input is out of its validated range, the "
        "application is routed to manual underwriting",
        g4,
        tags=("operations",),
    )
    g_change = b.goal(
        "Model changes reach production only after revalidation and Model Risk Committee approval",
        g4,
        tags=("operations",),
    )
    b.solution(
        "Failover test report: scoring service outage and out-of-range inputs, 212 test "
        "applications, all routed to manual underwriting",
        g_fallback,
        tags=("operations",),
        evidence=evidence(
            artifact(
                "evidence/failover-test-2026-09.md",
                report(
                    "Failover test, September 2026",
                    "212 test applications; scoring outage and out-of-range inputs.",
                    "All 212 routed to manual underwriting within 2 s.",
                ),
            ),
            "2026-09-17",
            "2027-09-30",
        ).model_copy(
            update={
                "verified": verified(
                    "evidence/failover-test-2026-09.md", "2026-09-21", "A. Novak, platform"
                )
            }
        ),
    )
    b.solution(
        "Internal audit of model change control 2026: 9 releases, all with validation sign-off",
        g_change,
        tags=("operations",),
        evidence=evidence(
            artifact(
                "evidence/change-control-audit-2026.md",
                report(
                    "Internal audit of model change control, 2026",
                    "9 releases reviewed; all with validation sign-off and MRC approval.",
                ),
            ),
            "2026-07-10",
        ).model_copy(
            update={
                "review_days": 365,
                "verified": verified(
                    "evidence/change-control-audit-2026.md", "2026-07-14", "Internal Audit"
                ),
            }
        ),
    )

    # Human oversight
    g5 = b.goal(
        "Credit analysts oversee the model's decisions and can correct them",
        s1,
        owner="Head of Credit Operations",
        tags=("human-oversight",),
    )
    g_review = b.goal(
        "A trained credit analyst reviews every automated decline, and every approval above "
        "EUR 25,000, before the applicant is notified",
        g5,
        tags=("human-oversight",),
    )
    g_bias = b.goal(
        "Override rates are monitored to detect automation bias, where analysts defer to the "
        "model without scrutiny",
        g5,
        tags=("human-oversight", "monitoring"),
    )
    b.goal(
        "Recourse process lets applicants contest decisions within 30 days",
        g5,
        undeveloped=True,
        tags=("human-oversight",),
        description="Planned with the 2027 customer portal. Until then contested decisions go "
        "through the general complaints procedure, which was not designed for model decisions.",
    )
    study_ref = artifact(
        "evidence/override-study-2026-q3.md",
        report(
            "Analyst override study, Q3 2026",
            "1,200 reviewed declines; analysts changed 7.5% of them, spread across all "
            "analysts and decision bands: no sign of rubber-stamping.",
        ),
    )
    b.defeater(
        "Analysts confirm the model's declines without real scrutiny (automation bias)",
        g_review,
        tags=("human-oversight",),
        defeater_status=DefeaterStatus.REFUTED,
        refutation=evidence(study_ref, "2026-10-20", "2027-04-30").model_copy(
            update={"verified": verified(study_ref, "2026-10-22", "R. Haas, credit operations")}
        ),
    )
    b.solution(
        "Quarterly sample audit of the analyst review workflow, Q3 2026: 400 cases, no "
        "notification sent before review",
        g_review,
        tags=("human-oversight",),
        evidence=evidence("evidence/decline-review-audit-2026-q3.xlsx", "2026-10-12", "2027-04-30"),
    )
    b.solution(
        "Override monitoring dashboard: override rate per analyst and per decision band",
        g_bias,
        tags=("human-oversight", "monitoring"),
        evidence=evidence(
            "https://mrm.example-bank.eu/dashboards/lam-4.2/overrides",
            "2026-10-31",
            "2027-01-31",
        ),
    )
    return b.case


# -- (b) a classic engineering case -----------------------------------------------------------


def infusion_pump() -> Case:
    b = Builder(
        "PCA-300 patient-controlled analgesia pump",
        "Device safety case for the PCA-300 ambulatory PCA pump with firmware 3.1, part of the "
        "technical documentation under EU MDR 2017/745 (class IIb). The argument is "
        "hazard-directed: every hazard of the hazard log HL-300 rev F with severity critical "
        "or catastrophic is argued to an acceptable residual risk.",
    )
    g1 = b.goal(
        "The PCA-300 pump is acceptably safe for patient-controlled opioid analgesia within its "
        "intended use",
        owner="Head of Quality and Regulatory Affairs",
    )
    b.context(
        "Intended use: intravenous delivery of morphine, hydromorphone or fentanyl as "
        "patient-demanded boluses with an optional basal rate, for adult post-operative "
        "patients on hospital wards, programmed by trained nurses",
        g1,
    )
    b.context(
        "Risk management to ISO 14971:2019 under the risk management plan RMP-300 rev C, which "
        "defines the risk acceptability matrix",
        g1,
        tags=("iso-14971",),
    )
    b.assumption(
        "The pump is used only with PCA-300 administration sets, which include an anti-siphon "
        "valve and a free-flow clamp",
        g1,
    )
    s1 = b.strategy(
        "Argument over each hazard in HL-300 with severity critical or catastrophic",
        g1,
        tags=("iso-14971",),
    )
    b.context("Hazard log HL-300 rev F: 27 hazards, 5 of them critical or catastrophic", s1)
    b.justification(
        "The hazard log is complete for this argument: it was built from the ISO/TR 24971 "
        "hazard questions, IEC 60601-2-24, FDA infusion pump adverse event reports and four "
        "years of PCA-200 field data",
        s1,
        tags=("iso-14971",),
    )
    g_over = b.goal(
        "Over-infusion (H1) is controlled and its residual risk is acceptable",
        s1,
        tags=("over-infusion",),
    )
    g_under = b.goal(
        "Under-infusion and interruption of therapy (H2) are controlled and their residual "
        "risk is acceptable",
        s1,
        tags=("under-infusion",),
    )
    g_air = b.goal(
        "Air embolism (H3) is controlled and its residual risk is acceptable",
        s1,
        tags=("air-in-line",),
    )
    g_occl = b.goal(
        "Undetected occlusion of the infusion line (H4) is controlled and its residual risk is "
        "acceptable",
        s1,
        tags=("occlusion",),
    )
    g_sw = b.goal(
        "Software failures cannot cause hazardous delivery (H5)",
        s1,
        owner="Software Safety Lead",
        tags=("software", "iec-62304"),
    )
    g_overall = b.goal(
        "The overall residual risk is acceptable and outweighed by the clinical benefit of PCA",
        g1,
        tags=("iso-14971",),
    )
    g_std = b.goal(
        "The pump meets the basic safety and essential performance requirements of IEC 60601-1 "
        "and IEC 60601-2-24",
        g1,
    )
    b.solution(
        "Benefit-risk analysis BRA-300 and overall residual risk evaluation",
        g_overall,
        tags=("iso-14971",),
        evidence=evidence("evidence/BRA-300-benefit-risk-analysis.pdf", "2026-04-20", "2027-04-30"),
    )
    b.solution(
        "Test laboratory report and CB certificate: IEC 60601-1 ed. 3.2 and IEC 60601-2-24:2012",
        g_std,
        evidence=evidence(
            "evidence/iec-60601-test-report-TR-60601-300.pdf", "2025-09-12", "2028-09-12"
        ),
    )

    fmea = _over_infusion(b, g_over, g_under)
    _under_infusion(b, g_under)
    _air_embolism(b, g_air)
    _occlusion(b, g_occl)
    _software(b, g_sw, fmea)
    return _traced_and_accepted(b.case)


HAZARD_LOG = "traces/HL-300-hazard-log.csv"
REQUIREMENTS = "traces/SRS-300-requirements.reqif"
HAZARDS = (
    ("H1", "Over-infusion of opioid", "catastrophic", "G2"),
    ("H2", "Under-infusion or interruption of therapy", "critical", "G3"),
    ("H3", "Air embolism", "catastrophic", "G4"),
    ("H4", "Undetected occlusion of the infusion line", "critical", "G5"),
    ("H5", "Software failure causing hazardous delivery", "catastrophic", "G6"),
)
SOFTWARE_REQUIREMENTS = (
    ("SR1", "Door opening or set removal stops the motor and closes the free-flow clamp", "G9"),
    ("SR2", "Demand boluses are refused once the 1-hour or 4-hour limit is reached", "G11"),
    ("SR3", "Air of 50 uL or more in one bubble stops delivery within 1 s", "G17"),
    ("SR4", "Downstream pressure above the occlusion threshold raises an alarm", "G19"),
    ("SR5", "The safety processor stops the motor when the commanded rate exceeds the program",
     "G24"),
)  # fmt: skip
ASSESSOR = "A. Assessor (notified body 0123)"


def _hazard_log() -> str:
    rows = ["id,title,severity,risk control"]
    rows += [f"{h},{title},{severity},argued in {goal}" for h, title, severity, goal in HAZARDS]
    return "\n".join(rows) + "\n"


def _requirements() -> str:
    """A ReqIF export as a requirements tool writes one: ForeignID, Name and a safety class."""
    stamp = 'LAST-CHANGE="2026-10-01T09:00:00+00:00"'
    ref = "<TYPE><DATATYPE-DEFINITION-STRING-REF>dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE>"
    definitions = "".join(
        f'<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="ad-{key}" {stamp} LONG-NAME="{name}">{ref}'
        "</ATTRIBUTE-DEFINITION-STRING>"
        for key, name in (("id", "ReqIF.ForeignID"), ("name", "ReqIF.Name"), ("class", "Class"))
    )
    objects = "".join(
        f'<SPEC-OBJECT IDENTIFIER="so-{sr}" {stamp}><TYPE><SPEC-OBJECT-TYPE-REF>sot-req'
        "</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>"
        + "".join(
            f'<ATTRIBUTE-VALUE-STRING THE-VALUE="{value}"><DEFINITION>'
            f"<ATTRIBUTE-DEFINITION-STRING-REF>ad-{key}</ATTRIBUTE-DEFINITION-STRING-REF>"
            "</DEFINITION></ATTRIBUTE-VALUE-STRING>"
            for key, value in (("id", sr), ("name", title), ("class", "C"))
        )
        + "</VALUES></SPEC-OBJECT>"
        for sr, title, _ in SOFTWARE_REQUIREMENTS
    )
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">'
        '<THE-HEADER><REQ-IF-HEADER IDENTIFIER="srs-300"><CREATION-TIME>2026-10-01T09:00:00+00:00'
        "</CREATION-TIME><TITLE>SRS-300 software requirements</TITLE></REQ-IF-HEADER>"
        "</THE-HEADER><CORE-CONTENT><REQ-IF-CONTENT><DATATYPES>"
        f'<DATATYPE-DEFINITION-STRING IDENTIFIER="dt-string" {stamp} MAX-LENGTH="1000"/>'
        f'</DATATYPES><SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="sot-req" {stamp} '
        f'LONG-NAME="Software requirement"><SPEC-ATTRIBUTES>{definitions}</SPEC-ATTRIBUTES>'
        f"</SPEC-OBJECT-TYPE></SPEC-TYPES><SPEC-OBJECTS>{objects}</SPEC-OBJECTS>"
        "</REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>\n"
    )
    return text.replace("><", ">\n<")


def _traced_and_accepted(case: Case) -> Case:
    """The hazard log (CSV, complete) and software requirements (ReqIF) the argument traces,
    and the notified body's acceptance of the over-infusion and occlusion arguments."""
    sets = (
        TraceSet(name="hazards", path=HAZARD_LOG, complete=True),
        TraceSet(name="requirements", path=REQUIREMENTS),
    )
    case.trace_sets = sets
    artifact(HAZARD_LOG, _hazard_log())
    artifact(REQUIREMENTS, _requirements())
    for name, entries in (("hazards", HAZARDS), ("requirements", SOFTWARE_REQUIREMENTS)):
        for entry in entries:
            node = case.node(entry[-1])
            case.update_node(node.id, traces=(*node.traces, Trace(set=name, item=entry[0])))
    loaded = {
        s.name: LoadedSet(s, tuple(READERS[Path(s.path).suffix](
            ARTIFACTS[s.path].encode(), Path(s.path))))
        for s in sets
    }  # fmt: skip
    for node_id in ("G2", "G5"):
        Accept(accepting(case, node_id, by=ASSESSOR, on=dt.date(2026, 11, 2), sets=loaded)).apply(
            case
        )
    return case


def _over_infusion(b: Builder, g_over: str, g_under: str) -> str:
    """H1; returns the design FMEA, which other goals cite too."""
    s2 = b.strategy(
        "Argument over the causes of over-infusion in the fault tree FTA-300-H1: free flow, "
        "programming error, excessive demand doses, delivery inaccuracy, opioid overdose",
        g_over,
        tags=("over-infusion",),
    )
    g_free = b.goal(
        "Free flow cannot occur when the set is loaded or removed, or the door is opened",
        s2,
        tags=("over-infusion",),
    )
    g_prog = b.goal(
        "Programming errors are caught before delivery starts", s2, tags=("over-infusion",)
    )
    b.assumption(
        "Nurses complete the PCA-300 competency programme before they program the pump",
        g_prog,
    )
    g_limits = b.goal(
        "Patient demands cannot deliver more than the programmed 1-hour and 4-hour dose limits",
        s2,
        tags=("over-infusion",),
    )
    g_accuracy = b.goal(
        "The delivered volume stays within ±5% of the programmed volume across the labelled "
        "flow range of 0.1–25 mL/h",
        s2,
        g_under,
        tags=("over-infusion", "under-infusion"),
    )
    b.goal(
        "Respiratory depression from opioid overdose is detected and delivery paused by the "
        "capnography interlock",
        s2,
        undeveloped=True,
        tags=("over-infusion",),
        description="The EtCO2 interlock is specified for firmware 3.2 and not yet verified. "
        "Until then the residual risk relies on the ward's respiratory monitoring protocol.",
    )
    g_library = b.goal(
        "The drug library enforces hard limits on concentration, bolus dose, lockout interval "
        "and hourly limit",
        g_prog,
        tags=("over-infusion",),
    )
    fmea = b.solution(
        "Design FMEA DFMEA-300 rev E: pumping mechanism, door sensor, administration set",
        g_free,
        tags=("fmea",),
        evidence=evidence("evidence/DFMEA-300-rev-E.xlsx", "2026-02-11", "2027-02-28"),
    )
    b.solution(
        "Free-flow test report TR-0412: no free flow in 50 load, unload and door-open cycles at "
        "1 m head height",
        g_free,
        tags=("test",),
        evidence=evidence("evidence/tests/TR-0412-free-flow.pdf", "2026-01-22", "2027-06-30"),
    )
    b.solution(
        "Drug library verification report DLV-300: all 312 limit checks passed",
        g_library,
        tags=("test",),
        evidence=evidence("evidence/tests/DLV-300-drug-library.pdf", "2026-05-06", "2027-05-31"),
    )
    b.solution(
        "Summative usability evaluation to IEC 62366-1: 15 ward nurses, no use error on the "
        "programming tasks rated critical",
        g_prog,
        tags=("usability",),
        evidence=evidence(
            "evidence/usability/summative-evaluation-UE-300.pdf", "2025-11-18", "2027-11-30"
        ),
    )
    b.solution(
        "Dose limit test procedure TP-117 results: 42 of 42 cases passed, including lockout "
        "interval boundaries",
        g_limits,
        tags=("test",),
        evidence=evidence("evidence/tests/TP-117-dose-limits.pdf", "2026-06-03", "2027-06-30"),
    )
    b.solution(
        "Flow accuracy test to IEC 60601-2-24 clause 201.12.1: trumpet curves at 0.1, 1 and "
        "25 mL/h",
        g_accuracy,
        tags=("test",),
        evidence=evidence("evidence/tests/TR-0420-flow-accuracy.pdf", "2026-03-09", "2027-03-31"),
    )
    return fmea


def _under_infusion(b: Builder, g_under: str) -> None:
    """H2 (the accuracy goal under H1 supports it as well)."""
    g_alarm = b.goal(
        "Any interruption of delivery (motor stall, door open, set dislodged) raises a "
        "high-priority alarm within 60 seconds",
        g_under,
        tags=("under-infusion", "alarms"),
    )
    g_battery = b.goal(
        "The pump runs for at least 30 minutes at 25 mL/h after the low-battery alarm",
        g_under,
        tags=("under-infusion",),
    )
    b.solution(
        "Alarm system verification to IEC 60601-1-8: priorities, latencies and escalation",
        g_alarm,
        tags=("test", "alarms"),
        evidence=evidence("evidence/tests/TR-0431-alarm-system.pdf", "2026-04-14", "2027-04-30"),
    )
    b.solution(
        "Battery endurance test TR-0433: 47 minutes from low-battery alarm to shutdown, worst "
        "case at end of battery life",
        g_battery,
        tags=("test",),
        evidence=evidence(
            "evidence/tests/TR-0433-battery-endurance.pdf", "2026-04-28", "2027-04-30"
        ),
    )


def _air_embolism(b: Builder, g_air: str) -> None:
    """H3."""
    g_bubble = b.goal(
        "A single air bubble of 50 µL or more stops delivery and raises an alarm",
        g_air,
        tags=("air-in-line",),
    )
    g_cumulative = b.goal(
        "Accumulated air of 1 mL within any 15 minutes stops delivery and raises an alarm",
        g_air,
        tags=("air-in-line",),
    )
    b.solution(
        "Fault tree analysis FTA-300-H3: air embolism, undetected air below 1e-7 per hour of "
        "operation",
        g_air,
        tags=("fta",),
        evidence=evidence("evidence/FTA-300-H3-air-embolism.pdf", "2026-02-25", "2027-02-28"),
    )
    b.solution(
        "Air-in-line detector verification TR-0388: single-bubble and accumulated-air "
        "thresholds at 1, 10 and 25 mL/h",
        g_bubble,
        g_cumulative,
        tags=("test", "air-in-line"),
        evidence=evidence("evidence/tests/TR-0388-air-in-line.pdf", "2026-01-15", "2027-01-31"),
    )


def _occlusion(b: Builder, g_occl: str) -> None:
    """H4."""
    g_downstream = b.goal(
        "A downstream occlusion raises an alarm within 30 minutes at 1 mL/h and within "
        "2 minutes at 25 mL/h",
        g_occl,
        tags=("occlusion", "alarms"),
    )
    g_bolus = b.goal(
        "The bolus released when an occlusion is cleared is smaller than 0.5 mL",
        g_occl,
        tags=("occlusion",),
    )
    b.solution(
        "Occlusion alarm test report TR-0401 (firmware 2.9): time to alarm at 1 and 25 mL/h",
        g_downstream,
        tags=("test", "occlusion"),
        evidence=evidence("evidence/tests/TR-0401-occlusion-alarm.pdf", "2025-08-19", "2026-08-31"),
        description="Superseded: firmware 3.1 changed the pressure filter, so the report "
        "expired with the release. Retest TR-0455 is scheduled.",
    )
    b.solution(
        "Post-occlusion bolus test to IEC 60601-2-24 clause 201.12.4.4.104: largest bolus 0.21 mL",
        g_bolus,
        tags=("test", "occlusion"),
        evidence=evidence(
            "evidence/tests/TR-0402-post-occlusion-bolus.pdf", "2026-05-20", "2027-05-31"
        ),
    )


def _software(b: Builder, g_sw: str, fmea: str) -> None:
    """H5."""
    b.context(
        "Software lifecycle to IEC 62304:2006+A1:2015; the pump software is safety class C "
        "because a failure can deliver a lethal opioid dose",
        g_sw,
        tags=("iec-62304",),
    )
    s3 = b.strategy(
        "Argument over the IEC 62304 activities required for software safety class C",
        g_sw,
        tags=("software", "iec-62304"),
    )
    g_trace = b.goal(
        "Every software risk control measure from the hazard analysis is implemented by traced "
        "software requirements",
        s3,
        tags=("software",),
    )
    g_verified = b.goal(
        "Software units and their integration are verified against their requirements",
        s3,
        tags=("software",),
    )
    g_soup = b.goal(
        "Software of unknown provenance is specified, assessed, and its published anomalies "
        "evaluated",
        s3,
        tags=("software",),
    )
    g_watchdog = b.goal(
        "An independent safety processor stops the motor if the main controller fails or "
        "commands delivery above the programmed rate",
        g_sw,
        tags=("software",),
    )
    g_security = b.goal(
        "The pump's programming cannot be changed through its wireless or service interface "
        "without authentication",
        g_sw,
        tags=("software", "cybersecurity"),
    )
    b.solution(
        "Traceability matrix TM-300: hazard, risk control, software requirement, test",
        g_trace,
        tags=("software",),
        evidence=evidence("evidence/software/TM-300-traceability.xlsx", "2026-06-30", "2027-06-30"),
    )
    b.solution(
        "Unit and integration test report, firmware 3.1: 100% statement and branch coverage of "
        "class C units",
        g_verified,
        tags=("software", "test"),
        evidence=evidence(
            "evidence/software/unit-integration-tests-fw-3.1.pdf", "2026-07-08", "2027-07-31"
        ),
    )
    b.solution(
        "SOUP list and anomaly evaluation: FreeRTOS 10.5.1, BLE stack, cryptographic library",
        g_soup,
        tags=("software",),
        evidence=evidence(
            "evidence/software/SOUP-evaluation-fw-3.1.pdf", "2026-07-01", "2027-01-31"
        ),
    )
    b.solution(
        "Fault injection test of the safety processor: 64 injected faults, motor stopped "
        "within 0.5 s in every case",
        g_watchdog,
        tags=("software", "test"),
        evidence=evidence(
            "evidence/tests/TR-0440-safety-processor-fault-injection.pdf",
            "2026-07-22",
            "2027-07-31",
        ),
    )
    b.support(g_watchdog, fmea)
    b.solution(
        "External penetration test of the wireless and service interfaces",
        g_security,
        tags=("cybersecurity",),
        evidence=evidence("evidence/security/pentest-PCA-300-2025.pdf", "2025-03-14", "2026-03-31"),
        description="Expired: annual retest required by the cybersecurity plan CSP-300.",
    )


# -- (c) a tutorial -----------------------------------------------------------------------------


def tutorial() -> Case:
    b = Builder(
        "Tutorial: a first safety case",
        "A small case that uses every GSN element. Read it from the top down: each node's "
        "description says what the element is for. Then run the checks: one claim is still "
        "undeveloped and one piece of evidence has expired.",
    )
    g1 = b.goal(
        "The electric kettle is acceptably safe to use at home",
        owner="Product Safety Engineer",
        description="A goal (rectangle) states a claim. The top goal is what the whole case "
        "sets out to show.",
    )
    b.context(
        "Context sets the scope of a claim: here a 1.7 litre, 2.2 kW kettle used by adults on "
        "230 V mains",
        g1,
        description="A context (rounded rectangle) needs no support; it tells the reader what "
        "the claim is about.",
    )
    b.assumption(
        "Assumed without argument: users follow the instruction leaflet and do not fill above "
        "the MAX mark",
        g1,
        description="An assumption (oval marked A) is taken as true. A reviewer should "
        "challenge each one.",
    )
    s1 = b.strategy(
        "Argument over each hazard identified for the kettle: scalding, electric shock and dry "
        "boiling",
        g1,
        description="A strategy (parallelogram) explains how the claim above it is broken into "
        "the claims below it.",
    )
    b.justification(
        "The hazard list is complete enough because it follows the requirements of "
        "IEC 60335-2-15 for appliances heating liquids",
        s1,
        description="A justification (oval marked J) says why a step of the argument is sound.",
    )
    g2 = b.goal(
        "Users are not scalded by boiling water spilling from the lid or spout",
        s1,
        description="Each claim is supported by evidence or by sub-claims. This one rests on a "
        "test report.",
    )
    g3 = b.goal("Users cannot get an electric shock from the kettle or its base", s1)
    b.goal(
        "The kettle switches itself off when it is switched on empty",
        s1,
        undeveloped=True,
        description="The diamond under this goal marks it undeveloped: nothing supports it "
        "yet, so the case is not complete.",
    )
    b.solution(
        "Lid-lock and spill test report",
        g2,
        evidence=evidence("evidence/lid-spill-test-2024.pdf", "2024-03-05", "2025-03-31"),
        description="A solution (circle) points at evidence. This report's validity ended in "
        "March 2025, so the evidence check reports it as expired.",
    )
    b.solution(
        "Electrical safety test report to IEC 60335-1",
        g3,
        evidence=evidence("evidence/electrical-safety-IEC-60335-1.pdf", "2026-02-10", "2029-02-28"),
    )
    return b.case


BUILDERS = {
    "loan-approval.gsnx": loan_approval,
    "infusion-pump.gsnx": infusion_pump,
    "tutorial.gsnx": tutorial,
}


def main() -> int:
    SAMPLES.mkdir(exist_ok=True)
    for file_name, build in BUILDERS.items():
        path = SAMPLES / file_name
        case = build()
        for reference, text in sorted(ARTIFACTS.items()):
            target = SAMPLES / reference
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode())
        save_gsnx(case, path)
        written = path.read_bytes()
        reread = read_gsnx(path)  # validates against the schema
        if reread != case or to_bytes(reread) != written:
            print(f"{path}: the round trip is not exact", file=sys.stderr)
            return 1
        print(
            f"{path.relative_to(SAMPLES.parent)}: {len(case.nodes)} nodes, {len(case.links)} links"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
