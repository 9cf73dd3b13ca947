#!/usr/bin/env python3
"""Holds the model's layers (issue 28): reads every `use` and every written
path in the model's files and fails, naming file and line, where

- a file under the model imports what reads scenario files, the app, the
  words or the window;
- `sim/base` imports anything else in `sim`;
- a file of one room calls into another room's mechanisms: across rooms it
  imports types and constants (the other room's state), never a function
  or a module, but for the few shared rules listed in `SHARED`;
- two files import each other, directly or round a circle.

Run from the repository's root: `python3 .ci/layers.py [--graph]`;
`--graph` prints how many files of each room import each other room, for a
closing note. (The window cannot reach into the model's insides at all: it
is another crate, `src/`, that sees only what the model makes public.)
"""

import re
import sys
from pathlib import Path

MODEL = Path(__file__).resolve().parent.parent / "model" / "src"
SIM = MODEL / "sim"
# The rooms: each reads the others' state and keeps its mechanisms to
# itself.
ROOMS = {"base", "people", "economy", "ecology", "institutions", "crisis", "power"}
# Functions of one room that others may call, and why.
SHARED = {
    "sim::economy::pay::pay_income": "every payment to households goes through one rule; "
    "rebuilding links and defending boundaries pay their workers by it",
    "sim::institutions::policy::lever": "the lever registry's lookup by name",
}
# What the model must not know: the layers above it.
ABOVE = {"scenario", "headless", "compare", "words"}


def rust_files(root):
    return sorted(p for p in root.rglob("*.rs"))


