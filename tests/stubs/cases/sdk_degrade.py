"""With transformers installed, the huggingface payload is GenerateDecoderOnlyOutput and the
marked line is an error; without it (.venv-nosdk) the stub degrades to Any and the file is clean."""

from __future__ import annotations

from mellea.core import ModelOutputThunk


def hf_payload(mot: ModelOutputThunk[str]) -> None:
    if mot.raw.provider == "huggingface" and mot.raw.response is not None:
        print(mot.raw.response.no_such_field)  # error only when transformers is installed
