"""The automotive appendix (SOR/2020-155 Part 6): one module per requirement.

``category`` places a good (vehicle category or parts table), ``schedule`` finds the
threshold in force on a date with its phase-in, ``staging`` puts the staged RVC into the
product-specific rule of a part or vehicle, and ``core_parts``, ``steel_aluminum`` and ``lvc``
check a vehicle's further requirements (``plants`` judges
wage rates and the assembly credit for ``lvc``); ``content`` gives US, USMCA and non-USMCA content.
``assess`` puts them together for one good. All are pure functions of their inputs.
"""
