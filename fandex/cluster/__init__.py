"""Batch import and re-tag on a Dask cluster into a shared (PostgreSQL) library.

Needs the optional extra ``fandex[cluster]`` (``dask.distributed``). The stages and
taggers are the local import's own; see :mod:`fandex.cluster.run` for the client and
:mod:`fandex.cluster.partition` for what a worker does with a partition.
"""

from __future__ import annotations

from fandex.cluster.run import (
    DEFAULT_PARTITION,
    ClusterError,
    ClusterReport,
    cluster_import,
    cluster_retag,
)

__all__ = ["DEFAULT_PARTITION", "ClusterError", "ClusterReport", "cluster_import", "cluster_retag"]
