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
from gsn_studio.model.module_split import move_to_new_module

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


def modular_loan() -> ModularCase:
    whole = loan_approval()
    modular = ModularCase(
        modules=[Module(id="top", path=TOP, case=whole, owner="Head of Model Risk")]
    )
    for module_id, (root, owner, name) in PARTS.items():
        modular = move_to_new_module(
            modular,
            module_id="top",
            root=root,
            new_id=module_id,
            path=f"{module_id}.gsnx",
            name=name,
            owner=owner,
        )
        part = modular.modules[-1].case
        part.description = f"The {name.split(': ')[1]} argument of {whole.name}."

    # The supplier of the scoring platform develops G14, which the top module leaves open.
    top = modular.modules[0]
    evidence = top.case.children(DEVELOPED, LinkKind.SUPPORTED_BY)
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
        supplier.insert_node(top.case.node(node_id))
        supplier.connect("G20", node_id)
        top.case.remove_node(node_id)
    top.case.update_node(DEVELOPED, undeveloped=True)
    contract = Contract(
        claim=Citation(module="top", element=DEVELOPED),
        support=(Citation(module=SUPPLIER, element="G20"),),
    )
    top = top.model_copy(update={"uses": (*top.uses, f"{SUPPLIER}.gsnx")})
    return ModularCase(
        modules=[
            top,
            *modular.modules[1:],
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
