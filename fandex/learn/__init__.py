"""Learning from the user's own library: per-tag models trained on works with stated tags.

``fandex learn`` calls :func:`fandex.learn.train.learn` (scikit-learn, the optional extra
``learn``); the trained models are plain JSON weights (:mod:`fandex.learn.model`) that
the ``learned`` tagger applies without scikit-learn. A model is used for a tag only when
it beat the built-in tagger on held-out works.
"""

from fandex.learn.model import LinearModel, ModelSet, tokenize
from fandex.learn.store import load_models, models_path_for, save_models

__all__ = [
    "LinearModel",
    "ModelSet",
    "load_models",
    "models_path_for",
    "save_models",
    "tokenize",
]
