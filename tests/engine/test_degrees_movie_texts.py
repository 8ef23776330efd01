"""The movie texts the degree artefact embeds (engine.degrees.features.movie_texts)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from engine.degrees.features import movie_texts


def test_movie_texts_leave_the_title_out_when_asked():
    counts = sp.csr_matrix(np.array([[1.0, 3.0, 0.0], [0.0, 0.0, 0.0]], dtype=np.float32))
    tags = ("drama", "slow burn", "comedy")
    with_titles = movie_texts(["Speed (1994)", "Up (2009)"], tags, counts, {"drama", "comedy"})
    assert with_titles == ["Speed (1994). Genres: drama. Tags: slow burn", "Up (2009)"]
    without = movie_texts(["Speed (1994)", "Up (2009)"], tags, counts, {"drama", "comedy"},
                          with_titles=False)
    assert without == ["Genres: drama. Tags: slow burn", ""]