def module_of(path):
    """`src/sim/economy/labour.rs` -> ['sim', 'economy', 'labour']."""
    parts = list(path.relative_to(MODEL).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return parts


def reexports():
    """What each module's `mod.rs` re-exports (`pub use file::{A, B}`), as
    (module, name) -> the file that defines the name."""
    found = {}
    for path in SIM.rglob("mod.rs"):
        here = module_of(path)
        text = " ".join(line for _, line in code_lines(path))
        for tree in re.findall(r"\bpub(?:\(crate\))?\s+use\s+([^;]+);", text):
            for p in expand(tree.replace(" ", "")):
                segs = p.split("::")
                stem = MODEL.joinpath(*here, segs[0]).with_suffix(".rs")
                if stem.is_file():
                    found[(tuple(here), segs[-1])] = stem
    return found


REEXPORTS = {}


def file_of(module):
    """The file that holds the longest prefix of `module` that is a file,
    following a room's re-exports to the file that defines the name."""
    if not module:
        return MODEL / "lib.rs"
    for n in range(len(module) - 1, 0, -1):
        if (tuple(module[:n]), module[n]) in REEXPORTS:
            return REEXPORTS[(tuple(module[:n]), module[n])]
    for n in range(len(module), 0, -1):
        stem = MODEL.joinpath(*module[:n])
        for candidate in (stem.with_suffix(".rs"), stem / "mod.rs"):
            if candidate.is_file():
                return candidate
    return None


def expand(tree):
    """Expands a use tree `a::{b, c::{d, e}}` into its paths."""
    tree = tree.strip()
    brace = tree.find("{")
    if brace < 0:
        return [tree]
    head, body = tree[:brace], tree[brace + 1 : tree.rfind("}")]
    items, depth, start = [], 0, 0
    for i, c in enumerate(body):
        depth += c == "{"
        depth -= c == "}"
        if c == "," and depth == 0:
            items.append(body[start:i])
            start = i + 1
    items.append(body[start:])
    return [head + p for item in items if item.strip() for p in expand(item)]


def code_lines(path, tests=False):
    """The file's lines, comments cut, up to its `#[cfg(test)]` module
    unless `tests`."""
    out = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if line.startswith("#[cfg(test)]") and not tests:
            break
        out.append((number, line.split("//")[0]))
    return out


PATH = re.compile(r"\b((?:crate|super|self)(?:::\w+)+)")
USE = re.compile(r"^\s*(?:pub(?:\([\w:]+\))?\s+)?use\s+(.*)")


def imports(path, tests=False):
    """(line, module path as a list) for every path the file names (in its
    tests too, if `tests`)."""
    here = module_of(path)
    found, lines = [], code_lines(path, tests)
    i = 0
    while i < len(lines):
        number, line = lines[i]
        m = USE.match(line)
        if m:
            text = m.group(1)
            while ";" not in text and i + 1 < len(lines):
                i += 1
                text += lines[i][1]
            paths = expand(text.split(";")[0].replace(" ", ""))
        else:
            paths = PATH.findall(line)
        for p in paths:
            segs = [s for s in p.split("::") if s and s not in ("self", "*")]
            if segs and segs[0] not in ("crate", "super"):
                # A path from one of this module's own children.
                child = here + segs[:1]
                if file_of(child) is None or len(module_of(file_of(child))) <= len(here):
                    continue
                found.append((number, child + segs[1:]))
                continue
            if not segs:
                continue
            if segs[0] == "crate":
                module = segs[1:]
            else:
                module = list(here)
                while segs and segs[0] == "super":
                    segs.pop(0)
                    module = module[:-1]
                module += segs
            found.append((number, module))
        i += 1
    return found


def main():
    REEXPORTS.update(reexports())
    graph, faults = {}, []
    for path in rust_files(SIM):
        # Not even a test of the model reads a scenario file.
        for number, module in imports(path, tests=True):
            if module[:1] and module[0] in ABOVE:
                rel = path.relative_to(MODEL.parent.parent)
                faults.append(f"{rel}:{number}: the model imports `{'::'.join(module)}`, a layer above it")
        edges = set()
        for number, module in imports(path):
            where = f"{path.relative_to(MODEL.parent.parent)}:{number}"
            if module[:1] != ["sim"]:
                continue
            target = file_of(module)
            if target is None or target == path:
                continue
            # A module gathering its own children (their plugins, their
            # re-exports) is how the tree is built, not an import.
            if path.name == "mod.rs" and target.is_relative_to(path.parent):
                continue
            if path.is_relative_to(SIM / "base") and not target.is_relative_to(SIM / "base"):
                faults.append(f"{where}: `sim/base` imports `{'::'.join(module)}`")
            here, there = module_of(path), module_of(target)
            room, other = here[1:2], there[1:2]
            # What is taken from the other room: the name after the room.
            item = module[2:3]
            if (
                room != other
                and room and room[0] in ROOMS
                and other and other[0] in ROOMS - {"base"}
                and item and item[0][:1].islower()
                and "::".join(there + item) not in SHARED
            ):
                faults.append(
                    f"{where}: `{'::'.join(there + item)}` is a mechanism of the {other[0]} room;"
                    " another room reads its state, never calls it"
                )
            edges.add(target)
        graph[path] = edges

    # Circles: strongly connected components of more than one file.
    index, low, stack, on, circles, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    for circle in circles:
        faults.append(
            "an import circle: " + " -> ".join(str(p.relative_to(MODEL)) for p in circle)
        )

    if "--graph" in sys.argv:
        rooms = {}
        for a, targets in graph.items():
            for b in targets:
                ra, rb = module_of(a)[1:2], module_of(b)[1:2]
                if ra != rb:
                    rooms.setdefault((ra[0] if ra else "sim", rb[0] if rb else "sim"), 0)
                    rooms[(ra[0] if ra else "sim", rb[0] if rb else "sim")] += 1
        for (a, b), n in sorted(rooms.items()):
            print(f"{a} -> {b}: {n}")
        print(f"{len(rooms)} ordered pairs of rooms, {len(circles)} circles")
    for fault in faults:
        print(fault)
    if faults:
        print(f"\n{len(faults)} breaches of the model's layers")
        return 1
    print("the model's layers hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
