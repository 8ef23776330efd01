"""The parser on the static encoder (engine.text.static): same answers where the table covers the
phrase, and a first reply that never imports torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fast_parser import fixture_parser, hashed_ngram_encoder

from bot.nlu.grounding import static_table_texts
from bot.nlu.vocabulary import TagVocabulary
from bot.nlu.parser import Parser
from engine.text.static import StaticTable, StaticEncoder, common_words, load_or_build

REPO = Path(__file__).resolve().parents[2]


def test_covered_phrases_parse_exactly_as_with_the_encoder_itself(planted):
    vocab = TagVocabulary(planted.tags)
    table = StaticTable.build(static_table_texts(vocab), hashed_ngram_encoder)
    encoder = StaticEncoder(table, fallback=hashed_ngram_encoder)
    static = Parser.from_retriever(planted, encoder=encoder)
    direct = fixture_parser(planted)
    phrases = [p for i in range(len(vocab.tags)) for p, _ in vocab.prototypes(i)]
    utterances = [f"{cue} {p}" for p in phrases for cue in ("more", "less", "")]
    assert len(utterances) > 100
    differ = [u for u in utterances if static.parse(u) != direct.parse(u)]
    assert differ == []
    assert encoder.fallback_calls == 0


def test_the_table_holds_every_prototype_and_lexicon_phrase(planted):
    vocab = TagVocabulary(planted.tags)
    texts = static_table_texts(vocab, ["ordinary", "words"])
    encoder = StaticEncoder(StaticTable.build(texts, hashed_ngram_encoder))
    for i in range(len(vocab.tags)):
        for phrase, _ in vocab.prototypes(i):
            assert phrase.lower() in encoder.table.index, phrase
    assert {"ordinary", "words"} <= set(encoder.table.index)


FIRST_REPLY = r"""
import json, sys
from bot.runtime import build_manager
manager = build_manager(sys.argv[1], sys.argv[2], warm_up=False)
sid = manager.new_session_id()
replies = [manager.handle(sid, text).intent for text in sys.argv[3:]]
print(json.dumps({"intents": replies, "torch": "torch" in sys.modules,
                  "sentence_transformers": "sentence_transformers" in sys.modules}))
manager.close()
"""


def test_the_first_replies_need_no_torch_when_the_table_covers_them(tiny_model_dir, tiny_retriever,
                                                                      tmp_path):
    home = tmp_path / "home"
    # The table chat would build with MiniLM, built here with the hashed stand-in (same texts,
    # so the same file name): what is tested is that chat then answers from numpy alone.
    texts = static_table_texts(TagVocabulary(tiny_retriever.tags), common_words())
    encoder = load_or_build(texts, home / "cache", hashed_ngram_encoder)
    assert encoder.covers("space battles")
    title = tiny_retriever.titles[0]
    env = dict(os.environ, CGIR_HOME=str(home))
    env.pop("CGIR_ENCODER", None)
    done = subprocess.run(
        [sys.executable, "-c", FIRST_REPLY, str(tiny_model_dir), f"sqlite:///{tmp_path / 'c.db'}",
         f"something like {title}", "more space battles", "less action"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["intents"][0] == "reference"
    assert result["intents"][2] == "critique"
    assert not result["torch"] and not result["sentence_transformers"]


def test_a_bare_phrase_is_grounded_on_the_real_vector_a_cued_one_on_the_word_mean(planted):
    vocab = TagVocabulary(planted.tags)
    asked: list[str] = []

    def real(texts):
        asked.extend(texts)
        return hashed_ngram_encoder(texts)

    table = StaticTable.build([*static_table_texts(vocab), "quiet", "harbour"], hashed_ngram_encoder)
    encoder = StaticEncoder(table, fallback=real)
    static = Parser.from_retriever(planted, encoder=encoder)
    assert encoder.approximate("quiet harbour") and not encoder.approximate("quiet")
    static.parse("more quiet harbour")
    assert asked == []  # a polarity word: the word mean is used
    static.parse("quiet harbour")
    assert asked == ["quiet harbour"]  # bare: the real encoder's vector


def test_a_title_is_read_while_the_phrase_table_is_still_being_built(planted, tmp_path):
    import threading

    gate = threading.Event()

    def slow_encoder(texts):
        assert gate.wait(30), "the test never opened the gate"
        return hashed_ngram_encoder(texts)

    texts = static_table_texts(TagVocabulary(planted.tags))
    encoder = load_or_build(texts, tmp_path, slow_encoder, background=True)
    parser = Parser.from_retriever(planted, encoder=encoder)
    try:
        title = planted.titles[0]
        found = parser.parse(f"something like {title}")
        assert found.intent == "reference" and encoder.building.is_alive()
    finally:
        gate.set()
    assert parser.parse("less action").intent == "critique"  # waits for the table, then reads
