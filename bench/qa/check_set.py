#!/usr/bin/env python3
"""Validate bench/qa/dev-questions.jsonl against MedQuAD and the bundled content.

Usage:
    python3 bench/qa/check_set.py [MEDQUAD_DIR [CONTENT_DIR]] [--questions FILE]

Defaults: MEDQUAD_DIR = <repo>/../shared/data/medquad, CONTENT_DIR = <repo>/content,
FILE = dev-questions.jsonl beside this script.

Checks every line is one JSON object with the expected keys; ids are unique;
intents and tags come from the fixed vocabularies; no-answer questions have an
empty focus and intents. For every other question, every `focus` name must equal
(case-insensitively, after trimming) a MedQuAD <Focus>/<Synonym> or a content
article's condition/synonym, and every listed intent - the first one above all -
must be answerable for one of those names: a MedQuAD QAPair of a matching qtype
with a non-empty <Answer>, or a content section whose heading maps to it.

Prints counts per tag and intent; exits 1 and lists the problems if any.
Standard library only.
"""

import argparse
import collections
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

INTENTS = [
    "overview", "causes", "symptoms", "exams-and-tests", "treatment", "prevention",
    "outlook", "susceptibility", "genetics", "complications", "frequency",
    "when-to-see-a-doctor",
]
TAGS = [
    "plain", "typo", "lay", "british", "abbrev", "possessive", "plural", "multi",
    "chatty", "no-answer", "short", "question-form-variant",
]
# MedQuAD qtype -> intent. The brief's "inheritance and genetic changes" appears in
# the XML as two qtypes, "inheritance" and "genetic changes"; both are genetics.
QTYPES = {
    "information": "overview",
    "causes": "causes",
    "symptoms": "symptoms",
    "exams and tests": "exams-and-tests",
    "treatment": "treatment",
    "prevention": "prevention",
    "outlook": "outlook",
    "susceptibility": "susceptibility",
    "inheritance": "genetics",
    "genetic changes": "genetics",
    "inheritance and genetic changes": "genetics",
    "complications": "complications",
    "frequency": "frequency",
    "when to contact a medical professional": "when-to-see-a-doctor",
}

# Content headings, mirrored from src/core/section_type.cpp (classify_heading).
PREFIXES = [
    ("overview", "overview"), ("about", "overview"), ("introduction", "overview"),
    ("causes", "causes"), ("cause", "causes"),
    ("risk factors", "susceptibility"), ("who is at risk", "susceptibility"),
    ("who gets", "susceptibility"),
    ("genetics", "genetics"), ("genetic changes", "genetics"), ("inheritance", "genetics"),
    ("inheritance pattern", "genetics"),
    ("frequency", "frequency"), ("how common", "frequency"),
    ("research", None), ("clinical trials", None),
    ("signs and symptoms", "symptoms"), ("symptoms", "symptoms"), ("signs", "symptoms"),
    ("diagnosis", "exams-and-tests"), ("diagnosing", "exams-and-tests"),
    ("exams and tests", "exams-and-tests"), ("tests", "exams-and-tests"),
    ("treatment", "treatment"), ("treatments", "treatment"), ("treating", "treatment"),
    ("management", "treatment"), ("managing", "treatment"), ("self-care", "treatment"),
    ("self care", "treatment"), ("home care", "treatment"),
    ("prevention", "prevention"), ("preventing", "prevention"),
    ("how to prevent", "prevention"),
    ("outlook", "outlook"), ("prognosis", "outlook"),
    ("complications", "complications"), ("possible complications", "complications"),
    ("when to see a doctor", "when-to-see-a-doctor"),
    ("when to see your doctor", "when-to-see-a-doctor"),
    ("when to contact a medical professional", "when-to-see-a-doctor"),
    ("when to get help", "when-to-see-a-doctor"), ("when to seek", "when-to-see-a-doctor"),
    ("conclusion", None), ("in conclusion", None), ("summary", None), ("in summary", None),
]
QUESTION_WORDS = ("how ", "what ", "why ", "who ", "can ", "is ", "are ", "which ")
KEYWORDS = [
    ("symptom", "symptoms"), ("at risk", "susceptibility"), ("inherit", "genetics"),
    ("genetic", "genetics"), ("how common", "frequency"), ("cause", "causes"),
    ("diagnos", "exams-and-tests"), ("test", "exams-and-tests"), ("treat", "treatment"),
    ("prevent", "prevention"), ("outlook", "outlook"), ("prognosis", "outlook"),
    ("complication", "complications"), ("research", None),
]


