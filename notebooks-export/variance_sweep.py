# %% [markdown]
# # Point-wise variance sweeps
# Loads the tidy CSVs written by `rftool variance-sweep` (one row per cell and pair): the sweep
# named by `RFTOOL_SWEEP` (README's main job: `results/default.csv`) and every committed
# point-wise preset in `results/` (`snnk-pointwise`, `eugen-poly`, `positive-vs-trig`). For each
# it draws the MSE against the number of features M on log-log axes with the theory line
# (`variance_theory`: the variance of one estimate with M features, where a closed form exists)
# for every estimator, and the bias with its 95% confidence band.

# %%
import os, pathlib
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

results = pathlib.Path(os.environ.get("RFTOOL_RESULTS", "../results"))
figures = results / "figures"
figures.mkdir(parents=True, exist_ok=True)
sweeps = [pathlib.Path(os.environ.get("RFTOOL_SWEEP", results / "default.csv"))]
for name in ["snnk-pointwise", "eugen-poly", "positive-vs-trig"]:
    path = results / f"{name}.csv"
    if path.exists() and path.resolve() not in [s.resolve() for s in sweeps]:
        sweeps.append(path)
print("sweeps:", [str(s) for s in sweeps])

# %% [markdown]
# ## MSE against M, with theory
# Each panel is one (kernel, estimator, d) and one setting of the kernel parameters that vary in
# the file (bias, polynomial coefficients, SNNK's M); each colour one projection. Points are the
# MSE averaged over pairs; the dashed line in the same colour is the theory averaged over the same
# pairs, drawn wherever every pair has one.

# %%
PARAMETERS = ["kernel_bias", "coefficients", "urf_m"]

def panel_keys(df):
    varying = [c for c in PARAMETERS if c in df and df[c].nunique(dropna=False) > 1]
    return ["kernel", "estimator", "dim"] + varying

def short(key, value):
    if key == "coefficients" and isinstance(value, str):
        a = [float(v) for v in value.split(";")]
        return f"degree {len(a) - 1} (a = {', '.join(f'{v:.3g}' for v in a)})"
    return f"{key}={value}"

def label(keys, values):
    values = values if isinstance(values, tuple) else (values,)
    parts = [f"{values[0]} / {values[1]}, d={values[2]}"]
    parts += [short(k, v) for k, v in zip(keys[3:], values[3:])]
    return ",\n".join([parts[0], ", ".join(parts[1:])]) if len(parts) > 1 else parts[0]

def aggregate(df, keys):
    return df.groupby(keys + ["projection", "features"], dropna=False).agg(
        mse=("mse", "mean"),
        theory=("variance_theory", lambda s: s.mean() if s.notna().all() else np.nan),
        bias=("bias", "mean"),
        # The pairs of one cell share every trial's randomness, so their biases are correlated:
        # the SE of the mean over pairs is at most the mean of the pairs' SEs (perfect correlation).
        band=("stderr", lambda s: 1.96 * s.mean()),
    ).reset_index()

def grid(n):
    cols = min(4, n)
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3.3 * rows), squeeze=False)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    return fig, axes

def draw_mse(df, stem):
    keys = panel_keys(df)
    agg = aggregate(df, keys)
    panels = agg.groupby(keys, dropna=False)
    fig, axes = grid(panels.ngroups)
    for ax, (values, part) in zip(axes.flat, panels):
        for i, (projection, line) in enumerate(part.groupby("projection")):
            line = line.sort_values("features")
            colour = f"C{i}"
            ax.loglog(line.features, line.mse, "o-", color=colour, label=projection, ms=3)
            if line.theory.notna().any():
                ax.loglog(line.features, line.theory, "--", color=colour, lw=1, label=f"{projection} theory")
        ax.set_title(label(keys, values), fontsize=8)
        ax.set_xlabel("features M")
        ax.set_ylabel("MSE (mean over pairs)")
        ax.legend(fontsize=6)
    fig.tight_layout()
    fig.savefig(figures / f"{stem}-mse-vs-features.png", dpi=110)
    plt.close(fig)

def draw_bias(df, stem):
    keys = panel_keys(df)
    agg = aggregate(df, keys)
    panels = agg.groupby(keys, dropna=False)
    fig, axes = grid(panels.ngroups)
    for ax, (values, part) in zip(axes.flat, panels):
        for projection, line in part.groupby("projection"):
            line = line.sort_values("features")
            ax.semilogx(line.features, line.bias, "o-", label=projection, ms=3)
            ax.fill_between(line.features, line.bias - line.band, line.bias + line.band, alpha=0.2)
        ax.axhline(0, color="k", lw=0.8)
        ax.set_title(label(keys, values), fontsize=8)
        ax.set_xlabel("features M")
        ax.set_ylabel("bias (mean over pairs)")
        ax.legend(fontsize=6)
    fig.tight_layout()
    fig.savefig(figures / f"{stem}-bias.png", dpi=110)
    plt.close(fig)

# %% [markdown]
# ## Bias with its 95% confidence band
# The mean bias over pairs; the band is ±1.96 times the mean of the pairs' standard errors, an
# upper bound on the SE of that mean (the pairs of a cell share each trial's randomness). An unbiased
# estimator's band covers zero (SORF is biased by construction, ALGORITHMS.md §2.3).

# %%
for sweep in sweeps:
    if not sweep.exists():
        print(f"{sweep} missing: run `rftool variance-sweep` first")
        continue
    df = pd.read_csv(sweep)
    print(f"{sweep}: {len(df)} rows")
    draw_mse(df, sweep.stem)
    draw_bias(df, sweep.stem)
