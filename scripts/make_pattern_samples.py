"""Build the pattern library in samples/patterns/ with the model API, exactly.

Run: python scripts/make_pattern_samples.py
"""

from pathlib import Path

from gsn_studio.io import save_case
from gsn_studio.model import Case, Comparison, Evidence, Measure
from gsn_studio.model import NodeType as T
from gsn_studio.model.module_info import ModuleInfo
from gsn_studio.model.patterns import (
    Choice,
    Multiplicity,
    Parameter,
    PatternInfo,
)
from gsn_studio.model.patterns import (
    MultiplicityKind as M,
)
from gsn_studio.model.patterns import (
    ParameterType as P,
)

WHERE = "(a path relative to the instance, or a web address)"
OUT = str(Path(__file__).resolve().parent.parent / "samples" / "patterns") + "/"


def mark(case, source, target, **fields):
    i = next(
        i for i, link in enumerate(case.links) if (link.source, link.target) == (source, target)
    )
    case.links[i] = case.links[i].model_copy(update=fields)


def pattern(name, module, description, params):
    case = Case(name=name, description=description)
    case.module = ModuleInfo(id=module)
    case.pattern = PatternInfo(
        parameters=tuple(Parameter(name=n, type=t, description=d) for n, t, d in params)
    )
    return case


def ref(reference):
    """A solution's evidence as a template: the parameter that names where it is kept."""
    return Evidence(reference=reference)


def add(case, node_id, node_type, statement, **fields):
    case.add_node(node_type, statement, node_id=node_id, **fields)


# -- fairness: argument over each protected group ---------------------------------------------
c = pattern(
    "Fairness of {system}",
    "fairness-pattern",
    "Argue that a model's decisions are fair over each tracked protected group, over a measured "
    "disparity threshold and over the absence of proxies among its inputs.",
    [
        ("system", P.TEXT, "what decides: 'the model', 'the triage model'"),
        ("attributes", P.TEXT, "the protected attributes and where they are defined"),
        ("groups", P.LIST, "the tracked groups, one branch each"),
        ("attribute_collection", P.TEXT, "how the protected attributes are known"),
        ("audit", P.TEXT, "the bias audit that covers every group"),
        ("threshold", P.TEXT, "the lowest acceptable disparate impact ratio"),
        ("threshold_rationale", P.TEXT, "why that threshold"),
        ("monitoring", P.TEXT, "the measured monitoring evidence"),
        ("proxy_analysis", P.TEXT, "the analysis that finds no proxy inputs"),
        (
            "audit_reference",
            P.TEXT,
            f"where the bias audit is kept {WHERE}",
        ),
        (
            "monitoring_reference",
            P.TEXT,
            f"the file the monitoring job appends to {WHERE}",
        ),
        (
            "proxy_reference",
            P.TEXT,
            f"where the proxy analysis is kept {WHERE}",
        ),
    ],
)
add(c, "G1", T.GOAL, "{system}'s decisions are fair to every tracked protected group")
add(c, "C1", T.CONTEXT, "Protected attributes: {attributes}")
add(c, "C2", T.CONTEXT, "Tracked groups: {groups}")
add(c, "S1", T.STRATEGY, "Argument over each tracked protected group")
add(
    c,
    "A1",
    T.ASSUMPTION,
    "Protected attributes, {attribute_collection}, are accurate enough to estimate outcomes "
    "per group",
)
add(c, "G2", T.GOAL, "{groups} are not disadvantaged")
add(c, "Sn1", T.SOLUTION, "{audit}", uninstantiated=True, evidence=ref("{audit_reference}"))
add(c, "G3", T.GOAL, "Disparate impact ratio stays above {threshold} for every tracked group")
add(c, "J1", T.JUSTIFICATION, "{threshold_rationale}")
add(c, "G4", T.GOAL, "No protected attribute, or a close proxy for one, is an input to {system}")
add(
    c,
    "Sn2",
    T.SOLUTION,
    "{monitoring}",
    uninstantiated=True,
    evidence=ref("{monitoring_reference}"),
)
add(
    c, "Sn3", T.SOLUTION, "{proxy_analysis}", uninstantiated=True, evidence=ref("{proxy_reference}")
)
for s, t in [
    ("G1", "S1"),
    ("G1", "G3"),
    ("G1", "G4"),
    ("G1", "C1"),
    ("G1", "C2"),
    ("S1", "G2"),
    ("S1", "A1"),
    ("G2", "Sn1"),
    ("G3", "Sn2"),
    ("G3", "J1"),
    ("G4", "Sn3"),
]:
    c.connect(s, t)
