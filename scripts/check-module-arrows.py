#!/usr/bin/env python3
"""Checks that linea's modules depend on each other only as docs/architecture.md allows.

Reads the allowed arrows from the block between <!-- arrows:begin --> and <!-- arrows:end -->
in docs/architecture.md ("module: dep dep …", one module per line), then fails (exit 1) on:
  - a library in src/**/CMakeLists.txt (linea_cc_library NAME x … DEPS/PRIVATE_DEPS linea::y)
    depending on a module its line does not list;
  - a module's non-test source including "y/…" of a module y that its allowed arrows do not
    reach (directly or through other allowed arrows);
  - a module missing from the list, or listed but gone.
Test sources (*_test.cc, testing/) may use any module. Run by CTest as `module_arrows`.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src"


def allowed_arrows():
    text = (ROOT / "docs" / "architecture.md").read_text()
    block = re.search(r"<!-- arrows:begin -->(.*?)<!-- arrows:end -->", text, re.S)
    if not block:
        sys.exit("check-module-arrows: docs/architecture.md has no arrows block")
    arrows = {}
    for line in block.group(1).splitlines():
        line = line.strip().strip("`")
        if not line or line.startswith("```") or ":" not in line:
            continue
        module, deps = line.split(":", 1)
        arrows[module.strip()] = {d for d in deps.replace(",", " ").split() if d != "—"}
    return arrows


def libraries():
    """module name → (folder, set of linea:: deps) for every linea_cc_library."""
    libs = {}
    for cmake in SRC.rglob("CMakeLists.txt"):
        text = cmake.read_text()
        for m in re.finditer(r"linea_cc_library\(NAME (\w+)(.*?)\)\s*$", text, re.S | re.M):
            libs[m.group(1)] = (cmake.parent, set(re.findall(r"linea::(\w+)", m.group(2))))
    return libs


def reachable(arrows, start):
    seen, stack = set(), [start]
    while stack:
        for dep in arrows.get(stack.pop(), ()):
            if dep not in seen:
                seen.add(dep)
                stack.append(dep)
    return seen


def main():
    arrows = allowed_arrows()
    libs = libraries()
    # Include roots: "ingest/openlineage/x.h" belongs to module openlineage, "store/x.h" to store.
    folder_module = {str(folder.relative_to(SRC)): name for name, (folder, _) in libs.items()}
    problems = []
    for name in sorted(set(libs) - set(arrows)):
        problems.append(f"module {name} is not in docs/architecture.md's arrows")
    for name in sorted(set(arrows) - set(libs)):
        problems.append(f"docs/architecture.md lists module {name}, which does not exist")
    for name, (folder, deps) in sorted(libs.items()):
        for dep in sorted(deps - arrows.get(name, set()) - {name}):
            if dep.endswith("_testing"):
                continue
            problems.append(f"{folder.relative_to(ROOT)}/CMakeLists.txt: {name} -> {dep} "
                            "is not an allowed arrow")
        allowed = reachable(arrows, name) | {name}
        for source in sorted(folder.rglob("*")):
            if source.suffix not in (".h", ".cc") or source.name.endswith("_test.cc"):
                continue
            rel = source.relative_to(SRC)
            if "testing" in rel.parts:
                continue
            # A nested module's folder (src/ingest/x inside src/ingest) is checked on its own.
            owner = max((f for f in folder_module if str(rel).startswith(f + "/")), key=len)
            if folder_module[owner] != name:
                continue
            for inc in re.findall(r'^#include "([^"]+)"', source.read_text(), re.M):
                target = max((f for f in folder_module if inc.startswith(f + "/")), key=len,
                             default=None)
                if target is None:
                    continue
                dep = folder_module[target]
                if dep not in allowed:
                    problems.append(f"src/{rel}: includes {inc}, but {name} may not reach {dep}")
    for p in problems:
        print("check-module-arrows:", p)
    if problems:
        return 1
    print(f"check-module-arrows: {len(libs)} modules, every arrow allowed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
