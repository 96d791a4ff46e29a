"""Build samples/modular-loan/: the loan-approval case split into modules owned by different
people, as a team would split it: a top module, one module each for fairness, accuracy and
human oversight, and a supplier's module that develops a goal the top module leaves undeveloped.

    .venv/bin/python scripts/make_modular_sample.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_samples import ARTIFACTS, SAMPLES, loan_approval

from gsn_studio.io.modular import load_modular, save_modular
from gsn_studio.model import (
    Case,
    Citation,
    Contract,
    LinkKind,
    ModularCase,
    Module,
    NodeType,
)

FOLDER = SAMPLES / "modular-loan"
TOP = "top.gsnx"
PARTS = {
    # module id: (the goal it argues, its owner, its name)
    "fairness": ("G2", "Fair Lending Officer", "LAM 4.2: fairness"),
    "accuracy": ("G9", "Head of Model Risk", "LAM 4.2: accuracy"),
    "oversight": ("G16", "Head of Credit Operations", "LAM 4.2: human oversight"),
}
SUPPLIER = "scoring-platform"
DEVELOPED = "G14"
"""The top module's goal that the supplier of the scoring platform develops."""


def _below(case: Case, root: str) -> list[str]:
    """The root and everything under it, with the defeaters that challenge any of them."""
    children: dict[str, list[str]] = {}
    challengers: dict[str, list[str]] = {}
    for link in case.links:
        if link.kind is LinkKind.CHALLENGES:
            challengers.setdefault(link.target, []).append(link.source)
        else:
            children.setdefault(link.source, []).append(link.target)
    seen, stack = {root}, [root]
    while stack:
        current = stack.pop()
        for other in (*children.get(current, ()), *challengers.get(current, ())):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return [node.id for node in case.nodes if node.id in seen]


def _part(whole: Case, ids: list[str], name: str, description: str) -> Case:
    chosen = set(ids)
    return Case(
        name=name,
        description=description,
        nodes=[node for node in whole.nodes if node.id in chosen],
        links=[link for link in whole.links if link.source in chosen and link.target in chosen],
    )


def modular_loan() -> ModularCase:
    whole = loan_approval()
    modules: list[Module] = []
    top_ids = [node.id for node in whole.nodes]
    for module_id, (root, owner, name) in PARTS.items():
        ids = _below(whole, root)
        top_ids = [node_id for node_id in top_ids if node_id not in ids]
        part = _part(whole, ids, name, f"The {name.split(': ')[1]} argument of {whole.name}.")
        part.update_node(root, public=True)
        modules.append(Module(id=module_id, path=f"{module_id}.gsnx", case=part, owner=owner))

    failover = whole.node(DEVELOPED)
    evidence = whole.children(DEVELOPED, LinkKind.SUPPORTED_BY)
    top_ids = [node_id for node_id in top_ids if node_id not in evidence]
    top = _part(whole, top_ids, whole.name, whole.description)
    top.update_node(failover.id, undeveloped=True)
    for index, (module_id, (root, _, _)) in enumerate(PARTS.items()):
        home = whole.node(root)
        position = next(i for i, node in enumerate(top.nodes) if node.id == "S1") + 2 + index
        top.insert_node(
            home.model_copy(
                update={"cites": Citation(module=module_id, element=root), "owner": ""}
            ),
            position,
        )
    top.links = [link for link in whole.links if link.source in top and link.target in top]

    supplier = Case(
        name="ScoreCloud scoring platform",
        description="The scoring platform's own argument, kept by its supplier, for the goal "
        "the bank's case leaves to it.",
    )
    supplier.add_node(
        NodeType.GOAL,
        "The ScoreCloud platform fails over to manual underwriting within 60 seconds of an "
        "outage and rejects inputs outside the model's validated range",
        "G20",
        public=True,
    )
    for node_id in evidence:
        supplier.insert_node(whole.node(node_id))
        supplier.connect("G20", node_id)
    contract = Contract(
        claim=Citation(module="top", element=failover.id),
        support=(Citation(module=SUPPLIER, element="G20"),),
    )
    uses = (*(f"{module_id}.gsnx" for module_id in PARTS), f"{SUPPLIER}.gsnx")
    return ModularCase(
        modules=[
            Module(id="top", path=TOP, case=top, owner="Head of Model Risk", uses=uses),
            *modules,
            Module(
                id=SUPPLIER,
                path=f"{SUPPLIER}.gsnx",
                case=supplier,
                owner="ScoreCloud GmbH (supplier)",
                contracts=(contract,),
            ),
        ]
    )


def evidence_files(modular: ModularCase) -> dict[str, str]:
    """The evidence files the modules point at, by path relative to the sample's folder."""
    wanted = {
        evidence.reference
        for module in modular.modules
        for node in module.case.nodes
        for evidence in (node.evidence, node.refutation)
        if evidence is not None
    }
    return {reference: ARTIFACTS[reference] for reference in sorted(wanted & set(ARTIFACTS))}


def main() -> int:
    modular = modular_loan()
    save_modular(modular, FOLDER)
    for reference, text in evidence_files(modular).items():
        target = FOLDER / reference
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode())
    again = load_modular([FOLDER / TOP])
    if [m.id for m in again.modules] != [m.id for m in modular.modules]:
        print(f"{FOLDER}: the modules do not read back", file=sys.stderr)
        return 1
    for module in again.modules:
        print(f"{FOLDER.relative_to(SAMPLES.parent)}/{module.path}: {len(module.case.nodes)} nodes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
