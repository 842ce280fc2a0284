"""``mellea-lint server`` publishes what ``mellea-lint check`` reports, for the text in the editor.

Each test starts the installed server (``.venv/bin/mellea-lint server``) on a workspace folder
and drives it over stdio with a real LSP client, comparing with ``check`` run on the same text.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from mellea_lint.formats import tool_version
from server_support import (
    CONSUMER,
    CONSUMER_MESSAGE,
    PRODUCER,
    check_json,
    expected_diagnostics,
    no_traceback,
    serve,
)

OLAMA = CONSUMER.replace("print(mot._generate_log)", 'if mot.raw.provider == "olama":\n        print(mot.value)')
FIXED = CONSUMER.replace("mot._generate_log", "mot.generate_log")


def test_initialize_names_the_server_and_asks_for_whole_texts(tmp_path: Path) -> None:
    with serve(tmp_path) as session:
        result = session.initialized
    assert result["serverInfo"] == {"name": "mellea-lint", "version": tool_version()}
    sync = result["capabilities"]["textDocumentSync"]
    assert sync["openClose"] is True and sync["change"] == 1 and sync["save"]  # 1: Full
    assert result["capabilities"]["positionEncoding"] == "utf-16"


def test_private_read_is_published_on_open(tmp_path: Path) -> None:
    source = tmp_path / "consumer.py"
    source.write_text(CONSUMER)
    with serve(tmp_path) as session:
        uri = session.open(source)
        published = session.diagnostics(uri)
    assert published == [{
        "range": {"start": {"line": 4, "character": 13}, "end": {"line": 4, "character": 27}},
        "message": CONSUMER_MESSAGE,
        "severity": 1,
        "code": "MOT001",
        "source": "mellea-lint",
    }]
    assert published == expected_diagnostics(CONSUMER, check_json(tmp_path, "consumer.py"))


def test_diagnostics_follow_the_buffer_not_the_file(tmp_path: Path) -> None:
    source = tmp_path / "consumer.py"
    source.write_text(FIXED)  # the file on disk is clean; the editor's text is not
    with serve(tmp_path) as session:
        uri = session.open(source, CONSUMER)
        assert [d["code"] for d in session.diagnostics(uri)] == ["MOT001"]
        session.change(uri, FIXED)
        assert session.diagnostics(uri) == []
        session.change(uri, OLAMA)
        (provider,) = session.diagnostics(uri)
        source.write_text(OLAMA)
        assert [provider] == expected_diagnostics(OLAMA, check_json(tmp_path, "consumer.py"))
        assert provider["code"] == "MOT006"
        assert provider["message"] == '"olama" is not a mellea provider; did you mean "ollama"?'
        assert provider["range"] == {"start": {"line": 4, "character": 27}, "end": {"line": 4, "character": 34}}
        assert session.save_and_wait(uri) == [provider]
        session.close(uri)
        published, _ = session.client.wait_for_publication(uri, lambda p: p["diagnostics"] == [])
        assert published["diagnostics"] == []
        no_traceback(session)


def test_producer_code_is_silent(tmp_path: Path) -> None:
    source = tmp_path / "echo_backend.py"
    source.write_text(PRODUCER)
    with serve(tmp_path) as session:
        uri = session.open(source)
        assert session.diagnostics(uri) == []
        # the same writes outside a backend are reported, in the same session
        consumer = PRODUCER.replace("class EchoBackend(Backend):", "class Echo:")
        session.change(uri, consumer)
        assert {d["code"] for d in session.diagnostics(uri)} == {"MOT003"}
    assert check_json(tmp_path, "echo_backend.py") == []


def test_project_settings_apply_as_in_check(tmp_path: Path) -> None:
    """ignore, noqa, producer-modules and exclude of the nearest [tool.mellea-lint], found from the
    document's folder (not the server's working directory)."""
    project = tmp_path / "project"
    (project / "shop" / "doubles").mkdir(parents=True)
    (project / "pyproject.toml").write_text(textwrap.dedent("""\
        [tool.mellea-lint]
        ignore = ["MOT001"]
        producer-modules = ["shop.doubles"]
        exclude = ["generated_*.py"]
        """))
    for package in ("shop", "shop/doubles"):
        (project / package / "__init__.py").write_text("")
    both = OLAMA + "\n\ndef log(mot: ModelOutputThunk) -> None:\n    print(mot._generate_log)\n"
    noqa = both.replace('"olama":', '"olama":  # noqa: MOT006')
    writer = textwrap.dedent("""\
        from mellea.core import GenerateLog, ModelOutputThunk


        def fill(mot: ModelOutputThunk[str]) -> None:
            mot._generate_log = GenerateLog()
        """)
    files = {"shop/orders.py": both, "shop/quiet.py": noqa, "shop/doubles/fake.py": writer,
             "shop/writer.py": writer, "shop/generated_client.py": both}
    for name, text in files.items():
        (project / name).write_text(text)
    with serve(tmp_path) as session:  # the workspace is the folder above the project
        published = {name: session.diagnostics(session.open(project / name)) for name in files}
    assert [d["code"] for d in published["shop/orders.py"]] == ["MOT006"]  # MOT001 ignored
    assert published["shop/quiet.py"] == []
    assert published["shop/doubles/fake.py"] == []  # a producer module
    assert [d["code"] for d in published["shop/writer.py"]] == ["MOT003"]
    assert published["shop/generated_client.py"] == []
    for name, text in files.items():
        reported = check_json(project, name)
        assert published[name] == expected_diagnostics(text, reported), name


def test_an_edited_config_applies_from_the_next_change(tmp_path: Path) -> None:
    source = tmp_path / "consumer.py"
    source.write_text(CONSUMER)
    with serve(tmp_path) as session:
        uri = session.open(source)
        assert [d["code"] for d in session.diagnostics(uri)] == ["MOT001"]
        (tmp_path / "pyproject.toml").write_text('[tool.mellea-lint]\nselect = ["MOT006"]\n')
        session.change(uri, CONSUMER + "\n")
        assert session.diagnostics(uri) == []
        (tmp_path / "pyproject.toml").write_text('[tool.mellea-lint]\nselct = ["MOT006"]\n')
        session.change(uri, CONSUMER)
        assert session.diagnostics(uri) == []  # a broken table: nothing checked, one message
        message = next(params for method, params in session.client.notifications if method == "window/showMessage")
        assert message["type"] == 1 and "did you mean 'select'?" in message["message"], message
        (tmp_path / "pyproject.toml").write_text("[tool.mellea-lint]\n")
        assert [d["code"] for d in session.save_and_wait(uri)] == ["MOT001"]
        no_traceback(session)


BROKEN = {
    "syntax": "def f(:\n    pass\n",
    "nul": CONSUMER.replace("None:", "None:\0"),
    "deep parentheses": "x = " + "(" * 10_000 + "1" + ")" * 10_000 + "\n",
    "deep unary": "x = " + "-" * 10_000 + "1\n",
    "deep sum": "x = " + " + ".join(["mot._gen"] * 10_000) + "\n",
    "lone surrogate": CONSUMER.replace("print(", "print('\ud800', "),
    "bad cookie": "# -*- coding: klingon -*-\n" + CONSUMER,
}


def test_a_broken_buffer_is_one_file_error_and_the_server_keeps_serving(tmp_path: Path) -> None:
    source = tmp_path / "consumer.py"
    source.write_text(CONSUMER)
    with serve(tmp_path) as session:
        uri = session.open(source)
        session.diagnostics(uri)
        for name, text in BROKEN.items():
            session.change(uri, text)
            published = session.diagnostics(uri)
            assert len(published) == 1 and published[0]["code"] in ("MOT901", "MOT902", "MOT903"), (name, published)
            if name != "lone surrogate":  # a file cannot hold one; its UTF-8 bytes are what check reads
                (tmp_path / "broken.py").write_bytes(text.encode("utf-8"))
                (reported,) = check_json(tmp_path, "broken.py")
                assert (published[0]["code"], published[0]["message"]) == (reported["code"], reported["message"])
            assert session.code_actions(uri, (0, 0)) == []  # still answering requests
        session.change(uri, CONSUMER)
        assert [d["code"] for d in session.diagnostics(uri)] == ["MOT001"]
        assert session.client.returncode is None
        no_traceback(session)


def test_columns_count_utf16_code_units(tmp_path: Path) -> None:
    text = CONSUMER.replace("print(mot._generate_log)", 'print("héllo 😀", mot._generate_log)  # ✓')
    source = tmp_path / "consumer.py"
    source.write_text(text, encoding="utf-8")
    with serve(tmp_path) as session:
        (published,) = session.diagnostics(session.open(source))
    # 'print("héllo 😀", mot' is 20 code points and 21 UTF-16 units: the emoji takes two
    assert published["range"] == {"start": {"line": 4, "character": 25}, "end": {"line": 4, "character": 39}}
    assert [published] == expected_diagnostics(text, check_json(tmp_path, "consumer.py"))


def test_a_client_may_negotiate_utf32_positions(tmp_path: Path) -> None:
    text = CONSUMER.replace("print(mot._generate_log)", 'print("😀😀", mot._generate_log)')
    source = tmp_path / "consumer.py"
    source.write_text(text, encoding="utf-8")
    capabilities = {"general": {"positionEncodings": ["utf-32", "utf-16"]}}
    with serve(tmp_path, capabilities) as session:
        assert session.initialized["capabilities"]["positionEncoding"] == "utf-32"
        (published,) = session.diagnostics(session.open(source))
    # code points: the dot is 19th (in UTF-16 units it would be 21)
    assert published["range"] == {"start": {"line": 4, "character": 19}, "end": {"line": 4, "character": 33}}


def test_a_malformed_message_is_one_line_on_stderr(tmp_path: Path) -> None:
    source = tmp_path / "consumer.py"
    source.write_text(CONSUMER)
    with serve(tmp_path) as session:
        session.client.send_raw(b"Content-Length: 5\r\n\r\n{bad}")
        uri = session.open(source)
        assert [d["code"] for d in session.diagnostics(uri)] == ["MOT001"]
        no_traceback(session)
    assert "mellea-lint server: error: " in session.stderr.read_text()


def test_other_languages_and_unsaved_buffers(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(CONSUMER)
    with serve(tmp_path) as session:
        session.open(notes, CONSUMER, language="markdown")
        untitled = "untitled:Untitled-1"
        session.versions[untitled] = 1
        session.client.notify("textDocument/didOpen", {"textDocument": {
            "uri": untitled, "languageId": "python", "version": 1, "text": CONSUMER}})
        assert [d["code"] for d in session.diagnostics(untitled)] == ["MOT001"]
        assert notes.as_uri() not in session.client._diagnostics  # never published for markdown
        no_traceback(session)
