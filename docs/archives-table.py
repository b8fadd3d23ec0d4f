#!/usr/bin/env python3
"""Rewrites the archive tables of docs/archives.md from data/archives.tsv.

    python3 docs/archives-table.py
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN, END = "<!-- archives:begin", "<!-- archives:end -->"
RUSSIAN = {"Moscow", "Podol'sk", "St. Petersburg", "Leningrad", "Krasnogorsk"}
REPUBLICS = {"Kyiv", "Kiev", "Minsk", "Tbilisi", "Vilnius", "Riga", "Tallinn"}
GROUPS = [
    ("Russian federal archives and their Soviet-era names", lambda r: r[7] in RUSSIAN),
    ("Former Soviet republics", lambda r: r[7] in REPUBLICS),
    ("East European party and state archives", lambda r: True),
]


def esc(s):
    return s.replace("|", "\\|")


def tables(rows):
    out, done = [], set()
    for title, belongs in GROUPS:
        out += [f"### {title}", "",
                "| Abbreviation | Also printed as | Romanized name | Native name | City | Held today by |",
                "|---|---|---|---|---|---|"]
        for r in rows:
            if r[0] in done or not belongs(r):
                continue
            done.add(r[0])
            variants = [v for v in r[1].split("|") + r[2].split("|") if v and v != r[0]]
            names = [v for v in r[4].split("|") if v]
            also = ", ".join(f"`{esc(v)}`" for v in variants)
            if names:
                also += ("; " if also else "") + "; ".join(esc(n) for n in names)
            out.append(f"| `{esc(r[0])}` | {also} | {esc(r[3])} | {esc(r[5])} | {r[7]} | {r[8] or '(current)'} |")
        out.append("")
    out.append(f"{len(rows)} entries. The English name of each archive is recognized too.")
    return out


def main():
    with open(os.path.join(ROOT, "data", "archives.tsv"), encoding="utf-8") as fh:
        rows = [l.rstrip("\n").split("\t") for l in fh if l.strip() and not l.startswith("#")][1:]
    path = os.path.join(ROOT, "docs", "archives.md")
    with open(path, encoding="utf-8") as fh:
        doc = fh.read()
    head, rest = doc.split(BEGIN, 1)
    begin_line, rest = rest.split("\n", 1)
    _, tail = rest.split(END, 1)
    body = "\n".join(tables(rows))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{head}{BEGIN}{begin_line}\n{body}\n{END}{tail}")


if __name__ == "__main__":
    main()
