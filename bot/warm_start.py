"""A first run's second process: embed what the demo model needs while the first one trains.

On a fresh machine `cgir chat` builds the demo world, trains the demo model (about 40 s of one
core), then embeds the movie texts of its degree artefact (about 20 s) and the parser's static
phrase table (about 8 s) with MiniLM. The embeddings do not depend on the training, so this
helper computes them in a second process, on the second core, while the first one trains; they
go to CGIR_HOME/cache (`engine.text.static.remembered_encoder` and `load_or_build`, under file
locks), where the first process reads them back instead of embedding again. Same texts, same
encoder, one thread each: the vectors are bit-identical to embedding them in the first process.

    python -m bot.warm_start        # what bot.runtime starts on a first run
"""

from __future__ import annotations


def embed_demo_texts() -> None:
    """The demo world's movie texts (as the degree artefact embeds them) and the static phrase
    table of its tags, into CGIR_HOME/cache."""
    from bot.runtime import limit_threads, static_encoder
    from engine.data import load_dataset
    from engine.degrees.features import item_texts
    from engine.paths import cgir_home
    from engine.text.static import remembered_encoder

    limit_threads(1)  # as the first process: one thread per process, the same numerics
    dataset = load_dataset("demo")
    texts, _ = item_texts(dataset)
    remembered_encoder(cgir_home() / "cache")(texts)
    static_encoder(tuple(dataset.tags))


if __name__ == "__main__":
    embed_demo_texts()
