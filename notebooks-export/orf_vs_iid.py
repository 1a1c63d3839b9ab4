# %% [markdown]
# # Orthogonal against iid random features
# Loads `results/orf-vs-iid.csv` (the `orf-vs-iid` preset of `rftool variance-sweep`) and draws the
# variance ratio of each projection to iid against the scaled distance z = |x - y| / sigma, next to
# the reference values of ALGORITHMS.md §7.2 (ORF/iid 0.10, 0.34, 0.70, about 1 at z = 1, 1.5, 2, 3).

# %%
import os, pathlib
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

results = pathlib.Path(os.environ.get("RFTOOL_RESULTS", "../results"))
path = results / "orf-vs-iid.csv"
have_data = path.exists()
print(path, "found" if have_data else "missing: run `rftool variance-sweep --preset orf-vs-iid`")

# %%
if have_data:
    df = pd.read_csv(path)
    iid = df[df.projection == "iid"].set_index(["dim", "features", "pair"])
    fig, ax = plt.subplots(figsize=(5.5, 4))
    for projection, part in df[df.projection != "iid"].groupby("projection"):
        part = part.set_index(["dim", "features", "pair"])
        ratio = (part.variance / iid.variance.reindex(part.index)).rename("ratio")
        table = pd.concat([ratio, part.z], axis=1).groupby("z").ratio.agg(["mean", "sem"]).reset_index()
        ax.errorbar(table.z, table["mean"], yerr=1.96 * table["sem"], fmt="o-", capsize=3, label=projection)
    ax.plot([1, 1.5, 2, 3], [0.10, 0.34, 0.70, 1.0], "kx", ms=8, label="ALGORITHMS.md §7.2 (ORF)")
    ax.axhline(1, color="grey", lw=0.8)
    ax.set_xlabel("z = |x - y| / sigma")
    ax.set_ylabel("variance / iid variance")
    ax.set_title("Gaussian kernel, trig features, d = m = 64")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(results / "figures" / "orf-vs-iid-variance-ratio.png", dpi=110)
