"""Builds the .ipynb notebooks from their plain-script exports (percent format, `# %%` cells) and
executes them headless with nbclient. Figures are written by the notebooks to results/figures/."""
import pathlib, sys
import nbformat
from nbclient import NotebookClient

HERE = pathlib.Path(__file__).resolve().parent
SCRIPTS = ["variance_sweep.py", "orf_vs_iid.py", "snnk_pointwise.py", "positive_vs_trig.py", "gram_error.py", "layers.py"]


def script_to_notebook(path: pathlib.Path) -> nbformat.NotebookNode:
    cells, current, kind = [], [], "code"
    def flush():
        text = "\n".join(current).strip("\n")
        if text:
            if kind == "markdown":
                text = "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in text.splitlines())
                cells.append(nbformat.v4.new_markdown_cell(text))
            else:
                cells.append(nbformat.v4.new_code_cell(text))
    for line in path.read_text().splitlines():
        if line.startswith("# %%"):
            flush()
            current, kind = [], ("markdown" if "[markdown]" in line else "code")
        else:
            current.append(line)
    flush()
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def main() -> int:
    failures = 0
    for name in SCRIPTS:
        script = HERE / name
        if not script.exists():
            continue
        nb = script_to_notebook(script)
        notebook_path = script.with_suffix(".ipynb")
        try:
            NotebookClient(nb, timeout=600, kernel_name="python3",
                           resources={"metadata": {"path": str(HERE)}}).execute()
        except Exception as error:  # report and go on with the other notebooks
            print(f"notebook {notebook_path.name} failed: {error}", file=sys.stderr)
            failures += 1
        # Outputs are stripped before saving so the committed notebooks stay small and diff-able.
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(nb, notebook_path)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
