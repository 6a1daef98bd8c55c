"""Settings parsing: typed, and every error names the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from heapgen.definitions import DefinitionError, load_definitions


def write(directory: Path, text: str, name: str = "heap_connect.yml") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_output_schema_is_snake_case_project_and_environment(tmp_path: Path) -> None:
    write(tmp_path, "project: My iOS App\nenvironment: Development\n")
    settings = load_definitions(tmp_path).settings
    assert settings.output_schema == "my_ios_app_development"
    assert settings.sync.frequency_hours == 24


def test_unknown_key_names_line_and_nearest_valid_key(tmp_path: Path) -> None:
    path = write(tmp_path, "project: Main\nenvironment: Production\nsync:\n  frequncy_hours: 6\n")
    with pytest.raises(DefinitionError) as error:
        load_definitions(tmp_path)
    message = str(error.value)
    assert message.startswith(f"{path}:4: ")
    assert "unknown key 'frequncy_hours'" in message
    assert "did you mean 'frequency_hours'" in message


def test_unknown_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, "project: Main\nenviroment: Production\n")
    with pytest.raises(DefinitionError) as error:
        load_definitions(tmp_path)
    lines = str(error.value).splitlines()
    # one mistake, one error: not also "missing required key 'environment'"
    assert lines == [
        f"{path}:2: unknown key 'enviroment' in the top level; did you mean 'environment'?"
    ]


def test_bad_value_shows_the_value(tmp_path: Path) -> None:
    path = write(tmp_path, "project: Main\nenvironment: Production\nsync:\n  frequency_hours: -3\n")
    with pytest.raises(DefinitionError) as error:
        load_definitions(tmp_path)
    assert str(error.value).startswith(f"{path}:4: sync.frequency_hours")
    assert "-3" in str(error.value)


def test_name_without_alphanumerics_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, "project: '!!!'\nenvironment: Production\n")
    with pytest.raises(DefinitionError, match="no letters or digits"):
        load_definitions(tmp_path)


def test_yaml_syntax_error_has_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "project: Main\nenvironment: [Production\n")
    with pytest.raises(DefinitionError) as error:
        load_definitions(tmp_path)
    assert str(error.value).startswith(f"{path}:")
    assert "invalid YAML" in str(error.value)


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "project: Main\nenvironment: Production\nproject: Other\n")
    with pytest.raises(DefinitionError) as error:
        load_definitions(tmp_path)
    assert str(error.value) == f"{path}:3: duplicate key 'project'"


def test_missing_settings_file(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match="heap_connect.yml"):
        load_definitions(tmp_path)


def test_other_files_only_take_known_top_level_lists(tmp_path: Path) -> None:
    write(tmp_path, "project: Main\nenvironment: Production\n")
    path = write(tmp_path / "events", "events: []\nsegmnts: []\n", name="shop.yml")
    with pytest.raises(DefinitionError) as error:
        load_definitions(tmp_path)
    assert str(error.value) == (
        f"{path}:2: unknown key 'segmnts' in the top level; did you mean 'segments'?"
    )
