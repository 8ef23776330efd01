"""The dataset layer: MovieLens loaders, the paper's preprocessing, triples, the demo world."""

from engine.data.dataset import Dataset
from engine.data.demo import DEMO_TAGS, write_demo
from engine.data.fetch import fetch_release
from engine.data.loader import KNOWN_RELEASES, datasets_dir, load_dataset, resolve_source
from engine.data.preprocess import PreprocessConfig, preprocess
from engine.data.stats import dataset_stats
from engine.data.triples import Triples, available_tags, build_triples

__all__ = ["DEMO_TAGS", "Dataset", "KNOWN_RELEASES", "PreprocessConfig", "Triples",
           "available_tags", "build_triples", "dataset_stats", "datasets_dir", "fetch_release",
           "load_dataset", "preprocess", "resolve_source", "write_demo"]
