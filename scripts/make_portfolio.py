"""Build the sample portfolio in samples/portfolio/ with the model API: four decision systems
with owners, operational claims and degradation conditions; the CV screening case is the one
whose argument has stopped standing (as of 2026-12-01).

Run from anywhere:  python scripts/make_portfolio.py

The output is deterministic; positions come from the figure export's own layout.
"""

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from gsn_studio.export.figure import positions_for
from gsn_studio.io import save_case
from gsn_studio.model import (
    Case,
    DegradationCondition,
    Evidence,
    LinkKind,
    Measure,
    PracticeSettings,
)
from gsn_studio.model import (
    NodeType as T,
)

D = dt.date


def cond(statement: str, **fields: Any) -> DegradationCondition:
    return DegradationCondition(statement=statement, **fields)


def ev(ref, date, until=None, measure=None, review_days=None):
    return Evidence(
        reference=ref, date=date, valid_until=until, measure=measure, review_days=review_days
    )


def place(case):
    positions = positions_for(case)
    for node_id, position in positions.items():
        case.update_node(node_id, position=position)
    return case


def loan():
    c = Case(
        name="Loan approval (LAM 4.2)",
        description=(
            "Retail credit decisions, a copy of samples/loan-approval.gsnx cut down for the "
            "portfolio"
        ),
        practice=PracticeSettings(),
    )
    c.add_node(
        T.GOAL,
        (
            "LAM 4.2 loan decisions keep disparate impact at or above 0.9 for every tracked "
            "protected group and the 12-month default rate within 0.5 pp of plan"
        ),
        "G1",
        owner="Head of Credit Risk",
        degradation=(
            cond(
                statement="The applicant population shifts (population stability index above 0.1)",
                kind="distribution-shift",
                monitor="Sn3",
            ),
            cond(
                statement="A retrained or re-tuned model version is deployed",
                kind="model-update",
                review_days=90,
                reviewed=D(2026, 10, 1),
            ),
            cond(
                statement="Consumer-credit regulation adds a protected ground",
                kind="regulation",
                review_days=180,
                reviewed=D(2026, 7, 1),
            ),
        ),
    )
    c.add_node(
        T.CONTEXT,
        (
            "Fair lending here means: disparate impact ratio of approval rates at or above 0.9 "
            "for each tracked protected group"
        ),
        "C1",
    )
    c.add_node(T.STRATEGY, "Argue over fairness and over credit accuracy", "S1")
    c.add_node(
        T.GOAL,
        "Disparate impact of approvals stays at or above 0.9 for each tracked group",
        "G2",
        owner="Fair Lending Officer",
        load_bearing=True,
        degradation=(
            cond(
                statement="Upstream bureau data degrades for thin-file applicants",
                kind="upstream-data",
                monitor="Sn1",
            ),
        ),
    )
    c.add_node(
        T.GOAL,
        "The 12-month default rate stays within 0.5 pp of plan",
        "G3",
        owner="Head of Model Risk",
    )
    c.add_node(
        T.SOLUTION,
        "Monthly fairness monitoring",
        "Sn1",
        evidence=ev(
            "https://monitoring.example.org/lam/fairness",
            D(2026, 11, 4),
            D(2027, 2, 28),
            Measure(metric="disparate impact", comparison=">=", threshold=0.9, value=0.94),
        ),
    )
    c.add_node(
        T.SOLUTION,
        "Back-test of default rates, Q3 2026",
        "Sn2",
        evidence=ev(
            "https://models.example.org/lam/backtest-2026q3",
            D(2026, 10, 12),
            D(2027, 1, 31),
            Measure(metric="default rate gap (pp)", comparison="<=", threshold=0.5, value=0.2),
        ),
    )
    c.add_node(
        T.SOLUTION,
        "Population stability monitoring",
        "Sn3",
        evidence=ev(
            "https://monitoring.example.org/lam/psi",
            D(2026, 11, 6),
            D(2027, 1, 31),
            Measure(
                metric="population stability index", comparison="<=", threshold=0.1, value=0.06
            ),
        ),
    )
    c.connect("G1", "C1")
    c.connect("G1", "S1")
    c.connect("S1", "G2")
    c.connect("S1", "G3")
    c.connect("G2", "Sn1")
    c.connect("G3", "Sn2")
    c.connect("G3", "Sn3")
    return c