mark(c, "S1", "G2", multiplicity=Multiplicity(kind=M.EACH, over="groups"))
save_case(c, OUT + "fairness.gsnx")

# -- hazard-directed decomposition -----------------------------------------------------------
c = pattern(
    "Hazard-directed argument for {system}",
    "hazard-pattern",
    "The classic hazard-directed decomposition: the system is acceptably safe because each "
    "identified hazard is mitigated, each by design or by a procedure (a 1-of-2 choice).",
    [
        ("system", P.TEXT, "the system"),
        ("environment", P.TEXT, "where it operates"),
        ("hazard_log", P.TEXT, "the hazard log that identifies the hazards"),
        ("hazards", P.LIST, "the identified hazards, one branch each"),
        ("design_evidence", P.TEXT, "what shows a design mitigation works"),
        ("procedure_evidence", P.TEXT, "what shows a procedural mitigation is followed"),
        ("risk_assessment", P.TEXT, "the assessment of the residual risk of all hazards"),
        (
            "design_reference",
            P.TEXT,
            f"where the design evidence is kept {WHERE}",
        ),
        (
            "procedure_reference",
            P.TEXT,
            f"where the procedure evidence is kept {WHERE}",
        ),
        (
            "risk_reference",
            P.TEXT,
            f"where the residual risk assessment is kept {WHERE}",
        ),
    ],
)
add(c, "G1", T.GOAL, "{system} is acceptably safe to operate in {environment}")
add(c, "C1", T.CONTEXT, "Hazards identified in {hazard_log}")
add(c, "S1", T.STRATEGY, "Argument over each identified hazard")
add(c, "J1", T.JUSTIFICATION, "{hazard_log} was reviewed and its hazards are complete")
add(c, "G2", T.GOAL, "Hazard {hazards} is mitigated to an acceptable level")
add(c, "G3", T.GOAL, "The design eliminates or controls hazard {hazards}")
add(c, "G4", T.GOAL, "Operating procedures control hazard {hazards}")
add(
    c,
    "Sn1",
    T.SOLUTION,
    "{design_evidence} for {hazards}",
    uninstantiated=True,
    evidence=ref("{design_reference}"),
)
add(
    c,
    "Sn2",
    T.SOLUTION,
    "{procedure_evidence} for {hazards}",
    uninstantiated=True,
    evidence=ref("{procedure_reference}"),
)
add(c, "G5", T.GOAL, "Residual risk of all hazards together is acceptable")
add(
    c, "Sn3", T.SOLUTION, "{risk_assessment}", uninstantiated=True, evidence=ref("{risk_reference}")
)
for s, t in [
    ("G1", "S1"),
    ("G1", "C1"),
    ("S1", "J1"),
    ("S1", "G2"),
    ("S1", "G5"),
    ("G2", "G3"),
    ("G2", "G4"),
    ("G3", "Sn1"),
    ("G4", "Sn2"),
    ("G5", "Sn3"),
]:
    c.connect(s, t)
mark(c, "S1", "G2", multiplicity=Multiplicity(kind=M.EACH, over="hazards"))
mark(c, "G2", "G3", choice=Choice(at_least=1, at_most=2))
mark(c, "G2", "G4", choice=Choice(at_least=1, at_most=2))
save_case(c, OUT + "hazard-directed.gsnx")

