# %% [markdown]
# # Structured and random-feature layers against dense
# Loads `results/layers.csv` (`rftool layer-bench`: one row per kind, each fitted in closed form to the
# same dense teacher and timed on the same held-out batch as the OpenBLAS dense baseline) and draws
# the held-out relative error ‖Y − Y_teacher‖_F / ‖Y_teacher‖_F against the speedup over dense, with
# the Pareto front (no other kind is both faster and more accurate), and against the parameter count.

# %%
import os, pathlib
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

results = pathlib.Path(os.environ.get("RFTOOL_RESULTS", "../results"))
figures = results / "figures"
figures.mkdir(parents=True, exist_ok=True)
path = results / "layers.csv"
have_data = path.exists()
print(path, "found" if have_data else "missing: run `rftool layer-bench --out results/layers.csv`")

# %%
if have_data:
    df = pd.read_csv(path)
    shape = df.iloc[0]
    title = f"d_in = {shape.d_in}, d_out = {shape.d_out}, batch {shape.batch}, Float"
    print(df.to_string(index=False))


def pareto_front(frame: pd.DataFrame, x: str, y: str, larger_x_is_better: bool) -> pd.DataFrame:
    """The rows no other row beats on both x and y (y = error, smaller is better)."""
    keep = []
    for i, row in frame.iterrows():
        dominated = False
        for j, other in frame.iterrows():
            if i == j:
                continue
            better_x = other[x] >= row[x] if larger_x_is_better else other[x] <= row[x]
            strictly = (other[x] != row[x]) or (other[y] < row[y])
            if better_x and other[y] <= row[y] and strictly:
                dominated = True
                break
        if not dominated:
            keep.append(i)
    return frame.loc[keep].sort_values(x)


# %%
if have_data:
    fig, ax = plt.subplots(figsize=(6, 4.2))
    ax.scatter(df.speedup_vs_dense, df.rel_error, s=40, zorder=3)
    for _, row in df.iterrows():
        ax.annotate(row.kind, (row.speedup_vs_dense, row.rel_error), textcoords="offset points", xytext=(5, 4), fontsize=8)
    front = pareto_front(df, "speedup_vs_dense", "rel_error", larger_x_is_better=True)
    # Best error reachable at a speedup of at least x: constant on (x_{i-1}, x_i].
    ax.step(front.speedup_vs_dense, front.rel_error, where="pre", color="C3", lw=1.2, label="Pareto front")
    ax.axvline(1, color="grey", lw=0.8)
    ax.set_xlabel("speedup over dense (median forward time, same run)")
    ax.set_ylabel("held-out relative error")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(figures / "layers-error-vs-speedup.png", dpi=110)

# %%
if have_data:
    fig, ax = plt.subplots(figsize=(6, 4.2))
    ax.scatter(df.params, df.rel_error, s=40, zorder=3)
    for _, row in df.iterrows():
        ax.annotate(row.kind, (row.params, row.rel_error), textcoords="offset points", xytext=(5, 4), fontsize=8)
    front = pareto_front(df, "params", "rel_error", larger_x_is_better=False)
    # Best error reachable with at most x parameters: constant on [x_i, x_{i+1}).
    ax.step(front.params, front.rel_error, where="post", color="C3", lw=1.2, label="Pareto front")
    ax.set_xscale("log")
    ax.set_xlabel("trainable parameters")
    ax.set_ylabel("held-out relative error")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(figures / "layers-error-vs-params.png", dpi=110)
