"""``kawan flows --format mermaid|dot``: the whole conversation as a diagram, for review.

Every screen of :data:`dialogs.flows.FLOW` is a box labelled with its id and the English
of its first line; every edge a node lists (:meth:`Node.edges`) is an arrow labelled with
the choice id or the fact it records. ``@next`` (the next question the eligibility engine
still needs, or the summary) is drawn as one hub, ``slots``, with an arrow to each slot
and to the summary, so NGO staff can see which questions any branch may ask.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Final

from dialogs.engine import Flow
from dialogs.flows import FLOW
from dialogs.flows.slots import SLOTS
from dialogs.flows.summary import SUMMARY
from dialogs.nodes import NEXT, Info, Menu, Node, Question
from dialogs.reply import Text

HUB: Final = "slots"
"""The node that stands for ``@next`` in diagrams."""
FORMATS: Final = ("mermaid", "dot")
_LABEL_CHARS: Final = 40


def node_key(node_id: str) -> str:
    """A node id as a diagram identifier (letters, digits and ``_`` only).

    Examples:
        >>> node_key("slot.household.children"), node_key("@next")
        ('slot_household_children', 'slots')
    """
    if node_id == NEXT:
        return HUB
    return re.sub(r"\W", "_", node_id)


def _first_line(node: Node) -> str:
    """The English of a screen's first line, when it is fixed (not worked out per worker)."""
    texts: tuple[Text, ...] = ()
    if isinstance(node, Menu | Question):
        texts = node.prompt
    elif isinstance(node, Info) and not callable(node.body):
        texts = node.body
    if not texts:
        return ""
    first = texts[0].short or texts[0].msgid
    return first if len(first) <= _LABEL_CHARS else first[: _LABEL_CHARS - 1].rstrip() + "…"


def _label(node: Node) -> str:
    line = _first_line(node)
    return f"{node.id}: {line}" if line else node.id


def edges(flow: Flow) -> Iterator[tuple[str, str, str]]:
    """(from, to, label) for every arrow, ``@next`` included as the hub, each once."""
    seen: set[tuple[str, str, str]] = set()
    for node in flow.nodes.values():
        for target, label in node.edges():
            edge = (node.id, target, label)
            if edge not in seen:
                seen.add(edge)
                yield edge
    for slot_id in dict.fromkeys(slot.id for slot in SLOTS.values()):
        yield NEXT, slot_id, "needs"
    yield NEXT, SUMMARY, "nothing missing"


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("|", "#124;")


def mermaid(flow: Flow) -> str:
    """The flow as a Mermaid ``flowchart``."""
    lines = ["flowchart TD"]
    for node in flow.nodes.values():
        lines.append(f'    {node_key(node.id)}["{_mermaid_text(_label(node))}"]')
    lines.append(f'    {HUB}{{{{"next question or summary"}}}}')
    for source, target, label in edges(flow):
        lines.append(
            f'    {node_key(source)} -->|"{_mermaid_text(label)}"| {node_key(target)}'
        )
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def dot(flow: Flow) -> str:
    """The flow as a Graphviz ``digraph``."""
    lines = ["digraph kawan {", "    rankdir=TB;", '    node [shape=box, fontname="sans"];']
    for node in flow.nodes.values():
        lines.append(f'    {node_key(node.id)} [label="{_dot_text(_label(node))}"];')
    lines.append(f'    {HUB} [shape=hexagon, label="next question or summary"];')
    for source, target, label in edges(flow):
        lines.append(f'    {node_key(source)} -> {node_key(target)} [label="{_dot_text(label)}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def run_flows(fmt: str) -> int:
    """Print the diagram; exit 2 with one sentence for an unknown format."""
    if fmt not in FORMATS:
        print(f"kawan: unknown format {fmt!r}; use mermaid or dot.", file=sys.stderr)
        return 2
    sys.stdout.write(mermaid(FLOW) if fmt == "mermaid" else dot(FLOW))
    return 0
