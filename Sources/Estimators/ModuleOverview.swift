// The Estimators module: exact kernels, point-wise estimators, statistics and
// experiments. See ../shared/research/ALGORITHMS.md §4–§7.
import RandomFeatures
