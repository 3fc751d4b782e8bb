using ChatBot.Retrieval.Storage.Articles;

namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>
/// Top-k BM25 with MaxScore pruning. Each query token's list gets an upper bound of its score (its idf times the BM25
/// term part at the list's largest frequency and shortest document); lists sorted by bound, the cheapest ones whose
/// bounds together cannot reach the current k-th score are "non-essential": only documents of the other lists are
/// candidates, and the non-essential lists are probed (skipping whole blocks) only while the candidate can still win.
/// A document that survives is scored exactly as FTS5 does, phrase by phrase in query order, so the scores are equal.
/// </summary>
public sealed partial class LexicalIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>
    /// The <paramref name="limit"/> best rows of <paramref name="library"/> for a query whose phrases are single
    /// tokens (<paramref name="phrases"/>, one per FTS5 phrase, in query order, repeats allowed), best first, equal
    /// scores by chunk id: FTS5's <c>ORDER BY bm25(chunks_fts, 0.5, 1.0), rowid</c> with its scores negated.
    /// </summary>
    public IReadOnlyList<LexicalHit> Search(string library, IReadOnlyList<string> phrases, int limit)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        _lock.EnterReadLock();
        try
        {
            if (limit <= 0 || _rows == 0 || !_libraryKeys.TryGetValue(library, out var key))
            {
                return [];
            }

            var avgdl = (double)_tokens / _rows;
            var terms = new List<Term>();
            var phraseTerm = new int[phrases.Count];
            for (var p = 0; p < phrases.Count; p++)
            {
                phraseTerm[p] = -1;
                if (!_tokenIds.TryGetValue(phrases[p], out var token))
                {
                    continue;
                }

                var idf = Idf(DocumentFrequency(token));
                var existing = terms.FindIndex(t => t.Token == token);
                if (existing >= 0)
                {
                    terms[existing] = terms[existing] with { Repeats = terms[existing].Repeats + 1 };
                    phraseTerm[p] = existing;
                }
                else if (_lists[key].TryGetValue(token, out var list))
                {
                    phraseTerm[p] = terms.Count;
                    terms.Add(new Term(token, list, idf, 1));
                }
            }

            return terms.Count == 0 ? [] : MaxScore(terms, phraseTerm, phrases.Count, avgdl, limit);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private static double TermPart(double frequency, double length, double avgdl) =>
        (frequency * (K1 + 1.0)) / (frequency + (K1 * (1 - B + (B * length / avgdl))));

    private double Idf(int hits)
    {
        var idf = Math.Log((_rows - hits + 0.5) / (hits + 0.5));
        return idf <= 0.0 ? 1e-6 : idf;
    }

    private LexicalHit[] MaxScore(List<Term> terms, int[] phraseTerm, int phrases, double avgdl, int limit)
    {
        // Order the terms by bound (cheapest first) and remember, per phrase, where its term went.
        var bounds = terms.Select(t => t.Repeats * t.Idf * TermPart(t.List.MaxTwiceFrequency / 2.0, t.List.MinLength, avgdl)).ToArray();
        var order = Enumerable.Range(0, terms.Count).OrderBy(i => bounds[i]).ToArray();
        var position = new int[terms.Count];
        for (var i = 0; i < order.Length; i++)
        {
            position[order[i]] = i;
        }

        var sorted = order.Select(i => terms[i]).ToArray();
        var below = new double[sorted.Length + 1];
        for (var i = 0; i < sorted.Length; i++)
        {
            below[i + 1] = below[i] + bounds[order[i]];
        }

        var cursors = sorted.Select(t => new PostingCursor(t.List)).ToArray();
        for (var i = 0; i < cursors.Length; i++)
        {
            cursors[i].Next();
        }

        var frequencies = new double[sorted.Length];
        var heap = new ScoreHeap(limit);
        var essential = 0;
        while (true)
        {
            var doc = int.MaxValue;
            for (var i = essential; i < cursors.Length; i++)
            {
                doc = Math.Min(doc, cursors[i].Doc);
            }

            if (doc == int.MaxValue)
            {
                break;
            }

            Array.Clear(frequencies);
            double partial = 0;
            for (var i = essential; i < cursors.Length; i++)
            {
                if (cursors[i].Doc == doc)
                {
                    frequencies[i] = cursors[i].TwiceFrequency / 2.0;
                    partial += sorted[i].Repeats * sorted[i].Idf * TermPart(frequencies[i], _lengths[doc], avgdl);
                    cursors[i].Next();
                }
            }

            if (_dead[doc])
            {
                continue;
            }

            var alive = true;
            for (var i = essential - 1; i >= 0 && alive; i--)
            {
                if (!heap.CouldEnter(partial + below[i + 1]))
                {
                    alive = false;
                    break;
                }

                cursors[i].Advance(doc);
                if (cursors[i].Doc == doc)
                {
                    frequencies[i] = cursors[i].TwiceFrequency / 2.0;
                    partial += sorted[i].Repeats * sorted[i].Idf * TermPart(frequencies[i], _lengths[doc], avgdl);
                }
            }

            if (!alive || !heap.CouldEnter(partial))
            {
                continue;
            }

            // FTS5's own sum: phrase by phrase in query order (a phrase of a token this library lacks adds nothing).
            double score = 0;
            for (var p = 0; p < phrases; p++)
            {
                var f = phraseTerm[p] < 0 ? 0 : frequencies[position[phraseTerm[p]]];
                if (f > 0)
                {
                    score += sorted[position[phraseTerm[p]]].Idf * TermPart(f, _lengths[doc], avgdl);
                }
            }

            if (heap.Offer(score, _chunkIds[doc], doc))
            {
                while (essential < cursors.Length && !heap.CouldEnter(below[essential + 1]))
                {
                    essential++;
                }
            }
        }

        return heap.Best().Select(x => new LexicalHit(x.ChunkId, _articleIds[x.Doc], x.Score)).ToArray();
    }

    private sealed record Term(int Token, PostingList List, double Idf, int Repeats);
}
