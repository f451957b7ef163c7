#!/usr/bin/env python3
"""Generate the known-answer fixtures for Tests/StatsTests from scipy and plain Python.

Run from the repository root:

    python3 scripts/stats/generate_fixtures.py

Requires numpy and scipy (checked with numpy 2.4, scipy 1.17.1) and mpmath (for exact
distribution values). Output is deterministic: every random sample comes from
numpy.random.default_rng with a fixed seed, and values are rounded to 9 significant digits
before any expected value is computed, so the JSON holds exactly the data the answers are for.

Each file holds {"generator": ..., "cases": [...]}; a case has a descriptive "name", its
inputs, and either expected outputs or "undefined": true (with a note saying what scipy does).
"""

import json
import math
import os
import sys
from fractions import Fraction

import mpmath
import numpy as np
import scipy
from scipy import stats

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "StatsTests", "Fixtures")
ALTERNATIVES = ["two-sided", "less", "greater"]


def rounded(values, digits=9):
    """Round to `digits` significant digits so JSON is short and reproduces the data exactly."""
    return [float(f"{float(v):.{digits}g}") for v in values]


def draw(rng, kind, n):
    """One sample of size n from a named latency-like distribution."""
    if kind == "normal":
        values = rng.normal(100.0, 15.0, n)
    elif kind == "lognormal":
        values = rng.lognormal(math.log(50.0), 0.6, n)
    elif kind == "pareto":
        values = (rng.pareto(2.5, n) + 1.0) * 20.0
    elif kind == "student-t":
        values = 100.0 + 10.0 * rng.standard_t(3, n)
    elif kind == "shifted-lognormal":
        values = rng.lognormal(math.log(55.0), 0.6, n)
    elif kind == "rounded":
        values = np.round(rng.normal(20.0, 3.0, n))
    elif kind == "outliers":
        values = rng.normal(300.0, 20.0, n)
        values[:: max(1, n // 7)] = 1e9
    else:
        raise ValueError(kind)
    return rounded(values)


def finite(x):
    return x is not None and not (isinstance(x, float) and (math.isnan(x) or math.isinf(x)))


def num(x):
    """JSON-safe float: infinities become strings, NaN is refused (callers mark undefined)."""
    x = float(x)
    if math.isnan(x):
        raise ValueError("NaN must be expressed as undefined")
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def write(name, cases, generator):
    path = os.path.join(OUT, name)
    with open(path, "w") as handle:
        json.dump({"generator": generator, "cases": cases}, handle, separators=(",", ":"), allow_nan=False)
        handle.write("\n")
    print(f"{name}: {len(cases)} cases, {os.path.getsize(path)} bytes")


# ----------------------------------------------------------------------------------------------
# Descriptive statistics and distributions


def descriptive():
    rng = np.random.default_rng(101)
    cases = []
    probabilities = [0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0]
    for kind in ["normal", "lognormal", "pareto", "outliers", "rounded"]:
        for n in [1, 2, 3, 5, 8, 9, 20, 50, 200, 5000]:
            x = draw(rng, kind, n)
            a = np.array(x)
            case = {
                "name": f"{kind}-{n}",
                "values": x,
                "mean": float(np.mean(a)),
                "probabilities": probabilities,
                "quantiles": [float(np.quantile(a, p)) for p in probabilities],
                "median": float(np.median(a)),
            }
            if n >= 2:
                case["variance"] = float(np.var(a, ddof=1))
                case["standardDeviation"] = float(np.std(a, ddof=1))
            if min(x) > 0:
                case["geometricMean"] = float(stats.gmean(a))
            cases.append(case)
    cases.append({"name": "constant-10", "values": [7.25] * 10, "mean": 7.25, "variance": 0.0,
                  "standardDeviation": 0.0, "geometricMean": 7.25, "median": 7.25,
                  "probabilities": probabilities, "quantiles": [7.25] * len(probabilities)})
    offset = rounded(1e9 + np.arange(10) * 0.5, 12)
    cases.append({"name": "large-offset-10", "values": offset, "mean": float(np.mean(offset)),
                  "variance": float(np.var(np.array(offset) - 1e9, ddof=1)),
                  "standardDeviation": float(np.std(np.array(offset) - 1e9, ddof=1)),
                  "geometricMean": float(stats.gmean(offset)), "median": float(np.median(offset)),
                  "probabilities": probabilities,
                  "quantiles": [float(np.quantile(offset, p)) for p in probabilities]})
    write("descriptive.json", cases, "numpy mean/var(ddof=1)/std(ddof=1)/quantile(linear)/median, scipy gmean")


def exact_student_tail(nu, t):
    """P(T > t) for t > 0 at 50 digits, or None where mpmath's hypergeometric series gives up."""
    x = nu / (nu + t * t)
    y = t * t / (nu + t * t)
    for attempt in (lambda: mpmath.betainc(nu / 2, mpmath.mpf(0.5), 0, x, regularized=True),
                    lambda: mpmath.betainc(mpmath.mpf(0.5), nu / 2, y, 1, regularized=True)):
        try:
            return attempt() / 2
        except (ValueError, ZeroDivisionError, mpmath.libmp.NoConvergence):
            continue
    return None


def distributions():
    mpmath.mp.dps = 50
    normal_x = [-38.0, -37.5, -30.0, -20.0, -10.0, -8.3, -5.0, -3.0, -1.5, -1.0, -0.5, -1e-8, 0.0,
                1e-8, 0.3, 0.9999, 1.0, 2.0, 4.0, 6.5, 9.0, 12.0, 20.0, 37.0]
    normal = []
    for x in normal_x:
        normal.append({"x": x, "cdf": float(stats.norm.cdf(x)), "sf": float(stats.norm.sf(x)),
                       "exactCdf": float(mpmath.ncdf(x)), "exactSf": float(mpmath.ncdf(-x))})
    probabilities = [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-6, 1e-3, 0.01, 0.02425, 0.05,
                     0.075, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.925, 0.975, 0.99, 0.999, 1 - 1e-10]
    normal_quantiles = []
    for p in probabilities:
        mp_p = mpmath.mpf(p)
        exact = mpmath.sqrt(2) * mpmath.erfinv(2 * mp_p - 1) if p > 1e-15 else -mpmath.sqrt(2) * mpmath.erfinv(1 - 2 * mp_p)
        # Solve directly for tiny p to avoid erfinv's cancellation.
        exact = mpmath.findroot(lambda z: mpmath.ncdf(z) - mp_p, float(stats.norm.ppf(p)))
        normal_quantiles.append({"p": p, "quantile": float(stats.norm.ppf(p)), "isf": float(stats.norm.isf(p)),
                                 "exactQuantile": float(exact)})

    dfs = [0.3, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 7.3, 10.0, 29.5, 100.0, 1000.0, 1e4, 1e5, 1e6,
           1e7, 1e8, 1e10, 1e12]
    t_values = [-1e6, -300.0, -40.0, -12.0, -5.0, -2.5, -1.0, -0.3, -1e-6, 0.0, 1e-6, 0.2, 0.7, 1.5,
                2.0, 3.3, 6.0, 9.0, 15.0, 25.0, 38.0, 100.0, 1e4, 1e8]
    student = []
    for df in dfs:
        for t in t_values:
            nu = mpmath.mpf(df)
            tt = mpmath.mpf(t)
            half = None if t == 0 else exact_student_tail(nu, abs(tt))
            entry = {"df": df, "t": t, "cdf": float(stats.t.cdf(t, df)), "sf": float(stats.t.sf(t, df))}
            if t == 0:
                entry.update({"exactSf": 0.5, "exactCdf": 0.5})
            elif half is not None:
                # The tail beyond |t| is computed directly; the other side is 1 - tail.
                near, far = float(half), float(1 - half)
                entry.update({"exactSf": near if t > 0 else far, "exactCdf": far if t > 0 else near})
            student.append(entry)
    t_probabilities = [1e-300, 1e-100, 1e-20, 1e-10, 1e-6, 1e-3, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3,
                       0.45, 0.5, 0.55, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999999]
    student_quantiles = []
    for df in dfs:
        for p in t_probabilities:
            q = float(stats.t.ppf(p, df))
            isf = float(stats.t.isf(p, df))
            entry = {"df": df, "p": p, "quantile": num(q), "isf": num(isf)}
            student_quantiles.append(entry)
    write("distributions.json", [{"name": "normal", "points": normal, "quantiles": normal_quantiles},
                                 {"name": "student-t", "points": student, "quantiles": student_quantiles}],
          "scipy.stats.norm / scipy.stats.t (cdf, sf, ppf, isf); exact* from mpmath at 50 digits")


# ----------------------------------------------------------------------------------------------
# Two-sample location tests


def two_sample_pairs(seed):
    """Named (a, b) pairs covering sizes, shapes, ties and degenerate cases."""
    rng = np.random.default_rng(seed)
    pairs = []
    kinds = ["normal", "lognormal", "pareto", "student-t"]
    sizes = [(1, 5), (2, 2), (2, 3), (3, 3), (5, 8), (8, 9), (9, 9), (20, 20), (20, 50), (50, 50),
             (200, 200), (200, 50), (5000, 5000)]
    for index, (n1, n2) in enumerate(sizes):
        kind = kinds[index % len(kinds)]
        other = "shifted-lognormal" if kind == "lognormal" else kind
        pairs.append((f"{kind}-{n1}-vs-{other}-{n2}", draw(rng, kind, n1), draw(rng, other, n2)))
    for n1, n2 in [(3, 4), (6, 7), (8, 30), (12, 5), (25, 30)]:
        pairs.append((f"rounded-ties-{n1}-vs-{n2}", draw(rng, "rounded", n1), draw(rng, "rounded", n2)))
    pairs.append(("outliers-100-vs-normal-120", draw(rng, "outliers", 100), draw(rng, "normal", 120)))
    pairs.append(("all-tied-6-vs-6", [3.0] * 6, [3.0] * 6))
    pairs.append(("identical-samples-15", *(lambda s: (s, list(s)))(draw(rng, "lognormal", 15))))
    pairs.append(("one-side-constant-10-vs-12", [5.0] * 10, draw(rng, "normal", 12)))
    pairs.append(("both-constant-different-7-vs-9", [5.0] * 7, [6.0] * 9))
    pairs.append(("single-each-1-vs-1", [1.0], [2.0]))
    pairs.append(("separated-8-vs-8", rounded(np.arange(8) + 0.5), rounded(np.arange(8) + 100.25)))
    return pairs


def welch():
    cases = []
    for name, a, b in two_sample_pairs(202):
        results = []
        for alternative in ALTERNATIVES:
            for confidence in [0.95, 0.9]:
                res = stats.ttest_ind(a, b, equal_var=False, alternative=alternative)
                result = {"alternative": alternative, "confidence": confidence}
                both_constant = len(a) >= 2 and len(b) >= 2 and np.var(a) == 0 and np.var(b) == 0
                if math.isnan(res.pvalue) or both_constant:
                    result["undefined"] = True
                    result["note"] = f"scipy returns t={res.statistic}, p={res.pvalue}"
                else:
                    ci = res.confidence_interval(confidence)
                    result.update({"t": num(res.statistic), "df": float(res.df), "pvalue": float(res.pvalue),
                                   "meanDifference": float(np.mean(a) - np.mean(b)),
                                   "ciLow": num(ci.low), "ciHigh": num(ci.high)})
                results.append(result)
        cases.append({"name": name, "a": a, "b": b, "results": results})
    write("welch_ttest.json", cases, f"scipy {scipy.__version__} ttest_ind(equal_var=False).confidence_interval")


def welch_logs():
    cases = []
    rng = np.random.default_rng(303)
    pairs = [(f"lognormal-{n1}-vs-{n2}", draw(rng, "lognormal", n1), draw(rng, "shifted-lognormal", n2))
             for n1, n2 in [(2, 2), (3, 5), (8, 9), (30, 40), (200, 150)]]
    pairs.append(("pareto-40-vs-40", draw(rng, "pareto", 40), draw(rng, "pareto", 40)))
    pairs.append(("contains-zero", [0.0, 1.0, 2.0], [1.0, 2.0, 3.0]))
    pairs.append(("contains-negative", [1.0, 2.0, 3.0], [1.0, -2.0, 3.0]))
    for name, a, b in pairs:
        for alternative in ALTERNATIVES:
            case = {"name": name, "a": a, "b": b, "alternative": alternative, "confidence": 0.95}
            if min(a) <= 0 or min(b) <= 0:
                case["undefined"] = True
                case["note"] = "logarithm of a non-positive value"
            else:
                la, lb = np.log(a), np.log(b)
                res = stats.ttest_ind(la, lb, equal_var=False, alternative=alternative)
                ci = res.confidence_interval(0.95)
                case.update({"t": float(res.statistic), "df": float(res.df), "pvalue": float(res.pvalue),
                             "ratio": float(np.exp(np.mean(la) - np.mean(lb))),
                             "ratioLow": num(np.exp(ci.low)), "ratioHigh": num(np.exp(ci.high))})
            cases.append(case)
    write("welch_ttest_logs.json", cases, "scipy ttest_ind(log a, log b, equal_var=False); ratio = exp(difference)")


def mann_whitney():
    cases = []
    rng = np.random.default_rng(404)
    pairs = two_sample_pairs(405)
    for n1, n2 in [(1, 1), (1, 9), (2, 7), (3, 3), (4, 12), (5, 5), (6, 40), (7, 8), (8, 8), (8, 60), (3, 300)]:
        pairs.append((f"exact-normal-{n1}-vs-{n2}", draw(rng, "normal", n1), draw(rng, "student-t", n2)))
    pairs.append(("huge-rounded-30000-vs-30000", [float(v) for v in np.round(rng.lognormal(3, 0.5, 30000))],
                  [float(v) for v in np.round(rng.lognormal(3.01, 0.5, 30000))]))
    for name, a, b in pairs:
        methods = ["auto"] if len(a) > 1000 else ["auto", "asymptotic", "exact"]
        results = []
        for method in methods:
            if method == "exact" and len(a) * len(b) > 40000:
                continue
            for alternative in ALTERNATIVES:
                for continuity in ([True, False] if method == "asymptotic" else [True]):
                    res = stats.mannwhitneyu(a, b, alternative=alternative, method=method,
                                             use_continuity=continuity)
                    result = {"alternative": alternative, "method": method, "continuity": continuity}
                    if len(set(a) | set(b)) == 1:
                        result["undefined"] = True
                        result["note"] = f"all values tied; scipy returns p={res.pvalue} from a zero variance"
                    else:
                        ties = len(np.unique(np.concatenate([a, b]))) < len(a) + len(b)
                        used = method
                        if method == "auto":
                            used = "asymptotic" if (len(a) > 8 and len(b) > 8) or ties else "exact"
                        result.update({"u": float(res.statistic), "pvalue": float(res.pvalue), "methodUsed": used})
                    results.append(result)
        cases.append({"name": name, "a": a, "b": b, "results": results})
    write("mann_whitney_u.json", cases, f"scipy {scipy.__version__} mannwhitneyu")


# ----------------------------------------------------------------------------------------------
# Hodges-Lehmann shift (no scipy function: brute force over all pairwise differences)


def mwu_exact_cdf_counts(m, n, upto):
    """Counts of arrangements with U = 0..upto, by the Gaussian-binomial recursion in integers."""
    # f(m, n) generating polynomial = prod_{i=1..m} (1 - q^{n+i}) / (1 - q^i), truncated.
    poly = [0] * (upto + 1)
    poly[0] = 1
    for i in range(1, m + 1):
        for u in range(i, upto + 1):  # divide by (1 - q^i)
            poly[u] += poly[u - i]
        step = n + i
        for u in range(upto, step - 1, -1):  # multiply by (1 - q^{n+i})
            poly[u] -= poly[u - step]
    return poly


def hodges_lehmann_reference(x, y, confidence):
    m, n = len(x), len(y)
    diffs = np.sort((np.asarray(y)[None, :] - np.asarray(x)[:, None]).ravel())
    total = m * n
    if total % 2 == 1:
        estimate = float(diffs[total // 2])
    else:
        estimate = float((diffs[total // 2 - 1] + diffs[total // 2]) / 2)
    alpha = 1 - confidence
    combined = np.concatenate([x, y])
    values, counts = np.unique(combined, return_counts=True)
    ties = bool(np.any(counts > 1))
    if (m > 8 and n > 8) or ties:
        method = "asymptotic"
        big_n = m + n
        tie_term = float(np.sum(counts.astype(float) ** 3 - counts))
        sigma = math.sqrt(m * n / 12 * ((big_n + 1) - tie_term / (big_n * (big_n - 1))))
        z = float(stats.norm.isf(alpha / 2))
        k = math.floor(m * n / 2 + 0.5 - z * sigma)
    else:
        method = "exact"
        total_arrangements = math.comb(m + n, m)
        counts_u = mwu_exact_cdf_counts(min(m, n), max(m, n), total // 2 + 1)
        k = 0
        cumulative = 0  # arrangements with U <= k - 1
        while k < len(counts_u) and Fraction(cumulative + counts_u[k], total_arrangements) <= Fraction(alpha / 2):
            cumulative += counts_u[k]
            k += 1
    result = {"estimate": estimate, "method": method}
    if k < 1:
        result["intervalUndefined"] = True
    else:
        result.update({"k": k, "low": float(diffs[k - 1]), "high": float(diffs[total - k])})
    return result


def hodges_lehmann():
    cases = []
    rng = np.random.default_rng(505)
    specs = [("normal", 2, 2), ("normal", 3, 4), ("lognormal", 4, 4), ("lognormal", 5, 6), ("normal", 6, 6),
             ("pareto", 7, 9), ("normal", 8, 20), ("lognormal", 3, 60), ("student-t", 9, 9), ("pareto", 20, 25),
             ("lognormal", 50, 40), ("normal", 200, 150), ("outliers", 100, 90), ("rounded", 30, 30),
             ("rounded", 5, 6), ("lognormal", 1, 30), ("lognormal", 1500, 1200)]
    for kind, m, n in specs:
        other = "shifted-lognormal" if kind == "lognormal" else kind
        x = draw(rng, kind, m)
        y = draw(rng, other, n)
        for confidence in [0.95, 0.9, 0.99]:
            case = {"name": f"{kind}-{m}-vs-{n}", "baseline": x, "current": y, "confidence": confidence}
            case.update(hodges_lehmann_reference(x, y, confidence))
            cases.append(case)
    write("hodges_lehmann.json", cases, "brute force: all pairwise differences current - baseline, sorted")


# ----------------------------------------------------------------------------------------------
# Relative change of means (Fieller) and of quantiles (point estimate only)


def fieller_reference(base, cur, confidence):
    b, a = np.mean(base), np.mean(cur)
    vb = np.var(base, ddof=1) / len(base)
    va = np.var(cur, ddof=1) / len(cur)
    ratio = a / b
    df = (va + ratio**2 * vb) ** 2 / (va**2 / (len(cur) - 1) + ratio**4 * vb**2 / (len(base) - 1))
    t = float(stats.t.ppf(1 - (1 - confidence) / 2, df))
    denominator = b * b - t * t * vb
    if denominator <= 0:
        return {"undefined": True, "note": "baseline mean not significantly different from zero"}
    root = math.sqrt(a * a * vb + b * b * va - t * t * va * vb)
    low = (a * b - t * root) / denominator
    high = (a * b + t * root) / denominator
    return {"estimate": float(ratio - 1), "low": float(low - 1), "high": float(high - 1), "df": float(df)}


def relative_mean_change():
    cases = []
    rng = np.random.default_rng(606)
    for kind, m, n in [("lognormal", 2, 2), ("lognormal", 3, 5), ("normal", 10, 12), ("pareto", 40, 40),
                       ("lognormal", 200, 300), ("student-t", 25, 25), ("lognormal", 5000, 5000)]:
        other = "shifted-lognormal" if kind == "lognormal" else kind
        base, cur = draw(rng, kind, m), draw(rng, other, n)
        for confidence in [0.95, 0.9]:
            case = {"name": f"{kind}-{m}-vs-{n}", "baseline": base, "current": cur, "confidence": confidence}
            case.update(fieller_reference(np.array(base), np.array(cur), confidence))
            cases.append(case)
    noisy, other = rounded(rng.normal(1.0, 5.0, 6)), draw(rng, "normal", 6)
    case = {"name": "baseline-mean-near-zero", "baseline": noisy, "current": other, "confidence": 0.95}
    case.update(fieller_reference(np.array(noisy), np.array(other), 0.95))
    cases.append(case)
    write("relative_mean_change.json", cases,
          "Fieller interval with Welch-Satterthwaite df at the ratio estimate (Python reference)")


def quantile_change_points():
    cases = []
    rng = np.random.default_rng(707)
    for kind, m, n in [("lognormal", 15, 15), ("lognormal", 40, 50), ("pareto", 200, 180), ("normal", 1, 3)]:
        other = "shifted-lognormal" if kind == "lognormal" else kind
        base, cur = draw(rng, kind, m), draw(rng, other, n)
        for q in [0.5, 0.9, 0.99]:
            qb, qc = float(np.quantile(base, q)), float(np.quantile(cur, q))
            cases.append({"name": f"{kind}-{m}-vs-{n}-q{q}", "baseline": base, "current": cur, "quantile": q,
                          "baselineQuantile": qb, "currentQuantile": qc, "change": qc / qb - 1})
    write("quantile_change.json", cases, "numpy quantile(linear): point estimate of the relative change")


def clustered_weighting():
    """Pooled statistics of cluster-bootstrap resamples, built explicitly with numpy.

    Each case is a clustered sample (a per-cluster speed times within-cluster jitter, as streamed
    requests' inter-chunk gaps are) and weight vectors (how often each cluster is drawn, clusters
    numbered in order of first appearance); the expected values come from the resample itself,
    np.repeat'ed and pooled, so the Swift scan that never builds it is checked against the plain
    definition.
    """
    cases = []
    rng = np.random.default_rng(909)
    for clusters, size_range, spread, ties in [(5, (1, 4), 0.35, False), (12, (1, 30), 0.35, False),
                                               (40, (3, 8), 0.8, True), (2, (1, 1), 0.1, False)]:
        sizes = rng.integers(size_range[0], size_range[1] + 1, clusters)
        speeds = np.exp(rng.normal(0, spread, clusters)) * 20
        labels, values = [], []
        for cluster, (size, speed) in enumerate(zip(sizes, speeds)):
            label = int(rng.integers(-1000, 1000)) * 1000 + cluster  # any integers, unique per cluster
            for _ in range(size):
                labels.append(label)
                values.append(speed * np.exp(rng.normal(0, 0.05)))
        values = rounded(values)
        if ties:
            values = [round(v) for v in values]
            values = [float(v) for v in values]
        order = rng.permutation(len(values))
        values = [values[i] for i in order]
        labels = [labels[i] for i in order]
        first_seen = list(dict.fromkeys(labels))
        dense = np.array([first_seen.index(label) for label in labels])
        weight_sets = [[1] * clusters]
        for _ in range(3):
            weights = np.bincount(rng.integers(0, clusters, clusters), minlength=clusters)
            weight_sets.append([int(w) for w in weights])
        expected = []
        for weights in weight_sets:
            pooled = np.repeat(np.array(values), np.array(weights)[dense])
            expected.append({"weights": weights,
                             "quantiles": {str(q): float(np.quantile(pooled, q)) for q in [0.0, 0.05, 0.5, 0.95, 0.99, 1.0]},
                             "mean": float(np.mean(pooled))})
        means = [float(np.mean([v for v, d in zip(values, dense) if d == c])) for c in range(clusters)]
        cases.append({"name": f"{clusters}-clusters-sizes-{size_range[0]}-{size_range[1]}-spread-{spread}{'-ties' if ties else ''}",
                      "values": values, "labels": labels, "clusterMeans": means, "resamples": expected})
    write("clustered_weighting.json", cases,
          f"numpy {np.__version__}: quantile(linear) and mean of np.repeat(values, weight of each value's cluster)")


# ----------------------------------------------------------------------------------------------
# Trend


def series(rng, kind, n):
    t = np.arange(n)
    if kind == "flat":
        y = rng.lognormal(3, 0.2, n)
    elif kind == "rising":
        y = 20 + 0.05 * t + rng.normal(0, 1, n)
    elif kind == "falling-heavy":
        y = 50 - 0.2 * t + 3 * rng.standard_t(2, n)
    elif kind == "steps":
        y = np.round(10 + (t > n // 2) * 2 + rng.normal(0, 0.7, n))
    elif kind == "monotone":
        y = 1.0 + 0.5 * t
    elif kind == "nearly-monotone":
        y = 1.0 + 0.5 * t
        if n > 3:
            y[[1, 2]] = y[[2, 1]]
    else:
        raise ValueError(kind)
    return rounded(y)


def trend_series():
    rng = np.random.default_rng(808)
    out = []
    for kind in ["flat", "rising", "falling-heavy", "steps", "monotone", "nearly-monotone"]:
        for n in [1, 2, 3, 4, 5, 8, 9, 20, 33, 34, 60, 200]:
            out.append((f"{kind}-{n}", series(rng, kind, n)))
    out.append(("constant-10", [4.0] * 10))
    out.append(("outlier-30", rounded(np.concatenate([rng.normal(10, 1, 29), [1e9]]))))
    return out


def ols_trend():
    cases = []
    rng = np.random.default_rng(809)
    for name, y in trend_series():
        x = [float(i) for i in range(len(y))]
        if name.startswith("rising-20"):
            x = rounded(np.sort(rng.uniform(0, 100, len(y))))
        for alternative in ALTERNATIVES:
            case = {"name": name, "x": x, "y": y, "alternative": alternative}
            if len(y) < 3 or len(set(y)) == 1:
                case["undefined"] = True
                case["note"] = "fewer than 3 points or constant y (scipy: nan, or p of 0/1 for n = 2)"
            else:
                res = stats.linregress(x, y, alternative=alternative)
                case.update({"slope": float(res.slope), "intercept": float(res.intercept), "rvalue": float(res.rvalue),
                             "pvalue": float(res.pvalue), "stderr": float(res.stderr),
                             "interceptStderr": float(res.intercept_stderr)})
            cases.append(case)
    write("ols_trend.json", cases, f"scipy {scipy.__version__} linregress")


def theil_sen():
    cases = []
    rng = np.random.default_rng(810)
    for name, y in trend_series():
        x = [float(i) for i in range(len(y))]
        variants = [("index", x)]
        if len(y) >= 5:
            variants.append(("tied-x", [float(v) for v in np.round(np.sort(rng.uniform(0, len(y) / 3, len(y))))]))
        for label, xs in variants:
            for confidence in [0.95, 0.9]:
                case = {"name": f"{name}-{label}", "x": xs, "y": y, "confidence": confidence}
                if len(y) < 2 or len(set(xs)) == 1:
                    case["undefined"] = True
                    case["note"] = "fewer than 2 points or all x equal"
                else:
                    res = stats.theilslopes(y, xs, alpha=confidence, method="separate")
                    if not all(map(finite, [res.slope, res.intercept, res.low_slope, res.high_slope])):
                        case["undefined"] = True
                        case["note"] = f"scipy returns {tuple(res)}"
                    else:
                        case.update({"slope": float(res.slope), "intercept": float(res.intercept),
                                     "lowSlope": float(res.low_slope), "highSlope": float(res.high_slope)})
                cases.append(case)
    write("theil_sen.json", cases, f"scipy {scipy.__version__} theilslopes(y, x, alpha, method='separate')")


def mann_kendall():
    cases = []
    for name, y in trend_series():
        for alternative in ALTERNATIVES:
            case = {"name": name, "y": y, "alternative": alternative}
            res = stats.kendalltau(np.arange(len(y)), y, alternative=alternative)
            if math.isnan(res.pvalue):
                case["undefined"] = True
                case["note"] = "scipy returns nan (fewer than 2 values or all tied)"
            else:
                ties = len(set(y)) < len(y)
                n = len(y)
                inversions = sum(1 for i in range(n) for j in range(i + 1, n) if y[i] > y[j])
                total = n * (n - 1) // 2
                exact = (not ties) and (n <= 33 or min(inversions, total - inversions) <= 1)
                case.update({"tau": float(res.statistic), "pvalue": float(res.pvalue),
                             "methodUsed": "exact" if exact else "asymptotic"})
            cases.append(case)
    write("mann_kendall.json", cases, f"scipy {scipy.__version__} kendalltau(range(n), y)")


# ----------------------------------------------------------------------------------------------
# Multiple testing, Fisher, detection limit


def holm_reference(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        adjusted[i] = running
    return adjusted


def multiple_testing():
    rng = np.random.default_rng(909)
    cases = []
    arrays = [("empty", []), ("single", [0.03]), ("pair", [0.04, 0.01]),
              ("ties", [0.01, 0.02, 0.02, 0.02, 0.5, 0.01, 1.0, 0.0])]
    for m in [5, 10, 50, 200]:
        arrays.append((f"uniform-{m}", rounded(rng.uniform(0, 1, m))))
        arrays.append((f"mixed-{m}", rounded(np.concatenate([rng.uniform(0, 1e-3, m // 4), rng.uniform(0, 1, m - m // 4)]))))
    for name, p in arrays:
        bh = stats.false_discovery_control(p, method="bh") if len(p) else np.array([])
        cases.append({"name": name, "p": p, "holm": holm_reference(p), "bh": [float(v) for v in np.atleast_1d(bh)]})
    cases.append({"name": "out-of-range", "p": [0.5, 1.2], "undefined": True, "note": "scipy raises ValueError"})
    write("multiple_testing.json", cases, "Holm: plain Python step-down; BH: scipy false_discovery_control(method='bh')")


def fisher():
    rng = np.random.default_rng(1010)
    tables = [[[0, 10], [0, 12]], [[10, 0], [12, 0]], [[0, 0], [3, 4]], [[1, 0], [0, 1]], [[3, 1], [1, 3]],
              [[10, 20], [20, 10]], [[8, 2], [1, 5]], [[1, 9], [11, 3]], [[0, 5], [5, 0]], [[2, 7], [8, 2]],
              [[5, 5], [5, 5]], [[100, 900], [130, 870]], [[1000000, 0], [0, 1000000]],
              [[500000, 500100], [499000, 500000]], [[12, 999988], [40, 999960]], [[0, 1000000], [7, 999993]],
              [[3, 1000000], [3, 1000000]], [[20, 20], [21, 19]], [[400, 600], [600, 400]]]
    for _ in range(12):
        n1, n2 = rng.integers(5, 300, 2)
        e1, e2 = rng.integers(0, n1 + 1), rng.integers(0, n2 + 1)
        tables.append([[int(e1), int(n1 - e1)], [int(e2), int(n2 - e2)]])
    cases = []
    for table in tables:
        for alternative in ALTERNATIVES:
            res = stats.fisher_exact(table, alternative=alternative)
            odds = float(res.statistic)
            case = {"name": f"{table}", "table": table, "alternative": alternative, "pvalue": float(res.pvalue)}
            if math.isnan(odds):
                case["oddsRatioUndefined"] = True
            else:
                case["oddsRatio"] = num(odds)
            cases.append(case)
    write("fisher_exact.json", cases, f"scipy {scipy.__version__} fisher_exact")


def maritz_jarrett_reference(values, p):
    """The Maritz-Jarrett standard error as scipy.stats.mstats.mjci defines it (m = int(p*n + 0.5),
    weights W_i = I_{i/n}(m-1, n-m) - I_{(i-1)/n}(m-1, n-m)), computed without mjci's rounding:
    each weight is a difference of the accurate tail (beta.cdf below the median, beta.sf above),
    and the spread is summed around the weighted mean with math.fsum instead of C2 - C1**2.
    Returns None where m is outside 2..n-1 (mjci then divides by a zero Beta shape)."""
    n = len(values)
    m = int(p * n + 0.5)
    if m < 2 or m > n - 1:
        return None
    a, b = m - 1, n - m
    data = np.sort(np.asarray(values, dtype=float))
    grid = np.arange(0, n + 1, dtype=float) / n
    lower = stats.beta.cdf(grid, a, b)
    upper = stats.beta.sf(grid, a, b)
    weights = np.where(lower[1:] <= 0.5, lower[1:] - lower[:-1], upper[:-1] - upper[1:])
    center = math.fsum(weights * data)
    return math.sqrt(max(math.fsum(weights * (data - center) ** 2), 0.0))


def quantile_standard_error():
    from scipy.stats import mstats
    rng = np.random.default_rng(404)
    probabilities = [0.5, 0.9, 0.95, 0.99]
    cases = []
    worst = 0.0
    for kind in ["lognormal", "pareto", "outliers", "rounded", "bimodal"]:
        for n in [3, 10, 50, 200, 1000] + ([20000] if kind in ("lognormal", "rounded") else []):
            if kind == "bimodal":
                values = rounded(np.where(rng.random(n) < 0.7, 1.0, 2.2) * rng.lognormal(0.0, 0.15, n) * 100)
            else:
                values = draw(rng, kind, n)
            errors = [maritz_jarrett_reference(values, p) for p in probabilities]
            for p, error in zip(probabilities, errors):
                if error is not None and kind in ("lognormal", "pareto", "bimodal"):
                    scipy_value = float(mstats.mjci(np.array(values), prob=[p])[0])
                    worst = max(worst, abs(scipy_value - error) / error)
            cases.append({"name": f"{kind}-{n}", "values": values, "probabilities": probabilities, "errors": errors})
    cases.append({"name": "constant-20", "values": [4.5] * 20, "probabilities": [0.5], "errors": [0.0]})
    print(f"  Maritz-Jarrett: largest relative difference from mstats.mjci on untied samples {worst:.1e}")
    write("quantile_standard_error.json", cases,
          f"scipy {scipy.__version__} beta.cdf/beta.sf weights as in mstats.mjci, spread around the weighted mean (fsum)")


def detection_limit():
    cases = []
    for se in [0.5, 3.0]:
        for df in [1.0, 2.5, 9.0, 30.0, 400.0, 1e6]:
            for alpha in [0.01, 0.05, 0.1]:
                for power in [0.5, 0.8, 0.9]:
                    for alternative in ["two-sided", "greater"]:
                        tail = alpha / 2 if alternative == "two-sided" else alpha
                        value = (stats.t.isf(tail, df) + stats.t.ppf(power, df)) * se
                        cases.append({"name": f"se{se}-df{df}-a{alpha}-p{power}-{alternative}", "standardError": se,
                                      "df": df, "alpha": alpha, "power": power, "alternative": alternative,
                                      "mdd": float(value)})
    write("detection_limit.json", cases, "(t.isf(alpha or alpha/2, df) + t.ppf(power, df)) * se")


def van_elteren_reference(strata):
    """van Elteren's stratified Wilcoxon-Mann-Whitney test, written out from its definition.

    strata: list of (baseline, candidate) pairs. Within each stratum the pooled values get
    average ranks (scipy.stats.rankdata); W_b is the candidate's rank sum, weighted by
    1/(N_b + 1). Returns z and the three p-values (normal approximation, no continuity
    correction), or None when the variance is zero.
    """
    v = e = var = 0.0
    for base, cand in strata:
        m, n = len(base), len(cand)
        if m == 0 or n == 0:
            continue
        pooled = np.concatenate([np.asarray(base, float), np.asarray(cand, float)])
        ranks = stats.rankdata(pooled)
        big_n = m + n
        w = float(ranks[m:].sum())
        _, counts = np.unique(pooled, return_counts=True)
        ties = float(((counts.astype(float) ** 3) - counts).sum())
        weight = 1.0 / (big_n + 1)
        v += weight * w
        e += weight * n * (big_n + 1) / 2.0
        var += weight * weight * (m * n * (big_n + 1) / 12.0 - m * n * ties / (12.0 * big_n * (big_n - 1)))
    if var <= 0:
        return None
    z = (v - e) / math.sqrt(var)
    return {"z": z, "greater": float(stats.norm.sf(z)), "less": float(stats.norm.cdf(z)),
            "twoSided": float(min(1.0, 2 * stats.norm.sf(abs(z))))}


def van_elteren():
    cases = []
    rng = np.random.default_rng(909)
    for label, kind, shift, sizes in [
        ("lognormal-equal", "lognormal", 1.0, [(10, 10)] * 8),
        ("lognormal-shift", "lognormal", 1.15, [(20, 20)] * 10),
        ("unbalanced", "lognormal", 1.05, [(3, 12), (15, 4), (9, 9), (1, 7), (6, 0)]),
        ("rounded-ties", "rounded", 1.0, [(12, 12)] * 6),
        ("block-drift", "normal", 1.0, [(8, 8)] * 12),
    ]:
        strata = []
        for index, (m, n) in enumerate(sizes):
            drift = 1.0 + 0.2 * index if label == "block-drift" else 1.0
            base = rounded(np.asarray(draw(rng, kind, m)) * drift) if m else []
            cand = rounded(np.asarray(draw(rng, kind, n)) * drift * shift) if n else []
            strata.append((base, cand))
        result = van_elteren_reference(strata)
        case = {"name": label, "strata": [{"baseline": b, "candidate": c} for b, c in strata]}
        case.update(result if result else {"undefined": True})
        cases.append(case)
    # One stratum: van Elteren is Mann-Whitney's normal approximation without continuity correction.
    base = rounded(draw(rng, "lognormal", 40))
    cand = rounded(np.asarray(draw(rng, "lognormal", 35)) * 1.1)
    result = van_elteren_reference([(base, cand)])
    case = {"name": "single-stratum", "strata": [{"baseline": base, "candidate": cand}]}
    case.update(result)
    case["scipyGreater"] = float(stats.mannwhitneyu(cand, base, alternative="greater", method="asymptotic",
                                                    use_continuity=False).pvalue)
    cases.append(case)
    # Every stratum all tied: undefined.
    cases.append({"name": "all-tied", "strata": [{"baseline": [5.0, 5.0], "candidate": [5.0, 5.0, 5.0]}] * 3,
                  "undefined": True})
    write("van_elteren.json", cases, "van Elteren (1960) from its definition with scipy rankdata; "
          "single stratum checked against mannwhitneyu(asymptotic, use_continuity=False)")


def main():
    os.makedirs(OUT, exist_ok=True)
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, python {sys.version.split()[0]}")
    descriptive()
    distributions()
    welch()
    welch_logs()
    mann_whitney()
    hodges_lehmann()
    relative_mean_change()
    quantile_change_points()
    ols_trend()
    theil_sen()
    mann_kendall()
    multiple_testing()
    fisher()
    detection_limit()
    van_elteren()
    quantile_standard_error()
    clustered_weighting()


if __name__ == "__main__":
    main()
