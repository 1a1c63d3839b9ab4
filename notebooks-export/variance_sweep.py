# %% [markdown]
# # Point-wise variance sweep
# Loads the tidy CSV written by `rftool variance-sweep` (one row per cell and pair) and draws
# the MSE against the number of features M on log-log axes, with the theory line
# (`variance_theory`, the variance of one estimate with M iid features) for every estimator,
# and the bias with its 95% confidence band.

# %%
import os, pathlib
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

results = pathlib.Path(os.environ.get("RFTOOL_RESULTS", "../results"))
sweep = pathlib.Path(os.environ.get("RFTOOL_SWEEP", results / "default.csv"))
figures = results / "figures"
figures.mkdir(parents=True, exist_ok=True)
stem = sweep.stem
df = pd.read_csv(sweep)
print(f"{sweep}: {len(df)} rows, {df.groupby(['kernel', 'estimator', 'projection', 'dim']).ngroups} cell families")

# %% [markdown]
# ## MSE against M, with theory
# Each panel is one (kernel, estimator, d); each colour one projection. Points are the MSE
# averaged over pairs; the dashed line is the iid theory averaged over the same pairs.

# %%
keys = ["kernel", "estimator", "projection", "dim", "features"]
agg = df.groupby(keys).agg(mse=("mse", "mean"), theory=("variance_theory", "mean"),
                           bias=("bias", "mean"),
                           bias_se=("stderr", lambda s: 1.96 * np.sqrt((s ** 2).sum()) / len(s))).reset_index()
panels = agg.groupby(["kernel", "estimator", "dim"])
n = panels.ngroups
cols = min(4, n)
rows = int(np.ceil(n / cols))
fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3.3 * rows), squeeze=False)
for ax, ((kernel, estimator, dim), part) in zip(axes.flat, panels):
    for projection, line in part.groupby("projection"):
        line = line.sort_values("features")
        ax.loglog(line.features, line.mse, "o-", label=projection, ms=3)
        if projection == "iid" and line.theory.notna().any():
            ax.loglog(line.features, line.theory, "k--", lw=1, label="iid theory")
    ax.set_title(f"{kernel} / {estimator}, d={dim}", fontsize=9)
    ax.set_xlabel("features M")
    ax.set_ylabel("MSE")
    ax.legend(fontsize=7)
for ax in list(axes.flat)[n:]:
    ax.axis("off")
fig.tight_layout()
fig.savefig(figures / f"{stem}-mse-vs-features.png", dpi=110)

# %% [markdown]
# ## Bias with its 95% confidence band
# The mean bias over pairs; the band is ±1.96 standard errors of that mean. An unbiased
# estimator's band covers zero.

# %%
fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3.3 * rows), squeeze=False)
for ax, ((kernel, estimator, dim), part) in zip(axes.flat, panels):
    for projection, line in part.groupby("projection"):
        line = line.sort_values("features")
        ax.semilogx(line.features, line.bias, "o-", label=projection, ms=3)
        ax.fill_between(line.features, line.bias - line.bias_se, line.bias + line.bias_se, alpha=0.2)
    ax.axhline(0, color="k", lw=0.8)
    ax.set_title(f"{kernel} / {estimator}, d={dim}", fontsize=9)
    ax.set_xlabel("features M")
    ax.set_ylabel("bias")
    ax.legend(fontsize=7)
for ax in list(axes.flat)[n:]:
    ax.axis("off")
fig.tight_layout()
fig.savefig(figures / f"{stem}-bias.png", dpi=110)
