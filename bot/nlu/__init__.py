"""Pieces of the utterance parser: the domain lexicon and text normalisation.

`bot.nlu.parser.Parser` is the entry point; these modules hold its data and pure helpers.
"""
