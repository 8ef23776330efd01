"""Evaluation: the paper's metrics (pure numpy), its baselines' protocols and the `cgir eval` runner.

`engine.eval.metrics` never imports torch; `engine.eval.runner` imports models lazily.
"""
