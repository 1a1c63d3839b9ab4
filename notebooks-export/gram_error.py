# %% [markdown]
# # Gram-matrix error on the UCI digits
# Loads `results/gram-digits.csv` (the `gram-digits` preset of `rftool variance-sweep --gram`,
# the quffka protocol of ALGORITHMS.md §7.2): one row per kernel, estimator, projection, feature
# count M = 2k(d+1) and trial, with `gram_rel_error` = |K - K_hat|_F / |K|_F. Draws the mean
# error with its 95% band against M for every kernel, estimator and projection, and the
# 1/sqrt(M) line through the iid point at the smallest M.

# %%
import os, pathlib
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

results = pathlib.Path(os.environ.get("RFTOOL_RESULTS", "../results"))
path = results / "gram-digits.csv"
have_data = path.exists()
print(path, "found" if have_data else "missing: run `rftool variance-sweep --preset gram-digits`")

# %%
if have_data:
    df = pd.read_csv(path)
    panels = df.groupby(["kernel", "estimator"])
    fig, axes = plt.subplots(1, panels.ngroups, figsize=(4.2 * panels.ngroups, 3.6), squeeze=False)
    for ax, ((kernel, estimator), part) in zip(axes[0], panels):
        for projection, line in part.groupby("projection"):
            stats = line.groupby("features").gram_rel_error.agg(["mean", "sem"]).reset_index()
            ax.errorbar(stats.features, stats["mean"], yerr=1.96 * stats["sem"], fmt="o-", ms=3, capsize=2,
                        label=projection)
            if projection == "iid":
                m0, e0 = stats.features.iloc[0], stats["mean"].iloc[0]
                ax.plot(stats.features, e0 * np.sqrt(m0 / stats.features), "k:", lw=1, label="1/sqrt(M)")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(f"{kernel} / {estimator}", fontsize=9)
        ax.set_xlabel("features M = 2k(d+1)")
        ax.set_ylabel("relative Frobenius error")
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(results / "figures" / "gram-digits.png", dpi=110)
