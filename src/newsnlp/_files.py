"""Saving files safely: one atomic write shared by every object that saves itself."""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

from newsnlp.errors import ModelError

__all__ = ["write_atomically"]


def write_atomically(path: Path, data: bytes, what: str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory.

    Missing parent directories are created. A reader never sees a half-written file: the
    temporary file is renamed over ``path`` only once complete, and removed on failure.

    Parameters
    ----------
    path : Path
        Where to save.
    data : bytes
        The whole file.
    what : str
        What is being saved (``"the KeywordExtractor"``), for the error message.

    Raises
    ------
    ModelError
        When the file system refuses, naming ``path`` and ``what``; its ``__cause__`` is
        the :class:`OSError`.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    created = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # os.open with 0o666 so the saved file gets the usual umask-based permissions.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        created = True
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        created = False
    except OSError as exc:
        raise ModelError(
            f"Cannot save {what} to {str(path)!r}: {exc.strerror or exc}"
            f" ({type(exc).__name__}). Check that the directory is writable."
        ) from exc
    finally:
        if created:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
