#!/usr/bin/env python3
"""Re-runs every `$ ./plimsoll ...` example in README.md and pastes its real output back.

A code block may hold several commands; each command's output runs until the next `$ ` line or
the end of the block. Continuation lines end in a backslash. stderr is captured too (error
examples print to stderr). Usage, from the repository root: python3 docs/refresh-readme.py
"""
import re
import subprocess
import sys

README = "README.md"


def run(command):
    proc = subprocess.run(command, shell=True, capture_output=True, text=True)
    return (proc.stdout + proc.stderr).rstrip("\n").split("\n")


def refresh(lines):
    out, i, in_block = [], 0, False
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            in_block = not in_block
            out.append(line)
            i += 1
            continue
        if in_block and line.startswith("$ ./plimsoll"):
            command = [line]
            while command[-1].endswith("\\"):
                i += 1
                command.append(lines[i])
            out.extend(command)
            shell = " ".join(c.rstrip("\\").strip() for c in command)[2:]
            print("running:", shell, file=sys.stderr)
            out.extend(run(shell))
            i += 1
            while i < len(lines) and not lines[i].startswith("```") and not lines[i].startswith("$ "):
                i += 1
            continue
        out.append(line)
        i += 1
    return out


if __name__ == "__main__":
    with open(README) as f:
        text = f.read().split("\n")
    with open(README, "w") as f:
        f.write("\n".join(refresh(text)))
