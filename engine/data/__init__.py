"""The dataset layer: MovieLens loaders, the paper's preprocessing, triples, the demo world."""

from engine.data.dataset import Dataset
from engine.data.loader import KNOWN_RELEASES, datasets_dir, load_dataset, resolve_source
from engine.data.preprocess import PreprocessConfig, preprocess
from engine.data.triples import Triples, build_triples

__all__ = ["Dataset", "KNOWN_RELEASES", "PreprocessConfig", "Triples", "build_triples",
           "datasets_dir", "load_dataset", "preprocess", "resolve_source"]
