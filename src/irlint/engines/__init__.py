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
from irlint.engines.languagetool import GrammarSettings, LanguageToolClient, is_loopback, server_version
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
        self._expected_failure = False

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

    def identity(self) -> str:
        """What grammar findings a run will get, for the results cache: ``off``, the LanguageTool version and
        where it runs, or ``unavailable`` (then the reason is recorded now, as a check would)."""
        if not self.settings.enabled:
            return "off"
        url = os.environ.get(URL_VARIABLE) or self.settings.url
        if url:
            return f"languagetool {server_version(url)} at {url}"
        persistent = running_persistent_server()
        if persistent is not None:
            return f"languagetool {persistent.version}"
        install = find_installation()
        if install is not None and self.settings.start_server:
            return "languagetool " + " ".join(sorted(jar.name for jar in install.glob("*.jar")))
        if self.settings.start_server and (self.settings.download or _downloaded_by_language_tool_python()):
            return "language-tool-python"
        self.connect()
        self._expected_failure = True
        return "unavailable"

    def connect(self) -> bool:
        """Find or start the server now rather than at the first document; False when LanguageTool cannot be
        used (the reason is recorded, as a check would)."""
        if not self.settings.enabled or self.failure is not None:
            return False
        try:
            if self._client is None:
                self._tried = True
                self._client = self._resolve()
            self._client.connect()
            return True
        except GrammarUnavailable as error:
            self._fail(error)
            return False

    def for_worker(self) -> GrammarEngine:
        """A copy for a forked worker process: the same server over a connection of its own, never stopped by
        the worker. Without a shared server (language-tool-python's own), grammar is left to the first process
        that needs it."""
        copy = GrammarEngine(self.settings)
        copy.failure = self.failure
        copy._expected_failure = self._expected_failure
        copy._tried = True
        url = self._client.shared_url() if self._client is not None else None
        if url is not None and self.failure is None:
            copy._client = LanguageToolClient(url, self.settings)
        elif self.failure is None:
            copy._tried = False
        return copy

    def take_notices(self) -> tuple[str, ...]:
        """The notices recorded since the last call."""
        taken, self.notices = tuple(self.notices), []
        return taken

    @property
    def failed_during_run(self) -> bool:
        """Whether LanguageTool was expected to work but failed, so that results lack grammar findings."""
        return self.failure is not None and not self._expected_failure

    def _fail(self, error: GrammarUnavailable) -> None:
        self.failure = error.message
        if not isinstance(error, NoServerRunning) or self.settings.required:
            self.notices.append(f"grammar: {error.message}")
        self.close()

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
            self._fail(error)
            return []

    def close(self) -> None:
        """Stop the server this engine started, if any."""
        if self._client is not None:
            self._client.close()
        if self._server is not None:
            self._server.stop()
            self._server = None
