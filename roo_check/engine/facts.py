"""What a shipment file says about a good beyond the good and its BOM.

The engine decides a good from its own row and BOM lines; these facts come from the other
files of the shipment: the routing (Art. 4.18), suppliers' BOMs (Art. 4.11), the stock
records of fungible materials (Art. 4.13), the goods of a set already decided (Art. 4.17)
and the producer's automotive figures. ``depth`` is 1 while a designated intermediate
material is being decided inside the good that uses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from roo_check.models.accumulation import SupplierBom
from roo_check.models.automotive import AutomotiveFile
from roo_check.models.findings import Determination
from roo_check.models.inventory import Inventory
from roo_check.models.shipment import RoutingLeg


@dataclass(frozen=True)
class Facts:
    routing: tuple[RoutingLeg, ...] | None = None
    """The shipment's routing legs; None when the file states no routing at all."""
    routing_source: str = "shipment.json"
    supplier_boms: tuple[SupplierBom, ...] = ()
    inventory: Inventory | None = None
    components: Mapping[str, Determination] = field(default_factory=dict)
    """Goods of the shipment already decided, by part number (the goods in a set)."""
    producer: AutomotiveFile | None = None
    depth: int = 0

    def supplier_bom(self, good: str, material: str) -> SupplierBom | None:
        """The supplier BOM that breaks down ``material`` of ``good``, if the file has one."""
        found = [
            b
            for b in self.supplier_boms
            if b.material == material and b.good_part_number in (None, good)
        ]
        return next((b for b in found if b.good_part_number == good), found[0] if found else None)

    def inside(self) -> Facts:
        """The facts that hold for a sub-assembly decided inside the good: no routing (it
        never travels alone), no set components, no vehicle figures."""
        return Facts(
            supplier_boms=self.supplier_boms,
            inventory=self.inventory,
            depth=self.depth + 1,
        )
