"""External engines. Today: LanguageTool, for grammar and spelling.

``GrammarEngine`` decides which server to use, in this order: a configured URL (``IRLINT_LANGUAGETOOL_URL`` or
``languagetool.url``), the persistent server started by ``irlint server start``, or a server irlint starts itself
from the provisioned jars for the length of the run. When none can be used it says so once and the run goes on
without grammar findings (``--require-grammar`` turns that into exit code 2).
"""

from __future__ import annotations

import atexit
import os

from irlint.documents import Document
from irlint.engines.languagetool import GrammarSettings, LanguageToolClient, is_loopback
from irlint.engines.server import (
    GrammarUnavailable,
    LocalServer,
    NoServerRunning,
    find_installation,
    running_persistent_server,
    start_server,
)
from irlint.model import Hit

__all__ = ["GrammarEngine", "GrammarSettings", "GrammarUnavailable"]

URL_VARIABLE = "IRLINT_LANGUAGETOOL_URL"


def _downloaded_by_language_tool_python() -> bool:
    """Whether language-tool-python already has a LanguageTool download of its own (LTP_PATH or its cache)."""
    from language_tool_python.download_lt import LocalLanguageTool

    try:
        return bool(LocalLanguageTool.get_installed_versions())
    except Exception:  # its cache directory may not exist or be unreadable: then there is no download
        return False


class GrammarEngine:
    """LanguageTool for one run: connects lazily, at most once, and stops any server it started."""

    def __init__(self, settings: GrammarSettings) -> None:
        self.settings = settings
        self.notices: list[str] = []
        self.failure: str | None = None
        self._client: LanguageToolClient | None = None
        self._server: LocalServer | None = None
        self._tried = False

    def _resolve(self) -> LanguageToolClient:
        url = os.environ.get(URL_VARIABLE) or self.settings.url
        if url:
            if not is_loopback(url):
                self.notices.append(
                    f"grammar: sending the text of checked files to {url} (configured LanguageTool server)"
                )
            return LanguageToolClient(url, self.settings)
        persistent = running_persistent_server()
        if persistent is not None:
            return LanguageToolClient(persistent.url, self.settings)
        if not self.settings.start_server:
            raise NoServerRunning("no LanguageTool server is running; start one with `irlint server start`")
        install = find_installation()
        if install is None:
            if self.settings.download or _downloaded_by_language_tool_python():
                self._client = LanguageToolClient(None, self.settings)
                atexit.register(self.close)
                return self._client
            raise GrammarUnavailable(
                "LanguageTool is not installed: run `make languagetool`, set IRLINT_LANGUAGETOOL_URL, or allow "
                "language-tool-python to download it (languagetool.download: true, needs the internet); "
                "grammar findings are skipped"
            )
        self._server = start_server(install, self.settings.java, self.settings.memory)
        atexit.register(self.close)
        return LanguageToolClient(self._server.url, self.settings)

    def check(self, document: Document) -> list[Hit]:
        """Grammar hits for ``document``; an empty list once LanguageTool has failed (the failure is recorded)."""
        if not self.settings.enabled or self.failure is not None:
            return []
        try:
            if self._client is None:
                if self._tried:
                    return []
                self._tried = True
                self._client = self._resolve()
            return self._client.check_document(document)
        except GrammarUnavailable as error:
            self.failure = error.message
            if not isinstance(error, NoServerRunning) or self.settings.required:
                self.notices.append(f"grammar: {error.message}")
            self.close()
            return []

    def close(self) -> None:
        """Stop the server this engine started, if any."""
        if self._client is not None:
            self._client.close()
        if self._server is not None:
            self._server.stop()
            self._server = None
