"""Downstream code as an editor user writes it: completion-token counts from a finished thunk.

The `# <tag>` comments mark the positions tests/ide asks the language server about.
"""

from mellea.core.base import ModelOutputThunk


def provider_name(mot: ModelOutputThunk[str]) -> str:
    return mot.raw.provider or "unknown"  # <complete:raw>


def payload_kind(mot: ModelOutputThunk[str]) -> str:
    return type(mot.raw.response).__name__  # <hover:unnarrowed>


def completion_tokens(mot: ModelOutputThunk[str]) -> int | None:
    if mot.raw.provider == "ollama":
        return mot.raw.response.eval_count  # <complete:ollama> <hover:ollama>
    if mot.raw.provider == "openai":
        # Both chat shapes (the ChatCompletion dump and the streamed envelope) carry "usage".
        if "usage" not in mot.raw.response:  # <hover:openai>
            return None
        usage = mot.raw.response["usage"]  # <complete:openai-key>
        return usage["completion_tokens"] if usage else None
    return None


def generation_log(mot: ModelOutputThunk[str]) -> object:
    return mot._generate_log  # <private:generate-log>


def chunk_size(mot: ModelOutputThunk[str]) -> int:
    return mot._gen.chunk_size  # <complete:gen>
