"""The suite keeps to its own folders: nothing is written in the real user's cache or data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir


def test_the_user_folders_the_app_sees_belong_to_the_test_session(tmp_path_factory) -> None:
    session_root = tmp_path_factory.getbasetemp()
    real_home = Path(os.path.expanduser("~"))
    for folder in (user_cache_dir("atelier", appauthor=False), user_data_dir("atelier", appauthor=False)):
        assert Path(folder).is_relative_to(session_root), folder
        assert not Path(folder).is_relative_to(real_home / ".cache"), folder
