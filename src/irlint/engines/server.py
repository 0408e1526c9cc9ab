"""Finding and running a LanguageTool HTTP server: the provisioned jars, a free loopback port, health checks,
a clean stop, and the persistent server that `irlint server start` leaves running for later checks."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from irlint.errors import IrlintError

# The LanguageTool release `make languagetool` provisions (scripts/languagetool/pom.xml pins the same).
LANGUAGETOOL_VERSION = "6.8"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
STARTUP_SECONDS = 90.0


class GrammarUnavailable(IrlintError):
    """LanguageTool cannot be used; the message says why and how to fix it."""


class NoServerRunning(GrammarUnavailable):
    """No LanguageTool server is running and irlint was asked not to start one: expected, so not announced."""


def cache_root() -> Path:
    """irlint's cache directory: ``$XDG_CACHE_HOME/irlint`` or ``~/.cache/irlint``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "irlint"


def find_installation() -> Path | None:
    """The directory of provisioned LanguageTool jars, or None.

    ``IRLINT_LANGUAGETOOL_HOME`` wins; otherwise the cache directory `make languagetool` fills. A directory counts
    only when its ``.complete`` marker exists (a half-finished download does not)."""
    configured = os.environ.get("IRLINT_LANGUAGETOOL_HOME")
    candidates = [Path(configured)] if configured else [cache_root() / "languagetool" / LANGUAGETOOL_VERSION]
    for candidate in candidates:
        if (candidate / ".complete").is_file() and any(candidate.glob("languagetool-server-*.jar")):
            return candidate
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def is_healthy(url: str, timeout: float = 2.0) -> bool:
    """Whether a LanguageTool server answers ``/v2/languages`` at ``url`` within ``timeout`` seconds."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url.rstrip("/") + "/v2/languages", timeout=timeout) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError, ValueError):
        return False


def warm_up(url: str) -> None:
    """Send one small check: LanguageTool loads its rules on the first request, which takes seconds."""
    import urllib.error
    import urllib.parse
    import urllib.request

    data = urllib.parse.urlencode({"language": "en-US", "text": "This is a short warm-up sentence."}).encode()
    with contextlib.suppress(OSError, urllib.error.URLError):
        urllib.request.urlopen(url.rstrip("/") + "/v2/check", data=data, timeout=60).close()


@dataclass
class LocalServer:
    """A LanguageTool server process that irlint started on a loopback port."""

    process: subprocess.Popen[bytes]
    port: int

    @property
    def url(self) -> str:
        """Base URL of the server."""
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop the server (its whole process group) and wait for it."""
        if self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def start_server(install: Path, java: str = "java", memory: str = "512m") -> LocalServer:
    """Start LanguageTool from the jars in ``install`` on a free loopback port, wait until it answers and warm it up.

    The server runs in its own session and process group, so that it can be stopped as a whole and, for the
    persistent server, outlive the irlint process that started it."""
    executable = shutil.which(java)
    if executable is None:
        raise GrammarUnavailable(f"Java not found ('{java}'); install Java 17 or newer, or run with --no-grammar")
    port = free_port()
    command = [executable, f"-Xmx{memory}", "-cp", str(install / "*"), MAIN_CLASS, "--port", str(port)]
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = LocalServer(process, port)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise GrammarUnavailable(
                f"LanguageTool exited at start-up (code {process.returncode}); rerun `make languagetool`"
            )
        if is_healthy(server.url, timeout=1.0):
            warm_up(server.url)
            return server
        time.sleep(0.2)
    server.stop()
    raise GrammarUnavailable(f"LanguageTool did not answer within {STARTUP_SECONDS:.0f} s")


@dataclass(frozen=True)
class ServerState:
    """What `irlint server start` records about the persistent server."""

    pid: int
    port: int
    version: str

    @property
    def url(self) -> str:
        """Base URL of the persistent server."""
        return f"http://127.0.0.1:{self.port}"


def state_file() -> Path:
    """Where the persistent server's state is recorded."""
    return cache_root() / "server.json"


def read_state() -> ServerState | None:
    """The recorded persistent server, if the record exists and is readable."""
    try:
        data = json.loads(state_file().read_text(encoding="utf-8"))
        return ServerState(int(data["pid"]), int(data["port"]), str(data["version"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_state(state: ServerState) -> None:
    """Record the persistent server atomically."""
    path = state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(state)), encoding="utf-8")
    temporary.replace(path)


def running_persistent_server() -> ServerState | None:
    """The persistent server when it is recorded, alive and answering; None otherwise."""
    state = read_state()
    if state is None:
        return None
    try:
        os.kill(state.pid, 0)
    except (ProcessLookupError, PermissionError):
        return None
    return state if is_healthy(state.url, timeout=1.0) else None


def stop_persistent_server() -> bool:
    """Stop the recorded persistent server; True if one was running."""
    state = read_state()
    stopped = False
    if state is not None:
        try:
            os.killpg(state.pid, signal.SIGTERM)
            stopped = True
        except (ProcessLookupError, PermissionError):
            stopped = False
        deadline = time.monotonic() + 10
        while stopped and time.monotonic() < deadline:
            try:
                os.kill(state.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
    with contextlib.suppress(FileNotFoundError):
        state_file().unlink()
    return stopped
