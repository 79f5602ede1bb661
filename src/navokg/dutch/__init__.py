"""Dutch language helpers that every stage shares: dates, amounts, word and name folding."""