def classify_heading(heading):
    h = " ".join(heading.lower().split())
    if not h:
        return None
    best, best_len = None, 0
    for words, kind in PREFIXES:
        if len(words) > best_len and h.startswith(words) and (
                len(h) == len(words) or not h[len(words)].isalnum()):
            best, best_len = kind, len(words)
    if best_len:
        return best
    if not h.startswith(QUESTION_WORDS):
        return None
    for stem, kind in KEYWORDS:
        if stem in h:
            return kind
    if h.startswith("what is ") or h.startswith("what are "):
        return "overview"
    return None


def norm(name):
    return " ".join(name.strip().lower().split())


def load_medquad(root, answerable, known):
    docs = 0
    for folder in sorted(os.listdir(root)):
        path = os.path.join(root, folder)
        if not os.path.isdir(path):
            continue
        for fname in sorted(os.listdir(path)):
            if not fname.endswith(".xml"):
                continue
            try:
                doc = ET.parse(os.path.join(path, fname)).getroot()
            except ET.ParseError as e:
                print(f"warning: {folder}/{fname}: {e}", file=sys.stderr)
                continue
            docs += 1
            names = [doc.findtext("Focus") or ""]
            names += [s.text or "" for s in doc.iter("Synonym")]
            names = [norm(n) for n in names if n.strip()]
            intents = set()
            for pair in doc.iter("QAPair"):
                q = pair.find("Question")
                answer = (pair.findtext("Answer") or "").strip()
                if q is None or not answer:
                    continue
                kind = QTYPES.get((q.get("qtype") or "").strip().lower())
                if kind:
                    intents.add(kind)
            for n in names:
                known.add(n)
                answerable[n] |= intents
    return docs


def parse_flow_list(value):
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    items = []
    for part in value.split(","):
        part = part.strip().strip("'\"").strip()
        if part:
            items.append(part)
    return items


