# %% [markdown]
# # Softmax kernel: positive against trigonometric and hyperbolic features
# Loads `results/positive-vs-trig.csv` (the `positive-vs-trig` preset): exp(x·y) at pairs of norm r
# whose angle sweeps cos θ from -1 to 1, so the kernel value runs from exp(-r²) to exp(r²).
# Draws the relative MSE against x·y = log of the exact kernel value, one panel per (r, M), one
# line per estimator, with the iid theory of ALGORITHMS.md §5.4 dashed. Positive features win where
# the kernel is small, trigonometric ones where it is large. At the two ends one estimator is exact
# (positive, hyperbolic and urf at y = -x, trig at y = x: zero variance); those points are left out
# of the log axis.

# %%
import os, pathlib
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

results = pathlib.Path(os.environ.get("RFTOOL_RESULTS", "../results"))
path = results / "positive-vs-trig.csv"
have_data = path.exists()
print(path, "found" if have_data else "missing: run `rftool variance-sweep --preset positive-vs-trig`")

# %%
if have_data:
    df = pd.read_csv(path)
    df = df[df.projection == "iid"]
    radii = sorted(df.radius.unique())
    features = sorted(df.features.unique())
    fig, axes = plt.subplots(len(radii), len(features), figsize=(3.6 * len(features), 3.0 * len(radii)), squeeze=False)
    for i, r in enumerate(radii):
        for j, m in enumerate(features):
            ax = axes[i][j]
            part = df[(df.radius == r) & (df.features == m)]
            for k, ((estimator, urf_m), line) in enumerate(part.groupby(["estimator", "urf_m"])):
                line = line.sort_values("exact")
                line = line[line.rel_mse > 1e-20]       # deterministic estimates: rounding only
                name = estimator if estimator != "urf" else f"urf (M = {urf_m})"
                dot = np.log(line.exact)
                ax.semilogy(dot, line.rel_mse, "o-", color=f"C{k}", ms=3, label=name)
                if line.variance_theory.notna().all():
                    ax.semilogy(dot, line.variance_theory / line.exact ** 2, "--", color=f"C{k}", lw=1)
            ax.set_title(f"r = {r}, M = {m} (iid)", fontsize=9)
            ax.set_xlabel("x·y  (kernel exp(x·y))")
            ax.set_ylabel("relative MSE")
            ax.legend(fontsize=6)
    fig.tight_layout()
    fig.savefig(results / "figures" / "positive-vs-trig.png", dpi=110)
