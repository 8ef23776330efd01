"""Build the dialogue manager every channel uses (terminal chat, web server, Rasa actions, simulator)."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from bot.dialogue.manager import DialogueManager
from bot.store.sessions import Store

if TYPE_CHECKING:  # pragma: no cover
    from bot.nlu.parser import Parser
    from engine.retrieval.retriever import Retriever

logger = logging.getLogger(__name__)

# "minilm" makes the parser embed every phrase with the real MiniLM (torch; seconds to load)
# instead of the static table distilled from it (engine.text.static).
ENCODER_ENV = "CGIR_ENCODER"


def parser_cache_path(tags: tuple[str, ...] | list[str]) -> Path:
    """Where the parser keeps its tag embeddings, one file per tag vocabulary."""
    from engine.paths import cgir_home

    digest = hashlib.sha256("\x1f".join(tags).encode()).hexdigest()[:16]
    return cgir_home() / "cache" / f"parser-tags-{digest}.npz"


def build_manager(
    model_dir: Path | str | None = None,
    db_url: str | None = None,
    *,
    policy: str | None = None,
    progress: bool = True,
    steps: int | None = None,
    warm_up: bool = True,
    threads: int | None = 1,
    prepare: "Callable[[Retriever], None] | None" = None,
) -> DialogueManager:
    """A ready DialogueManager: model (the demo model when None, made on first use), parser,
    store (`engine.paths.default_db_url()` when `db_url` is None), sequence policy (None: the
    one the project's config.yml names, else `bot.dialogue.policies.DEFAULT_POLICY`).

    `threads` caps numpy's BLAS pool and torch's intra-op pool for the whole process (None
    leaves them alone). A turn's work is small (a few tens of rows; one short sentence), and on a
    busy 2-core machine a second thread makes it 10-100x slower, not faster (measured with the
    load average at 12: a 80x64x399 product 0.2 ms -> 30-50 ms, one MiniLM sentence 55 ms ->
    700-1250 ms). Call it before anything else trains in the same process.

    `prepare` is called on the loaded retriever (its degree model set) before the manager is
    built: the simulator's blind runs withhold the planted relevance there.

    With `warm_up`, the sentence encoder (torch + MiniLM, seconds to load) is loaded in a
    background thread, so the first utterance that needs an embedding does not wait for it.

    Raises CGIRError subclasses (CheckpointError, StoreError) with a message naming the fix.
    """
    from bot.dialogue.policies import check_policy, configured_policy
    from engine.models.checkpoint import load_retriever
    from engine.paths import default_db_url

    policy = check_policy(policy or configured_policy())

    if threads is not None:
        limit_threads(threads)

    if model_dir is None:
        from engine.training.demo import ensure_demo_model

        model_dir = ensure_demo_model(progress=progress)
    model_dir = Path(model_dir)
    retriever = load_retriever(model_dir)
    from engine.retrieval.cold import attach_cold_items

    attach_cold_items(retriever)  # films the model left out, as starts only (its file or the cache)
    defaults = retriever.defaults
    parser = build_parser(retriever)
    if prepare is not None:
        prepare(retriever)
    store = Store(db_url or default_db_url())
    model_id = retriever.model_id or model_dir.resolve().name
    manager = DialogueManager(
        retriever, parser, store, model_id=model_id, policy=policy,
        steps=int(steps or defaults.steps),
        gamma_min=defaults.gamma_min,
        gamma_max=defaults.gamma_max,
    )
    building = getattr(parser.grounder.encoder, "building", None)
    if building is not None:  # the phrase table of a first run (static_encoder)
        manager.background.append(building)
    if warm_up:
        manager.background.append(start_encoder_warm_up())
        manager.background.append(start_degree_warm_up(retriever))
    return manager


def build_parser(retriever: "Retriever") -> "Parser":
    """The parser for a model's catalog, on the static encoder distilled from MiniLM (numpy
    only, so a first reply does not wait for torch), or on the real MiniLM when the environment
    sets CGIR_ENCODER=minilm; the retriever's degree model is given the same encoder. The static table is built once per tag vocabulary (MiniLM embeds
    some 6,000 texts: half a minute on a quiet machine) and cached under CGIR_HOME."""
    from bot.nlu.parser import Parser

    choice = os.environ.get(ENCODER_ENV, "static").strip().lower()
    if choice == "minilm":
        return Parser.from_retriever(retriever, tag_vectors_cache=parser_cache_path(retriever.tags))
    if choice != "static":
        logger.warning("%s=%r is not static or minilm; using static", ENCODER_ENV, choice)
    encoder = static_encoder(retriever.tags)
    # Attribute grounding (engine.degrees.model) reads phrases with the same encoder as the parser, so
    # both read a phrase alike and a walk on a tag the table covers needs no torch either.
    from engine.degrees.load import load_degree_model

    retriever.use_degree_model(load_degree_model(retriever, encode=encoder))
    return Parser.from_retriever(retriever, encoder=encoder)


def phrase_table_texts(tags: tuple[str, ...] | list[str]) -> list[str]:
    """The texts of a tag vocabulary's static phrase table (its phrases and common words)."""
    from bot.nlu.grounding import static_table_texts
    from bot.nlu.vocabulary import TagVocabulary
    from engine.text.static import common_words

    return static_table_texts(TagVocabulary(tags), common_words())


