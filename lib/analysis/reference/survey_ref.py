#!/usr/bin/env python3
"""Independent reference implementation of Fieldwork's weighted results.

Written separately from the TypeScript core (lib/analysis) to cross-check it:
row-by-row, no collapsing into cells, and it follows R survey's algorithms
rather than the TypeScript ones:
  - raking: plain iterative proportional fitting on respondents, one margin at a
    time (R rake() = repeated postStratify());
  - calibration residuals: backfitting, i.e. repeatedly subtracting each margin
    category's weighted mean of the residual until nothing changes (R svyrecvar's
    "raking" branch, weighted by the pre-calibration weights d as its
    post-stratification branch is); the TypeScript core instead solves the normal
    equations of the same projection;
  - variance: R onestage() for stratified with-replacement sampling of respondents,
    sum_h n_h/(n_h-1) sum_i (u_i - mean_h u)^2, u_i = w_i e_i.

Usage: python3 survey_ref.py respondents.csv request.json [targets.csv]
Prints JSON: {"overall": EST, "groups": [EST], "tests": [...], "weights": [...]}.
Standard library only.
"""
import csv
import json
import math
import sys


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def read_targets(path):
    margins = {}
    for row in read_csv(path):
        margins.setdefault(row["variable"], {})[row["category"]] = float(row["population"])
    return margins  # dicts keep file order


def value(row, variable):
    # crossed variables: "a*b" -> "A*B"
    return "*".join(row[v] for v in variable.split("*"))


def rake_weights(rows, margins, base, tol, max_iter, trim):
    n = len(rows)
    w = list(base)
    total = sum(next(iter(margins.values())).values())
    mean_w = total / n
    lo = trim.get("lower", 0.0) * mean_w if trim else 0.0
    hi = trim.get("upper", math.inf) * mean_w if trim else math.inf
    cats = {m: [value(r, m) for r in rows] for m in margins}

    def worst_error():
        err = 0.0
        for m, pops in margins.items():
            sums = {c: 0.0 for c in pops}
            for i in range(n):
                sums[cats[m][i]] += w[i]
            for c, p in pops.items():
                err = max(err, abs(sums[c] - p) / p)
        return err

    for it in range(1, max_iter + 1):
        for m, pops in margins.items():
            sums = {c: 0.0 for c in pops}
            for i in range(n):
                sums[cats[m][i]] += w[i]
            for i in range(n):
                c = cats[m][i]
                w[i] *= pops[c] / sums[c]
        if trim:
            w = [min(hi, max(lo, x)) for x in w]
        if worst_error() < tol:
            return w, it
    raise RuntimeError("raking did not converge")


def residuals_backfit(z, d, groupings):
    """Residual of z from the d-weighted least-squares fit on all groupings' dummies."""
    e = list(z)
    dsum = []
    for g in groupings:
        s = {}
        for i, c in enumerate(g):
            s[c] = s.get(c, 0.0) + d[i]
        dsum.append(s)
    scale = max(1e-300, max(abs(x) for x in z))
    for _ in range(100000):
        biggest = 0.0
        for g, s in zip(groupings, dsum):
            acc = {}
            for i, c in enumerate(g):
                acc[c] = acc.get(c, 0.0) + d[i] * e[i]
            means = {c: acc[c] / s[c] for c in acc}
            for i, c in enumerate(g):
                e[i] -= means[c]
            biggest = max(biggest, max(abs(v) for v in means.values()))
        if biggest < 1e-15 * scale:
            return e
    raise RuntimeError("backfitting did not converge")


def strat_variance(u, strata, fpc_pop):
    groups = {}
    for i, h in enumerate(strata):
        groups.setdefault(h, []).append(u[i])
    v = 0.0
    for h, vals in groups.items():
        nh = len(vals)
        if nh < 2:
            continue
        m = sum(vals) / nh
        f = (1 - nh / fpc_pop[h]) if fpc_pop else 1.0
        v += f * nh / (nh - 1) * sum((x - m) ** 2 for x in vals)
    return v


def main():
    rows = read_csv(sys.argv[1])
    req = json.load(open(sys.argv[2]))
    n = len(rows)
    method = req["method"]
    base = [1.0] * n
    strata = ["all"] * n
    fpc_pop = None
    groupings = []
    iterations = 0
    if method == "rake" or method == "poststratify":
        margins = read_targets(sys.argv[3])
        if method == "rake":
            w, iterations = rake_weights(rows, margins, base, req.get("tolerance", 1e-12),
                                         req.get("maxIterations", 10000), req.get("trim"))
        else:
            (var, pops), = margins.items()
            cell = [value(r, var) for r in rows]
            dsum = {}
            for i, c in enumerate(cell):
                dsum[c] = dsum.get(c, 0.0) + base[i]
            w = [base[i] * pops[cell[i]] / dsum[cell[i]] for i in range(n)]
        groupings = [[value(r, m) for r in rows] for m in margins]
    elif method == "design":
        strata = [r[req["stratum"]] for r in rows]
        count = {}
        for h in strata:
            count[h] = count.get(h, 0) + 1
        pops = req["populations"]
        w = [pops[h] / count[h] for h in strata]
        if req.get("fpc"):
            fpc_pop = pops
    else:
        w = [1.0] * n

    spec = req["spec"]
    y = [0.0] * n
    x = [0.0] * n
    for i, r in enumerate(rows):
        for q in spec["questions"]:
            a = r.get(q, "")
            if a == "" or a in spec["excluded"]:
                continue
            x[i] += 1
            y[i] += 1 if a in spec["positive"] else 0

    def estimate(domain):
        Y = sum(w[i] * y[i] for i in range(n) if domain[i])
        X = sum(w[i] * x[i] for i in range(n) if domain[i])
        base_n = sum(1 for i in range(n) if domain[i] and x[i] > 0)
        if X == 0:
            return {"estimate": None, "se": None, "base": base_n}, None
        R = Y / X
        z = [(y[i] - R * x[i]) / X if domain[i] else 0.0 for i in range(n)]
        e = residuals_backfit(z, base, groupings) if groupings else z
        u = [w[i] * e[i] for i in range(n)]
        return {"estimate": R, "se": math.sqrt(strat_variance(u, strata, fpc_pop)), "base": base_n}, u

    out = {"iterations": iterations, "weights": w}
    out["overall"], _ = estimate([True] * n)
    groups, us = [], []
    if req.get("by"):
        levels = sorted({r[req["by"]] for r in rows if r[req["by"]] != ""})
        for lv in levels:
            est, u = estimate([r[req["by"]] == lv for r in rows])
            est["category"] = lv
            groups.append(est)
            us.append(u)
    out["groups"] = groups
    tests = []
    for a in range(len(groups)):
        for b in range(a + 1, len(groups)):
            if us[a] is None or us[b] is None:
                continue
            diff = groups[a]["estimate"] - groups[b]["estimate"]
            se = math.sqrt(strat_variance([p - q for p, q in zip(us[a], us[b])], strata, fpc_pop))
            p = math.erfc(abs(diff / se) / math.sqrt(2))
            tests.append({"a": groups[a]["category"], "b": groups[b]["category"], "difference": diff, "se": se, "p": p})
    out["tests"] = tests
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
