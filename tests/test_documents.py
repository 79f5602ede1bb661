"""Documents: front matter, byte-exact bodies, sidecar metadata, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from navokg.errors import DocumentError
from navokg.sources.documents import DocumentMeta, discover_documents, document_title, read_document

from .conftest import SEED_DOCUMENTS, SEED_IDS


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_bodies_are_the_files_byte_for_byte(doc_id: str) -> None:
    path = SEED_DOCUMENTS / f"{doc_id}.txt"
    document = read_document(path)
    assert document.id == doc_id
    assert document.body.encode("utf-8") == path.read_bytes()


def test_seed_metadata_comes_from_the_sidecar() -> None:
    document = read_document(SEED_DOCUMENTS / "004_44eb88ef367aefe1.txt")
    assert document.meta.publisher == "NOS Nieuws"
    assert document.meta.published == "2025-12-02"
    assert document.reference_date is not None and document.reference_date.lexical == "2025-12-02"


@pytest.mark.parametrize(
    "doc_id,title",
    [
        (
            "000_20c9fd92713bf5d2",
            "Background article: In november 2021 gaat demissionair premier Mark Rutte op werkbezoek…",
        ),
        ("001_2e465c82d589c2ad", "Mark Rutte: De laatste secretaris-generaal van de NAVO?"),
        ("002_0b15ab17fb2497c6", "Hart van Nederland, undated"),
        ("003_11f823362a181f7f", "News article, 2024-02"),
        ("004_44eb88ef367aefe1", "NAVO-chef Rutte: 'Komende dagen meer bekend over militaire steun voor Oekraïne'"),
    ],
)
def test_every_seed_has_a_title_and_none_is_its_id(doc_id: str, title: str) -> None:
    assert read_document(SEED_DOCUMENTS / f"{doc_id}.txt").label == title


@pytest.mark.parametrize(
    "meta,body,title",
    [
        (DocumentMeta(title="Kop uit de metadata"), "Een kop\n\nDe tekst.", "Kop uit de metadata"),
        # A first line standing alone that does not end like a sentence reads as a headline.
        (
            DocumentMeta(publisher="NOS"),
            "Kabinet valt over asielbeleid\n\nHet kabinet is gevallen.",
            "Kabinet valt over asielbeleid",
        ),
        (
            DocumentMeta(publisher="NOS"),
            "‘Ik ga niet weg’, zegt Rutte\n\nDe premier blijft.",
            "‘Ik ga niet weg’, zegt Rutte",
        ),
        # The first line of a hard-wrapped paragraph, or a sentence, is text.
        (
            DocumentMeta(publisher="NOS", published="2024-03-01"),
            "Het kabinet is gevallen over\nhet asielbeleid.",
            "NOS, 2024-03-01",
        ),
        (DocumentMeta(publisher="NOS"), "Het kabinet is gevallen.\n\nMeer volgt.", "NOS, undated"),
        (
            DocumentMeta(published="2024-03", genre="opinion"),
            "in de Kamer werd gisteren gedebatteerd.",
            "Opinion piece, 2024-03",
        ),
        (DocumentMeta(), "het kabinet is gevallen.", "Document: het kabinet is gevallen."),
    ],
)
def test_the_title_rule(meta: DocumentMeta, body: str, title: str) -> None:
    assert document_title(meta, body) == title


def test_front_matter_is_split_from_the_body(small_article: Path) -> None:
    document = read_document(small_article)
    assert document.meta.title == "Kabinet trekt extra geld uit voor luchtverdediging Oekraïne"
    assert document.meta.published == "2024-03-14"
    assert document.body.startswith("Nederland stelt 150 miljoen euro")


def test_without_published_the_dateline_is_the_reference(tmp_path: Path) -> None:
    path = tmp_path / "nos.txt"
    path.write_text("Kop\n\nmaandag, 1 december 2025 (09:00) - NOS\n\nGisteren zei hij iets.", "utf-8")
    reference = read_document(path).reference_date
    assert reference is not None and reference.lexical == "2025-12-01"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "content,message",
    [
        (b"Premier Rutte zei \xe9\xe9n ding.", r"is not UTF-8 \(byte 0xe9 at byte offset 18, line 1\)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file"),
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"---\ntitle: x\n", "never closed"),
        (b"---\ntitle: a: b\n---\nTekst.", "malformed front matter at line 2: mapping values"),
        (b"---\ntitel: x\n---\nTekst.", "unknown key.*titel"),
        (b"---\npublished: '2022-02-31'\n---\nTekst.", "invalid 'published'.*February 2022 has 28 days"),
        (b"---\npublished: gisteren\n---\nTekst.", "invalid 'published'"),
        (b"---\ngenre: roddel\n---\nTekst.", "invalid 'genre'"),
        (b"---\ntitle: x\n---\n", "no body text"),
    ],
)
def test_bad_documents_are_refused_with_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = _write(tmp_path, "stuk.txt", content)
    with pytest.raises(DocumentError, match=message) as error:
        read_document(path)
    assert str(path) in str(error.value)
    assert "\n" not in str(error.value)


def test_sidecar_and_front_matter_may_not_both_set_a_key(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", b"---\ntitle: Een\n---\nTekst.")
    _write(tmp_path, "a.meta.yaml", b"title: Twee\n")
    with pytest.raises(DocumentError, match="sets title which the document's front matter sets too"):
        read_document(tmp_path / "a.txt")


def test_duplicate_ids_in_subfolders_are_refused(tmp_path: Path) -> None:
    (tmp_path / "2023").mkdir()
    (tmp_path / "2024").mkdir()
    _write(tmp_path / "2023", "stuk.txt", b"Een.")
    _write(tmp_path / "2024", "stuk.txt", b"Twee.")
    with pytest.raises(DocumentError, match="duplicate document id 'stuk'"):
        discover_documents(tmp_path)


def test_a_byte_order_mark_is_not_part_of_the_body(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "bom.txt", "\ufeffPremier Rutte.".encode()))
    assert document.body == "Premier Rutte."
