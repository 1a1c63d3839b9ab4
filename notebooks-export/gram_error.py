# %% [markdown]
# # Gram-matrix error on the UCI digits
# Loads `results/gram-digits.csv` (the `gram-digits` preset of `rftool variance-sweep --gram`):
# one row per kernel, estimator, projection, feature count and trial, with the relative
# Frobenius error |K - K_hat|_F / |K|_F; draws its mean with a 95% band against M = 2n(d+1).

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
    error_column = "rel_frobenius_error" if "rel_frobenius_error" in df else "gram_error"
    kernels = sorted(df.kernel.unique())
    fig, axes = plt.subplots(1, len(kernels), figsize=(4.5 * len(kernels), 3.6), squeeze=False)
    for ax, kernel in zip(axes[0], kernels):
        part = df[df.kernel == kernel]
        for projection, line in part.groupby("projection"):
            stats = line.groupby("features")[error_column].agg(["mean", "sem"]).reset_index()
            ax.errorbar(stats.features, stats["mean"], yerr=1.96 * stats["sem"], fmt="o-", ms=3, capsize=2,
                        label=projection)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(kernel)
        ax.set_xlabel("features M")
        ax.set_ylabel("relative Frobenius error")
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(results / "figures" / "gram-digits.png", dpi=110)
