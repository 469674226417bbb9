"""Production settings plus, when U4SSC_BENCH_FLOOR=1, the benchmark's floor URL (bench/urls_floor.py)."""

import os

from u4ssc.settings import *  # noqa: F403

if os.environ.get("U4SSC_BENCH_FLOOR") == "1":
    ROOT_URLCONF = "bench.urls_floor"
