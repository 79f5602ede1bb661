"""One commitment per report: a headline and the sentence it sums up are one.

"Nederland draagt 100 miljoen bij aan klimaatfonds" over "Nederland draagt 100 miljoen
euro bij aan het nieuwe fonds …" is one commitment with both as evidence; the same amount
said twice in the body stays two reports.
"""

from __future__ import annotations

from dataclasses import replace

from navokg.extract.context import Context
from navokg.model import AidCommitment

__all__ = ["one_per_amount"]


def _headline(ctx: Context, commitment: AidCommitment) -> bool:
    """Whether a commitment is read from a headline: a line without closing punctuation."""
    sentence = ctx.text.sentence_at(commitment.evidence[0].start)
    return ctx.body[sentence.end - 1 : sentence.end] not in ".!?:;\"'’”)"


def _same_report(ctx: Context, a: AidCommitment, b: AidCommitment) -> bool:
    """Whether two commitments of one donor and amount are a headline and the sentence it
    sums up: the same recipient (or one the text only describes), dates that agree."""
    recipients = a.recipient == b.recipient or a.recipient not in ctx.registry or b.recipient not in ctx.registry
    dates = a.date is None or b.date is None or a.date.lexical == b.date.lexical
    return recipients and dates and (_headline(ctx, a) or _headline(ctx, b))


def one_per_amount(ctx: Context, found: list[AidCommitment]) -> list[AidCommitment]:
    """A headline and the sentence it sums up ("Nederland draagt 100 miljoen bij aan
    klimaatfonds" / "Nederland draagt 100 miljoen euro bij aan het nieuwe fonds …") are
    one commitment, with both as evidence and the recipient the gazetteer knows, else the
    one the fuller sentence names.  Other repeated amounts stay separate reports."""
    kept: dict[tuple[object, ...], AidCommitment] = {}
    order: list[tuple[object, ...]] = []
    for commitment in found:
        key: tuple[object, ...] = (commitment.donors, commitment.amount, commitment.currency)
        if commitment.amount is None:
            key = (id(commitment),)
        old = kept.get(key)
        if old is not None and not _same_report(ctx, old, commitment):
            key = (*key, id(commitment))
            old = None
        if old is None:
            kept[key] = commitment
            order.append(key)
            continue
        known = [c for c in (old, commitment) if c.recipient in ctx.registry]
        fuller = max((old, commitment), key=lambda c: sum(e.end - e.start for e in c.evidence))
        chosen = known[0] if len(known) == 1 else fuller
        evidence = tuple(sorted({*old.evidence, *commitment.evidence}, key=lambda e: e.start))
        kept[key] = replace(
            chosen,
            evidence=evidence,
            confidence=max(old.confidence or 0, commitment.confidence or 0),
            status=chosen.status or old.status or commitment.status,
        )
    return [kept[key] for key in order]
