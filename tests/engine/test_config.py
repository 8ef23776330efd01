"""TrainConfig: defaults, config.yml's cgir: section, flag overrides, and refusals."""

from __future__ import annotations

import json

import pytest

from engine.config import ConfigError, TrainConfig
from engine.errors import CGIRError

RASA_CONFIG = """\
recipe: default.v1
language: en
pipeline:
  - name: WhitespaceTokenizer
policies:
  - name: RulePolicy
"""


def test_cgir_section_overrides_defaults_and_flags_override_it(tmp_path):
    path = tmp_path / "config.yml"
    path.write_text(RASA_CONFIG + "cgir:\n  dim: 32\n  beta: 0.5\n  epochs: 7\n")
    config = TrainConfig.from_yaml(path, epochs=3, seed=None)
    assert (config.dim, config.beta, config.epochs, config.seed) == (32, 0.5, 3, 0)


def test_missing_section_gives_defaults(tmp_path):
    path = tmp_path / "config.yml"
    path.write_text(RASA_CONFIG)
    assert TrainConfig.from_yaml(path) == TrainConfig()


def test_unknown_key_lists_valid_keys(tmp_path):
    path = tmp_path / "config.yml"
    path.write_text(RASA_CONFIG + "cgir:\n  dimension: 32\n")
    with pytest.raises(ConfigError) as error:
        TrainConfig.from_yaml(path)
    assert "dimension" in str(error.value) and "valid keys are" in str(error.value)
    assert "beta" in str(error.value) and "rho" in str(error.value)
    assert isinstance(error.value, CGIRError)


@pytest.mark.parametrize("values, fragment", [
    ({"variant": "gan"}, "variant must be one of"),
    ({"rho": 1.5}, "rho"),
    ({"dim": "many"}, "dim"),
    ({"epochs": 0}, "epochs"),
    ({"device": "tpu"}, "device"),
])
def test_bad_values_are_refused(values, fragment):
    with pytest.raises(ConfigError, match=fragment):
        TrainConfig.from_dict(values)


def test_bad_yaml_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        TrainConfig.from_yaml(tmp_path / "absent.yml")
    path = tmp_path / "config.yml"
    path.write_text("cgir: [1, 2]\n")
    with pytest.raises(ConfigError, match="mapping"):
        TrainConfig.from_yaml(path)


def test_json_round_trip():
    config = TrainConfig(variant="no-sparse", dim=16, lr=0.01)
    assert TrainConfig.from_dict(json.loads(config.to_json())) == config


def test_the_config_file_is_never_the_working_directorys_by_accident(tmp_path, monkeypatch):
    from engine.config import CONFIG_ENV, PROJECT_CONFIG, project_config_path

    stray = tmp_path / "config.yml"
    stray.write_text("cgir:\n  dim: 7\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    assert project_config_path() == PROJECT_CONFIG  # the checkout's own file, not ./config.yml
    monkeypatch.setenv(CONFIG_ENV, str(stray))
    assert project_config_path() == stray
    assert project_config_path(tmp_path / "other.yml") == tmp_path / "other.yml"  # a flag wins
