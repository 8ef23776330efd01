"""Evaluation: the paper's metrics (pure numpy), the two protocols and the `cgir eval` runner.

`engine.metrics.paper` never imports torch; models import torch only when they build a network.
"""
