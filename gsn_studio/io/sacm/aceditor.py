"""ACEditor's SACM 2.1 (files .sacm2): SACM 2.1 classes in one namespace of its own, many
argument packages in one file, ids in `gid`, texts built from terminology expressions and
citations without text of their own. The SACM 2 reader reads it; this names the dialect."""

from __future__ import annotations

NAMESPACE = "http://SACM_ACEditor/sacm/2.1"