def cv():
    c = Case(
        name="CV screening ranker",
        description="Ranks applications for recruiters; a recruiter reviews every shortlist",
        practice=PracticeSettings(),
    )
    c.add_node(
        T.GOAL,
        (
            "Shortlists produced by the CV ranker keep each tracked group's selection rate at or "
            "above 0.8 of the highest group's (four-fifths rule)"
        ),
        "G1",
        owner="Head of Talent Acquisition",
        degradation=(
            cond(
                statement="The applicant mix changes after the graduate campaign",
                kind="population-change",
                monitor="Sn1",
            ),
            cond(
                statement="The vendor ships a new ranking model",
                kind="model-update",
                review_days=30,
                reviewed=D(2026, 11, 2),
            ),
        ),
    )
    c.add_node(
        T.CONTEXT, "Selection rate: the share of applicants of a group who are shortlisted", "C1"
    )
    c.add_node(T.STRATEGY, "Argue over outcomes and over human oversight", "S1")
    c.add_node(
        T.GOAL,
        "Selection-rate ratio stays at or above 0.8 for every tracked group",
        "G2",
        owner="People Analytics Lead",
        load_bearing=True,
        degradation=(
            cond(
                statement="Job descriptions are rewritten with new required skills",
                kind="distribution-shift",
                review_days=90,
                reviewed=D(2026, 9, 1),
            ),
        ),
    )
    c.add_node(
        T.GOAL,
        "At most 2 % of shortlists go out without a recruiter's review",
        "G3",
        owner="Recruitment Operations Manager",
    )
    c.add_node(
        T.SOLUTION,
        "Monthly adverse-impact report",
        "Sn1",
        evidence=ev(
            "https://hr.example.org/ranker/adverse-impact",
            D(2026, 11, 3),
            D(2027, 2, 28),
            Measure(metric="selection rate ratio", comparison=">=", threshold=0.8, value=0.74),
        ),
    )
    c.add_node(
        T.SOLUTION,
        "Vendor bias audit, 2025",
        "Sn2",
        evidence=ev(
            "https://hr.example.org/ranker/vendor-audit-2025", D(2025, 9, 15), D(2026, 9, 30)
        ),
    )
    c.add_node(
        T.SOLUTION,
        "Oversight log sample, Q3 2026",
        "Sn3",
        evidence=ev(
            "https://hr.example.org/ranker/oversight-q3",
            D(2026, 10, 5),
            D(2027, 1, 15),
            Measure(metric="unreviewed shortlists (%)", comparison="<=", threshold=2, value=0.6),
        ),
    )
    c.connect("G1", "C1")
    c.connect("G1", "S1")
    c.connect("S1", "G2")
    c.connect("S1", "G3")
    c.connect("G2", "Sn1")
    c.connect("G2", "Sn2")
    c.connect("G3", "Sn3")
    return c


