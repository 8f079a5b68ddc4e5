"""The flows as data: every arrow leads somewhere, every screen is reachable, and
``kawan flows`` draws all of it as Mermaid or Graphviz for NGO staff to review."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import deque

from bot.flows_command import HUB, dot, edges, mermaid, node_key, run_flows
from dialogs.engine import LANGUAGE
from dialogs.flows import FLOW
from dialogs.nodes import NEXT

_ID = r"[A-Za-z_][A-Za-z0-9_]*"
_NODE = re.compile(rf'^    ({_ID})(\["[^"\n]*"\]|\{{\{{"[^"\n]*"\}}\}})$')
_EDGE = re.compile(rf'^    ({_ID}) -->\|"[^"|\n]*"\| ({_ID})$')


def test_every_arrow_leads_to_a_screen_that_exists() -> None:
    dangling = [
        (node.id, target)
        for node in FLOW.nodes.values()
        for target, _ in node.edges()
        if target != NEXT and target not in FLOW.nodes
    ]
    assert dangling == []


def test_every_screen_can_be_reached_from_the_language_menu() -> None:
    graph: dict[str, set[str]] = {}
    for source, target, _ in edges(FLOW):
        graph.setdefault(source, set()).add(target)
    seen, queue = {LANGUAGE}, deque([LANGUAGE])
    while queue:
        for target in graph.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    unreachable = set(FLOW.nodes) - seen - {"resume", "erased", "help"}
    assert unreachable == set()


def test_the_mermaid_output_is_a_flowchart_with_every_screen_and_arrow() -> None:
    lines = mermaid(FLOW).splitlines()
    assert lines[0] == "flowchart TD"
    declared: set[str] = set()
    arrows: list[tuple[str, str]] = []
    for line in lines[1:]:
        node, edge = _NODE.match(line), _EDGE.match(line)
        assert node or edge, f"not Mermaid flowchart syntax: {line!r}"
        if node:
            declared.add(node.group(1))
        elif edge:
            arrows.append((edge.group(1), edge.group(2)))
    assert {node_key(n) for n in FLOW.nodes} | {HUB} == declared
    assert {a for pair in arrows for a in pair} <= declared
    assert len(arrows) == len(list(edges(FLOW)))
    assert (HUB, "summary") in arrows


def test_the_dot_output_is_one_digraph_naming_every_screen() -> None:
    text = dot(FLOW)
    assert text.startswith("digraph kawan {") and text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    for node_id in FLOW.nodes:
        assert re.search(rf"^    {node_key(node_id)} \[label=", text, re.M), node_id
    assert text.count(" -> ") == len(list(edges(FLOW)))


def test_kawan_flows_prints_the_diagram_and_refuses_an_unknown_format() -> None:
    ok = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "flows", "--format", "mermaid"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ok.returncode == 0 and ok.stdout.startswith("flowchart TD")
    assert run_flows("svg") == 2
