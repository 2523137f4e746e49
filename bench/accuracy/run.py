#!/usr/bin/env python3
"""Precision per rule of `galley check` on a corpus of real sites nobody here
wrote, against the findings judged by hand in judgments*.tsv (site, rule,
path, line, column, verdict true/false/unsure, reason).

    bench/accuracy/run.py [--galley PATH] [--corpus DIR] [--unjudged FILE]

The corpus is the checkouts listed in sites.tsv, one folder per site under
DIR (default $GALLEY_CORPUS or /work/corpus), each `git archive` of the pinned
commit. Setup `origin` means the site is a GitHub project page: the script
writes the `.git/config` a clone has (`origin` = the repository), as a user's
checkout would carry it. Not part of CI (the corpus is not in the repository).

Prints, per rule: findings, judged true / false / unsure, unjudged, and the
precision true / (true + false). Prose rules have their own measurement and
are left out. `--unjudged FILE` writes the findings no judgment matches, as
judgments.tsv rows with an empty verdict, for the next person to judge.
"""
import argparse, collections, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROSE = {"misspelling", "word-repeated"}


def sites():
    for line in open(os.path.join(HERE, "sites.tsv")):
        if line.startswith("#") or not line.strip():
            continue
        site, repo, commit, setup = line.rstrip("\n").split("\t")
        yield site, repo, commit, setup


def judgments():
    """Every judged finding, from judgments*.tsv (one file per judging pass)."""
    table = {}
    for name in sorted(os.listdir(HERE)):
        if not (name.startswith("judgments") and name.endswith(".tsv")):
            continue
        for n, line in enumerate(open(os.path.join(HERE, name))):
            if n == 0 or not line.strip():
                continue
            site, rule, file, line_no, column, verdict, reason = line.rstrip("\n").split("\t")[:7]
            table[(site, rule, file, int(line_no), int(column))] = (verdict.strip(), reason)
    return table


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--galley", default=os.path.join(HERE, "../../target/release/galley"))
    ap.add_argument("--corpus", default=os.environ.get("GALLEY_CORPUS", "/work/corpus"))
    ap.add_argument("--unjudged")
    args = ap.parse_args()
    judged = judgments()
    counts = collections.defaultdict(collections.Counter)
    unjudged = []
    for site, repo, commit, setup in sites():
        root = os.path.join(args.corpus, site)
        if not os.path.isdir(root):
            sys.exit(f"{root}: missing (fetch {repo} and `git archive {commit}` it there)")
        if setup == "origin" and not os.path.exists(os.path.join(root, ".git/config")):
            os.makedirs(os.path.join(root, ".git"), exist_ok=True)
            with open(os.path.join(root, ".git/config"), "w") as f:
                f.write(f'[remote "origin"]\n\turl = https://github.com/{repo}.git\n')
        out = subprocess.run([args.galley, "check", "--format", "json", root],
                             capture_output=True, text=True)
        if out.returncode not in (0, 1):
            sys.exit(f"{site}: galley exited {out.returncode}: {out.stderr}")
        for f in json.loads(out.stdout)["findings"]:
            if f["severity"] == "info" or f["rule"] in PROSE:
                continue
            key = (site, f["rule"], f["path"], f["line"], f["column"])
            verdict = judged.get(key, ("unjudged", ""))[0] or "unjudged"
            counts[(f["severity"], f["rule"])][verdict] += 1
            if verdict == "unjudged":
                unjudged.append(key + (f["message"],))
    print(f"{'severity':8} {'rule':24} {'found':>6} {'true':>5} {'false':>5} {'unsure':>6} {'unjudged':>8} {'precision':>9}")
    for (severity, rule), c in sorted(counts.items()):
        found = sum(c.values())
        decided = c["true"] + c["false"]
        precision = f"{100 * c['true'] / decided:.1f}%" if decided else "-"
        print(f"{severity:8} {rule:24} {found:6} {c['true']:5} {c['false']:5} {c['unsure']:6} {c['unjudged']:8} {precision:>9}")
    if args.unjudged:
        with open(args.unjudged, "w") as f:
            f.write("site\trule\tpath\tline\tcolumn\tverdict\treason\n")
            for site, rule, path, line, column, message in unjudged:
                f.write(f"{site}\t{rule}\t{path}\t{line}\t{column}\t\t{message}\n")


if __name__ == "__main__":
    main()