def load_content(root, answerable, known):
    articles = 0
    for dirpath, _, files in os.walk(root):
        for fname in sorted(files):
            if not fname.endswith(".md"):
                continue
            with open(os.path.join(dirpath, fname), encoding="utf-8") as f:
                text = f.read()
            m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
            if not m:
                continue
            front, body = m.groups()
            names = []
            cond = re.search(r"^condition:\s*(.+?)\s*$", front, re.M)
            if cond:
                names.append(cond.group(1).strip("'\""))
            syn = re.search(r"^synonyms:\s*(.+?)\s*$", front, re.M)
            if syn:
                names += parse_flow_list(syn.group(1))
            intents = set()
            for line in body.splitlines():
                if line.startswith("## "):
                    kind = classify_heading(line[3:])
                    if kind:
                        intents.add(kind)
            articles += 1
            for n in names:
                n = norm(n)
                known.add(n)
                answerable[n] |= intents
    return articles


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("medquad", nargs="?",
                    default=os.path.join(repo, "..", "shared", "data", "medquad"))
    ap.add_argument("content", nargs="?", default=os.path.join(repo, "content"))
    ap.add_argument("--questions", default=os.path.join(here, "dev-questions.jsonl"))
    args = ap.parse_args()

    for d in (args.medquad, args.content):
        if not os.path.isdir(d):
            print(f"error: no such directory: {d}", file=sys.stderr)
            return 2

    answerable = collections.defaultdict(set)
    known = set()
    ndocs = load_medquad(args.medquad, answerable, known)
    narticles = load_content(args.content, answerable, known)

    problems = []
    seen_ids = set()
    tag_counts = collections.Counter()
    intent_counts = collections.Counter()
    first_intent_counts = collections.Counter()
    parent = {}  # union-find over focus names: names listed together are one topic

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    n = 0
    with open(args.questions, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            where = f"line {lineno}"
            if not line.strip():
                problems.append(f"{where}: empty line")
                continue
            try:
                q = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"{where}: not JSON: {e}")
                continue
            if not isinstance(q, dict):
                problems.append(f"{where}: not a JSON object")
                continue
            n += 1
            extra = set(q) - {"id", "question", "focus", "intents", "tags"}
            if extra:
                problems.append(f"{where}: unexpected keys {sorted(extra)}")
            qid = q.get("id")
            if not isinstance(qid, str) or not qid:
                problems.append(f"{where}: missing id")
            else:
                where = f"{where} ({qid})"
                if qid in seen_ids:
                    problems.append(f"{where}: duplicate id")
                seen_ids.add(qid)
            if not isinstance(q.get("question"), str) or not q["question"].strip():
                problems.append(f"{where}: missing question text")
            focus, intents, tags = q.get("focus"), q.get("intents"), q.get("tags")
            bad_type = False
            for key, val in (("focus", focus), ("intents", intents), ("tags", tags)):
                if not isinstance(val, list) or not all(isinstance(x, str) for x in val):
                    problems.append(f"{where}: {key} must be a list of strings")
                    bad_type = True
            if bad_type:
                continue
            for t in tags:
                if t not in TAGS:
                    problems.append(f"{where}: unknown tag {t!r}")
            if len(set(tags)) != len(tags):
                problems.append(f"{where}: repeated tag")
            tag_counts.update(set(tags))
            for i in intents:
                if i not in INTENTS:
                    problems.append(f"{where}: unknown intent {i!r}")
            if len(set(intents)) != len(intents):
                problems.append(f"{where}: repeated intent")
            intent_counts.update(intents)
            if intents:
                first_intent_counts[intents[0]] += 1

            if "no-answer" in tags:
                if focus or intents:
                    problems.append(f"{where}: no-answer question must have empty focus and intents")
                continue
            if not focus:
                problems.append(f"{where}: empty focus (tag it no-answer if it has no answer)")
                continue
            if not intents:
                problems.append(f"{where}: no intents")
                continue
            if "multi" in tags and len(intents) < 2:
                problems.append(f"{where}: tagged multi but has one intent")
            keys = [norm(x) for x in focus]
            unknown = [x for x, k in zip(focus, keys) if k not in known]
            if len(unknown) == len(focus):
                problems.append(f"{where}: no focus name is a MedQuAD Focus/Synonym or content condition/synonym: {focus}")
                continue
            for x in unknown:
                problems.append(f"{where}: focus name {x!r} is not a MedQuAD Focus/Synonym or content condition/synonym")
            for k in keys[1:]:
                parent[find(k)] = find(keys[0])
            find(keys[0])
            have = set()
            for k in keys:
                have |= answerable.get(k, set())
            for pos, i in enumerate(intents):
                if i in INTENTS and i not in have:
                    which = "first intent" if pos == 0 else "intent"
                    problems.append(f"{where}: {which} {i!r} has no answered pair or content section for {focus} (has {sorted(have)})")

    print(f"{args.questions}: {n} questions; MedQuAD documents: {ndocs}; content articles: {narticles}")
    print("tags:")
    for t in TAGS:
        print(f"  {t:24} {tag_counts[t]}")
    print("intents (all / as first intent):")
    for i in INTENTS:
        print(f"  {i:24} {intent_counts[i]:4} / {first_intent_counts[i]}")
    topics = {find(k) for k in list(parent)}
    print(f"distinct foci (topics; names listed together count once): {len(topics)}")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print(f"  {p}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