def static_encoder(tags: tuple[str, ...] | list[str]):  # -> engine.text.static.StaticEncoder
    """The static encoder for a tag vocabulary, from CGIR_HOME/cache, else built there once, in
    the background (not shipped for the demo vocabulary: 9 MB, and stale at every lexicon
    change): a first reply that embeds nothing, such as a title, does not wait for it."""
    from engine.paths import cgir_home
    from engine.text.static import load_or_build

    def announce(n: int) -> None:
        print(f"Embedding {n} phrases and words once for fast replies, in the background "
              "(cached)...", file=sys.stderr)

    return load_or_build(phrase_table_texts(tags), cgir_home() / "cache", on_build=announce,
                         background=True)


def limit_threads(n: int) -> None:
    """Cap BLAS (threadpoolctl, a scikit-learn dependency) and torch intra-op threads at n.

    torch's count is process-wide, so it goes through the one setter (`engine.threads`), which
    only records the wish in OMP_NUM_THREADS while torch is not loaded yet.
    """
    from engine.threads import set_torch_threads

    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=n, user_api="blas")
    except ImportError:
        logger.info("threadpoolctl is not installed; BLAS keeps its default thread count")
    set_torch_threads(n)


def start_degree_warm_up(retriever: "Retriever") -> threading.Thread:
    """Compute every tag's degrees (cached by Retriever.attribute_degrees) in a daemon thread:
    on ml-latest-small that is 5-7 s of work a first critique of a tag would otherwise wait for.
    A thin tag's own name is read as a mix that keeps it (bot.dialogue.critique_axes: "more
    aliens" -> sci-fi + aliens + action + horror), so that reading's degrees are computed too:
    else the first "more aliens" computed them in the turn (docs/benchmarks.md)."""
    from bot.dialogue.critique_axes import critique_modification
    from bot.nlu.grounding import LEXICAL
    from bot.types import Critique

    def warm() -> None:
        try:
            for tag in range(len(retriever.tags)):
                retriever.attribute_degrees(tag)
            for name in retriever.tags:
                if retriever.degree_model.is_thin(name):
                    said = Critique(alpha=1, tag=name, score=LEXICAL, phrase=name)
                    retriever.modification_degrees(critique_modification(retriever, said))
        except Exception:  # noqa: BLE001 - the first critique builds it again and reports a failure
            logger.warning("could not compute the tags' degrees ahead of time", exc_info=True)

    thread = threading.Thread(target=warm, name="cgir-degree-warm-up", daemon=True)
    thread.start()
    return thread


def start_encoder_warm_up() -> threading.Thread:
    """Load the parser's word lexicon and sentence encoder in a daemon thread
    (engine.text.minilm serialises loading)."""

    def warm() -> None:
        try:
            from bot.nlu.word_classes import load_lexicon
            from engine.text.minilm import encode

            load_lexicon()

            encode(["warm up"])
        except Exception:  # noqa: BLE001 - the parser reports a real failure on first use
            logger.warning("could not warm up the sentence encoder", exc_info=True)

    thread = threading.Thread(target=warm, name="cgir-encoder-warm-up", daemon=True)
    thread.start()
    return thread
