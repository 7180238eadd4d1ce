"""Sending with long strings apart: the same object arrives, strings and all."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from fandex import sendapart


def _round_trip(obj: object) -> object:
    parent, child = multiprocessing.Pipe()
    # Sent from a thread: a long string's pieces would fill the pipe before they are read.
    sender = threading.Thread(target=sendapart.send, args=(child, obj))
    sender.start()
    got = sendapart.receive(parent)
    sender.join()
    return got


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sendapart, "APART", 8)
    monkeypatch.setattr(sendapart, "PIECE", 3)


@pytest.mark.usefixtures("small_pieces")
def test_long_strings_arrive_whole_past_ascii_and_lone_surrogates_too() -> None:
    long = "She said “no” to café \ud800 ends"
    answer = ("ok", {"chapters": [long, "short"], "other": "x" * 9}, 1.5)
    assert _round_trip(answer) == answer


@pytest.mark.usefixtures("small_pieces")
def test_a_string_met_twice_is_sent_once_and_is_one_string_again() -> None:
    long = "a chapter of some length"
    got = _round_trip([long, long, "b" * 20])
    assert isinstance(got, list)
    assert got == [long, long, "b" * 20]
    assert got[0] is got[1]


@pytest.mark.usefixtures("small_pieces")
def test_the_strings_go_apart_from_the_pickle() -> None:
    parent, child = multiprocessing.Pipe()
    sendapart.send(child, ["z" * 10])
    first = parent.recv_bytes()
    assert b"zzz" not in first  # the pickle holds only where the string goes
    pieces = [parent.recv_bytes() for _ in range(4)]  # ten characters, three at a time
    assert b"".join(pieces) == b"z" * 10
    assert not parent.poll()


def test_what_conn_send_sent_is_received_too() -> None:
    parent, child = multiprocessing.Pipe()
    child.send(("ready", None, 0.0, 0.0))
    assert sendapart.receive(parent) == ("ready", None, 0.0, 0.0)