def benefits():
    days_valid = D(2027, 3, 31)
    c = Case(
        name="Benefits claim triage",
        description="Orders incoming benefit claims for caseworkers; it never rejects a claim",
        practice=PracticeSettings(),
    )
    c.add_node(
        T.GOAL,
        (
            "Urgent benefit claims are triaged to a caseworker within 2 working days in at least "
            "95 % of cases"
        ),
        "G1",
        owner="Director of Claims Operations",
        degradation=(
            cond(
                statement=(
                    "Claim volume rises beyond 1,500 a day (a policy change or a local crisis)"
                ),
                kind="population-change",
                monitor="Sn1",
            ),
            cond(
                statement="Claimants with limited English are ranked as less urgent",
                kind="distribution-shift",
                defeater="CG1",
            ),
        ),
    )
    c.add_node(T.STRATEGY, "Argue over speed and over equal treatment", "S1")
    c.add_node(
        T.GOAL,
        "At least 95 % of urgent claims reach a caseworker within 2 working days",
        "G2",
        owner="Claims Service Manager",
    )
    c.add_node(
        T.GOAL,
        (
            "The urgency score differs by at most 0.05 between claims in English and in other "
            "languages"
        ),
        "G3",
        owner="Equality Officer",
        load_bearing=True,
        degradation=(
            cond(
                statement="The intake form changes and free-text fields move",
                kind="upstream-data",
                review_days=120,
                reviewed=D(2026, 10, 20),
            ),
        ),
    )
    c.add_node(
        T.SOLUTION,
        "Weekly triage service report",
        "Sn1",
        evidence=ev(
            "https://ops.example.org/triage/weekly",
            D(2026, 11, 27),
            days_valid,
            Measure(
                metric="urgent claims within 2 days (%)", comparison=">=", threshold=95, value=97.2
            ),
        ),
    )
    c.add_node(
        T.SOLUTION,
        "Language parity analysis, autumn 2026",
        "Sn2",
        evidence=ev(
            "https://ops.example.org/triage/language-parity",
            D(2026, 10, 20),
            D(2027, 4, 30),
            Measure(metric="urgency score gap", comparison="<=", threshold=0.05, value=0.02),
        ),
    )
    c.add_node(
        T.COUNTER_GOAL,
        "Claimants with limited English are ranked as less urgent",
        "CG1",
        defeater_status="refuted",
        refutation=ev(
            "https://ops.example.org/triage/language-parity", D(2026, 10, 20), D(2027, 4, 30)
        ),
    )
    c.connect("G1", "S1")
    c.connect("S1", "G2")
    c.connect("S1", "G3")
    c.connect("G2", "Sn1")
    c.connect("G3", "Sn2")
    c.connect("CG1", "G3", LinkKind.CHALLENGES)
    return c


def pricing():
    c = Case(
        name="Insurance pricing agent",
        description="Quotes home-insurance premiums online",
        practice=PracticeSettings(),
    )
    c.add_node(
        T.GOAL,
        (
            "Quoted premiums for equivalent risks differ by at most 3 % across postcode "
            "deprivation deciles"
        ),
        "G1",
        owner="Chief Pricing Actuary",
        degradation=(
            cond(
                statement="Competitor prices move and the agent's price optimiser chases them",
                kind="distribution-shift",
                monitor="Sn1",
            ),
            cond(
                statement="The regulator's fair-value rules change",
                kind="regulation",
                review_days=365,
                reviewed=D(2026, 2, 1),
            ),
        ),
    )
    c.add_node(T.STRATEGY, "Argue over the price model and over its guardrail", "S1")
    c.add_node(
        T.GOAL,
        "The premium gap across deprivation deciles is at most 3 %",
        "G2",
        owner="Pricing Fairness Lead",
        load_bearing=True,
        degradation=(
            cond(
                statement="A new rating factor is added to the model",
                kind="model-update",
                review_days=60,
                reviewed=D(2026, 10, 15),
            ),
        ),
    )
    c.add_node(
        T.GOAL,
        "The guardrail blocks every quote more than 10 % above the technical price",
        "G3",
        owner="Head of Pricing Engineering",
    )
    c.add_node(
        T.SOLUTION,
        "Monthly premium gap monitoring",
        "Sn1",
        evidence=ev(
            "https://pricing.example.org/agent/gap",
            D(2026, 11, 10),
            D(2026, 12, 20),
            Measure(metric="premium gap (%)", comparison="<=", threshold=3, value=1.8),
        ),
    )
    c.add_node(
        T.SOLUTION,
        "Guardrail test suite run",
        "Sn2",
        evidence=ev("https://ci.example.org/pricing/guardrail", D(2026, 11, 20), review_days=30),
    )
    c.connect("G1", "S1")
    c.connect("S1", "G2")
    c.connect("S1", "G3")
    c.connect("G2", "Sn1")
    c.connect("G3", "Sn2")
    return c


PORTFOLIO = Path(__file__).resolve().parent.parent / "samples" / "portfolio"
BUILDERS = {
    "loan-approval": loan,
    "cv-screening": cv,
    "benefits-triage": benefits,
    "pricing-agent": pricing,
}


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else PORTFOLIO
    out.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        save_case(place(build()), out / f"{name}.gsnx")
        print(f"wrote {out / name}.gsnx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