# -- ML component -----------------------------------------------------------------------------
c = pattern(
    "Machine-learning component {component}",
    "ml-component-pattern",
    "An ML component is fit for its role because its data, its training, its verification and "
    "its deployment each meet their requirements; extra verification goals per property.",
    [
        ("component", P.TEXT, "the ML component"),
        ("role", P.TEXT, "what it does in the system"),
        ("requirements", P.TEXT, "the ML safety requirements it is argued against"),
        ("properties", P.LIST, "the properties verified, one branch each"),
        ("data_evidence", P.TEXT, "the data management report"),
        ("training_evidence", P.TEXT, "the training log and configuration record"),
        ("verification_evidence", P.TEXT, "the verification results, per property"),
        ("deployment_evidence", P.TEXT, "what shows deployment stays in the operating domain"),
        (
            "data_reference",
            P.TEXT,
            f"where the data management report is kept {WHERE}",
        ),
        (
            "training_reference",
            P.TEXT,
            f"where the training record is kept {WHERE}",
        ),
        (
            "verification_reference",
            P.TEXT,
            f"where the verification results are kept {WHERE}",
        ),
        (
            "deployment_reference",
            P.TEXT,
            f"where the deployment evidence is kept {WHERE}",
        ),
    ],
)
add(c, "G1", T.GOAL, "{component} is fit to {role}")
add(c, "C1", T.CONTEXT, "ML safety requirements {requirements}")
add(c, "S1", T.STRATEGY, "Argument over the ML lifecycle: data, training, verification, deployment")
add(
    c,
    "G2",
    T.GOAL,
    "The training, validation and test data of {component} are relevant, complete, balanced "
    "and accurate",
)
add(c, "Sn1", T.SOLUTION, "{data_evidence}", uninstantiated=True, evidence=ref("{data_reference}"))
add(
    c, "G3", T.GOAL, "{component} was trained reproducibly from the approved data and configuration"
)
add(
    c,
    "Sn2",
    T.SOLUTION,
    "{training_evidence}",
    uninstantiated=True,
    evidence=ref("{training_reference}"),
)
add(c, "G4", T.GOAL, "Verification shows {component} meets {requirements}")
add(c, "S2", T.STRATEGY, "Argument over each verified property")
add(c, "G5", T.GOAL, "{component} meets its requirement on {properties}")
add(
    c,
    "Sn3",
    T.SOLUTION,
    "{verification_evidence} on {properties}",
    uninstantiated=True,
    evidence=ref("{verification_reference}"),
)
add(c, "G6", T.GOAL, "Deployment keeps {component} within its verified operating domain")
add(
    c,
    "Sn4",
    T.SOLUTION,
    "{deployment_evidence}",
    uninstantiated=True,
    evidence=ref("{deployment_reference}"),
)
for s, t in [
    ("G1", "S1"),
    ("G1", "C1"),
    ("S1", "G2"),
    ("S1", "G3"),
    ("S1", "G4"),
    ("S1", "G6"),
    ("G2", "Sn1"),
    ("G3", "Sn2"),
    ("G4", "S2"),
    ("S2", "G5"),
    ("G5", "Sn3"),
    ("G6", "Sn4"),
]:
    c.connect(s, t)
mark(c, "S2", "G5", multiplicity=Multiplicity(kind=M.EACH, over="properties"))
save_case(c, OUT + "ml-component.gsnx")

# -- monitoring with measured evidence -------------------------------------------------------
c = pattern(
    "Monitoring of {system}",
    "monitoring-pattern",
    "Operation stays within bounds because each monitored metric is measured and stays on the "
    "right side of its threshold; the measured value lives in the evidence (see `gsn-studio "
    "evidence`), so the argument weakens by itself when a measurement fails.",
    [
        ("system", P.TEXT, "the system in operation"),
        (
            "metrics",
            P.LIST,
            "the monitored metrics, each a measured claim such as 'latency p95 <= 800'",
        ),
        ("measurements", P.TEXT, "the CSV or JSON file the monitoring job keeps current"),
        ("cadence", P.TEXT, "how often they are measured"),
        ("response", P.TEXT, "what happens when one crosses its threshold"),
        (
            "drill_reference",
            P.TEXT,
            f"where the last drill's record is kept {WHERE}",
        ),
    ],
)
add(c, "G1", T.GOAL, "{system} stays within its operating bounds in production")
add(c, "S1", T.STRATEGY, "Argument over each monitored metric, measured {cadence}")
add(c, "G2", T.GOAL, "{metrics} holds in production")
add(
    c,
    "Sn1",
    T.SOLUTION,
    "{cadence} measurement of {metrics}",
    uninstantiated=True,
    evidence=Evidence(
        reference="{measurements}",
        measure=Measure(metric="{metrics}", comparison=Comparison.AT_LEAST, threshold=0),
    ),
)
add(c, "G3", T.GOAL, "A crossed threshold triggers {response}")
add(c, "A1", T.ASSUMPTION, "Monitoring data are complete and on time")
add(
    c,
    "Sn2",
    T.SOLUTION,
    "Record of the last drill of {response}",
    uninstantiated=True,
    evidence=ref("{drill_reference}"),
)
for s, t in [("G1", "S1"), ("S1", "G2"), ("S1", "A1"), ("G2", "Sn1"), ("G1", "G3"), ("G3", "Sn2")]:
    c.connect(s, t)
mark(c, "S1", "G2", multiplicity=Multiplicity(kind=M.EACH, over="metrics"))
mark(c, "G1", "G3", multiplicity=Multiplicity(kind=M.OPTIONAL))
save_case(c, OUT + "monitoring.gsnx")
print(f"wrote the patterns in {OUT}")
